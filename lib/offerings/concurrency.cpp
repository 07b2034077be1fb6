// The per-interval concurrency model of per-use kinds. Formulas and sources:
// Design/pricing-model.md#lambda-under-a-traffic-profile.
#include "offerings/concurrency.hpp"

#include "core/validation.hpp"  // format_quantity
#include "offerings/sliding_max.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <deque>
#include <mutex>
#include <memory>
#include <optional>
#include <span>
#include <limits>

namespace costsim::detail {

namespace {
/// A finite lifetime for an environment that (numerically) never idles long enough to die, so
/// the chain's death rates stay above 0 when recycling is off.
constexpr double kLongestLifetime = 1e18;
}  // namespace

SteadyState mk_steady_state(double rate, double warm_s, double keep_alive_s, double recycle_s) {
    const double rho = rate * warm_s;
    if (rate <= 0.0 || warm_s <= 0.0) return {1.0, 0.0};
    // Pool size n: blocked share P_b(n) = ErlangB(rho, n) (inverse by recurrence); the n-th
    // environment gets rate (P_b(n-1) - P_b(n)) and dies after keep_alive_s without a request.
    std::vector<double> blocked{1.0};  // P_b(0) = 1: with no environment every request is cold
    std::vector<double> death{0.0};    // cumulative death rate of a pool of n
    double inverse = 1.0, previous = 1.0, kill = 0.0;
    const double t = keep_alive_s + warm_s;
    // Stop 30 pool sizes after the last one whose birth rate exceeded its death rate (as perfmodel.py).
    std::size_t stop_at = 30;
    constexpr std::size_t kMaxStates = 10000000;
    for (std::size_t n = 1; n <= stop_at && n < kMaxStates; ++n) {
        inverse = 1.0 + inverse * double(n) / rho;
        const double pb = 1.0 / inverse;
        const double lambda_n = rate * (previous - pb);
        previous = pb;
        if (lambda_n > 0.0) {
            const double p_kill = std::exp(-lambda_n * keep_alive_s);
            // mean gap between its requests, among gaps short enough to keep it alive
            const double mean_gap = -t * std::exp(-lambda_n * t) - std::expm1(-lambda_n * t) / lambda_n;
            // no environment outlives recycle_s (without it a busy one would live for ever)
            const double lifetime =
                std::min({recycle_s, keep_alive_s + (1.0 / p_kill - 1.0) * mean_gap, kLongestLifetime});
            kill += 1.0 / lifetime;
        } else {
            kill += 1.0 / std::min(recycle_s, keep_alive_s);  // never used: killed after the keep-alive
        }
        blocked.push_back(pb);
        death.push_back(kill);
        if (rate * pb > kill) stop_at = n + 30;
    }
    // Birth-death chain: pi(n+1) = pi(n) x rate P_b(n) / death(n+1), in logs (rho can be large).
    std::vector<double> log_pi(blocked.size(), 0.0);
    double top = 0.0;
    for (std::size_t n = 0; n + 1 < blocked.size(); ++n) {
        const double birth = rate * blocked[n];
        log_pi[n + 1] = birth > 0.0 ? log_pi[n] + std::log(birth) - std::log(death[n + 1])
                                    : -std::numeric_limits<double>::infinity();
        top = std::max(top, log_pi[n + 1]);
    }
    double norm = 0.0, cold = 0.0, envs = 0.0;
    for (std::size_t n = 0; n < blocked.size(); ++n) {
        const double p = std::exp(log_pi[n] - top);
        norm += p;
        cold += p * blocked[n];
        envs += p * double(n);
    }
    return {cold / norm, envs / norm};
}

double gap_cold_probability(double rate, double warm_s, double keep_alive_s) noexcept {
    const double gap = std::exp(-rate * (keep_alive_s + warm_s));
    return gap + overlap_cold_probability(rate, warm_s, keep_alive_s);
}

double overlap_cold_probability(double rate, double warm_s, double keep_alive_s) noexcept {
    return -std::expm1(-rate * (keep_alive_s + warm_s)) * -std::expm1(-rate * warm_s);
}

namespace {
constexpr int kLowBits = 52 - SteadyStateTable::kCellBits;
double node_rho(std::uint64_t key) noexcept { return std::bit_cast<double>(key << kLowBits); }
}  // namespace

SteadyStateTable::SteadyStateTable(double warm_s, double keep_alive_s, double recycle_s) : warm_s_(warm_s) {
    const double rho_min = kGapRuleBelow * warm_s / (keep_alive_s + warm_s);
    first_key_ = std::bit_cast<std::uint64_t>(rho_min) >> kLowBits;
    const std::uint64_t last_key = (std::bit_cast<std::uint64_t>(kTableMaxRho) >> kLowBits) + 1;
    std::vector<SteadyState> nodes;
    nodes.reserve(last_key - first_key_ + 1);
    for (std::uint64_t key = first_key_; key <= last_key; ++key)
        nodes.push_back(mk_steady_state(node_rho(key) / warm_s, warm_s, keep_alive_s, recycle_s));
    cells_.resize(nodes.size());
    for (std::size_t k = 0; k < nodes.size(); ++k) {
        cells_[k].cold = nodes[k].cold_probability;
        cells_[k].envs = nodes[k].environments;
        if (k + 1 == nodes.size()) break;
        cells_[k].cold_slope = nodes[k + 1].cold_probability - nodes[k].cold_probability;
        cells_[k].envs_slope = nodes[k + 1].environments - nodes[k].environments;
    }
}

double SteadyStateTable::first_rho() const noexcept { return node_rho(first_key_); }
double SteadyStateTable::last_rho() const noexcept { return node_rho(first_key_ + cells_.size() - 1); }

SteadyState SteadyStateTable::above(double rho) const noexcept {
    // square-root staffing above the table: idle headroom and the cold-start rate grow as sqrt(rho)
    const double rho_max = last_rho();
    const double root = std::sqrt(rho / rho_max);
    const Cell& last = cells_.back();
    return {last.cold / root, rho + (last.envs - rho_max) * root};
}

std::shared_ptr<const SteadyStateTable> shared_steady_state_table(double warm_s, double keep_alive_s,
                                                                  double recycle_s) {
    struct Entry {
        double warm_s, keep_alive_s, recycle_s;
        std::shared_ptr<const SteadyStateTable> table;
    };
    static std::mutex mutex;
    static std::deque<Entry> entries;  // most recent first
    {
        std::lock_guard lock(mutex);
        for (auto it = entries.begin(); it != entries.end(); ++it)
            if (it->warm_s == warm_s && it->keep_alive_s == keep_alive_s && it->recycle_s == recycle_s) {
                Entry hit = *it;
                entries.erase(it);
                entries.push_front(hit);
                return hit.table;
            }
    }
    // built outside the lock (two threads may build the same table once each: harmless)
    auto table = std::make_shared<const SteadyStateTable>(warm_s, keep_alive_s, recycle_s);
    std::lock_guard lock(mutex);
    entries.push_front({warm_s, keep_alive_s, recycle_s, table});
    if (entries.size() > kSharedTables) entries.pop_back();
    return table;
}

namespace {

/// Requests that start in [x, y) at per-interval rates `rates` repeating with the period.
class PeriodicCumulative {
  public:
    PeriodicCumulative(std::span<const double> rates, double interval_s) : interval_s_(interval_s) {
        prefix_.assign(rates.size() + 1, 0.0);
        for (std::size_t i = 0; i < rates.size(); ++i) prefix_[i + 1] = prefix_[i] + rates[i] * interval_s;
    }
    [[nodiscard]] double at(double x) const noexcept {
        const double period = interval_s_ * double(prefix_.size() - 1);
        const double laps = std::floor(x / period);
        const double inside = x - laps * period;
        auto i = std::min(std::size_t(inside / interval_s_), prefix_.size() - 2);
        const double rate = (prefix_[i + 1] - prefix_[i]) / interval_s_;
        return laps * prefix_.back() + prefix_[i] + rate * (inside - double(i) * interval_s_);
    }

