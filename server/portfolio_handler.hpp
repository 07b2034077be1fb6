#pragma once
/// POST /api/v1/portfolio (server/portfolio_handler.cpp): several workloads priced as one account.
#include "api.hpp"

namespace costsim::server {

ApiResponse handle_portfolio(const ServiceContext& context, const ApiRequest& request);

}  // namespace costsim::server
