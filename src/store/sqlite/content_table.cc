#include "store/sqlite/content_table.h"

#include <fmt/format.h>

#include <optional>
#include <string>

#include "store/sqlite/channel_ids.h"
#include "store/sqlite/statement.h"

namespace learnloop::store::sqlite {

struct ContentWriter::Parts {
  ChannelIds channels;
  Statement select;
  Statement upsert;
  int64_t org_id;
  ContentCounts counts;
};

Result<std::unique_ptr<ContentWriter>> ContentWriter::Prepare(Connection& db, int64_t org_id) {
  LL_ASSIGN_OR_RETURN(ChannelIds channels, ChannelIds::Prepare(db));
  LL_ASSIGN_OR_RETURN(Statement select, Statement::Prepare(db, R"sql(
SELECT published_at, text, tags FROM contents WHERE org_id = ?1 AND channel_id = ?2 AND key = ?3
)sql"));
  // A time already stored is kept when this import has none: a feed that
  // stops giving dates must not erase them.
  LL_ASSIGN_OR_RETURN(Statement upsert, Statement::Prepare(db, R"sql(
INSERT INTO contents (org_id, channel_id, key, published_at, text, tags) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
ON CONFLICT (org_id, channel_id, key) DO UPDATE SET
  published_at = coalesce(excluded.published_at, contents.published_at), text = excluded.text, tags = excluded.tags
)sql"));
  return std::unique_ptr<ContentWriter>(new ContentWriter(
      std::make_unique<Parts>(Parts{std::move(channels), std::move(select), std::move(upsert), org_id, {}})));
}

ContentWriter::ContentWriter(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}
ContentWriter::~ContentWriter() = default;

Status ContentWriter::Add(const ContentItem& item) {
  if (item.channel.empty() || item.key.empty())
    return InvalidArgument(fmt::format("content '{}' has an empty {}", item.key, item.key.empty() ? "key" : "channel"));
  Parts& p = *parts_;
  LL_ASSIGN_OR_RETURN(int64_t channel_id, p.channels.Resolve(p.org_id, item.channel));
  for (Statement* s : {&p.select, &p.upsert}) {
    s->Bind(1, p.org_id);
    s->Bind(2, channel_id);
    s->Bind(3, item.key);
  }
  const std::optional<int64_t> published =
      item.published_at ? std::optional<int64_t>(item.published_at->micros) : std::nullopt;
  LL_ASSIGN_OR_RETURN(bool stored, p.select.Step());
  ++p.counts.rows;
  if (stored) {
    // Re-importing the same item changes nothing; a changed text (a feed
    // item's title is its text's first line), tags or time replaces the
    // stored one, so the newest import wins.
    const bool same = p.select.ColumnText(1) == item.text && p.select.ColumnText(2) == item.tags &&
                      (!published || p.select.ColumnOptionalInt(0) == published);
    p.select.Reset();
    if (same) {
      ++p.counts.unchanged;
      return Status::Ok();
    }
    ++p.counts.updated;
  } else {
    ++p.counts.added;
  }
  p.upsert.Bind(4, published);
  p.upsert.Bind(5, item.text);
  p.upsert.Bind(6, item.tags);
  return p.upsert.Run();
}

ContentCounts ContentWriter::counts() const { return parts_->counts; }

Status ScanContentsInOrder(Connection& db, int64_t org_id, const std::function<Status(const ContentItem&)>& visit) {
  LL_ASSIGN_OR_RETURN(Statement scan, Statement::Prepare(db, R"sql(
SELECT c.name, t.key, t.published_at, t.text, t.tags
FROM contents t JOIN channels c ON c.id = t.channel_id
WHERE t.org_id = ?1
ORDER BY c.name, t.key
)sql"));
  scan.Bind(1, org_id);
  ContentItem item;
  return scan.ForEachRow([&](const Statement& row) {
    item.channel = row.ColumnText(0);
    item.key = row.ColumnText(1);
    std::optional<int64_t> published = row.ColumnOptionalInt(2);
    item.published_at = published ? std::optional<Timestamp>(Timestamp{*published}) : std::nullopt;
    item.text = row.ColumnText(3);
    item.tags = row.ColumnText(4);
    return visit(item);
  });
}

}  // namespace learnloop::store::sqlite
