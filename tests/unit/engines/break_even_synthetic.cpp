// Exact break-even on hand-made models: zero, one and three crossings, a crossing exactly at a
// fleet step, a touch at a fleet corner that changes nothing, ties over intervals, and the bounds.
// Every expected value is solved by hand from the model's prices (arithmetic in the comments).
#include <costsim/compare.hpp>
#include <costsim/costsim.hpp>
#include <costsim/detail/cost_model_data.hpp>
#include <doctest/doctest.h>

#include <cmath>

using namespace costsim;

namespace {

constexpr double kRel = 1e-9;  // the promised relative error of a break-even point

Component per_request(double dollars_per_request, std::vector<Band> bands = {}) {
    Component c;
    c.name = "Requests";
    c.unit = "request";
    c.per_request = 1.0;
    c.bands = bands.empty() ? std::vector<Band>{{0.0, kUnbounded, dollars_per_request, "Requests", "", ""}}
                            : std::move(bands);
    return c;
}

Component monthly_fee(double dollars) {
    Component c;
    c.name = "Fee";
    c.unit = "month";
    c.fixed = 1.0;
    c.bands = {{0.0, kUnbounded, dollars, "Fee", "", ""}};
    return c;
}

/// A fleet of instances at `dollars_each` a month; one instance carries `requests_each` a month.
Component fleet(double dollars_each, double requests_each, double min_instances = 1.0) {
    Component c;
    c.shape = Component::Shape::fleet;
    c.name = "Instances";
    c.unit = "instance-month";
    c.segments = {{1.0, min_instances, 1.0 / requests_each}};
    c.bands = {{0.0, kUnbounded, dollars_each, "Instances", "", ""}};
    return c;
}

CostModel model(std::string id, bool usage_priced, std::vector<Component> components) {
    return CostModel::from_data({.id = std::move(id),
                                 .kind = usage_priced ? "lambda" : "vm",
                                 .currency = "USD",
                                 .usage_priced = usage_priced,
                                 .components = std::move(components),
                                 .conventions = {},
                                 .annotate = {}});
}

/// A traffic range given in requests per month.
TrafficRange monthly(double from, double to) { return {from / kSecondsPerMonth, to / kSecondsPerMonth}; }

}  // namespace

TEST_CASE("break-even: none when one side is cheaper over the whole range") {
    // a = $0.000001 x R; b = $100. At the top of the range, 10 rps = 26,280,000 requests,
    // a = $26.28 < $100: a is cheaper everywhere, nothing to report.
    auto a = model("a", true, {per_request(1e-6)});
    auto b = model("b", false, {monthly_fee(100)});
    CHECK(find_break_even(a, 1.0, b, 1.0, {0.0, 10.0}).empty());
}

TEST_CASE("break-even: one crossing of a line and a flat fee") {
    // a = $0.000001 x R, b = $10: a = b at R = 10 / 0.000001 = 10,000,000 requests/month
    // = 10,000,000 / 2,628,000 = 3.80517503805... rps; a is cheaper below, b above; cost $10.
    auto a = model("a", true, {per_request(1e-6)});
    auto b = model("b", false, {monthly_fee(10)});
    auto points = find_break_even(a, 1.0, b, 1.0, {0.0, 10.0});
    REQUIRE(points.size() == 1);
    CHECK(points[0].kind == BreakEven::Kind::crossing);
    CHECK(points[0].requests_per_month == doctest::Approx(1e7).epsilon(kRel));
    CHECK(points[0].requests_per_second == doctest::Approx(1e7 / 2628000.0).epsilon(kRel));
    CHECK(points[0].cheaper_below == "a");
    CHECK(points[0].cheaper_above == "b");
    CHECK(points[0].cost == doctest::Approx(10.0).epsilon(kRel));
    CHECK(points[0].serverless_id == "a");
    CHECK(points[0].other_id == "b");
}

