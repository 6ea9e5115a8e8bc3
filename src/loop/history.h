// The change history of loop objects: each object is seen as named text
// fields, and every field that differs between two versions becomes one
// loop_history row.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "learnloop/loop.h"
#include "loop/loop_store.h"

namespace learnloop::loop {

using Fields = std::vector<std::pair<std::string, std::string>>;

Fields FieldsOf(const Goal& goal);
Fields FieldsOf(const Plan& plan);
Fields FieldsOf(const CheckIn& note);
Fields FieldsOf(const Reflection& reflection);

// Writes one row per field that differs; `before` is empty for a new object
// (every non-empty field is written with an empty old value).
Status RecordChanges(LoopStore& store, std::string_view object_type, int64_t object_id,
                     const std::optional<Fields>& before, const Fields& after, const LoopOptions& by);

// Writes the row that marks an object as deleted: field "deleted", the
// object's title as the old value.
Status RecordDeletion(LoopStore& store, std::string_view object_type, int64_t object_id, std::string_view title,
                      const LoopOptions& by);

}  // namespace learnloop::loop
