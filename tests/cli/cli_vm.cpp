// `cost-sim vm`, run as a subprocess: every format, sizing flags, and equality with the library.
#include "run_cli.hpp"

#include <costsim/catalog.hpp>
#include <costsim/cost_model.hpp>
#include <costsim/csv.hpp>

using test::run_cli;
using test::run_json;

namespace {

costsim::Bill library_bill(const costsim::Workload& w, const costsim::VmFleetConfig& c) {
    return costsim::price(w, {"", c}, costsim::Catalog::builtin());
}

void check_total_and_items(const nlohmann::json& j, const costsim::Bill& b) {
    CHECK(j["id"] == std::string(b.offering_id));
    CHECK(j["kind"] == "vm");
    CHECK(j["total"].get<double>() == b.total);
    REQUIRE(j["line_items"].size() == b.line_items.size());
    for (std::size_t i = 0; i < b.line_items.size(); ++i)
        CHECK(j["line_items"][i]["cost"].get<double>() == b.line_items[i].cost);
}

}  // namespace

TEST_CASE("vm --instance --count equals the library's fleet bill") {
    const auto j = run_json({"vm", "--instance", "t3.micro", "--count", "2"});
    costsim::VmFleetConfig c;
    c.instance = "t3.micro";
    c.count = 2;
    check_total_and_items(j, library_bill({}, c));
}

TEST_CASE("vm sized from traffic: capacity, utilisation, peak, purchase option, load balancer") {
    const auto j = run_json({"vm", "--instance", "t3.small", "--requests-per-second", "40", "--capacity-rps", "25",
                             "--target-utilization", "0.8", "--min-instances", "2", "--peak-to-mean", "3", "--purchase",
                             "1yr", "--load-balancer", "--response-kb", "4"});
    costsim::VmFleetConfig c;
    c.instance = "t3.small";
    c.capacity_rps = 25;
    c.target_utilization = 0.8;
    c.min_instances = 2;
    c.purchase = costsim::PurchaseOption::one_year;
    c.load_balancer = true;
    const costsim::Workload w{
        .requests_per_month = costsim::Workload::monthly_from_per_second(40), .response_kb = 4, .peak_to_mean = 3};
    check_total_and_items(j, library_bill(w, c));
}

TEST_CASE("vm --purchase 3yr --payment no_upfront: the published t3.medium rate, as in the library") {
    // 730 h x $0.018 = $13.14, + the instance's public IPv4 address 730 h x $0.005 = $3.65 (not discounted)
    const auto j =
        run_json({"vm", "--instance", "t3.medium", "--count", "1", "--purchase", "3yr", "--payment", "no_upfront"});
    costsim::VmFleetConfig c;
    c.instance = "t3.medium";
    c.count = 1;
    c.purchase = costsim::PurchaseOption::three_year;
    check_total_and_items(j, library_bill({}, c));
    CHECK(j["total"].get<double>() == doctest::Approx(13.14 + 3.65).epsilon(1e-12));
    CHECK(j["line_items"][0]["price_id"] == "aws.ec2.us-east-1.t3.medium.reserved.3yr.no_upfront");
}

TEST_CASE("vm on another provider uses that provider's default region") {
    const auto j = run_json({"vm", "--provider", "gcp", "--instance", "e2-micro", "--count", "1"});
    costsim::VmFleetConfig c;
    c.provider = "gcp";
    c.instance = "e2-micro";
    c.count = 1;
    check_total_and_items(j, library_bill({}, c));
}

TEST_CASE("vm reads its fleet from the issue's scenario; --count overrides it") {
    const std::string scenario = test::read_data("issue-example.json");
    const auto j = run_json({"vm", "--scenario", "-", "--count", "3"}, scenario);
    costsim::VmFleetConfig c;
    c.instance = "t3.micro";
    c.region = "us-east-1";
    c.count = 3;
    check_total_and_items(j, library_bill({.requests_per_month = 3e6, .duration_ms = 1000}, c));
}

TEST_CASE("vm --format table and csv") {
    costsim::VmFleetConfig c;
    c.instance = "t3.micro";
    c.count = 1;
    const costsim::Bill b = library_bill({}, c);
    const auto table = run_cli({"vm", "--instance", "t3.micro", "--count", "1"});
    REQUIRE(table.exit_code == 0);
    char total[32];
    std::snprintf(total, sizeof total, "$%.2f", b.total);
    CHECK(table.out.find("t3.micro x1 (us-east-1): " + std::string(total) + "/month\n") != std::string::npos);
    const auto csv = run_cli({"vm", "--instance", "t3.micro", "--count", "1", "--format", "csv"});
    REQUIRE(csv.exit_code == 0);
    CHECK(csv.out == costsim::to_csv(b));
}
