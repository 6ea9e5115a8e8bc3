#include "learnloop/workspace.h"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <functional>
#include <future>
#include <set>
#include <span>
#include <sstream>
#include <system_error>

#include "accounts/account_store.h"
#include "core/output_file.h"
#include "engine/event_table.h"
#include "engine/identity_links.h"
#include "engine/snapshot.h"
#include "ingest/column_mapping.h"
#include "ingest/event_reader.h"
#include "ingest/event_writer.h"
#include "ingest/input_text.h"
#include "ingest/observation_reader.h"
#include "ingest/person_attribute_reader.h"
#include "ingest/platform.h"
#include "ladder/ladder_rules.h"
#include "loop/files.h"
#include "loop/loop_store.h"
#include "loop/tactics.h"
#include "metrics/metric_defs.h"
#include "metrics/person_attributes.h"
#include "store/checksum.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"
#include "workspace/email_hash.h"
#include "workspace/link_keys.h"

namespace learnloop {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kTimeZoneKey = "time_zone";
constexpr std::string_view kOrgNameKey = "org_name";
constexpr std::string_view kEmailKeyIdKey = "email_key_id";  // set when emails are hashed
// Rows between progress reports: often enough for a smooth line, rarely
// enough to cost nothing.
constexpr int64_t kProgressEvery = 1024;

// Writes a default config file unless the name is taken (a file the user
// put there first, or any link: never written through).
Status WriteDefaultFile(const fs::path& file, std::string_view text) {
  Status created = CreateNewFile(file, text);
  return created.code() == StatusCode::kAlreadyExists ? Status::Ok() : created;
}

Status CheckWritableDir(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return IoError(fmt::format("cannot create workspace directory {}: {}", dir.string(), ec.message()));
  if (::access(dir.c_str(), W_OK) != 0)
    return IoError(fmt::format("workspace directory {} is not writable", dir.string()));
  return Status::Ok();
}

std::string StorePath(const fs::path& dir) { return (dir / kStoreFileName).string(); }

ImportSummary SummaryOf(const store::ImportRecord& r) {
  ImportSummary s;
  s.file = r.file_name;
  s.sha256 = r.sha256;
  s.import_id = r.id;
  s.rows = r.rows;
  s.added = r.added;
  s.duplicates = r.duplicates;
  s.repeated = r.repeated();
  s.custom_kinds = r.custom_kinds;
  s.finished_at = r.finished_at;
  return s;
}

}  // namespace

namespace {

// What a config file looked like when it was read: a change to it (an edit
// while a server holds the workspace open) makes it read again.
struct FileStamp {
  bool exists = false;
  fs::file_time_type modified;
  uintmax_t size = 0;
  bool operator==(const FileStamp&) const = default;
};

FileStamp StampOf(const fs::path& file) {
  std::error_code ec;
  FileStamp stamp;
  stamp.exists = fs::exists(file, ec);
  if (stamp.exists) {
    stamp.modified = fs::last_write_time(file, ec);
    stamp.size = fs::file_size(file, ec);
  }
  return stamp;
}

}  // namespace

// The workspace's config files as parsed, once per change of the files.
struct Workspace::Config {
  FileStamp ladder_stamp;
  FileStamp metrics_stamp;
  ladder::LadderRules rules;
  std::string metrics_file;                 // its path, for messages
  std::optional<std::string> metrics_text;  // none: the built-in metrics
  // Parsed without checking person filters against stored attributes, so
  // reading them needs no attribute scan; the error when it does not parse.
  Result<std::vector<metrics::MetricDef>> declared = std::vector<metrics::MetricDef>();
};

Workspace::Workspace(fs::path dir, std::shared_ptr<store::Store> store, TimeZone zone, const Clock& clock)
    : dir_(std::move(dir)), store_(std::move(store)), zone_(std::move(zone)), clock_(&clock) {}
Workspace::Workspace(Workspace&&) noexcept = default;
Workspace& Workspace::operator=(Workspace&&) noexcept = default;
Workspace::~Workspace() = default;

