#include "learnloop/app/report.h"

namespace learnloop::json {

Json ToJson(const app::WrittenReport& written) {
  return {{"file", written.file.string()},
          {"bytes", written.bytes},
          {"from", FormatDate(written.from)},
          {"to", FormatDate(written.to)}};
}

}  // namespace learnloop::json
