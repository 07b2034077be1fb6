# Porcelain over CMake. Every target is a short recipe; the build logic lives in CMakeLists.txt.
BUILD_DIR ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc)
PORT ?= 5000
CMAKE_FLAGS ?=

.DEFAULT_GOAL := help
.PHONY: help deps build test test-sanitize lint run bench fuzz clean

help: ## List the targets
	@grep -hE '^[a-zA-Z0-9_-]+:.*## ' $(MAKEFILE_LIST) | sed 's/$$(PORT)/$(PORT)/g' | awk -F':.*## ' '{printf "  %-18s %s\n", $$1, $$2}'

deps: ## Install missing Debian build/test packages (apt-get; needs root)
	@scripts/install-deps.sh test

$(BUILD_DIR)/CMakeCache.txt:
	@scripts/install-deps.sh test
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DCOSTSIM_WERROR=ON $(CMAKE_FLAGS)

build: $(BUILD_DIR)/CMakeCache.txt ## Configure (installing deps if missing) and build
	cmake --build $(BUILD_DIR) -j $(JOBS)

test: build ## Build and run every test (ctest, output on failure)
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

# ASan + UBSan (gcc): the library, the server and their tests only (no CLI, no package), in
# build-sanitize. Any UBSan report fails the test (-fno-sanitize-recover); ASan stops at the first.
# Warnings are not errors here: sanitizers make gcc warn falsely (maybe-uninitialized in <regex>),
# and `make test` already builds with -Werror.
SANITIZE_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
test-sanitize: ## Build with ASan + UBSan in build-sanitize and run the unit and server tests
	@scripts/install-deps.sh build
	cmake -S . -B $(BUILD_DIR)-sanitize -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCOSTSIM_WERROR=OFF \
	  -DCMAKE_CXX_FLAGS="$(SANITIZE_FLAGS)" -DCMAKE_EXE_LINKER_FLAGS="$(SANITIZE_FLAGS)" \
	  -DCMAKE_SHARED_LINKER_FLAGS="$(SANITIZE_FLAGS)" -DCOSTSIM_BUILD_CLI=OFF -DCOSTSIM_INSTALL=OFF $(CMAKE_FLAGS)
	cmake --build $(BUILD_DIR)-sanitize -j $(JOBS) --target costsim-unit-tests costsim-server-tests costsim-fuzz-replay
	cd $(BUILD_DIR)-sanitize && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure -j $(JOBS) -R '^(unit|server|fuzz)[.]'

# clang-format (.clang-format) on every C++ file and clang-tidy (.clang-tidy) on lib/, cli/ and
# server/, against the compile commands of a configured build-lint tree (no build needed).
lint: ## Check formatting (clang-format) and the clang-tidy checks; any finding fails
	@scripts/install-deps.sh lint
	cmake -S . -B $(BUILD_DIR)-lint -DCMAKE_BUILD_TYPE=Release -DCMAKE_EXPORT_COMPILE_COMMANDS=ON $(CMAKE_FLAGS) > /dev/null
	scripts/lint.sh $(BUILD_DIR)-lint

run: build ## Build and start cost-sim-server on :$(PORT) with the embedded catalog
	$(BUILD_DIR)/server/cost-sim-server --port $(PORT)

bench: ## Build and run the benchmarks (Google Benchmark); figures in benchmarks/README.md
	@scripts/install-deps.sh bench
	cmake -S . -B $(BUILD_DIR)-bench -DCMAKE_BUILD_TYPE=Release -DCOSTSIM_BUILD_BENCHMARKS=ON -DCOSTSIM_BUILD_TESTS=OFF
	cmake --build $(BUILD_DIR)-bench -j $(JOBS) --target costsim-benchmarks
	$(BUILD_DIR)-bench/benchmarks/costsim-benchmarks

FUZZ_SECONDS ?= 60
fuzz: ## Fuzz the HTTP request parser for FUZZ_SECONDS (60) with libFuzzer + ASan (clang), in build-fuzz
	cmake -S . -B $(BUILD_DIR)-fuzz -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address" \
	  -DCOSTSIM_BUILD_CLI=OFF -DCOSTSIM_INSTALL=OFF
	cmake --build $(BUILD_DIR)-fuzz -j $(JOBS) --target costsim-request-fuzzer
	mkdir -p $(BUILD_DIR)-fuzz/corpus
	$(BUILD_DIR)-fuzz/tests/fuzz/costsim-request-fuzzer -max_total_time=$(FUZZ_SECONDS) -max_len=16384 \
	  -timeout=10 -rss_limit_mb=2048 $(BUILD_DIR)-fuzz/corpus tests/fuzz/corpus

clean: ## Remove build directories
	rm -rf $(BUILD_DIR) $(BUILD_DIR)-bench $(BUILD_DIR)-fuzz $(BUILD_DIR)-sanitize $(BUILD_DIR)-lint

-include scripts/docker.mk
