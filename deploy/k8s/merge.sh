#!/bin/sh
# Merges the shards of deploy/k8s/shard.sh back into input order: line n is line
# ceil(n / SHARDS) of shard (n - 1) mod SHARDS. The result equals one `cost-sim batch` over the
# whole input, byte for byte. Usage: merge.sh OUTPUT_DIR SHARDS > merged.jsonl
set -eu
dir=$1
shards=$2
i=0
while [ "$i" -lt "$shards" ]; do
  [ -f "$dir/shard-$i.jsonl" ] || { echo "merge.sh: shard $i is missing" >&2; exit 1; }
  i=$((i + 1))
done
# Round-robin: one line of each shard in turn, until the first shard runs out.
awk -v n="$shards" -v d="$dir" 'BEGIN {
  for (;;) {
    for (i = 0; i < n; i++) {
      if ((getline line < (d "/shard-" i ".jsonl")) <= 0) exit
      print line
    }
  }
}'
