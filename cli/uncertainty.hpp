#pragma once
/// cost-sim range and cost-sim flip: Monte Carlo cost ranges and what would flip the cheapest.
/// Design/cli.md#range, #flip.

#include "arguments.hpp"

#include <iosfwd>
#include <string>

namespace costsim::cli {

extern const char* const kRangeExamples;
extern const char* const kFlipExamples;

void describe_range(po::options_description& options, po::options_description& hidden,
                    po::positional_options_description& positional);
void describe_flip(po::options_description& options, po::options_description& hidden,
                   po::positional_options_description& positional);
std::string run_range(const Flags& flags, std::istream& in);
std::string run_flip(const Flags& flags, std::istream& in);

}  // namespace costsim::cli
