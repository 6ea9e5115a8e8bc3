#include "golden_file.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "ingest/event_reader.h"

namespace learnloop::golden {

namespace fs = std::filesystem;

fs::path CasesDir(std::string_view kind) { return fs::path(LEARNLOOP_SOURCE_DIR) / "tests" / "golden" / kind; }

std::vector<std::string> CaseNames(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

Result<std::string> ReadFile(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return NotFound(fmt::format("cannot open {}", file.string()));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Result<CaseFile> CaseFile::Read(const fs::path& file) {
  LL_ASSIGN_OR_RETURN(std::string text, ReadFile(file));
  CaseFile out;
  out.file_ = file.string();
  std::istringstream lines(text);
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const size_t space = line.find(' ');
    if (space == std::string::npos) {
      out.lines_.push_back({number, line, ""});
    } else {
      out.lines_.push_back({number, line.substr(0, space), line.substr(space + 1)});
    }
  }
  return out;
}

Status CaseFile::Error(const Line& line, std::string_view problem) const {
  return InvalidArgument(Where(line, problem));
}

std::string CaseFile::Where(const Line& line, std::string_view problem) const {
  return fmt::format("{}:{}: {}", file_, line.number, problem);
}

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  std::istringstream in{std::string(text)};
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

Status AddEvents(const fs::path& file, engine::EventTableBuilder& builder) {
  LL_ASSIGN_OR_RETURN(auto reader, ingest::OpenEventFile(file, {}));
  EventView event;
  while (true) {
    LL_ASSIGN_OR_RETURN(bool more, reader->Next(&event));
    if (!more) return Status::Ok();
    builder.Add(event);
  }
}

Result<std::shared_ptr<const engine::EventTable>> LoadEvents(const fs::path& file, const TimeZone& zone) {
  engine::EventTableBuilder builder;
  LL_RETURN_IF_ERROR(AddEvents(file, builder));
  return std::make_shared<const engine::EventTable>(std::move(builder).Build(zone));
}

std::string ErrorMismatch(const Status& actual, std::string_view expected) {
  if (actual.ok()) return fmt::format("expected an error containing \"{}\", but it succeeded", expected);
  if (actual.message().find(expected) != std::string::npos) return "";
  return fmt::format("expected an error containing \"{}\", got \"{}\"", expected, actual.message());
}

TempCase::TempCase(std::string_view name, std::initializer_list<std::pair<std::string_view, std::string_view>> files)
    : dir_(fs::temp_directory_path() / fmt::format("learnloop_golden_{}_{}", name, ::getpid())) {
  fs::remove_all(dir_);
  fs::create_directories(dir_);
  for (const auto& [file, text] : files) std::ofstream(dir_ / file, std::ios::binary) << text;
}

TempCase::~TempCase() { fs::remove_all(dir_); }

}  // namespace learnloop::golden
