#pragma once
/// `cost-sim import cloudwatch FILE...` and `cost-sim import cur FILE`: flags and runners.

#include "arguments.hpp"

#include <iosfwd>
#include <string>

namespace costsim::cli {

void describe_import_cloudwatch(po::options_description& options, po::options_description& hidden,
                                po::positional_options_description& positional);
std::string run_import_cloudwatch(const Flags& flags, std::istream& in);

void describe_import_cur(po::options_description& options, po::options_description& hidden,
                         po::positional_options_description& positional);
std::string run_import_cur(const Flags& flags, std::istream& in);

}  // namespace costsim::cli
