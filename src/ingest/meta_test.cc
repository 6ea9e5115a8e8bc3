#include "ingest/meta.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ingest/test_util.h"
#include "ingest/x_archive.h"

namespace learnloop::ingest {
namespace {

using ::learnloop::ingest::testing::ReadFile;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::StartsWith;
using Read = testing::PlatformRead;
using testing::Context;

std::string Fixture(std::string_view name) { return ReadFile(testing::PlatformDataPath(fmt::format("meta/{}", name))); }

Observation O(std::string_view day, std::string_view content, std::string_view metric, double value,
              std::string_view channel = "facebook") {
  return {*ParseDate(day), std::string(channel), std::string(content), std::string(metric), value};
}

Observation IG(std::string_view day, std::string_view content, std::string_view metric, double value) {
  return O(day, content, metric, value, "instagram");
}

Read ReadFacebook(std::string_view text, const PlatformContext& context = Context("f.csv")) {
  return testing::ReadRaw(kFacebookPostsFormat, text, context);
}

std::string ErrorOf(std::string_view text) {
  Read r = ReadFacebook(text);
  return r.status.ok() ? "" : r.status.message();
}

constexpr std::string_view kHeader = "Post ID,Page ID,Publish time,Date,Reach\n";

// ---------------------------------------------------------------------------

TEST(MetaFacebookTest, ReadsTheEnglishExport) {
  Read r = ReadFacebook(Fixture("facebook_posts.csv"), Context("facebook.csv"));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.report.records, 5);
  constexpr std::string_view kP1 = "122100000000000101", kP2 = "122100000000000102";
  EXPECT_THAT(r.sink.observations,
              ElementsAre(O("2024-03-15", kP1, "impressions", 15000), O("2024-03-15", kP1, "reach", 12480),
                          O("2024-03-15", kP1, "interactions", 1022), O("2024-03-15", kP1, "reactions", 911),
                          O("2024-03-15", kP1, "comments", 64), O("2024-03-15", kP1, "shares", 47),
                          O("2024-03-15", kP1, "clicks", 1305),
                          // Lifetime totals on the publish day, with link clicks this time.
                          O("2024-03-18", kP2, "impressions", 3105), O("2024-03-18", kP2, "reach", 2870),
                          O("2024-03-18", kP2, "interactions", 143), O("2024-03-18", kP2, "reactions", 120),
                          O("2024-03-18", kP2, "comments", 15), O("2024-03-18", kP2, "shares", 8),
                          O("2024-03-18", kP2, "clicks", 310), O("2024-03-18", kP2, "link_clicks", 244),
                          // The same post's numbers of one day, on that day.
                          O("2024-03-19", kP2, "impressions", 410), O("2024-03-19", kP2, "reach", 388),
                          O("2024-03-19", kP2, "interactions", 12), O("2024-03-19", kP2, "reactions", 10),
                          O("2024-03-19", kP2, "comments", 1), O("2024-03-19", kP2, "shares", 1),
                          O("2024-03-19", kP2, "clicks", 35), O("2024-03-19", kP2, "link_clicks", 29)));
  EXPECT_THAT(r.report.skipped, ElementsAre(Pair("a row whose post id a spreadsheet rounded", 1),
                                            Pair("a row with a cell that is not a number", 1)));
  ASSERT_EQ(r.report.warnings.size(), 2u);
  // The description's line break makes the rounded id's row line 6.
  EXPECT_THAT(r.report.warnings[0], StartsWith("facebook.csv:6:1: field 'Post ID': '1.221E+17' is a post id rounded "
                                               "by a spreadsheet"));
  EXPECT_THAT(r.report.warnings[0], HasSubstr("expected the file as downloaded from Meta, imported without opening "
                                              "and re-saving it in Excel; the row is skipped"));
  EXPECT_THAT(r.report.warnings[1], StartsWith("facebook.csv:7:"));
  EXPECT_THAT(r.report.warnings[1], HasSubstr("field 'Reactions, comments and shares': '--' is not a number; "
                                              "expected a count like 1234 or 1,234; the row is skipped"));
}

TEST(MetaFacebookTest, ReadsTheGermanExport) {
  Read r = ReadFacebook(Fixture("facebook_posts_de.csv"), Context("beitraege.csv"));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.report.records, 3);
  constexpr std::string_view kP1 = "122100000000000201", kP2 = "122100000000000202";
  // German numbers group thousands with '.', German dates put the day first.
  EXPECT_THAT(r.sink.observations,
              ElementsAre(O("2024-03-15", kP1, "impressions", 15000), O("2024-03-15", kP1, "reach", 12480),
                          O("2024-03-15", kP1, "interactions", 1022), O("2024-03-15", kP1, "reactions", 911),
                          O("2024-03-15", kP1, "comments", 64), O("2024-03-15", kP1, "shares", 47),
                          O("2024-03-15", kP1, "clicks", 1305), O("2024-04-03", kP2, "impressions", 2310),
                          O("2024-04-03", kP2, "reach", 1998), O("2024-04-03", kP2, "interactions", 88),
                          O("2024-04-03", kP2, "reactions", 70), O("2024-04-03", kP2, "comments", 10),
                          O("2024-04-03", kP2, "shares", 8), O("2024-04-03", kP2, "saves", 3),
                          O("2024-04-03", kP2, "clicks", 205), O("2024-04-03", kP2, "link_clicks", 180)));
  EXPECT_THAT(r.report.skipped, ElementsAre(Pair("a row whose post id a spreadsheet rounded", 1)));
  ASSERT_EQ(r.report.warnings.size(), 1u);
  EXPECT_THAT(r.report.warnings[0],
              StartsWith("beitraege.csv:5:1: field 'Beitrags-ID': '1,221E+17' is a post id rounded by a spreadsheet"));
}

