#include "engine/link_suggestions.h"

#include <fmt/format.h>
#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <memory>
#include <unordered_map>
#include <utility>

namespace learnloop::engine {
namespace {

constexpr std::string_view kSameName = "same_name";
constexpr std::string_view kSameUserName = "same_user_name";
// Keys of one person looked at: a person of many identities costs no more
// than a few.
constexpr uint32_t kMaxKeysPerPerson = 8;
// A user name shorter than this ("al", "jo") says little about who it is.
constexpr size_t kMinUserNameKey = 3;
constexpr uint32_t kNone = UINT32_MAX;

// Mailboxes of a role, not a person: their user name matching a handle
// means nothing.
constexpr std::array<std::string_view, 14> kRoleMailboxes = {"admin",   "contact", "hello",     "info",      "kontakt",
                                                             "mail",    "news",    "noreply",   "office",    "post",
                                                             "support", "team",    "webmaster", "donotreply"};

bool IsAsciiSeparator(unsigned char c) { return c < 0x80 && c != '\'' && (std::isspace(c) || std::ispunct(c)); }

// `text` case-folded with accents dropped, or lower-cased ASCII when it is
// not valid UTF-8.
std::string FoldCase(std::string_view text) {
  utf8proc_uint8_t* folded = nullptr;
  const utf8proc_ssize_t length = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(text.data()), static_cast<utf8proc_ssize_t>(text.size()), &folded,
      static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK |
                                     UTF8PROC_LUMP));
  if (length < 0) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return lower;
  }
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(folded, &std::free);
  return {reinterpret_cast<const char*>(folded), static_cast<size_t>(length)};
}

// A key one person holds: a normalized name, user name, or both.
struct KeyEntry {
  size_t hash = 0;
  std::string key;
  uint32_t person = 0;
  uint32_t name_identity = kNone;  // the identity whose name it is, if a name
  uint32_t name_index = 0;         // which of its names
  uint32_t user_identity = kNone;  // the identity whose user name it is, if one
};

bool KeyOrder(const KeyEntry& x, const KeyEntry& y) {
  return std::tie(x.hash, x.key, x.person) < std::tie(y.hash, y.key, y.person);
}

// What is known about a pair of people; `lo` is the side of the smaller person index.
struct PairFacts {
  uint32_t name_lo = kNone, name_lo_index = 0, name_hi = kNone, name_hi_index = 0;
  uint32_t user_lo = kNone, user_hi = kNone;
  int64_t name_people = 0;
  int64_t user_people = 0;
};

// Which keys a run of entries shares.
enum class Bucket { kName, kUserName, kBoth };

int Points(int64_t people) { return people == 2 ? 2 : 1; }

// See LinkSuggestion::score.
int ScoreOf(const PairFacts& pair) {
  const bool by_name = pair.name_lo != kNone;
  const bool by_user = pair.user_lo != kNone;
  return (by_name ? Points(pair.name_people) : 0) + (by_user ? Points(pair.user_people) : 0) +
         (by_name && by_user ? 1 : 0);
}

// The identities a pair is suggested by: the two user names when they
// agree, else the two names' identities.
std::pair<uint32_t, uint32_t> IdentitiesOf(const PairFacts& pair) {
  if (pair.user_lo != kNone) return {pair.user_lo, pair.user_hi};
  return {pair.name_lo, pair.name_hi};
}

class Suggester {
 public:
  Suggester(const std::vector<IdentityFacts>& identities, const IdentityLinks& links)
      : identities_(identities), links_(links) {}

  LinkSuggestions Run(size_t limit) {
    GroupPeople();
    CollectKeys();
    LinkSuggestions out;
    out.people = static_cast<int64_t>(primary_.size());
    Pair(names_, Bucket::kName, out);
    Pair(users_, Bucket::kUserName, out);
    Pair(both_, Bucket::kBoth, out);
    Rank(limit, out);
    std::sort(out.too_common.begin(), out.too_common.end(), [](const CommonLinkKey& x, const CommonLinkKey& y) {
      return std::tie(y.people, x.kind, x.value) < std::tie(x.people, y.kind, y.value);
    });
    out.too_common_keys = static_cast<int64_t>(out.too_common.size());
    if (out.too_common.size() > kTopCommonLinkKeys) out.too_common.resize(kTopCommonLinkKeys);
    return out;
  }

