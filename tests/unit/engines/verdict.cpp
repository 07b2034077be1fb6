// verdict_of(): which offering the cheapest is measured against, how it stands, the break-even
// story of that pair and the fixed fleets, on comparisons built by hand (the rules, not prices).
#include <costsim/compare.hpp>
#include <costsim/costsim.hpp>
#include <doctest/doctest.h>

using namespace costsim;

namespace {

/// One result: `id` with `total`, `relative` to the cheapest, billed per use or per capacity.
ComparedOffering result(std::string_view id, double total, double relative, bool usage_priced,
                        std::optional<FleetSize> fleet = std::nullopt) {
    ComparedOffering r;
    r.bill.offering_id = id;
    r.bill.total = total;
    r.relative_to_cheapest = relative;
    r.usage_priced = usage_priced;
    r.fleet = std::move(fleet);
    return r;
}

BreakEven point(std::string a, std::string b, BreakEven::Kind kind, double requests_per_month, std::string below,
                std::string above, double until_requests_per_month = 0.0) {
    BreakEven p;
    p.serverless_id = std::move(a);
    p.other_id = std::move(b);
    p.kind = kind;
    p.requests_per_month = requests_per_month;
    p.requests_per_second = requests_per_month / kSecondsPerMonth;
    p.until_requests_per_month = until_requests_per_month;
    p.cheaper_below = std::move(below);
    p.cheaper_above = std::move(above);
    return p;
}

FleetSize fixed_fleet(std::string id, double instances, double runs_out_at_requests_per_month) {
    FleetSize f;
    f.offering_id = std::move(id);
    f.instances = instances;
    f.fixed_count = true;
    f.runs_out_at_requests_per_month = runs_out_at_requests_per_month;
    f.runs_out_at_requests_per_second = runs_out_at_requests_per_month / kSecondsPerMonth;
    return f;
}

/// A VM fleet cheapest ($10) against Lambda ($20), Azure Functions ($15) and a second fleet ($12).
Comparison fleet_cheapest() {
    Comparison c;
    c.range = {0.0, 1000.0};
    c.cheapest_id = "vm";
    c.results = {result("lambda", 20, 2.0, true), result("vm", 10, 1.0, false), result("azure", 15, 1.5, true),
                 result("vm2", 12, 1.2, false)};
    return c;
}

}  // namespace

TEST_CASE("verdict: a single offering has no rival and no break-even story") {
    Comparison c;
    c.cheapest_id = "vm";
    c.results = {result("vm", 10, 1.0, false, fixed_fleet("vm", 2, kUnbounded))};
    const Verdict v = verdict_of(c);
    CHECK(v.cheapest_id == "vm");
    CHECK(v.rival_id.empty());
    CHECK(v.standing == Verdict::Standing::single);
    CHECK_FALSE(v.break_even.has_value());
    REQUIRE(v.fixed_fleets.size() == 1);  // the fleet's capacity is still worth saying
    CHECK_FALSE(v.fixed_fleets[0].runs_out());
}

TEST_CASE("verdict: a per-capacity cheapest is measured against the cheapest per-use offering") {
    // Not the runner-up (vm2, 1.2x) and not the first per-use given (lambda, 2x): azure, 1.5x.
    const Verdict v = verdict_of(fleet_cheapest());
    CHECK(v.cheapest_id == "vm");
    CHECK(v.rival_id == "azure");
    CHECK(v.standing == Verdict::Standing::cheaper);
    CHECK(v.rival_relative_to_cheapest == 1.5);
}

TEST_CASE("verdict: a per-use cheapest is measured against the cheapest per-capacity offering") {
    Comparison c;
    c.cheapest_id = "lambda";
    c.results = {result("lambda", 10, 1.0, true), result("cloud-run", 11, 1.1, true), result("vm", 30, 3.0, false),
                 result("vm2", 25, 2.5, false)};
    const Verdict v = verdict_of(c);
    CHECK(v.rival_id == "vm2");  // the runner-up cloud-run is billed per use too
    CHECK(v.rival_relative_to_cheapest == 2.5);
}

