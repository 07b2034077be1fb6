// The memory optimiser: picks on a small measured table and model-mode durations, computed by hand.
// Prices: aws-lambda.json us-east-1 x86_64 $0.0000002 per request, $0.0000166667 per GB-s (tier
// 1); arm64 $0.0000133334 per GB-s. Free tier off, so each bill is R x (0.0000002 + GB x s x p).
#include <costsim/costsim.hpp>
#include <costsim/memory_optimiser.hpp>
#include <costsim/memory_optimiser_io.hpp>
#include <doctest/doctest.h>

#include <cmath>

using namespace costsim;

namespace {

constexpr double kX86 = 0.0000166667;
constexpr double kRequests = 1e7;  // a month

/// R x (request fee + M/1024 GB x ceil(T) ms / 1000 x price): the Lambda bill without free tier.
double bill(double memory_mb, double duration_ms, double gbs_price = kX86) {
    return kRequests * (0.0000002 + memory_mb / 1024.0 * std::ceil(duration_ms) / 1000.0 * gbs_price);
}

Workload workload() { return Workload{.requests_per_month = kRequests, .duration_ms = 100}; }
LambdaConfig lambda() { return LambdaConfig{.free_tier = false}; }

OptimiserInput measured_table() {
    OptimiserInput in;
    in.measurements = {{512, 220}, {128, 1000}, {1024, 200}, {256, 400}};  // unsorted on purpose
    in.architectures = {Architecture::x86_64};
    return in;
}

}  // namespace

TEST_CASE("measured table: grid, costs and the three power-tuning picks by hand") {
    // Monthly bills (R = 1e7, x86_64, free tier off; request fee R x 0.0000002 = $2):
    //   128 MB x 1000 ms: 0.125 GB x 1.0 s x 1e7 = 1,250,000 GB-s x p = 20.833375 -> 22.833375
    //   256 MB x  400 ms: 0.25 x 0.4 x 1e7 = 1,000,000 GB-s -> 16.6667   -> 18.6667
    //   512 MB x  220 ms: 0.5 x 0.22 x 1e7 = 1,100,000 GB-s -> 18.33337  -> 20.33337
    //  1024 MB x  200 ms: 1 x 0.2 x 1e7    = 2,000,000 GB-s -> 33.3334   -> 35.3334
    // cheapest 256; fastest 1024; balanced (w 0.5, max cost 35.3334, max duration 1000):
    //   128: 0.5 x 22.833375/35.3334 + 0.5 x 1.00 = 0.8231
    //   256: 0.5 x 18.6667/35.3334   + 0.5 x 0.40 = 0.4642
    //   512: 0.5 x 20.33337/35.3334  + 0.5 x 0.22 = 0.3977  <- the minimum
    //  1024: 0.5 x 1                 + 0.5 x 0.20 = 0.6000
    OptimiserInput in = measured_table();
    in.step_mb = 1024;  // grid 128, 1152, ... within [128, 1024]: only 128, plus the measured sizes
    const OptimiserResult r = optimise_memory(workload(), lambda(), in, {}, Catalog::builtin());
    REQUIRE(r.rows.size() == 4);
    CHECK(r.rows[0].memory_mb == 128);
    CHECK(r.rows[3].memory_mb == 1024);
    CHECK(r.rows[0].monthly_cost == doctest::Approx(22.833375).epsilon(1e-9));
    CHECK(r.rows[1].monthly_cost == doctest::Approx(18.6667).epsilon(1e-9));
    CHECK(r.rows[2].monthly_cost == doctest::Approx(20.33337).epsilon(1e-9));
    CHECK(r.rows[3].monthly_cost == doctest::Approx(35.3334).epsilon(1e-9));
    CHECK(r.rows[1].measured);
    // Concurrency: 1e7 / 2,628,000 s = 3.805 rps x 0.4 s = 1.522
    CHECK(r.rows[1].concurrency == doctest::Approx(1e7 / 2628000.0 * 0.4).epsilon(1e-12));
    CHECK(r.overall.cheapest->memory_mb == 256);
    CHECK(r.overall.fastest->memory_mb == 1024);
    CHECK(r.overall.balanced->memory_mb == 512);
    CHECK(r.chosen.memory_mb == 256);  // strategy cost
    CHECK(r.method == "measurements");
    CHECK(r.flags.size() == 1);
    CHECK(r.flags[0].code == "not_extrapolated");
}

