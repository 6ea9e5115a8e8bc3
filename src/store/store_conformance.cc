#include "store/store_conformance.h"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <thread>
#include <tuple>

namespace learnloop::store {

void StoreConformanceTest::SetUp() {
  backend_ = GetParam()();
  auto store = backend_->Open();
  ASSERT_TRUE(store.ok()) << store.status().message();
  store_ = std::move(store).value();
}

Result<ImportRecord> StoreConformanceTest::ImportEvents(Store& store, const std::vector<Event>& events,
                                                        const std::string& file_name) {
  ImportRecord record;
  record.file_name = file_name;
  record.sha256 = std::string(64, 'a');
  return store.Import(record, [&](EventSink& sink, ImportRecord& filled) {
    for (const Event& event : events) LL_RETURN_IF_ERROR(sink.Add(event.view()));
    filled.rows = static_cast<int64_t>(events.size());
    return Status::Ok();
  });
}

std::vector<Event> StoreConformanceTest::ScanAll(Store& store) {
  std::vector<Event> events;
  Status status = store.ScanEvents([&](const EventView& event) {
    events.push_back(Event::From(event));
    return Status::Ok();
  });
  EXPECT_TRUE(status.ok()) << status.message();
  return events;
}

namespace {

constexpr int64_t kSecond = 1'000'000;
constexpr int64_t kDay = 86'400 * kSecond;
constexpr int64_t k2024 = 19'723 * kDay;  // 2024-01-01T00:00:00Z

Event MakeEvent(int64_t micros, std::string channel, std::string person, std::string kind, std::string content = "",
                std::optional<double> value = std::nullopt, std::string tags = "") {
  return {{micros}, std::move(channel), std::move(person), std::move(kind), std::move(content), value, std::move(tags)};
}

// `count` distinct events spread over people, channels and kinds.
std::vector<Event> Synthetic(int first, int count) {
  std::vector<Event> events;
  for (int i = first; i < first + count; ++i) {
    events.push_back(MakeEvent(k2024 + i * kSecond, "channel" + std::to_string(i % 3),
                               "person" + std::to_string(i % 50), i % 2 ? "like" : "comment",
                               "post" + std::to_string(i % 7)));
  }
  return events;
}

bool ScanOrderLess(const Event& a, const Event& b) {
  return std::tie(a.ts, a.channel, a.person, a.kind, a.content) <
         std::tie(b.ts, b.channel, b.person, b.kind, b.content);
}

// Imports Synthetic(first, count) on a Store of its own; the import record
// or the error.
Result<ImportRecord> ImportOnOwnStore(StoreBackend& backend, int first, int count) {
  LL_ASSIGN_OR_RETURN(auto store, backend.Open());
  std::vector<Event> events = Synthetic(first, count);
  ImportRecord record;
  record.file_name = "part" + std::to_string(first) + ".csv";
  record.rows = count;
  return store->Import(record, [&](EventSink& sink, ImportRecord&) {
    for (const Event& event : events) LL_RETURN_IF_ERROR(sink.Add(event.view()));
    return Status::Ok();
  });
}

TEST_P(StoreConformanceTest, NewWorkspaceIsEmpty) {
  EXPECT_EQ(*store_->CountEvents(), 0);
  EXPECT_EQ(*store_->CountPeople(), 0);
  EXPECT_TRUE(store_->ListImports()->empty());
  EXPECT_TRUE(ScanAll(*store_).empty());
}

TEST_P(StoreConformanceTest, RoundTripKeepsEveryField) {
  std::vector<Event> events = {
      MakeEvent(-1'234'567, "mastodon", "@ana@example.org", "like", "", std::nullopt, ""),
      MakeEvent(k2024 + 1, "mastodon", "@ana@example.org", "donation", "", 0.0, ""),
      MakeEvent(k2024 + 2, "newsletter", "ana@example.org", "open", "Grüße, «ünïcode» ✊🏽\n\"quoted\", comma",
                -12.5, "a;b;c"),
      MakeEvent(k2024 + 3, "crm", "C-17", "custom-kind_2", "tab\tand trailing space ", 1e300, "x"),
  };
  auto record = ImportEvents(*store_, events);
  ASSERT_TRUE(record.ok()) << record.status().message();
  EXPECT_EQ(ScanAll(*store_), events);
  EXPECT_EQ(*store_->CountEvents(), 4);
}

TEST_P(StoreConformanceTest, ReimportAddsNothingAndCountsDuplicates) {
  std::vector<Event> events = Synthetic(0, 100);
  auto first = ImportEvents(*store_, events, "a.csv");
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(first->added, 100);
  EXPECT_EQ(first->duplicates, 0);
  auto second = ImportEvents(*store_, events, "a-again.csv");
  ASSERT_TRUE(second.ok()) << second.status().message();
  EXPECT_EQ(second->added, 0);
  EXPECT_EQ(second->duplicates, 100);
  EXPECT_GT(second->id, first->id);
  EXPECT_EQ(*store_->CountEvents(), 100);
  EXPECT_EQ(*store_->CountPeople(), 50);
}

TEST_P(StoreConformanceTest, RepeatsWithinOneImportAreCountedApart) {
  Event event = MakeEvent(k2024, "x", "p", "like", "post");
  auto record = ImportEvents(*store_, {event, event, event});
  ASSERT_TRUE(record.ok()) << record.status().message();
  EXPECT_EQ(record->added, 1);
  EXPECT_EQ(record->duplicates, 0) << "none was stored before";
  EXPECT_EQ(record->repeated(), 2);
}

TEST_P(StoreConformanceTest, StoredBeforeWinsOverRepeated) {
  Event stored = MakeEvent(k2024, "x", "p", "like", "post");
  Event fresh = MakeEvent(k2024, "x", "q", "like", "post");
  ASSERT_TRUE(ImportEvents(*store_, {stored}).ok());
  auto record = ImportEvents(*store_, {stored, fresh, stored, fresh, fresh});
  ASSERT_TRUE(record.ok()) << record.status().message();
  EXPECT_EQ(record->added, 1);
  EXPECT_EQ(record->duplicates, 2) << "both copies of the stored event were in the workspace already";
  EXPECT_EQ(record->repeated(), 2);
  auto listed = store_->ListImports();
  ASSERT_TRUE(listed.ok()) << listed.status().message();
  EXPECT_EQ(listed->back().duplicates, 2);
  EXPECT_EQ(listed->back().repeated(), 2);
}

TEST_P(StoreConformanceTest, IdentityIsChannelPersonKindTimeAndContent) {
  Event base = MakeEvent(k2024, "x", "p", "like", "post", 1.0, "t");
  std::vector<Event> distinct = {base, base, base, base, base};
  distinct[1].channel = "y";
  distinct[2].person = "q";
  distinct[3].kind = "share";
  distinct[4].content = "other post";
  Event differs_in_value_and_tags = base;
  differs_in_value_and_tags.ts.micros += 1;
  distinct.push_back(differs_in_value_and_tags);
  ASSERT_TRUE(ImportEvents(*store_, distinct).ok());

  Event same_identity = base;
  same_identity.value = 2.0;
  same_identity.tags = "other";
  auto record = ImportEvents(*store_, {same_identity});
  ASSERT_TRUE(record.ok()) << record.status().message();
  EXPECT_EQ(record->added, 0);
  EXPECT_EQ(record->duplicates, 1);
  std::vector<Event> stored = ScanAll(*store_);
  ASSERT_EQ(stored.size(), distinct.size());
  EXPECT_TRUE(std::find(stored.begin(), stored.end(), base) != stored.end()) << "the first stored copy wins";
}

TEST_P(StoreConformanceTest, ImportRecordIsFilledAndListed) {
  ImportRecord record;
  record.file_name = "export (1).csv";
  record.sha256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  auto done = store_->Import(record, [](EventSink& sink, ImportRecord& filled) {
    filled.rows = 3;
    filled.custom_kinds = 1;
    LL_RETURN_IF_ERROR(sink.Add(MakeEvent(k2024, "x", "p", "like").view()));
    LL_RETURN_IF_ERROR(sink.Add(MakeEvent(k2024, "x", "p", "like").view()));
    return sink.Add(MakeEvent(k2024, "x", "p", "my_kind").view());
  });
  ASSERT_TRUE(done.ok()) << done.status().message();
  EXPECT_GT(done->id, 0);
  EXPECT_EQ(done->added, 2);
  EXPECT_EQ(done->duplicates, 0);
  EXPECT_EQ(done->repeated(), 1);
  auto started = ParseRfc3339(done->started_at);
  auto finished = ParseRfc3339(done->finished_at);
  ASSERT_TRUE(started.ok() && finished.ok()) << done->started_at << " " << done->finished_at;
  EXPECT_LE(*started, *finished);

  auto listed = store_->ListImports();
  ASSERT_TRUE(listed.ok()) << listed.status().message();
  ASSERT_EQ(listed->size(), 1u);
  const ImportRecord& got = listed->front();
  EXPECT_EQ(got.id, done->id);
  EXPECT_EQ(got.file_name, record.file_name);
  EXPECT_EQ(got.sha256, record.sha256);
  EXPECT_EQ(got.rows, 3);
  EXPECT_EQ(got.custom_kinds, 1);
  EXPECT_EQ(got.added, 2);
  EXPECT_EQ(got.duplicates, 0);
  EXPECT_EQ(got.repeated(), 1);
  EXPECT_EQ(got.started_at, done->started_at);
  EXPECT_EQ(got.finished_at, done->finished_at);
}

TEST_P(StoreConformanceTest, FailedFillLeavesWorkspaceUnchanged) {
  ASSERT_TRUE(ImportEvents(*store_, Synthetic(0, 10)).ok());
  std::vector<Event> more = Synthetic(10, 10);
  auto failed = store_->Import({}, [&](EventSink& sink, ImportRecord&) {
    for (int i = 0; i < 5; ++i) LL_RETURN_IF_ERROR(sink.Add(more[i].view()));
    LL_RETURN_IF_ERROR(sink.Add(MakeEvent(k2024, "new channel", "new person", "new_kind").view()));
    return InvalidArgument("bad.csv:7:1: field 'ts': not a time");
  });
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(failed.status().message(), "bad.csv:7:1: field 'ts': not a time");
  EXPECT_EQ(*store_->CountEvents(), 10);
  EXPECT_EQ(*store_->CountPeople(), 10);
  EXPECT_EQ(store_->ListImports()->size(), 1u);

  // Nothing of the failed import lingers, not even cached names.
  auto retry = ImportEvents(*store_, more);
  ASSERT_TRUE(retry.ok()) << retry.status().message();
  EXPECT_EQ(retry->added, 10);
  EXPECT_EQ(*store_->CountEvents(), 20);
}

// `count` events of one person, each with a kind (or channel) of its own.
std::vector<Event> DistinctNames(int first, int count, bool kinds) {
  std::vector<Event> events;
  for (int i = first; i < first + count; ++i) {
    const std::string name = std::string("custom-").append(std::to_string(i));
    events.push_back(MakeEvent(k2024 + i * kSecond, kinds ? "mastodon" : name, "@ana", kinds ? name : "like"));
  }
  return events;
}

// The analysis engine encodes kinds in 16 bits: a file that would pass
// kMaxKinds is refused whole, counting the kinds already stored, so the
// workspace stays analysable.
TEST_P(StoreConformanceTest, ImportPastTheKindLimitIsRefusedAndChangesNothing) {
  ASSERT_TRUE(ImportEvents(*store_, DistinctNames(0, 100, true)).ok());
  const std::string first_version = *store_->EventsVersion();
  auto refused = ImportEvents(*store_, DistinctNames(100, 66'000, true), "many-kinds.csv");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(refused.status().message().rfind("the workspace would hold 66100 distinct kinds (100 stored + 66000 from "
                                             "this file), more than the 65535 learnloop can analyse; use a column "
                                             "mapping",
                                             0),
            0u)
      << refused.status().message();
  EXPECT_EQ(*store_->CountEvents(), 100);
  EXPECT_EQ(store_->ListImports()->size(), 1u);
  EXPECT_EQ(*store_->EventsVersion(), first_version) << "a refused import changes nothing";

  // Up to the limit is fine.
  auto fits = ImportEvents(*store_, DistinctNames(100, static_cast<int>(kMaxKinds) - 100, true));
  ASSERT_TRUE(fits.ok()) << fits.status().message();
  auto one_more = ImportEvents(*store_, DistinctNames(kMaxKinds, 1, true));
  EXPECT_EQ(one_more.status().code(), StatusCode::kInvalidArgument);
  auto known = ImportEvents(*store_, {MakeEvent(k2024 - kDay, "mastodon", "@bo", "custom-7")});
  EXPECT_TRUE(known.ok()) << "a stored kind adds nothing: " << known.status().message();
}

TEST_P(StoreConformanceTest, ImportPastTheChannelLimitIsRefused) {
  auto refused = ImportEvents(*store_, DistinctNames(0, 66'000, false));
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("66000 distinct channels (0 stored + 66000 from this file)"),
            std::string::npos)
      << refused.status().message();
  EXPECT_EQ(*store_->CountEvents(), 0);
  EXPECT_TRUE(store_->ListImports()->empty());
}

// Observations name channels too, but the engine only encodes those of events.
TEST_P(StoreConformanceTest, ChannelsOfObservationsOnlyDoNotCountTowardsTheLimit) {
  std::vector<Observation> observations;
  for (int64_t i = 0; i < kMaxChannels; ++i)
    observations.push_back({19'723, std::string("seen-").append(std::to_string(i)), "", "reach", 1});
  ASSERT_TRUE(store_->AddObservations(observations).ok());
  auto record = ImportEvents(*store_, DistinctNames(0, 10, false));
  EXPECT_TRUE(record.ok()) << record.status().message();
}

TEST_P(StoreConformanceTest, EventWithoutNamesIsRejected) {
  auto failed = ImportEvents(*store_, {MakeEvent(k2024, "x", "p", "like"), MakeEvent(k2024, "x", "", "like")});
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(failed.status().message().find("person"), std::string::npos) << failed.status().message();
  EXPECT_EQ(*store_->CountEvents(), 0);
}

TEST_P(StoreConformanceTest, ScanOrderDoesNotDependOnInsertionOrder) {
  std::vector<Event> events;
  for (int t = 0; t < 3; ++t) {
    for (std::string channel : {"zeta", "Alpha", "alpha", "ä"}) {
      for (std::string person : {"bob", "ann", "Ann"}) {
        for (std::string kind : {"share", "like"}) {
          for (std::string content : {"", "b", "a"}) {
            events.push_back(MakeEvent(k2024 + (t - 1) * kSecond, channel, person, kind, content));
          }
        }
      }
    }
  }
  std::vector<Event> shuffled = events;
  std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(42));
  size_t half = shuffled.size() / 2;
  ASSERT_TRUE(ImportEvents(*store_, {shuffled.begin(), shuffled.begin() + half}).ok());
  ASSERT_TRUE(ImportEvents(*store_, {shuffled.begin() + half, shuffled.end()}).ok());

  std::sort(events.begin(), events.end(), ScanOrderLess);
  EXPECT_EQ(ScanAll(*store_), events);
}

TEST_P(StoreConformanceTest, ScanStopsAtFirstVisitorError) {
  ASSERT_TRUE(ImportEvents(*store_, Synthetic(0, 10)).ok());
  int visited = 0;
  Status status = store_->ScanEvents([&](const EventView&) {
    ++visited;
    return IoError("disk full");
  });
  EXPECT_EQ(status.code(), StatusCode::kIoError);
  EXPECT_EQ(status.message(), "disk full");
  EXPECT_EQ(visited, 1);
  EXPECT_EQ(ScanAll(*store_).size(), 10u) << "the store is usable after an early stop";
}

TEST_P(StoreConformanceTest, OnePersonValueIsOnePersonAcrossChannels) {
  ASSERT_TRUE(ImportEvents(*store_, {MakeEvent(k2024, "newsletter", "ana@example.org", "subscribe"),
                                     MakeEvent(k2024, "crm", "ana@example.org", "donation", "", 10.0),
                                     MakeEvent(k2024, "crm", "ANA@example.org", "donation", "", 10.0)})
                  .ok());
  EXPECT_EQ(*store_->CountPeople(), 2);
  ASSERT_TRUE(ImportEvents(*store_, {MakeEvent(k2024 + kDay, "mastodon", "ana@example.org", "like")}).ok());
  EXPECT_EQ(*store_->CountPeople(), 2);
}

TEST_P(StoreConformanceTest, SettingsAreStoredAndReplaced) {
  auto unset = store_->GetSetting("time_zone");
  ASSERT_TRUE(unset.ok()) << unset.status().message();
  EXPECT_FALSE(unset->has_value());
  ASSERT_TRUE(store_->SetSetting("time_zone", "Europe/Berlin").ok());
  ASSERT_TRUE(store_->SetSetting("name", "").ok());
  ASSERT_TRUE(store_->SetSetting("time_zone", "America/Argentina/Buenos_Aires").ok());
  EXPECT_EQ(store_->GetSetting("time_zone")->value_or("?"), "America/Argentina/Buenos_Aires");
  EXPECT_EQ(store_->GetSetting("name")->value_or("?"), "");
  EXPECT_FALSE(store_->GetSetting("Time_Zone")->has_value());
}

TEST_P(StoreConformanceTest, DataPersistsAcrossReopen) {
  std::vector<Event> events = Synthetic(0, 20);
  ASSERT_TRUE(ImportEvents(*store_, events).ok());
  ASSERT_TRUE(store_->SetSetting("time_zone", "UTC").ok());
  store_.reset();
  auto reopened = backend_->Open();
  ASSERT_TRUE(reopened.ok()) << reopened.status().message();
  std::sort(events.begin(), events.end(), ScanOrderLess);
  EXPECT_EQ(ScanAll(**reopened), events);
  EXPECT_EQ((*reopened)->GetSetting("time_zone")->value_or("?"), "UTC");
  EXPECT_EQ((*reopened)->ListImports()->size(), 1u);
}

TEST_P(StoreConformanceTest, LargeImportCountsEveryEvent) {
  std::vector<Event> events = Synthetic(0, 20'000);
  events.insert(events.end(), events.begin(), events.begin() + 500);
  auto record = ImportEvents(*store_, events);
  ASSERT_TRUE(record.ok()) << record.status().message();
  EXPECT_EQ(record->added, 20'000);
  EXPECT_EQ(record->repeated(), 500);
  EXPECT_EQ(*store_->CountEvents(), 20'000);
}

// Two writers overlap in half their events; serialized imports add each
// event once, so the totals come out right whichever goes first.
void ExpectSerializedTotals(Store& store, const ImportRecord& a, const ImportRecord& b) {
  EXPECT_EQ(a.added + b.added, 3000);
  EXPECT_EQ(a.duplicates + b.duplicates, 1000);
  EXPECT_EQ(*store.CountEvents(), 3000);
  EXPECT_EQ(store.ListImports()->size(), 2u);
}

TEST_P(StoreConformanceTest, ConcurrentImportsFromTwoThreadsBothCommit) {
  Result<ImportRecord> a = Internal("not run"), b = Internal("not run");
  std::thread first([&] { a = ImportOnOwnStore(*backend_, 0, 2000); });
  std::thread second([&] { b = ImportOnOwnStore(*backend_, 1000, 2000); });
  first.join();
  second.join();
  ASSERT_TRUE(a.ok()) << a.status().message();
  ASSERT_TRUE(b.ok()) << b.status().message();
  ExpectSerializedTotals(*store_, *a, *b);
}

TEST_P(StoreConformanceTest, ConcurrentImportsFromTwoProcessesBothCommit) {
  pid_t child = fork();
  ASSERT_NE(child, -1);
  if (child == 0) _exit(ImportOnOwnStore(*backend_, 1000, 2000).ok() ? 0 : 1);
  auto mine = ImportOnOwnStore(*backend_, 0, 2000);
  int wait_status = 0;
  ASSERT_EQ(waitpid(child, &wait_status, 0), child);
  ASSERT_TRUE(mine.ok()) << mine.status().message();
  ASSERT_TRUE(WIFEXITED(wait_status) && WEXITSTATUS(wait_status) == 0) << "the child's import failed";
  auto imports = store_->ListImports();
  ASSERT_TRUE(imports.ok() && imports->size() == 2u);
  const ImportRecord& theirs = (*imports)[0].id == mine->id ? (*imports)[1] : (*imports)[0];
  ExpectSerializedTotals(*store_, *mine, theirs);
}

std::vector<Observation> ScanObservationsOf(Store& store) {
  std::vector<Observation> observations;
  Status status = store.ScanObservations([&](const Observation& o) {
    observations.push_back(o);
    return Status::Ok();
  });
  EXPECT_TRUE(status.ok()) << status.message();
  return observations;
}

TEST_P(StoreConformanceTest, ObservationsRoundTripInKeyOrder) {
  std::vector<Observation> batch = {{19'724, "mastodon", "post1", "reach", 120},
                                    {19'723, "mastodon", "post1", "reach", 80.5},
                                    {19'723, "facebook", "", "followers", 1000},
                                    {19'723, "mastodon", "post1", "impressions", 300}};
  auto counts = store_->AddObservations(batch);
  ASSERT_TRUE(counts.ok()) << counts.status().message();
  EXPECT_EQ(counts->rows, 4);
  EXPECT_EQ(counts->added, 4);
  EXPECT_EQ(counts->updated + counts->unchanged, 0);
  std::vector<Observation> expected = {batch[2], batch[3], batch[1], batch[0]};
  EXPECT_EQ(ScanObservationsOf(*store_), expected);
}

TEST_P(StoreConformanceTest, NewestObservationWins) {
  ASSERT_TRUE(store_->AddObservations({{19'723, "mastodon", "post1", "reach", 80}}).ok());
  auto counts = store_->AddObservations({{19'723, "mastodon", "post1", "reach", 95},
                                         {19'723, "mastodon", "post1", "reach", 99},
                                         {19'724, "mastodon", "post1", "reach", 10}});
  ASSERT_TRUE(counts.ok()) << counts.status().message();
  EXPECT_EQ(counts->added, 1);
  EXPECT_EQ(counts->updated, 2);
  std::vector<Observation> stored = ScanObservationsOf(*store_);
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_EQ(stored[0].value, 99);
  auto again = store_->AddObservations({{19'723, "mastodon", "post1", "reach", 99}});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->unchanged, 1);
}

// Imports `items` as the contents of one import; its record or the error.
Result<ImportRecord> ImportContents(Store& store, const std::vector<ContentItem>& items) {
  ImportRecord record;
  record.file_name = "feed.xml";
  return store.Import(record, [&](EventSink& sink, ImportRecord& filled) {
    for (const ContentItem& item : items) LL_RETURN_IF_ERROR(sink.AddContent(item));
    filled.rows = static_cast<int64_t>(items.size());
    return Status::Ok();
  });
}

std::vector<ContentItem> ScanContentsOf(Store& store) {
  std::vector<ContentItem> items;
  Status status = store.ScanContents([&](const ContentItem& item) {
    items.push_back(item);
    return Status::Ok();
  });
  EXPECT_TRUE(status.ok()) << status.message();
  return items;
}

TEST_P(StoreConformanceTest, ContentsAreUpsertedByChannelAndKey) {
  const ContentItem first{"web", "https://example.org/a", Timestamp{k2024}, "A\n\nbody", "news"};
  const ContentItem undated{"web", "https://example.org/b", std::nullopt, "B", ""};
  const ContentItem other_channel{"blog", "https://example.org/a", std::nullopt, "A elsewhere", ""};
  auto done = ImportContents(*store_, {first, undated, other_channel});
  ASSERT_TRUE(done.ok()) << done.status().message();
  EXPECT_EQ(done->contents.rows, 3);
  EXPECT_EQ(done->contents.added, 3);
  EXPECT_EQ(done->added, 0) << "contents are not events";
  EXPECT_EQ(ScanContentsOf(*store_), (std::vector<ContentItem>{other_channel, first, undated}));

  // The same items again change nothing; a new title or a time found later
  // replaces what is stored, and an item that lost its time keeps it.
  ContentItem retitled = first;
  retitled.text = "A, retitled\n\nbody";
  retitled.published_at.reset();
  ContentItem dated = undated;
  dated.published_at = Timestamp{k2024 + kDay};
  auto again = ImportContents(*store_, {first, undated, other_channel});
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(again->contents.unchanged, 3);
  auto changed = ImportContents(*store_, {retitled, dated});
  ASSERT_TRUE(changed.ok()) << changed.status().message();
  EXPECT_EQ(changed->contents.updated, 2);
  EXPECT_EQ(changed->contents.added + changed->contents.unchanged, 0);
  retitled.published_at = first.published_at;
  EXPECT_EQ(ScanContentsOf(*store_), (std::vector<ContentItem>{other_channel, retitled, dated}));
  EXPECT_EQ(*store_->CountEvents(), 0);
}

TEST_P(StoreConformanceTest, ContentWithoutKeyFailsTheImportWhole) {
  auto done = ImportContents(*store_, {{"web", "a", std::nullopt, "A", ""}, {"web", "", std::nullopt, "B", ""}});
  ASSERT_FALSE(done.ok());
  EXPECT_EQ(done.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(ScanContentsOf(*store_).empty());
  EXPECT_EQ(ImportContents(*store_, {{"", "a", std::nullopt, "A", ""}}).status().code(), StatusCode::kInvalidArgument);
}

TEST_P(StoreConformanceTest, BadObservationChangesNothing) {
  auto counts = store_->AddObservations({{19'723, "mastodon", "post1", "reach", 80}, {19'723, "", "", "reach", 1}});
  ASSERT_FALSE(counts.ok());
  EXPECT_EQ(counts.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(counts.status().message().find("empty channel"), std::string::npos) << counts.status().message();
  EXPECT_TRUE(ScanObservationsOf(*store_).empty());
  auto no_metric = store_->AddObservations({{19'723, "mastodon", "", "", 1}});
  EXPECT_EQ(no_metric.status().code(), StatusCode::kInvalidArgument);
  auto not_finite = store_->AddObservations({{19'723, "mastodon", "", "reach", std::nan("")}});
  EXPECT_EQ(not_finite.status().code(), StatusCode::kInvalidArgument);
}

TEST_P(StoreConformanceTest, ObservationsShareChannelsWithEvents) {
  ASSERT_TRUE(ImportEvents(*store_, {MakeEvent(k2024, "mastodon", "@ana", "like")}).ok());
  ASSERT_TRUE(store_->AddObservations({{19'723, "mastodon", "", "followers", 5}}).ok());
  ASSERT_EQ(ScanAll(*store_).size(), 1u);
  std::vector<Observation> stored = ScanObservationsOf(*store_);
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].channel, "mastodon");
}

TEST_P(StoreConformanceTest, ObservationScanStopsAtVisitorError) {
  ASSERT_TRUE(store_->AddObservations({{1, "a", "", "m", 1}, {2, "a", "", "m", 2}}).ok());
  int visited = 0;
  Status status = store_->ScanObservations([&](const Observation&) {
    ++visited;
    return InvalidArgument("stop");
  });
  EXPECT_EQ(status.message(), "stop");
  EXPECT_EQ(visited, 1);
}

std::vector<PersonAttribute> ScanPersonAttributesOf(Store& store) {
  std::vector<PersonAttribute> attributes;
  Status status = store.ScanPersonAttributes([&](const PersonAttribute& a) {
    attributes.push_back(a);
    return Status::Ok();
  });
  EXPECT_TRUE(status.ok()) << status.message();
  return attributes;
}

TEST_P(StoreConformanceTest, PersonAttributesRoundTripInPersonAndAttributeByteOrder) {
  std::vector<PersonAttribute> batch = {
      {"bob", "city", "Rome"},       {"änne", "city", "Wien"},
      {"ana", "membership", "gold"}, {"ana", "City", "Grüße, «ü» ✊🏽\n\"q\", a;b"},
      {"Ana", "city", "Oslo"},       {"ana", "city", "Berlin"}};
  auto counts = store_->SetPersonAttributes(batch);
  ASSERT_TRUE(counts.ok()) << counts.status().message();
  EXPECT_EQ(*counts, (PersonAttributeCounts{.rows = 6, .people = 4, .added = 6}));
  std::vector<PersonAttribute> expected = {batch[4], batch[3], batch[5], batch[2], batch[0], batch[1]};
  EXPECT_EQ(ScanPersonAttributesOf(*store_), expected);
}

// A reader that fails after handing on rows (a bad line further down the
// file) leaves the store as it was, observations and attributes alike.
TEST_P(StoreConformanceTest, AFillThatFailsHalfwayKeepsNothing) {
  ASSERT_TRUE(store_->AddObservations({{19'723, "mastodon", "post1", "reach", 80}}).ok());
  auto observations = store_->AddObservations([](const ObservationSink& add) -> Status {
    LL_RETURN_IF_ERROR(add({19'723, "mastodon", "post1", "reach", 95}));
    LL_RETURN_IF_ERROR(add({19'724, "mastodon", "post2", "reach", 7}));
    return InvalidArgument("obs.csv:4:1: bad row");
  });
  EXPECT_EQ(observations.status().message(), "obs.csv:4:1: bad row");
  EXPECT_EQ(ScanObservationsOf(*store_), (std::vector<Observation>{{19'723, "mastodon", "post1", "reach", 80}}));

  ASSERT_TRUE(store_->SetPersonAttributes({{"ana", "city", "Berlin"}}).ok());
  auto attributes = store_->SetPersonAttributes([](const PersonAttributeSink& set) -> Status {
    LL_RETURN_IF_ERROR(set({"ana", "city", "Paris"}));
    LL_RETURN_IF_ERROR(set({"bob", "city", "Rome"}));
    return InvalidArgument("people.csv:3:1: bad row");
  });
  EXPECT_EQ(attributes.status().message(), "people.csv:3:1: bad row");
  EXPECT_EQ(ScanPersonAttributesOf(*store_), (std::vector<PersonAttribute>{{"ana", "city", "Berlin"}}));
  EXPECT_EQ(*store_->CountPeople(), 1);
}

// A person cleared first (no one to add) and set later in the same batch is
// added then; one named again after others counts once.
TEST_P(StoreConformanceTest, APersonNamedAgainLaterInTheBatchIsOnePerson) {
  auto counts = store_->SetPersonAttributes({{"cy", "city", ""},
                                             {"dan", "city", "Oslo"},
                                             {"cy", "city", "Rome"},
                                             {"cy", "tier", "gold"},
                                             {"dan", "tier", ""}});
  ASSERT_TRUE(counts.ok()) << counts.status().message();
  EXPECT_EQ(*counts, (PersonAttributeCounts{.rows = 5, .people = 2, .added = 3, .unchanged = 2}));
  EXPECT_EQ(ScanPersonAttributesOf(*store_),
            (std::vector<PersonAttribute>{{"cy", "city", "Rome"}, {"cy", "tier", "gold"}, {"dan", "city", "Oslo"}}));
  EXPECT_EQ(*store_->CountPeople(), 2);
}

// A platform export carries events, observations and attributes: one
// import stores them together, counts each, and keeps none when it fails.
TEST_P(StoreConformanceTest, AnImportStoresObservationsAndAttributesWithItsEvents) {
  auto fill = [](bool fail) {
    return [fail](EventSink& sink, ImportRecord& record) -> Status {
      LL_RETURN_IF_ERROR(sink.Add(MakeEvent(k2024, "mastodon", "@ana", "like", "post1").view()));
      LL_RETURN_IF_ERROR(sink.AddObservation({19'723, "mastodon", "post1", "likes", 12}));
      LL_RETURN_IF_ERROR(sink.SetAttribute({"@ana", "city", "Berlin"}));
      LL_RETURN_IF_ERROR(sink.SetAttribute({"@bob", "city", "Rome"}));
      record.rows = 1;
      return fail ? InvalidArgument("export.json: [3]: damaged") : Status::Ok();
    };
  };
  auto failed = store_->Import({}, fill(true));
  EXPECT_EQ(failed.status().message(), "export.json: [3]: damaged");
  EXPECT_TRUE(ScanAll(*store_).empty());
  EXPECT_TRUE(ScanObservationsOf(*store_).empty());
  EXPECT_TRUE(ScanPersonAttributesOf(*store_).empty());
  EXPECT_EQ(*store_->CountPeople(), 0);

  auto done = store_->Import({}, fill(false));
  ASSERT_TRUE(done.ok()) << done.status().message();
  EXPECT_EQ(done->added, 1);
  EXPECT_EQ(done->observations.added, 1);
  EXPECT_EQ(done->attributes.added, 2);
  EXPECT_EQ(done->attributes.people, 2);
  EXPECT_EQ(done->attributes.people_with_events, 1);
  EXPECT_EQ(ScanObservationsOf(*store_), (std::vector<Observation>{{19'723, "mastodon", "post1", "likes", 12}}));
  EXPECT_EQ(*store_->CountPeople(), 2);

  auto again = store_->Import({}, fill(false));
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(again->added, 0);
  EXPECT_EQ(again->observations.unchanged, 1);
  EXPECT_EQ(again->attributes.unchanged, 2);
}

TEST_P(StoreConformanceTest, NewestPersonAttributeWins) {
  ASSERT_TRUE(
      store_->SetPersonAttributes({{"ana", "city", "Berlin"}, {"ana", "membership", "gold"}, {"bob", "city", "Rome"}})
          .ok());
  auto counts = store_->SetPersonAttributes({{"ana", "city", "Paris"},
                                             {"ana", "membership", "gold"},
                                             {"bob", "city", ""},
                                             {"bob", "membership", "silver"},
                                             {"ana", "city", "Lyon"}});
  ASSERT_TRUE(counts.ok()) << counts.status().message();
  EXPECT_EQ(*counts,
            (PersonAttributeCounts{.rows = 5, .people = 2, .added = 1, .updated = 2, .removed = 1, .unchanged = 1}));
  std::vector<PersonAttribute> expected = {
      {"ana", "city", "Lyon"}, {"ana", "membership", "gold"}, {"bob", "membership", "silver"}};
  EXPECT_EQ(ScanPersonAttributesOf(*store_), expected);
  EXPECT_EQ(*store_->CountPeople(), 2);
}

TEST_P(StoreConformanceTest, ImportingPersonAttributesTwiceChangesNothing) {
  std::vector<PersonAttribute> batch = {{"ana", "city", "Berlin"}, {"bob", "city", ""}, {"bob", "segment", "donor"}};
  ASSERT_TRUE(store_->SetPersonAttributes(batch).ok());
  std::vector<PersonAttribute> stored = ScanPersonAttributesOf(*store_);
  int64_t people = *store_->CountPeople();
  auto again = store_->SetPersonAttributes(batch);
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(*again, (PersonAttributeCounts{.rows = 3, .people = 2, .unchanged = 3}));
  EXPECT_EQ(ScanPersonAttributesOf(*store_), stored);
  EXPECT_EQ(*store_->CountPeople(), people);
}

TEST_P(StoreConformanceTest, EmptyValueRemovesPersonAttribute) {
  ASSERT_TRUE(store_->SetPersonAttributes({{"ana", "city", "Berlin"}, {"ana", "segment", "donor"}}).ok());
  auto counts = store_->SetPersonAttributes({{"ana", "city", ""}, {"ana", "city", ""}});
  ASSERT_TRUE(counts.ok()) << counts.status().message();
  EXPECT_EQ(*counts, (PersonAttributeCounts{.rows = 2, .people = 1, .removed = 1, .unchanged = 1}));
  EXPECT_EQ(ScanPersonAttributesOf(*store_), (std::vector<PersonAttribute>{{"ana", "segment", "donor"}}));
}

TEST_P(StoreConformanceTest, ClearingAnAttributeOfAnUnknownPersonAddsNoOne) {
  auto counts = store_->SetPersonAttributes({{"ana", "city", ""}});
  ASSERT_TRUE(counts.ok()) << counts.status().message();
  EXPECT_EQ(*counts, (PersonAttributeCounts{.rows = 1, .people = 1, .unchanged = 1}));
  EXPECT_EQ(*store_->CountPeople(), 0);
  EXPECT_TRUE(ScanPersonAttributesOf(*store_).empty());
}

TEST_P(StoreConformanceTest, BadPersonAttributeRowChangesNothing) {
  ASSERT_TRUE(store_->SetPersonAttributes({{"ana", "city", "Berlin"}}).ok());
  auto failed = store_->SetPersonAttributes({{"ana", "city", "Paris"}, {"bob", "", "Rome"}, {"cy", "city", "Oslo"}});
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(failed.status().message(), "an attribute of 'bob' has an empty name");
  EXPECT_EQ(ScanPersonAttributesOf(*store_), (std::vector<PersonAttribute>{{"ana", "city", "Berlin"}}));
  EXPECT_EQ(*store_->CountPeople(), 1);

  auto no_person = store_->SetPersonAttributes({{"", "city", "Rome"}});
  ASSERT_FALSE(no_person.ok());
  EXPECT_EQ(no_person.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(no_person.status().message(), "attribute 'city' has an empty person");
}

TEST_P(StoreConformanceTest, AttributesAndEventsNameTheSamePerson) {
  ASSERT_TRUE(store_->SetPersonAttributes({{"ana@example.org", "city", "Berlin"}}).ok());
  EXPECT_EQ(*store_->CountPeople(), 1);
  ASSERT_TRUE(ImportEvents(*store_, {MakeEvent(k2024, "newsletter", "ana@example.org", "subscribe"),
                                     MakeEvent(k2024, "mastodon", "@bob", "like")})
                  .ok());
  EXPECT_EQ(*store_->CountPeople(), 2) << "the events found ana's identity";
  ASSERT_TRUE(store_->SetPersonAttributes({{"@bob", "city", "Rome"}}).ok());
  EXPECT_EQ(*store_->CountPeople(), 2) << "the attribute found bob's identity";
  std::vector<PersonAttribute> expected = {{"@bob", "city", "Rome"}, {"ana@example.org", "city", "Berlin"}};
  EXPECT_EQ(ScanPersonAttributesOf(*store_), expected);
  EXPECT_EQ(ScanAll(*store_).size(), 2u);
}

TEST_P(StoreConformanceTest, EventsVersionChangesExactlyWhenEventsAreAdded) {
  const std::string empty = *store_->EventsVersion();
  EXPECT_FALSE(empty.empty());
  const std::vector<Event> events = {MakeEvent(k2024, "mastodon", "@ana", "like")};
  ASSERT_TRUE(ImportEvents(*store_, events).ok());
  const std::string first = *store_->EventsVersion();
  EXPECT_NE(first, empty);
  ASSERT_TRUE(ImportEvents(*store_, events).ok());
  EXPECT_EQ(*store_->EventsVersion(), first) << "a re-import adds nothing";
  ASSERT_TRUE(store_->SetPersonAttributes({{"@ana", "city", "Rome"}}).ok());
  EXPECT_EQ(*store_->EventsVersion(), first) << "attributes are not events";
  auto failed = store_->Import({}, [](EventSink& sink, ImportRecord&) -> Status {
    LL_RETURN_IF_ERROR(sink.Add(MakeEvent(k2024, "mastodon", "@bob", "like").view()));
    return IoError("the file broke off");
  });
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(*store_->EventsVersion(), first) << "a failed import adds nothing";
  ASSERT_TRUE(ImportEvents(*store_, {MakeEvent(k2024, "mastodon", "@bob", "like")}).ok());
  EXPECT_NE(*store_->EventsVersion(), first);
}

TEST_P(StoreConformanceTest, AttributeImportsCountPeopleWithEvents) {
  auto first = store_->SetPersonAttributes({{"ana@example.org", "city", "Berlin"}, {"@bob", "city", "Rome"}});
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(first->people_with_events, 0);
  ASSERT_TRUE(ImportEvents(*store_, {MakeEvent(k2024, "newsletter", "ana@example.org", "subscribe"),
                                     MakeEvent(k2024, "mastodon", "@cem", "like")})
                  .ok());
  auto second = store_->SetPersonAttributes(
      {{"ana@example.org", "city", "Berlin"}, {"@bob", "city", "Rome"}, {"@cem", "city", "Rome"}});
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->people, 3);
  EXPECT_EQ(second->people_with_events, 2) << "ana gained an event; cem had one";
  // A failed event import does not mark bob.
  auto failed = store_->Import({}, [](EventSink& sink, ImportRecord&) -> Status {
    LL_RETURN_IF_ERROR(sink.Add(MakeEvent(k2024, "mastodon", "@bob", "like").view()));
    return IoError("the file broke off");
  });
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(store_->SetPersonAttributes({{"@bob", "city", "Rome"}})->people_with_events, 0);
}

TEST_P(StoreConformanceTest, ScanOfNamedAttributesAndTheNames) {
  ASSERT_TRUE(store_
                  ->SetPersonAttributes(
                      {{"ana", "tier", "gold"}, {"bob", "city", "Rome"}, {"ana", "City", "Oslo"}, {"cy", "tier", "x"}})
                  .ok());
  std::vector<PersonAttribute> seen;
  ASSERT_TRUE(store_
                  ->ScanAttributesNamed({"tier", "nope"},
                                        [&](const PersonAttribute& a) {
                                          seen.push_back(a);
                                          return Status::Ok();
                                        })
                  .ok());
  std::sort(seen.begin(), seen.end(), [](const PersonAttribute& a, const PersonAttribute& b) {
    return std::tie(a.person, a.attribute) < std::tie(b.person, b.attribute);
  });
  std::vector<PersonAttribute> tiers = {{"ana", "tier", "gold"}, {"cy", "tier", "x"}};
  EXPECT_EQ(seen, tiers);
  int visits = 0;
  Status stopped = store_->ScanAttributesNamed({"tier", "city"}, [&](const PersonAttribute&) {
    ++visits;
    return IoError("stop");
  });
  EXPECT_EQ(stopped.code(), StatusCode::kIoError);
  EXPECT_EQ(visits, 1);
  EXPECT_TRUE(store_->ScanAttributesNamed({}, [](const PersonAttribute&) { return IoError("none expected"); }).ok());
  EXPECT_EQ(*store_->AttributeNames(), (std::vector<std::string>{"City", "city", "tier"}));
}

TEST_P(StoreConformanceTest, AttributesOfOnePerson) {
  ASSERT_TRUE(
      store_->SetPersonAttributes({{"ana", "tier", "gold"}, {"bob", "city", "Rome"}, {"ana", "City", "Oslo"}}).ok());
  std::vector<PersonAttribute> ana = {{"ana", "City", "Oslo"}, {"ana", "tier", "gold"}};
  EXPECT_EQ(*store_->AttributesOf("ana"), ana);
  EXPECT_TRUE(store_->AttributesOf("nobody")->empty());
  EXPECT_TRUE(store_->AttributesOf("an%")->empty()) << "the name is matched exactly";
}

TEST_P(StoreConformanceTest, AttributeSummaryCountsPeopleValuesAndEvents) {
  ASSERT_TRUE(ImportEvents(*store_, {MakeEvent(k2024, "mastodon", "a", "like")}).ok());
  std::vector<PersonAttribute> batch = {{"a", "tier", "gold"},
                                        {"b", "tier", "silver"},
                                        {"c", "tier", "silver"},
                                        {"d", "tier", "bronze"},
                                        {"a", "city", "Rome"}};
  for (int i = 0; i < 12; ++i) batch.push_back({"p" + std::to_string(i), "zip", std::to_string(10000 + i)});
  batch.push_back({"p0", "zip", ""});  // removed again
  ASSERT_TRUE(store_->SetPersonAttributes(batch).ok());
  auto summaries = store_->SummarizePersonAttributes();
  ASSERT_TRUE(summaries.ok()) << summaries.status().message();
  ASSERT_EQ(summaries->size(), 3u);
  const AttributeSummary& city = (*summaries)[0];
  EXPECT_EQ(city.attribute, "city");
  EXPECT_EQ(city.people_with_events, 1);
  const AttributeSummary& tier = (*summaries)[1];
  EXPECT_EQ(tier.attribute, "tier");
  EXPECT_EQ(tier.people, 4);
  EXPECT_EQ(tier.people_with_events, 1);
  EXPECT_EQ(tier.distinct_values, 3);
  ASSERT_EQ(tier.top_values.size(), 3u);
  EXPECT_EQ(tier.top_values[0].value, "silver");
  EXPECT_EQ(tier.top_values[0].people, 2);
  EXPECT_EQ(tier.top_values[1].value, "bronze") << "ties by value";
  const AttributeSummary& zip = (*summaries)[2];
  EXPECT_EQ(zip.people, 11);
  EXPECT_EQ(zip.distinct_values, 11);
  EXPECT_EQ(zip.top_values.size(), kTopAttributeValues);
  EXPECT_EQ(zip.top_values[0].value, "10001");
}

TEST_P(StoreConformanceTest, PersonAttributeScanStopsAtVisitorError) {
  ASSERT_TRUE(store_->SetPersonAttributes({{"ana", "city", "Berlin"}, {"bob", "city", "Rome"}}).ok());
  int visited = 0;
  Status status = store_->ScanPersonAttributes([&](const PersonAttribute&) {
    ++visited;
    return IoError("disk full");
  });
  EXPECT_EQ(status.code(), StatusCode::kIoError);
  EXPECT_EQ(status.message(), "disk full");
  EXPECT_EQ(visited, 1);
  EXPECT_EQ(ScanPersonAttributesOf(*store_).size(), 2u) << "the store is usable after an early stop";
}

TEST_P(StoreConformanceTest, PersonAttributesPersistAcrossReopen) {
  std::vector<PersonAttribute> batch = {{"ana", "city", "Berlin"}, {"bob", "segment", "donor"}};
  ASSERT_TRUE(store_->SetPersonAttributes(batch).ok());
  store_.reset();
  auto reopened = backend_->Open();
  ASSERT_TRUE(reopened.ok()) << reopened.status().message();
  EXPECT_EQ(ScanPersonAttributesOf(**reopened), batch);
  EXPECT_EQ(*(*reopened)->CountPeople(), 2);
}

std::vector<LinkRule> ScanLinkRulesOf(Store& store) {
  std::vector<LinkRule> rules;
  Status status = store.ScanLinkRules([&](const LinkRule& rule) {
    rules.push_back(rule);
    return Status::Ok();
  });
  EXPECT_TRUE(status.ok()) << status.message();
  return rules;
}

TEST_P(StoreConformanceTest, IdentitiesNamedByEventsOrAttributesAreKnown) {
  ASSERT_TRUE(ImportEvents(*store_, {{Timestamp{1}, "m", "@a", "like", "", std::nullopt, ""}}, "e.csv").ok());
  ASSERT_TRUE(store_->SetPersonAttributes({{"b@x.org", "city", "Berlin"}}).ok());
  EXPECT_TRUE(*store_->HasIdentity("@a"));
  EXPECT_TRUE(*store_->HasIdentity("b@x.org"));
  EXPECT_FALSE(*store_->HasIdentity("@A"));
  EXPECT_FALSE(*store_->HasIdentity("c@x.org"));
}

TEST_P(StoreConformanceTest, LinksVersionChangesExactlyWhenRulesOrAttributesDo) {
  const std::string none = *store_->LinksVersion();
  ASSERT_TRUE(ImportEvents(*store_, {MakeEvent(k2024, "mastodon", "@ana", "like")}).ok());
  EXPECT_EQ(*store_->LinksVersion(), none) << "events link no one";
  ASSERT_TRUE(store_->SetPersonAttributes({{"@ana", "email", "ana@example.org"}}).ok());
  const std::string first = *store_->LinksVersion();
  EXPECT_NE(first, none);
  ASSERT_TRUE(store_->SetPersonAttributes({{"@ana", "email", "ana@example.org"}}).ok());
  EXPECT_EQ(*store_->LinksVersion(), first) << "the same value again changes nothing";
  EXPECT_EQ(store_->AddLinkRules({LinkRule{0, "", "a", true, "people link", "", "ana", 1}}).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(*store_->LinksVersion(), first) << "a refused rule changes nothing";
  ASSERT_TRUE(
      store_->AddLinkRules({LinkRule{0, "@ana", "ana@example.org", false, "people unlink", "", "ana", 1}}).ok());
  const std::string second = *store_->LinksVersion();
  EXPECT_NE(second, first);
  auto with_attribute = store_->Import({}, [](EventSink& sink, ImportRecord&) {
    return sink.SetAttribute({"@bob", "mastodon", "@bob@mastodon.social"});
  });
  ASSERT_TRUE(with_attribute.ok()) << with_attribute.status().message();
  EXPECT_NE(*store_->LinksVersion(), second) << "an import's person fields count too";
}

TEST_P(StoreConformanceTest, LinkRulesAreKeptInOrderAcrossReopen) {
  EXPECT_TRUE(ScanLinkRulesOf(*store_).empty());
  LinkRule link{0, "@cara@mastodon.social", "cara@example.org", true, "people link", "she told us", "ana", 1000};
  LinkRule unlink{0, "@cara@mastodon.social", "cara@example.org", false, "people unlink", "", "ben", 2000};
  ASSERT_TRUE(store_->AddLinkRules({link}).ok());
  ASSERT_TRUE(store_->AddLinkRules({unlink}).ok());
  store_.reset();
  auto reopened = backend_->Open();
  ASSERT_TRUE(reopened.ok()) << reopened.status().message();
  std::vector<LinkRule> rules = ScanLinkRulesOf(**reopened);
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_LT(rules[0].id, rules[1].id);
  link.id = rules[0].id;
  unlink.id = rules[1].id;
  EXPECT_EQ(rules[0], link);
  EXPECT_EQ(rules[1], unlink);
}

TEST_P(StoreConformanceTest, ABadLinkRuleKeepsNoneOfItsBatch) {
  LinkRule good{0, "a", "b", true, "people link --file p.csv", "", "ana", 1};
  LinkRule reversed{0, "b", "a", true, "people link --file p.csv", "", "ana", 1};
  LinkRule empty{0, "", "a", true, "people link --file p.csv", "", "ana", 1};
  EXPECT_EQ(store_->AddLinkRules({good, reversed}).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->AddLinkRules({good, empty}).code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(ScanLinkRulesOf(*store_).empty());
  int visited = 0;
  ASSERT_TRUE(store_->AddLinkRules({good, good}).ok());
  EXPECT_EQ(store_
                ->ScanLinkRules([&](const LinkRule&) {
                  ++visited;
                  return Internal("stop");
                })
                .message(),
            "stop");
  EXPECT_EQ(visited, 1);
}

}  // namespace
}  // namespace learnloop::store
