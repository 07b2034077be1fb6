// One function of the Azure Functions 2019 trace (or a timestamp,count CSV) to a profile, a
// duration and a Lambda memory size. The minutes are parsed by parse_azure_functions_2019; this
// finds the row, matches it in the durations and memory files, and counts what it read.
// Formats and rules: Design/imports.md#traces-azure-functions-2019-and-timestampcount-csv.
#include <costsim/trace_import.hpp>

#include <costsim/error.hpp>
#include <costsim/metrics_import.hpp>  // scenario_with_series_to_json
#include <costsim/offering.hpp>
#include <costsim/offerings/lambda.hpp>
#include <costsim/version.hpp>

#include "core/validation.hpp"
#include "io/trace_columns.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace costsim {
namespace {

using detail::blank;
using detail::Lines;
using detail::quoted_value;
using detail::split_fields;

const std::string kHashColumns[] = {"HashOwner", "HashApp", "HashFunction"};

std::string q(double x) { return detail::format_quantity(x); }

[[noreturn]] void fail(const std::string& file, std::size_t line, const std::string& message) {
    throw InvalidInput(file, file + " line " + std::to_string(line) + ": " + message, 0);
}

void require_size(const TraceInput& input, std::size_t limit) {
    if (input.text.size() > limit)
        throw LimitExceeded(input.name, input.name + " is larger than the limit of " + q(double(limit)) + " bytes");
}

/// The first line of a text, without its "\r".
std::string_view first_line(std::string_view text) {
    std::string_view line = text.substr(0, text.find('\n'));
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
}

/// A header's column index by name.
std::optional<std::size_t> column(const std::vector<std::string_view>& header, std::string_view name) {
    const auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end()) return std::nullopt;
    return static_cast<std::size_t>(it - header.begin());
}

/// A finite number >= 0 ("7097", "2262.0"), or none.
std::optional<double> number_of(std::string_view s) {
    double value = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (s.empty() || ec != std::errc{} || end != s.data() + s.size() || !std::isfinite(value) || value < 0)
        return std::nullopt;
    return value;
}

/// The function's hashes, by column name, for matching rows of the statistics files.
struct FunctionKey {
    std::vector<std::pair<std::string, std::string>> hashes;  ///< (column, value) the invocations file has
    [[nodiscard]] std::string describe() const {
        std::string out;
        for (const auto& [name, value] : hashes)
            out += (out.empty() ? "" : ", ") + name + " " + value.substr(0, 8) + (value.size() > 8 ? "..." : "");
        return out;
    }
};

/// One statistics file (durations or memory) read for one function: the matched row's cells.
struct MatchedRow {
    std::size_t line = 0;
    std::vector<std::string> cells;
    std::vector<std::string> header;
};

/// Reads a durations or memory file: checks the header names `required`, every row's field count,
/// and finds the one row whose hash columns (those of `key` it has; `must_match` among them)
/// equal the function's. Rows of other functions are counted as skipped.
MatchedRow match_row(const TraceInput& input, const FunctionKey& key, const std::vector<std::string>& required,
                     const std::string& must_match, ImportSummary& summary, const std::string& what) {
    Lines lines(input.text);
    std::string_view line;
    if (!lines.next(line) || blank(line))
        fail(input.name, 1, "the header must name " + must_match + " and " + required.back() + " (the text is empty)");
    const auto header = split_fields(line);
    for (const std::string& name : required)
        if (!column(header, name))
            fail(input.name, 1, "the header has no " + name + " column (is this the " + what + " file?)");
    std::vector<std::pair<std::size_t, std::string>> compared;  // (column here, value wanted)
    for (const auto& [name, value] : key.hashes)
        if (auto c = column(header, name)) compared.emplace_back(*c, value);
    MatchedRow found;
    while (lines.next(line)) {
        ++summary.read;
        if (blank(line)) {
            summary.skip("blank line");
            continue;
        }
        const auto cells = split_fields(line);
        if (cells.size() != header.size())
            fail(input.name, lines.number(),
                 std::to_string(header.size()) + " fields expected (as in the header), got " +
                     std::to_string(cells.size()));
        const bool match =
            std::all_of(compared.begin(), compared.end(), [&](const auto& c) { return cells[c.first] == c.second; });
        if (!match) {
            summary.skip("another function");
        } else if (found.line != 0) {
            summary.skip("a repeat of line " + std::to_string(found.line));
        } else {
            ++summary.used;
            found.line = lines.number();
            found.cells.assign(cells.begin(), cells.end());
        }
    }
    if (found.line == 0)
        throw InvalidInput(input.name,
                           input.name + ": no row for the function (" + key.describe() + ") among its " +
                               q(double(summary.read)) + " rows; leave the " + what + " file out and give the " +
                               (what == "durations" ? "duration" : "memory") + " yourself, or choose another function",
                           0);
    found.header.assign(header.begin(), header.end());
    return found;
}

