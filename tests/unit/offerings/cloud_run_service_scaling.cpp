// Cloud Run services (instance-based billing) under a traffic profile: the scaling group (static,
// schedule, autoscale with a start-up delay and the idle instances' 15-minute keep), min and max
// instances, scale to zero, at-risk requests, and ideal <= delayed <= static.
// Design/pricing-model.md#cloud-run-services-under-a-traffic-profile.
// Prices (builtin catalog, Tier 1 us-central1): $0.000018 per vCPU-second, $0.000002 per
// GiB-second; free tier 240,000 vCPU-s and 450,000 GiB-s a month. 1 vCPU, 512 MiB (0.5 GiB),
// concurrency 80, 100 ms: one instance carries 80 / 0.1 s = 800 rps at 100 %, 480 at the 0.6 target.
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

TrafficProfile hourly(std::vector<double> rps) {
    TrafficProfile p;
    p.interval_s = 3600.0;
    for (double r : rps) p.requests.push_back(r * 3600.0);
    return p;
}

Workload workload_with(const TrafficProfile& p) { return Workload{.duration_ms = 100}.with_traffic(p); }

CloudRunServiceConfig service(ScalingMode mode) {
    CloudRunServiceConfig c;
    c.free_tier = false;
    c.scaling.mode = mode;
    return c;
}

CloudRunServiceConfig ideal() {
    CloudRunServiceConfig c = service(ScalingMode::autoscale);
    c.scaling.scale_out_delay_s = 0;
    c.scaling.scale_in_delay_s = 0;
    return c;
}

Bill bill_of(const Workload& w, const CloudRunServiceConfig& c) { return price(w, {"", c}, Catalog::builtin()); }

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

std::string build_error(const Workload& w, const CloudRunServiceConfig& c) {
    try {
        (void)CostModel::build(w, {"", c}, Catalog::builtin(), "offering.");
    } catch (const InvalidInput& e) {
        return e.field();
    }
    return "(valid)";
}

// Four hours at 0, 480, 1,440 and 100 rps; a month is 2,628,000 / 14,400 = 182.5 periods.
const TrafficProfile kFourHours = hourly({0, 480, 1440, 100});

}  // namespace

TEST_CASE("Cloud Run scaling: ideal autoscale is max(min, ceil(rate / 480)) per hour: 0, 1, 3, 1") {
    // 0 rps -> 0 (scale to zero, min_instances 0); 480 / 480 = 1; 1,440 / 480 = 3; 100 -> 1.
    // 5 instance-hours a period x 182.5 = 912.5: CPU 912.5 x 3,600 x 1 = 3,285,000 vCPU-s x
    // $0.000018 = $59.13; memory 3,285,000 x 0.5 = 1,642,500 GiB-s x $0.000002 = $3.285.
    const Bill b = bill_of(workload_with(kFourHours), ideal());
    REQUIRE(find_line(b, "CPU") != nullptr);
    REQUIRE(find_line(b, "Memory") != nullptr);
    CHECK(find_line(b, "CPU")->quantity == doctest::Approx(3285000).epsilon(1e-12));
    CHECK(find_line(b, "CPU")->cost == doctest::Approx(59.13).epsilon(1e-12));
    CHECK(find_line(b, "Memory")->quantity == doctest::Approx(1642500).epsilon(1e-12));
    CHECK(find_line(b, "Memory")->cost == doctest::Approx(3.285).epsilon(1e-12));
    CHECK(convention(b, "instance_hours") == doctest::Approx(912.5).epsilon(1e-12));
    CHECK(convention(b, "mean_instances") == doctest::Approx(1.25).epsilon(1e-12));
    CHECK(convention(b, "peak_instances") == 3);
    CHECK(convention(b, "instances") == 3);
    CHECK(convention(b, "intervals_at_risk") == 0);
    REQUIRE(b.series.size() == 1);
    CHECK(b.series[0].values == std::vector<double>{0, 1, 3, 1});
    const CostModel m = CostModel::build(workload_with(kFourHours), {"", ideal()}, Catalog::builtin());
    CHECK(m.components()[0].shape == Component::Shape::fleet);  // exact steps: exact break-even
    // min_instances 1 keeps one up in the idle hour: 1, 1, 3, 1 = 6 x 182.5 = 1,095 instance-hours
    CloudRunServiceConfig one = ideal();
    one.min_instances = 1;
    CHECK(convention(bill_of(workload_with(kFourHours), one), "instance_hours") ==
          doctest::Approx(1095).epsilon(1e-12));
}

