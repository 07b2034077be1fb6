// Traces to a profile, a duration and a memory size: rows of the real Azure Functions 2019 files
// in tests/data/azure-functions-2019 (README.md: CC-BY 4.0 attribution), every derived figure
// computed by hand in the comments. A month is 2,628,000 s, a day 86,400 s: month factor 30.41666...
#include <costsim/error.hpp>
#include <costsim/offerings/lambda.hpp>
#include <costsim/trace_import.hpp>

#include <doctest/doctest.h>

#include "../support.hpp"
#include <nlohmann/json.hpp>

using namespace costsim;
using test::error_of;

namespace {

std::string sample_file(const std::string& name) { return test::data_file("azure-functions-2019/" + name); }

TraceImport sample(const AzureRow& row, bool durations = true, bool memory = true) {
    const std::string inv = sample_file("invocations.csv");
    const std::string dur = durations ? sample_file("durations.csv") : "";
    const std::string mem = memory ? sample_file("memory.csv") : "";
    return import_trace({inv, "invocations.csv"}, {dur, "durations.csv"}, {mem, "memory.csv"}, row);
}

/// "1,2,...,1440" or "minute_1,...": the minute columns of a header.
std::string minute_columns(const std::string& prefix = "") {
    std::string out;
    for (int k = 1; k <= 1440; ++k) out += (k == 1 ? "" : ",") + prefix + std::to_string(k);
    return out;
}

/// `value` in every one of the 1,440 minutes.
std::string every_minute(const std::string& value) {
    std::string out;
    for (int k = 1; k <= 1440; ++k) out += (k == 1 ? "" : ",") + value;
    return out;
}

}  // namespace

TEST_CASE("Azure 2019 row 2 of the sample: its sum, month, duration and memory by hand") {
    const TraceImport t = sample(AzureRow{2, {}});
    CHECK(t.format == "azure-functions-2019");
    CHECK(t.row == 2);
    CHECK(t.line == 4);  // the header, rows 0 and 1, then row 2
    CHECK(t.hash_function.substr(0, 8) == "c7a3df2a");
    CHECK(t.hash_app == t.hash_function);  // the vHive sample repeats the hash in all three columns
    CHECK(t.trigger.empty());              // ...and has no Trigger column
    // Line 4's non-zero minutes: 1:2, 3:3, 4:2, 10:1, 24:1, 606:1, 878:1, 1432:1, 1436:2, 1440:1
    // -> 2+3+2+1+1+1+1+1+2+1 = 15 invocations in the day.
    REQUIRE(t.profile.requests.size() == 1440);
    CHECK(t.profile.interval_s == 60.0);
    CHECK(t.profile.absolute);
    CHECK(t.profile.requests[0] == 2.0);
    CHECK(t.profile.requests[2] == 3.0);
    CHECK(t.profile.requests[1439] == 1.0);
    CHECK(t.invocations == 15.0);
    // One day repeated for a month: 15 x 2,628,000 / 86,400 = 15 x 30.41666... = 456.25.
    CHECK(t.profile.period_s() == 86400.0);
    CHECK(t.profile.requests_per_month() == doctest::Approx(456.25));
    CHECK(t.profile.source == "azure-functions-2019 row 2 (HashFunction c7a3df2a)");

    // durations.csv line 4: Count 6, Average 365, Minimum 53.0, Maximum 799.0, percentiles
    // 0/1/25/50 265, 75/99/100 466.
    REQUIRE(t.duration);
    CHECK(t.duration->line == 4);
    CHECK(t.duration->average_ms == 365.0);
    CHECK(t.duration->count == 6.0);
    CHECK(t.duration->minimum_ms == 53.0);
    CHECK(t.duration->maximum_ms == 799.0);
    REQUIRE(t.duration->percentiles.size() == 7);
    CHECK(t.duration->percentiles[3] == std::pair<double, double>{50.0, 265.0});
    CHECK(t.duration->percentiles[5] == std::pair<double, double>{99.0, 466.0});
    // Count 6 is not the 15 invocations: said, and the profile keeps the invocations.
    REQUIRE(t.notes.size() == 1);
    CHECK(t.notes[0] ==
          "the durations file counts 6 executions, the invocations file 15 (the dataset's two logs differ); the "
          "profile uses the invocations");

    // memory.csv line 4: SampleCount 6486, AverageAllocatedMb 1274 -> ceil(1274) = 1274 MB, inside 128..10,240.
    REQUIRE(t.memory);
    CHECK(t.memory->line == 4);
    CHECK(t.memory->sample_count == 6486.0);
    CHECK(t.memory->average_allocated_mb == 1274.0);
    CHECK(t.memory->lambda_memory_mb == 1274);
    CHECK(t.memory->percentiles.size() == 8);  // pct1, 5, 25, 50, 75, 95, 99, 100
    CHECK(t.memory->percentiles[7] == std::pair<double, double>{100.0, 1397.0});
    CHECK(t.memory->rule ==
          "AverageAllocatedMb 1,274 MB (the app's mean committed memory) rounded up to a whole MB: 1,274 MB");

    // Every file: 100 rows read, the function's used, the 99 others skipped by name.
    for (const ImportSummary* s : {&t.invocations_summary, &t.durations_summary, &t.memory_summary}) {
        CHECK(s->read == 100);
        CHECK(s->used == 1);
        CHECK(s->skipped == 99);
        REQUIRE(s->skipped_by_reason.size() == 1);
        CHECK(s->skipped_by_reason[0] == std::pair<std::string, std::size_t>{"another function", 99});
    }
}

