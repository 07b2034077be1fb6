// The Cloud Run services kind (instance-based billing): its fields and the rules across them,
// declared once. The cost model: cloud_run_service.cpp.
// Formulas and sources: Design/pricing-model.md#cloud-run-services-instance-based-billing.
#include "offerings/field_binding.hpp"
#include "offerings/fleet/scaling_fields.hpp"

#include "core/validation.hpp"  // format_number

#include <costsim/error.hpp>

#include <string>

namespace costsim {
namespace detail {
CostModel::Data build_cloud_run_service(const Workload& w, const CloudRunServiceConfig& c,
                                        const Catalog& catalog);  // cloud_run_service.cpp
}  // namespace detail

namespace {

using C = CloudRunServiceConfig;

CostModel::Data build(const Workload& w, const OfferingConfig& c, const Catalog& catalog) {
    return detail::build_cloud_run_service(w, std::get<C>(c), catalog);
}

using detail::bind;
using Range = OfferingLimits::Range;

// This kind's bounds beside OfferingLimits (memory and concurrency are Cloud Run's, shared with
// cloud_run). From Google's docs: vCPU and memory cloud.google.com/run/docs/configuring/services/cpu
// and .../memory-limits; concurrency .../about-concurrency (default 80, at most 1,000); the
// concurrency utilisation target .../configuring/scaling-controls (default 60 %, 10 % to 95 %).
constexpr Range kVcpu{1, 8};               // and 1, 2, 4, 6 or 8 (check)
constexpr Range kMinInstances{0, 10000};   // 0: scale to zero
constexpr Range kMaxInstances{1, 100000};  // the real cap is the region's quota
constexpr Range kTargetUtilization{0.1, 0.95};
constexpr Range kMemoryMb = OfferingLimits::cloud_run_memory_mb;
constexpr Range kConcurrency = OfferingLimits::cloud_run_concurrency;

constexpr FieldInfo kFields[] = {
    bind<C, &C::region>({.name = "region",
                         .type = FieldType::text,
                         .help = "Google Cloud region",
                         .text_rule = TextRule::region,
                         .compare = CompareFlag::prefixed}),
    bind<C, &C::vcpu>({.name = "vcpu",
                       .type = FieldType::number,
                       .help = "vCPU of each instance: 1, 2, 4, 6 or 8 (below 1 needs request-based billing)",
                       .unit = "vCPU",
                       .min = kVcpu.min,
                       .max = kVcpu.max,
                       .compare = CompareFlag::prefixed}),
    bind<C, &C::memory_mb>({.name = "memory_mb",
                            .type = FieldType::integer,
                            .help = "memory of each instance (MiB), within the vCPU's range",
                            .unit = "MB",
                            .min = kMemoryMb.min,
                            .max = kMemoryMb.max,
                            .compare = CompareFlag::prefixed}),
    bind<C, &C::concurrency>({.name = "concurrency",
                              .type = FieldType::integer,
                              .help = "requests one instance serves at once",
                              .min = kConcurrency.min,
                              .max = kConcurrency.max,
                              .compare = CompareFlag::prefixed}),
    bind<C, &C::min_instances>({.name = "min_instances",
                                .type = FieldType::integer,
                                .help = "instances kept up at zero traffic (0: scales to zero)",
                                .min = kMinInstances.min,
                                .max = kMinInstances.max,
                                .compare = CompareFlag::prefixed}),
    bind<C, &C::max_instances>({.name = "max_instances",
                                .type = FieldType::integer,
                                .help = "most instances the service may run (flagged when the peak needs more)",
                                .min = kMaxInstances.min,
                                .max = kMaxInstances.max,
                                .optional = true,
                                .unset = "no cap but the region's quota",
                                .compare = CompareFlag::prefixed}),
    bind<C, &C::target_utilization>(
        {.name = "target_utilization",
         .type = FieldType::number,
         .help = "share of concurrency the autoscaler fills at peak (Google's 60 % default)",
         .min = kTargetUtilization.min,
         .max = kTargetUtilization.max,
         .compare = CompareFlag::prefixed}),
    bind<C, &C::free_tier>({.name = "free_tier",
                            .type = FieldType::boolean,
                            .help = "the monthly free tier (240,000 vCPU-s and 450,000 GiB-s, valued at Tier 1 prices)",
                            .compare = CompareFlag::shared,
                            .flag_help = "price without the monthly free tier"}),
    // The scaling group without its max_instances: the service's own max_instances is the cap.
    detail::scaling_field<C>(0),
    detail::scaling_field<C>(2),
    detail::scaling_field<C>(3),
    detail::scaling_field<C>(4),
};

/// Google's memory range for a vCPU count (cloud.google.com/run/docs/configuring/services/cpu,
/// "vCPU and memory table"): 1 vCPU up to 4 GiB, 2 up to 8 GiB, 4 from 2 to 16 GiB, 6 from 4 to
/// 24 GiB, 8 from 4 to 32 GiB; 128 MiB is the least any instance has (first generation).
struct MemoryRange {
    int min_mb;
    int max_mb;
};
MemoryRange memory_range(double vcpu) {
    if (vcpu <= 1) return {128, 4096};
    if (vcpu <= 2) return {128, 8192};
    if (vcpu <= 4) return {2048, 16384};
    if (vcpu <= 6) return {4096, 24576};
    return {4096, 32768};
}

void check(const OfferingConfig& config, const std::string& p) {
    const auto& c = std::get<C>(config);
    if (c.vcpu != 1 && c.vcpu != 2 && c.vcpu != 4 && c.vcpu != 6 && c.vcpu != 8)
        throw InvalidInput(p + "vcpu",
                           "1, 2, 4, 6 or 8 under instance-based billing (Google allows no other count; a vCPU below "
                           "1 needs request-based billing, kind cloud_run)",
                           detail::format_number(c.vcpu));
    const MemoryRange range = memory_range(c.vcpu);
    if (c.memory_mb < range.min_mb || c.memory_mb > range.max_mb)
        throw InvalidInput(p + "memory_mb",
                           "in [" + std::to_string(range.min_mb) + ", " + std::to_string(range.max_mb) + "] with " +
                               detail::format_number(c.vcpu) +
                               " vCPU (Google's table: 1 vCPU up to 4 GiB, 2 up to 8 GiB, 4 from 2 to 16 GiB, 6 from 4 "
                               "to 24 GiB, 8 from 4 to 32 GiB)",
                           std::to_string(c.memory_mb));
    if (c.max_instances && c.min_instances > *c.max_instances)
        throw InvalidInput(p + "min_instances", "at most max_instances (" + std::to_string(*c.max_instances) + ")",
                           std::to_string(c.min_instances));
    detail::check_scaling_fields(c.scaling, c.min_instances, "min_instances", false, p);
}

std::string label_of(const OfferingConfig& config, bool with_memory) {
    const auto& c = std::get<C>(config);
    std::string label = "Cloud Run service " + detail::format_number(c.vcpu) + " vCPU";
    if (with_memory) label.append(" ").append(std::to_string(c.memory_mb)).append(" MB");
    return label;
}

std::string id_of(const OfferingConfig& config) {
    const auto& c = std::get<C>(config);
    return "cloud_run_service-" + c.region + "-" + detail::format_number(c.vcpu) + "vcpu-" +
           std::to_string(c.memory_mb) + "mb";
}

// Billed per capacity: the bill follows the instances that are up, a step function of the peak
// (like a VM fleet), not the requests served. compare() then pairs it with each usage-priced
// offering (Lambda, Cloud Run functions, ...), and not with other fleets, whose crossings sit on
// instance steps.
constexpr KindInfo kKind{
    .name = "cloud_run_service",
    .label = "Cloud Run service (instance-based)",
    .provider = "gcp",
    .billing = Billing::per_capacity,
    .help =
        "Google Cloud Run service with instance-based billing: vCPU-seconds and GiB-seconds of every instance "
        "while it is up, no request fee; instances sized from the requests in flight at peak",
    .flag_prefix = "cloud-run-service",
    .fields = kFields,
    .label_of = label_of,
    .id_of = id_of,
    .build = build,
    .check = check,
};

}  // namespace

const KindInfo& kind_descriptor(std::type_identity<CloudRunServiceConfig>) noexcept { return kKind; }

void CloudRunServiceConfig::validate(const std::string& prefix) const {
    validate_fields(OfferingConfig(*this), prefix);
}

}  // namespace costsim
