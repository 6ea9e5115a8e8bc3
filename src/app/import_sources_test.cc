// Importing folders and archives through the application layer, with real
// .zip, .tar.gz and .csv.gz files written by libarchive here.
#include "app/import_sources.h"

#include <archive.h>
#include <archive_entry.h>
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "app/test_workspace.h"
#include "learnloop/app/workspace.h"

namespace learnloop::app {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string ReadFixture(const std::string& relative) {
  std::ifstream in(fs::path(LEARNLOOP_SOURCE_DIR) / "tests/testdata" / relative, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

constexpr char kEvents[] =
    "ts,channel,person,kind,content,value,tags\n"
    "2024-05-05T10:00:00Z,mastodon,@dee,follow,,,\n"
    "2024-05-06T10:00:00Z,mastodon,@dee,like,p2,,\n";

struct Member {
  std::string name;
  std::string bytes;
  bool link = false;
};

// What an organization's download looks like: data files learnloop reads,
// beside a manifest, an image, a hidden file and macOS's folder of forks.
std::vector<Member> Download() {
  return {
      {"data/tweets.js", ReadFixture("platforms/x/tweets.js")},
      {"data/manifest.js", "window.__THAR_CONFIG = {}\n"},
      {"data/media/photo.jpg", std::string("\xFF\xD8\xFF\xE0\0\x10JFIF\0", 11)},
      {"events.csv", kEvents},
      {".DS_Store", "junk"},
      {"__MACOSX/data/._tweets.js", "junk"},
  };
}

enum class Kind { kZip, kTarGz };

void WriteArchive(const fs::path& file, Kind kind, const std::vector<Member>& members) {
  archive* a = archive_write_new();
  if (kind == Kind::kZip) {
    archive_write_set_format_zip(a);
  } else {
    archive_write_add_filter_gzip(a);
    archive_write_set_format_pax_restricted(a);
  }
  ASSERT_EQ(archive_write_open_filename(a, file.c_str()), ARCHIVE_OK);
  for (const Member& m : members) {
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, m.name.c_str());
    archive_entry_set_perm(entry, 0644);
    if (m.link) {
      archive_entry_set_filetype(entry, AE_IFLNK);
      archive_entry_set_symlink(entry, m.bytes.c_str());
      archive_entry_set_size(entry, 0);
    } else {
      archive_entry_set_filetype(entry, AE_IFREG);
      archive_entry_set_size(entry, static_cast<la_int64_t>(m.bytes.size()));
    }
    ASSERT_EQ(archive_write_header(a, entry), ARCHIVE_OK);
    if (!m.link) {
      ASSERT_EQ(archive_write_data(a, m.bytes.data(), m.bytes.size()), static_cast<la_ssize_t>(m.bytes.size()));
    }
    archive_entry_free(entry);
  }
  archive_write_close(a);
  archive_write_free(a);
}

void WriteGzip(const fs::path& file, const std::string& bytes) {
  archive* a = archive_write_new();
  archive_write_add_filter_gzip(a);
  archive_write_set_format_raw(a);
  ASSERT_EQ(archive_write_open_filename(a, file.c_str()), ARCHIVE_OK);
  archive_entry* entry = archive_entry_new();
  archive_entry_set_filetype(entry, AE_IFREG);
  archive_entry_set_pathname(entry, "data");
  ASSERT_EQ(archive_write_header(a, entry), ARCHIVE_OK);
  archive_write_data(a, bytes.data(), bytes.size());
  archive_entry_free(entry);
  archive_write_close(a);
  archive_write_free(a);
}

std::vector<std::string> Names(const EventImports& done) {
  std::vector<std::string> names;
  for (const ImportSummary& s : done.imports) names.push_back(s.file);
  return names;
}

std::vector<std::string> PassedOver(const EventImports& done) {
  std::vector<std::string> names;
  for (const PassedOverFile& p : done.passed_over) names.push_back(p.file);
  return names;
}

class ImportSourcesTest : public AppTest {
 protected:
  int64_t Events() { return Open().Info()->events; }

