// A traffic profile's arithmetic: shares, per-interval rates, hours of week and its bounds.
// Presets, hour-of-week shapes and summaries: traffic_shapes.cpp. Design/pricing-model.md#traffic-profiles.
#include <costsim/traffic.hpp>

#include "core/validation.hpp"

#include <cmath>

namespace costsim {

double TrafficProfile::total() const noexcept {
    double sum = 0.0;
    for (double c : requests) sum += c;
    return sum;
}

double TrafficProfile::share(std::size_t i) const noexcept {
    const double t = total();
    // All-zero traffic is valid: scaled up (curves, break-even) it stands for flat traffic.
    return t > 0.0 ? requests[i] / t : 1.0 / double(requests.size());
}

double TrafficProfile::rate_at(std::size_t i, double requests_per_month) const noexcept {
    return requests_per_month * share(i) / (month_factor() * interval_s);
}

std::vector<double> TrafficProfile::rates_per_request() const {
    std::vector<double> out(requests.size());
    const double t = total();
    const double scale = 1.0 / (month_factor() * interval_s);
    for (std::size_t i = 0; i < requests.size(); ++i)
        out[i] = (t > 0.0 ? requests[i] / t : 1.0 / double(requests.size())) * scale;
    return out;
}

std::shared_ptr<const std::vector<double>> TrafficProfile::shared_rates() const {
    detail::SharedRatesCache& c = rates_cache;
    const std::lock_guard lock(c.mutex_);
    if (!c.rates_ || c.data_ != requests.data() || c.size_ != requests.size() || c.interval_s_ != interval_s) {
        c.rates_ = std::make_shared<const std::vector<double>>(rates_per_request());
        c.data_ = requests.data();
        c.size_ = requests.size();
        c.interval_s_ = interval_s;
    }
    return c.rates_;
}

int TrafficProfile::hour_of_week(std::size_t i) const noexcept {
    const double hours = std::floor(double(i) * interval_s / 3600.0);
    return static_cast<int>(std::fmod(double(start_hour_of_week) + hours, double(TrafficLimits::hours_per_week)));
}

void TrafficProfile::validate(const std::string& field) const {
    using L = TrafficLimits;
    detail::require_range(interval_s, L::min_interval_s, L::max_interval_s, {field, ".interval_s"});
    if (requests.empty())
        throw InvalidInput(field + ".requests", field + ".requests is empty: a profile needs at least one interval", 0);
    if (requests.size() > L::max_intervals)
        throw LimitExceeded(field + ".requests", "at most " + detail::format_quantity(double(L::max_intervals)) +
                                                     " intervals (got " +
                                                     detail::format_quantity(double(requests.size())) + ")");
    detail::require_int_range(start_hour_of_week, 0, L::hours_per_week - 1, {field, ".start_hour_of_week"});
    for (std::size_t i = 0; i < requests.size(); ++i) {
        const double c = requests[i];
        detail::require_range(c, 0, L::max_requests_per_interval, {field, ".requests", i});
        if (absolute && c != std::floor(c))
            throw InvalidInput(detail::FieldName(field, ".requests", i).str(),
                               "a whole number of requests (an explicit series counts requests)",
                               detail::format_number(c));
    }
}

}  // namespace costsim
