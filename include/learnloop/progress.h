// How long work tells a front end how far it got: an import, the first
// engine build, demo generation. The engine reports; the front end decides
// whether and how to show it (the CLI: one line on stderr, only when it is
// a terminal). Reports come from the thread doing the work.
#pragma once

#include <cstdint>
#include <string_view>

namespace learnloop {

class Progress {
 public:
  virtual ~Progress() = default;
  // `done` units of step `what` so far, of `total` (0 when not known).
  // Called often: implementations throttle themselves.
  virtual void Update(std::string_view what, int64_t done, int64_t total) = 0;
  // The step is over (finished or failed).
  virtual void Done() = 0;
  // Something the user should know that is no error, said once (e.g. a
  // read-only workspace that cannot cache its engine). Shown whether or not
  // progress is.
  virtual void Note(std::string_view message) { (void)message; }
};

// A Progress that shows nothing.
Progress& NoProgress();

}  // namespace learnloop
