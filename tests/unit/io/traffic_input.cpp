// workload.traffic in the scenario JSON, plain CSV and Azure Functions 2019 rows
// (Design/pricing-model.md#traffic-profiles): each form read, each bad input named by field and line.
#include <costsim/json.hpp>
#include <costsim/traffic_import.hpp>
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

using namespace costsim;

namespace {

Workload workload_of(const std::string& workload_json) {
    return parse_scenario(R"({"workload": )" + workload_json + "}", ScenarioShape::any).workload;
}

/// The field a scenario's workload names as invalid, or "(valid)".
std::string invalid_field(const std::string& workload_json) {
    try {
        workload_of(workload_json);
    } catch (const Error& e) {
        return e.field();
    }
    return "(valid)";
}

/// The message of the error, or "(valid)".
std::string error_message(const std::string& workload_json) {
    try {
        workload_of(workload_json);
    } catch (const Error& e) {
        return e.what();
    }
    return "(valid)";
}

std::string sample(const std::string& name) {
    std::ifstream in(std::string(COSTSIM_TEST_DATA_DIR) + "/azure-functions-2019/" + name);
    REQUIRE(in);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string json_string(const std::string& text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '\n')
            out += "\\n";
        else if (c == '\r')
            out += "\\r";
        else if (c == '"')
            out += "\\\"";
        else
            out += c;
    }
    return out + "\"";
}

}  // namespace

TEST_CASE("an explicit series gives the level: 4 minutes of 60 requests stand for 2,628,000 a month") {
    const Workload w =
        workload_of(R"({"duration_ms": 100, "traffic": {"interval_s": 60, "requests": [60, 60, 60, 60]}})");
    REQUIRE(w.traffic);
    // 240 requests in 240 s: 240 x 2,628,000 / 240 = 2,628,000 requests a month.
    CHECK(w.requests_per_month == doctest::Approx(2628000));
    CHECK(w.traffic->absolute);
    CHECK(w.traffic->source == "series");
    CHECK(
        workload_of(R"({"duration_ms": 100, "traffic": {"interval_s": 60, "requests": [1], "start_hour_of_week": 9}})")
            .traffic->start_hour_of_week == 9);
}

TEST_CASE("a level beside an explicit series is an error naming it") {
    const std::string series = R"("traffic": {"interval_s": 60, "requests": [1, 2]})";
    CHECK(invalid_field(R"({"duration_ms": 100, "requests_per_month": 5, )" + series + "}") ==
          "workload.requests_per_month");
    CHECK(invalid_field(R"({"duration_ms": 100, "requests_per_second": 5, )" + series + "}") ==
          "workload.requests_per_second");
    CHECK(invalid_field(R"({"duration_ms": 100, "peak_to_mean": 2, )" + series + "}") == "workload.peak_to_mean");
}

TEST_CASE("shapes are scaled to the workload's level, which they need") {
    const Workload w =
        workload_of(R"({"duration_ms": 100, "requests_per_second": 2, "traffic": {"preset": "diurnal"}})");
    REQUIRE(w.traffic);
    CHECK_FALSE(w.traffic->absolute);
    CHECK(w.requests_per_month == doctest::Approx(2 * 2628000.0));
    CHECK(w.traffic->source == "preset diurnal (peak_to_mean 1.5)");  // the preset's default
    CHECK(invalid_field(R"({"duration_ms": 100, "traffic": {"preset": "diurnal"}})") == "workload.requests_per_month");
    std::string ones = "[1";
    for (int i = 1; i < 168; ++i) ones += ",1";
    ones += "]";
    CHECK(workload_of(R"({"duration_ms": 100, "requests_per_month": 1000, "traffic": {"hour_of_week": )" + ones + "}}")
              .traffic->requests.size() == 168);
}

