// Capacity-billed fleets under a traffic profile (Design/pricing-model.md#fleets-under-a-traffic-profile):
// static, schedule (derived and given) and autoscale (ideal and with delays), their instance-hours,
// the blocks that follow them, the at-risk figures, the 60 s minimum and the invariants. Worked
// examples by hand from the catalog: t3.medium us-east-1 $0.0416/h, public IPv4 $0.005/h
// (aws.vpc.global.public_ipv4), Fargate x86_64 $0.04048 per vCPU-hour, $0.004445 per GB-hour.
#include "../support.hpp"

#include <costsim/catalog.hpp>
#include <costsim/cost_model.hpp>
#include <costsim/json.hpp>
#include <costsim/traffic.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <vector>

using namespace costsim;
using test::find_line;

namespace {

const Catalog& builtin() { return Catalog::builtin(); }

/// An absolute profile of hourly (or `interval_s`) intervals at `rps` requests a second each.
TrafficProfile profile_of(std::vector<double> rps, double interval_s = 3600.0) {
    TrafficProfile p;
    p.interval_s = interval_s;
    for (double r : rps) p.requests.push_back(r * interval_s);
    return p;
}

Workload workload_with(const TrafficProfile& p) { return Workload{.duration_ms = 50}.with_traffic(p); }

VmFleetConfig t3_medium(ScalingMode mode) {
    VmFleetConfig c;
    c.instance = "t3.medium";
    c.capacity_rps = 100;
    c.target_utilization = 0.5;
    c.scaling.mode = mode;
    return c;
}

const std::string kUsage = "Instance usage (t3.medium, on-demand)";
const std::string kIpv4 = "Public IPv4 addresses (one per instance)";

double usage_hours(const Bill& b) {
    const LineItem* item = find_line(b, kUsage);
    REQUIRE(item != nullptr);
    return item->quantity;
}

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

Bill bill_of(const Workload& w, const VmFleetConfig& c) { return price(w, {"", c}, builtin()); }

std::string build_error(const Workload& w, const OfferingConfig& c) {
    try {
        (void)CostModel::build(w, {"", c}, builtin(), "offering.");
    } catch (const InvalidInput& e) {
        return e.field();
    }
    return "(valid)";
}

// The issue's example: 4 hourly intervals at 10, 50, 200 and 20 rps; one instance carries
// 100 rps x 0.5 = 50 rps. A month is 2,628,000 s / 14,400 s = 182.5 such periods.
const TrafficProfile kFourHours = profile_of({10, 50, 200, 20});

}  // namespace

