// Import throughput: every platform format, and the canonical CSV and JSON
// Lines readers, parsing tens of MB generated in memory into events (a sink
// that only counts; no store). Each format's input is built from a template
// record with varying ids, people, times and texts (unicode, quoted CSV
// fields with commas, quotes and line breaks), from a fixed seed. A format
// without a generator here stops the run: a new format must add one.
//   import_bench [--benchmark_filter=REGEX] --benchmark_repetitions=5
#include <benchmark/benchmark.h>
#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iterator>
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "ingest/event_reader.h"
#include "ingest/platform.h"
#include "ingest/platform_text.h"

namespace learnloop::bench {
namespace {

// How large each generated input is: 32 MiB, or what --write-input asks.
size_t g_target_bytes = size_t{32} << 20;
constexpr uint64_t kSeed = 20241202;

// splitmix64: the same sequence on every platform, unlike std::
// distributions.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
    z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
    return z ^ (z >> 31);
  }
  size_t Below(size_t n) { return static_cast<size_t>(Next() % n); }
  template <typename T, size_t N>
  const T& Pick(const T (&items)[N]) {
    return items[Below(N)];
  }

 private:
  uint64_t state_;
};

struct Name {
  std::string_view shown;  // as people write it
  std::string_view slug;   // in handles and addresses
};
constexpr Name kFirstNames[] = {
    {"Ana", "ana"},     {"José", "jose"},   {"Zoë", "zoe"},       {"Björn", "bjorn"},
    {"Łucja", "lucja"}, {"Thảo", "thao"},   {"Søren", "soren"},   {"Aoife", "aoife"},
    {"Chidi", "chidi"}, {"Yūki", "yuki"},   {"Fatima", "fatima"}, {"Oğuz", "oguz"},
    {"Ngozi", "ngozi"}, {"Mateo", "mateo"}, {"Priya", "priya"},   {"Marie-Claire", "marieclaire"}};
constexpr Name kLastNames[] = {{"Lima", "lima"},         {"Müller", "muller"},     {"O'Neill", "oneill"},
                               {"Nakamura", "nakamura"}, {"Kowalski", "kowalski"}, {"Nguyễn", "nguyen"},
                               {"García", "garcia"},     {"Okafor", "okafor"},     {"Dubois", "dubois"},
                               {"Ødegård", "odegard"},   {"Schmidt", "schmidt"},   {"Haddad", "haddad"}};
constexpr std::string_view kDomains[] = {"example.org", "mail.example.com", "posteo.example", "uni-example.edu"};
constexpr std::string_view kInstances[] = {"mastodon.social", "fosstodon.org", "social.example.org", "chaos.social"};
constexpr std::string_view kSentences[] = {
    "Thank you, Riverside! 40 tonnes of litter, 1,200 volunteers 🌿",
    "Volunteers wanted for Saturday, 10:00 at the boathouse.",
    "Our spring report is out: \"cleaner streets, fuller parks\".",
    "Café meetup on Thursday — bring a friend ☕",
    "Die Aufräumaktion am Fluss war großartig, danke!",
    "¿Quién viene al taller del sábado? Inscríbete ya.",
    "Before and after at the boathouse, swipe ➡️ #cleanup",
    "Bike to work week starts Monday; 300 riders signed up so far 🚲",
    "We delivered the petition (12,480 signatures) to the council today.",
    "Merci à toutes et à tous pour la journée d'hier ❤️",
};
constexpr std::string_view kTags[] = {"CleanAir", "Riverside", "cleanup", "BikeWeek", "Volunteers", "Tenants"};

struct Person {
  std::string first, last, handle, email;
  int64_t number = 0;
};

// One of about 200,000 supporters, so people recur as in a real export.
Person PersonOf(Rng& rng) {
  const int64_t number = static_cast<int64_t>(rng.Below(200000));
  const Name& first = kFirstNames[number % std::size(kFirstNames)];
  const Name& last = kLastNames[(number / 16) % std::size(kLastNames)];
  Person p{std::string(first.shown), std::string(last.shown), fmt::format("{}{}{}", first.slug, last.slug, number), "",
           number};
  p.email = fmt::format("{}.{}{}@{}", first.slug, last.slug, number, kDomains[number % std::size(kDomains)]);
  return p;
}

// One to three sentences; with `line_breaks`, sometimes on two lines.
std::string TextOf(Rng& rng, bool line_breaks) {
  std::string text(rng.Pick(kSentences));
  for (size_t n = rng.Below(3); n > 0; --n) {
    text += line_breaks && rng.Below(4) == 0 ? "\n" : " ";
    text += rng.Pick(kSentences);
  }
  return text;
}

// The first `bytes` of `text` or fewer, cut at a character boundary.
std::string Cut(std::string_view text, size_t bytes) { return std::string(ingest::Utf8Prefix(text, bytes)); }

