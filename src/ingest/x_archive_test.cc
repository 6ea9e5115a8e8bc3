#include "ingest/x_archive.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "ingest/test_util.h"

namespace learnloop::ingest {
namespace {

using ::learnloop::ingest::testing::ReadFile;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::StartsWith;

constexpr std::string_view kRetweet = "the organization's retweet of someone else's tweet";

std::string Fixture(std::string_view name) { return ReadFile(testing::PlatformDataPath(fmt::format("x/{}", name))); }

Timestamp Ts(std::string_view text) { return *ParseRfc3339(text); }
Day D(std::string_view text) { return *ParseDate(text); }

Event E(std::string_view ts, std::string_view person, std::string_view content, std::string_view tags = "") {
  return {Ts(ts), "x", std::string(person), "org_reply", std::string(content), std::nullopt, std::string(tags)};
}

Observation O(std::string_view day, std::string_view content, std::string_view metric, double value) {
  return {D(day), "x", std::string(content), std::string(metric), value};
}

using Read = testing::PlatformRead;
using testing::Context;

Read ReadArchive(std::string_view text, const PlatformContext& context = Context("f.js")) {
  return testing::ReadRaw(kXArchiveFormat, text, context);
}

Read ReadAnalytics(std::string_view text, const PlatformContext& context = Context("f.csv")) {
  return testing::ReadRaw(kXAnalyticsFormat, text, context);
}

std::string ErrorOf(const PlatformFormat& format, std::string_view text) {
  Read r = testing::ReadRaw(format, text, Context(format.name == "x-archive" ? "f.js" : "f.csv"));
  return r.status.ok() ? "" : r.status.message();
}

std::string Tweets(std::string_view items) { return fmt::format("window.YTD.tweets.part0 = [ {} ]", items); }

// ---------------------------------------------------------------------------

TEST(XCreatedAtTest, ParsesArchiveTimes) {
  EXPECT_EQ(*ParseXCreatedAt("Sat Feb 18 12:33:11 +0000 2023"), Ts("2023-02-18T12:33:11Z"));
  EXPECT_EQ(*ParseXCreatedAt("Thu Feb 29 00:00:00 +0000 2024"), Ts("2024-02-29T00:00:00Z"));
  EXPECT_EQ(*ParseXCreatedAt("Wed Dec 31 23:59:59 +0000 1969"), Ts("1969-12-31T23:59:59Z"));
}

TEST(XCreatedAtTest, AppliesTheOffset) {
  EXPECT_EQ(*ParseXCreatedAt("Sat Feb 18 14:33:11 +0200 2023"), Ts("2023-02-18T12:33:11Z"));
  EXPECT_EQ(*ParseXCreatedAt("Sat Feb 18 07:03:11 -0530 2023"), Ts("2023-02-18T12:33:11Z"));
  EXPECT_EQ(*ParseXCreatedAt("Sat Feb 18 23:30:00 -0100 2023"), Ts("2023-02-19T00:30:00Z"));
  EXPECT_EQ(*ParseXCreatedAt("Sun Jan 01 00:15:00 +0100 2023"), Ts("2022-12-31T23:15:00Z"));
}

TEST(XCreatedAtTest, RejectsAnythingElse) {
  for (std::string_view bad : {
           "",
           "Sat Feb 30 12:00:00 +0000 2023",  // no such day
           "Fri Feb 29 12:00:00 +0000 2023",  // not a leap year
           "Sun Feb 18 12:33:11 +0000 2023",  // the 18th was a Saturday
           "Sat Feb 18 12:33:11 2023",        // no offset
           "Sat Feb  8 12:33:11 +0000 2023",  // two spaces
           "Sat Feb 8 12:33:11 +0000 2023",   // one-digit day
           "sat Feb 18 12:33:11 +0000 2023",  // lower case
           "Sat February 18 12:33:11 +0000 2023",
           "Sat Feb 18 24:00:00 +0000 2023",
           "Sat Feb 18 12:60:00 +0000 2023",
           "Sat Feb 18 12:33 +0000 2023",
           "Sat Feb 18 12:33:11 +2400 2023",
           "Sat Feb 18 12:33:11 0000 2023",
           "Sat Feb 18 12:33:11 +00:00 2023",
           "Sat Feb 18 12:33:11 +0000 23",
           "Sat Feb 18 12:33:11 +0000 2023 ",  // trailing space
           "Sat Feb 18 12:33:11 +0000 2023 x",
           "2023-02-18T12:33:11Z",
       }) {
    Result<Timestamp> ts = ParseXCreatedAt(bad);
    ASSERT_FALSE(ts.ok()) << bad;
    EXPECT_THAT(ts.status().message(), HasSubstr("expected a time like 'Sat Feb 18 12:33:11 +0000 2023'")) << bad;
  }
  EXPECT_THAT(ParseXCreatedAt("Sun Feb 18 12:33:11 +0000 2023").status().message(),
              HasSubstr("says Sun but that day is a Sat"));
  EXPECT_THAT(ParseXCreatedAt("Sat Feb 30 12:00:00 +0000 2023").status().message(),
              HasSubstr("names a day the month does not have"));
}

TEST(XEntitiesTest, DecodesWhatXEncodes) {
  EXPECT_EQ(DecodeHtmlEntities("a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&#39;"), "a & b <c> \"d\" 'e'");
  EXPECT_EQ(DecodeHtmlEntities("caf&#233; &#x1F33F;&#X41;"),
            "caf\xC3\xA9 \xF0\x9F\x8C\xBF"
            "A");
  EXPECT_EQ(DecodeHtmlEntities("&amp;lt;"), "&lt;");  // one pass
  EXPECT_EQ(DecodeHtmlEntities(""), "");
}

TEST(XEntitiesTest, KeepsWhatIsNoEntity) {
  for (std::string_view kept : {"AT&T", "&nbsp;", "&#0;", "&#xD800;", "&#x110000;", "&#;", "&#x;", "& amp;",
                                "trailing &", "&#12345678901;", "&amp", "&#-1;", "&#1a;"})
    EXPECT_EQ(DecodeHtmlEntities(kept), kept);
}

// ---------------------------------------------------------------------------

TEST(XArchiveTest, TweetsYieldCountsAndOrgReplies) {
  Read r = ReadArchive(Fixture("tweets.js"));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.report.records, 5);
  EXPECT_THAT(
      r.sink.observations,
      ElementsAre(
          O("2023-02-18", "1626954832216100865", "likes", 1204), O("2023-02-18", "1626954832216100865", "shares", 37),
          O("2023-02-19", "1627203914883239936", "likes", 3), O("2023-02-19", "1627203914883239936", "shares", 0),
          O("2023-02-18", "1626955390072717312", "likes", 88), O("2023-02-18", "1626955390072717312", "shares", 4),
          O("2023-02-20", "1627611742069985280", "likes", 12), O("2023-02-20", "1627611742069985280", "shares", 2)));
  // The reply to @Ben_Rivera names his tweet; mentions name the
  // organization's. The thread reply to its own tweet, and its mention of
  // itself, address nobody.
  EXPECT_THAT(r.sink.events,
              ElementsAre(E("2023-02-18T12:33:11Z", "@dana_k", "1626954832216100865", "cleanup;volunteerday"),
                          E("2023-02-19T09:05:00Z", "@ben_rivera", "1627190011234566144", "thanks"),
                          E("2023-02-20T12:35:40Z", "@mohaddad", "1627611742069985280", "cleanup")));
  EXPECT_THAT(r.report.skipped, ElementsAre(Pair(std::string(kRetweet), 1)));
  EXPECT_THAT(r.report.warnings, IsEmpty());
  // Each of its own tweets is a post: entities decoded, hashtags as tags.
  ASSERT_EQ(r.sink.contents.size(), 4u);
  EXPECT_EQ(r.sink.contents[0],
            (ContentItem{"x", "1626954832216100865", Ts("2023-02-18T12:33:11Z"),
                         "#Cleanup at Riverside Park: 40 bags of litter & a sofa. Thank you @dana_k <3 #VolunteerDay "
                         "\xF0\x9F\x8C\xBF",
                         "cleanup;volunteerday"}));
  EXPECT_EQ(r.sink.contents[1].text, "@Ben_Rivera We'd love that, see you Saturday! #Thanks");
}

TEST(XArchiveTest, EachPartReadsAlone) {
  Read r = ReadArchive(Fixture("tweets-part1.js"));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.report.records, 1);
  EXPECT_THAT(r.sink.observations, ElementsAre(O("2022-03-14", "1503312345678901248", "likes", 1),
                                               O("2022-03-14", "1503312345678901248", "shares", 0)));
  EXPECT_THAT(r.sink.events, ElementsAre(E("2022-03-14T11:22:33Z", "@ana_m", "1503311220000000000")));
  // Archives before 2022 call the file tweet.js.
  Read old = ReadArchive(R"(window.YTD.tweet.part3 = [{"tweet": {"id_str": "7",
      "created_at": "Sat Feb 18 12:33:11 +0000 2023", "favorite_count": "2"}}])");
  ASSERT_TRUE(old.status.ok()) << old.status.message();
  EXPECT_THAT(old.sink.observations, ElementsAre(O("2023-02-18", "7", "likes", 2)));
}

