#include "password_input.h"

#include <termios.h>
#include <unistd.h>

#include <iostream>

namespace learnloop::cli {
namespace {

std::string WithoutLineEnd(std::string line) {
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// One line typed on the terminal with echo off; echo is restored after.
std::string TypedSecretly(const CliContext& ctx, const char* prompt) {
  *ctx.err << prompt << std::flush;
  termios saved{};
  const bool have_terminal = ::tcgetattr(STDIN_FILENO, &saved) == 0;
  if (have_terminal) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (have_terminal) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
  *ctx.err << "\n";
  return WithoutLineEnd(std::move(line));
}

}  // namespace

Result<std::string> ReadPassword(const CliContext& ctx, bool from_stdin) {
  if (from_stdin) {
    std::string line;
    if (!std::getline(std::cin, line) && line.empty())
      return InvalidArgument("--password-stdin: standard input is empty; expected the password on its first line");
    return WithoutLineEnd(std::move(line));
  }
  if (::isatty(STDIN_FILENO) == 0)
    return InvalidArgument("no password given: pass --password-stdin and the password on standard input");
  std::string first = TypedSecretly(ctx, "Password: ");
  if (TypedSecretly(ctx, "Password again: ") != first) return InvalidArgument("the two passwords differ");
  return first;
}

}  // namespace learnloop::cli
