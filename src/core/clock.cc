#include "learnloop/clock.h"

#include <chrono>

namespace learnloop {
namespace {

class RealClock final : public Clock {
 public:
  Timestamp Now() const override {
    auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
    return Timestamp{std::chrono::duration_cast<std::chrono::microseconds>(since_epoch).count()};
  }
};

}  // namespace

const Clock& SystemClock() {
  static const RealClock kClock;
  return kClock;
}

}  // namespace learnloop
