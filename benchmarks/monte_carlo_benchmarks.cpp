// Monte Carlo speed: offering-samples per second on one core (threads = 1), against a floor that
// only draws the samples. Figures: benchmarks/README.md.
#include <benchmark/benchmark.h>
#include <costsim/cost_bands.hpp>
#include <costsim/costsim.hpp>
#include <costsim/flip_analysis.hpp>
#include <costsim/monte_carlo.hpp>

#include "engines/sampler.hpp"  // FlatModel: the engine's per-sample evaluation, timed alone

namespace {

using namespace costsim;

constexpr std::size_t kSamples = 1000000;

std::vector<Offering> three_lambdas() {
    return {{"a", LambdaConfig{.memory_mb = 512}},
            {"b", LambdaConfig{.arch = Architecture::arm64, .memory_mb = 1024}},
            {"c", LambdaConfig{.memory_mb = 256, .free_tier = false}}};
}

/// Traffic uncertain (lognormal), three per-use offerings (Lambda with data out): the fast path,
/// one built model per offering evaluated at each sample's traffic. Includes the summaries.
void BM_MonteCarloTraffic3Lambda(benchmark::State& state) {
    const Workload w{.requests_per_month = 5e7, .duration_ms = 120, .response_kb = 8};
    MonteCarloOptions opt{.samples = kSamples, .seed = 1, .threads = 1};
    opt.inputs.requests_per_month = Distribution{.kind = Distribution::Kind::lognormal, .p50 = 5e7, .p95 = 2e8};
    const auto offerings = three_lambdas();
    for (auto _ : state) benchmark::DoNotOptimize(monte_carlo(w, offerings, Catalog::builtin(), opt));
    state.SetItemsProcessed(state.iterations() * std::int64_t(kSamples * offerings.size()));
}
BENCHMARK(BM_MonteCarloTraffic3Lambda)->Unit(benchmark::kMillisecond);

/// The engine's per-sample loop alone, without the summaries: draw the traffic, price it on each
/// offering's FlatModel, store the cost (what monte_carlo() does per sample on the fast path).
void BM_MonteCarloPricingLoop3Lambda(benchmark::State& state) {
    const Workload w{.requests_per_month = 5e7, .duration_ms = 120, .response_kb = 8};
    std::vector<detail::FlatModel> flat;
    for (const Offering& o : three_lambdas()) flat.emplace_back(CostModel::build(w, o, Catalog::builtin()), 1.0);
    std::vector<double> costs(kSamples * flat.size());
    for (auto _ : state) {
        for (std::size_t i = 0; i < kSamples; ++i) {
            const double r = 1e7 + draw(1, i, 0) * 9e7;
            for (std::size_t j = 0; j < flat.size(); ++j) costs[j * kSamples + i] = flat[j].total(r);
        }
        benchmark::DoNotOptimize(costs.data());
    }
    state.SetItemsProcessed(state.iterations() * std::int64_t(kSamples * flat.size()));
}
BENCHMARK(BM_MonteCarloPricingLoop3Lambda)->Unit(benchmark::kMillisecond);

/// The same with a uniform traffic range (no exp / inverse normal per draw).
void BM_MonteCarloUniform3Lambda(benchmark::State& state) {
    const Workload w{.requests_per_month = 5e7, .duration_ms = 120, .response_kb = 8};
    MonteCarloOptions opt{.samples = kSamples, .seed = 1, .threads = 1};
    opt.inputs.requests_per_month = Distribution{.kind = Distribution::Kind::uniform, .min = 1e7, .max = 1e8};
    const auto offerings = three_lambdas();
    for (auto _ : state) benchmark::DoNotOptimize(monte_carlo(w, offerings, Catalog::builtin(), opt));
    state.SetItemsProcessed(state.iterations() * std::int64_t(kSamples * offerings.size()));
}
BENCHMARK(BM_MonteCarloUniform3Lambda)->Unit(benchmark::kMillisecond);

/// The floor: a loop that only draws the samples (generator + lognormal transform) and sums them.
void BM_MonteCarloDrawFloor(benchmark::State& state) {
    const Distribution d{.kind = Distribution::Kind::lognormal, .p50 = 5e7, .p95 = 2e8};
    const double mu = portable::log(d.p50), sigma = (portable::log(d.p95) - mu) / 1.6448536269514722;
    for (auto _ : state) {
        double sum = 0.0;
        for (std::size_t i = 0; i < kSamples; ++i)
            sum += portable::exp(mu + sigma * portable::normal_quantile(draw(1, i, 0)));
        benchmark::DoNotOptimize(sum);
    }
    state.SetItemsProcessed(state.iterations() * std::int64_t(kSamples));
}
BENCHMARK(BM_MonteCarloDrawFloor)->Unit(benchmark::kMillisecond);

/// The floor of the uniform case: the generator and min + u (max - min).
void BM_MonteCarloUniformDrawFloor(benchmark::State& state) {
    for (auto _ : state) {
        double sum = 0.0;
        for (std::size_t i = 0; i < kSamples; ++i) sum += 1e7 + draw(1, i, 0) * 9e7;
        benchmark::DoNotOptimize(sum);
    }
    state.SetItemsProcessed(state.iterations() * std::int64_t(kSamples));
}
BENCHMARK(BM_MonteCarloUniformDrawFloor)->Unit(benchmark::kMillisecond);

/// The end to end runs on 1 and 2 threads (the answer is the same): wall time, as the work is
/// spread over the threads; CPU time of the whole process.
void BM_MonteCarloThreads(benchmark::State& state) {
    const Workload w{.requests_per_month = 5e7, .duration_ms = 120, .response_kb = 8};
    MonteCarloOptions opt{.samples = kSamples, .seed = 1, .threads = static_cast<unsigned>(state.range(0))};
    opt.inputs.requests_per_month = Distribution{.kind = Distribution::Kind::lognormal, .p50 = 5e7, .p95 = 2e8};
    const auto offerings = three_lambdas();
    for (auto _ : state) benchmark::DoNotOptimize(monte_carlo(w, offerings, Catalog::builtin(), opt));
    state.SetItemsProcessed(state.iterations() * std::int64_t(kSamples * offerings.size()));
}
BENCHMARK(BM_MonteCarloThreads)->Arg(1)->Arg(2)->UseRealTime()->MeasureProcessCPUTime()->Unit(benchmark::kMillisecond);

/// The range chart's cost bands: 100 traffic levels x 1,000 samples of an uncertain duration
/// (1,000 model rebuilds per offering), three offerings.
void BM_MonteCarloChartBands(benchmark::State& state) {
    const Workload w{.requests_per_month = 5e7, .duration_ms = 120, .response_kb = 8};
    MonteCarloOptions opt{.samples = kSamples, .seed = 1, .threads = 1};
    opt.inputs.duration_ms = Distribution{.kind = Distribution::Kind::triangular, .min = 60, .max = 400, .mode = 120};
    const auto offerings = three_lambdas();
    const CurveGrid grid{.range = {1.0, 1000.0}, .points = 100};
    for (auto _ : state)
        benchmark::DoNotOptimize(monte_carlo_cost_bands(w, offerings, Catalog::builtin(), opt, {}, grid));
}
BENCHMARK(BM_MonteCarloChartBands)->Unit(benchmark::kMillisecond);

/// Duration uncertain: every sample rebuilds each offering's model (the slow path).
void BM_MonteCarloDurationRebuild(benchmark::State& state) {
    const Workload w{.requests_per_month = 5e7, .duration_ms = 120, .response_kb = 8};
    MonteCarloOptions opt{.samples = 20000, .seed = 1, .threads = 1};
    opt.inputs.duration_ms = Distribution{.kind = Distribution::Kind::triangular, .min = 60, .max = 400, .mode = 120};
    const auto offerings = three_lambdas();
    for (auto _ : state) benchmark::DoNotOptimize(monte_carlo(w, offerings, Catalog::builtin(), opt));
    state.SetItemsProcessed(state.iterations() * std::int64_t(opt.samples * offerings.size()));
}
BENCHMARK(BM_MonteCarloDurationRebuild)->Unit(benchmark::kMillisecond);

/// flip_analysis() of Lambda against a t3.micro: every input's scan and refinement, the tornado.
void BM_FlipLambdaVsVm(benchmark::State& state) {
    const Workload w{.requests_per_month = 1e7, .duration_ms = 50};
    const std::vector<Offering> offerings{{"lambda", LambdaConfig{.memory_mb = 512}},
                                          {"vm", VmFleetConfig{.instance = "t3.micro", .count = 1}}};
    for (auto _ : state) benchmark::DoNotOptimize(flip_analysis(w, offerings, Catalog::builtin()));
}
BENCHMARK(BM_FlipLambdaVsVm)->Unit(benchmark::kMillisecond);

}  // namespace
