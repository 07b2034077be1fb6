// The portfolio document (Design/report-schema.md#portfolio): fields read by the scenario's own
// readers, errors naming the JSON path, the bounds, and the report's shape.
#include <costsim/costsim.hpp>
#include <costsim/portfolio_json.hpp>
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace costsim;

namespace {

// The three-function case (tests/unit/engines/portfolio.cpp has its arithmetic: $69.95 as one
// account, $56.21 alone and summed) and a Lambda to compare with.
constexpr const char* kThree = R"({
  "workloads": [
    {"id": "f128", "workload": {"requests_per_month": 25000000, "duration_ms": 200},
     "offering": {"kind": "lambda", "memory_mb": 128}},
    {"id": "f448", "workload": {"requests_per_month": 5000000, "duration_ms": 500},
     "offering": {"kind": "lambda", "memory_mb": 448}},
    {"id": "f1024", "workload": {"requests_per_month": 2500000, "duration_ms": 1000},
     "offering": {"kind": "lambda", "memory_mb": 1024}}
  ]
})";

std::string field_of(std::string_view text) {
    try {
        (void)parse_portfolio(text);
    } catch (const Error& e) {
        return e.field();
    }
    return "(accepted)";
}

}  // namespace

TEST_CASE("portfolio json: the three-function document and its report") {
    const Portfolio p = parse_portfolio(kThree);
    REQUIRE(p.workloads.size() == 3);
    CHECK(p.workloads[1].id == "f448");
    CHECK(p.workloads[1].workload.duration_ms == 500);
    const PortfolioReport r = analyse_portfolio(p, Catalog::builtin());
    const auto j = nlohmann::json::parse(to_json(r));
    CHECK(j["schema"] == "cost-sim-report/1");
    CHECK(j["portfolio"]["cheapest"] == "as_placed");
    const auto& option = j["portfolio"]["options"][0];
    CHECK(option["total"].get<double>() == doctest::Approx(69.9459606).epsilon(1e-9));
    CHECK(option["standalone_sum"].get<double>() == doctest::Approx(56.2126006).epsilon(1e-9));
    CHECK(option["allocations"].size() == 3);
    CHECK(option["allocations"][2]["workload_id"] == "f1024");
    const std::string csv = to_csv(r);
    CHECK(
        csv.starts_with("option,section,workload_id,runs_on,name,unit,quantity,unit_price,cost,currency,price_id\r\n"));
    CHECK(csv.find("as_placed,allocation,f128,") != std::string::npos);
}

TEST_CASE("portfolio json: errors name the field") {
    CHECK(field_of(R"({"workloads": [{"id": "a", "workload": {"requests_per_month": 1, "duration_ms": 100},
        "offering": {"kind": "lambda"}}, {"id": "b", "workload": {"requests_per_month": 1, "duration_ms": -1},
        "offering": {"kind": "lambda"}}]})") == "workloads[1].workload.duration_ms");
    CHECK(field_of(R"({"workloads": [{"id": "a", "workload": {"requests_per_month": 1, "duration_ms": 100},
        "offering": {"kind": "lambda", "memory_mb": 64}}]})") == "workloads[0].offering.memory_mb");
    CHECK(field_of(R"({"workloads": [{"id": "a", "workload": {"requests_per_month": 1, "duration_ms": 100},
        "offerng": {"kind": "lambda"}}]})") == "workloads[0].offerng");
    CHECK(field_of(R"({"workloads": [{"workload": {"requests_per_month": 1, "duration_ms": 100},
        "offering": {"kind": "lambda"}}]})") == "workloads[0].id");
    CHECK(field_of(R"({"workloads": [{"id": "a", "workload": {"requests_per_month": 1, "duration_ms": 100},
        "placement": "web"}]})") == "workloads[0].placement");
    CHECK(field_of(R"({"workloads": [{"id": "a", "workload": {"requests_per_month": 1, "duration_ms": 100},
        "placement": "web"}], "placements": [{"id": "web", "offering": {"kind": "vm"}}]})") ==
          "placements[0].offering.instance");
    CHECK(field_of(R"({"workloads": {}})") == "workloads");
    CHECK(field_of(R"({"workloads": []})") == "workloads");
    CHECK(field_of(R"({"workload": []})") == "workload");
    CHECK(field_of(R"({"workloads": [{"id": "a", "workload": {"requests_per_month": 1, "duration_ms": 100},
        "offering": {"kind": "lambda"}}], "consolidation": {"lambda": {"kind": "vm", "instance": "t3.micro"}}})") ==
          "consolidation.lambda.kind");
}

TEST_CASE("portfolio json: bounded") {
    // 1,001 workloads: over PortfolioLimits::max_workloads.
    std::string text = R"({"workloads": [)";
    for (int i = 0; i <= 1000; ++i)
        text += std::string(i ? "," : "") + R"({"id": "w)" + std::to_string(i) +
                R"(", "workload": {"requests_per_month": 1, "duration_ms": 1}, "offering": {"kind": "lambda"}})";
    text += "]}";
    CHECK(field_of(text) == "workloads");
    // A document over the bound given is refused before it is read.
    CHECK_THROWS_AS((void)parse_portfolio(kThree, 100), LimitExceeded);
}