TEST_CASE("fleet scaling: ideal autoscale is max(min, ceil(rate / 50)) per interval: 1, 1, 4, 1") {
    // 7 instance-hours per 4-hour period x 182.5 = 1,277.5 instance-hours x $0.0416 = $53.144.
    VmFleetConfig c = t3_medium(ScalingMode::autoscale);
    c.scaling.scale_in_delay_s = 0;
    c.scaling.scale_out_delay_s = 0;
    const Workload w = workload_with(kFourHours);
    const CostModel model = CostModel::build(w, {"", c}, builtin());
    CHECK(model.components().front().shape == Component::Shape::fleet);  // exact segments
    // Distinct sizings: 10, 50, 200 and 20 rps each their own segment of 182.5 h.
    CHECK(model.components().front().segments.size() == 4);
    const Bill b = model.bill();
    CHECK(usage_hours(b) == doctest::Approx(1277.5).epsilon(1e-12));
    CHECK(find_line(b, kUsage)->cost == doctest::Approx(53.144).epsilon(1e-12));
    // The public IPv4 addresses follow the same instance-hours: 1,277.5 x $0.005 = $6.3875.
    CHECK(find_line(b, kIpv4)->quantity == doctest::Approx(1277.5).epsilon(1e-12));
    CHECK(find_line(b, kIpv4)->cost == doctest::Approx(6.3875).epsilon(1e-12));
    // Mean 7 / 4 = 1.75 instances, peak 4; no interval above 100 rps per serving instance.
    CHECK(convention(b, "mean_instances") == doctest::Approx(1.75).epsilon(1e-12));
    CHECK(convention(b, "peak_instances") == 4);
    CHECK(convention(b, "instances") == 4);
    CHECK(convention(b, "intervals_at_risk") == 0);
    CHECK_FALSE(has_flag(b, "at_risk"));
    REQUIRE(b.series.size() == 1);
    CHECK(b.series[0].name == "instances");
    CHECK(b.series[0].interval_s == 3600);
    CHECK(b.series[0].values == std::vector<double>{1, 1, 4, 1});
    CHECK(model.fleet_size()->instances == 4);

    // With the default delays (300 s out, 900 s in) the 4 instances of the 200 rps hour stay 900 s
    // into the next: + 3 x 0.25 h = 7.75 instance-hours a period x 182.5 = 1,414.375; the 3 new ones
    // serve from 300 s after their launch: 200 - 1 x 100 = 100 rps over 300 s = 30,000 requests at
    // risk a period, x 182.5 = 5,475,000 a month, in 1 interval of 4.
    c.scaling = FleetScaling{.mode = ScalingMode::autoscale};
    const CostModel delayed = CostModel::build(w, {"", c}, builtin());
    CHECK(delayed.components().front().shape == Component::Shape::simulated);
    const Bill d = delayed.bill();
    CHECK(usage_hours(d) == doctest::Approx(1414.375).epsilon(1e-12));
    CHECK(find_line(d, kIpv4)->quantity == doctest::Approx(1414.375).epsilon(1e-12));
    CHECK(convention(d, "intervals_at_risk") == 1);
    CHECK(convention(d, "requests_at_risk") == doctest::Approx(5475000).epsilon(1e-12));
    CHECK(has_flag(d, "at_risk"));
    // running, max per interval: the 20 rps hour keeps the 4 for its first 900 s
    CHECK(d.series[0].values == std::vector<double>{1, 1, 4, 4});
}

TEST_CASE("fleet scaling: static under a profile is sized for its peak interval all month") {
    // peak 200 rps / 50 = 4 instances x 730 h = 2,920 instance-hours x $0.0416 = $121.472.
    const Bill b = bill_of(workload_with(kFourHours), t3_medium(ScalingMode::static_size));
    CHECK(usage_hours(b) == doctest::Approx(2920).epsilon(1e-12));
    CHECK(find_line(b, kUsage)->cost == doctest::Approx(121.472).epsilon(1e-12));
    CHECK(convention(b, "instances") == 4);
    CHECK(convention(b, "mean_instances") == 4);
    // peak_to_mean from the profile: 200 rps / (1,008,000 / 14,400 = 70 rps) = 2.857...
    CHECK(convention(b, "peak_to_mean") == doctest::Approx(200.0 / 70.0).epsilon(1e-12));
    CHECK(convention(b, "peak_rps") == doctest::Approx(200).epsilon(1e-12));

    // Without a profile, static is what it always was: the scalar peak_to_mean, one segment.
    VmFleetConfig plain = t3_medium(ScalingMode::static_size);
    const Workload flat{.requests_per_month = Workload::monthly_from_per_second(70), .peak_to_mean = 200.0 / 70.0};
    const Bill old = bill_of(flat, plain);
    CHECK(usage_hours(old) == doctest::Approx(2920).epsilon(1e-12));
    CHECK(old.series.empty());
    CHECK(old.convention("mean_instances") == nullptr);
}

TEST_CASE("fleet scaling: a derived schedule sizes each hour of week for its peak interval") {
    // Half-hour intervals 10, 50 | 200, 20 rps: hour 0 peaks at 50 (1 instance), hour 1 at 200 (4).
    // Counts 1, 1, 4, 4 x 0.5 h = 5 instance-hours per 2 h; a month is 2,628,000 / 7,200 = 365
    // periods: 1,825 instance-hours (ideal: 1, 1, 4, 1 x 0.5 h = 3.5 x 365 = 1,277.5).
    const Workload w = workload_with(profile_of({10, 50, 200, 20}, 1800));
    const Bill b = bill_of(w, t3_medium(ScalingMode::schedule));
    CHECK(usage_hours(b) == doctest::Approx(1825).epsilon(1e-12));
    CHECK(b.series[0].values == std::vector<double>{1, 1, 4, 4});
    // Hourly intervals: the schedule is the ideal fleet.
    CHECK(usage_hours(bill_of(workload_with(kFourHours), t3_medium(ScalingMode::schedule))) ==
          doctest::Approx(1277.5).epsilon(1e-12));
}

