#pragma once
/// Google Cloud Run functions, request-based billing. Formulas: Design/pricing-model.md#cloud-run-functions.

#include <optional>
#include <string>
#include <type_traits>

namespace costsim {

struct KindInfo;

/// Google Cloud Run functions, request-based billing.
struct CloudRunConfig {
    std::string region = "us-central1";
    int memory_mb = 512;           ///< 128..32,768
    std::optional<double> vcpu{};  ///< 0.08..8; unset: Google's default for memory_mb
    int concurrency = 1;           ///< requests one instance serves at once (1..1,000)
    bool free_tier = true;
    /// With a traffic profile: idle time before an instance is reclaimed (Google: "up to 15
    /// minutes", unverified; Design/pricing-model.md#cold-starts-and-always-ready-under-a-profile).
    double keep_alive_s = 900.0;

    void validate(const std::string& prefix = "") const;
    /// `vcpu` if set, else cloud_run_default_vcpu(memory_mb).
    [[nodiscard]] double effective_vcpu() const noexcept;
};

/// Google's default CPU for a Cloud Run function of `memory_mb` (cloud.google.com/functions/docs/
/// configuring/memory): 128 MiB 0.083, 256 MiB 0.167, 512 MiB 0.333, 1 GiB 0.583, 2 GiB 1,
/// 4 and 8 GiB 2, 16 GiB 4, 32 GiB 8 vCPU; a size between two rows takes the larger row's CPU.
[[nodiscard]] double cloud_run_default_vcpu(int memory_mb) noexcept;

/// The kind's descriptor (lib/offerings/cloud_run_kind.cpp): found by OfferingConfig's kind list.
const KindInfo& kind_descriptor(std::type_identity<CloudRunConfig>) noexcept;

}  // namespace costsim