TEST_CASE("verdict: with one billing only, the runner-up; among equals the first given") {
    Comparison c;
    c.cheapest_id = "b";
    c.results = {result("a", 12, 1.2, true), result("b", 10, 1.0, true), result("c", 12, 1.2, true)};
    CHECK(verdict_of(c).rival_id == "a");
    c.results[0].relative_to_cheapest = 1.3;
    CHECK(verdict_of(c).rival_id == "c");
    // equal per-capacity rivals of a per-use cheapest: the first given
    c.results = {result("a", 12, 1.2, false), result("b", 10, 1.0, true), result("c", 12, 1.2, false)};
    CHECK(verdict_of(c).rival_id == "a");
}

TEST_CASE("verdict: standing when the rival costs the same, or the cheapest costs nothing") {
    Comparison c;
    c.cheapest_id = "lambda";
    c.results = {result("lambda", 5, 1.0, true), result("vm", 5, 1.0, false)};
    CHECK(verdict_of(c).standing == Verdict::Standing::tie);
    // free cheapest: every other ratio is unbounded, so the first of the other billing is the rival
    c.results = {result("lambda", 0, 1.0, true), result("vm", 7, kUnbounded, false),
                 result("vm2", 3, kUnbounded, false)};
    const Verdict v = verdict_of(c);
    CHECK(v.standing == Verdict::Standing::cheapest_free);
    CHECK(v.rival_id == "vm");
    CHECK(v.rival_relative_to_cheapest == kUnbounded);
}

TEST_CASE("verdict: no id named cheapest falls back to the first result") {
    Comparison c;
    c.results = {result("a", 10, 1.0, true), result("b", 20, 2.0, false)};
    const Verdict v = verdict_of(c);
    CHECK(v.cheapest_id == "a");
    CHECK(v.rival_id == "b");
}

TEST_CASE("verdict: one change of the pair says who wins below it; other pairs' points are ignored") {
    Comparison c = fleet_cheapest();
    c.break_even = {point("lambda", "vm", BreakEven::Kind::crossing, 5e6, "lambda", "vm"),
                    point("azure", "vm", BreakEven::Kind::crossing, 8e6, "azure", "vm"),
                    point("azure", "vm2", BreakEven::Kind::step, 9e6, "azure", "vm2")};
    c.break_even[1].beyond_capacity = true;
    const Verdict v = verdict_of(c);
    REQUIRE(v.break_even.has_value());
    const VerdictBreakEven& s = *v.break_even;
    CHECK(s.story == VerdictBreakEven::Story::one_change);
    CHECK(s.changes == 1);
    CHECK(s.from_requests_per_month == 8e6);
    CHECK(s.to_requests_per_month == 8e6);
    CHECK(s.from_requests_per_second == 8e6 / 2'628'000.0);
    CHECK(s.cheaper_below == "azure");
    CHECK(s.cheaper_above == "vm");
    CHECK(s.beyond_capacity);
}

TEST_CASE("verdict: a change plus a stretch of equal cost is told as the change") {
    Comparison c = fleet_cheapest();
    c.break_even = {point("azure", "vm", BreakEven::Kind::tie, 0, "", "azure", 1e6),
                    point("azure", "vm", BreakEven::Kind::crossing, 8e6, "azure", "vm")};
    CHECK(verdict_of(c).break_even->story == VerdictBreakEven::Story::one_change);
}

TEST_CASE("verdict: several changes give their count (ties not counted), the first and the last") {
    Comparison c = fleet_cheapest();
    c.break_even = {point("azure", "vm", BreakEven::Kind::crossing, 1e6, "azure", "vm"),
                    point("azure", "vm", BreakEven::Kind::tie, 2e6, "vm", "vm", 3e6),
                    point("azure", "vm", BreakEven::Kind::step, 4e6, "vm", "azure"),
                    point("azure", "vm", BreakEven::Kind::crossing, 6e6, "azure", "vm")};
    const VerdictBreakEven s = *verdict_of(c).break_even;
    CHECK(s.story == VerdictBreakEven::Story::several_changes);
    CHECK(s.changes == 3);
    CHECK(s.from_requests_per_month == 1e6);
    CHECK(s.to_requests_per_month == 6e6);
    CHECK(s.to_requests_per_second == 6e6 / 2'628'000.0);
}

