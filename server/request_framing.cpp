#include "request_framing.hpp"

#include <cstdint>
#include <limits>

namespace costsim::server {
namespace {

constexpr std::string_view kCrlf = "\r\n";
/// A chunk-size line longer than this is not HTTP (httplib reads it into 16 bytes).
constexpr std::size_t kMaxChunkLineBytes = 1024;

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

/// The leading decimal digits of `s` (httplib reads Content-Length with strtoull); none: 0.
/// Saturates at the maximum, which no body limit admits.
std::uint64_t leading_decimal(std::string_view s) {
    std::uint64_t value = 0;
    for (char ch : s) {
        if (ch < '0' || ch > '9') break;
        const auto digit = static_cast<std::uint64_t>(ch - '0');
        if (value > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) return std::numeric_limits<std::uint64_t>::max();
        value = value * 10 + digit;
    }
    return value;
}

struct BodyRule {
    bool chunked = false;
    std::uint64_t length = 0;
    bool expects_continue = false;
};

/// The body rule of a header block (request line and headers, without the blank line).
BodyRule body_rule(std::string_view headers) {
    BodyRule rule;
    bool seen_length = false, seen_encoding = false, seen_expect = false;
    std::size_t at = headers.find(kCrlf);   // skip the request line
    while (at != std::string_view::npos && at < headers.size()) {
        at += kCrlf.size();
        std::size_t end = headers.find(kCrlf, at);
        std::string_view line = headers.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
        at = end;
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos) continue;
        const std::string_view name = line.substr(0, colon);
        const std::string_view value = trim(line.substr(colon + 1));
        // The first of each counts, as httplib's get_header_value takes the first.
        if (!seen_length && iequals(name, "Content-Length")) {
            seen_length = true;
            rule.length = leading_decimal(value);
        } else if (!seen_encoding && iequals(name, "Transfer-Encoding")) {
            seen_encoding = true;
            rule.chunked = iequals(value, "chunked");
        } else if (!seen_expect && iequals(name, "Expect")) {
            seen_expect = true;
            rule.expects_continue = iequals(value, "100-continue");
        }
    }
    return rule;
}

/// The chunked body starting at `body` in `buffered`.
RequestFrame frame_chunked(std::string_view buffered, std::size_t body, std::size_t max_body) {
    const RequestFrame incomplete{};
    const RequestFrame unframed{RequestFrame::State::unframed, buffered.size()};
    std::size_t at = body;
    std::uint64_t data_bytes = 0;
    for (;;) {
        const std::size_t line_end = buffered.find(kCrlf, at);
        if (line_end == std::string_view::npos)
            return buffered.size() - at > kMaxChunkLineBytes ? unframed : incomplete;
        if (line_end - at > kMaxChunkLineBytes) return unframed;
        std::string_view line = buffered.substr(at, line_end - at);
        while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
        std::uint64_t size = 0;
        std::size_t digits = 0;
        for (char ch : line) {
            int v = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : -1;
            if (v < 0) break;
            if (size > (std::uint64_t{1} << 59)) return unframed;
            size = size * 16 + static_cast<std::uint64_t>(v);
            ++digits;
        }
        if (digits == 0) return unframed;
        at = line_end + kCrlf.size();
        if (size == 0) {
            // The last chunk: a blank line ends the body (trailers, which httplib refuses, before it).
            if (buffered.size() - at < kCrlf.size()) return incomplete;
            if (buffered.substr(at, kCrlf.size()) == kCrlf) return {RequestFrame::State::complete, at + kCrlf.size()};
            const std::size_t end = buffered.find("\r\n\r\n", at);
            if (end == std::string_view::npos)
                return buffered.size() - at > kMaxHeaderBlockBytes ? unframed : incomplete;
            return {RequestFrame::State::complete, end + 4};
        }
        const std::size_t available = buffered.size() - at;
        data_bytes += std::min<std::uint64_t>(size, available);
        if (data_bytes > max_body) return unframed;   // the reader sees the limit passed: 413
        if (available < size + kCrlf.size()) return incomplete;
        at += static_cast<std::size_t>(size);
        if (buffered.substr(at, kCrlf.size()) != kCrlf) return unframed;
        at += kCrlf.size();
    }
}

}  // namespace

RequestFrame frame_request(std::string_view buffered, std::size_t max_body, std::size_t searched) {
    const std::size_t blank = buffered.find("\r\n\r\n", searched < 3 ? 0 : searched - 3);
    if (blank == std::string_view::npos || blank + 4 > kMaxHeaderBlockBytes) {
        if (buffered.size() < kMaxHeaderBlockBytes) return {};
        return {RequestFrame::State::unframed, kMaxHeaderBlockBytes};
    }
    const std::size_t body = blank + 4;
    const BodyRule rule = body_rule(buffered.substr(0, blank));
    RequestFrame frame;
    if (rule.chunked) {
        frame = frame_chunked(buffered, body, max_body);
    } else if (rule.length > max_body) {
        frame = {RequestFrame::State::unframed, body};   // httplib answers 413 from the header
    } else {
        const std::size_t end = body + static_cast<std::size_t>(rule.length);
        frame.state = buffered.size() < end ? RequestFrame::State::incomplete : RequestFrame::State::complete;
        frame.size = end;
    }
    frame.expects_continue = frame.state == RequestFrame::State::incomplete && rule.expects_continue;
    frame.header_bytes = body;
    return frame;
}

}  // namespace costsim::server
