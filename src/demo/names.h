// Deterministic fake identities for demo people. Person i gets a unique
// (first, last, number) name through a seeded bijection, then one spelling
// per channel: "@maya_okafor@mastodon.social", "maya-okafor.bsky.social",
// "maya.okafor@example.org". Different people never share a string; the
// email is the same string wherever the person uses it (newsletter, CRM).
#pragma once

#include <cstdint>
#include <string>

namespace learnloop::demo {

class NameBook {
 public:
  explicit NameBook(uint64_t seed);

  // Each appends person `index`'s identity on that kind of channel to `out`.
  void AppendMastodon(int64_t index, std::string& out) const;
  void AppendBluesky(int64_t index, std::string& out) const;
  void AppendEmail(int64_t index, std::string& out) const;

 private:
  struct Name {
    int first;
    int last;
    int64_t number;  // 0 for the first person with this first and last name
    uint64_t hash;   // picks a server, domain or spelling, stable per person
  };
  Name NameOf(int64_t index) const;
  void AppendBase(const Name& name, char separator, std::string& out) const;

  uint64_t seed_;
  uint64_t multiplier_;  // coprime to the number of name pairs
  uint64_t offset_;
};

}  // namespace learnloop::demo
