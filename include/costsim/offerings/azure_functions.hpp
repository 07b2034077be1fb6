#pragma once
/// Azure Functions, Consumption plan. Formulas: Design/pricing-model.md#azure-functions.

#include <string>
#include <type_traits>

namespace costsim {

struct KindInfo;

/// Azure Functions, Consumption plan.
struct AzureFunctionsConfig {
    std::string region = "eastus";
    int memory_mb = 128;  ///< observed memory, 1..1,536; billed rounded up to 128
    bool free_tier = true;
    /// With a traffic profile: idle time before an instance is reclaimed (20 min, ATC 2020;
    /// Design/pricing-model.md#cold-starts-and-always-ready-under-a-profile).
    double keep_alive_s = 1200.0;

    void validate(const std::string& prefix = "") const;
};

/// The kind's descriptor (lib/offerings/azure_functions_kind.cpp): found by OfferingConfig's kind list.
const KindInfo& kind_descriptor(std::type_identity<AzureFunctionsConfig>) noexcept;

}  // namespace costsim
