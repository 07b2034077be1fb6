#pragma once
/// CloudWatch metrics in: the JSON that `aws cloudwatch get-metric-statistics` and
/// `get-metric-data` print, for Lambda Invocations, Duration, ConcurrentExecutions, Throttles and
/// ALB RequestCount, to a traffic profile at the metric's period and a mean duration.
/// Formats and rules: Design/imports.md#cloudwatch-metrics.

#include <costsim/import_summary.hpp>
#include <costsim/json.hpp>
#include <costsim/traffic.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace costsim {

struct CloudWatchLimits {
    /// Largest text read (one CLI output or a JSON array of them). get-metric-data returns at
    /// most 100,800 datapoints a call (wave2-facts 5.2): about 5 MB of JSON.
    static constexpr std::size_t max_text_bytes = std::size_t{16} * 1024 * 1024;
    /// Series (metrics) in one import: GetMetricData takes at most 500 queries a call.
    static constexpr std::size_t max_series = 500;
    /// Datapoints in all series together.
    static constexpr std::size_t max_datapoints = 1000000;
};

/// One CLI output to read: its text and the name errors use ("metrics.json", "body").
struct CloudWatchInput {
    std::string_view text;
    std::string name;
};

/// What was derived from the metrics.
struct CloudWatchImport {
    /// Requests per period from Invocations (Sum), else ALB RequestCount (Sum); absolute, from the
    /// first datapoint's time to the last's plus one period, missing periods as 0.
    TrafficProfile profile;
    std::string traffic_metric;  ///< "Invocations" | "RequestCount"
    double period_s = 0.0;
    std::string start;  ///< first period's start, ISO 8601 UTC
    std::string end;    ///< last period's end
    std::size_t traffic_datapoints = 0;
    std::size_t filled_with_zero = 0;  ///< periods without a datapoint (Lambda publishes only non-zero ones)
    double invocations = 0.0;          ///< the traffic metric's total over the covered time
    std::optional<double> mean_duration_ms;
    std::string duration_basis;  ///< "Duration Average weighted by Invocations" | "Duration Sum / Invocations" | ...
    std::optional<double> max_concurrent_executions;  ///< ConcurrentExecutions Maximum's largest
    /// Little's law at the busiest period: its requests/s x mean duration, to set beside the max.
    std::optional<double> peak_mean_concurrency;
    std::optional<double> throttles;      ///< Throttles Sum over the covered time
    std::optional<double> request_count;  ///< RequestCount Sum, when given beside Invocations
    std::vector<std::string> notes;       ///< what a reader must know ("RequestCount not used for the profile")
    ImportSummary summary{"datapoints", 0, 0, 0, {}};  ///< datapoints read, used, skipped (unknown metrics, ...)
};

/// Reads one or more CLI outputs. Each text is one output object or a JSON array of them. The
/// period is `period_s` when given (1..3,600 s), else the greatest common divisor of the gaps
/// between the traffic metric's timestamps.
/// \throws ParseError naming the input (truncated JSON), InvalidInput naming the JSON path
/// ("metrics.json: MetricDataResults[1].Values[3]"), LimitExceeded past CloudWatchLimits.
CloudWatchImport import_cloudwatch(const std::vector<CloudWatchInput>& inputs,
                                   std::optional<double> period_s = std::nullopt);

/// The workload the metrics imply: `base` (request size, ...) with the profile as its traffic and,
/// when derived, the mean duration. \throws InvalidInput when there is no duration and `base`
/// has none set explicitly (`duration_given` false).
Workload imported_workload(const CloudWatchImport& import, Workload base, bool duration_given);

/// A scenario document the `--scenario` reader takes: to_json(Scenario) with the workload's
/// traffic written as its series ({"interval_s", "requests", "start_hour_of_week"}) and no
/// requests_per_month. Coarsened (consecutive periods summed) until the text fits kMaxJsonBytes;
/// `coarsened_to_s` says the interval written.
std::string scenario_with_series_to_json(const Scenario& scenario, int indent = 2, double* coarsened_to_s = nullptr);

/// The import's findings as JSON (schema "cost-sim-report/1", Design/imports.md).
std::string to_json(const CloudWatchImport& import, int indent = -1);

}  // namespace costsim
