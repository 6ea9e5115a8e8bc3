#include "ingest/platform.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "ingest/event_fields.h"
#include "ingest/input_text.h"
#include "ingest/platform_formats.h"
#include "ingest/platform_text.h"

namespace learnloop::ingest {

void ReadReport::Skip(std::string_view reason, int64_t count) { skipped[std::string(reason)] += count; }

void ReadReport::Warn(std::string text) {
  if (warnings.size() < kMaxWarnings) {
    warnings.push_back(std::move(text));
  } else {
    ++more_warnings;
  }
}

int64_t ReadReport::skipped_total() const {
  int64_t total = 0;
  for (const auto& [reason, count] : skipped) total += count;
  return total;
}

std::span<const PlatformFormat* const> PlatformFormats() {
  // Most specific first: a format whose sniff looks for a few keys comes
  // after those that look for more.
  static const std::array<const PlatformFormat*, 18> kFormats = {&kMastodonApiFormat,
                                                                 &kBlueskyFormat,
                                                                 &kXArchiveFormat,
                                                                 &kXAnalyticsFormat,
                                                                 &kFacebookPostsFormat,
                                                                 &kInstagramPostsFormat,
                                                                 &kMailchimpAudienceFormat,
                                                                 &kMailchimpActivityFormat,
                                                                 &kActBlueFormat,
                                                                 &kMobilizeFormat,
                                                                 &kOsdiFormat,
                                                                 &kCiviContributionsFormat,
                                                                 &kCiviActivitiesFormat,
                                                                 &kActionNetworkActionsFormat,
                                                                 &kActionNetworkActivistsFormat,
                                                                 &kMastodonArchiveFormat,
                                                                 &kFeedFormat,
                                                                 &kJsonFeedFormat};
  return kFormats;
}

const PlatformFormat* FindPlatformFormat(std::string_view name) {
  for (const PlatformFormat* format : PlatformFormats())
    if (SameName(format->name, name)) return format;
  return nullptr;
}

const PlatformFormat* SniffPlatformFormat(std::string_view head) {
  for (const PlatformFormat* format : PlatformFormats())
    if (format->sniff(head)) return format;
  return nullptr;
}

std::string PlatformFormatNames() {
  std::string names;
  for (const PlatformFormat* format : PlatformFormats())
    names += fmt::format("{}{}", names.empty() ? "" : ", ", format->name);
  return names;
}

namespace {

bool HasControlByte(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == 0x7f;
  });
}

// Whether every byte of `text` is printable ASCII (0x20 to 0x7e), so that
// it holds no control character and is UTF-8: what names nearly always
// are, checked eight bytes at a time.
bool IsPrintableAscii(std::string_view text) {
  constexpr uint64_t kOnes = 0x0101010101010101;
  constexpr uint64_t kHighBits = 0x8080808080808080;
  size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t word = 0;
    std::memcpy(&word, text.data() + i, 8);
    // A byte below 0x20 borrows into its high bit; one equal to 0x7f is
    // zero after the xor. Exact as a whole: a byte is flagged falsely only
    // above one flagged rightly.
    const uint64_t below_space = (word - kOnes * 0x20) & ~word & kHighBits;
    const uint64_t del = word ^ (kOnes * 0x7f);
    if (((word & kHighBits) | below_space | ((del - kOnes) & ~del & kHighBits)) != 0) return false;
  }
  return std::all_of(text.begin() + static_cast<std::ptrdiff_t>(i), text.end(), [](char c) {
    auto byte = static_cast<unsigned char>(c);
    return byte >= 0x20 && byte < 0x7f;
  });
}

// What is wrong with a name field of an event, or empty.
std::string NameFieldProblem(std::string_view field, std::string_view text) {
  if (text.empty()) return fmt::format("{} is empty", field);
  if (text.size() > kMaxNameBytes) return fmt::format("{} is longer than {} bytes", field, kMaxNameBytes);
  if (IsPrintableAscii(text)) return "";
  if (HasControlByte(text)) return fmt::format("{} holds a control character", field);
  if (FindInvalidUtf8(text)) return fmt::format("{} is not valid UTF-8", field);
  return "";
}

std::string TagsProblem(std::string_view tags) {
  if (tags.size() > kMaxTagsBytes || HasControlByte(tags)) return "tags are too long or hold a control character";
  return "";
}

// Passes on what a later command can use; skips the rest with a reason.
class CheckedSink final : public RecordSink {
 public:
  CheckedSink(const PlatformContext& context, RecordSink& sink, ReadReport& report, int64_t& custom_kinds)
      : context_(context), sink_(sink), report_(report), custom_kinds_(custom_kinds) {}

