// VM fleets: instance-hours (or instance-months) of a fleet sized for the peak, optional ALB,
// block storage and data transfer out. Formulas and sources: Design/pricing-model.md#vm-fleets.
#include "offerings/model_building.hpp"

#include "core/validation.hpp"

#include <costsim/detail/edit_distance.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>

namespace costsim::detail {

namespace {

/// The largest capacity per instance, as VmFleetConfig::validate bounds capacity_rps.
constexpr double kMaxCapacityRps = 1e7;
/// The largest fleet a sized fleet may need at WorkloadLimits::max_requests_per_month.
constexpr double kMaxFleetInstances = 1e15;

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return out;
}

/// The instance entry whose user-facing name matches `wanted` (case-insensitive; Azure also
/// accepts the "Standard_" prefix). \throws PriceNotFound naming the closest type names.
const PriceEntry& find_instance(const Catalog& catalog, const VmFleetConfig& c, const std::string& region) {
    std::string key = lower(c.instance);
    if (c.provider == "azure" && key.rfind("standard_", 0) == 0) key = key.substr(9);
    if (const PriceEntry* e = catalog.find_instance(c.provider, region, key)) return *e;
    // Not found: scan the region's instances for the error message.
    const std::vector<const PriceEntry*> candidates = catalog.instances(c.provider, region);
    if (candidates.empty()) {
        std::vector<std::string> regions;
        for (const PriceEntry* e : catalog.instances(c.provider, ""))
            if (std::find(regions.begin(), regions.end(), e->region) == regions.end()) regions.push_back(e->region);
        std::sort(regions.begin(), regions.end());
        std::string message = "no " + c.provider + " instance prices in region \"" + region + "\" (" +
                              (regions.empty() ? "the catalog has no " + c.provider + " instances" : "regions: " + detail::join(regions));
        if (auto close = detail::closest_match(region, regions)) message += "; did you mean " + *close + "?";
        throw PriceNotFound("region", message + ")");
    }
    std::vector<std::pair<std::size_t, std::string>> scored;
    for (const PriceEntry* e : candidates) scored.emplace_back(detail::edit_distance(key, lower(e->instance->name)), e->instance->name);
    std::sort(scored.begin(), scored.end());
    std::string message = "no " + c.provider + " instance type \"" + c.instance + "\" in region " + region + " (closest:";
    for (std::size_t i = 0; i < scored.size() && i < 3; ++i) message += (i ? ", " : " ") + scored[i].second;
    throw PriceNotFound("instance", message + ")");
}

/// vCPUs an instance entry gives the workload. OCI lists OCPUs: one x86 OCPU is one physical
/// core = 2 vCPUs (hyperthreads); one Ampere A1 OCPU is 1 vCPU (docs.oracle.com, "OCPU").
double vcpus_of(const PriceEntry& e) {
    const double per_unit = (e.provider == "oci" && e.instance->arch == "x86_64") ? 2.0 : 1.0;
    return e.instance->vcpu * per_unit;
}

void require_currency(const PriceEntry& e, const std::string& currency) {
    if (e.currency != currency)
        throw InvalidCatalog(e.id, "catalog entry " + e.id + " is priced in " + e.currency + " but this bill is in " +
                                       currency + "; one bill holds one currency");
}

/// "$0.0104" / "JPY 1,595" style for notes.
std::string money(double v, const std::string& currency) {
    return (currency == "USD" ? "$" : currency + " ") + format_quantity(v);
}

/// The catalog id of a provider's public IPv4 address-hour (OCI and Sakura list it at 0).
std::string_view public_ipv4_id(const std::string& provider) {
    if (provider == "aws") return "aws.vpc.global.public_ipv4";
    if (provider == "gcp") return "gcp.compute.global.external_ipv4";
    if (provider == "azure") return "azure.network.global.public_ipv4";
    if (provider == "oci") return "oci.network.global.public_ipv4";
    return "sakura.server.global.shared_ipv4";
}

/// `name` and `unit` are literals or live in the model's TextArena.
Component fleet_component(std::string_view name, std::string_view unit, FleetSegment segment, std::vector<Band> bands) {
    Component comp;
    comp.shape = Component::Shape::fleet;
    comp.name = name;
    comp.unit = unit;
    comp.segments.push_back(segment);
    comp.bands = std::move(bands);
    return comp;
}

/// The smallest traffic one instance may carry, requests a month: a fleet at the largest traffic a
/// workload may have (1e13 requests a month) then needs at most 1e15 instances.
constexpr double kMinRequestsPerInstance = WorkloadLimits::max_requests_per_month / kMaxFleetInstances;

/// The error for a sized fleet whose instances carry too little: names what the user gave
/// (capacity_rps, or the workload's cpu_ms_per_request) with the least value that works here.
InvalidInput too_small_capacity(const Workload& w, const VmFleetConfig& c, double capacity, double run_seconds) {
    // requests one instance carries a month = run_seconds x capacity x utilisation / peak_to_mean
    const double least_capacity = kMinRequestsPerInstance * w.peak_to_mean / (run_seconds * c.target_utilization);
    const std::string carried = format_number(run_seconds * capacity * c.target_utilization / w.peak_to_mean);
    // three significant digits, rounded so that the value named works
    const auto rounded = [](double v, bool up) {
        const double step = std::pow(10.0, std::floor(std::log10(v)) - 2);
        return format_number((up ? std::ceil(v / step) : std::floor(v / step)) * step);
    };
    const std::string rule = " (one instance must carry at least " + format_quantity(kMinRequestsPerInstance) +
                             " requests a month, so that a fleet at the largest traffic, " +
                             format_quantity(WorkloadLimits::max_requests_per_month) +
                             " requests a month, needs at most 1e15 instances: hours_per_month x 3,600 x capacity x "
                             "target_utilization / peak_to_mean = " + format_number(c.hours_per_month) + " x 3,600 x " +
                             format_number(capacity) + " x " + format_number(c.target_utilization) + " / " +
                             format_number(w.peak_to_mean) + " = " + carried + ")";
    if (c.capacity_rps)
        return InvalidInput("capacity_rps", "at least " + rounded(least_capacity, true) + " here" + rule,
                            format_number(*c.capacity_rps));
    return InvalidInput("workload.cpu_ms_per_request",
                        "at most " + rounded(w.cpu_ms_per_request * capacity / least_capacity, false) +
                            " here (capacity = vCPUs x 1,000 / cpu_ms_per_request)" + rule,
                        format_number(w.cpu_ms_per_request));
}

}  // namespace

