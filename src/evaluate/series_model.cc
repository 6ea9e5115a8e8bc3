#include "evaluate/series_model.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "evaluate/glm.h"

namespace learnloop::evaluate {
namespace {

constexpr int kMinDaysPerWeekday = 2;
constexpr int kMinDfWithWeekdays = 4;
constexpr int kMinDf = 2;
constexpr double kZeroWindowEvents = 0.5;

// Weekdays present, in ISO order.
std::vector<int> Weekdays(std::span<const DayValue> days) {
  std::array<bool, 8> present{};
  for (const DayValue& d : days) present[IsoWeekday(d.day)] = true;
  std::vector<int> weekdays;
  for (int w = 1; w <= 7; ++w) {
    if (present[w]) weekdays.push_back(w);
  }
  return weekdays;
}

bool HasWindow(std::span<const DayValue> days) {
  return std::any_of(days.begin(), days.end(), [](const DayValue& d) { return d.in_window; });
}

double MeanValue(std::span<const DayValue> days, bool in_window) {
  double sum = 0;
  int n = 0;
  for (const DayValue& d : days) {
    if (d.in_window != in_window) continue;
    sum += d.value;
    ++n;
  }
  return n > 0 ? sum / n : 0;
}

// Weekdays whose days hold no events would push their level to zero;
// leaving them out changes nothing else in the fit.
int DropEventlessWeekdays(std::vector<DayValue>& days) {
  std::array<double, 8> total{};
  for (const DayValue& d : days) total[IsoWeekday(d.day)] += d.value;
  const auto before = days.size();
  std::erase_if(days, [&](const DayValue& d) { return total[IsoWeekday(d.day)] == 0; });
  return static_cast<int>(before - days.size());
}

void FillLevels(SeriesFit& fit, const Eigen::VectorXd& fitted) {
  std::array<double, 8> sum{};
  std::array<int, 8> n{};
  for (size_t i = 0; i < fit.used.size(); ++i) {
    const double mu = fitted[static_cast<Eigen::Index>(i)];
    const int w = IsoWeekday(fit.used[i].day);
    sum[w] += fit.used[i].in_window ? mu * std::exp(-fit.effect) : mu;
    ++n[w];
  }
  for (int w = 1; w <= 7; ++w) {
    if (n[w] > 0) fit.baseline_level[w] = sum[w] / n[w];
  }
  // Without weekday terms every weekday, seen or not, has the one level.
  if (!fit.weekday_terms) fit.baseline_level.fill(fit.baseline_level[IsoWeekday(fit.used.front().day)]);
}

Eigen::VectorXd Values(std::span<const DayValue> days) {
  Eigen::VectorXd y(static_cast<Eigen::Index>(days.size()));
  for (size_t i = 0; i < days.size(); ++i) y[static_cast<Eigen::Index>(i)] = days[i].value;
  return y;
}

// A window without events would put theta at minus infinity.
void CorrectEventlessWindow(SeriesFit& fit, std::vector<DayValue>& days) {
  if (!fit.has_window || fit.window_per_day > 0) return;
  const auto window_days = std::count_if(days.begin(), days.end(), [](const DayValue& d) { return d.in_window; });
  for (DayValue& d : days) {
    if (d.in_window) d.value = kZeroWindowEvents / static_cast<double>(window_days);
  }
  fit.notes.emplace_back("no events in the window: counted half an event so the change has a finite range");
}

Result<SeriesFit> FitModel(std::vector<DayValue> days, bool weekday_terms, bool counts) {
  SeriesFit fit;
  fit.weekday_terms = weekday_terms;
  fit.baseline_per_day = MeanValue(days, false);
  fit.window_per_day = MeanValue(days, true);
  fit.has_window = HasWindow(days);
  CorrectEventlessWindow(fit, days);
  const Eigen::MatrixXd x = BuildDesign(days, weekday_terms);
  if (x.rows() - x.cols() < kMinDf) {
    return InvalidArgument("too few usable days: need at least " + std::to_string(x.cols() + kMinDf) +
                           " days with data across the baseline and the window");
  }
  LL_ASSIGN_OR_RETURN(GlmFit glm, FitLogLinear(x, Values(days)));
  fit.used = std::move(days);
  fit.dispersion = Dispersion(glm, counts);
  fit.df = glm.residual_df;
  if (fit.has_window) {
    const Eigen::Index last = x.cols() - 1;
    fit.effect = glm.coefficients[last];
    fit.unscaled_variance = glm.unscaled_covariance(last, last);
    fit.fitted_window_per_day = (x.col(last).array() * glm.fitted.array()).sum() / x.col(last).sum();
  }
  FillLevels(fit, glm.fitted);
  return fit;
}

}  // namespace

Eigen::MatrixXd BuildDesign(std::span<const DayValue> days, bool weekday_terms) {
  const std::vector<int> weekdays = weekday_terms ? Weekdays(days) : std::vector<int>{};
  const bool has_window = HasWindow(days);
  const int weekday_columns = weekdays.empty() ? 0 : static_cast<int>(weekdays.size()) - 1;
  Eigen::MatrixXd x = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(days.size()), 1 + weekday_columns + has_window);
  for (size_t i = 0; i < days.size(); ++i) {
    const auto row = static_cast<Eigen::Index>(i);
    x(row, 0) = 1;
    for (int c = 0; c < weekday_columns; ++c) {
      if (IsoWeekday(days[i].day) == weekdays[c + 1]) x(row, 1 + c) = 1;
    }
    if (has_window && days[i].in_window) x(row, x.cols() - 1) = 1;
  }
  return x;
}