TEST_CASE("break-even: the currency factors apply to each side") {
    // a in USD converted at 150 JPY/USD: 150 x 0.000001 x R; b = 3,000 JPY.
    // 0.00015 R = 3,000 at R = 20,000,000; cost 3,000 JPY.
    auto a = model("a", true, {per_request(1e-6)});
    auto b = model("b", false, {monthly_fee(3000)});
    auto points = find_break_even(a, 150.0, b, 1.0, monthly(0, 5e7));
    REQUIRE(points.size() == 1);
    CHECK(points[0].requests_per_month == doctest::Approx(2e7).epsilon(kRel));
    CHECK(points[0].cost == doctest::Approx(3000.0).epsilon(kRel));
}

TEST_CASE("break-even: a free tier bends the line before the crossing") {
    // a: first 1,000,000 requests free, then $0.000002 each. b = $10.
    // 0.000002 x (R - 1,000,000) = 10  =>  R = 1,000,000 + 5,000,000 = 6,000,000.
    auto a =
        model("a", true, {per_request(0, {{0.0, 1e6, 0.0, "free", "", ""}, {1e6, kUnbounded, 2e-6, "paid", "", ""}})});
    auto b = model("b", false, {monthly_fee(10)});
    auto points = find_break_even(a, 1.0, b, 1.0, monthly(0, 2e7));
    REQUIRE(points.size() == 1);
    CHECK(points[0].requests_per_month == doctest::Approx(6e6).epsilon(kRel));
}

TEST_CASE("break-even: three changes against a fleet staircase") {
    // a = $0.000002 x R. b = $5 per instance, one instance per 4,000,000 requests/month:
    // b = 5 on (0, 4M], 10 on (4M, 8M], 15 on (8M, 12M].
    //  (0, 4M]: a = 5 at R = 2,500,000            -> crossing, a below, b above, cost 5
    //  at 4M:   a = 8, b jumps 5 -> 10            -> step, b below, a above, cost 8 (a does not jump)
    //  (4M, 8M]: a = 10 at R = 5,000,000          -> crossing, a below, b above, cost 10
    //  at 8M:   a = 16, b jumps 10 -> 15: a is still dearer, nothing; (8M, 10M]: a > 15.
    auto a = model("a", true, {per_request(2e-6)});
    auto b = model("b", false, {fleet(5.0, 4e6)});
    auto points = find_break_even(a, 1.0, b, 1.0, monthly(0, 1e7));
    REQUIRE(points.size() == 3);
    CHECK(points[0].kind == BreakEven::Kind::crossing);
    CHECK(points[0].requests_per_month == doctest::Approx(2.5e6).epsilon(kRel));
    CHECK(points[0].cheaper_below == "a");
    CHECK(points[0].cheaper_above == "b");
    CHECK(points[0].cost == doctest::Approx(5.0).epsilon(kRel));

    CHECK(points[1].kind == BreakEven::Kind::step);
    CHECK(points[1].requests_per_month == doctest::Approx(4e6).epsilon(kRel));
    CHECK(points[1].cheaper_below == "b");
    CHECK(points[1].cheaper_above == "a");
    CHECK(points[1].cost == doctest::Approx(8.0).epsilon(kRel));

    CHECK(points[2].kind == BreakEven::Kind::crossing);
    CHECK(points[2].requests_per_month == doctest::Approx(5e6).epsilon(kRel));
    CHECK(points[2].cheaper_below == "a");
    CHECK(points[2].cheaper_above == "b");
    CHECK(points[2].cost == doctest::Approx(10.0).epsilon(kRel));
}

