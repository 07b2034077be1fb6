// Block storage attached to each instance (EBS gp3 on AWS).
#include "offerings/fleet/fleet_blocks.hpp"

namespace costsim::detail::fleet {

void require_block_storage_prices(std::string_view provider, double storage_gb) {
    if (storage_gb > 0 && provider != "aws")
        throw InvalidInput(
            "storage_gb",
            "0 for provider " + std::string(provider) + " (the catalog has block storage prices for aws only)",
            format_quantity(storage_gb));
}

void add_ebs_gp3_storage(CostModel::Data& d, const Catalog& catalog, std::string_view region,
                         const InstanceHours& hours, double storage_gb) {
    // gp3 GB-months = storage_gb x instance-hours / 730: volumes live and die with instances.
    const PriceEntry& gp3 = catalog.at(CatalogId{"aws.ebs.", region, ".gp3"}, "region");
    require_same_currency(d, gp3);
    const std::string_view name = d.text.concat({"EBS gp3 storage (", QuantityText(storage_gb), " GB per instance)"});
    d.components.push_back(
        fleet_component(name, "GB-month", hours, storage_gb / kHoursPerMonth, make_bands(d.text, name, gp3, nullptr)));
}

void add_storage_conventions(CostModel::Data& d, double storage_gb) {
    if (storage_gb > 0)
        d.conventions.push_back(
            {"storage_rule", 0.0,
             "GB-months = storage_gb x instance-hours / 730; volumes are deleted with their instances"});
}

}  // namespace costsim::detail::fleet