std::string JsonEscaped(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

std::string CsvQuoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

using Seconds = std::chrono::sys_seconds;
// Record `i`'s time: a minute or so apart from 2024-01-01 on.
Seconds TimeOf(int64_t i, Rng& rng) {
  return Seconds(std::chrono::seconds(1704067200 + i * 53 + static_cast<int64_t>(rng.Below(50))));
}

// `tmpl` with each ${name} replaced by its value, appended to `out`.
void Fill(std::string_view tmpl, std::initializer_list<std::pair<std::string_view, std::string_view>> vars,
          std::string& out) {
  while (true) {
    const size_t at = tmpl.find("${");
    out.append(tmpl.substr(0, at));
    if (at == std::string_view::npos) return;
    const size_t end = tmpl.find('}', at);
    const std::string_view name = tmpl.substr(at + 2, end - at - 2);
    bool known = false;
    for (const auto& [key, value] : vars) {
      if (key != name) continue;
      out.append(value);
      known = true;
    }
    if (!known) {
      std::fprintf(stderr, "import_bench: template names ${%.*s}, which has no value\n", static_cast<int>(name.size()),
                   name.data());
      std::abort();
    }
    tmpl.remove_prefix(end + 1);
  }
}

// head, then records made by `record(i, rng, out)` joined by `separator`
// until g_target_bytes, then tail.
std::string Repeat(std::string_view head, std::string_view separator, std::string_view tail,
                   const std::function<void(int64_t, Rng&, std::string&)>& record) {
  Rng rng(kSeed);
  std::string out(head);
  out.reserve(g_target_bytes + (size_t{1} << 20));
  for (int64_t i = 0; out.size() < g_target_bytes; ++i) {
    if (i > 0) out += separator;
    record(i, rng, out);
  }
  out += tail;
  return out;
}

std::string MastodonNotifications() {
  static constexpr std::string_view kMention = R"({
    "id": "${id}",
    "type": "mention",
    "created_at": "${time}",
    "group_key": "ungrouped-${id}",
    "account": {"id": "${person_id}", "username": "${handle}", "acct": "${handle}@${instance}", "display_name": "${name}", "url": "https://${instance}/@${handle}"},
    "status": {
      "id": "1123${id}0", "created_at": "${time}", "in_reply_to_id": "${answered}", "in_reply_to_account_id": "14715", "visibility": "public",
      "content": "<p><span class=\"h-card\"><a href=\"https://social.example.org/@greenfuture\" class=\"u-url mention\">@<span>greenfuture</span></a></span> ${text} <a href=\"https://${instance}/tags/${tag}\" class=\"mention hashtag\" rel=\"tag\">#<span>${tag}</span></a></p>",
      "account": {"id": "${person_id}", "username": "${handle}", "acct": "${handle}@${instance}", "url": "https://${instance}/@${handle}"},
      "mentions": [{"id": "14715", "username": "greenfuture", "url": "https://social.example.org/@greenfuture", "acct": "greenfuture"}],
      "tags": [{"name": "${tag}", "url": "https://social.example.org/tags/${tag}"}]
    }
  })";
  static constexpr std::string_view kFavourite = R"({
    "id": "${id}",
    "type": "${type}",
    "created_at": "${time}",
    "account": {"id": "${person_id}", "username": "${handle}", "acct": "${handle}@${instance}", "display_name": "${name}", "url": "https://${instance}/@${handle}"},
    "status": {"id": "${answered}", "visibility": "public", "content": "<p>${text}</p>", "tags": [{"name": "${tag}"}]}
  })";
  return Repeat("[\n  ", ",\n  ", "\n]\n", [](int64_t i, Rng& rng, std::string& out) {
    const Person p = PersonOf(rng);
    const std::string name = fmt::format("{} {}", p.first, p.last);
    const size_t pick = rng.Below(4);
    const std::string_view type = pick == 1 ? "favourite" : pick == 2 ? "reblog" : "follow";
    Fill(pick == 0 ? kMention : kFavourite,
         {{"id", fmt::format("{}", 34975861 + i)},
          {"type", type},
          {"time", fmt::format("{:%Y-%m-%dT%H:%M:%S}.000Z", TimeOf(i, rng))},
          {"person_id", fmt::format("{}", p.number)},
          {"handle", p.handle},
          {"name", JsonEscaped(name)},
          {"instance", rng.Pick(kInstances)},
          {"answered", fmt::format("11237{:013}", rng.Below(5000))},
          {"text", JsonEscaped(TextOf(rng, true))},
          {"tag", rng.Pick(kTags)}},
         out);
  });
}

std::string BlueskyNotifications() {
  static constexpr std::string_view kLike = R"({
      "uri": "at://did:plc:${did}/app.bsky.feed.${collection}/3lbh${id}",
      "cid": "bafyreib3lbh${id}",
      "author": {"did": "did:plc:${did}", "handle": "${handle}.bsky.social", "displayName": "${name}",
        "avatar": "https://cdn.bsky.app/img/avatar/plain/did:plc:${did}/bafkreiavatar@jpeg", "labels": [], "createdAt": "2023-05-01T10:00:00.000Z"},
      "reason": "${reason}",
      "reasonSubject": "at://did:plc:org4gx7mhrwq2fm/app.bsky.feed.post/3lbf${post}",
      "record": {"$type": "app.bsky.feed.${collection}", "subject": {"uri": "at://did:plc:org4gx7mhrwq2fm/app.bsky.feed.post/3lbf${post}", "cid": "bafyreip1"}, "createdAt": "${time}"},
      "isRead": false, "indexedAt": "${time}", "labels": []
    })";
  static constexpr std::string_view kReply = R"({
      "uri": "at://did:plc:${did}/app.bsky.feed.post/3lbh${id}",
      "cid": "bafyreib3lbh${id}",
      "author": {"did": "did:plc:${did}", "handle": "${handle}.bsky.social", "displayName": "${name}",
        "avatar": "https://cdn.bsky.app/img/avatar/plain/did:plc:${did}/bafkreiavatar@jpeg", "labels": [], "createdAt": "2023-05-01T10:00:00.000Z"},
      "reason": "reply",
      "reasonSubject": "at://did:plc:org4gx7mhrwq2fm/app.bsky.feed.post/3lbf${post}",
      "record": {"$type": "app.bsky.feed.post", "text": "${text} #${tag}", "langs": ["en"],
        "facets": [{"index": {"byteStart": ${tag_start}, "byteEnd": ${tag_end}}, "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": "${tag}"}]}],
        "reply": {"root": {"uri": "at://did:plc:org4gx7mhrwq2fm/app.bsky.feed.post/3lbf${post}", "cid": "bafyreip1"},
                  "parent": {"uri": "at://did:plc:org4gx7mhrwq2fm/app.bsky.feed.post/3lbf${post}", "cid": "bafyreip1"}},
        "createdAt": "${time}"},
      "isRead": true, "indexedAt": "${time}", "labels": []
    })";
  return Repeat("{\n  \"notifications\": [\n    ", ",\n    ", "\n  ],\n  \"cursor\": \"2025-03-04T12:00:01.120Z\"\n}\n",
                [](int64_t i, Rng& rng, std::string& out) {
                  const Person p = PersonOf(rng);
                  const size_t pick = rng.Below(3);
                  const std::string text = TextOf(rng, false);
                  const std::string_view tag = rng.Pick(kTags);
                  Fill(pick == 0 ? kReply : kLike,
                       {{"id", fmt::format("{:010}", i)},
                        {"did", fmt::format("{}{:06}", p.handle.substr(0, 4), p.number)},
                        {"handle", p.handle},
                        {"name", JsonEscaped(fmt::format("{} {}", p.first, p.last))},
                        {"reason", pick == 1 ? "like" : "repost"},
                        {"collection", pick == 1 ? "like" : "repost"},
                        {"post", fmt::format("{:09}", rng.Below(3000))},
                        {"text", JsonEscaped(text)},
                        {"tag", tag},
                        {"tag_start", fmt::format("{}", text.size() + 1)},
                        {"tag_end", fmt::format("{}", text.size() + 2 + tag.size())},
                        {"time", fmt::format("{:%Y-%m-%dT%H:%M:%S}.000Z", TimeOf(i, rng))}},
                       out);
                });
}

