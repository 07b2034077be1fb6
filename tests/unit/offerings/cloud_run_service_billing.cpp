// Cloud Run services, instance-based billing (us-central1 and asia-northeast1, both Tier 1):
// $0.000018 per vCPU-second and $0.000002 per GiB-second while an instance is up, no request fee;
// free tier 240,000 vCPU-s and 450,000 GiB-s a month. Instances =
// max(min_instances, ceil(peak rps x duration_s / (concurrency x target_utilization))), each up
// 730 h = 2,628,000 s. One instance-month of 1 vCPU and 512 MiB: 2,628,000 vCPU-s and
// 0.5 x 2,628,000 = 1,314,000 GiB-s.
#include <costsim/compare.hpp>
#include <costsim/costsim.hpp>
#include <costsim/curves.hpp>
#include <doctest/doctest.h>

#include "../support.hpp"

using namespace costsim;

namespace {
Bill run(Workload w, CloudRunServiceConfig c) { return price(w, Offering{"", std::move(c)}, Catalog::builtin()); }
double convention(const Bill& b, std::string_view name) {
    const auto* c = b.convention(name);
    REQUIRE(c != nullptr);
    return c->value;
}
bool has_flag(const Bill& b, std::string_view name) {
    for (const auto& f : b.flags)
        if (f.code == name) return true;
    return false;
}
}  // namespace

TEST_CASE("Cloud Run service: the issue's check, 1 instance of 1 vCPU and 512 MiB all month, free tier on") {
    // (2,628,000 - 240,000) x 0.000018 = 2,388,000 x 0.000018 = $42.984
    // (1,314,000 - 450,000) x 0.000002 =   864,000 x 0.000002 =  $1.728; total $44.712
    const Bill b = run({}, {.min_instances = 1});
    CHECK(b.total == doctest::Approx(44.712).epsilon(1e-12));
    CHECK(test::cost_of(b, "CPU") == doctest::Approx(42.984).epsilon(1e-12));
    CHECK(test::cost_of(b, "Memory") == doctest::Approx(1.728).epsilon(1e-12));
    CHECK(test::quantity_of(b, "CPU, free tier") == 240000.0);
    CHECK(test::quantity_of(b, "CPU") == doctest::Approx(2388000.0).epsilon(1e-12));
    CHECK(test::quantity_of(b, "Memory, free tier") == 450000.0);
    CHECK(test::quantity_of(b, "Memory") == doctest::Approx(864000.0).epsilon(1e-12));
    CHECK(test::find_line(b, "Requests") == nullptr);  // no request fee
    CHECK(convention(b, "instances") == 1.0);
    test::check_invariants(b);

    // The same single instance sized from light traffic with min_instances 0: 1,000,000 requests of
    // 100 ms are 1,000,000 / 2,628,000 = 0.38 rps, 0.038 in flight; / (80 x 0.6 = 48) -> ceil = 1.
    const Bill light = run({.requests_per_month = 1e6, .duration_ms = 100}, {});
    CHECK(convention(light, "instances") == 1.0);
    CHECK(light.total == doctest::Approx(44.712).epsilon(1e-12));
}

TEST_CASE("Cloud Run service: the same instance without the free tier") {
    // 2,628,000 x 0.000018 = $47.304; 1,314,000 x 0.000002 = $2.628; total $49.932
    const Bill b = run({}, {.min_instances = 1, .free_tier = false});
    CHECK(b.total == doctest::Approx(49.932).epsilon(1e-12));
    CHECK(test::find_line(b, "CPU, free tier") == nullptr);
    CHECK(convention(b, "free_tier_applied") == 0.0);
    test::check_invariants(b);
}

