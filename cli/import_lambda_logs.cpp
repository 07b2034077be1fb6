// `cost-sim import lambda-logs FILE|-`: a Lambda log to a scenario (stdout), or with --compare
// the comparison on it; what was read, used and skipped, and the observed bill beside the
// modelled one, on stderr. The library reads and derives; this opens the file and renders.
#include "import_lambda_logs.hpp"

#include "catalog_import.hpp"  // command_notes
#include "commands.hpp"
#include "format.hpp"
#include "inputs.hpp"
#include "render.hpp"
#include "render_table.hpp"
#include "usage_error.hpp"

#include <costsim/compare.hpp>
#include <costsim/lambda_log_import.hpp>

#include <cmath>

namespace costsim::cli {

namespace {

/// "import lambda-logs, import cloudwatch, ...": every import command.
std::string import_sources() {
    std::string names;
    for (const Command& c : commands())
        if (c.name.rfind("import ", 0) == 0) names += (names.empty() ? "" : ", ") + c.name.substr(7);
    return names;
}

}  // namespace

void describe_import(po::options_description& options, po::options_description& hidden,
                     po::positional_options_description& positional) {
    options.add_options()("help", "show this help and exit");
    hidden.add_options()("source", po::value<std::string>(), "what to import")(
        "rest", po::value<std::vector<std::string>>(), "its arguments");
    positional.add("source", 1).add("rest", -1);
}

std::string run_import(const Flags& flags, std::istream&) {
    const auto source = flags.text("source");
    if (!source) throw UsageError("import needs a source: " + import_sources() + " (cost-sim import SOURCE --help)");
    throw UsageError("unknown import source \"" + *source + "\" (sources: " + import_sources() + ")");
}

void describe_import_lambda_logs(po::options_description& options, po::options_description& hidden,
                                 po::positional_options_description& positional) {
    add_common_options(options);
    po::options_description own("import lambda-logs", 100, 60);
    own.add_options()("compare", po::bool_switch(), "print the comparison on the imported scenario instead")(
        "summary", po::bool_switch(),
        "print the whole import as JSON: scenario, summary, observed_bill and modelled_bill")(
        "period-hours", po::value<std::string>()->value_name("H"),
        "the hours a log without timestamps covers (default: one month)");
    options.add(own);
    add_compared_offering_options(options);
    add_range_options(options);
    hidden.add_options()("file", po::value<std::vector<std::string>>(), "the log file, or - for stdin");
    positional.add("file", -1);
}

std::string run_import_lambda_logs(const Flags& flags, std::istream& in) {
    const std::vector<std::string> files = flags.texts("file");
    if (files.size() != 1)
        throw UsageError(
            "import lambda-logs needs one log FILE (- for stdin): REPORT lines, JSON log records, a "
            "CloudWatch Logs export or filter-log-events output");
    if (flags.has("scenario")) throw UsageError("--scenario: leave it out, import lambda-logs makes the scenario");
    if (flags.flag("compare") && flags.flag("summary")) throw UsageError("--compare and --summary are exclusive");
    if (flags.has("format") && !flags.flag("compare"))
        throw UsageError("--format applies to --compare (the scenario and --summary are JSON)");
    const std::string& path = files.front();
    std::string text;
    if (path == "-") {
        text = read_input_stream(in, LambdaLogLimits::max_text_bytes);
        if (in.bad()) throw UsageError("cannot read stdin");
    } else {
        text = read_input_file("", path, LambdaLogLimits::max_text_bytes);
    }
    if (text.size() > LambdaLogLimits::max_text_bytes)
        throw UsageError((path == "-" ? std::string("stdin") : "\"" + path + "\"") + " is larger than the limit of " +
                         quantity(double(LambdaLogLimits::max_text_bytes)) + " bytes");

    LambdaLogOptions options;
    if (auto region = flags.text("region")) options.region = *region;
    if (auto arch = flags.choice("arch", {"x86_64", "arm64"}))
        options.arch = *arch == "arm64" ? Architecture::arm64 : Architecture::x86_64;
    options.memory_mb = flags.integer("memory-mb");
    options.free_tier = !flags.flag("no-free-tier");
    if (auto hours = flags.number("period-hours")) {
        if (*hours <= 0 || *hours > 92 * 24)
            throw UsageError("--period-hours must be in (0, 2208] hours (92 days), got " + quantity(*hours));
        options.period_s = *hours * 3600.0;
    }
    LambdaLogImport imported = import_lambda_logs(text, options, path == "-" ? "(stdin)" : path);

    Inputs inputs = load_inputs(flags, in);
    inputs.scenario.workload = imported.scenario.workload;
    inputs.scenario.offerings = imported.scenario.offerings;
    inputs.has_scenario = true;
    const LambdaLogBills bills = lambda_log_bills(imported, inputs.catalog);
    const std::vector<Offering> offerings = compared_offerings(flags, inputs);

    std::string notes = "cost-sim import lambda-logs: " + summary_line(imported) + "\n";
    notes += "cost-sim import lambda-logs: observed bill " + money(bills.observed.total, bills.observed.currency) +
             " for the log's " + quantity(double(imported.records_used)) + " requests; cost-sim's model " +
             money(bills.modelled.total, bills.modelled.currency) + " for as many\n";
    for (const std::string& note : imported.notes) notes += "cost-sim import lambda-logs: note: " + note + "\n";
    command_notes() = notes;

    if (flags.flag("compare")) {
        Comparison comparison = compare(inputs.scenario.workload, offerings, inputs.catalog, inputs.scenario.currency,
                                        traffic_range(flags, inputs));
        for (ComparedOffering& r : comparison.results) keep_series(r.bill, inputs.scenario.include_series);
        std::vector<std::string> labels;
        for (const Offering& o : offerings) labels.push_back(o.default_label(true));
        return render(comparison, inputs.format, {flags.flag("wide") ? 0 : kTableWidth, labels});
    }
    imported.scenario.offerings = offerings;
    if (flags.flag("summary")) return to_json(imported, bills, 2) + "\n";
    return scenario_to_json(imported, 2) + "\n";
}

}  // namespace costsim::cli
