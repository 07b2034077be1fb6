// `cost-sim import cloudwatch` and `cost-sim import cur`, run as a subprocess on the fixtures of
// tests/data/cloudwatch and tests/data/cur (SOURCES.md). Bills at 2,628,000 s a month.
#include "run_cli.hpp"

#include <cstdlib>
#include <fstream>

using test::run_cli;
using test::temp_file;

namespace {

std::string data(const std::string& name) { return std::string(COSTSIM_CLI_TEST_DATA_DIR) + "/../../data/" + name; }

}  // namespace

TEST_CASE("import cloudwatch: a scenario on stdout that --scenario prices, the derivation on stderr") {
    const auto r = run_cli({"import", "cloudwatch", data("cloudwatch/invocations-statistics.json"),
                            data("cloudwatch/duration-statistics.json"), "--memory-mb", "512"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto doc = nlohmann::json::parse(r.out);
    CHECK(doc["workload"]["duration_ms"] == 202.5);
    CHECK(doc["workload"]["traffic"]["interval_s"] == 60.0);
    CHECK(doc["workload"]["traffic"]["requests"].size() == 10);
    CHECK(doc["offerings"][0]["memory_mb"] == 512);
    CHECK(r.err.find("cost-sim import cloudwatch: Invocations Sum at 60 s, 2026-06-01T00:00:00Z to "
                     "2026-06-01T00:10:00Z: 10 periods (7 datapoints, 3 missing taken as 0), 1,200 requests "
                     "(5,256,000 a month); mean duration 202.5 ms (Duration Average weighted by Invocations)") == 0);
    CHECK(r.err.find("14 datapoints read, 14 used, 0 skipped") != std::string::npos);

    // 1,200 requests in 600 s -> 5,256,000 a month at 203 ms billed, 0.5 GB: 0.1015 GB-s each,
    // 533,484 GB-s; less 400,000 free = 133,484 x $0.0000166667 = $2.2247378; requests
    // (5,256,000 - 1,000,000) x $0.0000002 = $0.8512; total $3.0759378.
    const std::string scenario = temp_file("scenario.json", r.out);
    const auto bill = test::run_json({"lambda", "--scenario", scenario});
    CHECK(bill["total"].get<double>() == doctest::Approx(3.0759378));
    const auto compared =
        run_cli({"import", "cloudwatch", data("cloudwatch/invocations-statistics.json"),
                 data("cloudwatch/duration-statistics.json"), "--memory-mb", "512", "--compare", "--format", "json"});
    REQUIRE(compared.exit_code == 0);
    const auto comparison = nlohmann::json::parse(compared.out);
    CHECK(comparison["results"][0]["total"] == bill["total"]);
    CHECK_FALSE(comparison["results"][0].contains("series"));  // as compare without --series
}

TEST_CASE("import cloudwatch --compare: the Lambda as observed beside a fleet, as a table") {
    const auto r =
        run_cli({"import", "cloudwatch", data("cloudwatch/get-metric-data.json"), "--compare", "--vm", "t3.micro"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    // 100 requests in 1,500 s -> 175,200 a month, inside the free tier: $0.00.
    CHECK(r.out.find("Traffic: 175,200 requests/month") == 0);
    CHECK(r.out.find("t3.micro fleet") != std::string::npos);
    CHECK(r.err.find("16 datapoints read, 14 used, 2 skipped (2 of a metric cost-sim does not use)") !=
          std::string::npos);
    CHECK(r.err.find("note: Throttles: 2 requests were refused") != std::string::npos);
}

TEST_CASE("import cloudwatch: stdin, --period, and errors in one line with exit 2") {
    const std::string sample = R"({"MetricDataResults": [{"Id": "m1", "Label": "Invocations",
        "Timestamps": ["2024-06-01T00:05:00Z"], "Values": [15.0]}]})";
    const auto single = run_cli({"import", "cloudwatch", "-", "--period", "300", "--duration-ms", "50"}, sample);
    INFO(single.err);
    REQUIRE(single.exit_code == 0);
    CHECK(nlohmann::json::parse(single.out)["workload"]["traffic"]["interval_s"] == 300.0);

    const auto no_period = run_cli({"import", "cloudwatch", "-", "--duration-ms", "50"}, sample);
    CHECK(no_period.exit_code == 2);
    CHECK(test::one_line(no_period.err));
    CHECK(no_period.err.find("period_s: one datapoint does not give the metric's period") != std::string::npos);

    const auto no_duration = run_cli({"import", "cloudwatch", data("cloudwatch/alb-request-count.json")});
    CHECK(no_duration.exit_code == 2);
    CHECK(no_duration.err.find("add --duration-ms D") != std::string::npos);

    const auto truncated = run_cli({"import", "cloudwatch", "-"}, R"({"Label": "Invocations", "Datapoints": [)");
    CHECK(truncated.exit_code == 2);
    CHECK(test::one_line(truncated.err));
    CHECK(truncated.err.find("(stdin): not valid JSON (truncated?)") != std::string::npos);

    const auto cpu = run_cli({"import", "cloudwatch", data("cloudwatch/get-metric-statistics-cpu.json")});
    CHECK(cpu.exit_code == 2);
    CHECK(cpu.err.find("Invocations (Lambda, Sum) or RequestCount (ALB, Sum)") != std::string::npos);

    const auto none = run_cli({"import", "cloudwatch"});
    CHECK(none.exit_code == 2);
    CHECK(none.err.find("import cloudwatch needs one or more FILEs") != std::string::npos);
    const auto missing = run_cli({"import", "cloudwatch", "/nonexistent/metrics.json"});
    CHECK(missing.exit_code == 2);
    CHECK(missing.err.find("cannot read \"/nonexistent/metrics.json\"") != std::string::npos);
}

