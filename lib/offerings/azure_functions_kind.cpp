// The Azure Functions kind (Consumption plan): its fields, declared once.
// The cost model: azure_functions.cpp. Formulas: Design/pricing-model.md#azure-functions.
#include "offerings/field_binding.hpp"
#include "offerings/keep_alive_field.hpp"

namespace costsim {
namespace detail {
CostModel::Data build_azure_functions(const Workload& w, const AzureFunctionsConfig& c,
                                      const Catalog& catalog);  // azure_functions.cpp
}  // namespace detail

namespace {

using C = AzureFunctionsConfig;

CostModel::Data build(const Workload& w, const OfferingConfig& c, const Catalog& catalog) {
    return detail::build_azure_functions(w, std::get<C>(c), catalog);
}

using detail::bind;

constexpr FieldInfo kFields[] = {
    bind<C, &C::region>({.name = "region",
                         .type = FieldType::text,
                         .help = "Azure region",
                         .text_rule = TextRule::region,
                         .compare = CompareFlag::prefixed}),
    bind<C, &C::memory_mb>({.name = "memory_mb",
                            .type = FieldType::integer,
                            .help = "observed memory (billed rounded up to 128 MB)",
                            .unit = "MB",
                            .min = OfferingLimits::azure_functions_memory_mb.min,
                            .max = OfferingLimits::azure_functions_memory_mb.max,
                            .compare = CompareFlag::shared}),
    bind<C, &C::free_tier>({.name = "free_tier",
                            .type = FieldType::boolean,
                            .help = "the monthly free grant (400,000 GB-s, 1M executions)",
                            .compare = CompareFlag::shared,
                            .flag_help = "price without the monthly free tier"}),
    detail::instance_keep_alive_field<C>(),
};

std::string label_of(const OfferingConfig& config, bool with_memory) {
    const auto& c = std::get<C>(config);
    std::string label = "Azure Functions";
    if (with_memory) label.append(" ").append(std::to_string(c.memory_mb)).append(" MB");
    return label;
}

std::string id_of(const OfferingConfig& config) {
    const auto& c = std::get<C>(config);
    return "azure_functions-" + c.region + "-" + std::to_string(c.memory_mb) + "mb";
}

constexpr KindInfo kKind{
    .name = "azure_functions",
    .label = "Azure Functions (Consumption)",
    .provider = "azure",
    .billing = Billing::per_use,
    .help = "Azure Functions on the Consumption plan: GB-seconds of execution time and executions",
    .flag_prefix = "azure-functions",
    .fields = kFields,
    .label_of = label_of,
    .id_of = id_of,
    .build = build,
};

}  // namespace

const KindInfo& kind_descriptor(std::type_identity<AzureFunctionsConfig>) noexcept { return kKind; }

void AzureFunctionsConfig::validate(const std::string& prefix) const { validate_fields(OfferingConfig(*this), prefix); }

}  // namespace costsim