Result<Workspace> Workspace::Init(const fs::path& dir, const InitOptions& options, const Clock& clock) {
  LL_ASSIGN_OR_RETURN(TimeZone zone, TimeZone::Load(options.time_zone));
  std::error_code ec;
  if (fs::exists(dir / kStoreFileName, ec))
    return AlreadyExists(fmt::format("{} already holds a workspace", dir.string()));
  LL_RETURN_IF_ERROR(CheckWritableDir(dir));
  store::SqliteOptions store_options;
  store_options.clock = &clock;
  LL_ASSIGN_OR_RETURN(auto store, store::OpenSqliteStore(StorePath(dir), store::OpenMode::kCreate, store_options));
  LL_RETURN_IF_ERROR(store->SetSetting(std::string(kTimeZoneKey), zone.name()));
  LL_RETURN_IF_ERROR(store->SetSetting(std::string(kOrgNameKey), options.org_name));
  LL_RETURN_IF_ERROR(WriteDefaultFile(dir / kLadderFileName, ladder::DefaultLadderToml()));
  LL_RETURN_IF_ERROR(WriteDefaultFile(dir / kMetricsFileName, metrics::DefaultMetricsToml()));
  LL_RETURN_IF_ERROR(WriteDefaultFile(dir / kTacticsFileName, loop::DefaultTacticsToml()));
  LL_RETURN_IF_ERROR(WriteDefaultFile(dir / kPeopleFileName, DefaultPeopleToml()));
  Workspace ws(dir, std::move(store), std::move(zone), clock);
  if (options.hash_emails) {
    LL_ASSIGN_OR_RETURN(EmailHasher hasher, EmailHasher::Create(dir / kEmailKeyFileName));
    ws.email_key_id_ = hasher.KeyId();
    LL_RETURN_IF_ERROR(ws.store_->SetSetting(std::string(kEmailKeyIdKey), ws.email_key_id_));
    ws.email_hasher_ = std::make_unique<EmailHasher>(hasher);
  }
  return ws;
}

Result<Workspace> Workspace::Open(const fs::path& dir, const Clock& clock) {
  std::error_code ec;
  if (!fs::exists(dir / kStoreFileName, ec))
    return NotFound(fmt::format("no workspace in {}; run `learnloop init --workspace {}` or `learnloop demo` first",
                                dir.string(), dir.string()));
  store::SqliteOptions store_options;
  store_options.clock = &clock;
  LL_ASSIGN_OR_RETURN(auto store, store::OpenSqliteStore(StorePath(dir), store::OpenMode::kReadWrite, store_options));
  LL_ASSIGN_OR_RETURN(auto zone_name, store->GetSetting(std::string(kTimeZoneKey)));
  LL_ASSIGN_OR_RETURN(TimeZone zone, TimeZone::Load(zone_name.value_or("UTC")));
  LL_ASSIGN_OR_RETURN(auto email_key_id, store->GetSetting(std::string(kEmailKeyIdKey)));
  Workspace ws(dir, std::move(store), std::move(zone), clock);
  ws.email_key_id_ = email_key_id.value_or("");
  return ws;
}

Result<const EmailHasher*> Workspace::EmailHashing() {
  if (email_key_id_.empty()) return nullptr;
  if (!email_hasher_) {
    LL_ASSIGN_OR_RETURN(EmailHasher hasher, EmailHasher::Load(dir_ / kEmailKeyFileName, email_key_id_));
    email_hasher_ = std::make_unique<EmailHasher>(hasher);
  }
  return email_hasher_.get();
}

namespace {

// Hashes the file in chunks; run beside the parse so that large imports
// do not pay for the checksum on the one core doing the inserts. Stops
// early once `stop` is set (the import failed and needs no checksum).
Result<std::string> Sha256OfFile(const fs::path& file, const std::atomic<bool>& stop) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return IoError(fmt::format("{}: cannot be read (permissions?)", file.string()));
  store::Sha256 hasher;
  std::string chunk(1 << 20, '\0');
  while (in && !stop) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    hasher.Update(std::string_view(chunk.data(), static_cast<size_t>(in.gcount())));
  }
  if (in.bad()) return IoError(fmt::format("{}: read failed", file.string()));
  return hasher.FinishHex();
}

// The checksum of a file being imported, hashed on a thread of its own
// beside the import.
class FileChecksum {
 public:
  explicit FileChecksum(const fs::path& file)
      : hash_(std::async(std::launch::async, Sha256OfFile, file, std::cref(stop_))) {}

  // `filled`, the import's status; when it is Ok, the checksum goes to
  // `sha256`. Always waits for the hashing thread, but does not make a
  // refused file wait for the hash of all of it.
  Status Finish(const Status& filled, std::string& sha256) {
    if (!filled.ok()) stop_ = true;
    Result<std::string> hash = hash_.get();
    LL_RETURN_IF_ERROR(filled);
    LL_ASSIGN_OR_RETURN(sha256, std::move(hash));
    return Status::Ok();
  }

 private:
  std::atomic<bool> stop_ = false;
  std::future<Result<std::string>> hash_;
};

// How messages and the import's record name `file`.
std::string NameOf(const fs::path& file, const ImportOptions& options) {
  return options.display_name.empty() ? file.string() : options.display_name;
}

}  // namespace