TEST(XArchiveTest, ChannelAndZoneComeFromTheContext) {
  Result<TimeZone> auckland = TimeZone::Load("Pacific/Auckland");
  ASSERT_TRUE(auckland.ok()) << auckland.status().message();
  Read r = ReadArchive(Fixture("tweets.js"), Context("tweets.js", "x-greenstreets", *auckland));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ASSERT_FALSE(r.sink.observations.empty());
  EXPECT_EQ(r.sink.observations[0].day, D("2023-02-19"));  // 12:33 UTC is past midnight in Auckland
  EXPECT_EQ(r.sink.observations[0].channel, "x-greenstreets");
  EXPECT_EQ(r.sink.events[0].channel, "x-greenstreets");
  EXPECT_EQ(r.sink.events[0].ts, Ts("2023-02-18T12:33:11Z"));
}

TEST(XArchiveTest, LikesFollowersAndFollowingsAreSkippedWithTheirReason) {
  Read likes = ReadArchive(Fixture("like.js"));
  ASSERT_TRUE(likes.status.ok()) << likes.status.message();
  EXPECT_EQ(likes.report.records, 3);
  EXPECT_THAT(likes.report.skipped, ElementsAre(Pair("likes by the organization itself carry no date or person", 3)));

  Read followers = ReadArchive(Fixture("follower.js"));
  ASSERT_TRUE(followers.status.ok()) << followers.status.message();
  EXPECT_EQ(followers.report.records, 4);
  ASSERT_EQ(followers.report.skipped.size(), 1u);
  EXPECT_THAT(followers.report.skipped.begin()->first, HasSubstr("no follow dates"));
  EXPECT_THAT(followers.report.skipped.begin()->first, HasSubstr("names accounts by number only"));
  EXPECT_EQ(followers.report.skipped.begin()->second, 4);

  Read following = ReadArchive(Fixture("following.js"));
  ASSERT_TRUE(following.status.ok()) << following.status.message();
  ASSERT_EQ(following.report.skipped.size(), 1u);
  EXPECT_THAT(following.report.skipped.begin()->first, HasSubstr("not a supporter's interaction"));
  EXPECT_EQ(following.report.skipped.begin()->second, 2);

  for (const Read* r : {&likes, &followers, &following}) {
    EXPECT_THAT(r->sink.events, IsEmpty());
    EXPECT_THAT(r->sink.observations, IsEmpty());
  }
}

