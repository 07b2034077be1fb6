// Traffic shapes (presets, hour-of-week multipliers) and what a profile looks like (summary,
// compact series). Shapes and their bounds: Design/pricing-model.md#traffic-profiles.
#include <costsim/traffic.hpp>

#include "core/validation.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace costsim {
namespace {

constexpr std::size_t kHoursPerWeek = TrafficLimits::hours_per_week;
constexpr std::size_t kMinutesPerWeek = kHoursPerWeek * 60;

/// 40 business hours (Monday-Friday 09:00-17:00) of 168.
bool business_hour(std::size_t hour_of_week) {
    const std::size_t day = hour_of_week / 24, hour = hour_of_week % 24;
    return day < 5 && hour >= 9 && hour < 17;
}

/// The daily cosine of the diurnal shapes: 1 at 14:00, -1 at 02:00; it sums to 0 over the 24 hours.
double daily_cosine(std::size_t hour_of_day) {
    return std::cos(2.0 * std::numbers::pi * (double(hour_of_day) - 14.0) / 24.0);
}

/// The requests of each interval at `requests_per_month`: R x share(i) / month_factor, with the
/// total summed once (share() sums it on every call).
class Scaled {
  public:
    Scaled(const TrafficProfile& p, double requests_per_month)
        : p_(p), total_(p.total()), factor_(requests_per_month / p.month_factor()) {}
    double operator()(std::size_t i) const {
        return factor_ * (total_ > 0.0 ? p_.requests[i] / total_ : 1.0 / double(p_.requests.size()));
    }

  private:
    const TrafficProfile& p_;
    double total_, factor_;
};

double level_of(const TrafficProfile& p, double requests_per_month) {
    return requests_per_month < 0.0 ? p.requests_per_month() : requests_per_month;
}

}  // namespace

const char* to_string(TrafficPreset p) noexcept {
    switch (p) {
        case TrafficPreset::flat: return "flat";
        case TrafficPreset::business_hours: return "business_hours";
        case TrafficPreset::diurnal: return "diurnal";
        case TrafficPreset::weekly: return "weekly";
        case TrafficPreset::nightly_batch: return "nightly_batch";
        case TrafficPreset::spiky: return "spiky";
    }
    return "flat";
}

TrafficPreset traffic_preset_from_string(std::string_view name, const std::string& field) {
    for (TrafficPreset p : {TrafficPreset::flat, TrafficPreset::business_hours, TrafficPreset::diurnal,
                            TrafficPreset::weekly, TrafficPreset::nightly_batch, TrafficPreset::spiky})
        if (name == to_string(p)) return p;
    throw InvalidInput(field, "one of flat, business_hours, diurnal, weekly, nightly_batch, spiky",
                       "\"" + std::string(name) + "\"");
}

double default_peak_to_mean(TrafficPreset p) noexcept {
    switch (p) {
        case TrafficPreset::flat: return 1.0;
        case TrafficPreset::business_hours: return 3.0;
        case TrafficPreset::diurnal: return 1.5;
        case TrafficPreset::weekly: return 2.0;
        case TrafficPreset::nightly_batch: return 6.0;
        case TrafficPreset::spiky: return 10.0;
    }
    return 1.0;
}

PeakToMeanRange peak_to_mean_range(TrafficPreset p) noexcept {
    switch (p) {
        case TrafficPreset::flat: return {1.0, 1.0};
        case TrafficPreset::business_hours: return {1.0, 168.0 / 40.0};  // the rest (168 - 40p) / 128 >= 0
        case TrafficPreset::diurnal: return {1.0, 2.0};                  // the trough 2 - p >= 0
        case TrafficPreset::weekly: return {7.0 / 6.0, 7.0 / 3.0};       // weekday mean 7/6, trough >= 0
        case TrafficPreset::nightly_batch: return {1.0, 168.0 / 14.0};   // the rest (168 - 14p) / 154 >= 0
        case TrafficPreset::spiky: return {1.0, 10080.0 / 140.0};        // the base (10,080 - 140p) / 9,940 >= 0
    }
    return {1.0, 1.0};
}

