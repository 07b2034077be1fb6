#pragma once
/// Curves and sweeps as JSON reports (schema "cost-sim-report/1", as costsim/json.hpp's) and CSV
/// tables (as costsim/csv.hpp's). Apart from those headers because curves hold Eigen arrays: a
/// program that writes only bills, comparisons or catalogs does not read Eigen.

#include <costsim/curves.hpp>

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace costsim {

/// Unrounded numbers, as every JSON report.
std::string to_json(const Curves& curves, int indent = -1);
std::string to_json(const Sweep& sweep, int indent = -1);

/// A sweep's report written a slice at a time, for reports too large to hold whole: the pieces
/// joined are to_json(sweep(...)), byte for byte, and one slice is held at a time.
class SweepJsonStream {
  public:
    explicit SweepJsonStream(SweepSlices slices, int indent = -1);
    ~SweepJsonStream();
    SweepJsonStream(SweepJsonStream&&) noexcept;
    SweepJsonStream& operator=(SweepJsonStream&&) noexcept;
    /// Appends the next piece (about one slice) to `out`; false, appending nothing, once the
    /// report is complete.
    bool next(std::string& out);

  private:
    struct State;
    std::unique_ptr<State> state_;
};

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
