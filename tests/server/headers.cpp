// Security headers on every response; CORS only for configured origins.
#include "server_support.hpp"

namespace {

void check_security_headers(const httplib::Response& res) {
    CHECK(res.get_header_value("Content-Security-Policy") ==
          "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
          "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
    CHECK(res.get_header_value("X-Content-Type-Options") == "nosniff");
    CHECK(res.get_header_value("Referrer-Policy") == "no-referrer");
    CHECK(res.get_header_value("X-Frame-Options") == "DENY");
}

}  // namespace

TEST_CASE("every response carries the security headers, errors included") {
    test::TestServer server;
    auto client = server.client();
    auto ok = client.Get("/health");
    REQUIRE(ok);
    check_security_headers(*ok);
    auto not_found = client.Get("/nowhere");
    REQUIRE(not_found);
    check_security_headers(*not_found);
    auto wrong_method = client.Get("/api/v1/estimate");
    REQUIRE(wrong_method);
    check_security_headers(*wrong_method);
    auto bad = test::post_json(client, "/api/v1/estimate", "{");
    REQUIRE(bad);
    check_security_headers(*bad);
    auto too_large = test::post_json(client, "/api/v1/sweep", std::string(costsim::kMaxJsonBytes + 10, ' '));
    REQUIRE(too_large);
    CHECK(too_large->status == 413);
    check_security_headers(*too_large);
    auto asset = client.Get("/assets/chart.min.js");
    REQUIRE(asset);
    check_security_headers(*asset);
}

TEST_CASE("no CORS headers unless the origin is on the allow-list") {
    SUBCASE("no allow-list: no CORS for anyone") {
        test::TestServer server;
        auto client = server.client();
        auto res = client.Get("/health", {{"Origin", "https://evil.example"}});
        REQUIRE(res);
        CHECK(!res->has_header("Access-Control-Allow-Origin"));
    }
    SUBCASE("an allow-list: the listed origin only, and preflight answers") {
        test::TestServer server([](auto& o) { o.cors_origins = {"https://app.example"}; });
        auto client = server.client();
        auto listed = client.Get("/health", {{"Origin", "https://app.example"}});
        REQUIRE(listed);
        CHECK(listed->get_header_value("Access-Control-Allow-Origin") == "https://app.example");
        CHECK(listed->get_header_value("Vary") == "Origin");
        auto other = client.Get("/health", {{"Origin", "https://evil.example"}});
        REQUIRE(other);
        CHECK(!other->has_header("Access-Control-Allow-Origin"));
        auto preflight = client.Options("/api/v1/compare",
                                        {{"Origin", "https://app.example"}, {"Access-Control-Request-Method", "POST"}});
        REQUIRE(preflight);
        CHECK(preflight->status == 204);
        CHECK(preflight->get_header_value("Access-Control-Allow-Methods") == "GET, HEAD, POST, OPTIONS");
        CHECK(preflight->get_header_value("Access-Control-Allow-Headers") == "Content-Type, Accept");
    }
}

TEST_CASE("API answers are not cached by default; assets revalidate by ETag") {
    test::TestServer server;
    auto client = server.client();
    auto health = client.Get("/health");
    REQUIRE(health);
    CHECK(health->get_header_value("Cache-Control") == "no-store");
    auto asset = client.Get("/assets/chart.min.js");
    REQUIRE(asset);
    CHECK(asset->get_header_value("Cache-Control") == "no-cache");
    CHECK(!asset->get_header_value("ETag").empty());
}