Result<ImportSummary> Workspace::Import(const fs::path& file, const ImportOptions& options) {
  const std::string name = NameOf(file, options);
  LL_ASSIGN_OR_RETURN(const ingest::PlatformFormat* platform, PlatformFormatOf(file, options));
  if (platform) return ImportPlatformFile(file, *platform, options);
  std::optional<ingest::ColumnMapping> mapping;
  if (!options.mapping_file.empty()) {
    LL_ASSIGN_OR_RETURN(mapping, ingest::LoadColumnMapping(options.mapping_file));
  }
  ingest::ReadOptions read_options;
  read_options.mapping = mapping ? &*mapping : nullptr;
  read_options.display_name = name;
  LL_ASSIGN_OR_RETURN(auto reader, ingest::OpenEventFile(file, read_options));
  FileChecksum checksum(file);
  store::ImportRecord record;
  record.file_name = name;
  const std::string what = fmt::format("{}: rows read", name);
  auto fill = [&reader, &what, this](store::EventSink& sink, store::ImportRecord& rec) -> Status {
    EventView event;
    for (int64_t rows = 1;; ++rows) {
      LL_ASSIGN_OR_RETURN(bool more, reader->Next(&event));
      if (!more) break;
      LL_RETURN_IF_ERROR(sink.Add(event));
      if (rows % kProgressEvery == 0) progress_->Update(what, rows, 0);
    }
    rec.rows = reader->counts().rows;
    rec.custom_kinds = reader->counts().custom_kinds;
    return Status::Ok();
  };
  auto fill_and_checksum = [&](store::EventSink& sink, store::ImportRecord& rec) -> Status {
    return checksum.Finish(fill(sink, rec), rec.sha256);
  };
  std::optional<ImportPreview> preview;
  auto imported = RunImport(std::move(record), fill_and_checksum, options, &preview);
  progress_->Done();
  LL_ASSIGN_OR_RETURN(store::ImportRecord done, std::move(imported));
  if (done.added > 0 || done.attributes.added + done.attributes.updated + done.attributes.removed > 0) Forget();
  ImportSummary summary = SummaryOf(done);
  summary.format = kCanonicalFormat;
  if (preview) summary.repeated = 0;  // a dry run tells no row from a stored one
  summary.preview = std::move(preview);
  return summary;
}

namespace {

// Hands what a platform file yields to the store's import.
class StoreRecordSink final : public ingest::RecordSink {
 public:
  explicit StoreRecordSink(store::EventSink& sink) : sink_(sink) {}
  Status Event(const EventView& event) override { return sink_.Add(event); }
  Status Observation(const learnloop::Observation& observation) override { return sink_.AddObservation(observation); }
  Status Attribute(const PersonAttribute& attribute) override { return sink_.SetAttribute(attribute); }
  Status Content(const ContentItem& item) override { return sink_.AddContent(item); }

 private:
  store::EventSink& sink_;
};

std::string SkipList(const std::map<std::string, int64_t>& skipped) {
  std::string list;
  for (const auto& [reason, count] : skipped) list += fmt::format("{}{} x {}", list.empty() ? "" : "; ", count, reason);
  return list;
}

}  // namespace

namespace {

// Counts what an import would store, and stores nothing.
class PreviewSink final : public store::EventSink {
 public:
  PreviewSink(ImportPreview& preview, std::vector<LinkKeyAttribute> keys) : preview_(preview), keys_(std::move(keys)) {}

  // The distinct people the file names.
  const std::set<std::string, std::less<>>& people() const { return people_; }

  Status Add(const EventView& event) override {
    ++preview_.events;
    ++preview_.kinds[std::string(event.kind)];
    ++preview_.channels[std::string(event.channel)];
    if (!preview_.first || event.ts < *preview_.first) preview_.first = event.ts;
    if (!preview_.last || *preview_.last < event.ts) preview_.last = event.ts;
    Person(event.person);
    return Status::Ok();
  }
  Status AddObservation(const learnloop::Observation& observation) override {
    ++preview_.observations;
    ++preview_.channels[observation.channel];
    return Status::Ok();
  }
  Status SetAttribute(const PersonAttribute& attribute) override {
    ++preview_.attributes;
    Person(attribute.person);
    // A key field (people.toml) naming another identity links the two.
    if (!KeyLinkOf(keys_, attribute).empty()) ++preview_.links[attribute.attribute];
    return Status::Ok();
  }
  Status AddContent(const ContentItem& item) override {
    ++preview_.contents;
    ++preview_.channels[item.channel];
    return Status::Ok();
  }

 private:
  void Person(std::string_view person) {
    if (people_.emplace(person).second) preview_.people = static_cast<int64_t>(people_.size());
  }

  ImportPreview& preview_;
  const std::vector<LinkKeyAttribute> keys_;
  std::set<std::string, std::less<>> people_;
};

}  // namespace

