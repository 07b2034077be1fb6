#pragma once
/// CSV views of reports (RFC 4180: CRLF line ends, one header row, quoted when needed). Cells a
/// spreadsheet would run as a formula (starting with = + - @ tab or CR) are neutralised with a
/// leading apostrophe. Shared by `cost-sim --format csv` and the API's text/csv answers. Curves and
/// sweeps, which hold Eigen arrays: costsim/curves_io.hpp.

#include <costsim/bill.hpp>
#include <costsim/compare.hpp>
#include <costsim/traffic.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace costsim {

/// One cell, escaped and neutralised.
std::string csv_cell(std::string_view text);

/// The text of every number in a CSV view, without binary noise (0.39999999999999997 -> "0.4"):
/// rounded to 12 significant digits, but to no fewer than 6 decimals (so money stays exact to
/// 1e-6) and no more than 15 significant digits (what a double holds); then the shortest
/// fixed-point text of that value ("0.0000002", "3000000"). |v| >= 1e15 is written in exponent
/// form with 15 significant digits; NaN and infinities as "NaN", "Infinity", "-Infinity".
std::string csv_number(double v);

/// A bill: one row per line item (offering, name, unit, quantity, unit_price, cost, currency,
/// price_id, confidence, region).
std::string to_csv(const Bill& bill);
/// A comparison: the line items of every result (same columns as a bill), then nothing else;
/// totals and break-even points are in the JSON and table views.
std::string to_csv(const Comparison& comparison);
/// Break-even points: between_a, between_b, kind, requests_per_month, requests_per_second, ...
std::string to_csv(const std::vector<BreakEven>& points);
/// A traffic profile's summary: one row per peak granularity, the summary's fields repeated.
std::string to_csv(const TrafficSummary& summary);
/// Curves and sweeps: costsim/curves_io.hpp.

}  // namespace costsim