std::string XArchiveTweets() {
  static constexpr std::string_view kTweet = R"({
    "tweet" : {
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [ { "text" : "${tag}", "indices" : [ "0", "9" ] } ],
        "symbols" : [ ],
        "user_mentions" : [ { "name" : "${name}", "screen_name" : "${handle}", "indices" : [ "0", "6" ], "id_str" : "${person_id}", "id" : "${person_id}" } ],
        "urls" : [ ]
      },
      "display_text_range" : [ "0", "${length}" ],
      "favorite_count" : "${likes}",
      "in_reply_to_status_id_str" : "15033112${answered}",
      "id_str" : "${id}",
      "in_reply_to_user_id" : "${person_id}",
      "truncated" : false,
      "retweet_count" : "${retweets}",
      "id" : "${id}",
      "in_reply_to_status_id" : "15033112${answered}",
      "created_at" : "${time}",
      "favorited" : false,
      "full_text" : "@${handle} ${text}",
      "lang" : "en",
      "in_reply_to_screen_name" : "${handle}",
      "in_reply_to_user_id_str" : "${person_id}"
    }
  })";
  return Repeat("window.YTD.tweets.part0 = [ ", ", ", " ]\n", [](int64_t i, Rng& rng, std::string& out) {
    const Person p = PersonOf(rng);
    const std::string text = TextOf(rng, true);
    Fill(kTweet,
         {{"tag", rng.Pick(kTags)},
          {"name", JsonEscaped(p.first)},
          {"handle", p.handle},
          {"person_id", fmt::format("{}", 31337 + p.number)},
          {"length", fmt::format("{}", text.size())},
          {"likes", fmt::format("{}", rng.Below(300))},
          {"retweets", fmt::format("{}", rng.Below(40))},
          {"answered", fmt::format("{:011}", rng.Below(100000))},
          {"id", fmt::format("{}", 1503312345678901248 + i * 7919)},
          {"time", fmt::format("{:%a %b %d %H:%M:%S +0000 %Y}", TimeOf(i, rng))},
          {"text", JsonEscaped(text)}},
         out);
  });
}

// The organization's own posts with their counts, as the analytics CSVs
// give them: `post(i, rng, text, time)` makes a row's cells.
std::string MetricsCsv(std::string_view header,
                       const std::function<void(int64_t, Rng&, const std::string&, Seconds, std::string&)>& row) {
  return Repeat(header, "", "", [&row](int64_t i, Rng& rng, std::string& out) {
    row(i, rng, CsvQuoted(TextOf(rng, true)), TimeOf(i, rng), out);
    out += "\n";
  });
}

// Appends ',' and a quoted count below `below`, grouped by thousands.
void AppendCount(Rng& rng, size_t below, std::string& out) {
  const size_t n = rng.Below(below);
  if (n >= 1000) {
    fmt::format_to(std::back_inserter(out), ",\"{},{:03}\"", n / 1000, n % 1000);
  } else {
    fmt::format_to(std::back_inserter(out), ",\"{}\"", n);
  }
}

std::string XAnalytics() {
  return MetricsCsv(
      "\xEF\xBB\xBF\"Post id\",\"Date\",\"Post text\",\"Post Link\",\"Impressions\",\"Likes\",\"Engagements\","
      "\"Bookmarks\",\"Shares\",\"New follows\",\"Replies\",\"Reposts\",\"Profile visits\",\"Detail Expands\","
      "\"URL Clicks\"\n",
      [](int64_t i, Rng& rng, const std::string& text, Seconds time, std::string& out) {
        const int64_t id = 1785612300011122334 + i * 7919;
        out += fmt::format("\"{}\",\"{:%a, %b %d, %Y}\",{},\"https://x.com/GreenStreetsOrg/status/{}\"", id, time, text,
                           id);
        for (size_t below : {40000, 900, 3000, 50, 20, 30, 60, 200, 400, 600, 300}) AppendCount(rng, below, out);
      });
}

