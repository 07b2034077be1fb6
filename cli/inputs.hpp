#pragma once
/// From flags and an optional scenario file to the library's inputs: the option groups each
/// command offers, and the rule "the scenario first, then every flag given overrides it".

#include "arguments.hpp"
#include "render.hpp"

#include <costsim/json.hpp>
#include <costsim/offering_kinds.hpp>

#include <iosfwd>
#include <string>

namespace costsim::cli {

/// Captions of the groups cost-sim --help lists once for every command.
inline constexpr const char* kCommonOptionsCaption = "Common options";
inline constexpr const char* kWorkloadOptionsCaption = "Workload";

/// Option groups (Design/cli.md lists them per command).
void add_common_options(po::options_description& options);
void add_workload_options(po::options_description& options);
/// The flags of `kind`'s own command (`cost-sim lambda`, `cost-sim vm`): one per field.
void add_kind_options(po::options_description& options, const KindInfo& kind);
/// The offerings of compare, break-even and sweep: --lambda, --vm, --<kind> for the other kinds,
/// and each kind's shared and prefixed flags (kind_flags.hpp).
void add_compared_offering_options(po::options_description& options);
void add_range_options(po::options_description& options);
void add_grid_options(po::options_description& options);

/// What every command reads: the scenario (or defaults), the catalog, currency and format.
struct Inputs {
    Scenario scenario;
    bool has_scenario = false;
    Catalog catalog;
    Format format = Format::table;
};

/// Reads --scenario (FILE or "-" for `in`), --catalog, --currency, --jpy-per-usd, --format, and
/// applies the workload flags. Errors in a file are prefixed with the flag and file name.
Inputs load_inputs(const Flags& flags, std::istream& in);

/// Reads at most `max_bytes` + 1 bytes of a stream (the caller refuses more), for an import's input.
std::string read_input_stream(std::istream& in, std::size_t max_bytes);
/// Reads a regular file of at most `max_bytes`. \throws UsageError naming `flag` and the path.
std::string read_input_file(const std::string& flag, const std::string& path, std::size_t max_bytes);

/// Reads and validates one catalog file; errors are prefixed with `label` and the path.
Catalog read_catalog(const std::string& label, const std::string& path);

/// Where the scenario's first offering of `kind` ("lambda", "vm") sits, "offerings[2]." or
/// "offering.", or "" when it has none: errors then name the field as the file spells it.
std::string scenario_field(const Inputs& inputs, std::string_view kind);

/// The single offering of a kind's own command (`cost-sim vm`): the scenario's first of `kind`,
/// else defaults; flags override. \throws UsageError when a required field is still missing.
Offering kind_offering(const Flags& flags, const Inputs& inputs, const KindInfo& kind);
/// The offerings of compare / break-even / sweep: the scenario's, flags applied, plus a Lambda
/// (when the scenario has none), one fleet per --vm, one of each other kind per --<kind>.
std::vector<Offering> compared_offerings(const Flags& flags, const Inputs& inputs);

/// The break-even search range: the scenario's "range", then --from-rps / --to-rps.
TrafficRange traffic_range(const Flags& flags, const Inputs& inputs);
/// The curve grid: the scenario's "grid", then --from-rps / --to-rps / --points / --scale.
CurveGrid curve_grid(const Flags& flags, const Inputs& inputs);

/// Requires traffic from --requests-per-month, --requests-per-second or a scenario.
void require_traffic(const Flags& flags, const Inputs& inputs);

/// The flag that set `field` ("offerings[1].memory_mb" -> "--memory-mb") if it was given, else "".
std::string flag_for_field(const Flags& flags, const std::string& field);

}  // namespace costsim::cli
