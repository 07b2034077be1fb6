// Google Cloud Run services, instance-based billing: the instances sized from the requests in
// flight, like a fleet (up all month for the peak, or following a traffic profile under scaling),
// billed per vCPU-second and GiB-second after the free tier; no request fee; data transfer out.
// Formulas and sources: Design/pricing-model.md#cloud-run-services-instance-based-billing.
#include "offerings/fleet/fleet_blocks.hpp"
#include "offerings/model_building.hpp"
#include "offerings/serverless_traffic.hpp"

#include <cmath>
#include <optional>
#include <string_view>
#include <vector>

namespace costsim::detail {

namespace {

/// The largest capacity one instance is given, as a VM fleet bounds capacity_rps: a very short
/// duration would otherwise make concurrency / duration overflow.
constexpr double kMaxCapacityRps = OfferingLimits::fleet_capacity_rps.max;

/// Requests a second one instance carries at 100 % of its concurrency: in flight = rps x duration
/// (Little's law), so rps = concurrency / duration. With workload.cpu_ms_per_request the CPU
/// driver may bind first (vCPU x 1,000 / cpu_ms); sizing on the smaller capacity gives
/// max(instances by concurrency, instances by CPU), as ceil is monotone.
fleet::InstanceCapacity capacity_of(TextArena& text, const CloudRunServiceConfig& c, const Workload& w) {
    fleet::InstanceCapacity out;
    const double duration_s = w.duration_ms / 1000.0;
    out.rps = c.concurrency / duration_s;
    out.source = text.concat({"concurrency / duration (Little's law) = ", QuantityText(c.concurrency), " / ",
                              QuantityText(duration_s), " s"});
    if (w.cpu_ms_per_request > 0) {
        out.cpu_ms_per_request = w.cpu_ms_per_request;
        const double cpu_rps = c.vcpu * 1000.0 / w.cpu_ms_per_request;
        if (cpu_rps < out.rps) {
            out.rps = cpu_rps;
            out.source = text.concat({"vCPUs x 1,000 / cpu_ms_per_request = ", QuantityText(c.vcpu), " x 1,000 / ",
                                      QuantityText(w.cpu_ms_per_request), " (CPU binds before concurrency: ",
                                      QuantityText(c.concurrency), " / ", QuantityText(duration_s), " s is more)"});
        }
    }
    if (!(out.rps <= kMaxCapacityRps)) {
        out.rps = kMaxCapacityRps;
        out.source = text.concat({out.source, ", capped at 10,000,000 requests/s"});
    }
    return out;
}

}  // namespace

CostModel::Data build_cloud_run_service(const Workload& w, const CloudRunServiceConfig& c, const Catalog& catalog) {
    CostModel::Data d = empty_data();
    const PriceEntry& vcpu_price = catalog.at(CatalogId{"gcp.cloud_run_service.", c.region, ".vcpu_seconds"}, "region");
    const PriceEntry& memory_price =
        catalog.at(CatalogId{"gcp.cloud_run_service.", c.region, ".gib_seconds"}, "region");
    d.currency = vcpu_price.currency;
    require_same_currency(d, memory_price);

    // The fleet: max(min_instances, ceil(peak rps / (capacity x target_utilization))), up all
    // month. The field bounds (concurrency >= 1, duration <= 900 s, utilisation >= 0.1,
    // peak_to_mean <= 1,000) keep an instance above the 0.01 requests a month size_fleet needs.
    const fleet::InstanceCapacity capacity = capacity_of(d.text, c, w);
    const fleet::SizingRule rule{
        std::nullopt, c.min_instances, c.target_utilization, kHoursPerMonth, fleet::sizing_peak_to_mean(w), false};
    // Under scaling the service's max_instances caps the count (static keeps pricing the peak,
    // flagged over_max_instances, as without a profile).
    FleetScaling scaling = c.scaling;
    if (scaling.mode != ScalingMode::static_size) scaling.max_instances = c.max_instances;
    fleet::check_scaling(w, scaling, capacity, rule);
    const fleet::SizedFleet sized = fleet::size_fleet(capacity, rule);
    const fleet::ScaledFleet scaled = fleet::scale_fleet(w, scaling, capacity, rule, sized);
    const double memory_gib = c.memory_mb / 1024.0;

    // Each dimension: its free allowance (valued at Tier 1 prices) and its region's price.
    bool free_tier_revalued = false;
    const auto bands = [&](std::string_view name, const PriceEntry& price, std::string_view item) {
        if (!c.free_tier) return make_bands(d.text, name, price, nullptr);
        const PriceEntry& allowance =
            catalog.at(CatalogId{"gcp.cloud_run_service.global.free_tier.", item}, "free_tier");
        const PriceEntry& tier1 = catalog.at(CatalogId{"gcp.cloud_run_service.global.tier1.", item}, "free_tier");
        require_same_currency(d, tier1);
        std::vector<Band> out = make_bands(d.text, name, price, &allowance);
        if (value_free_tier_at_tier1(d.text, out, price, allowance, tier1)) free_tier_revalued = true;
        return out;
    };
    // CPU first: the fleet's size is read from the first component (CostModel::fleet_size).
    // Each dimension is the fleet's instance-hours times the units an instance-hour bills.
    d.components.push_back(fleet::fleet_component("CPU", "vCPU-second", scaled.hours, 3600.0 * c.vcpu,
                                                  bands("CPU", vcpu_price, "vcpu_seconds")));
    d.components.push_back(fleet::fleet_component("Memory", "GiB-second", scaled.hours, 3600.0 * memory_gib,
                                                  bands("Memory", memory_price, "gib_seconds")));
    add_data_out(d, w, "gcp", c.region, c.free_tier, catalog);

    add_common_conventions(d, catalog);
    d.conventions.push_back({"billing_mode", 0.0,
                             "instance-based: every instance is billed per vCPU-second and GiB-second for as long as "
                             "it is up, serving or idle; no request fee"});
    if (scaling.mode == ScalingMode::static_size) {
        d.conventions.push_back({"instance_uptime", 0.0,
                                 "the instances the peak needs are up all month (730 h): traffic is assumed spread "
                                 "over the month, so the autoscaler never removes them"});
        d.conventions.push_back({"scale_to_zero", 0.0,
                                 "at zero traffic the service runs min_instances (0: nothing is billed); any traffic "
                                 "keeps at least one instance up all month, so a service idle for hours between "
                                 "requests costs less than this bill"});
    } else {
        d.conventions.push_back({"instance_uptime", 0.0,
                                 "each instance is billed from its start to its shutdown, serving or idle; idle "
                                 "instances are kept scale_in_delay_s (Cloud Run keeps them up to 15 minutes), "
                                 "min_instances always"});
    }
    d.conventions.push_back({"concurrency", static_cast<double>(c.concurrency), {}});
    d.conventions.push_back({"concurrency_rule", 0.0,
                             "requests in flight = rps x duration (Little's law); one instance carries concurrency "
                             "of them, the autoscaler fills target_utilization of that at peak"});
    d.conventions.push_back({"autoscaling_drivers", 0.0,
                             "sized on request concurrency, and on CPU when workload.cpu_ms_per_request is given, both "
                             "at target_utilization (Google's default is 60 % for each)"});
    d.conventions.push_back({"vcpu", c.vcpu, {}});
    d.conventions.push_back({"memory_gib", memory_gib, {}});
    d.conventions.push_back({"vcpu_seconds_per_instance_month", c.vcpu * kSecondsPerMonth, {}});
    d.conventions.push_back({"gib_seconds_per_instance_month", memory_gib * kSecondsPerMonth, {}});
    fleet::add_sizing_conventions(d, capacity, rule, sized);
    fleet::add_scaling_conventions(d, scaling, scaled);
    if (c.min_instances > 0)
        d.conventions.push_back(
            {"min_instances_rate", 0.0, "minimum instances are billed at the full instance-based rate, idle or not"});
    if (c.max_instances && !scaling.max_instances)  // else add_scaling_conventions has it
        d.conventions.push_back({"max_instances", static_cast<double>(*c.max_instances), {}});
    d.conventions.push_back({"free_tier_applied", c.free_tier ? 1.0 : 0.0, {}});
    if (c.free_tier)
        d.conventions.push_back({"free_tier_scope", 0.0,
                                 "the billing account's monthly instance-based free tier (240,000 vCPU-s, 450,000 "
                                 "GiB-s; none for requests) is credited to this service"});
    if (free_tier_revalued)
        d.conventions.push_back({"free_tier_valuation", 0.0,
                                 "the free tier is a spending-based discount valued at Tier 1 prices: at this region's "
                                 "prices it is a different number of free units (see the free-tier lines)"});

    d.fleet = CostModel::Data::Fleet{false, capacity.rps, sized.run_seconds, rule.peak_to_mean, 0, false, {}};
    if (scaled.plan)
        d.fleet->peak_instances = [plan = scaled.plan](double r) { return plan->simulate(r, false).peak_instances; };
    const double duration_s = w.duration_ms / 1000.0, run_seconds = sized.run_seconds, peak_to_mean = rule.peak_to_mean;
    const double capacity_rps = capacity.rps;
    const std::optional<int> max_instances = c.max_instances;
    const bool capped = scaling.max_instances.has_value();  // else the peak is priced, and flagged
    d.annotate = [duration_s, run_seconds, peak_to_mean, capacity_rps, max_instances, capped, plan = scaled.plan](
                     const CostModel::Data& data, double r, Bill& bill) {
        double n = 0.0;  // the peak count
        if (plan) {
            n = fleet::annotate_timeline(*plan, capacity_rps, r, bill);
        } else {
            const Component& cpu = data.components.front();
            n = std::round(cpu.quantity(r) / cpu.segments.front().hours);
        }
        const double mean_rps = r / run_seconds, peak_rps = mean_rps * peak_to_mean;
        bill.conventions.push_back({"instances", n, {}});
        bill.conventions.push_back({"mean_rps", mean_rps, {}});
        bill.conventions.push_back({"peak_rps", peak_rps, {}});
        bill.conventions.push_back({"peak_requests_in_flight", peak_rps * duration_s, {}});
        if (n > 0) bill.conventions.push_back({"utilization_at_peak", peak_rps / (n * capacity_rps), {}});
        if (!capped && max_instances && n > *max_instances)
            bill.flags.push_back({"over_max_instances",
                                  "the peak needs more instances than max_instances: Cloud Run would hold at the cap "
                                  "and queue or refuse the excess; this bill prices the instances the peak needs"});
    };
    if (w.traffic) add_service_cold_starts(d, w, c);  // serverless_traffic.hpp: counts only
    return d;
}

}  // namespace costsim::detail
