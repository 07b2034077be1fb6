#!/usr/bin/env bash
# Two cost-sim-server replicas behind a real nginx (deploy/nginx/replicas.conf.in). wrk sends
# POST /api/v1/compare through nginx; once replica A has answered 300 requests it is killed
# (SIGKILL) mid-load. Passes when:
#   - wrk saw no failed request (no non-2xx answer, no socket error): nginx retried A's on B;
#   - nginx's log has a 200 for every request wrk counted, and nothing but 200s (and 499s: requests
#     in flight when wrk stopped, which it does not count);
#   - B's /metrics counts exactly the requests nginx's log says B answered;
#   - A's last /metrics before the kill is at most what nginx's log says A answered, and above 0.
# Usage: tests/lb/failover.sh SERVER_BINARY      (needs nginx, wrk, curl, python3)
set -euo pipefail
PATH=$PATH:/usr/sbin  # nginx
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
server=${1:?usage: failover.sh SERVER_BINARY}
for tool in nginx wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "failover.sh: $tool is not installed" >&2; exit 2; }
done

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "failover.sh: FAIL: $*" >&2; [ -f "$work/error.log" ] && tail -5 "$work/error.log" >&2; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Polls until `curl URL` succeeds, up to 10 s: readiness is /health answering, never a sleep.
wait_ready() {
  local deadline=$((SECONDS + 10))
  until curl -fs -o /dev/null "$1"; do
    [ $SECONDS -lt $deadline ] || fail "$1 never answered"
  done
}
# The count of 200 answers to POST /api/v1/compare in a replica's /metrics.
compare_count() {
  curl -fsS "http://127.0.0.1:$1/metrics" |
    sed -n 's/^costsim_http_requests_total{method="POST",route="\/api\/v1\/compare",status="200"} //p' |
    awk '{ n += $1 } END { print n + 0 }'
}

port_a=$(free_port)
port_b=$(free_port)
port_lb=$(free_port)
"$server" --host 127.0.0.1 --port "$port_a" --threads 2 > "$work/a.log" &
pid_a=$!
pids+=("$pid_a")
"$server" --host 127.0.0.1 --port "$port_b" --threads 2 > "$work/b.log" &
pids+=($!)
upstreams="        server 127.0.0.1:$port_a max_fails=1 fail_timeout=10s;
        server 127.0.0.1:$port_b max_fails=1 fail_timeout=10s;"
python3 - "$root/deploy/nginx/replicas.conf.in" "$work/nginx.conf" "$work" "$port_lb" "$upstreams" <<'PY'
import sys
src, dst, d, port, ups = sys.argv[1:]
text = open(src).read().replace("@DIR@", d).replace("@PORT@", port).replace("@UPSTREAMS@", ups)
open(dst, "w").write(text)
PY
nginx -e "$work/error.log" -p "$work" -c "$work/nginx.conf" &
nginx_pid=$!
pids+=("$nginx_pid")
wait_ready "http://127.0.0.1:$port_a/health"
wait_ready "http://127.0.0.1:$port_b/health"
wait_ready "http://127.0.0.1:$port_lb/health"
: > "$work/access.log"  # the readiness probes are not part of the load

wrk -t 2 -c 16 -d "${DURATION:-6s}" -s "$root/benchmarks/wrk/compare.lua" "http://127.0.0.1:$port_lb/api/v1/compare" \
  > "$work/wrk.txt" 2>&1 &
wrk_pid=$!
pids+=("$wrk_pid")
# Mid-load: A has answered 300 requests (polled), then it is killed without warning.
a_before=0
deadline=$((SECONDS + 20))
while [ "$a_before" -lt 300 ]; do
  [ $SECONDS -lt $deadline ] || fail "replica A never reached 300 answers"
  a_before=$(compare_count "$port_a")
done
kill -KILL "$pid_a"
wait "$pid_a" 2>/dev/null || true
wait "$wrk_pid" || fail "wrk failed: $(cat "$work/wrk.txt")"
cat "$work/wrk.txt"

# nginx stopped gracefully: requests in flight when wrk stopped are finished and logged (a client
# that left is logged 499, and wrk does not count it), so the log is whole when it is read.
kill -QUIT "$nginx_pid"
wait "$nginx_pid" || true

total=$(sed -n 's/^ *\([0-9]*\) requests in .*/\1/p' "$work/wrk.txt")
[ -n "$total" ] && [ "$total" -gt 0 ] || fail "wrk counted no requests"
! grep -q "Non-2xx or 3xx responses" "$work/wrk.txt" || fail "answers other than 2xx reached the client"
! grep -q "Socket errors" "$work/wrk.txt" || fail "socket errors between wrk and nginx"

# nginx's log: one line per request, '$status|$upstream_addr|$upstream_status'. The replica
# that answered is the last address; a retried request lists A's failure first.
read -r logged ok gone by_a by_b retried < <(python3 - "$work/access.log" "127.0.0.1:$port_a" "127.0.0.1:$port_b" <<'PY'
import sys
path, a, b = sys.argv[1:]
logged = ok = by_a = by_b = retried = gone = 0
for line in open(path):
    status, addrs, statuses = line.strip().split("|")
    addrs = [x.strip() for x in addrs.split(",")]
    statuses = [x.strip() for x in statuses.split(",")]
    logged += 1
    ok += status == "200"
    gone += status == "499"  # the client left (wrk stopping); the replica's answer still counts
    retried += len(addrs) > 1
    if statuses[-1] == "200":
        by_a += addrs[-1] == a
        by_b += addrs[-1] == b
print(logged, ok, gone, by_a, by_b, retried)
PY
)
b_count=$(compare_count "$port_b")
echo "failover.sh: wrk $total requests; nginx logged $logged ($ok with 200, $gone left by wrk at its end, $retried retried on the other replica);"
echo "failover.sh: A answered $by_a (its /metrics said $a_before before the kill), B answered $by_b (its /metrics: $b_count)"
[ "$ok" -ge "$total" ] || fail "nginx answered $ok requests 200, wrk counted $total"
[ $((ok + gone)) -eq "$logged" ] || fail "$((logged - ok - gone)) requests were answered neither 200 nor left by wrk"
[ "$b_count" -eq "$by_b" ] || fail "B's /metrics counts $b_count, nginx says B answered $by_b"
[ "$a_before" -gt 0 ] && [ "$a_before" -le "$by_a" ] || fail "A's /metrics ($a_before) is not within nginx's count ($by_a)"
[ $((by_a + by_b)) -eq "$logged" ] || fail "A's and B's answers ($by_a + $by_b) are not nginx's $logged"
echo "failover.sh: PASS"
