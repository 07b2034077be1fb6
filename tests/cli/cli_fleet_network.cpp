// Public IPv4 flags, fleet size and where a fixed fleet runs out, through the real binary. Prices:
// t3.micro $0.0104/h, t4g.small $0.0168/h (2 vCPUs), public IPv4 $0.005 per address-hour, 730 h.
#include "run_cli.hpp"

#include <string>

using test::run_cli;
using test::run_json;

namespace {
/// The cost of the line item named `name` in a bill's JSON, or -1 when it is absent.
double cost_of(const nlohmann::json& bill, const std::string& name) {
    for (const auto& item : bill["line_items"])
        if (item["name"] == name) return item["cost"].get<double>();
    return -1.0;
}
}  // namespace

TEST_CASE("vm: one public IPv4 per instance by default, --no-public-ipv4 removes it") {
    // 0.0104 x 730 = 7.592 + 0.005 x 730 = 3.65 -> 11.242
    const auto j = run_json({"vm", "--instance", "t3.micro"});
    CHECK(cost_of(j, "Public IPv4 addresses (one per instance)") == doctest::Approx(0.005 * 730).epsilon(1e-12));
    CHECK(j["total"].get<double>() == doctest::Approx(0.0104 * 730 + 0.005 * 730).epsilon(1e-12));
    const auto off = run_json({"vm", "--instance", "t3.micro", "--no-public-ipv4"});
    CHECK(cost_of(off, "Public IPv4 addresses (one per instance)") == -1.0);
    CHECK(off["total"].get<double>() == doctest::Approx(7.592).epsilon(1e-12));
}

TEST_CASE("vm --load-balancer: the ALB's addresses per AZ, --public-ipv4 adds the instances'") {
    // 2 AZs (default): 2 x 0.005 x 730 = 7.30; 3 AZs: 3 x 0.005 x 730 = 10.95
    const auto two = run_json({"vm", "--instance", "t3.micro", "--load-balancer"});
    CHECK(cost_of(two, "Public IPv4 addresses (load balancer, 2 AZs)") == doctest::Approx(7.30).epsilon(1e-12));
    CHECK(cost_of(two, "Public IPv4 addresses (one per instance)") == -1.0);
    const auto three = run_json({"vm", "--instance", "t3.micro", "--load-balancer", "--load-balancer-azs", "3"});
    CHECK(cost_of(three, "Public IPv4 addresses (load balancer, 3 AZs)") == doctest::Approx(10.95).epsilon(1e-12));
    // 2 instances with addresses behind the ALB: 2 x 730 x 0.005 = 7.30 more
    const auto both = run_json({"vm", "--instance", "t3.micro", "--count", "2", "--load-balancer", "--public-ipv4"});
    CHECK(cost_of(both, "Public IPv4 addresses (one per instance)") == doctest::Approx(7.30).epsilon(1e-12));
    CHECK(cost_of(both, "Public IPv4 addresses (load balancer, 2 AZs)") == doctest::Approx(7.30).epsilon(1e-12));
}

TEST_CASE("vm: bad public IPv4 flags are one line on stderr, exit 2") {
    const auto exclusive = run_cli({"vm", "--instance", "t3.micro", "--public-ipv4", "--no-public-ipv4"});
    CHECK(exclusive.exit_code == 2);
    CHECK(test::one_line(exclusive.err));
    CHECK(exclusive.err.find("--public-ipv4 and --no-public-ipv4 are exclusive") != std::string::npos);
    for (const char* azs : {"1", "7"}) {
        const auto r = run_cli({"vm", "--instance", "t3.micro", "--load-balancer", "--load-balancer-azs", azs});
        CHECK(r.exit_code == 2);
        CHECK(test::one_line(r.err));
        CHECK(r.err.find("--load-balancer-azs") != std::string::npos);
        CHECK(r.err.find("[2, 6]") != std::string::npos);
    }
}

TEST_CASE("vm --format table shows the fleet's size and AZs") {
    const auto r = run_cli({"vm", "--instance", "t3.micro", "--count", "2", "--load-balancer"});
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("\nFleet: 2 instances, load balancer in 2 AZs\n") != std::string::npos);
}

TEST_CASE("vm: a fixed count with a capacity says where it runs out, and flags demand above it") {
    // 2 x 50 rps = 100 rps; at 120 rps the peak is over
    // --wide: the verdict on one line
    const auto r = run_cli({"vm", "--instance", "t4g.small", "--count", "2", "--capacity-rps", "50",
                            "--requests-per-second", "120", "--wide"});
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("! over_capacity:") != std::string::npos);
    const std::string verdict = r.out.substr(r.out.rfind('\n', r.out.size() - 2) + 1);
    CHECK(verdict.find("t4g.small x2 (2 instances) runs out at 100 requests/s") != std::string::npos);
    // at 100 rps it is carried
    const auto at = run_cli(
        {"vm", "--instance", "t4g.small", "--count", "2", "--capacity-rps", "50", "--requests-per-second", "100"});
    CHECK(at.out.find("over_capacity") == std::string::npos);
}

