#pragma once
/// What is priced: the demand and the work each request does. Holds no prices and no choice of
/// where it runs (that is an Offering). Formulas: Design/pricing-model.md.

#include <costsim/traffic.hpp>
#include <costsim/units.hpp>

#include <memory>
#include <string>

namespace costsim {

/// Bounds of every Workload field; tests and docs refer to these names.
struct WorkloadLimits {
    static constexpr double max_requests_per_month = 1e13;  // ~3.8 million requests/s
    static constexpr double max_duration_ms = 900000.0;     // Lambda's 15-minute limit
    static constexpr double max_kb = 10.0 * 1024 * 1024;    // 10 GiB per request or response
    static constexpr double max_peak_to_mean = 1000.0;
    static constexpr double max_init_duration_ms = 900000.0;
    static constexpr double max_cpu_ms_per_request = 900000.0;
    static constexpr double max_new_connections_per_request = 1.0;
    static constexpr double max_data_out_gb_per_month = 1e9;  // 1 EB a month
};

/// Mean traffic and per-request work over one billing month.
///
/// Traffic is stored per month; per second is requests_per_month / kSecondsPerMonth
/// (730 h x 3,600 s). Built with designated initialisers:
/// `Workload{.requests_per_month = 3e6, .duration_ms = 120}`.
struct Workload {
    double requests_per_month = 0.0;  ///< mean monthly requests (invocations)
    double duration_ms = 100.0;       ///< mean run time per request, ms (> 0)
    double request_kb = 1.0;          ///< request size, KiB (API Gateway HTTP API metering)
    double response_kb = 0.0;         ///< response size, KiB (data transfer out)
    double internet_percent = 100.0;  ///< % of responses that leave the cloud for the internet
    double peak_to_mean = 1.0;        ///< peak / mean traffic: static fleets are sized for peak
    double cold_start_percent = 0.0;  ///< % of invocations that start a new environment
    double init_duration_ms = 0.0;    ///< INIT time of a cold start, ms (billed since 2025-08-01)
    double cpu_ms_per_request = 0.0;  ///< CPU time per request on one vCPU (0 = not given)
    /// New TCP connections per request (load balancer LCU): 1 = no keep-alive.
    double new_connections_per_request = 1.0;
    /// Data transfer out to the internet per month, GB, on top of the responses' (a fixed
    /// volume: it does not grow with traffic, and internet_percent does not apply to it).
    double data_out_gb_per_month = 0.0;
    /// Traffic over time (traffic.hpp); null: flat at the mean, with peak_to_mean's one peak.
    /// With a profile, peak_to_mean must stay 1: peaks are measured from the profile. An absolute
    /// profile gives the level: requests_per_month must be its requests_per_month() (with_traffic).
    std::shared_ptr<const TrafficProfile> traffic{};

    /// Mean requests per second over the month.
    [[nodiscard]] double requests_per_second() const noexcept { return requests_per_month / kSecondsPerMonth; }
    /// Converts a per-second rate into the monthly count this struct stores.
    [[nodiscard]] static double monthly_from_per_second(double rps) noexcept { return rps * kSecondsPerMonth; }

    /// This workload with `profile` as its traffic; an absolute profile also sets requests_per_month.
    [[nodiscard]] Workload with_traffic(TrafficProfile profile) const;

    /// \throws InvalidInput naming `<prefix><field>` for the first field out of its range.
    void validate(const std::string& prefix = "workload.") const;
    /// Checks a per-second rate as given, before monthly_from_per_second: [0, max_requests_per_month
    /// / kSecondsPerMonth]. \throws InvalidInput naming `field` and the rate.
    static void validate_requests_per_second(double rps, const std::string& field = "workload.requests_per_second");
};

}  // namespace costsim
