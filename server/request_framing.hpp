#pragma once
/// Where one HTTP/1.1 request ends in the bytes received so far, so the event loop hands
/// cpp-httplib only whole requests (it parses them from memory, never waiting on a socket), and
/// which requests RFC 9112 requires to be refused because their end cannot be told reliably
/// (request smuggling): conflicting or malformed Content-Length, Content-Length with
/// Transfer-Encoding, a Transfer-Encoding other than one "chunked", lines ending in a bare LF,
/// malformed header lines or chunks. Design/http-api.md#request-framing.

#include <cstddef>
#include <string>
#include <string_view>

namespace costsim::server {

/// Bytes a request's line and headers may take before the server stops waiting for their end.
inline constexpr std::size_t kMaxHeaderBlockBytes = std::size_t{64} * 1024;
/// The longest request line, CRLF included (httplib's CPPHTTPLIB_REQUEST_URI_MAX_LENGTH): 414.
inline constexpr std::size_t kMaxRequestLineBytes = 8192;

/// Why a request is refused before routing. Each is answered (http_errors.cpp:
/// framing_error_response) and the connection then closes.
enum class FramingError : unsigned char {
    none,
    invalid_request_line,           ///< 400: not "method SP target SP HTTP/x.y"
    request_line_too_long,          ///< 414
    header_block_too_large,         ///< 400: no end of the headers within kMaxHeaderBlockBytes
    bare_line_feed,                 ///< 400: a line of the request line or headers ends in LF only
    invalid_header_line,            ///< 400: no colon, whitespace before it, a folded line, control bytes
    invalid_content_length,         ///< 400: not digits only, or repeated with another value
    content_length_with_encoding,   ///< 400: Content-Length and Transfer-Encoding together
    unsupported_transfer_encoding,  ///< 400: other than one "chunked" on HTTP/1.1
    invalid_chunk,                  ///< 400: a malformed chunk line, chunk end or trailer section
    body_too_large,                 ///< 413: over the route's BodyLimit::max_bytes
    over_input_budget,              ///< 503: the large bodies in the server fill the input budget
};

/// What a route lets a request body be (server/routes.cpp declares one per route).
struct BodyLimit {
    std::size_t max_bytes = std::size_t{64} * 1024;  ///< larger bodies are answered 413
    /// Memory answering takes per byte of body besides its buffer: the handler's copy and the
    /// parse, measured. The input budget counts a large body at its buffer plus this per byte,
    /// at most max_memory_bytes (connection_pool.hpp: reserve_input).
    std::size_t memory_per_byte = 4;
    std::size_t max_memory_bytes = ~std::size_t{0};  ///< what answering takes at most, whatever the size
};

/// The body limit of a request target ("/api/v1/compare?format=csv"): its route's.
using BodyLimitOf = BodyLimit (*)(std::string_view target);

/// The request header through which the event loop tells the router that httplib is handed a
/// refused request (the value is the FramingError's number); a client's own is removed first.
inline constexpr const char* kFramingErrorHeader = "X-Costsim-Framing-Error";

struct RequestFrame {
    enum class State {
        incomplete,  ///< wait for more bytes
        complete,    ///< the first `size` bytes are one whole request
        unframed,    ///< refused (`error`) or past the buffer: hand the first `size` bytes on
                     ///< as they are, answer, and close after the answer
    };
    State state = State::incomplete;
    /// complete/unframed: the bytes to hand on. incomplete: the bytes the whole request takes
    /// when its Content-Length says so (nothing to frame before they are in), else 0.
    std::size_t size = 0;
    /// Unframed: why (none when the caller cut a request that outgrew its buffer).
    FramingError error = FramingError::none;
    /// Incomplete, the headers are in and they ask "Expect: 100-continue".
    bool expects_continue = false;
    /// The headers hold a Range field: the server serves no partial content and ignores it
    /// (without_range_fields before httplib, which would otherwise apply it to any answer).
    bool has_range = false;
    /// Bytes of the request line and headers with the blank line; 0 until they are all in.
    std::size_t header_bytes = 0;
    /// Once the headers are in: the body's Content-Length, or the chunk data bytes in so far.
    std::size_t body_bytes = 0;
    bool chunked = false;
    /// Once the headers are in: the limit that applies (its route's).
    BodyLimit limit;
    /// Incomplete and chunked: where the first chunk not wholly in begins (its size line), and
    /// the data bytes of the chunks before it. A later call given this frame resumes there.
    std::size_t chunk_at = 0;
    std::size_t chunk_data_before = 0;
};

/// Frames the request at the start of `buffered`. A body over `max_body` bytes is refused
/// (body_too_large): a Content-Length at once, a chunked body once more than that many data
/// bytes have arrived. Refusals come as soon as the bytes in show them (a bare LF, an overlong
/// request line), without waiting for the rest.
/// `searched`: a prefix already known to hold no blank line ending the headers (an earlier call
/// on fewer bytes said incomplete), so a request trickling in is not scanned again and again.
/// `resume`: an earlier call's incomplete frame of this request (the same bytes, and more), once
/// its headers were in: their rules are kept, and a chunked body is framed from the chunk where
/// that call stopped, so a body arriving in many reads is scanned once, not from its start on
/// every read (which took time quadratic in its chunks).
RequestFrame frame_request(std::string_view buffered, std::size_t max_body, std::size_t searched = 0,
                           const RequestFrame* resume = nullptr);
/// As above, with the limit of the request's route (`limit_of` its target), once the headers are in.
RequestFrame frame_request(std::string_view buffered, BodyLimitOf limit_of, std::size_t searched = 0,
                           const RequestFrame* resume = nullptr);

/// `request` (a complete frame) without its Range header fields.
std::string without_range_fields(std::string_view request, std::size_t header_bytes);

}  // namespace costsim::server
