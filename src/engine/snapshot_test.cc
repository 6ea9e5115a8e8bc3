#include "engine/snapshot.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace learnloop::engine {
namespace {
namespace fs = std::filesystem;

EventTable RandomTable(int events, const TimeZone& zone) {
  std::mt19937 rng(3);
  EventTableBuilder builder;
  const std::vector<std::string> kinds = {"like", "comment", "donation", "follow"};
  for (int i = 0; i < events; ++i) {
    Event e{Timestamp{1'700'000'000'000'000 + static_cast<int64_t>(rng() % 1'000'000) * 60'000'000},
            i % 3 == 0 ? "mastodon" : "crm",
            "person-" + std::to_string(rng() % 200),
            kinds[rng() % kinds.size()],
            i % 5 == 0 ? "" : "post-" + std::to_string(rng() % 30),
            i % 4 == 0 ? std::optional<double>(rng() % 100 / 4.0) : std::nullopt,
            i % 7 == 0 ? "a;b" : ""};
    EXPECT_TRUE(builder.Add(e.view()).ok());
  }
  return std::move(builder).Build(zone);
}

void ExpectSameTable(const EventTable& a, const EventTable& b) {
  ASSERT_EQ(a.size(), b.size());
  ASSERT_EQ(a.people(), b.people());
  EXPECT_EQ(a.time_zone, b.time_zone);
  EXPECT_EQ(a.person_offsets, b.person_offsets);
  for (size_t i = 0; i < a.size(); ++i) {
    Event x = a.EventAt(i);
    Event y = b.EventAt(i);
    ASSERT_EQ(x, y) << "row " << i;
    ASSERT_EQ(a.day[i], b.day[i]);
  }
  EXPECT_EQ(a.kinds.size(), b.kinds.size());
  EXPECT_EQ(a.tag_lists.size(), b.tag_lists.size());
}

class SnapshotTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("ll-snap-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  static std::string ReadFile(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
  }
  fs::path dir_;
};

TEST_F(SnapshotTest, RoundTripGivesTheSameTable) {
  const TimeZone zone = *TimeZone::Load("Europe/Berlin");
  EventTable table = RandomTable(5000, zone);
  const SnapshotKey key{"store-a/42", "Europe/Berlin"};
  ASSERT_TRUE(WriteSnapshot(table, key, dir_ / "engine.snapshot").ok());
  std::optional<EventTable> read = ReadSnapshot(dir_ / "engine.snapshot", key);
  ASSERT_TRUE(read.has_value());
  ExpectSameTable(table, *read);
  // No temporary file is left behind.
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 1);
}

TEST_F(SnapshotTest, EmptyTableRoundTrips) {
  EventTable table = RandomTable(0, TimeZone::Utc());
  ASSERT_TRUE(WriteSnapshot(table, {"", "UTC"}, dir_ / "s").ok());
  std::optional<EventTable> read = ReadSnapshot(dir_ / "s", {"", "UTC"});
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->size(), 0u);
  EXPECT_EQ(read->person_offsets, std::vector<uint32_t>{0});
}

TEST_F(SnapshotTest, AnotherKeyOrNoFileIsIgnored) {
  EventTable table = RandomTable(100, TimeZone::Utc());
  ASSERT_TRUE(WriteSnapshot(table, {"a/7", "UTC"}, dir_ / "s").ok());
  EXPECT_FALSE(ReadSnapshot(dir_ / "s", {"a/8", "UTC"}).has_value()) << "events were added since";
  EXPECT_FALSE(ReadSnapshot(dir_ / "s", {"a/7", "Europe/Berlin"}).has_value()) << "days differ by zone";
  EXPECT_FALSE(ReadSnapshot(dir_ / "none", {"a/7", "UTC"}).has_value());
  EXPECT_TRUE(ReadSnapshot(dir_ / "s", {"a/7", "UTC"}).has_value());
}

