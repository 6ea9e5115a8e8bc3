// How a command prints an operation's result: its one JSON encoding with
// --json, else its text. `text` either returns the text, text(result), or
// writes it itself, text(ctx, result).
#pragma once

#include <string>
#include <type_traits>

#include "cli_context.h"
#include "learnloop/app.h"

namespace learnloop::cli {

template <typename T, typename Text>
Status PrintResult(const CliContext& ctx, const T& result, Text text) {
  if (ctx.json) {
    PrintJson(ctx, json::ToJson(result));
  } else if constexpr (std::is_invocable_v<Text, const CliContext&, const T&>) {
    text(ctx, result);
  } else {
    PrintText(*ctx.out, text(result));
  }
  return Status::Ok();
}

}  // namespace learnloop::cli