CostModel::Data build_vm_fleet(const Workload& w, const VmFleetConfig& c, const Catalog& catalog) {
    CostModel::Data d = empty_data();
    const std::string region = c.effective_region();
    const PriceEntry& entry = find_instance(catalog, c, region);
    const InstanceSpec& spec = *entry.instance;
    d.currency = entry.currency;
    const bool monthly = entry.unit == "month";
    const bool aws = c.provider == "aws";
    if (c.storage_gb > 0 && !aws)
        throw InvalidInput("storage_gb", "0 for provider " + c.provider + " (the catalog has block storage prices for aws only)",
                           format_quantity(c.storage_gb));

    // Purchase option (AWS only; VmFleetConfig::validate). A 1yr/3yr reservation is priced at the
    // instance's published rate "<instance entry id>.reserved.<term>.<payment>" when the catalog
    // has one: its hourly rate on the instance-hours, its upfront payment / term months as a line
    // of its own. Without one, and for spot, a flat fraction off on-demand
    // (aws.ec2.global.purchase.*), flagged as an approximation.
    const std::string_view purchase = to_string(c.purchase);
    const bool reservation = c.purchase == PurchaseOption::one_year || c.purchase == PurchaseOption::three_year;
    const std::string_view payment = to_string(c.payment);
    const CatalogId reserved_id{entry.id, ".reserved.", purchase, ".", payment};
    const PriceEntry* reserved = reservation ? catalog.find(reserved_id) : nullptr;
    if (reserved && !reserved->reserved) reserved = nullptr;  // an id without reserved terms is no rate
    if (reserved) require_currency(*reserved, d.currency);
    double discount = 0.0;
    const PriceEntry* discount_entry = nullptr;
    if (c.purchase != PurchaseOption::on_demand && !reserved) {
        if (c.payment != ReservedPayment::no_upfront)
            throw PriceNotFound("payment", "no published " + std::string(payment) + " " + std::string(purchase) +
                                               " rate for " + spec.name + " in " + region + " in the catalog (" +
                                               std::string(std::string_view(reserved_id)) +
                                               "); the flat fallback discount stands for no_upfront only");
        discount_entry = &catalog.at(CatalogId{"aws.ec2.global.purchase.", purchase}, "purchase");
        discount = discount_entry->discount;
    }
    const double on_demand = entry.flat_price();
    const double unit_price = reserved ? reserved->flat_price() : on_demand * (1.0 - discount);
    // "1yr partial upfront" in line names; "1yr", "spot", "on-demand" otherwise.
    const std::string_view payment_words = c.payment == ReservedPayment::no_upfront        ? " no upfront"
                                           : c.payment == ReservedPayment::partial_upfront ? " partial upfront"
                                                                                           : " all upfront";
    const std::string_view purchase_label =
        reservation ? d.text.concat({purchase, payment_words}) : purchase;
    std::string_view price_note;
    std::string_view approximation;  // the flag's message when a flat fraction stands in for a rate
    if (reserved) {
        price_note = d.text.concat({"reserved rate ", money(unit_price, entry.currency), " per hour (Standard RI, ",
                                    purchase_label, c.payment == ReservedPayment::all_upfront
                                                        ? "; the upfront payment covers every hour"
                                                        : "",
                                    "; on-demand ", money(on_demand, entry.currency), ")"});
    } else if (discount_entry) {
        price_note = d.text.concat({"on-demand ", money(on_demand, entry.currency), " per ", entry.unit, " less ",
                                    QuantityText(discount * 100.0), " % (", purchase, ", ", discount_entry->id,
                                    "): approximation, no published rate in catalog"});
        approximation =
            c.purchase == PurchaseOption::spot
                ? d.text.concat({"approximation: flat ", QuantityText(discount * 100.0),
                                 " % spot discount (", discount_entry->id,
                                 "); spot is a market price that varies by type, zone and hour"})
                : d.text.concat({"approximation: flat ", QuantityText(discount * 100.0), " % discount (",
                                 discount_entry->id, "), no published ", purchase, " rate in catalog for ",
                                 spec.name, " in ", region});
    } else {
        price_note = d.text.concat({purchase, " ", money(on_demand, entry.currency), " per ", entry.unit});
    }

    // Capacity per instance: given, or from CPU time per request on the instance's vCPUs.
    const double vcpus = vcpus_of(entry);
    double capacity = 0.0;  // requests/s at 100 % utilisation; 0 = unknown
    std::string_view capacity_source = "not given (no capacity_rps and no workload.cpu_ms_per_request)";
    if (c.capacity_rps) {
        capacity = *c.capacity_rps;
        capacity_source = "capacity_rps as given";
    } else if (w.cpu_ms_per_request > 0) {
        capacity = vcpus * 1000.0 / w.cpu_ms_per_request;
        // A near-zero CPU time would make the capacity overflow to infinity; keep it within the
        // bound a given capacity_rps has (VmFleetConfig::validate).
        const bool capped = !(capacity <= kMaxCapacityRps);
        if (capped) capacity = kMaxCapacityRps;
        capacity_source = d.text.concat({"vCPUs x 1,000 / cpu_ms_per_request = ", QuantityText(vcpus), " x 1,000 / ",
                                         QuantityText(w.cpu_ms_per_request),
                                         capped ? ", capped at 10,000,000 (the capacity_rps bound)" : ""});
    }

    // Fleet size: instances = max(min, ceil(peak rps / (capacity x utilisation))), with
    // peak rps = R / (hours x 3,600) x peak_to_mean, so instances_per_request below.
    const double run_seconds = c.hours_per_month * 3600.0;
    double min_instances = c.min_instances;
    double instances_per_request = 0.0;
    std::string_view count_rule;
    if (c.count) {
        min_instances = *c.count;
        count_rule = "fixed count as given";
        // A given capacity is checked, not sized from: keep the utilisation at the largest traffic
        // finite by the rule a sized fleet has (at most 1e15 instances' worth of demand).
        if (c.capacity_rps && !(w.peak_to_mean / (run_seconds * capacity * min_instances) *
                                    WorkloadLimits::max_requests_per_month <= kMaxFleetInstances))
            throw InvalidInput("capacity_rps",
                               "a fixed fleet's utilisation would exceed 1e15 at " +
                                   format_quantity(WorkloadLimits::max_requests_per_month) +
                                   " requests a month: the fleet carries only " +
                                   format_quantity(run_seconds * capacity * min_instances / w.peak_to_mean) +
                                   " requests a month (count x capacity_rps x hours_per_month x 3,600 / peak_to_mean); "
                                   "raise capacity_rps or hours_per_month",
                               0);
    } else if (capacity > 0) {
        instances_per_request = w.peak_to_mean / (run_seconds * capacity * c.target_utilization);
        count_rule = "max(min_instances, ceil(peak rps / (capacity_rps x target_utilization)))";
        // Tiny hours x capacity x utilisation (each valid alone) can ask for an astronomical or
        // infinite fleet. Refuse more than 1e15 instances at the largest traffic a workload may
        // have: counts stay finite and below 2^53, where ceil() and fleet steps are exact.
        if (!(instances_per_request * WorkloadLimits::max_requests_per_month <= kMaxFleetInstances))
            throw too_small_capacity(w, c, capacity, run_seconds);
    } else {
        count_rule = "no count and no capacity given: min_instances, not sized from traffic";
    }
    // Monthly plans (Sakura) bill a full month per instance whatever the hours run.
    const double hours_factor = monthly ? 1.0 : c.hours_per_month;
    const FleetSegment instances{hours_factor, min_instances, instances_per_request};

    // OCI Always Free E2.1.Micro: two per tenancy at $0, and Oracle lists no paid price for the
    // shape (oracle.com/cloud/compute/pricing: "E2 Micro: Free"), so a third instance, or the shape
    // without the free tier, cannot be priced: refused rather than billed at $0.
    const bool always_free_micro = c.provider == "oci" && lower(spec.name) == "vm.standard.e2.1.micro";
    if (always_free_micro) {
        const std::string rule_end = " for " + spec.name +
                                     ": the shape exists only as OCI Always Free, two per tenancy, and has no paid "
                                     "price";
        if (!c.free_tier) throw InvalidInput("free_tier", "true" + rule_end, "false");
        if (c.count && *c.count > 2) throw InvalidInput("count", "at most 2" + rule_end, std::to_string(*c.count));
        if (!c.count && instances_per_request > 0)
            throw InvalidInput("count",
                               "count must be given (1 or 2)" + rule_end +
                                   "; a fleet sized from traffic could need more than two",
                               0);
        if (!c.count && c.min_instances > 2)
            throw InvalidInput("min_instances", "at most 2" + rule_end, std::to_string(c.min_instances));
    }

    // OCI Always Free: the first 3,000 A1 OCPU-hours and 18,000 A1 GB-hours of a month are free,
    // so an A1 fleet is billed as its two metered dimensions, each after its allowance.
    const PriceEntry* a1_free_ocpu = nullptr;
    if (c.provider == "oci" && c.free_tier && lower(spec.name).rfind("vm.standard.a1.flex", 0) == 0)
        a1_free_ocpu = catalog.find("oci.compute.global.free_tier.a1_ocpu_hours");
    if (a1_free_ocpu) {
        const PriceEntry& ocpu = catalog.at("oci.compute.global.a1.ocpu", "instance");
        const PriceEntry& memory = catalog.at("oci.compute.global.a1.memory", "instance");
        const PriceEntry& free_memory = catalog.at("oci.compute.global.free_tier.a1_memory_gb_hours", "free_tier");
        require_currency(ocpu, d.currency);
        require_currency(memory, d.currency);
        FleetSegment ocpu_hours = instances;
        ocpu_hours.hours = c.hours_per_month * spec.vcpu;
        FleetSegment memory_hours = instances;
        memory_hours.hours = c.hours_per_month * spec.memory_gib;
        const std::string_view ocpu_name = d.text.concat({"Instance usage (", spec.name, "), OCPU"});
        const std::string_view memory_name = d.text.concat({"Instance usage (", spec.name, "), memory"});
        d.components.push_back(fleet_component(ocpu_name, "OCPU-hour", ocpu_hours,
                                               make_bands(d.text, ocpu_name, ocpu, a1_free_ocpu)));
        d.components.push_back(fleet_component(memory_name, "GB-hour", memory_hours,
                                               make_bands(d.text, memory_name, memory, &free_memory)));
        d.conventions.push_back({"always_free", 0.0,
                                 "OCI Always Free A1: first 3,000 OCPU-hours and 18,000 GB-hours a month per tenancy "
                                 "are free; the instance is billed as OCPU-hours and GB-hours after them"});
    } else {
        const std::string_view usage = d.text.concat({"Instance usage (", spec.name, ", ", purchase_label, ")"});
        d.components.push_back(fleet_component(usage, monthly ? "instance-month" : "instance-hour", instances,
                                               reserved ? make_bands(d.text, usage, *reserved, nullptr, 1.0, price_note)
                                                        : make_bands(d.text, usage, entry, nullptr, 1.0 - discount,
                                                                     price_note, discount_entry)));
    }
    if (reserved && reserved->reserved->upfront > 0) {
        // The upfront payment, spread evenly over the term: upfront / (12 or 36) per instance-month.
        const ReservedTerms& terms = *reserved->reserved;
        const double months = terms.months();
        const std::string_view name =
            d.text.concat({"Reserved upfront payment, amortised (", spec.name, ", ", purchase_label, ")"});
        FleetSegment per_month = instances;
        per_month.hours = 1.0;  // one instance-month per reserved instance
        const Band band{0.0, kUnbounded, terms.upfront / months, name, d.text.store(reserved->id),
                        d.text.concat({"upfront ", money(terms.upfront, entry.currency), " per instance / ",
                                       QuantityText(months), " months"}),
                        reserved->confidence};
        d.components.push_back(fleet_component(name, "instance-month", per_month, {band}));
    }

    if (c.storage_gb > 0) {
        // gp3 GB-months = storage_gb x instance-hours / 730: volumes live and die with instances.
        const PriceEntry& gp3 = catalog.at(CatalogId{"aws.ebs.", region, ".gp3"}, "region");
        require_currency(gp3, d.currency);
        const std::string_view name =
            d.text.concat({"EBS gp3 storage (", QuantityText(c.storage_gb), " GB per instance)"});
        FleetSegment storage = instances;
        storage.hours = c.hours_per_month * c.storage_gb / kHoursPerMonth;
        d.components.push_back(
            fleet_component(name, "GB-month", storage, make_bands(d.text, name, gp3, nullptr)));
    }

    // Public IPv4 addresses, billed per address-hour in use or idle (AWS since 2024-02-01): one
    // per instance unless the fleet sits behind a load balancer, and one per AZ of the ALB.
    const bool instance_ipv4 = c.instances_have_public_ipv4();
    const PriceEntry* ipv4 = nullptr;
    if (instance_ipv4 || c.load_balancer) {
        ipv4 = &catalog.at(public_ipv4_id(c.provider), "provider");
        require_currency(*ipv4, d.currency);
    }
    if (instance_ipv4) {
        FleetSegment addresses = instances;
        addresses.hours = c.hours_per_month;  // address-hours, also on monthly plans
        d.components.push_back(fleet_component("Public IPv4 addresses (one per instance)", "address-hour", addresses,
                                               make_bands(d.text, "Public IPv4 addresses (one per instance)", *ipv4, nullptr)));
    }

    double lcu_per_request = 0.0;
    if (c.load_balancer) {
        const PriceEntry& alb_hours = catalog.at(CatalogId{"aws.elb.", region, ".alb.hours"}, "region");
        const PriceEntry& alb_lcu = catalog.at(CatalogId{"aws.elb.", region, ".alb.lcu"}, "region");
        require_currency(alb_hours, d.currency);
        require_currency(alb_lcu, d.currency);
        d.components.push_back(affine_component("Application Load Balancer hours", "hour", 0.0, c.hours_per_month,
                                                make_bands(d.text, "Application Load Balancer hours", alb_hours, nullptr)));
        // LCU-hours = hours x max(new conn/s / 25, processed GB/h / 1). Both dimensions are
        // proportional to traffic, so hour by hour the same one binds and the month's sum is
        // R x max(conn per request / (25 x 3,600), bytes per request / 2^30): affine in R
        // whatever the traffic shape.
        const double by_connections = w.new_connections_per_request / (25.0 * 3600.0);
        const double by_bytes = (w.request_kb + w.response_kb) * kBytesPerKiB / kBytesPerGB;
        lcu_per_request = std::max(by_connections, by_bytes);
        d.components.push_back(affine_component("Application Load Balancer LCU-hours", "LCU-hour", lcu_per_request, 0.0,
                                                make_bands(d.text, "Application Load Balancer LCU-hours", alb_lcu, nullptr)));
        d.conventions.push_back({"lcu_rule", 0.0,
                                 "LCU-hours = R x max(new connections per request / 90,000, (request + response KiB) x "
                                 "1,024 / 2^30): 1 LCU = 25 new connections/s or 1 GB/h processed; active connections "
                                 "and rule evaluations assumed not to bind (infracost lb.go divides connections by 100; "
                                 "ALB's definition is 25/s)"});
        d.conventions.push_back({"lcu_hours_per_request", lcu_per_request, {}});
        const std::string_view alb_ipv4 = d.text.concat(
            {"Public IPv4 addresses (load balancer, ", QuantityText(c.load_balancer_azs), " AZs)"});
        d.components.push_back(affine_component(alb_ipv4, "address-hour", 0.0, c.load_balancer_azs * c.hours_per_month,
                                                make_bands(d.text, alb_ipv4, *ipv4, nullptr)));
        d.conventions.push_back({"load_balancer_azs", double(c.load_balancer_azs), {}});
        d.conventions.push_back({"lcu_binding_dimension", 0.0, by_connections >= by_bytes ? "new connections" : "processed bytes"});
    }

    add_data_out(d, w, c.provider, region, c.free_tier, catalog);  // checks its currency

    add_common_conventions(d, catalog);
    d.conventions.push_back({"instance_type", 0.0, d.text.store(spec.name)});
    d.conventions.push_back({"instance_price_id", 0.0, d.text.store(entry.id)});
    d.conventions.push_back({"vcpus_per_instance", vcpus, {}});
    if (entry.provider == "oci")
        d.conventions.push_back({"ocpu_rule", 0.0, "OCI lists OCPUs: 1 OCPU = 2 vCPUs on x86, 1 vCPU on Ampere A1"});
    if (always_free_micro)
        d.conventions.push_back({"always_free", 0.0,
                                 "OCI Always Free: up to two VM.Standard.E2.1.Micro per tenancy at $0; the shape has "
                                 "no paid price, so more than two are refused"});
    d.conventions.push_back({"purchase_option", 0.0, purchase});
    if (reservation) {
        d.conventions.push_back({"purchase_payment", 0.0, payment});
        d.conventions.push_back({"purchase_rate", 0.0,
                                 reserved ? d.text.concat({"published reserved rate ", reserved->id})
                                          : d.text.concat({"flat fallback ", discount_entry->id})});
        if (reserved && reserved->reserved->upfront > 0) {
            d.conventions.push_back({"reserved_upfront_per_instance", reserved->reserved->upfront, {}});
            d.conventions.push_back({"reserved_term_months", double(reserved->reserved->months()), {}});
        }
        if (c.hours_per_month < kHoursPerMonth)
            d.conventions.push_back({"reservation_hours", 0.0,
                                     "a reservation is billed for every hour of its term; this bill counts the "
                                     "hours_per_month run only"});
    }
    d.conventions.push_back({"unit_price_after_discount", unit_price, {}});
    d.conventions.push_back({"fleet_hours_per_month", c.hours_per_month, {}});
    if (monthly)
        d.conventions.push_back({"monthly_plan", 0.0,
                                 "priced per month: each instance is billed a full month, whatever hours_per_month"});
    d.conventions.push_back({"count_rule", 0.0, count_rule});
    if (capacity > 0) d.conventions.push_back({"capacity_rps", capacity, {}});
    d.conventions.push_back({"capacity_source", 0.0, capacity_source});
    d.conventions.push_back({"target_utilization", c.target_utilization, {}});
    d.conventions.push_back({"min_instances", min_instances, {}});
    d.conventions.push_back({"peak_to_mean", w.peak_to_mean, {}});
    d.conventions.push_back({"sized_for", 0.0,
                             "a static fleet is sized for the peak (mean x peak_to_mean); serverless is billed on the mean"});
    d.conventions.push_back({"traffic_window", 0.0, "all requests arrive while the fleet runs: mean rps = R / (hours x 3,600)"});
    if (c.storage_gb > 0)
        d.conventions.push_back({"storage_rule", 0.0,
                                 "GB-months = storage_gb x instance-hours / 730; volumes are deleted with their instances"});
    d.conventions.push_back({"public_ipv4_per_instance", instance_ipv4 ? 1.0 : 0.0, {}});
    d.conventions.push_back({"public_ipv4_rule", 0.0,
                             "address-hours = instances x hours (one public IPv4 per instance; default without a load "
                             "balancer) + load_balancer_azs x hours (an internet-facing ALB holds one per AZ)"});
    d.conventions.push_back({"free_tier_applied", c.free_tier ? 1.0 : 0.0, {}});

    // Flags and traffic-dependent conventions. Messages are literals (string views stay valid).
    const bool fixed_count = c.count.has_value();
    const std::optional<double> baseline = spec.baseline_share;
    const double peak_to_mean = w.peak_to_mean;
    d.fleet = CostModel::Data::Fleet{fixed_count, capacity, run_seconds, peak_to_mean,
                                     c.load_balancer ? c.load_balancer_azs : 0, instance_ipv4};
    d.annotate = [run_seconds, peak_to_mean, capacity, fixed_count, baseline, aws,
                  approximation](const CostModel::Data& data, double r, Bill& bill) {
        if (!approximation.empty()) bill.flags.push_back({"purchase_approximation", approximation});
        const Component& fleet = data.components.front();  // instance-hours, or A1 OCPU-hours
        const double n = std::round(fleet.quantity(r) / fleet.segments.front().hours);
        const double mean_rps = r / run_seconds;
        const double peak_rps = mean_rps * peak_to_mean;
        bill.conventions.push_back({"instances", n, {}});
        bill.conventions.push_back({"mean_rps_while_running", mean_rps, {}});
        bill.conventions.push_back({"peak_rps", peak_rps, {}});
        if (const CostModel::Data::Fleet& f = *data.fleet; f.public_ipv4_per_instance || f.load_balancer_azs > 0)
            bill.conventions.push_back({"public_ipv4_addresses", (f.public_ipv4_per_instance ? n : 0.0) + f.load_balancer_azs, {}});
        if (n == 1.0)
            bill.flags.push_back({"single_instance", "the fleet has one instance: no redundancy if it or its zone fails"});
        if (capacity <= 0) return;
        const double utilization = peak_rps / (n * capacity);
        bill.conventions.push_back({"utilization_at_peak", utilization, {}});
        if (fixed_count && peak_rps > n * capacity)
            bill.flags.push_back({"over_capacity",
                                  "the fixed count cannot carry the peak even at 100 % utilisation: add instances or size from traffic"});
        if (baseline && utilization > *baseline)
            bill.flags.push_back({"above_baseline",
                                  aws ? "a burstable instance runs above its baseline CPU share at peak: sustained use beyond "
                                        "earned credits costs surplus credits at $0.05 per vCPU-hour (t3/t4g unlimited), "
                                        "not in this bill"
                                      : "a burstable instance runs above its baseline CPU share at peak: once its credits "
                                        "are spent it is throttled to the baseline"});
    };
    return d;
}

}  // namespace costsim::detail
