// What every platform format must do with any bytes: sniffing never
// crashes, and reading ends in records or an error naming the file. Every
// event passes the readers' checks, every observation names a content, a
// well-formed metric and a finite, non-negative count, and the report
// counts only named reasons.
#pragma once

#include <cmath>
#include <cstdlib>
#include <string>
#include <string_view>

#include "event_checks.h"
#include "ingest/platform.h"

namespace learnloop::fuzz {

class CheckingSink : public ingest::RecordSink {
 public:
  Status Event(const EventView& event) override {
    CheckEvent(event);
    Require(!event.kind.empty());
    return Status::Ok();
  }
  Status Observation(const learnloop::Observation& o) override {
    Require(!o.channel.empty() && !o.content.empty());
    Require(NameProblem(o.metric, "metric name").empty());
    Require(std::isfinite(o.value) && o.value >= 0);
    return Status::Ok();
  }
  Status Attribute(const PersonAttribute& attribute) override {
    Require(!attribute.person.empty());
    return Status::Ok();
  }
  Status Content(const ContentItem& item) override {
    Require(!item.channel.empty() && !item.key.empty());
    Require(!FindInvalidUtf8(item.text) && !FindInvalidUtf8(item.key));
    return Status::Ok();
  }
};

// A CheckingSink for a format that yields events only: an observation or
// an attribute is a bug.
class EventsOnlySink : public CheckingSink {
 public:
  Status Observation(const learnloop::Observation&) override { std::abort(); }
  Status Attribute(const PersonAttribute&) override { std::abort(); }
};

// A CheckingSink for a format that yields observations only.
class ObservationsOnlySink : public CheckingSink {
 public:
  Status Event(const EventView&) override { std::abort(); }
  Status Attribute(const PersonAttribute&) override { std::abort(); }
};

// Sniffs and reads `bytes` as `format`, naming the input `file`; returns
// the read's status for a caller's own checks.
inline Status CheckPlatformFormat(const ingest::PlatformFormat& format, std::string_view bytes, const std::string& file,
                                  CheckingSink& sink) {
  (void)format.sniff(bytes.substr(0, ingest::kSniffBytes));
  ingest::ReadReport report;
  const ingest::PlatformContext context{.file = file, .channel = "", .zone = TimeZone::Utc()};
  Status status = format.read(*ingest::ChunkedInput::FromView(bytes, context.file), context, sink, report);
  if (!status.ok()) Require(status.message().starts_with(file));
  Require(report.records >= 0 && report.warnings.size() <= ingest::ReadReport::kMaxWarnings);
  for (const auto& [reason, count] : report.skipped) Require(!reason.empty() && count > 0);
  return status;
}

}  // namespace learnloop::fuzz
