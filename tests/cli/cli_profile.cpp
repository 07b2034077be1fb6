// `cost-sim profile` and --profile on the real binary: presets, CSV and Azure 2019 files, the
// three formats, and every refusal as exit 2 with one line naming the flag (and the line).
#include "run_cli.hpp"

#include <cstdio>
#include <fstream>

using test::run_cli;

namespace {

const std::string kAzure = std::string(COSTSIM_SOURCE_DIR) + "/tests/data/azure-functions-2019/invocations.csv";

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

void check_refused(const test::CliResult& r, std::initializer_list<std::string> parts) {
    INFO("exit " << r.exit_code << ", stderr: " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(test::one_line(r.err));
    for (const std::string& part : parts) CHECK(contains(r.err, part));
}

/// A file in the build's temporary directory, removed at the end of the test.
struct TempFile {
    std::string path;
    TempFile(const std::string& name, const std::string& text) : path("/tmp/costsim-cli-profile-" + name) {
        std::ofstream(path) << text;
    }
    ~TempFile() { std::remove(path.c_str()); }
};

}  // namespace

TEST_CASE("profile: an Azure 2019 row's summary as a table, JSON and CSV") {
    const auto table = run_cli({"profile", "--profile", kAzure, "--profile-row", "4"});
    INFO(table.err);
    REQUIRE(table.exit_code == 0);
    // Row 4 (bd28ee14): 81,149 calls a day; busiest minute 4,861 = 81 req/s, 86.26 x the mean.
    CHECK(contains(table.out, "Traffic profile: azure-functions-2019 row 4 (HashFunction bd28ee14)"));
    CHECK(contains(table.out, "1,440 intervals of 1 min"));
    CHECK(contains(table.out, "86.26"));

    const auto json = run_cli({"profile", "--profile", kAzure, "--profile-row", "bd28ee14", "--format", "json"});
    REQUIRE(json.exit_code == 0);
    const auto doc = nlohmann::json::parse(json.out);
    CHECK(doc["profile"]["requests_per_month"] == doctest::Approx(81149.0 * 2628000 / 86400));
    CHECK(doc["profile"]["peaks"][0]["requests_per_second"] == doctest::Approx(4861.0 / 60));
    CHECK(doc["profile"]["idle_share"] == doctest::Approx(8.0 / 1440));
    CHECK_FALSE(doc.contains("series"));

    const auto csv = run_cli({"profile", "--profile", kAzure, "--profile-row", "4", "--format", "csv"});
    REQUIRE(csv.exit_code == 0);
    CHECK(csv.out.rfind("source,interval_s,intervals,period_s,requests_per_month,", 0) == 0);
    CHECK(contains(csv.out, "azure-functions-2019 row 4 (HashFunction bd28ee14),60,1440,86400,"));
}

TEST_CASE("profile: a preset at the workload's level") {
    const auto r = run_cli({"profile", "--profile", "business_hours", "--profile-peak-to-mean", "3",
                            "--requests-per-second", "20", "--format", "json"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto doc = nlohmann::json::parse(r.out);
    // 20 req/s mean; Monday-Friday 09-17 at 3 x = 60 req/s.
    CHECK(doc["profile"]["mean_requests_per_second"] == doctest::Approx(20));
    CHECK(doc["profile"]["peaks"][0]["requests_per_second"] == doctest::Approx(60));
    CHECK(doc["profile"]["source"] == "preset business_hours (peak_to_mean 3)");
}

TEST_CASE("profile: a CSV file's series gives the level (1 day of 1,440 minutes, 86,400 requests)") {
    std::string text = "timestamp,count\n";
    for (int m = 0; m < 1440; ++m)
        text += "2019-07-15T" + std::string(m / 60 < 10 ? "0" : "") + std::to_string(m / 60) + ":" +
                (m % 60 < 10 ? "0" : "") + std::to_string(m % 60) + ":00Z," +
                (m == 0   ? "0"
                 : m == 1 ? "120"
                          : "60") +
                "\n";
    TempFile file("day.csv", text);
    const auto r = run_cli({"profile", "--profile", file.path, "--format", "json"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto doc = nlohmann::json::parse(r.out);
    // 86,400 x 2,628,000 / 86,400 = 2,628,000 a month; minute 1 at 120 / 60 = 2 req/s.
    CHECK(doc["profile"]["requests_per_month"] == doctest::Approx(2628000));
    CHECK(doc["profile"]["peak_to_mean"] == doctest::Approx(2));
    CHECK(doc["profile"]["idle_share"] == doctest::Approx(1.0 / 1440));
}

TEST_CASE("--profile on a bill: the series sets the Lambda's requests") {
    const auto r =
        run_cli({"lambda", "--profile", kAzure, "--profile-row", "4", "--duration-ms", "100", "--format", "json"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(nlohmann::json::parse(r.out)["requests_per_month"] == doctest::Approx(81149.0 * 2628000 / 86400));
}

TEST_CASE("--profile refusals: exit 2, one line naming the flag, the line or the row") {
    check_refused(run_cli({"profile", "--profile", "business_hours", "--profile-peak-to-mean", "5",
                           "--requests-per-second", "1"}),
                  {"--profile-peak-to-mean", "4.2"});
    check_refused(run_cli({"profile", "--profile", kAzure}), {"--profile-row is required", "100 rows"});
    check_refused(run_cli({"profile", "--profile", kAzure, "--profile-row", "100"}), {"--profile-row", "[0, 99]"});
    check_refused(run_cli({"profile", "--profile", kAzure, "--profile-row", "4", "--requests-per-month", "5"}),
                  {"--requests-per-month", "gives the level"});
    check_refused(run_cli({"profile", "--profile", "busines_hours"}), {"neither a preset", "business_hours"});
    check_refused(run_cli({"profile", "--profile", "diurnal"}), {"--requests-per-month or --requests-per-second"});
    check_refused(run_cli({"profile", "--requests-per-second", "1"}), {"--profile PRESET|FILE is required"});
    check_refused(run_cli({"lambda", "--requests-per-second", "1", "--profile-row", "3"}),
                  {"--profile-row needs --profile"});
    check_refused(run_cli({"profile", "--profile", "spiky", "--profile-row", "3", "--requests-per-second", "1"}),
                  {"--profile-row"});
    check_refused(run_cli({"profile", "--profile", "flat", "--requests-per-second", "1", "--peak-to-mean", "2"}),
                  {"peak_to_mean", "1 with a traffic profile"});
    TempFile bad_csv("bad.csv", "timestamp,count\n0,1\n60,2\n120,-3\n");
    check_refused(run_cli({"profile", "--profile", bad_csv.path}), {"--profile " + bad_csv.path, "line 4", "count"});
    TempFile bad_header("header.csv", "when,count\n0,1\n60,2\n");
    check_refused(run_cli({"profile", "--profile", bad_header.path}), {"line 1", "timestamp,count"});
    TempFile bad_json("bad.json", R"({"interval_s": 60, "requests": [1, 2, 3, -4]})");
    check_refused(run_cli({"profile", "--profile", bad_json.path}), {"traffic.requests[3]"});
    check_refused(run_cli({"profile", "--profile", bad_csv.path, "--profile-format", "azure-2019"}), {"HashFunction"});
}
