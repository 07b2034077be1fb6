#!/usr/bin/env bash
# HTTP load figures for cost-sim-server against nginx (the floor), on loopback.
#   benchmarks/wrk/run.sh [BUILD_DIR]        (default: build; needs wrk, nginx, python3)
# Env: DURATION (10s), CONNECTIONS (100), WRK_THREADS (2), SERVER_ARGS (extra server flags),
#      HOLD_SECONDS (8): how long the idle/slow connection phases last.
# Prints a Markdown table and the idle/slow-connection phases; figures go in README.md. Besides
# nginx's static 200, two rows measure the answer's size alone: nginx serving the compare answer's
# bytes as a file, and the server serving the page's asset nearest it in size (no pricing).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
server="$build/server/cost-sim-server"
duration=${DURATION:-10s}
connections=${CONNECTIONS:-100}
threads=${WRK_THREADS:-2}
hold=${HOLD_SECONDS:-8}
for tool in wrk nginx python3 curl; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is not installed" >&2; exit 2; }
done
[ -x "$server" ] || { echo "run.sh: build $server first (make build)" >&2; exit 2; }

work=$(mktemp -d)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
server_port=$(free_port)
nginx_port=$(free_port)
server_pid=""
nginx_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill -TERM "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [ -n "$nginx_pid" ] && kill -QUIT "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# shellcheck disable=SC2086
"$server" --host 127.0.0.1 --port "$server_port" ${SERVER_ARGS:-} > "$work/server.log" &
server_pid=$!
sed "s|@DIR@|$work|g; s|@PORT@|$nginx_port|g" "$here/nginx.conf.in" > "$work/nginx.conf"
nginx -e "$work/error.log" -p "$work" -c "$work/nginx.conf" &
nginx_pid=$!
for _ in $(seq 50); do PORT=$server_port "$server" --probe && break; sleep 0.1; done
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$nginx_port/" >/dev/null && break; sleep 0.1; done
# The compare answer, kept: nginx serves its bytes as a static file, the floor for an answer that size.
mkdir -p "$work/www"
curl -sf -o "$work/www/compare.json" -X POST -H 'Content-Type: application/json' \
  --data-binary "$(sed -n '/\[\[/,/\]\]/p' "$here/compare.lua" | sed 's/.*\[\[//; s/\]\].*//')" \
  "http://127.0.0.1:$server_port/api/v1/compare" || { echo "run.sh: the compare body is rejected" >&2; exit 1; }
# nginx's workers run as nobody when started by root: let them read the file, not the rest.
chmod a+x "$work" && chmod a+rx "$work/www" && chmod a+r "$work/www/compare.json"
curl -sf -o /dev/null "http://127.0.0.1:$nginx_port/compare.json" || { echo "run.sh: nginx does not serve the answer" >&2; exit 1; }
answer_bytes=$(wc -c < "$work/www/compare.json")
# The page's asset nearest the answer in size: the server's own HTTP path for such an answer, with
# no pricing (what compare could reach were pricing free).
asset=$(cd "$root/server/web" && for f in *.js *.css *.html; do echo "$(wc -c < "$f") $f"; done |
  awk -v n="$answer_bytes" '{d = $1 - n; if (d < 0) d = -d; if (best == "" || d < bd) {best = $2; bd = d}} END {print best}')
asset_bytes=$(curl -sf "http://127.0.0.1:$server_port/assets/$asset" | wc -c) || asset_bytes=0
[ "$asset_bytes" -gt 0 ] || { echo "run.sh: the server does not serve /assets/$asset" >&2; exit 1; }

rss_kb() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$server_pid/status"; }

# CPU time (user + system, clock ticks) used so far by the processes given.
cpu_ticks() { local t=0 p; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo "$t"; }
ticks_per_s=$(getconf CLK_TCK)

