#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "ingest/event_fields.h"
#include "ingest/event_reader.h"
#include "ingest/test_util.h"

namespace learnloop::ingest {
namespace {

using ::learnloop::ingest::testing::ErrorOf;
using ::learnloop::ingest::testing::ReadAll;
using ::learnloop::ingest::testing::TestDataPath;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr std::string_view kHeader = "ts,channel,person,kind,content,value,tags\n";

std::string Csv(std::string_view rows) { return std::string(kHeader) + std::string(rows); }

TEST(CsvReaderTest, ReadsCanonicalRows) {
  auto events =
      ReadAll(Csv("2024-05-01T09:30:00Z,mastodon,@ana@example.org,like,post-1,,\n"
                  "2024-05-02T10:00:00+02:00,newsletter,bo@example.org,donation,,25.5,spring;match\n"));
  ASSERT_TRUE(events.ok()) << events.status().message();
  ASSERT_EQ(events->size(), 2u);
  const Event& first = (*events)[0];
  EXPECT_EQ(first.ts, *ParseRfc3339("2024-05-01T09:30:00Z"));
  EXPECT_EQ(first.channel, "mastodon");
  EXPECT_EQ(first.person, "@ana@example.org");
  EXPECT_EQ(first.kind, "like");
  EXPECT_EQ(first.content, "post-1");
  EXPECT_FALSE(first.value.has_value());
  EXPECT_EQ(first.tags, "");
  const Event& second = (*events)[1];
  EXPECT_EQ(second.ts, *ParseRfc3339("2024-05-02T08:00:00Z"));
  EXPECT_EQ(second.value, 25.5);
  EXPECT_EQ(second.tags, "spring;match");
}

TEST(CsvReaderTest, TrimsNamesLowerCasesKindNormalizesTagsKeepsContent) {
  auto events = ReadAll(Csv("2024-05-01T09:30:00Z , mastodon ,\t@ana ,Like,  spaced content  , 3 , b ;; a ;\n"));
  ASSERT_TRUE(events.ok()) << events.status().message();
  const Event& e = (*events)[0];
  EXPECT_EQ(e.channel, "mastodon");
  EXPECT_EQ(e.person, "@ana");
  EXPECT_EQ(e.kind, "like");
  EXPECT_EQ(e.content, "  spaced content  ");
  EXPECT_EQ(e.value, 3);
  EXPECT_EQ(e.tags, "b;a");
}

TEST(CsvReaderTest, QuotedFieldsHoldCommasQuotesAndLineBreaks) {
  auto events =
      ReadAll(Csv("2024-05-01T09:30:00Z,x,\"a,b\",comment,\"He said \"\"hi\"\"\r\nthen\nleft\",,\"\"\n"
                  "2024-05-01T09:31:00Z,x,c,like,\"\"\"\",,\n"));
  ASSERT_TRUE(events.ok()) << events.status().message();
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[0].person, "a,b");
  EXPECT_EQ((*events)[0].content, "He said \"hi\"\r\nthen\nleft");
  EXPECT_EQ((*events)[1].content, "\"");
}

// Found by csv_reader_fuzzer: short unescaped fields must stay valid while
// later fields of the same record are unescaped.
TEST(CsvReaderTest, ManyFieldsWithDoubledQuotesInOneRecord) {
  auto events = ReadAll(Csv("2024-05-01T09:30:00Z,\"a\"\"\",\"b\"\"\",like,\"d\"\"\",,\"e\"\"\"\n"));
  ASSERT_TRUE(events.ok()) << events.status().message();
  EXPECT_EQ((*events)[0].channel, "a\"");
  EXPECT_EQ((*events)[0].person, "b\"");
  EXPECT_EQ((*events)[0].content, "d\"");
  EXPECT_EQ((*events)[0].tags, "e\"");
}

TEST(CsvReaderTest, CrlfLineEndingsAndNoFinalNewline) {
  auto events = ReadAll("ts,channel,person,kind\r\n2024-05-01T09:30:00Z,x,a,like\r\n2024-05-01T09:30:01Z,x,b,share");
  ASSERT_TRUE(events.ok()) << events.status().message();
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[0].kind, "like");
  EXPECT_EQ((*events)[1].kind, "share");
}

TEST(CsvReaderTest, BlankLinesAndBomAreIgnored) {
  auto events = ReadAll("\xEF\xBB\xBFts,channel,person,kind\n2024-05-01T09:30:00Z,x,a,like\n\n  \r\n\n");
  ASSERT_TRUE(events.ok()) << events.status().message();
  EXPECT_EQ(events->size(), 1u);
}