  private:
    double interval_s_;
    std::vector<double> prefix_;
};

/// integral over [0, length] of exp(-(start + slope u)) du, also for slope ~ 0. Falling slopes
/// take the exponent from the end, so a busy interval leaving the window (exp(-start) 0,
/// exp(-slope length) infinite) gives a number, not 0 x inf.
double integral_of_exp(double start, double slope, double length) noexcept {
    if (std::fabs(slope * length) < 1e-12) return std::exp(-start) * length;
    if (slope > 0.0) return std::exp(-start) * -std::expm1(-slope * length) / slope;
    return std::exp(-(start + slope * length)) * -std::expm1(slope * length) / -slope;
}

/// Exact cold starts of one environment in interval i under a periodic piecewise-constant
/// Poisson rate: integral over the interval of rate_i x exp(-requests in the last `window_s`).
double gap_cold_starts(std::span<const double> rates, const PeriodicCumulative& cumulative, double interval_s,
                       std::size_t i, double window_s) {
    const double rate = rates[i];
    if (rate <= 0.0) return 0.0;
    const auto n = double(rates.size());
    const double start = double(i) * interval_s;
    const double tail = start - window_s;  // the window's back edge at u = 0
    const double tail_index = std::floor(tail / interval_s);
    const double offset = tail - tail_index * interval_s;
    // The back edge crosses one interval boundary at most while u runs over the interval.
    const double split = offset > 0.0 ? interval_s - offset : interval_s;
    auto rate_at_index = [&](double index) {
        const double wrapped = index - std::floor(index / n) * n;
        return rates[std::size_t(wrapped)];
    };
    double sum = 0.0, index = tail_index;
    double in_window = cumulative.at(start) - cumulative.at(tail);
    for (double piece : {split, interval_s - split}) {
        if (piece <= 0.0) break;
        const double slope = rate - rate_at_index(index);  // head gains, back edge loses
        sum += rate * integral_of_exp(in_window, slope, piece);
        in_window += slope * piece;
        index += 1.0;
    }
    return sum;
}

}  // namespace

namespace {

/// Environment-seconds of provisioned concurrency billed over the period: each span of one level
/// (joined across the period's end, which the next period continues) rounded up to 5 minutes.
double provisioned_environment_seconds(const ConcurrencyModel& m) {
    const TrafficProfile& p = m.profile();
    const std::size_t n = p.requests.size();
    std::size_t first_change = n;
    for (std::size_t i = 1; i < n && first_change == n; ++i)
        if (m.provisioned_at(i) != m.provisioned_at(i - 1)) first_change = i;
    if (first_change == n) return m.provisioned_at(0) * p.period_s();  // one level all month
    constexpr double kStep = 300.0;                                    // AWS rounds each enabled span up to 5 minutes
    double total = 0.0, span = 0.0;
    for (std::size_t k = 0; k < n; ++k) {  // start at a change, so no span is cut by the period's end
        const std::size_t i = (first_change + k) % n;
        span += p.interval_s;
        const std::size_t next = (i + 1) % n;
        if (k + 1 == n || m.provisioned_at(next) != m.provisioned_at(i)) {
            total += m.provisioned_at(i) * std::ceil(span / kStep - 1e-9) * kStep;
            span = 0.0;
        }
    }
    return total;
}

}  // namespace

ConcurrencyModel::ConcurrencyModel(std::shared_ptr<const TrafficProfile> profile, ConcurrencyParams params)
    : profile_(std::move(profile)),
      params_(std::move(params)),
      rates_(profile_->shared_rates()),
      table_(shared_steady_state_table(params_.duration_s, params_.keep_alive_s, params_.recycle_s)),
      provisioned_environment_seconds_(provisioned_environment_seconds(*this)),
      max_rate_(rates_->empty() ? 0.0 : *std::max_element(rates_->begin(), rates_->end())) {}

double ConcurrencyModel::provisioned_at(std::size_t i) const noexcept {
    if (params_.provisioned_by_hour.empty()) return 0.0;
    return params_.provisioned_by_hour[std::size_t(profile_->hour_of_week(i))];
}

namespace {

/// The largest of the previous `window` values of a stream (0 before the first), a chunk at a
/// time and without branches on the data: the chunk follows the last `window` values in one
/// buffer, maxima over 1, 2, 4, ... values are built in place (vectorisable), and two
/// overlapping ones cover the window. Gives exactly SlidingMax::max() before each push.
class PreviousMax {
  public:
    static constexpr std::size_t kChunk = 2048;
    explicit PreviousMax(std::size_t window)
        : window_(window == 0 ? 1 : window), values_(window_ + kChunk, 0.0), scratch_(window_ + kChunk), out_(kChunk) {}
    /// Where the next chunk's values (at most kChunk) go; they stay readable until the next call.
    [[nodiscard]] double* input() noexcept {
        // the last `window` values of the chunk before move to the front
        if (last_count_ > 0) std::copy_n(values_.data() + last_count_, window_, values_.data());
        last_count_ = 0;
        return values_.data() + window_;
    }
    /// For each of the `count` values written: the maximum of the `window` values before it.
    const double* compute(std::size_t count) noexcept {
        last_count_ = count;
        const std::size_t len = count + window_ - 1;  // values up to the last one's predecessor
        const double* x = values_.data();
        if (window_ == 1) return x;  // the value just before
        double* m = scratch_.data();
        for (std::size_t i = 0; i + 1 < len; ++i) m[i] = std::max(x[i], x[i + 1]);
        std::size_t width = 2;
        for (; 2 * width <= window_; width *= 2)
            for (std::size_t i = 0; i + width < len; ++i) m[i] = std::max(m[i], m[i + width]);
        const std::size_t back = window_ - width;
        for (std::size_t j = 0; j < count; ++j) out_[j] = std::max(m[j], m[j + back]);
        return out_.data();
    }

