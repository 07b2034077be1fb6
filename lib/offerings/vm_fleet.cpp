// VM fleets: instance-hours (or instance-months) of a fleet sized for the peak, optional ALB,
// block storage and data transfer out, composed from the fleet blocks (offerings/fleet/).
// Formulas and sources: Design/pricing-model.md#vm-fleets.
#include "offerings/fleet/fleet_blocks.hpp"
#include "offerings/model_building.hpp"

namespace costsim::detail {

CostModel::Data build_vm_fleet(const Workload& w, const VmFleetConfig& c, const Catalog& catalog) {
    CostModel::Data d = empty_data();
    const std::string region = c.effective_region();
    const PriceEntry& entry = fleet::find_instance(catalog, c.provider, region, c.instance);
    const InstanceSpec& spec = *entry.instance;
    d.currency = entry.currency;
    fleet::require_block_storage_prices(c.provider, c.storage_gb);
    // Purchase options other than on-demand are AWS only (VmFleetConfig::validate).
    const fleet::PurchasePrice purchase = fleet::price_purchase(d, catalog, entry, c.purchase, c.payment, region);

    const double vcpus = fleet::vcpus_of(entry);
    const fleet::InstanceCapacity capacity =
        fleet::instance_capacity(d.text, c.capacity_rps, vcpus, w.cpu_ms_per_request);
    // Under a traffic profile the fleet is sized for the profile's peak interval.
    const fleet::SizingRule rule{c.count,
                                 c.min_instances,
                                 c.target_utilization,
                                 c.hours_per_month,
                                 fleet::sizing_peak_to_mean(w),
                                 fleet::is_monthly_plan(entry)};
    fleet::check_scaling(w, c.scaling, capacity, rule);
    const fleet::SizedFleet sized = fleet::size_fleet(capacity, rule);
    const fleet::ScaledFleet scaled = fleet::scale_fleet(w, c.scaling, capacity, rule, sized);
    const fleet::InstanceHours& instances = scaled.hours;  // instance-hours a month

    const bool always_free_micro = fleet::is_oci_always_free_micro(entry);
    if (always_free_micro)
        fleet::check_oci_always_free_micro(spec.name, c.free_tier, c.count, c.min_instances,
                                           sized.instances_per_request > 0);
    if (const PriceEntry* a1_free_ocpu = fleet::oci_a1_free_ocpu_hours(catalog, entry, c.free_tier)) {
        fleet::add_oci_a1_always_free_usage(d, catalog, entry, instances, *a1_free_ocpu);
    } else {
        const std::string_view usage = d.text.concat({"Instance usage (", spec.name, ", ", purchase.label, ")"});
        // A monthly plan bills instance-months: instance-hours / hours run.
        d.components.push_back(fleet::fleet_component(usage, rule.billed_per_month ? "instance-month" : "instance-hour",
                                                      instances, rule.billed_per_month ? 1.0 / c.hours_per_month : 1.0,
                                                      fleet::purchase_bands(d.text, usage, entry, purchase)));
    }
    fleet::add_reserved_upfront(d, purchase, spec.name, instances, c.hours_per_month);
    if (c.storage_gb > 0) fleet::add_ebs_gp3_storage(d, catalog, region, instances, c.storage_gb);
    // One public IPv4 per instance unless the fleet sits behind a load balancer, one per AZ of the ALB.
    const bool instance_ipv4 = c.instances_have_public_ipv4();
    if (instance_ipv4) fleet::add_public_ipv4_per_instance(d, catalog, c.provider, instances);
    if (c.load_balancer)
        fleet::add_application_load_balancer(d, catalog, w, region, c.load_balancer_azs, c.hours_per_month);
    add_data_out(d, w, c.provider, region, c.free_tier, catalog);  // checks its currency

    add_common_conventions(d, catalog);
    fleet::add_instance_conventions(d, entry, vcpus);
    if (always_free_micro) fleet::add_oci_always_free_micro_convention(d);
    fleet::add_purchase_conventions(d, purchase, c.hours_per_month);
    fleet::add_sizing_conventions(d, capacity, rule, sized);
    fleet::add_scaling_conventions(d, c.scaling, scaled);
    fleet::add_storage_conventions(d, c.storage_gb);
    fleet::add_public_ipv4_conventions(d, instance_ipv4);
    d.conventions.push_back({"free_tier_applied", c.free_tier ? 1.0 : 0.0, {}});

    d.fleet = CostModel::Data::Fleet{sized.fixed_count,
                                     capacity.rps,
                                     sized.run_seconds,
                                     rule.peak_to_mean,
                                     c.load_balancer ? c.load_balancer_azs : 0,
                                     instance_ipv4,
                                     {}};
    if (scaled.plan)
        d.fleet->peak_instances = [plan = scaled.plan](double r) { return plan->simulate(r, false).peak_instances; };
    const fleet::FleetBillFacts facts{sized.run_seconds,   rule.peak_to_mean,   capacity.rps, sized.fixed_count,
                                      spec.baseline_share, c.provider == "aws", scaled.plan};
    d.annotate = [facts, approximation = purchase.approximation](const CostModel::Data& data, double r, Bill& bill) {
        if (!approximation.empty()) bill.flags.push_back({"purchase_approximation", approximation});
        fleet::annotate_fleet_bill(facts, data, r, bill);
    };
    return d;
}

}  // namespace costsim::detail
