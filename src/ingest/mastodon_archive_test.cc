#include "ingest/mastodon_archive.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "ingest/mastodon.h"
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

std::string Fixture(std::string_view name) {
  return ReadFile(testing::PlatformDataPath(fmt::format("mastodon/{}", name)));
}

Event OrgReply(std::string_view ts, std::string person, std::string content, std::string tags = "") {
  return {*ParseRfc3339(ts),  "mastodon",   std::move(person), "org_reply",
          std::move(content), std::nullopt, std::move(tags)};
}

Records Read(std::string_view bytes) {
  Result<Records> read = ReadPlatform(kMastodonArchiveFormat, bytes, "outbox.json");
  EXPECT_TRUE(read.ok()) << read.status().message();
  return read.ok() ? std::move(*read) : Records{};
}

// One Create activity of the organization's (its actor URL below) with
// `note` as its object.
std::string Outbox(std::string_view note) {
  return fmt::format(R"({{"@context": "https://www.w3.org/ns/activitystreams", "id": "outbox.json",
    "type": "OrderedCollection", "orderedItems": [{{"type": "Create",
    "actor": "https://home.example/users/org", "object": {}}}]}})",
                     note);
}

TEST(MastodonArchiveTest, TheOrganizationsRepliesAndMentionsBecomeOrgReplies) {
  Records r = Read(Fixture("outbox.json"));
  EXPECT_EQ(r.events,
            (std::vector<Event>{
                OrgReply("2024-05-02T09:40:00Z", "@cara@mastodon.social", "112371300000000000"),
                OrgReply("2024-05-03T08:05:00Z", "@dev@social.example.org", "112372000000000000", "saturday;cleanair"),
                OrgReply("2024-05-03T08:05:00Z", "@eli@fosstodon.org", "112372000000000000", "saturday;cleanair"),
                OrgReply("2024-05-03T11:15:00Z", "@fay@chaos.social", "112372400000000000"),
            }));
  EXPECT_EQ(r.report.records, 8);
  EXPECT_EQ(r.report.skipped,
            (std::map<std::string, int64_t>{{"a boost by the organization of someone else's post", 1},
                                            {"a field that cannot be read (wrong type or format)", 1},
                                            {"not an object (a damaged entry)", 1},
                                            {"a post given only as a link (no date or mentions)", 1}}));
  ASSERT_EQ(r.report.warnings.size(), 3u);
  EXPECT_EQ(r.report.warnings[0], "outbox.json: orderedItems[4].object.published: 'yesterday' is not an RFC 3339 time");
  EXPECT_EQ(r.report.warnings[1], "outbox.json: orderedItems[5]: expected an object, found a number");
  EXPECT_EQ(r.report.warnings[2], "outbox.json: orderedItems[6].object: expected the post as an object");
  EXPECT_TRUE(r.observations.empty());
  // Every readable note is a post of the organization's, whoever it names.
  ASSERT_EQ(r.contents.size(), 4u);
  EXPECT_EQ(r.contents[2],
            (ContentItem{"mastodon", "112372000000000000", *ParseRfc3339("2024-05-03T08:05:00Z"),
                         "Thanks @dev and @Eli for the route! #Saturday #CleanAir", "saturday;cleanair"}));
}

TEST(MastodonArchiveTest, TheArchiveAndTheApiGiveTheSameReply) {
  // The reply to cara in outbox.json is the one statuses.json gives: one
  // event, whichever file is imported first.
  Result<Records> api = ReadPlatform(kMastodonApiFormat, Fixture("statuses.json"), "statuses.json");
  ASSERT_TRUE(api.ok());
  ASSERT_EQ(api->events.size(), 1u);
  const Records archive = Read(Fixture("outbox.json"));
  EXPECT_EQ(archive.events.front(), api->events.front());
  // And the same two posts, word for word.
  ASSERT_EQ(api->contents.size(), 2u);
  ASSERT_GE(archive.contents.size(), 2u);
  EXPECT_EQ(archive.contents[0], api->contents[0]);
  EXPECT_EQ(archive.contents[1], api->contents[1]);
}

TEST(MastodonArchiveTest, MentionsAreNamedByHandleOrByTheirAddress) {
  Records r = Read(Outbox(R"({"id": "https://home.example/users/org/statuses/7", "published": "2024-05-01T10:00:00Z",
    "tag": [{"type": "Mention", "name": "@Ana", "href": "https://home.example/users/Ana"},
            {"type": "Mention", "href": "https://far.example/@bo"},
            {"type": "Mention", "name": "@cy@far.example", "href": "https://far.example/users/cy"},
            {"type": "Mention", "name": "@CY@far.example", "href": "https://far.example/users/cy"},
            {"type": "Mention", "name": "@org", "href": "https://home.example/users/org"},
            {"type": "Mention", "name": "@Org@home.example", "href": "https://home.example/@Org"},
            {"type": "Mention", "name": 5},
            {"type": "Mention", "name": "@a b@far.example"},
            {"type": "Emoji", "name": ":wave:"},
            {"type": "Hashtag", "name": "#Ride"}, {"type": "Hashtag", "name": "#"}, 3]})"));
  EXPECT_EQ(r.events, (std::vector<Event>{OrgReply("2024-05-01T10:00:00Z", "@ana@home.example", "7", "ride"),
                                          OrgReply("2024-05-01T10:00:00Z", "@bo@far.example", "7", "ride"),
                                          OrgReply("2024-05-01T10:00:00Z", "@cy@far.example", "7", "ride")}));
  ASSERT_EQ(r.report.warnings.size(), 2u);
  EXPECT_EQ(r.report.warnings[0],
            "outbox.json: orderedItems[0].object.tag[6]: a mention without a usable name or href; passed over");
  EXPECT_THAT(r.report.warnings[1], HasSubstr("tag[7]"));
}

