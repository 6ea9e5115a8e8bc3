// Series builders shared by the evaluate tests.
#pragma once

#include <cstdint>
#include <functional>

#include "learnloop/evaluate.h"

namespace learnloop::evaluate {

inline constexpr Day kMonday = 19'800;  // 2024-03-18, a Monday

// `days` values from `first`, value(day) for each.
DaySeries MakeSeries(Day first, int days, const std::function<double(Day)>& value);

// Negative binomial daily counts with mean mean(day) and size k, from seed.
DaySeries NoisySeries(Day first, int days, const std::function<double(Day)>& mean, double k, uint64_t seed);

// A usual week: 20 a weekday, 10 a weekend day, 30 on Thursdays.
double UsualWeek(Day day);

}  // namespace learnloop::evaluate
