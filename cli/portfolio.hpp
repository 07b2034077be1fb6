#pragma once
// `cost-sim portfolio FILE` (cli/portfolio.cpp).
#include "arguments.hpp"

#include <iosfwd>
#include <string>

namespace costsim::cli {

void describe_portfolio(po::options_description& options, po::options_description& hidden,
                        po::positional_options_description& positional);
std::string run_portfolio(const Flags& flags, std::istream& in);

}  // namespace costsim::cli
