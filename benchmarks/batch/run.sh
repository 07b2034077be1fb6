#!/usr/bin/env bash
# cost-sim batch figures with public tools: lines per second with --jobs 1 and 2 on a generated
# file, and the peak RSS (/usr/bin/time -v) for LINES_RSS lines streamed from the generator.
#   benchmarks/batch/run.sh [BUILD_DIR]     Env: LINES (100000), LINES_RSS (10000000)
# Figures go in benchmarks/README.md#batch. Output goes to /dev/null (~8 KB a line).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
cli="$build/cli/cost-sim"
lines=${LINES:-100000}
lines_rss=${LINES_RSS:-10000000}
[ -x "$cli" ] || { echo "run.sh: build $cli first (make build)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "run.sh: /usr/bin/time is not installed (Debian: time)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$here/lines.py" "$lines" > "$work/in.jsonl"
figure() { sed -n "s/^[[:space:]]*$1: //p" "$work/time.txt"; }
echo "| run | lines | wall s | user s | sys s | lines/s (wall) | lines/s per CPU-second | peak RSS KB |"
echo "|---|---|---|---|---|---|---|---|"
for jobs in 1 2; do
  /usr/bin/time -v -o "$work/time.txt" "$cli" batch --jobs "$jobs" "$work/in.jsonl" > /dev/null
  wall=$(figure 'Elapsed (wall clock) time (h:mm:ss or m:ss)' | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
  user=$(figure 'User time (seconds)')
  sys=$(figure 'System time (seconds)')
  rss=$(figure 'Maximum resident set size (kbytes)')
  awk -v j="$jobs" -v n="$lines" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" \
    'BEGIN { printf "| --jobs %d | %d | %.2f | %.2f | %.2f | %.0f | %.0f | %d |\n", j, n, w, u, s, n / w, n / (u + s), r }'
done
# The RSS bound: LINES_RSS lines piped in (never on disk), --jobs 2.
python3 "$here/lines.py" "$lines_rss" | /usr/bin/time -v -o "$work/time.txt" "$cli" batch --jobs 2 > /dev/null
echo
echo "$lines_rss lines, --jobs 2: peak RSS $(figure 'Maximum resident set size (kbytes)') KB, wall $(figure 'Elapsed (wall clock) time (h:mm:ss or m:ss)')"
