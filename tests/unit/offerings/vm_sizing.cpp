// Fleet sizing: instances = max(min_instances, ceil(peak rps / (capacity x target utilisation))),
// peak rps = R / (hours x 3,600) x peak_to_mean. t3.micro us-east-1 at $0.0104 per hour, and each
// instance's public IPv4 address at $0.005 per hour (no load balancer).
#include <costsim/costsim.hpp>
#include <doctest/doctest.h>

#include "../support.hpp"

using namespace costsim;

namespace {
Bill fleet(VmFleetConfig c, Workload w) { return price(w, Offering{"", std::move(c)}, Catalog::builtin()); }
double instances(const Bill& b) { return b.convention("instances") ? b.convention("instances")->value : -1.0; }
const char* kUsage = "Instance usage (t3.micro, on-demand)";
// 100 rps at 100 % x 0.5 target = 50 rps per instance
const VmFleetConfig kSized{.provider = "aws", .instance = "t3.micro", .capacity_rps = 100.0, .target_utilization = 0.5};
}  // namespace

TEST_CASE("VM sizing: exactly on a capacity boundary") {
    // R = 262,800,000 -> 262,800,000 / 2,628,000 s = 100 rps; 100 / 50 = 2 instances
    // 2 x 730 h = 1,460 instance-hours x $0.0104 = $15.184, + 1,460 address-hours x $0.005 = $7.30
    Bill b = fleet(kSized, {.requests_per_month = 262800000});
    CHECK(instances(b) == 2.0);
    CHECK(test::quantity_of(b, kUsage) == 1460.0);
    CHECK(test::quantity_of(b, "Public IPv4 addresses (one per instance)") == 1460.0);
    CHECK(b.total == doctest::Approx(15.184 + 7.30).epsilon(1e-12));
    REQUIRE(b.convention("utilization_at_peak") != nullptr);
    CHECK(b.convention("utilization_at_peak")->value == doctest::Approx(0.5).epsilon(1e-12));  // 100 / (2 x 100)
    test::check_invariants(b);
}

TEST_CASE("VM sizing: one request below and one above the boundary") {
    // 262,799,999 requests -> 99.99999962 rps -> 1.9999999924 -> 2 instances
    CHECK(instances(fleet(kSized, {.requests_per_month = 262799999})) == 2.0);
    // 262,800,001 requests -> 100.00000038 rps -> 2.0000000076 -> 3 instances
    // 3 x 730 = 2,190 h x $0.0104 = $22.776, + 2,190 address-hours x $0.005 = $10.95
    Bill above = fleet(kSized, {.requests_per_month = 262800001});
    CHECK(instances(above) == 3.0);
    CHECK(above.total == doctest::Approx(22.776 + 10.95).epsilon(1e-12));
    // the first boundary: 131,400,000 requests = 50 rps = exactly 1 instance; one more -> 2
    CHECK(instances(fleet(kSized, {.requests_per_month = 131400000})) == 1.0);
    CHECK(instances(fleet(kSized, {.requests_per_month = 131400001})) == 2.0);
}

TEST_CASE("VM sizing: min_instances is a floor") {
    VmFleetConfig c = kSized;
    c.min_instances = 3;
    // 100 rps needs 2, the floor is 3: 3 x 730 x $0.0104 = $22.776, + IPv4 3 x 730 x $0.005 = $10.95
    CHECK(instances(fleet(c, {.requests_per_month = 262800000})) == 3.0);
    CHECK(fleet(c, {.requests_per_month = 262800000}).total == doctest::Approx(22.776 + 10.95).epsilon(1e-12));
    // no traffic: still 3
    CHECK(instances(fleet(c, {.requests_per_month = 0})) == 3.0);
    // 250 rps = 657,000,000 requests -> 250 / 50 = 5 instances, above the floor
    CHECK(instances(fleet(c, {.requests_per_month = 657000000})) == 5.0);
}

TEST_CASE("VM sizing: a static fleet is sized for the peak") {
    // mean 50 rps (131,400,000 requests), peak_to_mean 2 -> peak 100 rps -> 2 instances
    Bill b = fleet(kSized, {.requests_per_month = 131400000, .peak_to_mean = 2.0});
    CHECK(instances(b) == 2.0);
    CHECK(b.convention("peak_rps")->value == doctest::Approx(100.0).epsilon(1e-12));
    REQUIRE(b.convention("sized_for") != nullptr);
    CHECK(b.convention("sized_for")->text ==
          "a static fleet is sized for the peak (mean x peak_to_mean); serverless is billed on the mean");
    CHECK(b.convention("fleet_hours_per_month")->value == 730.0);
    CHECK(b.convention("mean_rps_while_running")->value == doctest::Approx(50.0).epsilon(1e-12));
    // peak_to_mean 3 -> peak 150 rps -> 3 instances: 2,190 h x ($0.0104 + $0.005 IPv4) = $22.776 + $10.95
    Bill three = fleet(kSized, {.requests_per_month = 131400000, .peak_to_mean = 3.0});
    CHECK(instances(three) == 3.0);
    CHECK(three.total == doctest::Approx(22.776 + 10.95).epsilon(1e-12));
}

