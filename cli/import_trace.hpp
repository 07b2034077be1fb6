#pragma once
/// `cost-sim import trace FILE [--durations FILE] [--memory FILE] [--row N | --function HASH]`:
/// one function of the Azure Functions 2019 trace, or a timestamp,count CSV, to a scenario.

#include "arguments.hpp"

#include <iosfwd>
#include <string>

namespace costsim::cli {

void describe_import_trace(po::options_description& options, po::options_description& hidden,
                           po::positional_options_description& positional);
std::string run_import_trace(const Flags& flags, std::istream& in);

}  // namespace costsim::cli