Result<store::ImportRecord> Workspace::RunImport(
    store::ImportRecord record, const std::function<Status(store::EventSink&, store::ImportRecord&)>& fill,
    const ImportOptions& options, std::optional<ImportPreview>* preview) {
  LL_ASSIGN_OR_RETURN(const EmailHasher* hasher, EmailHashing());
  // Where emails are hashed, no import hands one on as it was written.
  auto hashed_fill = [&](store::EventSink& sink, store::ImportRecord& rec) {
    if (hasher == nullptr) return fill(sink, rec);
    EmailHashingSink hashing(sink, *hasher);
    return fill(hashing, rec);
  };
  if (!options.dry_run) return store_->Import(std::move(record), hashed_fill);
  ImportPreview counted;
  LL_ASSIGN_OR_RETURN(const std::string people_toml, PeopleTomlText());
  LL_ASSIGN_OR_RETURN(std::vector<LinkKeyAttribute> keys,
                      ParseLinkKeys(people_toml, (dir_ / kPeopleFileName).string()));
  PreviewSink sink(counted, std::move(keys));
  LL_RETURN_IF_ERROR(hashed_fill(sink, record));
  // Which of the file's people the workspace has not met: a look-up each,
  // read only.
  for (const std::string& person : sink.people()) {
    LL_ASSIGN_OR_RETURN(const bool known, store_->HasIdentity(person));
    if (!known) ++counted.new_people;
  }
  *preview = std::move(counted);
  return record;
}

Result<const ingest::PlatformFormat*> Workspace::PlatformFormatOf(const fs::path& file, const ImportOptions& options) {
  const ingest::PlatformFormat* platform = nullptr;
  if (!options.format.empty() && !ingest::SameName(options.format, kCanonicalFormat)) {
    platform = ingest::FindPlatformFormat(options.format);
    if (!platform)
      return InvalidArgument(fmt::format("unknown format '{}'; expected {} or one of: {}", options.format,
                                         kCanonicalFormat, ingest::PlatformFormatNames()));
  }
  if (options.format.empty()) {
    // Sniff the head; an unreadable file, or anything but a regular file
    // (opening a FIFO would block), is the canonical reader's to report.
    std::error_code ec;
    std::ifstream in;
    if (fs::is_regular_file(file, ec)) in.open(file, std::ios::binary);
    std::string head(ingest::kSniffBytes, '\0');
    if (in) {
      in.read(head.data(), static_cast<std::streamsize>(head.size()));
      head.resize(static_cast<size_t>(in.gcount()));
      platform = ingest::SniffPlatformFormat(ingest::WithoutBom(head));
    }
  }
  if (platform && !options.mapping_file.empty())
    return InvalidArgument(fmt::format("{}: --map applies to CSV event files; this is {} ({})", NameOf(file, options),
                                       platform->title, platform->name));
  return platform;
}

Result<ImportSummary> Workspace::ImportPlatformFile(const fs::path& file, const ingest::PlatformFormat& format,
                                                    const ImportOptions& options) {
  const std::string name = NameOf(file, options);
  // Read as a stream, never whole: memory is bounded by the largest record,
  // not by the file.
  LL_ASSIGN_OR_RETURN(std::unique_ptr<ingest::ChunkedInput> input, ingest::ChunkedInput::Open(file, name));
  ingest::PlatformContext context{name, options.channel, zone_};
  ingest::ReadReport report;
  store::ImportRecord record;
  record.file_name = name;
  FileChecksum checksum(file);
  auto read = [&](store::EventSink& sink, store::ImportRecord& rec) -> Status {
    StoreRecordSink records(sink);
    LL_RETURN_IF_ERROR(ingest::ReadPlatformFile(format, *input, context, records, report, rec.custom_kinds));
    rec.rows = report.records;
    if (options.strict && report.skipped_total() > 0)
      return InvalidArgument(fmt::format("{}: {} of {} records cannot be used ({}); without --strict they are skipped",
                                         name, report.skipped_total(), report.records, SkipList(report.skipped)));
    return Status::Ok();
  };
  auto fill = [&](store::EventSink& sink, store::ImportRecord& rec) -> Status {
    return checksum.Finish(read(sink, rec), rec.sha256);
  };
  std::optional<ImportPreview> preview;
  LL_ASSIGN_OR_RETURN(store::ImportRecord done, RunImport(std::move(record), fill, options, &preview));
  if (done.added > 0 || done.attributes.added + done.attributes.updated + done.attributes.removed > 0) Forget();
  ImportSummary summary = SummaryOf(done);
  summary.preview = std::move(preview);
  summary.format = format.name;
  summary.observations = done.observations;
  summary.attributes = done.attributes;
  summary.contents = done.contents;
  summary.skipped = std::move(report.skipped);
  summary.warnings = std::move(report.warnings);
  summary.more_warnings = report.more_warnings;
  // An event of a platform record counts once; a record that became
  // observations only is neither added nor a duplicate.
  summary.repeated = 0;
  return summary;
}

