#pragma once
/// The human-readable `--format table` views: aligned columns, line items and a one-line
/// verdict at the end. They only format what the library computed.

#include <costsim/catalog.hpp>
#include <costsim/compare.hpp>
#include <costsim/curves.hpp>

#include <string>
#include <vector>

namespace costsim::cli {

/// Default width of table output, in columns (`--wide`: no limit, width 0).
constexpr std::size_t kTableWidth = 100;

/// A name for people: the offering's label, else what it is: "Lambda arm64 1024 MB",
/// "t4g.small x2", "c7g.large fleet" (sized from traffic), "GCP e2-micro x1",
/// "Cloud Run 512 MB", "Azure Functions 128 MB".
/// Without `with_memory`, serverless labels leave out the memory ("Lambda arm64", "Cloud Run").
std::string offering_label(const Offering& offering, bool with_memory = true);

/// `width` below: lines wrap to stay within it (0: no limit, one line per row).

/// One bill: header, line items, total, conventions, flags, verdict.
std::string bill_table(const Bill& bill, const std::string& label, std::size_t width = 0);
/// Totals, relative cost, break-even points, every bill's line items, verdict.
std::string comparison_table(const Comparison& comparison, const std::vector<std::string>& labels,
                             std::size_t width = 0);
/// The break-even points of a comparison, with the range searched.
std::string break_even_table(const Comparison& comparison, const std::vector<std::string>& labels,
                             std::size_t width = 0);
/// A parameter sweep: each cell's parameters, cheapest offering and every total.
std::string sweep_table(const Sweep& sweep, const std::vector<std::string>& labels, std::size_t width = 0);
/// Monthly cost of each offering at each grid point.
std::string curves_table(const Curves& curves, const std::vector<std::string>& labels, std::size_t width = 0);

}  // namespace costsim::cli
