// `cost-sim azure-functions-flex` and the Flex offering in `compare`, run as subprocesses: table,
// JSON and CSV equal the library's bill or comparison; a bad instance size names its flag.
#include "run_cli.hpp"

#include <costsim/catalog.hpp>
#include <costsim/compare.hpp>
#include <costsim/cost_model.hpp>
#include <costsim/csv.hpp>
#include <costsim/json.hpp>

using test::run_cli;
using test::run_json;

namespace {

const costsim::Workload kWorkload{.requests_per_month = 3e6, .duration_ms = 1000};

costsim::Bill library_bill(costsim::AzureFunctionsFlexConfig c) {
    return costsim::price(kWorkload, {"", std::move(c)}, costsim::Catalog::builtin());
}

const std::vector<std::string> kOwnCommand = {
    "azure-functions-flex", "--requests-per-month", "3000000", "--duration-ms", "1000", "--instance-concurrency", "1"};

}  // namespace

TEST_CASE("azure-functions-flex --format json equals the library's bill ($154.50)") {
    const auto j = run_json(kOwnCommand);
    const costsim::Bill b = library_bill({.instance_concurrency = 1});
    CHECK(j["id"] == "azure_functions_flex-eastus-2048mb");
    CHECK(j["total"].get<double>() == b.total);
    CHECK(j["total"].get<double>() == doctest::Approx(154.50).epsilon(1e-12));
    REQUIRE(j["line_items"].size() == b.line_items.size());
    for (std::size_t i = 0; i < b.line_items.size(); ++i) {
        CHECK(j["line_items"][i]["name"] == std::string(b.line_items[i].name));
        CHECK(j["line_items"][i]["cost"].get<double>() == b.line_items[i].cost);
    }
}

TEST_CASE("azure-functions-flex flags reach the offering; the table and CSV show the bill") {
    const std::vector<std::string> args = {"azure-functions-flex",
                                           "--requests-per-month",
                                           "3000000",
                                           "--duration-ms",
                                           "1000",
                                           "--region",
                                           "japaneast",
                                           "--instance-memory-mb",
                                           "4096",
                                           "--instance-concurrency",
                                           "1",
                                           "--always-ready-instances",
                                           "1",
                                           "--no-free-tier"};
    const costsim::Bill b = library_bill({.region = "japaneast",
                                          .instance_memory_mb = 4096,
                                          .instance_concurrency = 1,
                                          .always_ready_instances = 1,
                                          .free_tier = false});
    CHECK(run_json(args)["total"].get<double>() == b.total);

    const auto table = run_cli(args);
    REQUIRE(table.exit_code == 0);
    CHECK(table.err.empty());
    CHECK(table.out.find("Always-ready baseline") != std::string::npos);
    CHECK(table.out.find("region japaneast") != std::string::npos);
    CHECK(table.out.find("unverified_price") != std::string::npos);

    auto csv_args = args;
    csv_args.insert(csv_args.end(), {"--format", "csv"});
    const auto csv = run_cli(csv_args);
    REQUIRE(csv.exit_code == 0);
    CHECK(csv.out == costsim::to_csv(b));
}

TEST_CASE("compare --azure-functions-flex adds the offering; its prefixed flags set it") {
    const std::vector<std::string> args = {"compare",
                                           "--requests-per-month",
                                           "3000000",
                                           "--duration-ms",
                                           "1000",
                                           "--vm",
                                           "t3.micro",
                                           "--count",
                                           "1",
                                           "--azure-functions-flex",
                                           "--azure-functions-flex-instance-concurrency",
                                           "1",
                                           "--azure-functions-flex-always-ready-instances",
                                           "1"};
    costsim::VmFleetConfig vm;
    vm.instance = "t3.micro";
    vm.count = 1;
    const std::vector<costsim::Offering> offerings = {
        {"", costsim::LambdaConfig{}},
        {"", vm},
        {"", costsim::AzureFunctionsFlexConfig{.instance_concurrency = 1, .always_ready_instances = 1}}};
    const costsim::Comparison c = costsim::compare(kWorkload, offerings, costsim::Catalog::builtin());

    const auto j = run_json(args);
    REQUIRE(j["results"].size() == 3);
    CHECK(j["results"][2]["id"] == "azure_functions_flex-eastus-2048mb");
    CHECK(j["results"][2]["total"].get<double>() == c.results[2].bill.total);
    REQUIRE(j["break_even"].size() == c.break_even.size());
    for (std::size_t i = 0; i < c.break_even.size(); ++i)
        CHECK(j["break_even"][i]["requests_per_month"].get<double>() == c.break_even[i].requests_per_month);

    auto csv_args = args;
    csv_args.insert(csv_args.end(), {"--format", "csv"});
    const auto csv = run_cli(csv_args);
    REQUIRE(csv.exit_code == 0);
    CHECK(csv.out == costsim::to_csv(c));

    const auto table = run_cli(args);
    REQUIRE(table.exit_code == 0);
    CHECK(table.out.find("Azure Functions Flex") != std::string::npos);
}

TEST_CASE("a prefixed Flex flag without --azure-functions-flex, and a bad size, are errors naming the flag") {
    const auto missing =
        run_cli({"compare", "--requests-per-second", "1", "--azure-functions-flex-always-ready-instances", "1"});
    CHECK(missing.exit_code == 2);
    CHECK(missing.err.find("add --azure-functions-flex") != std::string::npos);

    const auto bad = run_cli({"azure-functions-flex", "--requests-per-second", "1", "--instance-memory-mb", "1024"});
    CHECK(bad.exit_code == 2);
    CHECK(test::one_line(bad.err));
    CHECK(bad.err.find("--instance-memory-mb") != std::string::npos);
    CHECK(bad.err.find("one of 512, 2048, 4096, got 1024") != std::string::npos);
}
