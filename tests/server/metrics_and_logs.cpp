// /metrics counts requests by route and status; one JSON log line per request, without bodies.
#include "server_support.hpp"

#include <costsim/version.hpp>

namespace {

/// The value of the sample line starting with `series` ("name{labels}"), or -1.
double sample(const std::string& exposition, const std::string& series) {
    std::size_t at = 0;
    while ((at = exposition.find(series + " ", at)) != std::string::npos) {
        if (at == 0 || exposition[at - 1] == '\n') {
            std::size_t end = exposition.find('\n', at);
            return std::stod(exposition.substr(at + series.size() + 1, end - at - series.size() - 1));
        }
        ++at;
    }
    return -1;
}

}  // namespace

TEST_CASE("/metrics counts requests by route and status, with a latency histogram and build info") {
    test::TestServer server;
    auto client = server.client();
    for (int i = 0; i < 3; ++i) REQUIRE(client.Get("/health"));
    REQUIRE(test::post_json(client, "/api/v1/compare", test::kCompareBody));
    REQUIRE(test::post_json(client, "/api/v1/compare", "{"));
    REQUIRE(client.Get("/no/such/path"));
    // The logger records a request after its response is written: wait for all six.
    REQUIRE(test::eventually([&] { return server.log_lines().size() >= 7; }));  // + "listening"

    auto res = client.Get("/metrics");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Content-Type") == "text/plain; version=0.0.4; charset=utf-8");
    const std::string& m = res->body;
    CHECK(sample(m, R"(costsim_http_requests_total{method="GET",route="/health",status="200"})") == 3);
    CHECK(sample(m, R"(costsim_http_requests_total{method="POST",route="/api/v1/compare",status="200"})") == 1);
    CHECK(sample(m, R"(costsim_http_requests_total{method="POST",route="/api/v1/compare",status="400"})") == 1);
    CHECK(sample(m, R"(costsim_http_requests_total{method="GET",route="unmatched",status="404"})") == 1);
    CHECK(sample(m, R"(costsim_http_request_duration_seconds_count{route="/health"})") == 3);
    CHECK(sample(m, R"(costsim_http_request_duration_seconds_bucket{route="/health",le="+Inf"})") == 3);
    CHECK(sample(m, "costsim_http_requests_in_flight") == 1);  // this request
    CHECK(m.find("costsim_build_info{version=\"" + std::string(costsim::kVersion) + "\"") != std::string::npos);
}

TEST_CASE("each request logs one JSON line with method, path, status, duration and bytes, and no body") {
    test::TestServer server;
    auto client = server.client();
    const std::string secret =
        R"({"workload":{"requests_per_month":1234567,"duration_ms":100},"offerings":[{"kind":"lambda","id":"secret-id"}]})";
    auto res = test::post_json(client, "/api/v1/compare?format=json", secret);
    REQUIRE(res);
    REQUIRE(test::eventually([&] { return server.log_lines().size() >= 2; }));
    auto lines = server.log_lines();
    auto line = nlohmann::json::parse(lines.back());
    CHECK(line["method"] == "POST");
    CHECK(line["path"] == "/api/v1/compare");
    CHECK(line["status"] == 200);
    CHECK(line["duration_ms"].is_number());
    CHECK(line["duration_ms"].get<double>() >= 0);
    CHECK(line["bytes"] == res->body.size());
    CHECK(lines.back().find("secret-id") == std::string::npos);
    CHECK(lines.back().find("1234567") == std::string::npos);
}
