#pragma once
/// The grids that curves and sweeps are computed on, and their limits: plain values without Eigen,
/// so a scenario (costsim/json.hpp) can carry them. The computations are in costsim/curves.hpp.

#include <costsim/compare.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace costsim {

struct CurveLimits {
    static constexpr int min_points = 2;
    static constexpr int max_points = 10000;                ///< per API/CLI request
    static constexpr std::size_t max_sweep_cells = 100000;  ///< traffic x duration x memory
};

/// A traffic grid: `points` values from from_rps to to_rps, log-spaced by default. Its values in
/// requests per month: requests_per_month(grid), in costsim/curves.hpp.
struct CurveGrid {
    TrafficRange range{1.0, 1000.0};
    int points = 100;
    bool log_spaced = true;  ///< log spacing needs from_rps > 0
    void validate(const std::string& prefix = "") const;
};

/// A grid of workload parameters for "where does each offering win" maps.
struct SweepGrid {
    std::vector<double> requests_per_second;
    std::vector<double> duration_ms;                      ///< empty: the workload's own
    std::vector<int> memory_mb;                           ///< applied to every serverless offering's memory
    void validate(const std::string& prefix = "") const;  ///< cells <= max_sweep_cells
};

}  // namespace costsim
