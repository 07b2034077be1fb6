#include "batch_endpoint.hpp"
#include "batch_pool.hpp"
#include "http_errors.hpp"

#include <costsim/batch.hpp>
#include <costsim/error.hpp>

#include <memory>
#include <string>

namespace costsim::server {
namespace {

/// The request body and its stream of output lines, made a piece at a time as the client reads, on
/// the I/O worker: only where no batch pool is given (the fuzz harness).
class BatchBody final : public BodySource {
  public:
    BatchBody(std::string text, const Catalog& catalog, BatchTextStream::Clock::time_point deadline)
        : text_(std::move(text)), stream_(text_, catalog, BatchEndpointLimits::lines_per_piece, deadline) {}
    BatchBody(const BatchBody&) = delete;
    BatchBody& operator=(const BatchBody&) = delete;
    bool next(std::string& out) override { return stream_.next(out); }

  private:
    const std::string text_;  // before stream_, which views it
    BatchTextStream stream_;
};

}  // namespace

ApiResponse handle_batch(const ServiceContext& context, const ApiRequest& request) {
    const std::size_t lines = count_lines(request.body);
    if (lines == 0) throw InvalidInput("body", "one scenario a line (JSON Lines)", "an empty body");
    if (lines > BatchEndpointLimits::max_lines)
        throw LimitExceeded("body", "a batch request holds at most " + std::to_string(BatchEndpointLimits::max_lines) +
                                        " lines, got " + std::to_string(lines) + "; split it into several requests");
    ApiResponse response;
    response.content_type = "application/x-ndjson";
    // Line errors are lines of the 200 answer: its status is sent before the first line is priced.
    const auto deadline = BatchTextStream::Clock::now() + BatchEndpointLimits::time_bound;
    if (context.batch_pool == nullptr) {
        response.stream = std::make_shared<BatchBody>(request.body, context.catalog, deadline);
        return response;
    }
    BatchPool::Started started =
        context.batch_pool->start(request.body, context.catalog, BatchEndpointLimits::lines_per_piece, deadline);
    response.stream = std::move(started.body);
    if (started.refusal == BatchPool::Refusal::queue_full) {
        const auto& limits = context.batch_pool->limits();
        response = error_response(503, "overloaded",
                                  "the server is pricing " + std::to_string(limits.max_requests) +
                                      " batch requests, its most at once (--batch-queue); retry after 1 s");
        response.headers.emplace_back("Retry-After", "1");
    } else if (started.refusal == BatchPool::Refusal::input_budget) {
        response = error_response(503, "overloaded",
                                  "the batch's body (" + std::to_string(request.body.size()) +
                                      " bytes, held while its lines are priced) does not fit in what is left of "
                                      "the server's input budget (" +
                                      std::to_string(context.input_budget_bytes) +
                                      " bytes for the request bodies it holds); retry after 1 s",
                                  "body");
        response.headers.emplace_back("Retry-After", "1");
    }
    return response;
}

}  // namespace costsim::server