TEST(XArchiveTest, BadTweetsAreSkippedAndWarnedAbout) {
  Read r = ReadArchive(Tweets(R"(
    {"tweet": {"id_str": "1", "created_at": "Sat Feb 18 12:33:11 +0000 2023", "favorite_count": 5}},
    {"tweet": {"id_str": "2", "created_at": "Sat Feb 30 12:00:00 +0000 2023", "full_text": "Fish &amp; chips"}},
    {"tweet": {"created_at": "Sat Feb 18 12:33:11 +0000 2023"}},
    {"tweet": {"id_str": "4", "created_at": "Sat Feb 18 12:33:11 +0000 2023", "favorite_count": "many",
               "retweet_count": "1", "in_reply_to_screen_name": "not a name"}},
    {"tweet": {"id_str": "5"}}
  )"));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.report.records, 5);
  EXPECT_THAT(r.sink.observations, ElementsAre(O("2023-02-18", "1", "likes", 5), O("2023-02-18", "4", "shares", 1)));
  EXPECT_THAT(r.sink.events, IsEmpty());
  EXPECT_THAT(r.report.skipped,
              ElementsAre(Pair("a tweet whose created_at is missing or not a time like 'Sat Feb 18 12:33:11 +0000 "
                               "2023'",
                               2),
                          Pair("a tweet without its id (id_str)", 1)));
  ASSERT_EQ(r.report.warnings.size(), 4u);
  EXPECT_THAT(r.report.warnings[0], StartsWith("f.js: [1].tweet.created_at: 'Sat Feb 30 12:00:00 +0000 2023' "
                                               "names a day the month does not have"));
  EXPECT_THAT(r.report.warnings[0], HasSubstr("; tweet 2 ('Fish & chips') is skipped"));
  EXPECT_THAT(r.report.warnings[1], StartsWith("f.js: [3].tweet.favorite_count: 'many' is not a count"));
  EXPECT_THAT(r.report.warnings[2], StartsWith("f.js: [3].tweet.in_reply_to_screen_name: 'not a name'"));
  EXPECT_THAT(r.report.warnings[3], StartsWith("f.js: [4].tweet.created_at: it is missing"));
}

TEST(XArchiveTest, DamagedFilesAreLocated) {
  const std::pair<std::string, std::string_view> cases[] = {
      {Tweets(R"({"tweet": {"id_str": "1", "created_at": 5}})"),
       "f.js: [0].tweet.created_at: expected a string, found a number"},
      {Tweets(R"({"tweet": {"id_str": 12}})"), "f.js: [0].tweet.id_str: expected a string, found a number"},
      {Tweets(R"({"tweet": {"id_str": "1", "created_at": "Sat Feb 18 12:33:11 +0000 2023", "retweet_count": []}})"),
       "f.js: [0].tweet.retweet_count: expected a count (a string of digits), found an array"},
      {Tweets("1"), "f.js: [0]: expected an object with the key \"tweet\", found a number"},
      {Tweets(R"({"tweet": {}}, {"like": {}})"), "f.js: [1]: the key \"tweet\" is missing"},
      {Tweets(R"({"tweet": []})"), "f.js: [0].tweet: expected an object, found an array"},
      {"window.YTD.follower.part0 = [ {\"follower\": \"x\"} ]", "f.js: [0].follower: expected an object"},
      {"window.YTD.tweets.part0 = {\"a\": 1}", "f.js: window.YTD.tweets.part0 is an object; expected a JSON array"},
      {"window.YTD.tweets.part0 = [ {\"tweet\": {} ]",
       "f.js:1:42: not valid JSON: ']' where '}' should close what is open; expected a JSON array as the value of "
       "window.YTD.tweets.part0"},
      {"window.YTD.tweets.part0 = ", "f.js:1:27: not valid JSON (is the file cut short?): it ends where a value"},
      {"window.YTD.tweets.part0 = [] []", "f.js:1:30: not valid JSON: more after the end of the JSON value"},
      {"window.YTD.direct-messages.part0 = []",
       "f.js:1:12: 'direct-messages' is not a data file learnloop imports; expected an X archive data file"},
      {"\n  window.YTD.tweets = []", "f.js:2:20: no .part<N> after tweets"},
      {"window.YTD.tweets.part = []", "f.js:1:23: no part number after .part"},
      {"window.YTD.tweets.part0 []", "f.js:1:25: no '=' after window.YTD.tweets.part0"},
      {"[1, 2]", "f.js:1:1: the file does not start with window.YTD."},
      {"", "f.js:1:1: the file does not start with window.YTD."},
  };
  for (const auto& [input, expected] : cases)
    EXPECT_THAT(ErrorOf(kXArchiveFormat, input), HasSubstr(expected)) << input;
}

TEST(XArchiveTest, ToleratesBomSpacesAndASemicolon) {
  Read r = ReadArchive("\xEF\xBB\xBF \r\n window.YTD.like.part12=\n[ {\"like\": {}} ] ;\n");
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.report.records, 1);
  // Entities X copies from elsewhere may be odd without failing the file.
  Read odd = ReadArchive(Tweets(R"({"tweet": {"id_str": "1", "created_at": "Sat Feb 18 12:33:11 +0000 2023",
      "entities": {"hashtags": [3, {"text": "a;b"}, {"text": " Ok "}, {}], "user_mentions": {"x": 1}}}})"));
  ASSERT_TRUE(odd.status.ok()) << odd.status.message();
}

