// Per-offering regions and price confidence on the command line: --cloud-run-region,
// --azure-functions-region (with --region and --vm-region), regions in every table and the
// verdict, the mixed-geographies flag, and the mark on line items priced on unverified entries.
#include "run_cli.hpp"

#include <costsim/catalog.hpp>
#include <costsim/compare.hpp>
#include <costsim/json.hpp>

using test::run_cli;
using test::run_json;

namespace {

/// The issue's comparison: Lambda in Tokyo, everything else at its default (the United States).
const std::vector<std::string> kIssueMixed = {
    "compare", "--region", "ap-northeast-1", "--cloud-run", "--azure-functions",     "--provider", "gcp",
    "--vm",    "e2-small", "--count",        "1",           "--requests-per-second", "5",          "--duration-ms",
    "100",     "--wide"};

std::vector<std::string> with(std::vector<std::string> args, std::initializer_list<std::string> more) {
    args.insert(args.end(), more);
    return args;
}

/// A catalog whose us-east-1 Lambda duration price is marked unverified (tests/data/catalogs).
std::string unverified_catalog() { return test::data_file("../../data/catalogs/unverified-prices.json"); }

}  // namespace

TEST_CASE("the issue's mixed comparison names every region and is flagged") {
    const auto j = run_json(kIssueMixed);
    std::vector<std::string> regions;
    for (const auto& r : j["results"]) regions.push_back(r["region"]);
    CHECK(regions == std::vector<std::string>{"ap-northeast-1", "us-central1", "us-central1", "eastus"});
    REQUIRE(j["flags"].size() == 1);
    CHECK(j["flags"][0]["code"] == "mixed_geographies");

    const auto table = run_cli(kIssueMixed);
    REQUIRE(table.exit_code == 0);
    CHECK(table.out.find("  ! mixed_geographies: the offerings are priced in different geographies: Japan: "
                         "lambda-ap-northeast-1-x86_64-128mb in ap-northeast-1 (Tokyo); United States: ") !=
          std::string::npos);
    CHECK(table.out.find("  Offering                Id                                  Region ") != std::string::npos);
    CHECK(table.out.find("Cloud Run 512 MB (cloud_run-us-central1-512mb), region us-central1\n") != std::string::npos);
    const std::string last = table.out.substr(table.out.rfind('\n', table.out.size() - 2) + 1);
    CHECK(last.rfind("Lambda x86_64 128 MB (ap-northeast-1): $", 0) == 0);
    CHECK(last.find("; GCP e2-small x1 (us-central1): $") != std::string::npos);
    CHECK(last.find("; Cloud Run 512 MB (us-central1): $") != std::string::npos);
    CHECK(last.find("; Azure Functions 128 MB (eastus): $") != std::string::npos);

    // break-even shows the flag too
    auto break_even = kIssueMixed;
    break_even[0] = "break-even";
    const auto points = run_cli(break_even);
    REQUIRE(points.exit_code == 0);
    CHECK(points.out.rfind("  ! mixed_geographies: ", 0) == 0);
    // and sweep (curves and parameter sweeps), in the table and the JSON
    auto curves = kIssueMixed;
    curves[0] = "sweep";
    const auto curves_table = run_cli(with(curves, {"--points", "3"}));
    REQUIRE(curves_table.exit_code == 0);
    CHECK(curves_table.out.rfind("  ! mixed_geographies: ", 0) == 0);
    CHECK(run_json(with(curves, {"--sweep-rps", "1,10"}))["flags"][0]["code"] == "mixed_geographies");
    const auto points_json = run_json(break_even);
    REQUIRE(points_json["flags"].size() == 1);
    CHECK(points_json["flags"][0]["code"] == "mixed_geographies");
}

TEST_CASE("--cloud-run-region, --azure-functions-region and --vm-region put every offering in Tokyo") {
    const auto j = run_json(with(kIssueMixed, {"--cloud-run-region", "asia-northeast1", "--azure-functions-region",
                                               "japaneast", "--vm-region", "asia-northeast1"}));
    std::vector<std::string> regions;
    for (const auto& r : j["results"]) regions.push_back(r["region"]);
    CHECK(regions == std::vector<std::string>{"ap-northeast-1", "asia-northeast1", "asia-northeast1", "japaneast"});
    CHECK(j["flags"].empty());

    // the same offerings built by hand price the same
    const costsim::Workload w{.requests_per_month = costsim::Workload::monthly_from_per_second(5), .duration_ms = 100};
    const costsim::Comparison c = costsim::compare(
        w,
        {{"", costsim::LambdaConfig{.region = "ap-northeast-1"}},
         {"",
          costsim::VmFleetConfig{.provider = "gcp", .region = "asia-northeast1", .instance = "e2-small", .count = 1}},
         {"", costsim::CloudRunConfig{.region = "asia-northeast1"}},
         {"", costsim::AzureFunctionsConfig{.region = "japaneast"}}},
        costsim::Catalog::builtin());
    REQUIRE(j["results"].size() == c.results.size());
    for (std::size_t i = 0; i < c.results.size(); ++i) {
        CHECK(j["results"][i]["id"] == std::string(c.results[i].bill.offering_id));
        CHECK(j["results"][i]["total"].get<double>() == c.results[i].bill.total);
    }
    const auto table = run_cli(with(kIssueMixed, {"--cloud-run-region", "asia-northeast1", "--azure-functions-region",
                                                  "japaneast", "--vm-region", "asia-northeast1"}));
    REQUIRE(table.exit_code == 0);
    CHECK(table.out.find("mixed_geographies") == std::string::npos);
}