TEST_CASE("VM sizing: capacity derived from CPU time per request and vCPUs") {
    // t3.micro: 2 vCPUs x 1,000 ms / 20 ms = 100 rps; x 0.7 = 70 rps per instance
    // mean 100 rps (262,800,000 requests): 100 / 70 = 1.43 -> 2 instances
    VmFleetConfig c{.provider = "aws", .instance = "t3.micro"};
    Bill b = fleet(c, {.requests_per_month = 262800000, .cpu_ms_per_request = 20});
    CHECK(b.convention("capacity_rps")->value == doctest::Approx(100.0).epsilon(1e-12));
    CHECK(instances(b) == 2.0);
    // 140 rps = 367,920,000 requests: 140 / 70 = 2 exactly -> 2; 141 rps -> 3
    CHECK(instances(fleet(c, {.requests_per_month = 367920000, .cpu_ms_per_request = 20})) == 2.0);
    CHECK(instances(fleet(c, {.requests_per_month = 370548000, .cpu_ms_per_request = 20})) == 3.0);
}

TEST_CASE("VM sizing: OCI OCPUs count 2 vCPUs on x86 and 1 on Arm") {
    // E4.Flex 1 OCPU = 2 vCPUs: 2 x 1,000 / 10 ms = 200 rps; A1.Flex 1 OCPU = 1 vCPU: 100 rps
    Workload w{.requests_per_month = 0, .cpu_ms_per_request = 10};
    Bill e4 = fleet({.provider = "oci", .instance = "VM.Standard.E4.Flex-1ocpu-16gb"}, w);
    Bill a1 = fleet({.provider = "oci", .instance = "VM.Standard.A1.Flex-1ocpu-6gb"}, w);
    CHECK(e4.convention("capacity_rps")->value == doctest::Approx(200.0).epsilon(1e-12));
    CHECK(e4.convention("vcpus_per_instance")->value == 2.0);
    CHECK(a1.convention("capacity_rps")->value == doctest::Approx(100.0).epsilon(1e-12));
    CHECK(a1.convention("vcpus_per_instance")->value == 1.0);
}

TEST_CASE("VM sizing: a fleet that runs business hours only") {
    // 200 h/month; 36,000,000 requests / (200 x 3,600 s) = 50 rps while running -> 1 instance
    VmFleetConfig c = kSized;
    c.hours_per_month = 200;
    Bill one = fleet(c, {.requests_per_month = 36000000});
    CHECK(instances(one) == 1.0);
    // 1 x 200 h x $0.0104 = $2.08, + IPv4 200 h x $0.005 = $1.00 (addresses live while instances run)
    CHECK(one.total == doctest::Approx(2.08 + 1.00).epsilon(1e-12));
    // one more request -> 2 instances x 200 h = 400 h x $0.0104 = $4.16, + 400 x $0.005 = $2.00
    Bill two = fleet(c, {.requests_per_month = 36000001});
    CHECK(test::quantity_of(two, kUsage) == 400.0);
    CHECK(two.total == doctest::Approx(4.16 + 2.00).epsilon(1e-12));
}

TEST_CASE("VM sizing: fixed count, and no capacity at all") {
    // count 4: 4 x 730 = 2,920 h x $0.0104 = $30.368, + IPv4 2,920 x $0.005 = $14.60, whatever the traffic
    VmFleetConfig fixed{.provider = "aws", .instance = "t3.micro", .count = 4};
    CHECK(fleet(fixed, {.requests_per_month = 0}).total == doctest::Approx(30.368 + 14.60).epsilon(1e-12));
    CHECK(fleet(fixed, {.requests_per_month = 1e10}).total == doctest::Approx(30.368 + 14.60).epsilon(1e-12));
    // neither count nor capacity: min_instances (2), and the bill says so
    Bill b = fleet({.provider = "aws", .instance = "t3.micro", .min_instances = 2}, {.requests_per_month = 1e9});
    CHECK(instances(b) == 2.0);
    CHECK(b.convention("count_rule")->text.find("no count and no capacity") != std::string_view::npos);
    CHECK(b.convention("utilization_at_peak") == nullptr);
}

TEST_CASE("VM sizing: EBS gp3 storage per instance follows the fleet") {
    // 2 instances x 730 h x 20 GB / 730 = 40 GB-months x $0.08 = $3.20; instances 1,460 h x $0.0104 =
    // $15.184; IPv4 1,460 h x $0.005 = $7.30
    VmFleetConfig c = kSized;
    c.storage_gb = 20;
    Bill b = fleet(c, {.requests_per_month = 262800000});
    CHECK(test::quantity_of(b, "EBS gp3 storage (20 GB per instance)") == doctest::Approx(40.0).epsilon(1e-12));
    CHECK(b.total == doctest::Approx(3.20 + 15.184 + 7.30).epsilon(1e-12));
    // 3 instances: 60 GB-months x $0.08 = $4.80
    Bill three = fleet(c, {.requests_per_month = 262800001});
    CHECK(test::cost_of(three, "EBS gp3") == doctest::Approx(4.80).epsilon(1e-12));
    test::check_invariants(three);
}
