// `cost-sim catalog import FILE...` and `cost-sim catalog diff OLD NEW`, run as a subprocess.
// Fixtures: tests/data/price-list (SOURCES.md). Bills at 730 h a month.
#include "run_cli.hpp"

#include <costsim/catalog.hpp>

#include <cstdlib>
#include <set>
#include <fstream>

using test::run_cli;
using test::temp_file;

namespace {

std::string price_list(const std::string& name) {
    return std::string(COSTSIM_CLI_TEST_DATA_DIR) + "/../../data/price-list/" + name;
}

}  // namespace

TEST_CASE("catalog import: a catalog document on stdout, the counts on stderr, and --catalog takes it") {
    const auto r = run_cli({"catalog", "import", price_list("aws-AmazonEC2-us-east-1-t3.json"), "--family", "t3"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto doc = nlohmann::json::parse(r.out);
    CHECK(doc["schema"] == "cost-sim-catalog/1");
    CHECK(doc["as_of"] == "2026-03-20");
    CHECK(doc["entries"][0]["id"] == "aws.ec2.us-east-1.t3.micro");
    CHECK(doc["entries"][0]["price"] == 0.0104);
    CHECK(r.err.find("cost-sim catalog import: AmazonEC2 (") == 0);
    CHECK(r.err.find("4 products read, 1 used, 3 skipped (1 capacity status UnusedCapacityReservation; "
                     "1 instance family not selected; 1 operating system Windows; 1 reserved purchase option "
                     "Heavy Utilization); 5 entries\n") != std::string::npos);

    // The output validates and, merged, prices the same bill as the built-in catalog:
    // 2 x 730 h x $0.0104 = $15.184 a month (no public IPv4 address: the import is what is checked).
    const std::string imported = temp_file("t3.json", r.out);
    CHECK(run_cli({"catalog", "validate", imported}).exit_code == 0);
    const auto ours =
        test::run_json({"vm", "--catalog", imported, "--instance", "t3.micro", "--count", "2", "--no-public-ipv4"});
    const auto builtin = test::run_json({"vm", "--instance", "t3.micro", "--count", "2", "--no-public-ipv4"});
    CHECK(ours["total"].get<double>() == doctest::Approx(2 * 730 * 0.0104));
    CHECK(ours["total"] == builtin["total"]);
    // The imported 3yr all-upfront rate: $110 / 36 a month, no hourly charge = $3.0556.
    const auto all_upfront = test::run_json({"vm", "--catalog", imported, "--instance", "t3.micro", "--count", "1",
                                             "--purchase", "3yr", "--payment", "all_upfront", "--no-public-ipv4"});
    CHECK(all_upfront["total"].get<double>() == doctest::Approx(110.0 / 36));
}

TEST_CASE("catalog import: several files (JSON and CSV, stdin too) into one document, filtered by region") {
    const std::string lambda_csv = test::read_data("../../data/price-list/ligoj-AWSLambda-eu-west-1.csv");
    const auto r = run_cli({"catalog", "import", price_list("opencost-AmazonEC2-us-east-2.json"), "-", "--region",
                            "eu-west-1", "--region", "us-east-2"},
                           lambda_csv);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto doc = nlohmann::json::parse(r.out);
    std::set<std::string> ids;
    for (const auto& e : doc["entries"]) ids.insert(e["id"].get<std::string>());
    CHECK(ids.count("aws.ebs.us-east-2.gp3") == 1);
    CHECK(ids.count("aws.lambda.eu-west-1.x86_64.requests") == 1);
    CHECK(ids.count("aws.lambda.global.free_tier.requests") == 1);
    CHECK(r.err.find("AWSLambda ((stdin), csv,") != std::string::npos);
}

TEST_CASE("catalog import: Azure Retail Prices pages, alone or beside an AWS offer file") {
    const std::string azure = std::string(COSTSIM_CLI_TEST_DATA_DIR) + "/../../data/azure-retail-prices/";
    const auto r = run_cli({"catalog", "import", azure + "standard_b1s_eastus.json",
                            azure + "functions_eastus_consumption.json", "--service", "vm", "--service", "functions"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto doc = nlohmann::json::parse(r.out);
    CHECK(doc["version"] == "azure-retail-prices-2025-10-01");
    std::set<std::string> ids;
    for (const auto& e : doc["entries"]) ids.insert(e["id"].get<std::string>());
    CHECK(ids == std::set<std::string>{
                     "azure.vm.eastus.b1s", "azure.functions.eastus.gb_seconds", "azure.functions.eastus.executions",
                     "azure.functions.global.free_tier.gb_seconds", "azure.functions.global.free_tier.executions"});
    CHECK(r.err.find("cost-sim catalog import: Azure Retail Prices (") == 0);
    CHECK(r.err.find("(1 Windows)") != std::string::npos);
    // --catalog takes it: 2 x 730 h x $0.0104 = $15.184 a month (no public IP address).
    const std::string catalog = temp_file("azure-prices.json", r.out);
    const auto vm = run_cli({"vm", "--catalog", catalog, "--provider", "azure", "--region", "eastus", "--instance",
                             "B1s", "--count", "2", "--no-public-ipv4", "--format", "json"});
    INFO(vm.err);
    REQUIRE(vm.exit_code == 0);
    CHECK(nlohmann::json::parse(vm.out)["total"].get<double>() == doctest::Approx(2 * 730 * 0.0104));
    const auto bad = run_cli({"catalog", "import", azure + "standard_b1s_eastus.json", "--service", "blob"});
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("--service must be ec2, ebs, lambda, elb, apigateway, data_transfer, vm, functions or "
                       "functions_flex, got \"blob\"") != std::string::npos);
}

TEST_CASE("catalog import: bad input is exit 2 with one line on stderr and nothing on stdout") {
    const std::string good = test::read_data("../../data/price-list/opencost-AmazonEC2-us-east-2.json");
    struct Case {
        std::vector<std::string> args;
        std::string input;
        std::string message;
    };
    const std::vector<Case> cases = {
        {{"catalog", "import"}, "", "needs one or more AWS Price List offer FILEs"},
        {{"catalog", "import", "/no/such/file.json"}, "", "cannot open \"/no/such/file.json\""},
        {{"catalog", "import", "-"}, good.substr(0, 1000), "(stdin): invalid or truncated JSON at byte "},
        {{"catalog", "import", price_list("ligoj-AmazonEC2-eu-west-1.csv")},
         "",
         "ligoj-AmazonEC2-eu-west-1.csv: line 2: not an AWS Price List CSV"},
        {{"catalog", "import", test::data_file("user-catalog.json")},
         "",
         "not an AWS Price List offer file: no offerCode"},
        {{"catalog", "import", "-"},
         R"({"formatVersion":"v1.0","offerCode":"AmazonRDS","publicationDate":"2026-01-01T00:00:00Z","products":{}})",
         "the offer AmazonRDS is not one cost-sim imports"},
        {{"catalog", "import", price_list("opencost-AmazonEC2-us-east-2.json"), "--region", "eu-west-1"},
         "",
         "nothing was imported"},
        {{"catalog", "import", "-", "--service", "s3"},
         "",
         "--service must be ec2, ebs, lambda, elb, apigateway, data_transfer, vm, functions or functions_flex"},
        {{"catalog", "import", "-", "--format", "json"}, "", "unknown flag --format"},
    };
    for (const Case& c : cases) {
        const auto r = run_cli(c.args, c.input);
        INFO(c.args.back() << " -> " << r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK(test::one_line(r.err));
        CHECK(r.err.rfind("cost-sim catalog import: ", 0) == 0);
        CHECK(r.err.find(c.message) != std::string::npos);
    }
    // A malformed CSV line is named by its number: the ligoj Lambda file has 14 lines.
    const std::string lambda_csv = test::read_data("../../data/price-list/ligoj-AWSLambda-eu-west-1.csv");
    const auto r = run_cli({"catalog", "import", "-"}, lambda_csv + "\"X\",\"Y\"\n");
    CHECK(r.exit_code == 2);
    CHECK(r.err == "cost-sim catalog import: (stdin): line 15: malformed CSV: 2 fields, the header (line 6) has 21\n");
}

TEST_CASE("catalog diff OLD NEW: moved prices with their change, added and removed entries, in every format") {
    const std::string old_catalog =
        temp_file("old.json", R"({"schema":"cost-sim-catalog/1","version":"1","as_of":"2026-01-01","entries":[
      {"id":"aws.ec2.us-east-1.t3.micro","provider":"aws","service":"ec2","region":"us-east-1","description":"t3.micro",
       "unit":"hour","currency":"USD","price":0.0104,"source":"https://aws.amazon.com/ec2/pricing/on-demand/","as_of":"2026-01-01","confidence":"verified"},
      {"id":"aws.ec2.us-east-1.t3.small","provider":"aws","service":"ec2","region":"us-east-1","description":"t3.small",
       "unit":"hour","currency":"USD","price":0.0208,"source":"https://aws.amazon.com/ec2/pricing/on-demand/","as_of":"2026-01-01","confidence":"verified"},
      {"id":"aws.data_transfer.us-east-1.internet_out","provider":"aws","service":"data_transfer","region":"us-east-1","description":"out",
       "unit":"GB","currency":"USD","tiers":[{"from":0,"up_to":10240,"price":0.09},{"from":10240,"up_to":null,"price":0.085}],
       "source":"https://aws.amazon.com/ec2/pricing/on-demand/","as_of":"2026-01-01","confidence":"verified"}]})");
    const std::string new_catalog =
        temp_file("new.json", R"({"schema":"cost-sim-catalog/1","version":"2","as_of":"2026-02-01","entries":[
      {"id":"aws.ec2.us-east-1.t3.micro","provider":"aws","service":"ec2","region":"us-east-1","description":"t3.micro",
       "unit":"hour","currency":"USD","price":0.0114,"source":"https://aws.amazon.com/ec2/pricing/on-demand/","as_of":"2026-02-01","confidence":"verified"},
      {"id":"aws.data_transfer.us-east-1.internet_out","provider":"aws","service":"data_transfer","region":"us-east-1","description":"out",
       "unit":"GB","currency":"USD","tiers":[{"from":0,"up_to":10240,"price":0.09},{"from":10240,"up_to":null,"price":0.08}],
       "source":"https://aws.amazon.com/ec2/pricing/on-demand/","as_of":"2026-02-01","confidence":"verified"},
      {"id":"aws.ec2.us-east-1.t3.medium","provider":"aws","service":"ec2","region":"us-east-1","description":"t3.medium",
       "unit":"hour","currency":"USD","price":0.0416,"source":"https://aws.amazon.com/ec2/pricing/on-demand/","as_of":"2026-02-01","confidence":"verified"}]})");

    const auto j = test::run_json({"catalog", "diff", old_catalog, new_catalog});
    CHECK(j["schema"] == "cost-sim-catalog-diff/1");
    CHECK(j["added"] == nlohmann::json::array({"aws.ec2.us-east-1.t3.medium"}));
    CHECK(j["removed"] == nlohmann::json::array({"aws.ec2.us-east-1.t3.small"}));
    REQUIRE(j["changed"].size() == 2);
    // t3.micro $0.0104 -> $0.0114: +$0.0010, +0.0010 / 0.0104 = +9.615 %.
    CHECK(j["changed"][0]["id"] == "aws.ec2.us-east-1.t3.micro");
    CHECK(j["changed"][0]["field"] == "price");
    CHECK(j["changed"][0]["change"].get<double>() == doctest::Approx(0.0114 - 0.0104));
    CHECK(j["changed"][0]["change_percent"].get<double>() == doctest::Approx(100 * (0.0114 - 0.0104) / 0.0104));
    // The second data-out tier $0.085 -> $0.08: -$0.005, -5.882 %.
    CHECK(j["changed"][1]["field"] == "tiers[1].price");
    CHECK(j["changed"][1]["change_percent"].get<double>() == doctest::Approx(100 * (0.08 - 0.085) / 0.085));
    CHECK(j["unchanged"] == 0);

    const auto table = run_cli({"catalog", "diff", old_catalog, new_catalog});
    REQUIRE(table.exit_code == 0);
    CHECK(table.out.rfind("2 changed, 1 added, 1 removed, 0 unchanged\n", 0) == 0);
    CHECK(table.out.find("+9.62%") != std::string::npos);
    CHECK(table.out.find("-5.88%") != std::string::npos);

    const auto csv = run_cli({"catalog", "diff", old_catalog, new_catalog, "--format", "csv"});
    REQUIRE(csv.exit_code == 0);
    CHECK(csv.out.rfind(
              "change,id,field,old,new,delta,percent\r\nadded,aws.ec2.us-east-1.t3.medium,,,,,\r\n"
              "removed,aws.ec2.us-east-1.t3.small,,,,,\r\nchanged,aws.ec2.us-east-1.t3.micro,price,0.0104,0.0114,",
              0) == 0);

    const auto same = run_cli({"catalog", "diff", old_catalog, old_catalog});
    CHECK(same.out == "0 changed, 0 added, 0 removed, 3 unchanged\n");
    const auto missing = run_cli({"catalog", "diff", old_catalog});
    CHECK(missing.exit_code == 2);
    CHECK(test::one_line(missing.err));
    CHECK(missing.err.find("needs two catalog files") != std::string::npos);
    const auto broken = run_cli({"catalog", "diff", old_catalog, test::data_file("bad-catalog.json")});
    CHECK(broken.exit_code == 2);
    CHECK(test::one_line(broken.err));
}