TEST_CASE("the region flags override a scenario's regions") {
    const std::string scenario = R"({"workload": {"requests_per_second": 1, "duration_ms": 100},
        "offerings": [{"kind": "cloud_run", "region": "us-central1"}, {"kind": "azure_functions", "region": "eastus"}]})";
    const auto j = run_json({"compare", "--scenario", "-", "--cloud-run-region", "asia-northeast1",
                             "--azure-functions-region", "japaneast"},
                            scenario);
    REQUIRE(j["results"].size() == 2);
    CHECK(j["results"][0]["region"] == "asia-northeast1");
    CHECK(j["results"][1]["region"] == "japaneast");
}

TEST_CASE("an unknown region on a region flag is exit 2 naming that flag") {
    for (const auto& [flag, kind] : {std::pair<std::string, std::string>{"--cloud-run-region", "--cloud-run"},
                                     {"--azure-functions-region", "--azure-functions"}}) {
        CAPTURE(flag);
        const auto r = run_cli({"compare", "--requests-per-second", "1", kind, flag, "mars-1"});
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK(test::one_line(r.err));
        CHECK(r.err.find(flag + ": ") != std::string::npos);
        CHECK(r.err.find("mars-1") != std::string::npos);
    }
}

TEST_CASE("a line item priced on an unverified entry is marked, with a legend and the bill's flag") {
    const auto r = run_cli({"lambda", "--catalog", unverified_catalog(), "--requests-per-month", "3000000",
                            "--duration-ms", "1000", "--memory-mb", "512", "--wide"});
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.empty());
    // 1,100,000 GB-s after the free tier, at the fixture's unverified $0.0000166667
    CHECK(r.out.find("\n  Duration (x86_64) *           1,100,000  GB-second") != std::string::npos);
    CHECK(r.out.find("\n  Requests                      2,000,000") != std::string::npos);  // verified: no mark
    CHECK(r.out.find("\n  * price marked unverified in the catalog (cost-sim catalog show ID)\n") != std::string::npos);
    CHECK(r.out.find("\n  ! unverified_price: this bill uses prices marked unverified in the catalog: "
                     "aws.lambda.us-east-1.x86_64.duration; check them at their source before relying on it\n") !=
          std::string::npos);

    const auto j = run_json({"lambda", "--catalog", unverified_catalog(), "--requests-per-month", "3000000",
                             "--duration-ms", "1000", "--memory-mb", "512"});
    std::vector<std::string> confidences;
    for (const auto& li : j["line_items"]) confidences.push_back(li["confidence"]);
    CHECK(confidences == std::vector<std::string>{"verified", "verified", "verified", "unverified"});

    // the built-in catalog's us-east-1 Lambda prices are not marked
    const auto plain =
        run_cli({"lambda", "--requests-per-month", "3000000", "--duration-ms", "1000", "--memory-mb", "512"});
    REQUIRE(plain.exit_code == 0);
    CHECK(plain.out.find(" *  ") == std::string::npos);
    CHECK(plain.out.find("price marked unverified") == std::string::npos);
}

TEST_CASE("compare marks unverified lines in each bill's table, and CSV gives confidence and region") {
    const std::vector<std::string> args = {"compare",
                                           "--catalog",
                                           unverified_catalog(),
                                           "--requests-per-month",
                                           "3000000",
                                           "--duration-ms",
                                           "1000",
                                           "--memory-mb",
                                           "512",
                                           "--vm",
                                           "t3.micro",
                                           "--count",
                                           "1"};
    const auto table = run_cli(args);
    REQUIRE(table.exit_code == 0);
    const std::size_t lambda =
        table.out.find("Lambda x86_64 512 MB (lambda-us-east-1-x86_64-512mb), region us-east-1\n");
    const std::size_t fleet = table.out.find("t3.micro x1 (vm-aws-us-east-1-t3.micro), region us-east-1\n");
    REQUIRE(lambda != std::string::npos);
    REQUIRE(fleet != std::string::npos);
    const std::size_t legend = table.out.find("  * price marked unverified in the catalog", lambda);
    CHECK(legend < fleet);  // under the Lambda's table, not the fleet's
    CHECK(table.out.find("  * price marked unverified in the catalog", fleet) == std::string::npos);

    const auto csv = run_cli(with(args, {"--format", "csv"}));
    REQUIRE(csv.exit_code == 0);
    CHECK(csv.out.rfind("offering,name,unit,quantity,unit_price,cost,currency,price_id,confidence,region\r\n", 0) == 0);
    // 1,100,000 x 0.0000166667 = 18.33337 exactly in decimal; no float noise in the cell
    CHECK(csv.out.find(",GB-second,1100000,0.0000166667,18.33337,USD,aws.lambda.us-east-1.x86_64.duration,unverified,"
                       "us-east-1\r\n") != std::string::npos);
    CHECK(csv.out.find(
              ",request,2000000,0.0000002,0.4,USD,aws.lambda.us-east-1.x86_64.requests,verified,us-east-1\r\n") !=
          std::string::npos);
}
