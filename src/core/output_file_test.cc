#include "core/output_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace learnloop {
namespace {
namespace fs = std::filesystem;

class OutputFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "output_file_test.XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { fs::remove_all(dir_); }

  static std::string Read(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }
  static void Write(const fs::path& file, const std::string& text) { std::ofstream(file, std::ios::binary) << text; }
  size_t Entries() const { return static_cast<size_t>(std::distance(fs::directory_iterator(dir_), {})); }

  fs::path dir_;
};

TEST_F(OutputFileTest, TheTargetChangesOnlyWhenCommitted) {
  const fs::path file = dir_ / "export.csv";
  Write(file, "old");
  {
    auto out = OutputFile::Create(file);
    ASSERT_TRUE(out.ok()) << out.status().message();
    out->stream() << std::string(200'000, 'x');
    out->stream().flush();
    EXPECT_EQ(Read(file), "old") << "readers see the old file while the new one is written";
    EXPECT_EQ(Entries(), 2u);
    ASSERT_TRUE(out->Commit().ok());
  }
  EXPECT_EQ(Read(file), std::string(200'000, 'x'));
  EXPECT_EQ(Entries(), 1u) << "no temporary file is left";
}

TEST_F(OutputFileTest, AnAbandonedFileLeavesTheTargetAndNoTemporary) {
  const fs::path file = dir_ / "engine.snapshot";
  Write(file, "old");
  {
    auto out = OutputFile::Create(file);
    ASSERT_TRUE(out.ok());
    out->stream() << "half";
  }
  EXPECT_EQ(Read(file), "old");
  EXPECT_EQ(Entries(), 1u);
}

TEST_F(OutputFileTest, APlantedLinkIsReplacedNotFollowed) {
  const fs::path victim = dir_ / "victim";
  Write(victim, "precious");
  const fs::path file = dir_ / "engine.snapshot";
  fs::create_symlink(victim, file);
  auto out = OutputFile::Create(file);
  ASSERT_TRUE(out.ok());
  out->stream() << "new";
  ASSERT_TRUE(out->Commit().ok());
  EXPECT_EQ(Read(victim), "precious");
  EXPECT_FALSE(fs::is_symlink(file));
  EXPECT_EQ(Read(file), "new");
}

TEST_F(OutputFileTest, ADeviceIsWrittenInPlace) {
  auto out = OutputFile::Create("/dev/null");
  ASSERT_TRUE(out.ok()) << out.status().message();
  out->stream() << "gone";
  EXPECT_TRUE(out->Commit().ok());
  EXPECT_TRUE(fs::is_character_file("/dev/null")) << "not replaced by a regular file";
}

TEST_F(OutputFileTest, ADirectoryOrAMissingDirectoryIsAnError) {
  auto dir = OutputFile::Create(dir_);
  ASSERT_FALSE(dir.ok());
  EXPECT_NE(dir.status().message().find("is a directory"), std::string::npos) << dir.status().message();
  auto missing = OutputFile::Create(dir_ / "no" / "such.csv");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kIoError);
  EXPECT_NE(missing.status().message().find("such.csv"), std::string::npos) << missing.status().message();
}

TEST_F(OutputFileTest, CreateNewFileNeverFollowsALink) {
  const fs::path target = dir_ / "elsewhere.toml";
  const fs::path file = dir_ / "tactics.toml";
  fs::create_symlink(target, file);  // dangling
  Status created = CreateNewFile(file, "x = 1\n");
  EXPECT_EQ(created.code(), StatusCode::kAlreadyExists) << created.message();
  EXPECT_FALSE(fs::exists(target)) << "the link's target is not created";
  ASSERT_TRUE(CreateNewFile(dir_ / "ladder.toml", "y = 2\n").ok());
  EXPECT_EQ(Read(dir_ / "ladder.toml"), "y = 2\n");
  EXPECT_EQ(CreateNewFile(dir_ / "ladder.toml", "z").code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(Read(dir_ / "ladder.toml"), "y = 2\n");
}

}  // namespace
}  // namespace learnloop
