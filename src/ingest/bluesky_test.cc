#include "ingest/bluesky.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "ingest/test_util.h"

namespace learnloop::ingest {
namespace {

using ::learnloop::ingest::testing::ReadFile;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;
using ::testing::StartsWith;

constexpr std::string_view kP1 = "at://did:plc:org4gx7mhrwq2fm/app.bsky.feed.post/3lbf2kq7u4s2a";
constexpr std::string_view kP2 = "at://did:plc:org4gx7mhrwq2fm/app.bsky.feed.post/3lbg5ha2xyz2b";
constexpr std::string_view kP3 = "at://did:plc:org4gx7mhrwq2fm/app.bsky.feed.post/3lbh2reply1";
constexpr std::string_view kP4 = "at://did:plc:org4gx7mhrwq2fm/app.bsky.feed.post/3lbh3thread";
constexpr std::string_view kP5 = "at://did:plc:org4gx7mhrwq2fm/app.bsky.feed.post/3lbh4gone";

std::string Fixture(std::string_view name) {
  return ReadFile(testing::PlatformDataPath(fmt::format("bluesky/{}", name)));
}

Timestamp Ts(std::string_view text) { return *ParseRfc3339(text); }

Event E(std::string_view ts, std::string_view person, std::string_view kind, std::string_view content,
        std::string_view tags = "") {
  return {Ts(ts),       "bluesky",        std::string(person), std::string(kind), std::string(content),
          std::nullopt, std::string(tags)};
}

using Read = testing::PlatformRead;
using testing::Context;

Read ReadText(std::string_view text, const PlatformContext& context = Context("f.json")) {
  return testing::ReadRaw(kBlueskyFormat, text, context);
}

std::string ErrorOf(std::string_view text) {
  Read r = ReadText(text);
  return r.status.ok() ? "" : r.status.message();
}

TEST(BlueskyTest, NotificationsMapEveryReason) {
  Read r = ReadText(Fixture("notifications.json"));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.report.records, 15);
  EXPECT_THAT(r.sink.events, ElementsAre(E("2025-03-04T12:00:00Z", "@cara.bsky.social", "like", kP1),
                                         E("2025-03-04T12:05:00Z", "@ben.example.com", "share", kP1),
                                         E("2025-03-04T13:00:00Z", "@dana.bsky.social", "reply", kP1, "treeweek"),
                                         E("2025-03-05T08:00:00Z", "@erin.bsky.social", "share", kP2, "climateaction"),
                                         // createdAt is not a time, so indexedAt; the quote embeds the post with media.
                                         E("2025-03-05T09:00:00Z", "@cara.bsky.social", "share", kP1),
                                         E("2025-03-05T10:00:00Z", "@ben.example.com", "mention", "", "treeweek"),
                                         // handle.invalid: the did stands for the person.
                                         E("2025-03-05T11:00:00Z", "did:plc:fay7w2q9z4", "follow", "")));
  EXPECT_TRUE(r.sink.observations.empty());
}

TEST(BlueskyTest, NotificationsSkippedAreCountedByReason) {
  Read r = ReadText(Fixture("notifications.json"));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_THAT(r.report.skipped,
              ElementsAre(Pair("Bluesky verified the organization's account (a notice, not a person's action)", 1),
                          Pair("Bluesky withdrew the organization's verification (a notice, not a person's action)", 1),
                          Pair("a kind of notification learnloop does not import ('unknown')", 1),
                          Pair("a like of the organization's repost of someone else's post", 1),
                          Pair("a like, repost, reply or quote that does not say which post it is about", 1),
                          Pair("a new post by an account the organization asked to be told about", 1),
                          Pair("a repost of the organization's repost of someone else's post", 1),
                          Pair("someone joined Bluesky through the organization's starter pack", 1)));
  EXPECT_EQ(r.report.skipped_total() + static_cast<int64_t>(r.sink.events.size()), r.report.records);
}

TEST(BlueskyTest, FacetOutsideTheTextIsWarnedAndIgnored) {
  Read r = ReadText(Fixture("notifications.json"));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_THAT(r.report.warnings,
              ElementsAre("f.json: notifications[5].record.facets[2]: bytes 50..90 are not a span of the post's "
                          "59-byte text; the facet is ignored"));
}

// An org post: "<emoji> Thank you @dana.bsky.social ...", its mention
// facet at `start` for 17 bytes.
std::string FeedWithMentionAt(int start) {
  return fmt::format(
      R"({{"feed":[{{"post":{{"uri":"at://did:plc:org/app.bsky.feed.post/1","author":{{"did":"did:plc:org",
      "handle":"org.example"}},"record":{{"text":"\ud83c\udf31 Thank you @dana.bsky.social!","createdAt":
      "2025-03-04T02:30:00Z","facets":[{{"index":{{"byteStart":{},"byteEnd":{}}},"features":[{{"$type":
      "app.bsky.richtext.facet#mention","did":"did:plc:dana"}}]}}]}},"indexedAt":"2025-03-04T02:30:00Z"}}}}]}})",
      start, start + 17);
}

