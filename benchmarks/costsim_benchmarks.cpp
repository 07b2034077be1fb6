// Benchmarks of the pricing engines (Google Benchmark). Figures and the command: README.md.
// Targets on one core: a single bill well under 1 us; curves at > 200 million offering-points/s
// and within 3x of BM_WriteOnlyFloor, a loop that only writes the same output arrays.
#include <costsim/compare.hpp>
#include <costsim/costsim.hpp>
#include <costsim/curves.hpp>
#include <costsim/json.hpp>

#include <benchmark/benchmark.h>

#include <cmath>
#include <string>
#include <string_view>
#include <vector>

using namespace costsim;

namespace {

const Workload kWorkload{.requests_per_month = 3e7, .duration_ms = 120, .response_kb = 8};

/// Five offerings a person would compare: three Lambda variants and two t3 fleets.
std::vector<Offering> five_offerings() {
    return {
        {"lambda-512", LambdaConfig{.memory_mb = 512}},
        {"lambda-arm-1024", LambdaConfig{.arch = Architecture::arm64, .memory_mb = 1024}},
        {"lambda-http-api", LambdaConfig{.memory_mb = 256, .front_door = FrontDoor::http_api}},
        {"t3-micro-fleet", VmFleetConfig{.instance = "t3.micro", .capacity_rps = 50.0}},
        {"t3-micro-alb",
         VmFleetConfig{.instance = "t3.micro", .capacity_rps = 50.0, .min_instances = 2, .load_balancer = true}},
    };
}

/// Ten offerings for the curve benchmark: the five above and five more (tiers, fleets, other clouds).
std::vector<Offering> ten_offerings() {
    std::vector<Offering> o = five_offerings();
    o.push_back({"lambda-10gb", LambdaConfig{.memory_mb = 10240}});
    o.push_back({"lambda-provisioned", LambdaConfig{.memory_mb = 1024, .provisioned_concurrency = 10}});
    o.push_back({"t3-fixed-4", VmFleetConfig{.instance = "t3.micro", .count = 4}});
    o.push_back({"cloud-run", CloudRunConfig{}});
    o.push_back({"azure-functions", AzureFunctionsConfig{}});
    return o;
}

void BM_LambdaBill(benchmark::State& state) {
    const CostModel m = CostModel::build(kWorkload, five_offerings()[0], Catalog::builtin());
    double r = 3e7;
    for (auto _ : state) {
        Bill b = m.bill(r);
        benchmark::DoNotOptimize(b.total);
        r += 1.0;  // a new traffic level each time
    }
}
BENCHMARK(BM_LambdaBill);

void BM_LambdaTotal(benchmark::State& state) {
    const CostModel m = CostModel::build(kWorkload, five_offerings()[0], Catalog::builtin());
    double r = 3e7;
    for (auto _ : state) {
        benchmark::DoNotOptimize(m.total(r));
        r += 1.0;
    }
}
BENCHMARK(BM_LambdaTotal);

void BM_FleetBill(benchmark::State& state) {
    const CostModel m = CostModel::build(kWorkload, five_offerings()[4], Catalog::builtin());
    double r = 3e7;
    for (auto _ : state) {
        Bill b = m.bill(r);
        benchmark::DoNotOptimize(b.total);
        r += 1.0;
    }
}
BENCHMARK(BM_FleetBill);

/// Pricing from scratch: catalog look-ups, model building and the bill (what `price()` does).
void BM_LambdaBuildAndBill(benchmark::State& state) {
    const Offering o = five_offerings()[0];
    for (auto _ : state) {
        Bill b = price(kWorkload, o, Catalog::builtin());
        benchmark::DoNotOptimize(b.total);
    }
}
BENCHMARK(BM_LambdaBuildAndBill);

/// compare(): 5 bills, the cheapest, and break-even for the 3 x 4 - 3 = 9 pairs over 0-1,000 rps
/// (the fleets have 28 and 29 steps in that range).
void BM_Compare5WithBreakEven(benchmark::State& state) {
    const std::vector<Offering> offerings = five_offerings();
    std::size_t points = 0;
    for (auto _ : state) {
        Comparison c = compare(kWorkload, offerings, Catalog::builtin());
        points = c.break_even.size();
        benchmark::DoNotOptimize(c.cheapest_id);
    }
    state.counters["break_even_points"] = double(points);
}
BENCHMARK(BM_Compare5WithBreakEven)->Unit(benchmark::kMicrosecond);

constexpr Eigen::Index kCurvePoints = 1000000;

/// 10 offerings x 1,000,000 log-spaced traffic levels (0.01 to 100,000 rps), models prebuilt.
void BM_Curves10x1M(benchmark::State& state) {
    std::vector<CostModel> models;
    for (const Offering& o : ten_offerings()) models.push_back(CostModel::build(kWorkload, o, Catalog::builtin()));
    const Eigen::ArrayXd r = Eigen::ArrayXd::LinSpaced(kCurvePoints, -2.0, 5.0).unaryExpr([](double e) {
        return std::pow(10.0, e);
    }) * kSecondsPerMonth;
    const std::vector<double> factors(models.size(), 1.0);
    std::vector<Eigen::ArrayXd> out(models.size(), Eigen::ArrayXd(kCurvePoints));
    for (auto _ : state) {
        evaluate_totals(models, factors, r, out);  // what cost_curves() does
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations() * kCurvePoints * std::int64_t(models.size()));
}
BENCHMARK(BM_Curves10x1M)->Unit(benchmark::kMillisecond);

/// The physical floor of BM_Curves10x1M: the same 10 output arrays, only written.
void BM_WriteOnlyFloor(benchmark::State& state) {
    std::vector<Eigen::ArrayXd> out(10, Eigen::ArrayXd(kCurvePoints));
    double v = 1.0;
    for (auto _ : state) {
        for (Eigen::ArrayXd& o : out) {
            double* p = o.data();
            for (Eigen::Index j = 0; j < kCurvePoints; ++j) p[j] = v;
            v += 1.0;
        }
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations() * kCurvePoints * 10);
}
BENCHMARK(BM_WriteOnlyFloor)->Unit(benchmark::kMillisecond);

}  // namespace

