# cost-sim: build and unit-test in one stage, ship only the two binaries and their runtime
# libraries in a slim, non-root image.  `make docker-run`, then browse http://localhost:5000.
# Proven on every CI run by `make docker-smoke` (buildah, no Docker engine needed).

ARG BASE_IMAGE=debian:bookworm-slim

# ---- build: compile, run the unit tests; a failing test fails the image build ----------------
FROM ${BASE_IMAGE} AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      cmake make g++ pkg-config nlohmann-json3-dev libcpp-httplib-dev libeigen3-dev doctest-dev \
      libboost-program-options-dev libjs-chart.js zlib1g-dev libmimalloc-dev \
      python3 librsvg2-bin \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# JOBS empty means one job per core of the building machine.
ARG JOBS=
# python3 and rsvg-convert check the CLI's SVG charts (tests/cli/cli_optimise.cpp). Browser (e2e)
# and container (docker) tests need tools that are not in this stage; the README
# tests need README.md, which .dockerignore keeps out of the context (and `make test` runs).
RUN cmake -S . -B /build -DCMAKE_BUILD_TYPE=Release -DCOSTSIM_WERROR=ON -DCOSTSIM_INSTALL=OFF \
 && cmake --build /build -j "${JOBS:-$(nproc)}" \
 && ctest --test-dir /build --output-on-failure --no-tests=error -LE 'e2e|docker|readme' -j "${JOBS:-$(nproc)}" \
 && mkdir -p /out \
 && install -m 0755 -s /build/server/cost-sim-server /build/cli/cost-sim /out/

# ---- runtime: runtime libraries + the two binaries, nothing else -----------------------------
FROM ${BASE_IMAGE}
# The -dev packages above pull these in; apt resolves their own deps (libssl3, zlib, brotli).
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libcpp-httplib0.11 libboost-program-options1.74.0 libmimalloc2.0 \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin /var/cache/debconf/*-old /var/log/apt \
           /var/log/dpkg.log /var/log/alternatives.log \
 && useradd --uid 1000 --user-group --no-create-home --home-dir /nonexistent \
            --shell /usr/sbin/nologin costsim
COPY --from=build /out/ /usr/local/bin/
# Fail the build, not the first request, if a shared library is missing.
RUN ! ldd /usr/local/bin/cost-sim-server /usr/local/bin/cost-sim | grep 'not found'

# Nothing is written at run time: the catalog and the page are embedded in the binary, so the
# container runs with a read-only root filesystem.
USER 1000:1000
ENV HOST=0.0.0.0 PORT=5000
EXPOSE 5000
STOPSIGNAL SIGTERM
# The server probes itself (GET http://127.0.0.1:$PORT/health), so the image needs no curl.
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
  CMD ["/usr/local/bin/cost-sim-server", "--probe"]
ENTRYPOINT ["/usr/local/bin/cost-sim-server"]
CMD ["--host", "0.0.0.0", "--port", "5000"]
