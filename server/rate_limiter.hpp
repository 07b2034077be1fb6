#pragma once
/// An optional per-client rate limit: a token bucket per client address. Off unless configured.

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace costsim::server {

class RateLimiter {
  public:
    using Clock = std::chrono::steady_clock;
    /// `per_second` requests per second on average, bursts of `burst`; per_second <= 0: off.
    RateLimiter(double per_second, double burst, std::size_t max_clients = 100000);

    [[nodiscard]] bool enabled() const noexcept { return per_second_ > 0; }
    /// Takes a token for `client`. Returns 0 when allowed, else the seconds to wait (>= 1).
    int acquire(const std::string& client, Clock::time_point now = Clock::now());

  private:
    struct Bucket {
        double tokens;
        Clock::time_point updated;
    };
    double per_second_;
    double burst_;
    std::size_t max_clients_;
    std::mutex mutex_;
    std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace costsim::server
