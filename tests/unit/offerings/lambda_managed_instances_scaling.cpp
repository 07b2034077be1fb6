// Lambda Managed Instances under a traffic profile: the scaling group of VM fleets and Fargate
// (static, schedule, autoscale with delays), the management fee following the instance-hours,
// throttling when traffic outruns the asynchronous scaling (at risk), the vCPU bounds, and the
// invariant ideal <= delayed <= static. Design/pricing-model.md#lambda-managed-instances-under-a-traffic-profile.
// Prices (builtin catalog): m7g.large us-east-1 $0.0816/h (2 vCPUs), fee 15 % of On-Demand,
// requests $0.20 per million. One instance serves 2 vCPUs x 64 (Node.js) / 0.1 s = 1,280 rps at
// 100 %, 640 rps at the default target utilisation 0.5; the floor is 3 (wave2-facts 4.9).
#include "../support.hpp"

#include <costsim/costsim.hpp>
#include <costsim/json.hpp>
#include <costsim/traffic.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <string>
#include <vector>

using namespace costsim;
using test::find_line;

namespace {

const std::string kUsage = "Instance usage (m7g.large, on-demand)";
const std::string kFee = "Management fee (m7g.large, 15 % of On-Demand)";

/// An absolute profile of hourly intervals at `rps` requests a second each.
TrafficProfile hourly(std::vector<double> rps) {
    TrafficProfile p;
    p.interval_s = 3600.0;
    for (double r : rps) p.requests.push_back(r * 3600.0);
    return p;
}

Workload workload_with(const TrafficProfile& p) { return Workload{.duration_ms = 100}.with_traffic(p); }

LambdaManagedInstancesConfig managed(ScalingMode mode) {
    LambdaManagedInstancesConfig c;
    c.scaling.mode = mode;
    return c;
}

LambdaManagedInstancesConfig ideal() {
    LambdaManagedInstancesConfig c;
    c.scaling = {.mode = ScalingMode::autoscale, .scale_out_delay_s = 0, .scale_in_delay_s = 0};
    return c;
}

Bill bill_of(const Workload& w, const LambdaManagedInstancesConfig& c) { return price(w, {"", c}, Catalog::builtin()); }

double convention(const Bill& b, std::string_view name) {
    const Convention* c = b.convention(name);
    REQUIRE_MESSAGE(c != nullptr, "no convention " << name);
    return c->value;
}

bool has_flag(const Bill& b, std::string_view code) {
    for (const Flag& f : b.flags)
        if (f.code == code) return true;
    return false;
}

std::string build_error(const Workload& w, const LambdaManagedInstancesConfig& c) {
    try {
        (void)CostModel::build(w, {"", c}, Catalog::builtin(), "offering.");
    } catch (const InvalidInput& e) {
        return e.field();
    }
    return "(valid)";
}

// Four hours at 1,000, 2,000, 6,400 and 1,000 rps. A month is 2,628,000 / 14,400 = 182.5 periods.
// Requests a period: (1,000 + 2,000 + 6,400 + 1,000) x 3,600 = 37,440,000; a month 6,832,800,000,
// x $0.0000002 = $1,366.56 whatever the scaling.
const TrafficProfile kFourHours = hourly({1000, 2000, 6400, 1000});
constexpr double kRequestsCost = 6832800000.0 * 0.0000002;

}  // namespace

