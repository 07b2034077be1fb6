// Purchase options. A 1yr/3yr reservation uses the instance's published rate
// "<instance id>.reserved.<term>.<payment>" when the catalog has one (t3.medium us-east-1: 1yr no
// upfront $0.0261/h, 3yr $0.018/h, infracost instance_test.golden); the upfront payment is a line of
// its own, upfront / (12 or 36) per instance-month. Without a rate, and for spot, a flat fraction off
// on-demand (aws.ec2.global.purchase.{1yr 0.38, 3yr 0.60, spot 0.65}) flagged as an approximation.
// 730 h a month throughout.
// Fleets here have no public IPv4 address, so totals are the instance-hours (and upfront) alone;
// the address, never discounted, is pinned in vm_public_ipv4.cpp.
#include <costsim/costsim.hpp>
#include <costsim/json.hpp>
#include <doctest/doctest.h>

#include "../support.hpp"

#include <string>

using namespace costsim;

namespace {

VmFleetConfig fleet_config(const std::string& instance, PurchaseOption p,
                           ReservedPayment payment = ReservedPayment::no_upfront) {
    return VmFleetConfig{
        .provider = "aws", .instance = instance, .purchase = p, .payment = payment, .public_ipv4 = false};
}

Bill bill_of(const VmFleetConfig& c, const Catalog& catalog = Catalog::builtin()) {
    return price({}, Offering{"", c}, catalog);
}

const Flag* flag(const Bill& b, std::string_view code) {
    for (const Flag& f : b.flags)
        if (f.code == code) return &f;
    return nullptr;
}

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

/// A user catalog: t3.medium us-east-1 Standard RIs with upfront payments. The hourly parts are
/// infracost's published partial-upfront outputs ($9.05 / 730 h = $0.0124, $6.06 / 730 h = $0.0083);
/// the upfront amounts are test figures.
constexpr const char* kUpfrontRates = R"({"schema": "cost-sim-catalog/1", "version": "test", "as_of": "2026-11-30",
  "entries": [
    {"id": "aws.ec2.us-east-1.t3.medium.reserved.1yr.partial_upfront", "provider": "aws", "service": "ec2",
     "region": "us-east-1", "description": "t3.medium 1yr partial upfront", "unit": "hour", "currency": "USD",
     "price": 0.0124, "reserved": {"term": "1yr", "payment": "partial_upfront", "upfront": 109},
     "source": "test", "as_of": "2026-11-30", "confidence": "unverified"},
    {"id": "aws.ec2.us-east-1.t3.medium.reserved.3yr.all_upfront", "provider": "aws", "service": "ec2",
     "region": "us-east-1", "description": "t3.medium 3yr all upfront", "unit": "hour", "currency": "USD",
     "price": 0, "reserved": {"term": "3yr", "payment": "all_upfront", "upfront": 432},
     "source": "test", "as_of": "2026-11-30", "confidence": "unverified"}
  ]})";

/// A user catalog with an instance type of its own and no reserved rates.
constexpr const char* kInstanceWithoutRates =
    R"({"schema": "cost-sim-catalog/1", "version": "test", "as_of": "2026-11-30",
  "entries": [
    {"id": "aws.ec2.us-east-1.z9.large", "provider": "aws", "service": "ec2", "region": "us-east-1",
     "description": "a type of the user's", "unit": "hour", "currency": "USD", "price": 0.2,
     "instance": {"name": "z9.large", "vcpu": 2, "memory_gib": 8},
     "source": "test", "as_of": "2026-11-30", "confidence": "unverified"}
  ]})";

/// The error a one-entry catalog document raises, or "(valid)".
std::string catalog_error(const std::string& entry) {
    try {
        (void)Catalog::from_json(
            R"({"schema": "cost-sim-catalog/1", "version": "t", "as_of": "2026-11-30", "entries": [)" + entry + "]}",
            "user.json");
    } catch (const InvalidCatalog& e) {
        return e.what();
    }
    return "(valid)";
}

