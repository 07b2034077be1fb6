// Every error class: its status and exactly the library's error body; 404, 405, 413, 415, 429.
#include "raw_http.hpp"
#include "server_support.hpp"

#include "assets.hpp"
#include "routes.hpp"

#include <costsim/cost_model.hpp>

#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <unistd.h>

using costsim::ScenarioShape;

namespace {

void check_error(httplib::Client& client, const std::string& path, const std::string& body, ScenarioShape shape,
                 const std::string& code, const std::string& field) {
    auto res = test::post_json(client, path, body);
    REQUIRE(res);
    CHECK(res->status == 400);
    CHECK(res->get_header_value("Content-Type") == "application/json");
    CHECK(res->body == test::library_error(body, shape));
    auto error = nlohmann::json::parse(res->body)["error"];
    CHECK(error["code"] == code);
    if (field.empty())
        CHECK(error["field"].is_null());
    else
        CHECK(error["field"] == field);
    CHECK(!error["message"].get<std::string>().empty());
}

}  // namespace

TEST_CASE("bad bodies are 400 with the library's error body naming the field and rule") {
    test::TestServer server;
    auto client = server.client();
    const auto many = ScenarioShape::many_offerings;
    const std::string offerings = R"("offerings":[{"kind":"lambda"}])";
    SUBCASE("malformed JSON carries the byte position") {
        check_error(client, "/api/v1/compare", R"({"workload": )", many, "parse_error", "");
        auto res = test::post_json(client, "/api/v1/compare", R"({"workload": )");
        REQUIRE(res);
        CHECK(res->body.find("at byte") != std::string::npos);
    }
    SUBCASE("a body that is not an object") {
        check_error(client, "/api/v1/compare", "[1,2]", many, "invalid_input", "body");
    }
    SUBCASE("a wrong type") {
        check_error(client, "/api/v1/compare",
                    R"({"workload":{"requests_per_month":"many","duration_ms":100},)" + offerings + "}", many,
                    "invalid_input", "workload.requests_per_month");
    }
    SUBCASE("an unknown field") {
        check_error(client, "/api/v1/compare",
                    R"({"workload":{"requests_per_month":1,"duration_ms":100,"colour":1},)" + offerings + "}", many,
                    "invalid_input", "workload.colour");
    }
    SUBCASE("a missing field") {
        check_error(client, "/api/v1/compare", R"({"workload":{"requests_per_month":1},)" + offerings + "}", many,
                    "invalid_input", "workload.duration_ms");
    }
    SUBCASE("a number out of range") {
        check_error(
            client, "/api/v1/compare",
            R"({"workload":{"requests_per_month":1,"duration_ms":100},"offerings":[{"kind":"lambda","memory_mb":64}]})",
            many, "invalid_input", "offerings[0].memory_mb");
    }
    SUBCASE("NaN and infinity are not JSON") {
        check_error(client, "/api/v1/compare",
                    R"({"workload":{"requests_per_month":NaN,"duration_ms":100},)" + offerings + "}", many,
                    "parse_error", "");
        const std::string huge = R"({"workload":{"requests_per_month":1e999,"duration_ms":100},)" + offerings + "}";
        auto res = test::post_json(client, "/api/v1/compare", huge);
        REQUIRE(res);
        CHECK(res->status == 400);
        CHECK(res->body == test::library_error(huge, many));
    }
    SUBCASE("an upfront payment without a 1yr or 3yr reservation") {
        check_error(
            client, "/api/v1/compare",
            R"({"workload":{"requests_per_month":1,"duration_ms":100},"offerings":[{"kind":"vm","instance":"t3.micro",)"
            R"("purchase":"spot","payment":"all_upfront"}]})",
            many, "invalid_input", "offerings[0].payment");
        check_error(
            client, "/api/v1/compare",
            R"({"workload":{"requests_per_month":1,"duration_ms":100},"offerings":[{"kind":"vm","instance":"t3.micro",)"
            R"("purchase":"1yr","payment":"half"}]})",
            many, "invalid_input", "offerings[0].payment");
    }
    SUBCASE("grids over their bounds") {
        check_error(
            client, "/api/v1/sweep",
            R"({"workload":{"requests_per_month":1,"duration_ms":100},)" + offerings + R"(,"grid":{"points":100000}})",
            many, "invalid_input", "grid.points");
    }
    SUBCASE("a price the catalog does not have") {
        const std::string body =
            R"({"workload":{"requests_per_month":1,"duration_ms":100},"offering":{"kind":"lambda","region":"xx-nowhere-1"}})";
        auto res = test::post_json(client, "/api/v1/estimate", body);
        REQUIRE(res);
        CHECK(res->status == 400);
        auto s = costsim::parse_scenario(body, ScenarioShape::one_offering);
        std::string expected;
        try {
            costsim::CostModel::build(s.workload, s.offerings[0], costsim::Catalog::builtin(), "offering.");
        } catch (const costsim::Error& e) {
            expected = costsim::error_to_json(e);
        }
        CHECK(res->body == expected);
        CHECK(nlohmann::json::parse(res->body)["error"]["code"] == "price_not_found");
        CHECK(nlohmann::json::parse(res->body)["error"]["field"] == "offering.region");
    }
}

