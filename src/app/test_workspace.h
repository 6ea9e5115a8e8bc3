// A workspace in a temporary directory for the application layer's tests,
// with a fixed clock and a few people whose rungs are known by hand.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "learnloop/clock.h"
#include "learnloop/workspace.h"

namespace learnloop::app {

// As of 2024-05-10: @cy on action (a donation), @ana on engagement (a
// comment), @ben on network (a follow). Attributes: @ana and @cy members,
// @ben a friend; everyone in Berlin but @cy.
inline constexpr char kTestEvents[] =
    "ts,channel,person,kind,content,value,tags\n"
    "2024-05-01T10:00:00Z,mastodon,@ana,follow,,,\n"
    "2024-05-02T10:00:00Z,mastodon,@ana,comment,p1,,\n"
    "2024-05-03T10:00:00Z,mastodon,@ben,follow,,,\n"
    "2024-05-04T10:00:00Z,crm,@cy,donation,,25,\n";
inline constexpr char kTestAttributes[] =
    "person,membership,city\n"
    "@ana,member,Berlin\n"
    "@ben,friend,Berlin\n"
    "@cy,member,Hamburg\n";

class AppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "learnloop-app-XXXXXX").string();
    dir_ = ::mkdtemp(pattern.data());
    auto ws = Workspace::Init(dir_ / "w", {}, clock_);
    ASSERT_TRUE(ws.ok()) << ws.status().message();
    ASSERT_TRUE(ws->Import(Write("e.csv", kTestEvents), {}).ok());
    ASSERT_TRUE(ws->ImportPersonAttributes(Write("people.csv", kTestAttributes), {}).ok());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  Workspace Open() { return std::move(Workspace::Open(dir_ / "w", clock_)).value(); }

  std::filesystem::path Write(const std::string& name, const std::string& text) {
    std::filesystem::path file = dir_ / name;
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }

  std::filesystem::path dir_;
  FixedClock clock_{*ParseRfc3339("2024-05-10T12:00:00Z")};
};

}  // namespace learnloop::app
