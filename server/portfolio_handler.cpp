// POST /api/v1/portfolio: a portfolio document in, its report out (JSON, or CSV with
// ?format=csv). Parse, call the library, render; errors propagate to routes.cpp.
#include "portfolio_handler.hpp"

#include <costsim/error.hpp>
#include <costsim/json.hpp>
#include <costsim/portfolio_json.hpp>

namespace costsim::server {

ApiResponse handle_portfolio(const ServiceContext& context, const ApiRequest& request) {
    bool csv = false;
    if (auto format = request.query.find("format"); format != request.query.end()) {
        if (format->second != "csv" && format->second != "json")
            throw InvalidInput("query.format", "one of json, csv", "\"" + format->second + "\"");
        csv = format->second == "csv";
    }
    // The route's body limit (PortfolioLimits::max_json_bytes, routes.cpp) is the parser's.
    const PortfolioReport report = analyse_portfolio(parse_portfolio(request.body), context.catalog);
    ApiResponse response;
    if (csv) {
        response.content_type = "text/csv; charset=utf-8";
        response.body = to_csv(report);
        response.headers.emplace_back("Content-Disposition", "attachment; filename=\"portfolio.csv\"");
    } else {
        response.body = to_json(report);
    }
    return response;
}

}  // namespace costsim::server