TEST_CASE("break-even: a crossing exactly at a fleet step is reported once") {
    // a = $9 + $0.000001 x R. b = $0.000002 x R + $5 per instance (one per 4,000,000 requests).
    // a - b = 9 - 0.000001 R - 5 x instances.
    //  (0, 4M]: 4 - 0.000001 R > 0 (b cheaper), reaching 0 at R = 4,000,000 exactly, where
    //  a = 9 + 4 = 13 and b = 8 + 5 = 13 (one instance: a bill at a step counts the lower fleet).
    //  above 4M: 9 - 0.000001 R - 10 < 0 (a cheaper). One crossing at 4,000,000, cost 13.
    auto a = model("a", true, {monthly_fee(9), per_request(1e-6)});
    auto b = model("b", false, {per_request(2e-6), fleet(5.0, 4e6)});
    auto points = find_break_even(a, 1.0, b, 1.0, monthly(0, 1e7));
    REQUIRE(points.size() == 1);
    CHECK(points[0].kind == BreakEven::Kind::crossing);
    CHECK(points[0].requests_per_month == doctest::Approx(4e6).epsilon(kRel));
    CHECK(points[0].cheaper_below == "b");
    CHECK(points[0].cheaper_above == "a");
    CHECK(points[0].cost == doctest::Approx(13.0).epsilon(kRel));
}

TEST_CASE("break-even: a line through a fleet corner changes nothing there") {
    // a = $0.0000025 x R; b = $5 per instance per 4,000,000 requests.
    //  (0, 4M]: a = 5 at R = 2,000,000 -> crossing (a below, b above).
    //  at 4M: a = 10 = b's new level (touch only); above, a > 10 = b: b stays cheaper.
    //  (4M, 8M]: a in (10, 20] > 10; at 8M b = 15 < a = 20. One point only.
    auto a = model("a", true, {per_request(2.5e-6)});
    auto b = model("b", false, {fleet(5.0, 4e6)});
    auto points = find_break_even(a, 1.0, b, 1.0, monthly(0, 1e7));
    REQUIRE(points.size() == 1);
    CHECK(points[0].requests_per_month == doctest::Approx(2e6).epsilon(kRel));
}

TEST_CASE("break-even: equal costs over an interval are one tie, merged across kinks") {
    // a = $0.000002 x min(R, 5,000,000) + $0.000001 x max(0, R - 8,000,000)
    //   = 0.000002 R below 5M, $10 from 5M to 8M, 10 + 0.000001 (R - 8M) above.
    // b = $10, plus a $0-priced per-request dimension with a band boundary at 6M (a kink inside
    // the tie that must not split it).
    // a < b below 5M; a = b on [5M, 8M]; a > b above 8M.
    Component capped = per_request(2e-6);
    capped.upper = 5e6;
    auto a =
        model("a", true,
              {capped, per_request(0, {{0.0, 8e6, 0.0, "free", "", ""}, {8e6, kUnbounded, 1e-6, "paid", "", ""}})});
    auto b =
        model("b", false,
              {monthly_fee(10), per_request(0, {{0.0, 6e6, 0.0, "t1", "", ""}, {6e6, kUnbounded, 0.0, "t2", "", ""}})});
    auto points = find_break_even(a, 1.0, b, 1.0, monthly(0, 1e7));
    REQUIRE(points.size() == 1);
    CHECK(points[0].kind == BreakEven::Kind::tie);
    CHECK(points[0].requests_per_month == doctest::Approx(5e6).epsilon(kRel));
    CHECK(points[0].until_requests_per_month == doctest::Approx(8e6).epsilon(kRel));
    CHECK(points[0].cheaper_below == "a");
    CHECK(points[0].cheaper_above == "b");
    CHECK(points[0].cost == doctest::Approx(10.0).epsilon(kRel));
}

TEST_CASE("break-even: a tie from the start of the range has nothing below it") {
    // a = $10 + $0.000001 x max(0, R - 5,000,000); b = $10: equal on [0, 5M], then b cheaper.
    auto a = model(
        "a", true,
        {monthly_fee(10), per_request(0, {{0.0, 5e6, 0.0, "free", "", ""}, {5e6, kUnbounded, 1e-6, "paid", "", ""}})});
    auto b = model("b", false, {monthly_fee(10)});
    auto points = find_break_even(a, 1.0, b, 1.0, monthly(0, 1e7));
    REQUIRE(points.size() == 1);
    CHECK(points[0].kind == BreakEven::Kind::tie);
    CHECK(points[0].requests_per_month == 0.0);
    CHECK(points[0].until_requests_per_month == doctest::Approx(5e6).epsilon(kRel));
    CHECK(points[0].cheaper_below.empty());
    CHECK(points[0].cheaper_above == "b");
}

