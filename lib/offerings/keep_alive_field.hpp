#pragma once
// The keep_alive_s field of the kinds whose idle instances are reclaimed (Cloud Run functions,
// Azure Functions Consumption and Flex), declared once so their descriptors stay alike. Lambda's
// differs (an environment, not shared in compare) and keeps its own.
#include "offerings/field_binding.hpp"

namespace costsim::detail {

/// `Config::keep_alive_s`, seconds, within Lambda's bounds (OfferingLimits::lambda_keep_alive_s).
template <class Config>
constexpr FieldInfo instance_keep_alive_field() {
    return bind<Config, &Config::keep_alive_s>(
        {.name = "keep_alive_s",
         .type = FieldType::number,
         .help = "idle time before an instance is reclaimed (with a traffic profile)",
         .unit = "s",
         .min = OfferingLimits::lambda_keep_alive_s.min,
         .max = OfferingLimits::lambda_keep_alive_s.max,
         .compare = CompareFlag::prefixed});
}

}  // namespace costsim::detail
