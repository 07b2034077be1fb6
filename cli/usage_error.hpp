#pragma once
/// A command-line mistake (unknown flag, missing or malformed value). Mapped to exit code 2.

#include <stdexcept>
#include <string>

namespace costsim::cli {

class UsageError : public std::runtime_error {
  public:
    /// `message` is complete and names the flag ("--duration-ms must be a number, got \"abc\"").
    explicit UsageError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace costsim::cli
