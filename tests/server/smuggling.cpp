// Requests whose end RFC 9112 says cannot be told reliably (request-smuggling building blocks),
// bare-LF framing, Expect with an oversize body and overlong request lines, over real sockets:
// each is answered at once with a JSON error and the connection is closed, and nothing behind
// it is served as a next request.
#include "raw_http.hpp"
#include "server_support.hpp"

#include <costsim/json.hpp>

#include <string>

namespace {

/// Timeouts far above RawConnection's bound: a close within it is the server's answer.
void patient(costsim::server::ServerOptions& o) {
    o.limits.read_timeout_s = 60;
    o.limits.write_timeout_s = 60;
    o.limits.keep_alive_timeout_s = 60;
}

const std::string kPost = "POST /api/v1/compare HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n";
/// What a smuggler hides behind the first request's real end.
const std::string kHidden = "GET /health HTTP/1.1\r\nHost: t\r\n\r\n";

/// Sends `request`, expects one answer `status` with the error `code` (and `field` if given),
/// the policy headers and one Connection: close, then the server closing without another answer.
void check_refused(const std::string& request, int status, const std::string& code, const char* field = nullptr) {
    test::TestServer server(patient);
    test::RawConnection connection(server.port());
    REQUIRE(connection.connected());
    REQUIRE(connection.send(request));
    const test::RawAnswer answer = connection.read_answer();
    CHECK(answer.status == status);
    CHECK(answer.header("Content-Type") == "application/json");
    CHECK(answer.error_code() == code);
    if (field != nullptr) CHECK(answer.error_field() == field);
    CHECK(answer.count("Connection") == 1);
    CHECK(answer.header("Connection") == "close");
    CHECK(answer.header("X-Content-Type-Options") == "nosniff");
    CHECK(answer.header("Content-Security-Policy").find("default-src 'self'") == 0);
    CHECK(answer.header("Content-Range").empty());
    CHECK(connection.closed_by_server());
}

}  // namespace

TEST_CASE("two different Content-Length values are 400 and close; the hidden request is never served") {
    // With the first length winning, "{}" was the body and the hidden GET a second request.
    const std::string body = "{}" + kHidden;
    check_refused(kPost + "Content-Length: 2\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body,
                  400, "bad_request", "content-length");
    check_refused(kPost + "Content-Length: 2abc\r\n\r\n" + body, 400, "bad_request", "content-length");
    check_refused(kPost + "Content-Length: 2, 2\r\n\r\n" + body, 400, "bad_request", "content-length");
}

TEST_CASE("Content-Length with Transfer-Encoding is 400 and close") {
    check_refused(kPost + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + kHidden, 400,
                  "bad_request", "transfer-encoding");
    check_refused(kPost + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n" + kHidden, 400,
                  "bad_request", "transfer-encoding");
}

TEST_CASE("a Transfer-Encoding other than one final chunked is 400 and close, its chunks never read as requests") {
    // "gzip, chunked" used to be ignored: no body, and the chunk bytes parsed as the next request.
    const std::string chunks = "2\r\n{}\r\n0\r\n\r\n" + kHidden;
    check_refused(kPost + "Transfer-Encoding: gzip, chunked\r\n\r\n" + chunks, 400, "bad_request", "transfer-encoding");
    check_refused(kPost + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks, 400,
                  "bad_request", "transfer-encoding");
    check_refused(kPost + "Transfer-Encoding: identity\r\n\r\n" + chunks, 400, "bad_request", "transfer-encoding");
    check_refused(
        "POST /api/v1/compare HTTP/1.0\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" +
            chunks,
        400, "bad_request", "transfer-encoding");
}

TEST_CASE("header lines read differently by lenient and strict parsers are 400 and close") {
    check_refused(kPost + "Transfer-Encoding : chunked\r\n\r\n" + "0\r\n\r\n", 400, "bad_request", "headers");
    check_refused(kPost + "X-A: 1\r\n Transfer-Encoding: chunked\r\n\r\n" + "0\r\n\r\n", 400, "bad_request", "headers");
    check_refused(kPost + "Content-Length: 2\r\nX-A: a\rContent-Length: 9\r\n\r\n{}", 400, "bad_request", "headers");
}

