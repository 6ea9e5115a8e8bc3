#include "learnloop/app/demo.h"

namespace learnloop::json {

Json ToJson(const app::DemoWorkspace& demo) {
  return {{"workspace", demo.dir.string()},
          {"events", demo.events},
          {"file", demo.file.string()},
          {"people_file", demo.people_file.string()},
          {"people_with_attributes", demo.people_with_attributes},
          {"linked_people", demo.linked_people},
          {"loop",
           {{"goals", demo.loop.goals},
            {"plans", demo.loop.plans},
            {"decided", demo.loop.decided},
            {"running", demo.loop.running},
            {"due_for_review", demo.loop.due_for_review},
            {"ideas", demo.loop.ideas},
            {"checkins", demo.loop.checkins},
            {"learnings", demo.loop.learnings}}}};
}

}  // namespace learnloop::json
