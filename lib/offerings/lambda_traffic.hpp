#pragma once
// AWS Lambda's components under a traffic profile (lambda_traffic.cpp), for build_lambda.
#include "offerings/model_building.hpp"

#include <costsim/offerings/lambda.hpp>

#include <string_view>

namespace costsim::detail {

/// The entries build_lambda looked up already (the free tier ones null when it does not apply).
struct LambdaPrices {
    const PriceEntry& requests;
    const PriceEntry& duration;
    const PriceEntry* free_requests;
    const PriceEntry* free_gbs;
    std::string_view arch;
};

/// Requests (served: throttled requests are not billed), on-demand duration with the INIT of
/// derived cold starts, provisioned concurrency (fixed or by hour of week) with its spill-over,
/// and ephemeral storage, all from one per-interval concurrency model of `w.traffic`; sets the
/// model's annotate (concurrency, throttling, cold starts, the suggested provisioned level, series).
void add_lambda_traffic(CostModel::Data& d, const Workload& w, const LambdaConfig& c, const Catalog& catalog,
                        const LambdaPrices& prices);

}  // namespace costsim::detail