  private:
    std::size_t window_;
    std::vector<double> values_, scratch_, out_;
    std::size_t last_count_ = 0;
};

}  // namespace

ConcurrencyResult ConcurrencyModel::run(double requests_per_month, bool with_series) const {
    const ConcurrencyParams& q = params_;
    const TrafficProfile& p = *profile_;
    const std::vector<double>& rates = *rates_;
    const std::size_t n = rates.size();
    const double dt = p.interval_s;
    const double w = q.duration_s;
    // Environments used in interval j are still alive at the start of interval i when
    // i - j - 1 <= keep_alive_s / dt: a window of that many past intervals.
    const std::size_t window = 1 + std::size_t(std::min(q.keep_alive_s / dt, 1e7));
    ConcurrencyResult out;
    // the series' buckets: make_series's (consecutive intervals, at most BillSeries::kMaxPoints)
    const std::size_t per_bucket = std::max<std::size_t>(1, (n + BillSeries::kMaxPoints - 1) / BillSeries::kMaxPoints);
    if (with_series) {
        out.concurrency.assign((n + per_bucket - 1) / per_bucket, 0.0);
        out.throttled_series.assign(out.concurrency.size(), 0.0);
        out.series_interval_s = dt * double(per_bucket);
    }
    // the cold-start pass reads it; nothing else is kept (every interval is written before)
    const auto on_demand_buffer = std::make_unique_for_overwrite<double[]>(n);
    const std::span<double> on_demand_rate(on_demand_buffer.get(), n);

    // Pass 1: throttling by the limit and the scaling rate's token bucket. The lap that is kept
    // starts in the state the end of the period leaves: a warm-up over the period's last
    // intervals rebuilds it, as long as the environments' keep-alive window plus the time the
    // bucket takes to refill (the state remembers no more), not a whole period.
    const auto warm_up = [n](double intervals) {
        return intervals < double(n) ? n - static_cast<std::size_t>(intervals) : std::size_t{0};
    };
    // sums kept in locals, not in `out` (stores to on_demand_rate could alias its fields)
    double all_requests = 0.0, throttled = 0.0, peak = 0.0, concurrency_s = 0.0, on_provisioned = 0.0;
    const bool has_pc = !q.provisioned_by_hour.empty();
    const std::size_t first1 = warm_up(double(window) + std::ceil(q.burst / (q.refill_per_s * dt)) + 2.0);
    // One interval of the kept lap, given its available environment-seconds.
    const auto account = [&](std::size_t i, double rate, double demand, double pc, double busy_seconds) {
        const double requests = rate * dt;
        // requests x min(1, busy / (demand dt)), with no division where nothing is throttled
        const double demand_s = demand * dt;
        const double ok =
            demand > 0.0 && busy_seconds < demand_s ? requests * std::min(1.0, busy_seconds / demand_s) : requests;
        all_requests += requests;
        throttled += requests - ok;
        peak = std::max(peak, demand);
        concurrency_s += demand * dt;
        // provisioned environments serve min(concurrency, level); the rest spills to on-demand
        const double served_concurrency = pc > 0.0 ? ok / dt * w : 0.0;
        const double on_pc = served_concurrency > 0.0 ? ok * std::min(1.0, pc / served_concurrency) : 0.0;
        on_demand_rate[i] = (ok - on_pc) / dt;
        on_provisioned += on_pc;
        if (with_series) {
            const std::size_t b = i / per_bucket;
            out.concurrency[b] = std::max(out.concurrency[b], demand);
            out.throttled_series[b] += requests - ok;
        }
    };

    // refill_per_s dt >= burst: the bucket is full again after any interval it could serve
    // (tokens + refill dt - deficit >= burst exactly, as deficit <= tokens = burst)
    const bool refills_in_one = q.refill_per_s * dt >= q.burst;
    // The usual case first. Nothing provisioned and every interval's concurrency within the
    // limit and the bucket (the largest rate's is): nothing is throttled and the bucket is never
    // short, so the lap is the sums alone (the same sums in the same order as the loops below).
    bool pass1_done = !has_pc && refills_in_one && requests_per_month * max_rate_ * w <= std::min(q.limit, q.burst);
    if (pass1_done) {
        for (std::size_t i = 0; i < n; ++i) {
            const double rate = requests_per_month * rates[i];
            const double demand = rate * w;
            const double requests = rate * dt;
            all_requests += requests;
            peak = std::max(peak, demand);
            concurrency_s += demand * dt;
            on_demand_rate[i] = requests / dt;
            if (with_series) {
                const std::size_t b = i / per_bucket;
                out.concurrency[b] = std::max(out.concurrency[b], demand);
            }
        }
    }
    // Else no interval asks the bucket for more than it holds, so every interval ends at its
    // target and the environments alive are the running maximum of the targets, a chunk at a
    // time without the bucket's branches. The first interval that would wait for tokens sends
    // the whole run to the exact loop below (same result either way).
    if (!pass1_done && window <= PreviousMax::kChunk) {
        PreviousMax alive(window);
        std::vector<double> targets(PreviousMax::kChunk), levels(PreviousMax::kChunk);
        double tokens = q.burst;
        pass1_done = true;
        for (std::size_t s0 = first1; s0 < 2 * n && pass1_done; s0 += PreviousMax::kChunk) {
            const std::size_t count = std::min(PreviousMax::kChunk, 2 * n - s0);
            const std::size_t i0 = s0 < n ? s0 : s0 - n;
            double* pushed = alive.input();
            for (std::size_t j = 0, i = i0; j < count; ++j, i = i + 1 == n ? 0 : i + 1) {
                const double demand = requests_per_month * rates[i] * w;  // Little's law
                const double pc = has_pc ? provisioned_at(i) : 0.0;
                targets[j] = std::min(demand, std::max(q.limit, pc));
                levels[j] = pc;
                pushed[j] = std::max(targets[j], pc);
            }
            const double* before = alive.compute(count);
            for (std::size_t j = 0, i = i0; j < count; ++j, i = i + 1 == n ? 0 : i + 1) {
                const double target = targets[j], pc = levels[j];
                const double deficit = target - std::min(target, std::max(before[j], pc));
                if (deficit > tokens) {
                    pass1_done = false;
                    break;
                }
                if (!refills_in_one) tokens = std::min(q.burst, tokens + q.refill_per_s * dt - deficit);
                if (s0 + j < n) continue;
                const double rate = requests_per_month * rates[i];
                account(i, rate, rate * w, pc, target * dt);
            }
        }
    }
    if (!pass1_done) {
        all_requests = throttled = peak = concurrency_s = on_provisioned = 0.0;
        if (with_series) {
            std::fill(out.concurrency.begin(), out.concurrency.end(), 0.0);
            std::fill(out.throttled_series.begin(), out.throttled_series.end(), 0.0);
        }
        SlidingMax alive(window);
        double tokens = q.burst;
        for (std::size_t s = first1, i = first1; s < 2 * n; ++s, i = i + 1 == n ? 0 : i + 1) {
            const double rate = requests_per_month * rates[i];
            const double demand = rate * w;  // Little's law
            const double pc = has_pc ? provisioned_at(i) : 0.0;
            const double target = std::min(demand, std::max(q.limit, pc));
            const double start = std::min(target, std::max(alive.max(), pc));
            const double deficit = target - start;
            double busy_seconds = 0.0, end = target;  // integral of available environments over the interval
            if (deficit <= tokens) {
                busy_seconds = target * dt;
            } else {
                const double level = start + tokens;  // the burst, then refill_per_s a second
                const double ramp = (target - level) / q.refill_per_s;
                if (ramp >= dt) {
                    end = level + q.refill_per_s * dt;
                    busy_seconds = level * dt + q.refill_per_s * dt * dt / 2;
                } else {
                    busy_seconds = level * ramp + q.refill_per_s * ramp * ramp / 2 + target * (dt - ramp);
                }
            }
            tokens = std::min(q.burst, tokens + q.refill_per_s * dt - (end - start));
            alive.push(std::max(end, pc));
            if (s >= n) account(i, rate, demand, pc, busy_seconds);
        }
    }
    out.requests = all_requests;
    out.throttled = throttled;
    out.peak_concurrency = peak;
    out.mean_concurrency = concurrency_s;
    out.on_provisioned = on_provisioned;
    out.served = out.requests - out.throttled;
    out.on_demand = out.served - out.on_provisioned;

    // Pass 2: cold starts of the on-demand requests.
    if (q.cold_share_override > 0.0) {
        out.cold_starts = out.on_demand * q.cold_share_override;
    } else {
        std::optional<PeriodicCumulative> cumulative;  // built if an interval takes the gap rule
        const double pool_limit = std::max(q.limit, 1.0);
        // The gap rule's cold starts of interval i (one environment of `pool`).
        const auto gap_cold = [&](std::size_t i, double rate, double in_window, double pool) {
            if (!cumulative) cumulative.emplace(on_demand_rate, dt);
            // one environment: cold iff no request started in the last keep-alive + W (exact,
            // also for the first request after a quiet spell), or it is busy (overlap)
            double cold = gap_cold_starts(on_demand_rate, *cumulative, dt, i, q.keep_alive_s + w) +
                          rate * dt * overlap_cold_probability(rate, w, q.keep_alive_s);
            // replaced after recycle_s if it lives that long: its lifetime is about
            // keep-alive + (e^(rate T) - 1) / rate, exponentially distributed
            if (rate > 0.0) {
                const double lifetime = q.keep_alive_s + std::expm1(in_window) / rate;
                cold += pool * dt / q.recycle_s * std::exp(-q.recycle_s / lifetime);
            }
            return cold;
        };
        double cold_starts = 0.0;
        const std::size_t first2 = warm_up(double(window) + 2.0);
        if (window <= PreviousMax::kChunk) {
            // The pools first, then the environments kept warm as their running maximum, a chunk
            // at a time; the same sums in the same order as the interval-by-interval loop below.
            PreviousMax kept(window);
            std::vector<double> churn(PreviousMax::kChunk);
            for (std::size_t s0 = first2; s0 < 2 * n; s0 += PreviousMax::kChunk) {
                const std::size_t count = std::min(PreviousMax::kChunk, 2 * n - s0);
                const std::size_t i0 = s0 < n ? s0 : s0 - n;
                double* pushed = kept.input();
                for (std::size_t j = 0, i = i0; j < count; ++j, i = i + 1 == n ? 0 : i + 1) {
                    const double rate = on_demand_rate[i];
                    const double in_window = rate * (q.keep_alive_s + w);
                    if (in_window < kGapRuleBelow) {
                        pushed[j] = rate > 0.0 ? -std::expm1(-in_window) : 0.0;
                        churn[j] = 0.0;
                    } else {
                        const SteadyState ss = table_->at(rate);
                        pushed[j] = std::min(ss.environments, pool_limit);
                        churn[j] = rate * dt * ss.cold_probability;
                    }
                }
                const double* before = kept.compute(count);
                for (std::size_t j = s0 < n ? n - s0 : 0, i = s0 + j - n; j < count; ++j, ++i) {
                    const double rate = on_demand_rate[i];
                    const double requests = rate * dt;
                    const double in_window = rate * (q.keep_alive_s + w);
                    // steady-state churn (recycling included), plus the environments the pool
                    // grows by beyond those kept warm from the last keep-alive
                    const double cold = in_window < kGapRuleBelow ? gap_cold(i, rate, in_window, pushed[j])
                                                                  : churn[j] + std::max(0.0, pushed[j] - before[j]);
                    cold_starts += std::min(cold, requests);
                }
            }
        } else {
            SlidingMax kept(window);
            for (std::size_t s = first2, i = first2; s < 2 * n; ++s, i = i + 1 == n ? 0 : i + 1) {
                const double rate = on_demand_rate[i];
                const double requests = rate * dt;
                double pool = 0.0, cold = 0.0;
                const double in_window = rate * (q.keep_alive_s + w);
                if (in_window < kGapRuleBelow) {
                    pool = rate > 0.0 ? -std::expm1(-in_window) : 0.0;
                    if (s >= n) cold = gap_cold(i, rate, in_window, pool);
                } else {
                    const SteadyState ss = table_->at(rate);
                    pool = std::min(ss.environments, pool_limit);
                    cold = requests * ss.cold_probability + std::max(0.0, pool - kept.max());
                }
                kept.push(pool);
                if (s >= n) cold_starts += std::min(cold, requests);
            }
        }
        out.cold_starts = cold_starts;
    }

    const double f = p.month_factor();
    out.requests *= f;
    out.throttled *= f;
    out.served *= f;
    out.on_provisioned *= f;
    out.on_demand *= f;
    out.cold_starts *= f;
    out.mean_concurrency /= p.period_s();
    out.provisioned_environment_seconds = provisioned_environment_seconds_ * f;
    return out;
}

double ConcurrencyModel::suggested_provisioned(double requests_per_month, double breakeven_utilisation) const {
    if (breakeven_utilisation >= 1.0) return 0.0;  // PC costs more than on-demand even when always busy
    const std::vector<double>& rates = *rates_;
    const std::size_t n = rates.size();
    std::vector<double> c(n);
    for (std::size_t i = 0; i < n; ++i)
        c[i] = std::min(requests_per_month * rates[i] * params_.duration_s, params_.limit);
    // cost(N) / (on-demand saving) = u* N - mean(min(c, N)): convex, least where the share of time
    // with c > N falls to u*; the best integer is the floor or the ceiling of that quantile.
    auto cost = [&](double level) {
        double used = 0.0;
        for (double v : c) used += std::min(v, level);
        return breakeven_utilisation * level - used / double(n);
    };
    std::vector<double> sorted = c;
    std::sort(sorted.begin(), sorted.end(), std::greater<>());
    const auto m = std::size_t(std::floor(breakeven_utilisation * double(n)));
    if (m >= n) return 0.0;
    const double lo = std::floor(sorted[m]), hi = std::ceil(sorted[m]);
    return cost(hi) < cost(lo) ? hi : lo;
}

ConcurrencyResult ConcurrencyRuns::at(double requests_per_month) const {
    std::lock_guard lock(mutex_);
    if (requests_per_month != last_r_) {
        last_ = model_->run(requests_per_month);
        last_r_ = requests_per_month;
    }
    return last_;
}

namespace {

class ConcurrencyCurve final : public QuantityCurve {
  public:
    using Terms = std::vector<std::pair<double ConcurrencyResult::*, double>>;
    ConcurrencyCurve(std::shared_ptr<const ConcurrencyRuns> runs, Terms terms, bool carries_work)
        : runs_(std::move(runs)),
          terms_(std::move(terms)),
          carries_work_(carries_work),
          method_("per-interval concurrency model over " +
                  format_quantity(double(runs_->model().profile().requests.size())) + " intervals") {}
    [[nodiscard]] double quantity(double requests_per_month) const override {
        const ConcurrencyResult r = runs_->at(requests_per_month);
        double q = 0.0;
        for (const auto& [field, weight] : terms_) q += weight * (r.*field);
        return q;
    }
    [[nodiscard]] std::string_view method() const noexcept override { return method_; }
    /// One lap of the period (the warm-up laps are short).
    [[nodiscard]] std::size_t intervals() const noexcept override {
        return carries_work_ ? runs_->model().profile().requests.size() : 1;
    }

