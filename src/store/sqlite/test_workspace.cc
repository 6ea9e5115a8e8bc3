#include "store/sqlite/test_workspace.h"

#include <cstdlib>
#include <stdexcept>

#include "store/sqlite/sqlite_store.h"

namespace learnloop::store::sqlite {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::path(::testing::TempDir()) / "learnloop_store_XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed for " + pattern);
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::permissions(path_, std::filesystem::perms::owner_all, ignored);
  std::filesystem::remove_all(path_, ignored);
}

namespace {

class SqliteBackend final : public StoreBackend {
 public:
  Result<std::unique_ptr<Store>> Open() override {
    return OpenSqliteStore(dir_.File("learnloop.db"), OpenMode::kCreate);
  }

 private:
  TempDir dir_;
};

}  // namespace

std::unique_ptr<StoreBackend> MakeSqliteBackend() { return std::make_unique<SqliteBackend>(); }

}  // namespace learnloop::store::sqlite
