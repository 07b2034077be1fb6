// One instance for a month on each provider: instance-hours x hourly price, or one instance-month
// for Sakura's monthly plans. Prices: lib/data/catalog/{aws-ec2,gcp,azure,oci,sakura}.json.
#include <costsim/costsim.hpp>
#include <doctest/doctest.h>

#include "../support.hpp"

#include <cctype>

using namespace costsim;

namespace {
Bill fleet(VmFleetConfig c, Workload w = {}) { return price(w, Offering{"", std::move(c)}, Catalog::builtin()); }
}  // namespace

TEST_CASE("VM: AWS t3.micro us-east-1, one instance, 730 h") {
    // 730 h x $0.0104 = $7.592 (infracost golden output t3.micro = $7.59), plus its public IPv4
    // address 730 h x $0.005 = $3.65 -> $11.242
    Bill b = fleet({.provider = "aws", .instance = "t3.micro"});
    CHECK(b.currency == "USD");
    CHECK(b.total == doctest::Approx(7.592 + 3.65).epsilon(1e-12));
    CHECK(test::quantity_of(b, "Instance usage (t3.micro, on-demand)") == 730.0);
    CHECK(test::quantity_of(b, "Public IPv4 addresses (one per instance)") == 730.0);
    const LineItem* line = test::find_line(b, "Instance usage (t3.micro, on-demand)");
    REQUIRE(line != nullptr);
    CHECK(line->unit == "instance-hour");
    CHECK(line->price_id == "aws.ec2.us-east-1.t3.micro");
    REQUIRE(b.convention("instances") != nullptr);
    CHECK(b.convention("instances")->value == 1.0);
    test::check_invariants(b);
}

TEST_CASE("VM: AWS t3.micro Tokyo, one instance, 730 h") {
    // 730 h x $0.0136 = $9.928, + public IPv4 730 h x $0.005 = $3.65 (one rate in every region) -> $13.578
    Bill b = fleet({.provider = "aws", .region = "ap-northeast-1", .instance = "t3.micro"});
    CHECK(b.total == doctest::Approx(9.928 + 3.65).epsilon(1e-12));
}

TEST_CASE("VM: GCP e2-micro us-central1, one instance, 730 h") {
    // 730 h x $0.008376428 = $6.11479244, + external IPv4 730 h x $0.005 = $3.65 -> $9.76479244
    Bill b = fleet({.provider = "gcp", .instance = "e2-micro"});
    CHECK(b.total == doctest::Approx(6.11479244 + 3.65).epsilon(1e-12));
    CHECK(test::find_line(b, "Instance usage (e2-micro, on-demand)") != nullptr);
}

TEST_CASE("VM: Azure B1s eastus, one instance, 730 h; Standard_ prefix and case accepted") {
    // 730 h x $0.0104 = $7.592, + Standard public IP 730 h x $0.005 = $3.65 -> $11.242
    Bill b = fleet({.provider = "azure", .instance = "B1s"});
    CHECK(b.total == doctest::Approx(7.592 + 3.65).epsilon(1e-12));
    Bill prefixed = fleet({.provider = "azure", .instance = "Standard_B1s"});
    CHECK(prefixed.total == doctest::Approx(7.592 + 3.65).epsilon(1e-12));
    Bill lower = fleet({.provider = "azure", .instance = "b1s"});
    CHECK(lower.total == doctest::Approx(7.592 + 3.65).epsilon(1e-12));
}

TEST_CASE("VM: OCI E4.Flex 1 OCPU / 16 GB us-ashburn-1, one instance, 730 h") {
    // 730 h x $0.049 (1 OCPU x $0.025 + 16 GB x $0.0015) = $35.77; its public IPv4 is not
    // charged (730 address-hours x $0)
    Bill b = fleet({.provider = "oci", .instance = "VM.Standard.E4.Flex-1ocpu-16gb"});
    CHECK(b.total == doctest::Approx(35.77).epsilon(1e-12));
    // the Always Free micro shape is listed at $0
    Bill micro = fleet({.provider = "oci", .instance = "VM.Standard.E2.1.Micro"});
    CHECK(micro.total == 0.0);
    CHECK(test::quantity_of(micro, "Instance usage (VM.Standard.E2.1.Micro, on-demand)") == 730.0);
}