TEST_CASE("Cloud Run scaling: default delays, 10 s to serve and idle instances kept 900 s") {
    // Launched = max desired over the last 900 s: hour 0 keeps hour 3's 1 for 900 s, then 0;
    // 1; 3; hour 3 keeps the 3 for 900 s, then 1: 0.25 + 1 + 3 + 3 x 0.25 + 1 x 0.75 = 5.75
    // instance-hours a period x 182.5 = 1,049.375: CPU 3,777,750 vCPU-s x $0.000018 = $67.9995,
    // memory 1,888,875 GiB-s x $0.000002 = $3.77775.
    // At risk: hour 1 starts from 0 instances, the new one serves 10 s later: 480 rps x 10 s =
    // 4,800; hour 2's 2 new ones serve 10 s late while 1 x 800 serves 1,440: 640 x 10 = 6,400.
    // 11,200 a period x 182.5 = 2,044,000 requests a month at risk (queued while instances start).
    const CostModel m =
        CostModel::build(workload_with(kFourHours), {"", service(ScalingMode::autoscale)}, Catalog::builtin());
    CHECK(m.components()[0].shape == Component::Shape::simulated);
    CHECK(m.components()[0].curve == m.components()[1].curve);  // CPU and memory: one simulation
    const Bill b = m.bill();
    CHECK(find_line(b, "CPU")->quantity == doctest::Approx(3777750).epsilon(1e-12));
    CHECK(find_line(b, "CPU")->cost == doctest::Approx(67.9995).epsilon(1e-12));
    CHECK(find_line(b, "Memory")->cost == doctest::Approx(3.77775).epsilon(1e-12));
    CHECK(convention(b, "instance_hours") == doctest::Approx(1049.375).epsilon(1e-12));
    CHECK(convention(b, "intervals_at_risk") == 2);
    CHECK(convention(b, "requests_at_risk") == doctest::Approx(2044000).epsilon(1e-12));
    CHECK(has_flag(b, "at_risk"));
    CHECK(b.series[0].values == std::vector<double>{1, 1, 3, 3});
    // with the free tier: 3,777,750 - 240,000 = 3,537,750 vCPU-s x $0.000018 = $63.6795
    CloudRunServiceConfig free = service(ScalingMode::autoscale);
    free.free_tier = true;
    CHECK(test::cost_of(bill_of(workload_with(kFourHours), free), "CPU") == doctest::Approx(63.6795).epsilon(1e-12));
}

TEST_CASE("Cloud Run scaling: static is the peak all month, as before; max_instances caps autoscale only") {
    // static: 3 x 730 = 2,190 instance-hours: CPU 7,884,000 vCPU-s x $0.000018 = $141.912
    const Bill s = bill_of(workload_with(kFourHours), service(ScalingMode::static_size));
    CHECK(find_line(s, "CPU")->quantity == doctest::Approx(7884000).epsilon(1e-12));
    CHECK(find_line(s, "CPU")->cost == doctest::Approx(141.912).epsilon(1e-12));
    CHECK(convention(s, "instances") == 3);
    // static with max_instances 2 still prices the peak's 3, flagged
    CloudRunServiceConfig c = service(ScalingMode::static_size);
    c.max_instances = 2;
    const Bill over = bill_of(workload_with(kFourHours), c);
    CHECK(find_line(over, "CPU")->quantity == doctest::Approx(7884000).epsilon(1e-12));
    CHECK(has_flag(over, "over_max_instances"));
    // autoscale capped at 2: 0, 1, 2, 1 = 4 x 182.5 = 730 h, 2 x 800 = 1,600 >= 1,440: none at
    // risk; capped at 1: 0, 1, 1, 1 = 547.5 h, (1,440 - 800) x 3,600 x 182.5 = 420,480,000 at risk.
    c = ideal();
    c.max_instances = 2;
    const Bill two = bill_of(workload_with(kFourHours), c);
    CHECK(convention(two, "instance_hours") == doctest::Approx(730).epsilon(1e-12));
    CHECK(convention(two, "requests_at_risk") == 0);
    CHECK(convention(two, "max_instances") == 2);
    CHECK_FALSE(has_flag(two, "over_max_instances"));
    c.max_instances = 1;
    const Bill one = bill_of(workload_with(kFourHours), c);
    CHECK(convention(one, "instance_hours") == doctest::Approx(547.5).epsilon(1e-12));
    CHECK(convention(one, "requests_at_risk") == doctest::Approx(420480000).epsilon(1e-12));
}

