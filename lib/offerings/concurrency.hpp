#pragma once
// Concurrency of a per-use kind under a traffic profile, interval by interval: Little's law,
// the concurrency limit and the scaling rate (throttling), provisioned concurrency and its
// spill-over, and cold starts derived from keep-alive (the Mahmoudi-Khazaei steady state, the
// exact gap rule at low rates, pool growth at transitions). Holds no prices: the kinds' builders
// (lambda.cpp) turn its counts into components. Design/pricing-model.md#lambda-under-a-traffic-profile.
#include <costsim/bill.hpp>
#include <costsim/catalog.hpp>  // kUnbounded
#include <costsim/cost_model.hpp>
#include <costsim/traffic.hpp>

#include <bit>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace costsim::detail {

/// Steady state of one function at a constant Poisson rate (Mahmoudi & Khazaei, IEEE TCC 2020;
/// wave2-facts 2.1): the share of requests that start a new environment, and the mean number of
/// environments alive (busy or idle within the keep-alive).
struct SteadyState {
    double cold_probability = 0.0;
    double environments = 0.0;
};

/// The Mahmoudi-Khazaei model at `rate` req/s, `warm_s` in the function, `keep_alive_s` idle
/// before an environment is reclaimed: Erlang-B blocking per pool size, the birth-death chain of
/// pool sizes solved in log space. Cost grows with rate x warm_s (one step a pool size).
SteadyState mk_steady_state(double rate, double warm_s, double keep_alive_s, double recycle_s = kUnbounded);

/// The rule for one environment at low rates (wave2-facts 2.1): a request is cold iff no request
/// started in the last keep_alive_s + warm_s, exp(-rate (keep_alive_s + warm_s)), plus
/// overlap_cold_probability.
double gap_cold_probability(double rate, double warm_s, double keep_alive_s) noexcept;
/// A request that finds the one environment busy (1 - exp(-rate warm_s)) while it is alive
/// needs a second, which at these rates is almost never warm.
double overlap_cold_probability(double rate, double warm_s, double keep_alive_s) noexcept;

/// Below this rate x (keep_alive_s + warm_s) an interval uses the gap rule, at and above it the
/// Mahmoudi-Khazaei steady state (~7 % high at very low load, wave2-facts 2.1). At 3 the two agree
/// within 5 % for warm_s from 0.1 s to 10 s (Design/pricing-model.md).
inline constexpr double kGapRuleBelow = 3.0;

/// mk_steady_state tabulated over rho = rate x warm_s from where the gap rule ends to kTableMaxRho,
/// extrapolated above it by square-root staffing: the idle headroom and the cold-start rate grow
/// as sqrt(rho) (Design/pricing-model.md). The nodes are the doubles whose mantissa's low 52 -
/// kCellBits bits are 0 (2^kCellBits cells an octave, each at most 1.6 % wide), so a rate's cell
/// is its bit pattern shifted and the value within it is linear in those low bits: no exp or log
/// per lookup. Linear interpolation in rho is within kTableTolerance of mk_steady_state (tested).
/// Immutable once built.
class SteadyStateTable {
  public:
    static constexpr double kTableMaxRho = 1000.0;
    static constexpr int kCellBits = 6;
    /// |table - model| <= kTableTolerance x (model + kTableFloor) for the cold-start probability,
    /// <= kTableTolerance x model for the environments (tests/unit/offerings/steady_state_table.cpp).
    static constexpr double kTableTolerance = 5e-3;
    static constexpr double kTableFloor = 1e-5;
    SteadyStateTable(double warm_s, double keep_alive_s, double recycle_s);
    [[nodiscard]] SteadyState at(double rate) const noexcept {
        const double rho = rate * warm_s_;
        if (!(rho > 0.0)) return {1.0, 0.0};
        const auto bits = std::bit_cast<std::uint64_t>(rho);
        const std::uint64_t key = bits >> kLowBits;
        if (key < first_key_) return {cells_.front().cold, cells_.front().envs};
        const std::uint64_t k = key - first_key_;
        if (k + 1 >= cells_.size()) return above(rho);
        // within a cell rho is linear in the low bits of its mantissa
        const double f = double(bits & kLowMask) * kPerLowUnit;
        const Cell& c = cells_[k];
        return {c.cold + f * c.cold_slope, c.envs + f * c.envs_slope};
    }
    /// The rho of the first and last node (the table covers [first, last]).
    [[nodiscard]] double first_rho() const noexcept;
    [[nodiscard]] double last_rho() const noexcept;

