#!/usr/bin/env bash
# Golden runs: the CLI's and the API's answers to a fixed set of inputs, one file each, in OUT_DIR.
# Run it on two builds and `diff -r` the directories to prove a refactoring changed no output.
#   scripts/golden-run.sh BUILD_DIR OUT_DIR [PORT]
set -uo pipefail
build=$(cd "$1" && pwd); out=$2; port=${3:-5391}
mkdir -p "$out"
cli=$build/cli/cost-sim
n=0
run() {  # run NAME ARGS...: stdout, stderr and exit status of one CLI call
    local name=$1; shift
    "$cli" "$@" >"$out/cli-$name.out" 2>"$out/cli-$name.err"; echo "exit $?" >>"$out/cli-$name.err"
}
W="--requests-per-second 5 --duration-ms 200 --response-kb 4"
for fmt in table json csv; do
    run "lambda-$fmt" lambda $W --memory-mb 1024 --arch arm64 --front-door http-api --format $fmt
    run "lambda-tokyo-$fmt" lambda $W --region ap-northeast-1 --provisioned-concurrency 2 --cold-start-percent 1 --init-duration-ms 300 --format $fmt
    run "vm-$fmt" vm $W --instance t3.small --load-balancer --storage-gb 20 --format $fmt
    run "vm-count-$fmt" vm $W --instance c7g.large --count 2 --capacity-rps 50 --purchase 1yr --format $fmt
    run "vm-gcp-$fmt" vm $W --provider gcp --instance e2-small --format $fmt
    run "vm-oci-$fmt" vm $W --provider oci --instance VM.Standard.A1.Flex-1ocpu-6gb --format $fmt
    run "vm-sakura-$fmt" vm $W --provider sakura --instance 1core-1gb --format $fmt
    run "compare-$fmt" compare $W --memory-mb 512 --vm t3.micro --vm t4g.small:2 --cloud-run --azure-functions --format $fmt
    run "compare-jpy-$fmt" compare --scenario /work/main/examples/scenario.json --currency JPY --format $fmt
    run "break-even-$fmt" break-even $W --memory-mb 512 --vm t3.micro --format $fmt
    run "sweep-$fmt" sweep $W --memory-mb 512 --vm t3.micro --points 12 --format $fmt
    run "catalog-$fmt" catalog list --format $fmt
done
run sweep-params sweep $W --vm t3.micro --sweep-rps 1,10,100 --sweep-memory-mb 256,1024 --sweep-duration-ms 50,500 --format csv
run compare-runs compare $W --cloud-run --cloud-run-vcpu 1 --cloud-run-concurrency 8 --cloud-run-region asia-northeast1 --azure-functions --azure-functions-region japaneast --format json
run compare-scenario-flags compare --scenario /work/main/examples/scenario.json --memory-mb 1024 --no-free-tier --count 2 --vm-region us-west-2 --format json
for cmd in "" lambda vm compare break-even sweep catalog; do run "help-${cmd:-top}" $cmd --help; done
run err-memory lambda --requests-per-second 1 --duration-ms 10 --memory-mb 64
run err-kind compare --scenario <(echo '{"workload":{"requests_per_month":1,"duration_ms":1},"offerings":[{"kind":"x"}]}')
run err-field compare --scenario <(echo '{"workload":{"requests_per_month":1,"duration_ms":1},"offerings":[{"kind":"vm","instance":"t3.micro","regio":"x"}]}')
run err-vm vm --requests-per-second 1 --instance t3.micro --provider gcp --load-balancer

# The API
"$build/server/cost-sim-server" --port "$port" >/dev/null 2>&1 & pid=$!
trap 'kill $pid 2>/dev/null' EXIT
for _ in $(seq 100); do curl -s "localhost:$port/health" >/dev/null && break; sleep 0.1; done
api() {  # api NAME PATH [BODY]
    local name=$1 path=$2 body=${3:-}
    if [ -n "$body" ]; then curl -s -o "$out/api-$name.out" -w '%{http_code} %{content_type}\n' -H 'Content-Type: application/json' -d "$body" "localhost:$port$path" >"$out/api-$name.status"
    else curl -s -o "$out/api-$name.out" -w '%{http_code} %{content_type}\n' "localhost:$port$path" >"$out/api-$name.status"; fi
}
WL='"workload":{"requests_per_second":5,"duration_ms":200,"response_kb":4}'
ALL='[{"kind":"lambda","memory_mb":512,"arch":"arm64"},{"kind":"vm","instance":"t3.small","load_balancer":true},{"kind":"vm","instance":"c7g.large","count":2,"capacity_rps":50,"purchase":"1yr","payment":"no_upfront"},{"kind":"cloud_run","memory_mb":1024,"concurrency":4},{"kind":"azure_functions","memory_mb":256},{"kind":"vm","provider":"gcp","instance":"e2-small"}]'
api estimate-lambda /api/v1/estimate "{$WL,\"offering\":{\"kind\":\"lambda\",\"memory_mb\":1024,\"front_door\":\"rest-api\"}}"
api estimate-vm /api/v1/estimate "{$WL,\"offering\":{\"kind\":\"vm\",\"instance\":\"t3.micro\",\"storage_gb\":8}}"
api compare /api/v1/compare "{$WL,\"offerings\":$ALL}"
api compare-csv "/api/v1/compare?format=csv" "{$WL,\"offerings\":$ALL}"
api compare-jpy /api/v1/compare "{$WL,\"offerings\":$ALL,\"currency\":\"JPY\"}"
api break-even /api/v1/break-even "{$WL,\"offerings\":$ALL}"
api sweep /api/v1/sweep "{$WL,\"offerings\":$ALL,\"grid\":{\"from_rps\":0.1,\"to_rps\":100,\"points\":10}}"
api sweep-csv "/api/v1/sweep?format=csv" "{$WL,\"offerings\":$ALL,\"sweep\":{\"requests_per_second\":[1,10],\"memory_mb\":[256,1024]}}"
api catalog /api/v1/catalog
api catalog-aws "/api/v1/catalog?provider=aws&region=ap-northeast-1"
api err-kind /api/v1/estimate "{$WL,\"offering\":{\"kind\":\"fargat\"}}"
api err-field /api/v1/compare "{$WL,\"offerings\":[{\"kind\":\"lambda\",\"memory_mb\":64}]}"
api err-region /api/v1/compare "{$WL,\"offerings\":[{\"kind\":\"lambda\"},{\"kind\":\"vm\",\"instance\":\"t3.micro\",\"region\":\"xx-1\"}]}"
api err-unknown /api/v1/estimate "{$WL,\"offering\":{\"kind\":\"cloud_run\",\"vcpus\":1}}"
