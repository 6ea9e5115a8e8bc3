// The model for one daily series: log E[y_d] = a + b_weekday(d) + theta *
// [d in window], fitted by quasi-Poisson IRLS. Weekday terms are dropped
// when the days cannot support them; days of a weekday without a single
// event are left out (they carry no information about theta).
#pragma once

#include <Eigen/Dense>
#include <array>
#include <span>
#include <string>
#include <vector>

#include "learnloop/status.h"
#include "learnloop/time.h"

namespace learnloop::evaluate {

struct DayValue {
  Day day = 0;
  double value = 0;
  bool in_window = false;
};

// Columns: intercept; with weekday_terms, one indicator per weekday present
// but the first; when any day is in the window, the window indicator last.
Eigen::MatrixXd BuildDesign(std::span<const DayValue> days, bool weekday_terms);

// True when every weekday present has at least two days and the fit with
// weekday terms keeps enough residual degrees of freedom.
bool WeekdayTermsSupported(std::span<const DayValue> days);

struct SeriesFit {
  std::vector<DayValue> used;  // the days fitted, after any adjustment
  bool weekday_terms = false;
  bool has_window = false;
  double effect = 0;             // theta, 0 without window days
  double unscaled_variance = 0;  // of theta, before scaling by the dispersion
  double dispersion = 1;
  int df = 0;
  int left_out = 0;  // days of weekdays without events
  std::vector<std::string> notes;
  double baseline_per_day = 0;  // observed means
  double window_per_day = 0;
  double fitted_window_per_day = 0;
  // Fitted mean per day without the plan, by ISO weekday (index 1..7; 0
  // where the weekday was not fitted or left out).
  std::array<double, 8> baseline_level{};

  double variance() const { return dispersion * unscaled_variance; }
};

// Fits `days` (at least one outside the window, with a positive total),
// with weekday terms when supported and estimable, else without; notes say
// which adjustments were made. A window without a single event gets half an
// event spread over its days, so the ratio has a finite range. InvalidArgument
// when too few days remain to estimate the dispersion.
Result<SeriesFit> FitSeries(std::vector<DayValue> days, bool counts);

// The variance of theta had the window been `window_days` days from
// `window_first`, with the fit's baseline levels, dispersion and weekday
// choice, and a true effect of `effect`. Window days of weekdays the fit has
// no level for add nothing (with weekday terms they could not inform theta);
// infinity when no window day is left.
double ProjectedVariance(const SeriesFit& fit, Day window_first, int window_days, double effect);

}  // namespace learnloop::evaluate
