// `cost-sim lambda`, run as a subprocess: every format, stdin scenarios, currency, and that the
// JSON report equals the library's own bill for the same inputs.
#include "run_cli.hpp"

#include <costsim/catalog.hpp>
#include <costsim/cost_model.hpp>
#include <costsim/csv.hpp>
#include <costsim/json.hpp>

using test::run_cli;
using test::run_json;

namespace {

costsim::Offering lambda(int memory_mb) {
    costsim::LambdaConfig c;
    c.memory_mb = memory_mb;
    return {"", c};
}

/// Every number of the CLI's bill equals the library's (same code path: exact equality).
void check_bill_equals(const nlohmann::json& j, const costsim::Bill& b) {
    CHECK(j["id"] == std::string(b.offering_id));
    CHECK(j["currency"] == std::string(b.currency));
    CHECK(j["total"].get<double>() == b.total);
    CHECK(j["requests_per_month"].get<double>() == b.requests_per_month);
    REQUIRE(j["line_items"].size() == b.line_items.size());
    for (std::size_t i = 0; i < b.line_items.size(); ++i) {
        CHECK(j["line_items"][i]["name"] == std::string(b.line_items[i].name));
        CHECK(j["line_items"][i]["quantity"].get<double>() == b.line_items[i].quantity);
        CHECK(j["line_items"][i]["unit_price"].get<double>() == b.line_items[i].unit_price);
        CHECK(j["line_items"][i]["cost"].get<double>() == b.line_items[i].cost);
    }
}

}  // namespace

TEST_CASE("lambda --format json equals the library's bill") {
    const auto j =
        run_json({"lambda", "--requests-per-month", "3000000", "--duration-ms", "1000", "--memory-mb", "512"});
    CHECK(j["schema"] == "cost-sim-report/1");
    const costsim::Workload w{.requests_per_month = 3e6, .duration_ms = 1000};
    check_bill_equals(j, costsim::price(w, lambda(512), costsim::Catalog::builtin()));
}

TEST_CASE("lambda flags reach the offering: arm64, no free tier, front door, data out, per-second traffic") {
    const auto j = run_json({"lambda",
                             "--requests-per-second",
                             "20",
                             "--duration-ms",
                             "120",
                             "--memory-mb",
                             "1024",
                             "--arch",
                             "arm64",
                             "--no-free-tier",
                             "--front-door",
                             "http-api",
                             "--response-kb",
                             "8",
                             "--internet-percent",
                             "50",
                             "--ephemeral-storage-mb",
                             "1024",
                             "--provisioned-concurrency",
                             "2"});
    costsim::LambdaConfig c;
    c.memory_mb = 1024;
    c.arch = costsim::Architecture::arm64;
    c.free_tier = false;
    c.front_door = costsim::FrontDoor::http_api;
    c.ephemeral_storage_mb = 1024;
    c.provisioned_concurrency = 2;
    const costsim::Workload w{.requests_per_month = costsim::Workload::monthly_from_per_second(20),
                              .duration_ms = 120,
                              .response_kb = 8,
                              .internet_percent = 50};
    check_bill_equals(j, costsim::price(w, {"", c}, costsim::Catalog::builtin()));
}

TEST_CASE("lambda --currency JPY equals the library's explicit conversion") {
    const auto j = run_json({"lambda", "--requests-per-month", "3000000", "--duration-ms", "1000", "--memory-mb", "512",
                             "--currency", "JPY", "--jpy-per-usd", "155.5"});
    const costsim::Workload w{.requests_per_month = 3e6, .duration_ms = 1000};
    const costsim::Bill usd = costsim::price(w, lambda(512), costsim::Catalog::builtin());
    check_bill_equals(j, costsim::convert(usd, "JPY", 155.5));
}

TEST_CASE("lambda --scenario - reads the issue's example from stdin; flags override it") {
    const std::string scenario = test::read_data("issue-example.json");
    const costsim::Scenario s = costsim::parse_scenario(scenario, costsim::ScenarioShape::any);
    const auto j = run_json({"lambda", "--scenario", "-"}, scenario);
    check_bill_equals(j, costsim::price(s.workload, s.offerings[0], costsim::Catalog::builtin()));

    // --memory-mb and --duration-ms override the scenario's 512 MB and 1,000 ms.
    const auto k = run_json({"lambda", "--scenario", "-", "--memory-mb", "1024", "--duration-ms", "250"}, scenario);
    costsim::Workload w = s.workload;
    w.duration_ms = 250;
    check_bill_equals(k, costsim::price(w, lambda(1024), costsim::Catalog::builtin()));
}

TEST_CASE("lambda --scenario FILE works as well as stdin") {
    const auto j = run_json({"lambda", "--scenario", test::data_file("issue-example.json")});
    const auto k = run_json({"lambda", "--scenario", "-"}, test::read_data("issue-example.json"));
    CHECK(j == k);
}

TEST_CASE("lambda --format table: line items, total and a one-line verdict") {
    // --wide: each line item on one line, as the library names it.
    const auto r =
        run_cli({"lambda", "--requests-per-month", "3000000", "--duration-ms", "1000", "--memory-mb", "512", "--wide"});
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.empty());
    const costsim::Workload w{.requests_per_month = 3e6, .duration_ms = 1000};
    const costsim::Bill b = costsim::price(w, lambda(512), costsim::Catalog::builtin());
    for (const auto& item : b.line_items) CHECK(r.out.find(std::string(item.name)) != std::string::npos);
    // The verdict is the last line; its amount is the library's total rounded to cents.
    char total[32];
    std::snprintf(total, sizeof total, "$%.2f", b.total);
    const std::string last = r.out.substr(r.out.rfind('\n', r.out.size() - 2) + 1);
    CHECK(last == "Lambda x86_64 512 MB (us-east-1): " + std::string(total) + "/month\n");
    CHECK(r.out.rfind("Lambda x86_64 512 MB (lambda-us-east-1-x86_64-512mb), region us-east-1, USD\n", 0) == 0);
}

TEST_CASE("lambda --format csv: one header row and one row per line item, CRLF") {
    const auto r = run_cli({"lambda", "--requests-per-month", "3000000", "--duration-ms", "1000", "--memory-mb", "512",
                            "--format", "csv"});
    REQUIRE(r.exit_code == 0);
    const costsim::Workload w{.requests_per_month = 3e6, .duration_ms = 1000};
    const costsim::Bill b = costsim::price(w, lambda(512), costsim::Catalog::builtin());
    CHECK(r.out == costsim::to_csv(b));
    CHECK(r.out.rfind("offering,name,unit,quantity,unit_price,cost,currency,price_id,confidence,region\r\n", 0) == 0);
}

TEST_CASE("lambda --catalog FILE prices with the user's entries") {
    const auto j = run_json({"lambda", "--requests-per-month", "3000000", "--duration-ms", "1000", "--memory-mb", "512",
                             "--catalog", test::data_file("user-catalog.json")});
    const costsim::Catalog merged = costsim::Catalog::builtin().merged_with(
        costsim::Catalog::from_json(test::read_data("user-catalog.json"), test::data_file("user-catalog.json")));
    const costsim::Workload w{.requests_per_month = 3e6, .duration_ms = 1000};
    const costsim::Bill b = costsim::price(w, lambda(512), merged);
    check_bill_equals(j, b);
    // The fixture doubles the request price: 2,000,000 billed requests x $0.0000004 = $0.80.
    CHECK(j["total"].get<double>() != costsim::price(w, lambda(512), costsim::Catalog::builtin()).total);
}
