// monte_carlo(): sampled workload inputs priced on every offering, summarised per offering.
// Sample i draws input slot j from SplitMix64's counter i x 8 + j, so a sample does not depend on
// which thread prices it; summaries are computed after, in sample order.
// Design/pricing-model.md#monte-carlo-ranges.
#include <costsim/cost_bands.hpp>
#include <costsim/curves.hpp>
#include <costsim/monte_carlo.hpp>

#include "core/validation.hpp"
#include "engines/piecewise_cost.hpp"
#include "engines/sampler.hpp"
#include "offerings/model_building.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <exception>
#include <span>
#include <thread>

namespace costsim {

namespace {

/// Input slots of the generator; fixed, so adding an uncertain input leaves the others' draws.
enum Slot : unsigned { traffic = 0, duration = 1, response = 2, cold_start = 3, growth = 4 };

struct InputSpec {
    const char* name;
    Slot slot;
    double lo, hi;
    const std::optional<Distribution> UncertainInputs::*member;
};

constexpr double kMinDurationMs = 0.001;

const std::array<InputSpec, 5>& input_specs() {
    static const std::array<InputSpec, 5> specs{{
        {"requests_per_month", traffic, 0.0, WorkloadLimits::max_requests_per_month,
         &UncertainInputs::requests_per_month},
        {"duration_ms", duration, kMinDurationMs, WorkloadLimits::max_duration_ms, &UncertainInputs::duration_ms},
        {"response_kb", response, 0.0, WorkloadLimits::max_kb, &UncertainInputs::response_kb},
        {"cold_start_percent", cold_start, 0.0, 100.0, &UncertainInputs::cold_start_percent},
        {"growth_percent_per_month", growth, MonteCarloLimits::min_growth_percent, MonteCarloLimits::max_growth_percent,
         &UncertainInputs::growth_percent_per_month},
    }};
    return specs;
}

bool uncertain(const std::optional<Distribution>& d) { return d && d->kind != Distribution::Kind::fixed; }

/// The order statistics sorted[ks[i]] of `v` (each k < v.size()), exactly, without sorting: the values
/// are counted into 4,096 equal-width bins over [min, max] (the bin index is monotone in the value,
/// rounding being monotone), so each order statistic lies in a known bin at a known rank; one more
/// pass gathers the few bins wanted and a selection within each finds it. Two linear passes
/// instead of nth_element's several over the whole vector.
std::vector<double> order_statistics(std::span<const double> v, double min, double max,
                                     const std::vector<std::size_t>& ks) {
    std::vector<double> out(ks.size(), min);
    if (!(max > min)) return out;  // all equal
    constexpr std::size_t kBins = 4096;
    double scale = double(kBins) / (max - min);
    if (!std::isfinite(scale)) scale = 0.0;  // a range too narrow to bin: one bin, still exact
    const auto bin_of = [&](double x) { return std::min(static_cast<std::size_t>((x - min) * scale), kBins - 1); };
    std::vector<std::size_t> below(kBins + 1, 0);  // below[b]: values in the bins before b
    for (const double x : v) ++below[bin_of(x) + 1];
    for (std::size_t b = 1; b <= kBins; ++b) below[b] += below[b - 1];
    // the bin of each k (the last bin starting at or below k) and its rank there
    std::vector<int> slot(kBins, -1);
    std::vector<std::size_t> bin(ks.size()), rank(ks.size());
    std::vector<std::vector<double>> gathered;
    for (std::size_t i = 0; i < ks.size(); ++i) {
        const auto b =
            static_cast<std::size_t>(std::upper_bound(below.begin(), below.end(), ks[i]) - below.begin()) - 1;
        bin[i] = b;
        rank[i] = ks[i] - below[b];
        if (slot[b] < 0) {
            slot[b] = static_cast<int>(gathered.size());
            gathered.emplace_back();
            gathered.back().reserve(below[b + 1] - below[b]);
        }
    }
    for (const double x : v)
        if (const int s = slot[bin_of(x)]; s >= 0) gathered[std::size_t(s)].push_back(x);
    for (std::size_t i = 0; i < ks.size(); ++i) {
        std::vector<double>& g = gathered[std::size_t(slot[bin[i]])];
        std::nth_element(g.begin(), g.begin() + std::ptrdiff_t(rank[i]), g.end());
        out[i] = g[rank[i]];
    }
    return out;
}

/// Mean and interpolated percentiles, exact (the order statistics of the samples).
SampleSummary summarise(std::span<const double> v) {
    SampleSummary s;
    if (v.empty()) return s;
    double sum = 0.0;
    double lo = v[0], hi = v[0];
    for (const double x : v) {  // in sample order: the same whatever the thread count
        sum += x;
        lo = std::min(lo, x);
        hi = std::max(hi, x);
    }
    s.min = lo;
    s.max = hi;
    // n equal samples sum with rounding: their mean is their value (fixed inputs give the bill)
    s.mean = s.min == s.max ? s.min : std::clamp(sum / double(v.size()), s.min, s.max);
    // p = sorted[k] + frac (sorted[k + 1] - sorted[k]), k = floor((n - 1) q)
    const std::size_t n = v.size();
    std::vector<std::size_t> ks;
    for (const double q : {0.05, 0.5, 0.95}) {
        const auto k = static_cast<std::size_t>(q * double(n - 1));
        ks.push_back(k);
        ks.push_back(std::min(k + 1, n - 1));
    }
    const std::vector<double> at = order_statistics(v, s.min, s.max, ks);
    const auto interpolate = [&](double q, std::size_t i) {
        const double pos = q * double(n - 1);
        const double frac = pos - double(ks[i]);
        return frac == 0.0 ? at[i] : at[i] + frac * (at[i + 1] - at[i]);
    };
    s.p5 = interpolate(0.05, 0);
    s.p50 = interpolate(0.5, 2);
    s.p95 = interpolate(0.95, 4);
    return s;
}

/// Equal-width bins from the samples' min to max.
Histogram histogram(std::span<const double> values, double min, double max) {
    Histogram h;
    h.counts.assign(MonteCarloLimits::histogram_bins, 0);
    if (values.empty()) return h;
    h.from = min;
    h.to = max;
    const double width = (h.to - h.from) / double(MonteCarloLimits::histogram_bins);
    for (const double x : values) {
        std::size_t bin = width > 0.0 ? static_cast<std::size_t>((x - h.from) / width) : 0;
        ++h.counts[std::min(bin, MonteCarloLimits::histogram_bins - 1)];
    }
    return h;
}

/// The point of `points` nearest `r` in ratio (the first of equals); nullopt when empty.
std::optional<double> nearest(const std::vector<BreakEven>& points, double r) {
    std::optional<double> best;
    double best_ratio = 0.0;
    for (const BreakEven& p : points) {
        const double x = p.requests_per_month;
        const double ratio = (x <= 0.0 || r <= 0.0) ? (x == r ? 1.0 : kUnbounded) : std::max(x / r, r / x);
        if (!best || ratio < best_ratio) {
            best = x;
            best_ratio = ratio;
        }
    }
    return best;
}

struct Pair {
    std::size_t current, other;
    bool searchable = true;           // false once a search exceeded a limit
    std::vector<BreakEven> points{};  // of the workload's own models (when no model input varies)
};

/// What monte_carlo() and monte_carlo_cost_bands() start from: the options checked, the workload
/// with the fixed inputs in place and each offering's model built on it.
struct Setup {
    Workload base;
    std::vector<CostModel> models;
    std::vector<double> factors;      // to the report currency
    std::vector<std::string> fields;  // "offerings[i]."
    std::size_t current = 0;
    bool rebuild = false;              // a model input is uncertain: every sample rebuilds the models
    double simulated_intervals = 0.0;  // profile intervals one sample walks on every model
    std::vector<std::optional<detail::Sampler>> samplers;  // by slot; empty where certain
    std::vector<detail::FlatModel> base_flat;
    double base_growth = 0.0;
};

Setup prepare(const Workload& workload, const std::vector<Offering>& offerings, const Catalog& catalog,
              const MonteCarloOptions& options, const CurrencyOptions& currency) {
    Setup setup;
    currency.validate();
    if (offerings.empty() || offerings.size() > CompareLimits::max_offerings)
        throw InvalidInput("offerings", "1 to " + std::to_string(CompareLimits::max_offerings) + " offerings",
                           std::to_string(offerings.size()));
    if (options.samples < 1 || options.samples > MonteCarloLimits::max_samples)
        throw InvalidInput("uncertainty.samples",
                           "an integer in [1, " + std::to_string(MonteCarloLimits::max_samples) + "]",
                           std::to_string(options.samples));
    const UncertainInputs& in = options.inputs;
    detail::require_int_range(in.horizon_months, 1, MonteCarloLimits::max_horizon_months, "uncertainty.horizon_months");
    for (const InputSpec& spec : input_specs())
        if (const auto& d = in.*spec.member)
            d->validate(std::string("uncertainty.inputs.") + spec.name, spec.lo, spec.hi);

    // The workload with the fixed inputs in place: the models every sample starts from.
    Workload& base = setup.base;
    base = workload;
    if (in.requests_per_month && !uncertain(in.requests_per_month))
        base.requests_per_month = in.requests_per_month->value;
    if (in.duration_ms && !uncertain(in.duration_ms)) base.duration_ms = in.duration_ms->value;
    if (in.response_kb && !uncertain(in.response_kb)) base.response_kb = in.response_kb->value;
    if (in.cold_start_percent && !uncertain(in.cold_start_percent))
        base.cold_start_percent = in.cold_start_percent->value;
    if (base.traffic && base.traffic->absolute && uncertain(in.requests_per_month))
        throw InvalidInput("uncertainty.inputs.requests_per_month",
                           "uncertainty.inputs.requests_per_month is not allowed with an absolute traffic profile (it "
                           "fixes the level); give the profile as a shape",
                           0);
    base.validate();

    const std::size_t k = offerings.size();
    std::vector<CostModel>& models = setup.models;
    std::vector<double>& factors = setup.factors;
    std::vector<std::string>& fields = setup.fields;
    for (std::size_t i = 0; i < k; ++i) {
        fields.push_back("offerings[" + std::to_string(i) + "].");
        offerings[i].validate(fields.back());
        const std::string id = offerings[i].effective_id();
        if (std::any_of(models.begin(), models.end(), [&](const CostModel& m) { return m.id() == id; }))
            throw InvalidInput(fields.back() + "id", "unique: \"" + id + "\" is used twice", 0);
        models.push_back(CostModel::from_data(detail::build_data(base, offerings[i], catalog, fields.back())));
        factors.push_back(conversion_factor(models.back().currency(), currency));
    }
    std::size_t& current = setup.current;
    if (!options.current_id.empty()) {
        auto it = std::find_if(models.begin(), models.end(),
                               [&](const CostModel& m) { return m.id() == options.current_id; });
        if (it == models.end())
            throw InvalidInput("uncertainty.current", "the id of one of the offerings",
                               "\"" + options.current_id + "\"");
        current = static_cast<std::size_t>(it - models.begin());
    }

    setup.rebuild = uncertain(in.duration_ms) || uncertain(in.response_kb) || uncertain(in.cold_start_percent);
    for (const CostModel& m : models) {
        const detail::SimulatedTotal sim(m.components());
        if (sim.simulated()) setup.simulated_intervals += double(sim.intervals());
    }
    for (const InputSpec& spec : input_specs())
        setup.samplers.push_back(uncertain(in.*spec.member) ? std::optional(detail::Sampler(*(in.*spec.member)))
                                                            : std::nullopt);
    for (std::size_t j = 0; j < k; ++j) setup.base_flat.emplace_back(models[j], factors[j]);
    setup.base_growth = in.growth_percent_per_month && !uncertain(in.growth_percent_per_month)
                            ? in.growth_percent_per_month->value
                            : 0.0;
    return setup;
}

/// The value of `slot` for sample i, clamped into the input's range; `raw` gets the value drawn.
double sampled(const Setup& setup, Slot slot, std::uint64_t seed, std::size_t i, double& raw) {
    raw = setup.samplers[slot]->at(draw(seed, i, slot));
    return std::clamp(raw, input_specs()[slot].lo, input_specs()[slot].hi);
}

/// The models of one sample's workload.
void build_sample_models(const Setup& setup, const Workload& w, const std::vector<Offering>& offerings,
                         const Catalog& catalog, std::vector<CostModel>& models, std::vector<detail::FlatModel>& flat) {
    models.clear();
    flat.clear();
    for (std::size_t j = 0; j < offerings.size(); ++j) {
        models.push_back(CostModel::from_data(detail::build_data(w, offerings[j], catalog, setup.fields[j])));
        flat.emplace_back(models.back(), setup.factors[j]);
    }
}

/// A sample's cost: the monthly cost at traffic r, or with a horizon the mean monthly cost of
/// r step^m, m = 0..horizon-1.
double sample_cost(const detail::FlatModel& model, double r, double step, int horizon) {
    if (horizon == 1) return model.total(r);
    double c = 0.0, month_r = r;
    for (int m = 0; m < horizon; ++m) {
        c += model.total(std::min(month_r, WorkloadLimits::max_requests_per_month));
        month_r *= step;
    }
    return c / horizon;
}

/// work(begin, end) over [0, count) in `threads` contiguous blocks, one thread each (the caller's
/// alone when threads <= 1); the first exception is rethrown after all have finished.
template <class Work>
void parallel_blocks(unsigned threads, std::size_t count, Work& work) {
    if (threads <= 1) {
        work(0, count);
        return;
    }
    std::vector<std::thread> pool;
    std::vector<std::exception_ptr> errors(threads);
    for (unsigned t = 0; t < threads; ++t)
        pool.emplace_back([&, t] {
            try {
                work(count * t / threads, count * (t + 1) / threads);
            } catch (...) {
                errors[t] = std::current_exception();
            }
        });
    for (std::thread& th : pool) th.join();
    for (const std::exception_ptr& e : errors)
        if (e) std::rethrow_exception(e);
}

}  // namespace

std::optional<std::pair<double, double>> uncertain_input_range(std::string_view name) noexcept {
    for (const InputSpec& spec : input_specs())
        if (name == spec.name) return std::pair{spec.lo, spec.hi};
    return std::nullopt;
}

MonteCarloResult monte_carlo(const Workload& workload, const std::vector<Offering>& offerings, const Catalog& catalog,
                             const MonteCarloOptions& options, const CurrencyOptions& currency,
                             const TrafficRange& range) {
    currency.validate();  // before the range, as the other engines
    range.validate("range.");
    const Setup setup = prepare(workload, offerings, catalog, options, currency);
    const UncertainInputs& in = options.inputs;
    const Workload& base = setup.base;
    const std::vector<CostModel>& models = setup.models;
    const std::vector<double>& factors = setup.factors;
    const std::size_t n = options.samples, k = offerings.size(), current = setup.current;
    const bool rebuild = setup.rebuild;
    const double simulated_intervals = setup.simulated_intervals;
    if (n * k > MonteCarloLimits::max_sample_costs)
        throw LimitExceeded("uncertainty.samples", "samples x offerings (" + std::to_string(n * k) + ") is above " +
                                                       std::to_string(MonteCarloLimits::max_sample_costs) +
                                                       "; use fewer samples or offerings");
    if (rebuild && n * k > MonteCarloLimits::max_model_builds)
        throw LimitExceeded("uncertainty.samples",
                            "with duration, response size or cold-start share uncertain every sample rebuilds the "
                            "models: samples x offerings (" +
                                std::to_string(n * k) + ") is above " +
                                std::to_string(MonteCarloLimits::max_model_builds));
    if (simulated_intervals * double(n) * in.horizon_months > detail::kMaxSimulatedWork)
        throw LimitExceeded("uncertainty.samples",
                            "simulating the traffic profile for every sample would walk " +
                                detail::format_quantity(simulated_intervals * double(n) * in.horizon_months) +
                                " intervals, above " + detail::format_quantity(detail::kMaxSimulatedWork) +
                                "; use fewer samples");

    // Break-even pairs: the current choice against every other with a usage-priced side.
    std::vector<Pair> pairs;
    for (std::size_t j = 0; j < k; ++j)
        if (j != current && (models[current].usage_priced() || models[j].usage_priced())) pairs.push_back({current, j});
    auto search = [&](Pair& p, const CostModel& a, const CostModel& b, std::vector<BreakEven>& out) {
        // find_break_even takes the usage-priced side first
        const bool swap = !a.usage_priced();
        try {
            out = swap ? find_break_even(b, factors[p.other], a, factors[p.current], range)
                       : find_break_even(a, factors[p.current], b, factors[p.other], range);
        } catch (const LimitExceeded&) {
            out.clear();
            return false;
        }
        return true;
    };
    if (!rebuild)
        for (Pair& p : pairs) p.searchable = search(p, models[p.current], models[p.other], p.points);

    const std::size_t be_samples = std::min(n, MonteCarloLimits::break_even_samples);
    std::vector<double> costs(n * k);
    std::vector<std::vector<double>> drawn(input_specs().size());
    std::vector<std::vector<char>> clamped(input_specs().size());  // per sample: clamped into range
    for (std::size_t s = 0; s < input_specs().size(); ++s)
        if (uncertain(in.*input_specs()[s].member)) {
            drawn[s].resize(n);
            clamped[s].resize(n);
        }
    std::vector<double> be(pairs.size() * be_samples, -1.0);  // -1: no point
    std::vector<char> be_failed(pairs.size() * be_samples, 0);

    const std::vector<detail::FlatModel>& base_flat = setup.base_flat;
    const int horizon = in.horizon_months;
    auto work = [&](std::size_t begin, std::size_t end) {
        std::vector<detail::FlatModel> flat_sample;
        std::vector<CostModel> sample_models;
        std::vector<BreakEven> points;
        for (std::size_t i = begin; i < end; ++i) {
            auto value = [&](Slot slot, double fallback) {
                if (!setup.samplers[slot]) return fallback;
                double raw = 0.0;
                const double v = sampled(setup, slot, options.seed, i, raw);
                drawn[slot][i] = v;
                clamped[slot][i] = v != raw;
                return v;
            };
            const double r = value(traffic, base.requests_per_month);
            const double g = value(growth, setup.base_growth);
            const std::vector<detail::FlatModel>* flat = &base_flat;
            if (rebuild) {
                Workload w = base;
                w.duration_ms = value(duration, base.duration_ms);
                w.response_kb = value(response, base.response_kb);
                w.cold_start_percent = value(cold_start, base.cold_start_percent);
                build_sample_models(setup, w, offerings, catalog, sample_models, flat_sample);
                flat = &flat_sample;
            }
            const double step = 1.0 + g / 100.0;
            for (std::size_t j = 0; j < k; ++j) costs[j * n + i] = sample_cost((*flat)[j], r, step, horizon);
            if (i < be_samples)
                for (std::size_t p = 0; p < pairs.size(); ++p) {
                    const std::vector<BreakEven>* pts = &pairs[p].points;
                    if (rebuild) {
                        if (!search(pairs[p], sample_models[pairs[p].current], sample_models[pairs[p].other], points)) {
                            be_failed[p * be_samples + i] = 1;
                            continue;
                        }
                        pts = &points;
                    }
                    if (const auto x = nearest(*pts, r)) be[p * be_samples + i] = *x;
                }
        }
    };

    unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    threads = static_cast<unsigned>(std::min<std::size_t>(threads, n));
    parallel_blocks(threads, n, work);

    MonteCarloResult result;
    result.samples = n;
    result.seed = options.seed;
    result.horizon_months = horizon;
    result.current_id = models[current].id();
    result.currency = currency;
    result.range = range;
    for (std::size_t s = 0; s < input_specs().size(); ++s) {
        if (drawn[s].empty()) continue;
        const InputSpec& spec = input_specs()[s];
        SampledInput si{spec.name, (in.*spec.member)->kind, {}, 0};
        // a lognormal's tail beyond the input's range was clamped onto its end
        for (const char c : clamped[s]) si.clamped += c != 0;
        si.values = summarise(drawn[s]);
        result.inputs.push_back(std::move(si));
    }
    std::vector<std::size_t> cheapest(k, 0);
    for (std::size_t i = 0; i < n; ++i) {
        std::size_t best = 0;
        for (std::size_t j = 1; j < k; ++j)
            if (costs[j * n + i] < costs[best * n + i]) best = j;
        ++cheapest[best];
    }
    // Each offering's summaries on its own, spread over the threads like the samples.
    result.offerings.resize(k);
    auto summarise_offerings = [&](std::size_t begin, std::size_t end) {
        std::vector<double> saving(n);
        for (std::size_t j = begin; j < end; ++j) {
            OfferingRange& o = result.offerings[j];
            o.id = models[j].id();
            o.usage_priced = models[j].usage_priced();
            o.plain_cost = base_flat[j].total(base.requests_per_month);
            o.p_cheapest = double(cheapest[j]) / double(n);
            std::size_t saves = 0;
            for (std::size_t i = 0; i < n; ++i) {
                saving[i] = costs[current * n + i] - costs[j * n + i];
                saves += saving[i] > 0.0;
            }
            o.p_saving = double(saves) / double(n);
            if (j == current) {
                o.saving_histogram.counts.assign(MonteCarloLimits::histogram_bins, 0);  // every saving is 0
                o.saving_histogram.counts[0] = n;
            } else {
                o.saving = summarise(saving);
                o.saving_histogram = histogram(saving, o.saving.min, o.saving.max);
            }
            o.cost = summarise(std::span<const double>(costs).subspan(j * n, n));
        }
    };
    parallel_blocks(static_cast<unsigned>(std::min<std::size_t>(threads, k)), k, summarise_offerings);
    for (std::size_t p = 0; p < pairs.size(); ++p) {
        BreakEvenBand band;
        band.current_id = models[pairs[p].current].id();
        band.other_id = models[pairs[p].other].id();
        std::vector<double> xs;
        for (std::size_t i = 0; i < be_samples; ++i) {
            if (!pairs[p].searchable || be_failed[p * be_samples + i]) continue;
            ++band.samples_searched;
            if (be[p * be_samples + i] >= 0.0) xs.push_back(be[p * be_samples + i]);
        }
        band.samples_with_point = xs.size();
        band.requests_per_month = summarise(xs);
        const SampleSummary& m = band.requests_per_month;
        band.requests_per_second = {m.mean / kSecondsPerMonth, m.p5 / kSecondsPerMonth,  m.p50 / kSecondsPerMonth,
                                    m.p95 / kSecondsPerMonth,  m.min / kSecondsPerMonth, m.max / kSecondsPerMonth};
        result.break_even.push_back(std::move(band));
    }
    return result;
}

CostBands monte_carlo_cost_bands(const Workload& workload, const std::vector<Offering>& offerings,
                                 const Catalog& catalog, const MonteCarloOptions& options,
                                 const CurrencyOptions& currency, const CurveGrid& grid) {
    grid.validate("grid.");
    if (grid.points > CostBandLimits::max_points)
        throw InvalidInput("grid.points", "at most " + std::to_string(CostBandLimits::max_points),
                           std::to_string(grid.points));
    const Setup setup = prepare(workload, offerings, catalog, options, currency);
    const UncertainInputs& in = options.inputs;
    const bool other_uncertain = setup.rebuild || uncertain(in.growth_percent_per_month);
    const std::size_t n = other_uncertain ? std::min(options.samples, CostBandLimits::max_samples) : 1;
    const std::size_t k = offerings.size();
    const Eigen::ArrayXd levels = requests_per_month(grid);
    const auto g = static_cast<std::size_t>(levels.size());
    const int horizon = in.horizon_months;
    const double work = setup.simulated_intervals * double(n) * double(g) * horizon;
    if (work > detail::kMaxSimulatedWork)
        throw LimitExceeded("uncertainty.samples", "the chart's cost bands would walk " +
                                                       detail::format_quantity(work) + " profile intervals, above " +
                                                       detail::format_quantity(detail::kMaxSimulatedWork));

    std::vector<double> costs(k * g * n);  // [offering][level][sample]
    std::vector<detail::FlatModel> flat_sample;
    std::vector<CostModel> sample_models;
    for (std::size_t i = 0; i < n; ++i) {
        auto value = [&](Slot slot, double fallback) {
            double raw = 0.0;
            return setup.samplers[slot] ? sampled(setup, slot, options.seed, i, raw) : fallback;
        };
        const double step = 1.0 + value(growth, setup.base_growth) / 100.0;
        const std::vector<detail::FlatModel>* flat = &setup.base_flat;
        if (setup.rebuild) {
            Workload w = setup.base;
            w.duration_ms = value(duration, w.duration_ms);
            w.response_kb = value(response, w.response_kb);
            w.cold_start_percent = value(cold_start, w.cold_start_percent);
            build_sample_models(setup, w, offerings, catalog, sample_models, flat_sample);
            flat = &flat_sample;
        }
        for (std::size_t j = 0; j < k; ++j)
            for (std::size_t l = 0; l < g; ++l)
                costs[(j * g + l) * n + i] = sample_cost((*flat)[j], levels[Eigen::Index(l)], step, horizon);
    }

    CostBands bands;
    bands.samples = n;
    for (std::size_t l = 0; l < g; ++l) bands.requests_per_second.push_back(levels[Eigen::Index(l)] / kSecondsPerMonth);
    for (std::size_t j = 0; j < k; ++j) {
        bands.ids.push_back(setup.models[j].id());
        bands.p5.emplace_back();
        bands.p50.emplace_back();
        bands.p95.emplace_back();
        for (std::size_t l = 0; l < g; ++l) {
            const SampleSummary sum = summarise(std::span<const double>(costs).subspan((j * g + l) * n, n));
            bands.p5.back().push_back(sum.p5);
            bands.p50.back().push_back(sum.p50);
            bands.p95.back().push_back(sum.p95);
        }
    }
    return bands;
}

}  // namespace costsim
