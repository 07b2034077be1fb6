// Published per-type reserved rates beyond t3/c5, and the Tokyo on-demand prices of c7g/m7g.
// us-east-1 1yr Standard no-upfront rates: the "Linux Reserved cost" column of two
// ec2instances.info exports (tonywu2036/ec2-cost-prediction@8f78f23c:ec2dataset.csv,
// OlegVlasenkoOnu/kursova@16e9b083:Amazon EC2 Instance Comparison.csv), e.g. t4g.small $0.0105/h,
// m6i.large $0.0635/h. Tokyo on-demand: skypilot-org/skypilot-catalog@00148f2a:catalogs/v8/aws/vms.csv
// (c7g.large $0.091/h, m7g.2xlarge $0.4216/h). 730 h a month throughout.
// Fleets here have no public IPv4 address: totals are the instance-hours alone (the address is
// pinned in vm_public_ipv4.cpp).
#include <costsim/costsim.hpp>
#include <doctest/doctest.h>

#include "../support.hpp"

#include <string>

using namespace costsim;

namespace {

Bill bill_of(const std::string& instance, PurchaseOption p, int count = 1, const std::string& region = "us-east-1") {
    return price({},
                 Offering{"", VmFleetConfig{.provider = "aws",
                                            .region = region,
                                            .instance = instance,
                                            .count = count,
                                            .purchase = p,
                                            .public_ipv4 = false}},
                 Catalog::builtin());
}

bool flagged(const Bill& b) {
    for (const Flag& f : b.flags)
        if (f.code == "purchase_approximation") return true;
    return false;
}

/// The one instance-usage line of a fleet bill, checked to be priced at `rate_id`.
const LineItem& usage_line(const Bill& b, const std::string& name, const std::string& rate_id) {
    const LineItem* line = test::find_line(b, name);
    REQUIRE_MESSAGE(line != nullptr, name);
    CHECK(line->price_id == rate_id);
    return *line;
}

}  // namespace

TEST_CASE("VM reserved rates: published 1yr no-upfront rates for t4g, m6i, m7g, c6i, c7g in us-east-1") {
    SUBCASE("t4g.small") {
        // 730 h x $0.0105 = $7.665 (on-demand $0.0168: 37.5 % less)
        Bill b = bill_of("t4g.small", PurchaseOption::one_year);
        const LineItem& line = usage_line(b, "Instance usage (t4g.small, 1yr no upfront)",
                                          "aws.ec2.us-east-1.t4g.small.reserved.1yr.no_upfront");
        CHECK(line.unit_price == doctest::Approx(0.0105).epsilon(1e-12));
        CHECK(b.total == doctest::Approx(730 * 0.0105).epsilon(1e-12));
        CHECK(b.total == doctest::Approx(7.665).epsilon(1e-12));
        CHECK_FALSE(flagged(b));
        test::check_invariants(b);
    }
    SUBCASE("m6i.large") {
        // 730 h x $0.0635 = $46.355 (the flat fallback gave 730 x $0.096 x 0.62 = $43.4496)
        Bill b = bill_of("m6i.large", PurchaseOption::one_year);
        const LineItem& line = usage_line(b, "Instance usage (m6i.large, 1yr no upfront)",
                                          "aws.ec2.us-east-1.m6i.large.reserved.1yr.no_upfront");
        CHECK(line.note == "reserved rate $0.0635 per hour (Standard RI, 1yr no upfront; on-demand $0.096)");
        CHECK(b.total == doctest::Approx(46.355).epsilon(1e-12));
        CHECK(b.convention("purchase_rate")->text ==
              "published reserved rate aws.ec2.us-east-1.m6i.large.reserved.1yr.no_upfront");
        CHECK_FALSE(flagged(b));
    }
    SUBCASE("m7g.xlarge, two instances") {
        // 2 x 730 h x $0.108 = $157.68
        Bill b = bill_of("m7g.xlarge", PurchaseOption::one_year, 2);
        const LineItem& line = usage_line(b, "Instance usage (m7g.xlarge, 1yr no upfront)",
                                          "aws.ec2.us-east-1.m7g.xlarge.reserved.1yr.no_upfront");
        CHECK(line.quantity == doctest::Approx(2 * 730.0).epsilon(1e-12));
        CHECK(b.total == doctest::Approx(2 * 730 * 0.108).epsilon(1e-12));
        CHECK(b.total == doctest::Approx(157.68).epsilon(1e-12));
        CHECK_FALSE(flagged(b));
    }
    SUBCASE("c6i.2xlarge") {
        // 730 h x $0.2249 = $164.177
        Bill b = bill_of("c6i.2xlarge", PurchaseOption::one_year);
        usage_line(b, "Instance usage (c6i.2xlarge, 1yr no upfront)",
                   "aws.ec2.us-east-1.c6i.2xlarge.reserved.1yr.no_upfront");
        CHECK(b.total == doctest::Approx(164.177).epsilon(1e-12));
        CHECK_FALSE(flagged(b));
    }
    SUBCASE("c7g.large, three instances") {
        // 3 x 730 h x $0.0478 = $104.682
        Bill b = bill_of("c7g.large", PurchaseOption::one_year, 3);
        usage_line(b, "Instance usage (c7g.large, 1yr no upfront)",
                   "aws.ec2.us-east-1.c7g.large.reserved.1yr.no_upfront");
        CHECK(b.total == doctest::Approx(3 * 730 * 0.0478).epsilon(1e-12));
        CHECK(b.total == doctest::Approx(104.682).epsilon(1e-12));
        CHECK_FALSE(flagged(b));
    }
    SUBCASE("t3.xlarge at the published hourly $0.1043 (was $76.13 / 730 h)") {
        // 730 h x $0.1043 = $76.139
        Bill b = bill_of("t3.xlarge", PurchaseOption::one_year);
        CHECK(b.total == doctest::Approx(76.139).epsilon(1e-12));
        CHECK_FALSE(flagged(b));
    }
}