TEST_CASE("LMI scaling: ideal autoscale is max(3, ceil(rate / 640)) per hour: 3, 4, 10, 3") {
    // 1,000 / 640 = 1.56 -> 2, below the floor: 3; 2,000 / 640 = 3.125 -> 4; 6,400 / 640 = 10
    // exactly -> 10; 1,000 -> 3. 20 instance-hours a period x 182.5 = 3,650 instance-hours:
    // EC2 3,650 x $0.0816 = $297.84, fee 0.15 x 297.84 = $44.676.
    const Bill b = bill_of(workload_with(kFourHours), ideal());
    REQUIRE(find_line(b, kUsage) != nullptr);
    REQUIRE(find_line(b, kFee) != nullptr);
    CHECK(find_line(b, kUsage)->quantity == doctest::Approx(3650).epsilon(1e-12));
    CHECK(find_line(b, kUsage)->cost == doctest::Approx(297.84).epsilon(1e-12));
    CHECK(find_line(b, kFee)->quantity == doctest::Approx(3650).epsilon(1e-12));  // the fee follows them
    CHECK(find_line(b, kFee)->cost == doctest::Approx(44.676).epsilon(1e-12));
    CHECK(test::cost_of(b, "Requests") == doctest::Approx(kRequestsCost).epsilon(1e-12));
    CHECK(b.total == doctest::Approx(297.84 + 44.676 + kRequestsCost).epsilon(1e-12));
    // mean 20 / 4 = 5 instances, peak 10; nothing above 1,280 rps per serving instance
    CHECK(convention(b, "mean_instances") == doctest::Approx(5).epsilon(1e-12));
    CHECK(convention(b, "peak_instances") == 10);
    CHECK(convention(b, "instances") == 10);
    CHECK(convention(b, "intervals_at_risk") == 0);
    CHECK_FALSE(has_flag(b, "at_risk"));
    REQUIRE(b.series.size() == 1);
    CHECK(b.series[0].values == std::vector<double>{3, 4, 10, 3});
    // exact: a piecewise fleet, so break-even stays exact
    const CostModel m = CostModel::build(workload_with(kFourHours), {"", ideal()}, Catalog::builtin());
    CHECK(m.components()[0].shape == Component::Shape::fleet);
    CHECK(m.components()[1].shape == Component::Shape::fleet);
    test::check_invariants(b);
}

TEST_CASE("LMI scaling: with the default delays, tripling within 5 minutes is throttled (at risk)") {
    // scale_out 300 s, scale_in 900 s (wave2-facts 1.1 and 4.10). Launched = max desired over the
    // last 900 s: 3, 4, 10 all hour, then 10 for 900 s and 3 after: 3 + 4 + 10 + 10 x 0.25 +
    // 3 x 0.75 = 21.75 instance-hours a period x 182.5 = 3,969.375: EC2 x $0.0816 = $323.901,
    // fee x 0.15 = $48.58515. Mean 21.75 / 4 = 5.4375.
    // At 2,000 rps (double the hour before) the 3 serving instances carry 3 x 1,280 = 3,840: none
    // at risk. At 6,400 the 6 new instances serve from 300 s after launch; until then 4 x 1,280 =
    // 5,120 rps serve: 1,280 rps x 300 s = 384,000 requests a period, x 182.5 = 70,080,000 a
    // month at risk of throttling, in 1 interval of 4.
    const CostModel m =
        CostModel::build(workload_with(kFourHours), {"", managed(ScalingMode::autoscale)}, Catalog::builtin());
    CHECK(m.components()[0].shape == Component::Shape::simulated);
    CHECK(m.components()[1].shape == Component::Shape::simulated);
    CHECK(m.components()[0].curve == m.components()[1].curve);  // one simulation for both
    const Bill b = m.bill();
    CHECK(find_line(b, kUsage)->quantity == doctest::Approx(3969.375).epsilon(1e-12));
    CHECK(find_line(b, kUsage)->cost == doctest::Approx(323.901).epsilon(1e-12));
    CHECK(find_line(b, kFee)->quantity == doctest::Approx(3969.375).epsilon(1e-12));
    CHECK(find_line(b, kFee)->cost == doctest::Approx(48.58515).epsilon(1e-12));
    CHECK(convention(b, "mean_instances") == doctest::Approx(5.4375).epsilon(1e-12));
    CHECK(convention(b, "peak_instances") == 10);
    CHECK(convention(b, "intervals_at_risk") == 1);
    CHECK(convention(b, "requests_at_risk") == doctest::Approx(70080000).epsilon(1e-12));
    CHECK(has_flag(b, "at_risk"));
    CHECK(b.convention("lambda_scaling_rule") != nullptr);
    CHECK(b.series[0].values == std::vector<double>{3, 4, 10, 10});
}