TEST_CASE("endpoint rules outside the scenario schema are 400 invalid_input naming the part") {
    test::TestServer server;
    auto client = server.client();
    const std::string base =
        R"({"workload":{"requests_per_month":1,"duration_ms":100},"offerings":[{"kind":"lambda"}])";
    auto neither = test::post_json(client, "/api/v1/sweep", base + "}");
    REQUIRE(neither);
    CHECK(neither->status == 400);
    CHECK(nlohmann::json::parse(neither->body)["error"]["field"] == "grid");
    auto grid_on_compare = test::post_json(client, "/api/v1/compare", base + R"(,"grid":{"points":5}})");
    REQUIRE(grid_on_compare);
    CHECK(grid_on_compare->status == 400);
    CHECK(nlohmann::json::parse(grid_on_compare->body)["error"]["field"] == "grid");
    auto bad_format = test::post_json(client, "/api/v1/compare?format=xml", test::kCompareBody);
    REQUIRE(bad_format);
    CHECK(bad_format->status == 400);
    CHECK(nlohmann::json::parse(bad_format->body)["error"]["field"] == "query.format");
    auto unknown_param = client.Get("/api/v1/catalog?colour=red");
    REQUIRE(unknown_param);
    CHECK(unknown_param->status == 400);
    CHECK(nlohmann::json::parse(unknown_param->body)["error"]["field"] == "query.colour");
}

TEST_CASE("unknown paths are 404 JSON; wrong methods are 405 with Allow") {
    test::TestServer server;
    auto client = server.client();
    auto missing = client.Get("/api/v2/nothing");
    REQUIRE(missing);
    CHECK(missing->status == 404);
    CHECK(nlohmann::json::parse(missing->body)["error"]["code"] == "not_found");

    auto get_compare = client.Get("/api/v1/compare");
    REQUIRE(get_compare);
    CHECK(get_compare->status == 405);
    CHECK(get_compare->get_header_value("Allow") == "POST");
    CHECK(nlohmann::json::parse(get_compare->body)["error"]["code"] == "method_not_allowed");

    auto delete_health = client.Delete("/health");
    REQUIRE(delete_health);
    CHECK(delete_health->status == 405);
    CHECK(delete_health->get_header_value("Allow") == "GET, HEAD");
}

