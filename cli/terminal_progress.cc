#include "terminal_progress.h"

#include <fmt/format.h>
#include <unistd.h>

#include <charconv>
#include <cstdlib>
#include <iostream>
#include <utility>

#include "cli_context.h"

namespace learnloop::cli {

TerminalProgress::TerminalProgress(std::ostream& out, Options options, std::function<Clock::time_point()> now)
    : out_(out), options_(options), now_(std::move(now)) {}

void TerminalProgress::Update(std::string_view what, int64_t done, int64_t total) {
  if (!options_.enabled) return;
  const Clock::time_point now = now_();
  if (!started_) started_ = now;
  if (now - *started_ < options_.delay) return;
  if (drawn_ && now - *drawn_ < options_.interval) return;
  std::string line = fmt::format("\r{}: {}", EscapeForTerminal(what), Thousands(done));
  if (total > 0) line += fmt::format(" of {}", Thousands(total));
  out_ << line << "\x1b[K" << std::flush;
  drawn_ = now;
}

void TerminalProgress::Done() {
  if (drawn_) out_ << "\r\x1b[K" << std::flush;
  started_.reset();
  drawn_.reset();
}

void TerminalProgress::Note(std::string_view message) {
  if (!said_.insert(std::string(message)).second) return;
  if (drawn_) out_ << "\r\x1b[K";
  out_ << "note: " << message << "\n" << std::flush;
  drawn_.reset();
}

namespace {

TerminalProgress::Options StderrOptions() {
  TerminalProgress::Options options;
  options.enabled = ::isatty(STDERR_FILENO) == 1;
  if (const char* text = std::getenv("LEARNLOOP_PROGRESS_DELAY_MS")) {
    const std::string_view delay(text);
    int ms = 0;
    auto [end, ec] = std::from_chars(delay.data(), delay.data() + delay.size(), ms);
    if (ec == std::errc() && end == delay.data() + delay.size() && ms >= 0)
      options.delay = std::chrono::milliseconds(ms);
  }
  return options;
}

}  // namespace

Progress& StderrProgress() {
  static TerminalProgress progress(std::cerr, StderrOptions());
  return progress;
}

}  // namespace learnloop::cli
