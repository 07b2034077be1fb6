// Batch pricing (cost-sim batch): one line of a Lambda and two fleets, priced; only parsed; and
// run_batch over 20,000 such lines in memory with 1 and 2 jobs. benchmarks/README.md#batch.
#include <costsim/batch.hpp>
#include <costsim/catalog.hpp>

#include <benchmark/benchmark.h>

#include <sstream>
#include <string>

using namespace costsim;

namespace {

/// The batch benchmark's line: a Lambda and two fleets sized from traffic (benchmarks/batch/lines.py
/// writes the same scenario, with the traffic varied per line).
std::string batch_line(int i) {
    return std::string(R"({"id":")")
        .append(std::to_string(i))
        .append(R"(","workload":{"requests_per_second":)")
        .append(std::to_string(1 + i % 500))
        .append(R"(,"duration_ms":120},"offerings":[{"kind":"lambda","region":"us-east-1","memory_mb":512},)"
                R"({"kind":"vm","provider":"aws","region":"us-east-1","instance":"t3.micro","capacity_rps":100},)"
                R"({"kind":"vm","provider":"aws","region":"us-east-1","instance":"m7g.large","capacity_rps":400}]})");
}

void BM_BatchLine(benchmark::State& state) {
    const std::string line = batch_line(20);
    std::size_t bytes = 0;
    for (auto _ : state) {
        BatchLine out = price_batch_line(line, 1, Catalog::builtin());
        bytes = out.text.size();
        benchmark::DoNotOptimize(out.text.data());
    }
    state.counters["bytes"] = static_cast<double>(bytes);
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_BatchLine)->Unit(benchmark::kMicrosecond);

/// The floor of the ratio: parsing the line (and its id) only.
void BM_BatchParseOnly(benchmark::State& state) {
    const std::string line = batch_line(20);
    for (auto _ : state) {
        std::string id;
        Scenario s = parse_batch_scenario(line, id);
        benchmark::DoNotOptimize(s.offerings.data());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_BatchParseOnly)->Unit(benchmark::kMicrosecond);

/// The whole runner: reading lines, pricing them on `jobs` threads, writing them in order.
void BM_RunBatch(benchmark::State& state) {
    std::string input;
    constexpr int kLines = 20000;
    for (int i = 0; i < kLines; ++i) input.append(batch_line(i)).push_back('\n');
    const auto jobs = static_cast<unsigned>(state.range(0));
    for (auto _ : state) {
        std::istringstream in(input);
        std::ostringstream out;
        const BatchSummary s = run_batch(in, out, Catalog::builtin(), {jobs, false});
        benchmark::DoNotOptimize(s.lines);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * kLines);
}
BENCHMARK(BM_RunBatch)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