Result<std::optional<std::string>> Workspace::WhyNotImportable(const fs::path& file, const ImportOptions& options) {
  LL_ASSIGN_OR_RETURN(const ingest::PlatformFormat* platform, PlatformFormatOf(file, options));
  if (platform) return std::optional<std::string>();
  std::optional<ingest::ColumnMapping> mapping;
  if (!options.mapping_file.empty()) {
    LL_ASSIGN_OR_RETURN(mapping, ingest::LoadColumnMapping(options.mapping_file));
  }
  ingest::ReadOptions read_options;
  read_options.mapping = mapping ? &*mapping : nullptr;
  read_options.display_name = NameOf(file, options);
  auto reader = ingest::OpenEventFile(file, read_options);
  if (reader.ok()) return std::optional<std::string>();
  if (reader.status().code() != StatusCode::kInvalidArgument) return reader.status();
  return std::optional<std::string>(reader.status().message());
}

Status Workspace::Export(std::ostream& out, ExportFormat format) {
  auto writer = ingest::MakeEventWriter(format, out);
  LL_RETURN_IF_ERROR(store_->ScanEvents([&writer](const EventView& e) { return writer->Write(e); }));
  return writer->Finish();
}

namespace {

Result<std::shared_ptr<const engine::EventTable>> LoadEventTable(store::Store& store, const TimeZone& zone,
                                                                 Progress& progress) {
  engine::EventTableBuilder builder;
  int64_t events = 0;
  Status scanned = store.ScanEvents([&](const EventView& e) {
    LL_RETURN_IF_ERROR(builder.Add(e));
    if (++events % kProgressEvery == 0) progress.Update("events read into the engine", events, 0);
    return Status::Ok();
  });
  progress.Done();
  LL_RETURN_IF_ERROR(scanned);
  return std::make_shared<const engine::EventTable>(std::move(builder).Build(zone));
}

metrics::ParseOptions MetricParseOptions(const ladder::LadderRules& rules, std::string_view file_name) {
  metrics::ParseOptions options;
  options.file_name = file_name;
  for (const ladder::Rung& rung : rules.rungs) options.rung_names.push_back(rung.name);
  return options;
}

}  // namespace

Result<const Workspace::Config*> Workspace::LoadConfig() {
  const fs::path rules_file = dir_ / kLadderFileName;
  const fs::path metrics_file = dir_ / kMetricsFileName;
  const FileStamp ladder_stamp = StampOf(rules_file);
  const FileStamp metrics_stamp = StampOf(metrics_file);
  if (config_ && config_->ladder_stamp == ladder_stamp && config_->metrics_stamp == metrics_stamp) return config_.get();
  auto config = std::make_unique<Config>();
  config->ladder_stamp = ladder_stamp;
  config->metrics_stamp = metrics_stamp;
  LL_ASSIGN_OR_RETURN(std::string rules_text, ingest::ReadWholeFile(rules_file));
  LL_ASSIGN_OR_RETURN(config->rules, ladder::ParseLadderRules(rules_text, rules_file.string()));
  config->metrics_file = metrics_file.string();
  if (metrics_stamp.exists) {
    LL_ASSIGN_OR_RETURN(config->metrics_text, ingest::ReadWholeFile(metrics_file));
  }
  config->declared =
      metrics::ParseWorkspaceMetrics(config->metrics_text, MetricParseOptions(config->rules, config->metrics_file));
  config_ = std::move(config);
  return config_.get();
}

Result<LearningLoop> Workspace::OpenLoop(std::string actor, std::optional<Day> today) {
  LL_ASSIGN_OR_RETURN(const Config* config, LoadConfig());
  LoopConfig loop_config;
  loop_config.dir = dir_;
  for (const ladder::Rung& rung : config->rules.rungs) loop_config.rung_names.push_back(rung.name);
  if (config->declared.ok()) {
    for (const metrics::MetricDef& def : *config->declared) loop_config.metric_names.push_back(def.name);
  } else {
    loop_config.metrics_error = config->declared.status();
  }
  LL_ASSIGN_OR_RETURN(loop_config.wip_limit, loop::ReadWipLimit(dir_));
  LL_ASSIGN_OR_RETURN(auto loop_store, loop::MakeSqliteLoopStore(store_));
  LoopOptions options;
  options.actor = actor.empty() ? "unknown" : std::move(actor);
  options.today = today.value_or(Today());
  options.now = clock_->Now();
  return LearningLoop(std::move(loop_store), std::move(loop_config), std::move(options));
}

Result<Accounts> Workspace::OpenAccounts() {
  LL_ASSIGN_OR_RETURN(auto account_store, accounts::MakeSqliteAccountStore(store_));
  return Accounts(std::move(account_store), *clock_);
}