TEST_CASE("Cloud Run scaling: ideal <= autoscaled with delays <= static, at every traffic level") {
    TrafficProfile week;
    week.interval_s = 3600;
    week.absolute = false;
    for (int h = 0; h < 168; ++h) week.requests.push_back(h % 24 < 7 ? 0.0 : 1000 * (2 + std::sin(h * 0.7)));
    TrafficProfile day;
    day.interval_s = 60;
    day.absolute = false;
    for (int m = 0; m < 1440; ++m) day.requests.push_back(m % 90 < 3 ? 5000 : (m % 7 == 0 ? 0 : 300));
    for (const TrafficProfile& p : {week, day}) {
        CAPTURE(p.interval_s);
        const Workload w = Workload{.requests_per_month = 1e8, .duration_ms = 100}.with_traffic(p);
        const CostModel lo = CostModel::build(w, {"", ideal()}, Catalog::builtin());
        const CostModel mid = CostModel::build(w, {"", service(ScalingMode::autoscale)}, Catalog::builtin());
        const CostModel hi = CostModel::build(w, {"", service(ScalingMode::static_size)}, Catalog::builtin());
        for (double r : {0.0, 1e5, 1e7, 1e8, 3e9}) {
            CAPTURE(r);
            CHECK(lo.total(r) <= mid.total(r) * (1 + 1e-12));
            CHECK(mid.total(r) <= hi.total(r) * (1 + 1e-12));
        }
    }
}

TEST_CASE("Cloud Run scaling: a schedule per hour of week, derived or given") {
    // hourly intervals: the derived schedule is the ideal fleet (912.5 h); given 2 every hour:
    // 2 x 4 x 182.5 = 1,460 h, and hour 2 has 1,440 - 1,600 < 0: nothing at risk.
    CHECK(convention(bill_of(workload_with(kFourHours), service(ScalingMode::schedule)), "instance_hours") ==
          doctest::Approx(912.5).epsilon(1e-12));
    CloudRunServiceConfig c = service(ScalingMode::schedule);
    c.scaling.instances.assign(168, 2.0);
    const Bill b = bill_of(workload_with(kFourHours), c);
    CHECK(convention(b, "instance_hours") == doctest::Approx(1460).epsilon(1e-12));
    CHECK(convention(b, "requests_at_risk") == 0);
}

TEST_CASE("Cloud Run scaling: refusals name the field; the scenario carries the group") {
    CHECK(build_error(Workload{.requests_per_month = 1e6, .duration_ms = 100}, service(ScalingMode::autoscale)) ==
          "offering.scaling.mode");
    CloudRunServiceConfig c = service(ScalingMode::autoscale);
    c.scaling.instances.assign(168, 1.0);
    CHECK(build_error(workload_with(kFourHours), c) == "offering.scaling.instances");

    const Scenario s = parse_scenario(
        R"({"workload":{"requests_per_month":1000000,"duration_ms":100},
            "offerings":[{"kind":"cloud_run_service","max_instances":20,
                          "scaling":{"mode":"autoscale","scale_in_delay_s":600}}]})",
        ScenarioShape::many_offerings);
    const auto& read = std::get<CloudRunServiceConfig>(s.offerings[0].config);
    CHECK(read.scaling.mode == ScalingMode::autoscale);
    CHECK(read.scaling.scale_in_delay_s == 600);
    CHECK(read.scaling.scale_out_delay_s == 10);  // the kind's default
    CHECK(read.max_instances == 20);
    const auto j = nlohmann::json::parse(to_json(s));
    CHECK(j["offerings"][0]["scaling"]["mode"] == "autoscale");
    CHECK(j["offerings"][0]["scaling"]["scale_out_delay_s"] == 10);
    CHECK_FALSE(j["offerings"][0]["scaling"].contains("max_instances"));  // the service's own max_instances
}