std::string FacebookPosts() {
  return MetricsCsv(
      "\xEF\xBB\xBF\"Post ID\",\"Page ID\",\"Page name\",\"Title\",\"Description\",\"Duration (sec)\",\"Publish "
      "time\",\"Permalink\",\"Post type\",\"Custom labels\",\"Date\",\"Impressions\",\"Reach\",\"Reactions, comments "
      "and shares\",\"Reactions\",\"Comments\",\"Shares\",\"Total clicks\",\"Link clicks\",\"Other clicks\","
      "\"Negative feedback from users: Hide all\"\n",
      [](int64_t i, Rng& rng, const std::string& text, Seconds time, std::string& out) {
        const int64_t id = 122100000000000101 + i;
        out += fmt::format(
            "\"{}\",\"100064000000001\",\"Green Streets\",\"\",{},\"\",\"{:%m/%d/%Y %H:%M}\","
            "\"https://www.facebook.com/100064000000001/posts/{}\",\"Photos\",\"\",\"Lifetime\"",
            id, text, time, id);
        for (size_t below : {40000, 30000, 2000, 1500, 200, 100, 2000, 1500, 500, 5}) AppendCount(rng, below, out);
      });
}

std::string InstagramPosts() {
  return MetricsCsv(
      "\"Post ID\",\"Account ID\",\"Account username\",\"Account name\",\"Description\",\"Duration (sec)\",\"Publish "
      "time\",\"Permalink\",\"Post type\",\"Data comment\",\"Date\",\"Views\",\"Reach\",\"Likes\",\"Shares\","
      "\"Follows\",\"Comments\",\"Saves\",\"Profile visits\"\n",
      [](int64_t i, Rng& rng, const std::string& text, Seconds time, std::string& out) {
        out += fmt::format(
            "\"{}\",\"17841400000000001\",\"greenstreets\",\"Green Streets\",{},\"{}\",\"{:%m/%d/%Y %H:%M}\","
            "\"https://www.instagram.com/p/C5a{:08}/\",\"IG carousel\",\"\",\"Lifetime\"",
            17900000000000001 + i, text, rng.Below(60), time, i);
        for (size_t below : {40000, 30000, 2000, 100, 20, 200, 150, 300}) AppendCount(rng, below, out);
      });
}

std::string MailchimpAudience() {
  return Repeat(
      "\xEF\xBB\xBF"
      "Email Address,First Name,Last Name,Address,Phone Number,Chapter,MEMBER_RATING,OPTIN_TIME,OPTIN_IP,CONFIRM_TIME,"
      "CONFIRM_IP,LATITUDE,LONGITUDE,GMTOFF,DSTOFF,TIMEZONE,CC,REGION,LAST_CHANGED,LEID,EUID,NOTES,TAGS\n",
      "", "", [](int64_t i, Rng& rng, std::string& out) {
        const Person p = PersonOf(rng);
        const Seconds optin = TimeOf(i, rng);
        out += fmt::format(
            "{},{},{},\"{} Oak St  Springfield  IL  62701  US\",555-01{:02},\"North, East\",{},\"{:%Y-%m-%d "
            "%H:%M:%S}\",198.51.100.7,\"{:%Y-%m-%d %H:%M:%S}\",198.51.100.7,39.78,-89.65,-6,-5,America/Chicago,US,IL,"
            "\"{:%Y-%m-%d %H:%M:%S}\",{},{:010x},{},\"\"\"Volunteer\"\",\"\"{}\"\"\"\n",
            p.email, p.first, CsvQuoted(p.last), rng.Below(200), rng.Below(100), 1 + rng.Below(5), optin,
            optin + std::chrono::seconds(330), optin + std::chrono::hours(24 * 30), 31337001 + i, rng.Next() >> 24,
            CsvQuoted(TextOf(rng, false)), rng.Pick(kTags));
      });
}

std::string MailchimpActivity() {
  static constexpr std::string_view kEmail = R"({
      "campaign_id": "c0ffee1234",
      "list_id": "4ca5becb8d",
      "list_is_active": true,
      "email_id": "${email_id}",
      "email_address": "${email}",
      "activity": [
        {"action": "open", "timestamp": "${time}+00:00", "ip": "198.51.100.7"},
        {"action": "click", "timestamp": "${time}+00:00", "url": "https://example.org/walk?utm_source=newsletter&utm_content=${tag}", "ip": "198.51.100.7"},
        {"action": "open", "timestamp": "${later}+02:00", "ip": "198.51.100.7"}
      ],
      "_links": []
    })";
  return Repeat("{\n  \"emails\": [\n    ", ",\n    ",
                "\n  ],\n  \"campaign_id\": \"c0ffee1234\",\n  \"total_items\": 1,\n  \"_links\": []\n}\n",
                [](int64_t i, Rng& rng, std::string& out) {
                  const Person p = PersonOf(rng);
                  const Seconds time = TimeOf(i, rng);
                  Fill(kEmail,
                       {{"email_id", fmt::format("{:016x}{:016x}", rng.Next(), rng.Next())},
                        {"email", p.email},
                        {"tag", rng.Pick(kTags)},
                        {"time", fmt::format("{:%Y-%m-%dT%H:%M:%S}", time)},
                        {"later", fmt::format("{:%Y-%m-%dT%H:%M:%S}", time + std::chrono::hours(30))}},
                       out);
                });
}

