#include <costsim/workload.hpp>

#include "core/validation.hpp"

#include <algorithm>
#include <cmath>

namespace costsim {

void Workload::validate(const std::string& p) const {
    using detail::require_range;
    using L = WorkloadLimits;
    require_range(requests_per_month, 0, L::max_requests_per_month, {p, "requests_per_month"});
    detail::require_range_open_low(duration_ms, 0, L::max_duration_ms, {p, "duration_ms"});
    require_range(request_kb, 0, L::max_kb, {p, "request_kb"});
    require_range(response_kb, 0, L::max_kb, {p, "response_kb"});
    require_range(internet_percent, 0, 100, {p, "internet_percent"});
    require_range(peak_to_mean, 1, L::max_peak_to_mean, {p, "peak_to_mean"});
    require_range(cold_start_percent, 0, 100, {p, "cold_start_percent"});
    require_range(init_duration_ms, 0, L::max_init_duration_ms, {p, "init_duration_ms"});
    require_range(cpu_ms_per_request, 0, L::max_cpu_ms_per_request, {p, "cpu_ms_per_request"});
    require_range(new_connections_per_request, 0, L::max_new_connections_per_request,
                  {p, "new_connections_per_request"});
    require_range(data_out_gb_per_month, 0, L::max_data_out_gb_per_month, {p, "data_out_gb_per_month"});
    if (!traffic) return;
    traffic->validate(p + "traffic");
    if (peak_to_mean != 1.0)
        throw InvalidInput(p + "peak_to_mean", "1 with a traffic profile (the peak is measured from " + p + "traffic)",
                           detail::format_number(peak_to_mean));
    // An absolute series gives the level; scaling it is the engines' business (curves, sweeps),
    // through the cost model's R, never through a second level given beside it.
    if (traffic->absolute) {
        const double level = traffic->requests_per_month();
        if (std::fabs(requests_per_month - level) > 1e-9 * std::max(1.0, level))
            throw InvalidInput(p + "requests_per_month",
                               "the level " + p + "traffic gives (" + detail::format_number(level) +
                                   "): an explicit series sets requests_per_month; leave it out",
                               detail::format_number(requests_per_month));
    }
}

Workload Workload::with_traffic(TrafficProfile profile) const {
    Workload w = *this;
    if (profile.absolute) w.requests_per_month = profile.requests_per_month();
    w.traffic = std::make_shared<const TrafficProfile>(std::move(profile));
    return w;
}

void Workload::validate_requests_per_second(double rps, const std::string& field) {
    detail::require_range(rps, 0, WorkloadLimits::max_requests_per_month / kSecondsPerMonth, field);
}

}  // namespace costsim