TEST_CASE("Cloud Run service: a fleet sized from the requests in flight (Little's law)") {
    // 100 rps x 0.2 s = 20 in flight; concurrency 8 at 60 %: 20 / (8 x 0.6 = 4.8) = 4.17 -> 5 instances.
    // 100 rps = 100 x 2,628,000 = 262,800,000 requests a month.
    // CPU 5 x 2,628,000 = 13,140,000 - 240,000 = 12,900,000 x 0.000018 = $232.20
    // Memory 5 x 1,314,000 = 6,570,000 - 450,000 = 6,120,000 x 0.000002 = $12.24; total $244.44
    const Workload w{.requests_per_month = 262800000, .duration_ms = 200};
    const Bill b = run(w, {.concurrency = 8});
    CHECK(convention(b, "instances") == 5.0);
    CHECK(convention(b, "capacity_rps") == doctest::Approx(40.0).epsilon(1e-12));  // 8 / 0.2 s
    CHECK(convention(b, "peak_requests_in_flight") == doctest::Approx(20.0).epsilon(1e-12));
    // utilisation at peak: 20 in flight / (5 x 8) = 0.5
    CHECK(convention(b, "utilization_at_peak") == doctest::Approx(0.5).epsilon(1e-12));
    CHECK(b.total == doctest::Approx(244.44).epsilon(1e-12));
    test::check_invariants(b);

    // Sized for the peak: peak_to_mean 2 -> 200 rps x 0.2 s = 40 in flight / 4.8 = 8.33 -> 9 instances.
    // CPU 9 x 2,628,000 = 23,652,000 - 240,000 = 23,412,000 x 0.000018 = $421.416
    // Memory 9 x 1,314,000 = 11,826,000 - 450,000 = 11,376,000 x 0.000002 = $22.752; total $444.168
    Workload peaky = w;
    peaky.peak_to_mean = 2;
    const Bill p = run(peaky, {.concurrency = 8});
    CHECK(convention(p, "instances") == 9.0);
    CHECK(p.total == doctest::Approx(444.168).epsilon(1e-12));

    // Target utilisation 0.95 (Google's highest): 20 / (8 x 0.95 = 7.6) = 2.63 -> 3 instances.
    // CPU 3 x 2,628,000 = 7,884,000 - 240,000 = 7,644,000 x 0.000018 = $137.592
    // Memory 3 x 1,314,000 = 3,942,000 - 450,000 = 3,492,000 x 0.000002 = $6.984; total $144.576
    const Bill tight = run(w, {.concurrency = 8, .target_utilization = 0.95});
    CHECK(convention(tight, "instances") == 3.0);
    CHECK(tight.total == doctest::Approx(144.576).epsilon(1e-12));
}

TEST_CASE("Cloud Run service: min instances are billed whole at zero traffic, and the fleet grows past them") {
    // 3 instances of 2 vCPU and 2 GiB at zero traffic:
    // CPU 3 x 2 x 2,628,000 = 15,768,000 - 240,000 = 15,528,000 x 0.000018 = $279.504
    // Memory 3 x 2 x 2,628,000 = 15,768,000 - 450,000 = 15,318,000 x 0.000002 = $30.636; total $310.14
    const CloudRunServiceConfig c{.vcpu = 2, .memory_mb = 2048, .concurrency = 8, .min_instances = 3};
    const Bill idle = run({}, c);
    CHECK(convention(idle, "instances") == 3.0);
    CHECK(idle.total == doctest::Approx(310.14).epsilon(1e-12));
    CHECK(idle.convention("min_instances_rate") != nullptr);

    // 100 rps x 0.2 s needs 5 (above): min 3 no longer binds.
    // CPU 5 x 2 x 2,628,000 = 26,280,000 - 240,000 = 26,040,000 x 0.000018 = $468.72
    // Memory 5 x 2 x 2,628,000 = 26,280,000 - 450,000 = 25,830,000 x 0.000002 = $51.66; total $520.38
    const Bill busy = run({.requests_per_month = 262800000, .duration_ms = 200}, c);
    CHECK(convention(busy, "instances") == 5.0);
    CHECK(busy.total == doctest::Approx(520.38).epsilon(1e-12));
}

TEST_CASE("Cloud Run service: scales to zero at zero traffic with min_instances 0") {
    const Bill b = run({}, {});
    CHECK(b.total == 0.0);
    CHECK(convention(b, "instances") == 0.0);
    CHECK(b.convention("utilization_at_peak") == nullptr);  // no instance to be utilised
    CHECK(b.convention("scale_to_zero") != nullptr);
    // Any traffic at all keeps one instance up all month: 1 request -> the $44.712 of one instance.
    CHECK(run({.requests_per_month = 1}, {}).total == doctest::Approx(44.712).epsilon(1e-12));
}

