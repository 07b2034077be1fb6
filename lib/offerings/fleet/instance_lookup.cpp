// Instance look-up: the catalog entry of an instance type in a region, and the vCPUs it gives.
#include "offerings/fleet/fleet_blocks.hpp"

#include <costsim/detail/edit_distance.hpp>

#include <algorithm>
#include <cctype>

namespace costsim::detail::fleet {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return out;
}

const PriceEntry& find_instance(const Catalog& catalog, const std::string& provider, const std::string& region,
                                const std::string& name) {
    std::string key = lower(name);
    if (provider == "azure" && key.rfind("standard_", 0) == 0) key = key.substr(9);
    if (const PriceEntry* e = catalog.find_instance(provider, region, key)) return *e;
    // Not found: scan the region's instances for the error message.
    const std::vector<const PriceEntry*> candidates = catalog.instances(provider, region);
    if (candidates.empty()) {
        std::vector<std::string> regions;
        for (const PriceEntry* e : catalog.instances(provider, ""))
            if (std::find(regions.begin(), regions.end(), e->region) == regions.end()) regions.push_back(e->region);
        std::sort(regions.begin(), regions.end());
        std::string message =
            "no " + provider + " instance prices in region \"" + region + "\" (" +
            (regions.empty() ? "the catalog has no " + provider + " instances" : "regions: " + detail::join(regions));
        if (auto close = detail::closest_match(region, regions)) message += "; did you mean " + *close + "?";
        throw PriceNotFound("region", message + ")");
    }
    std::vector<std::pair<std::size_t, std::string>> scored;
    for (const PriceEntry* e : candidates)
        scored.emplace_back(detail::edit_distance(key, lower(e->instance->name)), e->instance->name);
    std::sort(scored.begin(), scored.end());
    std::string message = "no " + provider + " instance type \"" + name + "\" in region " + region + " (closest:";
    for (std::size_t i = 0; i < scored.size() && i < 3; ++i) message += (i ? ", " : " ") + scored[i].second;
    throw PriceNotFound("instance", message + ")");
}

// OCI lists OCPUs: one x86 OCPU is one physical core = 2 vCPUs (hyperthreads); one Ampere A1 OCPU
// is 1 vCPU (docs.oracle.com, "OCPU").
double vcpus_of(const PriceEntry& instance) {
    const double per_unit = (instance.provider == "oci" && instance.instance->arch == "x86_64") ? 2.0 : 1.0;
    return instance.instance->vcpu * per_unit;
}

void add_instance_conventions(CostModel::Data& d, const PriceEntry& instance, double vcpus) {
    d.conventions.push_back({"instance_type", 0.0, d.text.store(instance.instance->name)});
    d.conventions.push_back({"instance_price_id", 0.0, d.text.store(instance.id)});
    d.conventions.push_back({"vcpus_per_instance", vcpus, {}});
    if (instance.provider == "oci")
        d.conventions.push_back({"ocpu_rule", 0.0, "OCI lists OCPUs: 1 OCPU = 2 vCPUs on x86, 1 vCPU on Ampere A1"});
}

}  // namespace costsim::detail::fleet
