#pragma once
/// The memory optimiser's inputs and reports: aws-lambda-power-tuning's output (its stats JSON and
/// its visualisation URL), the API's request document, and the report as JSON and CSV.
/// Schema: Design/report-schema.md#memory-optimiser; import: Design/pricing-model.md#memory-optimiser.

#include <costsim/json.hpp>
#include <costsim/memory_optimiser.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace costsim {

/// Measurements from aws-lambda-power-tuning's output (wave2-facts 3.2): its state machine's
/// output `{"results": {"stats": [...]}}`, `{"stats": [...]}` or the stats array itself, each
/// stat's `value` (MB, a number or a numeric string) and `averageDuration` (ms). `averagePrice`
/// is ignored (it embeds the tool's rounded base cost and no request fee): cost-sim re-prices.
/// Without stats, `results.stateMachine.visualization` is decoded (parse_power_tuning_url).
/// \throws ParseError (malformed JSON), InvalidInput naming `<field>.stats[2].value`.
std::vector<MeasuredDuration> parse_power_tuning_output(std::string_view json_text,
                                                        const std::string& field = "power_tuning");

/// Measurements from power-tuning's visualisation URL (`https://lambda-power-tuning.show/#<hash>`)
/// or its hash alone: `base64(Int16 sizes);base64(Float32 durations ms);base64(Float32 costs)`,
/// little-endian. Costs are ignored. \throws InvalidInput naming `field`.
std::vector<MeasuredDuration> parse_power_tuning_url(std::string_view url,
                                                     const std::string& field = "power_tuning_url");

/// POST /api/v1/optimise's body: a scenario (`workload`, optional `offerings` to break even
/// against, of which the first Lambda, if any, gives the function's region and options, and
/// `currency`, `jpy_per_usd`, `range`) plus an `optimise` object.
struct OptimiseRequest {
    Scenario scenario;
    LambdaConfig lambda;           ///< its memory and architecture are the optimiser's to choose
    std::vector<Offering> others;  ///< every offering, in order (optimise_memory skips usage-priced ones)
    OptimiserInput input;
};

/// \throws ParseError, LimitExceeded (over kMaxJsonBytes), InvalidInput naming the field.
OptimiseRequest parse_optimise_request(std::string_view json_text);

/// The `optimise` object of a request on its own (CLI files use the same spelling).
OptimiserInput parse_optimiser_input(std::string_view json_text, const std::string& field = "optimise");

/// The report, schema "cost-sim-report/1", unrounded numbers.
std::string to_json(const OptimiserResult& result, int indent = -1);
/// One row per size: architecture, memory_mb, duration_ms, monthly_cost, currency, concurrency,
/// peak_concurrency, measured.
std::string to_csv(const OptimiserResult& result);

}  // namespace costsim