TEST(BlueskyTest, FacetOffsetsAreUtf8BytesAfterAnEmoji) {
  // The emoji is 4 UTF-8 bytes, 2 UTF-16 units, 1 code point: the mention
  // starts at byte 15, unit 13, code point 12.
  Read bytes = ReadText(FeedWithMentionAt(15));
  ASSERT_TRUE(bytes.status.ok()) << bytes.status.message();
  EXPECT_THAT(bytes.sink.events, ElementsAre(E("2025-03-04T02:30:00Z", "@dana.bsky.social", "org_reply",
                                               "at://did:plc:org/app.bsky.feed.post/1")));
  EXPECT_TRUE(bytes.report.warnings.empty());

  // Read as UTF-16 units the span starts two bytes early: not a handle.
  Read units = ReadText(FeedWithMentionAt(13));
  ASSERT_TRUE(units.status.ok()) << units.status.message();
  EXPECT_TRUE(units.sink.events.empty());
  EXPECT_THAT(units.report.warnings, ElementsAre(HasSubstr("a mention written 'u @dana.bsky.soci', not as @handle")));

  // A span starting inside the emoji is not text at all.
  Read inside = ReadText(FeedWithMentionAt(2));
  ASSERT_TRUE(inside.status.ok()) << inside.status.message();
  EXPECT_TRUE(inside.sink.events.empty());
  EXPECT_THAT(inside.report.warnings,
              ElementsAre(HasSubstr("feed[0].post.record.facets[0]: bytes 2..19 are not a span of the post's "
                                    "33-byte text")));
}

TEST(BlueskyTest, AuthorFeedGivesObservationsPerPostAndLocalDay) {
  Read r = ReadText(Fixture("author_feed.json"), Context("feed.json", "", *TimeZone::Load("America/New_York")));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.report.records, 6);
  auto obs = [](std::string_view day, std::string_view content, std::string_view metric, double value) {
    return Observation{*ParseDate(day), "bluesky", std::string(content), std::string(metric), value};
  };
  // 2025-03-04T02:30Z is the evening of March 3 in New York.
  EXPECT_THAT(r.sink.observations,
              ElementsAre(obs("2025-03-03", kP1, "likes", 21), obs("2025-03-03", kP1, "shares", 5),
                          obs("2025-03-03", kP1, "replies", 3), obs("2025-03-03", kP1, "quotes", 1),
                          obs("2025-03-06", kP5, "likes", 0), obs("2025-03-06", kP5, "shares", 0),
                          obs("2025-03-06", kP5, "replies", 0), obs("2025-03-06", kP5, "quotes", 0),
                          obs("2025-03-05", kP3, "likes", 2), obs("2025-03-05", kP3, "shares", 0),
                          obs("2025-03-05", kP3, "replies", 0), obs("2025-03-05", kP3, "quotes", 0),
                          obs("2025-03-03", kP4, "likes", 4), obs("2025-03-03", kP4, "shares", 0),
                          obs("2025-03-03", kP4, "replies", 0), obs("2025-03-03", kP4, "quotes", 0)));
}

TEST(BlueskyTest, AuthorFeedOrgRepliesAndSkips) {
  Read r = ReadText(Fixture("author_feed.json"));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  // The pinned post thanks @dana by a mention; the reply answers @erin; the
  // second post of the organization's own thread answers nobody.
  EXPECT_THAT(r.sink.events, ElementsAre(E("2025-03-04T02:30:00Z", "@dana.bsky.social", "org_reply", kP1, "treeweek"),
                                         E("2025-03-05T09:30:00Z", "@erin.bsky.social", "org_reply", kP3)));
  EXPECT_THAT(r.report.skipped,
              ElementsAre(Pair("the organization's reply to a post that is deleted, blocked or not in the file", 1),
                          Pair("the organization's repost of someone else's post", 1),
                          Pair("the same post listed again (a pinned post)", 1)));
  EXPECT_TRUE(r.report.warnings.empty());
  // Each of its own posts once, as content with its hashtags; the names of
  // the people it answers, for people suggest (the organization's is not).
  ASSERT_EQ(r.sink.contents.size(), 4u);
  EXPECT_EQ(r.sink.contents[0].key, kP1);
  EXPECT_EQ(r.sink.contents[0].tags, "treeweek");
  EXPECT_FALSE(r.sink.contents[0].text.empty());
  EXPECT_EQ(r.sink.contents[0].published_at, Ts("2025-03-04T02:30:00Z"));
  EXPECT_THAT(r.sink.attributes, ElementsAre(PersonAttribute{"@erin.bsky.social", "display_name", "Erin"}));
}