TEST_CASE("bad traffic objects name the field and the rule") {
    const std::string level = R"({"duration_ms": 100, "requests_per_month": 1000, "traffic": )";
    CHECK(invalid_field(level + R"({"preset": "business_hours", "peak_to_mean": 5}})") ==
          "workload.traffic.peak_to_mean");
    CHECK(error_message(level + R"({"preset": "business_hours", "peak_to_mean": 5}})").find("4.2") !=
          std::string::npos);
    CHECK(invalid_field(level + R"({"preset": "weekend"}})") == "workload.traffic.preset");
    CHECK(invalid_field(level + R"({"hour_of_week": [1, 2]}})") == "workload.traffic.hour_of_week");
    CHECK(invalid_field(level + R"({}})") == "workload.traffic");
    CHECK(invalid_field(level + R"({"preset": "flat", "hour_of_week": [1]}})") == "workload.traffic.preset");
    CHECK(invalid_field(level + R"({"preset": "flat", "interval_s": 60}})") == "workload.traffic.interval_s");
    CHECK(invalid_field(level + R"({"preset": "flat", "colour": 1}})") == "workload.traffic.colour");
    const std::string series = R"({"duration_ms": 100, "traffic": )";
    CHECK(invalid_field(series + R"({"requests": [1, 2]}})") == "workload.traffic.interval_s");
    CHECK(invalid_field(series + R"({"interval_s": 60, "requests": [1, 2, 3, -4]}})") ==
          "workload.traffic.requests[3]");
    CHECK(invalid_field(series + R"({"interval_s": 60, "requests": [1, 2.5]}})") == "workload.traffic.requests[1]");
    CHECK(invalid_field(series + R"({"interval_s": 60, "requests": [1, "2"]}})") == "workload.traffic.requests[1]");
    CHECK(invalid_field(series + R"({"interval_s": 60, "requests": []}})") == "workload.traffic.requests");
    CHECK(invalid_field(series + R"({"interval_s": 0.5, "requests": [1]}})") == "workload.traffic.interval_s");
    CHECK(invalid_field(series + R"({"interval_s": 7200, "requests": [1]}})") == "workload.traffic.interval_s");
    CHECK(invalid_field(series + R"({"interval_s": 60, "requests": [1], "start_hour_of_week": 168}})") ==
          "workload.traffic.start_hour_of_week");
    CHECK(invalid_field(series + R"({"interval_s": 60, "requests": [0, 0, 0]}})") == "(valid)");  // all-zero is valid
}

TEST_CASE("1,000,000 intervals parse from a profile file; a scenario document stays within 64 KiB") {
    std::string list = "[0";
    for (std::size_t i = 1; i < TrafficLimits::max_intervals; ++i) list += ",1";
    const std::string head = R"({"interval_s": 1, "requests": )";
    const TrafficProfile p = parse_traffic(head + list + "]}");
    CHECK(p.requests.size() == 1000000);
    // 999,999 requests in 1,000,000 s: x 2.628 = 2,627,997.372 a month
    CHECK(p.requests_per_month() == doctest::Approx(999999 * 2.628));
    CHECK_THROWS_AS(parse_traffic(head + list + ",1]}"), LimitExceeded);
    try {
        parse_traffic(head + list + ",1]}");
    } catch (const Error& e) {
        CHECK(e.field() == "traffic.requests");
    }
    // The same series in a scenario (2 MB) is over the scenario limit, and the error says so.
    CHECK_THROWS_WITH_AS(workload_of(R"({"duration_ms": 100, "traffic": )" + head + list + "]}}"),
                         doctest::Contains("the limit is 65,536"), LimitExceeded);
}

TEST_CASE("CSV: timestamp,count rows every interval; the first timestamp gives the hour of week") {
    // 2019-07-15 was a Monday: 09:00 is hour 9 of the week.
    const TrafficProfile p = parse_traffic_csv(
        "timestamp,count\r\n2019-07-15T09:00:00Z,3\r\n2019-07-15T09:01:00Z,0\r\n"
        "2019-07-15T09:02:00Z,7\r\n");
    CHECK(p.interval_s == 60);
    CHECK(p.requests == std::vector<double>{3, 0, 7});
    CHECK(p.start_hour_of_week == 9);
    CHECK(p.absolute);
    // Unix seconds: 0 is Thursday 1970-01-01 00:00, hour 3 x 24 = 72; 86,400 s later is Friday (96).
    CHECK(parse_traffic_csv("time,requests\n0,1\n3600,2\n").start_hour_of_week == 72);
    CHECK(parse_traffic_csv("time,requests\n86400,1\n90000,2\n").interval_s == 3600);
    CHECK(parse_traffic_csv("time,requests\n86400,1\n90000,2\n").start_hour_of_week == 96);
    // In a scenario: the level from the rows, 10 requests in 120 s -> 10 x 2,628,000 / 120 = 219,000.
    const Workload w = workload_of(
        R"({"duration_ms": 100, "traffic": {"csv": "timestamp,count\n2019-07-15 00:00,4\n2019-07-15 00:01,6\n"}})");
    CHECK(w.requests_per_month == doctest::Approx(219000));
    CHECK(w.traffic->source == "csv");
}