/// A matched row's number in `name`. \throws InvalidInput naming the file, line and column.
double cell_number(const TraceInput& input, const MatchedRow& row, const std::string& name) {
    const std::size_t c = *column({row.header.begin(), row.header.end()}, name);
    const auto value = number_of(row.cells[c]);
    if (!value) fail(input.name, row.line, name + " must be a number >= 0, got " + quoted_value(row.cells[c]));
    return *value;
}

/// The columns named "<prefix><p>" as (p, value), in file order.
std::vector<std::pair<double, double>> percentiles(const TraceInput& input, const MatchedRow& row,
                                                   const std::string& prefix) {
    std::vector<std::pair<double, double>> out;
    for (const std::string& name : row.header) {
        if (name.rfind(prefix, 0) != 0) continue;
        const auto p = number_of(std::string_view(name).substr(prefix.size()));
        if (!p || *p > 100) continue;  // not a percentile column
        out.emplace_back(*p, cell_number(input, row, name));
    }
    return out;
}

std::vector<std::string_view> views(const std::vector<std::string>& v) { return {v.begin(), v.end()}; }

TraceDuration read_duration(const TraceInput& input, const FunctionKey& key, TraceImport& out) {
    const MatchedRow row =
        match_row(input, key, {"HashFunction", "Average"}, "HashFunction", out.durations_summary, "durations");
    TraceDuration d;
    d.line = row.line;
    d.average_ms = cell_number(input, row, "Average");
    const auto header = views(row.header);
    if (column(header, "Count")) d.count = cell_number(input, row, "Count");
    if (column(header, "Minimum")) d.minimum_ms = cell_number(input, row, "Minimum");
    if (column(header, "Maximum")) d.maximum_ms = cell_number(input, row, "Maximum");
    d.percentiles = percentiles(input, row, "percentile_Average_");
    if (d.average_ms > WorkloadLimits::max_duration_ms)
        fail(input.name, row.line,
             "Average " + q(d.average_ms) + " ms is longer than Lambda's 15-minute limit (900,000 ms)");
    return d;
}

TraceMemory read_memory(const TraceInput& input, const FunctionKey& key, TraceImport& out) {
    const MatchedRow row =
        match_row(input, key, {"HashApp", "AverageAllocatedMb"}, "HashApp", out.memory_summary, "memory");
    TraceMemory m;
    m.line = row.line;
    m.average_allocated_mb = cell_number(input, row, "AverageAllocatedMb");
    if (column(views(row.header), "SampleCount")) m.sample_count = cell_number(input, row, "SampleCount");
    m.percentiles = percentiles(input, row, "AverageAllocatedMb_pct");
    // Lambda takes 128 to 10,240 MB in 1 MB steps (pricing-facts, Lambda): the app's average
    // committed memory rounded up to a whole MB, then into that range.
    const double up = std::ceil(m.average_allocated_mb);
    const auto& range = OfferingLimits::lambda_memory_mb;
    m.lambda_memory_mb = static_cast<int>(std::clamp(up, double(range.min), double(range.max)));
    m.rule = "AverageAllocatedMb " + q(m.average_allocated_mb) +
             " MB (the app's mean committed memory) rounded up to " + "a whole MB";
    if (up < range.min) m.rule += ", raised to Lambda's minimum of 128 MB";
    if (up > range.max) m.rule += ", lowered to Lambda's maximum of 10,240 MB";
    m.rule += ": " + q(m.lambda_memory_mb) + " MB";
    if (up > range.max)
        out.notes.push_back("the app commits " + q(m.average_allocated_mb) +
                            " MB on average, more than a Lambda function can have (10,240 MB)");
    return m;
}

