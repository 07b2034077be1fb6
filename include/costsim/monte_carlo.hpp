#pragma once
/// Monte Carlo cost ranges: workload inputs given as distributions, sampled with a seeded,
/// counter-based generator (SplitMix64; the same seed gives the same answer on every machine and
/// whatever the thread count), each sample priced on every offering through its CostModel.
/// Design/pricing-model.md#monte-carlo-ranges.

#include <costsim/catalog.hpp>
#include <costsim/compare.hpp>
#include <costsim/offering.hpp>
#include <costsim/workload.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace costsim {

/// Bounds of a Monte Carlo request (also enforced on API and CLI input).
struct MonteCarloLimits {
    static constexpr std::size_t max_samples = 1000000;
    /// samples x offerings kept for the percentiles: 8 bytes each, 40 MB at most.
    static constexpr std::size_t max_sample_costs = 5000000;
    /// samples x offerings whose cost model is rebuilt (duration, response size or cold-start share
    /// uncertain): a build takes microseconds, this bounds a request to seconds.
    static constexpr std::size_t max_model_builds = 2000000;
    static constexpr std::size_t max_empirical_values = 10000;
    static constexpr int max_horizon_months = 120;
    static constexpr double min_growth_percent = -50.0;  ///< per month
    static constexpr double max_growth_percent = 100.0;
    /// Samples whose break-even traffic is searched for the band (the first ones, by index).
    static constexpr std::size_t break_even_samples = 2000;
    static constexpr std::size_t histogram_bins = 20;
};

/// A value given as a distribution. Sampled by its inverse CDF from one uniform u in (0, 1).
struct Distribution {
    enum class Kind {
        fixed,       ///< `value`
        uniform,     ///< [min, max]
        triangular,  ///< min, mode, max
        normal,      ///< mean, sd, truncated to [min, max]
        lognormal,   ///< by its median p50 and its 95th percentile p95 (p95 >= p50 > 0)
        empirical,   ///< one of `values`, each equally likely (a measured log)
    };
    Kind kind = Kind::fixed;
    double value = 0.0;
    double min = 0.0;
    double max = 0.0;
    double mode = 0.0;
    double mean = 0.0;
    double sd = 0.0;
    double p50 = 0.0;
    double p95 = 0.0;
    std::vector<double> values{};

    static Distribution fixed_at(double v) { return {.kind = Kind::fixed, .value = v}; }
    /// The distribution of k X for k > 0 (every parameter scaled; a normal's sd too): traffic
    /// given per second is held per month with k = kSecondsPerMonth.
    [[nodiscard]] Distribution scaled(double k) const;
    /// Checks the parameters against the input's range [lo, hi] (a normal's truncation and a
    /// uniform's ends must lie in it; a lognormal's p50 and p95 too).
    /// \throws InvalidInput naming `<field>.<parameter>` and the rule.
    void validate(const std::string& field, double lo, double hi) const;
    /// The value at cumulative probability u in (0, 1); lognormal samples above the input's range
    /// are clamped by the caller (MonteCarloInput::clamped counts them).
    [[nodiscard]] double quantile(double u) const noexcept;
};

const char* to_string(Distribution::Kind k) noexcept;  ///< "fixed" | "uniform" | ...

/// The workload inputs that may be uncertain. An input left empty keeps the workload's value.
struct UncertainInputs {
    std::optional<Distribution> requests_per_month{};  ///< the traffic level
    std::optional<Distribution> duration_ms{};
    std::optional<Distribution> response_kb{};
    std::optional<Distribution> cold_start_percent{};
    /// Monthly traffic growth, percent, over `horizon_months`: month m (0-based) has
    /// R x (1 + g/100)^m; a sample's cost is the mean monthly cost over the horizon.
    std::optional<Distribution> growth_percent_per_month{};
    int horizon_months = 1;  ///< 1..120; 12 is the readers' default when growth is given
};

struct MonteCarloOptions {
    std::size_t samples = 10000;  ///< 1..max_samples
    std::uint64_t seed = 1;
    /// The offering the savings are measured against (its effective id); empty: the first given.
    std::string current_id{};
    /// Worker threads; 0: std::thread::hardware_concurrency(). The result does not depend on it.
    unsigned threads = 0;
    UncertainInputs inputs{};
};

/// Mean and percentiles of a sampled quantity (percentiles interpolate between order statistics:
/// p = sorted[(n - 1) q], linearly).
struct SampleSummary {
    double mean = 0.0;
    double p5 = 0.0;
    double p50 = 0.0;
    double p95 = 0.0;
    double min = 0.0;
    double max = 0.0;
};

