#pragma once
/// Where one HTTP/1.1 request ends in the bytes received so far, so the event loop hands
/// cpp-httplib only whole requests (it parses them from memory, never waiting on a socket).
/// The rules follow httplib 0.11's own reading: a chunked body when the first Transfer-Encoding
/// is "chunked", else the first Content-Length (digits; none means no body).

#include <cstddef>
#include <string_view>

namespace costsim::server {

/// Bytes a request's line and headers may take before the server stops waiting for their end.
inline constexpr std::size_t kMaxHeaderBlockBytes = 64 * 1024;

struct RequestFrame {
    enum class State {
        incomplete,   ///< wait for more bytes
        complete,     ///< the first `size` bytes are one whole request
        unframed,     ///< over a limit or malformed: hand the first `size` bytes on as they are
                      ///< (httplib then answers 413, 414 or 400) and close after the answer
    };
    State state = State::incomplete;
    /// complete/unframed: the bytes to hand on. incomplete: the bytes the whole request takes
    /// when its Content-Length says so (nothing to frame before they are in), else 0.
    std::size_t size = 0;
    /// Incomplete, the headers are in and they ask "Expect: 100-continue".
    bool expects_continue = false;
    /// Bytes of the request line and headers with the blank line; 0 until they are all in.
    std::size_t header_bytes = 0;
};

/// Frames the request at the start of `buffered`. A body over `max_body` bytes is unframed: a
/// Content-Length at once, a chunked body once more than that many data bytes have arrived (so
/// the handler's own reader sees it pass the limit and answers 413).
/// `searched`: a prefix already known to hold no blank line ending the headers (an earlier call
/// on fewer bytes said incomplete), so a request trickling in is not scanned again and again.
RequestFrame frame_request(std::string_view buffered, std::size_t max_body, std::size_t searched = 0);

}  // namespace costsim::server
