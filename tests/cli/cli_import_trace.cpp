// `cost-sim import trace`, run as a subprocess on the bundled Azure Functions 2019 sample
// (tests/data/azure-functions-2019, CC-BY 4.0: README.md there). Row 2's figures are worked by
// hand in tests/unit/io/trace_import.cpp: 15 invocations a day, 456.25 a month, Average 365 ms,
// AverageAllocatedMb 1274 -> 1,274 MB.
#include "run_cli.hpp"

using test::run_cli;

namespace {

std::string data(const std::string& name) {
    return std::string(COSTSIM_CLI_TEST_DATA_DIR) + "/../../data/azure-functions-2019/" + name;
}

}  // namespace

TEST_CASE("import trace: a row of the sample to a scenario --scenario prices, the derivation on stderr") {
    const auto r = run_cli({"import", "trace", data("invocations.csv"), "--durations", data("durations.csv"),
                            "--memory", data("memory.csv"), "--row", "2"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto doc = nlohmann::json::parse(r.out);
    CHECK(doc["workload"]["duration_ms"] == 365.0);
    CHECK(doc["workload"]["traffic"]["interval_s"] == 60.0);
    CHECK(doc["workload"]["traffic"]["requests"].size() == 1440);
    CHECK(doc["offerings"][0]["kind"] == "lambda");
    CHECK(doc["offerings"][0]["memory_mb"] == 1274);
    CHECK(r.err.find("cost-sim import trace: azure-functions-2019 row 2 (HashFunction c7a3df2a): 1,440 intervals "
                     "of 60 s, 15 invocations (456.25 a month); duration Average 365 ms (p50 265, p99 466); memory "
                     "AverageAllocatedMb 1,274 MB") == 0);
    CHECK(r.err.find("invocations: 100 rows read, 1 used, 99 skipped (99 another function)") != std::string::npos);
    CHECK(r.err.find("memory: 100 rows read, 1 used, 99 skipped") != std::string::npos);
    CHECK(r.err.find("note: the durations file counts 6 executions") != std::string::npos);

    // Without the free tier, x86 us-east-1: 456.25 x 0.365 s x 1,274/1,024 GB = 207.188293457 GB-s
    // x $0.0000166667 = $0.0034531451; requests 456.25 x $0.0000002 = $0.00009125; total $0.0035443951.
    const std::string scenario = test::temp_file("trace-scenario.json", r.out);
    const auto bill = test::run_json({"lambda", "--scenario", scenario, "--no-free-tier"});
    CHECK(bill["total"].get<double>() == doctest::Approx(0.0035443951).epsilon(1e-6));
    const auto compared =
        run_cli({"import", "trace", data("invocations.csv"), "--durations", data("durations.csv"), "--memory",
                 data("memory.csv"), "--function", "c7a3df2a", "--compare", "--format", "json", "--no-free-tier"});
    INFO(compared.err);
    REQUIRE(compared.exit_code == 0);
    CHECK(nlohmann::json::parse(compared.out)["results"][0]["total"] == bill["total"]);
}

TEST_CASE("import trace: --summary, --memory-mb over the derived memory, a CSV on stdin") {
    const auto summary = run_cli({"import", "trace", data("invocations.csv"), "--durations", data("durations.csv"),
                                  "--memory", data("memory.csv"), "--row", "43", "--summary"});
    INFO(summary.err);
    REQUIRE(summary.exit_code == 0);
    const auto doc = nlohmann::json::parse(summary.out);
    // Row 43: 8 x 14 = 112 invocations; AverageAllocatedMb 119 -> raised to 128 MB.
    CHECK(doc["trace"]["invocations"] == 112.0);
    CHECK(doc["trace"]["memory"]["lambda_memory_mb"] == 128);
    CHECK(doc["scenario"]["offerings"][0]["memory_mb"] == 128);

    const auto sized = run_cli({"import", "trace", data("invocations.csv"), "--memory", data("memory.csv"), "--row",
                                "43", "--duration-ms", "20", "--memory-mb", "512"});
    REQUIRE(sized.exit_code == 0);
    const auto scenario = nlohmann::json::parse(sized.out);
    CHECK(scenario["offerings"][0]["memory_mb"] == 512);
    CHECK(scenario["workload"]["duration_ms"] == 20.0);

    // 10 + 20 + 30 requests in 3 minutes: a month 60 x 2,628,000 / 180 = 876,000.
    const auto csv = run_cli({"import", "trace", "-", "--duration-ms", "120"},
                             "timestamp,count\n2019-07-15T09:00:00Z,10\n2019-07-15T09:01:00Z,20\n"
                             "2019-07-15T09:02:00Z,30\n");
    INFO(csv.err);
    REQUIRE(csv.exit_code == 0);
    CHECK(nlohmann::json::parse(csv.out)["workload"]["traffic"]["requests"] == nlohmann::json{10, 20, 30});
    CHECK(csv.err.find("cost-sim import trace: csv: 3 intervals of 60 s, 60 invocations (876,000 a month)") == 0);
    CHECK(csv.err.find("invocations: 3 rows read, 3 used, 0 skipped") != std::string::npos);

    const auto table = run_cli({"import", "trace", data("invocations.csv"), "--durations", data("durations.csv"),
                                "--row", "2", "--compare", "--vm", "t4g.micro"});
    REQUIRE(table.exit_code == 0);
    CHECK(table.out.find("Traffic: 456.25 requests/month") == 0);
    CHECK(table.out.find("t4g.micro fleet") != std::string::npos);
}

TEST_CASE("import trace: bad input is one line and exit 2, naming the flag, file or line") {
    const auto err = [](const std::vector<std::string>& args, const std::string& in = "") {
        const auto r = run_cli(args, in);
        CHECK(r.exit_code == 2);
        CHECK(test::one_line(r.err));
        return r.err;
    };
    CHECK(err({"import", "trace", data("invocations.csv"), "--durations", data("durations.csv")})
              .find("--row: " + data("invocations.csv") + " has 100 functions; choose one by its row") !=
          std::string::npos);
    CHECK(err({"import", "trace", data("invocations.csv"), "--row", "1", "--function", "c7a3df2a"})
              .find("--row and --function both choose the function") != std::string::npos);
    CHECK(err({"import", "trace", data("invocations.csv"), "--function", "feedface00"})
              .find("--function must be the HashFunction (or its start) of a row") != std::string::npos);
    CHECK(err({"import", "trace", data("invocations.csv"), "--row", "100", "--duration-ms", "5"})
              .find("--row must be a row index in [0, 99]") != std::string::npos);
    CHECK(err({"import", "trace", data("invocations.csv"), "--row", "two"}).find("--row must be a row index") !=
          std::string::npos);
    CHECK(err({"import", "trace", data("invocations.csv"), "--row", "2"})
              .find("--duration-ms: the trace has no durations file") != std::string::npos);
    // The memory file given as the durations file: its header is named.
    CHECK(err({"import", "trace", data("invocations.csv"), "--row", "2", "--durations", data("memory.csv")})
              .find("memory.csv line 1: the header has no HashFunction column (is this the durations file?)") !=
          std::string::npos);
    CHECK(err({"import", "trace", "-", "--duration-ms", "5"}, "timestamp,count\n0,1\n60,2,3\n")
              .find("(stdin) line 3: 2 fields (timestamp,count) expected, got 3") != std::string::npos);
    CHECK(err({"import", "trace"}).find("import trace needs one FILE") != std::string::npos);
    CHECK(err({"import", "trace", "/nonexistent/inv.csv"}).find("cannot read \"/nonexistent/inv.csv\"") !=
          std::string::npos);
    CHECK(err({"import"}).find("trace") != std::string::npos);  // listed among the sources
}
