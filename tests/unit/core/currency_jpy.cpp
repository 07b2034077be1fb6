// Currency: a bill keeps its catalog currency; convert() multiplies every unit price and cost by an
// explicit rate and records it. Sakura 1core-1GB = JPY 1,595/month; EC2 t3.micro 730 h = $7.592.
#include <costsim/costsim.hpp>
#include <doctest/doctest.h>

#include "../support.hpp"

using namespace costsim;

namespace {
Bill sakura() {
    return price({}, Offering{"", VmFleetConfig{.provider = "sakura", .instance = "1core-1GB"}}, Catalog::builtin());
}
Bill ec2() {
    return price({}, Offering{"", VmFleetConfig{.provider = "aws", .instance = "t3.micro"}}, Catalog::builtin());
}
}  // namespace

TEST_CASE("Currency: Sakura (JPY) shown in USD at 150 and at 125 JPY per USD") {
    Bill jpy = sakura();
    REQUIRE(jpy.currency == "JPY");
    // 1,595 / 150 = $10.633333...
    Bill usd = convert(jpy, "USD", 150.0);
    CHECK(usd.currency == "USD");
    CHECK(usd.total == doctest::Approx(1595.0 / 150.0).epsilon(1e-12));
    CHECK(usd.total == doctest::Approx(10.6333333333).epsilon(1e-10));
    CHECK(usd.convention("jpy_per_usd")->value == 150.0);
    CHECK(usd.convention("converted_from")->text == "JPY");
    test::check_invariants(usd);
    // 1,595 / 125 = $12.76
    CHECK(convert(jpy, "USD", 125.0).total == doctest::Approx(12.76).epsilon(1e-12));
}

TEST_CASE("Currency: EC2 (USD) shown in JPY at 150 and at 160 JPY per USD") {
    Bill usd = ec2();
    REQUIRE(usd.currency == "USD");
    // (7.592 + 3.65 public IPv4) x 150 = 11.242 x 150 = JPY 1,686.30; unit price 0.0104 x 150 = JPY 1.56 per hour
    Bill jpy = convert(usd, "JPY", 150.0);
    CHECK(jpy.currency == "JPY");
    CHECK(jpy.total == doctest::Approx((7.592 + 3.65) * 150).epsilon(1e-12));
    CHECK(test::find_line(jpy, "Instance usage (t3.micro, on-demand)")->unit_price ==
          doctest::Approx(1.56).epsilon(1e-12));
    CHECK(jpy.convention("jpy_per_usd")->value == 150.0);
    test::check_invariants(jpy);
    // 11.242 x 160 = JPY 1,798.72
    CHECK(convert(usd, "JPY", 160.0).total == doctest::Approx((7.592 + 3.65) * 160).epsilon(1e-12));
}

TEST_CASE("Currency: round trip and same currency") {
    // JPY -> USD -> JPY at one rate gives back JPY 1,595
    CHECK(convert(convert(sakura(), "USD", 150.0), "JPY", 150.0).total == doctest::Approx(1595.0).epsilon(1e-12));
    // same currency: unchanged, no rate recorded
    Bill same = convert(ec2(), "USD", 150.0);
    CHECK(same.total == doctest::Approx(7.592 + 3.65).epsilon(1e-12));
    CHECK(same.convention("jpy_per_usd") == nullptr);
}

TEST_CASE("Currency: bad rate or currency names its field") {
    try {
        (void)convert(ec2(), "JPY", 0.0);
        FAIL("expected InvalidInput");
    } catch (const InvalidInput& e) {
        CHECK(e.field() == "jpy_per_usd");
    }
    try {
        (void)convert(ec2(), "EUR", 150.0);
        FAIL("expected InvalidInput");
    } catch (const InvalidInput& e) {
        CHECK(e.field() == "currency");
    }
}

TEST_CASE("Currency: one bill holds one currency; a mixed catalog is an error, never a silent sum") {
    // an overlay that prices Sakura egress in USD: the JPY fleet bill refuses it
    const Catalog overlay =
        Catalog::from_json(R"({"schema": "cost-sim-catalog/1", "version": "t", "as_of": "2026-11-22",
        "entries": [{"id": "sakura.data_transfer.is1a.internet_out", "provider": "sakura", "service": "data_transfer",
                     "region": "is1a", "description": "test", "unit": "GB", "currency": "USD", "price": 0.01,
                     "source": "test", "as_of": "2026-11-22", "confidence": "unverified"}]})");
    const Catalog mixed = Catalog::builtin().merged_with(overlay);
    Workload w{.requests_per_month = 1e6, .response_kb = 10};
    try {
        (void)price(w, Offering{"", VmFleetConfig{.provider = "sakura", .instance = "1core-1GB"}}, mixed);
        FAIL("expected InvalidCatalog");
    } catch (const InvalidCatalog& e) {
        CHECK(e.field() == "sakura.data_transfer.is1a.internet_out");
    }
}

TEST_CASE("Currency: the same rule and message for a fleet's storage, Cloud Run and egress") {
    // One overlay entry repriced in JPY inside a USD bill, for each of the three places a bill
    // meets a second entry: a fleet block (EBS gp3), a serverless price (Cloud Run vCPU-seconds),
    // and data out (AWS us-east-1 egress, through the fleet).
    const auto in_jpy = [](const std::string& id, const std::string& provider, const std::string& service,
                           const std::string& region, const std::string& unit) {
        return Catalog::builtin().merged_with(Catalog::from_json(
            R"({"schema": "cost-sim-catalog/1", "version": "t", "as_of": "2026-11-22", "entries": [{"id": ")" + id +
            R"(", "provider": ")" + provider + R"(", "service": ")" + service + R"(", "region": ")" + region +
            R"(", "description": "test", "unit": ")" + unit + R"(", "currency": "JPY", "price": 10, "source": "test",
            "as_of": "2026-11-22", "confidence": "unverified"}]})"));
    };
    const auto refusal = [](const Workload& w, const Offering& o, const Catalog& catalog) -> std::string {
        try {
            (void)price(w, o, catalog);
        } catch (const InvalidCatalog& e) {
            return e.field() + " | " + e.what();
        }
        return "accepted";
    };
    CHECK(refusal({}, Offering{"", VmFleetConfig{.instance = "t3.micro", .storage_gb = 20}},
                  in_jpy("aws.ebs.us-east-1.gp3", "aws", "ebs", "us-east-1", "GB-month")) ==
          "aws.ebs.us-east-1.gp3 | catalog entry aws.ebs.us-east-1.gp3 is priced in JPY but this bill is in USD; "
          "one bill holds one currency");
    CHECK(refusal({.requests_per_month = 1e6}, Offering{"", CloudRunConfig{.region = "us-central1"}},
                  in_jpy("gcp.cloud_run.us-central1.vcpu_seconds", "gcp", "cloud_run", "us-central1", "vCPU-second")) ==
          "gcp.cloud_run.us-central1.vcpu_seconds | catalog entry gcp.cloud_run.us-central1.vcpu_seconds is priced in "
          "JPY but this bill is in USD; one bill holds one currency");
    CHECK(refusal({.requests_per_month = 1e6, .response_kb = 10}, Offering{"", VmFleetConfig{.instance = "t3.micro"}},
                  in_jpy("aws.data_transfer.us-east-1.internet_out", "aws", "data_transfer", "us-east-1", "GB")) ==
          "aws.data_transfer.us-east-1.internet_out | catalog entry aws.data_transfer.us-east-1.internet_out is priced "
          "in JPY but this bill is in USD; one bill holds one currency");
}
