// Declared metrics: named quantities computed as daily series (local days
// of the workspace time zone) from events, observations and the ladder, as
// declared in a workspace's metrics.toml (see docs/metrics.md). A Metrics
// object is immutable, cheap to copy and safe to use from many threads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "learnloop/people.h"
#include "learnloop/status.h"
#include "learnloop/time.h"

namespace learnloop {

namespace engine {
struct EventTable;
}
namespace ladder {
struct LadderRules;
}
namespace metrics {
struct MetricDef;
struct MetricsData;
class PersonAttributeIndex;
}  // namespace metrics

// An aggregate number without a person for one local day, e.g. the reach of
// a post from an insights export. `content` is empty for channel-wide
// numbers. Its key is (channel, content, metric, day).
struct Observation {
  Day day = 0;
  std::string channel;
  std::string content;
  std::string metric;
  double value = 0;
  bool operator==(const Observation&) const = default;
};

// What one observations import did: of `rows` read, `added` keys were new,
// `updated` replaced a different stored value (the newest import wins) and
// `unchanged` matched the stored value.
struct ObservationCounts {
  int64_t rows = 0;
  int64_t added = 0;
  int64_t updated = 0;
  int64_t unchanged = 0;
};

struct MetricInfo {
  std::string name;
  std::string description;
  std::string type;  // "count", "people", "sum", "observation", "ratio", "rung_entries", "conversion"
  std::string unit;  // free text such as "EUR"; empty when unset
};

// One value per day from `from` to `from + values.size() - 1`. A missing
// value means "not defined that day" (a ratio over zero, a day without
// observations), never zero.
struct MetricSeries {
  std::string name;
  Day from = 0;
  std::vector<std::optional<double>> values;
};

// The longest series Series() computes, in days (100 years).
inline constexpr int32_t kMaxSeriesDays = 36500;

class Metrics {
 public:
  // `defs` must come from metrics::ParseMetricsToml with the rung names of
  // `rules`; `observations` are every stored observation and `attributes`
  // every stored person attribute (person filters match against them).
  Metrics(const std::shared_ptr<const engine::EventTable>& table, const ladder::LadderRules& rules,
          std::vector<metrics::MetricDef> defs, std::vector<Observation> observations,
          const std::vector<PersonAttribute>& attributes = {}, std::vector<AttributeFilter> group = {});
  // The same, with the attributes already resolved to the table's people
  // (null: nobody has attributes); saves holding every attribute row. With
  // a `group` (whose attributes the index must hold), every metric counts
  // only those people, and a series that reads an observation (a number
  // without people) is FailedPrecondition.
  Metrics(std::shared_ptr<const engine::EventTable> table, const ladder::LadderRules& rules,
          std::vector<metrics::MetricDef> defs, std::vector<Observation> observations,
          std::shared_ptr<const metrics::PersonAttributeIndex> attributes, std::vector<AttributeFilter> group = {});

  // In the order metrics.toml declares them.
  const std::vector<MetricInfo>& List() const;

  // The daily series of metric `name` over [from, to]. NotFound listing the
  // known names for an unknown metric; InvalidArgument when from > to or
  // the range is longer than kMaxSeriesDays.
  Result<MetricSeries> Series(std::string_view name, Day from, Day to) const;

  // The series of a count, people or sum metric counting only events that
  // carry `tag`: one variant of an A/B plan. FailedPrecondition for other
  // types and for metrics that already filter by tags.
  Result<MetricSeries> SeriesForTag(std::string_view name, std::string_view tag, Day from, Day to) const;

  // How many distinct contents (posts, emails, pages) events carrying `tag`
  // name in [from, to]: the exposure of a variant.
  int64_t ContentsWithTag(std::string_view tag, Day from, Day to) const;

  // The people a variant reached in [from, to]: everyone with an event
  // carrying `tag`; of them, those who later that period did one of
  // `action_kinds`; and the per-person sums of `value` on tagged events.
  struct TagPeople {
    int64_t reached = 0;
    int64_t acted = 0;
    double value_sum = 0;     // over people with a value on a tagged event
    double value_sum_sq = 0;  // of their per-person sums
    int64_t valued = 0;       // how many such people
  };
  TagPeople PeopleWithTag(std::string_view tag, Day from, Day to, const std::vector<std::string>& action_kinds) const;

  // The kinds of the ladder's top rung, which the rules treat as action:
  // what "converted" means for a variant (ladder::PersonKindsOf).
  const std::vector<std::string>& ActionKinds() const;

 private:
  std::shared_ptr<const metrics::MetricsData> data_;
};

}  // namespace learnloop