TEST(BlueskyTest, SearchPostsAreMentionsByTheirAuthors) {
  Read r = ReadText(Fixture("search_posts.json"), Context("s.json", "bsky-main"));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.report.records, 2);
  Event cara = E("2025-03-06T18:00:00Z", "@cara.bsky.social", "mention", "", "greenfuture");
  Event ben = E("2025-03-07T09:00:00Z", "@ben.example.com", "mention", "");
  cara.channel = ben.channel = "bsky-main";
  EXPECT_THAT(r.sink.events, ElementsAre(cara, ben));
  EXPECT_TRUE(r.sink.observations.empty());
  EXPECT_TRUE(r.report.skipped.empty());
}

TEST(BlueskyTest, MissingFieldsSkipTheRecord) {
  Read r = ReadText(R"({"notifications":[
      {"uri":"at://did:plc:a/app.bsky.feed.like/1","reason":"like","reasonSubject":"at://did:plc:o/p/1",
       "indexedAt":"2025-03-04T12:00:00Z"},
      {"uri":"at://did:plc:a/app.bsky.feed.like/2","reason":"like","reasonSubject":"at://did:plc:o/p/1",
       "author":{"did":"did:plc:a","handle":"a.example"}},
      {"uri":"at://did:plc:a/app.bsky.feed.like/3","author":{"did":"did:plc:a","handle":"a.example"}},
      {"uri":"at://did:plc:a/app.bsky.feed.like/4","reason":"follow","indexedAt":"2025-03-04T12:00:00Z",
       "author":{"handle":"bad handle"}},
      {"uri":"at://did:plc:a/app.bsky.feed.like/5","reason":"follow","indexedAt":"2025-03-04T12:00:00Z",
       "author":{"did":"did:plc:a","handle":"a.example"},"record":{"createdAt":17}}]})");
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.report.records, 5);
  EXPECT_THAT(r.report.skipped, ElementsAre(Pair("a notification that does not say what happened", 1),
                                            Pair("a notification without a valid time", 1),
                                            Pair("a notification without its author's handle", 2)));
  // A record is what a client wrote: a createdAt that is no string counts as absent.
  EXPECT_THAT(r.sink.events, ElementsAre(E("2025-03-04T12:00:00Z", "@a.example", "follow", "")));
}