TEST_CASE("LMI scaling: static is sized for the profile's peak all month, schedule per hour of week") {
    // static: 10 x 730 = 7,300 instance-hours: $595.68, fee $89.352 (as before scaling existed)
    const Bill s = bill_of(workload_with(kFourHours), managed(ScalingMode::static_size));
    CHECK(find_line(s, kUsage)->quantity == doctest::Approx(7300).epsilon(1e-12));
    CHECK(find_line(s, kFee)->cost == doctest::Approx(89.352).epsilon(1e-12));
    CHECK(convention(s, "mean_instances") == 10);
    CHECK(bill_of(workload_with(kFourHours), {}).total == doctest::Approx(s.total).epsilon(1e-15));
    // schedule, derived: hourly intervals, so each hour is sized for itself: the ideal 3,650
    const Bill h = bill_of(workload_with(kFourHours), managed(ScalingMode::schedule));
    CHECK(find_line(h, kUsage)->quantity == doctest::Approx(3650).epsilon(1e-12));
    // given: 5 every hour of the week carry 5 x 1,280 = 6,400 rps, exactly hour 2's: nothing at
    // risk. 4 leave 6,400 - 5,120 = 1,280 rps x 3,600 s = 4,608,000 requests a period at risk,
    // x 182.5 = 840,960,000 a month; 4 x 4 h x 182.5 = 2,920 instance-hours.
    LambdaManagedInstancesConfig given = managed(ScalingMode::schedule);
    given.scaling.instances.assign(168, 5.0);
    CHECK(convention(bill_of(workload_with(kFourHours), given), "intervals_at_risk") == 0);
    given.scaling.instances.assign(168, 4.0);
    const Bill g = bill_of(workload_with(kFourHours), given);
    CHECK(find_line(g, kUsage)->quantity == doctest::Approx(2920).epsilon(1e-12));
    CHECK(convention(g, "requests_at_risk") == doctest::Approx(840960000).epsilon(1e-12));
}

TEST_CASE("LMI scaling: max_instances caps the fleet; the excess is at risk of throttling") {
    // capped at 8: 3, 4, 8, 3 = 18 instance-hours a period x 182.5 = 3,285; hour 2 has
    // 6,400 - 8 x 1,280 = -3,840: still within 100 % capacity, so nothing at risk. Capped at 4:
    // 3, 4, 4, 3 = 14 x 182.5 = 2,555 h, and 6,400 - 5,120 = 1,280 rps x 3,600 x 182.5 =
    // 840,960,000 requests a month at risk.
    LambdaManagedInstancesConfig c = ideal();
    c.scaling.max_instances = 8;
    const Bill eight = bill_of(workload_with(kFourHours), c);
    CHECK(find_line(eight, kUsage)->quantity == doctest::Approx(3285).epsilon(1e-12));
    CHECK(convention(eight, "requests_at_risk") == 0);
    c.scaling.max_instances = 4;
    const Bill four = bill_of(workload_with(kFourHours), c);
    CHECK(find_line(four, kUsage)->quantity == doctest::Approx(2555).epsilon(1e-12));
    CHECK(convention(four, "requests_at_risk") == doctest::Approx(840960000).epsilon(1e-12));
    CHECK(has_flag(four, "at_risk"));
}

TEST_CASE("LMI scaling: ideal <= autoscaled with delays <= static, at every traffic level") {
    // A relative hourly week with a daily cosine and a per-minute day with bursts, scaled to R.
    TrafficProfile week;
    week.interval_s = 3600;
    week.absolute = false;
    for (int h = 0; h < 168; ++h) week.requests.push_back(1000 * (2 + std::cos((h % 24 - 14) * M_PI / 12)));
    TrafficProfile day;
    day.interval_s = 60;
    day.absolute = false;
    for (int m = 0; m < 1440; ++m) day.requests.push_back(m % 180 < 5 ? 6000 : 600);
    for (const TrafficProfile& p : {week, day}) {
        CAPTURE(p.interval_s);
        const Workload w = Workload{.requests_per_month = 1e9, .duration_ms = 100}.with_traffic(p);
        const CostModel lo = CostModel::build(w, {"", ideal()}, Catalog::builtin());
        const CostModel mid = CostModel::build(w, {"", managed(ScalingMode::autoscale)}, Catalog::builtin());
        const CostModel hi = CostModel::build(w, {"", managed(ScalingMode::static_size)}, Catalog::builtin());
        for (double r : {1e6, 1e8, 1e9, 2e10, 1e11}) {
            CAPTURE(r);
            CHECK(lo.total(r) <= mid.total(r) * (1 + 1e-12));
            CHECK(mid.total(r) <= hi.total(r) * (1 + 1e-12));
            // the fee is 15 % of the instances' On-Demand cost in every mode
            const Bill b = mid.bill(r);
            CHECK(find_line(b, kFee)->quantity == doctest::Approx(find_line(b, kUsage)->quantity).epsilon(1e-15));
        }
    }
}

