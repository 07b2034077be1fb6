// Where a fixed fleet runs out: R_max = instances x capacity_rps x hours x 3,600 / peak_to_mean
// (above it the peak exceeds the fleet at 100 %), the fleet's size in comparisons and curves, and
// break-even points above that traffic marked beyond_capacity. t4g.small: 2 vCPUs, $0.0168 per hour.
#include <costsim/compare.hpp>
#include <costsim/costsim.hpp>
#include <costsim/curves.hpp>
#include <doctest/doctest.h>

using namespace costsim;

namespace {
CostModel model(VmFleetConfig c, Workload w) {
    return CostModel::build(w, Offering{"fleet", std::move(c)}, Catalog::builtin());
}
const VmFleetConfig kTwo{.provider = "aws", .instance = "t4g.small", .count = 2};
}  // namespace

TEST_CASE("Capacity: a fixed fleet runs out at instances x capacity") {
    // 2 vCPUs x 1,000 / 20 ms = 100 rps per instance; 2 instances carry 200 rps at 100 %:
    // 200 x 2,628,000 = 525,600,000 requests a month
    const auto size = model(kTwo, {.requests_per_month = 1e6, .cpu_ms_per_request = 20}).fleet_size();
    REQUIRE(size.has_value());
    CHECK(size->offering_id == "fleet");
    CHECK(size->instances == 2.0);
    CHECK(size->fixed_count);
    CHECK(size->capacity_rps == doctest::Approx(100.0).epsilon(1e-12));
    CHECK(size->runs_out());
    CHECK(size->runs_out_at_requests_per_month == doctest::Approx(525600000.0).epsilon(1e-12));
    CHECK(size->runs_out_at_requests_per_second == doctest::Approx(200.0).epsilon(1e-12));
    CHECK(size->load_balancer_azs == 0);
    CHECK(size->public_ipv4_addresses == 2.0);
    // peak_to_mean 4: the peak reaches 200 rps at a mean of 50 rps
    CHECK(model(kTwo, {.peak_to_mean = 4, .cpu_ms_per_request = 20}).fleet_size()->runs_out_at_requests_per_second ==
          doctest::Approx(50.0).epsilon(1e-12));
    // 365 hours a month: 2 x 100 x 365 x 3,600 = 262,800,000 requests = 100 rps over the month
    VmFleetConfig half = kTwo;
    half.hours_per_month = 365;
    CHECK(model(half, {.cpu_ms_per_request = 20}).fleet_size()->runs_out_at_requests_per_month ==
          doctest::Approx(262800000.0).epsilon(1e-12));
}

TEST_CASE("Capacity: a fixed count with a given capacity_rps is checked against it, not sized from it") {
    // 2 instances x 50 rps = 100 rps = 262,800,000 requests a month; at 150 rps still 2 instances
    VmFleetConfig c = kTwo;
    c.capacity_rps = 50.0;
    const CostModel m = model(c, {.requests_per_month = 150 * 2628000.0});
    CHECK(m.fleet_size()->instances == 2.0);
    CHECK(m.fleet_size()->runs_out_at_requests_per_second == doctest::Approx(100.0).epsilon(1e-12));
    const Bill b = m.bill();
    CHECK(b.convention("utilization_at_peak")->value == doctest::Approx(1.5).epsilon(1e-12));  // 150 / (2 x 50)
    bool over = false;
    for (const Flag& f : b.flags) over = over || f.code == "over_capacity";
    CHECK(over);
}

TEST_CASE("Capacity: sized fleets and unknown capacities do not run out; sizes and AZs are reported") {
    // no capacity_rps, no CPU time: the capacity is unknown
    const auto unknown = model(kTwo, {.requests_per_month = 1e6}).fleet_size();
    CHECK(unknown->capacity_rps == 0.0);
    CHECK_FALSE(unknown->runs_out());
    // sized from 100 rps at 50 rps per instance: 3 instances at 262,800,001 requests, grows with traffic
    const VmFleetConfig sized{.provider = "aws",
                              .instance = "t3.micro",
                              .capacity_rps = 100.0,
                              .target_utilization = 0.5,
                              .load_balancer = true,
                              .load_balancer_azs = 3};
    const auto s = model(sized, {.requests_per_month = 262800001}).fleet_size();
    CHECK(s->instances == 3.0);
    CHECK_FALSE(s->fixed_count);
    CHECK_FALSE(s->runs_out());
    CHECK(s->load_balancer_azs == 3);
    CHECK(s->public_ipv4_addresses == 3.0);  // the ALB's, one per AZ; the instances have none
    // at another traffic level: 10 rps -> 1 instance
    CHECK(model(sized, {}).fleet_size(26280000)->instances == 1.0);
    // not a fleet: no size
    CHECK_FALSE(CostModel::build({}, Offering{"l", LambdaConfig{}}, Catalog::builtin()).fleet_size().has_value());
}

