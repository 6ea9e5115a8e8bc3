// The one mapping from learnloop Status codes to HTTP statuses, and the
// JSON error body every failed request gets.
#pragma once

#include <string_view>

#include "learnloop/json.h"
#include "learnloop/status.h"

namespace learnloop::server {

// 400 bad input, 401, 403, 404, 409 conflicts, 503 busy, 500 the rest.
int HttpStatus(StatusCode code);
// {"error": {"code": "not_found", "message": ..., "field": null}}; `field`
// is null when empty.
json::Json ErrorBody(std::string_view code, std::string_view message, std::string_view field = {});
json::Json ErrorBody(const Status& status);

}  // namespace learnloop::server
