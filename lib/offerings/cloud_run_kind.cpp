// The Cloud Run functions kind (request-based billing): its fields, declared once.
// The cost model: cloud_run.cpp. Formulas: Design/pricing-model.md#cloud-run-functions.
#include "offerings/field_binding.hpp"
#include "offerings/keep_alive_field.hpp"

#include <iterator>

namespace costsim {
namespace detail {
CostModel::Data build_cloud_run(const Workload& w, const CloudRunConfig& c, const Catalog& catalog);  // cloud_run.cpp
}  // namespace detail

namespace {

using C = CloudRunConfig;

CostModel::Data build(const Workload& w, const OfferingConfig& c, const Catalog& catalog) {
    return detail::build_cloud_run(w, std::get<C>(c), catalog);
}

using detail::bind;

FieldValue reported_vcpu(const OfferingConfig& c) { return std::get<C>(c).effective_vcpu(); }

constexpr FieldInfo kFields[] = {
    bind<C, &C::region>({.name = "region",
                         .type = FieldType::text,
                         .help = "Google Cloud region",
                         .text_rule = TextRule::region,
                         .compare = CompareFlag::prefixed}),
    bind<C, &C::memory_mb>({.name = "memory_mb",
                            .type = FieldType::integer,
                            .help = "instance memory",
                            .unit = "MB",
                            .min = OfferingLimits::cloud_run_memory_mb.min,
                            .max = OfferingLimits::cloud_run_memory_mb.max,
                            .compare = CompareFlag::shared}),
    detail::reported_as(bind<C, &C::vcpu>({.name = "vcpu",
                                           .type = FieldType::number,
                                           .help = "vCPU of each instance",
                                           .unit = "vCPU",
                                           .min = OfferingLimits::cloud_run_vcpu.min,
                                           .max = OfferingLimits::cloud_run_vcpu.max,
                                           .optional = true,
                                           .unset = "Google's default for the memory",
                                           .compare = CompareFlag::prefixed}),
                        reported_vcpu),
    bind<C, &C::concurrency>({.name = "concurrency",
                              .type = FieldType::integer,
                              .help = "requests one instance serves at once",
                              .min = OfferingLimits::cloud_run_concurrency.min,
                              .max = OfferingLimits::cloud_run_concurrency.max,
                              .compare = CompareFlag::prefixed}),
    bind<C, &C::free_tier>({.name = "free_tier",
                            .type = FieldType::boolean,
                            .help = "the monthly free tier (valued at Tier 1 prices)",
                            .compare = CompareFlag::shared,
                            .flag_help = "price without the monthly free tier"}),
    detail::instance_keep_alive_field<C>(),
};

std::string label_of(const OfferingConfig& config, bool with_memory) {
    const auto& c = std::get<C>(config);
    std::string label = "Cloud Run";
    if (with_memory) label.append(" ").append(std::to_string(c.memory_mb)).append(" MB");
    if (c.concurrency > 1) label.append(", concurrency ").append(std::to_string(c.concurrency));
    return label;
}

std::string id_of(const OfferingConfig& config) {
    const auto& c = std::get<C>(config);
    return "cloud_run-" + c.region + "-" + std::to_string(c.memory_mb) + "mb";
}

constexpr KindInfo kKind{
    .name = "cloud_run",
    .label = "Cloud Run functions",
    .provider = "gcp",
    .billing = Billing::per_use,
    .help =
        "Google Cloud Run functions, request-based billing: vCPU-seconds and GiB-seconds while requests run, "
        "and requests",
    .flag_prefix = "cloud-run",
    .fields = kFields,
    .label_of = label_of,
    .id_of = id_of,
    .build = build,
};

}  // namespace

const KindInfo& kind_descriptor(std::type_identity<CloudRunConfig>) noexcept { return kKind; }

void CloudRunConfig::validate(const std::string& prefix) const { validate_fields(OfferingConfig(*this), prefix); }

double cloud_run_default_vcpu(int memory_mb) noexcept {
    // Google's memory-to-CPU table for Cloud Run functions (cloud.google.com/functions/docs/
    // configuring/memory): "If you don't specify a vCPU, it is determined from the memory".
    struct Row {
        int memory_mb;
        double vcpu;
    };
    static constexpr Row kTable[] = {{128, 0.083}, {256, 0.167}, {512, 0.333}, {1024, 0.583}, {2048, 1.0},
                                     {4096, 2.0},  {8192, 2.0},  {16384, 4.0}, {32768, 8.0}};
    for (const Row& row : kTable)
        if (memory_mb <= row.memory_mb) return row.vcpu;
    return kTable[std::size(kTable) - 1].vcpu;
}

double CloudRunConfig::effective_vcpu() const noexcept { return vcpu ? *vcpu : cloud_run_default_vcpu(memory_mb); }

}  // namespace costsim