TEST(XArchiveTest, CutShortIsAnErrorNotACrash) {
  const std::string full = Fixture("tweets.js");
  const size_t last = full.rfind(']');
  for (size_t size = 0; size < last; ++size) {
    Read r = ReadArchive(std::string_view(full).substr(0, size));
    ASSERT_FALSE(r.status.ok()) << size;
    ASSERT_THAT(r.status.message(), StartsWith("f.js")) << size;
  }
  EXPECT_THAT(ErrorOf(kXArchiveFormat, full.substr(0, full.size() / 2)), HasSubstr("is the file cut short?"));
}

// Every file of JSONTestSuite as the value of tweets.js: whatever it holds,
// the read ends in records or an error naming the file.
TEST(XArchiveTest, JsonTestSuiteAfterThePrefixReadsCleanly) {
  int files = 0;
  for (const std::filesystem::path& json_file : testing::JsonTestSuiteFiles()) {
    const std::string name = json_file.filename().string();
    Read r = ReadArchive("window.YTD.tweets.part0 = " + ReadFile(json_file), Context(name));
    ++files;
    if (!r.status.ok()) {
      EXPECT_THAT(r.status.message(), StartsWith(name + ":")) << name;
    }
    if (name.starts_with("n_")) {
      EXPECT_FALSE(r.status.ok()) << name;
    }
  }
  EXPECT_GT(files, 300);
}