TEST_CASE("Azure 2019 by HashFunction prefix: row 43, memory below 128 MB raised to Lambda's minimum") {
    const TraceImport t = sample(AzureRow::parse("3fc407d8"));
    CHECK(t.row == 43);
    // 14 invocations at minutes 1, 181, 361, ..., 1261 (every 3 hours): 8 x 14 = 112;
    // a month 112 x 30.41666... = 3,406.666...
    CHECK(t.invocations == 112.0);
    CHECK(t.profile.requests[180] == 14.0);
    CHECK(t.profile.requests_per_month() == doctest::Approx(3406.6666667));
    CHECK(t.duration->average_ms == 13000.0);
    // AverageAllocatedMb 119: ceil 119 < 128, so 128 MB.
    CHECK(t.memory->average_allocated_mb == 119.0);
    CHECK(t.memory->lambda_memory_mb == 128);
    CHECK(t.memory->rule.find("raised to Lambda's minimum of 128 MB: 128 MB") != std::string::npos);

    const Scenario s = trace_scenario(t, std::nullopt, std::nullopt);
    CHECK(s.workload.duration_ms == 13000.0);
    REQUIRE(s.workload.traffic);
    CHECK(s.workload.requests_per_month == doctest::Approx(3406.6666667));
    REQUIRE(s.offerings.size() == 1);
    CHECK(std::get<LambdaConfig>(s.offerings[0].config).memory_mb == 128);
    // Given values win over derived ones.
    const Scenario given = trace_scenario(t, 250.0, 512);
    CHECK(given.workload.duration_ms == 250.0);
    CHECK(std::get<LambdaConfig>(given.offerings[0].config).memory_mb == 512);
}

