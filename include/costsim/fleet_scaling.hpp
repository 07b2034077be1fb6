#pragma once
/// How a capacity-billed fleet (VM fleet, Fargate tasks, Lambda Managed Instances, a Cloud Run
/// service) follows traffic over time: sized once for the peak, per hour of week, or autoscaled.
/// Part of each such kind's configuration, as the scenario's nested "scaling" object.
/// Formulas: Design/pricing-model.md#fleets-under-a-traffic-profile.

#include <costsim/offering_options.hpp>

#include <optional>
#include <vector>

namespace costsim {

/// static: sized for the profile's peak all month; schedule: a count per hour of week;
/// autoscale: target tracking on utilisation, with launch and scale-in delays.
enum class ScalingMode { static_size, schedule, autoscale };

template <>
struct EnumSpellings<ScalingMode> {
    static constexpr Spelling<ScalingMode> values[] = {{"static", ScalingMode::static_size},
                                                       {"schedule", ScalingMode::schedule},
                                                       {"autoscale", ScalingMode::autoscale}};
};

/// The scaling of a fleet. The floor is the kind's own min_instances (min_tasks).
struct FleetScaling {
    ScalingMode mode = ScalingMode::static_size;
    /// The most instances the fleet runs (an Auto Scaling group's maximum); unset: no cap.
    std::optional<int> max_instances{};
    /// Seconds from a scale-out decision to the new instance serving (detection, boot, app start,
    /// health checks): 300 s, inside the 4-7 min T_lag of wave2-facts 1.1.
    double scale_out_delay_s = 300.0;
    /// Seconds of lower demand before an instance leaves: 900 s, the target-tracking scale-in alarm's
    /// 15 datapoints in 15 minutes (wave2-facts 1.1.7).
    double scale_in_delay_s = 900.0;
    /// schedule: the count for each hour of week (168, Monday 00:00-01:00 first); empty: derived from
    /// the traffic profile, each hour sized for its peak interval.
    std::vector<double> instances{};
};

}  // namespace costsim