TEST_CASE("compare: instances shown, the verdict says where a fixed fleet runs out, points above it marked") {
    // t4g.small at 400 ms of CPU: 2 vCPUs x 1,000 / 400 = 5 rps each, 2 instances run out at 10 rps.
    // Lambda 512 MB x 100 ms, free tier on, crosses the fleet's 2 x 730 x (0.0168 + 0.005) = 31.828
    // above 10 rps (at 10 rps Lambda costs (26,280,000 - 1e6) x 0.0000002 + (1,314,000 - 400,000) x
    // 0.0000166667 = 5.056 + 15.233 = 20.29 < 31.828).
    const std::vector<std::string> args = {
        "compare", "--requests-per-second", "5",   "--memory-mb", "512", "--vm", "t4g.small", "--count",
        "2",       "--cpu-ms-per-request",  "400", "--wide"};
    const auto table = run_cli(args);
    REQUIRE(table.exit_code == 0);
    CHECK(table.out.find("Fleet") != std::string::npos);
    CHECK(table.out.find("2 instances") != std::string::npos);
    CHECK(table.out.find("crossing (over capacity)") != std::string::npos);
    const std::string verdict = table.out.substr(table.out.rfind('\n', table.out.size() - 2) + 1);
    CHECK(verdict.find("t4g.small x2 (2 instances) runs out at 10 requests/s") != std::string::npos);
    const auto j = run_json(args);
    const auto& fleet = j["results"][1]["fleet"];
    CHECK(fleet["instances"] == 2.0);
    CHECK(fleet["fixed_count"] == true);
    CHECK(fleet["public_ipv4_addresses"] == 2.0);
    CHECK(fleet["runs_out_at_requests_per_second"].get<double>() == doctest::Approx(10.0).epsilon(1e-12));
    CHECK(j["results"][0].count("fleet") == 0);
    REQUIRE(j["break_even"].size() == 1);
    CHECK(j["break_even"][0]["beyond_capacity"] == true);
    CHECK(j["break_even"][0]["requests_per_second"].get<double>() > 10.0);
}

TEST_CASE("sweep by traffic marks totals above a fixed fleet's capacity") {
    // 20 ms of CPU: 2 x 1,000 / 20 = 100 rps per t4g.small, 2 instances run out at 200 rps; the grid
    // 1, 10, 100, 1,000 rps: only the 1,000 rps row is over
    const auto r = run_cli({"sweep", "--vm", "t4g.small", "--count", "2", "--cpu-ms-per-request", "20", "--from-rps",
                            "1", "--to-rps", "1000", "--points", "4"});
    REQUIRE(r.exit_code == 0);
    std::size_t marked = 0;
    for (std::size_t at = r.out.find(" !\n"); at != std::string::npos; at = r.out.find(" !\n", at + 1)) ++marked;
    CHECK(marked == 1);
    CHECK(r.out.find("$31.83 !\n") != std::string::npos);  // 2 x 730 x (0.0168 + 0.005) = 31.828
    CHECK(r.out.find("t4g.small x2 (2 instances) runs out at 200 requests/s") != std::string::npos);
    const auto j = run_json({"sweep", "--vm", "t4g.small", "--count", "2", "--cpu-ms-per-request", "20"});
    REQUIRE(j["fleets"].size() == 1);
    CHECK(j["fleets"][0]["runs_out_at_requests_per_second"].get<double>() == doctest::Approx(200.0).epsilon(1e-12));
    // unknown capacity: null, and the table says so
    const auto unknown = run_json({"sweep", "--vm", "t4g.small", "--count", "2"});
    CHECK(unknown["fleets"][0]["runs_out_at_requests_per_second"].is_null());
    CHECK(unknown["fleets"][0]["capacity_rps"].is_null());
}

TEST_CASE("sweep --sweep-rps marks cells above a fixed fleet's capacity") {
    // 2 x t4g.small at 20 ms: out at 200 rps; cells at 100 and 300 rps: only 300 is over
    const auto r =
        run_cli({"sweep", "--vm", "t4g.small", "--count", "2", "--cpu-ms-per-request", "20", "--sweep-rps", "100,300"});
    REQUIRE(r.exit_code == 0);
    std::size_t marked = 0;
    for (std::size_t at = r.out.find(" !\n"); at != std::string::npos; at = r.out.find(" !\n", at + 1)) ++marked;
    CHECK(marked == 1);
    CHECK(r.out.find("t4g.small x2 (2 instances) runs out at 200 requests/s") != std::string::npos);
    const auto j = run_json(
        {"sweep", "--vm", "t4g.small", "--count", "2", "--cpu-ms-per-request", "20", "--sweep-rps", "100,300"});
    REQUIRE(j["fleets"].size() == 1);
    CHECK(j["fleets"][0]["runs_out_at_requests_per_second"].get<double>() == doctest::Approx(200.0).epsilon(1e-12));
}
