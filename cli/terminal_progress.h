// Progress on a terminal: one line on stderr, redrawn in place, for work
// that takes a while (imports, the first engine build, demo generation).
// Nothing is drawn when stderr is not a terminal, so redirected output and
// scripts never see it.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <string_view>

#include "learnloop/progress.h"

namespace learnloop::cli {

class TerminalProgress final : public Progress {
 public:
  using Clock = std::chrono::steady_clock;
  struct Options {
    bool enabled = false;                     // the output is a terminal
    std::chrono::milliseconds delay{1000};    // a step done sooner shows nothing
    std::chrono::milliseconds interval{200};  // at most 5 redraws a second
  };
  TerminalProgress(std::ostream& out, Options options, std::function<Clock::time_point()> now = Clock::now);

  // Draws "WHAT: DONE[ of TOTAL]" once the step has run `delay`, at most
  // once per `interval`.
  void Update(std::string_view what, int64_t done, int64_t total) override;
  // Clears the line if one was drawn; the next Update starts a new step.
  void Done() override;
  // "note: MESSAGE" on its own line, terminal or not.
  void Note(std::string_view message) override;

 private:
  std::ostream& out_;
  Options options_;
  std::function<Clock::time_point()> now_;
  std::optional<Clock::time_point> started_;  // the step's first Update
  std::optional<Clock::time_point> drawn_;    // the last redraw
  std::set<std::string, std::less<>> said_;   // notes, each said once
};

// The progress line of this process: on stderr when it is a terminal.
// LEARNLOOP_PROGRESS_DELAY_MS, when set, replaces the 1 s delay (tests use 0).
Progress& StderrProgress();

}  // namespace learnloop::cli
