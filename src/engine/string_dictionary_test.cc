#include "engine/string_dictionary.h"

#include <gtest/gtest.h>

#include <string>

namespace learnloop::engine {
namespace {

TEST(StringDictionaryTest, AssignsDenseIdsInFirstSeenOrder) {
  StringArena arena;
  StringInterner interner;
  EXPECT_EQ(interner.Intern("like", arena), 0u);
  EXPECT_EQ(interner.Intern("share", arena), 1u);
  EXPECT_EQ(interner.Intern("like", arena), 0u);
  EXPECT_EQ(interner.Intern("", arena), 2u);
  EXPECT_EQ(interner.Intern("share", arena), 1u);
  StringDictionary dict = std::move(interner).Freeze();
  ASSERT_EQ(dict.size(), 3u);
  EXPECT_EQ(dict[0], "like");
  EXPECT_EQ(dict[2], "");
  EXPECT_EQ(dict.Find("share"), 1u);
  EXPECT_EQ(dict.Find("follow"), std::nullopt);
}

TEST(StringDictionaryTest, SurvivesGrowthAndKeepsCopiesValid) {
  StringArena arena;
  StringInterner interner;
  for (int i = 0; i < 100000; ++i) {
    std::string name = "person-" + std::to_string(i);
    ASSERT_EQ(interner.Intern(name, arena), static_cast<uint32_t>(i));
  }
  for (int i = 0; i < 100000; i += 7) {
    ASSERT_EQ(interner.Intern("person-" + std::to_string(i), arena), static_cast<uint32_t>(i));
  }
  StringArena moved = std::move(arena);
  StringDictionary dict = std::move(interner).Freeze();
  EXPECT_EQ(dict[99999], "person-99999");
  EXPECT_GE(moved.MemoryBytes(), 100000u * 8);
}

TEST(StringDictionaryTest, ArenaHoldsStringsLargerThanABlock) {
  StringArena arena;
  std::string big(3 << 20, 'x');
  std::string_view copy = arena.Copy(big);
  EXPECT_EQ(copy, big);
  EXPECT_NE(copy.data(), big.data());
  EXPECT_EQ(arena.Copy("after"), "after");
}

TEST(StringDictionaryTest, IndexFindsEveryStringAndNothingElse) {
  StringArena arena;
  StringInterner interner;
  for (int i = 0; i < 5000; ++i) interner.Intern("person-" + std::to_string(i * 7), arena);
  interner.Intern("", arena);
  StringDictionary dictionary = std::move(interner).Freeze();
  StringIndex index(dictionary);
  for (uint32_t id = 0; id < dictionary.size(); ++id) EXPECT_EQ(index.Find(dictionary[id]), id);
  EXPECT_EQ(index.Find("person-1"), std::nullopt);
  EXPECT_EQ(index.Find("person-"), std::nullopt);
  StringDictionary empty;
  EXPECT_EQ(StringIndex(empty).Find("x"), std::nullopt);
}

}  // namespace
}  // namespace learnloop::engine