std::string ActBlue() {
  // ActBlue's contributions report: 110 columns, most of them empty.
  static constexpr std::string_view kHeader =
      "\xEF\xBB\xBFReceipt ID,Date,Amount,Recurring Total Months,Recurrence Number,Recipient,Fundraising Page,"
      "Fundraising Partner,Reference Code 2,Reference Code,Donor First Name,Donor Last Name,Donor Addr1,Donor Addr2,"
      "Donor City,Donor State,Donor ZIP,Donor Country,Donor Occupation,Donor Employer,Donor Email,Donor Phone,New "
      "Express Signup,Comments,Check Number,Check Date,Employer Addr1,Employer Addr2,Employer City,Employer "
      "State,Employer ZIP,Employer Country,Donor ID,Fundraiser ID,Fundraiser Recipient ID,Fundraiser Contact "
      "Email,Fundraiser Contact First Name,Fundraiser Contact Last Name,Partner ID,Partner Contact Email,Partner "
      "Contact First Name,Partner Contact Last Name,Reserved,Lineitem ID,AB Test Name,AB Variation,Recipient "
      "Committee,Recipient ID,Recipient Gov ID,Recipient Election,Reserved,Payment ID,Payment Date,Disbursement "
      "ID,Disbursement Date,Recovery ID,Recovery Date,Refund ID,Refund Date,Fee,Recur Weekly,ActBlue Express "
      "Lane,Reserved,Card Type,Reserved,Mobile,Recurring Upsell Shown,Recurring Upsell Succeeded,Double Down,Smart "
      "Recurring,Monthly Recurring Amount,Apple Pay,Card Replaced by Account Updater,ActBlue Express Donor,Custom "
      "Field 1 Label,Custom Field 1 Value,Donor US Passport Number,Text Message Opt In,Gift Identifier,Gift "
      "Declined,Shipping Addr1,Shipping City,Shipping State,Shipping Zip,Shipping Country,Weekly Recurring "
      "Amount,Smart Boost Amount,Smart Boost Shown,Bump Recurring Seen,Bump Recurring Succeeded,Weekly to Monthly "
      "Rollover Date,Weekly Recurring Sunset,Recurring Type,Recurring Pledged,Paypal,Kind,Managing Entity,Sub "
      "Kind\n";
  return Repeat(kHeader, "", "", [](int64_t i, Rng& rng, std::string& out) {
    const Person p = PersonOf(rng);
    out += fmt::format(
        "AB{},{:%Y-%m-%d %H:%M:%S},{}.{:02},,,River Valley Tenants Union,rvtu-spring,,x7fq2,spring-email,{},{},"
        "{} Elm St,Apt 3,Philadelphia,PA,19104,United States,Teacher,{},{},215-555-01{:02},f,{},,,,,,,,,{},,,,,,,,,"
        ",,{},,,River Valley Tenants Union,88123,,,,7700001,2024-03-04 00:00:00,,,,,,,0.99,f,f,,visa,,t,f,f,f,f,,"
        "f,f,f,,,,f,,f,,,,,,,,f,f,f,,,,,f,contribution,,\n",
        100000001 + i, TimeOf(i, rng), 5 + rng.Below(200), rng.Below(100), p.first, CsvQuoted(p.last), rng.Below(900),
        CsvQuoted("Springfield School District, Inc."), p.email, rng.Below(100), CsvQuoted(TextOf(rng, false)),
        3300001 + p.number, 500000001 + i);
  });
}

std::string MobilizeAttendances() {
  static constexpr std::string_view kAttendance = R"({
      "id": ${id},
      "created_date": ${created},
      "modified_date": ${created},
      "status": "CONFIRMED",
      "attended": ${attended},
      "person": {
        "id": ${person_id},
        "given_name": "${first}",
        "family_name": "${last}",
        "email_addresses": [{"primary": true, "address": "${email}"}],
        "phone_numbers": [{"primary": true, "number": "2155550101"}],
        "postal_addresses": [{"primary": true, "postal_code": "19104"}],
        "sms_opt_in_status": "OPT_IN",
        "created_date": 1700000000,
        "modified_date": ${created}
      },
      "event": {"id": ${event}, "title": "${title}", "event_type": "CANVASS", "timezone": "America/New_York"},
      "timeslot": {"id": 44${event}, "start_date": ${start}, "end_date": ${end}, "is_full": false},
      "sponsor": {"id": 2046, "name": "River Valley Tenants Union", "slug": "rvtu"},
      "referrer": {"utm_source": "newsletter", "utm_medium": "email", "utm_campaign": "may-canvass", "utm_term": null, "utm_content": null, "url": "https://www.mobilize.us/rvtu/event/${event}/"},
      "custom_signup_field_values": [{"custom_field_id": 31, "custom_field_name": "Language", "text_value": "Español"}]
    })";
  return Repeat("{\n  \"count\": 1,\n  \"next\": null,\n  \"previous\": null,\n  \"data\": [\n    ", ",\n    ",
                "\n  ]\n}\n", [](int64_t i, Rng& rng, std::string& out) {
                  const Person p = PersonOf(rng);
                  const int64_t created = TimeOf(i, rng).time_since_epoch().count();
                  const int64_t start = created + 86400 * static_cast<int64_t>(1 + rng.Below(20));
                  Fill(kAttendance,
                       {{"id", fmt::format("{}", 900001 + i)},
                        {"created", fmt::format("{}", created)},
                        {"attended", rng.Below(2) == 0 ? "true" : "false"},
                        {"person_id", fmt::format("{}", 77001 + p.number)},
                        {"first", JsonEscaped(p.first)},
                        {"last", JsonEscaped(p.last)},
                        {"email", p.email},
                        {"event", fmt::format("{}", 600 + rng.Below(300))},
                        {"title", JsonEscaped(Cut(TextOf(rng, false), 60))},
                        {"start", fmt::format("{}", start)},
                        {"end", fmt::format("{}", start + 10800)}},
                       out);
                });
}

