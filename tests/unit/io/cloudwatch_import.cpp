// CloudWatch metrics to a profile and a mean duration: the fixtures of tests/data/cloudwatch
// (SOURCES.md), every derived figure computed by hand in the comments.
#include <costsim/error.hpp>
#include <costsim/json.hpp>
#include <costsim/metrics_import.hpp>
#include <costsim/offerings/lambda.hpp>

#include <doctest/doctest.h>

#include "../support.hpp"
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

using namespace costsim;
using test::error_of;

namespace {

std::string fixture(const std::string& name) { return test::data_file("cloudwatch/" + name); }

CloudWatchImport one(const std::string& text, std::optional<double> period = std::nullopt) {
    return import_cloudwatch({{text, "m.json"}}, period);
}

}  // namespace

TEST_CASE("get-metric-statistics: unordered Invocations and Duration at 60 s, missing minutes as 0") {
    const std::string invocations = fixture("invocations-statistics.json");
    const std::string duration = fixture("duration-statistics.json");
    const CloudWatchImport m = import_cloudwatch({{invocations, "inv.json"}, {duration, "dur.json"}});
    // Datapoints at minutes 0,1,2,4,5,7,9 of 2026-06-01 (a Monday): the gaps' gcd is 60 s, the
    // profile runs 00:00 to 00:10, 10 periods, minutes 3, 6 and 8 filled with 0.
    CHECK(m.period_s == 60);
    CHECK(m.traffic_metric == "Invocations");
    CHECK(m.start == "2026-06-01T00:00:00Z");
    CHECK(m.end == "2026-06-01T00:10:00Z");
    CHECK(m.profile.requests == std::vector<double>{120, 60, 180, 0, 240, 60, 0, 300, 0, 240});
    CHECK(m.filled_with_zero == 3);
    CHECK(m.traffic_datapoints == 7);
    CHECK(m.profile.start_hour_of_week == 0);
    // 120+60+180+240+60+300+240 = 1,200 requests in 600 s; a month is 2,628,000 / 600 = 4,380
    // periods: 1,200 x 4,380 = 5,256,000 requests a month.
    CHECK(m.invocations == 1200);
    CHECK(m.profile.requests_per_month() == doctest::Approx(5256000));
    // Weighted: (120x200 + 60x100 + 180x300 + 240x250 + 60x100 + 300x150 + 240x200) / 1,200
    // = 243,000 / 1,200 = 202.5 ms (the unweighted mean of the averages would be 185.7 ms).
    REQUIRE(m.mean_duration_ms);
    CHECK(*m.mean_duration_ms == doctest::Approx(202.5));
    CHECK(m.duration_basis == "Duration Average weighted by Invocations");
    // Little: the busiest minute, 300 / 60 s = 5 requests/s x 0.2025 s = 1.0125 busy environments.
    REQUIRE(m.peak_mean_concurrency);
    CHECK(*m.peak_mean_concurrency == doctest::Approx(1.0125));
    CHECK(m.summary.read == 14);
    CHECK(m.summary.used == 14);
    CHECK(m.summary.skipped == 0);
}

TEST_CASE("get-metric-data: newest first, five series, an unused metric counted as skipped") {
    const CloudWatchImport m = one(fixture("get-metric-data.json"));
    // 00:00, 00:05, 00:10, 00:20 at 300 s (00:15 missing): 5 periods, 10 + 15 + 45 + 0 + 30 = 100.
    CHECK(m.period_s == 300);
    CHECK(m.profile.requests == std::vector<double>{10, 15, 45, 0, 30});
    CHECK(m.filled_with_zero == 1);
    // 2024-06-01 is a Saturday: hour 5 x 24 = 120 of the week.
    CHECK(m.profile.start_hour_of_week == 120);
    // 100 requests in 1,500 s: x 2,628,000 / 1,500 = 1,752 -> 175,200 a month.
    CHECK(m.profile.requests_per_month() == doctest::Approx(175200));
    // (30x100 + 45x80 + 15x120 + 10x90) / 100 = 9,300 / 100 = 93 ms.
    CHECK(*m.mean_duration_ms == doctest::Approx(93));
    CHECK(*m.max_concurrent_executions == 5);
    CHECK(*m.throttles == 2);
    // Read 4 + 4 + 4 + 2 + 2 (Errors) = 16; Errors' 2 are skipped.
    CHECK(m.summary.read == 16);
    CHECK(m.summary.used == 14);
    CHECK(to_string(m.summary) == "16 datapoints read, 14 used, 2 skipped (2 of a metric cost-sim does not use)");
}

