#!/usr/bin/env bash
# docker-smoke: prove the real Dockerfile builds and serves, on a machine with no Docker engine.
#
#   1. debootstrap a Debian bookworm minbase root, slimmed like debian:bookworm-slim (cached in
#      $DOCKER_SMOKE_DIR/rootfs, so reruns skip it), and import it as debian:bookworm-slim;
#   2. `buildah bud --isolation chroot --pull=never` the Dockerfile (unit tests run inside);
#   3. run the image's ENTRYPOINT with `buildah run` as the image's USER on a free loopback port and
#      check /health, the page, an estimate, the process's uid, the healthcheck, writes to the root
#      filesystem, SIGTERM, and the image size.
#
# Needs root, buildah and debootstrap (scripts/install-deps.sh docker). Prints PASS/FAIL lines and
# exits non-zero on any failure. Environment knobs (all optional):
#   DOCKER_SMOKE_DIR        work directory             (default: <repo>/build-docker)
#   DOCKER_SMOKE_IMAGE      tag to build               (default: localhost/cost-sim:smoke)
#   DOCKER_SMOKE_MAX_MB     image size limit, MB       (default: 100)
#   DOCKER_SMOKE_JOBS       compile jobs in the build  (default: nproc)
#   DOCKER_SMOKE_CONTEXT    build context directory    (default: the repository's working tree)
#   DEBIAN_MIRROR           Debian archive URL         (default: the one apt uses here)
#   DEBIAN_SECURITY_MIRROR  security archive URL       (default: the one apt uses here)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
work=${DOCKER_SMOKE_DIR:-$repo/build-docker}
image=${DOCKER_SMOKE_IMAGE:-localhost/cost-sim:smoke}
base_image=docker.io/library/debian:bookworm-slim
max_mb=${DOCKER_SMOKE_MAX_MB:-100}
jobs=${DOCKER_SMOKE_JOBS:-$(nproc)}
context=${DOCKER_SMOKE_CONTEXT:-$repo}
ctr_name=costsim-smoke-run
base_ctr_name=costsim-smoke-base
export BUILDAH_ISOLATION=chroot