  EventImports Import(const fs::path& path, bool dry_run = false) {
    Workspace ws = Open();
    auto done = ImportEvents(ws, {.files = {path}, .dry_run = dry_run});
    EXPECT_TRUE(done.ok()) << done.status().message();
    return std::move(done).value();
  }
};

TEST_F(ImportSourcesTest, AZipIsEveryFileInItRecognizedByContent) {
  const fs::path zip = dir_ / "twitter-2024.zip";
  WriteArchive(zip, Kind::kZip, Download());
  const int64_t before = Events();
  EventImports done = Import(zip);
  ASSERT_TRUE(done.failure.ok()) << done.failure.message();
  const std::string name = zip.string();
  EXPECT_THAT(Names(done), ElementsAre(name + "/data/tweets.js", name + "/events.csv"));
  EXPECT_EQ(done.imports[0].format, "x-archive");
  EXPECT_EQ(done.imports[1].format, "canonical");
  EXPECT_EQ(done.imports[1].added, 2);
  // The manifest and the photo are named with why; hidden files are not.
  EXPECT_THAT(PassedOver(done), ElementsAre(name + "/data/manifest.js", name + "/data/media/photo.jpg"));
  EXPECT_THAT(done.passed_over[0].reason, HasSubstr("does not look like an event file"));
  EXPECT_THAT(done.passed_over[1].reason, HasSubstr("not text"));
  const int64_t after = Events();
  EXPECT_GT(after, before + 2);

  // The same download again adds nothing, and says so file by file.
  EventImports again = Import(zip);
  ASSERT_TRUE(again.failure.ok()) << again.failure.message();
  ASSERT_EQ(again.imports.size(), 2u);
  EXPECT_EQ(again.imports[0].added, 0);
  EXPECT_EQ(again.imports[1].added, 0);
  EXPECT_EQ(Events(), after);
}

TEST_F(ImportSourcesTest, ATarGzAndTheSameFolderUnpackedImportAlike) {
  const fs::path tgz = dir_ / "export.tar.gz";
  WriteArchive(tgz, Kind::kTarGz, Download());
  const fs::path folder = dir_ / "export";
  for (const Member& m : Download()) {
    fs::create_directories((folder / m.name).parent_path());
    std::ofstream(folder / m.name, std::ios::binary) << m.bytes;
  }
  fs::create_symlink("/etc/passwd", folder / "data" / "link.csv");

  EventImports from_tgz = Import(tgz, /*dry_run=*/true);
  EventImports from_folder = Import(folder, /*dry_run=*/true);
  ASSERT_TRUE(from_tgz.failure.ok()) << from_tgz.failure.message();
  ASSERT_TRUE(from_folder.failure.ok()) << from_folder.failure.message();
  EXPECT_THAT(Names(from_tgz), ElementsAre(tgz.string() + "/data/tweets.js", tgz.string() + "/events.csv"));
  EXPECT_THAT(Names(from_folder), ElementsAre((folder / "data/tweets.js").string(), (folder / "events.csv").string()));
  ASSERT_EQ(from_tgz.imports.size(), from_folder.imports.size());
  for (size_t i = 0; i < from_tgz.imports.size(); ++i) {
    ASSERT_TRUE(from_tgz.imports[i].preview && from_folder.imports[i].preview);
    EXPECT_EQ(from_tgz.imports[i].preview->events, from_folder.imports[i].preview->events);
    EXPECT_EQ(from_tgz.imports[i].preview->observations, from_folder.imports[i].preview->observations);
  }
  // The link is not followed: passed over, like the manifest and the photo.
  EXPECT_THAT(PassedOver(from_folder),
              ElementsAre((folder / "data/link.csv").string(), (folder / "data/manifest.js").string(),
                          (folder / "data/media/photo.jpg").string()));
}

TEST_F(ImportSourcesTest, ACompressedEventFileIsItsOneMember) {
  const fs::path gz = dir_ / "events.csv.gz";
  WriteGzip(gz, kEvents);
  EventImports done = Import(gz);
  ASSERT_TRUE(done.failure.ok()) << done.failure.message();
  EXPECT_THAT(Names(done), ElementsAre(gz.string() + "/events.csv"));
  EXPECT_EQ(done.imports[0].added, 2);
}

TEST_F(ImportSourcesTest, AnArchiveInsideAnArchiveIsPassedOver) {
  const fs::path inner = dir_ / "inner.zip";
  WriteArchive(inner, Kind::kZip, {{"events.csv", kEvents}});
  std::ifstream in(inner, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  const fs::path outer = dir_ / "outer.zip";
  WriteArchive(outer, Kind::kZip, {{"inner.zip", bytes.str()}, {"link", "/etc/passwd", true}});
  EventImports done = Import(outer);
  ASSERT_TRUE(done.failure.ok()) << done.failure.message();
  EXPECT_TRUE(done.imports.empty());
  EXPECT_THAT(PassedOver(done), ElementsAre(outer.string() + "/inner.zip", outer.string() + "/link"));
  EXPECT_THAT(done.passed_over[0].reason, HasSubstr("an archive inside the archive"));
}

TEST_F(ImportSourcesTest, ADamagedArchiveIsRefusedByNameAndKeepsWhatCameBefore) {
  const fs::path zip = dir_ / "cut.zip";
  WriteArchive(zip, Kind::kZip, Download());
  const auto size = fs::file_size(zip);
  fs::resize_file(zip, size / 2);
  EventImports done = Import(zip);
  EXPECT_FALSE(done.failure.ok());
  EXPECT_THAT(done.failure.message(), HasSubstr(zip.string()));
}

TEST_F(ImportSourcesTest, ADamagedFileInAFolderStopsTheImportAndKeepsNothingOfIt) {
  const fs::path folder = dir_ / "batch";
  fs::create_directories(folder);
  std::ofstream(folder / "a.csv") << kEvents;
  std::ofstream(folder / "b.csv") << "ts,channel,person,kind\nyesterday,x,@a,like\n";
  std::ofstream(folder / "c.csv") << kEvents;
  const int64_t before = Events();
  EventImports done = Import(folder);
  EXPECT_THAT(done.failure.message(), HasSubstr((folder / "b.csv").string() + ":2"));
  EXPECT_THAT(Names(done), ElementsAre((folder / "a.csv").string()));
  EXPECT_EQ(Events(), before + 2);
}

TEST_F(ImportSourcesTest, AFileNamedOnItsOwnIsRefusedNotPassedOver) {
  const fs::path manifest = Write("manifest.js", "window.__THAR_CONFIG = {}\n");
  EventImports done = Import(manifest);
  EXPECT_THAT(done.failure.message(), HasSubstr("does not look like an event file"));
  EXPECT_TRUE(done.passed_over.empty());
}

// A file is an archive by its first bytes, not its name.
TEST(ImportSourceTest, AnArchiveIsKnownByItsFirstBytesNotItsName) {
  const fs::path dir = fs::temp_directory_path() / fmt::format("learnloop-archive-{}", ::getpid());
  fs::create_directories(dir);
  std::ofstream(dir / "a.zip") << "ts,channel,person,kind\n";
  std::ofstream(dir / "b.csv") << "PK\x03\x04 then anything";
  std::vector<std::string> visited;
  auto visit = [&](const ImportSource& source) {
    visited.push_back(source.name);
    return Status::Ok();
  };
  auto pass_over = [](const PassedOverFile&) {};
  EXPECT_TRUE(ForEachImportSource(dir / "a.zip", visit, pass_over).ok());
  EXPECT_THAT(visited, ElementsAre((dir / "a.zip").string()));
  Status archive = ForEachImportSource(dir / "b.csv", visit, pass_over);
  EXPECT_THAT(archive.message(), HasSubstr("a damaged or unsupported archive"));
  EXPECT_TRUE(ForEachImportSource(dir / "missing", visit, pass_over).ok());
  EXPECT_THAT(visited, ElementsAre((dir / "a.zip").string(), (dir / "missing").string()))
      << "for the importer to refuse";
  fs::remove_all(dir);
}

}  // namespace
}  // namespace learnloop::app
