// AWS Fargate: the vCPU-hours and GB-hours of a service's tasks (billed per second, one-minute
// minimum), ephemeral storage above the included 20 GB, Fargate Spot, public IPv4 per task, an
// optional ALB and data transfer out. Tasks are sized like a VM fleet, from the fleet blocks
// (offerings/fleet/). Formulas and sources: Design/pricing-model.md#aws-fargate.
#include "offerings/fleet/fleet_blocks.hpp"
#include "offerings/model_building.hpp"

#include <algorithm>
#include <cmath>

namespace costsim::detail {

namespace {

/// Fargate's minimum charge for a Linux task (aws.amazon.com/fargate/pricing/).
constexpr double kMinimumBilledSeconds = 60.0;

/// Seconds billed for one task running `hours` a month: per second, rounded up, at least a
/// minute. A task is taken to start once a month (each start would pay the minute again).
double billed_seconds_per_task(double hours) {
    const double seconds = hours * 3600.0;
    // hours x 3,600 may land a rounding error above a whole second: that is not a further second.
    const double whole = std::round(seconds);
    const double rounded_up = std::abs(seconds - whole) <= 1e-12 * std::max(1.0, whole) ? whole : std::ceil(seconds);
    return std::max(kMinimumBilledSeconds, rounded_up);
}

/// Fargate Spot's price: the catalog's flat discount off on-demand (aws.fargate.global.purchase.spot).
struct SpotDiscount {
    const PriceEntry* entry = nullptr;  ///< null: on-demand
    double factor = 1.0;                ///< 1 - discount
};

/// `name`'s bands: the on-demand price, less the spot discount when there is one.
std::vector<Band> task_bands(TextArena& text, std::string_view name, const PriceEntry& price,
                             const SpotDiscount& spot) {
    if (!spot.entry) return make_bands(text, name, price, nullptr);
    const std::string_view note = text.concat({"on-demand $", QuantityText(price.flat_price()), " per ", price.unit,
                                               " less ", QuantityText(spot.entry->discount * 100.0), " % (spot, ",
                                               spot.entry->id, "): approximation, no published rate in catalog"});
    return make_bands(text, name, price, nullptr, spot.factor, note, spot.entry);
}

}  // namespace

CostModel::Data build_fargate(const Workload& w, const FargateConfig& c, const Catalog& catalog) {
    CostModel::Data d = empty_data();
    const std::string_view arch = to_string(c.arch);
    const PriceEntry& vcpu_price = catalog.at(CatalogId{"aws.fargate.", c.region, ".", arch, ".vcpu_hours"}, "region");
    const PriceEntry& memory_price = catalog.at(CatalogId{"aws.fargate.", c.region, ".", arch, ".gb_hours"}, "region");
    d.currency = vcpu_price.currency;
    require_same_currency(d, memory_price);
    const int extra_storage_gb = c.ephemeral_storage_gb - FargateConfig::included_storage_gb;
    const PriceEntry* storage_price =
        extra_storage_gb > 0
            ? &catalog.at(CatalogId{"aws.fargate.", c.region, ".ephemeral_storage_gb_hours"}, "ephemeral_storage_gb")
            : nullptr;
    if (storage_price) require_same_currency(d, *storage_price);
    SpotDiscount spot;
    if (c.purchase == PurchaseOption::spot) {  // x86_64 only (FargateConfig::validate)
        spot.entry = &catalog.at("aws.fargate.global.purchase.spot", "purchase");
        spot.factor = 1.0 - spot.entry->discount;
    }

    // Tasks are sized like a VM fleet; a task's capacity from its vCPU when capacity_rps is not given.
    const fleet::InstanceCapacity capacity =
        fleet::instance_capacity(d.text, c.capacity_rps, c.vcpu, w.cpu_ms_per_request);
    const fleet::SizingRule rule{
        c.count, c.min_tasks, c.target_utilization, c.hours_per_month, fleet::sizing_peak_to_mean(w), false};
    fleet::check_scaling(w, c.scaling, capacity, rule);
    const fleet::SizedFleet sized = fleet::size_fleet(capacity, rule);
    const fleet::ScaledFleet scaled = fleet::scale_fleet(w, c.scaling, capacity, rule, sized);
    const fleet::InstanceHours& tasks = scaled.hours;  // task-hours a month
    const double billed_seconds = billed_seconds_per_task(c.hours_per_month);
    // Billed hours per task-hour run: the once-a-month minute (a traffic profile's launches pay
    // their minutes in the simulation; there hours_per_month is 730 and this is 1).
    const double billed_per_hour = billed_seconds / 3600.0 / c.hours_per_month;

    // vCPU first: its quantity / segment hours is the task count (CostModel::fleet_size, bill annotations).
    const std::string_view purchase = c.purchase == PurchaseOption::spot ? "spot" : "on-demand";
    const std::string_view vcpu_name = d.text.concat({"Task vCPU (", arch, ", ", purchase, ")"});
    const std::string_view memory_name = d.text.concat({"Task memory (", arch, ", ", purchase, ")"});
    d.components.push_back(fleet::fleet_component(vcpu_name, "vCPU-hour", tasks, billed_per_hour * c.vcpu,
                                                  task_bands(d.text, vcpu_name, vcpu_price, spot)));
    d.components.push_back(fleet::fleet_component(memory_name, "GB-hour", tasks, billed_per_hour * c.memory_gb,
                                                  task_bands(d.text, memory_name, memory_price, spot)));
    // Spot discounts vCPU and memory only: the Spot table lists no storage rate.
    if (storage_price) {
        const std::string_view storage_name = "Ephemeral storage above 20 GB";
        d.components.push_back(fleet::fleet_component(storage_name, "GB-hour", tasks,
                                                      billed_per_hour * extra_storage_gb,
                                                      make_bands(d.text, storage_name, *storage_price, nullptr)));
    }
    const bool task_ipv4 = c.tasks_have_public_ipv4();
    if (task_ipv4)
        fleet::add_public_ipv4_per_instance(d, catalog, "aws", tasks, "Public IPv4 addresses (one per task)");
    if (c.load_balancer)
        fleet::add_application_load_balancer(d, catalog, w, c.region, c.load_balancer_azs, c.hours_per_month);
    add_data_out(d, w, "aws", c.region, c.free_tier, catalog);  // checks its currency

    add_common_conventions(d, catalog);
    d.conventions.push_back({"platform", 0.0,
                             "Linux tasks on Amazon ECS (Windows, with its licence fee and 15-minute "
                             "minimum, is not modelled)"});
    d.conventions.push_back({"instances_are", 0.0, "each instance of this bill is one Fargate task"});
    d.conventions.push_back({"task_vcpu", c.vcpu, {}});
    d.conventions.push_back({"task_memory_gb", c.memory_gb, {}});
    d.conventions.push_back({"billing_granularity", 0.0,
                             "per second, rounded up, with a one-minute minimum: each task is billed max(60 s, "
                             "ceil(hours_per_month x 3,600 s)) a month, as if it started once a month (a task "
                             "started again pays the minute again; not modelled)"});
    d.conventions.push_back({"billed_seconds_per_task", billed_seconds, {}});
    d.conventions.push_back({"billed_time", 0.0,
                             "hours_per_month counts the billed time, from the start of the image pull to the "
                             "task's stop"});
    d.conventions.push_back({"ephemeral_storage_gb", double(c.ephemeral_storage_gb), {}});
    d.conventions.push_back({"ephemeral_storage_rule", 0.0,
                             "the configured GB above the 20 GB included, per task, for its billed time (the ECS API "
                             "configures GiB, the price is per GB: taken as the same unit)"});
    d.conventions.push_back({"purchase_option", 0.0, to_string(c.purchase)});
    if (spot.entry) {
        d.conventions.push_back({"vcpu_hour_price_after_discount", vcpu_price.flat_price() * spot.factor, {}});
        d.conventions.push_back({"gb_hour_price_after_discount", memory_price.flat_price() * spot.factor, {}});
        d.conventions.push_back({"spot_rule", 0.0,
                                 "Fargate Spot: a flat discount off the on-demand vCPU and memory prices, none on "
                                 "storage; tasks can be interrupted with two minutes' notice and are assumed "
                                 "replaced at once"});
    }
    fleet::add_sizing_conventions(d, capacity, rule, sized);
    fleet::add_scaling_conventions(d, c.scaling, scaled);
    fleet::add_public_ipv4_conventions(d, task_ipv4);
    d.conventions.push_back({"free_tier_applied", c.free_tier ? 1.0 : 0.0, {}});

    d.fleet = CostModel::Data::Fleet{sized.fixed_count,
                                     capacity.rps,
                                     sized.run_seconds,
                                     rule.peak_to_mean,
                                     c.load_balancer ? c.load_balancer_azs : 0,
                                     task_ipv4,
                                     {}};
    if (scaled.plan)
        d.fleet->peak_instances = [plan = scaled.plan](double r) { return plan->simulate(r, false).peak_instances; };
    const fleet::FleetBillFacts facts{sized.run_seconds, rule.peak_to_mean, capacity.rps, sized.fixed_count, {}, false,
                                      scaled.plan};
    const std::string_view approximation =
        spot.entry ? d.text.concat({"approximation: flat ", QuantityText(spot.entry->discount * 100.0),
                                    " % Fargate Spot discount (", spot.entry->id,
                                    "); Spot prices are set per region and change over time"})
                   : std::string_view{};
    d.annotate = [facts, approximation](const CostModel::Data& data, double r, Bill& bill) {
        if (!approximation.empty()) bill.flags.push_back({"purchase_approximation", approximation});
        fleet::annotate_fleet_bill(facts, data, r, bill);
    };
    return d;
}

}  // namespace costsim::detail
