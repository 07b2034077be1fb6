#pragma once
/// Azure Functions, Consumption plan. Formulas: Design/pricing-model.md#azure-functions.

#include <string>

namespace costsim {

/// Azure Functions, Consumption plan.
struct AzureFunctionsConfig {
    std::string region = "eastus";
    int memory_mb = 128;                 ///< observed memory, 1..1,536; billed rounded up to 128
    bool free_tier = true;

    void validate(const std::string& prefix = "") const;
};

}  // namespace costsim
