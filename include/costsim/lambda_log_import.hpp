#pragma once
/// Usage from Lambda logs: REPORT lines (text or JSON log format), as plain lines, as a
/// CloudWatch Logs export or as `aws logs filter-log-events` output, to a scenario (workload,
/// the Lambda as observed, a traffic profile) and the observed bill next to the modelled one.
/// Formats and what is derived: Design/imports.md#lambda-report-logs.

#include <costsim/bill.hpp>
#include <costsim/catalog.hpp>
#include <costsim/json.hpp>
#include <costsim/offering_options.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace costsim {

struct LambdaLogLimits {
    /// Largest log text read (about 300,000 REPORT lines of 200 bytes).
    static constexpr std::size_t max_text_bytes = std::size_t{64} * 1024 * 1024;
    /// Largest `aws logs filter-log-events` document: it is read whole (a tree of about 10 x its size).
    static constexpr std::size_t max_json_document_bytes = std::size_t{16} * 1024 * 1024;
    /// Longest line (a JSON log record or a REPORT line with its prefix).
    static constexpr std::size_t max_line_bytes = std::size_t{64} * 1024;
    /// Most REPORT records used.
    static constexpr std::size_t max_records = 1000000;
    /// Most intervals of the derived traffic profile: 92 days hourly, so that the scenario stays
    /// under the 64 KB a --scenario file may hold.
    static constexpr std::size_t max_profile_intervals = 2208;
};

/// How the log was written.
enum class LambdaLogFormat {
    report_lines,       ///< plain text, one `REPORT RequestId: ...` line each
    cloudwatch_export,  ///< text lines with a leading ISO 8601 timestamp (CloudWatch Logs export, aws logs tail)
    json_lines,         ///< the JSON log format: one {"time", "type": "platform.report", "record"} per line
    filter_log_events,  ///< `aws logs filter-log-events` / `get-log-events` JSON: events[].message, timestamp
};
/// "report-lines", "cloudwatch-export", "json-lines", "filter-log-events".
const char* to_string(LambdaLogFormat format) noexcept;

/// What the log cannot say: where the function runs and how it is billed.
struct LambdaLogOptions {
    std::string region = "us-east-1";
    Architecture arch = Architecture::x86_64;
    bool free_tier = true;
    /// Keep only the records of this memory size (a log with several sizes is refused without it).
    std::optional<int> memory_mb;
    /// The time the log covers, seconds, when its records carry no timestamps (plain lines);
    /// without it such a log is taken as one month's invocations.
    std::optional<double> period_s;
};

/// Mean and nearest-rank percentiles (p-th = the ceil(p/100 x n)-th smallest), ms.
struct DurationStats {
    std::size_t count = 0;
    double mean = 0.0;
    double min = 0.0;
    double p50 = 0.0;
    double p95 = 0.0;
    double p99 = 0.0;
    double max = 0.0;
};

/// Lines left out, and why.
struct SkippedLines {
    std::string reason;  ///< "not a REPORT line", "memory size 256 MB (not the selected 512 MB)", ...
    std::size_t count = 0;
    std::size_t first_line = 0;  ///< 1-based line (or 0-based event for filter-log-events)
};

/// How the records' Billed Duration follows from Duration and Init Duration.
enum class InitBilling {
    none_observed,  ///< no cold start with an Init Duration in the log
    billed,         ///< Billed = ceil(Duration + Init): on-demand since 2025-08-01 (wave2-facts 2.4)
    not_billed,     ///< Billed = ceil(Duration): INIT free, as for ZIP managed runtimes before 2025-08-01
    mixed,          ///< both appear
};
/// "none_observed", "billed", "not_billed", "mixed".
const char* to_string(InitBilling b) noexcept;

/// Everything derived from one log.
struct LambdaLogImport {
    LambdaLogFormat format = LambdaLogFormat::report_lines;
    std::size_t lines_read = 0;  ///< lines (events for filter-log-events) looked at
    std::size_t records_used = 0;
    std::vector<SkippedLines> skipped;
    [[nodiscard]] std::size_t lines_skipped() const noexcept;

    bool timestamps = false;    ///< every used record has a time: the profile and the rate come from it
    double first_time_s = 0.0;  ///< Unix seconds of the first and last record (when timestamps)
    double last_time_s = 0.0;
    double covered_s = 0.0;  ///< the profile's period, or LambdaLogOptions::period_s; 0: taken as a month
    double requests_per_month = 0.0;

    int memory_mb = 0;
    int max_memory_used_mb = 0;
    DurationStats duration_ms;         ///< Duration (handler time)
    DurationStats billed_duration_ms;  ///< Billed Duration
    std::size_t cold_starts = 0;       ///< records with an Init Duration
    DurationStats init_duration_ms;    ///< of the cold starts
    std::size_t restores = 0;          ///< SnapStart restores (Restore Duration)
    DurationStats billed_restore_ms;
    InitBilling init_billing = InitBilling::none_observed;
    std::size_t init_billed = 0;          ///< cold starts whose Billed = ceil(Duration + Init)
    std::size_t init_not_billed = 0;      ///< cold starts whose Billed = ceil(Duration)
    std::size_t rounding_100ms = 0;       ///< records billed in 100-ms steps (before December 2020)
    std::size_t billing_unexplained = 0;  ///< records whose Billed Duration matches no rule above

    double billed_ms_total = 0.0;    ///< sum of Billed Duration
    double billed_gb_seconds = 0.0;  ///< billed_ms_total / 1,000 x memory_mb / 1,024

    /// The workload, the Lambda as observed (one offering) and, with timestamps, the traffic.
    Scenario scenario;
    std::vector<std::string> notes;  ///< what the reader should know (assumptions, regime)
};

/// Reads a Lambda log in any of the formats (detected), checks it and derives the usage.
/// \throws InvalidInput naming `field` and the line ("log line 7: ..."), ParseError for
/// malformed JSON, LimitExceeded past LambdaLogLimits.
LambdaLogImport import_lambda_logs(std::string_view text, const LambdaLogOptions& options = {},
                                   const std::string& field = "log");

/// The observed period's bill (its requests and the sum of Billed Duration as GB-s, priced with
/// the catalog's tiers and the free tier when options.free_tier) and cost-sim's bill of the
/// derived scenario at the same number of requests, to check against an invoice.
struct LambdaLogBills {
    Bill observed;
    Bill modelled;
};
LambdaLogBills lambda_log_bills(const LambdaLogImport& import, const Catalog& catalog);

/// The scenario as a --scenario file holds it (parse_scenario reads it back): the workload
/// (with the traffic series when there are timestamps) and the observed Lambda.
std::string scenario_to_json(const LambdaLogImport& import, int indent = 2);

/// {"scenario", "summary", "observed_bill", "modelled_bill"}: the API's answer, the CLI's --summary.
std::string to_json(const LambdaLogImport& import, const LambdaLogBills& bills, int indent = -1);

/// One line for the CLI's stderr: lines read, used, skipped and why, the period and the regime.
std::string summary_line(const LambdaLogImport& import);

/// The API's body: {"log": "<the log's text>", "region", "arch", "memory_mb", "free_tier",
/// "period_s"}, or `filter-log-events` output itself ({"events": [...]}).
/// \throws InvalidInput naming the field ("log", "memory_mb"), ParseError.
LambdaLogImport import_lambda_logs_request(std::string_view json_body);

}  // namespace costsim
