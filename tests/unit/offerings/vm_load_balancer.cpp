// Application Load Balancer: ALB-hours + LCU-hours, LCU-hours = hours x max(new connections/s / 25,
// processed GB/h / 1). us-east-1: $0.0225 per ALB-hour, $0.008 per LCU-hour; Tokyo $0.0243 per hour.
// One t3.micro ($0.0104 x 730 = $7.592) behind it, with no public IPv4 of its own (the default behind
// a load balancer); the internet-facing ALB holds one per AZ: 2 AZs x 730 h x $0.005 = $7.30.
#include <costsim/costsim.hpp>
#include <doctest/doctest.h>

#include "../support.hpp"

using namespace costsim;

namespace {
Bill with_alb(Workload w, std::string region = "us-east-1") {
    VmFleetConfig c{.provider = "aws", .region = std::move(region), .instance = "t3.micro", .load_balancer = true};
    return price(w, Offering{"", c}, Catalog::builtin());
}
}  // namespace

TEST_CASE("ALB: hours, and LCU bound by new connections") {
    // ALB: 730 h x $0.0225 = $16.425
    // 9,000,000 requests, 1 new connection each: 9e6 / 2,628,000 s = 3.4246575 conn/s; / 25 = 0.1369863 LCU;
    // x 730 h = 100 LCU-hours (= 9e6 / 90,000). Bytes: 9e6 x 1 KiB = 8.58 GB -> 8.58 LCU-hours, lower.
    // LCU: 100 x $0.008 = $0.80. Total 7.592 + 16.425 + 0.80 + 7.30 (ALB IPv4) = $32.117
    Bill b = with_alb({.requests_per_month = 9e6, .request_kb = 1, .response_kb = 0});
    CHECK(test::quantity_of(b, "Application Load Balancer hours") == 730.0);
    CHECK(test::cost_of(b, "Application Load Balancer hours") == doctest::Approx(16.425).epsilon(1e-12));
    CHECK(test::quantity_of(b, "Application Load Balancer LCU-hours") == doctest::Approx(100.0).epsilon(1e-12));
    CHECK(test::quantity_of(b, "Public IPv4 addresses (load balancer, 2 AZs)") == 1460.0);
    CHECK(test::find_line(b, "Public IPv4 addresses (one per instance)") == nullptr);
    CHECK(b.total == doctest::Approx(7.592 + 16.425 + 0.80 + 7.30).epsilon(1e-12));
    CHECK(b.convention("lcu_binding_dimension")->text == "new connections");
    test::check_invariants(b);
}

TEST_CASE("ALB: LCU bound by processed bytes (keep-alive), with data transfer out") {
    // 10,485,760 requests x (10 + 90) KiB x 1,024 / 2^30 = 1,000 GB processed -> 1,000 LCU-hours x $0.008 = $8.00
    // connections: 10,485,760 x 0.01 / 90,000 = 1.165 LCU-hours (lower)
    // data out: 10,485,760 x 90 KiB = 900 GB; 100 GB free; 800 x $0.09 = $72.00
    // total = 7.592 + 16.425 + 8.00 + 72.00 + 7.30 (ALB IPv4, 2 AZs) = $111.317
    Bill b = with_alb(
        {.requests_per_month = 10485760, .request_kb = 10, .response_kb = 90, .new_connections_per_request = 0.01});
    CHECK(test::quantity_of(b, "Application Load Balancer LCU-hours") == doctest::Approx(1000.0).epsilon(1e-12));
    CHECK(test::cost_of(b, "Data transfer out") == doctest::Approx(72.0).epsilon(1e-12));
    CHECK(b.total == doctest::Approx(7.592 + 16.425 + 8.00 + 72.00 + 7.30).epsilon(1e-12));
    CHECK(b.convention("lcu_binding_dimension")->text == "processed bytes");
    test::check_invariants(b);
}

TEST_CASE("ALB: LCU-hours do not depend on peak_to_mean; ALB hours follow the fleet's hours") {
    // both LCU dimensions scale with traffic, so the hourly max sums to the same 100 LCU-hours
    Bill flat = with_alb({.requests_per_month = 9e6, .response_kb = 0});
    Bill peaky = with_alb({.requests_per_month = 9e6, .response_kb = 0, .peak_to_mean = 5});
    CHECK(test::quantity_of(peaky, "Application Load Balancer LCU-hours") ==
          doctest::Approx(test::quantity_of(flat, "Application Load Balancer LCU-hours")).epsilon(1e-12));
    // business hours: 200 ALB-hours x $0.0225 = $4.50
    VmFleetConfig c{.provider = "aws", .instance = "t3.micro", .hours_per_month = 200, .load_balancer = true};
    Bill part = price({}, Offering{"", c}, Catalog::builtin());
    CHECK(test::cost_of(part, "Application Load Balancer hours") == doctest::Approx(4.50).epsilon(1e-12));
}

TEST_CASE("ALB: Tokyo hourly price") {
    // 730 h x $0.0243 = $17.739
    Bill b = with_alb({.requests_per_month = 0}, "ap-northeast-1");
    CHECK(test::cost_of(b, "Application Load Balancer hours") == doctest::Approx(17.739).epsilon(1e-12));
    CHECK(test::quantity_of(b, "Application Load Balancer LCU-hours") == 0.0);
}
