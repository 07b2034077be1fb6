// `cost-sim import trace FILE|-`: a trace to a scenario (stdout), or with --compare the comparison
// on it, or with --summary the whole import as JSON; what was read, used and skipped on stderr.
// The library reads and derives (lib/io/trace_import.cpp); this opens the files and renders.
#include "import_trace.hpp"

#include "catalog_import.hpp"  // command_notes
#include "format.hpp"
#include "inputs.hpp"
#include "render.hpp"
#include "render_table.hpp"
#include "usage_error.hpp"

#include <costsim/compare.hpp>
#include <costsim/error.hpp>
#include <costsim/json.hpp>
#include <costsim/metrics_import.hpp>  // scenario_with_series_to_json
#include <costsim/trace_import.hpp>

namespace costsim::cli {

namespace {

std::string input_name(const std::string& path) { return path == "-" ? "(stdin)" : path; }

Catalog catalog_of(const Flags& flags) {
    if (auto path = flags.text("catalog")) return Catalog::builtin().merged_with(read_catalog("--catalog", *path));
    return Catalog::builtin();
}

/// The library names the row, the function and the duration by their API fields: here, the flags.
[[noreturn]] void rethrow_with_flag(const InvalidInput& e) {
    const std::string& field = e.field();
    const std::string flag = field == "row" ? "--row" : field == "function" ? "--function" : "--duration-ms";
    std::string message = e.what();
    if (message.rfind(field, 0) == 0) message = message.substr(field.size());
    throw UsageError(flag + message);
}

std::string notes_of(const TraceImport& t) {
    const std::string p = "cost-sim import trace: ";
    std::string out = p + summary_line(t) + "\n";
    out += p + "invocations: " + to_string(t.invocations_summary) + "\n";
    if (t.duration) out += p + "durations: " + to_string(t.durations_summary) + "\n";
    if (t.memory) out += p + "memory: " + to_string(t.memory_summary) + "\n";
    for (const std::string& n : t.notes) out += p + "note: " + n + "\n";
    return out;
}

}  // namespace

void describe_import_trace(po::options_description& options, po::options_description& hidden,
                           po::positional_options_description& positional) {
    po::options_description group("import trace", 100, 60);
    group.add_options()("durations", po::value<std::string>()->value_name("FILE"),
                        "the Azure function_durations_percentiles file: the duration (Average)")(
        "memory", po::value<std::string>()->value_name("FILE"),
        "the Azure app_memory_percentiles file: the memory (AverageAllocatedMb, rounded up)")(
        "row", po::value<std::string>()->value_name("N"), "the function's row in FILE (0-based)")(
        "function", po::value<std::string>()->value_name("HASH"),
        "the function's HashFunction (or its first 8+ characters)")(
        "duration-ms", po::value<std::string>()->value_name("D"), "mean duration, ms, instead of the durations file's")(
        "compare", po::bool_switch(), "print the comparison instead of the scenario")(
        "summary", po::bool_switch(), "print the import as JSON: {\"trace\", \"scenario\"}")(
        "catalog", po::value<std::string>()->value_name("FILE"), "user price catalog merged over the built-in one")(
        "format", po::value<std::string>()->value_name("table|json|csv"), "--compare's output format (default table)")(
        "wide", po::bool_switch(), "table output without the 100-column limit")("help", "show this help");
    options.add(group);
    add_compared_offering_options(options);
    hidden.add_options()("file", po::value<std::vector<std::string>>(), "the invocations file");
    positional.add("file", -1);
}

std::string run_import_trace(const Flags& flags, std::istream& in) {
    const std::vector<std::string> files = flags.texts("file");
    if (files.size() != 1)
        throw UsageError(
            "import trace needs one FILE (- for stdin): an Azure Functions 2019 invocations file or a "
            "timestamp,count CSV (--durations and --memory take the other Azure files)");
    if (flags.flag("compare") && flags.flag("summary")) throw UsageError("--compare and --summary are exclusive");
    if (flags.has("format") && !flags.flag("compare"))
        throw UsageError("--format applies to --compare (the scenario and --summary are JSON)");
    if (flags.has("row") && flags.has("function"))
        throw UsageError("--row and --function both choose the function: give one");
    AzureRow row;
    if (auto text = flags.text("row")) {
        row = AzureRow::parse(*text);
        if (!row.index) throw UsageError("--row must be a row index (0 to 9,999,999), got \"" + *text + "\"");
    }
    if (auto hash = flags.text("function")) row.hash_prefix = *hash;
    const std::string& path = files.front();
    const std::string invocations = read_input_text("", path, in, TraceImportLimits::max_invocations_bytes);
    std::string durations, memory;
    if (auto p = flags.text("durations"))
        durations = read_input_text("--durations", *p, in, TraceImportLimits::max_statistics_bytes);
    if (auto p = flags.text("memory"))
        memory = read_input_text("--memory", *p, in, TraceImportLimits::max_statistics_bytes);

    TraceImport trace;
    Inputs inputs;
    try {
        trace = import_trace({invocations, input_name(path)}, {durations, flags.text("durations").value_or("")},
                             {memory, flags.text("memory").value_or("")}, row);
        inputs.scenario = trace_scenario(trace, flags.number("duration-ms"), std::nullopt);
    } catch (const InvalidInput& e) {
        if (e.field() != "row" && e.field() != "function" && e.field() != "duration_ms") throw;
        rethrow_with_flag(e);
    }
    inputs.scenario.workload.validate("workload.");
    inputs.catalog = catalog_of(flags);
    // The Lambda at the derived memory; --memory-mb and the other Lambda flags apply over it.
    inputs.scenario.offerings = compared_offerings(flags, inputs);
    Scenario& scenario = inputs.scenario;
    command_notes() = notes_of(trace);

    if (flags.flag("compare")) {
        const Format format = format_named(flags.choice("format", {"table", "json", "csv"}).value_or("table"));
        Comparison comparison =
            compare(scenario.workload, scenario.offerings, inputs.catalog, scenario.currency, TrafficRange{});
        for (ComparedOffering& r : comparison.results) keep_series(r.bill, false);  // as compare without --series
        std::vector<std::string> labels;
        for (const Offering& o : scenario.offerings) labels.push_back(o.default_label(true));
        return render(comparison, format, {flags.flag("wide") ? 0 : kTableWidth, labels});
    }
    if (flags.flag("summary")) return to_json(trace, scenario, 2) + "\n";
    const std::string text = scenario_with_series_to_json(scenario, 2);
    // What is printed is what --scenario reads: checked here, so a scenario never fails later.
    (void)parse_scenario(text, ScenarioShape::many_offerings);
    return text + "\n";
}

}  // namespace costsim::cli
