#pragma once
/// Comparisons that decide: one workload on several offerings, the cheapest, and every traffic
/// level where the cheaper side changes (exact, on the piecewise-linear cost functions).
/// Design/pricing-model.md#break-even.

#include <costsim/bill.hpp>
#include <costsim/catalog.hpp>
#include <costsim/cost_model.hpp>
#include <costsim/offering.hpp>
#include <costsim/workload.hpp>

#include <optional>
#include <string>
#include <vector>

namespace costsim {

/// Bounds of comparisons (also enforced on API and CLI input).
struct CompareLimits {
    static constexpr std::size_t max_offerings = 20;
    static constexpr std::size_t max_breakpoints = 1000000;      ///< kinks + fleet steps per pair
    static constexpr std::size_t max_break_even_points = 10000;  ///< reported per pair
    static constexpr double min_rps = 0.0;
    static constexpr double max_rps = 3.8e6;  ///< ~1e13 requests per month
};

/// The currency all figures of a report are shown in, and the rate used to get there.
struct CurrencyOptions {
    std::string currency = "USD";  ///< USD | JPY
    double jpy_per_usd = kDefaultJpyPerUsd;
    void validate(const std::string& prefix = "") const;
};

/// A traffic range in requests per second: [from_rps, to_rps].
struct TrafficRange {
    double from_rps = 0.0;
    double to_rps = 1000.0;
    void validate(const std::string& prefix = "") const;
};

/// One traffic level where the cheaper of two offerings changes.
struct BreakEven {
    enum class Kind {
        crossing,  ///< the costs cross at this traffic
        step,      ///< the cheaper side changes at a jump (a fleet grows by one instance)
        tie,       ///< the costs are equal from this traffic up to `until_requests_per_month`
    };
    std::string serverless_id;  ///< the usage-priced offering of the pair
    std::string other_id;
    Kind kind = Kind::crossing;
    double requests_per_month = 0.0;
    double requests_per_second = 0.0;
    double until_requests_per_month = 0.0;  ///< kind == tie only
    std::string cheaper_below;              ///< offering id cheaper just below (empty: equal)
    std::string cheaper_above;              ///< offering id cheaper just above (empty: equal)
    double cost = 0.0;                      ///< both sides' monthly cost there, in the report currency
    /// The traffic is above where a fixed fleet of the pair runs out (FleetSize): that fleet could
    /// not carry the peak there, so the point is a price comparison only.
    bool beyond_capacity = false;
    /// "exact" (between the kinks of piecewise-linear costs) or "bisection" (a side has a
    /// simulated component: autoscaling with delays, cold starts, throttling).
    std::string method = "exact";
    /// The point is within this relative distance of the true level (0 when exact to 1e-9).
    double tolerance = 0.0;
};

const char* to_string(BreakEven::Kind k) noexcept;  ///< "crossing" | "step" | "tie"

/// Every break-even point of two models in `range`, ascending. `factor_a`/`factor_b` convert
/// each model's currency into the report currency. Relative error below 1e-9 (method "exact");
/// where a side has a simulated component, found by bisection within 1e-4 (method "bisection").
/// \throws LimitExceeded if the range holds more than CompareLimits::max_breakpoints kinks or
/// more than CompareLimits::max_break_even_points points, or a bisection search would simulate
/// more profile intervals than the engines' work bound.
std::vector<BreakEven> find_break_even(const CostModel& a, double factor_a, const CostModel& b, double factor_b,
                                       const TrafficRange& range);

/// One offering's result in a comparison.
struct ComparedOffering {
    Bill bill;                          ///< in the report currency (converted explicitly if needed)
    double relative_to_cheapest = 1.0;  ///< total / cheapest total (1 for the cheapest)
    std::optional<FleetSize> fleet;     ///< VM fleets: size at the workload's traffic, where it runs out
    bool usage_priced = false;          ///< billed per use (CostModel::usage_priced), else per capacity
};

/// Something a user must know about a comparison as a whole. Owns its text (a Comparison is a
/// value that is copied and moved freely).
struct ComparisonFlag {
    std::string code;  ///< stable: "mixed_geographies"
    std::string message;
};

/// Where the cheaper of the verdict's two offerings changes in the range searched, told the way a
/// sentence tells it. `from_*` and `to_*` are the traffic the story names.
struct VerdictBreakEven {
    enum class Story {
        none,             ///< no change: the order stays the same over the range searched (from, to)
        one_change,       ///< one crossing or step (from = to): `cheaper_below` wins below it
        several_changes,  ///< `changes` crossings and steps: the first (from) and the last (to)
        tie,              ///< no single change, but equal cost from `from` to `to` (the last such stretch)
    };
    Story story = Story::none;
    std::size_t changes = 0;  ///< crossings and steps of the pair (stretches of equal cost not counted)
    double from_requests_per_month = 0.0;
    double from_requests_per_second = 0.0;
    double to_requests_per_month = 0.0;
    double to_requests_per_second = 0.0;
    std::string cheaper_below;  ///< one_change: the offering cheaper below the change
    /// one_change: the offering cheaper above the change; tie: cheaper above the stretch (empty:
    /// equal up to the end of the range).
    std::string cheaper_above;
    /// one_change: the change, several_changes: the last change, is above where a fixed fleet of
    /// the pair runs out (the point compares prices only).
    bool beyond_capacity = false;
};

const char* to_string(VerdictBreakEven::Story s) noexcept;  ///< "none" | "one_change" | ...

/// What a comparison concludes, in the parts a one-line verdict needs: the CLI's table and the
/// page only render it. The cheapest is measured against a rival: an offering billed per
/// capacity against the cheapest billed per use, one billed per use against the cheapest billed
/// per capacity; with none of the other billing, the runner-up. Among equals the first given wins.
struct Verdict {
    enum class Standing {
        single,         ///< one offering: no rival
        cheaper,        ///< the rival costs `rival_relative_to_cheapest` times the cheapest
        tie,            ///< both cost the same at the workload's traffic
        cheapest_free,  ///< the cheapest costs nothing and the rival does not
    };
    std::string cheapest_id;
    std::string rival_id;  ///< empty when single
    Standing standing = Standing::single;
    double rival_relative_to_cheapest = 1.0;     ///< kUnbounded when cheapest_free
    std::optional<VerdictBreakEven> break_even;  ///< of (cheapest, rival); empty when single
    /// Every fleet of a fixed count, in the order given: where it runs out (FleetSize::runs_out()
    /// false: capacity unknown).
    std::vector<FleetSize> fixed_fleets;
};

const char* to_string(Verdict::Standing s) noexcept;  ///< "single" | "cheaper" | "tie" | "cheapest_free"

/// A workload priced on several offerings.
struct Comparison {
    CurrencyOptions currency;
    TrafficRange range;                     ///< where break-even points were searched
    std::vector<ComparedOffering> results;  ///< in the order given
    std::string cheapest_id;
    std::vector<BreakEven> break_even;  ///< for each (usage-priced, other) pair, ascending traffic
    /// Pairs (ids) whose break-even search would simulate more than a request may (a long traffic
    /// profile on simulated costs): priced, not searched; flag "break_even_not_searched" says why.
    std::vector<std::pair<std::string, std::string>> not_searched;
    /// "mixed_geographies" when the offerings are priced in different geographies (regions.hpp);
    /// "break_even_not_searched" (not_searched).
    std::vector<ComparisonFlag> flags;
    Verdict verdict;  ///< verdict_of(*this)
};

/// The verdict of a comparison from its results, cheapest_id, range and break_even (no break-even
/// story when its pair is in not_searched).
Verdict verdict_of(const Comparison& comparison);

/// The "mixed_geographies" flag when `offerings` sit in more than one geography (a region
/// region_place does not know counts as a geography of its own), else nullopt. Its message lists
/// each geography with its offerings' ids, regions and locations.
std::optional<ComparisonFlag> geography_flag(const std::vector<Offering>& offerings);

/// Prices `workload` on every offering, converts to `currency`, finds the cheapest and all
/// break-even points in `range`. Offering ids must be unique (effective ids).
/// \throws InvalidInput, PriceNotFound, LimitExceeded
Comparison compare(const Workload& workload, const std::vector<Offering>& offerings, const Catalog& catalog,
                   const CurrencyOptions& currency = {}, const TrafficRange& range = {});

/// The factor that turns amounts in `from` currency into `options.currency`.
double conversion_factor(std::string_view from, const CurrencyOptions& options);

}  // namespace costsim
