// The report serialisers (lib/io/json_report.cpp): every document is valid JSON already in the
// writer's canonical form (parsed and written again, it comes back byte for byte; the writer is
// nlohmann's layout, tests/unit/io/json_writer.cpp), compact and indented,
// and the rules the tree-building serialiser had (repeated convention names, null for an
// unbounded ratio or an absent id) still hold.
#include "json_tree_writer.hpp"

#include <costsim/costsim.hpp>
#include <costsim/curves_io.hpp>
#include <costsim/json.hpp>
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>

using namespace costsim;
using ordered = nlohmann::ordered_json;

namespace {

/// `text` parses, and writing the parse again (compact, or with `indent`) gives `text` back.
void check_canonical(const std::string& text, int indent) {
    CAPTURE(indent);
    const ordered parsed = ordered::parse(text);
    CHECK(test::written(parsed, indent) == text);
}

void check_both_forms(const auto& serialise) {
    check_canonical(serialise(-1), -1);
    check_canonical(serialise(2), 2);
    check_canonical(serialise(4), 4);
}

const Workload kWorkload{.requests_per_month = 3e7, .duration_ms = 120, .response_kb = 8, .peak_to_mean = 3};

std::vector<Offering> offerings() {
    return {
        {"", LambdaConfig{.memory_mb = 512}},
        {"lambda-arm", LambdaConfig{.arch = Architecture::arm64, .memory_mb = 1024, .front_door = FrontDoor::http_api}},
        {"t3-micro", VmFleetConfig{.instance = "t3.micro", .capacity_rps = 40.0}},
        {"c7g-alb", VmFleetConfig{.instance = "c7g.large",
                                  .capacity_rps = 400.0,
                                  .purchase = PurchaseOption::one_year,
                                  .load_balancer = true}},
        {"t3-medium-fixed", VmFleetConfig{.instance = "t3.medium", .count = 2}},
        {"", CloudRunConfig{}},
        {"", AzureFunctionsConfig{}},
    };
}

}  // namespace

TEST_CASE("json report: a comparison of Lambdas and fleets is canonical JSON, compact and indented") {
    for (const char* currency : {"USD", "JPY"}) {
        CAPTURE(currency);
        const Comparison c = compare(kWorkload, offerings(), Catalog::builtin(), CurrencyOptions{currency, 150.0});
        REQUIRE(c.results.size() == 7);
        REQUIRE_FALSE(c.break_even.empty());
        check_both_forms([&](int indent) { return to_json(c, indent); });
        check_both_forms([&](int indent) { return to_json(c.break_even, c.currency, c.range, indent); });
        for (const ComparedOffering& r : c.results)
            check_both_forms([&](int indent) { return to_json(r.bill, indent); });
        const std::string compact = to_json(c);
        CHECK(compact.find(R"("hours_per_month":730.0)") != std::string::npos);
        CHECK(compact.find(R"("between":["lambda-us-east-1-x86_64-512mb","t3-micro"])") != std::string::npos);
    }
}

TEST_CASE("json report: curves, sweeps, scenarios, catalog and errors are canonical JSON") {
    const std::vector<Offering> list = offerings();
    CurveGrid grid;
    grid.points = 9;
    const Curves curves = cost_curves(kWorkload, list, Catalog::builtin(), grid);
    check_both_forms([&](int indent) { return to_json(curves, indent); });

    SweepGrid cells;
    cells.requests_per_second = {0.1, 10, 1000};
    cells.duration_ms = {50, 2000};
    cells.memory_mb = {128, 1024};
    const Sweep s = sweep(kWorkload, list, Catalog::builtin(), cells);
    check_both_forms([&](int indent) { return to_json(s, indent); });

    Scenario scenario;
    scenario.workload = kWorkload;
    scenario.offerings = list;
    check_both_forms([&](int indent) { return to_json(scenario, indent); });
    // Integer-typed fields stay integers.
    CHECK(to_json(scenario).find(R"("memory_mb":512,)") != std::string::npos);
    CHECK(to_json(scenario).find(R"("count":2,)") != std::string::npos);

    check_both_forms([](int indent) { return catalog_to_json(Catalog::builtin(), {}, {}, indent); });
    check_both_forms([](int indent) { return catalog_to_json(Catalog::builtin(), "aws", "us-east-1", indent); });
    for (const PriceEntry& e : Catalog::builtin().entries())
        check_both_forms([&](int indent) { return entry_to_json(e, indent); });

    // The last tier of a tiered price is unbounded: null, as before.
    const PriceEntry* tiered = Catalog::builtin().find("aws.lambda.us-east-1.x86_64.duration");
    REQUIRE(tiered != nullptr);
    REQUIRE(tiered->tiers.size() > 1);
    CHECK(entry_to_json(*tiered).find(R"("up_to":null,"price":)") != std::string::npos);

    check_canonical(error_to_json(InvalidInput("offerings[1].memory_mb", "bad \"memory\"\n", 0)), -1);
    CHECK(error_to_json("parse_error", "at 3") == R"({"error":{"code":"parse_error","message":"at 3","field":null}})");
}