TEST_CASE("interpolation between measured sizes is T = a + b / M, and the latency pick is exact to 1 MB") {
    // Through (256, 400) and (512, 220): b = (400 - 220) / (1/256 - 1/512) = 180 x 512 = 92,160,
    // a = 400 - 92,160 / 256 = 40. T(384) = 40 + 240 = 280 ms.
    OptimiserInput in = measured_table();
    CHECK(optimiser_duration_ms(in, Architecture::x86_64, 384) == doctest::Approx(280.0).epsilon(1e-12));
    CHECK(optimiser_duration_ms(in, Architecture::x86_64, 512) == 220.0);
    // Target 300 ms: 40 + 92,160 / M <= 300 -> M >= 92,160 / 260 = 354.46 -> 355 MB,
    // T(355) = 40 + 92,160 / 355 = 299.606 ms, billed 300 ms.
    in.latency_target_ms = 300.0;
    in.strategy = OptimiseStrategy::latency;
    const OptimiserResult r = optimise_memory(workload(), lambda(), in, {}, Catalog::builtin());
    REQUIRE(r.overall.meets_latency);
    CHECK(r.overall.meets_latency->memory_mb == 355);
    CHECK(r.overall.meets_latency->duration_ms == doctest::Approx(40.0 + 92160.0 / 355.0).epsilon(1e-12));
    CHECK(r.chosen.memory_mb == 355);
    CHECK(r.chosen.monthly_cost == doctest::Approx(bill(355, 300)).epsilon(1e-9));
    // 1000 ms at 128 MB already meets a 1,000 ms target: the smallest evaluated size.
    in.latency_target_ms = 1000.0;
    CHECK(optimise_memory(workload(), lambda(), in, {}, Catalog::builtin()).chosen.memory_mb == 128);
    // No size reaches 150 ms: strategy latency is refused, naming the target.
    in.latency_target_ms = 150.0;
    try {
        (void)optimise_memory(workload(), lambda(), in, {}, Catalog::builtin());
        FAIL("expected InvalidInput");
    } catch (const InvalidInput& e) {
        CHECK(e.field() == "optimise.latency_target_ms");
    }
}

TEST_CASE("measurements are never extrapolated") {
    OptimiserInput in;
    in.measurements = {{256, 400}, {1024, 200}};
    CHECK_THROWS_AS((void)optimiser_duration_ms(in, Architecture::x86_64, 128), InvalidInput);
    CHECK_THROWS_AS((void)optimiser_duration_ms(in, Architecture::x86_64, 1025), InvalidInput);
    const OptimiserResult r = optimise_memory(workload(), lambda(), in, {}, Catalog::builtin());
    CHECK(r.from_mb == 256);
    CHECK(r.to_mb == 1024);
    for (const MemoryRow& row : r.rows) {
        CHECK(row.memory_mb >= 256);
        CHECK(row.memory_mb <= 1024);
    }
}

