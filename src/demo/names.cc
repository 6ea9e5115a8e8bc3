#include "demo/names.h"

#include <array>
#include <numeric>
#include <string_view>

#include "demo/random.h"

namespace learnloop::demo {
namespace {

constexpr std::array<std::string_view, 72> kFirstNames = {
    "maya",  "amara",  "liam",   "sofia", "noah",   "chen",  "priya",  "diego", "fatima", "jonas",  "aiko", "kwame",
    "elena", "omar",   "lucia",  "tariq", "hannah", "mateo", "zainab", "oskar", "mei",    "samuel", "ines", "ravi",
    "grace", "yusuf",  "freya",  "kofi",  "nadia",  "emil",  "leila",  "tomas", "ama",    "felix",  "rosa", "arjun",
    "clara", "jamal",  "ingrid", "pablo", "yara",   "ben",   "sana",   "luca",  "esther", "hiro",   "nora", "malik",
    "julia", "dev",    "aisha",  "finn",  "mira",   "andre", "lena",   "kai",   "olga",   "marcus", "tala", "hugo",
    "eva",   "rafael", "nia",    "sven",  "ayla",   "theo",  "joy",    "ezra",  "salma",  "milo",   "iris", "abel"};

constexpr std::array<std::string_view, 72> kLastNames = {
    "okafor",    "nguyen", "garcia",   "smith",  "kowalski", "tanaka",  "haddad",  "silva",     "johansson",
    "mensah",    "patel",  "rossi",    "kim",    "novak",    "fischer", "ali",     "dubois",    "moreno",
    "osei",      "larsen", "ivanova",  "khan",   "murphy",   "santos",  "yilmaz",  "chowdhury", "berg",
    "adeyemi",   "lopez",  "schmidt",  "wong",   "baker",    "mwangi",  "costa",   "andersen",  "sato",
    "reyes",     "hughes", "nakamura", "ortiz",  "bianchi",  "owusu",   "park",    "jensen",    "romero",
    "walsh",     "diallo", "ferreira", "weber",  "cohen",    "abebe",   "quinn",   "rahman",    "vargas",
    "lindqvist", "okoro",  "morales",  "keller", "banda",    "petrov",  "alvarez", "yamada",    "brennan",
    "sousa",     "hassan", "meyer",    "castro", "lund",     "torres",  "eze",     "foster",    "acheampong"};

constexpr uint64_t kPairs = kFirstNames.size() * kLastNames.size();

constexpr std::array<std::string_view, 5> kMastodonServers = {"mastodon.social", "mastodon.online",
                                                              "climatejustice.social", "hachyderm.io", "mas.to"};
constexpr std::array<std::string_view, 4> kEmailDomains = {"example.org", "example.com", "example.net", "mail.example"};

void AppendNumber(int64_t number, std::string& out) {
  if (number > 0) out += std::to_string(number);
}

}  // namespace

NameBook::NameBook(uint64_t seed) : seed_(seed) {
  uint64_t state = seed;
  multiplier_ = SplitMix64(state) % kPairs;
  while (std::gcd(multiplier_, kPairs) != 1) ++multiplier_;
  offset_ = SplitMix64(state) % kPairs;
}

NameBook::Name NameBook::NameOf(int64_t index) const {
  auto i = static_cast<uint64_t>(index);
  // An affine map with a coprime multiplier is a bijection on the pairs, so
  // the (pair, number) of two people always differ.
  uint64_t pair = (multiplier_ * (i % kPairs) + offset_) % kPairs;
  uint64_t state = seed_ ^ (i * 0xd1342543de82ef95ULL);
  return {static_cast<int>(pair / kLastNames.size()), static_cast<int>(pair % kLastNames.size()),
          static_cast<int64_t>(i / kPairs), SplitMix64(state)};
}

void NameBook::AppendBase(const Name& name, char separator, std::string& out) const {
  out += kFirstNames[name.first];
  out.push_back(separator);
  out += kLastNames[name.last];
  AppendNumber(name.number, out);
}

void NameBook::AppendMastodon(int64_t index, std::string& out) const {
  Name name = NameOf(index);
  // Mastodon usernames allow only letters, digits and '_'.
  out.push_back('@');
  AppendBase(name, '_', out);
  out.push_back('@');
  out += kMastodonServers[name.hash % kMastodonServers.size()];
}

void NameBook::AppendBluesky(int64_t index, std::string& out) const {
  AppendBase(NameOf(index), '-', out);
  out += ".bsky.social";
}

void NameBook::AppendEmail(int64_t index, std::string& out) const {
  Name name = NameOf(index);
  // Names hold only letters, so each separator still parses back uniquely.
  AppendBase(name, (name.hash >> 8) % 3 == 0 ? '_' : '.', out);
  out.push_back('@');
  out += kEmailDomains[(name.hash >> 16) % kEmailDomains.size()];
}

}  // namespace learnloop::demo
