// A workspace: one organization's data in one directory (learnloop.db, the
// SQLite store, and ladder.toml, its ladder rules). This is the engine's
// front door for the CLI and the server. One Workspace object is used by one
// thread at a time; several processes may open the same directory.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "learnloop/clock.h"
#include "learnloop/event.h"
#include "learnloop/ladder.h"
#include "learnloop/loop.h"
#include "learnloop/metrics.h"
#include "learnloop/people.h"
#include "learnloop/progress.h"
#include "learnloop/status.h"
#include "learnloop/time.h"

namespace learnloop {

namespace store {
class Store;
}

inline constexpr std::string_view kDefaultWorkspaceDir = "learnloop-data";
inline constexpr std::string_view kStoreFileName = "learnloop.db";
inline constexpr std::string_view kLadderFileName = "ladder.toml";
inline constexpr std::string_view kMetricsFileName = "metrics.toml";
// The events in the engine's own form, saved by the first command that
// loads them and reused until events are added; safe to delete.
inline constexpr std::string_view kSnapshotFileName = "engine.snapshot";

struct InitOptions {
  std::string time_zone = "UTC";  // IANA name; days and weeks follow it
  std::string org_name;
};

struct ImportOptions {
  std::filesystem::path mapping_file;  // empty: the file is canonical
};

struct ImportSummary {
  std::string file;
  std::string sha256;
  int64_t import_id = 0;
  int64_t rows = 0;
  int64_t added = 0;
  int64_t duplicates = 0;  // rows whose event was in the workspace before
  int64_t repeated = 0;    // rows repeating an earlier row of the same file
  int64_t custom_kinds = 0;
  std::string finished_at;  // RFC 3339, UTC
};

struct WorkspaceInfo {
  std::filesystem::path dir;
  std::string org_name;
  std::string time_zone;
  int64_t events = 0;
  int64_t people = 0;
  int64_t imports = 0;
  std::vector<ImportSummary> recent_imports;  // the last few event imports, newest first
};

inline constexpr size_t kRecentImports = 5;

using ExportFormat = EventFormat;  // the front ends' name; see learnloop/event.h

class Workspace {
 public:
  // Creates the directory (if needed), the store and a default ladder.toml,
  // metrics.toml and tactics.toml.
  // AlreadyExists if DIR already holds a workspace; InvalidArgument for an
  // unknown time zone; IoError if DIR cannot be written. `clock` (which
  // must outlive the workspace) says what time it is: today, import times.
  static Result<Workspace> Init(const std::filesystem::path& dir, const InitOptions& options,
                                const Clock& clock = SystemClock());
  // Opens an existing workspace; NotFound (with a hint to run init) if absent.
  static Result<Workspace> Open(const std::filesystem::path& dir, const Clock& clock = SystemClock());

  Workspace(Workspace&&) noexcept;
  Workspace& operator=(Workspace&&) noexcept;
  ~Workspace();

  // Imports one event file atomically: every row is added, or on the first
  // bad row none is and the error names file, line and field. Rows already
  // present are counted, not added: as duplicates when the workspace held
  // them before, as repeated when an earlier row of the file did.
  Result<ImportSummary> Import(const std::filesystem::path& file, const ImportOptions& options);

  // Writes every event in the canonical format, ordered by (ts, channel,
  // person, kind, content), so a re-import adds nothing and a second export
  // of the re-imported workspace is byte-identical.
  Status Export(std::ostream& out, ExportFormat format);

  // Loads the events into the in-memory engine and reads ladder.toml. With
  // a `group`, the ladder holds only the people whose stored attributes
  // pass every filter (see docs/people.md); NotFound, listing what is
  // stored, for an attribute or value nobody has.
  Result<Ladder> LoadLadder(const std::vector<AttributeFilter>& group = {});

  // Loads the events and observations into the engine and reads ladder.toml
  // and metrics.toml (the built-in default metrics when the workspace has
  // no metrics.toml). Errors name the file, metric and key at fault. With a
  // `group`, every metric counts only those people (like LoadLadder).
  Result<Metrics> LoadMetrics(const std::vector<AttributeFilter>& group = {});

  // Imports an observations file (see docs/metrics.md) atomically; a row
  // whose (channel, content, metric, day) is stored replaces its value.
  Result<ObservationCounts> ImportObservations(const std::filesystem::path& file);

  // Imports a person attributes file (see docs/people.md) atomically; a
  // stored (person, attribute) takes the file's value, an empty cell
  // removes it.
  Result<PersonAttributeImport> ImportPersonAttributes(const std::filesystem::path& file,
                                                       const PersonAttributeImportOptions& options);

  // Writes every stored attribute as CSV (person,attribute,value), ordered
  // by person and attribute; importing it into a workspace reproduces them.
  Status ExportPersonAttributes(std::ostream& out);

  // The stored attributes of one person, by name.
  Result<std::vector<PersonAttribute>> PersonAttributesOf(const std::string& person);

  // Each stored attribute, by name.
  Result<std::vector<AttributeSummary>> SummarizePersonAttributes();

  // The learning loop of this workspace, on the workspace's own store, with
  // the rungs of ladder.toml, the metric names of metrics.toml and the
  // limits of loop.toml. Changes are recorded as `actor` ("unknown" when
  // empty); `today` defaults to Today(). The loop may outlive this object.
  Result<LearningLoop> OpenLoop(std::string actor, std::optional<Day> today = std::nullopt);

  Result<WorkspaceInfo> Info();

  // InvalidArgument when writing `file` (an export's output) would replace
  // or change a file of this workspace: its store and the store's WAL
  // files, its config files, its saved engine. Compared by identity, so a
  // link, a hard link or a path through ".." to one of them counts too.
  Status CheckNotOwnFile(const std::filesystem::path& file) const;
  // Where long work reports how far it got: each Import (rows read, one
  // step per file) and the first load of the events into the engine
  // (events read). `progress` must outlive its use; nullptr: no reports.
  void SetProgress(Progress* progress) { progress_ = progress != nullptr ? progress : &NoProgress(); }
  const TimeZone& time_zone() const { return zone_; }
  const std::filesystem::path& dir() const { return dir_; }
  const Clock& clock() const { return *clock_; }
  // Today in the workspace time zone.
  Day Today() const;

 private:
  struct Config;
  Workspace(std::filesystem::path dir, std::shared_ptr<store::Store> store, TimeZone zone, const Clock& clock);
  Result<std::shared_ptr<const engine::EventTable>> Events();
  // ladder.toml and metrics.toml, read and parsed again only when changed.
  Result<const Config*> LoadConfig();

  std::filesystem::path dir_;
  std::shared_ptr<store::Store> store_;  // shared with the loop it opens
  TimeZone zone_;
  const Clock* clock_;
  std::unique_ptr<Config> config_;
  // The events in the engine, loaded on first use and shared by the
  // ladder and the metrics; an import of events drops it.
  std::shared_ptr<const engine::EventTable> table_;
  Progress* progress_ = &NoProgress();
};

}  // namespace learnloop
