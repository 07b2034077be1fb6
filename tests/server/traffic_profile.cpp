// POST /api/v1/profile and workload.traffic on the scenario endpoints, over a real socket:
// the summary and compact series, each bad input a 400 naming the field, the body limit's 413.
#include "server_support.hpp"

#include <fstream>
#include <sstream>

namespace {

nlohmann::json post(httplib::Client& client, const std::string& path, const std::string& body, int status = 200) {
    auto res = test::post_json(client, path, body);
    REQUIRE(res);
    CHECK(res->status == status);
    return nlohmann::json::parse(res->body);
}

std::string series_body(std::size_t minutes, double each) {
    const std::string count = std::to_string(int(each));
    std::string body = R"({"workload":{"duration_ms":100,"traffic":{"interval_s":60,"requests":[)";
    for (std::size_t i = 0; i < minutes; ++i) {
        if (i) body += ',';
        body += count;
    }
    body += "]}}}";
    return body;
}

}  // namespace

TEST_CASE("POST /api/v1/profile: a preset's summary and its hourly series at the workload's level") {
    test::TestServer server;
    auto client = server.client();
    const auto body = post(client, "/api/v1/profile",
                           R"({"workload":{"requests_per_second":1,"duration_ms":100,)"
                           R"("traffic":{"preset":"business_hours","peak_to_mean":3}}})");
    const auto& profile = body["profile"];
    CHECK(body["schema"] == "cost-sim-report/1");
    CHECK(profile["source"] == "preset business_hours (peak_to_mean 3)");
    CHECK(profile["interval_s"] == 3600);
    CHECK(profile["intervals"] == 168);
    CHECK(profile["requests_per_month"] == doctest::Approx(2628000));
    CHECK(profile["mean_requests_per_second"] == doctest::Approx(1));
    // Hourly peak 3 x the mean; per day, a weekday holds 8 x 3 + 16 x 0.375 = 30 of 24 hours: 1.25.
    CHECK(profile["peak_to_mean"] == doctest::Approx(3));
    CHECK(profile["peaks"][1]["granularity_s"] == 86400);
    CHECK(profile["peaks"][1]["peak_to_mean"] == doctest::Approx(1.25));
    CHECK(profile["idle_share"] == 0);
    const auto& series = body["series"];
    CHECK(series["bucket_s"] == 3600);
    CHECK(series["aggregation"] == "sum");
    REQUIRE(series["requests"].size() == 168);
    // 1 req/s: Monday 09:00 at 3 x 3,600 = 10,800 requests, Monday 00:00 at 0.375 x 3,600 = 1,350.
    CHECK(series["requests"][9] == doctest::Approx(10800));
    CHECK(series["requests"][0] == doctest::Approx(1350));
}

TEST_CASE("POST /api/v1/profile: a long series comes back in at most 10,080 summed buckets") {
    test::TestServer server;
    auto client = server.client();
    // Two weeks per minute, 1 request each: buckets of 2 minutes holding 2 requests.
    const auto body = post(client, "/api/v1/profile", series_body(20160, 1));
    CHECK(body["profile"]["intervals"] == 20160);
    // 20,160 requests in 1,209,600 s: x 2,628,000 / 1,209,600 = 43,800 a month.
    CHECK(body["profile"]["requests_per_month"] == doctest::Approx(43800));
    CHECK(body["series"]["bucket_s"] == 120);
    CHECK(body["series"]["intervals_per_bucket"] == 2);
    CHECK(body["series"]["requests"].size() == 10080);
    CHECK(body["series"]["requests"][0] == doctest::Approx(2));
}

TEST_CASE("POST /api/v1/profile: a row of the real Azure Functions 2019 sample") {
    std::ifstream in(std::string(COSTSIM_SOURCE_DIR) + "/tests/data/azure-functions-2019/invocations.csv");
    REQUIRE(in);
    std::string header, row;
    std::getline(in, header);
    for (int i = 0; i <= 4; ++i) std::getline(in, row);  // row 4 (line 6): bd28ee14, 81,149 calls
    const nlohmann::json request = {
        {"workload", {{"duration_ms", 100}, {"traffic", {{"azure_functions_2019", header + "\n" + row + "\n"}}}}}};
    test::TestServer server;
    auto client = server.client();
    const auto body = post(client, "/api/v1/profile", request.dump());
    CHECK(body["profile"]["source"] == "azure-functions-2019 row 0 (HashFunction bd28ee14)");
    // 81,149 x 2,628,000 / 86,400 a month; the busiest minute 4,861 x 1,440 / 81,149 = 86.26 x the mean.
    CHECK(body["profile"]["requests_per_month"] == doctest::Approx(81149.0 * 2628000 / 86400));
    CHECK(body["profile"]["peak_to_mean"] == doctest::Approx(4861.0 * 1440 / 81149));
    CHECK(body["series"]["requests"].size() == 1440);
    CHECK(body["series"]["requests"][0] == doctest::Approx(94));
}