TEST(BlueskyTest, SniffAcceptsEachShape) {
  for (const char* name : {"notifications.json", "author_feed.json", "search_posts.json"}) {
    const std::string text = Fixture(name);
    EXPECT_TRUE(kBlueskyFormat.sniff(text)) << name;
    // Sniffing sees only the head, maybe cut mid-record.
    EXPECT_TRUE(kBlueskyFormat.sniff(std::string_view(text).substr(0, 600))) << name;
  }
  EXPECT_TRUE(kBlueskyFormat.sniff(R"(  {"cursor":"x","posts" : [{"uri":"at://did:plc:a/app.bsky.feed.post/1")"));
}

TEST(BlueskyTest, SniffRejectsOtherFiles) {
  for (std::string_view head : {
           "ts,channel,person,kind,content,value,tags\n2024-05-01T09:30:00Z,bluesky,@a,like,,,\n",
           R"({"ts":"2024-05-01T09:30:00Z","channel":"bluesky","person":"@a","kind":"like","content":"at://x"})",
           R"([{"id":"1","type":"favourite","account":{"acct":"a"},"status":{"uri":"https://m.example/1"}}])",
           R"({"data":[{"id":"1","text":"hello","reason":"at://x"}]})",
           R"({"notifications":[{"type":"mention","account":{"acct":"a@m.example"}}]})",
           R"({"feed":{"title":"RSS","items":[]}, "link":"at://x"})",
           "",
           "not json at all",
       }) {
    EXPECT_FALSE(kBlueskyFormat.sniff(head)) << head;
  }
}

TEST(BlueskyTest, DamagedFilesNameTheFileAndJsonPath) {
  EXPECT_EQ(ErrorOf(R"({"notifications":[{"reason":"like"},{"reason":"like"},{"reason":"like"},
      {"reason":"like","author":{"handle":7}}]})"),
            "f.json: notifications[3].author.handle: expected a string, found a number");
  EXPECT_EQ(ErrorOf(R"({"notifications":{"reason":"like"}})"),
            "f.json: notifications: expected an array, found an object");
  EXPECT_EQ(ErrorOf(R"({"posts":[1]})"), "f.json: posts[0]: expected an object, found a number");
  EXPECT_EQ(ErrorOf(R"({"feed":[{"post":{"uri":"at://did:plc:o/p/1","author":{"did":"did:plc:o"},
      "indexedAt":"2025-03-04T12:00:00Z","likeCount":"many"}}]})"),
            "f.json: feed[0].post.likeCount: expected a number, found a string");
  EXPECT_EQ(ErrorOf(R"({"feed":[{"post":{"uri":["at://x"]}}]})"),
            "f.json: feed[0].post.uri: expected a string, found an array");
  EXPECT_THAT(ErrorOf(R"([{"uri":"at://x"}])"), StartsWith("f.json: the file holds an array; expected a JSON object"));
  EXPECT_THAT(ErrorOf(R"({"cursor":"x"})"), StartsWith("f.json: the object has none of the keys; expected"));
  EXPECT_THAT(ErrorOf("ts,channel\n"), AllOf(StartsWith("f.json:"), HasSubstr("not valid JSON")));
  EXPECT_THAT(ErrorOf(""), AllOf(StartsWith("f.json:"), HasSubstr("not valid JSON")));
}

TEST(BlueskyTest, TruncatedFileIsAnErrorNotACrash) {
  const std::string text = Fixture("notifications.json");
  EXPECT_THAT(ErrorOf(std::string_view(text).substr(0, text.size() / 2)),
              AllOf(StartsWith("f.json:"), HasSubstr("not valid JSON (is the file cut short?)")));
  for (const char* name : {"notifications.json", "author_feed.json", "search_posts.json"}) {
    const std::string whole = Fixture(name);
    for (size_t size = 0; size + 2 < whole.size(); size += 7) {
      Read r = ReadText(std::string_view(whole).substr(0, size));
      ASSERT_FALSE(r.status.ok()) << name << " cut at " << size;
      ASSERT_THAT(r.status.message(), StartsWith("f.json:")) << name << " cut at " << size;
    }
  }
}

TEST(BlueskyTest, EmptyResultsReadCleanly) {
  for (std::string_view text : {R"({"notifications":[]})", R"({"feed":[],"cursor":"x"})", R"({"posts":[]})"}) {
    Read r = ReadText(text);
    EXPECT_TRUE(r.status.ok()) << text << ": " << r.status.message();
    EXPECT_EQ(r.report.records, 0);
  }
}

TEST(BlueskyTest, SinkErrorStopsTheRead) {
  class Refuse : public testing::Records {
   public:
    Status Event(const EventView&) override { return InvalidArgument("full"); }
  } sink;
  ReadReport report;
  Status status = kBlueskyFormat.read(*ChunkedInput::FromBytes(Fixture("notifications.json"), "f.json"),
                                      Context("f.json"), sink, report);
  EXPECT_EQ(status.message(), "full");
  EXPECT_EQ(report.records, 1);
}

TEST(BlueskyTest, JsonTestSuiteNeverCrashes) {
  int files = 0;
  for (const std::filesystem::path& json_file : testing::JsonTestSuiteFiles()) {
    const std::string text = ReadFile(json_file);
    Read r = ReadText(text);
    (void)kBlueskyFormat.sniff(text);
    // None of them is a Bluesky response: each is refused, naming the file.
    EXPECT_FALSE(r.status.ok()) << json_file;
    EXPECT_THAT(r.status.message(), StartsWith("f.json:")) << json_file;
    ++files;
  }
  EXPECT_GT(files, 300);
}

TEST(BlueskyTest, FormatNamesItself) {
  EXPECT_EQ(kBlueskyFormat.name, "bluesky-api");
  EXPECT_EQ(kBlueskyFormat.default_channel, "bluesky");
  EXPECT_THAT(kBlueskyFormat.title, HasSubstr("listNotifications"));
}

}  // namespace
}  // namespace learnloop::ingest