TEST(CsvReaderTest, HeaderIsCaseInsensitiveInAnyOrderWithOptionalColumnsLeftOut) {
  auto events = ReadAll(" KIND ,Person,\"Ts\",Channel\nfollow,a,2024-05-01T09:30:00Z,x\n");
  ASSERT_TRUE(events.ok()) << events.status().message();
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].kind, "follow");
  EXPECT_EQ((*events)[0].person, "a");
  EXPECT_EQ((*events)[0].content, "");
}

TEST(CsvReaderTest, EmptyFileIsAnError) {
  EXPECT_EQ(ErrorOf(""), "t.csv: file is empty");
  EXPECT_EQ(ErrorOf("\xEF\xBB\xBF"), "t.csv: file is empty");
  EXPECT_EQ(ErrorOf("\n \r\n\t\n"), "t.csv: file is empty");
}

TEST(CsvReaderTest, HeaderOnlyIsZeroEvents) {
  auto events = ReadAll(std::string(kHeader));
  ASSERT_TRUE(events.ok()) << events.status().message();
  EXPECT_TRUE(events->empty());
  auto reader = OpenEventBuffer("ts,channel,person,kind", {});
  ASSERT_TRUE(reader.ok());
  EventView view;
  auto more = (*reader)->Next(&view);
  ASSERT_TRUE(more.ok());
  EXPECT_FALSE(*more);
  EXPECT_EQ((*reader)->counts().rows, 0);
}

TEST(CsvReaderTest, UnknownColumnIsNamedWithTheExpectedOnesAndMap) {
  std::string error = ErrorOf("ts,channel,email,kind,person\n");
  EXPECT_THAT(error, AllOf(StartsWith("t.csv:1:12: unknown column 'email'"), HasSubstr("ts,channel,person,kind"),
                           HasSubstr("--map")));
}

TEST(CsvReaderTest, MissingRequiredColumn) {
  EXPECT_THAT(ErrorOf("ts,channel,kind,content\n"),
              AllOf(StartsWith("t.csv:1: missing required column 'person'"), HasSubstr("ts,channel,person,kind")));
}

TEST(CsvReaderTest, DuplicateColumn) {
  EXPECT_THAT(ErrorOf("ts,channel,person,kind,TS\n"), StartsWith("t.csv:1:24: column 'ts' appears twice"));
}

TEST(CsvReaderTest, RowWithWrongFieldCountNamesItsLine) {
  EXPECT_THAT(ErrorOf(Csv("2024-05-01T09:30:00Z,x,a,like,,,\n2024-05-01T09:30:00Z,x,a,like,c,d\n")),
              AllOf(StartsWith("t.csv:3:1: row has 6 fields"), HasSubstr("7 fields like the header")));
  EXPECT_THAT(ErrorOf(Csv("2024-05-01T09:30:00Z,x,a,like,,,,\n")), StartsWith("t.csv:2:1: row has 8 fields"));
}

TEST(CsvReaderTest, LineNumbersCountPhysicalLinesInsideQuotes) {
  std::string csv = Csv("2024-05-01T09:30:00Z,x,a,like,\"one\ntwo\r\nthree\",,\n2024-05-01,x,a,like,,,\n");
  EXPECT_THAT(ErrorOf(csv), StartsWith("t.csv:5:1: field 'ts': bad timestamp '2024-05-01'"));
}

TEST(CsvReaderTest, UnterminatedQuoteNamesTheLineWhereItOpened) {
  std::string csv = Csv("2024-05-01T09:30:00Z,x,a,like,,,\n2024-05-01T09:30:00Z,x,a,like,\"open\nmore\nrows\n");
  EXPECT_THAT(ErrorOf(csv), AllOf(StartsWith("t.csv:3:31: quoted field is never closed"), HasSubstr("opens here")));
}

TEST(CsvReaderTest, TextAfterClosingQuote) {
  EXPECT_THAT(ErrorOf(Csv("2024-05-01T09:30:00Z,x,\"a\"b,like,,,\n")),
              StartsWith("t.csv:2:27: text after a closing quote"));
}

TEST(CsvReaderTest, QuoteInsideUnquotedField) {
  EXPECT_THAT(ErrorOf(Csv("2024-05-01T09:30:00Z,x,a\"b,like,,,\n")),
              StartsWith("t.csv:2:25: quote inside an unquoted field"));
}