std::string reserved_entry(const std::string& id, const std::string& price, const std::string& reserved) {
    return R"({"id": ")" + id + R"(", "provider": "aws", "service": "ec2", "region": "us-east-1",
               "description": "d", "unit": "hour", "currency": "USD", "price": )" +
           price + R"(, "reserved": )" + reserved +
           R"(, "source": "s", "as_of": "2026-11-30", "confidence": "unverified"})";
}

}  // namespace

TEST_CASE("VM purchase: on-demand") {
    // 730 x $0.0104 = $7.592
    Bill b = bill_of(fleet_config("t3.micro", PurchaseOption::on_demand));
    CHECK(b.total == doctest::Approx(7.592).epsilon(1e-12));
    CHECK(b.convention("purchase_option")->text == "on-demand");
    CHECK(flag(b, "purchase_approximation") == nullptr);
}

TEST_CASE("VM purchase: t3.medium 1-year Standard RI, no upfront, at its published rate") {
    // 730 h x $0.0261 = $19.053 (on-demand $0.0416: 37.3 % less, not the flat 38 %)
    Bill b = bill_of(fleet_config("t3.medium", PurchaseOption::one_year));
    const LineItem* line = test::find_line(b, "Instance usage (t3.medium, 1yr no upfront)");
    REQUIRE(line != nullptr);
    CHECK(line->quantity == doctest::Approx(730.0).epsilon(1e-12));
    CHECK(line->unit_price == doctest::Approx(0.0261).epsilon(1e-12));
    CHECK(line->price_id == "aws.ec2.us-east-1.t3.medium.reserved.1yr.no_upfront");
    CHECK(contains(line->note, "reserved rate $0.0261 per hour (Standard RI, 1yr no upfront; on-demand $0.0416)"));
    CHECK(b.line_items.size() == 1);  // no upfront line
    CHECK(b.total == doctest::Approx(0.0261 * 730).epsilon(1e-12));
    CHECK(b.total == doctest::Approx(19.053).epsilon(1e-12));
    CHECK(b.convention("purchase_payment")->text == "no_upfront");
    CHECK(b.convention("purchase_rate")->text ==
          "published reserved rate aws.ec2.us-east-1.t3.medium.reserved.1yr.no_upfront");
    CHECK(flag(b, "purchase_approximation") == nullptr);
    test::check_invariants(b);
}

TEST_CASE("VM purchase: t3.medium 3-year Standard RI, no upfront, three instances") {
    // 3 x 730 h x $0.018 = $39.42
    VmFleetConfig c = fleet_config("t3.medium", PurchaseOption::three_year);
    c.count = 3;
    Bill b = bill_of(c);
    const LineItem* line = test::find_line(b, "Instance usage (t3.medium, 3yr no upfront)");
    REQUIRE(line != nullptr);
    CHECK(line->quantity == doctest::Approx(3 * 730.0).epsilon(1e-12));
    CHECK(line->price_id == "aws.ec2.us-east-1.t3.medium.reserved.3yr.no_upfront");
    CHECK(b.total == doctest::Approx(39.42).epsilon(1e-12));
    CHECK(flag(b, "purchase_approximation") == nullptr);
}

