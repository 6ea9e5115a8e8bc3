#include "ingest/event_reader.h"

#include <fmt/format.h>

#include "ingest/csv_reader.h"
#include "ingest/input_text.h"
#include "ingest/jsonl_reader.h"

namespace learnloop::ingest {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

}  // namespace

Result<std::unique_ptr<EventReader>> OpenEventFile(const std::filesystem::path& file, const ReadOptions& options) {
  LL_ASSIGN_OR_RETURN(std::string bytes, ReadWholeFile(file));
  ReadOptions named = options;
  if (named.display_name.empty()) named.display_name = file.string();
  return OpenEventBuffer(std::move(bytes), named);
}

Result<std::unique_ptr<EventReader>> OpenEventBuffer(std::string bytes, const ReadOptions& options) {
  std::string file = options.display_name.empty() ? std::string("<input>") : options.display_name;
  size_t start = std::string_view(bytes).starts_with(kUtf8Bom) ? kUtf8Bom.size() : 0;
  size_t first = bytes.find_first_not_of(" \t\r\n", start);
  if (first == std::string::npos) return InvalidArgument(fmt::format("{}: file is empty", file));
  LL_RETURN_IF_ERROR(CheckText(bytes, file));
  // A JSON Lines file opens an object; anything else is read as CSV.
  const EventFormat format = bytes[first] == '{' ? EventFormat::kJsonl : EventFormat::kCsv;
  if (format == EventFormat::kJsonl) {
    if (options.mapping != nullptr)
      return InvalidArgument(
          fmt::format("{}: a column mapping applies only to CSV files, and this is JSON Lines", file));
    return OpenJsonlReader(std::move(bytes), start, std::move(file));
  }
  if (bytes[first] == '[')
    return NotAnEventFile(file, "(it starts with '[', like a JSON array; JSON Lines has one object per line)");
  return OpenCsvReader(std::move(bytes), start, std::move(file), options.mapping);
}

}  // namespace learnloop::ingest
