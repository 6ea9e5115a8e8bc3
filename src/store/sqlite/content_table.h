// The contents table of a SQLite workspace: what the organization
// published, keyed by (channel, key), channels shared with events. See
// EventSink::AddContent and Store::ScanContents for the contracts.
#pragma once

#include <functional>
#include <memory>

#include "learnloop/content.h"
#include "learnloop/status.h"
#include "store/sqlite/connection.h"

namespace learnloop::store::sqlite {

// Upserts contents one at a time inside the caller's write transaction.
class ContentWriter {
 public:
  static Result<std::unique_ptr<ContentWriter>> Prepare(Connection& db, int64_t org_id);
  ~ContentWriter();
  ContentWriter(const ContentWriter&) = delete;
  ContentWriter& operator=(const ContentWriter&) = delete;

  Status Add(const ContentItem& item);
  ContentCounts counts() const;

 private:
  struct Parts;
  explicit ContentWriter(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> parts_;
};

Status ScanContentsInOrder(Connection& db, int64_t org_id, const std::function<Status(const ContentItem&)>& visit);

}  // namespace learnloop::store::sqlite
