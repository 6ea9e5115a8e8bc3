#include "cli_context.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

#include "learnloop/app/input.h"
#include "learnloop/terminal_text.h"
#include "terminal_progress.h"

namespace learnloop::cli {
namespace {

bool LooksNumeric(const std::string& cell) {
  if (cell.empty()) return true;
  return std::all_of(cell.begin(), cell.end(),
                     [](char c) { return (c >= '0' && c <= '9') || c == ',' || c == '.' || c == '-' || c == '%'; });
}

// Display width of UTF-8 text: counts code points, not bytes.
size_t Width(const std::string& text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

struct Registered {
  int order;
  RegisterFn fn;
};

// A function-local static, so registrars in other files may run first.
std::vector<Registered>& Registry() {
  static std::vector<Registered> registry;
  return registry;
}

}  // namespace

CommandRegistrar::CommandRegistrar(int order, RegisterFn fn) { Registry().push_back({order, fn}); }

void RegisterCommands(CLI::App& app, CliContext& ctx) {
  std::vector<Registered> commands = Registry();
  std::stable_sort(commands.begin(), commands.end(),
                   [](const Registered& a, const Registered& b) { return a.order < b.order; });
  for (const Registered& c : commands) c.fn(app, ctx);
}

int Fail(const CliContext& ctx, const Status& status) {
  *ctx.err << "error: " << EscapeForTerminal(status.message()) << "\n";
  return kExitFailure;
}

int ExitCode(const CliContext& ctx, const Status& status) { return status.ok() ? 0 : Fail(ctx, status); }

Result<Workspace> OpenWorkspace(const CliContext& ctx) {
  LL_ASSIGN_OR_RETURN(Workspace ws, Workspace::Open(ctx.workspace_dir));
  ws.SetProgress(&StderrProgress());
  return ws;
}

namespace {

std::string Trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return std::string(text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1));
}

std::string EnvOrEmpty(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : Trimmed(value);
}

}  // namespace

std::string ResolveActor(std::string_view as_flag) {
  std::string actor = Trimmed(as_flag);
  return actor.empty() ? EnvOrEmpty("USER") : actor;
}

Result<std::optional<Day>> ResolveToday(std::string_view today_flag) {
  std::string today = Trimmed(today_flag);
  std::string_view source = "--today";
  if (today.empty()) {
    today = EnvOrEmpty("LEARNLOOP_TODAY");
    source = "LEARNLOOP_TODAY";
  }
  if (today.empty()) return std::optional<Day>();
  auto day = ParseDate(today);
  if (!day.ok()) return InvalidArgument(fmt::format("{} '{}': expected a date like 2024-05-01", source, today));
  return std::optional<Day>(*day);
}

void AddJsonFlag(CLI::App& command, CliContext& ctx) {
  command.add_flag("--json", ctx.json, "Print JSON for machines instead of a table");
}

void PrintText(std::ostream& out, std::string_view text) { out << EscapeLinesForTerminal(text); }

void PrintJson(const CliContext& ctx, const nlohmann::ordered_json& doc) { *ctx.out << doc.dump(2) << "\n"; }

std::string FormatTable(const std::vector<std::vector<std::string>>& raw_rows) {
  if (raw_rows.empty()) return {};
  std::vector<std::vector<std::string>> rows;
  rows.reserve(raw_rows.size());
  for (const auto& raw : raw_rows) {
    std::vector<std::string>& row = rows.emplace_back();
    row.reserve(raw.size());
    for (const std::string& cell : raw) row.push_back(EscapeForTerminal(cell));
  }
  size_t columns = 0;
  for (const auto& row : rows) columns = std::max(columns, row.size());
  std::vector<size_t> width(columns, 0);
  std::vector<bool> numeric(columns, true);
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t c = 0; c < rows[r].size(); ++c) {
      width[c] = std::max(width[c], Width(rows[r][c]));
      if (r > 0 && !LooksNumeric(rows[r][c])) numeric[c] = false;
    }
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (size_t c = 0; c < row.size(); ++c) {
      size_t pad = width[c] - Width(row[c]);
      if (c > 0) line += "  ";
      if (c > 0 && numeric[c]) line.append(pad, ' ');
      line += row[c];
      if (!(c > 0 && numeric[c])) line.append(pad, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

std::string Thousands(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return n < 0 ? "-" + out : out;
}

}  // namespace learnloop::cli