TEST_F(SnapshotTest, DamagedFilesAreIgnored) {
  EventTable table = RandomTable(300, TimeZone::Utc());
  const SnapshotKey key{"a/1", "UTC"};
  ASSERT_TRUE(WriteSnapshot(table, key, dir_ / "s").ok());
  const std::string bytes = ReadFile(dir_ / "s");
  auto write = [&](const std::string& text) { std::ofstream(dir_ / "d", std::ios::binary | std::ios::trunc) << text; };
  // Cut at many points: never read, never a crash.
  for (size_t cut = 0; cut < bytes.size(); cut += 1 + bytes.size() / 97) {
    write(bytes.substr(0, cut));
    EXPECT_FALSE(ReadSnapshot(dir_ / "d", key).has_value()) << "cut at " << cut;
  }
  write(bytes + "x");
  EXPECT_FALSE(ReadSnapshot(dir_ / "d", key).has_value()) << "trailing bytes";
  // A channel id past its dictionary (the channel column sits before the
  // kind, content, value, tags and offsets columns at the end).
  std::string bad = bytes;
  const size_t checksum = 8;
  const size_t channel_column_end = bytes.size() - checksum - (table.person_offsets.size() * 4 + 8) -
                                    (table.size() * (4 + 8 + 4 + 2) + 4 * sizeof(uint64_t));
  bad[channel_column_end - 2] = '\x7f';
  write(bad);
  EXPECT_FALSE(ReadSnapshot(dir_ / "d", key).has_value()) << "the checksum no longer matches";
  ResealSnapshotBytes(bad);
  write(bad);
  EXPECT_FALSE(ReadSnapshot(dir_ / "d", key).has_value()) << "channel id out of range, checksum matching";
  write(bytes);
  EXPECT_TRUE(ReadSnapshot(dir_ / "d", key).has_value()) << "the intact copy reads";
}

// Flips that keep every structure valid (a day, a timestamp, a value)
// would change answers; the checksum refuses them all.
TEST_F(SnapshotTest, EverySingleBitFlipIsRefused) {
  EventTable table = RandomTable(200, TimeZone::Utc());
  const SnapshotKey key{"a/1", "UTC"};
  ASSERT_TRUE(WriteSnapshot(table, key, dir_ / "s").ok());
  const std::string bytes = ReadFile(dir_ / "s");
  ASSERT_TRUE(ReadSnapshotBytes(bytes, key).has_value());
  int flips = 0;
  for (size_t at = 0; at < bytes.size(); at += 1 + at % 7) {
    std::string flipped = bytes;
    flipped[at] = static_cast<char>(flipped[at] ^ (1 << (at % 8)));
    EXPECT_FALSE(ReadSnapshotBytes(flipped, key).has_value()) << "bit " << at % 8 << " of byte " << at;
    ++flips;
  }
  EXPECT_GT(flips, 1000);
}

TEST_F(SnapshotTest, APlantedLinkIsReplacedNotWrittenThrough) {
  const fs::path victim = dir_ / "victim";
  std::ofstream(victim) << "precious";
  fs::create_symlink(victim, dir_ / "engine.snapshot");
  EventTable table = RandomTable(10, TimeZone::Utc());
  ASSERT_TRUE(WriteSnapshot(table, {"a/1", "UTC"}, dir_ / "engine.snapshot").ok());
  EXPECT_EQ(ReadFile(victim), "precious");
  EXPECT_FALSE(fs::is_symlink(dir_ / "engine.snapshot"));
  EXPECT_TRUE(ReadSnapshot(dir_ / "engine.snapshot", {"a/1", "UTC"}).has_value());
}

// The fuzzer starts from these seeds: they must stay readable snapshots of
// the current format (key "a/1", checksum resealed) for it to reach deep.
TEST_F(SnapshotTest, TheFuzzSeedsAreCurrentSnapshots) {
  const char* source = std::getenv("LEARNLOOP_SOURCE_DIR");
  ASSERT_NE(source, nullptr) << "ctest sets LEARNLOOP_SOURCE_DIR";
  for (const char* seed : {"empty", "small"}) {
    std::string bytes = ReadFile(fs::path(source) / "fuzz" / "corpus" / "snapshot_fuzzer" / seed);
    ASSERT_FALSE(bytes.empty()) << seed;
    ResealSnapshotBytes(bytes);
    EXPECT_TRUE(ReadSnapshotBytes(bytes, {"a/1", "UTC"}).has_value()) << seed;
  }
}

TEST_F(SnapshotTest, UnwritableDirectoryIsAnError) {
  EventTable table = RandomTable(10, TimeZone::Utc());
  Status status = WriteSnapshot(table, {"a/1", "UTC"}, dir_ / "missing" / "s");
  EXPECT_EQ(status.code(), StatusCode::kIoError);
}

}  // namespace
}  // namespace learnloop::engine