TEST(MetaInstagramTest, ReadsTheEnglishExport) {
  Read r = testing::ReadRaw(kInstagramPostsFormat, Fixture("instagram_posts.csv"), Context("ig.csv"));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.report.records, 3);
  constexpr std::string_view kP1 = "17900000000000001", kP2 = "17900000000000002";
  EXPECT_THAT(r.sink.observations,
              ElementsAre(IG("2024-04-02", kP1, "views", 4210), IG("2024-04-02", kP1, "reach", 2930),
                          IG("2024-04-02", kP1, "likes", 388), IG("2024-04-02", kP1, "shares", 21),
                          IG("2024-04-02", kP1, "follows", 9), IG("2024-04-02", kP1, "comments", 17),
                          IG("2024-04-02", kP1, "saves", 44), IG("2024-04-02", kP1, "profile_visits", 61),
                          // Empty follows and profile visits: no observation.
                          IG("2024-04-05", kP2, "views", 18402), IG("2024-04-05", kP2, "reach", 11050),
                          IG("2024-04-05", kP2, "likes", 1204), IG("2024-04-05", kP2, "shares", 95),
                          IG("2024-04-05", kP2, "comments", 83), IG("2024-04-05", kP2, "saves", 130)));
  EXPECT_THAT(r.report.skipped, ElementsAre(Pair("a row with more or fewer fields than the header", 1)));
  ASSERT_EQ(r.report.warnings.size(), 1u);
  EXPECT_THAT(r.report.warnings[0], StartsWith("ig.csv:5:1: field 'Post ID': 7 fields where the header has 19"));
}

TEST(MetaPostsTest, ThroughThePlatformChecksOnTheDefaultOrAGivenChannel) {
  Result<testing::Records> fb = testing::ReadPlatform(kFacebookPostsFormat, Fixture("facebook_posts.csv"), "f.csv");
  ASSERT_TRUE(fb.ok()) << fb.status().message();
  ASSERT_EQ(fb->observations.size(), 23u);
  EXPECT_EQ(fb->observations[0].channel, "facebook");
  EXPECT_THAT(fb->events, IsEmpty());
  Result<testing::Records> ig = testing::ReadPlatform(kInstagramPostsFormat, Fixture("instagram_posts.csv"), "i.csv");
  ASSERT_TRUE(ig.ok()) << ig.status().message();
  ASSERT_EQ(ig->observations.size(), 14u);
  EXPECT_EQ(ig->observations[0].channel, "instagram");
  Read youth = ReadFacebook(Fixture("facebook_posts.csv"), Context("f.csv", "facebook-youth"));
  ASSERT_FALSE(youth.sink.observations.empty());
  EXPECT_EQ(youth.sink.observations.back().channel, "facebook-youth");
}

