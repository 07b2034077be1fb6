// `cost-sim cloud-run-service` and `compare --cloud-run-service`, run as subprocesses: table, JSON
// and CSV equal the library's bill and comparison; bad flags name the field.
#include "run_cli.hpp"

#include <costsim/catalog.hpp>
#include <costsim/compare.hpp>
#include <costsim/cost_model.hpp>
#include <costsim/csv.hpp>

using test::run_cli;
using test::run_json;

namespace {

costsim::Bill library_bill(const costsim::Workload& w, const costsim::CloudRunServiceConfig& c) {
    return costsim::price(w, {"", c}, costsim::Catalog::builtin());
}

// 100 requests/s of 200 ms: 20 in flight, concurrency 8 at 60 % -> 5 instances of 1 vCPU, 512 MiB.
const costsim::Workload kWorkload{.requests_per_month = costsim::Workload::monthly_from_per_second(100),
                                  .duration_ms = 200};

}  // namespace

TEST_CASE("cloud-run-service --format json: the issue's check, one instance all month, $44.712") {
    // (2,628,000 - 240,000) x 0.000018 + (1,314,000 - 450,000) x 0.000002 = 42.984 + 1.728
    const auto j = run_json({"cloud-run-service", "--min-instances", "1"});
    CHECK(j["kind"] == "cloud_run_service");
    CHECK(j["id"] == "cloud_run_service-us-central1-1vcpu-512mb");
    CHECK(j["total"].get<double>() == doctest::Approx(44.712).epsilon(1e-12));
    const costsim::Bill b = library_bill({}, {.min_instances = 1});
    CHECK(j["total"].get<double>() == b.total);
    REQUIRE(j["line_items"].size() == b.line_items.size());
    for (std::size_t i = 0; i < b.line_items.size(); ++i)
        CHECK(j["line_items"][i]["cost"].get<double>() == b.line_items[i].cost);
}

TEST_CASE("cloud-run-service sized from traffic: every flag reaches the library, table and CSV") {
    const std::vector<std::string> args = {"cloud-run-service",
                                           "--requests-per-second",
                                           "100",
                                           "--duration-ms",
                                           "200",
                                           "--concurrency",
                                           "8",
                                           "--region",
                                           "asia-northeast1",
                                           "--vcpu",
                                           "2",
                                           "--memory-mb",
                                           "1024",
                                           "--min-instances",
                                           "2",
                                           "--max-instances",
                                           "4",
                                           "--target-utilization",
                                           "0.6",
                                           "--no-free-tier"};
    const costsim::CloudRunServiceConfig c{.region = "asia-northeast1",
                                           .vcpu = 2,
                                           .memory_mb = 1024,
                                           .concurrency = 8,
                                           .min_instances = 2,
                                           .max_instances = 4,
                                           .free_tier = false};
    const costsim::Bill b = library_bill(kWorkload, c);
    // 5 instances x (2 x 2,628,000 x 0.000018 + 1 x 2,628,000 x 0.000002) = 5 x (94.608 + 5.256) = $499.32
    CHECK(b.total == doctest::Approx(499.32).epsilon(1e-12));

    const auto j = run_json(args);
    CHECK(j["total"].get<double>() == b.total);
    CHECK(j["conventions"]["instances"].get<double>() == 5.0);
    CHECK(j["flags"][0]["code"] == "over_max_instances");  // 5 needed, max 4

    const auto table = run_cli(args);
    CHECK(table.exit_code == 0);
    CHECK(table.out.find("Cloud Run service 2 vCPU 1024 MB (cloud_run_service-asia-northeast1-2vcpu-1024mb), region "
                         "asia-northeast1") != std::string::npos);
    CHECK(table.out.find("$499.32/month") != std::string::npos);

    std::vector<std::string> csv_args = args;
    csv_args.insert(csv_args.end(), {"--format", "csv"});
    const auto csv = run_cli(csv_args);
    CHECK(csv.exit_code == 0);
    CHECK(csv.out == costsim::to_csv(b));
}

TEST_CASE("compare --cloud-run-service with its prefixed flags equals the library's comparison") {
    const std::vector<std::string> args = {"compare",
                                           "--requests-per-second",
                                           "100",
                                           "--duration-ms",
                                           "200",
                                           "--cloud-run-service",
                                           "--cloud-run-service-concurrency",
                                           "8",
                                           "--cloud-run-service-min-instances",
                                           "1"};
    const auto j = run_json(args);
    const std::vector<costsim::Offering> offerings = {
        {"", costsim::LambdaConfig{}}, {"", costsim::CloudRunServiceConfig{.concurrency = 8, .min_instances = 1}}};
    const costsim::Comparison c = costsim::compare(kWorkload, offerings, costsim::Catalog::builtin());
    REQUIRE(j["results"].size() == 2);
    CHECK(j["results"][1]["id"] == "cloud_run_service-us-central1-1vcpu-512mb");
    CHECK(j["results"][1]["total"].get<double>() == c.results[1].bill.total);
    CHECK(j["results"][1]["total"].get<double>() == doctest::Approx(244.44).epsilon(1e-12));  // 5 instances
    CHECK(j["results"][1]["fleet"]["instances"].get<double>() == 5.0);
    REQUIRE(j["break_even"].size() == c.break_even.size());
    for (std::size_t i = 0; i < c.break_even.size(); ++i)
        CHECK(j["break_even"][i]["requests_per_month"].get<double>() == c.break_even[i].requests_per_month);

    const auto table = run_cli(args);
    CHECK(table.exit_code == 0);
    CHECK(table.out.find("cloud_run_service-us-central1-1vcpu-512mb") != std::string::npos);

    std::vector<std::string> csv_args = args;
    csv_args.insert(csv_args.end(), {"--format", "csv"});
    const auto csv = run_cli(csv_args);
    CHECK(csv.exit_code == 0);
    CHECK(csv.out == costsim::to_csv(c));
}

TEST_CASE("cloud-run-service: a bad flag is one line on stderr naming the field, exit 2") {
    const auto vcpu = run_cli({"cloud-run-service", "--vcpu", "3"});
    CHECK(vcpu.exit_code == 2);
    CHECK(vcpu.out.empty());
    CHECK(test::one_line(vcpu.err));
    CHECK(vcpu.err.find("vcpu must be 1, 2, 4, 6 or 8 under instance-based billing") != std::string::npos);

    const auto memory = run_cli({"cloud-run-service", "--memory-mb", "8192"});
    CHECK(memory.exit_code == 2);
    CHECK(memory.err.find("memory_mb must be in [128, 4096] with 1 vCPU") != std::string::npos);

    // A prefixed compare flag without the offering it sets.
    const auto orphan = run_cli({"compare", "--requests-per-second", "1", "--cloud-run-service-vcpu", "2"});
    CHECK(orphan.exit_code == 2);
    CHECK(orphan.err.find("add --cloud-run-service") != std::string::npos);
}
