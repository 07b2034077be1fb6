#pragma once
/// Monte Carlo cost bands by traffic: at each traffic level of a grid, the p5, p50 and p95 of each
/// offering's monthly cost over the samples of the other uncertain inputs (duration, response
/// size, cold-start share, growth), for the range chart. Design/pricing-model.md#monte-carlo-ranges.

#include <costsim/grids.hpp>
#include <costsim/monte_carlo.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace costsim {

struct CostBandLimits {
    /// Samples of the other inputs per traffic level: the Monte Carlo run's first ones.
    static constexpr std::size_t max_samples = 1000;
    static constexpr int max_points = 400;
};

struct CostBands {
    std::vector<double> requests_per_second;  ///< the grid's traffic levels
    std::vector<std::string> ids;             ///< the offerings' effective ids, in the order given
    /// [offering][traffic level], in the report currency; percentiles as SampleSummary's.
    std::vector<std::vector<double>> p5, p50, p95;
    /// Samples per traffic level: min(options.samples, max_samples), or 1 when only the traffic
    /// is uncertain (the band is then the cost curve itself).
    std::size_t samples = 0;
};

/// The bands of `monte_carlo(workload, offerings, catalog, options, currency)` on `grid`: sample i
/// draws the same duration, response size, cold-start share and growth as in monte_carlo() and is
/// priced at each of the grid's traffic levels instead of its own traffic (with growth, the mean
/// monthly cost over the horizon from that level). With every input fixed each band is the bill.
/// \throws InvalidInput (as monte_carlo, and "grid.*"), PriceNotFound, LimitExceeded.
CostBands monte_carlo_cost_bands(const Workload& workload, const std::vector<Offering>& offerings,
                                 const Catalog& catalog, const MonteCarloOptions& options,
                                 const CurrencyOptions& currency, const CurveGrid& grid);

}  // namespace costsim
