// POST /api/v1/import/lambda-logs over a real socket: the scenario, summary and both bills; bad
// logs a 400 naming the line; a log over the body limit a 413. Fixtures: tests/data/lambda-logs.
#include "server_support.hpp"
#include "routes.hpp"

#include <fstream>
#include <sstream>

namespace {

std::string fixture(const std::string& name) {
    std::ifstream in(std::string(COSTSIM_SOURCE_DIR) + "/tests/data/lambda-logs/" + name);
    REQUIRE(in);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

nlohmann::json post(httplib::Client& client, const std::string& body, int status) {
    auto res = test::post_json(client, "/api/v1/import/lambda-logs", body);
    REQUIRE(res);
    CHECK(res->status == status);
    return nlohmann::json::parse(res->body);
}

}  // namespace

TEST_CASE("POST /api/v1/import/lambda-logs: a CloudWatch export's scenario, summary and bills") {
    test::TestServer server;
    auto client = server.client();
    const auto body = post(client, nlohmann::json{{"log", fixture("cloudwatch-export-512mb.txt")}}.dump(), 200);
    // Hand-checked in tests/unit/io/lambda_log_import.cpp: 4 records in 3 minutes, 1 cold.
    CHECK(body["summary"]["format"] == "cloudwatch-export");
    CHECK(body["summary"]["records_used"] == 4);
    CHECK(body["summary"]["lines_skipped"] == 2);
    CHECK(body["summary"]["requests_per_month"] == doctest::Approx(58400));
    CHECK(body["summary"]["billed_duration_ms"]["p50"] == 100);
    CHECK(body["summary"]["init_billing"] == "billed");
    CHECK(body["scenario"]["workload"]["traffic"]["requests"] == nlohmann::json::array({2, 1, 1}));
    CHECK(body["scenario"]["offerings"][0]["memory_mb"] == 512);
    CHECK(body["observed_bill"]["total"] == 0);  // within the free tier

    // The scenario it answers is a request body of the other endpoints as it is.
    nlohmann::json estimate = {{"workload", body["scenario"]["workload"]},
                               {"offering", body["scenario"]["offerings"][0]}};
    auto bill = test::post_json(client, "/api/v1/estimate", estimate.dump());
    REQUIRE(bill);
    CHECK(bill->status == 200);
}

TEST_CASE("POST /api/v1/import/lambda-logs: options, and filter-log-events output as the body itself") {
    test::TestServer server;
    auto client = server.client();
    const auto priced =
        post(client, nlohmann::json{{"log", fixture("report-lines-128mb.txt")}, {"free_tier", false}}.dump(), 200);
    // 4 x $0.0000002 + 0.23075 GB-s x $0.0000166667 (the log's own Billed Duration).
    CHECK(priced["observed_bill"]["total"] == doctest::Approx(0.0000008 + 0.23075 * 0.0000166667));
    CHECK(priced["summary"]["init_billing"] == "not_billed");
    const auto events = post(client, fixture("filter-log-events-512mb.json"), 200);
    CHECK(events["summary"]["format"] == "filter-log-events");
    CHECK(events["summary"]["records_used"] == 2);
}

TEST_CASE("POST /api/v1/import/lambda-logs: bad logs are 400s naming the line or the field") {
    test::TestServer server;
    auto client = server.client();
    const auto malformed = post(client, nlohmann::json{{"log", fixture("bad-malformed-line3.txt")}}.dump(), 400);
    CHECK(malformed["error"]["message"] == "log line 3: Duration must be a number, got \"8.4x\"");
    CHECK(malformed["error"]["field"] == "log");
    const auto mixed = post(client, nlohmann::json{{"log", fixture("bad-mixed-sizes.txt")}}.dump(), 400);
    CHECK(mixed["error"]["message"].get<std::string>().find("mixes memory sizes: 128 MB (1 record), 512 MB") == 4);
    const auto kept =
        post(client, nlohmann::json{{"log", fixture("bad-mixed-sizes.txt")}, {"memory_mb", 128}}.dump(), 200);
    CHECK(kept["summary"]["skipped"][0]["reason"] == "memory size 512 MB (not the selected 128 MB)");
    const auto wrong = post(client, nlohmann::json{{"log", fixture("bad-wrong-format.csv")}}.dump(), 400);
    CHECK(wrong["error"]["message"].get<std::string>().find("log has no Lambda REPORT record") == 0);
    const auto truncated = post(client, nlohmann::json{{"log", fixture("bad-truncated.json")}}.dump(), 400);
    CHECK(truncated["error"]["code"] == "parse_error");
    const auto unknown = post(client, R"({"log": "x", "colour": "red"})", 400);
    CHECK(unknown["error"]["field"] == "colour");
    const auto no_log = post(client, R"({"region": "us-east-1"})", 400);
    CHECK(no_log["error"]["field"] == "log");
    const auto arch = post(client, R"({"log": "x", "arch": "sparc"})", 400);
    CHECK(arch["error"]["field"] == "arch");
    const auto event = post(client, R"({"events": [{"message": "REPORT RequestId: a Duration: 1 ms"}]})", 400);
    CHECK(event["error"]["message"] == "body.events[0].message: the REPORT has no Billed Duration");
}

TEST_CASE("POST /api/v1/import/lambda-logs: a log over the body limit is a 413") {
    test::TestServer server;
    auto client = server.client();
    std::string log;
    const std::string lines = fixture("report-lines-128mb.txt");
    while (log.size() <= costsim::server::body_limit_of("/api/v1/import/lambda-logs").max_bytes) log += lines;
    const auto body = post(client, nlohmann::json{{"log", log}}.dump(), 413);
    CHECK(body["error"]["field"] == "body");
}
