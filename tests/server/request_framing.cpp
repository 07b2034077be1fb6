// Where one request ends in the bytes received so far: what the event loop hands httplib.
#include "request_framing.hpp"

#include <doctest/doctest.h>

#include <string>

using costsim::server::frame_request;
using costsim::server::kMaxHeaderBlockBytes;
using State = costsim::server::RequestFrame::State;

namespace {
constexpr std::size_t kLimit = 64 * 1024;
const std::string kGet = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
}  // namespace

TEST_CASE("a request without a body ends at the blank line; pipelined requests are framed one at a time") {
    auto frame = frame_request(kGet + kGet, kLimit);
    CHECK(frame.state == State::complete);
    CHECK(frame.size == kGet.size());
    CHECK(frame.header_bytes == kGet.size());
    for (std::size_t cut = 0; cut < kGet.size(); ++cut) {
        CAPTURE(cut);
        auto partial = frame_request(kGet.substr(0, cut), kLimit);
        CHECK(partial.state == State::incomplete);
        CHECK(partial.header_bytes == 0);
    }
}

TEST_CASE("Content-Length: the body's bytes complete the request; the first header counts, any case") {
    const std::string head = "POST /api/v1/compare HTTP/1.1\r\ncontent-LENGTH:  5 \r\nContent-Length: 9\r\n\r\n";
    auto waiting = frame_request(head + "ab", kLimit);
    CHECK(waiting.state == State::incomplete);
    CHECK(waiting.size == head.size() + 5);   // known: nothing to frame before then
    CHECK(waiting.header_bytes == head.size());
    auto whole = frame_request(head + "abcde" + kGet, kLimit);
    CHECK(whole.state == State::complete);
    CHECK(whole.size == head.size() + 5);
    // No Content-Length and no chunked encoding: no body (RFC 9112 6.3), not "until close".
    auto bare = frame_request("POST /x HTTP/1.1\r\n\r\nrest", kLimit);
    CHECK(bare.state == State::complete);
    CHECK(bare.size == std::string("POST /x HTTP/1.1\r\n\r\n").size());
}

TEST_CASE("a Content-Length over the limit is handed on at once, for httplib's 413") {
    const std::string head = "POST /x HTTP/1.1\r\nContent-Length: 65537\r\n\r\n";
    auto frame = frame_request(head, kLimit);
    CHECK(frame.state == State::unframed);
    CHECK(frame.size == head.size());
    auto at_limit = frame_request("POST /x HTTP/1.1\r\nContent-Length: 65536\r\n\r\n", kLimit);
    CHECK(at_limit.state == State::incomplete);
    auto huge = frame_request("POST /x HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n", kLimit);
    CHECK(huge.state == State::unframed);
}

TEST_CASE("chunked bodies end at the zero chunk and its blank line") {
    const std::string head = "POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
    const std::string body = "5\r\nhello\r\nA;ext=1\r\n0123456789\r\n0\r\n\r\n";
    auto whole = frame_request(head + body + kGet, kLimit);
    CHECK(whole.state == State::complete);
    CHECK(whole.size == head.size() + body.size());
    for (std::size_t cut = 0; cut < body.size(); ++cut) {
        CAPTURE(cut);
        CHECK(frame_request(head + body.substr(0, cut), kLimit).state == State::incomplete);
    }
    // Trailers (which httplib then refuses with 400) still end at the blank line.
    auto trailers = frame_request(head + "0\r\nX-T: 1\r\n\r\n", kLimit);
    CHECK(trailers.state == State::complete);
    CHECK(trailers.size == head.size() + std::string("0\r\nX-T: 1\r\n\r\n").size());
}

TEST_CASE("chunked bodies past the limit, and malformed chunks, are handed on as they are") {
    const std::string head = "POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
    // The limit passes inside a chunk: handed on once more than the limit has arrived, so the
    // handler's reader sees it pass (413).
    const std::string big = head + "20000\r\n" + std::string(kLimit, 'x');
    CHECK(frame_request(big, kLimit).state == State::incomplete);
    auto over = frame_request(big + "x", kLimit);
    CHECK(over.state == State::unframed);
    CHECK(over.size == big.size() + 1);
    CHECK(frame_request(head + "zz\r\n", kLimit).state == State::unframed);             // no hex digits
    CHECK(frame_request(head + "2\r\nabXY", kLimit).state == State::unframed);          // no CRLF after data
    CHECK(frame_request(head + std::string(2000, '1'), kLimit).state == State::unframed);   // endless size line
}

TEST_CASE("a header block that does not end within its limit is handed on, truncated") {
    const std::string line = "GET /" + std::string(kMaxHeaderBlockBytes, 'a');
    CHECK(frame_request(line.substr(0, kMaxHeaderBlockBytes - 1), kLimit).state == State::incomplete);
    auto frame = frame_request(line, kLimit);
    CHECK(frame.state == State::unframed);
    CHECK(frame.size == kMaxHeaderBlockBytes);
}

TEST_CASE("Expect: 100-continue is reported while the body is awaited") {
    const std::string head = "POST /x HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n";
    CHECK(frame_request(head, kLimit).expects_continue);
    CHECK_FALSE(frame_request(head + "abc", kLimit).expects_continue);
    CHECK_FALSE(frame_request("POST /x HTTP/1.1\r\nContent-Length: 3\r\n\r\n", kLimit).expects_continue);
}

TEST_CASE("resuming the header search after bytes already searched finds the same end") {
    const std::string request = "GET / HTTP/1.1\r\nA: b\r\n\r\n";
    for (std::size_t searched = 0; searched < request.size(); ++searched) {
        CAPTURE(searched);
        // Only prefixes that were incomplete are ever passed as searched.
        if (frame_request(request.substr(0, searched), kLimit).state != State::incomplete) continue;
        auto frame = frame_request(request, kLimit, searched);
        CHECK(frame.state == State::complete);
        CHECK(frame.size == request.size());
    }
}
