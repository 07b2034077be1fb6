#pragma once
/// AWS Lambda Managed Instances: functions on EC2 instances that Lambda manages.
/// Formulas: Design/pricing-model.md#aws-lambda-managed-instances.

#include <costsim/fleet_scaling.hpp>
#include <costsim/offering_options.hpp>

#include <optional>
#include <string>
#include <type_traits>

namespace costsim {

struct KindInfo;

/// The runtime family of a Lambda Managed Instances function: it sets the default number of
/// requests one vCPU serves at once.
enum class LambdaRuntime { nodejs, python, java, dotnet };

template <>
struct EnumSpellings<LambdaRuntime> {
    static constexpr Spelling<LambdaRuntime> values[] = {{"nodejs", LambdaRuntime::nodejs},
                                                         {"python", LambdaRuntime::python},
                                                         {"java", LambdaRuntime::java},
                                                         {"dotnet", LambdaRuntime::dotnet}};
};

/// Lambda Managed Instances: $0.20 per million requests, the instances' EC2 price under the
/// purchase option, and a management fee on their On-Demand price. The instances are sized from
/// concurrency: max(min_instances, ceil(peak rps x duration / (vCPUs x concurrency_per_vcpu x
/// target_utilization))), and never fewer than 3.
struct LambdaManagedInstancesConfig {
    std::string region = "us-east-1";
    std::string instance = "m7g.large";  ///< an AWS C, M or R instance type, not burstable
    LambdaRuntime runtime = LambdaRuntime::nodejs;
    std::optional<double> concurrency_per_vcpu{};           ///< [0.0625, 64]; unset: the runtime's default
    std::optional<int> memory_gib_per_vcpu{};               ///< 2, 4 or 8, the instance's; unset: the instance's
    double target_utilization = 0.5;                        ///< (0, 1]: Lambda's default headroom lets traffic double
    int min_instances = 3;                                  ///< 3..10,000 (Lambda keeps three, one per AZ)
    double hours_per_month = 730.0;                         ///< hours the capacity provider runs [0.001, 730]
    PurchaseOption purchase = PurchaseOption::on_demand;    ///< on-demand, 1yr or 3yr (no Spot)
    ReservedPayment payment = ReservedPayment::no_upfront;  ///< only with purchase 1yr or 3yr
    bool free_tier = true;                                  ///< the 100 GB a month of free data transfer out
    /// How the instances follow a traffic profile (static without one). Lambda scales
    /// asynchronously on CPU and concurrency: the defaults (300 s out, 900 s in) make traffic that
    /// more than doubles within 5 minutes outrun the 50 % headroom, as Lambda warns (wave2-facts 4.10).
    FleetScaling scaling{};

    void validate(const std::string& prefix = "") const;
    /// `concurrency_per_vcpu` if set, else lambda_managed_instances_default_concurrency(runtime).
    [[nodiscard]] double effective_concurrency_per_vcpu() const noexcept;
};

/// Lambda's default maximum concurrency per vCPU for a runtime (docs.aws.amazon.com/lambda/latest/
/// dg/lambda-managed-instances-*-runtime.html): Node.js 64, Java 32, .NET 32, Python 16.
[[nodiscard]] double lambda_managed_instances_default_concurrency(LambdaRuntime runtime) noexcept;

/// The kind's descriptor (lib/offerings/lambda_managed_instances_kind.cpp).
const KindInfo& kind_descriptor(std::type_identity<LambdaManagedInstancesConfig>) noexcept;

}  // namespace costsim