TEST_CASE("break-even: identical models tie over the whole range") {
    auto a = model("a", true, {per_request(1e-6)});
    auto b = model("b", true, {per_request(1e-6)});
    auto points = find_break_even(a, 1.0, b, 1.0, {1.0, 100.0});
    REQUIRE(points.size() == 1);
    CHECK(points[0].kind == BreakEven::Kind::tie);
    CHECK(points[0].requests_per_second == doctest::Approx(1.0).epsilon(kRel));
    CHECK(points[0].until_requests_per_month == doctest::Approx(100.0 * kSecondsPerMonth).epsilon(kRel));
    CHECK(points[0].cheaper_below.empty());
    CHECK(points[0].cheaper_above.empty());
}

TEST_CASE("break-even: a crossing far below a wide range keeps its relative precision") {
    // a = $0.001 x R; b = $1: R* = 1,000 requests/month, in a range up to 3.8 million rps
    // (about 1e13 requests/month), with no kink in between.
    auto a = model("a", true, {per_request(1e-3)});
    auto b = model("b", false, {monthly_fee(1)});
    auto points = find_break_even(a, 1.0, b, 1.0, {0.0, CompareLimits::max_rps});
    REQUIRE(points.size() == 1);
    CHECK(points[0].requests_per_month == doctest::Approx(1000.0).epsilon(kRel));
}

TEST_CASE("break-even: more fleet steps than the limit is a clear error") {
    // one instance per 10 requests/month: 100 rps = 262,800,000 requests = 26,280,000 steps.
    auto a = model("a", true, {per_request(1e-6)});
    auto b = model("b", false, {fleet(1.0, 10.0)});
    CHECK_THROWS_WITH_AS(find_break_even(a, 1.0, b, 1.0, {0.0, 100.0}), doctest::Contains("narrow the range"),
                         LimitExceeded);
    // 0.1 rps = 262,800 requests = 26,280 steps: within the limit
    CHECK_NOTHROW(find_break_even(a, 1.0, b, 1.0, {0.0, 0.1}));
}

TEST_CASE("break-even: more changes of the cheaper side than the limit is a clear error") {
    // a = $0.5 + $0.1 x R; b = $1 per instance, one instance per 10 requests. On (10j, 10j + 10]
    // b = j + 1 and a runs from j + 0.5 to j + 1.5: a crossing at 10j + 5, then a step at 10j + 10
    // (a = j + 1.5 < j + 2): two points per 10 requests.
    //   100,000 requests: ~20,000 points > 10,000. 0 to 40,000 requests: crossings at 5, 15, ...,
    //   39,995 (4,000) and steps at 10, 20, ..., 39,990 (3,999; the step at 40,000 lies just past
    //   the range, a bill at exactly 40,000 still counts 4,000 instances): 7,999 points.
    auto a = model("a", true, {monthly_fee(0.5), per_request(0.1)});
    auto b = model("b", false, {fleet(1.0, 10.0)});
    CHECK_THROWS_WITH_AS(find_break_even(a, 1.0, b, 1.0, monthly(0, 1e5)), doctest::Contains("narrow the range"),
                         LimitExceeded);
    const auto points = find_break_even(a, 1.0, b, 1.0, monthly(0, 4e4));
    REQUIRE(points.size() == 7999);
    CHECK(points[0].requests_per_month == doctest::Approx(5.0).epsilon(kRel));
    CHECK(points[1].kind == BreakEven::Kind::step);
    CHECK(points[1].requests_per_month == doctest::Approx(10.0).epsilon(kRel));
    CHECK(points[7998].kind == BreakEven::Kind::crossing);
    CHECK(points[7998].requests_per_month == doctest::Approx(39995.0).epsilon(kRel));
}