  private:
    std::shared_ptr<const ConcurrencyRuns> runs_;
    Terms terms_;
    bool carries_work_;
    std::string method_;
};

}  // namespace

std::shared_ptr<const QuantityCurve> concurrency_curve(
    std::shared_ptr<const ConcurrencyRuns> runs, std::vector<std::pair<double ConcurrencyResult::*, double>> terms,
    bool carries_work) {
    return std::make_shared<const ConcurrencyCurve>(std::move(runs), std::move(terms), carries_work);
}

namespace {

class InstanceSecondsCurve final : public QuantityCurve {
  public:
    InstanceSecondsCurve(std::shared_ptr<const TrafficProfile> profile, double billed_s, int per_instance)
        : profile_(std::move(profile)),
          rates_(profile_->shared_rates()),
          billed_s_(billed_s),
          per_instance_(per_instance),
          method_("per-interval request-based instance time over " +
                  format_quantity(double(profile_->requests.size())) + " intervals") {}
    [[nodiscard]] double quantity(double requests_per_month) const override {
        double sum = 0.0;
        for (double rate : *rates_) {
            const double c = requests_per_month * rate * billed_s_;
            sum += std::min(c, std::max(c / per_instance_, -std::expm1(-c)));
        }
        return sum * profile_->interval_s * profile_->month_factor();
    }
    [[nodiscard]] std::string_view method() const noexcept override { return method_; }
    [[nodiscard]] std::size_t intervals() const noexcept override { return rates_->size(); }