TEST_CASE("fleet scaling: a given schedule runs its 168 counts, with or without a profile") {
    // 2 instances every hour, 5 on weekdays 09:00-17:00 (40 hours): 128 x 2 + 40 x 5 = 456
    // instance-hours a week x 730 / 168 = 1,981.428571... a month x $0.0416 = $82.42742857...
    VmFleetConfig c = t3_medium(ScalingMode::schedule);
    c.scaling.instances.assign(168, 2.0);
    for (int day = 0; day < 5; ++day)
        for (int hour = 9; hour < 17; ++hour) c.scaling.instances[std::size_t(day * 24 + hour)] = 5.0;
    const Bill b = bill_of(Workload{.duration_ms = 50}, c);
    CHECK(usage_hours(b) == doctest::Approx(456.0 * 730.0 / 168.0).epsilon(1e-12));
    CHECK(find_line(b, kUsage)->cost == doctest::Approx(456.0 * 730.0 / 168.0 * 0.0416).epsilon(1e-12));
    CHECK(convention(b, "peak_instances") == 5);
    CHECK(b.series[0].values.size() == 168);

    // Under the 4-hour profile (hours 0-3 of Monday) one instance each hour: 4 x 182.5 = 730 h;
    // the 200 rps hour is above 1 x 100 rps: 100 rps x 3,600 s = 360,000 requests a period at risk,
    // x 182.5 = 65,700,000 a month.
    c.scaling.instances.assign(168, 1.0);
    const Bill r = bill_of(workload_with(kFourHours), c);
    CHECK(usage_hours(r) == doctest::Approx(730).epsilon(1e-12));
    CHECK(convention(r, "intervals_at_risk") == 1);
    CHECK(convention(r, "requests_at_risk") == doctest::Approx(65700000).epsilon(1e-12));
    CHECK(has_flag(r, "at_risk"));
}

TEST_CASE("fleet scaling: max_instances caps the fleet; demand above it is at risk") {
    // Ideal counts capped at 1: 1, 1, 1, 1 = 730 instance-hours; the 200 rps hour is 100 rps over
    // 1 x 100: 360,000 requests a period x 182.5 = 65,700,000 a month at risk.
    VmFleetConfig c = t3_medium(ScalingMode::autoscale);
    c.scaling = {.mode = ScalingMode::autoscale, .max_instances = 1, .scale_out_delay_s = 0, .scale_in_delay_s = 0};
    const Bill b = bill_of(workload_with(kFourHours), c);
    CHECK(usage_hours(b) == doctest::Approx(730).epsilon(1e-12));
    CHECK(convention(b, "requests_at_risk") == doctest::Approx(65700000).epsilon(1e-12));
    CHECK(convention(b, "max_instances") == 1);
    // Static is capped too: 1 instance, not 4.
    c.scaling.mode = ScalingMode::static_size;
    CHECK(usage_hours(bill_of(workload_with(kFourHours), c)) == doctest::Approx(730).epsilon(1e-12));
}