# run_wrk NAME URL SCRIPT [DURATION]: one table row. CPU us/req: the serving processes' CPU time
# over the run divided by the requests answered (nginx: its workers); steadier than req/s when
# other work shares the machine.
run_wrk() {
  local name=$1 url=$2 script=$3 d=${4:-$duration} out pids
  if [[ $url == *":$nginx_port/"* ]]; then pids=$(pgrep -P "$nginx_pid" | tr '\n' ' '); else pids=$server_pid; fi
  # shellcheck disable=SC2086
  local before; before=$(cpu_ticks $pids)
  out=$(wrk -t"$threads" -c"$connections" -d"$d" --latency -s "$here/$script" "$url")
  # shellcheck disable=SC2086
  local after; after=$(cpu_ticks $pids)
  echo "$out" > "$work/$(tr -c "a-zA-Z0-9" _ <<<"$name").txt"
  local rps p50 p99 errors non2xx requests cpu
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '/^p50_ms/ {print $2}' <<<"$out")
  p99=$(awk '/^p99_ms/ {print $2}' <<<"$out")
  errors=$(awk '/Socket errors/ {print $0}' <<<"$out" | sed 's/^ *Socket errors: //')
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  cpu=$(awk -v t=$((after - before)) -v hz="$ticks_per_s" -v n="$requests" 'BEGIN {printf "%.1f", t / hz * 1e6 / n}')
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$name" "$rps" "$p50" "$p99" "$cpu" "${errors:-none}" "${non2xx:-0}"
}

echo "wrk -t$threads -c$connections -d$duration; server: cost-sim-server ${SERVER_ARGS:-} (pid $server_pid); nginx: $(nginx -v 2>&1 | sed 's/.*: //')"
echo
echo "| target | req/s | p50 ms | p99 ms | CPU us/req | socket errors | non-2xx |"
echo "|---|---|---|---|---|---|---|"
run_wrk "nginx static 200" "http://127.0.0.1:$nginx_port/" latency.lua
run_wrk "GET /health" "http://127.0.0.1:$server_port/health" latency.lua
run_wrk "nginx static, the compare answer's bytes ($answer_bytes)" "http://127.0.0.1:$nginx_port/compare.json" latency.lua
run_wrk "GET /assets/$asset, no pricing ($asset_bytes bytes)" "http://127.0.0.1:$server_port/assets/$asset" latency.lua
run_wrk "POST /api/v1/compare (Lambda + 5 VM fleets)" "http://127.0.0.1:$server_port/api/v1/compare" compare.lua
echo
echo "server RSS after load: $(rss_kb VmRSS) kB (peak $(rss_kb VmHWM) kB)"

gauge() { curl -s "http://127.0.0.1:$server_port/metrics" | awk -v g="costsim_http_connections_$1" '$1 == g {print $2}'; }
for mode in idle slow; do
  count=200
  [ "$mode" = slow ] && count=50
  echo
  echo "### $count $mode connections held for ${hold}s"
  python3 "$here/hold_connections.py" 127.0.0.1 "$server_port" "$mode" "$count" "$hold" > "$work/hold.txt" &
  hold_pid=$!
  for _ in $(seq 50); do grep -q holding "$work/hold.txt" 2>/dev/null && break; sleep 0.1; done
  echo "connections idle / receiving (metrics): $(gauge idle) / $(gauge receiving)"
  echo "| during: target | req/s | p50 ms | p99 ms | CPU us/req | socket errors | non-2xx |"
  echo "|---|---|---|---|---|---|---|"
  run_wrk "GET /health while held" "http://127.0.0.1:$server_port/health" latency.lua 5s
  wait "$hold_pid"
  cat "$work/hold.txt"
  echo "connections idle / receiving after they left: $(gauge idle) / $(gauge receiving)"
  run_wrk "GET /health after" "http://127.0.0.1:$server_port/health" latency.lua 5s
done
echo
echo "server RSS at the end: $(rss_kb VmRSS) kB (peak $(rss_kb VmHWM) kB)"
