#include "server/web_app.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

namespace learnloop::server {
namespace {

class WebAppTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(testing::TempDir()) / ("web_app_test_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    Write("index.html", "<!doctype html>");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void Write(const std::string& name, const std::string& bytes) {
    std::filesystem::create_directories((dir_ / name).parent_path());
    std::ofstream(dir_ / name, std::ios::binary) << bytes;
  }

  std::filesystem::path dir_;
};

TEST_F(WebAppTest, NamesFilesByTheirPathAndRootIsIndex) {
  Write("assets/app-1a2b.js", "js");
  Write("assets/app-1a2b.js.gz", "gzipped js");
  Write("favicon.svg", "<svg/>");
  Result<WebApp> app = WebApp::Load(dir_);
  ASSERT_TRUE(app.ok()) << app.status().message();
  ASSERT_NE(app->Find("/"), nullptr);
  EXPECT_EQ(app->Find("/")->bytes, "<!doctype html>");
  EXPECT_EQ(app->Find("/index.html"), app->Find("/"));
  EXPECT_FALSE(app->Find("/")->gzip);
  const WebFile* js = app->Find("/assets/app-1a2b.js");
  ASSERT_NE(js, nullptr);
  EXPECT_EQ(js->bytes, "js");
  EXPECT_EQ(js->gzip, "gzipped js");
  EXPECT_EQ(js->content_type, "text/javascript");
  EXPECT_EQ(app->Find("/favicon.svg")->content_type, "image/svg+xml");
}

TEST_F(WebAppTest, FindsExactNamesOnly) {
  Write("assets/app.js", "js");
  Result<WebApp> app = WebApp::Load(dir_);
  ASSERT_TRUE(app.ok()) << app.status().message();
  for (const char* path : {"", "index.html", "/assets", "/assets/", "/assets//app.js", "/assets/../index.html",
                           "/./index.html", "/ASSETS/app.js", "/assets/app.js/", "/assets/app.js.gz"})
    EXPECT_EQ(app->Find(path), nullptr) << path;
}

TEST_F(WebAppTest, SkipsDotFilesAndLoneGzipFiles) {
  Write(".env", "secret");
  Write(".vite/manifest.json", "{}");
  Write("lonely.txt.gz", "gz");
  Result<WebApp> app = WebApp::Load(dir_);
  ASSERT_TRUE(app.ok()) << app.status().message();
  for (const char* path : {"/.env", "/.vite/manifest.json", "/lonely.txt.gz", "/lonely.txt"})
    EXPECT_EQ(app->Find(path), nullptr) << path;
}

TEST_F(WebAppTest, RefusesADirectoryWithoutIndex) {
  std::filesystem::remove(dir_ / "index.html");
  Write("app.js", "js");
  Result<WebApp> app = WebApp::Load(dir_);
  ASSERT_FALSE(app.ok());
  EXPECT_EQ(app.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(app.status().message().find(dir_.string() + ": no index.html"), std::string::npos)
      << app.status().message();
  EXPECT_FALSE(WebApp::Load(dir_ / "missing").ok());
}

TEST_F(WebAppTest, RefusesMoreThanTheLimit) {
  Write("assets/big.js", std::string(100, 'x'));
  EXPECT_TRUE(WebApp::Load(dir_, 115).ok());  // 15 bytes of index.html + 100
  Result<WebApp> app = WebApp::Load(dir_, 114);
  ASSERT_FALSE(app.ok());
  EXPECT_EQ(app.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(app.status().message(), dir_.string() +
                                        ": the files add up to more than 114 bytes, the most the server holds in "
                                        "memory; expected the built web app (web/dist)");
  Write("assets/bigger.js", std::string(size_t{1} << 20, 'x'));
  EXPECT_NE(WebApp::Load(dir_, size_t{1} << 20).status().message().find("more than 1 MiB,"), std::string::npos);
}

TEST(ContentTypeTest, ByExtension) {
  EXPECT_EQ(ContentTypeFor("index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("assets/a-1.css"), "text/css");
  EXPECT_EQ(ContentTypeFor("assets/a-1.js.map"), "application/json");
  EXPECT_EQ(ContentTypeFor("fonts/x.WOFF2"), "font/woff2");
  EXPECT_EQ(ContentTypeFor("robots.txt"), "text/plain; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("assets.d/README"), "application/octet-stream");
  EXPECT_EQ(ContentTypeFor("data.bin"), "application/octet-stream");
}

TEST(AcceptsGzipTest, ReadsTheListAndItsWeights) {
  for (const char* yes : {"gzip", "gzip, deflate, br", "br;q=1.0, GZIP;q=0.5", " deflate , gzip ", "x-gzip"})
    EXPECT_TRUE(AcceptsGzip(yes)) << yes;
  for (const char* no : {"", "identity", "br, deflate", "gzip;q=0", "gzip; q=0.000", "gzipped", "*"})
    EXPECT_FALSE(AcceptsGzip(no)) << no;
}

}  // namespace
}  // namespace learnloop::server