TEST(MetaPostsTest, LifetimeRowsTakeThePublishDayAndDatedRowsTheirDate) {
  Result<TimeZone> la = TimeZone::Load("America/Los_Angeles");
  ASSERT_TRUE(la.ok()) << la.status().message();
  // The publish time is the exporter's local time: its day is the day as
  // written, whatever the workspace's zone.
  Read r = ReadFacebook(fmt::format("{}"
                                    "1,9,03/15/2024 23:30,Lifetime,5\n"
                                    "1,9,03/15/2024 23:30,03/16/2024,6\n"
                                    "1,9,03/15/2024 23:30,2024-03-17,7\n"
                                    "1,9,03/15/2024 23:30,17.03.2024,8\n"
                                    "2,9,3/5/2024 00:00:59,lifetime,9\n"
                                    "3,9,05.03.2024 07:00,Gesamte Laufzeit,10\n",
                                    kHeader),
                        Context("f.csv", "", *la));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_THAT(r.sink.observations, ElementsAre(O("2024-03-15", "1", "reach", 5), O("2024-03-16", "1", "reach", 6),
                                               O("2024-03-17", "1", "reach", 7), O("2024-03-17", "1", "reach", 8),
                                               O("2024-03-05", "2", "reach", 9), O("2024-03-05", "3", "reach", 10)));
  // Without a Date column every row is a post's lifetime.
  Read undated = ReadFacebook("Post ID,Page name,Publish time,Shares\n4,P,12/31/2023 23:59,3\n");
  ASSERT_TRUE(undated.status.ok()) << undated.status.message();
  EXPECT_THAT(undated.sink.observations, ElementsAre(O("2023-12-31", "4", "shares", 3)));
}

TEST(MetaPostsTest, ReadsThousandsSeparatorsAndRejectsOtherText) {
  Read english =
      ReadFacebook(fmt::format("{}"
                               "1,9,03/15/2024 10:00,Lifetime,\"15,000\"\n"
                               "2,9,03/15/2024 10:00,Lifetime,\"1,234,567\"\n"
                               "3,9,03/15/2024 10:00,Lifetime,1234\n"
                               "4,9,03/15/2024 10:00,Lifetime,\n"
                               "5,9,03/15/2024 10:00,Lifetime,15.000\n"
                               "6,9,03/15/2024 10:00,Lifetime,\"1,23\"\n"
                               "7,9,03/15/2024 10:00,Lifetime,1.5\n"
                               "8,9,03/15/2024 10:00,Lifetime,-3\n"
                               "9,9,03/15/2024 10:00,Lifetime,12%\n",
                               kHeader));
  ASSERT_TRUE(english.status.ok()) << english.status.message();
  // "15.000" in an English export is fifteen, written with a zero fraction.
  EXPECT_THAT(english.sink.observations,
              ElementsAre(O("2024-03-15", "1", "reach", 15000), O("2024-03-15", "2", "reach", 1234567),
                          O("2024-03-15", "3", "reach", 1234), O("2024-03-15", "5", "reach", 15)));
  EXPECT_THAT(english.report.skipped, ElementsAre(Pair("a row with a cell that is not a number", 4)));
  EXPECT_THAT(english.report.warnings[0], StartsWith("f.csv:7:"));

  Read german = ReadFacebook(
      "Beitrags-ID,Seitenname,Veröffentlichungszeitpunkt,Datum,Reichweite\n"
      "1,P,15.03.2024 10:00,Lifetime,15.000\n"
      "2,P,15.03.2024 10:00,Lifetime,1.234.567\n"
      "3,P,15.03.2024 10:00,Lifetime,\"2350,0\"\n"
      "4,P,15.03.2024 10:00,Lifetime,\"15,000\"\n"
      "5,P,15.03.2024 10:00,Lifetime,1.23\n");
  ASSERT_TRUE(german.status.ok()) << german.status.message();
  // And "15,000" in a German one is fifteen.
  EXPECT_THAT(german.sink.observations,
              ElementsAre(O("2024-03-15", "1", "reach", 15000), O("2024-03-15", "2", "reach", 1234567),
                          O("2024-03-15", "3", "reach", 2350), O("2024-03-15", "4", "reach", 15)));
  EXPECT_THAT(german.report.skipped, ElementsAre(Pair("a row with a cell that is not a number", 1)));
  EXPECT_THAT(german.report.warnings[0], HasSubstr("expected a count like 1234 or 1.234"));
}

