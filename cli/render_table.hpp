#pragma once
/// The human-readable `--format table` views: aligned columns, line items and a one-line
/// verdict at the end. They only format what the library computed.

#include <costsim/catalog.hpp>
#include <costsim/compare.hpp>
#include <costsim/curves.hpp>
#include <costsim/traffic.hpp>

#include <optional>
#include <string>
#include <vector>

namespace costsim::cli {

/// Default width of table output, in columns (`--wide`: no limit, width 0).
constexpr std::size_t kTableWidth = 100;

/// `width` below: lines wrap to stay within it (0: no limit, one line per row).

/// One bill: header, line items, total, conventions, flags, verdict. A fleet's size (from
/// CostModel::fleet_size) adds where a fixed fleet runs out to the fleet line and the verdict.
std::string bill_table(const Bill& bill, const std::string& label, std::size_t width = 0,
                       const std::optional<FleetSize>& fleet = std::nullopt);
/// Totals, relative cost, break-even points, every bill's line items, verdict.
std::string comparison_table(const Comparison& comparison, const std::vector<std::string>& labels,
                             std::size_t width = 0);
/// The break-even points of a comparison, with the range searched.
std::string break_even_table(const Comparison& comparison, const std::vector<std::string>& labels,
                             std::size_t width = 0);
/// A parameter sweep: each cell's parameters, cheapest offering and every total.
std::string sweep_table(const Sweep& sweep, const std::vector<std::string>& labels, std::size_t width = 0);
/// Monthly cost of each offering at each grid point.
/// A traffic profile's summary (`cost-sim profile`): level, peaks by granularity, idle minutes.
std::string profile_table(const TrafficSummary& summary, std::size_t width = 0);
std::string curves_table(const Curves& curves, const std::vector<std::string>& labels, std::size_t width = 0);

}  // namespace costsim::cli