TEST_CASE("bodies over a route's limit (64 KiB on /api/v1/sweep) are 413, with or without Content-Length") {
    test::TestServer server;
    auto client = server.client();
    const std::string big(costsim::kMaxJsonBytes + 1, ' ');
    auto sized = test::post_json(client, "/api/v1/sweep", big);
    REQUIRE(sized);
    CHECK(sized->status == 413);
    CHECK(nlohmann::json::parse(sized->body)["error"]["code"] == "payload_too_large");

    // Chunked: no length to check up front; the server stops reading at the limit.
    auto fresh = server.client();
    std::size_t sent = 0;
    auto chunked = fresh.Post(
        "/api/v1/sweep",
        [&](size_t, httplib::DataSink& sink) {
            if (sent < 4 * costsim::kMaxJsonBytes) {
                std::string chunk(8192, ' ');
                sent += chunk.size();
                return sink.write(chunk.data(), chunk.size());
            }
            sink.done();
            return true;
        },
        "application/json");
    // The server answers once the limit passes, then reads and drops the rest (lingering close),
    // so the client always gets to read the 413.
    REQUIRE(chunked);
    CHECK(chunked->status == 413);

    const std::string at_limit =
        test::kCompareBody + std::string(costsim::kMaxJsonBytes - test::kCompareBody.size(), ' ');
    auto ok = test::post_json(client, "/api/v1/compare", at_limit);
    REQUIRE(ok);
    CHECK(ok->status == 200);
}

TEST_CASE("a body that is not JSON by its media type is 415") {
    test::TestServer server;
    auto client = server.client();
    auto form = client.Post("/api/v1/compare", test::kCompareBody, "application/x-www-form-urlencoded");
    REQUIRE(form);
    CHECK(form->status == 415);
    CHECK(nlohmann::json::parse(form->body)["error"]["code"] == "unsupported_media_type");
    auto charset = client.Post("/api/v1/compare", test::kCompareBody, "application/json; charset=utf-8");
    REQUIRE(charset);
    CHECK(charset->status == 200);
    // No Content-Type at all (what a cross-site fetch of a Blob sends): 415 on every POST route.
    for (const auto& route : costsim::server::route_table()) {
        if (route.allow != "POST") continue;
        CAPTURE(route.path);
        test::RawConnection connection(server.port());
        REQUIRE(connection.send("POST " + route.path + " HTTP/1.1\r\nHost: t\r\nContent-Length: " +
                                std::to_string(test::kCompareBody.size()) + "\r\n\r\n" + test::kCompareBody));
        const test::RawAnswer answer = connection.read_answer();
        CHECK(answer.status == 415);
        CHECK(answer.error_code() == "unsupported_media_type");
        CHECK(answer.error_field() == "content-type");
    }
}

TEST_CASE("query parameters are strict on every route, the page's and the assets' included") {
    test::TestServer server;
    auto client = server.client();
    const auto field_of = [](const httplib::Result& res) {
        return nlohmann::json::parse(res->body)["error"]["field"].get<std::string>();
    };
    const std::pair<const char*, const char*> unknown[] = {{"/health?x=1", "query.x"},
                                                           {"/metrics?x=1", "query.x"},
                                                           {"/?x=1", "query.x"},
                                                           {"/assets/app.js?v=1", "query.v"},
                                                           {"/api/v1/openapi.json?x=1", "query.x"},
                                                           {"/api/v1/catalog?provider=aws&x=1", "query.x"},
                                                           {"/api/v1/compare?lang=ja", "query.lang"}};
    for (const auto& [path, field] : unknown) {
        CAPTURE(path);
        auto res = std::string_view(path).starts_with("/api/v1/compare")
                       ? test::post_json(client, path, test::kCompareBody)
                       : client.Get(path);
        REQUIRE(res);
        CHECK(res->status == 400);
        CHECK(nlohmann::json::parse(res->body)["error"]["code"] == "invalid_input");
        CHECK(field_of(res) == field);
    }
    // The page takes its language: en or ja, once.
    for (const char* path : {"/?lang=ja", "/?lang=en"}) {
        auto page = client.Get(path);
        REQUIRE(page);
        CHECK(page->status == 200);
        CHECK(page->get_header_value("Content-Type") == "text/html; charset=utf-8");
    }
    auto french = client.Get("/?lang=fr");
    REQUIRE(french);
    CHECK(french->status == 400);
    CHECK(field_of(french) == "query.lang");
    CHECK(nlohmann::json::parse(french->body)["error"]["message"] == "query.lang must be one of en, ja, got \"fr\"");
    auto twice = client.Get("/?lang=ja&lang=en");
    REQUIRE(twice);
    CHECK(twice->status == 400);
    CHECK(field_of(twice) == "query.lang");
    auto long_value = client.Get(("/api/v1/catalog?provider=" + std::string(257, 'a')).c_str());
    REQUIRE(long_value);
    CHECK(long_value->status == 400);
    CHECK(field_of(long_value) == "query.provider");
    auto head = client.Head("/health?x=1");
    REQUIRE(head);
    CHECK(head->status == 400);
    auto fine = client.Get("/api/v1/catalog?provider=aws");
    REQUIRE(fine);
    CHECK(fine->status == 200);
}