void import_csv(const TraceInput& invocations, TraceImport& out) {
    out.format = "csv";
    out.profile = parse_traffic_csv(invocations.text, invocations.name);
    Lines lines(invocations.text);
    std::string_view line;
    lines.next(line);  // the header
    while (lines.next(line)) {
        ++out.invocations_summary.read;
        if (blank(line))
            out.invocations_summary.skip("blank line");
        else
            ++out.invocations_summary.used;
    }
}

/// The profile's source, as parse_azure_functions_2019 names it, with the row of the whole file.
std::string azure_source(const TraceImport& t) {
    std::string s =
        "azure-functions-2019 row " + std::to_string(*t.row) + " (HashFunction " + t.hash_function.substr(0, 8);
    if (!t.trigger.empty()) s += ", trigger " + t.trigger.substr(0, 20);
    return s + ")";
}

void import_azure(const TraceInput& invocations, const AzureRow& row, TraceImport& out) {
    out.format = "azure-functions-2019";
    if (!row.index && !row.hash_prefix.empty() && row.hash_prefix.size() < TrafficImportLimits::min_hash_prefix)
        throw InvalidInput("function",
                           "a HashFunction or its first " + std::to_string(TrafficImportLimits::min_hash_prefix) +
                               " characters or more",
                           quoted_value(row.hash_prefix));
    Lines lines(invocations.text);
    const detail::AzureHeader h = detail::azure_header(lines, invocations.name);
    const std::string_view header_line = first_line(invocations.text);
    const auto header = split_fields(header_line);
    std::string_view line, chosen;
    std::size_t rows = 0, matches = 0;
    while (lines.next(line)) {
        ++out.invocations_summary.read;
        if (blank(line)) {
            out.invocations_summary.skip("blank line");
            continue;
        }
        const auto cells = split_fields(line);
        if (cells.size() != h.columns)
            fail(
                invocations.name, lines.number(),
                std::to_string(h.columns) + " fields expected (as in the header), got " + std::to_string(cells.size()));
        const bool match =
            row.index ? *row.index == rows
                      : row.hash_prefix.empty() || cells[h.hash].substr(0, row.hash_prefix.size()) == row.hash_prefix;
        if (match && matches++ == 0) {
            chosen = line;
            out.line = lines.number();
            out.row = rows;
        } else {
            out.invocations_summary.skip("another function");
        }
        ++rows;
    }
    if (rows == 0) fail(invocations.name, lines.number() + 1, "no rows after the header");
    if (row.index && matches == 0)
        throw InvalidInput("row",
                           "a row index in [0, " + std::to_string(rows - 1) + "] (" + invocations.name + " has " +
                               q(double(rows)) + " rows)",
                           std::to_string(*row.index));
    if (!row.index && row.hash_prefix.empty() && rows > 1)
        throw InvalidInput("row",
                           "row: " + invocations.name + " has " + q(double(rows)) +
                               " functions; choose one by its row (0-based) or its HashFunction",
                           0);
    if (!row.index && !row.hash_prefix.empty() && matches != 1)
        throw InvalidInput(
            "function",
            matches == 0 ? "the HashFunction (or its start) of a row of " + invocations.name + " (none starts with it)"
                         : "the HashFunction of one row (" + std::to_string(matches) +
                               " rows start with it; give more characters, or the row)",
            quoted_value(row.hash_prefix));
    ++out.invocations_summary.used;
    // The chosen row alone, after as many blank lines as precede it (the parser skips them), so the
    // parser's errors name the line of the whole file.
    std::string one_row(header_line);
    one_row.append(out.line - 1, '\n');
    one_row.append(chosen);
    out.profile = parse_azure_functions_2019(one_row, AzureRow{0, {}}, invocations.name, "row");
    const auto cells = split_fields(chosen);
    if (auto c = column(header, "HashOwner")) out.hash_owner = std::string(cells[*c]);
    if (auto c = column(header, "HashApp")) out.hash_app = std::string(cells[*c]);
    out.hash_function = std::string(cells[h.hash]);
    if (h.trigger) out.trigger = std::string(cells[*h.trigger]);
    out.profile.source = azure_source(out);
}