TEST_CASE("model mode: Amdahl durations by hand (wave2-facts 3.3 worked example)") {
    // T_io = 50 ms, T_cpu = 400 ms on one vCPU, single-threaded: given as 450 ms at 1,769 MB with
    // a CPU share of 400 / 450. T(M) = 50 + 400 / min(M / 1769, 1).
    OptimiserInput in;
    in.model = DurationModel{.memory_mb = 1769, .duration_ms = 450, .cpu_share = 400.0 / 450.0, .max_vcpus = 1};
    const auto t = [&](int mb) { return optimiser_duration_ms(in, Architecture::x86_64, mb); };
    CHECK(t(128) == doctest::Approx(50 + 400 * 1769.0 / 128).epsilon(1e-12));    // 5,578.125
    CHECK(t(1024) == doctest::Approx(50 + 400 * 1769.0 / 1024).epsilon(1e-12));  // 741.016
    CHECK(t(3008) == doctest::Approx(450).epsilon(1e-12));
    // Two threads: 250 ms from 3,538 MB (= 2 x 1769) up.
    in.model->max_vcpus = 2;
    CHECK(t(3538) == doctest::Approx(250).epsilon(1e-12));
    CHECK(t(10240) == doctest::Approx(250).epsilon(1e-12));
    CHECK(t(1769) == doctest::Approx(450).epsilon(1e-12));
    // The same model given at 1,024 MB: T_cpu at 1,024 MB = 400 x 1769 / 1024 = 691.016 ms of
    // 741.016; the share and the speed-up carry it back to 5,578.125 at 128 MB.
    in.model = DurationModel{.memory_mb = 1024,
                             .duration_ms = 50 + 400 * 1769.0 / 1024,
                             .cpu_share = (400 * 1769.0 / 1024) / (50 + 400 * 1769.0 / 1024),
                             .max_vcpus = 1};
    CHECK(t(128) == doctest::Approx(5578.125).epsilon(1e-12));
    // arm64 1.25 times as fast: 450 / 1.25 = 360 ms at 2,048 MB.
    in.arm64_speed = 1.25;
    CHECK(optimiser_duration_ms(in, Architecture::arm64, 2048) == doctest::Approx(360).epsilon(1e-12));
}

TEST_CASE("model mode: picks, the latency size M = 1769 T_cpu / (SLO - T_io), arm64 priced on its own rate") {
    OptimiserInput in;
    in.model = DurationModel{.memory_mb = 1769, .duration_ms = 450, .cpu_share = 400.0 / 450.0, .max_vcpus = 1};
    in.latency_target_ms = 600;
    in.arm64_speed = 1.0;
    const OptimiserResult r = optimise_memory(workload(), lambda(), in, {}, Catalog::builtin());
    CHECK(r.method == "model");
    CHECK(r.from_mb == 128);
    CHECK(r.to_mb == 10240);
    CHECK(r.flags.empty());
    // Below 1,769 MB the CPU part's GB-s does not depend on M and the I/O part grows with M: the
    // cheapest is 128 MB (5,579 ms billed: 0.125 x 5.579 = 0.697375 GB-s a request; at 1,024 MB,
    // 742 ms: 0.742 GB-s).
    REQUIRE(r.per_architecture.size() == 2);
    CHECK(r.per_architecture[0].picks.cheapest->memory_mb == 128);
    CHECK(r.per_architecture[0].picks.cheapest->monthly_cost == doctest::Approx(bill(128, 5578.125)).epsilon(1e-9));
    // Fastest: 450 ms from 1,769 MB up; of the ties the cheaper is the smallest, 1,769 MB (on the grid as the kink).
    CHECK(r.per_architecture[0].picks.fastest->memory_mb == 1769);
    // SLO 600 ms: 1769 x 400 / 550 = 1,286.5 -> 1,287 MB on both architectures (same speed).
    CHECK(r.per_architecture[0].picks.meets_latency->memory_mb == 1287);
    CHECK(r.per_architecture[1].picks.meets_latency->memory_mb == 1287);
    // arm64's GB-s price is lower, so across architectures the cheapest is arm64 128 MB.
    CHECK(r.overall.cheapest->architecture == Architecture::arm64);
    CHECK(r.overall.cheapest->monthly_cost == doctest::Approx(bill(128, 5578.125, 0.0000133334)).epsilon(1e-9));
    CHECK(r.overall.meets_latency->architecture == Architecture::arm64);
    // The grid: 128 + 64 i up to 10,240 (159 sizes), plus 1,769: 160 a architecture.
    CHECK(r.rows.size() == 2 * 160);
}

