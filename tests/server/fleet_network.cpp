// The fleet's public IPv4 fields over HTTP: "public_ipv4" and "load_balancer_azs" on a vm offering,
// the fleet's size and capacity in /compare and /sweep, and bad values as 400s naming the field.
// Prices: t3.micro $0.0104/h, public IPv4 $0.005 per address-hour, 730 h.
#include "server_support.hpp"

#include <costsim/cost_model.hpp>

namespace {

double cost_of(const nlohmann::json& bill, const std::string& name) {
    for (const auto& item : bill["line_items"])
        if (item["name"] == name) return item["cost"].get<double>();
    return -1.0;
}

std::string estimate_body(const std::string& vm_fields) {
    return R"({"workload":{"requests_per_month":0,"duration_ms":100},"offering":{"kind":"vm","instance":"t3.micro")" +
           vm_fields + "}}";
}

}  // namespace

TEST_CASE("POST /api/v1/estimate: public_ipv4 and load_balancer_azs on a vm offering") {
    test::TestServer server;
    auto client = server.client();
    // default: one address per instance, 0.005 x 730 = 3.65; total 7.592 + 3.65 = 11.242
    auto res = test::post_json(client, "/api/v1/estimate", estimate_body(""));
    REQUIRE(res);
    REQUIRE(res->status == 200);
    auto bill = nlohmann::json::parse(res->body);
    CHECK(cost_of(bill, "Public IPv4 addresses (one per instance)") == doctest::Approx(3.65).epsilon(1e-12));
    CHECK(bill["total"].get<double>() == doctest::Approx(0.0104 * 730 + 0.005 * 730).epsilon(1e-12));
    // "public_ipv4": false: the instance-hours alone, 7.592
    res = test::post_json(client, "/api/v1/estimate", estimate_body(R"(,"public_ipv4":false)"));
    REQUIRE(res);
    REQUIRE(res->status == 200);
    bill = nlohmann::json::parse(res->body);
    CHECK(cost_of(bill, "Public IPv4 addresses (one per instance)") == -1.0);
    CHECK(bill["total"].get<double>() == doctest::Approx(7.592).epsilon(1e-12));
    // ALB in 3 AZs: 3 x 0.005 x 730 = 10.95, and the instances have none
    res = test::post_json(client, "/api/v1/estimate", estimate_body(R"(,"load_balancer":true,"load_balancer_azs":3)"));
    REQUIRE(res);
    REQUIRE(res->status == 200);
    bill = nlohmann::json::parse(res->body);
    CHECK(cost_of(bill, "Public IPv4 addresses (load balancer, 3 AZs)") == doctest::Approx(10.95).epsilon(1e-12));
    CHECK(cost_of(bill, "Public IPv4 addresses (one per instance)") == -1.0);
}

TEST_CASE("public_ipv4 and load_balancer_azs: wrong types and out-of-range values are 400 naming the field") {
    test::TestServer server;
    auto client = server.client();
    struct Case {
        std::string fields, field;
    };
    for (const Case& c : {Case{R"(,"public_ipv4":"yes")", "offering.public_ipv4"},
                          Case{R"(,"load_balancer":true,"load_balancer_azs":1)", "offering.load_balancer_azs"},
                          Case{R"(,"load_balancer":true,"load_balancer_azs":7)", "offering.load_balancer_azs"},
                          Case{R"(,"load_balancer":true,"load_balancer_azs":2.5)", "offering.load_balancer_azs"}}) {
        CAPTURE(c.fields);
        const std::string body = estimate_body(c.fields);
        auto res = test::post_json(client, "/api/v1/estimate", body);
        REQUIRE(res);
        CHECK(res->status == 400);
        CHECK(res->body == test::library_error(body, costsim::ScenarioShape::one_offering));
        CHECK(nlohmann::json::parse(res->body)["error"]["field"] == c.field);
    }
}

TEST_CASE("POST /api/v1/compare and /sweep carry the fleet's size and where a fixed fleet runs out") {
    test::TestServer server;
    auto client = server.client();
    // 2 x t4g.small at 400 ms of CPU: 2 vCPUs x 1,000 / 400 = 5 rps each, out at 10 rps
    const std::string body =
        R"({"workload":{"requests_per_month":13140000,"duration_ms":100,"cpu_ms_per_request":400},)"
        R"("offerings":[{"kind":"lambda","memory_mb":512},{"kind":"vm","instance":"t4g.small","count":2}]})";
    auto res = test::post_json(client, "/api/v1/compare", body);
    REQUIRE(res);
    REQUIRE(res->status == 200);
    const auto report = nlohmann::json::parse(res->body);
    const auto& fleet = report["results"][1]["fleet"];
    CHECK(fleet["instances"] == 2.0);
    CHECK(fleet["load_balancer_azs"] == 0);
    CHECK(fleet["public_ipv4_addresses"] == 2.0);
    CHECK(fleet["runs_out_at_requests_per_second"].get<double>() == doctest::Approx(10.0).epsilon(1e-12));
    for (const auto& p : report["break_even"])
        CHECK(p["beyond_capacity"] == (p["requests_per_second"].get<double>() > 10.0));
    const std::string grid = body.substr(0, body.size() - 1) + R"(,"grid":{"from_rps":1,"to_rps":100,"points":7}})";
    res = test::post_json(client, "/api/v1/sweep", grid);
    REQUIRE(res);
    REQUIRE(res->status == 200);
    const auto curves = nlohmann::json::parse(res->body);
    REQUIRE(curves["fleets"].size() == 1);
    CHECK(curves["fleets"][0]["runs_out_at_requests_per_month"].get<double>() ==
          doctest::Approx(10.0 * 2628000).epsilon(1e-12));
}
