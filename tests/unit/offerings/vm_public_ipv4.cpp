// Public IPv4 addresses: billed per address-hour, in use or idle (AWS since 2024-02-01, $0.005).
// A fleet without a load balancer has one per instance by default; behind an ALB the instances have
// none and the ALB holds one per availability zone (load_balancer_azs, default 2). Prices:
// aws.vpc.global.public_ipv4 $0.005, gcp.compute.global.external_ipv4 $0.005,
// azure.network.global.public_ipv4 $0.005, oci.network.global.public_ipv4 $0,
// sakura.server.global.shared_ipv4 JPY 0 (included in the server).
#include <costsim/costsim.hpp>
#include <doctest/doctest.h>

#include "../support.hpp"

using namespace costsim;

namespace {
Bill fleet(VmFleetConfig c, Workload w = {}) { return price(w, Offering{"", std::move(c)}, Catalog::builtin()); }
const char* kPerInstance = "Public IPv4 addresses (one per instance)";
}  // namespace

TEST_CASE("Public IPv4: a t3.micro serving the internet, $7.59 + $3.65 a month") {
    // instance 0.0104 x 730 = 7.592; address 0.005 x 730 = 3.65; total 11.242
    Bill b = fleet({.provider = "aws", .instance = "t3.micro"});
    const LineItem* ip = test::find_line(b, kPerInstance);
    REQUIRE(ip != nullptr);
    CHECK(ip->unit == "address-hour");
    CHECK(ip->quantity == 730.0);
    CHECK(ip->unit_price == 0.005);
    CHECK(ip->cost == doctest::Approx(3.65).epsilon(1e-12));
    CHECK(ip->price_id == "aws.vpc.global.public_ipv4");
    CHECK(b.total == doctest::Approx(0.0104 * 730 + 0.005 * 730).epsilon(1e-12));
    CHECK(b.convention("public_ipv4_per_instance")->value == 1.0);
    CHECK(b.convention("public_ipv4_addresses")->value == 1.0);
    test::check_invariants(b);
}

TEST_CASE("Public IPv4: switched off, the instance-hours alone") {
    // 0.0104 x 730 = 7.592, no address line
    Bill b = fleet({.provider = "aws", .instance = "t3.micro", .public_ipv4 = false});
    CHECK(test::find_line(b, kPerInstance) == nullptr);
    CHECK(b.total == doctest::Approx(7.592).epsilon(1e-12));
    CHECK(b.convention("public_ipv4_per_instance")->value == 0.0);
    CHECK(b.convention("public_ipv4_addresses") == nullptr);
}

TEST_CASE("Public IPv4: the addresses follow the fleet's size and hours") {
    // count 3: 3 x 730 = 2,190 address-hours x 0.005 = 10.95
    Bill three = fleet({.provider = "aws", .instance = "t3.micro", .count = 3});
    CHECK(test::quantity_of(three, kPerInstance) == 2190.0);
    CHECK(test::cost_of(three, kPerInstance) == doctest::Approx(3 * 730 * 0.005).epsilon(1e-12));
    CHECK(three.convention("public_ipv4_addresses")->value == 3.0);
    // sized: 100 rps at 50 rps per instance (100 x 0.5) = 2 instances -> 2 x 730 x 0.005 = 7.30
    Bill sized = fleet({.provider = "aws", .instance = "t3.micro", .capacity_rps = 100.0, .target_utilization = 0.5},
                       {.requests_per_month = 262800000});
    CHECK(test::cost_of(sized, kPerInstance) == doctest::Approx(2 * 730 * 0.005).epsilon(1e-12));
    // 200 hours a month: 200 x 0.005 = 1.00
    Bill part = fleet({.provider = "aws", .instance = "t3.micro", .hours_per_month = 200});
    CHECK(test::cost_of(part, kPerInstance) == doctest::Approx(200 * 0.005).epsilon(1e-12));
}