namespace {

/// One offering of the ten at a time (single-model evaluate_totals): where the time goes.
void BM_CurveOneOffering(benchmark::State& state) {
    const std::vector<Offering> offerings = ten_offerings();
    const Offering& o = offerings[std::size_t(state.range(0))];
    const CostModel m = CostModel::build(kWorkload, o, Catalog::builtin());
    const Eigen::ArrayXd r = Eigen::ArrayXd::LinSpaced(kCurvePoints, -2.0, 5.0).unaryExpr([](double e) {
        return std::pow(10.0, e);
    }) * kSecondsPerMonth;
    Eigen::ArrayXd out(kCurvePoints);
    for (auto _ : state) {
        evaluate_totals(m, 1.0, r, out);
        benchmark::ClobberMemory();
    }
    state.SetLabel(o.id);
    state.SetItemsProcessed(state.iterations() * kCurvePoints);
}
BENCHMARK(BM_CurveOneOffering)->DenseRange(0, 9)->Unit(benchmark::kMillisecond);

}  // namespace

namespace {

/// The body benchmarks/wrk/compare.lua POSTs to /api/v1/compare: Lambda and five VM fleets.
constexpr std::string_view kCompareBody =
    R"({"workload":{"requests_per_month":30000000,"duration_ms":120,"response_kb":8,"peak_to_mean":3},
"offerings":[
 {"kind":"lambda","memory_mb":512},
 {"kind":"vm","id":"t3-micro","instance":"t3.micro","capacity_rps":40},
 {"kind":"vm","id":"t3-small","instance":"t3.small","capacity_rps":80},
 {"kind":"vm","id":"m7g-large","instance":"m7g.large","capacity_rps":300,"purchase":"1yr"},
 {"kind":"vm","id":"c7g-large-alb","instance":"c7g.large","capacity_rps":400,"load_balancer":true},
 {"kind":"vm","id":"t3-medium-fixed","instance":"t3.medium","count":2}
]})";

/// The server's compare work split in three: parse the scenario, compare, serialise the report.
void BM_ApiCompareParse(benchmark::State& state) {
    for (auto _ : state) {
        Scenario s = parse_scenario(kCompareBody, ScenarioShape::many_offerings);
        benchmark::DoNotOptimize(s.offerings.data());
    }
}
BENCHMARK(BM_ApiCompareParse)->Unit(benchmark::kMicrosecond);

void BM_ApiCompareCompute(benchmark::State& state) {
    const Scenario s = parse_scenario(kCompareBody, ScenarioShape::many_offerings);
    for (auto _ : state) {
        Comparison c = compare(s.workload, s.offerings, Catalog::builtin(), s.currency, s.range);
        benchmark::DoNotOptimize(c.cheapest_id);
    }
}
BENCHMARK(BM_ApiCompareCompute)->Unit(benchmark::kMicrosecond);

void BM_ApiCompareSerialise(benchmark::State& state) {
    const Scenario s = parse_scenario(kCompareBody, ScenarioShape::many_offerings);
    const Comparison c = compare(s.workload, s.offerings, Catalog::builtin(), s.currency, s.range);
    std::size_t bytes = 0;
    for (auto _ : state) {
        std::string json = to_json(c);
        bytes = json.size();
        benchmark::DoNotOptimize(json.data());
    }
    state.counters["bytes"] = double(bytes);
}
BENCHMARK(BM_ApiCompareSerialise)->Unit(benchmark::kMicrosecond);

/// All three: what POST /api/v1/compare costs the server beyond HTTP.
void BM_ApiCompareRequest(benchmark::State& state) {
    for (auto _ : state) {
        Scenario s = parse_scenario(kCompareBody, ScenarioShape::many_offerings);
        Comparison c = compare(s.workload, s.offerings, Catalog::builtin(), s.currency, s.range);
        std::string json = to_json(c);
        benchmark::DoNotOptimize(json.data());
    }
}
BENCHMARK(BM_ApiCompareRequest)->Unit(benchmark::kMicrosecond);

}  // namespace
