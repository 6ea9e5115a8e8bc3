// Where the engine learns the time: a Clock passed in by the front end, so
// tests and replays run on a fixed instant and nothing deep in the engine
// reads the system clock. Clocks are used from one thread at a time.
#pragma once

#include "learnloop/time.h"

namespace learnloop {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp Now() const = 0;
};

// The system's real-time clock; lives for the whole process.
const Clock& SystemClock();

// A clock that says `now` until set otherwise; for tests and replays.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(Timestamp now) : now_(now) {}
  Timestamp Now() const override { return now_; }
  void Set(Timestamp now) { now_ = now; }

 private:
  Timestamp now_;
};

}  // namespace learnloop