TEST_CASE("Public IPv4: an internet-facing ALB holds one per AZ, its instances none") {
    // 2 AZs (default): 2 x 0.005 x 730 = 7.30; ALB hours 730 x 0.0225 = 16.425; LCU 0 at no traffic;
    // instance 7.592 -> 31.317
    Bill b = fleet({.provider = "aws", .instance = "t3.micro", .load_balancer = true}, {.requests_per_month = 0});
    const LineItem* alb = test::find_line(b, "Public IPv4 addresses (load balancer, 2 AZs)");
    REQUIRE(alb != nullptr);
    CHECK(alb->quantity == 1460.0);
    CHECK(alb->cost == doctest::Approx(2 * 0.005 * 730).epsilon(1e-12));
    CHECK(alb->price_id == "aws.vpc.global.public_ipv4");
    CHECK(test::find_line(b, kPerInstance) == nullptr);
    CHECK(b.total == doctest::Approx(7.592 + 16.425 + 7.30).epsilon(1e-12));
    CHECK(b.convention("load_balancer_azs")->value == 2.0);
    CHECK(b.convention("public_ipv4_addresses")->value == 2.0);
    // 3 AZs: 3 x 0.005 x 730 = 10.95
    Bill three = fleet({.provider = "aws", .instance = "t3.micro", .load_balancer = true, .load_balancer_azs = 3});
    CHECK(test::cost_of(three, "Public IPv4 addresses (load balancer, 3 AZs)") ==
          doctest::Approx(10.95).epsilon(1e-12));
    // public_ipv4 on as well, 2 instances: 2 x 730 x 0.005 = 7.30 for the instances + 7.30 for the ALB
    Bill both =
        fleet({.provider = "aws", .instance = "t3.micro", .count = 2, .load_balancer = true, .public_ipv4 = true});
    CHECK(test::cost_of(both, kPerInstance) == doctest::Approx(7.30).epsilon(1e-12));
    CHECK(test::cost_of(both, "Public IPv4 addresses (load balancer") == doctest::Approx(7.30).epsilon(1e-12));
    CHECK(both.convention("public_ipv4_addresses")->value == 4.0);
    test::check_invariants(both);
}

TEST_CASE("Public IPv4: a purchase option does not discount the address") {
    // 1yr: 730 x 0.0104 x 0.62 = 4.70704; the address 730 x 0.005 = 3.65 at full price
    Bill b = fleet({.provider = "aws", .instance = "t3.micro", .purchase = PurchaseOption::one_year});
    CHECK(test::cost_of(b, kPerInstance) == doctest::Approx(3.65).epsilon(1e-12));
}

TEST_CASE("Public IPv4 on the other clouds: GCP and Azure $0.005, OCI and Sakura not charged") {
    // GCP external IPv4 on a standard VM: 730 x 0.005 = 3.65
    Bill gcp = fleet({.provider = "gcp", .instance = "e2-micro"});
    const LineItem* g = test::find_line(gcp, kPerInstance);
    REQUIRE(g != nullptr);
    CHECK(g->price_id == "gcp.compute.global.external_ipv4");
    CHECK(g->cost == doctest::Approx(730 * 0.005).epsilon(1e-12));
    // Azure Standard public IP: 730 x 0.005 = 3.65
    Bill azure = fleet({.provider = "azure", .instance = "B1s"});
    CHECK(test::find_line(azure, kPerInstance)->price_id == "azure.network.global.public_ipv4");
    CHECK(test::cost_of(azure, kPerInstance) == doctest::Approx(3.65).epsilon(1e-12));
    // OCI: the line is shown at $0 with its source
    Bill oci = fleet({.provider = "oci", .instance = "VM.Standard.E4.Flex-1ocpu-16gb"});
    CHECK(test::find_line(oci, kPerInstance)->price_id == "oci.network.global.public_ipv4");
    CHECK(test::quantity_of(oci, kPerInstance) == 730.0);
    CHECK(test::cost_of(oci, kPerInstance) == 0.0);
    // Sakura: the shared segment's address comes with the server, JPY 0; the bill stays in JPY
    Bill sakura = fleet({.provider = "sakura", .instance = "1core-1GB"});
    CHECK(sakura.currency == "JPY");
    CHECK(test::find_line(sakura, kPerInstance)->price_id == "sakura.server.global.shared_ipv4");
    CHECK(sakura.total == doctest::Approx(1595.0).epsilon(1e-12));
}

TEST_CASE("Public IPv4: load_balancer_azs is 2 to 6") {
    auto field = [](int azs) {
        return test::invalid_field(
            Offering{"", VmFleetConfig{.instance = "t3.micro", .load_balancer = true, .load_balancer_azs = azs}});
    };
    CHECK(field(1) == "load_balancer_azs");
    CHECK(field(2) == "(valid)");
    CHECK(field(6) == "(valid)");
    CHECK(field(7) == "load_balancer_azs");
}
