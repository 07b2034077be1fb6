#pragma once
// The bill of a Lambda's observed usage (imported logs): the requests and billed GB-seconds as
// counted, priced like build_lambda prices them. Design/imports.md#lambda-report-logs.
#include <costsim/bill.hpp>
#include <costsim/catalog.hpp>
#include <costsim/offerings/lambda.hpp>

#include <string>

namespace costsim::detail {

/// Requests and on-demand duration GB-s (with `config`'s free tier), for an offering `id`.
/// \throws PriceNotFound naming "region" when the catalog has no Lambda prices there.
Bill observed_lambda_bill(double requests, double gb_seconds, const LambdaConfig& config, const Catalog& catalog,
                          const std::string& id);

}  // namespace costsim::detail
