#pragma once
/// `cost-sim batch [FILE|-]`: JSON Lines of scenarios in, JSON Lines of reports out, streamed.

#include "arguments.hpp"

#include <iosfwd>

namespace costsim::cli {

void describe_batch(po::options_description& options, po::options_description& hidden,
                    po::positional_options_description& positional);
/// Writes the output lines to `out` as they are priced; the summary to `err`. Returns the exit
/// status: 0 every line priced, 2 some line failed (or unusable arguments: UsageError).
int stream_batch(const Flags& flags, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace costsim::cli
