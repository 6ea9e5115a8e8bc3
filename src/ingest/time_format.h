// Parses timestamps written in a strftime-like format, for mapped CSV files
// whose ts column is not RFC 3339 ("05/01/2024 9:30 PM").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "learnloop/status.h"
#include "learnloop/time.h"

namespace date {
class time_zone;
}  // namespace date

namespace learnloop::ingest {

class TimeFormat {
 public:
  // Directives: %Y %y %m %d %e %H %I %p %M %S (with an optional .fraction)
  // %b %B %h (month names) %a %A (weekday names, ignored) %z %s %F %T %R %D
  // %%. A space matches any run of whitespace. The format must name a date
  // (or be %s). Local times are in `time_zone` ("UTC" or an IANA name)
  // unless the text has %z; a repeated local time takes the earlier
  // instant, a skipped one the instant the gap ends.
  static Result<TimeFormat> Make(std::string_view format, std::string_view time_zone);

  // InvalidArgument naming the format when `text` does not match it.
  Result<Timestamp> Parse(std::string_view text) const;

  const std::string& format() const { return format_; }

 private:
  struct Token {
    char directive;  // 0 for a literal, ' ' for whitespace
    char literal;
  };
  TimeFormat(std::string format, std::vector<Token> tokens, const date::time_zone* zone)
      : format_(std::move(format)), tokens_(std::move(tokens)), zone_(zone) {}

  std::string format_;
  std::vector<Token> tokens_;
  const date::time_zone* zone_;  // nullptr for UTC
};

}  // namespace learnloop::ingest
