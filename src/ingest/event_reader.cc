#include "ingest/event_reader.h"

#include <fmt/format.h>

#include "ingest/chunked_input.h"
#include "ingest/csv_reader.h"
#include "ingest/input_text.h"
#include "ingest/jsonl_reader.h"

namespace learnloop::ingest {
namespace {

// Reads on to the first non-blank byte and returns its window offset, or
// nullopt when the file holds only blanks. Blank lines read on the way are
// dropped; *start is where the data begins (past a BOM).
Result<std::optional<size_t>> FindFirstByte(ChunkedInput& input, size_t* start) {
  while (true) {
    std::string_view window = input.window();
    size_t first = window.find_first_not_of(" \t\r\n", *start);
    if (first != std::string_view::npos) return std::optional<size_t>(first);
    if (input.at_end()) return std::optional<size_t>();
    size_t last_lf = window.rfind('\n');
    size_t consumed = last_lf == std::string_view::npos || last_lf < *start ? 0 : last_lf + 1;
    if (consumed > 0) *start = 0;
    if (window.size() - consumed > kMaxRecordBytes)
      return InputError(input.LocationAt(consumed), fmt::format("line is longer than {} bytes", kMaxRecordBytes),
                        "lines of at most 1 MiB");
    LL_RETURN_IF_ERROR(input.ReadMore(consumed).status());
  }
}

Result<std::unique_ptr<EventReader>> OpenEventInput(std::unique_ptr<ChunkedInput> input, const ReadOptions& options) {
  const std::string file = input->name();
  LL_ASSIGN_OR_RETURN(std::optional<std::string_view> reason, ReadStartOfText(*input));
  if (reason) return NotAnEventFile(file, fmt::format("({})", *reason));
  size_t start = BomSize(input->window());
  LL_ASSIGN_OR_RETURN(std::optional<size_t> first, FindFirstByte(*input, &start));
  if (!first) return InvalidArgument(fmt::format("{}: file is empty", file));
  const char first_byte = input->window()[*first];
  // A JSON Lines file opens an object; anything else is read as CSV.
  if (first_byte == '{') {
    if (options.mapping != nullptr)
      return InvalidArgument(
          fmt::format("{}: a column mapping applies only to CSV files, and this is JSON Lines", file));
    return OpenJsonlReader(std::move(input), start);
  }
  if (first_byte == '[')
    return NotAnEventFile(file, "(it starts with '[', like a JSON array; JSON Lines has one object per line)");
  return OpenCsvReader(std::move(input), start, options.mapping);
}

}  // namespace

Result<std::unique_ptr<EventReader>> OpenEventFile(const std::filesystem::path& file, const ReadOptions& options) {
  LL_ASSIGN_OR_RETURN(std::unique_ptr<ChunkedInput> input, ChunkedInput::Open(file, options.display_name));
  return OpenEventInput(std::move(input), options);
}

Result<std::unique_ptr<EventReader>> OpenEventBuffer(std::string bytes, const ReadOptions& options) {
  std::string file = options.display_name.empty() ? std::string("<input>") : options.display_name;
  return OpenEventInput(ChunkedInput::FromBytes(std::move(bytes), std::move(file), options.chunk_bytes), options);
}

}  // namespace learnloop::ingest
