#pragma once
/// Reading flag values strictly: every value is taken as text and converted here, so each
/// mistake gets one message naming the flag (non-numbers, NaN, infinity, fractions of integers).

#include <boost/program_options.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace costsim::cli {

namespace po = boost::program_options;

/// Parses `args` (without program name and command) against `options`. Turns "--flag -5" into
/// "--flag=-5" so negative numbers reach the range checks instead of looking like flags.
/// \throws UsageError for unknown flags (with the closest known flag), missing values, repeats.
po::variables_map parse_flags(std::span<const std::string> args, const po::options_description& options,
                              const po::positional_options_description* positional = nullptr);

/// The parsed flags of one command, with strict conversions.
class Flags {
  public:
    explicit Flags(po::variables_map vm) : vm_(std::move(vm)) {}

    /// True if the flag was given on the command line.
    [[nodiscard]] bool has(const std::string& name) const;
    [[nodiscard]] std::optional<std::string> text(const std::string& name) const;
    [[nodiscard]] std::vector<std::string> texts(const std::string& name) const;
    /// A finite decimal number ("1e6", "0.5"). \throws UsageError naming --name otherwise.
    [[nodiscard]] std::optional<double> number(const std::string& name) const;
    /// A comma-separated list of finite numbers ("1,10,100"), empty if the flag is absent.
    [[nodiscard]] std::vector<double> numbers(const std::string& name) const;
    /// A whole number that fits an int. \throws UsageError naming --name otherwise.
    [[nodiscard]] std::optional<int> integer(const std::string& name) const;
    /// One of `choices`. \throws UsageError listing them otherwise.
    [[nodiscard]] std::optional<std::string> choice(const std::string& name,
                                                    std::initializer_list<const char*> choices) const;
    [[nodiscard]] std::optional<std::string> choice(const std::string& name,
                                                    std::span<const std::string_view> choices) const;
    /// A boolean switch (--no-free-tier, --load-balancer).
    [[nodiscard]] bool flag(const std::string& name) const;

  private:
    po::variables_map vm_;
};

/// "memory_mb" -> "--memory-mb".
std::string flag_name(std::string_view snake_case_field);

}  // namespace costsim::cli
