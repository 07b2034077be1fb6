// Break-even of the real Lambda model against a fixed monthly price, in closed form.
// Prices: aws-lambda.json (us-east-1 x86_64: $0.20 per 1M requests, $0.0000166667 per GB-s;
// free tier 1,000,000 requests + 400,000 GB-s). The fixed side is a t3.micro all month:
// 730 h x $0.0104 = $7.592.
#include <costsim/compare.hpp>
#include <costsim/costsim.hpp>
#include <costsim/detail/cost_model_data.hpp>
#include <doctest/doctest.h>

using namespace costsim;

namespace {

CostModel fixed_price(double dollars) {
    Component c;
    c.name = "Instance";
    c.unit = "month";
    c.fixed = 1.0;
    c.bands = {{0.0, kUnbounded, dollars, "Instance", "", ""}};
    return CostModel::from_data({.id = "t3.micro",
                                 .kind = "vm",
                                 .currency = "USD",
                                 .usage_priced = false,
                                 .components = {c},
                                 .conventions = {},
                                 .annotate = {}});
}

CostModel lambda_512mb_100ms(bool free_tier) {
    Offering o{"lambda", LambdaConfig{.memory_mb = 512, .free_tier = free_tier}};
    return CostModel::build(Workload{.requests_per_month = 1e6, .duration_ms = 100}, o, Catalog::builtin());
}

}  // namespace

TEST_CASE("Lambda 512 MB x 100 ms vs $7.592 a month, free tier off: lambda* = p / (S c_req)") {
    // c_req = 0.0000002 + 0.5 GB x 0.1 s x 0.0000166667 = 0.000001033335 $/request
    // R* = 7.592 / 0.000001033335 requests/month; lambda* = R* / 2,628,000 s = 2.7957... rps
    const double c_req = 0.0000002 + 0.5 * 0.1 * 0.0000166667;
    const double r_star = 7.592 / c_req;
    auto points = find_break_even(lambda_512mb_100ms(false), 1.0, fixed_price(7.592), 1.0, {0.0, 100.0});
    REQUIRE(points.size() == 1);
    CHECK(points[0].kind == BreakEven::Kind::crossing);
    CHECK(points[0].requests_per_month == doctest::Approx(r_star).epsilon(1e-9));
    CHECK(points[0].requests_per_second == doctest::Approx(7.592 / (2628000.0 * c_req)).epsilon(1e-9));
    CHECK(points[0].cheaper_below == "lambda");
    CHECK(points[0].cheaper_above == "t3.micro");
    CHECK(points[0].cost == doctest::Approx(7.592).epsilon(1e-9));
}

TEST_CASE("Lambda 512 MB x 100 ms vs $7.592 a month, free tier on") {
    // Requests are free up to 1,000,000; duration is free up to 400,000 GB-s / 0.05 GB-s
    // = 8,000,000 requests. At 8,000,000: (8,000,000 - 1,000,000) x 0.0000002 = $1.40.
    // Above: 1.40 + 0.000001033335 x (R - 8,000,000) = 7.592
    //   => R* = 8,000,000 + 6.192 / 0.000001033335
    const double r_star = 8e6 + 6.192 / 0.000001033335;
    auto points = find_break_even(lambda_512mb_100ms(true), 1.0, fixed_price(7.592), 1.0, {0.0, 100.0});
    REQUIRE(points.size() == 1);
    CHECK(points[0].requests_per_month == doctest::Approx(r_star).epsilon(1e-9));
    CHECK(points[0].cheaper_below == "lambda");
}

TEST_CASE("Lambda vs a fixed price in JPY: the factors put both in one currency") {
    // The fixed side is 1,138.8 JPY (7.592 x 150); Lambda's USD are multiplied by 150.
    // Same crossing as in USD: R* = 7.592 / 0.000001033335.
    const double r_star = 7.592 / 0.000001033335;
    auto points = find_break_even(lambda_512mb_100ms(false), 150.0, fixed_price(1138.8), 1.0, {0.0, 100.0});
    REQUIRE(points.size() == 1);
    CHECK(points[0].requests_per_month == doctest::Approx(r_star).epsilon(1e-9));
    CHECK(points[0].cost == doctest::Approx(1138.8).epsilon(1e-9));
}

TEST_CASE("Lambda 512 MB x 100 ms vs the real t3.micro model (one instance, 730 h x $0.0104)") {
    // Same closed form as above, with the VM priced by the catalog: 730 x $0.0104 = 7.592 plus its
    // public IPv4 address 730 x $0.005 = 3.65, so R* = 11.242 / 0.000001033335 (10.9 M, 4.14 rps).
    const Workload w{.requests_per_month = 1e6, .duration_ms = 100};
    const CostModel lambda =
        CostModel::build(w, Offering{"lambda", LambdaConfig{.memory_mb = 512, .free_tier = false}}, Catalog::builtin());
    const CostModel vm =
        CostModel::build(w, Offering{"vm", VmFleetConfig{.instance = "t3.micro", .count = 1}}, Catalog::builtin());
    auto points = find_break_even(lambda, 1.0, vm, 1.0, {0.0, 100.0});
    REQUIRE(points.size() == 1);
    CHECK(points[0].requests_per_month == doctest::Approx((7.592 + 3.65) / 0.000001033335).epsilon(1e-9));
    CHECK(points[0].cost == doctest::Approx(7.592 + 3.65).epsilon(1e-9));
    CHECK(points[0].cheaper_above == "vm");
}
