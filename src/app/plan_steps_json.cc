#include "learnloop/app/plan_steps.h"

namespace learnloop::json {

Json ToJson(const CheckIn& c) {
  return {{"id", c.id},     {"plan_id", c.plan_id}, {"day", FormatDate(c.day)}, {"done", c.done},
          {"next", c.next}, {"blocked", c.blocked}, {"actor", c.actor}};
}

Json ToJson(const Reflection& r) {
  return {{"plan_id", r.plan_id}, {"day", FormatDate(r.day)}, {"expected", r.expected}, {"happened", r.happened},
          {"why", r.why},         {"learned", r.learned},     {"tags", r.tags},         {"actor", r.actor}};
}

}  // namespace learnloop::json