TEST(CsvReaderTest, CarriageReturnWithoutLineFeed) {
  EXPECT_THAT(ErrorOf(Csv("2024-05-01T09:30:00Z,x,a\rb,like,,,\n")),
              StartsWith("t.csv:2:25: carriage return without a line feed"));
}

TEST(CsvReaderTest, BadTimestampNamesLineColumnAndField) {
  EXPECT_THAT(ErrorOf(Csv("2024-05-01T09:30:00Z,x,a,like,,,\n05/01/2024,x,a,like,,,\n")),
              AllOf(StartsWith("t.csv:3:1: field 'ts': bad timestamp '05/01/2024'"), HasSubstr("RFC 3339")));
  EXPECT_THAT(ErrorOf(Csv("2024-02-30T09:30:00Z,x,a,like,,,\n")), HasSubstr("no such date"));
}

TEST(CsvReaderTest, EmptyChannelOrPersonIsAnError) {
  EXPECT_THAT(ErrorOf(Csv("2024-05-01T09:30:00Z, ,a,like,,,\n")), StartsWith("t.csv:2:22: field 'channel': is empty"));
  EXPECT_THAT(ErrorOf(Csv("2024-05-01T09:30:00Z,x,,like,,,\n")), StartsWith("t.csv:2:24: field 'person': is empty"));
}

TEST(CsvReaderTest, OverlongNameIsAnError) {
  std::string csv = Csv("2024-05-01T09:30:00Z,x," + std::string(1025, 'p') + ",like,,,\n");
  EXPECT_THAT(ErrorOf(csv), AllOf(StartsWith("t.csv:2:24: field 'person': is 1025 bytes long"), HasSubstr("1024")));
}

TEST(CsvReaderTest, BadValue) {
  EXPECT_THAT(ErrorOf(Csv("2024-05-01T09:30:00Z,x,a,donation,,12 EUR,\n")),
              AllOf(StartsWith("t.csv:2:36: field 'value': '12 EUR' is not a number"), HasSubstr("decimal")));
  EXPECT_THAT(ErrorOf(Csv("2024-05-01T09:30:00Z,x,a,donation,,nan,\n")), HasSubstr("'nan' is not a number"));
}

TEST(CsvReaderTest, UnknownButWellFormedKindsAreCountedAsCustom) {
  auto reader = OpenEventBuffer(Csv("2024-05-01T09:30:00Z,x,a,webinar_signup,,,\n"
                                    "2024-05-01T09:30:00Z,x,a,like,,,\n"
                                    "2024-05-01T09:30:00Z,x,a,Phone-Call,,,\n"),
                                {});
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  std::vector<std::string> kinds;
  EventView view;
  while (*(*reader)->Next(&view)) kinds.emplace_back(view.kind);
  EXPECT_EQ(kinds, (std::vector<std::string>{"webinar_signup", "like", "phone-call"}));
  EXPECT_EQ((*reader)->counts().rows, 3);
  EXPECT_EQ((*reader)->counts().custom_kinds, 2);
}

TEST(CsvReaderTest, BadlySpelledKindIsAnError) {
  EXPECT_THAT(ErrorOf(Csv("2024-05-01T09:30:00Z,x,a,2fa,,,\n")),
              AllOf(StartsWith("t.csv:2:26: field 'kind': '2fa': kind must start with a lower-case letter"),
                    HasSubstr("custom kind")));
  EXPECT_THAT(ErrorOf(Csv("2024-05-01T09:30:00Z,x,a,sign up,,,\n")), HasSubstr("field 'kind'"));
}

TEST(CsvReaderTest, NonUtf8BytesNameTheirLineAndColumn) {
  EXPECT_THAT(ErrorOf(Csv("2024-05-01T09:30:00Z,x,a,like,caf\xE9 au lait,,\n")),
              AllOf(StartsWith("t.csv:2:34: byte 0xe9 is not valid UTF-8"), HasSubstr("save the file as UTF-8")));
  // Overlong encodings and surrogates are not UTF-8 either.
  EXPECT_THAT(ErrorOf(Csv("2024-05-01T09:30:00Z,x,a,like,\xC0\xAF,,\n")), StartsWith("t.csv:2:31: byte 0xc0"));
  EXPECT_THAT(ErrorOf(Csv("2024-05-01T09:30:00Z,x,a,like,\xED\xA0\x80,,\n")), StartsWith("t.csv:2:31: byte 0xed"));
}

