#pragma once
/// A portfolio's JSON: the document it is read from and its report. Schema:
/// Design/report-schema.md#portfolio.

#include <costsim/portfolio.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace costsim {

/// Parses and validates a portfolio document of at most `max_bytes`: {"workloads": [{"id",
/// "workload", "offering" | "placement", "load_balancer"}], "placements": [{"id", "offering",
/// "load_balancer"}], "consolidation": {"lambda", "fleet"}}. Errors name the field
/// ("workloads[3].workload.duration_ms"). \throws InvalidInput, ParseError, LimitExceeded
Portfolio parse_portfolio(std::string_view json_text, std::size_t max_bytes = PortfolioLimits::max_json_bytes);

/// The report: schema "cost-sim-report/1", a "portfolio" object with every option's pools and
/// allocations and the cheapest option's name. Numbers unrounded.
std::string to_json(const PortfolioReport& report, int indent = -1);

/// The report as CSV (costsim/csv.hpp's conventions): one row per line item, the pools' (what the
/// account pays) and the allocations' (who pays it): option, section ("pool" | "allocation"),
/// workload_id, runs_on, name, unit, quantity, unit_price, cost, currency, price_id.
std::string to_csv(const PortfolioReport& report);

}  // namespace costsim