Result<std::shared_ptr<const engine::EventTable>> Workspace::UnlinkedEvents() {
  LL_ASSIGN_OR_RETURN(std::string version, store_->EventsVersion());
  const engine::SnapshotKey key{version, zone_.name()};
  const fs::path snapshot = dir_ / kSnapshotFileName;
  if (std::optional<engine::EventTable> saved = engine::ReadSnapshot(snapshot, key))
    return std::make_shared<const engine::EventTable>(std::move(*saved));
  LL_ASSIGN_OR_RETURN(std::shared_ptr<const engine::EventTable> table, LoadEventTable(*store_, zone_, *progress_));
  if (store_->read_only()) {
    progress_->Note(
        fmt::format("{} is read-only: the engine is not saved ({}), so each command reads every event again",
                    dir_.string(), kSnapshotFileName));
    return table;
  }
  // The version was read before the scan, so a concurrent import can only
  // make this snapshot look older than its contents: the next command
  // rebuilds rather than missing events. Failing to save (a full disk)
  // costs only that rebuild. The snapshot holds the events as stored, so a
  // new link does not make it stale.
  Status saved = engine::WriteSnapshot(*table, key, snapshot);
  (void)saved;
  return table;
}

Result<std::shared_ptr<const engine::EventTable>> Workspace::Events() {
  LL_RETURN_IF_ERROR(ForgetIfStale());
  if (table_) return table_;
  // Linking costs a pass over every identity and a copy of every event, so
  // the linked engine is saved too, keyed by the events, the links and the
  // keys people.toml names: any change to one makes it stale.
  LL_ASSIGN_OR_RETURN(std::string events_version, store_->EventsVersion());
  LL_ASSIGN_OR_RETURN(std::string links_version, store_->LinksVersion());
  LL_ASSIGN_OR_RETURN(std::string people_toml, PeopleTomlText());
  const engine::SnapshotKey linked_key{
      fmt::format("{}+{}+{}", events_version, links_version, store::Sha256Hex(people_toml)), zone_.name()};
  const fs::path linked_file = dir_ / kLinkedSnapshotFileName;
  if (std::optional<engine::EventTable> saved = engine::ReadSnapshot(linked_file, linked_key)) {
    link_keys_text_ = std::move(people_toml);
    table_ = std::make_shared<const engine::EventTable>(std::move(*saved));
    return table_;
  }
  LL_ASSIGN_OR_RETURN(std::shared_ptr<const engine::EventTable> events, UnlinkedEvents());
  LL_ASSIGN_OR_RETURN(std::shared_ptr<const engine::IdentityLinks> links, Links());
  std::optional<engine::EventTable> linked = engine::LinkPeople(*events, *links);
  if (!linked) {
    // Nobody is linked: the events as stored are the engine, and a linked
    // engine saved before would only take space.
    std::error_code ec;
    if (!store_->read_only()) fs::remove(linked_file, ec);
    table_ = std::move(events);
    return table_;
  }
  // Saved like the events' snapshot (see UnlinkedEvents): the versions were
  // read first, and a failure to save costs only the next command's linking.
  if (!store_->read_only()) (void)engine::WriteSnapshot(*linked, linked_key, linked_file);
  table_ = std::make_shared<const engine::EventTable>(std::move(*linked));
  return table_;
}

namespace {

struct LoadedAttributes {
  metrics::PersonAttributeIndex index;
  // The wanted attributes that are stored, with their values; when one is
  // not stored, also every other stored name, for the error to list.
  metrics::AttributeValues stored;
};

// One scan of the `wanted` attributes resolves them to the table's people
// and collects their values, to check filters against.
// A linked person has the attributes of each of its identities (of two
// values for one attribute, the one scanned last).
Result<LoadedAttributes> LoadAttributes(store::Store& store, const engine::EventTable& table,
                                        const engine::IdentityLinks& links,
                                        const std::set<std::string, std::less<>>& wanted) {
  metrics::AttributeValues stored;
  const std::vector<std::string> names(wanted.begin(), wanted.end());
  PersonAttribute as_linked;
  auto scan = [&](const std::function<Status(const PersonAttribute&)>& visit) {
    return store.ScanAttributesNamed(names, [&](const PersonAttribute& a) {
      stored[a.attribute].insert(a.value);
      if (links.empty()) return visit(a);
      as_linked = a;
      as_linked.person = links.PrimaryOf(a.person);
      return visit(as_linked);
    });
  };
  LL_ASSIGN_OR_RETURN(auto index, metrics::PersonAttributeIndex::Build(table, scan, wanted));
  if (stored.size() < wanted.size()) {
    LL_ASSIGN_OR_RETURN(std::vector<std::string> all, store.AttributeNames());
    for (std::string& name : all) stored.try_emplace(std::move(name));
  }
  return LoadedAttributes{std::move(index), std::move(stored)};
}

Status CheckGroup(const std::vector<AttributeFilter>& group, const metrics::AttributeValues& stored) {
  for (const AttributeFilter& filter : group) {
    auto known = stored.find(filter.attribute);
    if (known == stored.end()) return NotFound(metrics::UnknownAttributeProblem(filter.attribute, stored));
    if (filter.values.empty())
      return InvalidArgument(fmt::format("no values given for person attribute '{}'", filter.attribute));
    for (const std::string& value : filter.values) {
      if (!known->second.contains(value))
        return NotFound(metrics::UnknownValueProblem(filter.attribute, value, known->second));
    }
  }
  return Status::Ok();
}

}  // namespace

