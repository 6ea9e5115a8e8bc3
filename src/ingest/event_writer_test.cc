#include "ingest/event_writer.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <sstream>

#include "ingest/test_util.h"

namespace learnloop::ingest {
namespace {

Event Sample() {
  return {*ParseRfc3339("2024-05-01T09:30:00Z"),
          "mastodon",
          "@ana@example.org",
          "comment",
          "post-1",
          2.5,
          "launch;\"quoted\""};
}

TEST(EventWriterTest, CsvQuotesOnlyWhatNeedsIt) {
  std::ostringstream out;
  auto w = MakeEventWriter(EventFormat::kCsv, out);
  Event e = Sample();
  ASSERT_TRUE(w->Write(e.view()).ok());
  e.content = "a,b\nc";
  e.value.reset();
  e.tags = " x";
  ASSERT_TRUE(w->Write(e.view()).ok());
  ASSERT_TRUE(w->Finish().ok());
  EXPECT_EQ(out.str(),
            "ts,channel,person,kind,content,value,tags\n"
            "2024-05-01T09:30:00Z,mastodon,@ana@example.org,comment,post-1,2.5,\"launch;\"\"quoted\"\"\"\n"
            "2024-05-01T09:30:00Z,mastodon,@ana@example.org,comment,\"a,b\nc\",,\" x\"\n");
}

TEST(EventWriterTest, JsonlEscapes) {
  std::ostringstream out;
  auto w = MakeEventWriter(EventFormat::kJsonl, out);
  Event e = Sample();
  e.content = "line\nbreak\x01";
  ASSERT_TRUE(w->Write(e.view()).ok());
  ASSERT_TRUE(w->Finish().ok());
  EXPECT_EQ(out.str(),
            "{\"ts\":\"2024-05-01T09:30:00Z\",\"channel\":\"mastodon\",\"person\":\"@ana@example.org\",\"kind\":"
            "\"comment\",\"content\":\"line\\nbreak\\u0001\",\"value\":2.5,\"tags\":\"launch;\\\"quoted\\\"\"}\n");
}

// Random events with the awkward bytes a reader must survive: separators,
// quotes, line breaks, edge spaces and non-ASCII text in content and tags.
std::vector<Event> RandomEvents(int count, uint32_t seed) {
  std::mt19937 rng(seed);
  const std::vector<std::string> pieces = {
      "a", "b,c", "\"q\"", "\n", "\r\n", " ", "\u00e9t\u00e9", "\xF0\x9F\x8C\xB1", "x y", ";", "\t", "{}"};
  auto text = [&](int max_pieces) {
    std::string out;
    for (int n = static_cast<int>(rng() % (max_pieces + 1)); n > 0; --n) out += pieces[rng() % pieces.size()];
    return out;
  };
  auto name = [&]() {
    std::string suffix = rng() % 2 ? "@example.org" : " \xC3\xA9,\"x\"";
    // fmt, not "n" + std::to_string(...): GCC 12 at -O3 warns -Wrestrict on that.
    return fmt::format("n{}{}", rng() % 1000, suffix);
  };
  std::vector<Event> events;
  for (int i = 0; i < count; ++i) {
    Event e;
    int64_t seconds = rng() % 4'000'000'000u;
    int64_t micros = rng() % 3 ? 0 : rng() % 1'000'000;
    e.ts = Timestamp{seconds * 1'000'000 + micros};
    e.channel = name();
    e.person = name();
    e.kind =
        rng() % 3 ? std::string(BuiltinKinds()[rng() % BuiltinKinds().size()]) : "custom_" + std::to_string(rng() % 9);
    e.content = text(6);
    if (rng() % 2)
      e.value = std::ldexp(static_cast<double>(static_cast<int32_t>(rng())), -static_cast<int>(rng() % 20));
    for (int t = static_cast<int>(rng() % 4); t > 0; --t) {
      if (!e.tags.empty()) e.tags += ';';
      e.tags += "tag" + std::to_string(rng() % 50) + (rng() % 2 ? "\xC3\xA9" : " two");
    }
    events.push_back(std::move(e));
  }
  return events;
}

class RoundTripTest : public ::testing::TestWithParam<EventFormat> {};

TEST_P(RoundTripTest, WhatTheWriterWritesTheReaderReadsBack) {
  std::vector<Event> events = RandomEvents(2000, 42);
  std::ostringstream out;
  auto writer = MakeEventWriter(GetParam(), out);
  for (const Event& e : events) ASSERT_TRUE(writer->Write(e.view()).ok());
  ASSERT_TRUE(writer->Finish().ok());
  auto read = testing::ReadAll(out.str());
  ASSERT_TRUE(read.ok()) << read.status().message();
  ASSERT_EQ(read->size(), events.size());
  for (size_t i = 0; i < events.size(); ++i) EXPECT_EQ((*read)[i], events[i]) << "event " << i;
}

TEST_P(RoundTripTest, AnEmptyExportReadsAsZeroEventsOrEmpty) {
  std::ostringstream out;
  auto writer = MakeEventWriter(GetParam(), out);
  ASSERT_TRUE(writer->Finish().ok());
  auto read = testing::ReadAll(out.str());
  // CSV keeps its header, so zero events; JSON Lines has no bytes at all.
  if (GetParam() == EventFormat::kCsv) {
    ASSERT_TRUE(read.ok()) << read.status().message();
    EXPECT_TRUE(read->empty());
  } else {
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.status().message(), "t.csv: file is empty");
  }
}

INSTANTIATE_TEST_SUITE_P(Formats, RoundTripTest, ::testing::Values(EventFormat::kCsv, EventFormat::kJsonl));

}  // namespace
}  // namespace learnloop::ingest
