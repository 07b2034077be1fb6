// POST /api/v1/import/cloudwatch and /api/v1/import/cur over a real socket: the library's
// reports, and each bad input a 400 naming the field or the line. Fixtures: tests/data/cloudwatch
// and tests/data/cur (SOURCES.md).
#include "server_support.hpp"

#include <fstream>
#include <sstream>

namespace {

std::string fixture(const std::string& name) {
    std::ifstream file(std::string(COSTSIM_SOURCE_DIR) + "/tests/data/" + name, std::ios::binary);
    REQUIRE(file.good());
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

nlohmann::json post(httplib::Client& client, const std::string& path, const std::string& body, int status = 200) {
    auto res = test::post_json(client, path, body);
    REQUIRE(res);
    CHECK(res->status == status);
    return nlohmann::json::parse(res->body);
}

std::string cur_body(const std::string& csv, const std::string& extra = "") {
    return nlohmann::json{{"csv", csv}}.dump().insert(1, extra);
}

}  // namespace

TEST_CASE("POST /api/v1/import/cloudwatch: the derivation and a scenario compare takes") {
    test::TestServer server;
    auto client = server.client();
    // The body is what the CLI printed: here two get-metric-statistics outputs in an array.
    const std::string body = "[" + fixture("cloudwatch/invocations-statistics.json") + "," +
                             fixture("cloudwatch/duration-statistics.json") + "]";
    const auto answer = post(client, "/api/v1/import/cloudwatch", body);
    // 1,200 requests in 10 minutes -> 5,256,000 a month; (sum of minute x average) / 1,200 = 202.5 ms.
    CHECK(answer["cloudwatch"]["period_s"] == 60);
    CHECK(answer["cloudwatch"]["filled_with_zero"] == 3);
    CHECK(answer["cloudwatch"]["requests_per_month"].get<double>() == doctest::Approx(5256000));
    CHECK(answer["cloudwatch"]["mean_duration_ms"] == 202.5);
    CHECK(answer["cloudwatch"]["summary"]["read"] == 14);
    CHECK(answer["scenario"]["workload"]["traffic"]["requests"].size() == 10);
    // The scenario, with the Lambda at 512 MB, prices as hand-computed in cli_usage_import.cpp: $3.0759378.
    nlohmann::json scenario = answer["scenario"];
    scenario["offerings"][0] = {{"kind", "lambda"}, {"memory_mb", 512}};
    const auto compared = post(client, "/api/v1/compare", scenario.dump());
    CHECK(compared["results"][0]["total"].get<double>() == doctest::Approx(3.0759378));
    // get-metric-data, one output; the period given.
    const auto data =
        post(client, "/api/v1/import/cloudwatch?period_s=300", fixture("cloudwatch/get-metric-data.json"));
    CHECK(data["cloudwatch"]["max_concurrent_executions"] == 5.0);
    CHECK(data["cloudwatch"]["summary"]["skipped"] == 2);
}

TEST_CASE("POST /api/v1/import/cloudwatch: bad input is a 400 naming the field") {
    test::TestServer server;
    auto client = server.client();
    const auto other = post(client, "/api/v1/import/cloudwatch", R"({"workload": {}})", 400);
    CHECK(other["error"]["field"] == "body");
    const auto unknown = post(client, "/api/v1/import/cloudwatch?memory=1", "{}", 400);
    CHECK(unknown["error"]["field"] == "query.memory");
    const auto no_duration =
        post(client, "/api/v1/import/cloudwatch", fixture("cloudwatch/alb-request-count.json"), 400);
    CHECK(no_duration["error"]["field"] == "query.duration_ms");
    const auto with_duration =
        post(client, "/api/v1/import/cloudwatch?duration_ms=40", fixture("cloudwatch/alb-request-count.json"));
    CHECK(with_duration["scenario"]["workload"]["duration_ms"] == 40);
    const auto not_number =
        post(client, "/api/v1/import/cloudwatch?period_s=abc", fixture("cloudwatch/alb-request-count.json"), 400);
    CHECK(not_number["error"]["field"] == "query.period_s");
    const auto bad_period =
        post(client, "/api/v1/import/cloudwatch?period_s=7200", fixture("cloudwatch/alb-request-count.json"), 400);
    CHECK(bad_period["error"]["field"] == "query.period_s");
    const auto lengths = post(client, "/api/v1/import/cloudwatch",
                              R"({"MetricDataResults": [{"Id": "i", "Label": "Invocations",
                                 "Timestamps": ["2024-06-01T00:00:00Z"], "Values": []}]})",
                              400);
    CHECK(lengths["error"]["field"] == "body: MetricDataResults[0].Values");
    const auto truncated = post(client, "/api/v1/import/cloudwatch", R"({"Label": )", 400);
    CHECK(truncated["error"]["code"] == "parse_error");
}

TEST_CASE("POST /api/v1/import/cur: the line-by-line comparison, JSON and CSV") {
    test::TestServer server;
    auto client = server.client();
    const auto answer = post(client, "/api/v1/import/cur", cur_body(fixture("cur/cur2-month.csv")));
    // 800,000 GB-s x $0.0000166667 = $13.33336; priced lines $28.28343 on both sides.
    CHECK(answer["cur"]["lines"][0]["usage_type"] == "Lambda-GB-Second");
    CHECK(answer["cur"]["lines"][0]["costsim_cost"].get<double>() == doctest::Approx(13.33336));
    CHECK(answer["cur"]["costsim_total"].get<double>() == doctest::Approx(28.28343));
    CHECK(answer["cur"]["summary"]["skipped"] == 2);
    // Without the free tier the facts' sample matches to the nano-dollar.
    const auto full =
        post(client, "/api/v1/import/cur", cur_body(fixture("cur/cur2-facts-sample.csv"), R"("free_tier":false,)"));
    CHECK(full["cur"]["difference"] == 0.0);
    auto csv = test::post_json(client, "/api/v1/import/cur?format=csv", cur_body(fixture("cur/cur2-facts-sample.csv")));
    REQUIRE(csv);
    CHECK(csv->status == 200);
    CHECK(csv->get_header_value("Content-Type") == "text/csv; charset=utf-8");
    CHECK(csv->body.find("usage_type,region,arch,") == 0);
}

TEST_CASE("POST /api/v1/import/cur: no Lambda rows, a malformed line, a wrong field: 400s") {
    test::TestServer server;
    auto client = server.client();
    const auto none = post(client, "/api/v1/import/cur", cur_body(fixture("cur/cur2-no-lambda.csv")), 400);
    CHECK(none["error"]["field"] == "csv");
    CHECK(none["error"]["message"].get<std::string>().find("no AWS Lambda usage rows") != std::string::npos);
    const auto malformed = post(client, "/api/v1/import/cur",
                                cur_body("line_item_product_code,line_item_usage_type,line_item_usage_amount,"
                                         "line_item_unblended_cost\nAWSLambda,Request\n"),
                                400);
    CHECK(malformed["error"]["message"] == "csv line 2: 2 fields, the header has 4");
    const auto not_text = post(client, "/api/v1/import/cur", R"({"csv": 3})", 400);
    CHECK(not_text["error"]["field"] == "csv");
    const auto flag = post(client, "/api/v1/import/cur", R"({"csv": "", "free_tier": "no"})", 400);
    CHECK(flag["error"]["field"] == "free_tier");
    // A CSV body (not JSON) is refused as every POST is: 415.
    auto raw = client.Post("/api/v1/import/cur", fixture("cur/cur2-month.csv"), "text/csv");
    REQUIRE(raw);
    CHECK(raw->status == 415);
}
