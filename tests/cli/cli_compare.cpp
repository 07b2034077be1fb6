// `cost-sim compare` and `cost-sim break-even`, run as subprocesses: every format, the issue's
// scenario from stdin, and equality with the library's compare().
#include "run_cli.hpp"

#include <costsim/catalog.hpp>
#include <costsim/compare.hpp>
#include <costsim/csv.hpp>
#include <costsim/json.hpp>

using test::run_cli;
using test::run_json;

namespace {

costsim::Comparison library_compare(const costsim::Scenario& s, const costsim::TrafficRange& range = {}) {
    return costsim::compare(s.workload, s.offerings, costsim::Catalog::builtin(), s.currency, range);
}

void check_break_even_equals(const nlohmann::json& points, const std::vector<costsim::BreakEven>& expected) {
    REQUIRE(points.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        CHECK(points[i]["between"][0] == expected[i].serverless_id);
        CHECK(points[i]["between"][1] == expected[i].other_id);
        CHECK(points[i]["kind"] == costsim::to_string(expected[i].kind));
        CHECK(points[i]["requests_per_month"].get<double>() == expected[i].requests_per_month);
        CHECK(points[i]["requests_per_second"].get<double>() == expected[i].requests_per_second);
    }
}

void check_comparison_equals(const nlohmann::json& j, const costsim::Comparison& c) {
    CHECK(j["cheapest"] == c.cheapest_id);
    REQUIRE(j["results"].size() == c.results.size());
    for (std::size_t i = 0; i < c.results.size(); ++i) {
        CHECK(j["results"][i]["id"] == std::string(c.results[i].bill.offering_id));
        CHECK(j["results"][i]["currency"] == std::string(c.results[i].bill.currency));
        CHECK(j["results"][i]["total"].get<double>() == c.results[i].bill.total);
        CHECK(j["results"][i]["line_items"].size() == c.results[i].bill.line_items.size());
    }
    check_break_even_equals(j["break_even"], c.break_even);
}

const costsim::Scenario& issue_scenario() {
    static const costsim::Scenario s =
        costsim::parse_scenario(test::read_data("issue-example.json"), costsim::ScenarioShape::any);
    return s;
}

}  // namespace

TEST_CASE("compare --scenario - with the issue's example equals the library's comparison") {
    const auto j = run_json({"compare", "--scenario", "-"}, test::read_data("issue-example.json"));
    CHECK(j["schema"] == "cost-sim-report/1");
    check_comparison_equals(j, library_compare(issue_scenario()));
}

TEST_CASE("compare built from flags equals the same scenario built by hand") {
    const auto j = run_json({"compare", "--requests-per-month", "3000000", "--duration-ms", "1000", "--memory-mb",
                             "512", "--vm", "t3.micro", "--count", "1"});
    check_comparison_equals(j, library_compare(issue_scenario()));
}

TEST_CASE("compare with several fleets, Cloud Run and Azure Functions, in JPY") {
    const auto j = run_json({"compare", "--requests-per-second", "5", "--duration-ms", "200", "--memory-mb", "512",
                             "--vm", "t3.micro", "--vm", "t3.small", "--count", "1", "--cloud-run", "--azure-functions",
                             "--currency", "JPY", "--jpy-per-usd", "150"});
    costsim::Scenario s;
    s.workload = {.requests_per_month = costsim::Workload::monthly_from_per_second(5), .duration_ms = 200};
    costsim::LambdaConfig l;
    l.memory_mb = 512;
    costsim::VmFleetConfig a, b;
    a.instance = "t3.micro";
    a.count = 1;
    b.instance = "t3.small";
    b.count = 1;
    costsim::CloudRunConfig run;
    run.memory_mb = 512;
    costsim::AzureFunctionsConfig azure;
    azure.memory_mb = 512;
    s.offerings = {{"", l}, {"", a}, {"", b}, {"", run}, {"", azure}};
    s.currency = {"JPY", 150};
    check_comparison_equals(j, library_compare(s));
    CHECK(j["currency"] == "JPY");
}

TEST_CASE("compare --format table ends with the verdict; --format csv is the library's CSV view") {
    const costsim::Comparison c = library_compare(issue_scenario());
    const auto table = run_cli({"compare", "--scenario", test::data_file("issue-example.json"), "--wide"});
    REQUIRE(table.exit_code == 0);
    CHECK(table.err.empty());
    const std::string last = table.out.substr(table.out.rfind('\n', table.out.size() - 2) + 1);
    CHECK(last.rfind("Lambda x86_64 512 MB (us-east-1): $", 0) == 0);  // each offering with its region
    CHECK(last.find("; t3.micro x1 (us-east-1): $") != std::string::npos);
    CHECK(last.find("; cheapest: ") != std::string::npos);
    CHECK(last.find(c.break_even.empty() ? "no break-even" : "break-even at ") != std::string::npos);
    const auto csv = run_cli({"compare", "--scenario", test::data_file("issue-example.json"), "--format", "csv"});
    REQUIRE(csv.exit_code == 0);
    CHECK(csv.out == costsim::to_csv(c));
}

