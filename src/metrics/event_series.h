// Daily series computed straight from the event table in one pass: events
// counted, distinct people, or the sum of the value column, over the events
// that pass a metric's kind, channel and tag filters.
#pragma once

#include <vector>

#include "engine/event_table.h"
#include "learnloop/time.h"
#include "metrics/metric_defs.h"

namespace learnloop::metrics {

// Per tag-list dictionary id: whether the list holds any of `wanted`
// (every list passes when `wanted` is empty).
std::vector<char> TagMask(const engine::StringDictionary& lists, const std::vector<std::string>& wanted);

// One value per day of [from, to] for a count, people or sum metric; days
// without matching events are 0. `people` holds per PersonId whether the
// person passes the metric's person filters; empty lets everyone pass.
// Precondition: from <= to.
std::vector<double> EventSeries(const engine::EventTable& table, const MetricDef& def, Day from, Day to,
                                const std::vector<char>& people);

}  // namespace learnloop::metrics
