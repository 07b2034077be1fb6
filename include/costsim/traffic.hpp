#pragma once
/// Traffic over time: the requests that start in each interval of a representative period (a
/// day, a week, a month). Part of the workload; holds no prices. The month's quantities are the
/// period's x (2,628,000 s / the period's length). Formulas: Design/pricing-model.md#traffic-profiles.

#include <costsim/units.hpp>

#include <cstddef>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace costsim {

struct TrafficProfile;

namespace detail {
/// The per-interval rates a profile computed once, shared by every model built on it. Copying or
/// assigning a profile leaves the copy's cache empty (it computes its own on first use).
class SharedRatesCache {
  public:
    SharedRatesCache() = default;
    SharedRatesCache(const SharedRatesCache& /*other*/) noexcept {}
    SharedRatesCache(SharedRatesCache&& /*other*/) noexcept {}
    SharedRatesCache& operator=(const SharedRatesCache& other) noexcept {
        if (this != &other) reset();
        return *this;
    }
    SharedRatesCache& operator=(SharedRatesCache&& other) noexcept {
        if (this != &other) reset();
        return *this;
    }
    ~SharedRatesCache() = default;

  private:
    friend struct costsim::TrafficProfile;
    void reset() noexcept {
        const std::lock_guard lock(mutex_);
        rates_.reset();
    }
    std::mutex mutex_;
    std::shared_ptr<const std::vector<double>> rates_;
    const double* data_ = nullptr;  // what the rates were computed from: recomputed if it changed
    std::size_t size_ = 0;
    double interval_s_ = 0.0;
};
}  // namespace detail

/// Bounds of a traffic profile; tests and docs refer to these names.
struct TrafficLimits {
    static constexpr double min_interval_s = 1.0;
    static constexpr double max_interval_s = 3600.0;
    static constexpr std::size_t max_intervals = 1000000;
    /// Requests in one interval: the workload bound (1e13 a month) is never passed by one interval.
    static constexpr double max_requests_per_interval = 1e13;
    static constexpr std::size_t hours_per_week = 168;
    /// A preset's peak_to_mean: at most what its shape allows (TrafficPreset), and never above this.
    static constexpr double max_preset_peak_to_mean = 100.0;
};

/// The shapes `make_preset` builds, each normalised to mean 1 with its peak at `peak_to_mean`.
/// Shapes and the largest peak_to_mean each allows: Design/pricing-model.md#traffic-profiles.
enum class TrafficPreset {
    flat,            ///< constant (peak_to_mean must be 1)
    business_hours,  ///< Monday-Friday 09:00-17:00 at the peak, the rest of the week at one low level
    diurnal,         ///< a daily cosine peaking at 14:00, the same every day
    weekly,          ///< diurnal on weekdays, weekends at half the weekday mean
    nightly_batch,   ///< 01:00-03:00 every night at the peak, the rest at one low level
    spiky,           ///< per minute: a flat base with 5-minute bursts at the peak every 6 hours
};
/// "flat", "business_hours", "diurnal", "weekly", "nightly_batch", "spiky".
const char* to_string(TrafficPreset p) noexcept;
/// The preset spelled `name`. \throws InvalidInput naming `field` and listing the presets.
TrafficPreset traffic_preset_from_string(std::string_view name, const std::string& field);
/// The peak_to_mean a preset takes when none is given (flat 1, business_hours 3, diurnal 1.5,
/// weekly 2, nightly_batch 6, spiky 10).
double default_peak_to_mean(TrafficPreset p) noexcept;
/// The peak_to_mean range a preset's shape can reach with mean 1 and no negative level.
struct PeakToMeanRange {
    double min = 1.0;
    double max = 1.0;
};
PeakToMeanRange peak_to_mean_range(TrafficPreset p) noexcept;

/// Requests per interval over a representative period, starting at hour-of-week
/// `start_hour_of_week` (0 = Monday 00:00-01:00, in the workload's own time zone).
///
/// `absolute` series (an explicit series, a trace row, a CSV) give the level: the workload's
/// requests_per_month is derived from them. Shapes (hour_of_week, presets) give relative levels and
/// are scaled to the workload's requests_per_month. Either way a cost model at R requests a
/// month gives interval i `R x share(i) / month_factor()` requests.
struct TrafficProfile {
    double interval_s = 3600.0;
    std::vector<double> requests;  ///< per interval, >= 0; absolute counts or relative levels
    bool absolute = true;
    int start_hour_of_week = 0;  ///< 0..167
    /// Where it came from, for reports: "series", "hour_of_week", "preset diurnal (peak_to_mean 2)",
    /// "azure-functions-2019 row 7 (HashFunction c968871b...)", "csv".
    std::string source = "series";

