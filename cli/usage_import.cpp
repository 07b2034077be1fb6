// `cost-sim import cloudwatch FILE...` and `cost-sim import cur FILE`: usage in, read by the
// library; this file opens the files (gzip for a CUR), builds the offerings from the flags and renders.
#include "usage_import.hpp"

#include "catalog_import.hpp"
#include "format.hpp"
#include "gunzip.hpp"
#include "inputs.hpp"
#include "render.hpp"
#include "render_table.hpp"
#include "usage_error.hpp"

#include <costsim/compare.hpp>
#include <costsim/cur_import.hpp>
#include <costsim/json.hpp>
#include <costsim/metrics_import.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>

namespace costsim::cli {

namespace {

/// A regular file or stdin ("-"), at most `max_bytes`.
std::string read_input(const std::string& path, std::istream& in, std::size_t max_bytes) {
    std::string text;
    char buffer[65536];
    const auto read_all = [&](std::istream& s) {
        while (text.size() <= max_bytes && s.read(buffer, sizeof buffer).gcount() > 0)
            text.append(buffer, static_cast<std::size_t>(s.gcount()));
    };
    if (path == "-") {
        read_all(in);
        if (in.bad()) throw UsageError("cannot read stdin");
    } else {
        std::error_code error;
        if (!std::filesystem::is_regular_file(path, error))
            throw UsageError(
                "cannot read \"" + path + "\": " +
                (std::filesystem::exists(path, error) ? "not a regular file (use - to read stdin)" : "no such file"));
        std::ifstream file(path, std::ios::binary);
        if (!file) throw UsageError("cannot open \"" + path + "\"");
        read_all(file);
        if (file.bad()) throw UsageError("cannot read \"" + path + "\"");
    }
    if (text.size() > max_bytes)
        throw UsageError("\"" + path + "\" is larger than the limit of " + quantity(double(max_bytes)) + " bytes");
    return text;
}

std::string input_name(const std::string& path) { return path == "-" ? "(stdin)" : path; }

Catalog catalog_of(const Flags& flags) {
    if (auto path = flags.text("catalog")) return Catalog::builtin().merged_with(read_catalog("--catalog", *path));
    return Catalog::builtin();
}

/// What the metrics gave, for stderr: one line, each figure with its basis.
std::string cloudwatch_note(const CloudWatchImport& m, double written_interval_s) {
    std::string note = "cost-sim import cloudwatch: " + m.traffic_metric + " Sum at " + quantity(m.period_s) + " s, " +
                       m.start + " to " + m.end + ": " + quantity(double(m.profile.requests.size())) + " periods (" +
                       quantity(double(m.traffic_datapoints)) + " datapoints, " + quantity(double(m.filled_with_zero)) +
                       " missing taken as 0), " + quantity(m.invocations) + " requests (" +
                       quantity(m.profile.requests_per_month()) + " a month)";
    if (m.mean_duration_ms)
        note += "; mean duration " + quantity(*m.mean_duration_ms) + " ms (" + m.duration_basis + ")";
    if (m.max_concurrent_executions) note += "; max ConcurrentExecutions " + quantity(*m.max_concurrent_executions);
    if (m.peak_mean_concurrency)
        note += "; mean concurrency in the busiest period " + quantity(*m.peak_mean_concurrency, 3) + " (Little)";
    if (m.throttles) note += "; " + quantity(*m.throttles) + " throttles";
    if (written_interval_s > m.period_s)
        note += "; written at " + quantity(written_interval_s) + " s intervals to fit a scenario's " +
                quantity(double(kMaxJsonBytes)) + " bytes";
    note += "\ncost-sim import cloudwatch: " + to_string(m.summary) + "\n";
    for (const std::string& n : m.notes) note += "cost-sim import cloudwatch: note: " + n + "\n";
    return note;
}

/// "-$2.67" rather than "$-2.67".
std::string signed_money(double amount, std::string_view currency) {
    if (amount >= 0) return money(amount, currency);
    std::string out(1, '-');
    out += money(-amount, currency);
    return out;
}

std::string cur_table(const CurComparison& cmp, std::size_t width) {
    std::string out = "AWS Cost and Usage Report (" +
                      std::string(cmp.format == CurFormat::cur2 ? "CUR 2.0" : "legacy") + "), Lambda rows";
    if (!cmp.period_start.empty()) out += ", " + cmp.period_start + " to " + cmp.period_end;
    out += "\nUsage: " + quantity(cmp.requests) + " requests, " + quantity(cmp.gb_seconds) + " GB-s on demand\n";
    out += "Free tier: " + cmp.free_tier_rule + "\n\n";
    TextTable table({false, false, true, true, true, true, false});
    table.add_row({"Usage type", "Region", "Quantity", "CUR cost", "cost-sim", "Difference", "Note"});
    for (const CurLine& l : cmp.lines)
        table.add_row({l.usage_type, l.region, quantity(l.quantity), money(l.cur_cost, cmp.currency),
                       l.costsim_cost ? money(*l.costsim_cost, cmp.currency) : "-",
                       l.difference ? signed_money(*l.difference, cmp.currency) : "-", l.note});
    table.add_row({"Total priced", "", "", money(cmp.cur_total_priced, cmp.currency),
                   money(cmp.costsim_total, cmp.currency), signed_money(cmp.difference, cmp.currency), ""});
    if (cmp.cur_total != cmp.cur_total_priced)
        table.add_row({"All Lambda rows", "", "", money(cmp.cur_total, cmp.currency), "", "", "with unpriced"});
    out += table.render("", width);
    out += "\nRows: " + to_string(cmp.summary) + "\n";
    return out;
}

}  // namespace

void describe_import_cloudwatch(po::options_description& options, po::options_description& hidden,
                                po::positional_options_description& positional) {
    po::options_description group("import cloudwatch", 100, 60);
    group.add_options()("period", po::value<std::string>()->value_name("S"),
                        "the metrics' period, s (default: the datapoints' spacing)")(
        "duration-ms", po::value<std::string>()->value_name("D"),
        "mean duration, ms, instead of the Duration metric's")("compare", po::bool_switch(),
                                                               "print the comparison instead of the scenario")(
        "catalog", po::value<std::string>()->value_name("FILE"), "user price catalog merged over the built-in one")(
        "format", po::value<std::string>()->value_name("table|json|csv"), "--compare's output format (default table)")(
        "wide", po::bool_switch(), "table output without the 100-column limit")("help", "show this help");
    options.add(group);
    add_compared_offering_options(options);
    hidden.add_options()("files", po::value<std::vector<std::string>>(), "metric files");
    positional.add("files", -1);
}

std::string run_import_cloudwatch(const Flags& flags, std::istream& in) {
    const std::vector<std::string> files = flags.texts("files");
    if (files.empty())
        throw UsageError(
            "import cloudwatch needs one or more FILEs: aws cloudwatch get-metric-statistics or "
            "get-metric-data output (JSON; - for stdin)");
    std::vector<std::string> texts;
    std::vector<CloudWatchInput> inputs;
    for (const std::string& path : files) texts.push_back(read_input(path, in, CloudWatchLimits::max_text_bytes));
    for (std::size_t i = 0; i < files.size(); ++i) inputs.push_back({texts[i], input_name(files[i])});
    const CloudWatchImport metrics = import_cloudwatch(inputs, flags.number("period"));

    const std::optional<double> duration = flags.number("duration-ms");
    if (!duration && !metrics.mean_duration_ms)
        throw UsageError(
            "the metrics have no Duration to derive the mean duration from (with Invocations): add "
            "--duration-ms D, or import the Duration metric");
    Workload base;
    if (duration) base.duration_ms = *duration;
    Inputs scenario_inputs;
    scenario_inputs.scenario.workload = imported_workload(metrics, base, duration.has_value());
    scenario_inputs.scenario.workload.validate("workload.");
    scenario_inputs.catalog = catalog_of(flags);
    scenario_inputs.scenario.offerings = compared_offerings(flags, scenario_inputs);
    Scenario& scenario = scenario_inputs.scenario;

    if (flags.flag("compare")) {
        const Format format = format_named(flags.choice("format", {"table", "json", "csv"}).value_or("table"));
        Comparison comparison =
            compare(scenario.workload, scenario.offerings, scenario_inputs.catalog, scenario.currency, TrafficRange{});
        for (ComparedOffering& r : comparison.results) keep_series(r.bill, false);  // as compare without --series
        std::vector<std::string> labels;
        for (const Offering& o : scenario.offerings) labels.push_back(o.default_label(true));
        command_notes() = cloudwatch_note(metrics, metrics.period_s);
        return render(comparison, format, {flags.flag("wide") ? 0 : kTableWidth, labels});
    }
    if (flags.has("format")) throw UsageError("--format applies to --compare; the scenario is JSON");
    double written_interval_s = metrics.period_s;
    const std::string text = scenario_with_series_to_json(scenario, 2, &written_interval_s);
    // What is printed is what --scenario reads: checked here, so a scenario never fails later.
    (void)parse_scenario(text, ScenarioShape::many_offerings);
    command_notes() = cloudwatch_note(metrics, written_interval_s);
    return text + "\n";
}

void describe_import_cur(po::options_description& options, po::options_description& hidden,
                         po::positional_options_description& positional) {
    po::options_description group("import cur", 100, 60);
    group.add_options()("format", po::value<std::string>()->value_name("table|json|csv"),
                        "output format (default table)")("no-free-tier", po::bool_switch(),
                                                         "price every request and GB-second (no monthly free tier)")(
        "catalog", po::value<std::string>()->value_name("FILE"), "user price catalog merged over the built-in one")(
        "wide", po::bool_switch(), "table output without the 100-column limit")("help", "show this help");
    options.add(group);
    hidden.add_options()("file", po::value<std::string>(), "the report");
    positional.add("file", 1);
}

std::string run_import_cur(const Flags& flags, std::istream& in) {
    const auto path = flags.text("file");
    if (!path)
        throw UsageError(
            "import cur needs a FILE: a Cost and Usage Report CSV (CUR 2.0 or legacy), plain or .gz "
            "(- for stdin)");
    const Format format = format_named(flags.choice("format", {"table", "json", "csv"}).value_or("table"));
    std::string text = read_input(*path, in, CurLimits::max_text_bytes);
    if (is_gzip(text)) text = gunzip(text, CurLimits::max_text_bytes, input_name(*path));
    CurOptions options;
    options.free_tier = !flags.flag("no-free-tier");
    const CurComparison cmp = import_cur(text, catalog_of(flags), options, input_name(*path));
    switch (format) {
        case Format::json: return to_json(cmp, 2) + "\n";
        case Format::csv: return to_csv(cmp);
        case Format::table: break;
    }
    return cur_table(cmp, flags.flag("wide") ? 0 : kTableWidth);
}

}  // namespace costsim::cli