TEST(CsvReaderTest, NulBytesAreRejected) {
  std::string csv = Csv(std::string(1100, '\n') + "2024-05-01T09:30:00Z,x,a,like,a");
  csv += '\0';
  csv += ",,\n";
  EXPECT_THAT(ErrorOf(csv), StartsWith("t.csv:1102:32: NUL byte"));
}

TEST(CsvReaderTest, FilesThatAreNotEventFilesSaySo) {
  constexpr std::string_view kNotEvents = "does not look like an event file";
  EXPECT_THAT(ErrorOf("<?xml version=\"1.0\"?>\n<rss><channel/></rss>\n"),
              AllOf(StartsWith("t.csv does not look like an event file"), HasSubstr("ts,channel,person,kind"),
                    HasSubstr("JSON Lines")));
  EXPECT_THAT(ErrorOf("<!DOCTYPE html>\n<html><body>hi</body></html>\n"), HasSubstr(kNotEvents));
  EXPECT_THAT(ErrorOf("Dear friends,\nthe meeting is on Monday.\n"), HasSubstr(kNotEvents));
  EXPECT_THAT(ErrorOf(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)), HasSubstr("probably binary"));
  EXPECT_THAT(ErrorOf(std::string("\xFF\xFE"
                                  "a\0b\0",
                                  6)),
              HasSubstr(kNotEvents));
  EXPECT_THAT(ErrorOf("[{\"ts\": 1}]\n"), AllOf(HasSubstr(kNotEvents), HasSubstr("JSON array")));
  EXPECT_THAT(ErrorOf("a,\"b\n"), AllOf(HasSubstr(kNotEvents), HasSubstr("first line is not CSV")));
}

TEST(CsvReaderTest, ContentAtTheLimitStraddlingChunksIsReadIntact) {
  std::string content(kMaxContentBytes, 'x');
  for (size_t i = 0; i < content.size(); i += 409) content[i] = ',';
  for (size_t i = 7; i < content.size(); i += 4000) content[i] = '\n';
  content[3] = '"';
  auto quoted = [](std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
      if (c == '"') out += '"';
      out += c;
    }
    return out + "\"";
  };
  std::string csv =
      Csv("2024-05-01T09:30:00Z,x,a,comment," + quoted(content) + ",,\n2024-05-01T09:30:01Z,x,b,like,,,\n");
  auto events = ReadAll(csv, {.mapping = nullptr, .display_name = "t.csv", .chunk_bytes = 1000});
  ASSERT_TRUE(events.ok()) << events.status().message();
  ASSERT_EQ(events->size(), 2u);
  EXPECT_TRUE((*events)[0].content == content);
  EXPECT_EQ((*events)[1].person, "b");
  EXPECT_EQ(ErrorOf(Csv("2024-05-01T09:30:00Z,x,a,comment," + quoted(content + "x") + ",,\n")),
            "t.csv:2:34: field 'content': is 65537 bytes long; expected at most 65536 bytes: an id, URL or title of a "
            "post, email or page");
}

TEST(CsvReaderTest, RecordLongerThanTheLimitIsRefusedWithoutReadingOn) {
  std::string long_line = "2024-05-01T09:30:00Z,x,a,comment," + std::string(kMaxRecordBytes, 'x') + ",,\n";
  EXPECT_EQ(ErrorOf(Csv("2024-05-01T09:30:00Z,x,a,like,,,\n" + long_line)),
            "t.csv:3:34: field 'content': record is longer than 1048576 bytes; expected shorter lines (is a quote left "
            "open?)");
  // A quote left open swallows the rest of the file into one record.
  EXPECT_THAT(ErrorOf(Csv("2024-05-01T09:30:00Z,x,a,\"like,,,\n" + std::string(3 << 20, 'y'))),
              StartsWith("t.csv:2:26: field 'kind': record is longer than 1048576 bytes"));
}

