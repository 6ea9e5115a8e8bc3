#include "ingest/person_attribute_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <string>

namespace learnloop::ingest {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

using Attributes = std::vector<PersonAttribute>;

Result<Attributes> Parse(std::string_view text, std::string person_column = "person") {
  return ParsePersonAttributesCsv(text, "p.csv", {.person_column = std::move(person_column)});
}

std::string ErrorOf(std::string_view text, std::string person_column = "person") {
  auto read = Parse(text, std::move(person_column));
  EXPECT_FALSE(read.ok());
  return read.ok() ? "" : read.status().message();
}

TEST(PersonAttributeReaderTest, ReadsLongFormInAnyColumnOrder) {
  auto read = Parse(
      "Value, ATTRIBUTE ,person\n"
      " Berlin ,city, ana@example.org\n"
      "gold,membership,ana@example.org\n"
      ",city,@ben@social.example\n");
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(*read, (Attributes{{"ana@example.org", "city", "Berlin"},
                               {"ana@example.org", "membership", "gold"},
                               {"@ben@social.example", "city", ""}}));
}

TEST(PersonAttributeReaderTest, ReadsWideFormWithEmptyCellsAsRemovals) {
  auto read = Parse(
      "person, City ,Membership Tier,segment\n"
      "ana,Berlin,,donors\n"
      "ben, ,gold,\n");
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(*read, (Attributes{{"ana", "City", "Berlin"},
                               {"ana", "Membership Tier", ""},
                               {"ana", "segment", "donors"},
                               {"ben", "City", ""},
                               {"ben", "Membership Tier", "gold"},
                               {"ben", "segment", ""}}));
}

TEST(PersonAttributeReaderTest, AttributeAndValueBesideOtherColumnsAreWide) {
  auto read = Parse("person,attribute,value,city\nana,a,v,Berlin\n");
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(*read, (Attributes{{"ana", "attribute", "a"}, {"ana", "value", "v"}, {"ana", "city", "Berlin"}}));
  read = Parse("person,attribute\nana,a\n");
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(*read, (Attributes{{"ana", "attribute", "a"}}));
}

TEST(PersonAttributeReaderTest, ReadsCustomPersonColumn) {
  auto read = Parse("City,Email\nBerlin,ana@example.org\n", "email");
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(*read, (Attributes{{"ana@example.org", "City", "Berlin"}}));
  read = Parse("email,attribute,value\nana@example.org,city,Berlin\n", " Email ");
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(*read, (Attributes{{"ana@example.org", "city", "Berlin"}}));
}

TEST(PersonAttributeReaderTest, ReadsBomAndCrlf) {
  auto read = Parse(
      "\xEF\xBB\xBF"
      "person,city,membership\r\n"
      "ana,Köln,gold\r\n"
      "\r\n"
      "ben,Berlin,\r\n");
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(*read, (Attributes{{"ana", "city", "Köln"},
                               {"ana", "membership", "gold"},
                               {"ben", "city", "Berlin"},
                               {"ben", "membership", ""}}));
}

TEST(PersonAttributeReaderTest, ReadsQuotedFieldsWithCommasAndQuotes) {
  auto read = Parse(
      "\"person\",\"city, region\",note\n"
      "\"Ana, Jr.\",\"Berlin, Germany\",\"the \"\"core\"\" team\"\n");
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(*read,
            (Attributes{{"Ana, Jr.", "city, region", "Berlin, Germany"}, {"Ana, Jr.", "note", "the \"core\" team"}}));
}

TEST(PersonAttributeReaderTest, AcceptsNamesAndValuesAtTheirLimits) {
  std::string name(1024, 'n');
  std::string value(4096, 'v');
  auto read = Parse("person,attribute,value\n" + name + "," + name + "," + value + "\n");
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(*read, (Attributes{{name, name, value}}));
}

TEST(PersonAttributeReaderTest, EmptyFile) {
  EXPECT_THAT(ErrorOf(""), StartsWith("p.csv:1:1: file is empty; expected a header naming the person column "
                                      "'person' and either the columns attribute,value or one column per attribute"));
  EXPECT_THAT(ErrorOf("\xEF\xBB\xBF\r\n\n"), StartsWith("p.csv:1:1: file is empty"));
}

TEST(PersonAttributeReaderTest, HeaderWithoutThePersonColumn) {
  EXPECT_THAT(ErrorOf("email,city\n"),
              StartsWith("p.csv:1:1: the header has no person column 'person' (name another one with "
                         "--person-column, e.g. --person-column email); expected a header naming the person column"));
  EXPECT_THAT(ErrorOf("person,city\n", "Email"), StartsWith("p.csv:1:1: the header has no person column 'Email'"));
  EXPECT_EQ(ErrorOf("person,city\n", " "),
            "p.csv: the person column name is empty; expected the header of the column naming the person "
            "(--person-column)");
}

TEST(PersonAttributeReaderTest, HeaderNamingAColumnTwice) {
  EXPECT_EQ(ErrorOf("person,city,Person\n"),
            "p.csv:1:13: the person column 'Person' appears twice; expected each column once");
  EXPECT_EQ(ErrorOf("person,city,tier, City\n"),
            "p.csv:1:18: the attribute column 'City' appears twice (first as 'city'; case does not count); "
            "expected each attribute once");
  EXPECT_THAT(ErrorOf("person,attribute,Attribute\n"), StartsWith("p.csv:1:18: the attribute column 'Attribute'"));
}

TEST(PersonAttributeReaderTest, HeaderWithoutAttributeNames) {
  EXPECT_EQ(ErrorOf("person,city,,tier\n"),
            "p.csv:1:13: an attribute column has an empty header cell; expected an attribute name above every column");
  EXPECT_THAT(ErrorOf("person\nana\n"),
              StartsWith("p.csv:1:1: the header names only the person column 'person'; expected a header naming"));
}

TEST(PersonAttributeReaderTest, HeaderWithBadAttributeNames) {
  EXPECT_EQ(ErrorOf("person," + std::string(1025, 'a') + "\n"),
            "p.csv:1:8: the attribute name is 1025 bytes long; expected at most 1024 bytes (is a column "
            "misaligned?)");
  EXPECT_THAT(ErrorOf("person,\"ci\tty\"\n"),
              StartsWith("p.csv:1:8: the attribute name holds the control byte 0x09 (a tab, line break or other "
                         "invisible character); expected an attribute name like city or membership, on one line"));
}

TEST(PersonAttributeReaderTest, RowWithADifferentFieldCount) {
  EXPECT_EQ(ErrorOf("person,attribute,value\nana,city\n"),
            "p.csv:2:5: 2 fields where the header has 3; expected one field per header column");
  EXPECT_THAT(ErrorOf("person,city\nana,Berlin,x\n"), StartsWith("p.csv:2:5: 3 fields where the header has 2"));
}

TEST(PersonAttributeReaderTest, BadPerson) {
  EXPECT_EQ(ErrorOf("person,attribute,value\n ,city,Berlin\n"),
            "p.csv:2:1: field 'person': the person is empty; expected the person's handle or email, on one line");
  EXPECT_THAT(ErrorOf("City,Email\r\nBerlin,\r\n", "email"),
              StartsWith("p.csv:2:8: field 'Email': the person is empty"));
  EXPECT_EQ(ErrorOf("person,city\n" + std::string(1025, 'p') + ",Berlin\n"),
            "p.csv:2:1: field 'person': the person is 1025 bytes long; expected at most 1024 bytes (is a column "
            "misaligned?)");
  EXPECT_THAT(ErrorOf("person,city\n\"a\x01na\",Berlin\n"),
              StartsWith("p.csv:2:1: field 'person': the person holds the control byte 0x01"));
}

TEST(PersonAttributeReaderTest, BadAttributeNameInLongForm) {
  const std::string header = "person,attribute,value\n";
  EXPECT_EQ(ErrorOf(header + "ana, ,Berlin\n"),
            "p.csv:2:5: field 'attribute': the attribute name is empty; expected an attribute name like city or "
            "membership, on one line");
  EXPECT_THAT(ErrorOf(header + "ana," + std::string(1025, 'a') + ",Berlin\n"),
              StartsWith("p.csv:2:5: field 'attribute': the attribute name is 1025 bytes long; expected at most 1024"));
  EXPECT_THAT(ErrorOf(header + "ana,ci\x7fty,Berlin\n"),
              StartsWith("p.csv:2:5: field 'attribute': the attribute name holds the control byte 0x7f"));
}

TEST(PersonAttributeReaderTest, BadValue) {
  const std::string header = "person,attribute,value\n";
  EXPECT_EQ(ErrorOf(header + "ana,city," + std::string(4097, 'v') + "\n"),
            "p.csv:2:10: field 'value': the value is 4097 bytes long; expected at most 4096 bytes (is a column "
            "misaligned?)");
  EXPECT_EQ(ErrorOf(header + "ana,city,Ber\tlin\n"),
            "p.csv:2:10: field 'value': the value holds the control byte 0x09 (a tab, line break or other invisible "
            "character); expected a value on one line, or nothing to remove the attribute");
  EXPECT_THAT(ErrorOf(header + "ana,city,\"Ber\nlin\"\n"),
              StartsWith("p.csv:2:10: field 'value': the value holds the control byte 0x0a"));
  EXPECT_THAT(ErrorOf(header + "ana,city,\"Ber\rlin\"\n"),
              StartsWith("p.csv:2:10: field 'value': the value holds the control byte 0x0d"));
  EXPECT_THAT(ErrorOf("person,Home City\nana,\"a\x02\"\n"),
              StartsWith("p.csv:2:5: field 'Home City': the value holds the control byte 0x02"));
}

TEST(PersonAttributeReaderTest, InvalidUtf8AndBrokenCsv) {
  EXPECT_EQ(ErrorOf("person,city\nana,Berl\xffn\n"),
            "p.csv:2:9: byte 0xff is not valid UTF-8; expected UTF-8 text (save the file as UTF-8)");
  EXPECT_THAT(ErrorOf("person,city\nana,\"Berlin\n"), StartsWith("p.csv:2:5: quoted field is never closed"));
}

TEST(PersonAttributeReaderTest, BadLastRowReadsNothing) {
  auto read = Parse("person,city\nana,Berlin\nben,Paris\n,Rome\n");
  ASSERT_FALSE(read.ok());
  EXPECT_THAT(read.status().message(), StartsWith("p.csv:4:1: field 'person': the person is empty"));
}

TEST(PersonAttributeReaderTest, ReadsFile) {
  std::string path = ::testing::TempDir() + "person_attributes.csv";
  std::ofstream(path, std::ios::binary) << "email,city\nana@example.org,Berlin\n";
  Attributes read;
  auto collect = [&](const PersonAttribute& a) {
    read.push_back(a);
    return Status::Ok();
  };
  Status status = ReadPersonAttributesFile(path, {.person_column = "email"}, collect);
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(read, (Attributes{{"ana@example.org", "city", "Berlin"}}));
  status = ReadPersonAttributesFile(path, {}, collect);
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(status.message(), HasSubstr(path + ":1:1: the header has no person column 'person'"));
}

// A wide row is handed on cell by cell, and an error of the receiver stops
// the read there.
TEST(PersonAttributeReaderTest, FileCellsStreamAndTheReceiverCanStop) {
  std::string path = ::testing::TempDir() + "person_attributes_stream.csv";
  std::ofstream(path, std::ios::binary) << "person,city,tier\nana,Berlin,gold\nben,Paris,silver\n";
  Attributes read;
  Status status = ReadPersonAttributesFile(path, {}, [&](const PersonAttribute& a) {
    read.push_back(a);
    return a.value == "Paris" ? InvalidArgument("stop here") : Status::Ok();
  });
  EXPECT_EQ(status.message(), "stop here");
  EXPECT_EQ(read, (Attributes{{"ana", "city", "Berlin"}, {"ana", "tier", "gold"}, {"ben", "city", "Paris"}}));
}

TEST(PersonAttributeReaderTest, MissingFile) {
  Status read = ReadPersonAttributesFile("/nonexistent/people.csv", {},
                                         [](const PersonAttribute&) { return Internal("no attribute expected"); });
  EXPECT_EQ(read.code(), StatusCode::kNotFound);
  EXPECT_EQ(read.message(), "/nonexistent/people.csv does not exist");
}

}  // namespace
}  // namespace learnloop::ingest
