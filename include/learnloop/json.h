// What every JSON encoding shares. Each result type's one encoding,
// json::ToJson, is declared beside the type (learnloop/app/*.h) and used by
// the CLI's --json and the HTTP API's bodies alike. Keys are stable: front
// ends and scripts rely on them. Days are "YYYY-MM-DD" strings; absent
// values are null.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>

#include "learnloop/time.h"

namespace learnloop::json {

using Json = nlohmann::ordered_json;

Json DayOrNull(std::optional<Day> day);
Json NumberOrNull(std::optional<double> value);

}  // namespace learnloop::json
