#!/usr/bin/env bash
# Fails when a C++ file in the repository is not formatted by .clang-format.
# Usage: format_check.sh SOURCE_DIR
set -euo pipefail
cd "$1"
bad=$(git ls-files '*.cc' '*.h' | while read -r f; do
  clang-format --dry-run -Werror "$f" >/dev/null 2>&1 || echo "$f"
done)
if [ -n "$bad" ]; then
  echo "not clang-formatted (run clang-format -i on them):"
  echo "$bad"
  exit 1
fi
echo "$(git ls-files '*.cc' '*.h' | wc -l) files formatted"