std::string OsdiSignatures() {
  static constexpr std::string_view kSignature = R"({
        "identifiers": ["action_network:1f0e9d8c-${uuid}"],
        "created_date": "${time}",
        "modified_date": "${time}",
        "comments": "${text}",
        "action_network:person_id": "5b6c7d8e-aaaa-4bbb-8ccc-${person_id}",
        "action_network:referrer_data": {"source": "spring-newsletter", "referrer": "none"},
        "_embedded": {
          "osdi:person": {
            "given_name": "${first}",
            "family_name": "${last}",
            "identifiers": ["action_network:5b6c7d8e-aaaa-4bbb-8ccc-${person_id}"],
            "email_addresses": [{"primary": true, "address": "${email}", "status": "subscribed"}],
            "postal_addresses": [{"primary": true, "postal_code": "20009", "country": "US"}]
          }
        },
        "_links": {
          "self": {"href": "https://actionnetwork.org/api/v2/petitions/7a1c0e52-0d4b-4b8e-9a51-2f1d3c4b5a60/signatures/1f0e9d8c-${uuid}"},
          "osdi:petition": {"href": "https://actionnetwork.org/api/v2/petitions/7a1c0e52-0d4b-4b8e-9a51-2f1d3c4b5a60"},
          "osdi:person": {"href": "https://actionnetwork.org/api/v2/people/5b6c7d8e-aaaa-4bbb-8ccc-${person_id}"}
        }
      })";
  return Repeat(
      "{\n  \"total_pages\": 1,\n  \"per_page\": 25,\n  \"page\": 1,\n  \"_links\": {\"self\": {\"href\": "
      "\"https://actionnetwork.org/api/v2/petitions/7a1c0e52-0d4b-4b8e-9a51-2f1d3c4b5a60/signatures\"}},\n  "
      "\"_embedded\": {\n    \"osdi:signatures\": [\n      ",
      ",\n      ", "\n    ]\n  }\n}\n", [](int64_t i, Rng& rng, std::string& out) {
        const Person p = PersonOf(rng);
        Fill(kSignature,
             {{"uuid", fmt::format("{:04x}-4000-8000-{:012x}", i & 0xffff, i)},
              {"time", fmt::format("{:%Y-%m-%dT%H:%M:%S}Z", TimeOf(i, rng))},
              {"text", JsonEscaped(TextOf(rng, true))},
              {"person_id", fmt::format("{:012}", p.number)},
              {"first", JsonEscaped(p.first)},
              {"last", JsonEscaped(p.last)},
              {"email", p.email}},
             out);
      });
}

std::string CiviContributions() {
  return Repeat(
      "\"Contact ID\",\"Contact Type\",\"Sort Name\",\"Display Name\",\"Email\",\"Total Amount\",\"Financial "
      "Type\",\"Contribution Source\",\"Date Received\",\"Contribution Status\",\"Contribution ID\",\"Currency\"\n",
      "", "", [](int64_t i, Rng& rng, std::string& out) {
        const Person p = PersonOf(rng);
        out += fmt::format(
            "\"{}\",\"Individual\",{},{},\"{}\",\"$ {}.{:02}\",\"Donation\",\"Spring appeal, online\",\"{:%Y-%m-%d "
            "%H:%M:%S}\",\"Completed\",\"{}\",\"USD\"\n",
            12 + p.number, CsvQuoted(fmt::format("{}, {}", p.last, p.first)),
            CsvQuoted(fmt::format("{} {}", p.first, p.last)), p.email, 5 + rng.Below(500), rng.Below(100),
            TimeOf(i, rng), 501 + i);
      });
}

std::string CiviActivities() {
  static constexpr std::string_view kTypes[] = {
      "Meeting", "Phone Call", "Email", "Event Registration", "Petition Signature", "Volunteer"};
  return Repeat(
      "Contact ID,Email,Activity ID,Activity Type,Subject,Activity Date,Activity Status,With Contact,Source "
      "Contact\n",
      "", "", [](int64_t i, Rng& rng, std::string& out) {
        const Person p = PersonOf(rng);
        const std::string name = fmt::format("{} {}", p.first, p.last);
        out += fmt::format("{},{},{},{},{},{:%Y-%m-%d %H:%M:%S},Completed,{},Staff Member\n", 12 + p.number, p.email,
                           9001 + i, rng.Pick(kTypes), CsvQuoted(Cut(TextOf(rng, false), 50)), TimeOf(i, rng),
                           CsvQuoted(name));
      });
}

// Action Network's activist export: a report's download with its can2_
// columns and two custom fields.
std::string ActionNetworkActivists() {
  return Repeat(
      "uuid,first_name,last_name,email,zip_code,can2_user_address,can2_user_city,can2_state_abbreviated,can2_county,"
      "can2_phone,can2_sms_status,can2_subscription_status,can2_subscription_date,can2_user_tags,Volunteer Interest,"
      "Preferred Language\n",
      "", "", [](int64_t i, Rng& rng, std::string& out) {
        const Person p = PersonOf(rng);
        out += fmt::format(
            "5b6c7d8e-aaaa-4bbb-8ccc-{:012},{},{},{},19104,\"{} Elm St, Apt 3\",Philadelphia,PA,Philadelphia,"
            "21555501{:02},{},subscribed,{:%Y-%m-%d %H:%M:%S},\"{}, Walk 2024\",Canvassing,English\n",
            p.number, p.first, CsvQuoted(p.last), p.email, rng.Below(900), rng.Below(100),
            i % 3 == 0 ? "subscribed" : "", TimeOf(i, rng), rng.Pick(kTags));
      });
}

// One petition's signatures as its Manage page downloads them.
std::string ActionNetworkSignatures() {
  return Repeat(
      "first_name,last_name,email,zip_code,can2_user_address,can2_user_city,can2_state_abbreviated,can2_country,"
      "can2_phone,comments,source_code,timestamp\n",
      "", "", [](int64_t i, Rng& rng, std::string& out) {
        const Person p = PersonOf(rng);
        out += fmt::format(
            "{},{},{},19104,{} Elm St,Philadelphia,PA,US,21555501{:02},{},spring-email,{:%Y-%m-%d %H:%M:%S}\n", p.first,
            CsvQuoted(p.last), p.email, rng.Below(900), rng.Below(100),
            i % 4 == 0 ? CsvQuoted(TextOf(rng, false)) : std::string(), TimeOf(i, rng));
      });
}

