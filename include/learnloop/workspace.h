// A workspace: one organization's data in one directory (learnloop.db, the
// SQLite store, and ladder.toml, its ladder rules). This is the engine's
// front door for the CLI and the server. One Workspace object is used by one
// thread at a time; several processes may open the same directory.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "learnloop/accounts.h"
#include "learnloop/clock.h"
#include "learnloop/content.h"
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
class EventSink;
struct ImportRecord;
}  // namespace store
namespace ingest {
struct PlatformFormat;
}
namespace engine {
class IdentityLinks;
}
class EmailHasher;

inline constexpr std::string_view kDefaultWorkspaceDir = "learnloop-data";
inline constexpr std::string_view kStoreFileName = "learnloop.db";
inline constexpr std::string_view kLadderFileName = "ladder.toml";
inline constexpr std::string_view kMetricsFileName = "metrics.toml";
// Which person attributes link identities: a CRM row's `email` or
// `mastodon` column names the same supporter as the events of that email
// or handle (see docs/people.md). Optional; without it email, mastodon,
// bluesky, twitter and x do.
inline constexpr std::string_view kPeopleFileName = "people.toml";
// The events in the engine's own form, saved by the first command that
// loads them and reused until events are added; safe to delete.
inline constexpr std::string_view kSnapshotFileName = "engine.snapshot";
// The same engine with linked identities made one person (see docs/people.md).
inline constexpr std::string_view kLinkedSnapshotFileName = "engine.linked.snapshot";
// The key of a workspace that keeps emails as keyed hashes (init
// --hash-emails); only the workspace's owner may read it.
inline constexpr std::string_view kEmailKeyFileName = "email.key";

struct InitOptions {
  std::string time_zone = "UTC";  // IANA name; days and weeks follow it
  std::string org_name;
  // Keep every email as a keyed hash (the key in kEmailKeyFileName), never
  // as written; linking by email still works. Chosen once, at init.
  bool hash_emails = false;
};

inline constexpr std::string_view kCanonicalFormat = "canonical";

struct ImportOptions {
  std::filesystem::path mapping_file;  // empty: the file is canonical
  // kCanonicalFormat or a platform format's name (see `learnloop import
  // --help`); empty: recognized from the file's content.
  std::string format;
  // The channel a platform file's events, observations and contents name; empty:
  // the platform's (e.g. "mastodon").
  std::string channel;
  // Refuse a platform file that has any record learnloop cannot use,
  // instead of skipping those records and counting them.
  bool strict = false;
  // Read and check the file and say what it holds, writing nothing.
  bool dry_run = false;
  // Names the file in messages and in the import's record (an archive
  // member: "export.zip/data/tweets.js"); empty: its path.
  std::string display_name;
};

// What a dry run found in a file: what an import would hand the store.
struct ImportPreview {
  int64_t events = 0;
  std::map<std::string, int64_t> kinds;     // kind -> events
  std::map<std::string, int64_t> channels;  // channel -> events, observations and contents
  std::optional<Timestamp> first;           // the earliest event
  std::optional<Timestamp> last;            // the latest event
  int64_t people = 0;                       // distinct person values of the events and attributes
  int64_t new_people = 0;                   // of those, the ones no event or attribute names yet
  std::map<std::string, int64_t> links;     // key attribute (people.toml) -> identities it would link
  int64_t observations = 0;
  int64_t attributes = 0;
  int64_t contents = 0;  // items the organization published
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
  // Platform files only (empty for canonical files and stored imports):
  std::string format;                      // kCanonicalFormat or the platform format read
  ObservationCounts observations;          // aggregate numbers the file held
  PersonAttributeCounts attributes;        // person fields the file held
  ContentCounts contents;                  // the organization's posts the file held
  std::map<std::string, int64_t> skipped;  // records not used: why -> how many
  std::vector<std::string> warnings;       // the first few, each naming file and record
  int64_t more_warnings = 0;               // warnings beyond those
  std::optional<ImportPreview> preview;    // set by a dry run, which stores nothing
};

struct WorkspaceInfo {
  std::filesystem::path dir;
  std::string org_name;
  std::string time_zone;
  bool emails_hashed = false;  // init --hash-emails
  int64_t events = 0;
  int64_t people = 0;
  int64_t imports = 0;
  std::vector<ImportSummary> recent_imports;  // the last few event imports, newest first
};

inline constexpr size_t kRecentImports = 5;

using ExportFormat = EventFormat;  // the front ends' name; see learnloop/event.h

// One identity of a person, and how it joined the person.
struct PersonIdentity {
  std::string identity;
  std::vector<std::string> channels;  // of its events, by name
  // How it was linked: "people link by ana on 2024-05-02 (met at the
  // march)" or "civicrm:1432's email"; empty for a person's only identity.
  std::vector<std::string> how;
};
// A person as linked: named by its primary identity (an email before a
// handle), with every identity.
struct LinkedPerson {
  std::string person;
  std::vector<PersonIdentity> identities;  // the primary first
};