  private:
    static constexpr int kLowBits = 52 - kCellBits;
    static constexpr std::uint64_t kLowMask = (std::uint64_t{1} << kLowBits) - 1;
    static constexpr double kPerLowUnit = 1.0 / double(std::uint64_t{1} << kLowBits);
    [[nodiscard]] SteadyState above(double rho) const noexcept;  ///< beyond the last node
    struct Cell {
        double cold = 0.0, cold_slope = 0.0;  // value at the cell's start, and its rise over the cell
        double envs = 0.0, envs_slope = 0.0;
    };
    double warm_s_;
    std::uint64_t first_key_ = 0;  // bit pattern of the first node >> (52 - kCellBits)
    std::vector<Cell> cells_;      // cells_.back() is the last node (slopes 0)
};

/// The table of (warm_s, keep_alive_s, recycle_s), shared: it does not depend on the profile or
/// the level, so the models that flip and break-even build again and again reuse one (~5 ms to
/// build). Keeps the last kSharedTables distinct ones.
std::shared_ptr<const SteadyStateTable> shared_steady_state_table(double warm_s, double keep_alive_s, double recycle_s);
inline constexpr std::size_t kSharedTables = 16;

/// What a function's environments do, the bounds AWS sets and the provisioned levels.
struct ConcurrencyParams {
    double duration_s = 0.1;      ///< mean time in the function (Little's law)
    double keep_alive_s = 600.0;  ///< idle time before an environment is reclaimed
    double recycle_s = 7200.0;    ///< every environment is replaced after this long
    double limit = 1000.0;        ///< concurrent executions allowed (reserved, else the account's)
    double burst = 1000.0;        ///< token bucket of new environments: capacity
    double refill_per_s = 100.0;  ///< and refill (1,000 per 10 s)
    /// Provisioned environments by hour of week (168), or empty for none.
    std::vector<double> provisioned_by_hour{};
    /// > 0: the share of on-demand requests that are cold (workload.cold_start_percent), instead of
    /// deriving it.
    double cold_share_override = 0.0;
};

/// A month's figures at one level of traffic (the period's x month_factor), and per-interval
/// series of the period.
struct ConcurrencyResult {
    double requests = 0.0;
    double throttled = 0.0;                        ///< refused by the limit or the scaling rate (not billed)
    double served = 0.0;                           ///< requests - throttled
    double on_provisioned = 0.0;                   ///< served on provisioned environments
    double on_demand = 0.0;                        ///< served - on_provisioned (spill-over included)
    double cold_starts = 0.0;                      ///< of the on-demand requests
    double provisioned_environment_seconds = 0.0;  ///< billed, 5-minute steps
    double peak_concurrency = 0.0;
    double mean_concurrency = 0.0;  ///< time-weighted, of the served requests
    /// When asked: per interval, or past BillSeries::kMaxPoints intervals per bucket of
    /// consecutive intervals as make_series would combine them (concurrency max, throttled sum),
    /// so a long profile's run holds no per-interval series.
    std::vector<double> concurrency;
    std::vector<double> throttled_series;
    double series_interval_s = 0.0;  ///< the span of one series value
};

