#include "ingest/mastodon.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "ingest/platform.h"
#include "ingest/test_util.h"

namespace learnloop::ingest {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using testing::ReadFile;
using testing::ReadPlatform;
using testing::Records;
using ::testing::StartsWith;

Timestamp At(std::string_view text) { return *ParseRfc3339(text); }

Event E(std::string_view ts, std::string person, std::string kind, std::string content, std::string tags = "") {
  return {At(ts), "mastodon", std::move(person), std::move(kind), std::move(content), std::nullopt, std::move(tags)};
}

Records Read(std::string_view bytes) {
  Result<Records> read = ReadPlatform(kMastodonApiFormat, bytes, "m.json");
  EXPECT_TRUE(read.ok()) << read.status().message();
  return read.ok() ? std::move(*read) : Records{};
}

TEST(MastodonTest, NotificationsBecomeTheirSendersInteractions) {
  Records r = Read(ReadFile(testing::PlatformDataPath("mastodon/notifications.json")));
  EXPECT_EQ(r.events, (std::vector<Event>{
                          E("2024-05-02T09:15:04Z", "@cara@mastodon.social", "reply", "112370000000000001", "cleanair"),
                          E("2024-05-02T10:01:00Z", "@dev@social.example.org", "mention", ""),
                          E("2024-05-02T11:30:00Z", "@cara@mastodon.social", "like", "112370000000000001", "saturday"),
                          E("2024-05-02T10:00:00Z", "@eli@fosstodon.org", "share", "112370000000000001"),
                          E("2024-05-03T08:00:00Z", "@fay@chaos.social", "follow", ""),
                          E("2024-05-03T09:00:00Z", "@eli@fosstodon.org", "share", "112370000000000001"),
                      }));
  EXPECT_EQ(r.report.records, 10);
  EXPECT_EQ(r.report.skipped, (std::map<std::string, int64_t>{
                                  {"a new post by an account the organization follows (not an interaction)", 1},
                                  {"a notification of type 'admin.sign_up' (about the server, not a supporter)", 1},
                                  {"a poll ended or a post was edited (no one interacted)", 1},
                                  {"a field that cannot be read (wrong type or format)", 1}}));
  ASSERT_EQ(r.report.warnings.size(), 1u);
  EXPECT_THAT(r.report.warnings[0], HasSubstr("m.json: [9].created_at: 'yesterday' is not an RFC 3339 time"));
  EXPECT_TRUE(r.observations.empty());
  // Each account's display name, once, for people suggest.
  EXPECT_EQ(r.attributes, (std::vector<PersonAttribute>{{"@cara@mastodon.social", "display_name", "Cara Lind"}}));
}

TEST(MastodonTest, TheOrganizationsStatusesGiveCountsAndRepliesToPeople) {
  Records r = Read(ReadFile(testing::PlatformDataPath("mastodon/statuses.json")));
  const Day may1 = *ParseDate("2024-05-01");
  const Day may2 = *ParseDate("2024-05-02");
  EXPECT_EQ(r.observations, (std::vector<Observation>{{may1, "mastodon", "112370000000000001", "likes", 31},
                                                      {may1, "mastodon", "112370000000000001", "shares", 9},
                                                      {may1, "mastodon", "112370000000000001", "replies", 4},
                                                      {may2, "mastodon", "112371300000000000", "likes", 1},
                                                      {may2, "mastodon", "112371300000000000", "shares", 0},
                                                      {may2, "mastodon", "112371300000000000", "replies", 0}}));
  EXPECT_EQ(
      r.events,
      (std::vector<Event>{E("2024-05-02T09:40:00Z", "@cara@mastodon.social", "org_reply", "112371300000000000")}));
  EXPECT_EQ(r.report.skipped,
            (std::map<std::string, int64_t>{{"a boost by the organization of someone else's post", 1}}));
  // Its posts as content: the HTML's words, the hashtags as tags.
  EXPECT_EQ(r.contents, (std::vector<ContentItem>{{"mastodon", "112370000000000001", At("2024-05-01T22:30:00Z"),
                                                   "Join us Saturday for the #CleanAir ride!", "cleanair"},
                                                  {"mastodon", "112371300000000000", At("2024-05-02T09:40:00Z"),
                                                   "@cara See you there!", ""}}));
}

TEST(MastodonTest, OthersPostsCountOnlyWhenTheyNameTheOrganization) {
  Records r = Read(R"([
    {"id": "1", "created_at": "2024-05-01T10:00:00Z", "visibility": "public", "content": "",
     "account": {"id": "14715", "username": "org", "acct": "org"}, "mentions": []},
    {"id": "2", "created_at": "2024-05-01T11:00:00Z", "visibility": "public", "content": "",
     "account": {"id": "14715", "username": "org", "acct": "org"}, "mentions": []},
    {"id": "3", "created_at": "2024-05-01T12:00:00Z", "visibility": "public", "content": "",
     "in_reply_to_id": "1", "in_reply_to_account_id": "14715",
     "account": {"id": "5", "username": "ana", "acct": "ana@example.social"}, "mentions": []},
    {"id": "4", "created_at": "2024-05-01T13:00:00Z", "visibility": "public", "content": "",
     "account": {"id": "6", "username": "bo", "acct": "bo@example.social"},
     "mentions": [{"id": "14715", "acct": "org"}], "tags": [{"name": "Climate"}]},
    {"id": "5", "created_at": "2024-05-01T14:00:00Z", "visibility": "public", "content": "",
     "account": {"id": "7", "username": "cy", "acct": "cy@example.social"}, "mentions": []}
  ])");
  EXPECT_EQ(r.events, (std::vector<Event>{E("2024-05-01T12:00:00Z", "@ana@example.social", "reply", "1"),
                                          E("2024-05-01T13:00:00Z", "@bo@example.social", "mention", "", "climate")}));
  EXPECT_EQ(r.report.skipped.at("a post by someone else that does not mention the organization"), 1);
  EXPECT_EQ(r.observations.size(), 0u);  // no counts in these statuses
}

