#pragma once
/// The threads that price POST /api/v1/batch, apart from the I/O workers (connection_pool.hpp):
/// a batch's lines are priced here a piece at a time, one piece ahead of what its client has
/// taken, so that the workers only move bytes and /health never waits behind a batch.
/// A bounded number of batch requests are in progress at once; more are refused (503).
/// Design/scaling.md#the-batch-pool, Design/http-api.md#batch.

#include "api.hpp"

#include <costsim/batch.hpp>

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace costsim::server {

/// One per CPU: pricing is all CPU, and the I/O workers run beside it.
int default_batch_threads();

struct BatchPoolLimits {
    int threads = default_batch_threads();  ///< --batch-threads: threads pricing batch lines
    /// --batch-queue: batch requests in progress at once (admitted and not yet answered whole:
    /// being priced, taking turns a piece each, or waiting for their client to take a piece);
    /// one more is answered 503.
    int max_requests = 16;
};

class BatchPool {
  public:
    explicit BatchPool(BatchPoolLimits limits);
    ~BatchPool();  ///< stops the threads; work not done is dropped
    BatchPool(const BatchPool&) = delete;
    BatchPool& operator=(const BatchPool&) = delete;

    /// The streamed body of `text`'s lines priced on the pool (BatchTextStream's pieces, the
    /// same bytes), or nullptr when max_requests are in progress. `catalog` outlives the body.
    std::shared_ptr<BodySource> start(std::string text, const Catalog& catalog, std::size_t lines_per_piece,
                                      BatchTextStream::Clock::time_point deadline);
    /// Batch requests admitted and not yet answered whole (nor dropped with their connection).
    [[nodiscard]] std::size_t in_progress() const noexcept { return in_progress_.load(); }
    [[nodiscard]] const BatchPoolLimits& limits() const noexcept { return limits_; }

  private:
    struct Job;
    class Body;
    void serve();
    void enqueue(std::shared_ptr<Job> job);
    void release(Job& job);  ///< with job.mutex held: the job no longer counts as in progress

    BatchPoolLimits limits_;
    std::atomic<std::size_t> in_progress_{0};
    std::mutex mutex_;
    std::condition_variable work_;
    std::deque<std::shared_ptr<Job>> queue_;  ///< jobs with a piece to price, oldest turn first
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace costsim::server
