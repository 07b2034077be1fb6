#pragma once
/// The commands of cost-sim: their flags, help examples, and what each one runs. A runner
/// returns the whole output text; the caller prints it only if nothing failed.

#include "arguments.hpp"

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

namespace costsim::cli {

struct Command {
    std::string name;
    std::string summary;
    std::string synopsis;  ///< "cost-sim lambda [options]"
    std::string examples;  ///< the "Examples:" block of --help
    /// Adds the command's flags; `hidden` and `positional` hold its positional arguments, if any.
    std::function<void(po::options_description& options, po::options_description& hidden,
                       po::positional_options_description& positional)>
        describe;
    std::function<std::string(const Flags& flags, std::istream& in)> run;
    /// Set instead of `run` by a command whose output is written as it is made (batch): it writes
    /// to `out` and `err` itself and returns the exit status.
    std::function<int(const Flags& flags, std::istream& in, std::ostream& out, std::ostream& err)> stream = {};
};

/// Every command, in the order `cost-sim --help` lists them.
const std::vector<Command>& commands();

/// The --help text of one command (without the shared groups).
std::string command_help(const Command& command);
/// The option groups every command shares (common, workload), for cost-sim --help.
std::string shared_options_help();

}  // namespace costsim::cli