TEST_CASE("the wave2-facts 5.2 get-metric-data sample: two datapoints 5 minutes apart") {
    const std::string sample = R"({ "MetricDataResults": [ { "Id": "m1", "Label": "Invocations",
        "Timestamps": ["2024-06-01T00:05:00Z", "2024-06-01T00:00:00Z"], "Values": [15.0, 10.0],
        "StatusCode": "Complete", "Messages": [] } ], "NextToken": "abc", "Messages": [] })";
    const CloudWatchImport m = one(sample);
    CHECK(m.period_s == 300);
    CHECK(m.profile.requests == std::vector<double>{10, 15});
    CHECK_FALSE(m.mean_duration_ms);
    REQUIRE(m.notes.size() == 1);
    CHECK(m.notes[0].find("NextToken") != std::string::npos);
}

TEST_CASE("ALB RequestCount gives the traffic when there is no Invocations; Duration Sum / Invocations") {
    const CloudWatchImport alb = one(fixture("alb-request-count.json"));
    CHECK(alb.traffic_metric == "RequestCount");
    CHECK(alb.period_s == 3600);
    CHECK(alb.profile.requests == std::vector<double>{7200, 10800, 3600});
    // Duration as a Sum: (1,000 + 3,000) ms / (10 + 30) invocations = 100 ms.
    const std::string sums = R"([{"Label": "Invocations", "Datapoints": [
        {"Timestamp": "2026-06-01T00:01:00Z", "Sum": 30}, {"Timestamp": "2026-06-01T00:00:00Z", "Sum": 10}]},
        {"Label": "Duration", "Datapoints": [
        {"Timestamp": "2026-06-01T00:00:00Z", "Sum": 1000}, {"Timestamp": "2026-06-01T00:01:00Z", "Sum": 3000}]}])";
    const CloudWatchImport m = one(sums);
    CHECK(*m.mean_duration_ms == doctest::Approx(100));
    CHECK(m.duration_basis == "Duration Sum / Invocations");
}

TEST_CASE("the scenario written reads back through parse_scenario, with the series as the traffic") {
    const CloudWatchImport m = import_cloudwatch(
        {{fixture("invocations-statistics.json"), "inv.json"}, {fixture("duration-statistics.json"), "dur.json"}});
    Scenario s;
    s.workload = imported_workload(m, Workload{}, false);
    s.offerings.push_back(Offering{"", LambdaConfig{.memory_mb = 512}});
    const std::string text = scenario_with_series_to_json(s);
    const Scenario back = parse_scenario(text, ScenarioShape::many_offerings);
    REQUIRE(back.workload.traffic);
    CHECK(back.workload.traffic->requests == m.profile.requests);
    CHECK(back.workload.traffic->interval_s == 60);
    CHECK(back.workload.duration_ms == 202.5);
    CHECK(back.workload.requests_per_month == doctest::Approx(5256000));
    CHECK(std::get<LambdaConfig>(back.offerings[0].config).memory_mb == 512);
}

TEST_CASE("a long profile is coarsened until the scenario fits kMaxJsonBytes") {
    // 10,080 minutes (a week) of 1,000,000 requests: too long at 60 s, written at a coarser interval.
    TrafficProfile p;
    p.interval_s = 60;
    p.requests.assign(10080, 1000000);
    Scenario s;
    s.workload = Workload{}.with_traffic(p);
    s.offerings.push_back(Offering{"", LambdaConfig{}});
    double written = 0;
    const std::string text = scenario_with_series_to_json(s, 2, &written);
    CHECK(text.size() <= kMaxJsonBytes);
    CHECK(written > 60);
    const Scenario back = parse_scenario(text, ScenarioShape::many_offerings);
    // The level stays: 10,080 x 1,000,000 in a week, whatever the interval.
    CHECK(back.workload.requests_per_month == doctest::Approx(s.workload.requests_per_month));
}

