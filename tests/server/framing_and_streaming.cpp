// The request framing rules (Design/http-api.md#request-framing) and streamed answers
// (#memory) together: a streamed sweep still comes whole and chunked after requests that the
// framing checks handle (a chunked body, a Range field), and after the loop's own 100 Continue.
#include "raw_client.hpp"
#include "raw_http.hpp"

#include <costsim/compare.hpp>

#include <cstdio>
#include <string>

namespace {

/// 4 offerings x 1,000 x 3 x 1 = 12,000 cells: over the 1,024 that are answered whole.
const std::string& streamed_sweep() {
    static const std::string body = test::sweep_body(4, 1000, 3, 1);
    return body;
}

std::string sweep_head(const std::string& extra) {
    return "POST /api/v1/sweep HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n" + extra +
           "Connection: close\r\nContent-Length: " + std::to_string(streamed_sweep().size()) + "\r\n\r\n";
}

/// The streamed answer's body after its head: whole, chunked, the library's own report.
void check_streamed(const test::RawAnswer& answer, const std::string& rest) {
    CHECK(answer.status == 200);
    CHECK(answer.header("Transfer-Encoding") == "chunked");
    CHECK(answer.header("Content-Length").empty());
    CHECK(test::dechunk(rest) == test::expected_sweep_json(streamed_sweep()));
}

}  // namespace

TEST_CASE("a streamed sweep after a chunked, ranged request on the same connection comes whole") {
    test::TestServer server;
    test::RawConnection connection(server.port());
    REQUIRE(connection.connected());
    const std::string& body = test::kCompareBody;
    char size[32];
    std::snprintf(size, sizeof size, "%zx", body.size());
    // A chunked body goes through the framing checks; Range is removed before httplib.
    REQUIRE(
        connection.send("POST /api/v1/compare HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                        "Range: bytes=0-9\r\nTransfer-Encoding: chunked\r\n\r\n" +
                        std::string(size) + "\r\n" + body + "\r\n0\r\n\r\n"));
    const test::RawAnswer compared = connection.read_answer();
    CHECK(compared.status == 200);
    CHECK(compared.header("Content-Range").empty());
    auto s = costsim::parse_scenario(body, costsim::ScenarioShape::many_offerings);
    CHECK(compared.body == costsim::to_json(costsim::compare(s.workload, s.offerings, costsim::Catalog::builtin())));

    REQUIRE(connection.send(sweep_head("Range: bytes=0-9\r\n") + streamed_sweep()));
    const test::RawAnswer swept = connection.read_answer();
    check_streamed(swept, connection.read_until_closed());
}

TEST_CASE("Expect: 100-continue for an acceptable sweep: one 100 Continue, then the streamed answer") {
    test::TestServer server;
    test::RawConnection connection(server.port());
    REQUIRE(connection.connected());
    // The client waits for the interim answer before it sends the body.
    REQUIRE(connection.send(sweep_head("Expect: 100-continue\r\n")));
    const test::RawAnswer interim = connection.read_answer();
    CHECK(interim.head == "HTTP/1.1 100 Continue\r\n");
    REQUIRE(connection.send(streamed_sweep()));
    const test::RawAnswer swept = connection.read_answer();
    const std::string rest = connection.read_until_closed();
    check_streamed(swept, rest);
    CHECK(rest.find("100 Continue") == std::string::npos);
}
