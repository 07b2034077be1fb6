#pragma once
/// Charts of the library's reports, for the SVG writer (costsim/svg_chart.hpp): cost by traffic
/// (a comparison's or a sweep's curves, break-even markers, the current traffic) and the memory
/// optimiser's cost and duration by memory size; Monte Carlo ranges (cost bands by traffic, the
/// saving's histogram) and the tornado of "what would flip it". Design/charts.md.

#include <costsim/cost_bands.hpp>
#include <costsim/curves.hpp>
#include <costsim/flip_analysis.hpp>
#include <costsim/memory_optimiser.hpp>
#include <costsim/monte_carlo.hpp>
#include <costsim/svg_chart.hpp>

#include <string>
#include <vector>

namespace costsim {

/// A log-spaced traffic grid for a cost-by-traffic chart: the range, but starting above 0 (at
/// from_rps, else 1/1000 of to_rps) and widened to hold each positive value of `include` (the
/// current traffic, break-even points: the lowest halved, so it is not on the edge); `points` points.
CurveGrid chart_traffic_grid(const TrafficRange& range, const std::vector<double>& include, int points = 200);

/// Monthly cost by traffic (log x and y): one line per offering (`labels` in the order of
/// curves.ids; an id where a label is missing), a marker at each break-even point, at the
/// current traffic (if > 0) and where a fixed fleet runs out.
Chart traffic_cost_chart(const Curves& curves, const std::vector<std::string>& labels,
                         const std::vector<BreakEven>& points, double current_rps, ChartLanguage lang);

/// The optimiser: monthly cost (left axis) and duration (right axis, dashed) by memory size, one
/// pair of lines per architecture, the chosen size as a point.
Chart memory_chart(const OptimiserResult& result, ChartLanguage lang);

/// Monte Carlo by traffic (log x and y): each offering's p5-p95 band (`bands`) with its p50 line,
/// each break-even band of `result` (p5-p95 of the break-even traffic) as a shaded span, markers
/// at the sampled traffic's p5 and p95 (when traffic is uncertain) and at the current traffic.
Chart range_chart(const MonteCarloResult& result, const CostBands& bands, double current_rps, ChartLanguage lang);

/// The histogram of offering `offering`'s saving against the current choice (result's bins), a
/// marker at no saving when it lies within them.
Chart saving_chart(const MonteCarloResult& result, std::size_t offering, ChartLanguage lang);

/// The tornado: a row per input (widest swing first), bars from the base case's cost difference
/// (rival - cheapest) to the difference at the input's low and high value; markers at the base
/// difference and at zero (where the cheapest flips).
Chart tornado_chart(const FlipAnalysis& analysis, ChartLanguage lang);

}  // namespace costsim