TEST_CASE("Azure 2019 in the dataset's own column order: matched by HashOwner, HashApp and HashFunction") {
    // The durations rows are the first two literal rows of d01's durations file (wave2-facts 1.4),
    // plus a third made-up row with row 1's HashFunction in another app. The invocations row is
    // made up to carry row 1's hashes: a timer firing every 30 s, 2 a minute.
    const std::string owner = "5640c1597ef75fa9a7e9c6925022a039a4ba982924170953a51cfe4ef3a54ee9";
    const std::string app = "5126901eff078c9a1f5295c859c9327588284a43cc2c0b4b261426b009ddfe6e";
    const std::string function = "c968871b4ef0123401975d026b85cae2ad7dad9d06ae94f13b978bd66dfd063f";
    const std::string invocations = "HashOwner,HashApp,HashFunction,Trigger," + minute_columns() + "\n" + owner + "," +
                                    app + "," + function + ",timer," + every_minute("2") + "\n";
    const std::string durations =
        "HashOwner,HashApp,HashFunction,Average,Count,Minimum,Maximum,percentile_Average_0,percentile_Average_1,"
        "percentile_Average_25,percentile_Average_50,percentile_Average_75,percentile_Average_99,percentile_Average_"
        "100\n" +
        owner + ",0000000000000000000000000000000000000000000000000000000000000000," + function +
        ",999,1,999.0,999.0,999,999,999,999,999,999,999\n" + owner + "," + app + "," + function +
        ",100,2880,0.0,2595.0,0,0,0,1,1,1376,2595\n"
        "41d6e09d0f86f5aaa1df842c1ac4f14fbd4dc676bec7e0f42b778b1d58f58c9a,"
        "77a93348150f5281c32c9027870a77983ad6eba72e6c2835fe2d27879dfc0753,"
        "b4d7cb9985cd8c1b7fe5ef888bbde1883929e9a5b5d2a65348b00ded9e2f8033,11,37815,1.0,3913.0,1,1,3,5,8,155,3146\n";
    const TraceImport t = import_trace({invocations, "inv.csv"}, {durations, "dur.csv"}, {"", "mem.csv"}, {});
    CHECK(t.row == 0);  // the file's only row, no choice needed
    CHECK(t.trigger == "timer");
    CHECK(t.hash_owner == owner);
    // 2 x 1,440 = 2,880 invocations, as many as the durations row counts: no note.
    CHECK(t.invocations == 2880.0);
    CHECK(t.notes.empty());
    // a month: 2,880 x 30.41666... = 87,600
    CHECK(t.profile.requests_per_month() == doctest::Approx(87600.0));
    REQUIRE(t.duration);
    CHECK(t.duration->line == 3);  // not line 2: another app's function of the same HashFunction
    CHECK(t.duration->average_ms == 100.0);
    CHECK(t.duration->percentiles[3] == std::pair<double, double>{50.0, 1.0});
    CHECK(t.duration->percentiles[5] == std::pair<double, double>{99.0, 1376.0});
    CHECK(t.durations_summary.skipped == 2);
    CHECK(t.profile.source == "azure-functions-2019 row 0 (HashFunction c968871b, trigger timer)");
    CHECK_FALSE(t.memory);
    // Without a durations file the duration must be given.
    const TraceImport bare = import_trace({invocations, "inv.csv"}, {"", "dur.csv"}, {"", "mem.csv"}, {});
    CHECK(error_of([&] { trace_scenario(bare, std::nullopt, std::nullopt); })
              .find("duration_ms: the trace has no "
                    "durations file") == 0);
    CHECK(trace_scenario(bare, 40.0, std::nullopt).workload.duration_ms == 40.0);
}