TEST_CASE("CSV errors name the line") {
    auto message = [](const std::string& text) {
        try {
            parse_traffic_csv(text, "workload.traffic.csv");
        } catch (const Error& e) {
            CHECK(e.field() == "workload.traffic.csv");
            return std::string(e.what());
        }
        return std::string("(valid)");
    };
    CHECK(message("when,count\n0,1\n60,2\n").find("line 1: the header must be timestamp,count") != std::string::npos);
    CHECK(message("").find("line 1") != std::string::npos);
    CHECK(message("timestamp,count\n0,1\n60,2\n120,-3\n").find("line 4: the count") != std::string::npos);
    CHECK(message("timestamp,count\n0,1\n60,2.5\n").find("line 3: the count") != std::string::npos);
    CHECK(message("timestamp,count\n0,1\n60,nan\n").find("line 3: the count") != std::string::npos);
    CHECK(message("timestamp,count\n0,1\nnoon,2\n").find("line 3: the timestamp") != std::string::npos);
    CHECK(message("timestamp,count\n0,1\n60,2\n180,2\n").find("line 4: the timestamp is 120 s after") !=
          std::string::npos);
    CHECK(message("timestamp,count\n0,1\n7200,2\n").find("line 3: the interval") != std::string::npos);
    CHECK(message("timestamp,count\n0,1,2\n").find("line 2: 2 fields") != std::string::npos);
    CHECK(message("timestamp,count\n").find("no rows") != std::string::npos);
    CHECK(message("timestamp,count\n0,1\n").find("at least 2 rows") != std::string::npos);
    CHECK(invalid_field(R"({"duration_ms": 100, "traffic": {"csv": "timestamp,count\n0,1\n60,x\n"}})") ==
          "workload.traffic.csv");
    CHECK(error_message(R"({"duration_ms": 100, "traffic": {"csv": "timestamp,count\n0,1\n60,x\n"}})")
              .find("workload.traffic.csv line 3") != std::string::npos);
}

TEST_CASE("Azure Functions 2019: rows of the real sample by index and by HashFunction prefix") {
    const std::string text = sample("invocations.csv");
    // Row 4 is line 6: awk -F, 'NR==6 {s=0; m=0; z=0; for(i=4;i<=NF;i++){s+=$i; if($i>m)m=$i; if($i+0==0)z++};
    //   print substr($1,1,8), s, m, z}' invocations.csv  ->  bd28ee14 81149 4861 8
    const TrafficProfile p = parse_azure_functions_2019(text, AzureRow::parse("4"));
    CHECK(p.interval_s == 60);
    REQUIRE(p.requests.size() == 1440);
    CHECK(p.total() == 81149);
    CHECK(p.requests[0] == 94);  // awk -F, 'NR==6 {print $4, $NF}': 94 and 10
    CHECK(p.requests[1439] == 10);
    CHECK(p.source == "azure-functions-2019 row 4 (HashFunction bd28ee14)");
    // 81,149 a day x 2,628,000 / 86,400 = 2,468,282.916... a month
    CHECK(p.requests_per_month() == doctest::Approx(81149.0 * 2628000 / 86400));
    const TrafficSummary s = summarize(p);
    // Per minute: 4,861 / 60 = 81.0167 req/s over a mean of 81,149 / 86,400 = 0.93922: 4,861 x 1,440 / 81,149 = 86.257
    CHECK(s.peaks[0].requests_per_second == doctest::Approx(4861.0 / 60));
    CHECK(s.peaks[0].peak_to_mean == doctest::Approx(4861.0 * 1440 / 81149));
    // Per hour: awk sums of 60 minutes give 8,561 at hour 19: 8,561 x 24 / 81,149 = 2.5319
    CHECK(s.peaks[2].granularity_s == 3600);
    CHECK(s.peaks[2].peak_to_mean == doctest::Approx(8561.0 * 24 / 81149));
    CHECK(s.idle_share == doctest::Approx(8.0 / 1440));
    // Row 0 (7aa0f8b2): 2,017 invocations, 1,289 idle minutes (awk: if($i+0==0) z++).
    const TrafficProfile first = parse_azure_functions_2019(text, AzureRow::parse("7aa0f8b221c5"));
    CHECK(first.total() == 2017);
    CHECK(summarize(first).idle_share == doctest::Approx(1289.0 / 1440));
    CHECK(AzureRow::parse("4").index == std::size_t{4});
    CHECK(parse_azure_functions_2019(text, AzureRow::parse("bd28ee14")).total() == 81149);
}

