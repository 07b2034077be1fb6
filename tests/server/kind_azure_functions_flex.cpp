// The Azure Functions Flex Consumption kind through the API: an estimate and a compare answer what
// the library computes, the kind is published with its fields, and a bad field is a 400 naming it.
#include "server_support.hpp"

#include <costsim/compare.hpp>
#include <costsim/cost_model.hpp>
#include <costsim/csv.hpp>

using costsim::parse_scenario;
using costsim::ScenarioShape;

TEST_CASE("POST /api/v1/estimate with an azure_functions_flex offering is the library's bill") {
    test::TestServer server;
    auto client = server.client();
    // 3M x 1 s, 2,048 MB, concurrency 1: $154.50 (tests/unit/offerings/azure_functions_flex_billing.cpp)
    const std::string body = R"({"workload":{"requests_per_month":3000000,"duration_ms":1000},)"
                             R"("offering":{"kind":"azure_functions_flex","instance_concurrency":1}})";
    auto res = test::post_json(client, "/api/v1/estimate", body);
    REQUIRE(res);
    CHECK(res->status == 200);
    auto s = parse_scenario(body, ScenarioShape::one_offering);
    auto bill = costsim::CostModel::build(s.workload, s.offerings[0], costsim::Catalog::builtin()).bill();
    CHECK(res->body == costsim::to_json(bill));
    const auto report = nlohmann::json::parse(res->body);
    CHECK(report["total"].get<double>() == doctest::Approx(154.50).epsilon(1e-12));
    CHECK(report["id"] == "azure_functions_flex-eastus-2048mb");
}

TEST_CASE("POST /api/v1/compare with Flex and a VM is the library's comparison, as JSON and CSV") {
    test::TestServer server;
    auto client = server.client();
    const std::string body =
        R"({"workload":{"requests_per_month":3000000,"duration_ms":120},)"
        R"("offerings":[{"kind":"azure_functions_flex","region":"japaneast","always_ready_instances":1},)"
        R"({"kind":"vm","provider":"azure","instance":"b1s","region":"japaneast"}],)"
        R"("range":{"from_rps":0,"to_rps":200}})";
    auto s = parse_scenario(body, ScenarioShape::many_offerings);
    auto expected = costsim::compare(s.workload, s.offerings, costsim::Catalog::builtin(), s.currency, s.range);
    auto json = test::post_json(client, "/api/v1/compare", body);
    REQUIRE(json);
    CHECK(json->status == 200);
    CHECK(json->body == costsim::to_json(expected));
    const auto report = nlohmann::json::parse(json->body);
    REQUIRE(report["results"].size() == 2);
    CHECK(report["results"][0]["region"] == "japaneast");
    CHECK(report["results"][0]["kind"] == "azure_functions_flex");

    auto csv = test::post_json(client, "/api/v1/compare?format=csv", body);
    REQUIRE(csv);
    CHECK(csv->status == 200);
    CHECK(csv->body == costsim::to_csv(expected));
}

TEST_CASE("GET /api/v1/offering-kinds publishes azure_functions_flex with its fields") {
    test::TestServer server;
    auto client = server.client();
    auto res = client.Get("/api/v1/offering-kinds");
    REQUIRE(res);
    CHECK(res->status == 200);
    const auto kinds = nlohmann::json::parse(res->body)["kinds"];
    const nlohmann::json* flex = nullptr;
    for (const auto& k : kinds)
        if (k["name"] == "azure_functions_flex") flex = &k;
    REQUIRE(flex != nullptr);
    CHECK((*flex)["billing"] == "per_use");
    std::vector<std::string> names;
    for (const auto& f : (*flex)["fields"]) names.push_back(f["name"]);
    CHECK(names == std::vector<std::string>{"region", "instance_memory_mb", "instance_concurrency",
                                            "always_ready_instances", "free_tier", "keep_alive_s"});
}

TEST_CASE("a Flex offering with an instance size Microsoft does not offer is a 400 naming the field") {
    test::TestServer server;
    auto client = server.client();
    const std::string body =
        R"({"workload":{"requests_per_month":1000,"duration_ms":100},)"
        R"("offerings":[{"kind":"lambda"},{"kind":"azure_functions_flex","instance_memory_mb":1024}]})";
    auto res = test::post_json(client, "/api/v1/compare", body);
    REQUIRE(res);
    CHECK(res->status == 400);
    const auto error = nlohmann::json::parse(res->body)["error"];
    CHECK(error["field"] == "offerings[1].instance_memory_mb");
    CHECK(error["message"].get<std::string>().find("one of 512, 2048, 4096") != std::string::npos);
}
