#include "learnloop/metrics.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "engine/event_table.h"
#include "ladder/compiled_ladder.h"
#include "ladder/ladder_rules.h"
#include "metrics/event_series.h"
#include "metrics/metric_defs.h"
#include "metrics/person_attributes.h"
#include "metrics/ratio_inputs.h"
#include "metrics/rung_series.h"

namespace learnloop {
namespace metrics {

struct MetricsData {
  std::shared_ptr<const engine::EventTable> table;
  ladder::CompiledLadder ladder;
  std::vector<MetricDef> defs;
  MetricIndex by_name;  // into defs
  std::vector<MetricInfo> infos;
  std::vector<Observation> observations;  // sorted by day
  std::shared_ptr<const PersonAttributeIndex> attributes;
  // Set when every metric is read for one group of people.
  std::vector<PersonFilter> group;
  std::vector<char> group_mask;  // per PersonId; empty without a group
  std::vector<std::string> action_kinds;

  const MetricDef* Find(std::string_view name) const {
    auto found = by_name.find(name);
    return found == by_name.end() ? nullptr : found->second;
  }
  size_t RungIndex(const std::string& name) const {
    return static_cast<size_t>(std::find(ladder.rung_names.begin(), ladder.rung_names.end(), name) -
                               ladder.rung_names.begin());
  }
};

namespace {

using Values = std::vector<std::optional<double>>;

Values Present(const std::vector<double>& values) { return Values(values.begin(), values.end()); }

// Days without a matching observation stay missing: not measured is not 0.
Values ObservationSeries(const std::vector<Observation>& observations, const MetricDef& def, Day from, Day to) {
  Values values(static_cast<size_t>(to - from) + 1);
  auto first = std::lower_bound(observations.begin(), observations.end(), from,
                                [](const Observation& o, Day day) { return o.day < day; });
  for (auto o = first; o != observations.end() && o->day <= to; ++o) {
    if (o->metric != def.observation) continue;
    if (!def.channels.empty() && std::find(def.channels.begin(), def.channels.end(), o->channel) == def.channels.end())
      continue;
    values[o->day - from] = values[o->day - from].value_or(0) + o->value;
  }
  return values;
}

Values RatioSeries(const Values& numerator, const Values& denominator) {
  Values values(numerator.size());
  for (size_t i = 0; i < values.size(); ++i) {
    if (numerator[i] && denominator[i] && *denominator[i] != 0) values[i] = *numerator[i] / *denominator[i];
  }
  return values;
}

// A metric that reads no other metric.
Values Compute(const MetricsData& data, const MetricDef& def, Day from, Day to) {
  switch (def.type) {
    case MetricType::kObservation:
      return ObservationSeries(data.observations, def, from, to);
    case MetricType::kRungEntries:
      return Present(RungMoves(data.ladder, *data.table, data.RungIndex(def.rung), def.enter, from, to,
                               data.attributes->Mask(def.person)));
    case MetricType::kConversion:
      return ConversionSeries(data.ladder, *data.table, data.RungIndex(def.from_rung), data.RungIndex(def.to_rung),
                              def.window_days, from, to, data.attributes->Mask(def.person));
    default:
      return Present(EventSeries(*data.table, def, from, to, data.attributes->Mask(def.person)));
  }
}

// `order` is a metric and what it reads, inputs first (RatioInputs).
// Each series is computed once and dropped once no ratio still to come
// reads it, so a long chain holds a few series at a time.
Values Resolve(const MetricsData& data, const std::vector<const MetricDef*>& order, Day from, Day to) {
  std::map<const MetricDef*, int> readers;
  for (const MetricDef* def : order) {
    if (def->type != MetricType::kRatio) continue;
    ++readers[data.Find(def->numerator)];
    ++readers[data.Find(def->denominator)];
  }
  std::map<const MetricDef*, Values> series;
  for (const MetricDef* def : order) {
    if (def->type != MetricType::kRatio) {
      series[def] = Compute(data, *def, from, to);
      continue;
    }
    const MetricDef* numerator = data.Find(def->numerator);
    const MetricDef* denominator = data.Find(def->denominator);
    series[def] = RatioSeries(series.at(numerator), series.at(denominator));
    for (const MetricDef* input : {numerator, denominator}) {
      if (--readers[input] == 0) series.erase(input);
    }
  }
  return std::move(series.at(order.back()));
}

// What `def` reads through ratios, itself last. Parsing refused cycles.
std::vector<const MetricDef*> InputsOf(const MetricsData& data, const MetricDef& def) {
  std::vector<const MetricDef*> order;
  RatioInputs(data.by_name).Visit(def, order);
  return order;
}

}  // namespace
}  // namespace metrics

Metrics::Metrics(std::shared_ptr<const engine::EventTable> table, const ladder::LadderRules& rules,
                 std::vector<metrics::MetricDef> defs, std::vector<Observation> observations,
                 std::shared_ptr<const metrics::PersonAttributeIndex> attributes, std::vector<AttributeFilter> group) {
  auto data = std::make_shared<metrics::MetricsData>();
  data->ladder = ladder::CompileLadder(rules, *table);
  data->action_kinds = ladder::PersonKindsOf(rules.rungs.front());
  data->attributes =
      attributes ? std::move(attributes) : std::make_shared<const metrics::PersonAttributeIndex>(table->people());
  data->table = std::move(table);
  for (metrics::MetricDef& def : defs) {
    data->infos.push_back({def.name, def.description, std::string(metrics::MetricTypeName(def.type)), def.unit});
    if (metrics::CountsPeople(def.type)) def.person.insert(def.person.end(), group.begin(), group.end());
  }
  data->group_mask = data->attributes->Mask(group);
  data->group = std::move(group);
  data->defs = std::move(defs);
  data->by_name = metrics::IndexByName(data->defs);
  std::stable_sort(observations.begin(), observations.end(),
                   [](const Observation& a, const Observation& b) { return a.day < b.day; });
  data->observations = std::move(observations);
  data_ = std::move(data);
}

namespace {

std::shared_ptr<const metrics::PersonAttributeIndex> IndexOf(const engine::EventTable& table,
                                                             const std::vector<PersonAttribute>& attributes) {
  std::set<std::string, std::less<>> names;
  for (const PersonAttribute& a : attributes) names.insert(a.attribute);
  auto index = metrics::PersonAttributeIndex::Build(
      table,
      [&attributes](const std::function<Status(const PersonAttribute&)>& visit) {
        for (const PersonAttribute& a : attributes) LL_RETURN_IF_ERROR(visit(a));
        return Status::Ok();
      },
      names);
  return std::make_shared<const metrics::PersonAttributeIndex>(std::move(*index));
}

}  // namespace

Metrics::Metrics(const std::shared_ptr<const engine::EventTable>& table, const ladder::LadderRules& rules,
                 std::vector<metrics::MetricDef> defs, std::vector<Observation> observations,
                 const std::vector<PersonAttribute>& attributes, std::vector<AttributeFilter> group)
    : Metrics(table, rules, std::move(defs), std::move(observations), IndexOf(*table, attributes), std::move(group)) {}

const std::vector<MetricInfo>& Metrics::List() const { return data_->infos; }

namespace {

Result<const metrics::MetricDef*> FindChecked(const metrics::MetricsData& data, std::string_view name, Day from,
                                              Day to) {
  const metrics::MetricDef* def = data.Find(name);
  if (def == nullptr) {
    std::vector<std::string_view> names;
    for (const MetricInfo& info : data.infos) names.push_back(info.name);
    return NotFound(
        fmt::format("no metric is named '{}'; known metrics: {}", name,
                    names.empty() ? "none (metrics.toml declares none)" : fmt::format("{}", fmt::join(names, ", "))));
  }
  if (from > to)
    return InvalidArgument(fmt::format("the series starts on {}, after its end {}", FormatDate(from), FormatDate(to)));
  if (int64_t{to} - from >= kMaxSeriesDays)
    return InvalidArgument(fmt::format("a series covers at most {} days; {} to {} is longer", kMaxSeriesDays,
                                       FormatDate(from), FormatDate(to)));
  return def;
}

}  // namespace

namespace {

// The first observation among `order`; null when it holds none.
const metrics::MetricDef* ObservationRead(const std::vector<const metrics::MetricDef*>& order) {
  auto found = std::find_if(order.begin(), order.end(), [](const metrics::MetricDef* def) {
    return def->type == metrics::MetricType::kObservation;
  });
  return found == order.end() ? nullptr : *found;
}

}  // namespace

Result<MetricSeries> Metrics::Series(std::string_view name, Day from, Day to) const {
  LL_ASSIGN_OR_RETURN(const metrics::MetricDef* def, FindChecked(*data_, name, from, to));
  const std::vector<const metrics::MetricDef*> order = metrics::InputsOf(*data_, *def);
  if (!data_->group.empty()) {
    if (const metrics::MetricDef* observed = ObservationRead(order))
      return FailedPrecondition(fmt::format(
          "'{}' reads the observation '{}', a number without people, so it cannot be counted for a group of people",
          name, observed->name));
  }
  return MetricSeries{def->name, from, metrics::Resolve(*data_, order, from, to)};
}

Result<MetricSeries> Metrics::SeriesForTag(std::string_view name, std::string_view tag, Day from, Day to) const {
  LL_ASSIGN_OR_RETURN(const metrics::MetricDef* def, FindChecked(*data_, name, from, to));
  const bool on_events = def->type == metrics::MetricType::kCount || def->type == metrics::MetricType::kPeople ||
                         def->type == metrics::MetricType::kSum;
  if (!on_events)
    return FailedPrecondition(fmt::format("variants are read on count, people or sum metrics; '{}' is a {} metric",
                                          name, metrics::MetricTypeName(def->type)));
  if (!def->tags.empty())
    return FailedPrecondition(
        fmt::format("metric '{}' already filters by tags, so it cannot also be split by variant tag", name));
  metrics::MetricDef variant = *def;
  variant.tags = {std::string(tag)};
  return MetricSeries{
      def->name, from,
      metrics::Present(metrics::EventSeries(*data_->table, variant, from, to, data_->attributes->Mask(def->person)))};
}

int64_t Metrics::ContentsWithTag(std::string_view tag, Day from, Day to) const {
  const engine::EventTable& table = *data_->table;
  const std::vector<char> tagged = metrics::TagMask(table.tag_lists, {std::string(tag)});
  std::vector<char> seen(table.contents.size());
  int64_t contents = 0;
  for (size_t i = 0; i < table.size(); ++i) {
    if (table.day[i] < from || table.day[i] > to || !tagged[table.tags[i]]) continue;
    const uint32_t content = table.content[i];
    if (table.ContentName(content).empty() || seen[content]) continue;
    seen[content] = 1;
    ++contents;
  }
  return contents;
}

const std::vector<std::string>& Metrics::ActionKinds() const { return data_->action_kinds; }

Metrics::TagPeople Metrics::PeopleWithTag(std::string_view tag, Day from, Day to,
                                          const std::vector<std::string>& action_kinds) const {
  const engine::EventTable& table = *data_->table;
  const std::vector<char> tagged = metrics::TagMask(table.tag_lists, {std::string(tag)});
  std::vector<char> acts(table.kinds.size());
  for (size_t id = 0; id < acts.size(); ++id)
    acts[id] = std::find(action_kinds.begin(), action_kinds.end(), table.kinds[id]) != action_kinds.end();
  TagPeople out;
  // Rows run by person then time, so one pass per person sees the first
  // tagged event before any action that follows it.
  for (engine::PersonId p = 0; p < table.people(); ++p) {
    if (!data_->group_mask.empty() && !data_->group_mask[p]) continue;
    bool reached = false;
    bool acted = false;
    bool valued = false;
    double sum = 0;
    for (uint32_t i = table.PersonBegin(p); i < table.PersonEnd(p); ++i) {
      if (table.day[i] < from || table.day[i] > to) continue;
      if (tagged[table.tags[i]]) {
        reached = true;
        if (!std::isnan(table.value[i])) {
          valued = true;
          sum += table.value[i];
        }
      }
      if (reached && acts[table.kind[i]]) acted = true;
    }
    out.reached += reached;
    out.acted += acted;
    if (valued) {
      ++out.valued;
      out.value_sum += sum;
      out.value_sum_sq += sum * sum;
    }
  }
  return out;
}

}  // namespace learnloop
