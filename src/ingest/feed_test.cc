#include "ingest/feed.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <string>

#include "ingest/test_util.h"

namespace learnloop::ingest {
namespace {

using ::testing::HasSubstr;
using testing::PlatformDataPath;
using testing::ReadFile;
using testing::Records;
using ::testing::StartsWith;

Timestamp At(std::string_view rfc3339) { return *ParseRfc3339(rfc3339); }

Records Read(const PlatformFormat& format, std::string_view fixture) {
  auto read = testing::ReadPlatform(format, ReadFile(PlatformDataPath(fixture)), fixture);
  EXPECT_TRUE(read.ok()) << read.status().message();
  return read.ok() ? std::move(read).value() : Records{};
}

Feed ReadXml(std::string_view fixture, ReadReport& report) {
  auto feed = ReadXmlFeed(ReadFile(PlatformDataPath(fixture)), fixture, report);
  EXPECT_TRUE(feed.ok()) << feed.status().message();
  return feed.ok() ? std::move(feed).value() : Feed{};
}

TEST(FeedTest, Rss2ItemsAreContentsWithTheirHtmlAsText) {
  Records r = Read(kFeedFormat, "feeds/rss2.xml");
  EXPECT_TRUE(r.events.empty());
  EXPECT_EQ(r.report.records, 2);
  EXPECT_EQ(
      r.contents,
      (std::vector<ContentItem>{
          {"web", "https://tenants.example.org/?p=101", At("2024-03-05T18:30:00Z"),
           "Rent strike: what we won\n\nAfter six weeks, the landlord\u00a0signed.\n\nRepairs by May\nNo rise this "
           "year",
           "housing;wins"},
          {"web", "https://tenants.example.org/2024/03/meeting/", At("2024-03-08T00:00:00Z"),
           "Meeting \u2013 Thursday\n\nBring a neighbour & a chair.", ""}}));
  EXPECT_TRUE(r.report.warnings.empty()) << r.report.warnings[0];
}

TEST(FeedTest, Rss2FeedFieldsAndChannelOverride) {
  ReadReport report;
  Feed feed = ReadXml("feeds/rss2.xml", report);
  EXPECT_EQ(feed.kind, "RSS 2.0");
  EXPECT_EQ(feed.title, "Riverside Tenants & Friends");
  EXPECT_EQ(feed.link, "https://tenants.example.org/");
  ASSERT_EQ(feed.items.size(), 2u);
  EXPECT_EQ(feed.items[0].link, "https://tenants.example.org/2024/03/rent-strike/");
  PlatformContext context = testing::Context("rss2.xml", "blog");
  testing::PlatformRead raw = testing::ReadRaw(kFeedFormat, ReadFile(PlatformDataPath("feeds/rss2.xml")), context);
  ASSERT_TRUE(raw.status.ok()) << raw.status.message();
  ASSERT_EQ(raw.sink.contents.size(), 2u);
  EXPECT_EQ(raw.sink.contents[0].channel, "blog");
}

TEST(FeedTest, Rss1RdfItemsSitBesideTheChannel) {
  ReadReport report;
  Feed feed = ReadXml("feeds/rss1.rdf", report);
  EXPECT_EQ(feed.kind, "RSS 1.0");
  EXPECT_EQ(feed.id, "https://food.example.net/rss");
  Records r = Read(kFeedFormat, "feeds/rss1.rdf");
  EXPECT_EQ(r.contents, (std::vector<ContentItem>{
                            {"web", "https://food.example.net/notes/1", At("2024-02-10T08:00:00Z"),
                             "Volunteers needed\n\nSaturday shifts, 9 to 12.", "volunteering"},
                            {"web", "https://food.example.net/notes/2", At("2024-02-12T00:00:00Z"), "Thank you", ""}}));
}

TEST(FeedTest, AtomLinksResolveAgainstXmlBase) {
  ReadReport report;
  Feed feed = ReadXml("feeds/atom.xml", report);
  EXPECT_EQ(feed.kind, "Atom 1.0");
  EXPECT_EQ(feed.title, "Climate Action Now");
  EXPECT_EQ(feed.id, "tag:climate.example.com,2024:blog");
  EXPECT_EQ(feed.link, "https://climate.example.com/blog/");
  ASSERT_EQ(feed.items.size(), 2u);
  EXPECT_EQ(feed.items[0].title, "March for the river");
  EXPECT_EQ(feed.items[0].link, "https://climate.example.com/blog/2024/march");
  EXPECT_EQ(feed.items[0].text, "Meet at the bridge.\n\nBring water.");
  EXPECT_EQ(feed.items[0].published, At("2024-04-01T12:00:00Z")) << "published wins over updated";
  EXPECT_EQ(feed.items[1].link, "https://climate.example.com/press/release-1.html");
  EXPECT_EQ(feed.items[1].published, At("2024-03-20T12:00:00Z"));
  EXPECT_EQ(feed.items[1].text, "Our statement on the council's vote.");
  Records r = Read(kFeedFormat, "feeds/atom.xml");
  ASSERT_EQ(r.contents.size(), 2u);
  EXPECT_EQ(r.contents[0].key, "tag:climate.example.com,2024:march");
  EXPECT_EQ(r.contents[0].tags, "events");
}

TEST(FeedTest, JsonFeedItems) {
  Records r = Read(kJsonFeedFormat, "feeds/feed.json");
  EXPECT_EQ(r.report.records, 3);
  EXPECT_EQ(r.report.skipped, (std::map<std::string, int64_t>{{"not an object (a damaged entry)", 1}}));
  EXPECT_EQ(r.contents,
            (std::vector<ContentItem>{{"web", "2024-05-book-sale", At("2024-05-03T07:00:00Z"),
                                       "Book sale this weekend\n\nSaturday & Sunday.\n\nAll proceeds go to the "
                                       "children's room.",
                                       "events;fundraising"},
                                      {"web", "42", std::nullopt, "Thank you, volunteers!", ""}}));
  ASSERT_EQ(r.report.warnings.size(), 2u);
  EXPECT_THAT(r.report.warnings[0], HasSubstr("items[1].date_published: 'sometime in May' is not a date"));
  ReadReport report;
  auto feed = ReadJsonFeed(ReadFile(PlatformDataPath("feeds/feed.json")), "feed.json", report);
  ASSERT_TRUE(feed.ok());
  EXPECT_EQ(feed->kind, "JSON Feed 1.1");
  EXPECT_EQ(feed->id, "https://friends.example.org/feed.json");
  EXPECT_EQ(feed->items[1].link, "https://friends.example.org/posts/thanks");
}

TEST(FeedTest, BrokenFeedIsRepairedNotRefused) {
  Records r = Read(kFeedFormat, "feeds/broken.xml");
  EXPECT_EQ(r.report.records, 2);
  EXPECT_EQ(r.contents, (std::vector<ContentItem>{{"web", "http://coop.example.org/dues", At("2024-03-04T00:00:00Z"),
                                                   "Dues & donations\n\nPay by the 10th\u00a0\u2014 thanks", ""}}));
  EXPECT_EQ(r.report.skipped, (std::map<std::string, int64_t>{{"an item without an id or link", 1}}));
  std::string warnings;
  for (const std::string& w : r.report.warnings) warnings += w + "\n";
  EXPECT_THAT(warnings, HasSubstr("not valid UTF-8 as it says"));
  EXPECT_THAT(warnings, HasSubstr("the XML is damaged"));
  EXPECT_THAT(warnings, HasSubstr("no id, guid or link"));
  ReadReport report;
  Feed feed = ReadXml("feeds/broken.xml", report);
  EXPECT_EQ(feed.title, "Café & Co-op News");
}

TEST(FeedTest, NotAFeedIsRefusedNamingTheFile) {
  ReadReport report;
  auto html = ReadXmlFeed("<html><body>hi</body></html>", "page.html", report);
  EXPECT_THAT(html.status().message(), StartsWith("page.html: the root element is <html>"));
  auto empty = ReadXmlFeed("", "e.xml", report);
  EXPECT_THAT(empty.status().message(), StartsWith("e.xml: not readable as XML"));
  auto json = ReadJsonFeed("{\"version\": \"1\", \"items\": []}", "f.json", report);
  EXPECT_THAT(json.status().message(), HasSubstr("f.json: version: expected"));
  auto no_items = ReadJsonFeed("{\"version\": \"https://jsonfeed.org/version/1\"}", "f.json", report);
  EXPECT_THAT(no_items.status().message(), HasSubstr("items: expected an array"));
}

TEST(FeedTest, NoEntityIsExpandedAndNothingIsFetched) {
  const std::string xxe = R"(<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd"><!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>
<rss version="2.0"><channel><title>&secret;&b;&a;</title>
<item><guid>1</guid><title>x</title></item></channel></rss>)";
  ReadReport report;
  auto feed = ReadXmlFeed(xxe, "x.xml", report);
  ASSERT_TRUE(feed.ok()) << feed.status().message();
  EXPECT_EQ(feed->title, "aaaaaaaaaa") << "only a plain internal entity is read, once";
  EXPECT_THAT(feed->title, ::testing::Not(HasSubstr("root")));
}

TEST(FeedTest, DatesInTheFormsFeedsWrite) {
  EXPECT_EQ(ParseFeedDate("Tue, 10 Jun 2003 04:00:00 GMT"), At("2003-06-10T04:00:00Z"));
  EXPECT_EQ(ParseFeedDate("10 Jun 2003 04:00:00 -0400"), At("2003-06-10T08:00:00Z"));
  EXPECT_EQ(ParseFeedDate("Tue, 10 Jun 03 04:00 EST"), At("2003-06-10T09:00:00Z"));
  EXPECT_EQ(ParseFeedDate("Wed, 02 Oct 2002 13:00:00 Z"), At("2002-10-02T13:00:00Z"));
  EXPECT_EQ(ParseFeedDate("Thursday, 5 June 1997 4:00 PM PDT"), At("1997-06-05T23:00:00Z"));
  EXPECT_EQ(ParseFeedDate("June 10, 2003"), At("2003-06-10T00:00:00Z"));
  EXPECT_EQ(ParseFeedDate("2003-06-10T04:00:00.5+02:00"), At("2003-06-10T02:00:00.5Z"));
  EXPECT_EQ(ParseFeedDate("2003-06-10T04:00Z"), At("2003-06-10T04:00:00Z"));
  EXPECT_EQ(ParseFeedDate("2003-06-10"), At("2003-06-10T00:00:00Z"));
  EXPECT_EQ(ParseFeedDate("2003-06"), At("2003-06-01T00:00:00Z"));
  EXPECT_EQ(ParseFeedDate("2003/06/10 04:00"), At("2003-06-10T04:00:00Z"));
  EXPECT_EQ(ParseFeedDate("Mon, 10 Jun 2003 04:00:00 GMT+2"), At("2003-06-10T02:00:00Z"));
  EXPECT_EQ(ParseFeedDate("Sun, 31 Feb 2003 04:00:00 GMT"), std::nullopt);
  EXPECT_EQ(ParseFeedDate("yesterday"), std::nullopt);
  EXPECT_EQ(ParseFeedDate(""), std::nullopt);
  EXPECT_EQ(ParseFeedDate("Tue, 10 Jun 2003 25:00:00 GMT"), std::nullopt);
}

TEST(FeedTest, SniffingFindsTheRootPastTheProlog) {
  EXPECT_TRUE(kFeedFormat.sniff("<?xml version='1.0'?>\n<!-- c -->\n<?xml-stylesheet href='x'?>\n<rss version='2.0'>"));
  EXPECT_TRUE(kFeedFormat.sniff("<!DOCTYPE rss PUBLIC \"-//Netscape//DTD RSS 0.91//EN\" \"x\">\n<rss>"));
  EXPECT_TRUE(kFeedFormat.sniff("<!DOCTYPE feed [<!ENTITY a 'b'>]><feed xmlns='http://www.w3.org/2005/Atom'>"));
  EXPECT_TRUE(kFeedFormat.sniff("<rdf:RDF xmlns:rdf='x'>"));
  EXPECT_FALSE(kFeedFormat.sniff("<html><rss>"));
  EXPECT_FALSE(kFeedFormat.sniff("<rssfeed>"));
  EXPECT_FALSE(kFeedFormat.sniff("ts,channel,person,kind\n"));
  EXPECT_TRUE(kJsonFeedFormat.sniff(" {\"version\": \"https://jsonfeed.org/version/1\", \"items\": []}"));
  EXPECT_FALSE(kJsonFeedFormat.sniff("[{\"version\": \"https://jsonfeed.org/version/1\"}]"));
}

TEST(FeedTest, EveryFeedValidatorCaseReadsWithoutACrash) {
  const std::filesystem::path suite =
      std::filesystem::path(LEARNLOOP_SOURCE_DIR) / "../shared/corpora/feedvalidator/testcases";
  ASSERT_TRUE(std::filesystem::is_directory(suite)) << suite;
  int files = 0;
  int read = 0;
  int64_t items = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(suite)) {
    if (!entry.is_regular_file()) continue;
    const std::string bytes = ReadFile(entry.path());
    (void)kFeedFormat.sniff(std::string_view(bytes).substr(0, kSniffBytes));
    auto records = testing::ReadPlatform(kFeedFormat, bytes, "t.xml");
    ++files;
    if (records.ok()) {
      ++read;
      items += static_cast<int64_t>(records->contents.size());
      for (const ContentItem& c : records->contents) EXPECT_FALSE(c.key.empty()) << entry.path();
    } else {
      EXPECT_THAT(records.status().message(), StartsWith("t.xml: ")) << entry.path();
    }
  }
  std::cout << "feedvalidator: " << read << " of " << files << " files read as feeds, " << items << " items\n";
  EXPECT_GT(files, 1300);
  EXPECT_GT(read, 1000);
}

TEST(FeedTest, JsonTestSuiteNeverCrashesTheJsonFeedReader) {
  int files = 0;
  for (const std::filesystem::path& json_file : testing::JsonTestSuiteFiles()) {
    const std::string text = ReadFile(json_file);
    (void)kJsonFeedFormat.sniff(text);
    auto records = testing::ReadPlatform(kJsonFeedFormat, text, "f.json");
    // None of them is a JSON Feed: each is refused, naming the file.
    EXPECT_FALSE(records.ok()) << json_file;
    EXPECT_THAT(records.status().message(), StartsWith("f.json: ")) << json_file;
    ++files;
  }
  EXPECT_GT(files, 300);
}

TEST(FeedTest, FormatsNameThemselves) {
  EXPECT_EQ(kFeedFormat.name, "feed");
  EXPECT_EQ(kJsonFeedFormat.name, "json-feed");
  EXPECT_EQ(kFeedFormat.default_channel, "web");
  EXPECT_EQ(FindPlatformFormat("json-feed"), &kJsonFeedFormat);
}

}  // namespace
}  // namespace learnloop::ingest
