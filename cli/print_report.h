// How a command prints an operation's result: its one JSON encoding with
// --json, else the text the command formats from it.
#pragma once

#include <string>

#include "cli_context.h"
#include "learnloop/app.h"

namespace learnloop::cli {

template <typename Report, typename Text>
Status PrintReport(const CliContext& ctx, const Report& report, Text text) {
  if (ctx.json) {
    PrintJson(ctx, json::ToJson(report));
  } else {
    PrintText(*ctx.out, text(report));
  }
  return Status::Ok();
}

}  // namespace learnloop::cli
