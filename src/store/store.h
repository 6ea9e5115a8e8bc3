// The durable home of a workspace's data. Callers see only this interface;
// SQLite (the default) lives in sqlite/, PostgreSQL can follow without
// changing callers. One Store object is used by one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "learnloop/content.h"
#include "learnloop/event.h"
#include "learnloop/metrics.h"
#include "learnloop/people.h"
#include "learnloop/status.h"

namespace learnloop::store {

// Provenance of one import.
struct ImportRecord {
  int64_t id = 0;            // set by the store
  std::string file_name;     // as the user named it
  std::string sha256;        // hex digest of the file's bytes
  int64_t rows = 0;          // data rows read
  int64_t added = 0;         // events new to the workspace
  int64_t duplicates = 0;    // events stored before this import (same identity)
  int64_t custom_kinds = 0;  // rows with a kind that is not built in
  std::string started_at;    // RFC 3339
  std::string finished_at;   // RFC 3339

  // What the import's AddObservation, SetAttribute and AddContent calls
  // did (a platform export may hold aggregate numbers, CRM fields and the
  // organization's posts beside events); not kept after the import.
  ObservationCounts observations;
  PersonAttributeCounts attributes;
  ContentCounts contents;

  // Rows repeating an event an earlier row of the same import added: every
  // row read is added, a duplicate or repeated.
  int64_t repeated() const { return rows - added - duplicates; }
};

// Receives what one import adds, inside its transaction.
class EventSink {
 public:
  virtual ~EventSink() = default;
  // Adds one event; one whose identity is stored (before this import, or
  // by an earlier Add of it) is counted, not added.
  virtual Status Add(const EventView& event) = 0;
  // Stores one observation or attribute as AddObservations and
  // SetPersonAttributes do, in the same transaction as the events.
  virtual Status AddObservation(const Observation& observation) = 0;
  virtual Status SetAttribute(const PersonAttribute& attribute) = 0;
  // Stores one item the organization published, keyed by (channel, key):
  // a new key is added; a stored one whose text or tags differ, or whose
  // time differs from a time given, is replaced (the newest import wins;
  // an item without a time keeps the stored one); the same item again
  // changes nothing. InvalidArgument for an empty channel or key.
  virtual Status AddContent(const ContentItem& item) = 0;
};

// Receive one observation or attribute each inside a write transaction.
using ObservationSink = std::function<Status(const Observation&)>;
using PersonAttributeSink = std::function<Status(const PersonAttribute&)>;

class Store {
 public:
  virtual ~Store() = default;

  // Runs `fill` inside one write transaction that waits for other writers.
  // The events it adds and the import record commit together when `fill`
  // returns OK; on any error nothing is changed. `fill` sets `rows` and
  // `custom_kinds` of the record it is handed (known only after reading);
  // the store writes the record after `fill` returns and fills in id,
  // added, duplicates and the times. Busy if another writer holds the
  // workspace for longer than the store's wait limit.
  virtual Result<ImportRecord> Import(ImportRecord record,
                                      const std::function<Status(EventSink&, ImportRecord&)>& fill) = 0;

  // Calls `visit` for every event, ordered by (ts, channel, person, kind,
  // content); stops at and returns the first error of `visit`.
  virtual Status ScanEvents(const std::function<Status(const EventView&)>& visit) = 0;

  // Runs `fill` inside one write transaction and stores every observation
  // it hands the sink as it comes, so a batch of any size takes constant
  // memory: all or none (an error of `fill` or of a row changes nothing). A
  // row whose key (channel, content, metric, day) is stored replaces the
  // stored value, so the newest import wins; a later row of the same batch
  // wins over an earlier one. InvalidArgument for an empty channel or
  // metric.
  virtual Result<ObservationCounts> AddObservations(const std::function<Status(const ObservationSink&)>& fill) = 0;
  Result<ObservationCounts> AddObservations(const std::vector<Observation>& observations) {
    return AddObservations([&observations](const ObservationSink& add) { return AddEach(observations, add); });
  }

  // Calls `visit` for every observation, ordered by (day, channel, content,
  // metric); stops at and returns the first error of `visit`.
  virtual Status ScanObservations(const std::function<Status(const Observation&)>& visit) = 0;

  // Calls `visit` for every stored content item, ordered by (channel, key)
  // in byte order; stops at and returns the first error of `visit`.
  virtual Status ScanContents(const std::function<Status(const ContentItem&)>& visit) = 0;

