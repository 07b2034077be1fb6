// `cost-sim import lambda-logs FILE|-`, run as a subprocess. Fixtures: tests/data/lambda-logs
// (SOURCES.md); the derived numbers are worked by hand in tests/unit/io/lambda_log_import.cpp.
#include "run_cli.hpp"

#include <fstream>
#include <sstream>

using test::run_cli;
using test::temp_file;

namespace {

std::string log_path(const std::string& name) {
    return std::string(COSTSIM_CLI_TEST_DATA_DIR) + "/../../data/lambda-logs/" + name;
}

std::string log_text(const std::string& name) {
    std::ifstream in(log_path(name));
    REQUIRE(in);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

TEST_CASE("import lambda-logs: the scenario on stdout, the counts on stderr, and --scenario reads it back") {
    const auto r = run_cli({"import", "lambda-logs", log_path("cloudwatch-export-512mb.txt")});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto doc = nlohmann::json::parse(r.out);
    // 4 requests in 180 s; the profile's series gives the level (no requests_per_month).
    CHECK_FALSE(doc["workload"].contains("requests_per_month"));
    CHECK(doc["workload"]["traffic"]["requests"] == nlohmann::json::array({2, 1, 1}));
    CHECK(doc["workload"]["cold_start_percent"] == 25.0);
    CHECK(doc["offerings"][0]["memory_mb"] == 512);
    CHECK(r.err.find("cost-sim import lambda-logs: cloudwatch-export: 6 lines read, 4 REPORT records used, 2 skipped "
                     "(2 not a REPORT line); 512 MB, 1 cold start, INIT billed; 58,400 requests a month") == 0);
    CHECK(r.err.find("observed bill $0.00 for the log's 4 requests") != std::string::npos);

    const std::string scenario = temp_file("scenario.json", r.out);
    const auto bill = run_cli({"lambda", "--scenario", scenario, "--format", "json"});
    INFO(bill.err);
    REQUIRE(bill.exit_code == 0);
    // 58,400 requests a month: within the free tier, as in the import.
    CHECK(nlohmann::json::parse(bill.out)["requests_per_month"] == doctest::Approx(58400));
}

TEST_CASE("import lambda-logs reads stdin with -, and --arch, --region, --no-free-tier set the Lambda") {
    const auto r =
        run_cli({"import", "lambda-logs", "-", "--arch", "arm64", "--region", "ap-northeast-1", "--no-free-tier"},
                log_text("json-lines-1024mb.jsonl"));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto doc = nlohmann::json::parse(r.out);
    CHECK(doc["offerings"][0]["arch"] == "arm64");
    CHECK(doc["offerings"][0]["region"] == "ap-northeast-1");
    CHECK(doc["offerings"][0]["free_tier"] == false);
    CHECK(doc["offerings"][0]["memory_mb"] == 1024);
    CHECK(r.err.find("json-lines: 5 lines read, 3 REPORT records used, 2 skipped") != std::string::npos);
}

TEST_CASE("import lambda-logs --compare compares the observed Lambda with the offerings given") {
    const auto r = run_cli({"import", "lambda-logs", log_path("report-lines-128mb.txt"), "--compare", "--vm",
                            "t3.micro", "--count", "1", "--no-free-tier", "--format", "json"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto doc = nlohmann::json::parse(r.out);
    REQUIRE(doc["results"].size() == 2);
    // The modelled Lambda at the log's 4 requests (no timestamps: a month): 4 x $0.0000002 +
    // 4 x 0.125 GB x (0.403 + 50 % x 0.889) s = 0.42375 GB-s x $0.0000166667.
    CHECK(doc["results"][0]["total"] == doctest::Approx(0.0000008 + 0.42375 * 0.0000166667));
    CHECK(r.err.find("observed bill $0.0000046 for the log's 4 requests; cost-sim's model $0.0000079") !=
          std::string::npos);
}

TEST_CASE("import lambda-logs --summary: scenario, summary and both bills as JSON") {
    const auto r = run_cli({"import", "lambda-logs", log_path("filter-log-events-512mb.json"), "--summary"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto doc = nlohmann::json::parse(r.out);
    CHECK(doc["summary"]["format"] == "filter-log-events");
    CHECK(doc["summary"]["records_used"] == 2);
    CHECK(doc["summary"]["init_billing"] == "billed");
    CHECK(doc["summary"]["first_time"] == "2025-10-29T12:00:01Z");
    // Billed 662 + 200 = 862 ms x 0.5 GB = 0.431 GB-s.
    CHECK(doc["summary"]["billed_gb_seconds"] == doctest::Approx(0.431));
    CHECK(doc["observed_bill"]["kind"] == "lambda");
    CHECK(doc["modelled_bill"]["requests_per_month"] == 2);
}

TEST_CASE("import lambda-logs --period-hours sets the rate of a log without timestamps") {
    const auto r = run_cli({"import", "lambda-logs", log_path("report-lines-128mb.txt"), "--period-hours", "1"});
    REQUIRE(r.exit_code == 0);
    // 4 records in an hour: 4 x 730 = 2,920 a month.
    CHECK(nlohmann::json::parse(r.out)["workload"]["requests_per_month"] == doctest::Approx(2920));
}

TEST_CASE("import lambda-logs: bad input exits 2 with one line naming the line or the rule") {
    const auto expect = [](const std::vector<std::string>& args, const std::string& line, const std::string& in = "") {
        const auto r = run_cli(args, in);
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK(r.err == line + "\n");
    };
    expect({"import", "lambda-logs", log_path("bad-malformed-line3.txt")},
           "cost-sim import lambda-logs: " + log_path("bad-malformed-line3.txt") +
               " line 3: Duration must be a number, got \"8.4x\"");
    expect({"import", "lambda-logs", "-"},
           "cost-sim import lambda-logs: (stdin) mixes memory sizes: 128 MB (1 record), 512 MB (1 record); a scenario "
           "has one Lambda: choose one with memory_mb (--memory-mb)",
           log_text("bad-mixed-sizes.txt"));
    expect({"import", "lambda-logs", "-"},
           "cost-sim import lambda-logs: (stdin) has no Lambda REPORT record (3 lines read: 3 not a REPORT line); "
           "expected REPORT lines, platform.report JSON records or filter-log-events output",
           log_text("bad-wrong-format.csv"));
    expect({"import", "lambda-logs"},
           "cost-sim import lambda-logs: import lambda-logs needs one log FILE (- for stdin): REPORT lines, JSON log "
           "records, a CloudWatch Logs export or filter-log-events output");
    expect({"import", "lambda-logs", "-", "--format", "csv"},
           "cost-sim import lambda-logs: --format applies to --compare (the scenario and --summary are JSON)");
    expect({"import", "lambda-logs", "-", "--scenario", "x.json"},
           "cost-sim import lambda-logs: --scenario: leave it out, import lambda-logs makes the scenario");
    // The sources are every "import ..." command (other imports add theirs to the list).
    const auto bare = run_cli({"import"});
    CHECK(bare.exit_code == 2);
    CHECK(bare.err.find("cost-sim import: import needs a source: ") == 0);
    CHECK(bare.err.find("lambda-logs") != std::string::npos);
    const auto unknown = run_cli({"import", "bills.csv"});
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.err.find("cost-sim import: unknown import source \"bills.csv\" (sources: ") == 0);
    const auto truncated = run_cli({"import", "lambda-logs", log_path("bad-truncated.json")});
    CHECK(truncated.exit_code == 2);
    CHECK(truncated.err.find("is not valid JSON (truncated `aws logs filter-log-events` output?)") !=
          std::string::npos);
    const auto missing = run_cli({"import", "lambda-logs", "/nonexistent/log.txt"});
    CHECK(missing.exit_code == 2);
    CHECK(missing.err.find("cannot read \"/nonexistent/log.txt\"") != std::string::npos);
}
