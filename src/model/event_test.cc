#include "learnloop/event.h"

#include <gtest/gtest.h>

namespace learnloop {
namespace {

TEST(EventTest, BuiltinKindsFromDesign) {
  EXPECT_EQ(BuiltinKinds().size(), 19u);
  EXPECT_TRUE(IsBuiltinKind("org_reply"));
  EXPECT_TRUE(IsBuiltinKind("event_attend"));
  EXPECT_FALSE(IsBuiltinKind("webinar"));
}

TEST(EventTest, KindSpelling) {
  EXPECT_TRUE(KindProblem("webinar_signup").empty());
  EXPECT_TRUE(KindProblem("sms-2").empty());
  EXPECT_FALSE(KindProblem("").empty());
  EXPECT_FALSE(KindProblem("Like").empty());
  EXPECT_FALSE(KindProblem("2fa").empty());
  EXPECT_FALSE(KindProblem("a b").empty());
  EXPECT_FALSE(KindProblem(std::string(65, 'a')).empty());
}

TEST(EventTest, ValuesRoundTrip) {
  EXPECT_EQ(FormatValue(12.5), "12.5");
  EXPECT_EQ(FormatValue(3), "3");
  EXPECT_EQ(FormatValue(0.1), "0.1");
  EXPECT_EQ(*ParseValue("12.50"), 12.5);
  EXPECT_EQ(*ParseValue("+7"), 7);
  EXPECT_EQ(*ParseValue("-1e3"), -1000);
  EXPECT_FALSE(ParseValue("").has_value());
  EXPECT_FALSE(ParseValue("12,5").has_value());
  EXPECT_FALSE(ParseValue("nan").has_value());
  EXPECT_FALSE(ParseValue("inf").has_value());
  EXPECT_FALSE(ParseValue("1e999").has_value());
}

}  // namespace
}  // namespace learnloop
