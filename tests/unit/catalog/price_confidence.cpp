// Every line item carries its price's catalog confidence, and a bill that uses an unverified
// price says so in an "unverified_price" flag listing the entries. Priced on a small test
// catalog (tests/data/catalogs/unverified-prices.json) whose Lambda duration, HTTP API and 3-year
// discount are marked unverified, so the checks do not depend on the built-in catalog's marks.
#include <costsim/costsim.hpp>
#include <costsim/json.hpp>
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "../support.hpp"

#include <fstream>
#include <sstream>

using namespace costsim;

namespace {

const Catalog& test_catalog() {
    static const Catalog catalog = [] {
        std::ifstream in(std::string(COSTSIM_TEST_DATA_DIR) + "/catalogs/unverified-prices.json");
        REQUIRE(in);
        std::stringstream text;
        text << in.rdbuf();
        return Catalog::from_json(text.str(), "unverified-prices.json");
    }();
    return catalog;
}

const Flag* find_flag(const Bill& bill, std::string_view code) {
    for (const Flag& f : bill.flags)
        if (f.code == code) return &f;
    return nullptr;
}

/// The issue's Lambda: 3,000,000 requests of 1,000 ms on 512 MB.
const Workload kIssue{.requests_per_month = 3e6, .duration_ms = 1000};

}  // namespace

TEST_CASE("each line item carries the confidence of its catalog entry") {
    const Bill bill = price(kIssue, {"", LambdaConfig{.memory_mb = 512}}, test_catalog());
    test::check_invariants(bill);
    REQUIRE(bill.line_items.size() == 4);
    // Free bands come from the (verified) allowance entries, priced bands from the price entries.
    CHECK(test::find_line(bill, "Requests, free tier")->confidence == Confidence::verified);
    CHECK(test::find_line(bill, "Requests")->confidence == Confidence::verified);
    CHECK(test::find_line(bill, "Duration (x86_64), free tier")->confidence == Confidence::verified);
    const LineItem* duration = test::find_line(bill, "Duration (x86_64)");
    REQUIRE(duration);
    CHECK(duration->confidence == Confidence::unverified);
    // 3,000,000 x 0.5 GB x 1 s = 1,500,000 GB-s, less 400,000 free = 1,100,000 at $0.0000166667
    CHECK(duration->cost == doctest::Approx(1100000 * 0.0000166667));
    // (3,000,000 - 1,000,000) x $0.0000002 = $0.40; total $0.40 + $18.33337
    CHECK(bill.total == doctest::Approx(2000000 * 0.0000002 + 1100000 * 0.0000166667));
}

TEST_CASE("a bill using an unverified price carries a flag listing it; one that does not, none") {
    const Bill bill = price(kIssue, {"", LambdaConfig{.memory_mb = 512}}, test_catalog());
    const Flag* flag = find_flag(bill, "unverified_price");
    REQUIRE(flag);
    CHECK(flag->message ==
          "this bill uses prices marked unverified in the catalog: aws.lambda.us-east-1.x86_64.duration; "
          "check them at their source before relying on it");

    // 100,000 requests x 0.5 GB x 1 s = 50,000 GB-s stay inside the 400,000 free GB-s: the bill
    // shows only the free band of duration, so no unverified price is used.
    const Bill small =
        price({.requests_per_month = 1e5, .duration_ms = 1000}, {"", LambdaConfig{.memory_mb = 512}}, test_catalog());
    CHECK(small.line_items.size() == 2);
    for (const LineItem& item : small.line_items) CHECK(item.confidence == Confidence::verified);
    CHECK(find_flag(small, "unverified_price") == nullptr);
}

TEST_CASE("the flag lists every unverified entry of the bill once, in line-item order") {
    const Bill bill =
        price(kIssue, {"", LambdaConfig{.memory_mb = 512, .front_door = FrontDoor::http_api}}, test_catalog());
    const LineItem* api = test::find_line(bill, "API Gateway HTTP API requests");
    REQUIRE(api);
    CHECK(api->confidence == Confidence::unverified);
    // 3,000,000 requests of 1 KiB = one 512 KB unit each, at $0.000001
    CHECK(api->cost == doctest::Approx(3000000 * 0.000001));
    const Flag* flag = find_flag(bill, "unverified_price");
    REQUIRE(flag);
    CHECK(flag->message.find(
              "catalog: aws.lambda.us-east-1.x86_64.duration, aws.apigateway.us-east-1.http_api.requests;") !=
          std::string_view::npos);
}