  private:
    std::shared_ptr<const TrafficProfile> profile_;
    std::shared_ptr<const std::vector<double>> rates_;
    double billed_s_;
    double per_instance_;
    std::string method_;
};

}  // namespace

std::shared_ptr<const QuantityCurve> request_based_instance_seconds(std::shared_ptr<const TrafficProfile> profile,
                                                                    double billed_s, int per_instance) {
    return std::make_shared<const InstanceSecondsCurve>(std::move(profile), billed_s, per_instance);
}

void add_concurrency_view(Bill& bill, const TrafficProfile& profile, double requests_per_month, double seconds,
                          int per_instance) {
    const std::shared_ptr<const std::vector<double>> shared = profile.shared_rates();
    const std::vector<double>& rates = *shared;
    std::vector<double> concurrency(rates.size()), instances(rates.size());
    double peak = 0.0, mean = 0.0, peak_instances = 0.0;
    for (std::size_t i = 0; i < rates.size(); ++i) {
        concurrency[i] = requests_per_month * rates[i] * seconds;
        if (per_instance > 0) instances[i] = std::ceil(concurrency[i] / per_instance * (1.0 - 1e-12));
        peak = std::max(peak, concurrency[i]);
        peak_instances = std::max(peak_instances, instances[i]);
        mean += concurrency[i];
    }
    bill.conventions.push_back({"mean_concurrency", mean / double(rates.size()), {}});
    bill.conventions.push_back({"peak_concurrency", peak, {}});
    bill.series.push_back(make_series("concurrency", "request", "max", profile.interval_s, concurrency));
    if (per_instance <= 0) return;
    bill.conventions.push_back({"peak_instances", peak_instances, {}});
    bill.series.push_back(make_series("instances", "instance", "max", profile.interval_s, instances));
}

BillSeries make_series(std::string_view name, std::string_view unit, std::string_view aggregation, double interval_s,
                       const std::vector<double>& values) {
    BillSeries s{.name = name, .unit = unit, .aggregation = aggregation, .interval_s = interval_s, .values = {}};
    const std::size_t per = (values.size() + BillSeries::kMaxPoints - 1) / BillSeries::kMaxPoints;
    if (per <= 1) {
        s.values = values;
        return s;
    }
    s.interval_s = interval_s * double(per);
    for (std::size_t i = 0; i < values.size(); i += per) {
        double v = 0.0;
        for (std::size_t j = i; j < std::min(values.size(), i + per); ++j)
            v = aggregation == "sum" ? v + values[j] : std::max(v, values[j]);
        s.values.push_back(v);
    }
    return s;
}

}  // namespace costsim::detail