// The organization's outbox: replies that mention a supporter.
std::string MastodonOutbox() {
  static constexpr std::string_view kCreate = R"({
      "id": "https://social.example.org/users/greenfuture/statuses/1124${id}/activity",
      "type": "Create",
      "actor": "https://social.example.org/users/greenfuture",
      "published": "${time}",
      "to": ["https://www.w3.org/ns/activitystreams#Public"],
      "object": {
        "id": "https://social.example.org/users/greenfuture/statuses/1124${id}",
        "type": "Note",
        "inReplyTo": "https://${instance}/users/${handle}/statuses/998${id}",
        "published": "${time}",
        "attributedTo": "https://social.example.org/users/greenfuture",
        "content": "<p><span class=\"h-card\"><a href=\"https://${instance}/@${handle}\" class=\"u-url mention\">@<span>${handle}</span></a></span> ${text}</p>",
        "tag": [{"type": "Mention", "href": "https://${instance}/users/${handle}", "name": "@${handle}@${instance}"},
                {"type": "Hashtag", "href": "https://social.example.org/tags/${tag}", "name": "#${tag}"}]
      }
    })";
  return Repeat(
      R"({"@context": "https://www.w3.org/ns/activitystreams", "id": "outbox.json", "type": "OrderedCollection", "orderedItems": [)",
      ",\n", "]}\n", [](int64_t i, Rng& rng, std::string& out) {
        const Person p = PersonOf(rng);
        const std::string id = fmt::format("{}", 10000000 + i);
        const std::string time = fmt::format("{:%Y-%m-%dT%H:%M:%S}Z", TimeOf(i, rng));
        Fill(kCreate,
             {{"id", id},
              {"time", time},
              {"instance", kInstances[p.number % std::size(kInstances)]},
              {"handle", p.handle},
              {"text", JsonEscaped(TextOf(rng, false))},
              {"tag", rng.Pick(kTags)}},
             out);
      });
}

// The organization's blog as RSS 2.0.
std::string RssFeed() {
  static constexpr std::string_view kItem = R"(
    <item>
      <title>${title}</title>
      <link>https://tenants.example.org/posts/${id}/</link>
      <guid isPermaLink="false">https://tenants.example.org/?p=${id}</guid>
      <pubDate>${time}</pubDate>
      <category>${tag}</category>
      <description><![CDATA[<p>${text}</p><p>Read more on <a href="https://tenants.example.org/">our site</a>.</p>]]></description>
    </item>)";
  return Repeat(R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Riverside Tenants &amp; Friends</title><link>https://tenants.example.org/</link>)",
                "", "\n</channel></rss>\n", [](int64_t i, Rng& rng, std::string& out) {
                  Fill(kItem,
                       {{"title", Cut(std::string(rng.Pick(kSentences)), 40)},
                        {"id", fmt::format("{}", i)},
                        {"time", fmt::format("{:%a, %d %b %Y %H:%M:%S} +0000", TimeOf(i, rng))},
                        {"tag", rng.Pick(kTags)},
                        {"text", TextOf(rng, true)}},
                       out);
                });
}

std::string JsonFeed() {
  static constexpr std::string_view kItem =
      R"({"id": "post-${id}", "url": "https://friends.example.org/posts/${id}", "title": "${title}", "content_html": "<p>${text}</p>", "date_published": "${time}", "tags": ["${tag}"]})";
  return Repeat(
      R"({"version": "https://jsonfeed.org/version/1.1", "title": "Library Friends", "home_page_url": "https://friends.example.org/", "items": [)",
      ",\n", "]}\n", [](int64_t i, Rng& rng, std::string& out) {
        Fill(kItem,
             {{"id", fmt::format("{}", i)},
              {"title", JsonEscaped(Cut(std::string(rng.Pick(kSentences)), 40))},
              {"text", JsonEscaped(TextOf(rng, false))},
              {"time", fmt::format("{:%Y-%m-%dT%H:%M:%S}Z", TimeOf(i, rng))},
              {"tag", rng.Pick(kTags)}},
             out);
      });
}

struct Generator {
  std::string_view file;  // what the input is called (some formats read the name)
  std::string (*make)();
};

// One per platform format, by name.
const std::map<std::string_view, Generator>& Generators() {
  static const auto* generators = new std::map<std::string_view, Generator>{
      {"mastodon-api", {"notifications.json", MastodonNotifications}},
      {"bluesky-api", {"notifications.json", BlueskyNotifications}},
      {"x-archive", {"tweets.js", XArchiveTweets}},
      {"x-analytics", {"account_analytics_content.csv", XAnalytics}},
      {"facebook-posts", {"facebook_posts.csv", FacebookPosts}},
      {"instagram-posts", {"instagram_posts.csv", InstagramPosts}},
      {"mailchimp-audience", {"subscribed_members_export_3f2a.csv", MailchimpAudience}},
      {"mailchimp-activity", {"campaign_email_activity.json", MailchimpActivity}},
      {"actblue-contributions", {"contributions.csv", ActBlue}},
      {"mobilize-attendances", {"attendances.json", MobilizeAttendances}},
      {"osdi", {"signatures.json", OsdiSignatures}},
      {"civicrm-contributions", {"contributions.csv", CiviContributions}},
      {"civicrm-activities", {"activities.csv", CiviActivities}},
      {"actionnetwork-activists", {"activists.csv", ActionNetworkActivists}},
      {"actionnetwork-actions", {"petition_signatures.csv", ActionNetworkSignatures}},
      {"mastodon-archive", {"outbox.json", MastodonOutbox}},
      {"feed", {"feed.xml", RssFeed}},
      {"json-feed", {"feed.json", JsonFeed}},
  };
  return *generators;
}

// The input of the benchmark running now; one at a time, so that memory
// holds one input, not thirteen.
const std::string& InputOf(std::string_view name, std::string (*make)()) {
  static std::string current_name;
  static std::string current;
  if (current_name != name) {
    current = make();
    current_name = name;
  }
  return current;
}

class CountingSink final : public ingest::RecordSink {
 public:
  Status Event(const EventView&) override {
    ++events;
    return Status::Ok();
  }
  Status Observation(const learnloop::Observation&) override {
    ++observations;
    return Status::Ok();
  }
  Status Attribute(const PersonAttribute&) override {
    ++attributes;
    return Status::Ok();
  }
  Status Content(const ContentItem&) override {
    ++contents;
    return Status::Ok();
  }
  int64_t events = 0, observations = 0, attributes = 0, contents = 0;
};

