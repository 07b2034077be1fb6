#pragma once
/// How a workload is run: one value per kind of offering. An Offering holds configuration only;
/// its prices come from the Catalog. Each kind: a header in offerings/, a descriptor
/// (offering_kinds.hpp) and a cost-model builder. Formulas: Design/pricing-model.md.

#include <costsim/offering_options.hpp>
#include <costsim/offerings/azure_functions.hpp>
#include <costsim/offerings/azure_functions_flex.hpp>
#include <costsim/offerings/cloud_run.hpp>
#include <costsim/offerings/cloud_run_service.hpp>
#include <costsim/offerings/lambda.hpp>
#include <costsim/offerings/vm_fleet.hpp>
#include <costsim/offerings/lambda_managed_instances.hpp>
#include <costsim/offerings/fargate.hpp>

#include <cstddef>
#include <string>
#include <variant>

namespace costsim {

/// Bounds of offering fields, beside WorkloadLimits: the kinds' descriptors take their bounds from
/// here, so each is written once; tests and docs refer to these names.
struct OfferingLimits {
    struct Range {
        double min;
        double max;
    };
    static constexpr Range lambda_memory_mb{128, 10240};             // 1 MB steps
    static constexpr Range lambda_ephemeral_storage_mb{512, 10240};  // 512 MB included
    static constexpr Range lambda_provisioned_concurrency{0, 100000};
    /// The account's concurrency: AWS's default is 1,000 and "tens of thousands" on request (wave2-facts 1.3.3).
    static constexpr Range lambda_concurrency_limit{1, 1000000};
    static constexpr Range lambda_reserved_concurrency{0, 1000000};  // and <= concurrency_limit - 100
    static constexpr int lambda_unreserved_minimum = 100;            // wave2-facts 1.3.4
    static constexpr Range lambda_keep_alive_s{1, 86400};
    static constexpr Range lambda_recycle_s{600, 604800};
    static constexpr std::size_t lambda_schedule_hours = 168;
    static constexpr Range cloud_run_memory_mb{128, 32768};
    static constexpr Range cloud_run_vcpu{0.08, 8};
    static constexpr Range cloud_run_concurrency{1, 1000};
    static constexpr Range azure_functions_memory_mb{1, 1536};  // observed; billed rounded up to 128
    static constexpr Range fleet_instances{1, 10000};           // count, min_instances
    static constexpr Range fleet_capacity_rps{0, 1e7};          // (0, 1e7]
    static constexpr Range fleet_target_utilization{0, 1};      // (0, 1]
    /// At least 0.001 h (3.6 s): below it requests per second overflow to infinity at the traffic
    /// bound (tests/unit/offerings/robustness_models.cpp).
    static constexpr Range fleet_hours_per_month{0.001, 730};
    /// An ALB spans at least two AZs; six is the most any AWS region has (us-east-1).
    static constexpr Range load_balancer_azs{2, 6};
    static constexpr Range fleet_storage_gb{0, 65536};
    /// scaling.scale_out_delay_s and scale_in_delay_s: up to an hour (EC2's DefaultInstanceWarmup
    /// bound, 0-3600 s, wave2-facts 1.1.9).
    static constexpr Range fleet_scaling_delay_s{0, 3600};
    /// scaling.instances: an hour's count may be 0 (an Auto Scaling group's minimum may be 0).
    static constexpr Range fleet_schedule_instances{0, 10000};
    /// The most memory any kind takes: the bound of a sweep's memory_mb list.
    static constexpr int max_memory_mb = 32768;
};

/// One alternative per offering kind; each has a descriptor (offering_kinds.hpp), and code that
/// dispatches on kinds does so with std::visit, so a kind missing there does not compile.
using OfferingConfig =
    std::variant<LambdaConfig, VmFleetConfig, CloudRunConfig, AzureFunctionsConfig, AzureFunctionsFlexConfig,
                 LambdaManagedInstancesConfig, FargateConfig, CloudRunServiceConfig>;

/// One way of running the workload, with an id unique within a comparison.
struct Offering {
    std::string id;  ///< empty: derived from the configuration (default_id)
    OfferingConfig config;
    std::string label{};  ///< a name for people ("Lambda arm64"); empty: front ends derive one

    /// The kind's name: "lambda", "vm", ... (its descriptor's, offering_kinds.hpp).
    [[nodiscard]] const char* kind() const noexcept;
    /// `id` if set, else e.g. "lambda-us-east-1-x86_64-512mb", "vm-aws-us-east-1-t3.micro".
    [[nodiscard]] std::string effective_id() const;
    /// `label` if set, else the kind's default ("Lambda arm64", "t3.micro fleet"); `with_memory`
    /// adds a function's memory ("Lambda arm64 512 MB").
    [[nodiscard]] std::string default_label(bool with_memory = false) const;
    /// True for offerings billed per use (Lambda, Cloud Run, Azure Functions), false for those
    /// billed per provisioned capacity (VM fleets).
    [[nodiscard]] bool usage_priced() const noexcept;
    /// The cloud that runs it: the kind's provider ("aws" for Lambda), or a fleet's "provider".
    [[nodiscard]] std::string provider() const;
    /// The region it runs in: the configured region (a fleet's effective region).
    [[nodiscard]] std::string region() const;
    /// Checks id, label and every field against the kind's descriptor (validate_fields).
    void validate(const std::string& prefix = "") const;
};

}  // namespace costsim