TEST_CASE("import cur: the table, line by line, from a gzip file") {
    const auto r = run_cli({"import", "cur", data("cur/cur2-month.csv.gz")});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("AWS Cost and Usage Report (CUR 2.0), Lambda rows, 2026-06-01T00:00:00Z to "
                     "2026-07-01T00:00:00Z\n") == 0);
    CHECK(r.out.find("Usage: 7,000,000 requests, 2,201,000 GB-s on demand") != std::string::npos);
    // 800,000 GB-s x $0.0000166667 = $13.33: the CUR's and cost-sim's.
    CHECK(r.out.find("Lambda-GB-Second                us-east-1         800,000  $13.33    $13.33       $0.00") !=
          std::string::npos);
    CHECK(r.out.find("no price in") != std::string::npos);
    CHECK(r.out.find("Rows: 12 rows read, 10 used, 2 skipped (1 of product AmazonS3; 1 of line item type Tax)") !=
          std::string::npos);
    // The plain file gives the same table.
    CHECK(run_cli({"import", "cur", data("cur/cur2-month.csv")}).out == r.out);
}

TEST_CASE("import cur: json and csv, --no-free-tier, stdin") {
    const auto j = test::run_json({"import", "cur", data("cur/legacy-cur.csv")});
    CHECK(j["cur"]["format"] == "legacy");
    CHECK(j["cur"]["free_tier_applied"] == true);
    // 200,000 Arm GB-s inside the free 400,000: $0 against the CUR's $2.66668.
    CHECK(j["cur"]["lines"][0]["usage_type"] == "Lambda-GB-Second-ARM");
    CHECK(j["cur"]["lines"][0]["costsim_cost"] == 0.0);
    const auto full = test::run_json({"import", "cur", data("cur/legacy-cur.csv"), "--no-free-tier"});
    // 200,000 x $0.0000133334 = $2.66668.
    CHECK(full["cur"]["lines"][0]["costsim_cost"].get<double>() == doctest::Approx(2.66668));
    CHECK(full["cur"]["difference"] == 0.0);

    const auto csv = run_cli({"import", "cur", "-", "--format", "csv", "--no-free-tier"},
                             test::read_data("../../data/cur/cur2-facts-sample.csv"));
    REQUIRE(csv.exit_code == 0);
    CHECK(csv.out.find("Lambda-GB-Second,us-east-1,x86_64,duration,GB-second,1,3600,0.06000012,0.06000012,0,") !=
          std::string::npos);
}

TEST_CASE("import cur: bad input exits 2 with one line naming the line") {
    const auto none = run_cli({"import", "cur", data("cur/cur2-no-lambda.csv")});
    CHECK(none.exit_code == 2);
    CHECK(test::one_line(none.err));
    CHECK(none.err.find("no AWS Lambda usage rows (line_item_product_code AWSLambda)") != std::string::npos);

    const auto wrong = run_cli({"import", "cur", data("cloudwatch/get-metric-data.json")});
    CHECK(wrong.exit_code == 2);
    CHECK(wrong.err.find("line 1: not a Cost and Usage Report header") != std::string::npos);

    const auto malformed = run_cli({"import", "cur", "-"},
                                   "line_item_product_code,line_item_usage_type,line_item_usage_amount,"
                                   "line_item_unblended_cost\nAWSLambda,Request,10,0.000002\nAWSLambda,Request\n");
    CHECK(malformed.exit_code == 2);
    CHECK(malformed.err == "cost-sim import cur: (stdin) line 3: 2 fields, the header has 4\n");

    // A gzip file cut short.
    std::ifstream gz(data("cur/cur2-month.csv.gz"), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(gz)), std::istreambuf_iterator<char>());
    const auto cut = run_cli({"import", "cur", temp_file("cut.csv.gz", bytes.substr(0, bytes.size() / 2))});
    CHECK(cut.exit_code == 2);
    CHECK(cut.err.find("not a complete gzip file") != std::string::npos);

    CHECK(run_cli({"import", "cur"}).err.find("import cur needs a FILE") != std::string::npos);
}
