// The Azure Functions Flex Consumption kind: its fields, declared once.
// The cost model: azure_functions_flex.cpp. Formulas: Design/pricing-model.md#azure-functions-flex-consumption.
#include "offerings/field_binding.hpp"
#include "offerings/keep_alive_field.hpp"

#include <costsim/error.hpp>

#include <string>

namespace costsim {
namespace detail {
CostModel::Data build_azure_functions_flex(const Workload& w, const AzureFunctionsFlexConfig& c,
                                           const Catalog& catalog);  // azure_functions_flex.cpp
}  // namespace detail

namespace {

using C = AzureFunctionsFlexConfig;

CostModel::Data build(const Workload& w, const OfferingConfig& c, const Catalog& catalog) {
    return detail::build_azure_functions_flex(w, std::get<C>(c), catalog);
}

using detail::bind;

FieldValue reported_concurrency(const OfferingConfig& c) {
    return static_cast<long long>(std::get<C>(c).effective_concurrency());
}

constexpr FieldInfo kFields[] = {
    bind<C, &C::region>({.name = "region",
                         .type = FieldType::text,
                         .help = "Azure region",
                         .text_rule = TextRule::region,
                         .compare = CompareFlag::prefixed}),
    // An integer field (not a choice) so scenarios write 2048, not "2048"; `check` keeps the three sizes.
    bind<C, &C::instance_memory_mb>({.name = "instance_memory_mb",
                                     .type = FieldType::integer,
                                     .help = "instance memory (512, 2048 or 4096)",
                                     .unit = "MB",
                                     .min = 512,
                                     .max = 4096,
                                     .compare = CompareFlag::prefixed}),
    detail::reported_as(
        bind<C, &C::instance_concurrency>({.name = "instance_concurrency",
                                           .type = FieldType::integer,
                                           .help = "HTTP executions one instance runs at once (set 1 for Python)",
                                           .min = 1,
                                           .max = 1000,
                                           .optional = true,
                                           .unset = "Microsoft's HTTP default: 4, 16, 32 for 512, 2048, 4096 MB",
                                           .compare = CompareFlag::prefixed}),
        reported_concurrency),
    bind<C, &C::always_ready_instances>({.name = "always_ready_instances",
                                         .type = FieldType::integer,
                                         .help = "always-ready instances, billed all month",
                                         .min = 0,
                                         .max = 1000,
                                         .compare = CompareFlag::prefixed}),
    bind<C, &C::free_tier>({.name = "free_tier",
                            .type = FieldType::boolean,
                            .help = "the monthly on-demand free grant (100,000 GB-s, 250,000 executions)",
                            .compare = CompareFlag::shared,
                            .flag_help = "price without the monthly free tier"}),
    detail::instance_keep_alive_field<C>(),
};

void check(const OfferingConfig& config, const std::string& prefix) {
    const int memory = std::get<C>(config).instance_memory_mb;
    for (int size : kAzureFunctionsFlexMemorySizes)
        if (memory == size) return;
    throw InvalidInput(prefix + "instance_memory_mb", "one of 512, 2048, 4096", std::to_string(memory));
}

std::string label_of(const OfferingConfig& config, bool with_memory) {
    const auto& c = std::get<C>(config);
    std::string label = "Azure Functions Flex";
    if (with_memory) label.append(" ").append(std::to_string(c.instance_memory_mb)).append(" MB");
    if (c.always_ready_instances > 0)
        label.append(", ").append(std::to_string(c.always_ready_instances)).append(" always ready");
    return label;
}

std::string id_of(const OfferingConfig& config) {
    const auto& c = std::get<C>(config);
    return "azure_functions_flex-" + c.region + "-" + std::to_string(c.instance_memory_mb) + "mb";
}

constexpr KindInfo kKind{
    .name = "azure_functions_flex",
    .label = "Azure Functions (Flex Consumption)",
    .provider = "azure",
    .billing = Billing::per_use,
    .help =
        "Azure Functions on the Flex Consumption plan: instance memory x active seconds, shared by concurrent "
        "executions, and executions; optional always-ready instances billed a baseline all month",
    .flag_prefix = "azure-functions-flex",
    .fields = kFields,
    .label_of = label_of,
    .id_of = id_of,
    .build = build,
    .check = check,
};

}  // namespace

const KindInfo& kind_descriptor(std::type_identity<AzureFunctionsFlexConfig>) noexcept { return kKind; }

void AzureFunctionsFlexConfig::validate(const std::string& prefix) const {
    validate_fields(OfferingConfig(*this), prefix);
}

int azure_functions_flex_default_concurrency(int instance_memory_mb) noexcept {
    // Microsoft's HTTP-trigger defaults for non-Python stacks, by instance size; other sizes are
    // refused by validation, so the largest row is a safe fallback.
    if (instance_memory_mb <= 512) return 4;
    if (instance_memory_mb <= 2048) return 16;
    return 32;
}

int AzureFunctionsFlexConfig::effective_concurrency() const noexcept {
    return instance_concurrency ? *instance_concurrency : azure_functions_flex_default_concurrency(instance_memory_mb);
}

}  // namespace costsim
