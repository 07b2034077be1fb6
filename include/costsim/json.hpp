#pragma once
/// The JSON scenario and report schema shared by the CLI and the HTTP API: one parser, one
/// serialiser. std-only interface; nlohmann stays inside lib/, and Eigen with the curves
/// (costsim/curves_io.hpp). Schema: Design/report-schema.md.

#include <costsim/bill.hpp>
#include <costsim/catalog.hpp>
#include <costsim/compare.hpp>
#include <costsim/flip_analysis.hpp>
#include <costsim/grids.hpp>
#include <costsim/monte_carlo.hpp>
#include <costsim/offering.hpp>
#include <costsim/workload.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace costsim {

/// Largest JSON document the parsers accept (bytes); the server rejects larger bodies with 413.
inline constexpr std::size_t kMaxJsonBytes = std::size_t{64} * 1024;
/// Largest scenario the HTTP API's scenario routes take: a workload.traffic series of
/// TrafficLimits::max_intervals (1,000,000) counts of up to 7 characters and a comma, and the
/// rest of the scenario (Design/http-api.md#body-limits).
inline constexpr std::size_t kMaxScenarioBytes = std::size_t{8} << 20;

/// Everything a request can carry. Which parts are required depends on the call.
struct Scenario {
    Workload workload;
    std::vector<Offering> offerings;  ///< "offerings" (or "offering" for one bill)
    bool single_offering = false;     ///< the offering came from "offering": its fields are "offering.*"
    CurrencyOptions currency;         ///< "currency", "jpy_per_usd"
    TrafficRange range;               ///< "range": break-even search range
    bool has_range = false;
    CurveGrid grid;  ///< "grid": curve grid
    bool has_grid = false;
    SweepGrid sweep;  ///< "sweep": parameter sweep
    bool has_sweep = false;
    /// "include_series": reports carry each bill's per-interval series (Bill::series, under a
    /// traffic profile); off by default, front ends drop them (keep_series).
    bool include_series = false;
    /// "uncertainty": Monte Carlo samples, seed, current choice and input distributions.
    MonteCarloOptions uncertainty{};
    bool has_uncertainty = false;
    /// "flip": the tornado's low and high factors.
    FlipOptions flip{};
    bool has_flip = false;
};

/// Drops a bill's series unless `include` (the scenario's include_series, the CLI's --series).
inline void keep_series(Bill& bill, bool include) {
    if (!include) bill.series.clear();
}

/// What a parse requires of the document.
enum class ScenarioShape {
    one_offering,    ///< {"workload", "offering"}: a single bill
    many_offerings,  ///< {"workload", "offerings": [...]}: compare, break-even, curves, sweep
    any,             ///< either; used for CLI scenario files that flags complete
    workload_only,   ///< {"workload"}: a traffic profile's summary
};

/// Parses and validates a scenario. Unknown fields, wrong types, missing required fields and
/// out-of-range numbers throw InvalidInput naming the field ("offerings[1].memory_mb");
/// malformed JSON throws ParseError with the byte position. A text over `max_bytes` throws
/// LimitExceeded; past kMaxJsonBytes, a workload.traffic series is read straight into its vector.
Scenario parse_scenario(std::string_view json_text, ScenarioShape shape, std::size_t max_bytes = kMaxJsonBytes);

/// A workload.traffic object on its own (a --profile JSON file): any of its forms, checked, errors
/// naming `<field>.requests[3]`. Shapes come back relative (absolute false): scale them to a level.
/// The text may be up to TrafficImportLimits::max_text_bytes (a scenario: kMaxJsonBytes).
TrafficProfile parse_traffic(std::string_view json_text, const std::string& field = "traffic");

/// A traffic profile's summary at its workload's level, and optionally its compact series (the
/// profile endpoint); schema "cost-sim-report/1", Design/report-schema.md#traffic-profile.
std::string to_json(const TrafficSummary& summary, const TrafficSeries* series = nullptr, int indent = -1);

/// Serialisers: unrounded numbers, schema "cost-sim-report/1".
std::string to_json(const Bill& bill, int indent = -1);
std::string to_json(const Comparison& comparison, int indent = -1);
std::string to_json(const std::vector<BreakEven>& points, const CurrencyOptions& currency, const TrafficRange& range,
                    int indent = -1);
/// The break-even report of a comparison: as the points' report, plus the comparison's flags.
std::string break_even_to_json(const Comparison& comparison, int indent = -1);
std::string to_json(const Scenario& scenario, int indent = -1);
/// Curves and sweeps: costsim/curves_io.hpp.
/// Monte Carlo ranges and "what would flip it" (Design/report-schema.md#ranges, #flip).
std::string to_json(const MonteCarloResult& result, int indent = -1);
std::string to_json(const FlipAnalysis& analysis, int indent = -1);

/// The catalog's entries (optionally only a provider / region) with provenance.
std::string catalog_to_json(const Catalog& catalog, std::string_view provider = {}, std::string_view region = {},
                            int indent = -1);
/// One entry with provenance.
std::string entry_to_json(const PriceEntry& entry, int indent = -1);

/// {"error": {"code": ..., "message": ..., "field": ...}}
std::string error_to_json(const Error& error);
std::string error_to_json(std::string_view code, std::string_view message, std::string_view field = {});

}  // namespace costsim
