#include <gtest/gtest.h>

#include "learnloop/stats.h"

namespace learnloop {
namespace {

TEST(ParseCountSampleTest, ParsesAndRejects) {
  auto ok = ParseCountSample("--a", "12:1000.5");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->count, 12);
  EXPECT_EQ(ok->exposure, 1000.5);
  EXPECT_EQ(ParseCountSample("--a", "12:x").status().message(), "--a '12:x': expected COUNT:EXPOSURE like 12:1000");
  EXPECT_EQ(ParseCountSample("--b", "3:0").status().message(),
            "--b '3:0': the exposure must be greater than 0; expected COUNT:EXPOSURE like 12:1000");
  EXPECT_FALSE(ParseCountSample("--a", "1.5:10").ok());
  EXPECT_FALSE(ParseCountSample("--a", "-1:10").ok());
  EXPECT_FALSE(ParseCountSample("--a", "1:10:3").ok());
  EXPECT_FALSE(ParseCountSample("--a", "1:inf").ok());
  EXPECT_FALSE(ParseCountSample("--a", "").ok());
}

TEST(ParseBinomialSampleTest, ParsesAndRejects) {
  auto ok = ParseBinomialSample("--a", "12/400");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->successes, 12);
  EXPECT_EQ(ok->trials, 400);
  EXPECT_EQ(ParseBinomialSample("--a", "5/3").status().message(),
            "--a '5/3': successes exceed trials; expected SUCCESSES/TRIALS like 12/400");
  EXPECT_FALSE(ParseBinomialSample("--a", "5:3").ok());
  EXPECT_FALSE(ParseBinomialSample("--a", "5/").ok());
}

TEST(ParseMomentSumsTest, ParsesAndRejects) {
  auto ok = ParseMomentSums("--b", "23.3:90.37:10");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->sum, 23.3);
  EXPECT_EQ(ok->sum_sq, 90.37);
  EXPECT_EQ(ok->n, 10);
  EXPECT_NE(ParseMomentSums("--b", "1:2:1").status().message().find("N must be at least 2"), std::string::npos);
  EXPECT_FALSE(ParseMomentSums("--b", "1:2").ok());
  EXPECT_FALSE(ParseMomentSums("--b", "1:2:3.5").ok());
}

TEST(ParseNumberPairTest, ParsesAndRejects) {
  auto ok = ParseNumberPair("--prior", "0.5, 2");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->first, 0.5);
  EXPECT_EQ(ok->second, 2);
  EXPECT_EQ(ParseNumberPair("--prior", "1").status().message(), "--prior '1': expected two numbers A,B like 1,1");
}

TEST(ParseSeriesTest, ParsesLines) {
  auto v = ParseSeries("1\n 2.5 \r\n-3e2\n", "stdin");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(*v, (std::vector<double>{1, 2.5, -300}));
  auto empty = ParseSeries("", "stdin");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
}

TEST(ParseSeriesTest, ErrorsNameTheLine) {
  EXPECT_EQ(ParseSeries("1\n2\nabc\n4\n", "stdin").status().message(),
            "stdin:3: 'abc' is not a number; expected one number per line");
  EXPECT_EQ(ParseSeries("1\n\n3\n", "stdin").status().message(), "stdin:2: empty line; expected one number per line");
  EXPECT_FALSE(ParseSeries("nan\n", "stdin").ok());
}

}  // namespace
}  // namespace learnloop