TEST(MetaPostsTest, IdsASpreadsheetRoundedAreSkippedWithAWarning) {
  Read r =
      ReadFacebook(fmt::format("{}"
                               "1.23457E+17,9,03/15/2024 10:00,Lifetime,1\n"
                               "\"1,23457E+17\",9,03/15/2024 10:00,Lifetime,1\n"
                               "1.23457e17,9,03/15/2024 10:00,Lifetime,1\n"
                               "1E+17,9,03/15/2024 10:00,Lifetime,1\n"
                               "100064000000001_122100000000000101,9,03/15/2024 10:00,Lifetime,2\n"
                               ",9,03/15/2024 10:00,Lifetime,1\n"
                               "abc,9,03/15/2024 10:00,Lifetime,1\n"
                               "12_,9,03/15/2024 10:00,Lifetime,1\n"
                               "E+17,9,03/15/2024 10:00,Lifetime,1\n"
                               "\"12 34\",9,03/15/2024 10:00,Lifetime,1\n",
                               kHeader));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_THAT(r.sink.observations, ElementsAre(O("2024-03-15", "100064000000001_122100000000000101", "reach", 2)));
  EXPECT_THAT(r.report.skipped,
              ElementsAre(Pair("a row whose post id a spreadsheet rounded", 4), Pair("a row without a post id", 5)));
  ASSERT_EQ(r.report.warnings.size(), 9u);
  EXPECT_THAT(r.report.warnings[1], StartsWith("f.csv:3:1: field 'Post ID': '1,23457E+17' is a post id rounded by a "
                                               "spreadsheet, its last digits lost; expected the file as downloaded"));
  EXPECT_THAT(r.report.warnings[4], StartsWith("f.csv:7:1: field 'Post ID': '' is not a post id; expected the "
                                               "post's number"));
}

TEST(MetaPostsTest, OddRowsAreSkipped) {
  Read r =
      ReadFacebook(fmt::format("{}"
                               "1,9,03/15/2024 10:00,Lifetime\n"
                               "2,9,yesterday,Lifetime,1\n"
                               "3,9,03/15/2024,Lifetime,1\n"
                               "4,9,13/15/2024 10:00,Lifetime,1\n"
                               "5,9,03/15/2024 25:00,Lifetime,1\n"
                               "6,9,03/15/2024 10:00,last week,1\n"
                               "7,9,03/15/2024 10:00,02/30/2024,1\n"
                               "8,9,03/15/2024 10:00,,1\n"
                               "9,9,03/15/2024 10:00,Lifetime,4\n",
                               kHeader));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.report.records, 9);
  EXPECT_THAT(r.sink.observations, ElementsAre(O("2024-03-15", "9", "reach", 4)));
  EXPECT_THAT(r.report.skipped,
              ElementsAre(Pair("a row whose date is not a date", 3), Pair("a row whose publish time is not a time", 4),
                          Pair("a row with more or fewer fields than the header", 1)));
  EXPECT_THAT(r.report.warnings[0], StartsWith("f.csv:2:1: field 'Post ID': 4 fields where the header has 5"));
  EXPECT_THAT(r.report.warnings[1], StartsWith("f.csv:3:5: field 'Publish time': 'yesterday' is not a publish time; "
                                               "expected a time like '03/15/2024 14:30' or '15.03.2024 14:30'"));
  EXPECT_THAT(r.report.warnings[5], StartsWith("f.csv:7:22: field 'Date': 'last week' is not a date"));
}

TEST(MetaPostsTest, DamagedFilesAreLocated) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"", "f.csv: file is empty; expected a Meta Business Suite post export header"},
      {"Page ID,Publish time,Reach\n", "f.csv:1:1: the header has no post id column; expected a Meta Business Suite"},
      {"Post ID,Page ID,Date,Reach\n1,2,Lifetime,3\n", "f.csv:1:1: the header has no publish time column"},
      {"Post ID,Publish time,Reach,Reichweite\n",
       "f.csv:1:28: 'Reichweite' holds what the earlier column 'Reach' holds"},
      {"Post ID,Beitrags-ID,Publish time\n", "f.csv:1:9: 'Beitrags-ID' holds what the earlier column 'Post ID' holds"},
      {"Post ID,Publish time,Reach\n1,03/15/2024 10:00,\"5\n", "f.csv:2:"},
      {"Post ID,Publish time,Reach\n1,03/15/2024 10:00,5\"x\n", "f.csv:2:"},
      {std::string_view("Post ID,Publish time\0\x01\x02", 23), "f.csv is not a text file"},
  };
  for (const auto& [input, expected] : cases) EXPECT_THAT(ErrorOf(input), HasSubstr(expected)) << input;
}

TEST(MetaPostsTest, CutShortIsAnErrorOrFewerRowsNotACrash) {
  for (std::string_view file : {"facebook_posts.csv", "facebook_posts_de.csv", "instagram_posts.csv"}) {
    const std::string full = Fixture(file);
    const int64_t rows = ReadFacebook(full).report.records;
    ASSERT_GT(rows, 0) << file;
    for (size_t size = 0; size <= full.size(); ++size) {
      for (const PlatformFormat* format : {&kFacebookPostsFormat, &kInstagramPostsFormat}) {
        Read r = testing::ReadRaw(*format, std::string_view(full).substr(0, size), Context("f.csv"));
        if (!r.status.ok()) {
          ASSERT_THAT(r.status.message(), StartsWith("f.csv")) << file << " " << size;
        }
        ASSERT_LE(r.report.records, rows) << file << " " << size;
      }
    }
  }
}