namespace {

// A kind the rules name that no event has and learnloop does not know is
// most likely a typo: the rung it is in could never be reached by it.
void NoteUnknownKinds(const ladder::LadderRules& rules, const engine::EventTable& table, const fs::path& file,
                      Progress& progress) {
  const std::span<const std::string_view> builtin = BuiltinKinds();
  for (const std::string& kind : ladder::KindsOf(rules)) {
    if (table.FindKind(kind) || std::find(builtin.begin(), builtin.end(), kind) != builtin.end()) continue;
    progress.Note(
        fmt::format("{} names the kind '{}', which no event has and learnloop does not know: a typo? "
                    "(`learnloop info` lists the kinds imported; docs/importing.md the known ones)",
                    file.string(), kind));
  }
}

}  // namespace

Result<Ladder> Workspace::LoadLadder(const std::vector<AttributeFilter>& group) {
  LL_ASSIGN_OR_RETURN(const Config* config, LoadConfig());
  ladder::LadderRules rules = config->rules;
  LL_ASSIGN_OR_RETURN(auto table, Events());
  NoteUnknownKinds(rules, *table, dir_ / kLadderFileName, *progress_);
  if (group.empty()) return Ladder(std::move(table), std::move(rules));
  std::set<std::string, std::less<>> wanted;
  for (const AttributeFilter& filter : group) wanted.insert(filter.attribute);
  LL_ASSIGN_OR_RETURN(auto links, Links());
  LL_ASSIGN_OR_RETURN(LoadedAttributes attributes, LoadAttributes(*store_, *table, *links, wanted));
  LL_RETURN_IF_ERROR(CheckGroup(group, attributes.stored));
  auto members = std::make_shared<const engine::EventTable>(engine::SelectPeople(*table, attributes.index.Mask(group)));
  return Ladder(std::move(members), std::move(rules));
}

Result<Metrics> Workspace::LoadMetrics(const std::vector<AttributeFilter>& group) {
  LL_ASSIGN_OR_RETURN(const Config* config, LoadConfig());
  const ladder::LadderRules& rules = config->rules;
  LL_ASSIGN_OR_RETURN(auto table, Events());
  // First learn, unchecked, which attributes the person filters name: a
  // metrics.toml without person filters reads no attributes at all.
  LL_ASSIGN_OR_RETURN(auto defs, Result<std::vector<metrics::MetricDef>>(config->declared));
  std::set<std::string, std::less<>> wanted;
  for (const metrics::MetricDef& def : defs)
    for (const metrics::PersonFilter& filter : def.person) wanted.insert(filter.attribute);
  for (const AttributeFilter& filter : group) wanted.insert(filter.attribute);
  auto attributes = std::make_shared<const metrics::PersonAttributeIndex>(table->people());
  if (!wanted.empty()) {
    LL_ASSIGN_OR_RETURN(auto links, Links());
    LL_ASSIGN_OR_RETURN(LoadedAttributes loaded, LoadAttributes(*store_, *table, *links, wanted));
    LL_RETURN_IF_ERROR(CheckGroup(group, loaded.stored));
    metrics::ParseOptions options = MetricParseOptions(rules, config->metrics_file);
    options.attribute_values = std::move(loaded.stored);
    LL_ASSIGN_OR_RETURN(defs, metrics::ParseWorkspaceMetrics(config->metrics_text, std::move(options)));
    attributes = std::make_shared<const metrics::PersonAttributeIndex>(std::move(loaded.index));
  }
  std::vector<Observation> observations;
  LL_RETURN_IF_ERROR(store_->ScanObservations([&observations](const Observation& o) {
    observations.push_back(o);
    return Status::Ok();
  }));
  return Metrics(std::move(table), rules, std::move(defs), std::move(observations), std::move(attributes), group);
}

Result<ObservationCounts> Workspace::ImportObservations(const fs::path& file) {
  // Row by row inside one transaction: a bad row anywhere keeps none.
  return store_->AddObservations(
      [&](const store::ObservationSink& add) { return ingest::ReadObservationsFile(file, zone_, add); });
}

Result<PersonAttributeImport> Workspace::ImportPersonAttributes(const fs::path& file,
                                                                const PersonAttributeImportOptions& options) {
  ingest::PersonAttributeReadOptions read_options;
  read_options.person_column = options.person_column;
  LL_ASSIGN_OR_RETURN(const EmailHasher* hasher, EmailHashing());
  LL_ASSIGN_OR_RETURN(
      PersonAttributeCounts counts, store_->SetPersonAttributes([&](const store::PersonAttributeSink& set) {
        if (hasher == nullptr) return ingest::ReadPersonAttributesFile(file, read_options, set);
        return ingest::ReadPersonAttributesFile(
            file, read_options, [&](const PersonAttribute& a) { return set(HashedAttribute(*hasher, a)); });
      }));
  if (counts.added + counts.updated + counts.removed > 0) Forget();  // keys may link people
  return PersonAttributeImport{file.string(), counts};
}

