#!/usr/bin/env bash
# Installs the Debian packages cost-sim needs, and only those dpkg says are missing.
# Usage: scripts/install-deps.sh [build|test|e2e|bench|docker|fuzz|lint|all]   (default: test)
# Without root it prints the exact command to run and fails.
set -euo pipefail

profile="${1:-test}"
build=(cmake make g++ pkg-config nlohmann-json3-dev libcpp-httplib-dev libeigen3-dev doctest-dev
       libboost-program-options-dev libjs-chart.js zlib1g-dev libmimalloc-dev)
e2e=(chromium nodejs npm)
# The scale-out tests in make test: two replicas behind nginx under wrk (tests/lb/failover.sh),
# and the batch recipes with GNU parallel (tests/batch/recipes.sh).
lb=(nginx-light wrk curl parallel)
bench=(libbenchmark-dev wrk nginx-light)
docker=(buildah debootstrap docker-compose)
fuzz=(clang libclang-rt-14-dev)
lint=(clang-format clang-tidy)
charts=(librsvg2-bin python3)  # the CLI's --chart tests render the SVG (rsvg-convert) and parse it (xml.etree)

case "$profile" in
  build) want=("${build[@]}") ;;
  test) want=("${build[@]}" "${e2e[@]}" "${charts[@]}" "${lb[@]}") ;;
  e2e) want=("${build[@]}" "${e2e[@]}") ;;
  bench) want=("${build[@]}" "${bench[@]}") ;;
  docker) want=("${docker[@]}") ;;
  fuzz) want=("${build[@]}" "${fuzz[@]}") ;;
  lint) want=("${build[@]}" "${lint[@]}") ;;
  all) want=("${build[@]}" "${e2e[@]}" "${charts[@]}" "${lb[@]}" "${bench[@]}" "${docker[@]}" "${fuzz[@]}" "${lint[@]}") ;;
  *) echo "usage: $0 [build|test|e2e|bench|docker|fuzz|lint|all]" >&2; exit 2 ;;
esac

missing=()
for pkg in "${want[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done
# node/npm may come from outside Debian (e.g. nodesource); accept working binaries.
if [[ " ${missing[*]} " == *" nodejs "* ]] && command -v node >/dev/null; then
  missing=("${missing[@]/nodejs}")
fi
if [[ " ${missing[*]} " == *" npm "* ]] && command -v npm >/dev/null; then
  missing=("${missing[@]/npm}")
fi
read -r -a missing <<<"${missing[*]:-}"
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${profile} packages present"
  exit 0
fi

cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}"
if [[ $(id -u) -ne 0 ]]; then
  echo "install-deps: missing packages: ${missing[*]}" >&2
  echo "install-deps: run as root: sudo sh -c '$cmd'" >&2
  exit 1
fi
echo "install-deps: installing ${missing[*]}"
sh -c "$cmd"
