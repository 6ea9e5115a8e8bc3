#include "ingest/observation_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>

#include "ingest/chunked_input.h"
#include "ingest/csv_scanner.h"
#include "ingest/event_fields.h"
#include "ingest/input_text.h"
#include "learnloop/event.h"

namespace learnloop::ingest {
namespace {

enum Column { kDay, kChannel, kContent, kMetric, kValue, kColumnCount };
constexpr std::array<std::string_view, kColumnCount> kColumnNames = {"day", "channel", "content", "metric", "value"};
constexpr std::string_view kExpectedHeader =
    "a header with the columns day,channel,metric,value (required) and content (optional)";

std::optional<size_t> FindColumn(std::string_view name) {
  if (SameName(name, "ts")) return kDay;
  for (size_t i = 0; i < kColumnCount; ++i)
    if (SameName(name, kColumnNames[i])) return i;
  return std::nullopt;
}

class ObservationParser {
 public:
  ObservationParser(ChunkedInput& input, const TimeZone& zone)
      : scanner_(input, BomSize(input.window())), zone_(zone) {}

  Status Parse(const ObservationVisitor& visit) {
    LL_RETURN_IF_ERROR(ReadHeader());
    while (true) {
      LL_ASSIGN_OR_RETURN(bool more, scanner_.Next());
      if (!more) return Status::Ok();
      LL_ASSIGN_OR_RETURN(Observation o, Row());
      LL_RETURN_IF_ERROR(visit(o));
    }
  }

 private:
  Status ErrorAt(size_t field, std::string_view column, std::string_view problem, std::string_view expected) const {
    return InputError(scanner_.FieldLocation(field, column), problem, expected);
  }

  Status ReadHeader() {
    LL_ASSIGN_OR_RETURN(bool found, scanner_.Next());
    if (!found) return InvalidArgument(fmt::format("{}: file is empty; expected {}", scanner_.file(), kExpectedHeader));
    const auto& fields = scanner_.fields();
    header_size_ = fields.size();
    for (size_t i = 0; i < fields.size(); ++i) {
      std::optional<size_t> column = FindColumn(fields[i]);
      if (!column) return ErrorAt(i, "", fmt::format("unknown column '{}'", TrimAscii(fields[i])), kExpectedHeader);
      if (index_[*column] >= 0)
        return ErrorAt(i, "", fmt::format("column '{}' appears twice", kColumnNames[*column]), "each column once");
      index_[*column] = static_cast<int>(i);
    }
    for (Column required : {kDay, kChannel, kMetric, kValue}) {
      if (index_[required] < 0)
        return ErrorAt(0, "", fmt::format("the header lacks the column '{}'", kColumnNames[required]), kExpectedHeader);
    }
    return Status::Ok();
  }

  Result<Observation> Row() const {
    const auto& fields = scanner_.fields();
    if (fields.size() != header_size_) {
      return ErrorAt(std::min(fields.size(), header_size_) - 1, "",
                     fmt::format("{} fields where the header has {}", fields.size(), header_size_),
                     "one field per header column");
    }
    Observation o;
    LL_ASSIGN_OR_RETURN(o.day, DayOf(static_cast<size_t>(index_[kDay])));
    LL_ASSIGN_OR_RETURN(o.channel, Name(kChannel));
    LL_ASSIGN_OR_RETURN(o.metric, Name(kMetric));
    if (index_[kContent] >= 0) o.content = fields[index_[kContent]];
    size_t value_field = static_cast<size_t>(index_[kValue]);
    std::optional<double> value = ParseValue(TrimAscii(fields[value_field]));
    if (!value)
      return ErrorAt(value_field, "value", fmt::format("'{}' is not a number", fields[value_field]),
                     "a decimal number like 1250 or 0.35");
    o.value = *value;
    return o;
  }

  Result<Day> DayOf(size_t field) const {
    std::string_view text = TrimAscii(scanner_.fields()[field]);
    if (text.size() == 10) {
      if (Result<Day> day = ParseDate(text); day.ok()) return *day;
    }
    Result<Timestamp> ts = ParseRfc3339(text);
    if (!ts.ok())
      return ErrorAt(field, "day", fmt::format("'{}' is not a day", text),
                     "YYYY-MM-DD or an RFC 3339 time like 2024-05-01T09:30:00Z");
    return zone_.LocalDay(*ts);
  }

  Result<std::string> Name(Column column) const {
    size_t field = static_cast<size_t>(index_[column]);
    std::string_view text = TrimAscii(scanner_.fields()[field]);
    if (text.empty()) return ErrorAt(field, kColumnNames[column], "empty", "a name");
    if (text.size() > kMaxNameBytes)
      return ErrorAt(field, kColumnNames[column], fmt::format("longer than {} bytes", kMaxNameBytes), "a name");
    if (column == kMetric) {
      const std::string problem = NameProblem(text, "metric name");
      if (!problem.empty()) return ErrorAt(field, "metric", fmt::format("'{}': {}", text, problem), "");
    }
    return std::string(text);
  }

  CsvScanner scanner_;
  const TimeZone& zone_;
  std::array<int, kColumnCount> index_{-1, -1, -1, -1, -1};
  size_t header_size_ = 0;
};

Status ReadObservations(ChunkedInput& input, const TimeZone& zone, const ObservationVisitor& visit) {
  LL_RETURN_IF_ERROR(RequireText(input, kExpectedHeader));
  return ObservationParser(input, zone).Parse(visit);
}

}  // namespace

Status ReadObservationsFile(const std::filesystem::path& file, const TimeZone& zone, const ObservationVisitor& visit) {
  LL_ASSIGN_OR_RETURN(std::unique_ptr<ChunkedInput> input, ChunkedInput::Open(file));
  return ReadObservations(*input, zone, visit);
}

Result<std::vector<Observation>> ParseObservationsCsv(std::string_view text, std::string_view file,
                                                      const TimeZone& zone) {
  std::vector<Observation> observations;
  std::unique_ptr<ChunkedInput> input = ChunkedInput::FromBytes(std::string(text), std::string(file));
  LL_RETURN_IF_ERROR(ReadObservations(*input, zone, [&](const Observation& o) {
    observations.push_back(o);
    return Status::Ok();
  }));
  return observations;
}

}  // namespace learnloop::ingest