TEST_CASE("a timestamp,count CSV: the series, counted lines, no function to match") {
    const std::string csv =
        "timestamp,count\n2019-07-15T09:00:00Z,10\n2019-07-15T09:01:00Z,20\n\n"
        "2019-07-15T09:02:00Z,30\n";
    const TraceImport t = import_trace({csv, "day.csv"}, {"", "d"}, {"", "m"});
    CHECK(t.format == "csv");
    CHECK(t.profile.requests.size() == 3);
    // 10 + 20 + 30 = 60 in 3 minutes (180 s): a month 60 x 2,628,000 / 180 = 876,000.
    CHECK(t.invocations == 60.0);
    CHECK(t.profile.requests_per_month() == doctest::Approx(876000.0));
    CHECK(t.invocations_summary.read == 4);
    CHECK(t.invocations_summary.used == 3);
    CHECK(t.invocations_summary.skipped_by_reason[0] == std::pair<std::string, std::size_t>{"blank line", 1});
    CHECK(error_of([&] {
              import_trace({csv, "day.csv"}, {sample_file("durations.csv"), "durations.csv"}, {"", "m"});
          }).find("durations.csv: durations and memory files go with an Azure Functions 2019 invocations file") == 0);
    CHECK(error_of([&] {
              import_trace({csv, "day.csv"}, {"", "d"}, {"", "m"}, AzureRow{1, {}});
          }).find("row: a timestamp,count CSV is one series") == 0);
}

TEST_CASE("bad traces: the file and line, or the row, named") {
    const auto err = [](const std::string& inv, const std::string& dur = "", const std::string& mem = "",
                        const AzureRow& row = {}) {
        return error_of([&] { import_trace({inv, "inv.csv"}, {dur, "dur.csv"}, {mem, "mem.csv"}, row); });
    };
    // A header that is neither: read as a CSV, whose header is wrong.
    CHECK(err("when,how_many\n1,2\n").find("inv.csv line 1: the header must be timestamp,count") == 0);
    // 1,439 minute columns.
    const std::string short_header = "HashFunction," + minute_columns().substr(0, minute_columns().rfind(','));
    CHECK(err(short_header + "\n").find("inv.csv line 1: the header must end with 1,440 minute columns") == 0);
    // A row with one field too few, named by its line.
    const std::string header = "HashApp,HashFunction," + minute_columns("minute_") + "\n";
    const std::string good = "app1,f0000000aaaa," + every_minute("1") + "\n";
    const std::string bad = "app2,f0000000bbbb," + every_minute("1").substr(2) + "\n";
    CHECK(err(header + good + bad, "", "", AzureRow{0, {}}) ==
          "inv.csv line 3: 1442 fields expected (as in the "
          "header), got 1441");
    // A minute that is not a count, on the chosen row's own line.
    const std::string letters = "app3,f0000000cccc,x," + every_minute("0").substr(2) + "\n";
    CHECK(err(header + good + letters, "", "", AzureRow{1, {}}).find("inv.csv line 3: minute 1 must be a whole") == 0);
    // The choice of function.
    CHECK(err(header + good + good).find("row: inv.csv has 2 functions; choose one") == 0);
    CHECK(err(header + good, "", "", AzureRow{5, {}}).find("row must be a row index in [0, 0]") != std::string::npos);
    CHECK(err(header + good, "", "", AzureRow::parse("feedface99")).find("function must be the HashFunction") !=
          std::string::npos);
    CHECK(err(header + good, "", "", AzureRow::parse("f00")).find("function must be a HashFunction or its first 8") !=
          std::string::npos);
    // Statistics files: the function missing, a wrong file, a bad number.
    const std::string dur_header = "HashFunction,Average\n";
    CHECK(err(header + good, dur_header + "f0000000zzzz,10\n")
              .find("dur.csv: no row for the function (HashApp app1, HashFunction f0000000...) among its 1 rows; "
                    "leave the durations file out") == 0);
    CHECK(err(header + good, sample_file("memory.csv"))
              .find("dur.csv line 1: the header has no HashFunction column (is this the "
                    "durations file?)") == 0);
    CHECK(err(header + good, dur_header + "f0000000aaaa,fast\n") ==
          "dur.csv line 2: Average must be a number >= 0, got \"fast\"");
    CHECK(err(header + good, dur_header + "f0000000aaaa,10,3\n") ==
          "dur.csv line 2: 2 fields expected (as in the header), got 3");
    CHECK(err(header + good, dur_header + "f0000000aaaa,900001\n").find("longer than Lambda's 15-minute limit") !=
          std::string::npos);
    CHECK(err(header + good, "", "HashApp,AverageAllocatedMb\napp9,200\n").find("mem.csv: no row for the function") ==
          0);
    CHECK(err(header + good, "", "HashApp,Memory\napp1,200\n")
              .find("mem.csv line 1: the header has no AverageAllocatedMb column") == 0);
    // Memory is per app: an invocations file without HashApp cannot be matched.
    const std::string no_app = "HashFunction," + minute_columns() + "\nf0000000aaaa," + every_minute("1") + "\n";
    CHECK(err(no_app, "", "HashApp,AverageAllocatedMb\napp1,200\n").find("has no HashApp column") != std::string::npos);
    CHECK(err("{\"interval_s\": 60}").find("inv.csv: a trace is an Azure Functions 2019 invocations file") == 0);
}

