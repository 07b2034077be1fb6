// AWS Lambda Managed Instances: the instances' EC2 price under the purchase option, a management
// fee on their On-Demand price, requests and data transfer out, with the fleet sized from
// concurrency. Composed from the fleet blocks (offerings/fleet/).
// Formulas and sources: Design/pricing-model.md#aws-lambda-managed-instances.
#include "offerings/fleet/fleet_blocks.hpp"
#include "offerings/model_building.hpp"

#include <costsim/error.hpp>

#include <algorithm>
#include <cmath>
#include <string>

namespace costsim::detail {

namespace {

/// The capacity per instance is kept within the bound size_fleet expects (fleet/sizing.cpp).
constexpr double kMaxCapacityRps = 1e7;
/// size_fleet's floor (fleet/sizing.cpp): one instance carries at least this many requests a
/// month, so that the largest traffic needs at most 1e15 instances.
constexpr double kMinRequestsPerInstance = WorkloadLimits::max_requests_per_month / 1e15;
/// MaxVCpuCount's upper bound (API_CapacityProviderScalingConfig): one capacity provider never
/// runs more vCPUs than this.
constexpr double kMaxCapacityProviderVcpus = 15000.0;
/// MaxVCpuCount's default (wave2-facts 4.9, [U]): a fleet above it is flagged, not capped (the
/// cap is scaling.max_instances, the user's MaxVCpuCount / vCPUs).
constexpr double kDefaultMaxVcpuCount = 400.0;

/// The instance types Lambda Managed Instances runs on: not burstable, and 2, 4 or 8 GiB per vCPU
/// (the C, M and R families). A given memory_gib_per_vcpu must be the instance's. Returns the ratio.
/// \throws InvalidInput ("instance", "memory_gib_per_vcpu").
double check_instance(const PriceEntry& entry, double vcpus, std::optional<int> memory_gib_per_vcpu) {
    const InstanceSpec& spec = *entry.instance;
    const std::string got = "\"" + spec.name + "\"";
    if (spec.baseline_share)
        throw InvalidInput("instance",
                           "a C, M or R instance type, not a burstable one (Lambda Managed Instances does not run on "
                           "t3/t4g types)",
                           got);
    const double ratio = spec.memory_gib / vcpus;
    if (ratio != 2.0 && ratio != 4.0 && ratio != 8.0)
        throw InvalidInput("instance",
                           "an instance type with 2, 4 or 8 GiB per vCPU (the C, M and R families Lambda Managed "
                           "Instances runs on); " +
                               spec.name + " has " + format_number(spec.memory_gib) + " GiB / " + format_number(vcpus) +
                               " vCPUs = " + format_number(ratio),
                           got);
    if (memory_gib_per_vcpu && *memory_gib_per_vcpu != ratio)
        throw InvalidInput("memory_gib_per_vcpu",
                           format_number(ratio) + ", the ratio of " + spec.name + " (" +
                               format_number(spec.memory_gib) + " GiB / " + format_number(vcpus) +
                               " vCPUs; c 2, m 4, r 8): choose an instance of the family that has your ratio",
                           std::to_string(*memory_gib_per_vcpu));
    return ratio;
}

/// What one instance serves, and whether its CPU (not its concurrency) binds.
struct ManagedCapacity {
    fleet::InstanceCapacity capacity;
    double concurrency_rps = 0.0;  ///< vCPUs x concurrency_per_vcpu / duration in seconds
    bool cpu_binds = false;
};

// Lambda scales on CPU utilisation and on concurrency saturation: an instance serves
// vCPUs x concurrency_per_vcpu requests at once, i.e. that many / duration s a second (Little's
// law), and, when the workload gives CPU time, no more than its vCPUs can compute.
ManagedCapacity managed_capacity(TextArena& text, const Workload& w, double vcpus, double concurrency_per_vcpu) {
    ManagedCapacity out;
    const double seconds = w.duration_ms / 1000.0;
    out.concurrency_rps = std::min(vcpus * concurrency_per_vcpu / seconds, kMaxCapacityRps);
    const fleet::InstanceCapacity cpu = fleet::instance_capacity(text, std::nullopt, vcpus, w.cpu_ms_per_request);
    if (cpu.rps > 0 && cpu.rps < out.concurrency_rps) {
        out.capacity = cpu;
        out.cpu_binds = true;
        return out;
    }
    out.capacity.rps = out.concurrency_rps;
    out.capacity.source =
        text.concat({"vCPUs x concurrency_per_vcpu / (workload.duration_ms / 1,000) = ", QuantityText(vcpus), " x ",
                     QuantityText(concurrency_per_vcpu), " / ", QuantityText(seconds),
                     out.concurrency_rps == kMaxCapacityRps ? ", capped at 10,000,000" : ""});
    return out;
}

/// `v` to three significant digits, rounded up, so that the value named works.
std::string rounded_up(double v) {
    if (!(v > 0) || !std::isfinite(v)) return format_number(v);
    const double step = std::pow(10.0, std::floor(std::log10(v)) - 2);
    return format_number(std::ceil(v / step) * step);
}

/// size_fleet's refusal of a fleet that would need more than 1e15 instances, naming this kind's
/// fields (size_fleet names capacity_rps, which this kind has not): the least concurrency_per_vcpu
/// that works here, else the least target_utilization, else the least hours_per_month.
InvalidInput too_little_capacity(const Workload& w, const fleet::SizingRule& rule, double vcpus,
                                 double concurrency_per_vcpu, double capacity_rps) {
    const double run_seconds = rule.hours_per_month * 3600.0;
    const double seconds = w.duration_ms / 1000.0;
    // requests one instance carries a month = run_seconds x capacity x utilisation / peak_to_mean
    const double carried = run_seconds * capacity_rps * rule.target_utilization / rule.peak_to_mean;
    const std::string rule_text =
        " (one instance must carry at least " + format_quantity(kMinRequestsPerInstance) +
        " requests a month, so that the largest traffic needs at most 1e15 instances: hours_per_month x 3,600 x "
        "vCPUs x concurrency_per_vcpu / (duration_ms / 1,000) x target_utilization / peak_to_mean = " +
        format_number(rule.hours_per_month) + " x 3,600 x " + format_number(vcpus) + " x " +
        format_number(concurrency_per_vcpu) + " / " + format_number(seconds) + " x " +
        format_number(rule.target_utilization) + " / " + format_number(rule.peak_to_mean) + " = " +
        format_number(carried) + ")";
    const double factor = kMinRequestsPerInstance / carried;  // how far short the capacity falls
    if (const double least = concurrency_per_vcpu * factor; least <= 64)
        return InvalidInput("concurrency_per_vcpu", "at least " + rounded_up(least) + " here" + rule_text,
                            format_number(concurrency_per_vcpu));
    if (const double least = rule.target_utilization * factor; least <= 1)
        return InvalidInput("target_utilization", "at least " + rounded_up(least) + " here" + rule_text,
                            format_number(rule.target_utilization));
    return InvalidInput("hours_per_month",
                        "at least " + rounded_up(rule.hours_per_month * factor) + " here" + rule_text,
                        format_number(rule.hours_per_month));
}

/// The management fee: fee x the instance's On-Demand hourly price per instance-hour, whatever
/// the purchase option. Its price id is the fee's; its confidence the weaker of fee and instance.
Band management_fee_band(TextArena& text, std::string_view name, const PriceEntry& fee, const PriceEntry& instance,
                         double on_demand) {
    const Confidence confidence = weaker(fee.confidence, instance.confidence);
    std::string_view unverified_ids;  // empty: the fee's id alone
    if (instance.confidence == Confidence::unverified)
        unverified_ids = fee.confidence == Confidence::unverified ? text.concat({fee.id, ", ", instance.id})
                                                                  : text.store(instance.id);
    const std::string_view note =
        text.concat({QuantityText(fee.flat_price() * 100.0), " % of the On-Demand $", QuantityText(on_demand),
                     " per hour (", instance.id, "), whatever the purchase option"});
    return Band{0.0,        kUnbounded,    fee.flat_price() * on_demand, name, text.store(fee.id), note,
                confidence, unverified_ids};
}

}  // namespace

CostModel::Data build_lambda_managed_instances(const Workload& w, const LambdaManagedInstancesConfig& c,
                                               const Catalog& catalog) {
    CostModel::Data d = empty_data();
    // The request price first: a region without Lambda Managed Instances is named as such.
    const PriceEntry& requests =
        catalog.at(CatalogId{"aws.lambda_managed_instances.", c.region, ".requests"}, "region");
    const PriceEntry& entry = fleet::find_instance(catalog, "aws", c.region, c.instance);
    const InstanceSpec& spec = *entry.instance;
    d.currency = entry.currency;
    require_same_currency(d, requests);
    const PriceEntry& fee = catalog.at("aws.lambda_managed_instances.global.management_fee", "instance");
    if (fee.unit != "fraction")
        throw InvalidCatalog(
            fee.id, "catalog entry " + fee.id + " must be a fraction of the On-Demand price, got unit " + fee.unit);
    const double vcpus = fleet::vcpus_of(entry);
    const double memory_ratio = check_instance(entry, vcpus, c.memory_gib_per_vcpu);
    // Spot is not a choice of this kind (its descriptor), so the purchase is on-demand or a reservation.
    const fleet::PurchasePrice purchase = fleet::price_purchase(d, catalog, entry, c.purchase, c.payment, c.region);

    const double concurrency_per_vcpu = c.effective_concurrency_per_vcpu();
    const ManagedCapacity managed = managed_capacity(d.text, w, vcpus, concurrency_per_vcpu);
    const fleet::InstanceCapacity& capacity = managed.capacity;
    // Without scaling (or a profile) the fleet is sized for the peak (the profile's peak interval).
    const double peak_to_mean = fleet::sizing_peak_to_mean(w);
    const fleet::SizingRule rule{std::nullopt,      c.min_instances, c.target_utilization,
                                 c.hours_per_month, peak_to_mean,    false};
    fleet::check_scaling(w, c.scaling, capacity, rule);
    if (c.scaling.max_instances && double(*c.scaling.max_instances) * vcpus > kMaxCapacityProviderVcpus)
        throw InvalidInput("scaling.max_instances",
                           "at most " + format_number(std::floor(kMaxCapacityProviderVcpus / vcpus)) + " for " +
                               spec.name + " (" + format_number(vcpus) +
                               " vCPUs each; a capacity provider's MaxVCpuCount is at most 15,000)",
                           std::to_string(*c.scaling.max_instances));
    fleet::SizedFleet sized;
    try {
        sized = fleet::size_fleet(capacity, rule);
    } catch (const InvalidInput&) {
        if (managed.cpu_binds) throw;  // names workload.cpu_ms_per_request, which binds
        throw too_little_capacity(w, rule, vcpus, concurrency_per_vcpu, capacity.rps);
    }
    // The management fee follows the instance-hours: both view the same hours (or simulation).
    const fleet::ScaledFleet scaled = fleet::scale_fleet(w, c.scaling, capacity, rule, sized);
    const fleet::InstanceHours& instances = scaled.hours;

    // The instance-hours first: fleet_size and the bill's instance count read the first component.
    const std::string_view usage = d.text.concat({"Instance usage (", spec.name, ", ", purchase.label, ")"});
    d.components.push_back(fleet::fleet_component(usage, "instance-hour", instances, 1.0,
                                                  fleet::purchase_bands(d.text, usage, entry, purchase)));
    const std::string_view fee_name = d.text.concat(
        {"Management fee (", spec.name, ", ", QuantityText(fee.flat_price() * 100.0), " % of On-Demand)"});
    d.components.push_back(
        fleet::fleet_component(fee_name, "instance-hour", instances, 1.0,
                               {management_fee_band(d.text, fee_name, fee, entry, purchase.on_demand)}));
    fleet::add_reserved_upfront(d, purchase, spec.name, instances, c.hours_per_month);
    d.components.push_back(
        affine_component("Requests", "request", 1.0, 0.0, make_bands(d.text, "Requests", requests, nullptr)));
    add_data_out(d, w, "aws", c.region, c.free_tier, catalog);  // checks its currency

    add_common_conventions(d, catalog);
    fleet::add_instance_conventions(d, entry, vcpus);
    fleet::add_purchase_conventions(d, purchase, c.hours_per_month);
    fleet::add_sizing_conventions(d, capacity, rule, sized);
    fleet::add_scaling_conventions(d, c.scaling, scaled);
    if (c.scaling.mode == ScalingMode::autoscale)
        d.conventions.push_back(
            {"lambda_scaling_rule", 0.0,
             "Lambda scales the capacity provider asynchronously on CPU utilisation and concurrency saturation, "
             "with no cold start on the request path; traffic that more than doubles within 5 minutes may be "
             "throttled (wave2-facts 4.10): requests above the serving instances' capacity are counted as at risk "
             "of throttling (requests_at_risk), not billed differently"});
    d.conventions.push_back({"runtime", 0.0, spelling(c.runtime)});
    d.conventions.push_back({"concurrency_per_vcpu", concurrency_per_vcpu, {}});
    d.conventions.push_back({"concurrency_source", 0.0,
                             c.concurrency_per_vcpu ? "concurrency_per_vcpu as given"
                                                    : "the runtime's default maximum (nodejs 64, java 32, dotnet 32, "
                                                      "python 16 per vCPU), taken as sustained"});
    d.conventions.push_back({"concurrency_rule", 0.0,
                             "concurrent requests at peak = peak rps x duration (Little's law); one instance serves "
                             "vCPUs x concurrency_per_vcpu at once; with workload.cpu_ms_per_request, also at most "
                             "vCPUs x 1,000 / cpu_ms_per_request a second (Lambda scales on CPU and on concurrency)"});
    d.conventions.push_back({"capacity_bound", 0.0, managed.cpu_binds ? "cpu" : "concurrency"});
    d.conventions.push_back({"memory_gib_per_vcpu", memory_ratio, {}});
    d.conventions.push_back(
        {"memory_ratio_rule", 0.0,
         "the execution environments' memory per vCPU is the instance family's: c 2, m 4, r 8 GiB"});
    d.conventions.push_back({"management_fee_rate", fee.flat_price(), {}});
    d.conventions.push_back({"management_fee_rule", 0.0,
                             "fee = rate x On-Demand price x instance-hours, whatever the purchase option: Reserved "
                             "Instances and Savings Plans discount the EC2 part only"});
    if (purchase.reservation())
        d.conventions.push_back({"reservation_rule", 0.0,
                                 "1yr/3yr: the instances at the Standard Reserved Instance rate; a Savings Plan's "
                                 "discount is not priced separately"});
    d.conventions.push_back({"duration_charge", 0.0, "none: compute is billed as the instances, not per GB-second"});
    d.conventions.push_back({"request_free_tier", 0.0,
                             "none: whether the Lambda free tier covers Managed Instances requests is not documented "
                             "in the sources seen"});
    d.conventions.push_back(
        {"not_modelled", 0.0,
         "execution-environment packing and the OS's share of each instance, instance rotation "
         "(every 14 days), VPC costs (NAT gateway, endpoints) and EBS volumes are not in this bill"});
    d.conventions.push_back({"free_tier_applied", c.free_tier ? 1.0 : 0.0, {}});

    d.fleet = CostModel::Data::Fleet{false, capacity.rps, sized.run_seconds, peak_to_mean, 0, false, {}};
    if (scaled.plan)
        d.fleet->peak_instances = [plan = scaled.plan](double r) { return plan->simulate(r, false).peak_instances; };
    const fleet::FleetBillFacts facts{sized.run_seconds, peak_to_mean, capacity.rps, false,
                                      std::nullopt,      false,        scaled.plan};
    const double seconds = w.duration_ms / 1000.0;
    d.annotate = [facts, vcpus, seconds, approximation = purchase.approximation](const CostModel::Data& data, double r,
                                                                                 Bill& bill) {
        if (!approximation.empty()) bill.flags.push_back({"purchase_approximation", approximation});
        fleet::annotate_fleet_bill(facts, data, r, bill);
        bill.conventions.push_back(
            {"concurrent_requests_at_peak", r / facts.run_seconds * facts.peak_to_mean * seconds, {}});
        const double n = fleet::peak_instances(data, facts.plan, r);
        if (n * vcpus > kMaxCapacityProviderVcpus)
            bill.flags.push_back({"above_max_vcpu_count",
                                  "the fleet needs more than 15,000 vCPUs, the most one capacity provider runs "
                                  "(MaxVCpuCount): split the functions over several capacity providers"});
        else if (n * vcpus > kDefaultMaxVcpuCount)
            bill.flags.push_back({"above_default_max_vcpu_count",
                                  "the fleet peaks above 400 vCPUs, a capacity provider's default MaxVCpuCount "
                                  "(wave2-facts 4.9, unverified): raise MaxVCpuCount to run it, or cap it with "
                                  "scaling.max_instances (requests above the cap are then at risk)"});
    };
    return d;
}

}  // namespace costsim::detail
