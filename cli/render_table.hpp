#pragma once
/// The human-readable `--format table` views: aligned columns, line items and a one-line
/// verdict at the end. They only format what the library computed.

#include <costsim/catalog.hpp>
#include <costsim/compare.hpp>
#include <costsim/curves.hpp>

#include <optional>
#include <string>
#include <vector>

namespace costsim::cli {

/// A short name for an offering: its explicit id, else "Lambda", "t3.micro fleet", "Cloud Run"...
std::string offering_label(const Offering& offering);

/// One bill: header, line items, total, conventions, flags, verdict. A fleet's size (from
/// CostModel::fleet_size) adds where a fixed fleet runs out to the fleet line and the verdict.
std::string bill_table(const Bill& bill, const std::string& label, const std::optional<FleetSize>& fleet = std::nullopt);
/// Totals, relative cost, break-even points, every bill's line items, verdict.
std::string comparison_table(const Comparison& comparison, const std::vector<std::string>& labels);
/// The break-even points of a comparison, with the range searched.
std::string break_even_table(const Comparison& comparison, const std::vector<std::string>& labels);
/// A parameter sweep: each cell's parameters, cheapest offering and every total.
std::string sweep_table(const Sweep& sweep, const std::vector<std::string>& labels);
/// Monthly cost of each offering at each grid point.
std::string curves_table(const Curves& curves, const std::vector<std::string>& labels);

}  // namespace costsim::cli
