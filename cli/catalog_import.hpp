#pragma once
/// `cost-sim catalog import FILE...` and `cost-sim catalog diff OLD NEW`: flags and runners.

#include "arguments.hpp"

#include <iosfwd>
#include <string>

namespace costsim::cli {

/// Lines a successful command prints on stderr after its output (the import's summary).
std::string& command_notes();

void describe_catalog_import(po::options_description& options, po::options_description& hidden,
                             po::positional_options_description& positional);
std::string run_catalog_import(const Flags& flags, std::istream& in);

void describe_catalog_diff(po::options_description& options, po::options_description& hidden,
                           po::positional_options_description& positional);
std::string run_catalog_diff(const Flags& flags, std::istream& in);

}  // namespace costsim::cli
