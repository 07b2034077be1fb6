// Public IPv4 addresses, billed per address-hour in use or idle (AWS since 2024-02-01).
#include "offerings/fleet/fleet_blocks.hpp"

namespace costsim::detail::fleet {

std::string_view public_ipv4_id(std::string_view provider) {
    if (provider == "aws") return "aws.vpc.global.public_ipv4";
    if (provider == "gcp") return "gcp.compute.global.external_ipv4";
    if (provider == "azure") return "azure.network.global.public_ipv4";
    if (provider == "oci") return "oci.network.global.public_ipv4";
    return "sakura.server.global.shared_ipv4";
}

const PriceEntry& public_ipv4_price(const CostModel::Data& d, const Catalog& catalog, std::string_view provider) {
    const PriceEntry& ipv4 = catalog.at(public_ipv4_id(provider), "provider");
    require_same_currency(d, ipv4);
    return ipv4;
}

void add_public_ipv4_per_instance(CostModel::Data& d, const Catalog& catalog, std::string_view provider,
                                  const InstanceHours& hours, std::string_view name) {
    const PriceEntry& ipv4 = public_ipv4_price(d, catalog, provider);
    // address-hours = instance-hours, also on monthly plans
    d.components.push_back(fleet_component(name, "address-hour", hours, 1.0, make_bands(d.text, name, ipv4, nullptr)));
}

void add_public_ipv4_conventions(CostModel::Data& d, bool per_instance) {
    d.conventions.push_back({"public_ipv4_per_instance", per_instance ? 1.0 : 0.0, {}});
    d.conventions.push_back({"public_ipv4_rule", 0.0,
                             "address-hours = instances x hours (one public IPv4 per instance; default without a load "
                             "balancer) + load_balancer_azs x hours (an internet-facing ALB holds one per AZ)"});
}

}  // namespace costsim::detail::fleet