nlohmann::ordered_json summary_json(const ImportSummary& s) {
    nlohmann::ordered_json j;
    j["unit"] = s.unit;
    j["read"] = s.read;
    j["used"] = s.used;
    j["skipped"] = s.skipped;
    j["skipped_by_reason"] = nlohmann::ordered_json::array();
    for (const auto& [reason, n] : s.skipped_by_reason)
        j["skipped_by_reason"].push_back({{"reason", reason}, {"count", n}});
    return j;
}

/// "p50".
std::string percentile_name(double p) {
    std::string name(1, 'p');
    name += q(p);
    return name;
}

nlohmann::ordered_json percentiles_json(const std::vector<std::pair<double, double>>& ps) {
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    for (const auto& [p, value] : ps) j[percentile_name(p)] = value;
    return j;
}

/// "p50 41,128, p99 341,598" from the percentiles present.
std::string median_and_tail(const std::vector<std::pair<double, double>>& ps, const std::string& unit) {
    std::string out;
    for (const auto& [p, value] : ps)
        if (p == 50 || p == 99) out += (out.empty() ? "" : ", ") + percentile_name(p) + " " + q(value) + unit;
    return out;
}

}  // namespace

TraceImport import_trace(const TraceInput& invocations, const TraceInput& durations, const TraceInput& memory,
                         const AzureRow& row) {
    require_size(invocations, TraceImportLimits::max_invocations_bytes);
    require_size(durations, TraceImportLimits::max_statistics_bytes);
    require_size(memory, TraceImportLimits::max_statistics_bytes);
    TraceImport out;
    switch (guess_traffic_file_format(invocations.text)) {
        case TrafficFileFormat::json:
            throw InvalidInput(invocations.name,
                               invocations.name +
                                   ": a trace is an Azure Functions 2019 invocations file or a timestamp,count CSV, "
                                   "not JSON (a traffic profile in JSON goes in workload.traffic)",
                               0);
        case TrafficFileFormat::csv:
            if (!durations.text.empty() || !memory.text.empty())
                throw InvalidInput(!durations.text.empty() ? durations.name : memory.name,
                                   (!durations.text.empty() ? durations.name : memory.name) +
                                       ": durations and memory files go with an Azure Functions 2019 invocations "
                                       "file; a timestamp,count CSV names no function to match",
                                   0);
            if (row.index || !row.hash_prefix.empty())
                throw InvalidInput(row.index ? "row" : "function",
                                   std::string(row.index ? "row" : "function") +
                                       ": a timestamp,count CSV is one series; there is no function to choose",
                                   0);
            import_csv(invocations, out);
            break;
        case TrafficFileFormat::azure_functions_2019: import_azure(invocations, row, out); break;
    }
    out.invocations = out.profile.total();
    if (out.format == "csv") return out;

    FunctionKey key;
    for (const std::string& name : kHashColumns) {
        const std::string& value = name == "HashOwner" ? out.hash_owner
                                   : name == "HashApp" ? out.hash_app
                                                       : out.hash_function;
        if (!value.empty()) key.hashes.emplace_back(name, value);
    }
    if (!durations.text.empty()) {
        out.duration = read_duration(durations, key, out);
        if (out.duration->count != out.invocations && out.duration->count > 0)
            out.notes.push_back("the durations file counts " + q(out.duration->count) +
                                " executions, the invocations file " + q(out.invocations) +
                                " (the dataset's two logs differ); the profile uses the invocations");
        if (out.duration->average_ms == 0)
            out.notes.push_back(
                "Average 0 ms (under 0.5 ms, the file's whole ms) is taken as 1 ms, Lambda's billing "
                "step");
    }
    if (!memory.text.empty()) {
        if (out.hash_app.empty())
            throw InvalidInput(memory.name,
                               memory.name + ": the memory file is per app, and " + invocations.name +
                                   " has no HashApp column to match it by",
                               0);
        out.memory = read_memory(memory, key, out);
    }
    return out;
}

