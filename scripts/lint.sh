#!/usr/bin/env bash
# make lint: the C++ sources formatted as .clang-format says, and clean under .clang-tidy's checks.
#   scripts/lint.sh BUILD_DIR   (a configured build tree with compile_commands.json)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
mapfile -t sources < <(git ls-files '*.cpp' '*.hpp')
echo "clang-format: ${#sources[@]} files"
clang-format --dry-run --Werror "${sources[@]}"
mapfile -t units < <(git ls-files 'lib/*.cpp' 'cli/*.cpp' 'server/*.cpp')
echo "clang-tidy: ${#units[@]} translation units"
run-clang-tidy -quiet -p "$build" -j "$(nproc)" "${units[@]/#/$PWD/}" > "$build/clang-tidy.log" 2>&1 || {
    grep -E "(warning|error):" "$build/clang-tidy.log" | sort -u | head -50
    echo "clang-tidy found problems (all in $build/clang-tidy.log)"
    exit 1
}
echo "lint: clean"