TEST_CASE("VM purchase: a type without a published rate falls back to the flat fraction, flagged") {
    SUBCASE("m6i.large 3yr: the type has a published 1yr rate only") {
        // $0.096 x (1 - 0.60) = $0.0384; 730 h x $0.0384 = $28.032
        Bill b = bill_of(fleet_config("m6i.large", PurchaseOption::three_year));
        const LineItem* line = test::find_line(b, "Instance usage (m6i.large, 3yr no upfront)");
        REQUIRE(line != nullptr);
        CHECK(line->unit_price == doctest::Approx(0.096 * (1 - 0.60)).epsilon(1e-12));
        CHECK(line->price_id == "aws.ec2.us-east-1.m6i.large");
        CHECK(contains(line->note, "on-demand $0.096 per hour less 60 %"));
        CHECK(contains(line->note, "approximation, no published rate in catalog"));
        CHECK(b.total == doctest::Approx(28.032).epsilon(1e-12));
        const Flag* f = flag(b, "purchase_approximation");
        REQUIRE(f != nullptr);
        CHECK(contains(f->message,
                       "approximation: flat 60 % discount (aws.ec2.global.purchase.3yr), no published 3yr rate in "
                       "catalog for m6i.large in us-east-1"));
        CHECK(b.convention("purchase_rate")->text == "flat fallback aws.ec2.global.purchase.3yr");
    }
    SUBCASE("t3.micro 3yr: the type has a 1yr rate only") {
        // 730 h x $0.0104 x (1 - 0.60) = $3.0368
        Bill b = bill_of(fleet_config("t3.micro", PurchaseOption::three_year));
        CHECK(b.total == doctest::Approx(3.0368).epsilon(1e-12));
        REQUIRE(flag(b, "purchase_approximation") != nullptr);
        CHECK(contains(flag(b, "purchase_approximation")->message, "flat 60 % discount"));
    }
    SUBCASE("Tokyo t3.medium 1yr: rates are per region") {
        // 730 h x $0.0544 x 0.62 = $24.62144
        VmFleetConfig c = fleet_config("t3.medium", PurchaseOption::one_year);
        c.region = "ap-northeast-1";
        Bill b = bill_of(c);
        CHECK(b.total == doctest::Approx(24.62144).epsilon(1e-12));
        CHECK(flag(b, "purchase_approximation") != nullptr);
    }
}

TEST_CASE("VM purchase: spot is always a flagged approximation") {
    // 730 h x $0.0104 x (1 - 0.65) = $2.6572
    Bill b = bill_of(fleet_config("t3.micro", PurchaseOption::spot));
    CHECK(b.total == doctest::Approx(2.6572).epsilon(1e-12));
    CHECK(test::find_line(b, "Instance usage (t3.micro, spot)") != nullptr);
    REQUIRE(flag(b, "purchase_approximation") != nullptr);
    CHECK(contains(flag(b, "purchase_approximation")->message, "flat 65 % spot discount"));
}

TEST_CASE("VM purchase: partial upfront shows the upfront payment amortised over the term") {
    const Catalog catalog = Catalog::builtin().merged_with(Catalog::from_json(kUpfrontRates, "user.json"));
    VmFleetConfig c = fleet_config("t3.medium", PurchaseOption::one_year, ReservedPayment::partial_upfront);
    c.count = 2;
    Bill b = bill_of(c, catalog);
    // hourly: 2 x 730 h x $0.0124 = $18.104; upfront: 2 instance-months x $109 / 12 = $18.1666...
    const LineItem* hourly = test::find_line(b, "Instance usage (t3.medium, 1yr partial upfront)");
    const LineItem* upfront =
        test::find_line(b, "Reserved upfront payment, amortised (t3.medium, 1yr partial upfront)");
    REQUIRE(hourly != nullptr);
    REQUIRE(upfront != nullptr);
    CHECK(hourly->cost == doctest::Approx(2 * 730 * 0.0124).epsilon(1e-12));
    CHECK(hourly->price_id == "aws.ec2.us-east-1.t3.medium.reserved.1yr.partial_upfront");
    CHECK(upfront->unit == "instance-month");
    CHECK(upfront->quantity == doctest::Approx(2.0).epsilon(1e-12));
    CHECK(upfront->unit_price == doctest::Approx(109.0 / 12).epsilon(1e-12));
    CHECK(upfront->price_id == "aws.ec2.us-east-1.t3.medium.reserved.1yr.partial_upfront");
    CHECK(upfront->note == "upfront $109 per instance / 12 months");
    CHECK(b.total == doctest::Approx(2 * 730 * 0.0124 + 2 * 109.0 / 12).epsilon(1e-12));
    CHECK(b.convention("purchase_payment")->text == "partial_upfront");
    CHECK(b.convention("reserved_upfront_per_instance")->value == 109);
    CHECK(b.convention("reserved_term_months")->value == 12);
    CHECK(flag(b, "purchase_approximation") == nullptr);
    test::check_invariants(b);
}

