// Range is ignored everywhere (the server serves no partial content): the API, errors, assets
// and /metrics answer in full, with no Content-Range and no multipart body, to any Range.
#include "raw_http.hpp"
#include "server_support.hpp"

#include <costsim/compare.hpp>

#include <string>

namespace {

/// The same request with and without a Range header, over one keep-alive connection.
struct Pair {
    test::RawAnswer plain, ranged;
};

Pair with_and_without(int port, const std::string& request_line, const std::string& range,
                      const std::string& extra = {}, const std::string& body = {}) {
    test::RawConnection connection(port);
    REQUIRE(connection.connected());
    const std::string head = request_line + "\r\nHost: t\r\n" + extra;
    REQUIRE(connection.send(head + "\r\n" + body));
    Pair pair;
    pair.plain = connection.read_answer();
    REQUIRE(connection.send(head + "Range: " + range + "\r\n\r\n" + body));
    pair.ranged = connection.read_answer();
    return pair;
}

void check_whole(const Pair& pair, int status) {
    CHECK(pair.plain.status == status);
    CHECK(pair.ranged.status == status);  // never 206 nor 416
    CHECK(pair.ranged.body == pair.plain.body);
    CHECK(pair.ranged.header("Content-Type") == pair.plain.header("Content-Type"));
    CHECK(pair.ranged.header("Content-Range").empty());
    CHECK(pair.ranged.header("Content-Type").find("multipart") == std::string::npos);
    CHECK(pair.ranged.body.find("httplib") == std::string::npos);
}

}  // namespace

TEST_CASE("POST answers ignore Range: the whole JSON, no Content-Range") {
    test::TestServer server;
    const std::string& body = test::kCompareBody;
    const auto pair = with_and_without(
        server.port(), "POST /api/v1/compare HTTP/1.1", "bytes=0-20",
        "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n", body);
    check_whole(pair, 200);
    CHECK(pair.ranged.body.size() > 21);
    auto s = costsim::parse_scenario(body, costsim::ScenarioShape::many_offerings);
    CHECK(pair.ranged.body == costsim::to_json(costsim::compare(s.workload, s.offerings, costsim::Catalog::builtin())));
}

TEST_CASE("error answers ignore Range: a 404 keeps its whole JSON body") {
    test::TestServer server;
    const auto pair = with_and_without(server.port(), "GET /api/v2/nothing HTTP/1.1", "bytes=0-10");
    check_whole(pair, 404);
    CHECK(pair.ranged.error_code() == "not_found");
}

TEST_CASE("assets ignore Range: 200 with the whole file and its ETag, never a partial body a cache could keep") {
    test::TestServer server;
    const auto pair = with_and_without(server.port(), "GET /assets/app.js HTTP/1.1", "bytes=0-9");
    check_whole(pair, 200);
    CHECK(pair.ranged.body.size() > 10);
    CHECK(!pair.ranged.header("ETag").empty());
    CHECK(pair.ranged.header("ETag") == pair.plain.header("ETag"));
    // Unsatisfiable and malformed ranges are ignored too (no 416).
    check_whole(with_and_without(server.port(), "GET /assets/app.js HTTP/1.1", "bytes=99999999-"), 200);
    check_whole(with_and_without(server.port(), "GET /assets/app.js HTTP/1.1", "items=0-1"), 200);
    check_whole(with_and_without(server.port(), "GET /assets/app.js HTTP/1.1", "bytes=abc"), 200);
}

TEST_CASE("/metrics ignores a multi-range request: plain text, no multipart boundary") {
    test::TestServer server;
    test::RawConnection connection(server.port());
    REQUIRE(connection.connected());
    REQUIRE(connection.send("GET /metrics HTTP/1.1\r\nHost: t\r\nRange: bytes=0-5, 10-20\r\n\r\n"));
    const test::RawAnswer answer = connection.read_answer();
    CHECK(answer.status == 200);
    CHECK(answer.header("Content-Type") == "text/plain; version=0.0.4; charset=utf-8");
    CHECK(answer.header("Content-Range").empty());
    CHECK(answer.body.find("httplib") == std::string::npos);
    CHECK(answer.body.find("costsim_build_info") != std::string::npos);
}

TEST_CASE("HEAD answers say ranges are not served (Accept-Ranges: none, not httplib's bytes)") {
    test::TestServer server;
    test::RawConnection connection(server.port());
    REQUIRE(connection.connected());
    for (const char* path : {"/health", "/assets/app.js", "/nothing"}) {
        CAPTURE(path);
        REQUIRE(connection.send(std::string("HEAD ") + path + " HTTP/1.1\r\nHost: t\r\n\r\n"));
        const test::RawAnswer answer = connection.read_answer(true);
        CHECK(answer.status != 0);
        CHECK(answer.count("Accept-Ranges") == 1);
        CHECK(answer.header("Accept-Ranges") == "none");
    }
}
