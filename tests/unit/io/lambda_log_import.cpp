// Lambda REPORT logs to a scenario: each format on a fixture of literal public lines
// (tests/data/lambda-logs/SOURCES.md), with the derived workload checked by hand.
#include "../support.hpp"

#include <costsim/lambda_log_import.hpp>

#include <costsim/offerings/lambda.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <fstream>
#include <sstream>

using namespace costsim;

namespace {

std::string fixture(const std::string& name) {
    std::ifstream in(std::string(COSTSIM_TEST_DATA_DIR) + "/lambda-logs/" + name);
    REQUIRE(in);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

/// The summed quantity of the line items whose name starts with `prefix` (tiers, free tier).
double quantity(const Bill& b, std::string_view prefix) {
    double sum = 0;
    for (const auto& item : b.line_items)
        if (item.name.substr(0, prefix.size()) == prefix) sum += item.quantity;
    return sum;
}

/// The error's message (and field) of importing `text`, or "(imported)".
std::string error_of(const std::string& text, const LambdaLogOptions& options = {}, std::string* field = nullptr) {
    try {
        (void)import_lambda_logs(text, options);
    } catch (const Error& e) {
        if (field) *field = e.field();
        return e.what();
    }
    return "(imported)";
}

const char* const kWarm =
    "REPORT RequestId: 32f5cbf1-dd22-422a-a566-8965da5a3465\tDuration: 8.40 ms\tBilled Duration: 9 ms\tMemory Size: "
    "128 MB\tMax Memory Used: 66 MB\t";

}  // namespace

TEST_CASE("plain REPORT lines: counts, durations, cold starts and the billing rules of four literal lines") {
    const LambdaLogImport r = import_lambda_logs(fixture("report-lines-128mb.txt"));
    CHECK(r.format == LambdaLogFormat::report_lines);
    // 6 lines: START and END skipped, 4 REPORT records (warm, SnapStart, 2025-07, 2019).
    CHECK(r.lines_read == 6);
    CHECK(r.records_used == 4);
    REQUIRE(r.skipped.size() == 1);
    CHECK(r.skipped[0].reason == "not a REPORT line");
    CHECK(r.skipped[0].count == 2);
    CHECK(r.skipped[0].first_line == 1);
    CHECK(r.memory_mb == 128);
    CHECK(r.max_memory_used_mb == 124);  // max(66, 68, 124, 78)
    // Duration mean (8.40 + 36.97 + 363.49 + 1201.12) / 4 = 1609.98 / 4 = 402.495 ms.
    CHECK(r.duration_ms.mean == doctest::Approx(402.495).epsilon(1e-12));
    // Billed 9, 173, 364, 1300 (sum 1846, mean 461.5); nearest rank: p50 = 2nd = 173, p95 = p99 = 4th.
    CHECK(r.billed_duration_ms.mean == doctest::Approx(461.5));
    CHECK(r.billed_duration_ms.p50 == 173);
    CHECK(r.billed_duration_ms.p95 == 1300);
    CHECK(r.billed_duration_ms.p99 == 1300);
    CHECK(r.billed_ms_total == 1846);
    // 1846 ms x 128 / 1024 GB = 1.846 x 0.125 = 0.23075 GB-s.
    CHECK(r.billed_gb_seconds == doctest::Approx(0.23075).epsilon(1e-12));
    // Cold: two Init Durations, mean (1488.71 + 287.33) / 2 = 888.02 ms; one SnapStart restore.
    CHECK(r.cold_starts == 2);
    CHECK(r.init_duration_ms.mean == doctest::Approx(888.02).epsilon(1e-12));
    CHECK(r.restores == 1);
    CHECK(r.billed_restore_ms.mean == 136);
    // 363.49 -> 364 = ceil(Duration): INIT not billed; 1201.12 -> 1300 = 100-ms steps of Duration
    // alone (INIT not billed either); SnapStart 173 = ceil(36.97) + 136; warm 9 = ceil(8.40).
    CHECK(r.init_not_billed == 2);
    CHECK(r.init_billed == 0);
    CHECK(r.rounding_100ms == 1);
    CHECK(r.billing_unexplained == 0);
    CHECK(r.init_billing == InitBilling::not_billed);
    // No timestamps: the 4 records are taken as the month's invocations.
    CHECK_FALSE(r.timestamps);
    CHECK_FALSE(r.scenario.workload.traffic);
    const Workload& w = r.scenario.workload;
    CHECK(w.requests_per_month == 4);
    CHECK(w.duration_ms == doctest::Approx(402.495));
    CHECK(w.cold_start_percent == 50);  // 2 of 4
    CHECK(w.init_duration_ms == doctest::Approx(888.02));
    REQUIRE(r.scenario.offerings.size() == 1);
    CHECK(std::get<LambdaConfig>(r.scenario.offerings[0].config).memory_mb == 128);
}

TEST_CASE("a CloudWatch Logs export gives a per-minute profile and the rate over the covered minutes") {
    const LambdaLogImport r = import_lambda_logs(fixture("cloudwatch-export-512mb.txt"));
    CHECK(r.format == LambdaLogFormat::cloudwatch_export);
    CHECK(r.lines_read == 6);
    CHECK(r.records_used == 4);
    CHECK(r.lines_skipped() == 2);  // START and END
    CHECK(r.memory_mb == 512);
    CHECK(r.max_memory_used_mb == 305);
    // Billed 662, 121, 100, 80: sum 963, sorted 80, 100, 121, 662, p50 = 100, p95 = 662.
    CHECK(r.billed_duration_ms.p50 == 100);
    CHECK(r.billed_duration_ms.p95 == 662);
    CHECK(r.billed_ms_total == 963);
    // 395.99 + 265.72 = 661.71 -> 662: INIT billed (since 2025-08-01).
    CHECK(r.init_billed == 1);
    CHECK(r.init_billing == InitBilling::billed);
    REQUIRE(r.timestamps);
    const TrafficProfile& p = *r.scenario.workload.traffic;
    // 12:00:01.7 to 12:02:59.999: 60-s intervals from 12:00:00, three of them: 2, 1, 1.
    CHECK(p.interval_s == 60);
    REQUIRE(p.requests.size() == 3);
    CHECK(p.requests[0] == 2);
    CHECK(p.requests[1] == 1);
    CHECK(p.requests[2] == 1);
    // 2025-10-29 is a Wednesday: hour of week 2 x 24 + 12 = 60.
    CHECK(p.start_hour_of_week == 60);
    // 4 requests in 180 s -> 4 x 2,628,000 / 180 = 58,400 a month.
    CHECK(r.covered_s == 180);
    CHECK(r.scenario.workload.requests_per_month == doctest::Approx(58400));
    // Duration mean (395.99 + 120.50 + 99.01 + 80.00) / 4 = 695.5 / 4 = 173.875; 1 of 4 cold.
    CHECK(r.scenario.workload.duration_ms == doctest::Approx(173.875));
    CHECK(r.scenario.workload.cold_start_percent == 25);
    CHECK(r.scenario.workload.init_duration_ms == doctest::Approx(265.72));
}

TEST_CASE("the JSON log format: platform.report records, other types skipped by reason") {
    const LambdaLogImport r = import_lambda_logs(fixture("json-lines-1024mb.jsonl"));
    CHECK(r.format == LambdaLogFormat::json_lines);
    CHECK(r.lines_read == 5);
    CHECK(r.records_used == 3);
    REQUIRE(r.skipped.size() == 2);
    CHECK(r.skipped[0].reason == "not a platform.report record (platform.start)");
    CHECK(r.skipped[0].first_line == 1);
    CHECK(r.skipped[1].reason == "a JSON line without \"type\"");
    CHECK(r.skipped[1].first_line == 3);
    CHECK(r.memory_mb == 1024);
    // The literal record: 1.317 ms billed 2 with initDurationMs 10: ceil(1.317) = 2, INIT not billed.
    CHECK(r.init_not_billed == 1);
    CHECK(r.init_billing == InitBilling::not_billed);
    // 09:00:00.020, 09:10:00, 09:59:59 on Monday 2025-11-03: 60 intervals of 60 s from 09:00.
    const TrafficProfile& p = *r.scenario.workload.traffic;
    CHECK(p.requests.size() == 60);
    CHECK(p.requests[0] == 1);
    CHECK(p.requests[10] == 1);
    CHECK(p.requests[59] == 1);
    CHECK(p.start_hour_of_week == 9);
    // 3 requests an hour x 730 h = 2,190 a month; billed 2 + 2 + 4 = 8 ms x 1 GB = 0.008 GB-s.
    CHECK(r.scenario.workload.requests_per_month == doctest::Approx(2190));
    CHECK(r.billed_gb_seconds == doctest::Approx(0.008));
    // Duration mean (1.317 + 1.317 + 3.5) / 3 = 6.134 / 3.
    CHECK(r.scenario.workload.duration_ms == doctest::Approx(6.134 / 3));
}

TEST_CASE("filter-log-events output: messages with the events' timestamps") {
    const LambdaLogImport r = import_lambda_logs(fixture("filter-log-events-512mb.json"));
    CHECK(r.format == LambdaLogFormat::filter_log_events);
    CHECK(r.lines_read == 3);
    CHECK(r.records_used == 2);
    REQUIRE(r.skipped.size() == 1);
    CHECK(r.skipped[0].first_line == 0);  // events[0], the START line
    // 1761739201700 ms = 2025-10-29T12:00:01.7Z, 1761739500000 = 12:05:00: six 60-s intervals.
    const TrafficProfile& p = *r.scenario.workload.traffic;
    REQUIRE(p.requests.size() == 6);
    CHECK(p.requests[0] == 1);
    CHECK(p.requests[5] == 1);
    // 2 requests in 360 s -> 2 x 2,628,000 / 360 = 14,600 a month.
    CHECK(r.scenario.workload.requests_per_month == doctest::Approx(14600));
    CHECK(r.init_billing == InitBilling::billed);
}

TEST_CASE("the summary line counts what was read, used and skipped, and why") {
    CHECK(summary_line(import_lambda_logs(fixture("json-lines-1024mb.jsonl"))) ==
          "json-lines: 5 lines read, 3 REPORT records used, 2 skipped (1 not a platform.report record "
          "(platform.start), 1 a JSON line without \"type\"); 1024 MB, 1 cold start, INIT not_billed; 2,190 requests "
          "a month (2025-11-03T09:00:00Z to 2025-11-03T09:59:59Z)");
}

TEST_CASE("without timestamps, period_s sets the rate") {
    LambdaLogOptions options;
    options.period_s = 3600;  // 4 records in an hour -> 4 x 730 = 2,920 a month
    const LambdaLogImport r = import_lambda_logs(fixture("report-lines-128mb.txt"), options);
    CHECK(r.scenario.workload.requests_per_month == doctest::Approx(2920));
}

TEST_CASE("the observed bill prices the log's own quantities; the modelled one cost-sim's rules") {
    LambdaLogOptions options;
    options.free_tier = false;
    const LambdaLogImport r = import_lambda_logs(fixture("report-lines-128mb.txt"), options);
    const LambdaLogBills bills = lambda_log_bills(r, Catalog::builtin());
    // Observed: 4 requests x $0.0000002 = $0.0000008; 0.23075 GB-s x $0.0000166667 = $0.000003845841.
    CHECK(quantity(bills.observed, "Requests") == 4);
    CHECK(quantity(bills.observed, "Duration (x86_64)") == doctest::Approx(0.23075));
    CHECK(bills.observed.total == doctest::Approx(0.0000008 + 0.23075 * 0.0000166667).epsilon(1e-9));
    // Modelled at 4 requests: ceil(402.495) = 403 ms + 50 % x ceil(888.02) = 889 ms of INIT:
    // 0.125 GB x (0.403 + 0.4445) s = 0.1059375 GB-s a request, 0.42375 GB-s.
    CHECK(quantity(bills.modelled, "Duration (x86_64)") == doctest::Approx(0.42375));
    CHECK(bills.modelled.total == doctest::Approx(0.0000008 + 0.42375 * 0.0000166667).epsilon(1e-9));
}

TEST_CASE("the observed bill with the free tier: the first 1,000,000 requests and 400,000 GB-s are free") {
    const LambdaLogImport r = import_lambda_logs(fixture("cloudwatch-export-512mb.txt"));
    const LambdaLogBills bills = lambda_log_bills(r, Catalog::builtin());
    CHECK(bills.observed.total == 0);
    CHECK(bills.observed.requests_per_month == 4);
}

TEST_CASE("the scenario JSON reads back as a --scenario file, with the profile's series") {
    const LambdaLogImport r = import_lambda_logs(fixture("cloudwatch-export-512mb.txt"));
    const Scenario back = parse_scenario(scenario_to_json(r), ScenarioShape::any);
    REQUIRE(back.workload.traffic);
    CHECK(back.workload.traffic->requests == r.scenario.workload.traffic->requests);
    CHECK(back.workload.traffic->start_hour_of_week == 60);
    CHECK(back.workload.requests_per_month == doctest::Approx(58400));
    CHECK(back.workload.cold_start_percent == 25);
    REQUIRE(back.offerings.size() == 1);
    CHECK(std::get<LambdaConfig>(back.offerings[0].config).memory_mb == 512);
    // Without timestamps the level is written.
    const Scenario plain =
        parse_scenario(scenario_to_json(import_lambda_logs(fixture("report-lines-128mb.txt"))), ScenarioShape::any);
    CHECK(plain.workload.requests_per_month == 4);
}

TEST_CASE("mixed memory sizes are refused, naming them; memory_mb keeps one and counts the rest") {
    const std::string text = fixture("bad-mixed-sizes.txt");
    const std::string message = error_of(text);
    CHECK(message.find("mixes memory sizes: 128 MB (1 record), 512 MB (1 record)") != std::string::npos);
    LambdaLogOptions options;
    options.memory_mb = 512;
    const LambdaLogImport r = import_lambda_logs(text, options);
    CHECK(r.records_used == 1);
    REQUIRE(r.skipped.size() == 1);
    CHECK(r.skipped[0].reason == "memory size 128 MB (not the selected 512 MB)");
    CHECK(r.skipped[0].first_line == 1);
    options.memory_mb = 1024;
    CHECK(error_of(text, options).find("no REPORT record has it (128 MB, 512 MB)") != std::string::npos);
}

TEST_CASE("a malformed REPORT line is named by its number") {
    std::string field;
    CHECK(error_of(fixture("bad-malformed-line3.txt"), {}, &field) ==
          "log line 3: Duration must be a number, got \"8.4x\"");
    CHECK(field == "log");
    CHECK(error_of("REPORT RequestId: x\tDuration: 1.00 ms\tMemory Size: 128 MB\tMax Memory Used: 66 MB") ==
          "log line 1: the REPORT has no Billed Duration");
    CHECK(error_of(std::string(kWarm) + "\nREPORT RequestId: y Duration: 1.00 s Billed Duration: 1 ms") ==
          "log line 2: Duration must be in ms, got \"s\"");
    CHECK(error_of("REPORT RequestId: y Duration: 1.00 ms Billed Duration: 1 ms Memory Size: 64 MB Max Memory Used: "
                   "1 MB") == "log line 1: Memory Size must be a whole number of MB in [128, 10240], got 64");
    CHECK(error_of("REPORT RequestId: y Duration: 1.00 ms Colour: blue Billed Duration: 1 ms")
              .find("log line 1: unknown REPORT field at \"Colour") == 0);
    // A platform.report line is read wherever it is.
    CHECK(error_of(std::string(kWarm) + "\n{\"type\":\"platform.report\"}") ==
          "log line 2: a platform.report needs a \"record\" object");
}

TEST_CASE("a text log whose application logs are JSON (Powertools) reads its REPORT lines") {
    const LambdaLogImport r =
        import_lambda_logs("{\"level\":\"INFO\",\"message\":\"hello\"}\n" + std::string(kWarm) + "\n");
    CHECK(r.format == LambdaLogFormat::report_lines);
    CHECK(r.records_used == 1);
    REQUIRE(r.skipped.size() == 1);
    CHECK(r.skipped[0].reason == "a JSON line without \"type\"");
}

TEST_CASE("unknown tab-separated fields are skipped, so a newer REPORT still reads") {
    const LambdaLogImport r = import_lambda_logs(
        "REPORT RequestId: a\tDuration: 8.40 ms\tBilled Duration: 9 ms\tNew Field: 3 units\tMemory Size: 128 "
        "MB\tMax Memory Used: 66 MB\t");
    CHECK(r.records_used == 1);
}

TEST_CASE("the wrong format, truncated JSON and a JSON line with bad metrics are clear errors") {
    CHECK(error_of(fixture("bad-wrong-format.csv"))
              .find("log has no Lambda REPORT record (3 lines read: 3 not a "
                    "REPORT line)") == 0);
    const std::string truncated = error_of(fixture("bad-truncated.json"));
    CHECK(truncated.find("log is not valid JSON (truncated `aws logs filter-log-events` output?)") == 0);
    CHECK(error_of("[1, 2]").find("log is a JSON array") == 0);
    CHECK(error_of("{\"foo\": 1,\n \"bar\": 2}").find("without an \"events\" array") != std::string::npos);
    CHECK(error_of("").find("log is empty") == 0);
    CHECK(error_of("{\"type\":\"platform.report\",\"record\":{\"metrics\":{\"durationMs\":1}}}") ==
          "log line 1: the REPORT has no record.metrics.billedDurationMs");
    CHECK(error_of("{\"type\":\"platform.start\"}\n{\"type\":\"platform.report\",\"record\":{")
              .find("log line 2: a platform.report record that is not valid JSON (") == 0);
    std::string field;
    CHECK(error_of(R"({"events": [{"timestamp": 1761739201700, "message": 5}]})", {}, &field) ==
          "log.events[0].message must be a string");
    CHECK(field == "log.events[0].message");
}

TEST_CASE("an export line without its timestamp, among lines with one, is named") {
    const std::string text = "2025-10-29T12:00:30.000Z " + std::string(kWarm) + "\n" + kWarm + "\n";
    CHECK(error_of(text) == "log line 2: no timestamp before REPORT (the log's other REPORT lines have one)");
}

TEST_CASE("bounds: the text's size, the span of the profile, the period") {
    CHECK(error_of(std::string(LambdaLogLimits::max_text_bytes + 1, ' ')).find("larger than the limit") !=
          std::string::npos);
    std::string events = "{\"events\": [\n";
    events.resize(LambdaLogLimits::max_json_document_bytes, ' ');
    events += "]}";
    CHECK(error_of(events).find("log: filter-log-events output is larger than the limit of 16,777,216 bytes") == 0);
    // 2025-01-01 to 2025-06-01: 151 days, over the 92 days (2,208 hourly intervals) a scenario holds.
    const std::string text =
        "2025-01-01T00:00:00Z " + std::string(kWarm) + "\n2025-06-01T00:00:00Z " + std::string(kWarm) + "\n";
    CHECK(error_of(text).find("the records span 151 days; at most 92 days") != std::string::npos);
    LambdaLogOptions options;
    options.period_s = 0;
    CHECK(error_of(kWarm, options).find("period_s must be in [1, 7,948,800] s") == 0);
    // A longer log takes a coarser interval: 2 days per minute would be 2,881 intervals (> 2,208),
    // per 5 minutes 172,800 / 300 + 1 = 577.
    const std::string two_days =
        "2025-01-01T00:00:00Z " + std::string(kWarm) + "\n2025-01-03T00:00:00Z " + std::string(kWarm) + "\n";
    const LambdaLogImport r = import_lambda_logs(two_days);
    CHECK(r.scenario.workload.traffic->interval_s == 300);
    CHECK(r.scenario.workload.traffic->requests.size() == 577);
}

TEST_CASE("the API body: the log with options, or filter-log-events output itself") {
    const LambdaLogImport r = import_lambda_logs_request(
        R"({"log": "REPORT RequestId: a\tDuration: 8.40 ms\tBilled Duration: 9 ms\tMemory Size: 128 MB\tMax Memory Used: 66 MB", "arch": "arm64", "region": "ap-northeast-1", "period_s": 60})");
    const auto& lambda = std::get<LambdaConfig>(r.scenario.offerings[0].config);
    CHECK(lambda.arch == Architecture::arm64);
    CHECK(lambda.region == "ap-northeast-1");
    CHECK(r.scenario.workload.requests_per_month == doctest::Approx(43800));  // 1 a minute x 43,800 minutes
    CHECK(import_lambda_logs_request(fixture("filter-log-events-512mb.json")).records_used == 2);
    std::string field;
    try {
        (void)import_lambda_logs_request(R"({"log": "x", "colour": 1})");
    } catch (const Error& e) {
        field = e.field();
    }
    CHECK(field == "colour");
}

TEST_CASE("mangled logs import or fail with a costsim::Error, never anything else") {
    // Deterministic mutations of every fixture: bytes replaced (high bytes too), cut short, doubled.
    std::uint32_t seed = 12345;
    const auto next = [&seed] {
        seed = seed * 1664525u + 1013904223u;
        return seed >> 8;
    };
    for (const char* name : {"report-lines-128mb.txt", "cloudwatch-export-512mb.txt", "json-lines-1024mb.jsonl",
                             "filter-log-events-512mb.json"}) {
        const std::string original = fixture(name);
        for (int round = 0; round < 300; ++round) {
            std::string text = original;
            const int edits = 1 + int(next() % 4);
            for (int e = 0; e < edits && !text.empty(); ++e) {
                const std::size_t at = next() % text.size();
                switch (next() % 4) {
                    case 0: text[at] = static_cast<char>(next() % 256); break;
                    case 1: text.resize(at); break;
                    case 2: text.insert(at, text.substr(at, next() % 40)); break;
                    default: text.erase(at, next() % 8); break;
                }
            }
            INFO(name << " round " << round);
            try {
                const LambdaLogImport r = import_lambda_logs(text);
                const LambdaLogBills bills = lambda_log_bills(r, Catalog::builtin());
                CHECK_FALSE(to_json(r, bills).empty());
                CHECK_FALSE(scenario_to_json(r).empty());
            } catch (const Error&) {
                // a clear error: fine
            }
        }
    }
}

TEST_CASE("the longest log's scenario still fits a --scenario file") {
    // 2025-01-01 to 2025-04-02 (91 days): hourly, 91 x 24 + 1 = 2,185 intervals.
    std::string text;
    for (const char* day : {"2025-01-01", "2025-04-02"})
        for (int i = 0; i < 1000; ++i) text += std::string(day) + "T00:00:00Z " + kWarm + "\n";
    const LambdaLogImport r = import_lambda_logs(text);
    CHECK(r.scenario.workload.traffic->interval_s == 3600);
    CHECK(r.scenario.workload.traffic->requests.size() == 2185);
    const std::string json = scenario_to_json(r);
    CHECK(json.size() < kMaxJsonBytes);
    CHECK(parse_scenario(json, ScenarioShape::any).workload.traffic->total() == 2000);
}