TEST_CASE("LMI scaling: a fleet above 400 vCPUs is flagged (MaxVCpuCount's default), 15,000 refused") {
    // a 128,640 rps hour needs 128,640 / 640 = 201 m7g.large = 402 vCPUs > 400
    const Bill big = bill_of(workload_with(hourly({1000, 128640})), ideal());
    CHECK(convention(big, "peak_instances") == 201);
    CHECK(has_flag(big, "above_default_max_vcpu_count"));
    CHECK_FALSE(has_flag(bill_of(workload_with(kFourHours), ideal()), "above_default_max_vcpu_count"));
    // scaling.max_instances x 2 vCPUs at most 15,000: 7,500 is fine, 7,501 not
    LambdaManagedInstancesConfig c = ideal();
    c.scaling.max_instances = 7500;
    CHECK(build_error(workload_with(kFourHours), c) == "(valid)");
    c.scaling.max_instances = 7501;
    CHECK(build_error(workload_with(kFourHours), c) == "offering.scaling.max_instances");
}

TEST_CASE("LMI scaling: what cannot scale is refused, naming the field") {
    // autoscale needs a profile; max below the floor of 3; 730 h under a profile
    CHECK(build_error(Workload{.requests_per_month = 1e6, .duration_ms = 100}, managed(ScalingMode::autoscale)) ==
          "offering.scaling.mode");
    LambdaManagedInstancesConfig c = ideal();
    c.scaling.max_instances = 2;
    CHECK(build_error(workload_with(kFourHours), c) == "offering.scaling.max_instances");
    c = ideal();
    c.hours_per_month = 500;
    CHECK(build_error(workload_with(kFourHours), c) == "offering.hours_per_month");
    c = managed(ScalingMode::static_size);
    c.scaling.instances.assign(168, 3.0);
    CHECK(build_error(workload_with(kFourHours), c) == "offering.scaling.instances");
}

TEST_CASE("LMI scaling: the scenario reader and writer carry the scaling group") {
    const Scenario s = parse_scenario(
        R"({"workload":{"requests_per_month":1000000,"duration_ms":100},
            "offerings":[{"kind":"lambda_managed_instances","scaling":{"mode":"autoscale","max_instances":50,
                          "scale_out_delay_s":120,"scale_in_delay_s":600}}]})",
        ScenarioShape::many_offerings);
    const auto& c = std::get<LambdaManagedInstancesConfig>(s.offerings[0].config);
    CHECK(c.scaling.mode == ScalingMode::autoscale);
    CHECK(c.scaling.max_instances == 50);
    CHECK(c.scaling.scale_out_delay_s == 120);
    CHECK(c.scaling.scale_in_delay_s == 600);
    const auto j = nlohmann::json::parse(to_json(s));
    CHECK(j["offerings"][0]["scaling"]["mode"] == "autoscale");
    CHECK(j["offerings"][0]["scaling"]["max_instances"] == 50);
    try {
        (void)parse_scenario(R"({"workload":{"requests_per_month":1,"duration_ms":1},
                                 "offering":{"kind":"lambda_managed_instances","scaling":{"mode":"sometimes"}}})",
                             ScenarioShape::one_offering);
        FAIL("expected InvalidInput");
    } catch (const InvalidInput& e) {
        CHECK(e.field() == "offering.scaling.mode");
    }
}
