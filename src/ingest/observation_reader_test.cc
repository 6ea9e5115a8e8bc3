#include "ingest/observation_reader.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

namespace learnloop::ingest {
namespace {

Day D(std::string_view date) { return *ParseDate(date); }

std::string ErrorOf(std::string_view text, const TimeZone& zone = TimeZone::Utc()) {
  auto read = ParseObservationsCsv(text, "obs.csv", zone);
  EXPECT_FALSE(read.ok());
  return read.ok() ? "" : read.status().message();
}

TEST(ObservationReaderTest, ReadsDaysAndTimestamps) {
  auto read = ParseObservationsCsv(
      "\xEF\xBB\xBF"
      "day,channel,content,metric,value\r\n"
      "2024-05-01,mastodon,post-1,reach,1250\r\n"
      "2024-05-02T23:30:00Z, facebook ,,followers, 3.5\r\n",
      "obs.csv", TimeZone::Utc());
  ASSERT_TRUE(read.ok()) << read.status().message();
  ASSERT_EQ(read->size(), 2u);
  EXPECT_EQ((*read)[0], (Observation{D("2024-05-01"), "mastodon", "post-1", "reach", 1250}));
  EXPECT_EQ((*read)[1], (Observation{D("2024-05-02"), "facebook", "", "followers", 3.5}));
}

TEST(ObservationReaderTest, TimestampsCountOnTheirLocalDay) {
  auto berlin = TimeZone::Load("Europe/Berlin");
  ASSERT_TRUE(berlin.ok());
  auto read = ParseObservationsCsv("ts,metric,value,channel\n2024-05-02T23:30:00Z,reach,1,x\n", "obs.csv", *berlin);
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ((*read)[0].day, D("2024-05-03"));
  EXPECT_EQ((*read)[0].content, "");
}

TEST(ObservationReaderTest, HeaderErrors) {
  EXPECT_NE(ErrorOf("").find("file is empty"), std::string::npos);
  EXPECT_NE(ErrorOf("day,channel,metric,value,reach\n").find("unknown column 'reach'"), std::string::npos);
  EXPECT_NE(ErrorOf("day,channel,metric,value,day\n").find("appears twice"), std::string::npos);
  EXPECT_NE(ErrorOf("day,channel,value\n").find("lacks the column 'metric'"), std::string::npos);
}

TEST(ObservationReaderTest, RowErrorsNameLineAndField) {
  const std::string header = "day,channel,content,metric,value\n";
  EXPECT_NE(ErrorOf(header + "2024-13-01,m,,reach,1\n").find("obs.csv:2:1: field 'day'"), std::string::npos);
  EXPECT_NE(ErrorOf(header + "2024-05-01,m,,reach,many\n").find("field 'value': 'many' is not a number"),
            std::string::npos);
  EXPECT_NE(ErrorOf(header + "2024-05-01,,,reach,1\n").find("field 'channel': empty"), std::string::npos);
  EXPECT_NE(ErrorOf(header + "2024-05-01,m,,Reach!,1\n").find("field 'metric'"), std::string::npos);
  EXPECT_NE(ErrorOf(header + "2024-05-01,m,,Reach,1\n")
                .find("field 'metric': 'Reach': metric name must start with a lower-case letter"),
            std::string::npos);
  EXPECT_NE(ErrorOf(header + "2024-05-01,m,,reach\n").find("4 fields where the header has 5"), std::string::npos);
  EXPECT_NE(ErrorOf(header + "2024-05-01,m,,reach,1,2\n").find("6 fields"), std::string::npos);
  EXPECT_NE(ErrorOf(header + "2024-05-01,m,,reach,\"1\n").find("obs.csv:2"), std::string::npos);
  EXPECT_NE(ErrorOf(header + "2024-05-01,m,\xff,reach,1\n").find("obs.csv:2:14: byte 0xff is not valid UTF-8"),
            std::string::npos);
}

TEST(ObservationReaderTest, MissingFile) {
  int rows = 0;
  Status read = ReadObservationsFile("/nonexistent/obs.csv", TimeZone::Utc(), [&](const Observation&) {
    ++rows;
    return Status::Ok();
  });
  EXPECT_EQ(read.code(), StatusCode::kNotFound);
  EXPECT_EQ(rows, 0);
}

// The file is handed on row by row, and an error of the receiver stops the
// read at that row.
TEST(ObservationReaderTest, FileRowsStreamAndTheReceiverCanStop) {
  std::string path = ::testing::TempDir() + "observations_stream.csv";
  std::ofstream(path, std::ios::binary) << "day,channel,metric,value\n2024-05-01,m,reach,1\n2024-05-02,m,reach,2\n"
                                           "2024-05-03,m,reach,3\n";
  std::vector<double> values;
  Status read = ReadObservationsFile(path, TimeZone::Utc(), [&](const Observation& o) {
    values.push_back(o.value);
    return o.value == 2 ? InvalidArgument("stop here") : Status::Ok();
  });
  EXPECT_EQ(read.message(), "stop here");
  EXPECT_EQ(values, (std::vector<double>{1, 2}));
}

}  // namespace
}  // namespace learnloop::ingest
