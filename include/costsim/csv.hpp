#pragma once
/// CSV views of reports (RFC 4180: CRLF line ends, one header row, quoted when needed). Cells a
/// spreadsheet would run as a formula (starting with = + - @ tab or CR) are neutralised with a
/// leading apostrophe. Shared by `cost-sim --format csv` and the API's text/csv answers.

#include <costsim/bill.hpp>
#include <costsim/compare.hpp>
#include <costsim/curves.hpp>

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
/// Curves: requests_per_month, requests_per_second, then one column per offering.
std::string to_csv(const Curves& curves);
/// A sweep: requests_per_second, duration_ms, memory_mb, cheapest, then one column per offering.
std::string to_csv(const Sweep& sweep);

/// A sweep's CSV written a slice at a time: the pieces joined are to_csv(sweep(...)), and one
/// slice is held at a time.
class SweepCsvStream {
  public:
    explicit SweepCsvStream(SweepSlices slices);
    /// Appends the next piece (the header row, or about one slice of rows) to `out`; false,
    /// appending nothing, once the table is complete.
    bool next(std::string& out);

  private:
    SweepSlices slices_;
    std::vector<SweepCell> cells_;
    std::size_t next_slice_ = 0;
    bool header_sent_ = false;
};

}  // namespace costsim
