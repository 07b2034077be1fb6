#pragma once
/// `cost-sim optimise` (the Lambda memory optimiser) and the `--chart FILE.svg` option that
/// compare, break-even, sweep and optimise share.

#include "arguments.hpp"
#include "inputs.hpp"

#include <costsim/charts.hpp>

#include <iosfwd>
#include <string>
#include <vector>

namespace costsim::cli {

void describe_optimise(po::options_description& options, po::options_description& hidden,
                       po::positional_options_description& positional);
std::string run_optimise(const Flags& flags, std::istream& in);

/// --chart FILE.svg and --lang en|ja.
void add_chart_options(po::options_description& options);
/// Writes `chart` (from make_chart, called only when --chart was given) as SVG to --chart's file.
/// \throws UsageError when the file cannot be written or --lang is unknown.
template <class MakeChart>
void write_chart_if_asked(const Flags& flags, MakeChart make_chart);
/// The --lang choice (default en). \throws UsageError
ChartLanguage chart_language(const Flags& flags);
/// Writes `svg` to --chart's path. \throws UsageError
void write_chart_file(const Flags& flags, const std::string& svg);

template <class MakeChart>
void write_chart_if_asked(const Flags& flags, MakeChart make_chart) {
    if (!flags.has("chart")) {
        if (flags.has("lang")) chart_language(flags);  // still checked
        return;
    }
    write_chart_file(flags, to_svg(make_chart(chart_language(flags))));
}

/// The cost-by-traffic chart of a comparison (compare, break-even): curves over the range.
Chart comparison_chart(const Inputs& inputs, const std::vector<Offering>& offerings,
                       const std::vector<std::string>& labels, const Comparison& comparison, ChartLanguage lang);

}  // namespace costsim::cli
