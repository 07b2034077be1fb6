// "What would flip it": flip points computed by hand for duration, memory, response size and
// traffic, and the tornado. Prices: aws-lambda.json us-east-1 x86_64 ($0.20 per 1M requests,
// $0.0000166667 per GB-s, duration rounded up to 1 ms), aws-ec2.json t3.micro $0.0104/h,
// oci.json VM.Standard.E4.Flex 1 OCPU / 16 GB $0.049/h, internet egress: AWS $0.09/GB, OCI
// $0.0085/GB (free tiers off).
#include <costsim/costsim.hpp>
#include <costsim/flip_analysis.hpp>
#include <doctest/doctest.h>

#include <cmath>

using namespace costsim;

namespace {

const InputFlip& flip_of(const FlipAnalysis& a, const std::string& input) {
    for (const InputFlip& f : a.flips)
        if (f.input == input) return f;
    FAIL("no flip for " << input);
    return a.flips.front();
}

const std::vector<Offering> lambda_vs_t3{
    {"lambda", LambdaConfig{.memory_mb = 512, .free_tier = false}},
    {"vm", VmFleetConfig{.instance = "t3.micro", .count = 1, .public_ipv4 = false}},
};

}  // namespace

TEST_CASE("Duration: Lambda stays cheaper unless duration passes 67 ms (1 ms rounding)") {
    // 10M requests: Lambda = 10 x $0.20 + 10M x 0.5 GB x ceil(d) / 1000 s x 0.0000166667
    //   = 2 + 0.0833335 ceil(d); t3.micro = 730 x 0.0104 = 7.592.
    // Equal at d = 5.592 / 0.0833335 = 67.10 ms; billed in whole ms: 67 ms costs 7.5833 (cheaper),
    // anything above 67 is billed 68 ms = 7.6667: the flip is at 67 ms exactly.
    const Workload w{.requests_per_month = 10e6, .duration_ms = 50};
    const FlipAnalysis a = flip_analysis(w, lambda_vs_t3, Catalog::builtin());
    CHECK(a.cheapest_id == "lambda");
    CHECK(a.cheapest_cost == doctest::Approx(2 + 0.0833335 * 50).epsilon(1e-12));
    CHECK(a.rival_cost == doctest::Approx(7.592).epsilon(1e-12));
    const InputFlip& d = flip_of(a, "duration_ms");
    CHECK(d.unit == "ms");
    CHECK(d.value == 50);
    REQUIRE(d.up.found);
    CHECK(d.up.value == doctest::Approx(67).epsilon(1e-11));
    CHECK(d.up.value > 67);
    CHECK(d.up.cheapest_past == "vm");
    CHECK(d.up.method == FlipPoint::Method::exact);
    CHECK_FALSE(d.down.found);  // shorter runs only make Lambda cheaper
}

TEST_CASE("Memory: the first whole MB where Lambda costs more than the fleet") {
    // 10M x 100 ms: Lambda = 2 + 10M x 0.1 s x M / 1024 GB x 0.0000166667 = 2 + 0.0162760742 M;
    // 7.592 at M = 5.592 / 0.0162760742 = 343.57: 343 MB costs 7.5827, 344 MB 7.5990.
    const Workload w{.requests_per_month = 10e6, .duration_ms = 100};
    const FlipAnalysis a = flip_analysis(w, lambda_vs_t3, Catalog::builtin());
    const InputFlip& m = flip_of(a, "offerings[0].memory_mb");
    CHECK(m.offering_id == "lambda");
    CHECK(m.value == 512);
    // at 512 MB Lambda costs 2 + 8.333 = 10.33: the VM is cheapest, Lambda wins below 344 MB
    CHECK(a.cheapest_id == "vm");
    CHECK_FALSE(m.up.found);
    REQUIRE(m.down.found);
    CHECK(m.down.value == 343);
    CHECK(m.down.cheapest_past == "lambda");
}