TEST_CASE("fleet scaling: a step in load with delays (wave2-facts 1.5)") {
    // capacity 200 rps at 100 %, target 50 %: 100 rps an instance. Two hours: 200 rps (2), 600 rps (6).
    // scale_in 900 s: the 6 stay 900 s into the 200 rps hour: 6 x 0.25 + 2 x 0.75 + 6 x 1 = 9
    // instance-hours per 2 h x 365 = 3,285 (ideal 8 x 365 = 2,920; static 6 x 730 = 4,380).
    // scale_out 300 s: the 4 launched at the step serve 300 s later; until then 2 x 200 = 400 rps
    // serve 600: 200 rps x 300 s = 60,000 requests a period x 365 = 21,900,000 a month at risk.
    const Workload w = workload_with(profile_of({200, 600}));
    VmFleetConfig c = t3_medium(ScalingMode::autoscale);
    c.capacity_rps = 200;
    const Bill b = bill_of(w, c);
    CHECK(usage_hours(b) == doctest::Approx(3285).epsilon(1e-12));
    CHECK(convention(b, "mean_instances") == doctest::Approx(4.5).epsilon(1e-12));
    CHECK(convention(b, "peak_instances") == 6);
    CHECK(convention(b, "intervals_at_risk") == 1);
    CHECK(convention(b, "requests_at_risk") == doctest::Approx(21900000).epsilon(1e-12));
    c.scaling.scale_in_delay_s = 0;
    c.scaling.scale_out_delay_s = 0;
    CHECK(usage_hours(bill_of(w, c)) == doctest::Approx(2920).epsilon(1e-12));
    c.scaling.mode = ScalingMode::static_size;
    CHECK(usage_hours(bill_of(w, c)) == doctest::Approx(4380).epsilon(1e-12));
}

TEST_CASE("fleet scaling: spikes across the simulation's chunks and the period's wrap each keep the window") {
    // A week of minutes (10,080 intervals: longer than the 4,096 intervals the simulation walks at a
    // time) at 50 rps (1 instance at 50 rps an instance), with 11 single minutes at 250 rps (5): at
    // 500, 1,500, ..., 9,500 and the last minute, 10,079, whose window runs into the next week.
    // scale_in 150 s = 2 intervals + 30 s: each spike keeps 4 more for 3 x 60 + 30 = 210 s (served
    // at once: scale_out 0), 840 instance-seconds. A week: 604,800 + 11 x 840 = 614,040 s; a month
    // is 2,628,000 / 604,800 weeks: 614,040 / 3,600 x 2,628,000 / 604,800 = 614,040 x 730 /
    // 604,800 = 741.1527... instance-hours; mean 614,040 / 604,800 = 1.015278 instances.
    std::vector<double> rps(10080, 50.0);
    for (std::size_t k = 500; k < rps.size(); k += 1000) rps[k] = 250;
    rps.back() = 250;
    VmFleetConfig c = t3_medium(ScalingMode::autoscale);
    c.scaling.scale_out_delay_s = 0;
    c.scaling.scale_in_delay_s = 150;
    const Bill b = bill_of(workload_with(profile_of(rps, 60)), c);
    CHECK(usage_hours(b) == doctest::Approx(614040.0 * 730 / 604800).epsilon(1e-12));
    CHECK(convention(b, "mean_instances") == doctest::Approx(614040.0 / 604800).epsilon(1e-12));
    CHECK(convention(b, "peak_instances") == 5);
    CHECK(convention(b, "intervals_at_risk") == 0);
}

TEST_CASE("fleet scaling: each launch is billed at least 60 s (intervals under a minute)") {
    // 10 s intervals, 12 of them (a 2-minute period): one at 200 rps (4 instances), the rest at
    // 10 rps (1). Ideal: 1 x 120 s + 3 x 10 s = 150 instance-seconds, and the 3 short launches are
    // billed 60 s each: + 3 x 50 = 300 s per 120 s. A month is 2,628,000 / 120 = 21,900 periods:
    // 300 / 3,600 x 21,900 = 1,825 instance-hours (912.5 without the minimum; static 4 x 730 = 2,920).
    std::vector<double> rps(12, 10.0);
    rps[5] = 200;
    VmFleetConfig c = t3_medium(ScalingMode::autoscale);
    c.scaling.scale_in_delay_s = 0;
    c.scaling.scale_out_delay_s = 0;
    const Workload w = workload_with(profile_of(rps, 10));
    const CostModel model = CostModel::build(w, {"", c}, builtin());
    CHECK(model.components().front().shape == Component::Shape::simulated);
    CHECK(usage_hours(model.bill()) == doctest::Approx(1825).epsilon(1e-12));
    // A scale-in delay of 60 s keeps them a minute anyway: 1 x 120 + 3 x (10 + 60) = 330 s
    // -> 330 / 3,600 x 21,900 = 2,007.5 instance-hours.
    c.scaling.scale_in_delay_s = 60;
    CHECK(usage_hours(bill_of(w, c)) == doctest::Approx(2007.5).epsilon(1e-12));
}

