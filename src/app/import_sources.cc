#include "app/import_sources.h"

#include <archive.h>
#include <archive_entry.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdlib>  // mkdtemp
#include <fstream>
#include <memory>
#include <string_view>
#include <vector>

namespace learnloop::app {
namespace fs = std::filesystem;

namespace {

constexpr size_t kMagicBytes = 512;
// A member is taken for binary when its first block holds a NUL byte.
constexpr size_t kBinaryProbeBytes = 8192;

enum class Container { kNone, kArchive, kCompressed };

// What the first bytes of a file say it is: an archive (zip, tar), data
// compressed by gzip, bzip2 or xz (a .tar.gz or a single .csv.gz), or
// neither.
Container ContainerOf(std::string_view head) {
  if (head.starts_with("PK\x03\x04") || head.starts_with("PK\x05\x06")) return Container::kArchive;
  if (head.size() >= 262 && head.substr(257, 5) == "ustar") return Container::kArchive;
  static constexpr std::array<std::string_view, 3> kCompressed = {std::string_view("\x1f\x8b", 2), "BZh",
                                                                  std::string_view("\xFD"
                                                                                   "7zXZ\0",
                                                                                   6)};
  for (std::string_view magic : kCompressed)
    if (head.starts_with(magic)) return Container::kCompressed;
  return Container::kNone;
}

Container ContainerOfFile(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::string head(kMagicBytes, '\0');
  if (!in) return Container::kNone;
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  return ContainerOf(head);
}

bool IsHidden(std::string_view name) { return name.starts_with('.') || name == "__MACOSX"; }

// Whether any folder or file name of `path` (slash-separated) is hidden.
bool HasHiddenPart(std::string_view path) {
  while (!path.empty()) {
    const size_t slash = path.find('/');
    if (IsHidden(path.substr(0, slash))) return true;
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return false;
}

struct ArchiveFree {
  void operator()(archive* a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveFree>;

// A private folder (mode 0700) for the members being read; removed with
// everything in it when it goes.
class TempDir {
 public:
  static Result<TempDir> Create() {
    std::error_code ec;
    fs::path base = fs::temp_directory_path(ec);
    if (ec) return IoError(fmt::format("no folder for temporary files: {}", ec.message()));
    std::string pattern = (base / "learnloop-import-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr)
      return IoError(fmt::format("cannot make a temporary folder in {}", base.string()));
    return TempDir(pattern);
  }
  TempDir(TempDir&& other) noexcept : path_(std::move(other.path_)) { other.path_.clear(); }
  TempDir& operator=(TempDir&&) = delete;
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  explicit TempDir(fs::path path) : path_(std::move(path)) {}
  fs::path path_;
};

class ArchiveWalk {
 public:
  ArchiveWalk(const fs::path& file, std::string name, Container container,
              const std::function<Status(const ImportSource&)>& visit,
              const std::function<void(PassedOverFile)>& pass_over)
      : file_(file), name_(std::move(name)), container_(container), visit_(visit), pass_over_(pass_over) {}

  Status Run() {
    ArchivePtr reader(archive_read_new());
    if (!reader) return Internal("libarchive: out of memory");
    archive* a = reader.get();
    archive_read_support_filter_gzip(a);
    archive_read_support_filter_bzip2(a);
    archive_read_support_filter_xz(a);
    archive_read_support_format_zip(a);
    archive_read_support_format_tar(a);
    // Compressed data that is no archive (events.csv.gz) is one member.
    if (container_ == Container::kCompressed) archive_read_support_format_raw(a);
    if (archive_read_open_filename(a, file_.c_str(), size_t{1} << 16) != ARCHIVE_OK) return Damaged(a);
    LL_ASSIGN_OR_RETURN(TempDir dir, TempDir::Create());
    archive_entry* entry = nullptr;
    for (int index = 0;; ++index) {
      const int next = archive_read_next_header(a, &entry);
      if (next == ARCHIVE_EOF) return Status::Ok();
      if (next != ARCHIVE_OK && next != ARCHIVE_WARN) return Damaged(a);
      LL_RETURN_IF_ERROR(Member(a, entry, dir.path() / fmt::format("member-{}", index)));
    }
  }

 private:
  Status Damaged(archive* a) const {
    const char* why = archive_error_string(a);
    return InvalidArgument(
        fmt::format("{}: a damaged or unsupported archive ({}); expected a .zip or a tar archive, "
                    "optionally gzip, bzip2 or xz compressed",
                    name_, why != nullptr ? why : "unknown error"));
  }

  std::string MemberName(archive_entry* entry) const {
    const char* utf8 = archive_entry_pathname_utf8(entry);
    const char* raw = archive_entry_pathname(entry);
    std::string path = utf8 != nullptr ? utf8 : raw != nullptr ? raw : "";
    while (path.starts_with("./")) path.erase(0, 2);
    return path;
  }

  Status Member(archive* a, archive_entry* entry, const fs::path& copy) {
    std::string path = MemberName(entry);
    // The raw format names its one member "data": call it after the file.
    const bool raw = archive_format(a) == ARCHIVE_FORMAT_RAW;
    if (raw) path = file_.stem().string();
    const std::string name = fmt::format("{}/{}", name_, path);
    const auto type = archive_entry_filetype(entry);
    if (type == AE_IFDIR || HasHiddenPart(path)) return Status::Ok();
    if (type != AE_IFREG) {
      pass_over_({name, "a link or special file; not followed"});
      return Status::Ok();
    }
    if (archive_entry_is_encrypted(entry)) {
      pass_over_({name, "encrypted; unpack the archive with its password and import the folder"});
      return Status::Ok();
    }
    if (archive_entry_size_is_set(entry) && archive_entry_size(entry) > kMaxMemberBytes) return TooBig(name);

    std::vector<char> block(size_t{1} << 16);
    std::ofstream out;
    int64_t written = 0;
    bool first = true;
    while (true) {
      const la_ssize_t got = archive_read_data(a, block.data(), block.size());
      if (got < 0) return Damaged(a);
      if (got == 0) break;
      const std::string_view bytes(block.data(), static_cast<size_t>(got));
      if (first) {
        first = false;
        if (ContainerOf(bytes) != Container::kNone) {
          pass_over_({name, "an archive inside the archive; unpack it and import the folder"});
          return Status::Ok();
        }
        if (bytes.substr(0, kBinaryProbeBytes).find('\0') != std::string_view::npos) {
          pass_over_({name, "not text (an image, a video or another binary file)"});
          return Status::Ok();
        }
        out.open(copy, std::ios::binary | std::ios::trunc);
        if (!out) return IoError(fmt::format("cannot write a temporary copy of {}", name));
      }
      written += got;
      total_ += got;
      if (written > kMaxMemberBytes) return TooBig(name);
      if (total_ > kMaxArchiveBytes)
        return InvalidArgument(fmt::format("{}: unpacks to more than {} GiB; unpack it yourself and import the folder",
                                           name_, kMaxArchiveBytes >> 30));
      out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    }
    if (first) {
      pass_over_({name, "an empty file"});
      return Status::Ok();
    }
    out.close();
    if (!out) return IoError(fmt::format("cannot write a temporary copy of {} (disk full?)", name));
    Status visited = visit_({copy, name, true});
    std::error_code ec;
    fs::remove(copy, ec);
    return visited;
  }

  Status TooBig(const std::string& name) const {
    return InvalidArgument(
        fmt::format("{}: unpacks to more than {} GiB; unpack the archive yourself and import the "
                    "file",
                    name, kMaxMemberBytes >> 30));
  }

  const fs::path& file_;
  std::string name_;
  Container container_;
  const std::function<Status(const ImportSource&)>& visit_;
  const std::function<void(PassedOverFile)>& pass_over_;
  int64_t total_ = 0;
};

Status WalkArchive(const fs::path& file, std::string name, Container container,
                   const std::function<Status(const ImportSource&)>& visit,
                   const std::function<void(PassedOverFile)>& pass_over) {
  return ArchiveWalk(file, std::move(name), container, visit, pass_over).Run();
}

Status WalkDirectory(const fs::path& dir, const std::function<Status(const ImportSource&)>& visit,
                     const std::function<void(PassedOverFile)>& pass_over) {
  std::vector<fs::path> entries;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    if (IsHidden(it->path().filename().string())) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    entries.push_back(it->path());
  }
  if (ec) return IoError(fmt::format("{}: cannot list the folder: {}", dir.string(), ec.message()));
  std::sort(entries.begin(), entries.end());
  for (const fs::path& entry : entries) {
    const fs::file_status status = fs::symlink_status(entry, ec);
    if (ec) return IoError(fmt::format("{}: {}", entry.string(), ec.message()));
    if (fs::is_directory(status)) continue;
    if (fs::is_symlink(status) || !fs::is_regular_file(status)) {
      pass_over({entry.string(), "a link or special file; not followed"});
      continue;
    }
    if (fs::file_size(entry, ec) == 0 && !ec) {
      pass_over({entry.string(), "an empty file"});
      continue;
    }
    const Container container = ContainerOfFile(entry);
    if (container != Container::kNone) {
      LL_RETURN_IF_ERROR(WalkArchive(entry, entry.string(), container, visit, pass_over));
    } else {
      LL_RETURN_IF_ERROR(visit({entry, entry.string(), true}));
    }
  }
  return Status::Ok();
}

}  // namespace

Status ForEachImportSource(const fs::path& path, const std::function<Status(const ImportSource&)>& visit,
                           const std::function<void(PassedOverFile)>& pass_over) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return WalkDirectory(path, visit, pass_over);
  if (fs::is_regular_file(path, ec)) {
    const Container container = ContainerOfFile(path);
    if (container != Container::kNone) return WalkArchive(path, path.string(), container, visit, pass_over);
  }
  // Anything else is the importer's to read or refuse (a missing file, a FIFO).
  return visit({path, path.string(), false});
}

}  // namespace learnloop::app
