// The Cloud Run service kind (instance-based billing) over the API: an estimate and a comparison are
// the library's, bad fields are a 400 naming them, and the kind is published with its fields.
#include "server_support.hpp"

#include <costsim/compare.hpp>
#include <costsim/cost_model.hpp>
#include <costsim/csv.hpp>

using costsim::parse_scenario;
using costsim::ScenarioShape;

TEST_CASE("POST /api/v1/estimate prices a Cloud Run service as the library does") {
    test::TestServer server;
    auto client = server.client();
    // One min instance of 1 vCPU and 512 MiB, free tier on: the issue's check, $44.712.
    const std::string body = R"({"workload":{"requests_per_month":0,"duration_ms":100},)"
                             R"("offering":{"kind":"cloud_run_service","min_instances":1}})";
    auto res = test::post_json(client, "/api/v1/estimate", body);
    REQUIRE(res);
    CHECK(res->status == 200);
    auto s = parse_scenario(body, ScenarioShape::one_offering);
    auto bill = costsim::CostModel::build(s.workload, s.offerings[0], costsim::Catalog::builtin()).bill();
    CHECK(res->body == costsim::to_json(bill));
    CHECK(nlohmann::json::parse(res->body)["total"].get<double>() == doctest::Approx(44.712).epsilon(1e-12));
}

TEST_CASE("POST /api/v1/compare with a Cloud Run service is the library's comparison, JSON and CSV") {
    test::TestServer server;
    auto client = server.client();
    const std::string body =
        R"({"workload":{"requests_per_second":100,"duration_ms":200},"offerings":[)"
        R"({"kind":"cloud_run","memory_mb":512,"vcpu":1},)"
        R"({"kind":"cloud_run_service","region":"asia-northeast1","concurrency":8,"min_instances":1}]})";
    auto s = parse_scenario(body, ScenarioShape::many_offerings);
    auto expected = costsim::compare(s.workload, s.offerings, costsim::Catalog::builtin(), s.currency, s.range);

    auto json = test::post_json(client, "/api/v1/compare", body);
    REQUIRE(json);
    CHECK(json->status == 200);
    CHECK(json->body == costsim::to_json(expected));
    auto report = nlohmann::json::parse(json->body);
    REQUIRE(report["results"].size() == 2);
    CHECK(report["results"][1]["kind"] == "cloud_run_service");
    CHECK(report["results"][1]["fleet"]["instances"].get<double>() == 5.0);  // 20 in flight / (8 x 0.6)

    auto csv = test::post_json(client, "/api/v1/compare?format=csv", body);
    REQUIRE(csv);
    CHECK(csv->status == 200);
    CHECK(csv->body == costsim::to_csv(expected));
}

TEST_CASE("a Cloud Run service field out of Google's rules is a 400 naming it") {
    test::TestServer server;
    auto client = server.client();
    const std::string body = R"({"workload":{"requests_per_month":1000,"duration_ms":100},)"
                             R"("offering":{"kind":"cloud_run_service","vcpu":1,"memory_mb":8192}})";
    auto res = test::post_json(client, "/api/v1/estimate", body);
    REQUIRE(res);
    CHECK(res->status == 400);
    auto error = nlohmann::json::parse(res->body)["error"];
    CHECK(error["code"] == "invalid_input");
    CHECK(error["field"] == "offering.memory_mb");
    CHECK(error["message"].get<std::string>().find("with 1 vCPU") != std::string::npos);
}

TEST_CASE("GET /api/v1/offering-kinds publishes the Cloud Run service kind with its fields") {
    test::TestServer server;
    auto client = server.client();
    auto res = client.Get("/api/v1/offering-kinds");
    REQUIRE(res);
    CHECK(res->status == 200);
    const auto kinds = nlohmann::json::parse(res->body)["kinds"];
    const nlohmann::json* kind = nullptr;
    for (const auto& k : kinds)
        if (k["name"] == "cloud_run_service") kind = &k;
    REQUIRE(kind != nullptr);
    CHECK((*kind)["billing"] == "per_capacity");
    CHECK((*kind)["provider"] == "gcp");
    std::vector<std::string> names;
    for (const auto& f : (*kind)["fields"]) names.push_back(f["name"].get<std::string>());
    // the scaling group without its max_instances (the service's own caps)
    CHECK(names == std::vector<std::string>{"region", "vcpu", "memory_mb", "concurrency", "min_instances",
                                            "max_instances", "target_utilization", "free_tier", "scaling.mode",
                                            "scaling.scale_out_delay_s", "scaling.scale_in_delay_s",
                                            "scaling.instances"});
}
