#pragma once
/// Prometheus metrics of the server: requests by route and status, a latency histogram, requests
/// in flight, build info. Thread-safe; labels are route patterns, never raw paths (bounded).

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace costsim::server {

/// What /metrics shows of the batch pool (batch_pool.hpp): gauges, then counters since start.
struct BatchPoolStats {
    std::size_t threads = 0;          ///< --batch-threads
    std::size_t busy_threads = 0;     ///< pricing a piece now
    std::size_t queued = 0;           ///< batch requests waiting for a thread to price their next piece
    std::size_t in_progress = 0;      ///< admitted and not yet answered whole
    std::size_t max_in_progress = 0;  ///< --batch-queue
    std::size_t input_bytes = 0;      ///< input budget held by the batches in progress
    std::uint64_t admitted = 0;
    std::uint64_t rejected_queue_full = 0;
    std::uint64_t rejected_input_budget = 0;
    std::uint64_t lines_priced = 0;
};

class Metrics {
  public:
    /// Upper bounds (seconds) of the latency histogram's buckets; +Inf is implied.
    static constexpr std::array<double, 12> kBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                     0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

    explicit Metrics(std::string catalog_as_of = {});

    void request_started() noexcept { in_flight_.fetch_add(1, std::memory_order_relaxed); }
    void request_finished() noexcept { in_flight_.fetch_sub(1, std::memory_order_relaxed); }
    /// Where the connection gauges come from (the connection pool); unset: not exported.
    /// `idle`: waiting for a next request; `receiving`: holding part of a request.
    void set_connection_sources(std::function<std::size_t()> idle, std::function<std::size_t()> receiving) {
        idle_source_ = std::move(idle);
        receiving_source_ = std::move(receiving);
    }
    /// Where the output gauges come from (the connection pool); unset: not exported.
    /// `bytes`: answer bytes held for clients; `streaming`: answers whose body is being streamed.
    void set_output_sources(std::function<std::size_t()> bytes, std::function<std::size_t()> streaming) {
        output_bytes_source_ = std::move(bytes);
        streaming_source_ = std::move(streaming);
    }
    /// Where the input gauges come from (the connection pool); unset: not exported. `bytes`:
    /// input budget held by large request bodies; `budget`: ConnectionLimits::input_budget_bytes;
    /// `body_limits`: each route's body limit (route pattern, bytes).
    void set_input_sources(std::function<std::size_t()> bytes, std::size_t budget,
                           std::vector<std::pair<std::string, std::size_t>> body_limits) {
        input_bytes_source_ = std::move(bytes);
        input_budget_ = budget;
        body_limits_ = std::move(body_limits);
    }
    /// Where the batch pool's gauges and counters come from; unset: not exported.
    void set_batch_source(std::function<BatchPoolStats()> stats) { batch_source_ = std::move(stats); }
    /// Counts one answered request.
    void record(const std::string& method, const std::string& route, int status, double seconds);

    /// The text exposition format (version 0.0.4).
    [[nodiscard]] std::string exposition() const;
    [[nodiscard]] std::int64_t in_flight() const noexcept { return in_flight_.load(); }

  private:
    struct Histogram {
        std::array<std::uint64_t, kBuckets.size()> buckets{};  // non-cumulative
        std::uint64_t count = 0;
        double sum = 0.0;
    };
    std::string catalog_as_of_;
    std::function<std::size_t()> idle_source_;
    std::function<std::size_t()> receiving_source_;
    std::function<std::size_t()> output_bytes_source_;
    std::function<std::size_t()> streaming_source_;
    std::function<std::size_t()> input_bytes_source_;
    std::size_t input_budget_ = 0;
    std::function<BatchPoolStats()> batch_source_;
    std::vector<std::pair<std::string, std::size_t>> body_limits_;
    std::atomic<std::int64_t> in_flight_{0};
    mutable std::mutex mutex_;
    std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;  // method, route, status
    std::map<std::string, Histogram> latency_;                                     // by route
};

}  // namespace costsim::server