TEST_CASE("break-even: a line through every corner of a staircase is a touch, not a crossing") {
    // a = $0.1 x R; b = $1 per instance per 10 requests: a = b exactly at every 10 j, and a < b
    // everywhere else: a is cheaper over the whole range, nothing to report (the fleet step sits
    // 1e-12 past the corner by the sizing tolerance; that must not read as two crossings).
    auto a = model("a", true, {per_request(0.1)});
    auto b = model("b", false, {fleet(1.0, 10.0)});
    CHECK(find_break_even(a, 1.0, b, 1.0, monthly(0, 1e5)).empty());
}

TEST_CASE("break-even: changes of place after a thousand fleet steps with one side cheaper") {
    // The walk steps over blocks of intervals where one side stays clearly cheaper; the changes
    // deep inside the range must still be found, with the values the step-by-step walk gives.
    // a = $5,002.50 + $0.000005 x R; b = $10 per instance, one per 1,000,000 requests:
    // on ((j - 1) x 1M, j x 1M], b - a runs from 5 j - 4,997.5 down to 5 j - 5,002.5.
    //  j <= 999: b - a < 0 throughout: b is cheaper from 0 to 999M (999 steps);
    //  at 999M:  b - a jumps from -7.5 to +2.5      -> step, b below, a above, cost a = 9,997.5
    //  in (999M, 1,000M]: a = 10,000 at 999.5M     -> crossing, a below, b above, cost 10,000
    //  at 1,000M: b - a jumps from -2.5 to +7.5     -> step, b below, a above, cost a = 10,002.5
    //  j >= 1,001: b - a > 0 throughout: a is cheaper up to 2,000M (1,000 more steps).
    auto a = model("a", true, {monthly_fee(5002.5), per_request(5e-6)});
    auto b = model("b", false, {fleet(10.0, 1e6)});
    auto points = find_break_even(a, 1.0, b, 1.0, monthly(0, 2e9));
    REQUIRE(points.size() == 3);
    CHECK(points[0].kind == BreakEven::Kind::step);
    CHECK(points[0].requests_per_month == doctest::Approx(999e6).epsilon(kRel));
    CHECK(points[0].cheaper_below == "b");
    CHECK(points[0].cheaper_above == "a");
    CHECK(points[0].cost == doctest::Approx(9997.5).epsilon(kRel));

    CHECK(points[1].kind == BreakEven::Kind::crossing);
    CHECK(points[1].requests_per_month == doctest::Approx(999.5e6).epsilon(kRel));
    CHECK(points[1].cheaper_below == "a");
    CHECK(points[1].cheaper_above == "b");
    CHECK(points[1].cost == doctest::Approx(10000.0).epsilon(kRel));

    CHECK(points[2].kind == BreakEven::Kind::step);
    CHECK(points[2].requests_per_month == doctest::Approx(1e9).epsilon(kRel));
    CHECK(points[2].cheaper_below == "b");
    CHECK(points[2].cheaper_above == "a");
    CHECK(points[2].cost == doctest::Approx(10002.5).epsilon(kRel));
}

TEST_CASE("break-even: invalid ranges and factors are rejected") {
    auto a = model("a", true, {per_request(1e-6)});
    auto b = model("b", false, {monthly_fee(10)});
    CHECK_THROWS_AS(find_break_even(a, 1.0, b, 1.0, {10.0, 10.0}), InvalidInput);
    CHECK_THROWS_AS(find_break_even(a, 1.0, b, 1.0, {-1.0, 10.0}), InvalidInput);
    CHECK_THROWS_AS(find_break_even(a, 1.0, b, 1.0, {0.0, CompareLimits::max_rps * 2}), InvalidInput);
    CHECK_THROWS_AS(find_break_even(a, 0.0, b, 1.0, {0.0, 10.0}), InvalidInput);
    CHECK_THROWS_AS(find_break_even(a, 1.0, b, std::nan(""), {0.0, 10.0}), InvalidInput);
}
