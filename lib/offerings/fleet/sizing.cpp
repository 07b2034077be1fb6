// Sizing to segments: the capacity of an instance, the fleet it takes for a month's traffic
// (sized for the peak, at least min_instances, or a fixed count), and what a bill shows of it.
#include "offerings/fleet/fleet_blocks.hpp"

#include <cmath>

namespace costsim::detail::fleet {

namespace {

/// The largest capacity per instance, as VmFleetConfig::validate bounds capacity_rps.
constexpr double kMaxCapacityRps = OfferingLimits::fleet_capacity_rps.max;
/// The largest fleet a sized fleet may need at WorkloadLimits::max_requests_per_month.
constexpr double kMaxFleetInstances = 1e15;
/// The smallest traffic one instance may carry, requests a month: a fleet at the largest traffic a
/// workload may have (1e13 requests a month) then needs at most 1e15 instances.
constexpr double kMinRequestsPerInstance = WorkloadLimits::max_requests_per_month / kMaxFleetInstances;

/// The error for a sized fleet whose instances carry too little: names what the user gave
/// (capacity_rps, or the workload's cpu_ms_per_request) with the least value that works here.
InvalidInput too_small_capacity(const InstanceCapacity& capacity, const SizingRule& rule, double run_seconds) {
    // requests one instance carries a month = run_seconds x capacity x utilisation / peak_to_mean
    const double least_capacity = kMinRequestsPerInstance * rule.peak_to_mean / (run_seconds * rule.target_utilization);
    const std::string carried = format_number(run_seconds * capacity.rps * rule.target_utilization / rule.peak_to_mean);
    // three significant digits, rounded so that the value named works
    const auto rounded = [](double v, bool up) {
        const double step = std::pow(10.0, std::floor(std::log10(v)) - 2);
        return format_number((up ? std::ceil(v / step) : std::floor(v / step)) * step);
    };
    const std::string rule_text =
        " (one instance must carry at least " + format_quantity(kMinRequestsPerInstance) +
        " requests a month, so that a fleet at the largest traffic, " +
        format_quantity(WorkloadLimits::max_requests_per_month) +
        " requests a month, needs at most 1e15 instances: hours_per_month x 3,600 x capacity x "
        "target_utilization / peak_to_mean = " +
        format_number(rule.hours_per_month) + " x 3,600 x " + format_number(capacity.rps) + " x " +
        format_number(rule.target_utilization) + " / " + format_number(rule.peak_to_mean) + " = " + carried + ")";
    if (capacity.given)
        return InvalidInput("capacity_rps", "at least " + rounded(least_capacity, true) + " here" + rule_text,
                            format_number(capacity.rps));
    return InvalidInput("workload.cpu_ms_per_request",
                        "at most " + rounded(capacity.cpu_ms_per_request * capacity.rps / least_capacity, false) +
                            " here (capacity = vCPUs x 1,000 / cpu_ms_per_request)" + rule_text,
                        format_number(capacity.cpu_ms_per_request));
}

}  // namespace

InstanceCapacity instance_capacity(TextArena& text, std::optional<double> capacity_rps, double vcpus,
                                   double cpu_ms_per_request) {
    InstanceCapacity out;
    out.cpu_ms_per_request = cpu_ms_per_request;
    out.source = "not given (no capacity_rps and no workload.cpu_ms_per_request)";
    if (capacity_rps) {
        out.rps = *capacity_rps;
        out.given = true;
        out.source = "capacity_rps as given";
    } else if (cpu_ms_per_request > 0) {
        out.rps = vcpus * 1000.0 / cpu_ms_per_request;
        // A near-zero CPU time would make the capacity overflow to infinity; keep it within the
        // bound a given capacity_rps has (VmFleetConfig::validate).
        const bool capped = !(out.rps <= kMaxCapacityRps);
        if (capped) out.rps = kMaxCapacityRps;
        out.source = text.concat({"vCPUs x 1,000 / cpu_ms_per_request = ", QuantityText(vcpus), " x 1,000 / ",
                                  QuantityText(cpu_ms_per_request),
                                  capped ? ", capped at 10,000,000 (the capacity_rps bound)" : ""});
    }
    return out;
}

SizedFleet size_fleet(const InstanceCapacity& capacity, const SizingRule& rule) {
    // instances = max(min, ceil(peak rps / (capacity x utilisation))), with
    // peak rps = R / (hours x 3,600) x peak_to_mean, so instances_per_request below.
    SizedFleet out;
    out.run_seconds = rule.hours_per_month * 3600.0;
    out.min_instances = rule.min_instances;
    out.fixed_count = rule.count.has_value();
    if (rule.count) {
        out.min_instances = *rule.count;
        out.count_rule = "fixed count as given";
        // A given capacity is checked, not sized from: keep the utilisation at the largest traffic
        // finite by the rule a sized fleet has (at most 1e15 instances' worth of demand).
        if (capacity.given && !(rule.peak_to_mean / (out.run_seconds * capacity.rps * out.min_instances) *
                                    WorkloadLimits::max_requests_per_month <=
                                kMaxFleetInstances))
            throw InvalidInput(
                "capacity_rps",
                "a fixed fleet's utilisation would exceed 1e15 at " +
                    format_quantity(WorkloadLimits::max_requests_per_month) +
                    " requests a month: the fleet carries only " +
                    format_quantity(out.run_seconds * capacity.rps * out.min_instances / rule.peak_to_mean) +
                    " requests a month (count x capacity_rps x hours_per_month x 3,600 / peak_to_mean); "
                    "raise capacity_rps or hours_per_month",
                0);
    } else if (capacity.rps > 0) {
        out.instances_per_request = rule.peak_to_mean / (out.run_seconds * capacity.rps * rule.target_utilization);
        out.count_rule = "max(min_instances, ceil(peak rps / (capacity_rps x target_utilization)))";
        // Tiny hours x capacity x utilisation (each valid alone) can ask for an astronomical or
        // infinite fleet. Refuse more than 1e15 instances at the largest traffic a workload may
        // have: counts stay finite and below 2^53, where ceil() and fleet steps are exact.
        if (!(out.instances_per_request * WorkloadLimits::max_requests_per_month <= kMaxFleetInstances))
            throw too_small_capacity(capacity, rule, out.run_seconds);
    } else {
        out.count_rule = "no count and no capacity given: min_instances, not sized from traffic";
    }
    // Monthly plans (Sakura) bill a full month per instance whatever the hours run.
    const double hours_factor = rule.billed_per_month ? 1.0 : rule.hours_per_month;
    out.instances = FleetSegment{hours_factor, out.min_instances, out.instances_per_request};
    return out;
}

void add_sizing_conventions(CostModel::Data& d, const InstanceCapacity& capacity, const SizingRule& rule,
                            const SizedFleet& sized) {
    d.conventions.push_back({"fleet_hours_per_month", rule.hours_per_month, {}});
    if (rule.billed_per_month)
        d.conventions.push_back(
            {"monthly_plan", 0.0, "priced per month: each instance is billed a full month, whatever hours_per_month"});
    d.conventions.push_back({"count_rule", 0.0, sized.count_rule});
    if (capacity.rps > 0) d.conventions.push_back({"capacity_rps", capacity.rps, {}});
    d.conventions.push_back({"capacity_source", 0.0, capacity.source});
    d.conventions.push_back({"target_utilization", rule.target_utilization, {}});
    d.conventions.push_back({"min_instances", sized.min_instances, {}});
    d.conventions.push_back({"peak_to_mean", rule.peak_to_mean, {}});
    d.conventions.push_back(
        {"sized_for", 0.0,
         "a static fleet is sized for the peak (mean x peak_to_mean); serverless is billed on the mean"});
    d.conventions.push_back(
        {"traffic_window", 0.0, "all requests arrive while the fleet runs: mean rps = R / (hours x 3,600)"});
}

double annotate_timeline(const FleetPlan& plan, double capacity_rps, double requests_per_month, Bill& bill) {
    FleetTimeline t = plan.simulate(requests_per_month, true);
    bill.conventions.push_back({"instance_hours", t.instance_hours, {}});
    bill.conventions.push_back({"mean_instances", t.mean_instances, {}});
    bill.conventions.push_back({"peak_instances", t.peak_instances, {}});
    bill.conventions.push_back({"intervals", double(t.intervals), {}});
    if (capacity_rps > 0) {
        bill.conventions.push_back({"intervals_at_risk", double(t.intervals_at_risk), {}});
        bill.conventions.push_back({"requests_at_risk", t.requests_at_risk, {}});
        if (t.intervals_at_risk > 0)
            bill.flags.push_back({"at_risk",
                                  "demand exceeded the serving instances' capacity (capacity_rps at 100 %) in some "
                                  "intervals: see intervals_at_risk and requests_at_risk (launch delay, "
                                  "max_instances or a schedule below the traffic)"});
    }
    bill.series.push_back(std::move(t.instances));
    return t.peak_instances;
}

void annotate_fleet_bill(const FleetBillFacts& facts, const CostModel::Data& data, double requests_per_month,
                         Bill& bill) {
    // Messages are literals (string views stay valid).
    double n = 0.0;  // the count: the peak count under a traffic profile or a schedule
    if (facts.plan) {
        n = annotate_timeline(*facts.plan, facts.capacity_rps, requests_per_month, bill);
    } else {
        const Component& fleet = data.components.front();  // instance-hours, or A1 OCPU-hours
        n = std::round(fleet.quantity(requests_per_month) / fleet.segments.front().hours);
    }
    const double mean_rps = requests_per_month / facts.run_seconds;
    const double peak_rps = mean_rps * facts.peak_to_mean;
    bill.conventions.push_back({"instances", n, {}});
    bill.conventions.push_back({"mean_rps_while_running", mean_rps, {}});
    bill.conventions.push_back({"peak_rps", peak_rps, {}});
    if (const CostModel::Data::Fleet& f = *data.fleet; f.public_ipv4_per_instance || f.load_balancer_azs > 0)
        bill.conventions.push_back(
            {"public_ipv4_addresses", (f.public_ipv4_per_instance ? n : 0.0) + f.load_balancer_azs, {}});
    if (n == 1.0)
        bill.flags.push_back({"single_instance", "the fleet has one instance: no redundancy if it or its zone fails"});
    if (facts.capacity_rps <= 0) return;
    const double utilization = peak_rps / (n * facts.capacity_rps);
    bill.conventions.push_back({"utilization_at_peak", utilization, {}});
    if (facts.fixed_count && peak_rps > n * facts.capacity_rps)
        bill.flags.push_back(
            {"over_capacity",
             "the fixed count cannot carry the peak even at 100 % utilisation: add instances or size from traffic"});
    if (facts.baseline_share && utilization > *facts.baseline_share)
        bill.flags.push_back(
            {"above_baseline",
             facts.surplus_credits_billed
                 ? "a burstable instance runs above its baseline CPU share at peak: sustained use beyond "
                   "earned credits costs surplus credits at $0.05 per vCPU-hour (t3/t4g unlimited), "
                   "not in this bill"
                 : "a burstable instance runs above its baseline CPU share at peak: once its credits "
                   "are spent it is throttled to the baseline"});
}

}  // namespace costsim::detail::fleet