TEST_CASE("Cloud Run service: Tokyo is Tier 1, priced as Iowa") {
    // asia-northeast1, same check: $44.712
    const Bill b = run({}, {.region = "asia-northeast1", .min_instances = 1});
    CHECK(b.total == doctest::Approx(44.712).epsilon(1e-12));
    CHECK(b.region == "asia-northeast1");
    CHECK(test::find_line(b, "CPU")->price_id == "gcp.cloud_run_service.asia-northeast1.vcpu_seconds");
    CHECK(b.convention("free_tier_valuation") == nullptr);  // Tier 1: the free units are not revalued

    // 1 instance of 2 vCPU and 4 GiB, no free tier:
    // CPU 2 x 2,628,000 = 5,256,000 x 0.000018 = $94.608; Memory 4 x 2,628,000 = 10,512,000 x 0.000002 = $21.024
    // total $115.632
    const Bill big =
        run({}, {.region = "asia-northeast1", .vcpu = 2, .memory_mb = 4096, .min_instances = 1, .free_tier = false});
    CHECK(big.total == doctest::Approx(115.632).epsilon(1e-12));
}

TEST_CASE("Cloud Run service: the CPU driver sizes the fleet when it binds before concurrency") {
    // 10 rps of 200 ms, 500 ms of CPU each, 1 vCPU. Concurrency: 80 / 0.2 s = 400 rps an instance;
    // CPU: 1 x 1,000 / 500 = 2 rps an instance, the smaller. 10 / (2 x 0.6) = 8.33 -> 9 instances
    // (by concurrency alone: 10 x 0.2 = 2 in flight / 48 -> 1).
    // No free tier: 9 x $47.304 = $425.736 + 9 x $2.628 = $23.652; total $449.388
    const Workload w{.requests_per_month = 26280000, .duration_ms = 200, .cpu_ms_per_request = 500};
    const Bill b = run(w, {.free_tier = false});
    CHECK(convention(b, "capacity_rps") == doctest::Approx(2.0).epsilon(1e-12));
    CHECK(convention(b, "instances") == 9.0);
    CHECK(b.total == doctest::Approx(449.388).epsilon(1e-12));
    // Without cpu_ms_per_request the concurrency driver alone: 1 instance, $49.932
    CHECK(run({.requests_per_month = 26280000, .duration_ms = 200}, {.free_tier = false}).total ==
          doctest::Approx(49.932).epsilon(1e-12));
}

TEST_CASE("Cloud Run service: max_instances below the peak's need is flagged, the need is billed") {
    // 5 instances needed (100 rps x 0.2 s, concurrency 8, 60 %), max 3: flagged, 5 billed ($244.44).
    const Workload w{.requests_per_month = 262800000, .duration_ms = 200};
    const Bill capped = run(w, {.concurrency = 8, .max_instances = 3});
    CHECK(has_flag(capped, "over_max_instances"));
    CHECK(convention(capped, "instances") == 5.0);
    CHECK(capped.total == doctest::Approx(244.44).epsilon(1e-12));
    CHECK_FALSE(has_flag(run(w, {.concurrency = 8, .max_instances = 5}), "over_max_instances"));
}

TEST_CASE("Cloud Run service: data transfer out at GCP rates after 1 GB free") {
    // one instance ($44.712) + 2,048,000 requests x 1 MiB = 2,000 GB; 1 free; 1,024 x 0.12 = 122.88;
    // 975 x 0.11 = 107.25 -> $230.13
    const Bill b = run({.requests_per_month = 2048000, .duration_ms = 100, .response_kb = 1024}, {});
    CHECK(test::cost_of(b, "Data transfer out") == doctest::Approx(230.13).epsilon(1e-12));
    CHECK(b.total == doctest::Approx(44.712 + 230.13).epsilon(1e-12));
}

TEST_CASE("Cloud Run service: the fleet's size is a FleetSize, and each step is an instance-month") {
    const Offering o{"", CloudRunServiceConfig{.concurrency = 8}};
    const Workload w{.requests_per_month = 262800000, .duration_ms = 200};
    const CostModel m = CostModel::build(w, o, Catalog::builtin());
    const auto size = m.fleet_size();
    REQUIRE(size.has_value());
    CHECK(size->instances == 5.0);
    CHECK_FALSE(size->fixed_count);
    CHECK_FALSE(size->runs_out());
    // One instance carries 8 / 0.2 s x 0.6 = 24 rps at peak, 24 x 2,628,000 = 63,072,000 requests a
    // month: 4 instances up to 252,288,000, the 5th just above. A step adds one instance-month with the
    // free tier used up: 2,628,000 x 0.000018 + 1,314,000 x 0.000002 = $49.932.
    CHECK(m.fleet_size(252288000 * 0.999)->instances == 4.0);
    CHECK(m.fleet_size(252288000 * 1.001)->instances == 5.0);
    CHECK(m.total(252288000 * 1.001) - m.total(252288000 * 0.999) == doctest::Approx(49.932).epsilon(1e-9));
}

