#pragma once
/// The HTTP API's values, free of sockets: what a handler sees of a request and what it answers.
/// Contract: Design/http-api.md.

#include "request_framing.hpp"

#include <costsim/catalog.hpp>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace costsim::server {

/// What the handlers see of a request.
struct ApiRequest {
    std::string method;                             ///< GET, HEAD, POST, ...
    std::string path;                               ///< without the query string
    std::multimap<std::string, std::string> query;  ///< decoded query parameters
    std::string accept;                             ///< Accept header
    std::string content_type;                       ///< Content-Type header
    std::string if_none_match;                      ///< If-None-Match header
    std::string body;
    FramingError framing_error = FramingError::none;  ///< refused by its framing: answered with that
};

/// The body of a large answer, made a piece at a time as the client takes it, so that it is never
/// held whole (Design/http-api.md#memory). Sent with Transfer-Encoding: chunked.
class BodySource {
  public:
    virtual ~BodySource() = default;
    /// Appends the next piece to `out`; false, appending nothing, once the body is complete.
    virtual bool next(std::string& out) = 0;

    enum class Poll { piece, end, later };
    /// next() for a body made on other threads (the batch pool): `later`, appending nothing, when
    /// no piece is ready yet; `ready` is then called once, from any thread, when one is. It is
    /// never called after the body is destroyed. By default, next().
    virtual Poll poll(std::string& out, std::function<void()>&& /*ready*/) {
        return next(out) ? Poll::piece : Poll::end;
    }
};

/// What a handler answers. `route` is the metrics label: the route's pattern, never the raw path.
struct ApiResponse {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    std::shared_ptr<BodySource> stream;  ///< set: the body is this, streamed (`body` stays empty)
    std::string route = "unmatched";
};

/// Read-only state shared by every request (thread-safe: nothing in it changes after start).
struct ServiceContext {
    Catalog catalog;
    const class Metrics* metrics = nullptr;  ///< for GET /metrics; null: an empty exposition
    std::string health_body;                 ///< GET /health's body, made once; empty: made per request
    class BatchPool* batch_pool = nullptr;   ///< prices POST /api/v1/batch (thread-safe); null: on the worker
    std::size_t input_budget_bytes = 0;      ///< ConnectionLimits::input_budget_bytes, for its 503's message
};

}  // namespace costsim::server