Status Workspace::ExportPersonAttributes(std::ostream& out) {
  std::string line = "person,attribute,value\n";
  LL_RETURN_IF_ERROR(store_->ScanPersonAttributes([&](const PersonAttribute& a) {
    ingest::AppendCsvField(a.person, line);
    line.push_back(',');
    ingest::AppendCsvField(a.attribute, line);
    line.push_back(',');
    ingest::AppendCsvField(a.value, line);
    line.push_back('\n');
    if (line.size() > (1 << 16)) {
      out << line;
      line.clear();
    }
    return Status::Ok();
  }));
  out << line;
  out.flush();
  if (!out) return IoError("could not write the output (disk full or closed pipe?)");
  return Status::Ok();
}

Result<std::vector<PersonAttribute>> Workspace::PersonAttributesOf(const std::string& person) {
  LL_ASSIGN_OR_RETURN(std::string stored, StoredIdentity(person));
  return store_->AttributesOf(stored);
}

Result<std::vector<AttributeSummary>> Workspace::SummarizePersonAttributes() {
  return store_->SummarizePersonAttributes();
}

Result<std::string> Workspace::ChangeStamp() {
  LL_ASSIGN_OR_RETURN(std::string stamp, store_->ChangeStamp());
  // Today is part of what reads show ("today", "this month").
  stamp += fmt::format(" {}", Today());
  for (std::string_view name :
       {kLadderFileName, kMetricsFileName, kTacticsFileName, kLoopConfigFileName, kPeopleFileName}) {
    std::error_code ec;
    const fs::path file = dir_ / name;
    const auto size = fs::file_size(file, ec);
    const auto written = fs::last_write_time(file, ec);
    stamp += fmt::format(" {}:{}", ec ? -1 : static_cast<int64_t>(size),
                         ec ? 0 : static_cast<int64_t>(written.time_since_epoch().count()));
  }
  return stamp;
}

Result<WorkspaceInfo> Workspace::Info() {
  WorkspaceInfo info;
  info.dir = dir_;
  info.time_zone = zone_.name();
  LL_ASSIGN_OR_RETURN(auto org, store_->GetSetting(std::string(kOrgNameKey)));
  info.org_name = org.value_or("");
  info.emails_hashed = !email_key_id_.empty();
  LL_ASSIGN_OR_RETURN(info.events, store_->CountEvents());
  LL_ASSIGN_OR_RETURN(info.people, store_->CountPeople());
  LL_ASSIGN_OR_RETURN(auto imports, store_->ListImports());
  info.imports = static_cast<int64_t>(imports.size());
  for (auto r = imports.rbegin(); r != imports.rend() && info.recent_imports.size() < kRecentImports; ++r)
    info.recent_imports.push_back(SummaryOf(*r));
  return info;
}

namespace {

struct FileId {
  dev_t device = 0;
  ino_t inode = 0;
  bool operator==(const FileId&) const = default;
};

std::optional<FileId> IdOf(const fs::path& file) {
  struct stat info {};
  if (::stat(file.c_str(), &info) != 0) return std::nullopt;
  return FileId{info.st_dev, info.st_ino};
}

// Names the workspace uses in its directory, also while they do not exist:
// a new learnloop.db-wal there would be read by SQLite as the store's log.
bool IsWorkspaceName(std::string_view name) {
  for (std::string_view own : {kStoreFileName, kSnapshotFileName})
    if (name.starts_with(own)) return true;
  for (std::string_view own : {kLadderFileName, kMetricsFileName, kTacticsFileName, kLoopConfigFileName})
    if (name == own) return true;
  return false;
}

}  // namespace

Status Workspace::CheckNotOwnFile(const fs::path& file) const {
  auto refuse = [&](std::string_view what) {
    return InvalidArgument(
        fmt::format("{} is {} of the workspace {}; writing there would destroy it, so choose a "
                    "file outside the workspace",
                    file.string(), what, dir_.string()));
  };
  const std::optional<FileId> dir = IdOf(dir_);
  const std::optional<FileId> target = IdOf(file);
  const fs::path parent = file.has_parent_path() ? file.parent_path() : fs::path(".");
  if (dir && target == dir) return refuse("the directory");
  if (dir && IdOf(parent) == dir && IsWorkspaceName(file.filename().string())) return refuse("a file");
  if (!target) return Status::Ok();
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir_, ec)) {
    if (IdOf(entry.path()) == target) return refuse(fmt::format("{}, a file", entry.path().filename().string()));
  }
  return Status::Ok();
}

Day Workspace::Today() const { return zone_.LocalDay(clock_->Now()); }

}  // namespace learnloop