TEST_CASE("VM reserved rates: every built-in us-east-1 AWS type has a published 1yr no-upfront rate, below on-demand") {
    int types = 0;
    for (const PriceEntry& e : Catalog::builtin().entries()) {
        if (!e.instance || e.provider != "aws" || e.region != "us-east-1") continue;
        ++types;
        CAPTURE(e.id);
        const PriceEntry* rate = Catalog::builtin().find(e.id + ".reserved.1yr.no_upfront");
        REQUIRE(rate != nullptr);
        CHECK(rate->flat_price() < e.flat_price());
        Bill b = bill_of(e.instance->name, PurchaseOption::one_year);
        CHECK_FALSE(flagged(b));
        CHECK(b.total == doctest::Approx(730 * rate->flat_price()).epsilon(1e-12));
    }
    CHECK(types == 24);  // t3 x5, t4g x5, m6i/m7g/c6i/c7g x3, c5 x2
}

TEST_CASE(
    "VM reserved rates: 3yr and upfront payments of the new types are not published, so fall back or are refused") {
    // m7g.large 3yr: 730 h x $0.0816 x (1 - 0.60) = $23.8272, flagged
    Bill b = bill_of("m7g.large", PurchaseOption::three_year);
    CHECK(b.total == doctest::Approx(730 * 0.0816 * 0.4).epsilon(1e-12));
    CHECK(b.total == doctest::Approx(23.8272).epsilon(1e-12));
    CHECK(flagged(b));
    try {
        (void)price({},
                    Offering{"", VmFleetConfig{.provider = "aws",
                                               .instance = "c7g.large",
                                               .purchase = PurchaseOption::one_year,
                                               .payment = ReservedPayment::all_upfront}},
                    Catalog::builtin());
        FAIL("expected PriceNotFound");
    } catch (const PriceNotFound& e) {
        CHECK(e.field() == "payment");
    }
}

TEST_CASE("VM reserved rates: Tokyo c7g and m7g on-demand prices") {
    SUBCASE("c7g.large") {
        // 730 h x $0.091 = $66.43 (was $0.0935 from uncited tables: 730 x 0.0935 = $68.255)
        Bill b = bill_of("c7g.large", PurchaseOption::on_demand, 1, "ap-northeast-1");
        usage_line(b, "Instance usage (c7g.large, on-demand)", "aws.ec2.ap-northeast-1.c7g.large");
        CHECK(b.total == doctest::Approx(66.43).epsilon(1e-12));
    }
    SUBCASE("m7g.2xlarge, two instances") {
        // 2 x 730 h x $0.4216 = $615.536
        Bill b = bill_of("m7g.2xlarge", PurchaseOption::on_demand, 2, "ap-northeast-1");
        CHECK(b.total == doctest::Approx(2 * 730 * 0.4216).epsilon(1e-12));
        CHECK(b.total == doctest::Approx(615.536).epsilon(1e-12));
    }
    SUBCASE("c7g.xlarge 1yr: no Tokyo rate, the flat fallback on the corrected price") {
        // 730 h x $0.1819 x (1 - 0.38) = $82.32794
        Bill b = bill_of("c7g.xlarge", PurchaseOption::one_year, 1, "ap-northeast-1");
        CHECK(b.total == doctest::Approx(730 * 0.1819 * 0.62).epsilon(1e-12));
        CHECK(b.total == doctest::Approx(82.32794).epsilon(1e-12));
        CHECK(flagged(b));
    }
}