// ---------------------------------------------------------------------------

TEST(XAnalyticsTest, ReadsTheAccountAnalyticsExport) {
  Read r = ReadAnalytics(Fixture("account_analytics_content.csv"), Context("content.csv"));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.report.records, 3);
  constexpr std::string_view kP1 = "1785612300011122334", kP2 = "1786700011223344556";
  EXPECT_THAT(r.sink.observations,
              ElementsAre(O("2024-05-01", kP1, "impressions", 12480), O("2024-05-01", kP1, "likes", 311),
                          O("2024-05-01", kP1, "engagements", 1022), O("2024-05-01", kP1, "replies", 27),
                          O("2024-05-01", kP1, "shares", 58), O("2024-05-01", kP1, "profile_visits", 140),
                          O("2024-05-01", kP1, "link_clicks", 96),
                          // An empty cell is a metric the row does not have.
                          O("2024-05-04", kP2, "impressions", 3105), O("2024-05-04", kP2, "likes", 88),
                          O("2024-05-04", kP2, "engagements", 240), O("2024-05-04", kP2, "replies", 6),
                          O("2024-05-04", kP2, "shares", 11), O("2024-05-04", kP2, "profile_visits", 35)));
  EXPECT_THAT(r.report.skipped, ElementsAre(Pair("a row with a cell that is not a number", 1)));
  ASSERT_EQ(r.report.warnings.size(), 1u);
  EXPECT_THAT(r.report.warnings[0], StartsWith("content.csv:5:"));
  EXPECT_THAT(r.report.warnings[0], HasSubstr("field 'Profile visits': 'n/a' is not a number; expected a count like "
                                              "1234 or 1,234; the row is skipped"));
}

TEST(XAnalyticsTest, ReadsTheOlderTweetActivityExport) {
  Result<TimeZone> berlin = TimeZone::Load("Europe/Berlin");
  ASSERT_TRUE(berlin.ok()) << berlin.status().message();
  Read r = ReadAnalytics(Fixture("tweet_activity_metrics.csv"), Context("activity.csv", "", *berlin));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.report.records, 2);
  constexpr std::string_view kT1 = "1217466611022233601", kT2 = "1217900012345678912";
  EXPECT_THAT(r.sink.observations,
              ElementsAre(O("2020-01-15", kT1, "impressions", 2350), O("2020-01-15", kT1, "engagements", 87),
                          O("2020-01-15", kT1, "shares", 6), O("2020-01-15", kT1, "replies", 2),
                          O("2020-01-15", kT1, "likes", 31), O("2020-01-15", kT1, "profile_visits", 9),
                          O("2020-01-15", kT1, "link_clicks", 12),
                          // 23:30 UTC is the next day in Berlin.
                          O("2020-01-17", kT2, "impressions", 1204), O("2020-01-17", kT2, "engagements", 40),
                          O("2020-01-17", kT2, "shares", 1), O("2020-01-17", kT2, "replies", 0),
                          O("2020-01-17", kT2, "likes", 18), O("2020-01-17", kT2, "profile_visits", 4),
                          O("2020-01-17", kT2, "link_clicks", 0)));
  EXPECT_THAT(r.report.skipped, IsEmpty());
}