 private:
  // Most identities are a person of their own; only linked ones need a
  // lookup of their person, and a merge of their channels.
  void GroupPeople() {
    std::unordered_map<std::string_view, uint32_t> linked;
    person_of_.reserve(identities_.size());
    for (uint32_t i = 0; i < identities_.size(); ++i) {
      const IdentityFacts& facts = identities_[i];
      const auto person = static_cast<uint32_t>(primary_.size());
      if (!links_.IsLinked(facts.identity)) {
        primary_.push_back(facts.identity);
        first_identity_.push_back(i);
        person_of_.push_back(person);
        continue;
      }
      auto [it, added] = linked.try_emplace(links_.PrimaryOf(facts.identity), person);
      if (added) {
        primary_.push_back(it->first);
        first_identity_.push_back(i);
      }
      person_of_.push_back(it->second);
      std::vector<std::string_view>& channels = merged_channels_[it->second];
      channels.insert(channels.end(), facts.channels.begin(), facts.channels.end());
    }
    for (auto& [person, channels] : merged_channels_) {
      std::sort(channels.begin(), channels.end());
      channels.erase(std::unique(channels.begin(), channels.end()), channels.end());
    }
  }

  const std::vector<std::string_view>& ChannelsOf(uint32_t person) const {
    auto it = merged_channels_.find(person);
    return it != merged_channels_.end() ? it->second : identities_[first_identity_[person]].channels;
  }

  void Add(std::vector<KeyEntry>& entries, KeyEntry entry) {
    entry.hash = std::hash<std::string_view>()(entry.key);
    entries.push_back(std::move(entry));
  }

  void CollectKeys() {
    std::vector<uint32_t> names_of(primary_.size(), 0);
    std::vector<uint32_t> users_of(primary_.size(), 0);
    users_.reserve(identities_.size());
    for (uint32_t i = 0; i < identities_.size(); ++i) {
      const uint32_t person = person_of_[i];
      user_names_.push_back(UserNameOf(identities_[i].identity));
      if (!user_names_.back().kind.empty() && users_of[person]++ < kMaxKeysPerPerson)
        Add(users_, {0, user_names_.back().key, person, kNone, 0, i});
      for (uint32_t n = 0; n < identities_[i].names.size(); ++n) {
        std::string key = NormalizedName(identities_[i].names[n].value);
        if (!key.empty() && names_of[person]++ < kMaxKeysPerPerson)
          Add(names_, {0, std::move(key), person, i, n, kNone});
      }
    }
    CollectBoth();
  }

  // Per person, each name with each user name, so that a name too common
  // to suggest by itself still counts beside a user name that agrees.
  void CollectBoth() {
    auto by_person = [](const std::vector<KeyEntry>& entries) {
      std::vector<uint32_t> order(entries.size());
      for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
      std::stable_sort(order.begin(), order.end(),
                       [&](uint32_t x, uint32_t y) { return entries[x].person < entries[y].person; });
      return order;
    };
    const std::vector<uint32_t> names = by_person(names_);
    const std::vector<uint32_t> users = by_person(users_);
    size_t u = 0;
    for (size_t n = 0; n < names.size();) {
      const uint32_t person = names_[names[n]].person;
      size_t n_end = n;
      while (n_end < names.size() && names_[names[n_end]].person == person) ++n_end;
      while (u < users.size() && users_[users[u]].person < person) ++u;
      for (size_t v = u; v < users.size() && users_[users[v]].person == person; ++v)
        for (size_t m = n; m < n_end; ++m) {
          const KeyEntry& name = names_[names[m]];
          const KeyEntry& user = users_[users[v]];
          Add(both_, {0, name.key + '\n' + user.key, person, name.name_identity, name.name_index, user.user_identity});
        }
      n = n_end;
    }
  }

  bool CanPair(const KeyEntry& x, const KeyEntry& y, Bucket bucket) const {
    if (x.person == y.person) return false;
    // Two records of one channel with one name are more often two people
    // (two subscribers called Ana Lima) than one person twice.
    if (bucket == Bucket::kName) return ChannelsOf(x.person) != ChannelsOf(y.person);
    // An email's user name beside another email's, or a Mastodon user on
    // two servers, is as often two people: only different kinds pair.
    return user_names_[x.user_identity].kind != user_names_[y.user_identity].kind;
  }