TEST_CASE("fleet scaling: ideal <= autoscaled with delays <= static, at every traffic level") {
    // Holds when scale_in_delay_s >= 60 s or intervals >= 60 s: then no launch is billed for less
    // than it runs, the launched count is at least the desired one and at most the peak's.
    // Shapes built here (the presets are another helper's): an hourly week with a daily cosine,
    // a per-minute day with 5-minute bursts every 3 hours, and 20 s intervals of a ramp.
    std::vector<TrafficProfile> shapes;
    TrafficProfile week = profile_of({}, 3600);
    for (int h = 0; h < 168; ++h) week.requests.push_back(1000 * (2 + std::cos((h % 24 - 14) * M_PI / 12)));
    TrafficProfile day = profile_of({}, 60);
    for (int m = 0; m < 1440; ++m) day.requests.push_back(m % 180 < 5 ? 6000 : 600);
    TrafficProfile ramp = profile_of({}, 20);
    for (int i = 0; i < 90; ++i) ramp.requests.push_back(100.0 * (i % 30));
    for (TrafficProfile* p : {&week, &day, &ramp}) {
        p->absolute = false;
        shapes.push_back(*p);
    }
    for (const TrafficProfile& p : shapes) {
        CAPTURE(p.interval_s);
        const Workload w = Workload{.requests_per_month = 1e8, .duration_ms = 50}.with_traffic(p);
        VmFleetConfig c = t3_medium(ScalingMode::autoscale);
        c.min_instances = 2;
        const CostModel delayed = CostModel::build(w, {"", c}, builtin());
        c.scaling.scale_in_delay_s = 0;
        c.scaling.scale_out_delay_s = 0;
        const CostModel ideal = CostModel::build(w, {"", c}, builtin());
        c.scaling.mode = ScalingMode::static_size;
        const CostModel fixed = CostModel::build(w, {"", c}, builtin());
        for (double r : {1e6, 3e7, 1e8, 7e8, 5e9}) {
            CAPTURE(r);
            const double lo = ideal.components().front().quantity(r);
            const double mid = delayed.components().front().quantity(r);
            const double hi = fixed.components().front().quantity(r);
            CHECK(lo <= mid * (1 + 1e-12));
            CHECK(mid <= hi * (1 + 1e-12));
            CHECK(ideal.total(r) <= delayed.total(r) * (1 + 1e-12));
            CHECK(delayed.total(r) <= fixed.total(r) * (1 + 1e-12));
        }
    }
}

TEST_CASE("fleet scaling: Fargate tasks follow the same instance-hours") {
    // 1 vCPU, 2 GB tasks, ideal autoscale on the 4-hour profile: 1,277.5 task-hours:
    // vCPU 1,277.5 x $0.04048 = $51.7132; memory 2,555 GB-hours x $0.004445 = $11.356975.
    FargateConfig c;
    c.vcpu = 1;
    c.memory_gb = 2;
    c.capacity_rps = 100;
    c.target_utilization = 0.5;
    c.scaling = {.mode = ScalingMode::autoscale, .scale_out_delay_s = 0, .scale_in_delay_s = 0};
    const Bill b = price(workload_with(kFourHours), {"", c}, builtin());
    const LineItem* vcpu = find_line(b, "Task vCPU (x86_64, on-demand)");
    const LineItem* memory = find_line(b, "Task memory (x86_64, on-demand)");
    REQUIRE(vcpu != nullptr);
    REQUIRE(memory != nullptr);
    CHECK(vcpu->quantity == doctest::Approx(1277.5).epsilon(1e-12));
    CHECK(vcpu->cost == doctest::Approx(51.7132).epsilon(1e-12));
    CHECK(memory->quantity == doctest::Approx(2555).epsilon(1e-12));
    CHECK(memory->cost == doctest::Approx(11.356975).epsilon(1e-12));
    CHECK(convention(b, "peak_instances") == 4);
}