TEST_CASE("Capacity: break-even points above a fixed fleet's capacity are marked") {
    // Lambda 512 MB x 100 ms, free tier off: 0.0000002 + 0.5 x 0.1 x 0.0000166667 = 0.000001033335 per
    // request. Fleet: 2 x 730 x 0.0168 = 24.528 + IPv4 2 x 730 x 0.005 = 7.30 -> 31.828 a month.
    // Crossing: R = 31.828 / 0.000001033335 = 30,801,240 requests = 11.72 rps.
    const Workload w{.requests_per_month = 1e6, .duration_ms = 100, .cpu_ms_per_request = 400};
    const std::vector<Offering> offerings{{"lambda", LambdaConfig{.memory_mb = 512, .free_tier = false}},
                                          {"fleet", kTwo}};
    // 400 ms of CPU: 2 x 1,000 / 400 = 5 rps per instance, the fleet runs out at 10 rps < 11.72
    const Comparison c = compare(w, offerings, Catalog::builtin(), {}, {0.0, 100.0});
    REQUIRE(c.break_even.size() == 1);
    CHECK(c.break_even[0].requests_per_month == doctest::Approx(31.828 / 0.000001033335).epsilon(1e-9));
    CHECK(c.break_even[0].beyond_capacity);
    REQUIRE(c.results[1].fleet.has_value());
    CHECK(c.results[1].fleet->instances == 2.0);
    CHECK(c.results[1].fleet->runs_out_at_requests_per_second == doctest::Approx(10.0).epsilon(1e-12));
    CHECK_FALSE(c.results[0].fleet.has_value());
    // 200 ms of CPU: 10 rps per instance, runs out at 20 rps > 11.72: the crossing is carried
    Workload lighter = w;
    lighter.cpu_ms_per_request = 200;
    const Comparison carried = compare(lighter, offerings, Catalog::builtin(), {}, {0.0, 100.0});
    REQUIRE(carried.break_even.size() == 1);
    CHECK_FALSE(carried.break_even[0].beyond_capacity);
}

TEST_CASE("Capacity: curves list every fleet with where it runs out") {
    const Workload w{.requests_per_month = 1e6, .cpu_ms_per_request = 400};
    const std::vector<Offering> offerings{{"lambda", LambdaConfig{}}, {"fleet", kTwo}};
    const Curves curves = cost_curves(w, offerings, Catalog::builtin(), CurveGrid{{1.0, 100.0}, 10, true});
    REQUIRE(curves.fleets.size() == 1);
    CHECK(curves.fleets[0].offering_id == "fleet");
    CHECK(curves.fleets[0].runs_out_at_requests_per_second == doctest::Approx(10.0).epsilon(1e-12));
}

TEST_CASE("Capacity: a fixed fleet whose given capacity is too small to keep its utilisation finite is refused") {
    // 1 instance x 1e-300 rps: utilisation at 1e13 requests a month would overflow; refused on capacity_rps
    VmFleetConfig c{.provider = "aws", .instance = "t3.micro", .count = 1, .capacity_rps = 1e-300};
    try {
        (void)model(c, {});
        FAIL("expected InvalidInput");
    } catch (const InvalidInput& e) {
        CHECK(e.field() == "capacity_rps");
    }
    // 0.001 rps x 730 h x 3,600 = 2,628 requests a month: utilisation at 1e13 is 3.8e9, finite and accepted
    c.capacity_rps = 0.001;
    CHECK(model(c, {}).fleet_size()->runs_out_at_requests_per_month == doctest::Approx(2628.0).epsilon(1e-12));
}

TEST_CASE("Capacity: parameter sweeps list every fleet once, whatever the durations and memories") {
    // 2 x t4g.small at 400 ms of CPU: out at 10 rps; 2 durations x 2 memories still one fleet entry
    const Workload w{.requests_per_month = 1e6, .cpu_ms_per_request = 400};
    const std::vector<Offering> offerings{{"lambda", LambdaConfig{}}, {"fleet", kTwo}};
    const Sweep s = sweep(w, offerings, Catalog::builtin(), SweepGrid{{1.0, 20.0}, {100.0, 200.0}, {128, 256}});
    REQUIRE(s.fleets.size() == 1);
    CHECK(s.fleets[0].offering_id == "fleet");
    CHECK(s.fleets[0].runs_out_at_requests_per_second == doctest::Approx(10.0).epsilon(1e-12));
}
