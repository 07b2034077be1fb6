// Provider quirks of fleets: Sakura's monthly plans, OCI Always Free (E2.1.Micro and A1).
#include "offerings/fleet/fleet_blocks.hpp"

namespace costsim::detail::fleet {

bool is_monthly_plan(const PriceEntry& instance) { return instance.unit == "month"; }

// OCI Always Free E2.1.Micro: two per tenancy at $0, and Oracle lists no paid price for the shape
// (oracle.com/cloud/compute/pricing: "E2 Micro: Free"), so a third instance, or the shape without
// the free tier, cannot be priced: refused rather than billed at $0.
bool is_oci_always_free_micro(const PriceEntry& instance) {
    return instance.provider == "oci" && lower(instance.instance->name) == "vm.standard.e2.1.micro";
}

void check_oci_always_free_micro(std::string_view shape, bool free_tier, std::optional<int> count, int min_instances,
                                 bool sized_from_traffic) {
    const std::string rule_end = " for " + std::string(shape) +
                                 ": the shape exists only as OCI Always Free, two per tenancy, and has no paid price";
    if (!free_tier) throw InvalidInput("free_tier", "true" + rule_end, "false");
    if (count && *count > 2) throw InvalidInput("count", "at most 2" + rule_end, std::to_string(*count));
    if (!count && sized_from_traffic)
        throw InvalidInput(
            "count",
            "count must be given (1 or 2)" + rule_end + "; a fleet sized from traffic could need more than two", 0);
    if (!count && min_instances > 2)
        throw InvalidInput("min_instances", "at most 2" + rule_end, std::to_string(min_instances));
}

void add_oci_always_free_micro_convention(CostModel::Data& d) {
    d.conventions.push_back({"always_free", 0.0,
                             "OCI Always Free: up to two VM.Standard.E2.1.Micro per tenancy at $0; the shape has "
                             "no paid price, so more than two are refused"});
}

// OCI Always Free: the first 3,000 A1 OCPU-hours and 18,000 A1 GB-hours of a month are free, so an
// A1 fleet is billed as its two metered dimensions, each after its allowance.
const PriceEntry* oci_a1_free_ocpu_hours(const Catalog& catalog, const PriceEntry& instance, bool free_tier) {
    if (instance.provider != "oci" || !free_tier || lower(instance.instance->name).rfind("vm.standard.a1.flex", 0) != 0)
        return nullptr;
    return catalog.find("oci.compute.global.free_tier.a1_ocpu_hours");
}

void add_oci_a1_always_free_usage(CostModel::Data& d, const Catalog& catalog, const PriceEntry& instance,
                                  const InstanceHours& hours, const PriceEntry& free_ocpu_hours) {
    const InstanceSpec& spec = *instance.instance;
    const PriceEntry& ocpu = catalog.at("oci.compute.global.a1.ocpu", "instance");
    const PriceEntry& memory = catalog.at("oci.compute.global.a1.memory", "instance");
    const PriceEntry& free_memory = catalog.at("oci.compute.global.free_tier.a1_memory_gb_hours", "free_tier");
    require_same_currency(d, ocpu);
    require_same_currency(d, memory);
    const std::string_view ocpu_name = d.text.concat({"Instance usage (", spec.name, "), OCPU"});
    const std::string_view memory_name = d.text.concat({"Instance usage (", spec.name, "), memory"});
    d.components.push_back(fleet_component(ocpu_name, "OCPU-hour", hours, spec.vcpu,
                                           make_bands(d.text, ocpu_name, ocpu, &free_ocpu_hours)));
    d.components.push_back(fleet_component(memory_name, "GB-hour", hours, spec.memory_gib,
                                           make_bands(d.text, memory_name, memory, &free_memory)));
    d.conventions.push_back({"always_free", 0.0,
                             "OCI Always Free A1: first 3,000 OCPU-hours and 18,000 GB-hours a month per tenancy "
                             "are free; the instance is billed as OCPU-hours and GB-hours after them"});
}

}  // namespace costsim::detail::fleet