TEST_CASE("Azure Functions 2019 in a scenario: the header and the chosen row") {
    const std::string text = sample("invocations.csv");
    const std::size_t header_end = text.find('\n');
    std::size_t line = header_end + 1;
    for (int i = 0; i < 4; ++i) line = text.find('\n', line) + 1;
    const std::string header_and_row_4 =
        text.substr(0, header_end + 1) + text.substr(line, text.find('\n', line) - line + 1);
    const Workload w = workload_of(R"({"duration_ms": 100, "traffic": {"azure_functions_2019": )" +
                                   json_string(header_and_row_4) + "}}");
    CHECK(w.traffic->total() == 81149);
    CHECK(w.traffic->source == "azure-functions-2019 row 0 (HashFunction bd28ee14)");
    CHECK(w.requests_per_month == doctest::Approx(81149.0 * 2628000 / 86400));
}

TEST_CASE("Azure Functions 2019 errors name the row or the line") {
    const std::string text = sample("invocations.csv");
    auto failure = [&](const std::string& t, const AzureRow& row) {
        try {
            parse_azure_functions_2019(t, row, "workload.traffic.azure_functions_2019");
        } catch (const Error& e) {
            return e.field() + ": " + e.what();
        }
        return std::string("(valid)");
    };
    CHECK(failure(text, AzureRow::parse("100")).find("workload.traffic.azure_functions_2019.row") == 0);
    CHECK(failure(text, AzureRow{}).find("row is required: the file has 100 rows") != std::string::npos);
    CHECK(failure(text, AzureRow::parse("ffffffffff")).find("none starts with it") != std::string::npos);
    CHECK(failure(text, AzureRow::parse("bd28")).find("at least 8 characters") != std::string::npos);
    CHECK(failure("HashFunction,1,2\nabc,1,2\n", AzureRow{}).find("line 1: the header must end with 1,440") !=
          std::string::npos);
    // A bad count on the chosen row: line 6, minute 1.
    std::string broken = text;
    std::size_t line = 0;
    for (int i = 0; i < 5; ++i) line = broken.find('\n', line) + 1;
    const std::size_t cell = broken.find(",94,", line);
    broken.replace(cell, 4, ",-1,");
    CHECK(failure(broken, AzureRow::parse("4")).find("line 6: minute 1 must be a whole number") != std::string::npos);
    // A row with a missing field: line 3.
    std::string short_row = text;
    line = short_row.find('\n') + 1;
    line = short_row.find('\n', line) + 1;
    short_row.erase(short_row.find(',', line), 2);
    CHECK(failure(short_row, AzureRow::parse("4")).find("line 3: 1443 fields expected") != std::string::npos);
}

TEST_CASE("Azure Functions 2019: the sample's rows with their daily count and average duration") {
    const auto rows = list_azure_functions_2019(sample("invocations.csv"), sample("durations.csv"));
    REQUIRE(rows.size() == 100);
    // awk sums of lines 2 and 6: 2,017 and 81,149; durations.csv's Average for them: 7,097 and 6,970 ms.
    CHECK(rows[0].invocations == 2017);
    CHECK(rows[0].average_duration_ms == 7097.0);
    CHECK(rows[4].hash_function.rfind("bd28ee14", 0) == 0);
    CHECK(rows[4].invocations == 81149);
    CHECK(rows[4].average_duration_ms == 6970.0);
    CHECK(rows[4].trigger.empty());
    CHECK_FALSE(list_azure_functions_2019(sample("invocations.csv")).front().average_duration_ms);
}

TEST_CASE("file formats: named and guessed") {
    CHECK(traffic_file_format_named("azure-2019") == TrafficFileFormat::azure_functions_2019);
    CHECK_FALSE(traffic_file_format_named("xml"));
    CHECK(guess_traffic_file_format(" {\"preset\": \"flat\"}") == TrafficFileFormat::json);
    CHECK(guess_traffic_file_format("HashOwner,HashApp,HashFunction,Trigger,1,2") ==
          TrafficFileFormat::azure_functions_2019);
    CHECK(guess_traffic_file_format("timestamp,count\n") == TrafficFileFormat::csv);
    CHECK(parse_traffic(R"({"preset": "spiky", "peak_to_mean": 20})").requests.size() == 10080);
}

TEST_CASE("the workload echo shows the traffic's summary, never its series") {
    Scenario s = parse_scenario(
        R"({"workload": {"duration_ms": 100, "traffic": {"interval_s": 60, "requests": [0, 120, 60, 60]}}})",
        ScenarioShape::any);
    const std::string json = to_json(s);
    CHECK(json.find(R"("traffic":{"source":"series","absolute":true,"interval_s":60.0,"intervals":4)") !=
          std::string::npos);
    // 240 requests in 4 minutes is 1 req/s; minute 1 at 2 req/s.
    CHECK(json.find(R"("peak_to_mean":2.0}})") != std::string::npos);
    CHECK(json.find("120") == std::string::npos);
}
