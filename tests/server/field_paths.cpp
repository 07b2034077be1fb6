// The API goes through the library's validation: errors raised while a model is built name the
// whole field path, and the input rules (empty strings and keys, unsafe ids, list elements) hold.
#include "server_support.hpp"

#include <algorithm>

namespace {

struct ApiError {
    int status = 0;
    std::string code;
    nlohmann::json field;
    std::string message;
};

ApiError post_error(httplib::Client& client, const std::string& path, const std::string& body) {
    auto res = test::post_json(client, path, body);
    REQUIRE(res);
    auto error = nlohmann::json::parse(res->body)["error"];
    return {res->status, error["code"].get<std::string>(), error["field"], error["message"].get<std::string>()};
}

const std::string kWorkload = R"("workload":{"requests_per_month":3000000,"duration_ms":100})";

std::string compare_body(const std::string& second_offering) {
    return "{" + kWorkload + R"(,"offerings":[{"kind":"lambda"},)" + second_offering + "]}";
}

}  // namespace

TEST_CASE("errors found while pricing name the offering's whole path, on every endpoint") {
    test::TestServer server;
    auto client = server.client();
    SUBCASE("compare: a region of the second offering") {
        const auto e = post_error(client, "/api/v1/compare",
                                  compare_body(R"({"kind":"vm","instance":"t3.micro","region":"us-east-2"})"));
        CHECK(e.status == 400);
        CHECK(e.code == "price_not_found");
        CHECK(e.field == "offerings[1].region");
        CHECK(e.message.find("did you mean us-east-1?") != std::string::npos);
    }
    SUBCASE("compare: an instance type") {
        const auto e = post_error(client, "/api/v1/compare", compare_body(R"({"kind":"vm","instance":"t3.mciro"})"));
        CHECK(e.status == 400);
        CHECK(e.code == "price_not_found");
        CHECK(e.field == "offerings[1].instance");
    }
    SUBCASE("compare: a capacity too small to size the fleet") {
        const auto e = post_error(client, "/api/v1/compare",
                                  compare_body(R"({"kind":"vm","instance":"t3.micro","capacity_rps":1e-9})"));
        CHECK(e.status == 400);
        CHECK(e.code == "invalid_input");
        CHECK(e.field == "offerings[1].capacity_rps");
        CHECK(e.message.rfind("offerings[1].capacity_rps must be at least", 0) == 0);
        CHECK(e.message.find("got 1e-09") != std::string::npos);
    }
    SUBCASE("estimate: the single offering") {
        const auto e = post_error(client, "/api/v1/estimate",
                                  "{" + kWorkload + R"(,"offering":{"kind":"cloud_run","region":"europe-west9"}})");
        CHECK(e.status == 400);
        CHECK(e.code == "price_not_found");
        CHECK(e.field == "offering.region");
    }
    SUBCASE("sweep: curves and parameter sweeps") {
        const std::string offerings =
            R"(,"offerings":[{"kind":"lambda"},{"kind":"vm","instance":"t3.micro","region":"us-east-2"}])";
        CHECK(post_error(client, "/api/v1/sweep", "{" + kWorkload + offerings + R"(,"grid":{"points":5}})").field ==
              "offerings[1].region");
        CHECK(post_error(client, "/api/v1/sweep",
                         "{" + kWorkload + offerings + R"(,"sweep":{"requests_per_second":[1]}})")
                  .field == "offerings[1].region");
    }
}

TEST_CASE("the input rules answer 400 naming the field") {
    test::TestServer server;
    auto client = server.client();
    const auto check = [&](const std::string& path, const std::string& body, const std::string& field) {
        const auto e = post_error(client, path, body);
        INFO(body << " -> " << e.message);
        CHECK(e.status == 400);
        CHECK(e.code == "invalid_input");
        CHECK(e.field == field);
    };
    check("/api/v1/compare", compare_body(R"({"kind":"cloud_run","region":""})"), "offerings[1].region");
    check("/api/v1/compare", compare_body(R"({"kind":"vm","instance":"t3.micro","region":""})"), "offerings[1].region");
    check("/api/v1/compare", compare_body(R"({"kind":"lambda","id":""})"), "offerings[1].id");
    check("/api/v1/compare", compare_body(R"({"kind":"lambda","id":"evil\u202etxt"})"), "offerings[1].id");
    check("/api/v1/compare", compare_body(R"({"kind":"lambda","id":"x\u007f"})"), "offerings[1].id");
    check("/api/v1/compare", R"({"":1})", "\"\"");
    // a key with ESC and BEL comes back escaped in the JSON body, never as raw control bytes
    auto res = test::post_json(client, "/api/v1/compare", R"({"\u001b]0;x\u0007":1})");
    REQUIRE(res);
    CHECK(res->status == 400);
    CHECK(
        std::none_of(res->body.begin(), res->body.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }));
    CHECK(nlohmann::json::parse(res->body)["error"]["field"] == "\u001b]0;x\u0007");
    check("/api/v1/sweep",
          "{" + kWorkload +
              R"(,"offerings":[{"kind":"lambda"}],"sweep":{"requests_per_second":[1],"duration_ms":[100,-1]}})",
          "sweep.duration_ms[1]");
}