TEST_CASE("break-even equals the library's points, in every format") {
    const costsim::TrafficRange range{0, 50};
    const costsim::Comparison c = library_compare(issue_scenario(), range);
    const std::vector<std::string> args = {"break-even", "--scenario", "-", "--from-rps", "0", "--to-rps", "50"};
    const auto j = run_json(args, test::read_data("issue-example.json"));
    CHECK(j["range"]["to_rps"].get<double>() == 50);
    check_break_even_equals(j["break_even"], c.break_even);

    auto csv_args = args;
    csv_args.insert(csv_args.end(), {"--format", "csv"});
    const auto csv = run_cli(csv_args, test::read_data("issue-example.json"));
    REQUIRE(csv.exit_code == 0);
    CHECK(csv.out == costsim::to_csv(c.break_even));

    const auto table = run_cli(args, test::read_data("issue-example.json"));
    REQUIRE(table.exit_code == 0);
    CHECK(table.out.find("Break-even points (0 to 50 requests/s):") != std::string::npos);
}

TEST_CASE("break-even built from flags equals the scenario's") {
    const auto from_flags = run_json({"break-even", "--duration-ms", "1000", "--memory-mb", "512", "--vm", "t3.micro",
                                      "--count", "1", "--to-rps", "50"});
    costsim::Scenario s = issue_scenario();
    s.workload.requests_per_month = 0;  // break-even does not need the workload's own traffic
    check_break_even_equals(from_flags["break_even"], library_compare(s, {0, 50}).break_even);
}

TEST_CASE("break-even needs two offerings, one of them serverless") {
    const auto one = run_cli({"break-even", "--duration-ms", "100"});
    CHECK(one.exit_code == 2);
    CHECK(test::one_line(one.err));
    CHECK(one.out.empty());
    const std::string fleets_only = R"({"offerings": [{"kind": "vm", "instance": "t3.micro", "count": 1},
                                                     {"kind": "vm", "instance": "t3.small", "count": 1}]})";
    const auto r = run_cli({"break-even", "--scenario", "-"}, fleets_only);
    CHECK(r.exit_code == 2);
    CHECK(test::one_line(r.err));
    CHECK(r.err.find("serverless") != std::string::npos);
}

TEST_CASE("compare: the verdict measures the cheapest fleet against the Lambda, not the runner-up fleet") {
    // 3M requests x 1 s: t3.micro x1 730 x ($0.0104 + $0.005 IPv4) = $11.242 (cheapest); t3.small x1
    // 730 x ($0.0208 + $0.005) = $18.834 (runner-up); Lambda 1024 MB (3,000,000 - 400,000) GB-s x
    // $0.0000166667 + 2,000,000 x $0.0000002 = $43.73342. The fleet's rival is the one billed per use.
    const std::vector<std::string> args = {
        "compare", "--requests-per-month", "3000000", "--duration-ms", "1000",  "--memory-mb", "1024",
        "--vm",    "t3.micro:1",           "--vm",    "t3.small:1",    "--wide"};
    const auto j = run_json(args);
    const auto& v = j["verdict"];
    CHECK(v["cheapest"] == "vm-aws-us-east-1-t3.micro");
    CHECK(v["rival"] == "lambda-us-east-1-x86_64-1024mb");
    CHECK(v["standing"] == "cheaper");
    CHECK(v["rival_relative_to_cheapest"].get<double>() == doctest::Approx(43.73342 / 11.242).epsilon(1e-9));
    CHECK(v["break_even"]["story"] == "one_change");
    CHECK(v["break_even"]["cheaper_below"] == "lambda-us-east-1-x86_64-1024mb");
    CHECK(v["fixed_fleets"].size() == 2);
    // three offerings: the table's verdict names the rival
    const auto table = run_cli(args);
    REQUIRE(table.exit_code == 0);
    const std::string last = table.out.substr(table.out.rfind('\n', table.out.size() - 2) + 1);
    CHECK(last.find("; cheapest: t3.micro x1; break-even with Lambda x86_64 1024 MB at ") != std::string::npos);
}
