#pragma once
/// AWS Lambda (on-demand functions). Formulas: Design/pricing-model.md#aws-lambda.

#include <costsim/offering_options.hpp>

#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace costsim {

struct KindInfo;

/// AWS Lambda function configuration. Bounds: the descriptor (lib/offerings/lambda_kind.cpp).
struct LambdaConfig {
    std::string region = "us-east-1";
    Architecture arch = Architecture::x86_64;
    int memory_mb = 128;             ///< 128..10,240 in 1 MB steps
    int ephemeral_storage_mb = 512;  ///< 512..10,240; 512 MB included
    bool free_tier = true;           ///< monthly free tier (requests, GB-s, 100 GB out)
    FrontDoor front_door = FrontDoor::none;
    int provisioned_concurrency = 0;  ///< environments kept warm all month (0..100,000)
    // Under a traffic profile only (workload.traffic); without one they change nothing.
    // Design/pricing-model.md#lambda-under-a-traffic-profile.
    int concurrency_limit = 1000;               ///< the account's unreserved concurrency (AWS default 1,000)
    std::optional<int> reserved_concurrency{};  ///< the function's own limit, at most concurrency_limit - 100
    double keep_alive_s = 600.0;                ///< idle time before an environment is reclaimed
    double recycle_s = 7200.0;                  ///< busy environments are replaced this often
    /// Provisioned environments for each hour of week (168; 0 = Monday 00:00), instead of the
    /// fixed provisioned_concurrency; empty: none.
    std::vector<double> provisioned_schedule{};

    /// \throws InvalidInput naming `<prefix><field>` for the first field out of its bounds.
    void validate(const std::string& prefix = "") const;
};

/// The kind's descriptor (lib/offerings/lambda_kind.cpp): found by OfferingConfig's kind list.
const KindInfo& kind_descriptor(std::type_identity<LambdaConfig>) noexcept;

}  // namespace costsim
