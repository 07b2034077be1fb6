// POST /api/v1/portfolio: the library's report for the same document, CSV on request, and 4xx
// JSON naming the field for bad input.
#include "server_support.hpp"

#include <costsim/portfolio_json.hpp>

namespace {

// Three Lambda functions (the three-function case: $69.95 as one account) and a consolidation
// Lambda; arithmetic in tests/unit/engines/portfolio.cpp.
constexpr const char* kBody =
    R"({"workloads":[)"
    R"({"id":"f128","workload":{"requests_per_month":25000000,"duration_ms":200},"offering":{"kind":"lambda","memory_mb":128}},)"
    R"({"id":"f448","workload":{"requests_per_month":5000000,"duration_ms":500},"offering":{"kind":"lambda","memory_mb":448}},)"
    R"({"id":"f1024","workload":{"requests_per_month":2500000,"duration_ms":1000},"offering":{"kind":"lambda","memory_mb":1024}}],)"
    R"("consolidation":{"fleet":{"kind":"vm","instance":"t3.micro","capacity_rps":100}}})";

}  // namespace

TEST_CASE("POST /api/v1/portfolio is the library's report, as JSON or CSV") {
    test::TestServer server;
    auto client = server.client();
    const auto expected = costsim::analyse_portfolio(costsim::parse_portfolio(kBody), costsim::Catalog::builtin());
    auto res = test::post_json(client, "/api/v1/portfolio", kBody);
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->body == costsim::to_json(expected));
    const auto report = nlohmann::json::parse(res->body);
    CHECK(report["portfolio"]["options"][0]["total"].get<double>() == doctest::Approx(69.9459606).epsilon(1e-9));
    CHECK(report["portfolio"]["options"].size() == 2);

    auto csv = test::post_json(client, "/api/v1/portfolio?format=csv", kBody);
    REQUIRE(csv);
    CHECK(csv->status == 200);
    CHECK(csv->get_header_value("Content-Type").starts_with("text/csv"));
    CHECK(csv->body == costsim::to_csv(expected));
}

TEST_CASE("POST /api/v1/portfolio: bad input is a 400 naming the field") {
    test::TestServer server;
    auto client = server.client();
    const std::string bad =
        R"({"workloads":[{"id":"a","workload":{"requests_per_month":1,"duration_ms":100},"offering":{"kind":"lambda"}},)"
        R"({"id":"b","workload":{"requests_per_month":1,"duration_ms":0},"offering":{"kind":"lambda"}}]})";
    auto res = test::post_json(client, "/api/v1/portfolio", bad);
    REQUIRE(res);
    CHECK(res->status == 400);
    const auto error = nlohmann::json::parse(res->body)["error"];
    CHECK(error["field"] == "workloads[1].workload.duration_ms");

    auto placement = test::post_json(
        client, "/api/v1/portfolio",
        R"({"workloads":[{"id":"a","workload":{"requests_per_month":1,"duration_ms":100},"placement":"web"}]})");
    REQUIRE(placement);
    CHECK(placement->status == 400);
    CHECK(nlohmann::json::parse(placement->body)["error"]["field"] == "workloads[0].placement");

    auto format = test::post_json(client, "/api/v1/portfolio?format=xml", kBody);
    REQUIRE(format);
    CHECK(format->status == 400);
}