Scenario trace_scenario(const TraceImport& trace, std::optional<double> duration_ms, std::optional<int> memory_mb) {
    Workload w;
    if (duration_ms)
        w.duration_ms = *duration_ms;
    else if (trace.duration)
        w.duration_ms = std::max(trace.duration->average_ms, 1.0);  // 0 in the file: under 0.5 ms
    else
        throw InvalidInput("duration_ms",
                           "duration_ms: the trace has no durations file to derive the mean duration from; give it", 0);
    w.peak_to_mean = 1.0;
    Scenario s;
    s.workload = w.with_traffic(trace.profile);
    LambdaConfig lambda;
    if (memory_mb)
        lambda.memory_mb = *memory_mb;
    else if (trace.memory)
        lambda.memory_mb = trace.memory->lambda_memory_mb;
    s.offerings.push_back(Offering{"", lambda});
    return s;
}

std::string summary_line(const TraceImport& t) {
    std::string out = t.profile.source + ": " + q(double(t.profile.requests.size())) + " intervals of " +
                      q(t.profile.interval_s) + " s, " + q(t.invocations) + " invocations (" +
                      q(t.profile.requests_per_month()) + " a month)";
    if (t.duration) {
        out += "; duration Average " + q(t.duration->average_ms) + " ms";
        const std::string tail = median_and_tail(t.duration->percentiles, "");
        if (!tail.empty()) out += " (" + tail + ")";
    }
    if (t.memory) out += "; memory " + t.memory->rule;
    return out;
}

std::string to_json(const TraceImport& t, const Scenario& scenario, int indent) {
    nlohmann::ordered_json j;
    j["schema"] = "cost-sim-report/1";
    j["generated_by"] = std::string("cost-sim ") + kVersion;
    nlohmann::ordered_json d;
    d["format"] = t.format;
    d["source"] = t.profile.source;
    d["row"] = t.row ? nlohmann::ordered_json(*t.row) : nullptr;
    d["line"] = t.row ? nlohmann::ordered_json(t.line) : nullptr;
    d["hash_owner"] = t.hash_owner;
    d["hash_app"] = t.hash_app;
    d["hash_function"] = t.hash_function;
    d["trigger"] = t.trigger;
    d["intervals"] = t.profile.requests.size();
    d["interval_s"] = t.profile.interval_s;
    d["period_s"] = t.profile.period_s();
    d["invocations"] = t.invocations;
    d["month_factor"] = t.profile.month_factor();
    d["requests_per_month"] = t.profile.requests_per_month();
    if (t.duration) {
        const TraceDuration& u = *t.duration;
        d["duration"] = {{"line", u.line},
                         {"average_ms", u.average_ms},
                         {"count", u.count},
                         {"minimum_ms", u.minimum_ms},
                         {"maximum_ms", u.maximum_ms},
                         {"percentiles_ms", percentiles_json(u.percentiles)}};
    } else {
        d["duration"] = nullptr;
    }
    if (t.memory) {
        const TraceMemory& m = *t.memory;
        d["memory"] = {{"line", m.line},
                       {"sample_count", m.sample_count},
                       {"average_allocated_mb", m.average_allocated_mb},
                       {"percentiles_mb", percentiles_json(m.percentiles)},
                       {"lambda_memory_mb", m.lambda_memory_mb},
                       {"rule", m.rule}};
    } else {
        d["memory"] = nullptr;
    }
    d["summary"] = {{"invocations", summary_json(t.invocations_summary)},
                    {"durations", summary_json(t.durations_summary)},
                    {"memory", summary_json(t.memory_summary)}};
    d["notes"] = t.notes;
    j["trace"] = d;
    j["scenario"] = nlohmann::ordered_json::parse(scenario_with_series_to_json(scenario, -1));
    return j.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace costsim