// ---------------------------------------------------------------------------

TEST(MetaSniffTest, EachFormatKnowsItsFiles) {
  for (std::string_view file : {"facebook_posts.csv", "facebook_posts_de.csv"}) {
    const std::string head = Fixture(file).substr(0, kSniffBytes);
    EXPECT_TRUE(kFacebookPostsFormat.sniff(head)) << file;
    EXPECT_FALSE(kInstagramPostsFormat.sniff(head)) << file;
    EXPECT_EQ(SniffPlatformFormat(head), &kFacebookPostsFormat) << file;
  }
  const std::string instagram = Fixture("instagram_posts.csv");
  EXPECT_TRUE(kInstagramPostsFormat.sniff(instagram));
  EXPECT_FALSE(kFacebookPostsFormat.sniff(instagram));
  EXPECT_EQ(SniffPlatformFormat(instagram), &kInstagramPostsFormat);
  EXPECT_TRUE(kInstagramPostsFormat.sniff("Konto-ID,Beitrags-ID,Veröffentlichungszeitpunkt"));  // cut short
  EXPECT_EQ(FindPlatformFormat("Facebook-Posts"), &kFacebookPostsFormat);
  EXPECT_EQ(FindPlatformFormat("instagram-posts"), &kInstagramPostsFormat);
}

TEST(MetaSniffTest, XAnalyticsAndMetaDoNotTakeEachOthersFiles) {
  for (std::string_view file : {"facebook_posts.csv", "facebook_posts_de.csv", "instagram_posts.csv"}) {
    EXPECT_FALSE(kXAnalyticsFormat.sniff(Fixture(file))) << file;
  }
  // An export with Impressions, which X's sniff looks for too.
  const std::string_view with_impressions = "Post ID,Page ID,Publish time,Impressions\n1,2,03/15/2024 10:00,5\n";
  EXPECT_TRUE(kFacebookPostsFormat.sniff(with_impressions));
  EXPECT_FALSE(kXAnalyticsFormat.sniff(with_impressions));
  for (std::string_view file : {"account_analytics_content.csv", "tweet_activity_metrics.csv"}) {
    const std::string head = ReadFile(testing::PlatformDataPath(fmt::format("x/{}", file)));
    EXPECT_TRUE(kXAnalyticsFormat.sniff(head)) << file;
    EXPECT_FALSE(kFacebookPostsFormat.sniff(head)) << file;
    EXPECT_FALSE(kInstagramPostsFormat.sniff(head)) << file;
  }
}

TEST(MetaSniffTest, OtherFilesAreNotMeta) {
  for (std::string_view head : {
           "", "ts,channel,person,kind,content,value,tags\n2024-05-01T09:30:00Z,x,@a,like,1,,\n",
           "day,channel,content,metric,value\n2024-05-01,facebook,1,reach,5\n",
           "Post ID,Publish time,Reach\n1,03/15/2024 10:00,5\n",              // neither page nor account
           "Post ID,Page ID,Account ID,Publish time\n",                       // both
           "Page ID,Publish time,Reach\n",                                    // no post id
           "Post ID,Page ID,Reach\n",                                         // no publish time
           "Title,Body\n\"Post ID,Page ID,Publish time\",x\n",                // not on the first line
           R"([{"id": "1", "page_id": "2", "created_time": "2024-03-15"}])",  // API JSON
       }) {
    EXPECT_FALSE(kFacebookPostsFormat.sniff(head)) << head;
    EXPECT_FALSE(kInstagramPostsFormat.sniff(head)) << head;
  }
}

TEST(MetaSniffTest, FormatsNameThemselves) {
  EXPECT_EQ(kFacebookPostsFormat.name, "facebook-posts");
  EXPECT_EQ(kInstagramPostsFormat.name, "instagram-posts");
  EXPECT_EQ(kFacebookPostsFormat.default_channel, "facebook");
  EXPECT_EQ(kInstagramPostsFormat.default_channel, "instagram");
  EXPECT_THAT(kFacebookPostsFormat.title, HasSubstr("Facebook"));
  EXPECT_THAT(kInstagramPostsFormat.title, HasSubstr("Instagram"));
  EXPECT_THAT(PlatformFormatNames(), HasSubstr("facebook-posts"));
}

}  // namespace
}  // namespace learnloop::ingest
