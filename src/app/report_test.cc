#include "learnloop/app/report.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "app/html.h"
#include "app/loop_test_util.h"

namespace learnloop::app {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

std::string ReadAll(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A self-contained page: no script, no address outside it, no src
// attribute and only in-page links (data is escaped, so an attribute is
// the only place a raw quote appears).
void ExpectSelfContained(const std::string& html) {
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  EXPECT_THAT(html, Not(HasSubstr("http://")));
  EXPECT_THAT(html, Not(HasSubstr("https://")));
  EXPECT_THAT(html, Not(HasSubstr("src=\"")));
  EXPECT_THAT(html, Not(HasSubstr("url(")));
  for (size_t at = html.find("href=\""); at != std::string::npos; at = html.find("href=\"", at + 1))
    EXPECT_EQ(html.substr(at, 7), "href=\"#") << html.substr(at, 40);
}

class ReportTest : public LoopAppTest {
 protected:
  // A small demo ending on the test clock's today, with its loop.
  Workspace Demo() {
    DemoRequest request;
    request.options.people = 60;
    request.options.days = kDemoLoopDays;
    request.end = "2024-05-10";
    auto demo = CreateDemoWorkspace(dir_ / "demo", request);
    EXPECT_TRUE(demo.ok()) << demo.status().message();
    org_name_ = demo.ok() ? demo->org_name : "";
    return std::move(Workspace::Open(dir_ / "demo", clock_)).value();
  }
  std::string org_name_;
};

TEST(HtmlEscapeTest, LeavesNoMarkup) {
  EXPECT_EQ(HtmlEscape("a&b<c>\"d'"), "a&amp;b&lt;c&gt;&quot;d&#39;");
  EXPECT_EQ(HtmlEscape("\"><script>alert(1)</script>"), "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
  EXPECT_EQ(HtmlEscape("caf\xC3\xA9 \xFF"), "caf\xC3\xA9 \xEF\xBF\xBD") << "invalid UTF-8 becomes U+FFFD";
  EXPECT_EQ(HtmlEscape(std::string_view("a\0b", 3)),
            "a\xEF\xBF\xBD"
            "b");
}

TEST_F(ReportTest, ShowsTheLoopOfThePeriod) {
  Workspace ws = Demo();
  auto report = RenderReport(ws, {}, {"today-60", "today", "learnloop 9.9"});
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(FormatDate(report->from), "2024-03-11");
  EXPECT_EQ(FormatDate(report->to), "2024-05-10");
  EXPECT_EQ(FormatDate(report->generated), "2024-05-10");
  const std::string& html = report->html;
  EXPECT_THAT(html, StartsWith("<!doctype html>"));
  EXPECT_THAT(html, HasSubstr(HtmlEscape(org_name_)));
  EXPECT_THAT(html, HasSubstr("2024-03-11 to 2024-05-10"));
  for (const char* id : {"ladder", "over-time", "goals", "plans", "learnings"})
    EXPECT_THAT(html, HasSubstr(fmt::format("<section id=\"{}\"", id)));
  EXPECT_THAT(html, HasSubstr("<svg role=\"img\""));
  EXPECT_THAT(html, HasSubstr("<title>People per rung"));
  EXPECT_THAT(html, HasSubstr("<polyline"));
  EXPECT_THAT(html, HasSubstr("@media print"));
  EXPECT_THAT(html, HasSubstr("learnloop 9.9"));
  ExpectSelfContained(html);

  // The ladder's counts and movement are ShowLadder's.
  auto ladder = ShowLadder(ws, {"", "2024-03-11", "2024-05-10", {}});
  ASSERT_TRUE(ladder.ok()) << ladder.status().message();
  for (const RungCount& r : ladder->snapshot.rungs)
    EXPECT_THAT(html, HasSubstr(fmt::format("<th scope=\"row\">{}</th><td class=\"n\">{}</td>", r.name, r.people)));
  EXPECT_THAT(html, HasSubstr(fmt::format("{} people moved up", ladder->movement->transitions.moved_up)));

  // Every goal; the decided plans with their decision and learning.
  auto goals = ListGoals(ws, {});
  ASSERT_TRUE(goals.ok());
  for (const GoalView& g : goals->goals) EXPECT_THAT(html, HasSubstr(HtmlEscape(g.goal.title)));
  auto plans = ListPlans(ws, {});
  ASSERT_TRUE(plans.ok());
  int decided = 0;
  for (const Plan& p : plans->plans) {
    if (p.state == PlanState::kIdea) {
      EXPECT_THAT(html, Not(HasSubstr(fmt::format("id=\"plan-{}\"", p.id)))) << "an idea did not run";
      continue;
    }
    EXPECT_THAT(html, HasSubstr(HtmlEscape(p.title)));
    if (p.state != PlanState::kDecided) continue;
    ++decided;
    EXPECT_THAT(html, HasSubstr(HtmlEscape(p.decision_reason)));
    auto detail = ShowPlan(ws, {}, p.id);
    ASSERT_TRUE(detail.ok() && detail->reflection);
    EXPECT_THAT(html, HasSubstr(HtmlEscape(detail->reflection->learned)));
  }
  EXPECT_EQ(decided, 2);
}

TEST_F(ReportTest, DefaultsToTheLast30Days) {
  Workspace ws = Demo();
  auto report = RenderReport(ws, {}, {});
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(FormatDate(report->from), "2024-04-10");
  EXPECT_EQ(FormatDate(report->to), "2024-05-10");
  // The caller's today sets the period and the date made.
  auto earlier = RenderReport(ws, {"", *ParseDate("2024-05-01"), ""}, {});
  ASSERT_TRUE(earlier.ok()) << earlier.status().message();
  EXPECT_EQ(FormatDate(earlier->from), "2024-04-01");
  EXPECT_THAT(earlier->html, HasSubstr("Made on 2024-05-01"));
  ExpectSelfContained(earlier->html);
}

TEST_F(ReportTest, EscapesEveryPieceOfData) {
  Workspace ws = Open();
  const int64_t plan = AddTestPlan(ws, AddTestGoal(ws), "\"><script>alert(1)</script>");
  ASSERT_TRUE(StartPlan(ws, On("2024-05-01"), {plan, ""}).ok());
  ASSERT_TRUE(CheckInOnPlan(ws, On("2024-05-02"), {plan, "", "<b onmouseover=x>", "", ""}).ok());
  ASSERT_TRUE(ReviewPlan(ws, On("2024-05-08"), {plan, "win"}).ok());
  auto reflected =
      ReflectOnPlan(ws, On("2024-05-08"), {plan, "", "", "", "<img src=x onerror=alert(1)>", "<i>tag</i>"});
  ASSERT_TRUE(reflected.ok()) << reflected.status().message();
  auto report = RenderReport(ws, On("2024-05-10"), {"2024-05-01", "today", "<script>"});
  ASSERT_TRUE(report.ok()) << report.status().message();
  const std::string& html = report->html;
  EXPECT_THAT(html, Not(HasSubstr("<script>alert")));
  EXPECT_THAT(html, Not(HasSubstr("<img src=x")));
  EXPECT_THAT(html, Not(HasSubstr("<b onmouseover")));
  EXPECT_THAT(html, Not(HasSubstr("<i>tag")));
  EXPECT_THAT(html, HasSubstr("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_THAT(html, HasSubstr("&lt;img src=x onerror=alert(1)&gt;"));
  EXPECT_THAT(html, HasSubstr("&lt;b onmouseover=x&gt;"));
  ExpectSelfContained(html);
}

TEST_F(ReportTest, RefusesABadPeriod) {
  Workspace ws = Open();
  ExpectError(RenderReport(ws, {}, {"yesterday", "today", ""}), StatusCode::kInvalidArgument, "--from 'yesterday'");
  ExpectError(RenderReport(ws, {}, {"", "soon", ""}), StatusCode::kInvalidArgument, "--to 'soon'");
  ExpectError(RenderReport(ws, {}, {"2024-05-09", "2024-05-01", ""}), StatusCode::kInvalidArgument,
              "--from 2024-05-09 is after --to 2024-05-01");
  ExpectError(RenderReport(ws, {}, {"", "today+1", ""}), StatusCode::kInvalidArgument, "after today");
}

TEST_F(ReportTest, WritesTheFileWholeAndNeverAWorkspaceFile) {
  Workspace ws = Open();
  const std::string store_before = ReadAll(dir_ / "w" / "learnloop.db");
  const std::filesystem::path file = dir_ / "report.html";
  auto written = WriteReport(ws, {}, {}, file);
  ASSERT_TRUE(written.ok()) << written.status().message();
  const std::string html = ReadAll(file);
  EXPECT_THAT(html, StartsWith("<!doctype html>"));
  EXPECT_EQ(written->bytes, static_cast<int64_t>(html.size()));
  EXPECT_EQ(html, RenderReport(ws, {}, {})->html);
  EXPECT_EQ(ReadAll(dir_ / "w" / "learnloop.db"), store_before) << "reading never writes";
  const json::Json doc = json::ToJson(*written);
  EXPECT_EQ(doc["file"], file.string());
  EXPECT_EQ(doc["bytes"], written->bytes);
  EXPECT_EQ(doc["from"], "2024-04-10");
  EXPECT_EQ(doc["to"], "2024-05-10");
  ExpectError(WriteReport(ws, {}, {}, dir_ / "w" / "learnloop.db"), StatusCode::kInvalidArgument, "learnloop.db");
  ExpectError(WriteReport(ws, {}, {"nope", "today", ""}, file), StatusCode::kInvalidArgument, "--from");
  EXPECT_EQ(ReadAll(file), html) << "a failed report leaves the file alone";
}

}  // namespace
}  // namespace learnloop::app
