#include "request_framing.hpp"

#include <algorithm>
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

/// A token character (RFC 9110 5.6.2): what a method or a field name is made of.
bool is_tchar(unsigned char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

/// A byte a field value may hold (RFC 9110 5.5): visible, space, tab or obs-text; no CR, NUL or
/// other control byte.
bool is_field_byte(unsigned char c) { return c == '\t' || (c >= 0x20 && c != 0x7f); }

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/// A decimal number (digits only); saturates at the maximum, which no body limit admits.
std::uint64_t decimal(std::string_view digits) {
    std::uint64_t value = 0;
    for (char ch : digits) {
        const auto digit = static_cast<std::uint64_t>(ch - '0');
        if (value > (std::numeric_limits<std::uint64_t>::max() - digit) / 10)
            return std::numeric_limits<std::uint64_t>::max();
        value = value * 10 + digit;
    }
    return value;
}

RequestFrame refused(FramingError error, std::size_t size) {
    RequestFrame frame;
    frame.state = RequestFrame::State::unframed;
    frame.size = size;
    frame.error = error;
    return frame;
}

/// "method SP request-target SP HTTP/d.d" (RFC 9112 3), without its CRLF.
bool valid_request_line(std::string_view line) {
    const std::size_t first = line.find(' ');
    const std::size_t second = first == std::string_view::npos ? first : line.find(' ', first + 1);
    if (first == 0 || second == std::string_view::npos || second == first + 1) return false;
    const std::string_view method = line.substr(0, first);
    const std::string_view target = line.substr(first + 1, second - first - 1);
    const std::string_view version = line.substr(second + 1);
    if (!std::all_of(method.begin(), method.end(), [](unsigned char c) { return is_tchar(c); })) return false;
    if (!std::all_of(target.begin(), target.end(), [](unsigned char c) { return c > 0x20 && c != 0x7f; })) return false;
    return version.size() == 8 && version.starts_with("HTTP/") && version[5] >= '0' && version[5] <= '9' &&
           version[6] == '.' && version[7] >= '0' && version[7] <= '9';
}

struct HeaderRules {
    FramingError error = FramingError::none;
    bool chunked = false;
    std::uint64_t length = 0;
    bool expects_continue = false;
    bool has_range = false;
};

/// The body rule of a header block (request line and headers, without the blank line), or why
/// the block is refused (RFC 9112 5 and 6).
HeaderRules header_rules(std::string_view head, bool http_1_0) {
    HeaderRules rules;
    const auto refuse = [&](FramingError error) {
        rules.error = error;
        return rules;
    };
    bool has_length = false, seen_expect = false, encoding_is_chunked = true;
    int encodings = 0;
    std::size_t at = head.find(kCrlf);  // skip the request line
    while (at != std::string_view::npos) {
        at += kCrlf.size();
        const std::size_t end = head.find(kCrlf, at);
        const std::string_view line =
            head.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
        at = end;
        // name ":" value. A name of token characters also rules out a folded line (leading
        // whitespace) and whitespace before the colon, both of which RFC 9112 5 says to refuse.
        const std::size_t colon = line.find(':');
        if (colon == 0 || colon == std::string_view::npos) return refuse(FramingError::invalid_header_line);
        const std::string_view name = line.substr(0, colon);
        const std::string_view raw_value = line.substr(colon + 1);
        if (!std::all_of(name.begin(), name.end(), [](unsigned char c) { return is_tchar(c); }) ||
            !std::all_of(raw_value.begin(), raw_value.end(), [](unsigned char c) { return is_field_byte(c); }))
            return refuse(FramingError::invalid_header_line);
        const std::string_view value = trim(raw_value);
        if (iequals(name, "Content-Length")) {
            // Digits only (httplib would read "5abc" as 5), and every repeat the same number.
            if (value.empty() || !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
                return refuse(FramingError::invalid_content_length);
            const std::uint64_t length = decimal(value);
            if (has_length && length != rules.length) return refuse(FramingError::invalid_content_length);
            has_length = true;
            rules.length = length;
        } else if (iequals(name, "Transfer-Encoding")) {
            ++encodings;
            encoding_is_chunked = encoding_is_chunked && iequals(value, "chunked");
        } else if (!seen_expect && iequals(name, "Expect")) {
            seen_expect = true;
            rules.expects_continue = iequals(value, "100-continue");
        } else if (iequals(name, "Range")) {
            rules.has_range = true;
        }
    }
    if (encodings > 0 && has_length) return refuse(FramingError::content_length_with_encoding);
    // Only "chunked", once: any other coding (gzip, identity, "gzip, chunked", chunked twice)
    // leaves the body's end to a reader that does not know it. HTTP/1.0 has no chunked coding.
    if (encodings > 0 && (encodings > 1 || !encoding_is_chunked || http_1_0))
        return refuse(FramingError::unsupported_transfer_encoding);
    rules.chunked = encodings == 1;
    return rules;
}

/// The chunked body starting at `body` in `buffered` (RFC 9112 7.1): hex size, optional
/// extensions, CRLF; the data and CRLF; a zero chunk and a blank line. httplib refuses trailer
/// fields, so they are refused here too.
/// `at` and `data_bytes`: where to start (a chunk's size line) and the data bytes before it.
RequestFrame frame_chunked(std::string_view buffered, std::size_t body, std::size_t max_body, std::size_t at,
                           std::uint64_t data_bytes) {
    RequestFrame incomplete{};
    const RequestFrame bad_chunk = refused(FramingError::invalid_chunk, body);
    for (;;) {
        // Everything before `at` is whole chunks: the next call starts here.
        incomplete.chunk_at = at;
        incomplete.chunk_data_before = static_cast<std::size_t>(data_bytes);
        incomplete.body_bytes = static_cast<std::size_t>(data_bytes);
        const std::size_t line_end = buffered.find('\n', at);
        if (line_end == std::string_view::npos)
            return buffered.size() - at > kMaxChunkLineBytes ? bad_chunk : incomplete;
        if (line_end - at > kMaxChunkLineBytes || line_end == at || buffered[line_end - 1] != '\r') return bad_chunk;
        const std::string_view line = buffered.substr(at, line_end - 1 - at);
        std::uint64_t size = 0;
        std::size_t digits = 0;
        for (int v; digits < line.size() && (v = hex_value(line[digits])) >= 0; ++digits) {
            if (size > (std::uint64_t{1} << 59)) return bad_chunk;
            size = size * 16 + static_cast<std::uint64_t>(v);
        }
        // Nothing else before an extension (";" after optional whitespace): httplib's strtoul
        // would also take " 5", "+5" or "0x5", which a strict reader does not.
        const std::string_view extension = line.substr(digits);
        if (digits == 0 || (!extension.empty() && !trim(extension).starts_with(';')) ||
            !std::all_of(extension.begin(), extension.end(), [](unsigned char c) { return is_field_byte(c); }))
            return bad_chunk;
        at = line_end + 1;
        if (size == 0) {  // the last chunk: the blank line ends the body
            const std::string_view rest = buffered.substr(at, kCrlf.size());
            if (rest != kCrlf.substr(0, rest.size())) return bad_chunk;
            if (rest.size() < kCrlf.size()) return incomplete;
            RequestFrame complete;
            complete.state = RequestFrame::State::complete;
            complete.size = at + kCrlf.size();
            complete.body_bytes = static_cast<std::size_t>(data_bytes);
            return complete;
        }
        const std::size_t available = buffered.size() - at;
        data_bytes += std::min<std::uint64_t>(size, available);
        if (data_bytes > max_body) return refused(FramingError::body_too_large, body);
        incomplete.body_bytes = static_cast<std::size_t>(data_bytes);
        if (available < size + kCrlf.size()) return incomplete;
        at += static_cast<std::size_t>(size);
        if (buffered.substr(at, kCrlf.size()) != kCrlf) return bad_chunk;
        at += kCrlf.size();
    }
}

/// The frame under `limit`, or under limit_of(target) once the headers are in when given.
RequestFrame frame_within(std::string_view buffered, BodyLimit limit, BodyLimitOf limit_of, std::size_t searched,
                          const RequestFrame* resume);

}  // namespace

RequestFrame frame_request(std::string_view buffered, std::size_t max_body, std::size_t searched,
                           const RequestFrame* resume) {
    return frame_within(buffered, BodyLimit{max_body}, nullptr, searched, resume);
}

RequestFrame frame_request(std::string_view buffered, BodyLimitOf limit_of, std::size_t searched,
                           const RequestFrame* resume) {
    return frame_within(buffered, BodyLimit{}, limit_of, searched, resume);
}

namespace {

/// `frame` (from frame_chunked) with what the headers said (`headers`: an incomplete frame).
RequestFrame with_header_rules(RequestFrame frame, const RequestFrame& headers) {
    frame.chunked = headers.chunked;
    frame.limit = headers.limit;
    frame.expects_continue = frame.state == RequestFrame::State::incomplete && headers.expects_continue;
    frame.has_range = headers.has_range;
    frame.header_bytes = headers.header_bytes;
    return frame;
}

RequestFrame frame_within(std::string_view buffered, BodyLimit limit, BodyLimitOf limit_of, std::size_t searched,
                          const RequestFrame* resume) {
    // The headers were framed by an earlier call and the body is chunked: go on from its last chunk.
    if (resume != nullptr && resume->state == RequestFrame::State::incomplete && resume->chunked &&
        resume->header_bytes > 0 && resume->chunk_at >= resume->header_bytes && resume->chunk_at <= buffered.size())
        return with_header_rules(frame_chunked(buffered, resume->header_bytes, resume->limit.max_bytes,
                                               resume->chunk_at, resume->chunk_data_before),
                                 *resume);
    const std::size_t from = searched < 3 ? 0 : searched - 3;
    const std::size_t blank = buffered.find("\r\n\r\n", from);
    const bool headers_in = blank != std::string_view::npos && blank + 4 <= kMaxHeaderBlockBytes;
    const std::size_t head_size = headers_in ? blank + 4 : std::min(buffered.size(), kMaxHeaderBlockBytes);

    // Every line of the request line and headers ends in CRLF (RFC 9112 2.2): a bare LF is
    // refused as soon as it comes, instead of waiting for a CRLF CRLF that may never come.
    for (std::size_t lf = buffered.find('\n', from); lf < head_size; lf = buffered.find('\n', lf + 1))
        if (lf == 0 || buffered[lf - 1] != '\r') return refused(FramingError::bare_line_feed, head_size);

    // An overlong request line, as httplib measures it (CRLF included), at once. `searched`
    // beyond the limit: an earlier call checked the line.
    if (searched <= kMaxRequestLineBytes) {
        const std::size_t line_end = buffered.find('\n');
        const std::size_t line_bytes = line_end == std::string_view::npos ? buffered.size() : line_end + 1;
        if (line_bytes > kMaxRequestLineBytes) return refused(FramingError::request_line_too_long, head_size);
    }

    if (!headers_in) {
        if (buffered.size() < kMaxHeaderBlockBytes) return {};
        return refused(FramingError::header_block_too_large, kMaxHeaderBlockBytes);
    }
    const std::size_t body = blank + 4;
    const std::string_view head = buffered.substr(0, blank);
    const std::string_view request_line = head.substr(0, head.find(kCrlf));
    if (!valid_request_line(request_line)) return refused(FramingError::invalid_request_line, body);
    const HeaderRules rules = header_rules(head, request_line.ends_with("HTTP/1.0"));
    if (rules.error != FramingError::none) return refused(rules.error, body);
    if (limit_of != nullptr) {
        const std::size_t first = request_line.find(' ');
        limit = limit_of(request_line.substr(first + 1, request_line.rfind(' ') - first - 1));
    }

    RequestFrame frame;
    if (rules.chunked) {
        frame = frame_chunked(buffered, body, limit.max_bytes, body, 0);
    } else if (rules.length > limit.max_bytes) {
        frame = refused(FramingError::body_too_large, body);
    } else {
        const std::size_t end = body + static_cast<std::size_t>(rules.length);
        frame.state = buffered.size() < end ? RequestFrame::State::incomplete : RequestFrame::State::complete;
        frame.size = end;
        frame.body_bytes = static_cast<std::size_t>(rules.length);
    }
    frame.chunked = rules.chunked;
    frame.limit = limit;
    frame.expects_continue = frame.state == RequestFrame::State::incomplete && rules.expects_continue;
    frame.has_range = rules.has_range;
    frame.header_bytes = body;
    return frame;
}

}  // namespace

std::string without_range_fields(std::string_view request, std::size_t header_bytes) {
    std::string out;
    out.reserve(request.size());
    std::size_t at = 0;
    while (at < header_bytes) {
        std::size_t end = request.find(kCrlf, at);
        if (end == std::string_view::npos || end + kCrlf.size() > header_bytes) end = header_bytes - kCrlf.size();
        const std::string_view line = request.substr(at, end + kCrlf.size() - at);
        const std::size_t colon = line.find(':');
        if (at == 0 || colon == std::string_view::npos || !iequals(line.substr(0, colon), "Range")) out += line;
        at = end + kCrlf.size();
    }
    out += request.substr(header_bytes);
    return out;
}

}  // namespace costsim::server
