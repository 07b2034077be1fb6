#pragma once
/// How a workload is run: one value per kind of offering. An Offering holds configuration only;
/// its prices come from the Catalog. Formulas: Design/pricing-model.md.

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace costsim {

enum class Architecture { x86_64, arm64 };
enum class FrontDoor { none, function_url, http_api, rest_api };
enum class PurchaseOption { on_demand, one_year, three_year, spot };
/// How a 1yr/3yr reservation is paid (AWS Standard RIs): hourly only, part upfront, all upfront.
enum class ReservedPayment { no_upfront, partial_upfront, all_upfront };

const char* to_string(Architecture a) noexcept;   ///< "x86_64" | "arm64"
const char* to_string(FrontDoor f) noexcept;      ///< "none" | "function-url" | "http-api" | "rest-api"
const char* to_string(PurchaseOption p) noexcept; ///< "on-demand" | "1yr" | "3yr" | "spot"
const char* to_string(ReservedPayment p) noexcept; ///< "no_upfront" | "partial_upfront" | "all_upfront"

/// AWS Lambda function configuration.
struct LambdaConfig {
    std::string region = "us-east-1";
    Architecture arch = Architecture::x86_64;
    int memory_mb = 128;                 ///< 128..10,240 in 1 MB steps
    int ephemeral_storage_mb = 512;      ///< 512..10,240; 512 MB included
    bool free_tier = true;               ///< monthly free tier (requests, GB-s, 100 GB out)
    FrontDoor front_door = FrontDoor::none;
    int provisioned_concurrency = 0;     ///< environments kept warm all month (0..100,000)

    void validate(const std::string& prefix = "") const;
};

/// A fleet of identical VMs. The instance count is `count` when given, else sized from traffic:
/// max(min_instances, ceil(peak rps / (capacity_rps x target_utilization))).
struct VmFleetConfig {
    std::string provider = "aws";        ///< aws | gcp | azure | oci | sakura
    std::string region{};                ///< empty: the provider's default region
    std::string instance{};              ///< type name as in the catalog ("t3.micro")
    std::optional<int> count{};          ///< fixed instance count (1..10,000)
    std::optional<double> capacity_rps{}; ///< requests/s one instance serves at 100 % utilisation
    double target_utilization = 0.7;     ///< (0, 1]
    int min_instances = 1;               ///< 1..10,000
    double hours_per_month = 730.0;      ///< hours the fleet runs [0.001, 730]
    PurchaseOption purchase = PurchaseOption::on_demand;
    ReservedPayment payment = ReservedPayment::no_upfront;  ///< only with purchase 1yr or 3yr
    bool load_balancer = false;          ///< an Application Load Balancer in front (AWS)
    double storage_gb = 0.0;             ///< block storage per instance, GB-month (AWS gp3)
    bool free_tier = true;               ///< free allowances: data transfer out, OCI Always Free A1

    void validate(const std::string& prefix = "") const;
    /// The region used: `region`, or the provider's default ("us-east-1", "us-central1", ...).
    [[nodiscard]] std::string effective_region() const;
};

/// Google Cloud Run functions, request-based billing.
struct CloudRunConfig {
    std::string region = "us-central1";
    int memory_mb = 512;                 ///< 128..32,768
    std::optional<double> vcpu{};        ///< 0.08..8; unset: Google's default for memory_mb
    int concurrency = 1;                 ///< requests one instance serves at once (1..1,000)
    bool free_tier = true;

    void validate(const std::string& prefix = "") const;
    /// `vcpu` if set, else cloud_run_default_vcpu(memory_mb).
    [[nodiscard]] double effective_vcpu() const noexcept;
};

/// Google's default CPU for a Cloud Run function of `memory_mb` (cloud.google.com/functions/docs/
/// configuring/memory): 128 MiB 0.083, 256 MiB 0.167, 512 MiB 0.333, 1 GiB 0.583, 2 GiB 1,
/// 4 and 8 GiB 2, 16 GiB 4, 32 GiB 8 vCPU; a size between two rows takes the larger row's CPU.
[[nodiscard]] double cloud_run_default_vcpu(int memory_mb) noexcept;

/// Azure Functions, Consumption plan.
struct AzureFunctionsConfig {
    std::string region = "eastus";
    int memory_mb = 128;                 ///< observed memory, 1..1,536; billed rounded up to 128
    bool free_tier = true;

    void validate(const std::string& prefix = "") const;
};

using OfferingConfig = std::variant<LambdaConfig, VmFleetConfig, CloudRunConfig, AzureFunctionsConfig>;

/// One way of running the workload, with an id unique within a comparison.
struct Offering {
    std::string id;          ///< empty: derived from the configuration (default_id)
    OfferingConfig config;
    std::string label{};     ///< a name for people ("Lambda arm64"); empty: front ends derive one

    /// "lambda" | "vm" | "cloud_run" | "azure_functions".
    [[nodiscard]] const char* kind() const noexcept;
    /// `id` if set, else e.g. "lambda-us-east-1-x86_64-512mb", "vm-aws-us-east-1-t3.micro".
    [[nodiscard]] std::string effective_id() const;
    /// True for offerings billed per use (Lambda, Cloud Run, Azure Functions).
    [[nodiscard]] bool usage_priced() const noexcept;
    void validate(const std::string& prefix = "") const;
};

}  // namespace costsim
