// The demo's learning loop in progress (see CreateDemoWorkspace).
#pragma once

#include "learnloop/app/demo.h"
#include "learnloop/workspace.h"

namespace learnloop::app {

// Adds the demo's goals and plans to `ws`, whose history `options`
// generated; nothing when it is shorter than kDemoLoopDays.
Result<DemoLoop> BuildDemoLoop(Workspace& ws, const DemoOptions& options);

}  // namespace learnloop::app
