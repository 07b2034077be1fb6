// Where one request ends in the bytes received so far: what the event loop hands httplib, and
// which requests RFC 9112 says to refuse because their end cannot be told reliably.
#include "request_framing.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using costsim::server::frame_request;
using costsim::server::FramingError;
using costsim::server::kMaxHeaderBlockBytes;
using costsim::server::kMaxRequestLineBytes;
using costsim::server::without_range_fields;
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

TEST_CASE("Content-Length: the body's bytes complete the request; any case, repeats only with the same value") {
    const std::string head = "POST /api/v1/compare HTTP/1.1\r\ncontent-LENGTH:  5 \r\nContent-Length: 005\r\n\r\n";
    auto waiting = frame_request(head + "ab", kLimit);
    CHECK(waiting.state == State::incomplete);
    CHECK(waiting.size == head.size() + 5);  // known: nothing to frame before then
    CHECK(waiting.header_bytes == head.size());
    auto whole = frame_request(head + "abcde" + kGet, kLimit);
    CHECK(whole.state == State::complete);
    CHECK(whole.size == head.size() + 5);
    // No Content-Length and no chunked encoding: no body (RFC 9112 6.3), not "until close".
    auto bare = frame_request("POST /x HTTP/1.1\r\n\r\nrest", kLimit);
    CHECK(bare.state == State::complete);
    CHECK(bare.size == std::string("POST /x HTTP/1.1\r\n\r\n").size());
}

TEST_CASE("a Content-Length over the limit is refused at once (413), whatever Expect says") {
    const std::string head = "POST /x HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 65537\r\n\r\n";
    auto frame = frame_request(head, kLimit);
    CHECK(frame.state == State::unframed);
    CHECK(frame.error == FramingError::body_too_large);
    CHECK(frame.size == head.size());
    CHECK_FALSE(frame.expects_continue);  // no 100 Continue for a body that is refused
    auto at_limit = frame_request("POST /x HTTP/1.1\r\nContent-Length: 65536\r\n\r\n", kLimit);
    CHECK(at_limit.state == State::incomplete);
    auto huge = frame_request("POST /x HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n", kLimit);
    CHECK(huge.state == State::unframed);
    CHECK(huge.error == FramingError::body_too_large);
}