TEST(CsvReaderTest, EveryChunkSizeReadsTheSame) {
  std::string text = "\xEF\xBB\xBF\r\n" + std::string(kHeader) +
                     "2024-05-01T09:30:00Z,x,a,like,\"p, \"\"1\"\"\",,a; b\r\n"
                     "\n  \n"
                     "2024-05-01T09:30:01Z,x,b,comment,\"two\nlines\",3.5,\n"
                     "2024-05-01T09:30:02Z,x,c,like,\"\"\"\",,";
  auto whole = ReadAll(text);
  ASSERT_TRUE(whole.ok()) << whole.status().message();
  ASSERT_EQ(whole->size(), 3u);
  EXPECT_EQ((*whole)[0].content, "p, \"1\"");
  EXPECT_EQ((*whole)[2].content, "\"");
  for (size_t chunk = 1; chunk < 40; ++chunk) {
    auto read = ReadAll(text, {.mapping = nullptr, .display_name = "t.csv", .chunk_bytes = chunk});
    ASSERT_TRUE(read.ok()) << chunk << ": " << read.status().message();
    EXPECT_EQ(*read, *whole) << chunk;
    EXPECT_EQ(ErrorOf(text + "\n2024-05-01T09:30:03Z,x,d,like,,ten,\n",
                      {.mapping = nullptr, .display_name = "t.csv", .chunk_bytes = chunk}),
              "t.csv:9:32: field 'value': 'ten' is not a number; expected a decimal number like 12.5 (at most about "
              "1.8e308 either way), or nothing")
        << chunk;
  }
}

TEST(CsvReaderTest, DevicesAndPipesAreRefusedBeforeReading) {
  EXPECT_THAT(OpenEventFile("/dev/zero", {}).status().message(),
              "/dev/zero is a character device; expected a regular file (save the data to a file first)");
  std::filesystem::path fifo = std::filesystem::temp_directory_path() / ("ll-fifo-" + std::to_string(::getpid()));
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  // Opening a FIFO with no writer would block; it must be refused at once.
  Status status = OpenEventFile(fifo, {.mapping = nullptr, .display_name = "f.csv"}).status();
  std::filesystem::remove(fifo);
  EXPECT_EQ(status.message(), "f.csv is a named pipe (FIFO); expected a regular file (save the data to a file first)");
}

TEST(CsvReaderTest, ALaterNulByteNamesItsLine) {
  std::string text = Csv("2024-05-01T09:30:00Z,x,a,like,,,\n") + std::string(2000, '\n') +
                     std::string("2024-05-01T09:30:00Z,x,\0,like,,,\n", 32);
  EXPECT_EQ(ErrorOf(text, {.mapping = nullptr, .display_name = "t.csv", .chunk_bytes = 100}),
            "t.csv:2003:24: NUL byte; expected text without NUL bytes");
}

TEST(CsvReaderTest, OpensFilesAndNamesThemInMessages) {
  auto reader = OpenEventFile(TestDataPath("canonical.csv"), {});
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  EventView view;
  int rows = 0;
  while (*(*reader)->Next(&view)) ++rows;
  EXPECT_EQ(rows, 3);
  EXPECT_EQ((*reader)->counts().custom_kinds, 1);

  auto xml = OpenEventFile(TestDataPath("feed.xml"), {});
  ASSERT_FALSE(xml.ok());
  EXPECT_THAT(xml.status().message(), HasSubstr("feed.xml does not look like an event file"));

  auto named = OpenEventFile(TestDataPath("feed.xml"), {.mapping = nullptr, .display_name = "upload.xml"});
  EXPECT_THAT(named.status().message(), StartsWith("upload.xml does not look"));

  auto quote = OpenEventFile(TestDataPath("unterminated_quote.csv"), {});
  ASSERT_TRUE(quote.ok());
  auto first = (*quote)->Next(&view);
  ASSERT_TRUE(first.ok());
  auto second = (*quote)->Next(&view);
  ASSERT_FALSE(second.ok());
  EXPECT_THAT(second.status().message(), HasSubstr("unterminated_quote.csv:3:"));
}

TEST(CsvReaderTest, MissingFileOrDirectoryIsAClearError) {
  auto missing = OpenEventFile(TestDataPath("no_such_file.csv"), {});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(missing.status().message(), HasSubstr("no_such_file.csv does not exist"));
  auto directory = OpenEventFile(TestDataPath(""), {});
  ASSERT_FALSE(directory.ok());
  EXPECT_THAT(directory.status().message(), HasSubstr("is a directory"));
}

TEST(CsvReaderTest, Latin1FileNamesTheBadByte) {
  auto reader = OpenEventFile(TestDataPath("latin1.csv"), {});
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  EventView view;
  Result<bool> row = (*reader)->Next(&view);
  ASSERT_FALSE(row.ok());
  EXPECT_THAT(row.status().message(), AllOf(HasSubstr("latin1.csv:2:"), HasSubstr("not valid UTF-8")));
}

}  // namespace
}  // namespace learnloop::ingest
