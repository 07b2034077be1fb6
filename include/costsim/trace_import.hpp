#pragma once
/// Traces in: one function of the Azure Functions 2019 files (its invocations per minute, and from
/// the durations and app-memory files, matched by HashOwner/HashApp/HashFunction, its duration and
/// memory), or a plain timestamp,count CSV, to a traffic profile, a duration and a Lambda memory
/// size. Formats and rules: Design/imports.md#traces-azure-functions-2019-and-timestampcount-csv.

#include <costsim/import_summary.hpp>
#include <costsim/json.hpp>
#include <costsim/traffic.hpp>
#include <costsim/traffic_import.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace costsim {

struct TraceImportLimits {
    /// Largest invocations (or CSV) text: one day's invocations file of the full trace is about
    /// 143 MB (wave2-facts 1.4).
    static constexpr std::size_t max_invocations_bytes = std::size_t{256} * 1024 * 1024;
    /// Largest durations or memory text: the full trace's are about 10 MB and 3 MB a day.
    static constexpr std::size_t max_statistics_bytes = std::size_t{64} * 1024 * 1024;
};

/// One file to read: its text ("" when not given) and the name errors use ("durations.csv").
struct TraceInput {
    std::string_view text;
    std::string name;
};

/// A function's row of the durations file (ms; cold starts excluded, per the dataset).
struct TraceDuration {
    std::size_t line = 0;  ///< 1-based line of the durations file
    double average_ms = 0.0;
    double count = 0.0;  ///< executions the statistics cover (may differ from the invocations' sum)
    double minimum_ms = 0.0;
    double maximum_ms = 0.0;
    /// percentile_Average_<p> columns in file order: (p, ms). Percentiles of 30-second averages.
    std::vector<std::pair<double, double>> percentiles;
};

/// An app's row of the memory file (committed memory, MB; per app, not per function).
struct TraceMemory {
    std::size_t line = 0;
    double sample_count = 0.0;
    double average_allocated_mb = 0.0;
    /// AverageAllocatedMb_pct<p> columns in file order: (p, MB).
    std::vector<std::pair<double, double>> percentiles;
    /// ceil(average_allocated_mb), at least 128 and at most 10,240 (Lambda's 1 MB steps).
    int lambda_memory_mb = 128;
    std::string rule;  ///< how lambda_memory_mb was derived, in words
};

/// What was derived from the trace.
struct TraceImport {
    std::string format;  ///< "azure-functions-2019" | "csv"
    /// The function's day at one minute (Azure), or the CSV's series; absolute. A month is the
    /// profile repeated: requests_per_month() = invocations x 2,628,000 s / the period.
    TrafficProfile profile;
    double invocations = 0.0;        ///< the profile's total (an Azure row: the sum of its 1,440 minutes)
    std::optional<std::size_t> row;  ///< 0-based data row of the invocations file (Azure)
    std::size_t line = 0;            ///< its 1-based line
    std::string hash_owner, hash_app, hash_function, trigger;  ///< "" when the file has no such column
    std::optional<TraceDuration> duration;
    std::optional<TraceMemory> memory;
    ImportSummary invocations_summary{"rows", 0, 0, 0, {}};
    ImportSummary durations_summary{"rows", 0, 0, 0, {}};
    ImportSummary memory_summary{"rows", 0, 0, 0, {}};
    std::vector<std::string> notes;  ///< what a reader must know ("duration 0 ms in the file taken as 1 ms")
};

/// Reads the invocations file (Azure 2019 or timestamp,count CSV, told apart by the header) and,
/// for an Azure row, the durations and memory files when given (text not empty). `row` picks the
/// function as parse_azure_functions_2019 does (a row index or a HashFunction prefix).
/// \throws InvalidInput naming the file and line ("durations.csv line 3: ..."), the row
/// ("row", "function"), or a function missing from a durations or memory file given;
/// LimitExceeded past TraceImportLimits.
TraceImport import_trace(const TraceInput& invocations, const TraceInput& durations, const TraceInput& memory,
                         const AzureRow& row = {});

/// The scenario the trace implies: the profile as the workload's traffic, the duration (given,
/// else the durations file's Average) and one Lambda at `memory_mb` (given, else the derived
/// memory, else the Lambda default). \throws InvalidInput("duration_ms") when there is neither.
Scenario trace_scenario(const TraceImport& trace, std::optional<double> duration_ms, std::optional<int> memory_mb);

/// "azure-functions-2019 row 3 (HashFunction 1779fd33): 1,440 minutes, 6,703 invocations
/// (203,882.3 a month); duration Average 53,004 ms (p50 41,128, p99 341,598); memory 163 MB ..."
std::string summary_line(const TraceImport& trace);

/// The import's findings and its scenario as JSON: {"schema", "generated_by", "trace": {...},
/// "scenario": {...}}, the scenario as scenario_with_series_to_json writes it (Design/imports.md).
std::string to_json(const TraceImport& trace, const Scenario& scenario, int indent = -1);

}  // namespace costsim