TEST_CASE("VM purchase: all upfront has a $0 hourly line and the upfront over 36 months") {
    const Catalog catalog = Catalog::builtin().merged_with(Catalog::from_json(kUpfrontRates, "user.json"));
    Bill b = bill_of(fleet_config("t3.medium", PurchaseOption::three_year, ReservedPayment::all_upfront), catalog);
    // $432 / 36 = $12 a month; the hourly line is 730 h x $0 = $0
    const LineItem* hourly = test::find_line(b, "Instance usage (t3.medium, 3yr all upfront)");
    REQUIRE(hourly != nullptr);
    CHECK(hourly->cost == 0.0);
    CHECK(contains(hourly->note, "the upfront payment covers every hour"));
    const LineItem* upfront = test::find_line(b, "Reserved upfront payment, amortised (t3.medium, 3yr all upfront)");
    REQUIRE(upfront != nullptr);
    CHECK(upfront->cost == doctest::Approx(12.0).epsilon(1e-12));
    CHECK(upfront->note == "upfront $432 per instance / 36 months");
    CHECK(b.total == doctest::Approx(12.0).epsilon(1e-12));
}

TEST_CASE("VM purchase: an upfront payment option without a published rate is refused") {
    // The flat fallback stands for no upfront only; a partial-upfront bill from it would be invented.
    try {
        (void)bill_of(fleet_config("t3.medium", PurchaseOption::one_year, ReservedPayment::partial_upfront));
        FAIL("expected PriceNotFound");
    } catch (const PriceNotFound& e) {
        CHECK(e.field() == "payment");
        CHECK(contains(e.what(), "aws.ec2.us-east-1.t3.medium.reserved.1yr.partial_upfront"));
    }
}

TEST_CASE("VM purchase: a user catalog without rates uses the flagged fallback") {
    const Catalog catalog = Catalog::builtin().merged_with(Catalog::from_json(kInstanceWithoutRates, "user.json"));
    // 730 h x $0.2 x 0.62 = $90.52
    Bill b = bill_of(fleet_config("z9.large", PurchaseOption::one_year), catalog);
    CHECK(b.total == doctest::Approx(90.52).epsilon(1e-12));
    REQUIRE(flag(b, "purchase_approximation") != nullptr);
    CHECK(contains(flag(b, "purchase_approximation")->message, "no published 1yr rate in catalog for z9.large"));
}

TEST_CASE("VM purchase: payment is validated and read from scenarios") {
    CHECK(test::invalid_field(
              Offering{"", fleet_config("t3.micro", PurchaseOption::spot, ReservedPayment::all_upfront)}) == "payment");
    CHECK(test::invalid_field(Offering{
              "", fleet_config("t3.micro", PurchaseOption::on_demand, ReservedPayment::partial_upfront)}) == "payment");
    CHECK(test::invalid_field(Offering{
              "", fleet_config("t3.micro", PurchaseOption::three_year, ReservedPayment::all_upfront)}) == "(valid)");

    // One offering read from a scenario, as the CLI's --scenario and the API's estimate do.
    auto offering_of = [](const std::string& json) {
        return parse_scenario(R"({"workload": {"requests_per_month": 1, "duration_ms": 1}, "offering": )" + json + "}",
                              ScenarioShape::one_offering)
            .offerings.at(0);
    };
    Offering o =
        offering_of(R"({"kind": "vm", "instance": "t3.medium", "purchase": "1yr", "payment": "partial_upfront"})");
    CHECK(std::get<VmFleetConfig>(o.config).payment == ReservedPayment::partial_upfront);
    Offering d = offering_of(R"({"kind": "vm", "instance": "t3.medium", "purchase": "3yr"})");
    CHECK(std::get<VmFleetConfig>(d.config).payment == ReservedPayment::no_upfront);
    try {
        (void)offering_of(R"({"kind": "vm", "instance": "t3.medium", "purchase": "1yr", "payment": "half"})");
        FAIL("expected InvalidInput");
    } catch (const InvalidInput& e) {
        CHECK(e.field() == "offering.payment");
    }
}

