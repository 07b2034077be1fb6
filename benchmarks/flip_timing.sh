#!/usr/bin/env bash
# "What would flip it" under a traffic profile: CPU time and model evaluations of `cost-sim flip`
# for Lambda 512 MB against two autoscaled fleets (t3.micro, t3.small, 10 rps each), under the
# diurnal preset (168 hourly intervals) and a 31-day per-minute diurnal series (44,640 intervals).
# Usage: benchmarks/flip_timing.sh [path/to/cost-sim]   (default build/cli/cost-sim)
set -euo pipefail
bin=${1:-build/cli/cost-sim}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$dir/month.json" <<'PY'
import json, math, sys
n = 31 * 24 * 60
req = [round(60 * 20 * (1 + 0.5 * math.cos(2 * math.pi * (i / 1440 - 14 / 24)))) for i in range(n)]
json.dump({"interval_s": 60, "requests": req}, open(sys.argv[1], "w"))
PY
common=(--duration-ms 100 --memory-mb 512 --vm t3.micro --vm t3.small --capacity-rps 10 --scaling autoscale
        --format json)
run() {
    local name=$1
    shift
    /usr/bin/time -f "%U %S" -o "$dir/time" "$bin" flip "$@" "${common[@]}" >"$dir/out.json"
    python3 - "$name" "$dir/out.json" "$dir/time" <<'PY'
import json, sys
name, out, t = sys.argv[1:]
d = json.load(open(out))
user, sys_ = map(float, open(t).read().split()[-2:])
print(f"{name}: {user + sys_:.2f} s CPU, {d['evaluations']} evaluations, not searched: {d['not_searched']}")
PY
}
run "diurnal preset (168 intervals)" --requests-per-second 20 --profile diurnal
run "31 days per minute (44,640 intervals)" --profile "$dir/month.json"