TEST_CASE("fleet scaling: what a profile-less or capacity-less fleet cannot do is refused, naming the field") {
    VmFleetConfig c = t3_medium(ScalingMode::autoscale);
    CHECK(build_error(Workload{.duration_ms = 50}, c) == "offering.scaling.mode");  // no workload.traffic
    c.scaling.mode = ScalingMode::schedule;                                         // derived: needs a profile too
    CHECK(build_error(Workload{.duration_ms = 50}, c) == "offering.scaling.mode");
    c.capacity_rps.reset();  // no capacity and no cpu_ms_per_request: nothing to size from
    CHECK(build_error(workload_with(kFourHours), c) == "offering.scaling.mode");
    c = t3_medium(ScalingMode::autoscale);
    c.hours_per_month = 200;  // the profile says when the fleet runs
    CHECK(build_error(workload_with(kFourHours), c) == "offering.hours_per_month");
    VmFleetConfig sakura;
    sakura.provider = "sakura";
    sakura.instance = "1core-1GB";
    sakura.capacity_rps = 100;
    sakura.scaling.mode = ScalingMode::autoscale;  // monthly plans bill a full month per instance
    CHECK(build_error(workload_with(kFourHours), sakura) == "offering.scaling.mode");
    // Field rules (the descriptor's check): max below min, a count that does not scale.
    c = t3_medium(ScalingMode::autoscale);
    c.min_instances = 3;
    c.scaling.max_instances = 2;
    CHECK(test::invalid_field({"", c}) == "scaling.max_instances");
    c = t3_medium(ScalingMode::autoscale);
    c.count = 2;
    CHECK(test::invalid_field({"", c}) == "scaling.mode");
    c = t3_medium(ScalingMode::schedule);
    c.scaling.instances.assign(100, 1.0);
    CHECK(test::invalid_field({"", c}) == "scaling.instances");
}

TEST_CASE("fleet scaling: reports carry Bill::series only when the scenario asks (include_series)") {
    const Scenario asked = parse_scenario(
        R"({"include_series": true, "workload": {"requests_per_month": 1, "duration_ms": 1},
            "offering": {"kind": "vm", "instance": "t3.micro"}})",
        ScenarioShape::one_offering);
    CHECK(asked.include_series);
    const Scenario plain = parse_scenario(
        R"({"workload": {"requests_per_month": 1, "duration_ms": 1}, "offering": {"kind": "vm", "instance": "t3.micro"}})",
        ScenarioShape::one_offering);
    CHECK_FALSE(plain.include_series);
    try {
        (void)parse_scenario(R"({"include_series": "yes", "workload": {"requests_per_month": 1, "duration_ms": 1},
                                 "offering": {"kind": "vm", "instance": "t3.micro"}})",
                             ScenarioShape::one_offering);
        FAIL("expected InvalidInput");
    } catch (const InvalidInput& e) {
        CHECK(e.field() == "include_series");
    }
    Bill b = bill_of(workload_with(kFourHours), t3_medium(ScalingMode::autoscale));
    const auto j = nlohmann::json::parse(to_json(b));
    CHECK(j["series"][0]["name"] == "instances");
    CHECK(j["series"][0]["aggregation"] == "max");
    CHECK(j["series"][0]["values"] == nlohmann::json({1, 1, 4, 4}));
    keep_series(b, false);
    CHECK_FALSE(nlohmann::json::parse(to_json(b)).contains("series"));
}

TEST_CASE("fleet scaling: a Cloud Run service under a profile is sized for its peak, as with the same peak_to_mean") {
    // The 4-hour profile: mean 70 rps, peak 200 rps; a flat workload with peak_to_mean 200 / 70 is
    // the same fleet (Cloud Run services have no scaling object yet: static).
    CloudRunServiceConfig c;
    c.concurrency = 1;  // one request in flight an instance: 1 / 0.05 s = 20 rps at 100 %
    const Workload flat{
        .requests_per_month = kFourHours.requests_per_month(), .duration_ms = 50, .peak_to_mean = 200.0 / 70.0};
    const Bill profiled = price(workload_with(kFourHours), {"", c}, builtin());
    const Bill scalar = price(flat, {"", c}, builtin());
    CHECK(profiled.total == doctest::Approx(scalar.total).epsilon(1e-12));
    CHECK(convention(profiled, "instances") == convention(scalar, "instances"));
    CHECK(convention(profiled, "instances") > 1);
}