TEST(MastodonArchiveTest, PostsThatNameNoOneAreContentOnly) {
  // A thread of its own: the organization answers itself.
  Records own = Read(Outbox(R"({"id": "https://home.example/users/org/statuses/8", "published": "2024-05-01T10:00:00Z",
    "inReplyTo": "https://home.example/users/org/statuses/7", "tag": [
      {"type": "Mention", "name": "@org", "href": "https://home.example/users/org"}]})"));
  EXPECT_TRUE(own.events.empty());
  EXPECT_TRUE(own.report.skipped.empty());
  ASSERT_EQ(own.contents.size(), 1u);
  EXPECT_EQ(own.contents[0].key, "8");
  // A content warning (ActivityStreams' summary) leads the text.
  Records warned =
      Read(Outbox(R"({"id": "https://home.example/users/org/statuses/9", "published": "2024-05-01T10:00:00Z",
    "summary": "heat", "content": "<p>Stay cool &amp; drink water.</p>"})"));
  ASSERT_EQ(warned.contents.size(), 1u);
  EXPECT_EQ(warned.contents[0].text, "heat\n\nStay cool & drink water.");
  // A reply whose addressee's mention was removed: no one to name.
  Records reply =
      Read(Outbox(R"({"id": "https://home.example/users/org/statuses/9", "published": "2024-05-01T10:00:00Z",
    "inReplyTo": "https://far.example/users/cy/statuses/1"})"));
  EXPECT_EQ(reply.report.skipped.at("a reply by the organization whose addressee is not among the post's mentions"), 1);
  // An id that is not a Mastodon status address is the content as it is.
  Records other = Read(Outbox(R"({"id": "https://home.example/notes/x1", "published": "2024-05-01T10:00:00+02:00",
    "tag": [{"type": "Mention", "name": "@cy@far.example"}]})"));
  Records no_actor = Read(R"({"type": "OrderedCollection", "orderedItems": [{"type": "Create", "object": {
    "id": "n1", "published": "2024-05-01T10:00:00Z", "tag": [{"type": "Mention", "name": "@cy@far.example"}]}}]})");
  EXPECT_EQ(no_actor.events, (std::vector<Event>{OrgReply("2024-05-01T10:00:00Z", "@cy@far.example", "n1")}));
  EXPECT_EQ(other.events,
            (std::vector<Event>{OrgReply("2024-05-01T08:00:00Z", "@cy@far.example", "https://home.example/notes/x1")}));
}

TEST(MastodonArchiveTest, OtherActivitiesAndIncompletePostsAreSkippedWithTheirPath) {
  Records r = Read(R"({"@context": "https://www.w3.org/ns/activitystreams", "type": "OrderedCollection",
    "orderedItems": [{"type": "Like", "object": "https://far.example/x"}, {"object": {}},
                     {"type": "Create", "object": {"published": "2024-05-01T10:00:00Z"}},
                     {"type": "Create", "published": "2024-05-01T10:00:00Z", "object": {"id": "x", "tag": {}}}]})");
  EXPECT_TRUE(r.events.empty());
  EXPECT_EQ(r.report.records, 4);
  EXPECT_EQ(r.report.skipped, (std::map<std::string, int64_t>{{"an activity of type 'Like' (not a post)", 1},
                                                              {"an activity without a type", 1},
                                                              {"a post without an id or time", 1}}));
  ASSERT_EQ(r.report.warnings.size(), 2u);
  EXPECT_EQ(r.report.warnings[0], "outbox.json: orderedItems[1].type: expected Create or Announce");
  EXPECT_EQ(r.report.warnings[1], "outbox.json: orderedItems[2].object: expected id and published");
}