  Status Event(const EventView& original) override {
    // Names are trimmed and tags normalized as the canonical readers do.
    EventView event = original;
    event.channel = TrimAscii(event.channel);
    event.person = TrimAscii(event.person);
    event.tags = NormalizeTags(event.tags, &tags_scratch_);
    std::string problem = NameFieldProblem("channel", event.channel);
    if (problem.empty()) problem = NameFieldProblem("person", event.person);
    if (problem.empty()) problem = KindProblem(event.kind);
    if (problem.empty() && event.content.size() > kMaxContentBytes)
      problem = fmt::format("content is longer than {} bytes", kMaxContentBytes);
    if (problem.empty()) problem = TagsProblem(event.tags);
    if (problem.empty() && (FindInvalidUtf8(event.content) || FindInvalidUtf8(event.tags)))
      problem = "content or tags are not valid UTF-8";
    if (problem.empty() && event.content.find('\0') != std::string_view::npos) problem = "content holds a NUL byte";
    if (problem.empty() && event.value && !std::isfinite(*event.value)) problem = "value is not a finite number";
    if (!problem.empty()) return Skip("an event with an unusable field", problem, event.person);
    if (!IsBuiltinKind(event.kind)) ++custom_kinds_;
    return sink_.Event(event);
  }

  Status Observation(const learnloop::Observation& observation) override {
    std::string problem = NameFieldProblem("channel", observation.channel);
    if (problem.empty()) problem = NameProblem(observation.metric, "metric name");
    if (problem.empty() && !std::isfinite(observation.value)) problem = "value is not a finite number";
    if (problem.empty() && observation.content.size() > kMaxContentBytes)
      problem = fmt::format("content is longer than {} bytes", kMaxContentBytes);
    if (!problem.empty()) return Skip("an observation with an unusable field", problem, observation.content);
    return sink_.Observation(observation);
  }

  Status Attribute(const PersonAttribute& attribute) override {
    std::string problem = NameFieldProblem("person", attribute.person);
    if (problem.empty()) problem = NameFieldProblem("attribute", attribute.attribute);
    if (problem.empty() && HasControlByte(attribute.value)) problem = "the value holds a control character";
    if (!problem.empty()) return Skip("an attribute with an unusable field", problem, attribute.person);
    return sink_.Attribute(attribute);
  }

  Status Content(const ContentItem& original) override {
    ContentItem item = original;
    item.channel = TrimAscii(item.channel);
    item.key = TrimAscii(item.key);
    item.tags = NormalizeTags(item.tags, &tags_scratch_);
    std::string problem = NameFieldProblem("channel", item.channel);
    if (problem.empty() && !IsCleanId(item.key))
      problem = fmt::format("the key is empty, longer than {} bytes, or holds a space or control character",
                            kMaxContentBytes);
    if (problem.empty()) problem = TagsProblem(item.tags);
    if (problem.empty() && (FindInvalidUtf8(item.text) || FindInvalidUtf8(item.tags)))
      problem = "text or tags are not valid UTF-8";
    if (problem.empty() && item.text.find('\0') != std::string::npos) problem = "text holds a NUL byte";
    if (!problem.empty()) return Skip("a content item with an unusable field", problem, item.key);
    item.text.resize(Utf8Prefix(item.text, kMaxContentTextBytes).size());
    return sink_.Content(item);
  }

 private:
  Status Skip(std::string_view reason, const std::string& problem, std::string_view of) {
    report_.Skip(reason);
    report_.Warn(fmt::format("{}: record of '{}': {}", context_.file, of.substr(0, 80), problem));
    return Status::Ok();
  }

  const PlatformContext& context_;
  RecordSink& sink_;
  ReadReport& report_;
  int64_t& custom_kinds_;
  std::string tags_scratch_;
};

}  // namespace

Status ReadPlatformFile(const PlatformFormat& format, ChunkedInput& input, const PlatformContext& context,
                        RecordSink& sink, ReadReport& report, int64_t& custom_kinds) {
  CheckedSink checked(context, sink, report, custom_kinds);
  return format.read(input, context, checked, report);
}

Status ReadPlatformFile(const PlatformFormat& format, std::string_view bytes, const PlatformContext& context,
                        RecordSink& sink, ReadReport& report, int64_t& custom_kinds) {
  auto input = ChunkedInput::FromView(bytes, context.file);
  return ReadPlatformFile(format, *input, context, sink, report, custom_kinds);
}

}  // namespace learnloop::ingest
