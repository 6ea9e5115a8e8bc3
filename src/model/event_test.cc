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

// DESIGN.md's default ladder, by role.
TEST(EventTest, BuiltinKindsByRole) {
  using V = std::vector<std::string_view>;
  EXPECT_EQ(BuiltinKindsWith({KindRole::kAction}), (V{"donation", "volunteer", "petition", "event_attend", "host"}));
  EXPECT_EQ(BuiltinKindsWith({KindRole::kEngagement, KindRole::kConversation}),
            (V{"like", "share", "comment", "reply", "mention", "message", "click", "open"}));
  EXPECT_EQ(BuiltinKindsWith({KindRole::kConversation}), (V{"comment", "reply", "mention", "message"}));
  EXPECT_EQ(BuiltinKindsWith({KindRole::kFollow}), (V{"follow", "subscribe"}));
  EXPECT_EQ(BuiltinKindsWith({KindRole::kUnfollow}), (V{"unfollow", "unsubscribe"}));
  EXPECT_EQ(BuiltinKindsWith({KindRole::kOrgReply}), (V{"org_reply"}));
  ASSERT_EQ(BuiltinKindList().size(), BuiltinKinds().size());
  for (size_t i = 0; i < BuiltinKinds().size(); ++i) EXPECT_EQ(BuiltinKindList()[i].name, BuiltinKinds()[i]);
}

TEST(EventTest, FormatNames) {
  EXPECT_EQ(*ParseEventFormat("jsonl"), EventFormat::kJsonl);
  EXPECT_EQ(*ParseEventFormat("csv"), EventFormat::kCsv);
  auto xml = ParseEventFormat("xml");
  ASSERT_FALSE(xml.ok());
  EXPECT_EQ(xml.status().message(), "unknown format 'xml'; expected csv or jsonl");
}

TEST(EventTest, KindSpelling) {
  EXPECT_TRUE(KindProblem("webinar_signup").empty());
  EXPECT_TRUE(KindProblem("sms-2").empty());
  EXPECT_FALSE(KindProblem("").empty());
  EXPECT_FALSE(KindProblem("Like").empty());
  EXPECT_FALSE(KindProblem("2fa").empty());
  EXPECT_FALSE(KindProblem("a b").empty());
  EXPECT_FALSE(KindProblem(std::string(65, 'a')).empty());
  EXPECT_EQ(KindProblem("Like"), "kind must start with a lower-case letter");
}

// Names other than kinds follow the same spelling, in their own words.
TEST(EventTest, NameProblemsCallTheNameWhatItIs) {
  EXPECT_TRUE(NameProblem("donations_30d", "metric name").empty());
  EXPECT_EQ(NameProblem("", "metric name"), "metric name is empty");
  EXPECT_EQ(NameProblem(std::string(65, 'a'), "metric name"), "metric name is longer than 64 bytes");
  EXPECT_EQ(NameProblem("BadName", "metric name"), "metric name must start with a lower-case letter");
  EXPECT_EQ(NameProblem("bad name", "metric name"),
            "metric name may hold only lower-case letters, digits, '_' and '-'");
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