TEST_CASE("smuggling building blocks are refused (RFC 9112 6.1, 6.3): the body's end is not certain") {
    const auto error_of = [](const std::string& headers) {
        const std::string request =
            "POST /x HTTP/1.1\r\nHost: x\r\n" + headers + "\r\n0\r\n\r\nGET /health HTTP/1.1\r\n\r\n";
        const auto frame = frame_request(request, kLimit);
        CHECK(frame.state == (frame.error == FramingError::none ? State::complete : State::unframed));
        // A refused request hands on its header block only: nothing after it is read as a request.
        if (frame.error != FramingError::none) CHECK(frame.size == request.find("\r\n\r\n") + 4);
        return frame.error;
    };
    // Two different lengths (the first used to win, and the rest was served as a next request).
    CHECK(error_of("Content-Length: 3\r\nContent-Length: 30\r\n") == FramingError::invalid_content_length);
    CHECK(error_of("Content-Length: 3, 3\r\n") == FramingError::invalid_content_length);
    CHECK(error_of("Content-Length: 5abc\r\n") == FramingError::invalid_content_length);  // strtoull reads 5
    CHECK(error_of("Content-Length: +5\r\n") == FramingError::invalid_content_length);
    CHECK(error_of("Content-Length: -1\r\n") == FramingError::invalid_content_length);
    CHECK(error_of("Content-Length:\r\n") == FramingError::invalid_content_length);
    CHECK(error_of("Content-Length: %35\r\n") == FramingError::invalid_content_length);  // httplib decodes %35
    CHECK(error_of("Content-Length: 5\r\nContent-Length: 5\r\n") == FramingError::none);
    // Content-Length with Transfer-Encoding, in either order.
    CHECK(error_of("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n") ==
          FramingError::content_length_with_encoding);
    CHECK(error_of("Transfer-Encoding: chunked\r\nContent-Length: 5\r\n") ==
          FramingError::content_length_with_encoding);
    // Only one "chunked" is understood.
    CHECK(error_of("Transfer-Encoding: gzip, chunked\r\n") == FramingError::unsupported_transfer_encoding);
    CHECK(error_of("Transfer-Encoding: chunked, gzip\r\n") == FramingError::unsupported_transfer_encoding);
    CHECK(error_of("Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n") ==
          FramingError::unsupported_transfer_encoding);
    CHECK(error_of("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n") ==
          FramingError::unsupported_transfer_encoding);
    CHECK(error_of("Transfer-Encoding: identity\r\n") == FramingError::unsupported_transfer_encoding);
    CHECK(error_of("Transfer-Encoding: %63hunked\r\n") == FramingError::unsupported_transfer_encoding);
    CHECK(error_of("Transfer-Encoding:  CHUNKED \r\n") == FramingError::none);
    // Header lines a lenient reader and a strict one would read differently.
    CHECK(error_of("Transfer-Encoding : chunked\r\n") == FramingError::invalid_header_line);  // space before colon
    CHECK(error_of("X-A: 1\r\n Transfer-Encoding: chunked\r\n") == FramingError::invalid_header_line);  // folded
    CHECK(error_of("X-A: 1\r\n\tTransfer-Encoding: chunked\r\n") == FramingError::invalid_header_line);
    CHECK(error_of("no colon here\r\n") == FramingError::invalid_header_line);
    CHECK(error_of(": empty name\r\n") == FramingError::invalid_header_line);
    CHECK(error_of(std::string("X-A: a\rTransfer-Encoding: chunked\r\n")) == FramingError::invalid_header_line);
    CHECK(error_of(std::string("X-A: a\0b\r\n", 10)) == FramingError::invalid_header_line);
    CHECK(error_of("X-A: caf\xc3\xa9\tok\r\n") == FramingError::none);  // obs-text and tabs are fine in values
    // HTTP/1.0 has no chunked coding.
    const std::string http10 = "POST /x HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n";
    CHECK(frame_request(http10, kLimit).error == FramingError::unsupported_transfer_encoding);
}

TEST_CASE("a bare LF ends no line: refused as soon as it comes, in the request line, headers or chunks") {
    auto bare = frame_request("GET /health HTTP/1.1\n", kLimit);  // no need to wait for the rest
    CHECK(bare.state == State::unframed);
    CHECK(bare.error == FramingError::bare_line_feed);
    CHECK(frame_request("GET /health HTTP/1.1\r\nHost: x\n", kLimit).error == FramingError::bare_line_feed);
    CHECK(frame_request("GET /health HTTP/1.1\r\nHost: x\r\n\n", kLimit).error == FramingError::bare_line_feed);
    CHECK(frame_request("\n", kLimit).error == FramingError::bare_line_feed);
    // The same bytes arriving one at a time, resuming after what was searched.
    const std::string trickled = "GET /health HTTP/1.1\r\nHost: x\nrest";
    std::size_t searched = 0;
    FramingError error = FramingError::none;
    for (std::size_t cut = 1; cut <= trickled.size() && error == FramingError::none; ++cut) {
        auto frame = frame_request(trickled.substr(0, cut), kLimit, searched);
        error = frame.error;
        if (frame.state == State::incomplete)
            searched = cut;
        else
            CHECK(cut == trickled.find("x\n") + 2);
    }
    CHECK(error == FramingError::bare_line_feed);
    const std::string chunked = "POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
    CHECK(frame_request(chunked + "5\nhello\r\n0\r\n\r\n", kLimit).error == FramingError::invalid_chunk);
    CHECK(frame_request(chunked + "5\r\nhello\n0\r\n\r\n", kLimit).error == FramingError::invalid_chunk);
    CHECK(frame_request(chunked + "0\n\n", kLimit).error == FramingError::invalid_chunk);
    CHECK(frame_request(chunked + "0\r\n\n", kLimit).error == FramingError::invalid_chunk);
}