TEST_CASE("verdict: only stretches of equal cost: the last one, and who is cheaper above it") {
    Comparison c = fleet_cheapest();
    c.break_even = {point("azure", "vm", BreakEven::Kind::tie, 0, "", "azure", 1e6),
                    point("azure", "vm", BreakEven::Kind::tie, 2e6, "azure", "vm", 5.256e6)};
    VerdictBreakEven s = *verdict_of(c).break_even;
    CHECK(s.story == VerdictBreakEven::Story::tie);
    CHECK(s.changes == 0);
    CHECK(s.from_requests_per_month == 2e6);
    CHECK(s.to_requests_per_month == 5.256e6);
    CHECK(s.to_requests_per_second == 2.0);  // 5,256,000 / 2,628,000
    CHECK(s.cheaper_above == "vm");
    // equal up to the end of the range: nobody is cheaper above
    c.break_even = {point("azure", "vm", BreakEven::Kind::tie, 0, "", "", 2.628e9)};
    s = *verdict_of(c).break_even;
    CHECK(s.story == VerdictBreakEven::Story::tie);
    CHECK(s.cheaper_above.empty());
}

TEST_CASE("verdict: one change whose lower side is equal is not told as a change (the page's rule)") {
    Comparison c = fleet_cheapest();
    c.break_even = {point("azure", "vm", BreakEven::Kind::crossing, 1e6, "", "vm")};
    const VerdictBreakEven s = *verdict_of(c).break_even;
    CHECK(s.story == VerdictBreakEven::Story::none);
    CHECK(s.changes == 1);
}

TEST_CASE("verdict: no point of the pair: the range searched") {
    Comparison c = fleet_cheapest();
    c.range = {0.5, 200.0};
    c.break_even = {point("lambda", "vm", BreakEven::Kind::crossing, 5e6, "lambda", "vm")};
    const VerdictBreakEven s = *verdict_of(c).break_even;
    CHECK(s.story == VerdictBreakEven::Story::none);
    CHECK(s.changes == 0);
    CHECK(s.from_requests_per_second == 0.5);
    CHECK(s.to_requests_per_second == 200.0);
    CHECK(s.from_requests_per_month == 0.5 * 2'628'000.0);
    CHECK(s.to_requests_per_month == 200.0 * 2'628'000.0);
}

TEST_CASE("verdict: every fleet of a fixed count, in the order given, known capacity or not") {
    Comparison c = fleet_cheapest();
    FleetSize sized;  // grows with traffic: it never runs out
    sized.offering_id = "vm";
    sized.instances = 3;
    c.results[1].fleet = sized;
    c.results[3].fleet = fixed_fleet("vm2", 2, 2.628e7);     // runs out at 10 requests/s
    c.results[0].fleet = fixed_fleet("odd", 1, kUnbounded);  // capacity unknown
    const Verdict v = verdict_of(c);
    REQUIRE(v.fixed_fleets.size() == 2);
    CHECK(v.fixed_fleets[0].offering_id == "odd");
    CHECK_FALSE(v.fixed_fleets[0].runs_out());
    CHECK(v.fixed_fleets[1].offering_id == "vm2");
    CHECK(v.fixed_fleets[1].runs_out_at_requests_per_second == 10.0);
}

TEST_CASE("verdict: compare() fills it from its own results") {
    // t3.micro x1 (730 x $0.0104 + IPv4 730 x $0.005 = $11.24) against Lambda 512 MB at 3M x 1 s
    // ($18.73, aws-lambda.json): the fleet is cheapest, Lambda its rival, one crossing between.
    const Workload w{.requests_per_month = 3e6, .duration_ms = 1000};
    const Comparison c =
        compare(w, {{"l", LambdaConfig{.memory_mb = 512}}, {"vm", VmFleetConfig{.instance = "t3.micro", .count = 1}}},
                Catalog::builtin());
    CHECK(c.verdict.cheapest_id == "vm");
    CHECK(c.verdict.rival_id == "l");
    CHECK(c.verdict.standing == Verdict::Standing::cheaper);
    CHECK(c.verdict.rival_relative_to_cheapest == c.results[0].relative_to_cheapest);
    REQUIRE(c.verdict.break_even.has_value());
    CHECK(c.verdict.break_even->story == VerdictBreakEven::Story::one_change);
    CHECK(c.verdict.break_even->cheaper_below == "l");
    CHECK(c.verdict.fixed_fleets.size() == 1);
    CHECK(c.results[0].usage_priced);
    CHECK_FALSE(c.results[1].usage_priced);
}
