#include "ingest/json_stream.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace learnloop::ingest {
namespace {

namespace dom = simdjson::dom;

struct Read {
  Status status;
  std::string outline;
  std::vector<std::string> records;  // each as simdjson prints it
  size_t widest_window = 0;
};

Read ReadRecords(std::string_view text, std::vector<std::vector<std::string>> paths,
                 const std::vector<std::string>& path, size_t chunk = 5, size_t offset = 0,
                 std::string_view trailer = {}) {
  Read r;
  auto input = ChunkedInput::FromView(text, "t.json", chunk);
  const JsonRecordFile file{*input, "the test's records", std::move(paths), offset, trailer};
  Result<std::string> outline = OutlineJson(file);
  if (!outline.ok()) {
    r.status = outline.status();
    return r;
  }
  r.outline = *outline;
  dom::parser parser;
  r.status = ForEachJsonRecord(file, path, parser, [&](dom::element e) {
    r.records.push_back(simdjson::to_string(e));
    r.widest_window = std::max(r.widest_window, input->window().size());
    return Status::Ok();
  });
  return r;
}

TEST(JsonStreamTest, TopLevelArrayIsStreamedAcrossEveryChunkBoundary) {
  const std::string text = R"( [ {"a":"x\"]}[","b":[1,{"c":null}]} , "s\\" ,-1.5e3,true,null,[] ,{}] )";
  for (size_t chunk : {1, 2, 3, 7, 64}) {
    Read r = ReadRecords(text, {{}}, {}, chunk);
    ASSERT_TRUE(r.status.ok()) << chunk << ": " << r.status.message();
    EXPECT_EQ(r.outline, "[]");
    EXPECT_EQ(r.records, (std::vector<std::string>{R"({"a":"x\"]}[","b":[1,{"c":null}]})", R"("s\\")", "-1500.0",
                                                   "true", "null", "[]", "{}"}))
        << chunk;
  }
}

TEST(JsonStreamTest, OutlineKeepsEverythingButTheRecordArrays) {
  const std::string text =
      "\xEF\xBB\xBF{\"a\":1,\"em\\u0061ils\":[{\"x\":\"]\"},2],\"b\":{\"c\":[1,2]},\"_embedded\":{\"n\":\"k\","
      "\"osdi:people\":[3]}}";
  Read r = ReadRecords(text, {{"emails"}, {"_embedded", "osdi:people"}}, {"emails"});
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.outline, R"({"a":1,"emails":[],"b":{"c":[1,2]},"_embedded":{"n":"k","osdi:people":[]}})");
  EXPECT_EQ(r.records, (std::vector<std::string>{R"({"x":"]"})", "2"}));
  Read nested = ReadRecords(text, {{"emails"}, {"_embedded", "osdi:people"}}, {"_embedded", "osdi:people"});
  ASSERT_TRUE(nested.status.ok()) << nested.status.message();
  EXPECT_EQ(nested.records, std::vector<std::string>{"3"});
}

TEST(JsonStreamTest, ARecordsPathHoldingNoArrayIsKeptForTheReaderToRefuse) {
  Read r = ReadRecords(R"({"emails":"none"})", {{"emails"}}, {"emails"});
  EXPECT_EQ(r.outline, R"({"emails":"none"})");
  EXPECT_FALSE(r.status.ok());
}

TEST(JsonStreamTest, APrefixAndATrailerAroundTheValue) {
  Read r = ReadRecords("window.x = [1,2];\n", {{}}, {}, 4, 10, ";");
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.records, (std::vector<std::string>{"1", "2"}));
  Read extra = ReadRecords("window.x = [1,2]; x", {{}}, {}, 4, 10, ";");
  EXPECT_NE(extra.status.message().find("more after the end of the JSON value"), std::string::npos)
      << extra.status.message();
}

