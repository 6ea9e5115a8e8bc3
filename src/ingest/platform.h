// Platform exports: the files a platform hands an organization (API JSON as
// saved, account archives, insights CSVs), recognized by their content and
// mapped onto events, observations and person attributes. Each format is
// one PlatformFormat in a file of its own (mastodon.cc, ...); this header
// is what they share and how a file finds its format.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/chunked_input.h"
#include "learnloop/content.h"
#include "learnloop/event.h"
#include "learnloop/metrics.h"
#include "learnloop/people.h"
#include "learnloop/status.h"
#include "learnloop/time.h"

namespace learnloop::ingest {

// Receives what a platform file yields, in file order. An error it returns
// stops the read and is the read's error.
class RecordSink {
 public:
  virtual ~RecordSink() = default;
  virtual Status Event(const EventView& event) = 0;
  virtual Status Observation(const learnloop::Observation& observation) = 0;
  virtual Status Attribute(const PersonAttribute& attribute) = 0;
  // An item the organization published (a feed's post).
  virtual Status Content(const ContentItem& item) = 0;
};

// What reading one file found besides its records: what was read, what
// could not be used and why.
struct ReadReport {
  static constexpr size_t kMaxWarnings = 20;

  int64_t records = 0;                     // the format's units read: notifications, posts, rows
  std::map<std::string, int64_t> skipped;  // why a record was not used -> how many
  std::vector<std::string> warnings;       // the first kMaxWarnings
  int64_t more_warnings = 0;               // warnings beyond those

  void Skip(std::string_view reason, int64_t count = 1);
  void Warn(std::string text);
  int64_t skipped_total() const;
};

// Where a file's records go: the channel their events, observations and
// contents name (empty: the format's default), and the zone that turns a platform's
// local times and days into instants.
struct PlatformContext {
  std::string file;     // names the input in messages
  std::string channel;  // overrides PlatformFormat::default_channel
  TimeZone zone = TimeZone::Utc();

  std::string_view ChannelOr(std::string_view fallback) const { return channel.empty() ? fallback : channel; }
};

struct PlatformFormat {
  std::string_view name;             // what --format takes, e.g. "mastodon-api"
  std::string_view title;            // one line for people, e.g. "Mastodon API JSON (notifications, statuses)"
  std::string_view default_channel;  // e.g. "mastodon"
  // Whether `head`, the file's first bytes (at most kSniffBytes, a BOM
  // removed, maybe cut mid-record), looks like this format.
  bool (*sniff)(std::string_view head);
  // Reads the file from `input`, in bounded memory: row by row, record by
  // record (in more than one pass if it must). An error means the file is
  // not usable at all (damaged, not this format); a record the format
  // cannot use is skipped and counted in `report`.
  Status (*read)(ChunkedInput& input, const PlatformContext& context, RecordSink& sink, ReadReport& report);
};

// The longest text of a content item that is kept; a longer one is cut at
// a character boundary.
inline constexpr size_t kMaxContentTextBytes = size_t{64} * 1024;

// How many leading bytes sniffing looks at.
inline constexpr size_t kSniffBytes = size_t{64} * 1024;

// Every platform format, in the order sniffing tries them.
std::span<const PlatformFormat* const> PlatformFormats();

// The format named `name` (case-insensitive); nullptr when there is none.
const PlatformFormat* FindPlatformFormat(std::string_view name);

// The first format whose sniff accepts `head`; nullptr when none does.
const PlatformFormat* SniffPlatformFormat(std::string_view head);

// The names of every format, comma-separated (for messages and --help).
std::string PlatformFormatNames();

// Reads `input` as `format`, handing `sink` only records a later command
// can use: an event whose channel, person or kind is empty, too long or
// holds control characters, or whose content or tags are too long, is
// skipped with its reason and a warning instead, and so is an observation
// that is not a finite number or lacks a metric, and a content item whose
// channel or key is not a clean name or whose text or tags are not valid
// UTF-8 (its text is cut at kMaxContentTextBytes). Counts the events with a
// kind that is not built in into `custom_kinds`.
Status ReadPlatformFile(const PlatformFormat& format, ChunkedInput& input, const PlatformContext& context,
                        RecordSink& sink, ReadReport& report, int64_t& custom_kinds);
// The same over bytes in memory (tests, fuzzers, benchmarks).
Status ReadPlatformFile(const PlatformFormat& format, std::string_view bytes, const PlatformContext& context,
                        RecordSink& sink, ReadReport& report, int64_t& custom_kinds);

}  // namespace learnloop::ingest
