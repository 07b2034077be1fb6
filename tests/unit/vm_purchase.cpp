// Purchase options: instance-hours at on-demand x (1 - discount). t3.micro us-east-1 $0.0104 per
// hour, 730 h; discounts aws.ec2.global.purchase.{1yr 0.38, 3yr 0.60, spot 0.65}. Without a public
// IPv4 address, so the totals are the instance-hours alone (the address, never discounted, is
// pinned in vm_public_ipv4.cpp).
#include <costsim/costsim.hpp>
#include <doctest/doctest.h>

#include "support.hpp"

using namespace costsim;

namespace {
Bill fleet(PurchaseOption p) {
    return price({}, Offering{"", VmFleetConfig{.provider = "aws", .instance = "t3.micro", .purchase = p, .public_ipv4 = false}},
                 Catalog::builtin());
}
}  // namespace

TEST_CASE("VM purchase: on-demand") {
    // 730 x $0.0104 = $7.592
    Bill b = fleet(PurchaseOption::on_demand);
    CHECK(b.total == doctest::Approx(7.592).epsilon(1e-12));
    CHECK(b.convention("purchase_option")->text == "on-demand");
}

TEST_CASE("VM purchase: 1-year commitment, 38 % off") {
    // unit price $0.0104 x 0.62 = $0.006448; 730 x $0.006448 = $4.70704
    Bill b = fleet(PurchaseOption::one_year);
    const LineItem* line = test::find_line(b, "Instance usage (t3.micro, 1yr)");
    REQUIRE(line != nullptr);
    CHECK(line->unit_price == doctest::Approx(0.006448).epsilon(1e-12));
    CHECK(b.total == doctest::Approx(4.70704).epsilon(1e-12));
    CHECK(line->note.find("on-demand $0.0104") != std::string_view::npos);
    CHECK(line->note.find("less 38 %") != std::string_view::npos);
}

TEST_CASE("VM purchase: 3-year commitment, 60 % off") {
    // 730 x $0.0104 x 0.40 = $3.0368
    Bill b = fleet(PurchaseOption::three_year);
    CHECK(b.total == doctest::Approx(3.0368).epsilon(1e-12));
    CHECK(test::find_line(b, "Instance usage (t3.micro, 3yr)") != nullptr);
}

TEST_CASE("VM purchase: spot, 65 % off") {
    // 730 x $0.0104 x 0.35 = $2.6572
    Bill b = fleet(PurchaseOption::spot);
    CHECK(b.total == doctest::Approx(2.6572).epsilon(1e-12));
    CHECK(test::find_line(b, "Instance usage (t3.micro, spot)") != nullptr);
}