TEST(JsonStreamTest, ErrorsNameTheLineColumnAndWhatWasExpected) {
  struct Case {
    std::string text;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"[{\"a\":1},\n",
       "t.json:2:1: not valid JSON (is the file cut short?): it ends inside an array; expected the test's records"},
      {"[{\"a\":1}\n{\"b\":2}]", "t.json:2:1: not valid JSON: '{' after an element"},
      {"[1,]", "t.json:1:4: not valid JSON: a comma before ']'"},
      {"[\n  {\"a\":01}]", "t.json:2:3: not valid JSON"},
      {"[{\"a\":\"open]", "not valid JSON (is the file cut short?): it ends inside a string"},
      {"[}]", "t.json:1:2: not valid JSON: '}' where ']' should close what is open"},
      {"{\"a\":[1}}", "t.json:1:8: not valid JSON: '}' where ']' should close what is open"},
      {"[1]]", "t.json:1:4: not valid JSON: more after the end of the JSON value"},
      {"", "t.json:1:1: not valid JSON: the file is empty"},
      {"[\x01]", "t.json:1:2: not valid JSON: byte 0x01 where a JSON value should start"},
      {"[1] [2]", "t.json:1:5: not valid JSON: more after the end of the JSON value"},
  };
  for (const Case& c : cases) {
    Read r = ReadRecords(c.text, {{}}, {});
    EXPECT_FALSE(r.status.ok()) << c.text;
    EXPECT_NE(r.status.message().find(c.message), std::string::npos) << c.text << " -> " << r.status.message();
  }
}

TEST(JsonStreamTest, DeepNestingIsRefusedNotRecursedInto) {
  const std::string deep = "[" + std::string(5000, '[') + std::string(5000, ']') + "]";
  Read r = ReadRecords(deep, {{}}, {});
  EXPECT_NE(r.status.message().find("nested more than 1024 deep"), std::string::npos) << r.status.message();
  const std::string object = R"({"k":)" + std::string(5000, '[') + std::string(5000, ']') + "}";
  Read in_outline = ReadRecords(object, {{"other"}}, {"other"});
  EXPECT_NE(in_outline.status.message().find("nested more than 1024 deep"), std::string::npos)
      << in_outline.status.message();
}

TEST(JsonStreamTest, MemoryIsBoundedByTheLargestRecordNotTheFile) {
  // 40,000 records of 100 bytes: 4 MB, read 64 KiB at a time.
  std::string text = "[";
  for (int i = 0; i < 40000; ++i)
    text += fmt::format("{}{{\"n\":{},\"pad\":\"{}\"}}", i ? "," : "", i, std::string(80, 'x'));
  text += "]";
  Read r = ReadRecords(text, {{}}, {}, 64 << 10);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.records.size(), 40000u);
  EXPECT_LE(r.widest_window, (size_t{64} << 10) * 2);
}

TEST(JsonStreamTest, ARecordLongerThanTheLimitIsRefusedWithItsPlace) {
  auto input = ChunkedInput::FromBytes("[\"" + std::string(5000, 'x') + "\"]", "t.json", 100);
  JsonStream stream(*input, "short records", 1000);
  ASSERT_TRUE(stream.Enter(JsonStream::Type::kArray).ok());
  ASSERT_TRUE(*stream.NextElement());
  Result<std::string_view> taken = stream.Take();
  ASSERT_FALSE(taken.ok());
  EXPECT_NE(taken.status().message().find("t.json:1:2: a value longer than"), std::string::npos)
      << taken.status().message();
}

TEST(JsonStreamTest, ValuesBesidesTheRecordsAreHeldOnlyUpToTheLimit) {
  const std::string fits = R"({"big":")" + std::string(3 << 20, 'x') + R"(","records":[7]})";
  Read r = ReadRecords(fits, {{"records"}}, {"records"}, 4096);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.records, std::vector<std::string>{"7"});
  const std::string too_big = R"({"big":")" + std::string(17 << 20, 'x') + R"(","records":[7]})";
  Read refused = ReadRecords(too_big, {{"records"}}, {"records"}, 1 << 20);
  EXPECT_NE(refused.status.message().find("longer than 16 MiB"), std::string::npos) << refused.status.message();
}

}  // namespace
}  // namespace learnloop::ingest
