#include "server/web_app.h"

#include <fmt/format.h>

#include <array>
#include <cstdint>
#include <system_error>
#include <utility>

#include "ingest/input_text.h"

namespace learnloop::server {
namespace {

constexpr std::string_view kGzipSuffix = ".gz";

Status TooLarge(const std::filesystem::path& dir, size_t max_bytes) {
  const std::string limit =
      max_bytes % (size_t{1} << 20) == 0 ? fmt::format("{} MiB", max_bytes >> 20) : fmt::format("{} bytes", max_bytes);
  return InvalidArgument(
      fmt::format("{}: the files add up to more than {}, the most the server holds in memory; "
                  "expected the built web app (web/dist)",
                  dir.string(), limit));
}

// Every regular file under `dir` by its path there ("assets/app.js").
Result<std::map<std::string, std::string>> ReadTree(const std::filesystem::path& dir, size_t max_bytes) {
  std::map<std::string, std::string> files;
  size_t total = 0;
  std::error_code error;
  std::filesystem::recursive_directory_iterator it(dir, error);
  for (; !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
    const std::filesystem::directory_entry& entry = *it;
    if (entry.path().filename().string().starts_with(".")) {
      it.disable_recursion_pending();  // a dot directory's files are skipped too
      continue;
    }
    std::error_code type_error;  // a dangling link is no file to serve
    if (!entry.is_regular_file(type_error)) continue;
    const uintmax_t size = entry.file_size(error);
    if (error) break;
    if (size > max_bytes - total) return TooLarge(dir, max_bytes);
    LL_ASSIGN_OR_RETURN(std::string bytes, ingest::ReadWholeFile(entry.path(), max_bytes - total));
    total += bytes.size();
    files.emplace(entry.path().lexically_relative(dir).generic_string(), std::move(bytes));
  }
  if (error) return IoError(fmt::format("{}: cannot read the web app: {}", dir.string(), error.message()));
  return files;
}

std::string_view Extension(std::string_view name) {
  const size_t slash = name.rfind('/');
  const size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return {};
  return name.substr(dot);
}

// Whether the parameters after a coding's name (";q=0.5") leave it wanted.
bool Wanted(std::string_view params) {
  while (!params.empty()) {
    const size_t semicolon = params.find(';');
    const std::string_view param = ingest::TrimAscii(params.substr(0, semicolon));
    params = semicolon == std::string_view::npos ? std::string_view() : params.substr(semicolon + 1);
    if (param.size() < 2 || !ingest::SameName(param.substr(0, 2), "q=")) continue;
    const std::string_view q = ingest::TrimAscii(param.substr(2));
    return q.find_first_not_of("0.") != std::string_view::npos;
  }
  return true;
}

}  // namespace

Result<WebApp> WebApp::Load(const std::filesystem::path& dir, size_t max_bytes) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(dir / "index.html", error))
    return InvalidArgument(dir.string() +
                           ": no index.html there; expected the built web app (npm run build in web/ makes web/dist)");
  LL_ASSIGN_OR_RETURN(auto files, ReadTree(dir, max_bytes));
  WebApp app;
  for (auto& [path, bytes] : files) {
    if (path.ends_with(kGzipSuffix)) continue;
    WebFile file{std::move(bytes), std::nullopt, ContentTypeFor(path)};
    if (auto gzip = files.find(path + std::string(kGzipSuffix)); gzip != files.end())
      file.gzip = std::move(gzip->second);
    app.files_.emplace("/" + path, std::move(file));
  }
  return app;
}

const WebFile* WebApp::Find(std::string_view path) const {
  auto it = files_.find(path == "/" ? std::string_view("/index.html") : path);
  return it == files_.end() ? nullptr : &it->second;
}

std::string_view ContentTypeFor(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 10> kTypes = {{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript"},
      {".css", "text/css"},
      {".svg", "image/svg+xml"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
  }};
  const std::string_view extension = Extension(name);
  for (const auto& [suffix, type] : kTypes)
    if (ingest::SameName(extension, suffix)) return type;
  return "application/octet-stream";
}

bool AcceptsGzip(std::string_view accept_encoding) {
  while (!accept_encoding.empty()) {
    const size_t comma = accept_encoding.find(',');
    const std::string_view coding = accept_encoding.substr(0, comma);
    accept_encoding = comma == std::string_view::npos ? std::string_view() : accept_encoding.substr(comma + 1);
    const size_t semicolon = coding.find(';');
    const std::string_view name = ingest::TrimAscii(coding.substr(0, semicolon));
    if (ingest::SameName(name, "gzip") || ingest::SameName(name, "x-gzip"))
      return semicolon == std::string_view::npos || Wanted(coding.substr(semicolon + 1));
  }
  return false;
}

}  // namespace learnloop::server
