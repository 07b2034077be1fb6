// The API prices a fleet under a traffic profile: the issue's 4-hour example through
// workload.traffic and the offering's "scaling" object, its series only with include_series.
#include "server_support.hpp"

namespace {

// 10, 50, 200 and 20 rps for an hour each; capacity 100 rps at 50 %: ideal counts 1, 1, 4, 1.
const std::string kWorkload =
    R"("workload":{"duration_ms":50,"traffic":{"interval_s":3600,"requests":[36000,180000,720000,72000]}})";

std::string offering(const std::string& scaling) {
    return R"("offering":{"kind":"vm","instance":"t3.medium","capacity_rps":100,"target_utilization":0.5,)"
           R"("public_ipv4":false,"scaling":)" +
           scaling + "}";
}

}  // namespace

TEST_CASE("POST /api/v1/estimate: an ideal autoscaled VM fleet under the 4-hour profile") {
    test::TestServer server;
    auto client = server.client();
    // 7 instance-hours per 4 h x 182.5 = 1,277.5 x $0.0416 = $53.144.
    const std::string body = "{" + kWorkload + "," +
                             offering(R"({"mode":"autoscale","scale_out_delay_s":0,"scale_in_delay_s":0})") +
                             R"(,"include_series":true})";
    auto res = test::post_json(client, "/api/v1/estimate", body);
    REQUIRE(res);
    REQUIRE(res->status == 200);
    const auto j = nlohmann::json::parse(res->body);
    CHECK(j["line_items"][0]["quantity"].get<double>() == doctest::Approx(1277.5).epsilon(1e-12));
    CHECK(j["line_items"][0]["cost"].get<double>() == doctest::Approx(53.144).epsilon(1e-12));
    CHECK(j["conventions"]["peak_instances"] == 4);
    CHECK(j["conventions"]["mean_instances"].get<double>() == doctest::Approx(1.75).epsilon(1e-12));
    CHECK(j["series"][0]["values"] == nlohmann::json({1, 1, 4, 1}));

    // The default delays: 1,414.375 instance-hours and 5,475,000 requests a month at risk, flagged.
    res =
        test::post_json(client, "/api/v1/estimate", "{" + kWorkload + "," + offering(R"({"mode":"autoscale"})") + "}");
    REQUIRE(res);
    REQUIRE(res->status == 200);
    const auto d = nlohmann::json::parse(res->body);
    CHECK(d["line_items"][0]["quantity"].get<double>() == doctest::Approx(1414.375).epsilon(1e-12));
    CHECK(d["conventions"]["requests_at_risk"].get<double>() == doctest::Approx(5475000).epsilon(1e-12));
    CHECK(d["flags"].dump().find("\"at_risk\"") != std::string::npos);
    CHECK_FALSE(d.contains("series"));

    // A bad scaling field: 400 naming its path.
    res = test::post_json(client, "/api/v1/estimate", "{" + kWorkload + "," + offering(R"({"mode":"elastic"})") + "}");
    REQUIRE(res);
    CHECK(res->status == 400);
    CHECK(nlohmann::json::parse(res->body)["error"]["field"] == "offering.scaling.mode");
}
