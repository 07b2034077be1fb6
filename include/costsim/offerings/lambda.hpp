#pragma once
/// AWS Lambda (on-demand functions). Formulas: Design/pricing-model.md#aws-lambda.

#include <costsim/offering_options.hpp>

#include <string>
#include <type_traits>

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

    /// \throws InvalidInput naming `<prefix><field>` for the first field out of its bounds.
    void validate(const std::string& prefix = "") const;
};

/// The kind's descriptor (lib/offerings/lambda_kind.cpp): found by OfferingConfig's kind list.
const KindInfo& kind_descriptor(std::type_identity<LambdaConfig>) noexcept;

}  // namespace costsim
