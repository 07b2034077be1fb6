// The memory optimiser: durations by memory size, priced through the Lambda cost model, and the
// power-tuning picks. Formulas: Design/pricing-model.md#memory-optimiser.
#include <costsim/memory_optimiser.hpp>

#include "core/validation.hpp"

#include <algorithm>
#include <cmath>

namespace costsim {

const char* to_string(OptimiseStrategy s) noexcept {
    switch (s) {
        case OptimiseStrategy::cost: return "cost";
        case OptimiseStrategy::speed: return "speed";
        case OptimiseStrategy::balanced: return "balanced";
        case OptimiseStrategy::latency: return "latency";
    }
    return "cost";
}

namespace {

using L = OptimiserLimits;

std::vector<MeasuredDuration> sorted(std::vector<MeasuredDuration> points) {
    std::sort(points.begin(), points.end(), [](const auto& a, const auto& b) { return a.memory_mb < b.memory_mb; });
    return points;
}

/// The CPU share of the model at `memory_mb`: min(M / 1769, k) vCPU (wave2-facts 3.3).
double vcpus(const DurationModel& m, double memory_mb) { return std::min(memory_mb / L::mb_per_vcpu, m.max_vcpus); }

/// Duration on the measured architecture.
double measured_arch_duration(const OptimiserInput& in, const std::vector<MeasuredDuration>& points, int memory_mb) {
    if (in.model) {
        const DurationModel& m = *in.model;
        const double io_ms = (1.0 - m.cpu_share) * m.duration_ms;
        const double cpu_ms_one_vcpu = m.cpu_share * m.duration_ms * vcpus(m, m.memory_mb);
        return io_ms + cpu_ms_one_vcpu / vcpus(m, memory_mb);
    }
    if (memory_mb < points.front().memory_mb || memory_mb > points.back().memory_mb)
        throw InvalidInput("memory_mb",
                           "within the measured sizes [" + std::to_string(points.front().memory_mb) + ", " +
                               std::to_string(points.back().memory_mb) + "] (never extrapolated)",
                           std::to_string(memory_mb));
    auto hi = std::lower_bound(points.begin(), points.end(), memory_mb,
                               [](const MeasuredDuration& p, int mb) { return p.memory_mb < mb; });
    if (hi->memory_mb == memory_mb) return hi->duration_ms;
    auto lo = hi - 1;
    // T = a + b / M through both points: T1 - T2 = b (1/M1 - 1/M2).
    const double m1 = lo->memory_mb, m2 = hi->memory_mb;
    const double b = (lo->duration_ms - hi->duration_ms) / (1.0 / m1 - 1.0 / m2);
    const double a = lo->duration_ms - b / m1;
    return a + b / memory_mb;
}

double arch_factor(const OptimiserInput& in, Architecture arch) {
    if (arch == in.measured_architecture) return 1.0;
    return arch == Architecture::arm64 ? 1.0 / in.arm64_speed : in.arm64_speed;
}

/// Relative tolerance for ties: two costs or durations this close are equal.
bool same(double a, double b) { return std::abs(a - b) <= 1e-12 * std::max(std::abs(a), std::abs(b)); }

MemoryPicks picks_of(const std::vector<const MemoryRow*>& rows, double weight) {
    MemoryPicks p;
    if (rows.empty()) return p;
    const MemoryRow *cheapest = rows.front(), *fastest = rows.front();
    double max_cost = 0.0, max_duration = 0.0;
    for (const MemoryRow* r : rows) {
        if (r->monthly_cost < cheapest->monthly_cost && !same(r->monthly_cost, cheapest->monthly_cost))
            cheapest = r;
        else if (same(r->monthly_cost, cheapest->monthly_cost) && r->duration_ms < cheapest->duration_ms)
            cheapest = r;
        if (r->duration_ms < fastest->duration_ms && !same(r->duration_ms, fastest->duration_ms))
            fastest = r;
        else if (same(r->duration_ms, fastest->duration_ms) && r->monthly_cost < fastest->monthly_cost)
            fastest = r;
        max_cost = std::max(max_cost, r->monthly_cost);
        max_duration = std::max(max_duration, r->duration_ms);
    }
    p.cheapest = *cheapest;
    p.fastest = *fastest;
    // power-tuning's balanced: w cost / max cost + (1 - w) duration / max duration (first minimum).
    const MemoryRow* balanced = nullptr;
    double best = 0.0;
    for (const MemoryRow* r : rows) {
        const double score =
            (max_cost > 0 ? weight * r->monthly_cost / max_cost : 0.0) + (1.0 - weight) * r->duration_ms / max_duration;
        if (!balanced || score < best) {
            balanced = r;
            best = score;
        }
    }
    p.balanced = *balanced;
    return p;
}

}  // namespace

void OptimiserInput::validate(const std::string& prefix) const {
    using detail::require_range;
    if (model && !measurements.empty())
        throw InvalidInput(prefix + "model", "give measurements or a model, not both", 0);
    if (model) {
        const std::string f = prefix + "model.";
        if (model->memory_mb < L::min_memory_mb || model->memory_mb > L::max_memory_mb)
            throw InvalidInput(f + "memory_mb", "an integer in [128, 10240]", std::to_string(model->memory_mb));
        detail::require_range_open_low(model->duration_ms, 0.0, WorkloadLimits::max_duration_ms, f + "duration_ms");
        require_range(model->cpu_share, 0.0, 1.0, f + "cpu_share");
        require_range(model->max_vcpus, 1.0, L::max_vcpus, f + "max_vcpus");
    } else {
        const std::string f = prefix + "measurements";
        if (measurements.size() < L::min_measurements || measurements.size() > L::max_measurements)
            throw InvalidInput(f, "a list of 2 to 100 measured sizes (or give a model)",
                               std::to_string(measurements.size()) + " measurements");
        for (std::size_t i = 0; i < measurements.size(); ++i) {
            const std::string e = f + "[" + std::to_string(i) + "].";
            const MeasuredDuration& m = measurements[i];
            if (m.memory_mb < L::min_memory_mb || m.memory_mb > L::max_memory_mb)
                throw InvalidInput(e + "memory_mb", "an integer in [128, 10240]", std::to_string(m.memory_mb));
            detail::require_range_open_low(m.duration_ms, 0.0, WorkloadLimits::max_duration_ms, e + "duration_ms");
            for (std::size_t j = 0; j < i; ++j)
                if (measurements[j].memory_mb == m.memory_mb)
                    throw InvalidInput(e + "memory_mb",
                                       e + "memory_mb must be distinct: " + std::to_string(m.memory_mb) +
                                           " MB is measured twice (" + f + "[" + std::to_string(j) + "])",
                                       0);
        }
    }
    require_range(arm64_speed, L::min_arm64_speed, L::max_arm64_speed, prefix + "arm64_speed");
    if (architectures.empty() || architectures.size() > 2 ||
        (architectures.size() == 2 && architectures[0] == architectures[1]))
        throw InvalidInput(prefix + "architectures", "x86_64, arm64 or both, each once", 0);
    if (step_mb < L::min_step_mb || step_mb > L::max_step_mb)
        throw InvalidInput(prefix + "step_mb", "an integer in [1, 1024]", std::to_string(step_mb));
    if (latency_target_ms)
        detail::require_range_open_low(*latency_target_ms, 0.0, L::max_latency_target_ms, prefix + "latency_target_ms");
    require_range(balanced_weight, 0.0, 1.0, prefix + "balanced_weight");
    if (strategy == OptimiseStrategy::latency && !latency_target_ms)
        throw InvalidInput(prefix + "latency_target_ms", prefix + "latency_target_ms is required by strategy latency",
                           0);
}

double optimiser_duration_ms(const OptimiserInput& input, Architecture arch, int memory_mb) {
    const auto points = input.model ? std::vector<MeasuredDuration>{} : sorted(input.measurements);
    return measured_arch_duration(input, points, memory_mb) * arch_factor(input, arch);
}

OptimiserResult optimise_memory(const Workload& workload, const LambdaConfig& lambda, const OptimiserInput& input,
                                const std::vector<Offering>& others, const Catalog& catalog,
                                const CurrencyOptions& currency, const TrafficRange& range) {
    input.validate("optimise.");
    currency.validate();
    range.validate("range.");
    workload.validate("workload.");
    const auto points = input.model ? std::vector<MeasuredDuration>{} : sorted(input.measurements);

    OptimiserResult result;
    result.currency = currency.currency;
    result.method = input.model ? "model" : "measurements";
    result.step_mb = input.step_mb;
    result.strategy = input.strategy;
    result.range = range;
    result.requests_per_month = workload.requests_per_month;
    result.from_mb = input.model ? L::min_memory_mb : points.front().memory_mb;
    result.to_mb = input.model ? L::max_memory_mb : points.back().memory_mb;
    if (!input.model && (result.from_mb > L::min_memory_mb || result.to_mb < L::max_memory_mb))
        result.flags.push_back({"not_extrapolated", "sizes outside the measured span " +
                                                        std::to_string(result.from_mb) + "-" +
                                                        std::to_string(result.to_mb) +
                                                        " MB are not evaluated (measure them to include them)"});

    // The grid: 128 + i x step, 10,240, every measured size, and the model's kink (1769 k MB,
    // where the duration stops falling), within the evaluated span.
    std::vector<int> sizes;
    for (int m = L::min_memory_mb; m <= L::max_memory_mb; m += input.step_mb) sizes.push_back(m);
    sizes.push_back(L::max_memory_mb);
    for (const MeasuredDuration& p : points) sizes.push_back(p.memory_mb);
    if (input.model) {
        const double kink = std::ceil(L::mb_per_vcpu * input.model->max_vcpus);
        if (kink <= L::max_memory_mb) sizes.push_back(static_cast<int>(kink));
    }
    std::erase_if(sizes, [&](int m) { return m < result.from_mb || m > result.to_mb; });
    std::sort(sizes.begin(), sizes.end());
    sizes.erase(std::unique(sizes.begin(), sizes.end()), sizes.end());

    const auto row_at = [&](Architecture arch, int memory_mb) -> std::optional<MemoryRow> {
        const double duration = measured_arch_duration(input, points, memory_mb) * arch_factor(input, arch);
        if (duration > WorkloadLimits::max_duration_ms) return std::nullopt;
        Workload w = workload;
        w.duration_ms = duration;
        LambdaConfig config = lambda;
        config.arch = arch;
        config.memory_mb = memory_mb;
        const CostModel model = CostModel::build(w, Offering{"", config}, catalog, "lambda.");
        MemoryRow row;
        row.architecture = arch;
        row.memory_mb = memory_mb;
        row.duration_ms = duration;
        row.monthly_cost = model.total(workload.requests_per_month) * conversion_factor(model.currency(), currency);
        row.concurrency = workload.requests_per_second() * duration / 1000.0;
        row.peak_concurrency = row.concurrency * workload.peak_to_mean;
        row.measured = std::any_of(points.begin(), points.end(),
                                   [&](const MeasuredDuration& p) { return p.memory_mb == memory_mb; });
        return row;
    };

    std::size_t over_timeout = 0;
    for (Architecture arch : input.architectures)
        for (int m : sizes) {
            if (auto row = row_at(arch, m))
                result.rows.push_back(*row);
            else
                ++over_timeout;
        }
    if (over_timeout > 0)
        result.flags.push_back({"over_timeout", std::to_string(over_timeout) +
                                                    " sizes left out: their duration is above Lambda's 900,000 ms "
                                                    "(15-minute) limit"});
    if (result.rows.empty())
        throw InvalidInput("optimise", "a duration within Lambda's 900,000 ms limit at some size", "none");

    // The smallest size meeting the target, in 1 MB steps: the duration is monotone between two
    // measured sizes (a + b / M) and non-increasing in the model, so each piece is bisected.
    const auto meets_latency = [&](Architecture arch) -> std::optional<MemoryRow> {
        if (!input.latency_target_ms) return std::nullopt;
        const double target = *input.latency_target_ms;
        const auto duration = [&](int m) {
            return measured_arch_duration(input, points, m) * arch_factor(input, arch);
        };
        std::vector<int> knots = {result.from_mb};
        for (const MeasuredDuration& p : points) knots.push_back(p.memory_mb);
        knots.push_back(result.to_mb);
        knots.erase(std::unique(knots.begin(), knots.end()), knots.end());
        if (duration(knots.front()) <= target) return row_at(arch, knots.front());
        for (std::size_t i = 0; i + 1 < knots.size(); ++i) {
            int lo = knots[i], hi = knots[i + 1];  // duration(lo) > target
            if (duration(hi) > target) continue;
            while (hi - lo > 1) {
                const int mid = lo + (hi - lo) / 2;
                (duration(mid) <= target ? hi : lo) = mid;
            }
            return row_at(arch, hi);
        }
        return std::nullopt;
    };

    std::vector<const MemoryRow*> all;
    for (const MemoryRow& r : result.rows) all.push_back(&r);
    std::optional<MemoryRow> overall_latency;
    for (Architecture arch : input.architectures) {
        std::vector<const MemoryRow*> mine;
        for (const MemoryRow* r : all)
            if (r->architecture == arch) mine.push_back(r);
        ArchitecturePicks ap{arch, picks_of(mine, input.balanced_weight)};
        ap.picks.meets_latency = meets_latency(arch);
        // Across architectures the latency pick is the cheaper of the two smallest sizes.
        if (ap.picks.meets_latency &&
            (!overall_latency || ap.picks.meets_latency->monthly_cost < overall_latency->monthly_cost))
            overall_latency = ap.picks.meets_latency;
        result.per_architecture.push_back(ap);
    }
    result.overall = picks_of(all, input.balanced_weight);
    result.overall.meets_latency = overall_latency;

    switch (input.strategy) {
        case OptimiseStrategy::cost: result.chosen = *result.overall.cheapest; break;
        case OptimiseStrategy::speed: result.chosen = *result.overall.fastest; break;
        case OptimiseStrategy::balanced: result.chosen = *result.overall.balanced; break;
        case OptimiseStrategy::latency:
            if (!result.overall.meets_latency)
                throw InvalidInput("optimise.latency_target_ms",
                                   "met by some evaluated size (strategy latency); the fastest is " +
                                       detail::format_number(result.overall.fastest->duration_ms) + " ms",
                                   detail::format_number(*input.latency_target_ms));
            result.chosen = *result.overall.meets_latency;
            break;
    }

    // Break-even of the chosen size against each offering billed per capacity.
    Workload w = workload;
    w.duration_ms = result.chosen.duration_ms;
    LambdaConfig config = lambda;
    config.arch = result.chosen.architecture;
    config.memory_mb = result.chosen.memory_mb;
    const Offering chosen{"", config};
    result.lambda_id = chosen.effective_id();
    const CostModel chosen_model = CostModel::build(w, chosen, catalog, "lambda.");
    const double chosen_factor = conversion_factor(chosen_model.currency(), currency);
    for (std::size_t i = 0; i < others.size(); ++i) {
        if (others[i].usage_priced()) continue;
        const CostModel other = CostModel::build(workload, others[i], catalog, "offerings[" + std::to_string(i) + "].");
        result.break_even.push_back(
            {other.id(), find_break_even(chosen_model, chosen_factor, other,
                                         conversion_factor(other.currency(), currency), range)});
    }
    return result;
}

}  // namespace costsim
