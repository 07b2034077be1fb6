#include "rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace costsim::server {

RateLimiter::RateLimiter(double per_second, double burst, std::size_t max_clients)
    : per_second_(per_second), burst_(std::max(1.0, burst)), max_clients_(max_clients) {}

int RateLimiter::acquire(const std::string& client, Clock::time_point now) {
    if (!enabled()) return 0;
    std::lock_guard lock(mutex_);
    if (buckets_.size() >= max_clients_ && buckets_.find(client) == buckets_.end()) {
        // Forget clients whose buckets are full again (they are as good as new); bounded memory.
        std::erase_if(buckets_, [&](const auto& entry) {
            double refill = std::chrono::duration<double>(now - entry.second.updated).count() * per_second_;
            return entry.second.tokens + refill >= burst_;
        });
        if (buckets_.size() >= max_clients_) return 1;
    }
    auto [it, inserted] = buckets_.try_emplace(client, Bucket{burst_, now});
    Bucket& b = it->second;
    double elapsed = std::chrono::duration<double>(now - b.updated).count();
    b.tokens = std::min(burst_, b.tokens + std::max(0.0, elapsed) * per_second_);
    b.updated = now;
    if (b.tokens >= 1.0) {
        b.tokens -= 1.0;
        return 0;
    }
    return std::max(1, static_cast<int>(std::ceil((1.0 - b.tokens) / per_second_)));
}

}  // namespace costsim::server