TEST_CASE("bad input: each error names the input and the JSON path") {
    CHECK(error_of([] {
              one(R"({"MetricDataResults": [{"Id": "m1", "Label": "Invocations", "Timesta)");
          }).find("m.json: not valid JSON (truncated?) at byte") == 0);
    CHECK(error_of([] { one(R"({"Items": []})"); }).find("m.json: must be a get-metric-statistics output") == 0);
    // The aws-cli example (CPUUtilization): read, skipped, and no traffic.
    CHECK(error_of([] {
              one(fixture("get-metric-statistics-cpu.json"));
          }).find("an Invocations (Lambda, Sum) or RequestCount (ALB, Sum) series") != std::string::npos);
    CHECK(error_of([] {
              one(R"({"MetricDataResults": [{"Id": "i", "Label": "Invocations", "Timestamps": ["2024-06-01T00:00:00Z",
                  "2024-06-01T00:01:00Z"], "Values": [1]}]})");
          }) ==
          "m.json: MetricDataResults[0].Values must be as long as m.json: MetricDataResults[0].Timestamps (2), got 1");
    CHECK(error_of([] { one(R"({"Label": "Invocations", "Datapoints": [{"Timestamp": "yesterday", "Sum": 1}]})"); }) ==
          "m.json: Datapoints[0].Timestamp must be an ISO 8601 UTC time such as \"2024-06-01T00:05:00Z\", got "
          "\"yesterday\"");
    CHECK(error_of([] {
              one(R"({"Label": "Invocations", "Datapoints": [{"Timestamp": "2024-06-01T00:00:00Z", "Sum": 1},
                  {"Timestamp": "2024-06-01T00:01:00Z", "Sum": -3}]})");
          }) == "m.json: Datapoints[1].Sum must be a finite number >= 0, got -3");
    CHECK(error_of([] {
              one(R"({"Label": "Invocations", "Datapoints": [{"Timestamp": "2024-06-01T00:00:00Z", "Average": 1}]})");
          }).find("m.json: Datapoints[0] must be a datapoint with Sum for Invocations") == 0);
    CHECK(error_of([] {
              one(R"({"Label": "Invocations", "Datapoints": [{"Timestamp": "2024-06-01T00:00:00Z", "Sum": 1}]})");
          }).find("period_s: one datapoint") == 0);
    CHECK(error_of([] {
              one(R"({"Label": "Invocations", "Datapoints": [{"Timestamp": "2024-06-01T00:00:00Z", "Sum": 1},
                  {"Timestamp": "2024-06-01T00:01:30Z", "Sum": 1}]})",
                  60);
          }).find("is not a whole number of periods (60 s)") != std::string::npos);
    CHECK(error_of([] {
              one(R"([{"Label": "Invocations", "Datapoints": [{"Timestamp": "2024-06-01T00:00:00Z", "Sum": 1}]},
                      {"Label": "Invocations", "Datapoints": [{"Timestamp": "2024-06-01T00:00:00Z", "Sum": 2}]}])");
          }).find("2024-06-01T00:00:00Z is given twice for Invocations") != std::string::npos);
    CHECK(error_of([] {
              one(R"({"Label": "Invocations", "Datapoints": [{"Timestamp": "2024-06-01T00:00:00Z", "Sum": 1.5},
                  {"Timestamp": "2024-06-01T00:01:00Z", "Sum": 1}]})");
          }) == "m.json: Datapoints[0].Sum must be a whole number of requests (a Sum of Invocations), got 1.5");
    // Bounds: text size, and the number of periods.
    const std::string huge(CloudWatchLimits::max_text_bytes + 1, ' ');
    CHECK_THROWS_AS(one(huge), LimitExceeded);
    CHECK_THROWS_AS(one(R"({"Label": "Invocations", "Datapoints": [{"Timestamp": "2020-01-01T00:00:00Z", "Sum": 1},
                       {"Timestamp": "2024-01-01T00:00:00Z", "Sum": 1}]})",
                        1),
                    LimitExceeded);
}

TEST_CASE("the workload needs a duration: from the metrics, or given") {
    const CloudWatchImport m = one(fixture("alb-request-count.json"));
    CHECK_THROWS_AS(imported_workload(m, Workload{}, false), InvalidInput);
    const Workload w = imported_workload(m, Workload{.duration_ms = 40}, true);
    CHECK(w.duration_ms == 40);
    // 21,600 requests in 3 h (10,800 s): x 2,628,000 / 10,800 = 243.33 -> 5,256,000 a month.
    CHECK(w.requests_per_month == doctest::Approx(5256000));
}