TrafficProfile hour_of_week_profile(std::span<const double> multipliers, const std::string& field) {
    const std::string name = field + ".hour_of_week";
    if (multipliers.size() != kHoursPerWeek)
        throw InvalidInput(name, "168 multipliers, one per hour of the week from Monday 00:00",
                           std::to_string(multipliers.size()));
    double sum = 0.0;
    for (std::size_t i = 0; i < multipliers.size(); ++i) {
        detail::require_range(multipliers[i], 0, TrafficLimits::max_requests_per_interval, {field, ".hour_of_week", i});
        sum += multipliers[i];
    }
    if (sum <= 0.0)
        throw InvalidInput(name, "at least one multiplier above 0 (the shape is normalised to mean 1)", "all 0");
    TrafficProfile p;
    p.interval_s = 3600.0;
    p.absolute = false;
    p.source = "hour_of_week";
    p.requests.reserve(kHoursPerWeek);
    for (double m : multipliers) p.requests.push_back(m * double(kHoursPerWeek) / sum);
    return p;
}

TrafficProfile make_preset(TrafficPreset preset, double peak_to_mean, const std::string& field) {
    const PeakToMeanRange range = peak_to_mean_range(preset);
    const double hi = std::min(range.max, TrafficLimits::max_preset_peak_to_mean);
    if (!std::isfinite(peak_to_mean) || peak_to_mean < range.min || peak_to_mean > hi)
        throw InvalidInput(field + ".peak_to_mean",
                           "a number in [" + detail::format_number(range.min) + ", " + detail::format_number(hi) +
                               "] for preset " + to_string(preset) + " (what its shape reaches with mean 1)",
                           detail::format_number(peak_to_mean));
    const double p = peak_to_mean;
    TrafficProfile out;
    out.absolute = false;
    out.interval_s = 3600.0;
    out.source = std::string("preset ") + to_string(preset) + " (peak_to_mean " + detail::format_number(p) + ")";
    std::vector<double>& v = out.requests;
    switch (preset) {
        case TrafficPreset::flat: v.assign(kHoursPerWeek, 1.0); break;
        case TrafficPreset::business_hours:
            for (std::size_t h = 0; h < kHoursPerWeek; ++h)
                v.push_back(business_hour(h) ? p : (168.0 - 40.0 * p) / 128.0);
            break;
        case TrafficPreset::diurnal:
            for (std::size_t h = 0; h < kHoursPerWeek; ++h) v.push_back(1.0 + (p - 1.0) * daily_cosine(h % 24));
            break;
        case TrafficPreset::weekly: {
            // Weekday mean m, weekends flat at m / 2: (5m + 2m/2) / 7 = 1 gives m = 7/6; the weekday
            // cosine's amplitude a makes the peak m (1 + a) = p.
            const double m = 7.0 / 6.0, a = p / m - 1.0;
            for (std::size_t h = 0; h < kHoursPerWeek; ++h)
                v.push_back(h / 24 < 5 ? m * (1.0 + a * daily_cosine(h % 24)) : m / 2.0);
            break;
        }
        case TrafficPreset::nightly_batch:
            for (std::size_t h = 0; h < kHoursPerWeek; ++h) {
                const std::size_t hour = h % 24;
                v.push_back(hour == 1 || hour == 2 ? p : (168.0 - 14.0 * p) / 154.0);
            }
            break;
        case TrafficPreset::spiky:
            // Per minute: 5-minute bursts at 00:00, 06:00, 12:00 and 18:00 (28 a week, 140 minutes).
            out.interval_s = 60.0;
            for (std::size_t m = 0; m < kMinutesPerWeek; ++m)
                v.push_back(m % 360 < 5 ? p : (10080.0 - 140.0 * p) / 9940.0);
            break;
    }
    return out;
}

