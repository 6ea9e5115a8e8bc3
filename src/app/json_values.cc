#include "learnloop/json.h"

namespace learnloop::json {

Json DayOrNull(std::optional<Day> day) { return day ? Json(FormatDate(*day)) : Json(nullptr); }

Json NumberOrNull(std::optional<double> value) { return value ? Json(*value) : Json(nullptr); }

}  // namespace learnloop::json