TEST_CASE("VM purchase: reserved-rate entries are validated") {
    const std::string id = "aws.ec2.us-east-1.t3.medium.reserved.1yr.no_upfront";
    CHECK(catalog_error(reserved_entry(id, "0.0261", R"({"term": "1yr", "payment": "no_upfront"})")) == "(valid)");
    CHECK(contains(catalog_error(reserved_entry(id, "0.0261", R"({"term": "3yr", "payment": "no_upfront"})")),
                   "a reserved rate's id must be \"<instance entry id>.reserved.3yr.no_upfront\""));
    CHECK(contains(catalog_error(reserved_entry(id, "0.0261", R"({"term": "2yr", "payment": "no_upfront"})")),
                   "reserved.term: must be 1yr or 3yr"));
    CHECK(contains(
        catalog_error(reserved_entry(id, "0.0261", R"({"term": "1yr", "payment": "no_upfront", "upfront": 5})")),
        "reserved.upfront: must be 0 (or absent) for no_upfront"));
    const std::string partial = "aws.ec2.us-east-1.t3.medium.reserved.1yr.partial_upfront";
    CHECK(contains(catalog_error(reserved_entry(partial, "0.0124", R"({"term": "1yr", "payment": "partial_upfront"})")),
                   "reserved.upfront: is required and must be above 0 for partial_upfront"));
    CHECK(contains(catalog_error(reserved_entry(partial, "0.0124",
                                                R"({"term": "1yr", "payment": "partial_upfront", "upfront": 2e9})")),
                   "reserved.upfront: must be in [0, 1e9]"));
    const std::string all = "aws.ec2.us-east-1.t3.medium.reserved.1yr.all_upfront";
    CHECK(contains(
        catalog_error(reserved_entry(all, "0.01", R"({"term": "1yr", "payment": "all_upfront", "upfront": 200})")),
        "price: must be 0 for all_upfront"));
    CHECK(contains(catalog_error(reserved_entry(id, "0.0261", R"({"term": "1yr", "payment": "no_upfront", "fee": 1})")),
                   "reserved.fee: unknown field"));
}

TEST_CASE("VM purchase: every built-in reserved rate belongs to an instance entry, below its on-demand price") {
    const Catalog& catalog = Catalog::builtin();
    int rates = 0;
    for (const PriceEntry& e : catalog.entries()) {
        if (!e.reserved) continue;
        ++rates;
        const std::string suffix = ".reserved." + e.reserved->term + "." + e.reserved->payment;
        const PriceEntry* instance = catalog.find(e.id.substr(0, e.id.size() - suffix.size()));
        REQUIRE_MESSAGE(instance != nullptr, e.id);
        REQUIRE(instance->instance.has_value());
        CHECK_MESSAGE(e.flat_price() < instance->flat_price(), e.id);
    }
    CHECK(rates >= 8);  // the loop checked something
}

TEST_CASE("VM purchase: reserved terms survive the catalog's JSON round trip") {
    const Catalog again = Catalog::from_json(catalog_to_json(Catalog::builtin(), "aws", "us-east-1"), "round trip");
    const PriceEntry* rate = again.find("aws.ec2.us-east-1.t3.medium.reserved.3yr.no_upfront");
    REQUIRE(rate != nullptr);
    REQUIRE(rate->reserved.has_value());
    CHECK(rate->reserved->term == "3yr");
    CHECK(rate->reserved->payment == "no_upfront");
    CHECK(rate->reserved->upfront == 0.0);
    CHECK(rate->flat_price() == 0.018);
}