TEST_CASE("POST /api/v1/profile: bad input is a 400 naming the field") {
    test::TestServer server;
    auto client = server.client();
    auto field_of = [&](const std::string& body) {
        return post(client, "/api/v1/profile", body, 400)["error"]["field"];
    };
    CHECK(field_of(R"({"workload":{"duration_ms":100,"traffic":{"interval_s":60,"requests":[1,2,3,-4]}}})") ==
          "workload.traffic.requests[3]");
    CHECK(field_of(R"({"workload":{"duration_ms":100,"requests_per_month":9,)"
                   R"("traffic":{"interval_s":60,"requests":[1]}}})") == "workload.requests_per_month");
    CHECK(field_of(R"({"workload":{"requests_per_month":9,"duration_ms":100}})") == "workload.traffic");
    CHECK(field_of(R"({"workload":{"duration_ms":100,"traffic":{"csv":"timestamp,count\n0,1\n60,-1\n"}}})") ==
          "workload.traffic.csv");
    CHECK(field_of(R"({"workload":{"requests_per_month":9,"duration_ms":100,"traffic":{"preset":"flat"}},)"
                   R"("offering":{"kind":"lambda"}})") == "offering");
    const auto csv = post(client, "/api/v1/profile",
                          R"({"workload":{"duration_ms":100,"traffic":{"csv":"timestamp,count\n0,1\n60,-1\n"}}})", 400);
    CHECK(csv["error"]["message"].get<std::string>().find("line 3") != std::string::npos);
}

TEST_CASE("a traffic series over the body limit is a 413 that says what fits") {
    test::TestServer server;
    auto client = server.client();
    // 40,000 minutes of "10," is 120,000 bytes: over the default 65,536, within a scenario's 8 MiB.
    CHECK(post(client, "/api/v1/profile", series_body(40000, 10))["profile"]["intervals"] == 40000);
    // 1,000,000 minutes of "12345678," is 9,000,000 bytes: over 8,388,608.
    const auto body = post(client, "/api/v1/profile", series_body(1000000, 12345678), 413);
    CHECK(body["error"]["field"] == "body");
    CHECK(body["error"]["message"].get<std::string>().find("workload.traffic series") != std::string::npos);
    CHECK(body["error"]["message"].get<std::string>().find("8388608 bytes") != std::string::npos);
}

TEST_CASE("POST /api/v1/estimate takes a workload with a traffic series; the level is the series'") {
    test::TestServer server;
    auto client = server.client();
    // 1,440 minutes of 10 requests: 14,400 a day x 2,628,000 / 86,400 = 438,000 a month.
    std::string list = "[10";
    for (int i = 1; i < 1440; ++i) list += ",10";
    const auto bill = post(client, "/api/v1/estimate",
                           R"({"workload":{"duration_ms":100,"traffic":{"interval_s":60,"requests":)" + list +
                               R"(]}},"offering":{"kind":"lambda","memory_mb":128}})");
    CHECK(bill["requests_per_month"] == doctest::Approx(438000));
}

TEST_CASE("GET /api/v1/traffic-samples/azure-functions-2019: the rows, a row's series, the attribution") {
    test::TestServer server;
    auto client = server.client();
    auto list = client.Get("/api/v1/traffic-samples/azure-functions-2019");
    REQUIRE(list);
    CHECK(list->status == 200);
    const auto rows = nlohmann::json::parse(list->body);
    CHECK(rows["attribution"].get<std::string>().find("CC-BY 4.0") != std::string::npos);
    REQUIRE(rows["rows"].size() == 100);
    // Row 4: 81,149 calls (awk sum of line 6's minutes); durations.csv gives its Average 6,970 ms.
    CHECK(rows["rows"][4]["hash_function"].get<std::string>().rfind("bd28ee14", 0) == 0);
    CHECK(rows["rows"][4]["invocations_per_day"] == 81149);
    CHECK(rows["rows"][4]["average_duration_ms"] == 6970);
    CHECK(rows["rows"][4]["trigger"].is_null());  // this sample has no Trigger column

    auto one = client.Get("/api/v1/traffic-samples/azure-functions-2019?row=4");
    REQUIRE(one);
    CHECK(one->status == 200);
    const auto row = nlohmann::json::parse(one->body);
    CHECK(row["attribution"].get<std::string>().find("Azure Public Dataset") != std::string::npos);
    CHECK(row["profile"]["source"] == "azure-functions-2019 row 4 (HashFunction bd28ee14)");
    CHECK(row["series"]["requests"].size() == 1440);
    CHECK(row["series"]["requests"][0] == 94);

    auto bad = client.Get("/api/v1/traffic-samples/azure-functions-2019?row=100");
    REQUIRE(bad);
    CHECK(bad->status == 400);
    CHECK(nlohmann::json::parse(bad->body)["error"]["field"] == "query.row");
}