TEST_CASE("Cloud Run service: break-even with request-based Cloud Run functions is exact") {
    // Request-based (free tier off, concurrency 1, 1 vCPU, 512 MiB, 100 ms): per request
    // 0.1 x 0.000024 + 0.05 x 0.0000025 + 0.0000004 = 0.0000024 + 0.000000125 + 0.0000004 = $0.000002925.
    // Instance-based, one min instance, free tier off: $49.932 until its first step at
    // 800 rps x 0.6 = 480 rps (1,261,440,000 a month). They cross at
    // R = 49.932 / 0.000002925 = 17,070,769.23 requests a month; beyond it request-based stays dearer
    // (a step adds $49.932, request-based adds 1,261,440,000 x 0.000002925 = $3,689.71 a step).
    const Workload w{.requests_per_month = 1e6, .duration_ms = 100};
    const std::vector<Offering> offerings = {
        {"functions", CloudRunConfig{.memory_mb = 512, .vcpu = 1.0, .free_tier = false}},
        {"service", CloudRunServiceConfig{.min_instances = 1, .free_tier = false}},
    };
    const Comparison c = compare(w, offerings, Catalog::builtin());
    REQUIRE(c.break_even.size() == 1);
    const BreakEven& p = c.break_even.front();
    CHECK(p.serverless_id == "functions");  // the usage-priced side of the pair
    CHECK(p.other_id == "service");
    CHECK(p.kind == BreakEven::Kind::crossing);
    CHECK(p.requests_per_month == doctest::Approx(49.932 / 0.000002925).epsilon(1e-12));
    CHECK(p.cost == doctest::Approx(49.932).epsilon(1e-12));
    CHECK(p.cheaper_below == "functions");
    CHECK(p.cheaper_above == "service");
    REQUIRE(c.results[1].fleet.has_value());
    CHECK(c.results[1].fleet->instances == 1.0);
}

TEST_CASE("Cloud Run service: billed per capacity, so no break-even pair with a VM fleet") {
    // Both are capacity-priced step functions; compare() pairs usage-priced offerings with others only.
    VmFleetConfig vm;
    vm.instance = "t3.micro";
    const std::vector<Offering> offerings = {{"service", CloudRunServiceConfig{.min_instances = 1}}, {"vm", vm}};
    const Comparison c = compare({.requests_per_month = 1e6}, offerings, Catalog::builtin());
    CHECK(c.break_even.empty());
    CHECK_FALSE(offerings[0].usage_priced());
}

TEST_CASE("Cloud Run service: cost curves equal the bills at every point, across the instance steps") {
    // 10 to 1,000 rps of 200 ms, concurrency 8: one instance per 24 rps at peak, so 1 to 42 instances.
    const Workload w{.requests_per_month = 262800000, .duration_ms = 200};
    const std::vector<Offering> offerings = {{"service", CloudRunServiceConfig{.concurrency = 8}}};
    const CurveGrid grid{.range = {10, 1000}, .points = 200, .log_spaced = false};
    const Curves curves = cost_curves(w, offerings, Catalog::builtin(), grid);
    const CostModel m = CostModel::build(w, offerings[0], Catalog::builtin());
    REQUIRE(curves.totals.size() == 1);
    for (Eigen::Index j = 0; j < curves.requests_per_month.size(); ++j)
        CHECK(curves.totals[0][j] == doctest::Approx(m.bill(curves.requests_per_month[j]).total).epsilon(1e-12));
    // at 1,000 rps: 1,000 / 24 = 41.7 -> 42 instances
    CHECK(m.fleet_size(1000 * 2628000.0)->instances == 42.0);
    REQUIRE(curves.fleets.size() == 1);
    CHECK(curves.fleets[0].instances == 5.0);  // at the workload's 100 rps
}
