#include "app/report_svg.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "app/html.h"

namespace learnloop::app {
namespace {

std::string SvgOpen(double width, double height, const std::string& title) {
  return fmt::format(
      "<svg role=\"img\" viewBox=\"0 0 {:.0f} {:.0f}\" width=\"{:.0f}\" height=\"{:.0f}\"><title>{}</title>\n", width,
      height, width, height, HtmlEscape(title));
}

std::string Text(double x, double y, std::string_view anchor, std::string_view css_class, const std::string& text) {
  return fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"{}\" class=\"{}\">{}</text>\n", x, y, anchor,
                     css_class, HtmlEscape(text));
}

std::string Percent(double percent) { return fmt::format("{:+.0f}%", percent); }

// A step of 1, 2 or 5 times a power of ten that splits [0, max] into at
// most four parts, so the axis reads in round numbers.
double AxisStep(double max) {
  if (max <= 4) return 1;
  const double raw = max / 4;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  const double norm = raw / magnitude;
  return magnitude * (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10);
}

// Moves labels (y positions, top first) apart so none sits closer than
// `gap` to the one above, then back up as far as needed to end by `bottom`.
void SpreadLabels(std::vector<double>& ys, double gap, double bottom) {
  for (size_t i = 1; i < ys.size(); ++i) ys[i] = std::max(ys[i], ys[i - 1] + gap);
  if (!ys.empty() && ys.back() > bottom) {
    ys.back() = bottom;
    for (size_t i = ys.size() - 1; i-- > 0;) ys[i] = std::min(ys[i], ys[i + 1] - gap);
  }
}

struct Plot {
  double left, top, width, height;
  size_t points;
  double y_max;
  double X(size_t i) const {
    return left + (points <= 1 ? width / 2 : width * static_cast<double>(i) / static_cast<double>(points - 1));
  }
  double Y(double v) const { return top + height * (1 - v / y_max); }
};

std::string SeriesAxes(const Plot& plot, const RungSeries& series, double step) {
  std::string svg;
  for (double v = 0; v <= plot.y_max + step / 2; v += step) {
    svg += fmt::format("<line class=\"grid\" x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\"/>\n", plot.left,
                       plot.Y(v), plot.left + plot.width, plot.Y(v));
    svg += Text(plot.left - 6, plot.Y(v) + 4, "end", "tick", fmt::format("{:.0f}", v));
  }
  svg += Text(plot.left - 6, plot.top - 10, "end", "tick", "people");
  const double base = plot.top + plot.height + 18;
  const size_t n = series.points.size();
  svg += Text(plot.X(0), base, n > 1 ? "start" : "middle", "tick", FormatDate(series.points.front().as_of));
  if (n > 2) svg += Text(plot.X((n - 1) / 2), base, "middle", "tick", FormatDate(series.points[(n - 1) / 2].as_of));
  if (n > 1) svg += Text(plot.X(n - 1), base, "end", "tick", FormatDate(series.points.back().as_of));
  svg += Text(plot.left + plot.width / 2, base + 18, "middle", "tick", "week ending");
  return svg;
}

std::string SeriesLegend(const std::vector<std::string>& names, double left) {
  std::string svg;
  for (size_t k = 0; k < names.size(); ++k) {
    const double x = left + 130.0 * static_cast<double>(k);
    svg +=
        fmt::format("<line class=\"line s{}\" x1=\"{:.1f}\" y1=\"12\" x2=\"{:.1f}\" y2=\"12\"/>\n", k % 4, x, x + 24);
    svg += Text(x + 30, 16, "start", "tick", names[k]);
  }
  return svg;
}

}  // namespace

std::string LadderCirclesSvg(const LadderSnapshot& snapshot, const std::vector<Conversion>& conversions) {
  constexpr double kSlot = 170, kMaxRadius = 60, kCy = 72;
  const size_t n = snapshot.rungs.size();
  int64_t max = 1;
  std::string title = fmt::format("People per rung on {}, lowest rung first:", FormatDate(snapshot.as_of));
  for (size_t i = n; i-- > 0;) {
    max = std::max(max, snapshot.rungs[i].people);
    title += fmt::format(" {} {}{}", snapshot.rungs[i].name, snapshot.rungs[i].people, i > 0 ? "," : "");
  }
  std::string svg = SvgOpen(kSlot * static_cast<double>(n), 190, title);
  for (size_t i = 0; i < n; ++i) {
    const RungCount& rung = snapshot.rungs[n - 1 - i];
    const double cx = kSlot * (static_cast<double>(i) + 0.5);
    const double share = static_cast<double>(rung.people) / static_cast<double>(max);
    if (rung.people > 0)
      svg += fmt::format("<circle class=\"rung\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"{:.1f}\"/>\n", cx, kCy,
                         std::max(2.0, kMaxRadius * std::sqrt(share)));
    svg += Text(cx, 160, "middle", "name", rung.name);
    svg += Text(cx, 180, "middle", "count", fmt::format("{}", rung.people));
    if (i + 1 == n) continue;
    auto climbed = std::find_if(conversions.begin(), conversions.end(),
                                [&](const Conversion& c) { return c.from_rung == rung.name; });
    if (climbed == conversions.end()) continue;
    const double x = cx + kSlot / 2;
    svg += fmt::format("<path class=\"arrow\" d=\"M{:.1f} {:.1f} H{:.1f} l-6 -5 m6 5 l-6 5\"/>\n", x - 18, kCy, x + 18);
    if (climbed->base > 0) svg += Text(x, kCy - 10, "middle", "tick", fmt::format("{:.0f}%", 100 * climbed->rate));
  }
  return svg + "</svg>\n";
}

