// Test helpers for the SQLite store: a temporary directory removed at the
// end of the test, and the conformance suite's backend over it.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "store/store_conformance.h"

namespace learnloop::store::sqlite {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // path()/name as a string.
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// A fresh workspace file in its own temporary directory.
std::unique_ptr<StoreBackend> MakeSqliteBackend();

}  // namespace learnloop::store::sqlite
