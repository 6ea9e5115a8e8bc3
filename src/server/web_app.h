// The built web app, held in memory: every file under one directory, each
// with its precompressed FILE.gz when there is one. Read once at start, so
// a request can only name a file that was there; no request path reaches
// the disk.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "learnloop/status.h"

namespace learnloop::server {

struct WebFile {
  std::string bytes;
  std::optional<std::string> gzip;  // FILE.gz's bytes
  std::string_view content_type;
};

// The most a web app may hold, all files together (its .gz files too).
inline constexpr size_t kMaxWebAppBytes = size_t{64} << 20;

class WebApp {
 public:
  // Reads every regular file under `dir`, skipping names that start with
  // "." and attaching FILE.gz to FILE (a .gz alone is not served).
  // InvalidArgument when `dir` has no index.html or its files add up to
  // more than `max_bytes`; the errors of ingest::ReadWholeFile.
  static Result<WebApp> Load(const std::filesystem::path& dir, size_t max_bytes = kMaxWebAppBytes);

  // The file a URL path names exactly ("/assets/app-1a2b.js"; "/" is
  // index.html), or nullptr.
  const WebFile* Find(std::string_view path) const;

 private:
  std::map<std::string, WebFile, std::less<>> files_;  // by "/" + the path under the directory
};

// The Content-Type for a file name, by its extension.
std::string_view ContentTypeFor(std::string_view name);

// Whether an Accept-Encoding header's value takes gzip: listed, and not
// with q=0.
bool AcceptsGzip(std::string_view accept_encoding);

}  // namespace learnloop::server
