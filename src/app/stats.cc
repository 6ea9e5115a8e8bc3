#include "learnloop/app/stats.h"

#include <fmt/format.h>

#include <map>

#include "learnloop/app/input.h"
#include "learnloop/metric_evaluation.h"

namespace learnloop::app {
namespace {

// The value `names` gives `text`; InvalidArgument listing them otherwise.
template <typename T>
Result<T> Choice(std::string_view field, const std::string& text, const std::map<std::string, T>& names) {
  auto found = names.find(text);
  if (found != names.end()) return found->second;
  std::vector<std::string> known;
  known.reserve(names.size());
  for (const auto& [name, value] : names) known.push_back(name);
  return InvalidArgument(fmt::format("{} '{}': expected one of {}", field, text, fmt::join(known, ", ")));
}

template <typename Sample>
using Parser = Result<Sample> (*)(std::string_view flag, std::string_view text);

template <typename Sample>
Result<std::pair<Sample, Sample>> ParseGroups(const TwoGroupsRequest& request, Parser<Sample> parse) {
  LL_ASSIGN_OR_RETURN(Sample a, parse("--a", request.a));
  LL_ASSIGN_OR_RETURN(Sample b, parse("--b", request.b));
  return std::pair<Sample, Sample>{a, b};
}

template <typename Sample, typename Prior>
Result<BayesReport> CompareBayes(const BayesRequest& request, Parser<Sample> parse,
                                 Result<BayesComparison> (*compare)(Sample, Sample, Prior), Prior prior) {
  LL_ASSIGN_OR_RETURN(auto groups, ParseGroups(request, parse));
  if (!request.prior.empty()) {
    LL_ASSIGN_OR_RETURN(auto pair, ParseNumberPair("--prior", request.prior));
    prior = Prior{pair.first, pair.second};
  }
  LL_ASSIGN_OR_RETURN(BayesComparison comparison, compare(groups.first, groups.second, prior));
  return BayesReport{comparison};
}

}  // namespace

Result<RateTestReport> TestRates(const RateTestRequest& request) {
  const std::map<std::string, Alternative> alternatives = {
      {"two-sided", Alternative::kTwoSided}, {"greater", Alternative::kGreater}, {"less", Alternative::kLess}};
  LL_ASSIGN_OR_RETURN(auto groups, ParseGroups(request, ParseCountSample));
  LL_ASSIGN_OR_RETURN(Alternative alternative, Choice("--alternative", request.alternative, alternatives));
  LL_ASSIGN_OR_RETURN(RateTestResult result, RateTest(groups.first, groups.second, alternative));
  return RateTestReport{groups.first, groups.second, result};
}

Result<BayesReport> CompareProportions(const BayesRequest& request) {
  return CompareBayes(request, ParseBinomialSample, BetaAb, BetaPrior{});
}

Result<BayesReport> CompareRates(const BayesRequest& request) {
  return CompareBayes(request, ParseCountSample, GammaAb, GammaPrior{});
}

Result<MeanTestReport> TestMeans(const MeanTestRequest& request) {
  LL_ASSIGN_OR_RETURN(auto groups, ParseGroups(request, ParseMomentSums));
  LL_ASSIGN_OR_RETURN(MeanTestResult result, MeanTest(groups.first, groups.second, request.relative));
  return MeanTestReport{groups.first, groups.second, request.relative, result};
}

Result<AnomalyReport> DetectAnomalies(const AnomalyRequest& request) {
  const std::map<std::string, AnomalyDirection> directions = {
      {"both", AnomalyDirection::kBoth}, {"pos", AnomalyDirection::kPositive}, {"neg", AnomalyDirection::kNegative}};
  AnomalyOptions options = request.options;
  LL_ASSIGN_OR_RETURN(options.direction, Choice("--direction", request.direction, directions));
  AnomalyReport report;
  LL_ASSIGN_OR_RETURN(report.values, ParseSeries(request.values, request.source));
  auto found = FindAnomalies(report.values, options);
  if (!found.ok()) return found.status().WithContext(request.source);
  report.indices = std::move(found).value();
  return report;
}

Result<PowerReport> DaysNeeded(const PowerRequest& r) {
  if (r.mean <= 0) return InvalidArgument("stats power needs --metric NAME or --mean M");
  LL_ASSIGN_OR_RETURN(int64_t days,
                      DaysToDetect(r.mean, r.dispersion, r.lift_percent / 100, r.alpha, r.power, r.baseline_days));
  return PowerReport{days};
}

Result<PowerReport> DaysNeededForMetric(Workspace& ws, const MetricPowerRequest& request) {
  LL_ASSIGN_OR_RETURN(Metrics metrics, ws.LoadMetrics());
  LL_ASSIGN_OR_RETURN(Day today, ParseDay("--today", request.today, ws.Today()));
  LL_ASSIGN_OR_RETURN(int days, DaysToDetectForMetric(metrics, request.metric, request.lift_percent / 100, today,
                                                      request.history_days));
  return PowerReport{days};
}

}  // namespace learnloop::app