TEST(MastodonArchiveTest, LikesAndBookmarksArePassedOverHavingNoDates) {
  Records likes = Read(Fixture("likes.json"));
  EXPECT_EQ(likes.report.records, 3);
  EXPECT_EQ(likes.report.skipped,
            (std::map<std::string, int64_t>{{"a post the organization liked (its own like, and undated)", 3}}));
  Records bookmarks = Read(Fixture("bookmarks.json"));
  EXPECT_EQ(
      bookmarks.report.skipped,
      (std::map<std::string, int64_t>{{"a post the organization bookmarked (its own bookmark, and undated)", 1}}));
  Records damaged = Read(R"({"id": "likes.json", "type": "OrderedCollection", "orderedItems": ["https://x/1", {}]})");
  EXPECT_EQ(damaged.report.skipped_total(), 2);
  ASSERT_EQ(damaged.report.warnings.size(), 1u);
  EXPECT_EQ(damaged.report.warnings[0], "outbox.json: orderedItems[1]: expected a link, found an object");
  EXPECT_TRUE(likes.events.empty() && bookmarks.events.empty() && damaged.events.empty());
}

TEST(MastodonArchiveTest, TheActorNamesTheArchivesAccount) {
  Records r = Read(Fixture("actor.json"));
  EXPECT_TRUE(r.events.empty());
  EXPECT_EQ(r.report.records, 1);
  EXPECT_EQ(r.report.skipped,
            (std::map<std::string, int64_t>{{"the organization's own profile (@greenfuture@social.example.org): who "
                                             "the archive belongs to, not an interaction",
                                             1}}));
  Records nameless = Read(R"({"type": "Person", "preferredUsername": 4, "id": "https://home.example/users/org"})");
  EXPECT_EQ(nameless.report.skipped.at("a profile without a usable preferredUsername and id"), 1);
  EXPECT_EQ(nameless.report.warnings.size(), 1u);
}

TEST(MastodonArchiveTest, SniffsEachArchiveFileAndNoApiResponse) {
  for (std::string_view name : {"outbox.json", "likes.json", "bookmarks.json", "actor.json"}) {
    const std::string text = Fixture(name);
    EXPECT_TRUE(kMastodonArchiveFormat.sniff(text)) << name;
    EXPECT_TRUE(kMastodonArchiveFormat.sniff(std::string_view(text).substr(0, 1000))) << name << " cut short";
    EXPECT_EQ(SniffPlatformFormat(text), &kMastodonArchiveFormat) << name;
    EXPECT_FALSE(kMastodonApiFormat.sniff(text)) << name;
  }
  for (std::string_view name : {"notifications.json", "statuses.json", "followers.json"})
    EXPECT_FALSE(kMastodonArchiveFormat.sniff(Fixture(name))) << name;
  EXPECT_FALSE(kMastodonArchiveFormat.sniff(R"({"type": "OrderedCollection", "orderedItems": []})"));
  EXPECT_FALSE(kMastodonArchiveFormat.sniff("ts,channel,person,kind\n"));
  EXPECT_EQ(FindPlatformFormat("Mastodon-Archive"), &kMastodonArchiveFormat);
}

TEST(MastodonArchiveTest, DamagedFilesAreRefusedWithTheReason) {
  auto error = [](std::string_view text) {
    Result<Records> read = ReadPlatform(kMastodonArchiveFormat, text, "outbox.json");
    return read.ok() ? std::string() : std::string(read.status().message());
  };
  const std::string outbox = Fixture("outbox.json");
  EXPECT_THAT(error(std::string_view(outbox).substr(0, outbox.size() / 2)),
              AllOf(StartsWith("outbox.json:"), HasSubstr("not valid JSON (is the file cut short?)")));
  EXPECT_THAT(error("[]"), StartsWith("outbox.json: an array; expected a file of a Mastodon account archive"));
  EXPECT_THAT(error(R"({"type": "Note"})"), StartsWith("outbox.json: an object with neither orderedItems nor"));
  EXPECT_EQ(error(R"({"orderedItems": {}})"), "outbox.json: orderedItems is an object; expected an array");
  EXPECT_EQ(error(R"({"orderedItems": []})"), "");
}

TEST(MastodonArchiveTest, CutShortInputIsAnErrorNotACrash) {
  for (std::string_view name : {"outbox.json", "likes.json", "actor.json"}) {
    const std::string whole = Fixture(name);
    for (size_t size = 0; size + 2 < whole.size(); size += 5) {
      Result<Records> read = ReadPlatform(kMastodonArchiveFormat, std::string_view(whole).substr(0, size), "f.json");
      ASSERT_FALSE(read.ok()) << name << " cut at " << size;
      ASSERT_THAT(read.status().message(), StartsWith("f.json:")) << name << " cut at " << size;
    }
  }
}

TEST(MastodonArchiveTest, JsonTestSuiteNeverCrashes) {
  int files = 0;
  for (const std::filesystem::path& json_file : testing::JsonTestSuiteFiles()) {
    const std::string text = ReadFile(json_file);
    (void)kMastodonArchiveFormat.sniff(text);
    // None of them is an archive file: each is refused, naming the file.
    Result<Records> read = ReadPlatform(kMastodonArchiveFormat, text, "f.json");
    EXPECT_FALSE(read.ok()) << json_file;
    if (!read.ok()) {
      EXPECT_THAT(read.status().message(), StartsWith("f.json:")) << json_file;
    }
    ++files;
  }
  EXPECT_GT(files, 300);
}

TEST(MastodonArchiveTest, FormatNamesItself) {
  EXPECT_EQ(kMastodonArchiveFormat.name, "mastodon-archive");
  EXPECT_EQ(kMastodonArchiveFormat.default_channel, "mastodon");
  EXPECT_THAT(kMastodonArchiveFormat.title, HasSubstr("outbox.json"));
}

}  // namespace
}  // namespace learnloop::ingest