TEST_CASE("Azure 2019 edges: 0 ms taken as 1 ms, memory above 10,240 MB lowered, repeats skipped") {
    const std::string inv =
        "HashApp,HashFunction," + minute_columns() + "\napp1,f0000000aaaa," + every_minute("1") + "\n";
    const TraceImport t =
        import_trace({inv, "inv.csv"}, {"HashFunction,Average\nf0000000aaaa,0\nf0000000aaaa,7\n", "dur.csv"},
                     {"HashApp,AverageAllocatedMb\napp1,12000.5\n", "mem.csv"});
    CHECK(t.duration->average_ms == 0.0);
    CHECK(t.durations_summary.skipped_by_reason[0] == std::pair<std::string, std::size_t>{"a repeat of line 2", 1});
    CHECK(trace_scenario(t, std::nullopt, std::nullopt).workload.duration_ms == 1.0);
    CHECK(t.memory->lambda_memory_mb == 10240);
    CHECK(t.memory->rule.find("lowered to Lambda's maximum of 10,240 MB") != std::string::npos);
    CHECK(t.notes.size() == 2);  // the 0 ms and the memory past Lambda's
}

TEST_CASE("the import as JSON and in one line") {
    const TraceImport t = sample(AzureRow{2, {}});
    const auto doc = nlohmann::json::parse(to_json(t, trace_scenario(t, std::nullopt, std::nullopt)));
    const auto j = doc["trace"];
    CHECK(j["format"] == "azure-functions-2019");
    CHECK(j["row"] == 2);
    CHECK(j["invocations"] == 15.0);
    CHECK(j["intervals"] == 1440);
    CHECK(j["requests_per_month"].get<double>() == doctest::Approx(456.25));
    CHECK(j["duration"]["average_ms"] == 365.0);
    CHECK(j["duration"]["percentiles_ms"]["p99"] == 466.0);
    CHECK(j["memory"]["lambda_memory_mb"] == 1274);
    CHECK(j["memory"]["percentiles_mb"]["p50"] == 1296.0);
    CHECK(j["summary"]["durations"]["skipped_by_reason"][0]["count"] == 99);
    CHECK(doc["scenario"]["workload"]["duration_ms"] == 365.0);
    CHECK(doc["scenario"]["workload"]["traffic"]["requests"].size() == 1440);
    CHECK(doc["scenario"]["offerings"][0]["memory_mb"] == 1274);
    CHECK(summary_line(t) ==
          "azure-functions-2019 row 2 (HashFunction c7a3df2a): 1,440 intervals of 60 s, 15 invocations (456.25 a "
          "month); duration Average 365 ms (p50 265, p99 466); memory AverageAllocatedMb 1,274 MB (the app's mean "
          "committed memory) rounded up to a whole MB: 1,274 MB");
    const TraceImport bare = sample(AzureRow{2, {}}, false, false);
    const auto none = nlohmann::json::parse(to_json(bare, trace_scenario(bare, 100.0, std::nullopt)))["trace"];
    CHECK(none["duration"].is_null());
    CHECK(none["memory"].is_null());
}