TEST_CASE("a discounted instance price is as weak as the weaker of the instance and the discount") {
    const Workload w{.requests_per_month = 0, .duration_ms = 100};
    const Bill three_year =
        price(w, {"", VmFleetConfig{.instance = "t3.micro", .count = 1, .purchase = PurchaseOption::three_year}},
              test_catalog());
    const LineItem& usage = three_year.line_items.front();
    CHECK(usage.price_id == "aws.ec2.us-east-1.t3.micro");  // verified itself
    CHECK(usage.confidence == Confidence::unverified);      // the 3-year discount is not
    // 730 h x $0.0104 x (1 - 0.6)
    CHECK(usage.cost == doctest::Approx(730 * 0.0104 * (1 - 0.6)));
    const Flag* flag = find_flag(three_year, "unverified_price");
    REQUIRE(flag);
    CHECK(flag->message.find("catalog: aws.ec2.global.purchase.3yr;") != std::string_view::npos);

    const Bill one_year =
        price(w, {"", VmFleetConfig{.instance = "t3.micro", .count = 1, .purchase = PurchaseOption::one_year}},
              test_catalog());
    CHECK(one_year.line_items.front().confidence == Confidence::single_source);
    CHECK(find_flag(one_year, "unverified_price") == nullptr);  // single-source is not flagged
    const Bill on_demand = price(w, {"", VmFleetConfig{.instance = "t3.micro", .count = 1}}, test_catalog());
    CHECK(on_demand.line_items.front().confidence == Confidence::verified);
}

TEST_CASE("a reserved rate and its amortised upfront line carry the reserved entry's confidence") {
    VmFleetConfig fleet{.instance = "t3.micro",
                        .count = 1,
                        .purchase = PurchaseOption::one_year,
                        .payment = ReservedPayment::partial_upfront};
    fleet.public_ipv4 = false;  // the two reservation lines only
    const Bill bill = price({.requests_per_month = 0, .duration_ms = 100}, {"", fleet}, test_catalog());
    REQUIRE(bill.line_items.size() == 2);
    for (const LineItem& line : bill.line_items) {
        CAPTURE(line.name);
        CHECK(line.price_id == "aws.ec2.us-east-1.t3.micro.reserved.1yr.partial_upfront");
        CHECK(line.confidence == Confidence::unverified);
    }
    // 730 h x $0.003 + $26.28 upfront / 12 months
    CHECK(bill.total == doctest::Approx(730 * 0.003 + 26.28 / 12));
    const Flag* flag = find_flag(bill, "unverified_price");
    REQUIRE(flag);
    CHECK(flag->message.find("catalog: aws.ec2.us-east-1.t3.micro.reserved.1yr.partial_upfront;") !=
          std::string_view::npos);
}

TEST_CASE("the flag's text outlives the model and survives a currency conversion") {
    Bill bill;
    {
        const CostModel model = CostModel::build(kIssue, {"", LambdaConfig{.memory_mb = 512}}, test_catalog());
        bill = model.bill();
    }
    const Bill yen = convert(bill, "JPY", 150);
    bill = Bill{};  // the converted copy holds the text on its own
    const Flag* flag = find_flag(yen, "unverified_price");
    REQUIRE(flag);
    CHECK(flag->message.find("aws.lambda.us-east-1.x86_64.duration") != std::string_view::npos);
    CHECK(test::find_line(yen, "Duration (x86_64)")->confidence == Confidence::unverified);
    CHECK(test::find_line(yen, "Requests")->confidence == Confidence::verified);
}

TEST_CASE("the JSON report gives every line item its confidence") {
    const Bill bill = price(kIssue, {"", LambdaConfig{.memory_mb = 512}}, test_catalog());
    const auto j = nlohmann::json::parse(to_json(bill));
    REQUIRE(j["line_items"].size() == bill.line_items.size());
    for (std::size_t i = 0; i < bill.line_items.size(); ++i)
        CHECK(j["line_items"][i]["confidence"] == to_string(bill.line_items[i].confidence));
    CHECK(j["line_items"][3]["confidence"] == "unverified");
    CHECK(j["flags"].back()["code"] == "unverified_price");
}

TEST_CASE("a comparison's bills carry their own unverified flags") {
    const Comparison c =
        compare(kIssue, {{"", LambdaConfig{.memory_mb = 512}}, {"", VmFleetConfig{.instance = "t3.micro", .count = 1}}},
                test_catalog());
    REQUIRE(c.results.size() == 2);
    CHECK(find_flag(c.results[0].bill, "unverified_price") != nullptr);
    CHECK(find_flag(c.results[1].bill, "unverified_price") == nullptr);
}
