#pragma once
/// Traffic from text: a plain CSV of timestamp and count, and rows of the Azure Functions 2019
/// invocations file. One parser for the CLI's --profile files and the API's workload.traffic.
/// Formats and conventions: Design/pricing-model.md#traffic-profiles.

#include <costsim/traffic.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace costsim {

struct TrafficImportLimits {
    /// Largest CSV or Azure text read (a 1,000,000-row CSV of ISO timestamps is about 30 MB).
    static constexpr std::size_t max_text_bytes = std::size_t{64} * 1024 * 1024;
    /// A HashFunction prefix names a row when it is at least this long (and matches one row).
    static constexpr std::size_t min_hash_prefix = 8;
};

/// A CSV with the header `timestamp,count` (also `time`, `requests`): one row per interval, the
/// interval the step between consecutive timestamps (1 s to 1 h, the same on every row).
/// Timestamps are UTC, ISO 8601 (2019-07-15T09:00:00Z, 2019-07-15 09:00) or Unix seconds; the
/// first gives start_hour_of_week. Counts are whole numbers >= 0. An absolute profile.
/// \throws InvalidInput naming `field` and the line ("workload.traffic.csv line 7: ...").
TrafficProfile parse_traffic_csv(std::string_view text, const std::string& field = "csv");

/// Which row of an Azure Functions 2019 invocations file: a 0-based data row (line index + 2),
/// or the start of its HashFunction (at least min_hash_prefix characters, matching one row).
/// Neither given: the file must have exactly one row.
struct AzureRow {
    std::optional<std::size_t> index;
    std::string hash_prefix;
    /// "7" -> index 7 (1 to 7 digits), anything else a hash prefix.
    static AzureRow parse(std::string_view text);
};

/// One function's day from an Azure Functions 2019 invocations file: a header with HashFunction
/// (HashOwner, HashApp, Trigger optional) and then 1,440 minute columns named 1..1440 or
/// minute_1..minute_1440. 1,440 intervals of 60 s, start_hour_of_week 0 (the day's weekday is not
/// in the file). An absolute profile; its source names the row and hash.
/// \throws InvalidInput naming `field` and the line, or `row_field` (default `<field>.row`).
TrafficProfile parse_azure_functions_2019(std::string_view text, const AzureRow& row,
                                          const std::string& field = "azure_functions_2019",
                                          const std::string& row_field = "");

/// One function of an Azure Functions 2019 invocations file, for a row picker.
struct AzureFunctionRow {
    std::size_t row = 0;                        ///< 0-based data row
    std::string hash_function;                  ///< the whole HashFunction
    std::string trigger;                        ///< "" when the file has no Trigger column
    double invocations = 0.0;                   ///< the day's total: the sum of its 1,440 minutes
    std::optional<double> average_duration_ms;  ///< the durations file's Average for its HashFunction
};
/// Every row of an invocations file, with the average duration from a durations file
/// (HashFunction, Average in ms) when given. \throws InvalidInput naming `field` and the line.
std::vector<AzureFunctionRow> list_azure_functions_2019(std::string_view invocations, std::string_view durations = {},
                                                        const std::string& field = "azure_functions_2019");

enum class TrafficFileFormat { json, csv, azure_functions_2019 };
/// "json", "csv", "azure-2019"; nullopt for anything else.
std::optional<TrafficFileFormat> traffic_file_format_named(std::string_view name);
/// A file starting with '{' is JSON, one whose header has HashFunction is Azure 2019, else CSV.
TrafficFileFormat guess_traffic_file_format(std::string_view text);

}  // namespace costsim
