#pragma once
/// From flags and an optional scenario file to the library's inputs: the option groups each
/// command offers, and the rule "the scenario first, then every flag given overrides it".

#include "arguments.hpp"

#include <costsim/json.hpp>

#include <iosfwd>
#include <string>

namespace costsim::cli {

enum class Format { table, json, csv };

/// Captions of the groups cost-sim --help lists once for every command.
inline constexpr const char* kCommonOptionsCaption = "Common options";
inline constexpr const char* kWorkloadOptionsCaption = "Workload";

/// Option groups (Design/cli.md lists them per command).
void add_common_options(po::options_description& options);
void add_workload_options(po::options_description& options);
void add_lambda_options(po::options_description& options, bool with_region);
void add_fleet_options(po::options_description& options, bool single_fleet);
void add_compare_options(po::options_description& options);
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

/// Reads and validates one catalog file; errors are prefixed with `label` and the path.
Catalog read_catalog(const std::string& label, const std::string& path);

/// Where the scenario's first offering of `kind` ("lambda", "vm") sits, "offerings[2]." or
/// "offering.", or "" when it has none: errors then name the field as the file spells it.
std::string scenario_field(const Inputs& inputs, std::string_view kind);

/// The single Lambda offering of `cost-sim lambda`: the scenario's first, else defaults; flags override.
Offering lambda_offering(const Flags& flags, const Inputs& inputs);
/// The single fleet of `cost-sim vm`: the scenario's first, else defaults; flags override.
Offering fleet_offering(const Flags& flags, const Inputs& inputs);
/// The offerings of compare / break-even / sweep: the scenario's, flags applied, plus a Lambda
/// (when the scenario has none), one fleet per --vm, --cloud-run and --azure-functions.
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