std::string RungSeriesSvg(const LadderSeriesReport& report) {
  const RungSeries& series = report.series;
  if (series.points.empty() || report.rung_names.empty()) return "";
  int64_t max = 0;
  for (const LadderSnapshot& point : series.points)
    for (const RungCount& rung : point.rungs) max = std::max(max, rung.people);
  const double step = AxisStep(static_cast<double>(max));
  const Plot plot{
      56, 48, 460, 200, series.points.size(), std::max(step, step * std::ceil(static_cast<double>(max) / step))};
  std::string svg =
      SvgOpen(680, 300,
              fmt::format("People per rung each week from {} to {}, one line per rung",
                          FormatDate(series.points.front().as_of), FormatDate(series.points.back().as_of)));
  svg += SeriesLegend(report.rung_names, plot.left);
  svg += SeriesAxes(plot, series, step);
  std::vector<std::pair<double, size_t>> ends;  // (y, rung) of each line's last point
  for (size_t k = 0; k < report.rung_names.size(); ++k) {
    std::string points;
    std::string marks;
    for (size_t i = 0; i < series.points.size(); ++i) {
      const double x = plot.X(i);
      const double y = plot.Y(static_cast<double>(series.points[i].rungs[k].people));
      points += fmt::format("{}{:.1f},{:.1f}", i == 0 ? "" : " ", x, y);
      marks += fmt::format("<circle class=\"mark\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"2.5\"/>", x, y);
    }
    svg += fmt::format("<polyline class=\"line s{}\" points=\"{}\"/>\n{}\n", k % 4, points, marks);
    ends.emplace_back(plot.Y(static_cast<double>(series.points.back().rungs[k].people)), k);
  }
  std::sort(ends.begin(), ends.end());
  std::vector<double> ys(ends.size());
  std::transform(ends.begin(), ends.end(), ys.begin(), [](const auto& end) { return end.first + 4; });
  SpreadLabels(ys, 14, plot.top + plot.height + 4);
  for (size_t j = 0; j < ends.size(); ++j) {
    const size_t k = ends[j].second;
    svg += Text(plot.X(series.points.size() - 1) + 8, ys[j], "start", "tick",
                fmt::format("{} {}", report.rung_names[k], series.points.back().rungs[k].people));
  }
  return svg + "</svg>\n";
}

std::string IntervalSvg(const Evaluation& e) {
  const double low = e.always_valid_low, high = e.always_valid_high, ratio = e.ratio;
  if (!std::isfinite(low) || !std::isfinite(high) || !std::isfinite(ratio)) return "";
  // On a log scale a halving and a doubling sit equally far from no change.
  auto log = [](double r) { return std::log(std::clamp(r, 1e-3, 1e3)); };
  double from = std::min({log(low), 0.0, log(ratio)});
  double to = std::max({log(high), 0.0, log(ratio)});
  if (to - from <= 0) {
    from -= 0.1;
    to += 0.1;
  }
  const double pad = 0.08 * (to - from);
  from -= pad;
  to += pad;
  constexpr double kWidth = 480, kLeft = 44, kRight = 44;
  auto x = [&](double r) { return kLeft + (kWidth - kLeft - kRight) * (log(r) - from) / (to - from); };
  std::string svg =
      SvgOpen(kWidth, 88,
              fmt::format("A change of {}; the range {} to {} holds the true change with 95% "
                          "confidence however often the team looked; the dashed line is no change",
                          Percent(e.percent_change), Percent(100 * (low - 1)), Percent(100 * (high - 1))));
  svg += Text(x(ratio), 14, "middle", "strong", Percent(e.percent_change));
  svg +=
      fmt::format("<line class=\"axis\" x1=\"{:.1f}\" y1=\"34\" x2=\"{:.1f}\" y2=\"34\"/>\n", kLeft, kWidth - kRight);
  svg += fmt::format("<rect class=\"interval\" x=\"{:.1f}\" y=\"28\" width=\"{:.1f}\" height=\"12\"/>\n", x(low),
                     std::max(1.0, x(high) - x(low)));
  svg += fmt::format("<line class=\"nochange\" x1=\"{:.1f}\" y1=\"22\" x2=\"{:.1f}\" y2=\"50\"/>\n", x(1), x(1));
  svg += fmt::format("<circle class=\"ratio\" cx=\"{:.1f}\" cy=\"34\" r=\"6\"/>\n", x(ratio));
  svg += Text(x(1), 63, "middle", "tick", "no change");
  svg += Text(x(low) + 4, 82, "end", "tick", Percent(100 * (low - 1)));
  svg += Text(x(high) - 4, 82, "start", "tick", Percent(100 * (high - 1)));
  return svg + "</svg>\n";
}

std::string ShareBarSvg(double share) {
  const double filled = 120 * std::clamp(share, 0.0, 1.0);
  return SvgOpen(120, 12, fmt::format("{:.0f}% of the way to the target", 100 * share)) +
         fmt::format(
             "<rect class=\"track\" width=\"120\" height=\"12\"/><rect class=\"fill\" width=\"{:.1f}\" "
             "height=\"12\"/></svg>",
             filled);
}

}  // namespace learnloop::app
