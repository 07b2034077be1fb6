#pragma once
// The "scaling" group of a capacity-billed kind's descriptor (FleetScaling), written once for the
// four kinds that have one, and the rules across its fields.
#include "offerings/field_binding.hpp"

#include <costsim/error.hpp>
#include <costsim/fleet_scaling.hpp>

#include <string>

namespace costsim::detail {

/// The five scaling fields of `Config::scaling`, in the order shown.
template <class Config>
constexpr FieldInfo scaling_field(int i) {
    using S = FleetScaling;
    switch (i) {
        case 0:
            return bind_nested<Config, &Config::scaling, &S::mode>(
                {.name = "scaling.mode",
                 .type = FieldType::choice,
                 .help = "how the count follows a traffic profile: static (sized for its peak), schedule (per hour "
                         "of week) or autoscale",
                 .options = kSpellings<ScalingMode>,
                 .flag = "scaling",
                 .compare = CompareFlag::shared});
        case 1:
            return bind_nested<Config, &Config::scaling, &S::max_instances>(
                {.name = "scaling.max_instances",
                 .type = FieldType::integer,
                 .help = "the most instances the fleet runs",
                 .min = OfferingLimits::fleet_instances.min,
                 .max = OfferingLimits::fleet_instances.max,
                 .optional = true,
                 .unset = "no cap",
                 .compare = CompareFlag::shared});
        case 2:
            return bind_nested<Config, &Config::scaling, &S::scale_out_delay_s>(
                {.name = "scaling.scale_out_delay_s",
                 .type = FieldType::number,
                 .help = "autoscale: seconds from more demand to a new instance serving (boot and warm-up)",
                 .unit = "s",
                 .min = OfferingLimits::fleet_scaling_delay_s.min,
                 .max = OfferingLimits::fleet_scaling_delay_s.max,
                 .compare = CompareFlag::shared});
        case 3:
            return bind_nested<Config, &Config::scaling, &S::scale_in_delay_s>(
                {.name = "scaling.scale_in_delay_s",
                 .type = FieldType::number,
                 .help = "autoscale: seconds of lower demand before an instance leaves",
                 .unit = "s",
                 .min = OfferingLimits::fleet_scaling_delay_s.min,
                 .max = OfferingLimits::fleet_scaling_delay_s.max,
                 .compare = CompareFlag::shared});
        default:
            return bind_nested<Config, &Config::scaling, &S::instances>(
                {.name = "scaling.instances",
                 .type = FieldType::list,
                 .help = "schedule: instances for each hour of week, Monday 00:00 first",
                 .min = OfferingLimits::fleet_schedule_instances.min,
                 .max = OfferingLimits::fleet_schedule_instances.max,
                 .integer_items = true,
                 .list_length = 168,
                 .optional = true,
                 .unset = "derived from the traffic profile (each hour sized for its peak interval)",
                 .flag = "schedule-instances",
                 .compare = CompareFlag::shared});
    }
}

/// Rules across the scaling fields and the kind's floor (`min_field`, its value `min_instances`)
/// and fixed count. \throws InvalidInput naming `<prefix>scaling.<field>`.
inline void check_scaling_fields(const FleetScaling& s, int min_instances, std::string_view min_field, bool fixed_count,
                                 const std::string& prefix) {
    if (s.max_instances && *s.max_instances < min_instances)
        throw InvalidInput(prefix + "scaling.max_instances",
                           "at least " + std::string(min_field) + " (" + std::to_string(min_instances) + ")",
                           std::to_string(*s.max_instances));
    if (fixed_count && s.mode != ScalingMode::static_size)
        throw InvalidInput(prefix + "scaling.mode", "static with a fixed count (a fixed fleet does not scale)",
                           std::string("\"") + std::string(spelling(s.mode)) + "\"");
    if (!s.instances.empty() && s.mode != ScalingMode::schedule)
        throw InvalidInput(prefix + "scaling.instances", "given only with scaling.mode schedule",
                           std::to_string(s.instances.size()) + " items");
}

}  // namespace costsim::detail
