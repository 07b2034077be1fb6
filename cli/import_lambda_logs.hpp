#pragma once
/// `cost-sim import <source> FILE|-`: real usage to a scenario. `import` alone lists the sources
/// (every command named "import ..."); `import lambda-logs` reads Lambda REPORT logs.

#include "arguments.hpp"

#include <iosfwd>
#include <string>

namespace costsim::cli {

void describe_import(po::options_description& options, po::options_description& hidden,
                     po::positional_options_description& positional);
/// Refuses with the list of import sources.
std::string run_import(const Flags& flags, std::istream& in);

void describe_import_lambda_logs(po::options_description& options, po::options_description& hidden,
                                 po::positional_options_description& positional);
std::string run_import_lambda_logs(const Flags& flags, std::istream& in);

}  // namespace costsim::cli
