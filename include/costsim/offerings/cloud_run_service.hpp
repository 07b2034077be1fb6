#pragma once
/// Google Cloud Run services with instance-based billing. Formulas: Design/pricing-model.md#cloud-run-services-instance-based-billing.

#include <costsim/fleet_scaling.hpp>

#include <optional>
#include <string>
#include <type_traits>

namespace costsim {

struct KindInfo;

/// A Cloud Run service with instance-based billing ("CPU always allocated"): every instance is
/// billed per vCPU-second and GiB-second while it is up, with no request fee. Instances are sized
/// from the requests in flight at peak, like a fleet.
struct CloudRunServiceConfig {
    std::string region = "us-central1";
    double vcpu = 1.0;                   ///< 1, 2, 4, 6 or 8 (fractional CPU needs request-based billing)
    int memory_mb = 512;                 ///< MiB, 128..32,768, within the vCPU's range
    int concurrency = 80;                ///< requests one instance serves at once (1..1,000)
    int min_instances = 0;               ///< instances kept up at zero traffic (0: scales to zero)
    std::optional<int> max_instances{};  ///< unset: no cap but the region's quota
    double target_utilization = 0.6;     ///< share of `concurrency` the autoscaler aims for (0.1..0.95)
    bool free_tier = true;
    /// How the instance count follows a traffic profile (static without one). Its cap is
    /// `max_instances` above (scaling has no max of its own here). Defaults: a new instance serves
    /// 10 s after demand rises (the autoscaler's 5 s evaluation plus a start-up), an instance is
    /// kept 900 s after demand falls (Cloud Run keeps idle instances up to 15 minutes).
    /// Design/pricing-model.md#cloud-run-services-under-a-traffic-profile.
    FleetScaling scaling{.scale_out_delay_s = 10.0, .scale_in_delay_s = 900.0};

    void validate(const std::string& prefix = "") const;
};

/// The kind's descriptor (lib/offerings/cloud_run_service_kind.cpp): found by OfferingConfig's kind list.
const KindInfo& kind_descriptor(std::type_identity<CloudRunServiceConfig>) noexcept;

}  // namespace costsim