TEST_CASE("break-even of the chosen size against a VM fleet, by hand") {
    // Chosen (cost): 256 MB x 400 ms: c = 0.0000002 + 0.25 x 0.4 x 0.0000166667 = 0.00000186667
    // $/request. One t3.micro: 730 h x $0.0104 + its public IPv4 730 h x $0.005 = $11.242.
    // R* = 11.242 / 0.00000186667 = 6,022,489 requests/month.
    const OptimiserInput in = measured_table();
    const std::vector<Offering> vms = {
        Offering{"t3", VmFleetConfig{.provider = "aws", .instance = "t3.micro", .count = 1}}};
    const OptimiserResult r = optimise_memory(workload(), lambda(), in, vms, Catalog::builtin());
    REQUIRE(r.break_even.size() == 1);
    CHECK(r.break_even[0].offering_id == "t3");
    REQUIRE(r.break_even[0].points.size() == 1);
    const double c = 0.0000002 + 0.25 * 0.4 * kX86;
    CHECK(r.break_even[0].points[0].requests_per_month == doctest::Approx(11.242 / c).epsilon(1e-9));
    CHECK(r.break_even[0].points[0].serverless_id == r.lambda_id);
}

TEST_CASE("bounds: each input names its field") {
    const auto field_of = [](const OptimiserInput& in) -> std::string {
        try {
            in.validate("optimise.");
        } catch (const InvalidInput& e) {
            return e.field();
        }
        return "(valid)";
    };
    OptimiserInput in = measured_table();
    CHECK(field_of(in) == "(valid)");
    in.measurements = {{256, 400}};
    CHECK(field_of(in) == "optimise.measurements");
    in.measurements = {{256, 400}, {256, 300}};
    CHECK(field_of(in) == "optimise.measurements[1].memory_mb");
    in.measurements = {{256, 400}, {64, 300}};
    CHECK(field_of(in) == "optimise.measurements[1].memory_mb");
    in.measurements = {{256, 400}, {512, 0}};
    CHECK(field_of(in) == "optimise.measurements[1].duration_ms");
    in = measured_table();
    in.step_mb = 0;
    CHECK(field_of(in) == "optimise.step_mb");
    in = measured_table();
    in.arm64_speed = 5;
    CHECK(field_of(in) == "optimise.arm64_speed");
    in = measured_table();
    in.balanced_weight = 1.5;
    CHECK(field_of(in) == "optimise.balanced_weight");
    in = measured_table();
    in.strategy = OptimiseStrategy::latency;
    CHECK(field_of(in) == "optimise.latency_target_ms");
    in = OptimiserInput{};
    in.model = DurationModel{.cpu_share = 1.2};
    CHECK(field_of(in) == "optimise.model.cpu_share");
    in.model = DurationModel{.max_vcpus = 7};
    CHECK(field_of(in) == "optimise.model.max_vcpus");
    in.model = DurationModel{};
    in.architectures = {Architecture::arm64, Architecture::arm64};
    CHECK(field_of(in) == "optimise.architectures");
}