struct LinkRequest {
  std::string a;
  std::string b;
  bool link = true;    // false: unlink, keep them apart
  std::string reason;  // the user's words; may be empty
  std::string actor;   // who; "unknown" when empty
  std::string source;  // the command, e.g. "people link"
  std::string where;   // names the request in its error, e.g. "pairs.csv:3"; may be empty
};

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
  // them before, as repeated when an earlier row of the file did. A
  // platform export (recognized by its content, or named by
  // options.format) adds its events, observations and person attributes in
  // the same one transaction; records it cannot use are skipped and
  // counted by reason (refused with options.strict). With
  // options.dry_run the file is read and checked the same way but nothing
  // is written; `preview` says what it holds.
  Result<ImportSummary> Import(const std::filesystem::path& file, const ImportOptions& options);

  // Why Import would not read `file` at all (by its content it is neither a
  // platform export nor an event file, or its header does not fit), or
  // nullopt when it would. Errors only when the file cannot be read.
  Result<std::optional<std::string>> WhyNotImportable(const std::filesystem::path& file, const ImportOptions& options);

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

  // Records that two identities are one person (or, with link = false,
  // that they are not, whatever keys in the data say), as one rule kept
  // with who, when and why; the next analysis sees it. Identities are
  // written as events write them (an email is compared in lower case).
  // NotFound for an identity no event or attribute names; InvalidArgument
  // for one identity twice.
  Result<LinkRule> SetLink(const LinkRequest& request);
  // Each of `requests` as SetLink, in one transaction: all or none.
  Result<std::vector<LinkRule>> SetLinks(const std::vector<LinkRequest>& requests);
  // Every link rule, oldest first.
  Result<std::vector<LinkRule>> LinkRules();
  // The person `identity` belongs to, with each identity and how it was
  // linked. NotFound when no event or attribute names `identity`.
  Result<LinkedPerson> PersonOf(const std::string& identity);
  // How many people are made of more than one identity.
  Result<int64_t> CountLinkedPeople();
  // Pairs of people that may be one though no key or rule links them (see
  // LinkSuggestions), the `limit` best; pairs an unlink keeps apart are
  // never among them. Reads only: nothing is linked or stored.
  Result<LinkSuggestions> SuggestLinks(size_t limit);

  // Each stored attribute, by name.
  Result<std::vector<AttributeSummary>> SummarizePersonAttributes();

  // The learning loop of this workspace, on the workspace's own store, with
  // the rungs of ladder.toml, the metric names of metrics.toml and the
  // limits of loop.toml. Changes are recorded as `actor` ("unknown" when
  // empty); `today` defaults to Today(). The loop may outlive this object.
  Result<LearningLoop> OpenLoop(std::string actor, std::optional<Day> today = std::nullopt);

  // Who may sign in to this workspace through the web app and the API
  // (learnloop/accounts.h), on the workspace's own store. It may outlive
  // this object; the clock must outlive it.
  Result<Accounts> OpenAccounts();

  Result<WorkspaceInfo> Info();

  // Moves whenever anything a read shows may have changed: a commit to the
  // store by this process or another, or an edit of the workspace's TOML
  // files. A server keeps answers while it stands still. Reads only.
  Result<std::string> ChangeStamp();

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
  // The events as stored, one person per identity (engine.snapshot or a scan).
  Result<std::shared_ptr<const engine::EventTable>> UnlinkedEvents();
  Result<std::shared_ptr<const engine::IdentityLinks>> Links();
  // Drops what depends on events, attributes or links.
  void Forget();
  // people.toml's text, "" without the file.
  Result<std::string> PeopleTomlText() const;
  // Forget()s when people.toml, the events or what links them changed
  // since table_ and links_ were loaded: an edit or another process's
  // import while a server holds the workspace open.
  Status ForgetIfStale();
  Result<LinkRule> RuleOf(const LinkRequest& request);
  // The hasher when this workspace keeps emails hashed, else nullptr;
  // FailedPrecondition when its key file is missing or wrong.
  Result<const EmailHasher*> EmailHashing();
  // An identity as a user typed it, as the store holds it: trimmed, an
  // email or handle in lower case, an email hashed where emails are.
  Result<std::string> StoredIdentity(std::string_view typed);
  // ladder.toml and metrics.toml, read and parsed again only when changed.
  Result<const Config*> LoadConfig();
  // The platform format `file` is in, by options.format or its content;
  // nullptr for a canonical (or mapped) event file.
  Result<const ingest::PlatformFormat*> PlatformFormatOf(const std::filesystem::path& file,
                                                         const ImportOptions& options);
  // Runs `fill` in the store's import transaction, or on a dry run into a
  // sink that only counts into *preview.
  Result<store::ImportRecord> RunImport(store::ImportRecord record,
                                        const std::function<Status(store::EventSink&, store::ImportRecord&)>& fill,
                                        const ImportOptions& options, std::optional<ImportPreview>* preview);
  Result<ImportSummary> ImportPlatformFile(const std::filesystem::path& file, const ingest::PlatformFormat& format,
                                           const ImportOptions& options);

  std::filesystem::path dir_;
  std::shared_ptr<store::Store> store_;  // shared with the loop it opens
  TimeZone zone_;
  const Clock* clock_;
  std::unique_ptr<Config> config_;
  // The events in the engine, loaded on first use and shared by the
  // ladder and the metrics; an import of events drops it.
  std::shared_ptr<const engine::EventTable> table_;
  // Who is linked to whom, resolved on first use from the link rules and
  // the key attributes; dropped with table_ when either changes.
  std::shared_ptr<const engine::IdentityLinks> links_;
  std::string link_keys_text_;   // the people.toml links_ and table_ were resolved with
  std::string loaded_versions_;  // the store's events and links versions they were loaded at
  Progress* progress_ = &NoProgress();
  std::string email_key_id_;                   // of the key emails are hashed with; empty: kept as written
  std::unique_ptr<EmailHasher> email_hasher_;  // loaded on first use
};

}  // namespace learnloop
