// The API prices AWS Fargate as the library does: an estimate, a compare (JSON and CSV), the
// kind's descriptor, and a 400 naming the field.
#include "server_support.hpp"

#include <costsim/compare.hpp>
#include <costsim/cost_model.hpp>
#include <costsim/csv.hpp>

#include <algorithm>

using costsim::parse_scenario;
using costsim::ScenarioShape;

TEST_CASE("POST /api/v1/estimate prices a Fargate service: the issue's $18.02") {
    test::TestServer server;
    auto client = server.client();
    // 2 x (0.25 x 0.04048 + 0.5 x 0.004445) x 730 = 18.02005
    const std::string body =
        R"({"workload":{"requests_per_month":1000000,"duration_ms":100},)"
        R"("offering":{"kind":"fargate","vcpu":0.25,"memory_gb":0.5,"count":2,"public_ipv4":false}})";
    auto res = test::post_json(client, "/api/v1/estimate", body);
    REQUIRE(res);
    CHECK(res->status == 200);
    auto s = parse_scenario(body, ScenarioShape::one_offering);
    auto bill = costsim::CostModel::build(s.workload, s.offerings[0], costsim::Catalog::builtin()).bill();
    CHECK(res->body == costsim::to_json(bill));
    const auto j = nlohmann::json::parse(res->body);
    CHECK(j["kind"] == "fargate");
    CHECK(j["total"].get<double>() == doctest::Approx(18.02005).epsilon(1e-12));
}

TEST_CASE("POST /api/v1/compare with Lambda and Fargate, as JSON and CSV") {
    test::TestServer server;
    auto client = server.client();
    const std::string body =
        R"({"workload":{"requests_per_month":30000000,"duration_ms":120},)"
        R"("offerings":[{"kind":"lambda","memory_mb":512},)"
        R"({"kind":"fargate","region":"ap-northeast-1","arch":"arm64","vcpu":1,"memory_gb":2,"capacity_rps":40,)"
        R"("load_balancer":true}]})";
    auto s = parse_scenario(body, ScenarioShape::many_offerings);
    auto expected = costsim::compare(s.workload, s.offerings, costsim::Catalog::builtin(), s.currency, s.range);
    auto json = test::post_json(client, "/api/v1/compare", body);
    REQUIRE(json);
    CHECK(json->status == 200);
    CHECK(json->body == costsim::to_json(expected));
    const auto report = nlohmann::json::parse(json->body);
    CHECK(report["results"][1]["kind"] == "fargate");
    auto csv = test::post_json(client, "/api/v1/compare?format=csv", body);
    REQUIRE(csv);
    CHECK(csv->status == 200);
    CHECK(csv->body == costsim::to_csv(expected));
}

TEST_CASE("GET /api/v1/offering-kinds describes Fargate from its descriptor") {
    test::TestServer server;
    auto client = server.client();
    auto res = client.Get("/api/v1/offering-kinds");
    REQUIRE(res);
    CHECK(res->status == 200);
    const auto kinds = nlohmann::json::parse(res->body)["kinds"];
    const auto fargate = std::find_if(kinds.begin(), kinds.end(), [](const auto& k) { return k["name"] == "fargate"; });
    REQUIRE(fargate != kinds.end());
    CHECK((*fargate)["billing"] == "per_capacity");
    CHECK((*fargate)["provider"] == "aws");
}

TEST_CASE("a Fargate task size AWS does not offer is a 400 naming the field") {
    test::TestServer server;
    auto client = server.client();
    const std::string body = R"({"workload":{"requests_per_month":1000000,"duration_ms":100},)"
                             R"("offerings":[{"kind":"lambda"},{"kind":"fargate","vcpu":1,"memory_gb":9}]})";
    auto res = test::post_json(client, "/api/v1/compare", body);
    REQUIRE(res);
    CHECK(res->status == 400);
    const auto error = nlohmann::json::parse(res->body)["error"];
    CHECK(error["code"] == "invalid_input");
    CHECK(error["field"] == "offerings[1].memory_gb");
    CHECK(error["message"].get<std::string>().find("2 to 8 GB") != std::string::npos);
}

TEST_CASE("POST /api/v1/estimate: a fleet's scaling object, its series only with include_series, 400 naming the path") {
    test::TestServer server;
    auto client = server.client();
    // A given schedule of 3 tasks every hour: 3 x 730 = 2,190 task-hours x $0.04048 = $88.6512 of vCPU.
    std::string counts;
    for (int h = 0; h < 168; ++h) counts += (h ? ",3" : "3");
    const std::string offering =
        R"({"kind":"fargate","vcpu":1,"memory_gb":2,"public_ipv4":false,"scaling":{"mode":"schedule","instances":[)" +
        counts + "]}}";
    const std::string body =
        R"({"workload":{"requests_per_month":1000000,"duration_ms":100},"offering":)" + offering + "}";
    auto res = test::post_json(client, "/api/v1/estimate", body);
    REQUIRE(res);
    CHECK(res->status == 200);
    auto j = nlohmann::json::parse(res->body);
    CHECK(j["line_items"][0]["quantity"].get<double>() == doctest::Approx(2190).epsilon(1e-12));
    CHECK(j["line_items"][0]["cost"].get<double>() == doctest::Approx(88.6512).epsilon(1e-12));
    CHECK_FALSE(j.contains("series"));
    const std::string asked = R"({"include_series":true,"workload":{"requests_per_month":1000000,"duration_ms":100},)"
                              R"("offering":)" +
                              offering + "}";
    res = test::post_json(client, "/api/v1/estimate", asked);
    REQUIRE(res);
    j = nlohmann::json::parse(res->body);
    REQUIRE(j["series"].size() == 1);
    CHECK(j["series"][0]["values"].size() == 168);

    // Autoscale without workload.traffic: 400 naming offering.scaling.mode.
    res = test::post_json(client, "/api/v1/estimate",
                          R"({"workload":{"requests_per_month":1000000,"duration_ms":100},)"
                          R"("offering":{"kind":"fargate","capacity_rps":50,"scaling":{"mode":"autoscale"}}})");
    REQUIRE(res);
    CHECK(res->status == 400);
    CHECK(nlohmann::json::parse(res->body)["error"]["field"] == "offering.scaling.mode");
}