TEST_CASE("VM: OCI A1.Flex under the Always Free allowance (3,000 OCPU-h + 18,000 GB-h a month)") {
    // 1 x 4 OCPU / 24 GB x 730 h: 2,920 OCPU-h (< 3,000) and 17,520 GB-h (< 18,000) -> $0
    VmFleetConfig c{.provider = "oci", .instance = "VM.Standard.A1.Flex-4ocpu-24gb"};
    Bill one = fleet(c);
    CHECK(one.total == 0.0);
    CHECK(test::quantity_of(one, "Instance usage (VM.Standard.A1.Flex-4ocpu-24gb), OCPU, free tier") == 2920.0);
    CHECK(one.convention("instances")->value == 1.0);
    // 2 instances: OCPU (5,840 - 3,000) x $0.01 = 28.40; memory (35,040 - 18,000) x $0.0015 = 25.56 -> $53.96
    c.count = 2;
    Bill two = fleet(c);
    CHECK(two.total == doctest::Approx(53.96).epsilon(1e-12));
    CHECK(two.convention("instances")->value == 2.0);
    test::check_invariants(two);
    // free tier off: 2 x 730 x $0.076 = $110.96 (= 5,840 x 0.01 + 35,040 x 0.0015)
    c.free_tier = false;
    CHECK(fleet(c).total == doctest::Approx(110.96).epsilon(1e-12));
}

TEST_CASE("VM: Sakura 1core-1GB is1a, one instance-month in JPY, whatever the hours") {
    // 1 instance-month x JPY 1,595 = JPY 1,595
    Bill b = fleet({.provider = "sakura", .instance = "1core-1GB"});
    CHECK(b.currency == "JPY");
    CHECK(b.total == doctest::Approx(1595.0).epsilon(1e-12));
    const LineItem* line = test::find_line(b, "Instance usage (1core-1GB, on-demand)");
    REQUIRE(line != nullptr);
    CHECK(line->unit == "instance-month");
    CHECK(line->quantity == 1.0);
    REQUIRE(b.convention("monthly_plan") != nullptr);
    // a monthly plan still bills a full month when the fleet runs 200 h
    Bill part = fleet({.provider = "sakura", .instance = "1core-1GB", .hours_per_month = 200});
    CHECK(part.total == doctest::Approx(1595.0).epsilon(1e-12));
    // 2 instances of 6core-12GB: 2 x JPY 11,560 = JPY 23,120
    Bill two = fleet({.provider = "sakura", .instance = "6core-12GB", .count = 2});
    CHECK(two.total == doctest::Approx(23120.0).epsilon(1e-12));
}

TEST_CASE("VM: every instance entry of the builtin catalog prices by its name, id follows the scheme") {
    // The builtin catalog loads (all six files), and each instance entry is
    // "<provider>.<service>.<region>.<lower-case name>" priced at 730 x hourly or 1 x monthly, plus
    // the instance's public IPv4 address: 730 x $0.005 on AWS, GCP and Azure, $0 on OCI, JPY 0 on Sakura.
    const Catalog& catalog = Catalog::builtin();
    int count = 0;
    for (const PriceEntry& e : catalog.entries()) {
        if (!e.instance) continue;
        ++count;
        std::string name = e.instance->name;
        for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        CHECK(e.id == e.provider + "." + e.service + "." + e.region + "." + name);
        // free tier off: OCI's Always Free A1 allowance would make A1 shapes cheaper (tested below);
        // E2.1.Micro exists only as Always Free, so it needs the free tier (vm_oci_always_free)
        const bool always_free_only = e.instance->name == "VM.Standard.E2.1.Micro";
        Bill b = fleet(
            {.provider = e.provider, .region = e.region, .instance = e.instance->name, .free_tier = always_free_only});
        const double ipv4 = (e.provider == "aws" || e.provider == "gcp" || e.provider == "azure") ? 730.0 * 0.005 : 0.0;
        const double expected = (e.unit == "month" ? e.flat_price() : 730.0 * e.flat_price()) + ipv4;
        CHECK(b.total == doctest::Approx(expected).epsilon(1e-12));
        CHECK(b.currency == e.currency);
    }
    CHECK(count >= 60);
}