TEST_CASE("the request line is method SP target SP HTTP/x.y, at most 8 KiB with its CRLF (else 414 at once)") {
    for (const char* line : {"NOT-HTTP", "GET /", "GET  / HTTP/1.1", "GET / HTTP/1.1 x", " GET / HTTP/1.1",
                             "GET / HTTP/11", "GET /a\x01b HTTP/1.1", "G(T / HTTP/1.1", ""}) {
        CAPTURE(line);
        auto frame = frame_request(std::string(line) + "\r\nHost: x\r\n\r\n", kLimit);
        CHECK(frame.state == State::unframed);
        CHECK(frame.error == FramingError::invalid_request_line);
    }
    const std::string at_limit = "GET /" + std::string(kMaxRequestLineBytes - 16, 'a') + " HTTP/1.1\r\n";
    REQUIRE(at_limit.size() == kMaxRequestLineBytes);
    CHECK(frame_request(at_limit + "\r\n", kLimit).state == State::complete);
    const std::string over = "GET /" + std::string(kMaxRequestLineBytes - 15, 'a') + " HTTP/1.1\r\n";
    CHECK(frame_request(over + "\r\n", kLimit).error == FramingError::request_line_too_long);
    // Before its end arrives: refused once more bytes than the limit have come without one.
    const std::string endless = "GET /" + std::string(kMaxRequestLineBytes, 'a');
    auto early = frame_request(endless, kLimit);
    CHECK(early.state == State::unframed);
    CHECK(early.error == FramingError::request_line_too_long);
    CHECK(frame_request(endless.substr(0, kMaxRequestLineBytes), kLimit).state == State::incomplete);
}

TEST_CASE("Range fields are reported, and without_range_fields drops only them") {
    const std::string request =
        "GET /assets/app.js HTTP/1.1\r\nHost: x\r\nrange: bytes=0-1\r\nX-Range: 1\r\n"
        "Range: bytes=2-3, 5-6\r\n\r\n";
    auto frame = frame_request(request, kLimit);
    REQUIRE(frame.state == State::complete);
    CHECK(frame.has_range);
    CHECK(without_range_fields(request, frame.header_bytes) ==
          "GET /assets/app.js HTTP/1.1\r\nHost: x\r\nX-Range: 1\r\n\r\n");
    CHECK_FALSE(frame_request(kGet, kLimit).has_range);
    const std::string post = "POST /x HTTP/1.1\r\nRange: bytes=0-1\r\nContent-Length: 3\r\n\r\nabc";
    auto with_body = frame_request(post, kLimit);
    REQUIRE(with_body.state == State::complete);
    CHECK(without_range_fields(post, with_body.header_bytes) == "POST /x HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc");
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
    // Trailer fields, which httplib refuses, are refused here: the end is the zero chunk's CRLF CRLF.
    auto trailers = frame_request(head + "0\r\nX-T: 1\r\n\r\n", kLimit);
    CHECK(trailers.state == State::unframed);
    CHECK(trailers.error == FramingError::invalid_chunk);
    CHECK(frame_request(head + "0;ext=\"a b\"\r\n\r\n", kLimit).state == State::complete);
    CHECK(frame_request(head + "5 ;e\r\nhello\r\n0\r\n\r\n", kLimit).state == State::complete);
}

