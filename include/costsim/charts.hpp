#pragma once
/// Charts of the library's reports, for the SVG writer (costsim/svg_chart.hpp): cost by traffic
/// (a comparison's or a sweep's curves, break-even markers, the current traffic) and the memory
/// optimiser's cost and duration by memory size. Design/charts.md.

#include <costsim/curves.hpp>
#include <costsim/memory_optimiser.hpp>
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

}  // namespace costsim