TEST_CASE("json report: a repeated convention keeps its first place and takes its last value") {
    Bill b;
    b.offering_id = "x";
    b.kind = "vm";
    b.currency = "USD";
    b.conventions = {{"a", 1.0, {}}, {"b", 0.0, "text"}, {"a", 2.0, {}}, {"c", 0.5, {}}, {"b", 3.0, {}}};
    const std::string json = to_json(b);
    CHECK(json.find(R"("conventions":{"a":2.0,"b":3.0,"c":0.5})") != std::string::npos);
}

TEST_CASE("json report: an unbounded ratio and an absent id are null") {
    Comparison c;
    c.cheapest_id = "free";
    c.results.resize(1);
    c.results[0].bill.offering_id = "paid";
    c.results[0].relative_to_cheapest = kUnbounded;
    c.break_even = {BreakEven{.serverless_id = "l",
                              .other_id = "v",
                              .kind = BreakEven::Kind::tie,
                              .requests_per_month = 0.0,
                              .requests_per_second = 0.0,
                              .until_requests_per_month = 0.0,
                              .cheaper_below = "",
                              .cheaper_above = "v",
                              .cost = 0.0}};
    const std::string json = to_json(c);
    CHECK(json.find(R"("relative_to_cheapest":null})") != std::string::npos);
    CHECK(json.find(R"("cheaper_below":null,"cheaper_above":"v")") != std::string::npos);
    CHECK(json.find(R"("until_requests_per_month":0.0,"until_requests_per_second":0.0)") != std::string::npos);
}

TEST_CASE("json report: a comparison ends with its verdict") {
    Comparison c;
    c.cheapest_id = "vm";
    c.results.resize(2);
    c.results[0].bill.offering_id = "lambda";
    c.results[0].relative_to_cheapest = 2.5;
    c.results[1].bill.offering_id = "vm";
    FleetSize fleet;
    fleet.offering_id = "vm";
    fleet.instances = 2;
    fleet.fixed_count = true;
    c.results[1].fleet = fleet;
    c.verdict.cheapest_id = "vm";
    c.verdict.rival_id = "lambda";
    c.verdict.standing = Verdict::Standing::cheaper;
    c.verdict.rival_relative_to_cheapest = 2.5;
    c.verdict.break_even = VerdictBreakEven{.story = VerdictBreakEven::Story::one_change,
                                            .changes = 1,
                                            .from_requests_per_month = 2628000.0,
                                            .from_requests_per_second = 1.0,
                                            .to_requests_per_month = 2628000.0,
                                            .to_requests_per_second = 1.0,
                                            .cheaper_below = "lambda",
                                            .cheaper_above = "vm",
                                            .beyond_capacity = false};
    c.verdict.fixed_fleets = {fleet};
    const std::string json = to_json(c);
    CHECK(json.find(R"("flags":[],"verdict":{"cheapest":"vm","rival":"lambda","standing":"cheaper",)"
                    R"("rival_relative_to_cheapest":2.5,"break_even":{"story":"one_change","changes":1,)"
                    R"("from_requests_per_month":2628000.0,"from_requests_per_second":1.0,)"
                    R"("to_requests_per_month":2628000.0,"to_requests_per_second":1.0,)"
                    R"("cheaper_below":"lambda","cheaper_above":"vm","beyond_capacity":false},)"
                    R"("fixed_fleets":[{"id":"vm","instances":2.0,"fixed_count":true,)") != std::string::npos);
    CHECK(json.substr(json.size() - 2) == "}}");  // the fixed fleets' list closes the verdict and the report

    // one offering: no rival, no ratio, no story
    c.verdict = Verdict{};
    c.verdict.cheapest_id = "vm";
    CHECK(to_json(c).find(R"("verdict":{"cheapest":"vm","rival":null,"standing":"single",)"
                          R"("rival_relative_to_cheapest":null,"break_even":null,"fixed_fleets":[]})") !=
          std::string::npos);
}
