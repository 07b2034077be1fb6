#pragma once
// The running maximum of the last few values of a series, for the per-interval simulators
// (concurrency.cpp's environments kept warm, scaling.cpp's scale-in window).
#include <cstddef>
#include <vector>

namespace costsim::detail {

/// The largest of the last `window` values pushed (0 before the first): a monotonic deque in a
/// ring of window + 1 slots. Each value enters and leaves once (O(1) amortised) and nothing is
/// allocated after construction.
class SlidingMax {
  public:
    explicit SlidingMax(std::size_t window) : window_(window == 0 ? 1 : window), ring_(window_ + 1) {}
    [[nodiscard]] double max() const noexcept { return size_ == 0 ? 0.0 : ring_[head_].value; }
    void push(double v) noexcept {
        while (size_ > 0 && back().value <= v) --size_;
        ++size_;
        back() = {count_++, v};
        while (ring_[head_].index + window_ < count_) {
            head_ = head_ + 1 == ring_.size() ? 0 : head_ + 1;
            --size_;
        }
    }

  private:
    struct Item {
        std::size_t index = 0;
        double value = 0.0;
    };
    Item& back() noexcept {
        const std::size_t at = head_ + size_ - 1;
        return ring_[at >= ring_.size() ? at - ring_.size() : at];
    }
    std::size_t window_;
    std::vector<Item> ring_;
    std::size_t head_ = 0, size_ = 0, count_ = 0;
};

}  // namespace costsim::detail
