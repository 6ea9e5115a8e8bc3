// CiviCRM search result exports (CSV with field titles as headers):
// Find Contributions -> Export (completed contributions as donation events,
// refunds as refund events with a negative value) and Find Activities ->
// Export (activities as events of a kind made from their type). Dates are
// in the site's local time, read in the import's time zone. See civicrm.cc
// for the mapping.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ingest/platform.h"

namespace learnloop::ingest {

extern const PlatformFormat kCiviContributionsFormat;
extern const PlatformFormat kCiviActivitiesFormat;

// An amount as CiviCRM writes it: "1250.00", "1,250.00", "$ 1,250.00",
// "USD 12.5"; a currency sign or code before the number is ignored.
std::optional<double> ParseCiviAmount(std::string_view text);

// The kind of an activity type (see civicrm.cc); empty when activities of
// that type are not events of a supporter.
std::string CiviActivityKind(std::string_view activity_type);

}  // namespace learnloop::ingest
