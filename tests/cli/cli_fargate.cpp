// `cost-sim fargate` and `compare --fargate`, run as a subprocess: table, JSON and CSV equal the
// library's bill; errors name the flag and the field.
#include "run_cli.hpp"

#include <costsim/catalog.hpp>
#include <costsim/compare.hpp>
#include <costsim/cost_model.hpp>
#include <costsim/csv.hpp>

using test::run_cli;
using test::run_json;

namespace {

costsim::Bill library_bill(const costsim::Workload& w, const costsim::FargateConfig& c) {
    return costsim::price(w, {"", c}, costsim::Catalog::builtin());
}

/// Two tasks of 0.25 vCPU and 0.5 GB all month without addresses: 2 x (0.25 x 0.04048 + 0.5 x 0.004445) x 730 = 18.02005.
costsim::FargateConfig two_small_tasks() {
    costsim::FargateConfig c;
    c.count = 2;
    c.public_ipv4 = false;
    return c;
}

const std::vector<std::string> kTwoSmallTasks = {"fargate", "--vcpu",  "0.25", "--memory-gb",
                                                 "0.5",     "--count", "2",    "--no-public-ipv4"};

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
    args.insert(args.end(), more.begin(), more.end());
    return args;
}

void check_usage_error(const std::vector<std::string>& args, const std::string& needle) {
    const auto r = run_cli(args);
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(test::one_line(r.err));
    CHECK(r.out.empty());
    CHECK(r.err.find(needle) != std::string::npos);
}

}  // namespace

TEST_CASE("fargate --format json is the library's bill: the issue's $18.02") {
    const auto j = run_json(kTwoSmallTasks);
    const costsim::Bill b = library_bill({}, two_small_tasks());
    CHECK(j["kind"] == "fargate");
    CHECK(j["id"] == "fargate-us-east-1-x86_64-0.25vcpu-0.5gb");
    CHECK(j["total"].get<double>() == b.total);
    CHECK(j["total"].get<double>() == doctest::Approx(18.02005).epsilon(1e-12));
    REQUIRE(j["line_items"].size() == b.line_items.size());
    for (std::size_t i = 0; i < b.line_items.size(); ++i)
        CHECK(j["line_items"][i]["cost"].get<double>() == b.line_items[i].cost);
}

TEST_CASE("fargate in a table and as CSV") {
    const auto table = run_cli(kTwoSmallTasks);
    INFO(table.err);
    REQUIRE(table.exit_code == 0);
    CHECK(table.out.find("Task vCPU (x86_64, on-demand)") != std::string::npos);
    CHECK(table.out.find("Task memory (x86_64, on-demand)") != std::string::npos);
    CHECK(table.out.find("18.02") != std::string::npos);
    const auto csv = run_cli(with(kTwoSmallTasks, {"--format", "csv"}));
    REQUIRE(csv.exit_code == 0);
    CHECK(csv.out == costsim::to_csv(library_bill({}, two_small_tasks())));
}

TEST_CASE("fargate flags: Tokyo arm64, spot, storage, sized from traffic behind a load balancer") {
    // Tokyo arm64, 1 vCPU and 2 GB: (0.04045 + 2 x 0.00442) x 730 = 35.9817
    const auto tokyo = run_json({"fargate", "--region", "ap-northeast-1", "--arch", "arm64", "--vcpu", "1",
                                 "--memory-gb", "2", "--count", "1", "--no-public-ipv4"});
    CHECK(tokyo["total"].get<double>() == doctest::Approx(35.9817).epsilon(1e-12));
    const auto j = run_json({"fargate",
                             "--vcpu",
                             "2",
                             "--memory-gb",
                             "4",
                             "--purchase",
                             "spot",
                             "--ephemeral-storage-gb",
                             "50",
                             "--capacity-rps",
                             "100",
                             "--target-utilization",
                             "0.5",
                             "--min-tasks",
                             "2",
                             "--load-balancer",
                             "--requests-per-second",
                             "120",
                             "--hours-per-month",
                             "300"});
    costsim::FargateConfig c;
    c.vcpu = 2;
    c.memory_gb = 4;
    c.purchase = costsim::PurchaseOption::spot;
    c.ephemeral_storage_gb = 50;
    c.capacity_rps = 100;
    c.target_utilization = 0.5;
    c.min_tasks = 2;
    c.load_balancer = true;
    c.hours_per_month = 300;
    const costsim::Bill b = library_bill({.requests_per_month = costsim::Workload::monthly_from_per_second(120)}, c);
    CHECK(j["total"].get<double>() == b.total);
    CHECK(b.convention("instances")->value > 2.0);  // sized above the floor
}

TEST_CASE("compare --fargate adds the Fargate offering, set by --fargate-* flags") {
    const auto j = run_json({"compare", "--requests-per-second", "5", "--fargate", "--fargate-count", "2",
                             "--fargate-vcpu", "1", "--fargate-memory-gb", "2", "--no-fargate-public-ipv4"});
    costsim::FargateConfig f;
    f.count = 2;
    f.vcpu = 1;
    f.memory_gb = 2;
    f.public_ipv4 = false;
    const costsim::Workload w{.requests_per_month = costsim::Workload::monthly_from_per_second(5)};
    const auto c = costsim::compare(w, {{"", costsim::LambdaConfig{}}, {"", f}}, costsim::Catalog::builtin(), {}, {});
    REQUIRE(j["results"].size() == 2);
    CHECK(j["results"][1]["id"] == "fargate-us-east-1-x86_64-1vcpu-2gb");
    CHECK(j["results"][1]["total"].get<double>() == c.results[1].bill.total);
    CHECK(j["cheapest"] == c.cheapest_id);
    const auto csv =
        run_cli({"compare", "--requests-per-second", "5", "--fargate", "--fargate-count", "2", "--fargate-vcpu", "1",
                 "--fargate-memory-gb", "2", "--no-fargate-public-ipv4", "--format", "csv"});
    REQUIRE(csv.exit_code == 0);
    CHECK(csv.out == costsim::to_csv(c));
}

TEST_CASE("fargate errors name the flag and the field") {
    check_usage_error({"fargate", "--vcpu", "1", "--memory-gb", "9"}, "--memory-gb: memory_gb must be 2 to 8 GB");
    check_usage_error({"fargate", "--arch", "arm64", "--purchase", "spot"}, "purchase");
    check_usage_error({"fargate", "--purchase", "1yr"}, "--purchase");
    check_usage_error({"compare", "--requests-per-second", "1", "--fargate-count", "2"}, "add --fargate");
    check_usage_error({"compare", "--requests-per-second", "1", "--fargate", "--fargate-vcpu", "3"},
                      "--fargate-vcpu: offerings[1].vcpu");
}