  // Stores person attributes in one write transaction: all or none. A row
  // whose (person, attribute) is stored replaces the stored value, so the
  // newest import wins; an empty value removes the stored attribute; a
  // later row of the same batch wins over an earlier one. A person no event
  // has named yet is added (a new person with that identity), so attributes
  // imported before events apply once the events arrive; a row that only
  // clears adds no one. InvalidArgument for an empty person or attribute.
  // Like AddObservations, `fill` hands the rows on one at a time inside the
  // transaction.
  virtual Result<PersonAttributeCounts> SetPersonAttributes(
      const std::function<Status(const PersonAttributeSink&)>& fill) = 0;
  Result<PersonAttributeCounts> SetPersonAttributes(const std::vector<PersonAttribute>& attributes) {
    return SetPersonAttributes([&attributes](const PersonAttributeSink& set) { return AddEach(attributes, set); });
  }

  // Calls `visit` for every stored attribute, ordered by (person,
  // attribute) in byte order; stops at and returns the first error of `visit`.
  virtual Status ScanPersonAttributes(const std::function<Status(const PersonAttribute&)>& visit) = 0;

  // Calls `visit` for every stored row of the named attributes, in no
  // particular order (cheaper than ScanPersonAttributes at a million rows);
  // stops at and returns the first error of `visit`.
  virtual Status ScanAttributesNamed(const std::vector<std::string>& attributes,
                                     const std::function<Status(const PersonAttribute&)>& visit) = 0;
  // The names of the stored attributes, in byte order.
  virtual Result<std::vector<std::string>> AttributeNames() = 0;

  // The stored attributes of `person`, by attribute name in byte order.
  virtual Result<std::vector<PersonAttribute>> AttributesOf(const std::string& person) = 0;

  // Each stored attribute, by name in byte order: its people, those of them
  // that events name, its distinct values and the most common ones (most
  // people first, ties by value; at most kTopAttributeValues).
  virtual Result<std::vector<AttributeSummary>> SummarizePersonAttributes() = 0;

  // Whether an event or an attribute names `identity`.
  virtual Result<bool> HasIdentity(const std::string& identity) = 0;
  // Appends `rules` (ids are set by the store) in one transaction: all or
  // none. InvalidArgument for a rule whose a is not below b or is empty.
  virtual Status AddLinkRules(const std::vector<LinkRule>& rules) = 0;
  // Calls `visit` for every link rule, oldest first; stops at and returns
  // the first error of `visit`.
  virtual Status ScanLinkRules(const std::function<Status(const LinkRule&)>& visit) = 0;

  virtual Result<int64_t> CountEvents() = 0;
  // An id of the events as they stand that no other contents share, of
  // this store or any other: this store's random id and a random id drawn
  // anew whenever events are added (and only then). Caches of the events
  // compare it, so a restored backup or a cache copied from another
  // workspace is never taken for the current events.
  virtual Result<std::string> EventsVersion() = 0;
  // Like EventsVersion, of what links identities: drawn anew with every
  // change to the link rules or to person attributes (a CRM field may be
  // a key that links two identities), and only then.
  virtual Result<std::string> LinksVersion() = 0;
  // Moves with every commit to the store, by this connection or any other
  // (another process's import, a CLI command beside a server): callers
  // that keep answers compare it. Cheap: no table is read.
  virtual Result<std::string> ChangeStamp() = 0;
  virtual Result<int64_t> CountPeople() = 0;
  virtual Result<std::vector<ImportRecord>> ListImports() = 0;

  // Workspace settings (e.g. "time_zone"); nullopt when unset.
  virtual Result<std::optional<std::string>> GetSetting(const std::string& key) = 0;
  virtual Status SetSetting(const std::string& key, const std::string& value) = 0;

  // Opened read-only (see OpenMode): every change fails with IoError.
  virtual bool read_only() const = 0;

 private:
  template <typename Row, typename Sink>
  static Status AddEach(const std::vector<Row>& rows, const Sink& sink) {
    for (const Row& row : rows) LL_RETURN_IF_ERROR(sink(row));
    return Status::Ok();
  }
};

// kReadWrite opens read-only instead when the file or its directory cannot
// be written (a read-only mount, an immutable file, another user's
// workspace), so that reading works there; changes then fail with IoError
// "not writable".
enum class OpenMode { kReadWrite, kCreate };

// Opens (or with kCreate, creates) the SQLite store at `file`, applying any
// pending migrations. NotFound if it does not exist and mode is kReadWrite;
// IoError naming the path if the directory is read-only and mode is kCreate;
// FailedPrecondition when a read-only store needs a migration.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& file, OpenMode mode);

}  // namespace learnloop::store
