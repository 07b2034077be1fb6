#!/usr/bin/env bash
# The cluster recipes of Design/scaling.md, run locally: each one's merged output equals one
# `cost-sim batch` over the whole input, byte for byte.
#   1. GNU parallel --pipe --keep-order (blocks of lines to local jobs), lines renumbered after;
#   2. GNU parallel --pipepart on the seekable file, the same;
#   3. a Kubernetes Indexed Job: deploy/k8s/shard.sh once per JOB_COMPLETION_INDEX, then
#      deploy/k8s/merge.sh.
# Usage: tests/batch/recipes.sh COST_SIM_BINARY      (needs GNU parallel and python3)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cost_sim=${1:?usage: recipes.sh COST_SIM_BINARY}
command -v parallel >/dev/null || { echo "recipes.sh: GNU parallel is not installed" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "recipes.sh: FAIL: $*" >&2; exit 1; }

# 3,001 lines: the benchmark's scenarios with a bad line every 250 (errors must keep their place).
python3 "$root/benchmarks/batch/lines.py" 3001 |
  awk 'NR % 250 == 0 { print "{\"id\":\"bad" NR "\",\"workload\":{}}"; next } { print }' > "$work/in.jsonl"
"$cost_sim" batch --jobs 2 "$work/in.jsonl" > "$work/single.jsonl" || [ $? -eq 2 ] || fail "cost-sim batch failed"
[ "$(wc -l < "$work/single.jsonl")" -eq 3001 ] || fail "the single run did not write 3,001 lines"

# Each job numbers its block's lines from 1: the merged output, in order, is renumbered by NR.
renumber() { awk '{ sub(/^\{"line":[0-9]+/, "{\"line\":" NR); print }'; }

parallel --pipe --block 100k --keep-order -j 2 "$cost_sim" batch --jobs 1 < "$work/in.jsonl" 2> /dev/null |
  renumber > "$work/pipe.jsonl" || true
cmp "$work/single.jsonl" "$work/pipe.jsonl" || fail "parallel --pipe differs from the single run"

parallel -a "$work/in.jsonl" --pipepart --block 200k --keep-order -j 2 "$cost_sim" batch --jobs 1 2> /dev/null |
  renumber > "$work/pipepart.jsonl" || true
cmp "$work/single.jsonl" "$work/pipepart.jsonl" || fail "parallel --pipepart differs from the single run"

# The Indexed Job's pods, one after another here: 4 shards by line index.
mkdir "$work/out"
for index in 0 1 2 3; do
  JOB_COMPLETION_INDEX=$index COST_SIM="$cost_sim" sh "$root/deploy/k8s/shard.sh" "$work/in.jsonl" "$work/out" 4
done
sh "$root/deploy/k8s/merge.sh" "$work/out" 4 > "$work/indexed.jsonl"
cmp "$work/single.jsonl" "$work/indexed.jsonl" || fail "the Indexed Job's merged shards differ from the single run"
# A missing shard is an error, not a shorter output.
rm "$work/out/shard-2.jsonl"
! sh "$root/deploy/k8s/merge.sh" "$work/out" 4 > /dev/null 2>&1 || fail "merge.sh accepted a missing shard"
echo "recipes.sh: PASS (3,001 lines: parallel --pipe, --pipepart and 4 Indexed Job shards equal one run)"
