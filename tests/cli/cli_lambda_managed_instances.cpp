// `cost-sim lambda-managed-instances` and `compare --lambda-managed-instances`, run as a
// subprocess: table, JSON and CSV equal the library's bill, the flags reach the offering, and a
// bad value is one line on stderr naming the flag's field.
#include "run_cli.hpp"

#include <costsim/catalog.hpp>
#include <costsim/compare.hpp>
#include <costsim/cost_model.hpp>
#include <costsim/csv.hpp>

using test::run_cli;
using test::run_json;

namespace {

costsim::Bill library_bill(const costsim::Workload& w, const costsim::LambdaManagedInstancesConfig& c) {
    return costsim::price(w, {"", c}, costsim::Catalog::builtin());
}

void check_bill_equals(const nlohmann::json& j, const costsim::Bill& b) {
    CHECK(j["id"] == std::string(b.offering_id));
    CHECK(j["kind"] == "lambda_managed_instances");
    CHECK(j["total"].get<double>() == b.total);
    REQUIRE(j["line_items"].size() == b.line_items.size());
    for (std::size_t i = 0; i < b.line_items.size(); ++i) {
        CHECK(j["line_items"][i]["name"] == std::string(b.line_items[i].name));
        CHECK(j["line_items"][i]["cost"].get<double>() == b.line_items[i].cost);
    }
}

}  // namespace

TEST_CASE("lambda-managed-instances --format json: the issue's check, $205.71") {
    // 3 x m7g.large x $0.0816 x 730 h x 1.15 + 1M x $0.0000002 = 205.7096
    const auto j = run_json({"lambda-managed-instances", "--requests-per-month", "1000000"});
    check_bill_equals(j, library_bill({.requests_per_month = 1e6}, {}));
    CHECK(j["total"].get<double>() == doctest::Approx(205.7096).epsilon(1e-12));
    CHECK(j["conventions"]["concurrency_per_vcpu"].get<double>() == 64.0);  // the runtime's default
    CHECK(j["conventions"]["instances"].get<double>() == 3.0);
}

TEST_CASE("lambda-managed-instances: a capacity bill needs no traffic; the flags reach the offering") {
    // no traffic: the floor, 3 x 0.0816 x 730 x 1.15 = 205.5096
    const auto floor = run_json({"lambda-managed-instances"});
    CHECK(floor["total"].get<double>() == doctest::Approx(205.5096).epsilon(1e-12));

    const auto j = run_json({"lambda-managed-instances",
                             "--requests-per-second",
                             "1000",
                             "--region",
                             "ap-northeast-1",
                             "--instance",
                             "c7g.xlarge",
                             "--runtime",
                             "python",
                             "--concurrency-per-vcpu",
                             "8",
                             "--memory-gib-per-vcpu",
                             "2",
                             "--target-utilization",
                             "0.6",
                             "--min-instances",
                             "4",
                             "--hours-per-month",
                             "700",
                             "--purchase",
                             "1yr",
                             "--no-free-tier",
                             "--response-kb",
                             "2"});
    costsim::LambdaManagedInstancesConfig c;
    c.region = "ap-northeast-1";
    c.instance = "c7g.xlarge";
    c.runtime = costsim::LambdaRuntime::python;
    c.concurrency_per_vcpu = 8;
    c.memory_gib_per_vcpu = 2;
    c.target_utilization = 0.6;
    c.min_instances = 4;
    c.hours_per_month = 700;
    c.purchase = costsim::PurchaseOption::one_year;
    c.free_tier = false;
    check_bill_equals(
        j, library_bill({.requests_per_month = costsim::Workload::monthly_from_per_second(1000), .response_kb = 2}, c));
}

TEST_CASE("lambda-managed-instances --format table and csv are the library's bill") {
    const costsim::Bill b = library_bill({.requests_per_month = 1e6}, {});
    const auto table = run_cli({"lambda-managed-instances", "--requests-per-month", "1000000", "--wide"});
    REQUIRE(table.exit_code == 0);
    CHECK(table.err.empty());
    for (const auto& item : b.line_items) CHECK(table.out.find(std::string(item.name)) != std::string::npos);
    CHECK(table.out.find("$205.71") != std::string::npos);
    const auto csv = run_cli({"lambda-managed-instances", "--requests-per-month", "1000000", "--format", "csv"});
    REQUIRE(csv.exit_code == 0);
    CHECK(csv.out == costsim::to_csv(b));
    CHECK(csv.out.find("aws.lambda_managed_instances.global.management_fee") != std::string::npos);
}

TEST_CASE("compare --lambda-managed-instances adds one, with its prefixed flags, beside a Lambda") {
    const auto j =
        run_json({"compare", "--requests-per-month", "300000000", "--memory-mb", "512", "--lambda-managed-instances",
                  "--lambda-managed-instances-runtime", "java", "--lambda-managed-instances-purchase", "1yr"});
    costsim::LambdaConfig lambda;
    lambda.memory_mb = 512;
    costsim::LambdaManagedInstancesConfig managed;
    managed.runtime = costsim::LambdaRuntime::java;
    managed.purchase = costsim::PurchaseOption::one_year;
    const costsim::Comparison c =
        costsim::compare({.requests_per_month = 3e8}, {{"", lambda}, {"", managed}}, costsim::Catalog::builtin());
    REQUIRE(j["results"].size() == 2);
    CHECK(j["results"][1]["kind"] == "lambda_managed_instances");
    CHECK(j["results"][1]["total"].get<double>() == c.results[1].bill.total);
    CHECK(j["results"][0]["total"].get<double>() == c.results[0].bill.total);
    // billed per capacity: the pair with the Lambda has a break-even
    REQUIRE(j["break_even"].size() == c.break_even.size());
    REQUIRE(!c.break_even.empty());
    CHECK(j["break_even"][0]["requests_per_month"].get<double>() == c.break_even[0].requests_per_month);

    const auto csv = run_cli({"compare", "--requests-per-month", "300000000", "--memory-mb", "512",
                              "--lambda-managed-instances", "--lambda-managed-instances-runtime", "java",
                              "--lambda-managed-instances-purchase", "1yr", "--format", "csv"});
    REQUIRE(csv.exit_code == 0);
    CHECK(csv.out == costsim::to_csv(c));
}

TEST_CASE("lambda-managed-instances: bad values are one line on stderr, exit 2") {
    const auto spot = run_cli({"lambda-managed-instances", "--purchase", "spot"});
    CHECK(spot.exit_code == 2);
    CHECK(test::one_line(spot.err));
    CHECK(spot.err.find("--purchase") != std::string::npos);
    CHECK(spot.err.find("on-demand, 1yr, 3yr") != std::string::npos);

    const auto two = run_cli({"lambda-managed-instances", "--min-instances", "2"});
    CHECK(two.exit_code == 2);
    CHECK(test::one_line(two.err));
    CHECK(two.err.find("min_instances") != std::string::npos);
    CHECK(two.err.find("[3, 10000]") != std::string::npos);

    const auto burstable = run_cli({"lambda-managed-instances", "--instance", "t3.large"});
    CHECK(burstable.exit_code == 2);
    CHECK(test::one_line(burstable.err));
    CHECK(burstable.err.find("burstable") != std::string::npos);

    const auto prefixed =
        run_cli({"compare", "--requests-per-month", "1000", "--lambda-managed-instances-runtime", "java"});
    CHECK(prefixed.exit_code == 2);
    CHECK(prefixed.err.find("add --lambda-managed-instances") != std::string::npos);
}