// A post's content warning comes before its words; markup and entities go.
TEST(MastodonTest, APostsContentWarningLeadsItsText) {
  Records r = Read(R"([
    {"id": "7", "created_at": "2024-05-01T10:00:00Z", "visibility": "public", "spoiler_text": "  heat  wave ",
     "content": "<p>Stay cool &amp; drink water.</p><p>Shelters: <a href=\"https://x.example\">list</a></p>",
     "account": {"id": "14715", "username": "org", "acct": "org"}, "mentions": [], "tags": []}
  ])");
  ASSERT_EQ(r.contents.size(), 1u);
  EXPECT_EQ(r.contents[0].text, "heat wave\n\nStay cool & drink water.\n\nShelters: list");
}

// A followers or following list has no dates, so no events: its accounts
// become people with their display names, marked by which list they are in.
TEST(MastodonTest, FollowerListsMarkPeopleButGiveNoEvents) {
  const std::string followers = ReadFile(testing::PlatformDataPath("mastodon/followers.json"));
  EXPECT_EQ(SniffPlatformFormat(followers), &kMastodonApiFormat);
  EXPECT_TRUE(kMastodonApiFormat.sniff(std::string_view(followers).substr(0, 800)));
  Result<Records> read = ReadPlatform(kMastodonApiFormat, followers, "export/followers.json");
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_TRUE(read->events.empty());
  EXPECT_TRUE(read->observations.empty());
  EXPECT_EQ(read->report.records, 4);
  EXPECT_EQ(read->attributes, (std::vector<PersonAttribute>{{"@cara@mastodon.social", "display_name", "Cara Lind"},
                                                            {"@cara@mastodon.social", "follows_us", "yes"},
                                                            {"@dev@social.example.org", "display_name", "Dev"},
                                                            {"@dev@social.example.org", "follows_us", "yes"},
                                                            {"@fay@chaos.social", "display_name", "Fay"},
                                                            {"@fay@chaos.social", "follows_us", "yes"}}));
  EXPECT_EQ(read->report.skipped, (std::map<std::string, int64_t>{{"not an object (a damaged entry)", 1}}));
  ASSERT_EQ(read->report.warnings.size(), 1u);
  EXPECT_THAT(read->report.warnings[0], HasSubstr("followers.json: [2]: expected an object, found a string"));

  Result<Records> following = ReadPlatform(kMastodonApiFormat, followers, "following.json");
  ASSERT_TRUE(following.ok());
  EXPECT_EQ(following->attributes.at(1), (PersonAttribute{"@cara@mastodon.social", "we_follow", "yes"}));

  // A name that says neither: the names only, and a warning that says why.
  Records unnamed = Read(followers);
  EXPECT_EQ(unnamed.attributes.size(), 3u);
  ASSERT_EQ(unnamed.report.warnings.size(), 2u);
  EXPECT_THAT(unnamed.report.warnings[0], HasSubstr("m.json: a list of accounts, but its name says neither followers "
                                                    "nor following: only display names are read"));

  // An accounts array is neither statuses (which carry an account, a
  // visibility) nor notifications (a type and an account).
  Records statuses = Read(ReadFile(testing::PlatformDataPath("mastodon/statuses.json")));
  EXPECT_TRUE(statuses.attributes.empty());  // the organization's own account is not a supporter
  EXPECT_FALSE(kMastodonApiFormat.sniff(R"([{"id": "1", "username": "a", "acct": "a", "note": ""}])"));
}

