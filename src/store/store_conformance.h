// The behaviour every Store backend must show, as one GoogleTest suite. A
// backend's test binary compiles store_conformance.cc and instantiates the
// suite with a factory of fresh workspaces:
//   INSTANTIATE_TEST_SUITE_P(Sqlite, StoreConformanceTest, ::testing::Values(&MakeSqliteBackend));
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "learnloop/event.h"
#include "store/store.h"

namespace learnloop::store {

// One fresh, empty workspace of a backend; it is deleted with the object.
class StoreBackend {
 public:
  virtual ~StoreBackend() = default;
  // Opens a new Store on the workspace, as another process would; safe to
  // call from any thread and in a forked child.
  virtual Result<std::unique_ptr<Store>> Open() = 0;
};

using StoreBackendFactory = std::unique_ptr<StoreBackend> (*)();

class StoreConformanceTest : public ::testing::TestWithParam<StoreBackendFactory> {
 protected:
  void SetUp() override;

  // Imports `events` in one import named `file_name`.
  Result<ImportRecord> ImportEvents(Store& store, const std::vector<Event>& events,
                                    const std::string& file_name = "events.csv");
  // Every stored event, in scan order.
  std::vector<Event> ScanAll(Store& store);

  std::unique_ptr<StoreBackend> backend_;
  std::unique_ptr<Store> store_;
};

}  // namespace learnloop::store
