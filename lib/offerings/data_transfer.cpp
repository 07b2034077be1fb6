// Data transfer out to the internet: the egress components every offering shares.
#include "offerings/model_building.hpp"

namespace costsim::detail {

namespace {

/// GB per request of the responses that leave for the internet.
double gb_per_request(const Workload& w) {
    return w.response_kb * kBytesPerKiB * (w.internet_percent / 100.0) / kBytesPerGB;
}

bool has_data_out(const Workload& w) {
    return (w.response_kb > 0.0 && w.internet_percent > 0.0) || w.data_out_gb_per_month > 0.0;
}

}  // namespace

/// Components for data transfer out to the internet, shared by every AWS offering:
/// GB = requests x response KiB x 1,024 x internet share / 2^30 + the workload's fixed GB per
/// month, first 100 GB free.
void add_aws_data_out(CostModel::Data& d, const Workload& w, const std::string& region, bool free_tier,
                      const Catalog& catalog) {
    if (!has_data_out(w)) return;
    const PriceEntry& price = catalog.at(CatalogId{"aws.data_transfer.", region, ".internet_out"}, "region");
    const PriceEntry* free =
        free_tier ? &catalog.at("aws.data_transfer.global.free_tier.internet_out", "free_tier") : nullptr;
    const double per_request = gb_per_request(w);
    d.components.push_back(affine_component("Data transfer out to the internet", "GB", per_request,
                                            w.data_out_gb_per_month,
                                            make_bands(d.text, "Data transfer out to the internet", price, free)));
    d.conventions.push_back({"data_out_gb_per_request", per_request, {}});
    if (w.data_out_gb_per_month > 0) d.conventions.push_back({"data_out_gb_per_month", w.data_out_gb_per_month, {}});
}

/// Same volume rule for every provider, priced on "<provider>.data_transfer.<region>.internet_out"
/// after the provider's monthly allowance: "<provider>.data_transfer.<region>.free_tier.internet_out"
/// when the allowance holds only for some source regions (GCP: 1 GiB from North America), else
/// "<provider>.data_transfer.global.free_tier.internet_out" (Azure 100 GB, OCI 10 TB); none for
/// Sakura, which does not charge egress. Tiers count from the end of the allowance (make_bands), as
/// Azure ("next 10 TB") and OCI ("beyond 10 TB") publish them.
void add_data_out(CostModel::Data& d, const Workload& w, const std::string& provider, const std::string& region,
                  bool free_tier, const Catalog& catalog) {
    if (!has_data_out(w)) return;
    const PriceEntry& price = catalog.at(CatalogId{provider, ".data_transfer.", region, ".internet_out"}, "region");
    require_same_currency(d, price);
    if (provider == "aws") return add_aws_data_out(d, w, region, free_tier, catalog);
    const PriceEntry* free = nullptr;
    if (free_tier) {
        free = catalog.find(CatalogId{provider, ".data_transfer.", region, ".free_tier.internet_out"});
        if (!free) free = catalog.find(CatalogId{provider, ".data_transfer.global.free_tier.internet_out"});
    }
    const double per_request = gb_per_request(w);
    d.components.push_back(affine_component("Data transfer out to the internet", "GB", per_request,
                                            w.data_out_gb_per_month,
                                            make_bands(d.text, "Data transfer out to the internet", price, free)));
    d.conventions.push_back({"data_out_gb_per_request", per_request, {}});
    if (w.data_out_gb_per_month > 0) d.conventions.push_back({"data_out_gb_per_month", w.data_out_gb_per_month, {}});
    d.conventions.push_back({"data_out_free_gb", free ? free->allowance : 0.0, {}});
}

}  // namespace costsim::detail
