#include "store/engine_limits.h"

#include <fmt/format.h>

#include <string_view>

#include "learnloop/event.h"

namespace learnloop::store {
namespace {

Status OverLimit(std::string_view what, int64_t before, int64_t after, int64_t limit, std::string_view instead) {
  return InvalidArgument(
      fmt::format("the workspace would hold {} {} ({} stored + {} from this file), more than the {} learnloop can "
                  "analyse; {}",
                  after, what, before, after - before, limit, instead));
}

}  // namespace

Status CheckEngineLimits(const EngineCounts& before, const EngineCounts& after) {
  if (after.kinds > kMaxKinds) {
    return OverLimit("distinct kinds", before.kinds, after.kinds, kMaxKinds,
                     "use a column mapping (import --map) that takes kind from a column with fewer values or sets "
                     "it as a constant, or use fewer custom kinds");
  }
  if (after.channels > kMaxChannels) {
    return OverLimit("distinct channels", before.channels, after.channels, kMaxChannels,
                     "use a column mapping (import --map) that takes channel from a column with fewer values or "
                     "sets it as a constant, or use fewer channels");
  }
  if (after.events > kMaxEvents) {
    return OverLimit("events", before.events, after.events, kMaxEvents,
                     "split the organization's data over more than one workspace");
  }
  return Status::Ok();
}

}  // namespace learnloop::store
