// Lambda Managed Instances through the API: an estimate and a comparison equal the library's, the
// descriptor is published (offering kinds, OpenAPI), and bad input is a 400 naming the field.
#include "server_support.hpp"

#include <costsim/compare.hpp>
#include <costsim/cost_model.hpp>
#include <costsim/csv.hpp>

#include <algorithm>

using costsim::parse_scenario;
using costsim::ScenarioShape;

namespace {

nlohmann::json error_of(const httplib::Result& res) {
    REQUIRE(res);
    CHECK(res->status == 400);
    return nlohmann::json::parse(res->body)["error"];
}

}  // namespace

TEST_CASE("POST /api/v1/estimate prices Lambda Managed Instances as the library does: the issue's $205.71") {
    test::TestServer server;
    auto client = server.client();
    const std::string body = R"({"workload":{"requests_per_month":1000000,"duration_ms":100},)"
                             R"("offering":{"kind":"lambda_managed_instances","instance":"m7g.large"}})";
    auto res = test::post_json(client, "/api/v1/estimate", body);
    REQUIRE(res);
    CHECK(res->status == 200);
    auto s = parse_scenario(body, ScenarioShape::one_offering);
    auto bill = costsim::CostModel::build(s.workload, s.offerings[0], costsim::Catalog::builtin()).bill();
    CHECK(res->body == costsim::to_json(bill));
    // 3 x 0.0816 x 730 x 1.15 + 0.20
    CHECK(nlohmann::json::parse(res->body)["total"].get<double>() == doctest::Approx(205.7096).epsilon(1e-12));
}

TEST_CASE("POST /api/v1/compare with Lambda Managed Instances, as JSON and CSV, with its break-even") {
    test::TestServer server;
    auto client = server.client();
    const std::string body =
        R"({"workload":{"requests_per_month":300000000,"duration_ms":100},)"
        R"("offerings":[{"kind":"lambda","memory_mb":512},)"
        R"({"kind":"lambda_managed_instances","region":"us-east-1","runtime":"python","purchase":"1yr"}]})";
    auto s = parse_scenario(body, ScenarioShape::many_offerings);
    auto expected = costsim::compare(s.workload, s.offerings, costsim::Catalog::builtin(), s.currency, s.range);
    REQUIRE(!expected.break_even.empty());

    auto json = test::post_json(client, "/api/v1/compare", body);
    REQUIRE(json);
    CHECK(json->status == 200);
    CHECK(json->body == costsim::to_json(expected));
    CHECK(nlohmann::json::parse(json->body)["results"][1]["kind"] == "lambda_managed_instances");

    auto csv = test::post_json(client, "/api/v1/compare?format=csv", body);
    REQUIRE(csv);
    CHECK(csv->status == 200);
    CHECK(csv->body == costsim::to_csv(expected));
}

TEST_CASE("GET /api/v1/offering-kinds and the OpenAPI document describe the kind") {
    test::TestServer server;
    auto client = server.client();
    auto res = client.Get("/api/v1/offering-kinds");
    REQUIRE(res);
    CHECK(res->status == 200);
    const auto kinds = nlohmann::json::parse(res->body)["kinds"];
    const auto kind = std::find_if(kinds.begin(), kinds.end(),
                                   [](const nlohmann::json& k) { return k["name"] == "lambda_managed_instances"; });
    REQUIRE(kind != kinds.end());
    CHECK((*kind)["billing"] == "per_capacity");
    bool purchase_seen = false;
    for (const auto& f : (*kind)["fields"])
        if (f["name"] == "purchase") {
            purchase_seen = true;
            CHECK(f["options"] == nlohmann::json::array({"on-demand", "1yr", "3yr"}));  // no Spot
        }
    CHECK(purchase_seen);
    auto openapi = client.Get("/api/v1/openapi.json");
    REQUIRE(openapi);
    CHECK(openapi->body.find("LambdaManagedInstancesOffering") != std::string::npos);
}

TEST_CASE("Lambda Managed Instances: bad input is a 400 naming the whole field path") {
    test::TestServer server;
    auto client = server.client();
    const std::string workload =
        R"({"workload":{"requests_per_month":1000000,"duration_ms":100},"offerings":[{"kind":"lambda"},)";
    SUBCASE("spot is not a purchase option") {
        const auto e = error_of(test::post_json(
            client, "/api/v1/compare", workload + R"({"kind":"lambda_managed_instances","purchase":"spot"}]})"));
        CHECK(e["code"] == "invalid_input");
        CHECK(e["field"] == "offerings[1].purchase");
    }
    SUBCASE("fewer than three instances") {
        const auto e = error_of(test::post_json(
            client, "/api/v1/compare", workload + R"({"kind":"lambda_managed_instances","min_instances":1}]})"));
        CHECK(e["field"] == "offerings[1].min_instances");
    }
    SUBCASE("a ratio that is not the instance's, found while pricing") {
        const auto e = error_of(test::post_json(
            client, "/api/v1/compare",
            workload + R"({"kind":"lambda_managed_instances","instance":"c7g.large","memory_gib_per_vcpu":8}]})"));
        CHECK(e["code"] == "invalid_input");
        CHECK(e["field"] == "offerings[1].memory_gib_per_vcpu");
        CHECK(e["message"].get<std::string>().rfind(
                  "offerings[1].memory_gib_per_vcpu must be 2, the ratio of c7g.large", 0) == 0);
    }
    SUBCASE("a region without Lambda Managed Instances prices") {
        const auto e =
            error_of(test::post_json(client, "/api/v1/estimate",
                                     R"({"workload":{"requests_per_month":0,"duration_ms":100},)"
                                     R"("offering":{"kind":"lambda_managed_instances","region":"eu-west-1"}})"));
        CHECK(e["code"] == "price_not_found");
        CHECK(e["field"] == "offering.region");
    }
}