    /// interval_s x intervals.
    [[nodiscard]] double period_s() const noexcept { return interval_s * double(requests.size()); }
    /// 2,628,000 s / period_s(): how many periods make the billing month.
    [[nodiscard]] double month_factor() const noexcept { return kSecondsPerMonth / period_s(); }
    /// Sum of requests over the period.
    [[nodiscard]] double total() const noexcept;
    /// requests_per_month an absolute series stands for: total() x month_factor().
    [[nodiscard]] double requests_per_month() const noexcept { return total() * month_factor(); }
    /// Interval i's share of the period's requests (uniform when every interval is 0).
    [[nodiscard]] double share(std::size_t i) const noexcept;
    /// Interval i's requests per second at `requests_per_month`:
    /// requests_per_month x share(i) / (month_factor() x interval_s).
    [[nodiscard]] double rate_at(std::size_t i, double requests_per_month) const noexcept;
    /// Per-interval rates per unit of requests_per_month (rate_at(i, 1)), for the simulators' loops.
    [[nodiscard]] std::vector<double> rates_per_request() const;
    /// The same rates, computed on first use and shared by every model of this profile (one copy of
    /// 8 bytes an interval however many offerings are priced). Thread-safe. Recomputed when
    /// `requests` was reallocated, resized or interval_s changed since; a profile whose counts are
    /// edited in place after models were built from it must not be priced again.
    [[nodiscard]] std::shared_ptr<const std::vector<double>> shared_rates() const;
    /// The hour of week (0..167) interval i starts in.
    [[nodiscard]] int hour_of_week(std::size_t i) const noexcept;

    /// Checks interval_s, the count of intervals, every count (finite, >= 0, at most
    /// max_requests_per_interval; whole numbers when absolute) and start_hour_of_week.
    /// \throws InvalidInput naming `<field>.interval_s`, `<field>.requests[i]`, ...
    void validate(const std::string& field = "workload.traffic") const;

    mutable detail::SharedRatesCache rates_cache{};  ///< shared_rates()'s; not part of the profile's value
};

/// A 168-hour shape from multipliers (normalised to mean 1; at least one above 0).
/// \throws InvalidInput naming `<field>.hour_of_week[i]` or `<field>.hour_of_week`.
TrafficProfile hour_of_week_profile(std::span<const double> multipliers, const std::string& field = "workload.traffic");

/// A preset's shape (a week, hourly; spiky: a week, per minute), mean 1, peak `peak_to_mean`.
/// \throws InvalidInput naming `<field>.peak_to_mean` when the shape cannot reach it.
TrafficProfile make_preset(TrafficPreset preset, double peak_to_mean, const std::string& field = "workload.traffic");

/// The peak interval rate at `granularity_s` (a multiple of interval_s, at least interval_s):
/// intervals summed in consecutive windows of that length, the largest window's mean rate.
struct TrafficPeak {
    double granularity_s = 0.0;
    double requests_per_second = 0.0;
    double peak_to_mean = 0.0;  ///< peak rate / mean rate (0 when there is no traffic)
};

/// What the `profile` command and the report show of a profile at one monthly level.
struct TrafficSummary {
    double interval_s = 0.0;
    std::size_t intervals = 0;
    double period_s = 0.0;
    double month_factor = 0.0;
    double requests_per_month = 0.0;
    double mean_requests_per_second = 0.0;
    std::vector<TrafficPeak> peaks;  ///< at the profile's interval, then 1 min, 5 min, 1 h, 1 day where coarser
    double idle_share = 0.0;         ///< share of the period's minutes (or intervals if coarser) with no request
    std::string source;
};

/// The profile's summary at `requests_per_month` (an absolute profile's own when negative).
TrafficSummary summarize(const TrafficProfile& profile, double requests_per_month = -1.0);

/// Requests per bucket for a chart: consecutive intervals summed into at most `max_points`
/// buckets of `intervals_per_bucket` intervals (the last bucket may hold fewer).
struct TrafficSeries {
    static constexpr std::size_t kMaxPoints = 10080;  ///< a week per minute
    double bucket_s = 0.0;
    std::size_t intervals_per_bucket = 1;
    std::vector<double> requests;
};
/// The profile's requests per bucket at `requests_per_month` (an absolute profile's own when negative).
TrafficSeries compact_series(const TrafficProfile& profile, double requests_per_month = -1.0,
                             std::size_t max_points = TrafficSeries::kMaxPoints);

}  // namespace costsim
