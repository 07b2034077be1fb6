// The observed usage of a Lambda priced as build_lambda prices it: one Requests and one Duration
// component, each a quantity per request, billed at the observed request count.
#include "offerings/lambda_observed.hpp"

#include "offerings/model_building.hpp"

namespace costsim::detail {

Bill observed_lambda_bill(double requests, double gb_seconds, const LambdaConfig& c, const Catalog& catalog,
                          const std::string& id) {
    CostModel::Data d = empty_data();
    const std::string arch = to_string(c.arch);
    const PriceEntry& request_price = catalog.at(CatalogId{"aws.lambda.", c.region, ".", arch, ".requests"}, "region");
    const PriceEntry& duration = catalog.at(CatalogId{"aws.lambda.", c.region, ".", arch, ".duration"}, "region");
    d.currency = request_price.currency;
    const PriceEntry* free_requests =
        c.free_tier ? &catalog.at("aws.lambda.global.free_tier.requests", "free_tier") : nullptr;
    const PriceEntry* free_gbs =
        c.free_tier ? &catalog.at("aws.lambda.global.free_tier.duration", "free_tier") : nullptr;
    d.components.push_back(affine_component("Requests", "request", 1.0, 0.0,
                                            make_bands(d.text, "Requests", request_price, free_requests)));
    const std::string_view duration_name = d.text.concat({"Duration (", arch, ")"});
    const double gbs_per_request = requests > 0 ? gb_seconds / requests : 0.0;
    d.components.push_back(affine_component(duration_name, "GB-second", gbs_per_request, 0.0,
                                            make_bands(d.text, duration_name, duration, free_gbs)));
    add_common_conventions(d, catalog);
    d.conventions.push_back({"observed_rule", 0.0,
                             "the log's requests and the sum of its Billed Duration x memory, as counted (no model)"});
    d.conventions.push_back({"billed_gb_seconds", gb_seconds, {}});
    d.conventions.push_back({"free_tier_applied", c.free_tier ? 1.0 : 0.0, {}});
    d.id = id;
    d.kind = "lambda";
    d.region = c.region;
    d.workload_requests_per_month = requests;
    return CostModel::from_data(std::move(d)).bill(requests);
}

}  // namespace costsim::detail
