#include "learnloop/progress.h"

namespace learnloop {
namespace {

class Silent final : public Progress {
 public:
  void Update(std::string_view, int64_t, int64_t) override {}
  void Done() override {}
};

}  // namespace

Progress& NoProgress() {
  static Silent silent;
  return silent;
}

}  // namespace learnloop