  // Pairs the people of each run of equal keys, unless too many share it.
  void Pair(std::vector<KeyEntry>& entries, Bucket bucket, LinkSuggestions& out) {
    std::sort(entries.begin(), entries.end(), KeyOrder);
    for (size_t begin = 0; begin < entries.size();) {
      size_t end = begin + 1;
      int64_t people = 1;
      for (; end < entries.size() && entries[end].hash == entries[begin].hash && entries[end].key == entries[begin].key;
           ++end)
        people += entries[end].person != entries[end - 1].person ? 1 : 0;
      if (people > 1 && bucket != Bucket::kBoth)
        (bucket == Bucket::kName ? name_people_ : user_people_)[entries[begin].key] = people;
      if (people > kMaxPeoplePerLinkKey && bucket != Bucket::kBoth) {
        out.too_common.push_back(
            {std::string(bucket == Bucket::kName ? kSameName : kSameUserName), DisplayOf(entries[begin]), people});
      } else if (people > 1 && people <= kMaxPeoplePerLinkKey) {
        PairRun(entries, begin, end, bucket, people);
      }
      begin = end;
    }
  }

  std::string DisplayOf(const KeyEntry& entry) const {
    if (entry.name_identity != kNone) return identities_[entry.name_identity].names[entry.name_index].value;
    return std::string(user_names_[entry.user_identity].value);
  }

  void PairRun(const std::vector<KeyEntry>& entries, size_t begin, size_t end, Bucket bucket, int64_t people) {
    for (size_t i = begin; i < end; ++i)
      for (size_t j = i + 1; j < end; ++j) {
        const KeyEntry& x = entries[i];
        const KeyEntry& y = entries[j];
        if (!CanPair(x, y, bucket)) continue;
        PairFacts& pair = pairs_[(uint64_t{x.person} << 32) | y.person];  // sorted by person: x.person < y.person
        // Each key counts as often as it is shared by itself, which for a
        // name and user name together may be beyond kMaxPeoplePerLinkKey.
        const size_t split = x.key.find('\n');
        if (bucket != Bucket::kUserName) {
          pair.name_lo = x.name_identity, pair.name_lo_index = x.name_index;
          pair.name_hi = y.name_identity, pair.name_hi_index = y.name_index;
          pair.name_people = bucket == Bucket::kBoth ? name_people_.at(x.key.substr(0, split)) : people;
        }
        if (bucket != Bucket::kName) {
          pair.user_lo = x.user_identity, pair.user_hi = y.user_identity;
          pair.user_people = bucket == Bucket::kBoth ? user_people_.at(x.key.substr(split + 1)) : people;
        }
      }
  }

  LinkSuggestion Materialize(uint64_t key, const PairFacts& pair) const {
    const uint32_t lo = static_cast<uint32_t>(key >> 32);
    const uint32_t hi = static_cast<uint32_t>(key);
    const bool by_user = pair.user_lo != kNone;
    const auto [a_identity, b_identity] = IdentitiesOf(pair);
    LinkSuggestion s;
    s.a = identities_[a_identity].identity;
    s.b = identities_[b_identity].identity;
    s.a_person = primary_[lo];
    s.b_person = primary_[hi];
    s.a_channels.assign(ChannelsOf(lo).begin(), ChannelsOf(lo).end());
    s.b_channels.assign(ChannelsOf(hi).begin(), ChannelsOf(hi).end());
    if (pair.name_lo != kNone) {
      const DisplayName& a = identities_[pair.name_lo].names[pair.name_lo_index];
      const DisplayName& b = identities_[pair.name_hi].names[pair.name_hi_index];
      s.evidence.push_back({std::string(kSameName), a.value,
                            fmt::format("{} {}", identities_[pair.name_lo].identity, a.source), b.value,
                            fmt::format("{} {}", identities_[pair.name_hi].identity, b.source), pair.name_people});
    }
    if (by_user) {
      s.evidence.push_back({std::string(kSameUserName), std::string(user_names_[pair.user_lo].value), s.a,
                            std::string(user_names_[pair.user_hi].value), s.b, pair.user_people});
    }
    s.score = ScoreOf(pair);
    s.strength = s.evidence.size() == 2 ? "strong" : "possible";
    s.reason = s.evidence.size() == 2 ? "suggested: same name and user name"
               : by_user              ? "suggested: same user name"
                                      : "suggested: same name";
    if (s.b < s.a) {
      std::swap(s.a, s.b);
      std::swap(s.a_person, s.b_person);
      std::swap(s.a_channels, s.b_channels);
      for (LinkEvidence& e : s.evidence) {
        std::swap(e.a_value, e.b_value);
        std::swap(e.a_source, e.b_source);
      }
    }
    return s;
  }

