#pragma once
/// AWS Fargate tasks (Amazon ECS, Linux). Formulas: Design/pricing-model.md#aws-fargate.

#include <costsim/fleet_scaling.hpp>
#include <costsim/offering_options.hpp>

#include <optional>
#include <string>
#include <type_traits>

namespace costsim {

struct KindInfo;

/// A service of identical Fargate tasks, billed per second on the vCPU and memory each task
/// requests. The task count is `count` when given, else sized from traffic like a VM fleet:
/// max(min_tasks, ceil(peak rps / (capacity_rps x target_utilization))).
struct FargateConfig {
    /// Ephemeral storage every task has at no charge (docs.aws.amazon.com/AmazonECS/latest/
    /// developerguide/fargate-task-storage.html); only the configured GB above it are billed.
    static constexpr int included_storage_gb = 20;

    std::string region = "us-east-1";
    Architecture arch = Architecture::x86_64;
    double vcpu = 0.25;                    ///< task vCPU: 0.25, 0.5, 1, 2, 4, 8 or 16
    double memory_gb = 0.5;                ///< task memory, a size Fargate allows for `vcpu`
    int ephemeral_storage_gb = 20;         ///< 20..200 GB a task; the first 20 are included
    std::optional<int> count{};            ///< fixed task count (1..10,000)
    std::optional<double> capacity_rps{};  ///< requests/s one task serves at 100 % (with count: checked, not sized)
    double target_utilization = 0.7;       ///< (0, 1]
    int min_tasks = 1;                     ///< 1..10,000
    double hours_per_month = 730.0;        ///< hours the tasks run [0.001, 730]
    PurchaseOption purchase = PurchaseOption::on_demand;  ///< on-demand or spot (Fargate Spot, x86_64 only)
    bool load_balancer = false;                           ///< an Application Load Balancer in front
    int load_balancer_azs = 2;  ///< availability zones of the ALB, one public IPv4 each (2..6)
    /// A public IPv4 address on every task. Unset: yes without a load balancer, no behind one.
    std::optional<bool> public_ipv4{};
    bool free_tier = true;   ///< the 100 GB a month of free data transfer out
    FleetScaling scaling{};  ///< how the task count follows a traffic profile (static without one)

    void validate(const std::string& prefix = "") const;
    /// Whether each task has a public IPv4 address: `public_ipv4`, else !load_balancer.
    [[nodiscard]] bool tasks_have_public_ipv4() const noexcept { return public_ipv4.value_or(!load_balancer); }
};

/// The kind's descriptor (lib/offerings/fargate_kind.cpp): found by OfferingConfig's kind list.
const KindInfo& kind_descriptor(std::type_identity<FargateConfig>) noexcept;

}  // namespace costsim
