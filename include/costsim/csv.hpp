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

/// A bill: one row per line item (offering, name, unit, quantity, unit_price, cost, currency, price_id).
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
