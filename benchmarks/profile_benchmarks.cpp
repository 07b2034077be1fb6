// Benchmarks of pricing under a traffic profile (issue 15). Figures and the command: README.md.
// Target: pricing a 31-day per-minute profile (44,640 intervals) on Lambda plus 5 autoscaled
// fleets within 4x of BM_ProfileFloor, a loop that only reads the profile and writes one
// instance count per interval, per interval-offering.
#include <costsim/compare.hpp>
#include <costsim/costsim.hpp>

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <vector>

using namespace costsim;

namespace {

constexpr std::size_t kIntervals = 31 * 24 * 60;  // 44,640 minutes

/// A month of minutes shaped like a web service: a daily cosine (peak 2x the trough) with bursts
/// from a fixed-seed generator, about 100 requests a second on average. Absolute counts.
TrafficProfile month_of_minutes() {
    TrafficProfile p;
    p.interval_s = 60.0;
    p.source = "benchmark";
    p.requests.resize(kIntervals);
    std::uint64_t state = 88172645463325252ULL;
    for (std::size_t i = 0; i < kIntervals; ++i) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        const double noise = double(state % 1000) / 1000.0;  // [0, 1)
        const double day = std::cos(2.0 * M_PI * double(i % 1440) / 1440.0);
        const double burst = noise > 0.995 ? 4.0 : 1.0;
        p.requests[i] = std::round(6000.0 * (1.0 + 0.33 * day) * (0.8 + 0.4 * noise) * burst);
    }
    return p;
}

const Workload& profile_workload() {
    static const Workload w = Workload{.duration_ms = 120, .init_duration_ms = 250}.with_traffic(month_of_minutes());
    return w;
}

VmFleetConfig autoscaled(double out_s, double in_s) {
    VmFleetConfig c{.instance = "c7g.large", .capacity_rps = 100.0, .min_instances = 2};
    c.scaling.mode = ScalingMode::autoscale;
    c.scaling.max_instances = 400;
    c.scaling.scale_out_delay_s = out_s;
    c.scaling.scale_in_delay_s = in_s;
    return c;
}

/// Lambda and five autoscaled fleets: the ideal one (no delays, exact segments) and four with
/// delays (simulated).
std::vector<Offering> lambda_and_five_fleets() {
    return {
        {"lambda-512", LambdaConfig{.memory_mb = 512}},
        {"ideal", autoscaled(0, 0)},
        {"fast", autoscaled(60, 300)},
        {"default", autoscaled(300, 900)},
        {"slow", autoscaled(600, 1800)},
        {"sluggish", autoscaled(900, 3600)},
    };
}

std::vector<CostModel> built_models() {
    std::vector<CostModel> models;
    for (const Offering& o : lambda_and_five_fleets())
        models.push_back(CostModel::build(profile_workload(), o, Catalog::builtin()));
    return models;
}

/// Each model's total at the profile's own level, models prebuilt: one simulation of the
/// profile per simulated model. The level alternates by 1 %, so that Lambda's run cache (one
/// run serves its components at one level) does not hide its run. Items: interval-offerings.
void BM_ProfileTotals(benchmark::State& state) {
    const std::vector<CostModel> models = built_models();
    const double levels[2] = {profile_workload().requests_per_month, profile_workload().requests_per_month * 1.01};
    std::size_t k = 0;
    for (auto _ : state) {
        const double r = levels[k++ % 2];
        double sum = 0.0;
        for (const CostModel& m : models) sum += m.total(r);
        benchmark::DoNotOptimize(sum);
    }
    state.SetItemsProcessed(state.iterations() * std::int64_t(kIntervals * models.size()));
}
BENCHMARK(BM_ProfileTotals)->Unit(benchmark::kMillisecond);

/// The same with model building and itemised bills (series included), what a request does.
void BM_ProfileBuildAndBill(benchmark::State& state) {
    const std::vector<Offering> offerings = lambda_and_five_fleets();
    for (auto _ : state) {
        double sum = 0.0;
        for (const Offering& o : offerings) sum += price(profile_workload(), o, Catalog::builtin()).total;
        benchmark::DoNotOptimize(sum);
    }
    state.SetItemsProcessed(state.iterations() * std::int64_t(kIntervals * offerings.size()));
}
BENCHMARK(BM_ProfileBuildAndBill)->Unit(benchmark::kMillisecond);

/// The floor: read each interval's rate and write one instance count per interval, for six
/// offerings. Items: interval-offerings, as above.
void BM_ProfileFloor(benchmark::State& state) {
    const std::vector<double> rates = profile_workload().traffic->rates_per_request();
    const double r = profile_workload().requests_per_month;
    std::vector<double> counts(kIntervals);
    for (auto _ : state) {
        for (int offering = 0; offering < 6; ++offering) {
            const double per_instance = 70.0 + offering;
            for (std::size_t i = 0; i < kIntervals; ++i) counts[i] = std::ceil(r * rates[i] / per_instance);
            benchmark::ClobberMemory();
        }
    }
    state.SetItemsProcessed(state.iterations() * std::int64_t(kIntervals * 6));
}
BENCHMARK(BM_ProfileFloor)->Unit(benchmark::kMillisecond);

/// Break-even of Lambda against the default-delay fleet over 0 to 1,000 rps (bisection: 1,025
/// samples plus about 12 halvings a point). Counter "points": the points found.
void BM_ProfileBreakEven(benchmark::State& state) {
    const std::vector<CostModel> models = built_models();
    std::size_t points = 0;
    for (auto _ : state) {
        const auto found = find_break_even(models[0], 1.0, models[3], 1.0, TrafficRange{0.0, 1000.0});
        points = found.size();
        benchmark::DoNotOptimize(points);
    }
    state.counters["points"] = double(points);
}
BENCHMARK(BM_ProfileBreakEven)->Unit(benchmark::kMillisecond);

}  // namespace

namespace {
/// One model of the six at a time, to see where time goes.
void BM_ProfileOneOffering(benchmark::State& state) {
    const std::vector<CostModel> models = built_models();
    const CostModel& m = models[std::size_t(state.range(0))];
    const double levels[2] = {profile_workload().requests_per_month, profile_workload().requests_per_month * 1.01};
    std::size_t k = 0;
    for (auto _ : state) benchmark::DoNotOptimize(m.total(levels[k++ % 2]));
    state.SetItemsProcessed(state.iterations() * std::int64_t(kIntervals));
    state.SetLabel(m.id());
}
BENCHMARK(BM_ProfileOneOffering)->DenseRange(0, 5)->Unit(benchmark::kMillisecond);
}  // namespace
