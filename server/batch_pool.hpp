#pragma once
/// The threads that price POST /api/v1/batch, apart from the I/O workers (connection_pool.hpp):
/// a batch's lines are priced here a piece at a time, one piece ahead of what its client has
/// taken, so that the workers only move bytes and /health never waits behind a batch.
/// A bounded number of batch requests are in progress at once; more are refused (503).
/// Design/scaling.md#the-batch-pool, Design/http-api.md#batch.

#include "api.hpp"
#include "metrics.hpp"

#include <costsim/batch.hpp>

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
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

    /// Where a batch's body draws from while the batch holds it (the server's input budget,
    /// Design/http-api.md#body-limits): `take(bytes)` false when the budget cannot give them;
    /// `give(bytes)` returns them. Set before the first start(); unset: nothing is drawn.
    void set_input_budget(std::function<bool(std::size_t)> take, std::function<void(std::size_t)> give) {
        take_input_ = std::move(take);
        give_input_ = std::move(give);
    }

    enum class Refusal { none, queue_full, input_budget };
    struct Started {
        std::shared_ptr<BodySource> body;  ///< null when refused
        Refusal refusal = Refusal::none;
    };
    /// The streamed body of `text`'s lines priced on the pool (BatchTextStream's pieces, the
    /// same bytes); refused when max_requests are in progress, or when the input budget cannot
    /// give window_bytes(text). `catalog` outlives the body.
    Started start(std::string text, const Catalog& catalog, std::size_t lines_per_piece,
                  BatchTextStream::Clock::time_point deadline);
    /// What a batch holds of the input budget from admission until it is answered whole (or
    /// dropped with its connection): its body, which its stream reads the lines from until the
    /// last. (The pieces it makes are the output budget's: a streamed answer counts 1 MiB.)
    [[nodiscard]] static std::size_t window_bytes(const std::string& text) noexcept { return text.size(); }
    /// Batch requests admitted and not yet answered whole (nor dropped with their connection).
    [[nodiscard]] std::size_t in_progress() const noexcept { return in_progress_.load(); }
    /// Input budget held by the batches in progress (window_bytes of each).
    [[nodiscard]] std::size_t input_bytes() const noexcept { return input_bytes_.load(); }
    [[nodiscard]] const BatchPoolLimits& limits() const noexcept { return limits_; }
    /// The pool's gauges and counters, for /metrics.
    [[nodiscard]] BatchPoolStats stats() const;

  private:
    struct Job;
    class Body;
    void serve();
    void enqueue(std::shared_ptr<Job> job);
    void release(Job& job);  ///< with job.mutex held: the job no longer counts as in progress

    BatchPoolLimits limits_;
    std::function<bool(std::size_t)> take_input_;
    std::function<void(std::size_t)> give_input_;
    std::atomic<std::size_t> in_progress_{0};
    std::atomic<std::size_t> input_bytes_{0};
    std::atomic<std::size_t> busy_{0};  ///< threads pricing a piece now
    std::atomic<std::uint64_t> admitted_{0};
    std::atomic<std::uint64_t> rejected_queue_full_{0};
    std::atomic<std::uint64_t> rejected_input_budget_{0};
    std::atomic<std::uint64_t> lines_priced_{0};
    mutable std::mutex mutex_;
    std::condition_variable work_;
    std::deque<std::shared_ptr<Job>> queue_;  ///< jobs with a piece to price, oldest turn first
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace costsim::server
