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

#include "core/output_file.h"
#include "engine/event_table.h"
#include "engine/snapshot.h"
#include "ingest/column_mapping.h"
#include "ingest/event_reader.h"
#include "ingest/event_writer.h"
#include "ingest/input_text.h"
#include "ingest/observation_reader.h"
#include "ingest/person_attribute_reader.h"
#include "ladder/ladder_rules.h"
#include "loop/files.h"
#include "loop/loop_store.h"
#include "loop/tactics.h"
#include "metrics/metric_defs.h"
#include "metrics/person_attributes.h"
#include "store/checksum.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace learnloop {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kTimeZoneKey = "time_zone";
constexpr std::string_view kOrgNameKey = "org_name";
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
  return {r.file_name, r.sha256, r.id, r.rows, r.added, r.duplicates, r.repeated(), r.custom_kinds, r.finished_at};
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
  return Workspace(dir, std::move(store), std::move(zone), clock);
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
  return Workspace(dir, std::move(store), std::move(zone), clock);
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

}  // namespace

Result<ImportSummary> Workspace::Import(const fs::path& file, const ImportOptions& options) {
  std::optional<ingest::ColumnMapping> mapping;
  if (!options.mapping_file.empty()) {
    LL_ASSIGN_OR_RETURN(mapping, ingest::LoadColumnMapping(options.mapping_file));
  }
  ingest::ReadOptions read_options;
  read_options.mapping = mapping ? &*mapping : nullptr;
  read_options.display_name = file.string();
  LL_ASSIGN_OR_RETURN(auto reader, ingest::OpenEventFile(file, read_options));
  std::atomic<bool> stop_hashing = false;
  auto checksum = std::async(std::launch::async, Sha256OfFile, file, std::cref(stop_hashing));
  store::ImportRecord record;
  record.file_name = file.string();
  const std::string what = fmt::format("{}: rows read", file.string());
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
    Status filled = fill(sink, rec);
    // Always wait for the hashing thread, even when the import failed, but
    // do not make a refused file wait for the hash of all of it.
    if (!filled.ok()) stop_hashing = true;
    Result<std::string> sha256 = checksum.get();
    LL_RETURN_IF_ERROR(filled);
    LL_ASSIGN_OR_RETURN(rec.sha256, std::move(sha256));
    return Status::Ok();
  };
  auto imported = store_->Import(std::move(record), fill_and_checksum);
  progress_->Done();
  LL_ASSIGN_OR_RETURN(store::ImportRecord done, std::move(imported));
  if (done.added > 0) table_.reset();
  return SummaryOf(done);
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

Result<std::shared_ptr<const engine::EventTable>> Workspace::Events() {
  if (table_) return table_;
  LL_ASSIGN_OR_RETURN(std::string version, store_->EventsVersion());
  const engine::SnapshotKey key{version, zone_.name()};
  const fs::path snapshot = dir_ / kSnapshotFileName;
  if (std::optional<engine::EventTable> saved = engine::ReadSnapshot(snapshot, key)) {
    table_ = std::make_shared<const engine::EventTable>(std::move(*saved));
    return table_;
  }
  LL_ASSIGN_OR_RETURN(table_, LoadEventTable(*store_, zone_, *progress_));
  if (store_->read_only()) {
    progress_->Note(
        fmt::format("{} is read-only: the engine is not saved ({}), so each command reads every event again",
                    dir_.string(), kSnapshotFileName));
    return table_;
  }
  // The version was read before the scan, so a concurrent import can only
  // make this snapshot look older than its contents: the next command
  // rebuilds rather than missing events. Failing to save (a full disk)
  // costs only that rebuild.
  Status saved = engine::WriteSnapshot(*table_, key, snapshot);
  (void)saved;
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
Result<LoadedAttributes> LoadAttributes(store::Store& store, const engine::EventTable& table,
                                        const std::set<std::string, std::less<>>& wanted) {
  metrics::AttributeValues stored;
  const std::vector<std::string> names(wanted.begin(), wanted.end());
  auto scan = [&](const std::function<Status(const PersonAttribute&)>& visit) {
    return store.ScanAttributesNamed(names, [&](const PersonAttribute& a) {
      stored[a.attribute].insert(a.value);
      return visit(a);
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
  LL_ASSIGN_OR_RETURN(LoadedAttributes attributes, LoadAttributes(*store_, *table, wanted));
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
    LL_ASSIGN_OR_RETURN(LoadedAttributes loaded, LoadAttributes(*store_, *table, wanted));
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
  LL_ASSIGN_OR_RETURN(auto observations, ingest::ReadObservationsFile(file, zone_));
  return store_->AddObservations(observations);
}

Result<PersonAttributeImport> Workspace::ImportPersonAttributes(const fs::path& file,
                                                                const PersonAttributeImportOptions& options) {
  ingest::PersonAttributeReadOptions read_options;
  read_options.person_column = options.person_column;
  LL_ASSIGN_OR_RETURN(auto attributes, ingest::ReadPersonAttributesFile(file, read_options));
  LL_ASSIGN_OR_RETURN(PersonAttributeCounts counts, store_->SetPersonAttributes(attributes));
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
  return store_->AttributesOf(person);
}

Result<std::vector<AttributeSummary>> Workspace::SummarizePersonAttributes() {
  return store_->SummarizePersonAttributes();
}

Result<WorkspaceInfo> Workspace::Info() {
  WorkspaceInfo info;
  info.dir = dir_;
  info.time_zone = zone_.name();
  LL_ASSIGN_OR_RETURN(auto org, store_->GetSetting(std::string(kOrgNameKey)));
  info.org_name = org.value_or("");
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
