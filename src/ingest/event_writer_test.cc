#include "ingest/event_writer.h"

#include <gtest/gtest.h>

#include <sstream>

namespace learnloop::ingest {
namespace {

Event Sample() {
  return {*ParseRfc3339("2024-05-01T09:30:00Z"), "mastodon", "@ana@example.org", "comment", "post-1", 2.5,
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

TEST(EventWriterTest, FormatNames) {
  EXPECT_EQ(*ParseEventFormat("jsonl"), EventFormat::kJsonl);
  EXPECT_FALSE(ParseEventFormat("xml").ok());
}

}  // namespace
}  // namespace learnloop::ingest