bool WeekdayTermsSupported(std::span<const DayValue> days) {
  std::array<int, 8> n{};
  for (const DayValue& d : days) ++n[IsoWeekday(d.day)];
  for (int w = 1; w <= 7; ++w) {
    if (n[w] > 0 && n[w] < kMinDaysPerWeekday) return false;
  }
  const Eigen::MatrixXd x = BuildDesign(days, true);
  return x.rows() - x.cols() >= kMinDfWithWeekdays;
}

Result<SeriesFit> FitSeries(std::vector<DayValue> days, bool counts) {
  if (WeekdayTermsSupported(days)) {
    std::vector<DayValue> kept = days;
    const int left_out = DropEventlessWeekdays(kept);
    // Leaving out every window day would leave nothing to measure.
    if (WeekdayTermsSupported(kept) && HasWindow(kept) == HasWindow(days)) {
      Result<SeriesFit> fit = FitModel(std::move(kept), true, counts);
      if (fit.ok()) {
        fit->left_out = left_out;
        if (left_out > 0) fit->notes.emplace_back("left out days of weekdays that never had any events");
        return fit;
      }
      // A weekday whose events all fall in one period pins theta at an
      // infinite value; without weekday terms the fit always exists.
      if (fit.status().code() != StatusCode::kFailedPrecondition) return fit.status();
    }
  }
  LL_ASSIGN_OR_RETURN(SeriesFit fit, FitModel(std::move(days), false, counts));
  fit.notes.emplace_back("the days at hand cannot tell the weekday pattern, so it is not adjusted for");
  return fit;
}

double ProjectedVariance(const SeriesFit& fit, Day window_first, int window_days, double effect) {
  std::vector<DayValue> days;
  for (const DayValue& d : fit.used) {
    if (!d.in_window) days.push_back(d);
  }
  const auto baseline_days = days.size();
  for (Day day = window_first; day < window_first + window_days; ++day) {
    if (fit.baseline_level[IsoWeekday(day)] > 0) days.push_back({day, 0, true});
  }
  if (days.size() == baseline_days) return std::numeric_limits<double>::infinity();
  Eigen::VectorXd mu(static_cast<Eigen::Index>(days.size()));
  for (size_t i = 0; i < days.size(); ++i) {
    mu[static_cast<Eigen::Index>(i)] =
        fit.baseline_level[IsoWeekday(days[i].day)] * (days[i].in_window ? std::exp(effect) : 1);
  }
  const Eigen::MatrixXd x = BuildDesign(days, fit.weekday_terms);
  const Eigen::MatrixXd information = x.transpose() * mu.asDiagonal() * x;
  const Eigen::Index last = x.cols() - 1;
  return fit.dispersion * information.inverse()(last, last);
}

}  // namespace learnloop::evaluate