TEST(XAnalyticsTest, ReadsEachDateStyle) {
  Read r = ReadAnalytics(
      "Post id,Date,Impressions\n"
      "1,\"Wed, May 01, 2024\",5\n"
      "2,\"Wed, May 1, 2024\",5\n"
      "3,2024-05-01 09:30 +0000,6\n"
      "4,2024-05-01 23:30:59 -0200,6\n"
      "5,2024-05-01,7\n"
      "6,2024-05-01T09:30:00Z,9\n"
      "7,\"Sat, May 01, 2024\",8\n"
      "8,yesterday,1\n"
      "9,2024-05-01 09:30,1\n");
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.report.records, 9);
  EXPECT_THAT(r.sink.observations,
              ElementsAre(O("2024-05-01", "1", "impressions", 5), O("2024-05-01", "2", "impressions", 5),
                          O("2024-05-01", "3", "impressions", 6), O("2024-05-02", "4", "impressions", 6),
                          O("2024-05-01", "5", "impressions", 7), O("2024-05-01", "6", "impressions", 9)));
  EXPECT_THAT(r.report.skipped, ElementsAre(Pair("a row whose date is not a date", 3)));
  ASSERT_EQ(r.report.warnings.size(), 3u);
  EXPECT_THAT(r.report.warnings[0], StartsWith("f.csv:8:3: field 'Date': 'Sat, May 01, 2024' is not a date"));
}

TEST(XAnalyticsTest, ReadsThousandsSeparatorsAndRejectsOtherText) {
  Read r = ReadAnalytics(
      "Tweet id,time,Impressions\n"
      "1,2024-05-01,\"1,234\"\n"
      "2,2024-05-01,\"12,345,678\"\n"
      "3,2024-05-01,1234\n"
      "4,2024-05-01,17.00\n"
      "5,2024-05-01,\"1,23\"\n"
      "6,2024-05-01,\"1,2345\"\n"
      "7,2024-05-01,\",123\"\n"
      "8,2024-05-01,1.5\n"
      "9,2024-05-01,-3\n"
      "10,2024-05-01,\"1,234,5,6\"\n"
      "11,2024-05-01,1e3\n");
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_THAT(r.sink.observations,
              ElementsAre(O("2024-05-01", "1", "impressions", 1234), O("2024-05-01", "2", "impressions", 12345678),
                          O("2024-05-01", "3", "impressions", 1234), O("2024-05-01", "4", "impressions", 17)));
  EXPECT_THAT(r.report.skipped, ElementsAre(Pair("a row with a cell that is not a number", 7)));
  EXPECT_THAT(r.report.warnings[0], StartsWith("f.csv:6:14: field 'Impressions': '1,23' is not a number"));
}

TEST(XAnalyticsTest, OddRowsAreSkipped) {
  Read r = ReadAnalytics(
      "Post id,Date,Likes\n"
      "1,2024-05-01\n"
      ",2024-05-01,3\n"
      "4,2024-05-01,4\n");
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.report.records, 3);
  EXPECT_THAT(r.sink.observations, ElementsAre(O("2024-05-01", "4", "likes", 4)));
  EXPECT_THAT(r.report.skipped, ElementsAre(Pair("a row with more or fewer fields than the header", 1),
                                            Pair("a row without a post id", 1)));
  EXPECT_THAT(r.report.warnings[0], StartsWith("f.csv:2:1: field 'Post id': 2 fields where the header has 3"));
}

