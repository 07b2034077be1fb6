#pragma once
/// The Lambda memory optimiser: a function's duration at every memory size (from measurements or
/// from a CPU-share model), priced through the Lambda cost model on x86_64 and arm64, and the
/// sizes aws-lambda-power-tuning's strategies would pick (cheapest, fastest, balanced), the
/// smallest meeting a latency target, and the break-even against each offering billed per capacity
/// at the chosen size. Formulas, interpolation and grid: Design/pricing-model.md#memory-optimiser.

#include <costsim/compare.hpp>

#include <optional>
#include <string>
#include <vector>

namespace costsim {

/// Bounds of the optimiser's inputs (also enforced on API and CLI input).
struct OptimiserLimits {
    static constexpr int min_memory_mb = 128;  ///< Lambda's memory range, 1 MB steps (wave2-facts 3.1)
    static constexpr int max_memory_mb = 10240;
    static constexpr double mb_per_vcpu = 1769.0;  ///< 1,769 MB = one vCPU of credit (wave2-facts 3.1)
    static constexpr double max_vcpus = 6.0;       ///< visible cores at 10,240 MB (wave2-facts 3.1)
    static constexpr std::size_t min_measurements = 2;
    static constexpr std::size_t max_measurements = 100;
    static constexpr int min_step_mb = 1;  ///< 1 MB is Lambda's own granularity
    static constexpr int max_step_mb = 1024;
    static constexpr int default_step_mb = 64;
    static constexpr double min_arm64_speed = 0.25;            ///< arm64 4 times slower ..
    static constexpr double max_arm64_speed = 4.0;             ///< .. to 4 times faster than x86_64
    static constexpr double max_latency_target_ms = 900000.0;  ///< Lambda's 15-minute limit
};

/// A measured mean duration at one memory size.
struct MeasuredDuration {
    int memory_mb = 0;
    double duration_ms = 0.0;
};

/// Amdahl-style duration (wave2-facts 3.3): duration_ms measured at memory_mb, of which cpu_share
/// is CPU-bound work that speeds up with the CPU share min(M / 1769, max_vcpus); the rest (I/O
/// wait) does not change with memory.
struct DurationModel {
    int memory_mb = 1769;
    double duration_ms = 100.0;
    double cpu_share = 1.0;  ///< [0, 1]
    double max_vcpus = 6.0;  ///< usable threads, [1, 6]: 1 = single-threaded code
};

/// What the optimiser recommends as "the chosen size" (the break-even is found there).
enum class OptimiseStrategy {
    cost,      ///< the cheapest (ties: the faster), power-tuning's default
    speed,     ///< the fastest (ties: the cheaper)
    balanced,  ///< min of w cost / max cost + (1 - w) duration / max duration
    latency,   ///< the smallest size meeting latency_target_ms
};

const char* to_string(OptimiseStrategy s) noexcept;  ///< "cost" | "speed" | "balanced" | "latency"

struct OptimiserInput {
    /// Either at least two measurements (sorted on use; sizes distinct), or a model.
    std::vector<MeasuredDuration> measurements;
    std::optional<DurationModel> model;
    /// The architecture the measurements (or the model's duration) were taken on.
    Architecture measured_architecture = Architecture::x86_64;
    /// How many times faster arm64 runs than x86_64: an arm64 duration is the x86_64 duration /
    /// arm64_speed (1 = the same; not measured, so the default assumes no difference).
    double arm64_speed = 1.0;
    std::vector<Architecture> architectures = {Architecture::x86_64, Architecture::arm64};
    int step_mb = OptimiserLimits::default_step_mb;  ///< grid spacing from 128 MB
    std::optional<double> latency_target_ms;
    double balanced_weight = 0.5;  ///< power-tuning's default (wave2-facts 3.2)
    OptimiseStrategy strategy = OptimiseStrategy::cost;

    /// \throws InvalidInput naming `<prefix><field>` ("optimise.measurements[2].memory_mb").
    void validate(const std::string& prefix = "optimise.") const;
};

/// One size on one architecture.
struct MemoryRow {
    Architecture architecture = Architecture::x86_64;
    int memory_mb = 0;
    double duration_ms = 0.0;       ///< mean, unrounded (the bill rounds up to 1 ms)
    double monthly_cost = 0.0;      ///< the Lambda bill's total at the workload's traffic
    double concurrency = 0.0;       ///< mean: requests/s x duration (Little's law)
    double peak_concurrency = 0.0;  ///< concurrency x workload peak_to_mean
    bool measured = false;          ///< a measured size (measurements only)
};

/// The picks among a set of rows; empty when the set is (or, for the latency pick, when no size
/// meets the target).
struct MemoryPicks {
    std::optional<MemoryRow> cheapest;
    std::optional<MemoryRow> fastest;
    std::optional<MemoryRow> balanced;
    /// The smallest size (searched in 1 MB steps, not only on the grid) whose duration is at most
    /// the latency target.
    std::optional<MemoryRow> meets_latency;
};

struct ArchitecturePicks {
    Architecture architecture = Architecture::x86_64;
    MemoryPicks picks;
};

/// The break-even points of the chosen size against one offering billed per capacity.
struct OptimiserBreakEven {
    std::string offering_id;
    std::vector<BreakEven> points;
};

struct OptimiserResult {
    std::string currency;
    std::string method;  ///< "measurements" | "model"
    /// Evaluated sizes: with measurements, only the measured span (never extrapolated).
    int from_mb = OptimiserLimits::min_memory_mb;
    int to_mb = OptimiserLimits::max_memory_mb;
    int step_mb = OptimiserLimits::default_step_mb;
    double requests_per_month = 0.0;
    std::vector<MemoryRow> rows;  ///< per architecture (in the order asked), memory ascending
    std::vector<ArchitecturePicks> per_architecture;
    MemoryPicks overall;  ///< across every architecture
    OptimiseStrategy strategy = OptimiseStrategy::cost;
    MemoryRow chosen;
    std::string lambda_id;  ///< the chosen Lambda's effective id (break-even points name it)
    TrafficRange range;
    std::vector<OptimiserBreakEven> break_even;
    /// Sizes left out and why: "not_extrapolated" (outside the measured span), "over_timeout"
    /// (duration above 900,000 ms). Owns its text.
    std::vector<ComparisonFlag> flags;
};

/// The duration (ms) at `memory_mb` on `arch`: the model, or the measurements interpolated
/// T(M) = a + b / M through the two neighbouring points (exact for the model below its cap).
/// \throws InvalidInput when memory_mb is outside the measured span (never extrapolated).
double optimiser_duration_ms(const OptimiserInput& input, Architecture arch, int memory_mb);

/// Prices `workload` (its duration replaced at each size) on `lambda` (its memory and
/// architecture replaced) at every grid size, picks, and finds the break-even of the chosen size
/// against each offering of `others` billed per capacity (usage-priced ones are ignored).
/// \throws InvalidInput, PriceNotFound, LimitExceeded
OptimiserResult optimise_memory(const Workload& workload, const LambdaConfig& lambda, const OptimiserInput& input,
                                const std::vector<Offering>& others, const Catalog& catalog,
                                const CurrencyOptions& currency = {}, const TrafficRange& range = {});

}  // namespace costsim
