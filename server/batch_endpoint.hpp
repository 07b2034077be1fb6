#pragma once
/// POST /api/v1/batch: JSON Lines of scenarios in, JSON Lines of compare reports out, streamed.
/// Design/http-api.md#batch.

#include "api.hpp"

#include <chrono>
#include <cstddef>

namespace costsim::server {

struct BatchEndpointLimits {
    /// Lines in one request (its body is also under the server's kMaxJsonBytes).
    static constexpr std::size_t max_lines = 1000;
    /// Lines priced at a request's turn on the batch pool (batch_pool.hpp; requests in progress
    /// take turns, a piece each, one piece ahead of their client): about 16 x 30 us a turn, and a piece is ~130 KB of compare reports of three offerings
    /// (at most BatchTextStream::kPieceBytes and a line: under the kStreamStateBytes a streamed
    /// answer is counted for).
    static constexpr std::size_t lines_per_piece = 16;
    /// A request's pricing stops here: under nginx's default proxy_read_timeout (60 s), so a
    /// proxy in front never cuts an answer first.
    static constexpr std::chrono::seconds time_bound{30};
};

ApiResponse handle_batch(const ServiceContext& context, const ApiRequest& request);

}  // namespace costsim::server