TEST_CASE("Response size: the OCI fleet wins once responses pass 454.96 KiB") {
    // 1M requests x 100 ms on Lambda 128 MB: 0.20 + 1M x 0.125 GB x 0.1 s x 0.0000166667 = 0.40833375.
    // Each KiB of response: 1M x 1,024 / 2^30 = 0.95367431640625 GB out: Lambda + $0.0858306884765625,
    // OCI + $0.008106231689453125; OCI fleet = 730 x 0.049 = 35.77.
    // k* = (35.77 - 0.40833375) / (0.0858306884765625 - 0.008106231689453125) KiB.
    const double k_star = (35.77 - 0.40833375) / (0.0858306884765625 - 0.008106231689453125);
    const std::vector<Offering> offerings{
        {"lambda", LambdaConfig{.memory_mb = 128, .free_tier = false}},
        {"oci",
         VmFleetConfig{
             .provider = "oci", .instance = "VM.Standard.E4.Flex-1ocpu-16gb", .count = 1, .free_tier = false}},
    };
    const Workload w{.requests_per_month = 1e6, .duration_ms = 100, .response_kb = 10};
    const FlipAnalysis a = flip_analysis(w, offerings, Catalog::builtin());
    CHECK(a.rival_cost == doctest::Approx(35.77 + 10 * 0.008106231689453125).epsilon(1e-12));
    const InputFlip& r = flip_of(a, "response_kb");
    REQUIRE(r.up.found);
    CHECK(r.up.value == doctest::Approx(k_star).epsilon(1e-11));
    CHECK(r.up.method == FlipPoint::Method::exact);
    CHECK(r.up.cheapest_past == "oci");
    CHECK_FALSE(r.down.found);
    // internet share at 10 KiB: Lambda 0.40833 + 0.858307 p, OCI 35.77 + 0.0810623 p (p in 0..1): never equal
    CHECK_FALSE(flip_of(a, "internet_percent").down.found);
    CHECK_FALSE(flip_of(a, "internet_percent").up.found);
}

TEST_CASE("Traffic: the break-even point, exact") {
    // Lambda 512 MB x 100 ms, free tier off, s = 1.033335e-6 $/request: R* = 7.592 / s requests a
    // month = 2.7957 requests/s; from 1 rps the VM takes over above it.
    const double rps_star = 7.592 / (0.0000002 + 0.5 * 0.1 * 0.0000166667) / 2628000.0;
    const FlipAnalysis a =
        flip_analysis(Workload{.requests_per_month = 2628000.0, .duration_ms = 100}, lambda_vs_t3, Catalog::builtin());
    const InputFlip& t = flip_of(a, "requests_per_second");
    CHECK(t.value == doctest::Approx(1.0).epsilon(1e-15));
    REQUIRE(t.up.found);
    CHECK(t.up.value == doctest::Approx(rps_star).epsilon(1e-9));
    CHECK(t.up.cheapest_past == "vm");
    CHECK_FALSE(t.down.found);
}

TEST_CASE("Tornado: each input x0.5 and x2, widest swing first; skipped inputs say why") {
    const Workload w{.requests_per_month = 2628000.0, .duration_ms = 100};
    const FlipAnalysis a = flip_analysis(w, lambda_vs_t3, Catalog::builtin());
    REQUIRE(!a.tornado.empty());
    for (std::size_t i = 1; i < a.tornado.size(); ++i) CHECK(a.tornado[i - 1].swing >= a.tornado[i].swing);
    const auto bar =
        std::find_if(a.tornado.begin(), a.tornado.end(), [](const TornadoBar& b) { return b.input == "duration_ms"; });
    REQUIRE(bar != a.tornado.end());
    // 1 rps = 2,628,000 requests: Lambda at 50 ms = 0.5256 + 2,628,000 x 0.5 x 0.05 x 0.0000166667,
    // at 200 ms the same with 0.2 s; the VM stays 7.592.
    const double lam50 = 0.5256 + 2628000 * 0.5 * 0.05 * 0.0000166667;
    const double lam200 = 0.5256 + 2628000 * 0.5 * 0.2 * 0.0000166667;
    CHECK(bar->low_value == 50);
    CHECK(bar->high_value == 200);
    CHECK(bar->cheapest_cost_low == doctest::Approx(lam50).epsilon(1e-12));
    CHECK(bar->difference_high == doctest::Approx(7.592 - lam200).epsilon(1e-12));
    CHECK(bar->swing == doctest::Approx(lam200 - lam50).epsilon(1e-12));
    auto skipped = [&](const std::string& input) {
        return std::any_of(a.skipped.begin(), a.skipped.end(), [&](const SkippedInput& s) { return s.input == input; });
    };
    CHECK(skipped("jpy_per_usd"));
    CHECK(skipped("capacity_rps"));
    CHECK_FALSE(skipped("memory_mb"));
}

