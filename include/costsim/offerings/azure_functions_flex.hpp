#pragma once
/// Azure Functions, Flex Consumption plan. Formulas: Design/pricing-model.md#azure-functions-flex-consumption.

#include <optional>
#include <string>
#include <type_traits>

namespace costsim {

struct KindInfo;

/// Azure Functions on the Flex Consumption plan: billed per instance (its whole memory while it
/// executes), shared by the executions running on it at once; optional always-ready instances.
struct AzureFunctionsFlexConfig {
    std::string region = "eastus";
    int instance_memory_mb = 2048;              ///< 512, 2,048 or 4,096
    std::optional<int> instance_concurrency{};  ///< 1..1,000; unset: Microsoft's HTTP default for the size
    int always_ready_instances = 0;             ///< 0..1,000, billed all month
    bool free_tier = true;
    /// With a traffic profile: idle time before an on-demand instance is reclaimed (20 min, ATC
    /// 2020; Design/pricing-model.md#cold-starts-and-always-ready-under-a-profile).
    double keep_alive_s = 1200.0;

    void validate(const std::string& prefix = "") const;
    /// `instance_concurrency` if set, else azure_functions_flex_default_concurrency(instance_memory_mb).
    [[nodiscard]] int effective_concurrency() const noexcept;
};

/// The instance memory sizes Flex Consumption offers, in MB.
inline constexpr int kAzureFunctionsFlexMemorySizes[] = {512, 2048, 4096};

/// Microsoft's default HTTP-trigger concurrency per instance of `instance_memory_mb` (non-Python
/// stacks): 512 MB 4, 2,048 MB 16, 4,096 MB 32 (Design/pricing-model.md#azure-functions-flex-consumption).
[[nodiscard]] int azure_functions_flex_default_concurrency(int instance_memory_mb) noexcept;

/// The kind's descriptor (lib/offerings/azure_functions_flex_kind.cpp): found by OfferingConfig's kind list.
const KindInfo& kind_descriptor(std::type_identity<AzureFunctionsFlexConfig>) noexcept;

}  // namespace costsim
