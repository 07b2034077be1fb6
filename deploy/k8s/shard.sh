#!/bin/sh
# One shard of a batch: the lines n (from 1) with (n - 1) mod SHARDS == INDEX, priced by
# `cost-sim batch`, with each output line's "line" put back to n, its number in the whole input.
# INDEX is JOB_COMPLETION_INDEX (a Kubernetes Indexed Job; AWS Batch: AWS_BATCH_JOB_ARRAY_INDEX).
# Usage: shard.sh INPUT OUTPUT_DIR SHARDS      writes OUTPUT_DIR/shard-INDEX.jsonl
set -eu
input=$1
out_dir=$2
shards=$3
index=${JOB_COMPLETION_INDEX:-${AWS_BATCH_JOB_ARRAY_INDEX:?JOB_COMPLETION_INDEX is not set}}
cost_sim=${COST_SIM:-cost-sim}
tmp="$out_dir/.shard-$index.jsonl.partial"
status=0
awk -v n="$shards" -v i="$index" '(NR - 1) % n == i' "$input" | "$cost_sim" batch --jobs 1 |
  awk -v n="$shards" -v i="$index" '{ sub(/^\{"line":[0-9]+/, "{\"line\":" ((NR - 1) * n + i + 1)); print }' \
  > "$tmp" || status=$?
# Line errors (exit 2) are lines of the output; anything else leaves no shard, and the Job retries it.
[ "$status" -eq 0 ] || [ "$status" -eq 2 ] || { rm -f "$tmp"; exit "$status"; }
mv "$tmp" "$out_dir/shard-$index.jsonl"
