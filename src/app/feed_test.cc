#include "learnloop/app/feed.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace learnloop::app {
namespace {

std::filesystem::path Fixture(std::string_view name) {
  return std::filesystem::path(LEARNLOOP_SOURCE_DIR) / "tests/testdata/platforms/feeds" / name;
}

TEST(FeedOpsTest, InspectShowsWhatWasReadAsJson) {
  auto feed = InspectFeed(Fixture("atom.xml"));
  ASSERT_TRUE(feed.ok()) << feed.status().message();
  EXPECT_EQ(feed->format, "feed");
  EXPECT_EQ(feed->kind, "Atom 1.0");
  json::Json doc = json::ToJson(*feed);
  EXPECT_EQ(doc["title"], "Climate Action Now");
  EXPECT_EQ(doc["link"], "https://climate.example.com/blog/");
  EXPECT_EQ(doc["id"], "tag:climate.example.com,2024:blog");
  ASSERT_EQ(doc["items"].size(), 2u);
  EXPECT_EQ(doc["items"][0]["link"], "https://climate.example.com/blog/2024/march");
  EXPECT_EQ(doc["items"][0]["published"], "2024-04-01T12:00:00Z");
  EXPECT_EQ(doc["items"][1]["text"], "Our statement on the council's vote.");
}

TEST(FeedOpsTest, JsonFeedsAndUnreadableDates) {
  auto feed = InspectFeed(Fixture("feed.json"));
  ASSERT_TRUE(feed.ok()) << feed.status().message();
  EXPECT_EQ(feed->format, "json-feed");
  json::Json doc = json::ToJson(*feed);
  ASSERT_EQ(doc["items"].size(), 2u);
  EXPECT_TRUE(doc["items"][1]["published"].is_null());
  EXPECT_EQ(doc["items"][1]["id"], "42");
  EXPECT_EQ(doc["skipped"][0]["records"], 1);
  EXPECT_FALSE(doc["warnings"].empty());
}

TEST(FeedOpsTest, ErrorsNameTheFile) {
  EXPECT_EQ(InspectFeed(Fixture("missing.xml")).status().code(), StatusCode::kNotFound);
  const std::filesystem::path page = std::filesystem::temp_directory_path() / "learnloop_feed_test_page.html";
  std::ofstream(page) << "<html><body>not a feed</body></html>";
  auto html = InspectFeed(page);
  ASSERT_FALSE(html.ok());
  EXPECT_EQ(html.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(html.status().message().find(page.string()), std::string::npos) << html.status().message();
  std::filesystem::remove(page);
}

}  // namespace
}  // namespace learnloop::app
