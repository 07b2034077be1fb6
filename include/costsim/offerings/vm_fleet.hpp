#pragma once
/// A fleet of identical VMs on any provider. Formulas: Design/pricing-model.md#vm-fleets.

#include <costsim/fleet_scaling.hpp>
#include <costsim/offering_options.hpp>

#include <optional>
#include <string>
#include <type_traits>

namespace costsim {

struct KindInfo;

/// A fleet of identical VMs. The instance count is `count` when given, else sized from traffic:
/// max(min_instances, ceil(peak rps / (capacity_rps x target_utilization))).
struct VmFleetConfig {
    std::string provider = "aws";          ///< one of kProviders
    std::string region{};                  ///< empty: the provider's default region
    std::string instance{};                ///< type name as in the catalog ("t3.micro")
    std::optional<int> count{};            ///< fixed instance count (1..10,000)
    std::optional<double> capacity_rps{};  ///< requests/s one instance serves at 100 % (with count: checked, not sized)
    double target_utilization = 0.7;       ///< (0, 1]
    int min_instances = 1;                 ///< 1..10,000
    double hours_per_month = 730.0;        ///< hours the fleet runs [0.001, 730]
    PurchaseOption purchase = PurchaseOption::on_demand;
    ReservedPayment payment = ReservedPayment::no_upfront;  ///< only with purchase 1yr or 3yr
    bool load_balancer = false;                             ///< an Application Load Balancer in front (AWS)
    int load_balancer_azs = 2;  ///< availability zones of the ALB, one public IPv4 each (2..6)
    /// A public IPv4 address on every instance. Unset: yes without a load balancer, no behind one.
    std::optional<bool> public_ipv4{};
    double storage_gb = 0.0;  ///< block storage per instance, GB-month (AWS gp3)
    bool free_tier = true;    ///< free allowances: data transfer out, OCI Always Free A1
    FleetScaling scaling{};   ///< how the count follows a traffic profile (static without one)

    void validate(const std::string& prefix = "") const;
    /// The region used: `region`, or the provider's default ("us-east-1", "us-central1", ...).
    [[nodiscard]] std::string effective_region() const;
    /// Whether each instance has a public IPv4 address: `public_ipv4`, else !load_balancer.
    [[nodiscard]] bool instances_have_public_ipv4() const noexcept { return public_ipv4.value_or(!load_balancer); }
};

/// The region a provider's offerings use when none is given: "us-east-1" (aws), "us-central1"
/// (gcp), "eastus" (azure), "us-ashburn-1" (oci), "is1a" (sakura).
[[nodiscard]] std::string_view default_region(std::string_view provider) noexcept;

/// The kind's descriptor (lib/offerings/vm_fleet_kind.cpp): found by OfferingConfig's kind list.
const KindInfo& kind_descriptor(std::type_identity<VmFleetConfig>) noexcept;

}  // namespace costsim