TEST_CASE("bare-LF framing is answered 400 at once and closed, not held until a timeout") {
    // The request line itself: httplib cannot parse it, so the answer is its plain 400 (no field).
    check_refused("GET /health HTTP/1.1\nHost: t\n\n", 400, "bad_request");
    // Without the final blank line, too: the bare LF is enough to refuse.
    check_refused("GET /health HTTP/1.1\nHost: t\n", 400, "bad_request");
    check_refused("GET /health HTTP/1.1\r\nHost: t\n\r\n", 400, "bad_request", "headers");
    // A chunk line ending in LF only.
    check_refused(kPost + "Transfer-Encoding: chunked\r\n\r\n2\n{}\r\n0\r\n\r\n", 400, "bad_request", "body");
    check_refused(kPost + "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\n0\r\n\r\n", 400, "bad_request", "body");
    // Malformed chunks and trailer fields (which httplib refuses), in the same way.
    check_refused(kPost + "Transfer-Encoding: chunked\r\n\r\n0x2\r\n{}\r\n0\r\n\r\n", 400, "bad_request", "body");
    check_refused(kPost + "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\nX-T: 1\r\n\r\n", 400, "bad_request",
                  "body");
}

TEST_CASE("Expect: 100-continue with an oversize Content-Length gets 413 at once, no 100 Continue") {
    // Only the headers: a client that waits for 100 Continue sends no body.
    check_refused(kPost + "Expect: 100-continue\r\nContent-Length: " + std::to_string(costsim::kMaxScenarioBytes + 1) +
                      "\r\n\r\n",
                  413, "payload_too_large", "body");
}

TEST_CASE("a chunked body over the limit is 413 and close") {
    // /api/v1/sweep takes 64 KiB (compare takes 8 MiB: tests/server/body_limits.cpp).
    std::string request =
        "POST /api/v1/sweep HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nTransfer-Encoding: "
        "chunked\r\n\r\n";
    for (int i = 0; i < 9; ++i) request += "2000\r\n" + std::string(0x2000, ' ') + "\r\n";  // 9 x 8 KiB
    check_refused(request, 413, "payload_too_large", "body");
}

TEST_CASE("a request line over 8 KiB is 414 and closes, whether or not the request asked for close") {
    const std::string line = "GET /" + std::string(9000, 'a') + " HTTP/1.1\r\n";
    check_refused(line + "Host: t\r\nConnection: close\r\n\r\n", 414, "uri_too_long", "path");
    check_refused(line + "Host: t\r\n\r\n", 414, "uri_too_long", "path");
    // Before the request line has ended: answered once it has passed the limit.
    check_refused(line.substr(0, 8500), 414, "uri_too_long", "path");
}

TEST_CASE("well-framed requests keep the connection: agreeing repeats, chunked in any case, a client's own marker") {
    test::TestServer server(patient);
    test::RawConnection connection(server.port());
    REQUIRE(connection.connected());
    const std::string& body = test::kCompareBody;
    const std::string size = std::to_string(body.size());
    REQUIRE(connection.send(kPost + "Content-Length: " + size + "\r\nContent-Length: " + size + "\r\n\r\n" + body));
    const test::RawAnswer repeated = connection.read_answer();
    CHECK(repeated.status == 200);
    CHECK(repeated.header("Connection").empty());
    std::string chunked = kPost + "Transfer-Encoding:  Chunked \r\n\r\n";
    chunked += "5;ext=1\r\n" + body.substr(0, 5) + "\r\n";
    char hex[16];
    std::snprintf(hex, sizeof hex, "%zx", body.size() - 5);
    chunked += std::string(hex) + "\r\n" + body.substr(5) + "\r\n0\r\n\r\n";
    REQUIRE(connection.send(chunked));
    const test::RawAnswer decoded = connection.read_answer();
    CHECK(decoded.status == 200);
    CHECK(decoded.body == repeated.body);
    // The header the event loop uses to pass a refusal on is not the client's to send.
    REQUIRE(connection.send("GET /health HTTP/1.1\r\nHost: t\r\nX-Costsim-Framing-Error: 5\r\n\r\n"));
    const test::RawAnswer health = connection.read_answer();
    CHECK(health.status == 200);
    CHECK(health.body.find("\"status\":\"ok\"") != std::string::npos);
}

TEST_CASE("after a refusal the server still answers others") {
    test::TestServer server(patient);
    {
        test::RawConnection connection(server.port());
        REQUIRE(connection.send(kPost + "Content-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"));
        CHECK(connection.read_answer().status == 400);
        CHECK(connection.closed_by_server());
    }
    auto client = server.client();
    auto res = client.Get("/health");
    REQUIRE(res);
    CHECK(res->status == 200);
}
