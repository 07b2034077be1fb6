// POST /api/v1/range and /api/v1/flip answer what the library computes; parts of other
// endpoints are refused, naming the field.
#include "server_support.hpp"

#include <costsim/flip_analysis.hpp>
#include <costsim/json.hpp>
#include <costsim/monte_carlo.hpp>

using costsim::parse_scenario;
using costsim::ScenarioShape;

namespace {
const std::string kOfferings =
    R"("offerings":[{"kind":"lambda","memory_mb":512},{"kind":"vm","instance":"t3.micro","count":1}])";
}

TEST_CASE("POST /api/v1/range is the library's Monte Carlo report") {
    test::TestServer server;
    auto client = server.client();
    const std::string body = R"({"workload":{"requests_per_second":3,"duration_ms":120},)" + kOfferings +
                             R"(,"uncertainty":{"samples":5000,"seed":11,"inputs":{)"
                             R"("requests_per_second":{"distribution":"lognormal","p50":3,"p95":12},)"
                             R"("response_kb":{"distribution":"empirical","values":[1,4,16]}}}})";
    auto res = test::post_json(client, "/api/v1/range", body);
    REQUIRE(res);
    CHECK(res->status == 200);
    const auto s = parse_scenario(body, ScenarioShape::many_offerings);
    const auto r =
        costsim::monte_carlo(s.workload, s.offerings, costsim::Catalog::builtin(), s.uncertainty, s.currency, s.range);
    CHECK(res->body == costsim::to_json(r));
    const auto j = nlohmann::json::parse(res->body);
    CHECK(j["schema"] == "cost-sim-report/1");
    CHECK(j["inputs"].size() == 2);
    CHECK(j["break_even"].size() == 1);
}

TEST_CASE("POST /api/v1/range: bad distributions are 400s naming the field") {
    test::TestServer server;
    auto client = server.client();
    const auto field_of = [&](const std::string& uncertainty) {
        auto res = test::post_json(
            client, "/api/v1/range",
            R"({"workload":{"requests_per_second":3,"duration_ms":100},)" + kOfferings + "," + uncertainty + "}");
        REQUIRE(res);
        CHECK(res->status == 400);
        return nlohmann::json::parse(res->body)["error"]["field"].get<std::string>();
    };
    CHECK(field_of(R"("uncertainty":{"samples":1000001})") == "uncertainty.samples");
    CHECK(field_of(R"("uncertainty":{"seed":-1})") == "uncertainty.seed");
    CHECK(field_of(R"("uncertainty":{"inputs":{"duration_ms":{"distribution":"uniform","min":5}}})") ==
          "uncertainty.inputs.duration_ms.max");
    CHECK(field_of(R"("uncertainty":{"inputs":{"duration_ms":{"distribution":"fixed","value":1,"mode":2}}})") ==
          "uncertainty.inputs.duration_ms.mode");
    CHECK(field_of(R"("uncertainty":{"inputs":{"duration":{"distribution":"fixed","value":1}}})") ==
          "uncertainty.inputs.duration");
    CHECK(field_of(R"("uncertainty":{"inputs":{"response_kb":{"distribution":"gamma"}}})") ==
          "uncertainty.inputs.response_kb.distribution");
    CHECK(
        field_of(R"("uncertainty":{"inputs":{"requests_per_second":{"distribution":"uniform","min":1,"max":5e6}}})") ==
        "uncertainty.inputs.requests_per_second.max");
    CHECK(field_of(R"("uncertainty":{"horizon_months":121})") == "uncertainty.horizon_months");
    CHECK(field_of(R"("flip":{})") == "flip");
}

TEST_CASE("POST /api/v1/flip is the library's analysis; /api/v1/compare refuses \"uncertainty\"") {
    test::TestServer server;
    auto client = server.client();
    const std::string body = R"({"workload":{"requests_per_month":10000000,"duration_ms":50},)" + kOfferings +
                             R"(,"flip":{"high_factor":3}})";
    auto res = test::post_json(client, "/api/v1/flip", body);
    REQUIRE(res);
    CHECK(res->status == 200);
    const auto s = parse_scenario(body, ScenarioShape::many_offerings);
    const auto a =
        costsim::flip_analysis(s.workload, s.offerings, costsim::Catalog::builtin(), s.currency, s.range, s.flip);
    CHECK(res->body == costsim::to_json(a));
    CHECK(nlohmann::json::parse(res->body)["high_factor"] == 3.0);
    auto compare = test::post_json(
        client, "/api/v1/compare",
        R"({"workload":{"requests_per_second":3,"duration_ms":100},)" + kOfferings + R"(,"uncertainty":{}})");
    REQUIRE(compare);
    CHECK(compare->status == 400);
    CHECK(nlohmann::json::parse(compare->body)["error"]["field"] == "uncertainty");
}