TEST_CASE("Flip options are bounded") {
    auto field = [](FlipOptions o) {
        try {
            (void)flip_analysis(Workload{.requests_per_month = 1e6}, lambda_vs_t3, Catalog::builtin(), {}, {}, o);
        } catch (const InvalidInput& e) {
            return e.field();
        }
        return std::string("(valid)");
    };
    CHECK(field({.low_factor = 1.0}) == "flip.low_factor");
    CHECK(field({.high_factor = 1.0}) == "flip.high_factor");
    CHECK(field({.high_factor = 2000}) == "flip.high_factor");
    CHECK(field({.low_factor = 0.25, .high_factor = 4}) == "(valid)");
}

namespace {

/// 4 hourly intervals at 10, 50, 200 and 20 rps (tests/unit/offerings/fleet_scaling.cpp's): a
/// month is 2,628,000 s / 14,400 s = 182.5 such periods.
Workload four_hours() {
    TrafficProfile p;
    p.interval_s = 3600.0;
    for (const double rps : {10.0, 50.0, 200.0, 20.0}) p.requests.push_back(rps * 3600.0);
    return Workload{.duration_ms = 50}.with_traffic(p);
}

VmFleetConfig autoscaled_t3_medium(double capacity_rps) {
    VmFleetConfig c{.instance = "t3.medium", .public_ipv4 = false};
    c.capacity_rps = capacity_rps;
    c.target_utilization = 0.5;
    c.scaling = FleetScaling{.mode = ScalingMode::autoscale};  // default delays: 300 s out, 900 s in
    return c;
}

}  // namespace

TEST_CASE("Under a profile: an autoscaled fleet's capacity flip, bisected to 1e-6 on the simulation") {
    // t3.medium $0.0416/h. One instance is sized at x = capacity_rps x 0.5; hour i wants
    // d_i = ceil(rate_i / x). With the 900 s scale-in delay each hour's first 0.25 h runs
    // max(d_prev, d_i) (the period repeats: hour 1 follows hour 4), so instance-hours a period are
    // [0.25 d4 + 0.75 d1] + d2 + d3 + [0.25 d3 + 0.75 d4] = 0.75 d1 + d2 + 1.25 d3 + d4
    // (rates 10 <= 20, 10 <= 50, 50 <= 200, 200 >= 20). At capacity 120: x = 60, d = 1, 1, 4, 1:
    // 7.75 h x 182.5 x 0.0416 = $58.838. The rival, 2 fixed t3.medium: 2 x 730 x 0.0416 = $60.736
    // (8 h a period). Below capacity 100 (x < 50): d = 1, 2, 5, 1 = 10 h a period, $75.92: the
    // fixed fleet is cheaper. At exactly 100 the sizing's (1 - 1e-12) keeps d3 = 4: the flip is
    // just below 100. More capacity only shrinks the autoscaled fleet: no flip up.
    const std::vector<Offering> offerings{
        {"auto", autoscaled_t3_medium(120)},
        {"fixed", VmFleetConfig{.instance = "t3.medium", .count = 2, .public_ipv4 = false}},
    };
    const FlipAnalysis a = flip_analysis(four_hours(), offerings, Catalog::builtin());
    CHECK(a.cheapest_id == "auto");
    CHECK(a.cheapest_cost == doctest::Approx(7.75 * 182.5 * 0.0416).epsilon(1e-12));
    CHECK(a.rival_cost == doctest::Approx(2 * 730 * 0.0416).epsilon(1e-12));
    const InputFlip& c = flip_of(a, "offerings[0].capacity_rps");
    CHECK(c.value == 120);
    REQUIRE(c.down.found);
    CHECK(c.down.method == FlipPoint::Method::bisection);
    CHECK(c.down.tolerance == 1e-6);
    // the first value found past the flip: below 100, within the tolerance of it
    CHECK(c.down.value < 100);
    CHECK(c.down.value >= 100 * (1 - 1e-6));
    CHECK(c.down.cheapest_past == "fixed");
    CHECK_FALSE(c.up.found);
    CHECK(a.not_searched.empty());
    CHECK(a.evaluations > 0);
}