TEST(MastodonTest, EveryNotificationTypeIsReadOrSkippedWithItsReason) {
  std::string items;
  for (std::string_view type : {"follow_request", "update", "quoted_update", "severed_relationships",
                                "moderation_warning", "admin.report", "annual_report"})
    items += fmt::format(R"({}{{"id": "1", "type": "{}", "created_at": "2024-05-01T10:00:00Z",
      "account": {{"acct": "a@x.social"}}}})",
                         items.empty() ? "" : ",", type);
  Records r = Read(fmt::format("[{}]", items));
  EXPECT_TRUE(r.events.empty());
  EXPECT_EQ(r.report.skipped, (std::map<std::string, int64_t>{
                                  {"a follow request not yet accepted", 1},
                                  {"a poll ended or a post was edited (no one interacted)", 2},
                                  {"follows cut by a moderation action or block (the notification names no one)", 1},
                                  {"a moderation warning to the organization (not a supporter's interaction)", 1},
                                  {"a notification of type 'admin.report' (about the server, not a supporter)", 1},
                                  {"a notification of type 'annual_report' (about the server, not a supporter)", 1}}));
}

TEST(MastodonTest, SniffsNotificationsAndStatusesOnly) {
  EXPECT_TRUE(kMastodonApiFormat.sniff(ReadFile(testing::PlatformDataPath("mastodon/notifications.json"))));
  EXPECT_TRUE(kMastodonApiFormat.sniff(ReadFile(testing::PlatformDataPath("mastodon/statuses.json"))));
  // A head cut mid-record still sniffs.
  EXPECT_TRUE(
      kMastodonApiFormat.sniff(ReadFile(testing::PlatformDataPath("mastodon/notifications.json")).substr(0, 400)));
  EXPECT_FALSE(kMastodonApiFormat.sniff("ts,channel,person,kind\n2024-05-01T00:00:00Z,m,@a,like\n"));
  EXPECT_FALSE(kMastodonApiFormat.sniff(R"({"ts":"2024-05-01T00:00:00Z","channel":"m","person":"a","kind":"like"})"));
  EXPECT_FALSE(kMastodonApiFormat.sniff(R"([{"id": 1, "name": "not mastodon"}])"));
  EXPECT_EQ(SniffPlatformFormat(ReadFile(testing::PlatformDataPath("mastodon/statuses.json"))), &kMastodonApiFormat);
  EXPECT_EQ(FindPlatformFormat("Mastodon-API"), &kMastodonApiFormat);
}

TEST(MastodonTest, DamagedFilesAreRefusedWithTheReason) {
  auto truncated = ReadPlatform(kMastodonApiFormat, R"([{"id": "1", "type": "follow")", "m.json");
  ASSERT_FALSE(truncated.ok());
  EXPECT_THAT(truncated.status().message(), AllOf(StartsWith("m.json:"), HasSubstr("not valid JSON")));
  auto object = ReadPlatform(kMastodonApiFormat, R"({"error": "The access token is invalid"})", "m.json");
  ASSERT_FALSE(object.ok());
  EXPECT_EQ(object.status().message(),
            "m.json: expected a JSON array of notifications, statuses or accounts, found an object");
}

TEST(MastodonTest, WrongTypesAndUnusableFieldsAreSkippedWithTheirPath) {
  Records r = Read(R"([
    {"id": "1", "type": "follow", "created_at": "2024-05-01T10:00:00Z", "account": {"acct": 42}},
    {"id": "2", "type": "follow", "created_at": "2024-05-01T10:00:00Z", "account": {"acct": "bad\u0007name"}},
    7,
    {"id": "3", "type": "follow", "created_at": "2024-05-01T10:00:00Z", "account": {"acct": "ok@x.social"}}
  ])");
  EXPECT_EQ(r.events, (std::vector<Event>{E("2024-05-01T10:00:00Z", "@ok@x.social", "follow", "")}));
  EXPECT_EQ(r.report.skipped_total(), 3);
  ASSERT_EQ(r.report.warnings.size(), 3u);
  EXPECT_THAT(r.report.warnings[0], HasSubstr("[0].account.acct: expected a string, found a number"));
  EXPECT_THAT(r.report.warnings[1], HasSubstr("person holds a control character"));
  EXPECT_THAT(r.report.warnings[2], HasSubstr("[2]: expected an object, found a number"));
}

// Every file of JSONTestSuite: a malformed one (n_) is refused naming the
// file; a well-formed one is refused the same way unless it is an array,
// whose elements (none of them a notification, status or account) are
// skipped without an event.
TEST(MastodonTest, JsonTestSuiteIsRefusedOrReadWithoutEvents) {
  int files = 0;
  int arrays = 0;
  for (const std::filesystem::path& json_file : testing::JsonTestSuiteFiles()) {
    const std::string text = ReadFile(json_file);
    (void)kMastodonApiFormat.sniff(text);
    Result<Records> read = ReadPlatform(kMastodonApiFormat, text, "f.json");
    const std::string name = json_file.filename().string();
    if (name.starts_with("n_")) {
      EXPECT_FALSE(read.ok()) << name;
    }
    if (read.ok()) {
      EXPECT_TRUE(read->events.empty() && read->contents.empty() && read->attributes.empty()) << name;
      ++arrays;
    } else {
      EXPECT_THAT(read.status().message(), StartsWith("f.json:")) << name;
    }
    ++files;
  }
  EXPECT_GT(files, 300);
  EXPECT_GT(arrays, 20);
}

}  // namespace
}  // namespace learnloop::ingest
