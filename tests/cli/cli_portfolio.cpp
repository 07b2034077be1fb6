// `cost-sim portfolio FILE` on the real binary: the three-function case in each format, stdin,
// and refusals as exit 2 with one line naming the field.
#include "run_cli.hpp"

#include <cstdio>
#include <fstream>

using test::run_cli;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const std::string kExample = std::string(COSTSIM_SOURCE_DIR) + "/examples/portfolio.json";

// The three-function case: $56.21 alone and summed, $69.95 as one account (arithmetic in
// tests/unit/engines/portfolio.cpp).
const std::string kThree = R"({"workloads": [
  {"id": "f128", "workload": {"requests_per_month": 25000000, "duration_ms": 200}, "offering": {"kind": "lambda", "memory_mb": 128}},
  {"id": "f448", "workload": {"requests_per_month": 5000000, "duration_ms": 500}, "offering": {"kind": "lambda", "memory_mb": 448}},
  {"id": "f1024", "workload": {"requests_per_month": 2500000, "duration_ms": 1000}, "offering": {"kind": "lambda", "memory_mb": 1024}}]})";

}  // namespace

TEST_CASE("portfolio: the three-function case as a table, JSON and CSV") {
    const auto table = run_cli({"portfolio", "-"}, kThree);
    INFO(table.err);
    REQUIRE(table.exit_code == 0);
    CHECK(contains(table.out, "as_placed: $69.95 a month as one account ($56.21 if each workload were priced alone)"));
    CHECK(contains(table.out, "3,818,750 GB-second"));
    CHECK(contains(table.out, "Cheapest: as_placed"));

    const auto json = run_cli({"portfolio", "-", "--format", "json"}, kThree);
    REQUIRE(json.exit_code == 0);
    const auto report = nlohmann::json::parse(json.out);
    const auto& option = report["portfolio"]["options"][0];
    CHECK(option["total"].get<double>() == doctest::Approx(69.9459606).epsilon(1e-9));
    double allocated = 0;
    for (const auto& a : option["allocations"]) allocated += a["total"].get<double>();
    CHECK(allocated == doctest::Approx(option["total"].get<double>()).epsilon(1e-12));

    const auto csv = run_cli({"portfolio", "-", "--format", "csv"}, kThree);
    REQUIRE(csv.exit_code == 0);
    CHECK(csv.out.starts_with("option,section,workload_id,runs_on,"));
}

TEST_CASE("portfolio: the example file answers the consolidation question") {
    const auto r = run_cli({"portfolio", kExample, "--format", "json"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto report = nlohmann::json::parse(r.out);
    const auto& options = report["portfolio"]["options"];
    REQUIRE(options.size() == 3);
    CHECK(options[0]["name"] == "as_placed");
    CHECK(options[1]["name"] == "separate_lambdas");
    CHECK(options[2]["name"] == "one_shared_fleet");
    // The cheapest is the option with the lowest total.
    std::string cheapest = options[0]["name"];
    double best = options[0]["total"];
    for (const auto& o : options)
        if (o["total"].get<double>() < best) {
            best = o["total"];
            cheapest = o["name"];
        }
    CHECK(report["portfolio"]["cheapest"] == cheapest);
}

TEST_CASE("portfolio: refusals are exit 2 with one line naming the field") {
    const auto bad = run_cli({"portfolio", "-"}, R"({"workloads": [{"id": "a", "workload": {"requests_per_month": 1,
        "duration_ms": 100}, "offering": {"kind": "lambda"}}, {"id": "b", "workload": {"requests_per_month": 1,
        "duration_ms": 100, "peak": 2}, "offering": {"kind": "lambda"}}]})");
    CHECK(bad.exit_code == 2);
    CHECK(bad.out.empty());
    CHECK(test::one_line(bad.err));
    CHECK(contains(bad.err, "workloads[1].workload.peak"));

    const auto missing = run_cli({"portfolio"});
    CHECK(missing.exit_code == 2);
    CHECK(contains(missing.err, "portfolio file"));

    const auto no_file = run_cli({"portfolio", "/nonexistent/portfolio.json"});
    CHECK(no_file.exit_code == 2);
    CHECK(test::one_line(no_file.err));

    const auto json = run_cli({"portfolio", "-"}, "{\"workloads\": [");
    CHECK(json.exit_code == 2);
    CHECK(test::one_line(json.err));
}