[[noreturn]] void Die(std::string_view what) {
  std::fprintf(stderr, "import_bench: %.*s\n", static_cast<int>(what.size()), what.data());
  std::abort();
}

void BM_Import(benchmark::State& state, const ingest::PlatformFormat* format, Generator generator) {
  const std::string& bytes = InputOf(format->name, generator.make);
  ingest::PlatformContext context;
  context.file = std::string(generator.file);
  int64_t records = 0;
  CountingSink sink;
  ingest::ReadReport report;
  for (auto _ : state) {
    sink = CountingSink();
    report = ingest::ReadReport();
    int64_t custom_kinds = 0;
    Status status = ingest::ReadPlatformFile(*format, bytes, context, sink, report, custom_kinds);
    if (!status.ok()) Die(fmt::format("{}: {}", format->name, status.message()));
    records += report.records;
  }
  // A generator whose records the format mostly skips measures the wrong path.
  const int64_t yielded = sink.events + sink.observations + sink.attributes + sink.contents;
  if (yielded == 0 || report.skipped_total() * 10 > report.records) {
    std::string reasons;
    for (const auto& [reason, count] : report.skipped) reasons += fmt::format("\n  {}: {}", reason, count);
    Die(fmt::format("{}: the generated input yields {} records of {}, skips {}:{}{}", format->name, yielded,
                    report.records, report.skipped_total(), reasons,
                    report.warnings.empty() ? "" : "\n  first warning: " + report.warnings.front()));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes.size()));
  state.SetItemsProcessed(records);
  state.counters["MB"] = static_cast<double>(bytes.size()) / 1e6;
  state.counters["events"] = static_cast<double>(sink.events);
  state.counters["observations"] = static_cast<double>(sink.observations + sink.attributes + sink.contents);
}

// The canonical formats: the same kinds of events, one per line.
std::string CanonicalCsv() {
  return Repeat("ts,channel,person,kind,content,value,tags\n", "", "", [](int64_t i, Rng& rng, std::string& out) {
    const Person p = PersonOf(rng);
    out += fmt::format("{:%Y-%m-%dT%H:%M:%S}Z,newsletter,{},open,{},,\"launch; {}\"\n", TimeOf(i, rng), p.email,
                       CsvQuoted(TextOf(rng, true)), rng.Pick(kTags));
  });
}

std::string CanonicalJsonl() {
  return Repeat("", "", "", [](int64_t i, Rng& rng, std::string& out) {
    const Person p = PersonOf(rng);
    out += fmt::format(
        "{{\"ts\":\"{:%Y-%m-%dT%H:%M:%S}Z\",\"channel\":\"newsletter\",\"person\":\"{}\",\"kind\":\"open\","
        "\"content\":\"{}\",\"value\":null,\"tags\":[\"launch\",\"{}\"]}}\n",
        TimeOf(i, rng), p.email, JsonEscaped(TextOf(rng, true)), rng.Pick(kTags));
  });
}

void BM_Canonical(benchmark::State& state, std::string_view name, std::string (*make)()) {
  const std::string& bytes = InputOf(name, make);
  int64_t records = 0;
  for (auto _ : state) {
    auto reader = ingest::OpenEventBuffer(bytes, {});
    if (!reader.ok()) Die(fmt::format("{}: {}", name, reader.status().message()));
    EventView e;
    while (true) {
      Result<bool> more = (*reader)->Next(&e);
      if (!more.ok()) Die(fmt::format("{}: {}", name, more.status().message()));
      if (!*more) break;
      ++records;
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes.size()));
  state.SetItemsProcessed(records);
  state.counters["MB"] = static_cast<double>(bytes.size()) / 1e6;
}

void RegisterAll() {
  for (const ingest::PlatformFormat* format : ingest::PlatformFormats()) {
    auto generator = Generators().find(format->name);
    if (generator == Generators().end())
      Die(fmt::format("platform format '{}' has no input generator; add one to Generators() in bench/import_bench.cc",
                      format->name));
    benchmark::RegisterBenchmark(fmt::format("BM_Import/{}", format->name).c_str(), BM_Import, format,
                                 generator->second)
        ->Unit(benchmark::kMillisecond);
  }
  benchmark::RegisterBenchmark("BM_Import/canonical-csv", BM_Canonical, "canonical-csv", CanonicalCsv)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("BM_Import/canonical-jsonl", BM_Canonical, "canonical-jsonl", CanonicalJsonl)
      ->Unit(benchmark::kMillisecond);
}

}  // namespace
}  // namespace learnloop::bench

namespace learnloop::bench {
namespace {

// --write-input FORMAT MIB FILE: writes the input generated for FORMAT,
// about MIB MiB, to FILE (for whole-process measures: bench/platform_memory.sh).
int WriteInput(std::string_view format, std::string_view mib, const char* file) {
  auto generator = Generators().find(format);
  if (generator == Generators().end()) Die(fmt::format("no generator for format '{}'", format));
  g_target_bytes = static_cast<size_t>(std::stoull(std::string(mib))) << 20;
  const std::string bytes = generator->second.make();
  std::FILE* out = std::fopen(file, "wb");
  if (out == nullptr || std::fwrite(bytes.data(), 1, bytes.size(), out) != bytes.size() || std::fclose(out) != 0)
    Die(fmt::format("cannot write {}", file));
  return 0;
}

}  // namespace
}  // namespace learnloop::bench

int main(int argc, char** argv) {
  if (argc == 5 && std::string_view(argv[1]) == "--write-input")
    return learnloop::bench::WriteInput(argv[2], argv[3], argv[4]);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  learnloop::bench::RegisterAll();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
