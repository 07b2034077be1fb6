#pragma once
/// The cost-sim command line: `cost-sim <command> [options]`. Commands and flags: Design/cli.md.

#include <iosfwd>
#include <span>
#include <string>

namespace costsim::cli {

/// Exit codes (a contract with scripts).
enum ExitCode : int {
    kExitOk = 0,        ///< success
    kExitInternal = 1,  ///< a bug or an unexpected failure
    kExitUsage = 2,     ///< bad usage or invalid input; one line on `err` names the flag or field
};

/// Runs the command line `args` (args[0] is the program name). Reads `in` for `--scenario -`.
/// Writes the result to `out` only on success (nothing partial) and one error line to `err`.
int run(std::span<const std::string> args, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace costsim::cli
