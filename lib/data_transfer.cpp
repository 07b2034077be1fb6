// Data transfer out to the internet: the egress components every offering shares.
#include "model_building.hpp"

namespace costsim::detail {

/// Components for data transfer out to the internet, shared by every AWS offering:
/// GB = requests x response KiB x 1,024 x internet share / 2^30, first 100 GB free.
void add_aws_data_out(CostModel::Data& d, const Workload& w, const std::string& region, bool free_tier,
                      const Catalog& catalog) {
    if (w.response_kb <= 0.0 || w.internet_percent <= 0.0) return;
    const PriceEntry& price = catalog.at("aws.data_transfer." + region + ".internet_out", "region");
    const PriceEntry* free = free_tier ? &catalog.at("aws.data_transfer.global.free_tier.internet_out", "free_tier") : nullptr;
    const double gb_per_request = w.response_kb * kBytesPerKiB * (w.internet_percent / 100.0) / kBytesPerGB;
    d.components.push_back(affine_component("Data transfer out to the internet", "GB", gb_per_request, 0.0,
                                            make_bands("Data transfer out to the internet", price, free)));
    d.conventions.push_back({"data_out_gb_per_request", gb_per_request, {}});
}


}  // namespace costsim::detail