TEST_CASE("power-tuning imports: the README's visualisation hash and the stats JSON") {
    // wave2-facts 3.2: the README hash decodes to 128..3008 MB with these durations (ms).
    const auto m = parse_power_tuning_url(
        "https://lambda-power-tuning.show/#gAAAAQACAAQABsAL;ZooQR4yvkUa/"
        "pQRGRC5zRaADHUVjOftE;QdWhOEMkoziDT5Q4xhiIOMYYiDi6RNc4");
    REQUIRE(m.size() == 6);
    const int sizes[] = {128, 256, 512, 1024, 1536, 3008};
    const double durations[] = {37002.4, 18647.8, 8489.4, 3890.9, 2512.2, 2009.8};
    for (std::size_t i = 0; i < 6; ++i) {
        CHECK(m[i].memory_mb == sizes[i]);
        CHECK(std::abs(m[i].duration_ms - durations[i]) <= 0.05);  // the table gives 1 decimal
    }
    // The state machine's output: value as a number or a string; averagePrice is ignored.
    const auto s = parse_power_tuning_output(R"({"results": {"power": "128", "cost": 2.083e-7, "duration": 2.9,
        "stats": [{"averagePrice": 2.083e-7, "averageDuration": 2.9, "value": 128},
                  {"averagePrice": 4.1e-7, "averageDuration": 1.5, "value": "256"}]}})");
    REQUIRE(s.size() == 2);
    CHECK(s[1].memory_mb == 256);
    CHECK(s[1].duration_ms == 1.5);
    try {
        (void)parse_power_tuning_output(R"({"results": {"stats": [{"value": 128, "averageDuration": 2},
            {"value": 64, "averageDuration": 1}]}})");
        FAIL("expected InvalidInput");
    } catch (const InvalidInput& e) {
        CHECK(e.field() == "power_tuning.results.stats[1].value");
    }
    CHECK_THROWS_AS((void)parse_power_tuning_url("gAAAAQ;ZooQR4yv"), InvalidInput);       // 2 sizes, 1 duration
    CHECK_THROWS_AS((void)parse_power_tuning_url("gA*A;ZooQR4yvkUa"), InvalidInput);      // not base64
    CHECK_THROWS_AS((void)parse_power_tuning_output("{\"results\": {}}"), InvalidInput);  // no stats
}

TEST_CASE("request document: optimise block, scenario parts, field paths") {
    const auto r = parse_optimise_request(R"({"workload": {"requests_per_month": 1e7},
        "offerings": [{"kind": "lambda", "region": "us-east-1", "free_tier": false},
                      {"kind": "vm", "instance": "t3.micro", "count": 1}],
        "optimise": {"measurements": [{"memory_mb": 128, "duration_ms": 1000}, {"memory_mb": 256, "duration_ms": 400}],
                     "strategy": "balanced", "architectures": ["arm64"]}})");
    CHECK_FALSE(r.lambda.free_tier);
    REQUIRE(r.others.size() == 2);  // the Lambda too: the optimiser skips it (usage-priced)
    CHECK(r.input.strategy == OptimiseStrategy::balanced);
    CHECK(r.input.architectures == std::vector<Architecture>{Architecture::arm64});
    const auto field_of = [](const char* text) -> std::string {
        try {
            (void)parse_optimise_request(text);
        } catch (const Error& e) {
            return e.field();
        }
        return "(valid)";
    };
    CHECK(field_of(R"({"workload": {"requests_per_month": 1}})") == "optimise");
    CHECK(field_of(R"({"workload": {"requests_per_month": 1}, "optimise": {}})") == "optimise");
    CHECK(field_of(R"({"workload": {"requests_per_month": 1}, "optimise": {"model": {"memory_mb": 1024,
        "duration_ms": 100, "cpu_share": 0.5}, "stepmb": 4}})") == "optimise.stepmb");
    CHECK(field_of(R"({"workload": {"requests_per_month": 1}, "optimise": {"model": {"memory_mb": 1024,
        "duration_ms": 100}}})") == "optimise.model.cpu_share");
    CHECK(field_of(R"({"workload": {"requests_per_month": -1}, "optimise": {"model": {"memory_mb": 1024,
        "duration_ms": 100, "cpu_share": 0.5}}})") == "workload.requests_per_month");
    CHECK(field_of(R"({"workload": {"requests_per_month": 1}, "optimise": {"measurements": [{"memory_mb": 128,
        "duration_ms": 1}, {"memory_mb": 256}]}})") == "optimise.measurements[1].duration_ms");
}
