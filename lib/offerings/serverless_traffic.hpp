#pragma once
// Per-use kinds other than Lambda under a traffic profile: cold starts of instances that serve
// several requests at once (Cloud Run functions and services, Azure Functions Consumption and
// Flex), and Flex's always-ready split interval by interval. Reuses the per-interval concurrency
// model (concurrency.hpp). Design/pricing-model.md#cold-starts-and-always-ready-under-a-profile.
#include "offerings/concurrency.hpp"

#include <costsim/detail/cost_model_data.hpp>
#include <costsim/offerings/cloud_run_service.hpp>

#include <memory>
#include <string_view>
#include <utility>
#include <vector>

namespace costsim::detail {

/// Idle time before Cloud Run reclaims an instance: "up to 15 minutes" (Google's autoscaling
/// page, cloud.google.com/run/docs/about-instance-autoscaling, idle instances) [U]: an upper
/// bound; Cloud Run functions (1st gen) say only "an unspecified amount of time" [V].
inline constexpr double kCloudRunKeepAliveS = 900.0;
/// Idle time before Azure Functions reclaims an instance: 20 minutes (wave2-facts 2.2: Shilkov
/// 2019, Shahrad et al. ATC 2020) [V].
inline constexpr double kAzureFunctionsKeepAliveS = 1200.0;
/// HTTP executions one Consumption-plan instance runs at once: host.json
/// extensions.http.maxConcurrentRequests, 100 in the Consumption plan (learn.microsoft.com,
/// functions-bindings-http-webhook, host.json settings) [U].
inline constexpr int kAzureConsumptionInstanceConcurrency = 100;
/// The keep_alive_source convention: `default_source` when `keep_alive_s` is the kind's default
/// (the config headers hold the constants above), else "offering.keep_alive_s (given)".
[[nodiscard]] inline std::string_view keep_alive_source(double keep_alive_s, double default_s,
                                                        std::string_view default_source) noexcept {
    return keep_alive_s == default_s ? default_source : std::string_view("offering.keep_alive_s (given)");
}
/// The keep_alive_source conventions of the defaults above.
inline constexpr std::string_view kCloudRunKeepAliveSource =
    "Cloud Run keeps idle instances up to 15 minutes (cloud.google.com/run/docs/about-instance-autoscaling; "
    "unverified, an upper bound)";
inline constexpr std::string_view kAzureKeepAliveSource =
    "Azure Functions reclaims an idle instance after 20 minutes (Shahrad et al., USENIX ATC 2020; mikhail.io 2019)";

/// How a kind's instances start and stay warm.
struct InstanceColdStartParams {
    double duration_s = 0.1;             ///< time in the function per request (unrounded)
    int per_instance = 1;                ///< requests one instance serves at once
    double keep_alive_s = 900;           ///< idle time before an instance is reclaimed
    double always_warm = 0.0;            ///< instances kept warm all month (always ready, min instances)
    double cold_share = 0.0;             ///< > 0: workload.cold_start_percent / 100, instead of deriving
    double billed_startup_s = 0;         ///< instance time billed per cold start (0: start-up not billed)
    std::string_view keep_alive_source;  ///< where keep_alive_s comes from
    std::string_view startup_rule;       ///< how the platform bills start-up
};

/// The concurrency model of a kind's instances: each serves per_instance requests at once, so the
/// model sees environments = concurrency / per_instance (a time per request of duration_s /
/// per_instance); no limit or scaling rate (nothing is throttled); always_warm instances take the
/// concurrency first, as Lambda's provisioned concurrency does, and are never cold; no recycling.
std::shared_ptr<const ConcurrencyRuns> instance_cold_start_runs(std::shared_ptr<const TrafficProfile> profile,
                                                                const InstanceColdStartParams& p);

/// Adds the cold-start conventions to `d` (keep_alive_s and its source, per-instance
/// concurrency, the start-up billing rule, cold_start_source) and wraps d.annotate so each bill
/// also reports cold_starts, cold_start_share and, where start-up is billed,
/// startup_instance_seconds.
void add_instance_cold_starts(CostModel::Data& d, std::shared_ptr<const ConcurrencyRuns> runs,
                              const InstanceColdStartParams& p);

/// Cloud Run services (instance-based billing) under a profile: the cold starts of instances of
/// `concurrency` requests, min_instances kept warm, counted only (instance-based billing bills an
/// instance's whole life, its start included, as instance time).
void add_service_cold_starts(CostModel::Data& d, const Workload& w, const CloudRunServiceConfig& c);

/// sum of weight x curve: one simulated quantity made of several (instance time plus start-up).
std::shared_ptr<const QuantityCurve> sum_of_curves(
    std::vector<std::pair<std::shared_ptr<const QuantityCurve>, double>> terms);

/// Flex Consumption's billed quantities under a profile, per interval (then x month factor).
enum class FlexQuantity {
    always_ready_gb_seconds,
    always_ready_executions,
    on_demand_gb_seconds,
    on_demand_executions
};

/// What the Flex per-interval split needs of the offering.
struct FlexSplitParams {
    double memory_gb = 2.0;
    double period_s = 1.0;    ///< the billed active period of a lone execution (>= 1 s)
    double duration_s = 1.0;  ///< per execution, unrounded
    int concurrency = 16;     ///< executions one instance runs at once
    int always_ready = 0;     ///< instances
};

/// One Flex quantity a month at R: per interval i (requests q_i, concurrency C_i = rate x d), the
/// always-ready instances take q_i x min(1, A x K / C_i); the rest runs on demand.
/// Always-ready GB-s M x min(q_ar p, A Δ); on demand M x max(min(q_od p, Δ), q_od d / K).
std::shared_ptr<const QuantityCurve> flex_interval_curve(std::shared_ptr<const TrafficProfile> profile,
                                                         FlexQuantity quantity, const FlexSplitParams& p);

}  // namespace costsim::detail
