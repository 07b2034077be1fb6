// The Application Load Balancer in front of a fleet: hours, LCU-hours and its public IPv4s.
#include "offerings/fleet/fleet_blocks.hpp"

#include <algorithm>

namespace costsim::detail::fleet {

void add_application_load_balancer(CostModel::Data& d, const Catalog& catalog, const Workload& w,
                                   std::string_view region, int azs, double hours_per_month) {
    // Looked up first, as when instances have addresses too: a missing address price is named first.
    const PriceEntry& ipv4 = public_ipv4_price(d, catalog, "aws");
    const PriceEntry& alb_hours = catalog.at(CatalogId{"aws.elb.", region, ".alb.hours"}, "region");
    const PriceEntry& alb_lcu = catalog.at(CatalogId{"aws.elb.", region, ".alb.lcu"}, "region");
    require_same_currency(d, alb_hours);
    require_same_currency(d, alb_lcu);
    d.components.push_back(affine_component("Application Load Balancer hours", "hour", 0.0, hours_per_month,
                                            make_bands(d.text, "Application Load Balancer hours", alb_hours, nullptr)));
    // LCU-hours = hours x max(new conn/s / 25, processed GB/h / 1). Both dimensions are
    // proportional to traffic, so hour by hour the same one binds and the month's sum is
    // R x max(conn per request / (25 x 3,600), bytes per request / 2^30): affine in R
    // whatever the traffic shape.
    const double by_connections = w.new_connections_per_request / (25.0 * 3600.0);
    const double by_bytes = (w.request_kb + w.response_kb) * kBytesPerKiB / kBytesPerGB;
    const double lcu_per_request = std::max(by_connections, by_bytes);
    d.components.push_back(
        affine_component("Application Load Balancer LCU-hours", "LCU-hour", lcu_per_request, 0.0,
                         make_bands(d.text, "Application Load Balancer LCU-hours", alb_lcu, nullptr)));
    d.conventions.push_back({"lcu_rule", 0.0,
                             "LCU-hours = R x max(new connections per request / 90,000, (request + response KiB) x "
                             "1,024 / 2^30): 1 LCU = 25 new connections/s or 1 GB/h processed; active connections "
                             "and rule evaluations assumed not to bind (infracost lb.go divides connections by 100; "
                             "ALB's definition is 25/s)"});
    d.conventions.push_back({"lcu_hours_per_request", lcu_per_request, {}});
    // An internet-facing ALB holds one public IPv4 per AZ, billed like any other address.
    const std::string_view addresses =
        d.text.concat({"Public IPv4 addresses (load balancer, ", QuantityText(azs), " AZs)"});
    d.components.push_back(affine_component(addresses, "address-hour", 0.0, azs * hours_per_month,
                                            make_bands(d.text, addresses, ipv4, nullptr)));
    d.conventions.push_back({"load_balancer_azs", double(azs), {}});
    d.conventions.push_back(
        {"lcu_binding_dimension", 0.0, by_connections >= by_bytes ? "new connections" : "processed bytes"});
}

}  // namespace costsim::detail::fleet