/// Equal-width bins from `from` to `to` (the samples' min and max); counts sum to the samples.
struct Histogram {
    double from = 0.0;
    double to = 0.0;
    std::vector<std::size_t> counts{};
};

/// One offering's cost range, in the report currency.
struct OfferingRange {
    std::string id;
    bool usage_priced = false;
    double plain_cost = 0.0;  ///< the bill's total at the workload's own inputs (no sampling)
    SampleSummary cost;       ///< mean monthly cost over the horizon, per sample
    double p_cheapest = 0.0;  ///< share of samples where it is the cheapest (ties: the first given)
    /// current's cost - this one's, per sample (positive: this one saves money); zero for current.
    SampleSummary saving;
    double p_saving = 0.0;  ///< share of samples where the saving is > 0
    Histogram saving_histogram;
};

/// p5-p95 of the break-even traffic of (current, other): per sample, the break-even point nearest
/// the sample's traffic (in ratio) in the range searched, over the first break_even_samples samples.
struct BreakEvenBand {
    std::string current_id;
    std::string other_id;
    std::size_t samples_searched = 0;
    std::size_t samples_with_point = 0;  ///< the others had no break-even in the range
    SampleSummary requests_per_month;    ///< of the samples with a point (zeros when none)
    SampleSummary requests_per_second;
};

/// What was drawn for one uncertain input.
struct SampledInput {
    std::string name;  ///< "requests_per_month", "duration_ms", ...
    Distribution::Kind distribution = Distribution::Kind::fixed;
    SampleSummary values;
    std::size_t clamped = 0;  ///< samples clamped into the input's range
};

struct MonteCarloResult {
    std::size_t samples = 0;
    std::uint64_t seed = 0;
    int horizon_months = 1;
    std::string current_id;
    CurrencyOptions currency;
    TrafficRange range;
    std::vector<SampledInput> inputs;      ///< the uncertain ones, in the order of UncertainInputs
    std::vector<OfferingRange> offerings;  ///< in the order given
    std::vector<BreakEvenBand> break_even;
};

/// Samples `options.inputs`, prices every sample on every offering and summarises. With every
/// input fixed (or none given), each offering's cost is exactly its plain bill.
/// \throws InvalidInput (fields named "uncertainty.*", "offerings[i].*", "workload.*"),
/// PriceNotFound, LimitExceeded (samples x offerings beyond MonteCarloLimits).
MonteCarloResult monte_carlo(const Workload& workload, const std::vector<Offering>& offerings, const Catalog& catalog,
                             const MonteCarloOptions& options, const CurrencyOptions& currency = {},
                             const TrafficRange& range = {});

/// The range [lo, hi] an uncertain input's values must lie in ("requests_per_month",
/// "duration_ms", "response_kb", "cold_start_percent", "growth_percent_per_month"); nullopt for
/// another name. Readers use it to default a normal's truncation to the whole range.
std::optional<std::pair<double, double>> uncertain_input_range(std::string_view name) noexcept;

/// The generator: SplitMix64's output number `counter` + 1 for `seed` (state seed + (counter + 1)
/// x 0x9E3779B97F4A7C15, then its finaliser), so any draw is computed directly from its counter.
[[nodiscard]] std::uint64_t splitmix64_at(std::uint64_t seed, std::uint64_t counter) noexcept;
/// A draw as a double in (0, 1): ((bits >> 12) + 0.5) x 2^-52 (53 bits would round the top to 1).
[[nodiscard]] double unit_interval(std::uint64_t bits) noexcept;
/// The uniform draw of sample `sample`, input slot `slot` (0..7): splitmix64_at(seed, sample x 8 + slot).
[[nodiscard]] double draw(std::uint64_t seed, std::uint64_t sample, unsigned slot) noexcept;

/// Portable transcendental functions (IEEE-754 +, -, x, / and sqrt only), so samples do not depend
/// on the platform's libm. Relative error below 1e-15 (exp, log) and 1.2e-9 (normal_quantile).
namespace portable {
[[nodiscard]] double exp(double x) noexcept;
[[nodiscard]] double log(double x) noexcept;
/// The standard normal's inverse CDF (Acklam's rational approximation).
[[nodiscard]] double normal_quantile(double p) noexcept;
/// The standard normal's CDF (erfc by its continued fraction / series), absolute error below 1e-14.
[[nodiscard]] double normal_cdf(double x) noexcept;
}  // namespace portable

}  // namespace costsim