TEST_CASE("the OpenAPI document lists each route's query parameters (and their values), a 400 and the 503") {
    const auto doc = nlohmann::json::parse(costsim::server::openapi_document());
    for (const auto& route : costsim::server::route_table()) {
        const std::string path = route.path == "/assets/*" ? "/assets/{file}" : route.path;
        for (const auto& [method, operation] : doc["paths"][path].items()) {
            CAPTURE(path);
            CAPTURE(method);
            std::string documented;
            for (const auto& parameter : operation.value("parameters", nlohmann::json::array())) {
                if (parameter["in"] != "query") continue;
                documented += (documented.empty() ? "" : " ") + parameter["name"].get<std::string>();
                if (!parameter["schema"].contains("enum")) continue;
                std::string values;
                for (const auto& value : parameter["schema"]["enum"])
                    values += (values.empty() ? "=" : "|") + value.get<std::string>();
                documented += values;
            }
            CHECK(documented == route.query);
            CHECK(operation["responses"].contains("400"));
            CHECK(operation["responses"]["503"]["$ref"] == "#/components/responses/Overloaded");
        }
    }
    CHECK(doc["components"]["responses"]["Error"]["description"].get<std::string>().find("bad_request") !=
          std::string::npos);
}

TEST_CASE("with a rate limit, a client over it gets 429 and Retry-After; /health is exempt") {
    test::TestServer server([](auto& o) {
        o.rate_limit = 1;
        o.rate_burst = 2;
    });
    auto client = server.client();
    // A burst of 2 passes; the third in the same second cannot (refill is 1 per second).
    for (int i = 0; i < 2; ++i) {
        auto ok = client.Get("/api/v1/openapi.json");
        REQUIRE(ok);
        CHECK(ok->status == 200);
    }
    auto limited = client.Get("/api/v1/openapi.json");
    REQUIRE(limited);
    CHECK(limited->status == 429);
    CHECK(std::stoi(limited->get_header_value("Retry-After")) >= 1);
    CHECK(nlohmann::json::parse(limited->body)["error"]["code"] == "rate_limited");
    auto health = client.Get("/health");
    REQUIRE(health);
    CHECK(health->status == 200);
}

TEST_CASE("malformed HTTP is a 400, not a crash") {
    test::TestServer server([](auto& o) { o.limits.keep_alive_timeout_s = 1; });
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(server.port()));
    ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    const std::string garbage = "NOT-HTTP\r\n\r\n";
    REQUIRE(::send(fd, garbage.data(), garbage.size(), 0) == static_cast<ssize_t>(garbage.size()));
    std::string reply;
    char buffer[4096];
    for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) reply.append(buffer, static_cast<std::size_t>(n));
    ::close(fd);
    CHECK(reply.rfind("HTTP/1.1 400", 0) == 0);
    // And the server still answers.
    auto client = server.client();
    auto res = client.Get("/health");
    REQUIRE(res);
    CHECK(res->status == 200);
}