TEST_CASE("chunked bodies past the limit (413) and malformed chunks (400) are refused") {
    const std::string head = "POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
    // The limit passes inside a chunk: refused once more than the limit has arrived.
    const std::string big = head + "20000\r\n" + std::string(kLimit, 'x');
    CHECK(frame_request(big, kLimit).state == State::incomplete);
    auto over = frame_request(big + "x", kLimit);
    CHECK(over.state == State::unframed);
    CHECK(over.error == FramingError::body_too_large);
    CHECK(over.size == head.size());  // the header block only: the body is not read
    for (const std::string& bad : std::vector<std::string>{
             "zz\r\n", "2\r\nabXY", std::string(2000, '1'), " 5\r\nhello\r\n", "+5\r\nhello\r\n", "0x5\r\nhello\r\n",
             "5x\r\nhello\r\n", "\r\n", "1000000000000000000\r\n", std::string("5;a\x01\r\nhello\r\n")}) {
        CAPTURE(bad);
        auto frame = frame_request(head + bad, kLimit);
        CHECK(frame.state == State::unframed);
        CHECK(frame.error == FramingError::invalid_chunk);
    }
}

TEST_CASE("a header block that does not end within its limit is refused, truncated") {
    std::string block = "GET / HTTP/1.1\r\n";
    while (block.size() < kMaxHeaderBlockBytes) block += "X-Filler: " + std::string(100, 'a') + "\r\n";
    CHECK(frame_request(block.substr(0, kMaxHeaderBlockBytes - 1), kLimit).state == State::incomplete);
    auto frame = frame_request(block, kLimit);
    CHECK(frame.state == State::unframed);
    CHECK(frame.error == FramingError::header_block_too_large);
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

TEST_CASE("a chunked body framed a read at a time, resuming each time, frames as it does whole") {
    // 2,000 chunks of 1-3 data bytes and an extension on some, cut into reads of 1 to 13 bytes:
    // each call resumes from the frame the previous read left (RequestFrame::chunk_at), and the
    // end, the data bytes and every refusal come out as when the body is framed in one piece.
    const std::string head = "POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
    std::string body;
    std::size_t data = 0;
    for (int i = 0; i < 2000; ++i) {
        const int n = 1 + i % 3;
        body += std::to_string(n) + (i % 7 == 0 ? ";e=1" : "") + "\r\n" + std::string(n, 'a' + i % 26) + "\r\n";
        data += n;
    }
    body += "0\r\n\r\n";
    const std::string request = head + body;
    const auto whole = frame_request(request + kGet, kLimit);
    REQUIRE(whole.state == State::complete);
    REQUIRE(whole.body_bytes == data);

    for (const std::size_t step : {1, 5, 13}) {
        CAPTURE(step);
        costsim::server::RequestFrame last;
        std::size_t calls = 0;
        for (std::size_t in = step;; in += step) {
            const std::string buffered = (request + kGet).substr(0, in);
            const auto* resume = last.header_bytes > 0 ? &last : nullptr;
            last = frame_request(buffered, kLimit, 0, resume);
            ++calls;
            if (last.state != State::incomplete) break;
            // Incomplete: the data bytes so far are those framing the prefix alone counts.
            REQUIRE(last.body_bytes == frame_request(buffered, kLimit).body_bytes);
        }
        CHECK(last.state == State::complete);
        CHECK(last.size == request.size());
        CHECK(last.body_bytes == data);
        CHECK(last.header_bytes == head.size());
        CHECK(calls > 2000 / step);
    }

    // Refusals found on the resumed path: a malformed chunk after many good ones, and the limit.
    costsim::server::RequestFrame partway = frame_request(head + body.substr(0, 600), kLimit);
    REQUIRE(partway.state == State::incomplete);
    REQUIRE(partway.chunk_at > head.size());
    const auto bad = frame_request(head + body.substr(0, 600) + "zz\r\n", kLimit, 0, &partway);
    CHECK(bad.state == State::unframed);
    CHECK(bad.error == FramingError::invalid_chunk);
    const std::string small_head = "POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
    auto small = frame_request(small_head + "3\r\nabc\r\n", 4);
    REQUIRE(small.state == State::incomplete);
    const auto over = frame_request(small_head + "3\r\nabc\r\n2\r\nde", 4, 0, &small);
    CHECK(over.state == State::unframed);
    CHECK(over.error == FramingError::body_too_large);
}