/// The per-interval model of one function under one profile. Immutable; run() may be called
/// from several threads.
class ConcurrencyModel {
  public:
    ConcurrencyModel(std::shared_ptr<const TrafficProfile> profile, ConcurrencyParams params);
    [[nodiscard]] ConcurrencyResult run(double requests_per_month, bool with_series = false) const;
    [[nodiscard]] const TrafficProfile& profile() const noexcept { return *profile_; }
    [[nodiscard]] const ConcurrencyParams& params() const noexcept { return params_; }
    /// The provisioned level of interval i.
    [[nodiscard]] double provisioned_at(std::size_t i) const noexcept;
    /// The fixed provisioned level that costs least for this profile at `requests_per_month`
    /// (ignoring tiers, the free tier and cold starts): the level N whose share of time with
    /// concurrency above N is at most `breakeven_utilisation` = PC fee / (on-demand - PC duration).
    [[nodiscard]] double suggested_provisioned(double requests_per_month, double breakeven_utilisation) const;

  private:
    std::shared_ptr<const TrafficProfile> profile_;
    ConcurrencyParams params_;
    std::shared_ptr<const std::vector<double>> rates_;  ///< req/s per request a month (the profile's, shared)
    std::shared_ptr<const SteadyStateTable> table_;     ///< shared_steady_state_table's
    double provisioned_environment_seconds_;            ///< of the period (it does not depend on the traffic level)
    double max_rate_;                                   ///< the largest of *rates_
};

/// A view of one quantity of a shared ConcurrencyModel as a QuantityCurve: the last result is
/// cached, so a bill's components run the model once.
class ConcurrencyRuns {
  public:
    explicit ConcurrencyRuns(std::shared_ptr<const ConcurrencyModel> model) : model_(std::move(model)) {}
    [[nodiscard]] ConcurrencyResult at(double requests_per_month) const;
    [[nodiscard]] const ConcurrencyModel& model() const noexcept { return *model_; }

  private:
    std::shared_ptr<const ConcurrencyModel> model_;
    mutable std::mutex mutex_;
    mutable double last_r_ = -1.0;
    mutable ConcurrencyResult last_{};
};

/// A QuantityCurve of a shared run cache: sum of weight x field over `terms` (a curve per billed
/// quantity, all views of one per-interval model). The engines evaluate a model's curves at the same
/// R one after the other, so only the first runs the model: `carries_work` marks the one view whose
/// intervals() counts the run (2 laps of the period), the others count 1.
std::shared_ptr<const QuantityCurve> concurrency_curve(
    std::shared_ptr<const ConcurrencyRuns> runs, std::vector<std::pair<double ConcurrencyResult::*, double>> terms,
    bool carries_work);

/// Billed instance-seconds a month of a kind billed while an instance has at least one request
/// in flight (Cloud Run functions, request-based), each instance serving up to `per_instance` at
/// once: per interval Δ x min(C, max(C / per_instance, 1 - e^-C)) with C = rate x billed_s (the
/// requests in flight are Poisson(C): one instance is busy 1 - e^-C of the time until C /
/// per_instance instances at full packing bill more). per_instance 1 gives C: no change.
std::shared_ptr<const QuantityCurve> request_based_instance_seconds(std::shared_ptr<const TrafficProfile> profile,
                                                                    double billed_s, int per_instance);

/// The per-interval concurrency view of a per-use kind at `requests_per_month`: conventions
/// peak_concurrency, mean_concurrency (requests/s x `seconds`), peak_instances (ceil(concurrency /
/// per_instance)) and the series "concurrency" and "instances" (per_instance 0: concurrency only).
void add_concurrency_view(Bill& bill, const TrafficProfile& profile, double requests_per_month, double seconds,
                          int per_instance);

/// `values` (one per interval of `interval_s`) as a bill series of at most BillSeries::kMaxPoints
/// values, consecutive intervals combined by `aggregation` ("max" or "sum").
BillSeries make_series(std::string_view name, std::string_view unit, std::string_view aggregation, double interval_s,
                       const std::vector<double>& values);

}  // namespace costsim::detail
