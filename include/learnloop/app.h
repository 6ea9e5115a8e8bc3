// The application layer: every operation a front end (the CLI, the HTTP
// server) offers is one call on a Workspace, returning a typed result whose
// one JSON encoding is declared beside it (json::ToJson) and defined in
// src/app/. Front ends parse their input into these requests, call, and
// print or send the result; they hold no business logic of their own, so
// `learnloop X --json` and the API agree by construction. The operations
// of each area live in learnloop/app/; this header includes them all.
// Calls are made from one thread at a time per Workspace.
#pragma once

#include "learnloop/app/board.h"
#include "learnloop/app/caller.h"
#include "learnloop/app/demo.h"
#include "learnloop/app/evaluate.h"
#include "learnloop/app/feed.h"
#include "learnloop/app/goals.h"
#include "learnloop/app/input.h"
#include "learnloop/app/ladder.h"
#include "learnloop/app/learnings.h"
#include "learnloop/app/loop.h"
#include "learnloop/app/members.h"
#include "learnloop/app/metrics.h"
#include "learnloop/app/people.h"
#include "learnloop/app/plan_steps.h"
#include "learnloop/app/plans.h"
#include "learnloop/app/report.h"
#include "learnloop/app/stats.h"
#include "learnloop/app/workspace.h"