TEST(XAnalyticsTest, DamagedFilesAreLocated) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"", "f.csv: file is empty; expected a header naming a post id column"},
      {"Post id,Impressions\n1,2\n", "f.csv:1:1: the header has no date column; expected a header naming"},
      {"Date,Impressions\n", "f.csv:1:1: the header has no post id column"},
      {"Post id,Date,Reposts,Retweets\n", "f.csv:1:22: 'Retweets' holds what the earlier column 'Reposts' holds"},
      {"Post id,Tweet id,Date\n", "f.csv:1:9: 'Tweet id' holds what the earlier column 'Post id' holds"},
      {"Post id,Date,Impressions\n1,2024-05-01,\"5\n", "f.csv:2:"},
      {"Post id,Date,Impressions\n1,2024-05-01,5\"x\n", "f.csv:2:"},
      {std::string_view("Post id,Date\0\x01\x02", 15), "f.csv is not a text file"},
  };
  for (const auto& [input, expected] : cases)
    EXPECT_THAT(ErrorOf(kXAnalyticsFormat, input), HasSubstr(expected)) << input;
}

TEST(XAnalyticsTest, CutShortIsAnErrorOrFewerRowsNotACrash) {
  const std::string full = Fixture("account_analytics_content.csv");
  for (size_t size = 0; size <= full.size(); ++size) {
    Read r = ReadAnalytics(std::string_view(full).substr(0, size));
    if (!r.status.ok()) {
      ASSERT_THAT(r.status.message(), StartsWith("f.csv")) << size;
    }
    ASSERT_LE(r.report.records, 3) << size;
  }
}

// ---------------------------------------------------------------------------

TEST(XSniffTest, EachFormatKnowsItsFiles) {
  for (std::string_view file : {"tweets.js", "tweets-part1.js", "like.js", "follower.js", "following.js"}) {
    const std::string head = Fixture(file).substr(0, kSniffBytes);
    EXPECT_TRUE(kXArchiveFormat.sniff(head)) << file;
    EXPECT_TRUE(kXArchiveFormat.sniff(" \n" + head)) << file;
    EXPECT_FALSE(kXAnalyticsFormat.sniff(head)) << file;
  }
  for (std::string_view file : {"account_analytics_content.csv", "tweet_activity_metrics.csv"}) {
    std::string head = Fixture(file).substr(0, kSniffBytes);
    EXPECT_TRUE(kXAnalyticsFormat.sniff(head)) << file;
    if (head.starts_with("\xEF\xBB\xBF")) head.erase(0, 3);
    EXPECT_TRUE(kXAnalyticsFormat.sniff(head)) << file;
    EXPECT_FALSE(kXArchiveFormat.sniff(head)) << file;
  }
  EXPECT_TRUE(kXAnalyticsFormat.sniff("Tweet id, impressions"));  // the first line alone, cut short
}

TEST(XSniffTest, OtherFilesAreNotX) {
  for (std::string_view head : {
           "",
           "ts,channel,person,kind,content,value,tags\n2024-05-01T09:30:00Z,x,@a,like,1,,\n",
           R"({"ts":"2024-05-01T09:30:00Z","channel":"x","person":"@a","kind":"like"})",
           R"([{"tweet": {"id_str": "1"}}])",
           R"({"window.YTD.tweets.part0": []})",
           "day,channel,content,metric,value\n2024-05-01,x,1,impressions,5\n",
           "Post id,Date,Likes\n1,2024-05-01,3\n",  // no Impressions
           "Date,Impressions\n2024-05-01,3\n",      // no post id
           "Title,Body\n\"Post id,Impressions\",x\n",
           "var x = window.YTD.tweets.part0",
           "window.YTD.account.part0 = [ {\"account\": {}} ]",  // an archive's other data files
           "window.YTD.ad_engagements.part0 = [ {\"ad\": {}} ]",
       }) {
    EXPECT_FALSE(kXArchiveFormat.sniff(head)) << head;
    EXPECT_FALSE(kXAnalyticsFormat.sniff(head)) << head;
  }
}

TEST(XSniffTest, FormatsNameThemselves) {
  EXPECT_EQ(kXArchiveFormat.name, "x-archive");
  EXPECT_EQ(kXAnalyticsFormat.name, "x-analytics");
  EXPECT_EQ(kXArchiveFormat.default_channel, "x");
  EXPECT_EQ(kXAnalyticsFormat.default_channel, "x");
  EXPECT_THAT(kXArchiveFormat.title, HasSubstr("tweets.js"));
  EXPECT_THAT(kXAnalyticsFormat.title, HasSubstr("impressions"));
}

}  // namespace
}  // namespace learnloop::ingest