TrafficSummary summarize(const TrafficProfile& profile, double requests_per_month) {
    const double level = level_of(profile, requests_per_month);
    const std::size_t n = profile.requests.size();
    TrafficSummary s;
    s.interval_s = profile.interval_s;
    s.intervals = n;
    s.period_s = profile.period_s();
    s.month_factor = profile.month_factor();
    s.requests_per_month = level;
    s.mean_requests_per_second = level / kSecondsPerMonth;
    s.source = profile.source;
    // Windows of whole intervals that fit the period: the profile's own interval, then the coarser
    // of 1 min, 5 min, 1 h and 1 day it divides.
    std::vector<double> granularities = {profile.interval_s};
    for (double g : {60.0, 300.0, 3600.0, 86400.0})
        if (g > profile.interval_s && std::fmod(g, profile.interval_s) == 0.0 && g <= s.period_s)
            granularities.push_back(g);
    for (double g : granularities) {
        const auto per_window = static_cast<std::size_t>(std::llround(g / profile.interval_s));
        const Scaled scaled(profile, level);
        double largest = 0.0;
        for (std::size_t start = 0; start + per_window <= n; start += per_window) {
            double sum = 0.0;
            for (std::size_t i = start; i < start + per_window; ++i) sum += scaled(i);
            largest = std::max(largest, sum);
        }
        const double rate = largest / g;
        s.peaks.push_back({g, rate, s.mean_requests_per_second > 0.0 ? rate / s.mean_requests_per_second : 0.0});
    }
    // Idle minutes: intervals grouped by minute when they divide one, else the intervals themselves.
    const bool by_minute = profile.interval_s < 60.0 && std::fmod(60.0, profile.interval_s) == 0.0;
    const std::size_t per_group = by_minute ? static_cast<std::size_t>(std::llround(60.0 / profile.interval_s)) : 1;
    const std::size_t groups = (n + per_group - 1) / per_group;
    std::size_t idle = 0;
    if (level <= 0.0) {
        idle = groups;
    } else if (profile.total() > 0.0) {  // all-zero traffic scaled up is flat: never idle
        for (std::size_t g = 0; g < groups; ++g) {
            bool any = false;
            for (std::size_t i = g * per_group; i < std::min(n, (g + 1) * per_group) && !any; ++i)
                any = profile.requests[i] > 0.0;
            idle += any ? 0 : 1;
        }
    }
    s.idle_share = groups ? double(idle) / double(groups) : 0.0;
    return s;
}

TrafficSeries compact_series(const TrafficProfile& profile, double requests_per_month, std::size_t max_points) {
    const double level = level_of(profile, requests_per_month);
    const std::size_t n = profile.requests.size();
    TrafficSeries out;
    out.intervals_per_bucket = std::max<std::size_t>(1, (n + max_points - 1) / std::max<std::size_t>(1, max_points));
    out.bucket_s = profile.interval_s * double(out.intervals_per_bucket);
    out.requests.reserve((n + out.intervals_per_bucket - 1) / out.intervals_per_bucket);
    const Scaled scaled(profile, level);
    // An absolute profile at its own level keeps its counts as given: scaling a count by its share
    // of the total and back adds float noise (49 x 1/49 = 0.9999999999999999), and the page sends a
    // sample row's counts back as an explicit series, which must hold whole numbers.
    const bool own_counts = profile.absolute && requests_per_month < 0.0;
    for (std::size_t start = 0; start < n; start += out.intervals_per_bucket) {
        double sum = 0.0;
        for (std::size_t i = start; i < std::min(n, start + out.intervals_per_bucket); ++i)
            sum += own_counts ? profile.requests[i] : scaled(i);
        out.requests.push_back(sum);
    }
    return out;
}

}  // namespace costsim