passed=0
failed=0
say() { printf 'docker-smoke: %s\n' "$*"; }
pass() { passed=$((passed + 1)); say "PASS $*"; }
fail() { failed=$((failed + 1)); say "FAIL $*"; }
die() { fail "$*"; exit 1; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# ---- cleanup: stop our server, remove our working containers (images are kept as build cache) --
runner_pid=
server_pid=
# Prints the pids of all descendants of a process.
descendants() {
    local p kids
    # cat, not awk on the glob: a process that exits meanwhile must not end the scan.
    kids=$(cat /proc/[0-9]*/stat 2>/dev/null | awk -v pp="$1" '$4 == pp { print $1 }' || true)
    for p in $kids; do echo "$p"; descendants "$p"; done
}
cleanup() {
    local rc=$? p
    # Stop what this script started: the server and the `buildah run` holding it (it forwards
    # SIGTERM), then anything left after 5 s.
    if [[ -n $runner_pid ]] && kill -0 "$runner_pid" 2>/dev/null; then
        for p in $server_pid $(descendants "$runner_pid"); do kill -TERM "$p" 2>/dev/null || true; done
        timeout 5 tail --pid="$runner_pid" -f /dev/null || true
        for p in $(descendants "$runner_pid") "$runner_pid"; do kill -KILL "$p" 2>/dev/null || true; done
        wait "$runner_pid" 2>/dev/null || true
    fi
    buildah rm "$ctr_name" "$base_ctr_name" >/dev/null 2>&1 || true
    say "$passed passed, $failed failed"
    if [[ $rc -eq 0 && $failed -gt 0 ]]; then rc=1; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- preconditions ------------------------------------------------------------------------------
[[ $(id -u) -eq 0 ]] || die "must run as root (buildah --isolation chroot and debootstrap need it)"
for tool in buildah debootstrap timeout tar; do
    command -v "$tool" >/dev/null || die "$tool is missing: run scripts/install-deps.sh docker"
done
mkdir -p "$work"
buildah rm "$ctr_name" "$base_ctr_name" >/dev/null 2>&1 || true   # left by an interrupted run

# ---- 1. base image: bookworm minbase, slimmed, imported as debian:bookworm-slim -----------------
# Prints the first archive URL apt is configured with for a suite (one-line and deb822 formats).
apt_uri_for() {
    local suite=$1
    {
        cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
            awk -v s="$suite" '$1 == "deb" {
                i = 2; if ($i ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
                if ($(i + 1) == s) print $i }'
        cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
            awk -v s="$suite" 'BEGIN { RS = ""; FS = "\n" } {
                uri = ""; ok = 0; deb = 1
                for (k = 1; k <= NF; k++) {
                    line = $k; if (line ~ /^[ \t]*#/) continue
                    if (line ~ /^URIs:/) { sub(/^URIs:[ \t]*/, "", line); split(line, u, /[ \t]+/); uri = u[1] }
                    if (line ~ /^Suites:/) { n = split(line, w, /[ \t]+/); for (m = 2; m <= n; m++) if (w[m] == s) ok = 1 }
                    if (line ~ /^Types:/ && line !~ /[ \t]deb([ \t]|$)/) deb = 0
                    if (line ~ /^Enabled:[ \t]*no/) deb = 0
                }
                if (ok && deb && uri != "") print uri }'
    } | head -n 1
}
mirror=${DEBIAN_MIRROR:-$(apt_uri_for bookworm)}
mirror=${mirror:-http://deb.debian.org/debian}
security_mirror=${DEBIAN_SECURITY_MIRROR:-$(apt_uri_for bookworm-security)}

# What debian:bookworm-slim does to a minbase root (debuerreotype --slimify + its apt settings).
slimify() {
    local root=$1
    cat >"$root/etc/dpkg/dpkg.cfg.d/docker" <<'EOF'
# As in debian:*-slim: no documentation, manual pages or translations
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
path-exclude /usr/share/man/*
EOF
    find "$root/usr/share/doc" -mindepth 1 ! -type d ! -name copyright -delete
    find "$root/usr/share/doc" -mindepth 1 -depth -type d -empty -delete
    find "$root/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} +
    rm -rf "$root"/usr/share/{groff,info,linda,lintian,man}/*
    cat >"$root/etc/apt/apt.conf.d/docker-clean" <<'EOF'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
EOF
    echo 'Acquire::Languages "none";' >"$root/etc/apt/apt.conf.d/docker-no-languages"
    printf 'Acquire::GzipIndexes "true";\nAcquire::CompressionTypes::Order:: "gz";\n' \
        >"$root/etc/apt/apt.conf.d/docker-gzip-indexes"
    echo 'Apt::AutoRemove::SuggestsImportant "false";' >"$root/etc/apt/apt.conf.d/docker-autoremove-suggests"
    rm -f "$root/etc/apt/sources.list"
    {
        printf 'Types: deb\nURIs: %s\nSuites: bookworm bookworm-updates\nComponents: main\n' "$mirror"
        printf 'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg\n'
        if [[ -n $security_mirror ]]; then
            printf '\nTypes: deb\nURIs: %s\nSuites: bookworm-security\nComponents: main\n' "$security_mirror"
            printf 'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg\n'
        fi
    } >"$root/etc/apt/sources.list.d/debian.sources"
    rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/* "$root"/var/cache/debconf/*-old \
        "$root"/var/lib/dpkg/*-old "$root"/var/log/*.log "$root"/var/log/apt/*
    rm -f "$root/etc/hostname" "$root/etc/machine-id"
    : >"$root/etc/resolv.conf"
}

rootfs=$work/rootfs
if [[ ! -f $work/rootfs.complete ]]; then
    say "debootstrap bookworm minbase from $mirror into $rootfs (cached for later runs)"
    rm -rf "$rootfs" "$rootfs.tmp"
    t0=$(now_ms)
    if ! timeout 1200 debootstrap --variant=minbase bookworm "$rootfs.tmp" "$mirror" \
        >"$work/debootstrap.log" 2>&1; then
        tail -n 30 "$work/debootstrap.log"
        die "debootstrap failed (log: $work/debootstrap.log)"
    fi
    slimify "$rootfs.tmp"
    mv "$rootfs.tmp" "$rootfs"
    echo "debootstrap $(date -u +%Y%m%dT%H%M%SZ) $mirror" >"$work/rootfs.complete"
    pass "debootstrap minbase root in $(( ($(now_ms) - t0) / 1000 )) s"
fi

# Import unless the base image is this root already, or is a real one (pulled; no label of ours).
stamp=$(cat "$work/rootfs.complete")
if ! have_label=$(buildah inspect --type image --format '{{index .OCIv1.Config.Labels "org.costsim.smoke-base"}}' \
    "$base_image" 2>/dev/null) || [[ -n $have_label && $have_label != "$stamp" ]]; then
    say "importing $rootfs as $base_image"
    buildah from --name "$base_ctr_name" scratch >/dev/null
    mnt=$(buildah mount "$base_ctr_name")
    tar -C "$rootfs" --numeric-owner -cf - . | tar -C "$mnt" --numeric-owner -xpf -
    buildah umount "$base_ctr_name" >/dev/null
    buildah config --os linux --arch "$(dpkg --print-architecture)" \
        --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        --cmd '["bash"]' --label org.costsim.smoke-base="$stamp" \
        "$base_ctr_name"
    buildah commit --rm --quiet "$base_ctr_name" "$base_image" >/dev/null
    pass "base image $base_image imported"
fi

# ---- 2. build the real Dockerfile ---------------------------------------------------------------
say "buildah bud $repo/Dockerfile, context $context -> $image (log: $work/build.log)"
t0=$(now_ms)
if ! timeout 3600 buildah bud --isolation chroot --pull=never --format docker --layers \
    --build-arg JOBS="$jobs" -f "$repo/Dockerfile" -t "$image" "$context" </dev/null 2>&1 |
    tee "$work/build.log"; then
    die "image build failed (log: $work/build.log)"
fi
build_s=$(( ($(now_ms) - t0) / 1000 ))
pass "image builds, unit tests passing in its build stage ($build_s s)"

# ---- 3. the image's configuration ---------------------------------------------------------------
inspect() { buildah inspect --type image --format "$1" "$image"; }
user=$(inspect '{{.OCIv1.Config.User}}')
uid=${user%%:*}
if [[ -n $user && $uid != 0 && $uid != root ]]; then pass "USER is $user (not root)"; else fail "USER is '${user}' (must be a non-root uid)"; fi
mapfile -t entrypoint < <(inspect '{{range .OCIv1.Config.Entrypoint}}{{println .}}{{end}}')
[[ ${#entrypoint[@]} -gt 0 ]] || die "the image has no ENTRYPOINT"
mapfile -t healthcheck < <(inspect '{{if .Docker.Config.Healthcheck}}{{range .Docker.Config.Healthcheck.Test}}{{println .}}{{end}}{{end}}')
if [[ ${#healthcheck[@]} -ge 2 && ${healthcheck[0]} == CMD ]]; then
    pass "HEALTHCHECK is exec form: ${healthcheck[*]:1}"
else
    fail "HEALTHCHECK missing or not exec form ('${healthcheck[*]}'): the image would need a shell and curl"
fi
# shellcheck disable=SC2016 # a Go template, not a shell expansion
exposed=$(inspect '{{range $p, $_ := .OCIv1.Config.ExposedPorts}}{{$p}} {{end}}')
stopsignal=$(inspect '{{.OCIv1.Config.StopSignal}}')
if [[ " $exposed " == *" 5000/tcp "* && $stopsignal == SIGTERM ]]; then
    pass "EXPOSE 5000, STOPSIGNAL SIGTERM"
else
    fail "EXPOSE '$exposed' / STOPSIGNAL '$stopsignal' (want 5000/tcp and SIGTERM)"
fi
# The size `buildah images` / `docker images` show: the layers uncompressed, in SI units.
size_text=$(buildah images --format '{{.Size}}' "$image" | head -n 1)
size_mb=$(awk -v s="$size_text" 'BEGIN {
    n = s + 0; u = s; sub(/^[0-9.]+ */, "", u)
    f["B"] = 1e-6; f["kB"] = 1e-3; f["KB"] = 1e-3; f["MB"] = 1; f["GB"] = 1e3
    if (!(u in f) || n <= 0) exit 1
    printf "%.1f", n * f[u] }') || size_mb=
if [[ -n $size_mb ]] && awk -v m="$size_mb" -v max="$max_mb" 'BEGIN { exit !(m < max) }'; then
    pass "image size $size_mb MB (< $max_mb MB)"
else
    fail "image size '$size_text' (limit $max_mb MB)"
fi

# ---- 4. run it as the image's user on a free loopback port --------------------------------------
free_port() {
    local p
    for _ in $(seq 100); do
        p=$((20000 + RANDOM % 30000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
    done
    return 1
}
# http METHOD PATH [JSON]: prints the raw response (status line, headers, body); HTTP/1.1 over
# bash's /dev/tcp so the smoke test needs no curl.
http() {
    local method=$1 path=$2 body=${3-}
    (
        exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 7
        printf '%s %s HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\nUser-Agent: docker-smoke\r\n' \
            "$method" "$path" "$port" >&3
        if [[ -n $body ]]; then
            printf 'Content-Type: application/json\r\nContent-Length: %d\r\n' "${#body}" >&3
        fi
        printf '\r\n%s' "$body" >&3
        timeout 5 cat <&3
    ) 2>/dev/null
}
status_of() { local line=${1%%$'\r'*}; line=${line#* }; echo "${line%% *}"; }
header_of() { printf '%s' "${1%%$'\r\n\r\n'*}" | tr -d '\r' | grep -i "^$2:" | head -n 1 | cut -d: -f2- | sed 's/^ *//'; }
body_of() { printf '%s' "${1#*$'\r\n\r\n'}"; }

port=$(free_port) || die "no free loopback port"
buildah from --pull=never --name "$ctr_name" "$image" >/dev/null
ctr_root=$(buildah mount "$ctr_name")
say "running ${entrypoint[*]} --host 127.0.0.1 --port $port as $user (log: $work/server.log)"
t0=$(now_ms)
buildah run --isolation chroot --user "$user" --env HOST=127.0.0.1 --env PORT="$port" "$ctr_name" -- \
    "${entrypoint[@]}" --host 127.0.0.1 --port "$port" </dev/null >"$work/server.log" 2>&1 &
runner_pid=$!

healthy_ms=
deadline=$((t0 + 20000))
while [[ $(now_ms) -lt $deadline ]]; do
    kill -0 "$runner_pid" 2>/dev/null || break
    resp=$(http GET /health || true)
    if [[ $(status_of "$resp") == 200 ]]; then
        healthy_ms=$(($(now_ms) - t0))
        healthy_uptime_ms=$(awk '{ printf "%d", $1 * 1000 }' /proc/uptime)
        break
    fi
    sleep 0.02
done
if [[ -z $healthy_ms ]]; then
    tail -n 30 "$work/server.log"
    die "/health did not answer 200 within 20 s of start"
fi
pass "GET /health 200: $(body_of "$resp" | head -c 200)"

# The server: the descendant of `buildah run` whose executable is the entrypoint.
for p in $(descendants "$runner_pid"); do
    if [[ $(readlink "/proc/$p/exe" 2>/dev/null) == *"${entrypoint[0]}" ]]; then server_pid=$p; fi
done
if [[ -z $server_pid ]]; then
    fail "cannot find the server process under buildah run (pid $runner_pid)"
else
    # Time to healthy, from the server process's start (field 22 of stat: clock ticks since boot)
    # to the first 200, so buildah's own container setup is not counted.
    start_ticks=$(sed 's/^.*) //' "/proc/$server_pid/stat" | awk '{ print $20 }')
    ready_ms=$((healthy_uptime_ms - start_ticks * 1000 / $(getconf CLK_TCK)))
    say "MEASURED healthy $ready_ms ms after the server process started (goal < 1000 ms);" \
        "$healthy_ms ms after \`buildah run\` was called"
    read -r _ ruid euid suid fsuid < <(grep '^Uid:' "/proc/$server_pid/status")
    capeff=$(awk '/^CapEff:/ { print $2 }' "/proc/$server_pid/status")
    if [[ $ruid != 0 && $euid != 0 && $suid != 0 && $fsuid != 0 ]]; then
        pass "server process runs as uid $euid (not root), effective capabilities $capeff"
    else
        fail "server process uids $ruid/$euid/$suid/$fsuid: it runs as root"
    fi
fi

resp=$(http GET / || true)
if [[ $(status_of "$resp") == 200 && $(header_of "$resp" Content-Type) == text/html* ]] &&
    body_of "$resp" | grep -qi '<html'; then
    pass "GET / 200 text/html ($(body_of "$resp" | wc -c) bytes)"
else
    fail "GET / answered '$(status_of "$resp")' '$(header_of "$resp" Content-Type)': $(body_of "$resp" | head -c 300)"
fi

# 10 M requests of 100 ms at 512 MB, no free tier: a bill with a positive total.
estimate='{"workload":{"requests_per_month":10000000,"duration_ms":100},"offering":{"kind":"lambda","memory_mb":512,"free_tier":false}}'
resp=$(http POST /api/v1/estimate "$estimate" || true)
total=$(body_of "$resp" | grep -o '"total":[0-9.eE+-]*' | head -n 1 | cut -d: -f2)
if [[ $(status_of "$resp") == 200 && $(header_of "$resp" Content-Type) == application/json* ]] &&
    awk -v t="${total:-0}" 'BEGIN { exit !(t > 0) }'; then
    pass "POST /api/v1/estimate (Lambda) 200 JSON, total $total"
else
    fail "POST /api/v1/estimate answered '$(status_of "$resp")' '$(header_of "$resp" Content-Type)': $(body_of "$resp" | head -c 300)"
fi

# The HEALTHCHECK command, run in the container as the orchestrator would.
if [[ ${#healthcheck[@]} -ge 2 ]]; then
    t1=$(now_ms)
    if buildah run --user "$user" --env PORT="$port" "$ctr_name" -- "${healthcheck[@]:1}" </dev/null >/dev/null 2>&1; then
        pass "HEALTHCHECK command exits 0 against the running server ($(($(now_ms) - t1)) ms)"
    else
        fail "HEALTHCHECK command '${healthcheck[*]:1}' fails against the running server"
    fi
fi

# STOPSIGNAL: a container stop must end the server promptly and cleanly.
stopped=0
if [[ -n $server_pid ]]; then
    t1=$(now_ms)
    kill -TERM "$server_pid"
    rc=0
    while kill -0 "$server_pid" 2>/dev/null && [[ $(now_ms) -lt $((t1 + 10000)) ]]; do sleep 0.01; done
    stop_ms=$(($(now_ms) - t1))
    timeout 10 tail --pid="$runner_pid" -f /dev/null || true
    if kill -0 "$runner_pid" 2>/dev/null; then
        fail "server still running 10 s after SIGTERM"
    else
        wait "$runner_pid" || rc=$?
        runner_pid=
        stopped=1
        if [[ $rc -eq 0 ]]; then pass "SIGTERM: the server exits 0 within $stop_ms ms"; else fail "SIGTERM: exit status $rc ($stop_ms ms)"; fi
    fi
    server_pid=
fi

# Down means unhealthy: the probe must be able to fail.
if [[ ${#healthcheck[@]} -ge 2 && $stopped -eq 1 ]]; then
    if buildah run --user "$user" --env PORT="$port" "$ctr_name" -- "${healthcheck[@]:1}" </dev/null >/dev/null 2>&1; then
        fail "HEALTHCHECK command exits 0 with the server stopped"
    else
        pass "HEALTHCHECK command fails with the server stopped"
    fi
fi

# The CLI ships alongside the server: it must load its libraries and run.
if out=$(buildah run --user "$user" "$ctr_name" -- /usr/local/bin/cost-sim --version </dev/null 2>&1) &&
    [[ $out == cost-sim* ]]; then
    pass "the CLI runs in the image: $out"
else
    fail "/usr/local/bin/cost-sim --version in the image: $out"
fi

# Read-only root filesystem: the run must have written nothing outside what buildah itself mounts.
upper=${ctr_root%/merged}/diff
if [[ -d $upper ]]; then
    written=$(cd "$upper" && find . -mindepth 1 \
        ! -path ./etc ! -path ./etc/hosts ! -path ./etc/resolv.conf ! -path ./etc/hostname \
        ! -path ./run ! -path './run/*' ! -path ./dev ! -path './dev/*' ! -path ./proc ! -path ./sys \
        -print | head -n 20)
    if [[ -z $written ]]; then
        pass "the run wrote nothing to the root filesystem (read-only root works)"
    else
        fail "the run wrote to the root filesystem: $(echo "$written" | tr '\n' ' ')"
    fi
fi

buildah umount "$ctr_name" >/dev/null 2>&1 || true

# docker-compose.yml: validated where a Compose client is installed (no engine needed for that).
compose=()
if docker compose version >/dev/null 2>&1; then compose=(docker compose)
elif command -v docker-compose >/dev/null; then compose=(docker-compose); fi
if [[ ${#compose[@]} -eq 0 ]]; then
    say "SKIP docker-compose.yml validation (no docker compose / docker-compose installed)"
elif out=$("${compose[@]}" -f "$repo/docker-compose.yml" config 2>&1); then
    pass "docker-compose.yml is valid (${compose[*]} config)"
else
    fail "docker-compose.yml: $out"
fi

[[ $failed -eq 0 ]] || exit 1
say "MEASURED image $image: $size_mb MB, healthy ${ready_ms:-?} ms after start, built in $build_s s"