  void Rank(size_t limit, LinkSuggestions& out) const {
    struct Ranked {
      int score;
      std::string_view a, b;
      uint64_t key;
      const PairFacts* pair;
    };
    std::vector<Ranked> ranked;
    ranked.reserve(pairs_.size());
    for (const auto& [key, pair] : pairs_) {
      if (links_.KeptApart(primary_[key >> 32], primary_[static_cast<uint32_t>(key)])) continue;
      const auto [a_identity, b_identity] = IdentitiesOf(pair);
      std::string_view a = identities_[a_identity].identity;
      std::string_view b = identities_[b_identity].identity;
      if (b < a) std::swap(a, b);
      ranked.push_back({ScoreOf(pair), a, b, key, &pair});
    }
    auto better = [](const Ranked& x, const Ranked& y) {
      return std::tie(y.score, x.a, x.b) < std::tie(x.score, y.a, y.b);
    };
    const size_t kept = std::min(limit, ranked.size());
    std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(kept), ranked.end(), better);
    out.pairs = static_cast<int64_t>(ranked.size());
    for (size_t i = 0; i < kept; ++i) out.suggestions.push_back(Materialize(ranked[i].key, *ranked[i].pair));
  }

  const std::vector<IdentityFacts>& identities_;
  const IdentityLinks& links_;
  std::vector<uint32_t> person_of_;                                              // per identity
  std::vector<UserName> user_names_;                                             // per identity
  std::vector<std::string_view> primary_;                                        // per person
  std::vector<uint32_t> first_identity_;                                         // per person
  std::unordered_map<uint32_t, std::vector<std::string_view>> merged_channels_;  // of people of several identities
  std::vector<KeyEntry> names_, users_, both_;
  std::unordered_map<std::string, int64_t> name_people_, user_people_;  // keys shared by 2..max people
  std::unordered_map<uint64_t, PairFacts> pairs_;
};

}  // namespace

std::string NormalizedName(std::string_view name) {
  const std::string folded = FoldCase(name);
  std::string out;
  int words = 0;
  bool in_word = false;
  for (char c : folded) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\'') continue;  // O'Brien, OBrien
    if (IsAsciiSeparator(byte)) {
      in_word = false;
      continue;
    }
    if (!in_word) {
      if (words++ > 0) out.push_back(' ');
      in_word = true;
    }
    out.push_back(c);
  }
  return words >= 2 ? out : std::string();
}

UserName UserNameOf(std::string_view identity) {
  UserName user;
  std::string_view rest = identity;
  const bool handle = rest.starts_with('@');
  if (handle) rest.remove_prefix(1);
  const size_t at = rest.find('@');
  if (at != std::string_view::npos) {
    user.kind = handle ? "mastodon" : "email";
    user.value = rest.substr(0, at);
    // cara+news@ is cara's mailbox.
    if (!handle) user.value = user.value.substr(0, user.value.find('+'));
  } else if (handle || rest.ends_with(".bsky.social")) {
    const size_t dot = rest.find('.');
    user.kind = dot == std::string_view::npos ? "x" : "bluesky";
    user.value = rest.substr(0, dot);
  } else {
    return {};
  }
  // Each network allows a different separator (Mastodon and X only '_',
  // Bluesky only '-', emails mostly '.'), so cara.jones is @cara_jones.
  for (char c : user.value)
    if (c != '.' && c != '_' && c != '-')
      user.key.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  const bool role =
      user.kind == "email" && std::find(kRoleMailboxes.begin(), kRoleMailboxes.end(), user.key) != kRoleMailboxes.end();
  if (user.key.size() < kMinUserNameKey || role) return {};
  return user;
}

LinkSuggestions SuggestLinks(const std::vector<IdentityFacts>& identities, const IdentityLinks& links, size_t limit) {
  return Suggester(identities, links).Run(limit);
}

}  // namespace learnloop::engine
