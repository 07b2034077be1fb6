#pragma once
/// "What would flip it": for each input, the value at which the cheapest offering changes with
/// every other input held, and a tornado of each input from a low to a high value.
/// Design/pricing-model.md#what-would-flip-it.

#include <costsim/catalog.hpp>
#include <costsim/compare.hpp>
#include <costsim/offering.hpp>
#include <costsim/workload.hpp>

#include <string>
#include <vector>

namespace costsim {

struct FlipLimits {
    static constexpr double min_factor = 1e-3;  ///< tornado low factor, (0, 1)
    static constexpr double max_factor = 1e3;   ///< tornado high factor, (1, 1000]
};

struct FlipOptions {
    /// The tornado's low and high value of each input: its value x low_factor and x high_factor,
    /// within the input's range (internet and cold-start shares: capped at 100 %).
    double low_factor = 0.5;
    double high_factor = 2.0;
};

/// Where the cheapest changes as one input moves away from its value in one direction.
struct FlipPoint {
    enum class Method {
        exact,      ///< solved on the line between evaluations and verified on both sides (1e-12 relative)
        bisection,  ///< bisected to `tolerance` (relative) on a scan of the range
    };
    bool found = false;
    double value = 0.0;         ///< the input's value where the cheapest changes (found only)
    std::string cheapest_past;  ///< the cheapest just past `value`
    Method method = Method::exact;
    double tolerance = 0.0;    ///< relative
    double searched_to = 0.0;  ///< the end of the range searched in this direction
};

const char* to_string(FlipPoint::Method m) noexcept;  ///< "exact" | "bisection"

/// One input's flips: up (the value rising) and down.
struct InputFlip {
    std::string input;        ///< "requests_per_month", "duration_ms", "offerings[1].memory_mb", ...
    std::string unit;         ///< "requests/month", "ms", "KiB", "%", "MB", "requests/s", "", "JPY per USD"
    std::string offering_id;  ///< offering inputs: the offering it belongs to; empty for workload inputs
    double value = 0.0;       ///< now
    FlipPoint up;
    FlipPoint down;
};

/// One input of the tornado: the cheapest's cost and the rival's saving over it, at the low and
/// the high value. The swing is |saving at high - saving at low|.
struct TornadoBar {
    std::string input;
    std::string unit;
    std::string offering_id;
    double low_value = 0.0;
    double high_value = 0.0;
    double cheapest_cost_low = 0.0;  ///< the base case's cheapest offering, at the low value
    double cheapest_cost_high = 0.0;
    /// rival's cost - cheapest's cost (the base case's verdict pair), at the low and high value.
    double difference_low = 0.0;
    double difference_high = 0.0;
    std::string cheapest_at_low;  ///< the cheapest of all offerings at the low value
    std::string cheapest_at_high;
    double swing = 0.0;
};

/// A flip told the way a sentence tells it, for the front ends to put in words: "<stays> stays
/// cheaper unless <input> passes <value> <unit>" (rising) or "... falls below ..." (falling).
struct FlipStatement {
    std::string stays_cheapest;  ///< the cheapest now
    std::string input;
    std::string unit;
    std::string offering_id;  ///< offering inputs: whose field it is
    bool rising = true;       ///< the flip is above the current value
    double current = 0.0;
    double value = 0.0;
    /// value / current - 1 (kUnbounded when current is 0): statements come smallest change first.
    double relative_change = 0.0;
    std::string then_cheapest;  ///< the cheapest past the flip
};

/// An input not analysed, and why ("exchange rate: every offering is priced in USD").
struct SkippedInput {
    std::string input;
    std::string reason;
};

struct FlipAnalysis {
    CurrencyOptions currency;
    TrafficRange range;
    std::string cheapest_id;
    std::string rival_id;  ///< the verdict's rival (empty with one offering)
    double cheapest_cost = 0.0;
    double rival_cost = 0.0;
    std::vector<InputFlip> flips;           ///< in the order of Design/pricing-model.md#what-would-flip-it
    std::vector<TornadoBar> tornado;        ///< widest swing first
    std::vector<FlipStatement> statements;  ///< every flip found, smallest relative change first
    std::vector<SkippedInput> skipped;
    FlipOptions options;
    /// Inputs not searched because the call's work bound ran out (a long traffic profile on
    /// simulated costs); each is also in `skipped` with the bound in its reason, and keeps its bar.
    std::vector<std::string> not_searched;
    /// Cost evaluations made (each rebuilds the models its input changes): the work reported.
    std::size_t evaluations = 0;
};

/// The flips and the tornado of a comparison. Traffic flips are searched in `range` (exact,
/// from the break-even points); other inputs over their whole range.
/// \throws InvalidInput, PriceNotFound, LimitExceeded
FlipAnalysis flip_analysis(const Workload& workload, const std::vector<Offering>& offerings, const Catalog& catalog,
                           const CurrencyOptions& currency = {}, const TrafficRange& range = {},
                           const FlipOptions& options = {});

}  // namespace costsim
