// flip_analysis(): for each input, where the cheapest offering changes with the rest held, and a
// tornado of each input from its low to its high value. Design/pricing-model.md#what-would-flip-it.
#include <costsim/flip_analysis.hpp>
#include <costsim/offering_kinds.hpp>

#include "core/validation.hpp"
#include "engines/piecewise_cost.hpp"
#include "offerings/model_building.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <optional>
#include <set>

namespace costsim {

const char* to_string(FlipPoint::Method m) noexcept { return m == FlipPoint::Method::exact ? "exact" : "bisection"; }

namespace {

constexpr int kScanPoints = 256;           // geometric scan of an input's range, each direction
constexpr int kCoarseScanPoints = 32;      // the same under simulated costs, refined where close
constexpr int kRefine = 8;                 // a close coarse step is sampled this many times finer
constexpr double kCloseShare = 0.02;       // "close": the runner-up within 2 % of the cheapest
constexpr double kExactTolerance = 1e-12;  // relative: linear solves, verified either side
constexpr double kBisectTolerance = 1e-6;  // relative: inputs the cost is no line in
constexpr double kTrafficProbe = 1e-9;     // relative: where the cheapest is read past a break-even
constexpr double kZeroScale = 1e-9;        // a scan from 0 starts at this share of the range's end

/// Everything an evaluation varies: the workload, the offerings and the currency options. The
/// workload holds its profile by shared pointer: a copy does not copy the profile.
struct Case {
    Workload workload;
    std::vector<Offering> offerings;
    CurrencyOptions currency;
};

struct Input {
    enum class Changes { workload, offering, currency };  // which models a new value rebuilds
    std::string name, unit, offering_id;
    double value = 0.0, lo = 0.0, hi = 0.0;
    bool linear = false;   // linear in the input apart from rounding: solved exactly
    bool integer = false;  // whole numbers (memory, MB)
    std::function<void(Case&, double)> set;
    Changes changes = Changes::workload;
    std::size_t offering = 0;  // Changes::offering: the one it rebuilds
};

/// The input's search ran out of the call's work budget: it is reported as not searched.
struct OutOfWork {};

/// A call's work: profile intervals it may still walk (model rebuilds and simulations), and the
/// evaluations made. The bound is break-even's (Design/pricing-model.md#what-would-flip-it).
constexpr double kMaxFlipWork = detail::kMaxSimulatedWork;
struct Budget {
    double work_left = 0.0;
    std::size_t evaluations = 0;
};

/// The base case's models, built once: every evaluation reuses the costs of the offerings its
/// input does not change.
struct BaseModels {
    std::vector<CostModel> models;
    std::vector<double> native;   // each model's total at the workload's traffic, its own currency
    std::vector<double> factors;  // into the report currency
    std::vector<double> work;     // profile intervals a rebuild walks (build + simulation), 0 if exact
    std::vector<bool> simulated;
};

/// Profile intervals one rebuild of `m` costs: its build walks the profile once and its total
/// simulates it (SimulatedTotal::intervals); 0 for a model with no simulated component.
double rebuild_work(const CostModel& m) {
    const detail::SimulatedTotal sim(m.components());
    return sim.simulated() ? 2.0 * double(sim.intervals()) : 0.0;
}

/// Every offering's cost as one input moves: rebuilds only the models the input changes, on one
/// scratch case (the input's setter writes the same field each time), remembers each value's costs,
/// and counts evaluations and work against the call's budget.
class Evaluator {
  public:
    Evaluator(const Case& base, const BaseModels& models, const Catalog& catalog, const Input& in, Budget& budget)
        : scratch_(base), models_(models), catalog_(catalog), in_(in), budget_(budget) {
        for (std::size_t i = 0; i < models.models.size(); ++i)
            if (rebuilds(i)) work_ += models.work[i];
    }

    /// Whether a new value of the input rebuilds offering i's model.
    [[nodiscard]] bool rebuilds(std::size_t i) const {
        return in_.changes == Input::Changes::workload ||
               (in_.changes == Input::Changes::offering && in_.offering == i);
    }
    /// Whether any model the input rebuilds is simulated (its cost is no piecewise-linear function).
    [[nodiscard]] bool simulated() const {
        for (std::size_t i = 0; i < models_.models.size(); ++i)
            if (rebuilds(i) && models_.simulated[i]) return true;
        return false;
    }
    /// Work of one evaluation, profile intervals.
    [[nodiscard]] double work() const { return work_; }

    /// Every offering's cost at the workload's traffic with the input at `v`, report currency.
    /// \throws OutOfWork when the call's budget cannot pay for another evaluation.
    const std::vector<double>& costs(double v) {
        v = in_.integer ? std::round(v) : v;
        if (const auto it = memo_.find(v); it != memo_.end()) return it->second;
        if (work_ > budget_.work_left) throw OutOfWork{};
        budget_.work_left -= work_;
        ++budget_.evaluations;
        in_.set(scratch_, v);
        const std::size_t n = models_.models.size();
        std::vector<double> out(n);
        for (std::size_t i = 0; i < n; ++i) {
            double native = models_.native[i], factor = models_.factors[i];
            if (rebuilds(i)) {
                const CostModel m =
                    CostModel::from_data(detail::build_data(scratch_.workload, scratch_.offerings[i], catalog_));
                native = m.total(scratch_.workload.requests_per_month);
            }
            if (in_.changes == Input::Changes::currency)
                factor = conversion_factor(models_.models[i].currency(), scratch_.currency);
            out[i] = native * factor;
        }
        return memo_.emplace(v, std::move(out)).first->second;
    }
    static std::size_t cheapest(const std::vector<double>& costs) {
        return static_cast<std::size_t>(std::min_element(costs.begin(), costs.end()) - costs.begin());
    }
    std::size_t cheapest(double v) { return cheapest(costs(v)); }

  private:
    Case scratch_;
    const BaseModels& models_;
    const Catalog& catalog_;
    const Input& in_;
    Budget& budget_;
    double work_ = 0.0;
    std::map<double, std::vector<double>> memo_;
};

/// The scan's points from `from` towards `to` (excluded `from`, included `to`), `points` steps.
std::vector<double> scan(double from, double to, int points) {
    std::vector<double> pts;
    const double start = from != 0.0 ? from : to * kZeroScale;
    const double end = to != 0.0 ? to : from * kZeroScale;
    if (from == 0.0) pts.push_back(start);
    for (int t = 1; t <= points; ++t) pts.push_back(start * std::pow(end / start, double(t) / points));
    if (to == 0.0) pts.push_back(0.0);
    pts.back() = to;
    return pts;
}

/// Whether the runner-up is within kCloseShare of the base's cost: a coarse step ending here is
/// sampled finer, as break-even samples close intervals finer.
bool close(const std::vector<double>& c, std::size_t base) {
    double other = kUnbounded;
    for (std::size_t j = 0; j < c.size(); ++j)
        if (j != base) other = std::min(other, c[j]);
    return std::abs(other - c[base]) <= kCloseShare * std::max(std::abs(c[base]), std::abs(other));
}

/// The flip of `in` from its value towards `to`; `ids` name the offerings.
FlipPoint search(Evaluator& ev, const Input& in, std::size_t base, double to, const std::vector<std::string>& ids) {
    FlipPoint fp;
    fp.searched_to = to;
    if (to == in.value) return fp;
    const bool simulated = ev.simulated();
    double a = in.value, b = 0.0;
    std::size_t past = base;
    bool bracketed = false;
    // one step of the scan: true when `x` is past the flip (b, past set), else a moves to it
    auto step = [&](double x) {
        const double v = in.integer ? std::round(x) : x;
        if (v == a) return false;
        const std::size_t c = ev.cheapest(v);
        if (c != base) {
            b = v;
            past = c;
            return true;
        }
        a = v;
        return false;
    };
    if (!simulated) {
        for (const double x : scan(in.value, to, kScanPoints))
            if ((bracketed = step(x))) break;
    } else {
        // simulated costs: a coarse scan; a step whose either end is close is sampled kRefine
        // times finer before it is taken (Design/pricing-model.md#what-would-flip-it)
        for (const double x : scan(in.value, to, kCoarseScanPoints)) {
            const double from = a;
            if (close(ev.costs(from), base) || close(ev.costs(in.integer ? std::round(x) : x), base)) {
                for (const double y : scan(from, x, kRefine))
                    if ((bracketed = step(y))) break;
            } else {
                bracketed = step(x);
            }
            if (bracketed) break;
        }
    }
    if (!bracketed) return fp;
    fp.found = true;
    const bool up = b > a;
    auto flipped = [&](double v) { return ev.cheapest(v) != base; };
    if (in.integer) {
        // whole numbers: bisect to adjacent values, b the first flipped
        while (std::abs(b - a) > 1.0) {
            const double mid = std::round((a + b) / 2.0);
            (flipped(mid) ? b : a) = mid;
        }
        fp.value = b;
        fp.method = FlipPoint::Method::exact;
    } else if (in.linear) {
        // the difference of the two sides is a line apart from rounding steps: solve it on the
        // bracket's ends, then verify either side; a rounding step is reached by narrowing. Under
        // simulated costs the line is an approximation: the same steps stop at the bisection
        // tolerance unless a solve verifies.
        const double tolerance = simulated ? kBisectTolerance : kExactTolerance;
        fp.method = simulated ? FlipPoint::Method::bisection : FlipPoint::Method::exact;
        fp.tolerance = tolerance;
        for (int iteration = 0; iteration < 200; ++iteration) {
            const double width = std::abs(b - a);
            if (width <= tolerance * std::max(std::abs(a), std::abs(b))) break;
            const std::vector<double>&ca = ev.costs(a), &cb = ev.costs(b);
            const double da = ca[past] - ca[base], db = cb[past] - cb[base];
            double x = (da - db) != 0.0 ? a + (b - a) * da / (da - db) : (a + b) / 2.0;
            // keep the step inside the bracket; every other iteration bisects so it always shrinks
            if (!(x > std::min(a, b) && x < std::max(a, b)) || iteration % 2 == 1) x = (a + b) / 2.0;
            const double eps = kExactTolerance / 4 * std::max(std::abs(x), 1e-300);
            const double before = up ? x - eps : x + eps, after = up ? x + eps : x - eps;
            if (!flipped(before) && flipped(after) && flipped(x)) {
                a = before;
                b = x;
                fp.method = FlipPoint::Method::exact;
                fp.tolerance = kExactTolerance;
                break;
            }
            (flipped(x) ? b : a) = x;
        }
        fp.value = b;
    } else {
        fp.method = FlipPoint::Method::bisection;
        fp.tolerance = kBisectTolerance;
        while (std::abs(b - a) > kBisectTolerance * std::max(std::abs(a), std::abs(b))) {
            const double mid = (a + b) / 2.0;
            (flipped(mid) ? b : a) = mid;
        }
        fp.value = b;
    }
    fp.cheapest_past = ids[ev.cheapest(fp.value)];
    return fp;
}

}  // namespace

FlipAnalysis flip_analysis(const Workload& workload, const std::vector<Offering>& offerings, const Catalog& catalog,
                           const CurrencyOptions& currency, const TrafficRange& range, const FlipOptions& options) {
    if (!(options.low_factor >= FlipLimits::min_factor && options.low_factor < 1.0))
        throw InvalidInput("flip.low_factor", "a number in [" + detail::format_number(FlipLimits::min_factor) + ", 1)",
                           detail::format_number(options.low_factor));
    if (!(options.high_factor > 1.0 && options.high_factor <= FlipLimits::max_factor))
        throw InvalidInput("flip.high_factor", "a number in (1, " + detail::format_number(FlipLimits::max_factor) + "]",
                           detail::format_number(options.high_factor));
    // compare validates everything, gives the base case's cheapest, rival and break-even points
    const Comparison cmp = compare(workload, offerings, catalog, currency, range);
    FlipAnalysis out;
    out.currency = currency;
    out.range = range;
    out.options = options;
    out.cheapest_id = cmp.verdict.cheapest_id;
    out.rival_id = cmp.verdict.rival_id;
    std::vector<std::string> ids;
    std::size_t base = 0, rival = 0;
    for (std::size_t i = 0; i < cmp.results.size(); ++i) {
        ids.emplace_back(cmp.results[i].bill.offering_id);
        if (ids.back() == out.cheapest_id) base = i;
        if (ids.back() == out.rival_id) rival = i;
    }
    out.cheapest_cost = cmp.results[base].bill.total;
    out.rival_cost = cmp.results[rival].bill.total;

    const Case base_case{workload, offerings, currency};
    BaseModels bm;
    for (const Offering& o : offerings) {
        bm.models.push_back(CostModel::from_data(detail::build_data(workload, o, catalog)));
        bm.native.push_back(bm.models.back().total(workload.requests_per_month));
        bm.factors.push_back(conversion_factor(bm.models.back().currency(), currency));
        bm.work.push_back(rebuild_work(bm.models.back()));
        bm.simulated.push_back(bm.work.back() > 0.0);
    }
    const std::vector<CostModel>& models = bm.models;
    const std::vector<double>& factors = bm.factors;

    // Traffic: exact, from the break-even points of the cheapest against each other offering.
    {
        InputFlip f{"requests_per_second", "requests/s", "", workload.requests_per_second(), {}, {}};
        auto cheapest_at = [&](double r) {
            std::vector<double> c;
            for (std::size_t i = 0; i < models.size(); ++i) c.push_back(models[i].total(r) * factors[i]);
            return Evaluator::cheapest(c);
        };
        std::vector<BreakEven> points;
        for (std::size_t j = 0; j < models.size(); ++j) {
            if (j == base) continue;
            try {
                auto p = find_break_even(models[base], factors[base], models[j], factors[j], range);
                points.insert(points.end(), p.begin(), p.end());
            } catch (const LimitExceeded&) {
                out.skipped.push_back({"requests_per_second", "the break-even search of " + ids[base] + " and " +
                                                                  ids[j] + " is beyond the engines' work bound"});
            }
        }
        std::sort(points.begin(), points.end(),
                  [](const BreakEven& x, const BreakEven& y) { return x.requests_per_month < y.requests_per_month; });
        const double r0 = workload.requests_per_month;
        f.up.searched_to = range.to_rps;
        f.down.searched_to = range.from_rps;
        for (const BreakEven& p : points) {
            const double at = p.kind == BreakEven::Kind::tie ? p.until_requests_per_month : p.requests_per_month;
            if (at <= r0 || f.up.found) continue;
            const std::size_t c = cheapest_at(at * (1 + kTrafficProbe));
            if (c == base) continue;
            f.up = {true,
                    at / kSecondsPerMonth,
                    ids[c],
                    p.method == "exact" ? FlipPoint::Method::exact : FlipPoint::Method::bisection,
                    p.method == "exact" ? kTrafficProbe : p.tolerance,
                    range.to_rps};
        }
        for (auto it = points.rbegin(); it != points.rend(); ++it) {
            const double at = it->requests_per_month;
            if (at >= r0 || f.down.found) continue;
            const std::size_t c = cheapest_at(at * (1 - kTrafficProbe));
            if (c == base) continue;
            f.down = {true,
                      at / kSecondsPerMonth,
                      ids[c],
                      it->method == "exact" ? FlipPoint::Method::exact : FlipPoint::Method::bisection,
                      it->method == "exact" ? kTrafficProbe : it->tolerance,
                      range.from_rps};
        }
        out.flips.push_back(std::move(f));
    }

    // The other inputs, in the order.
    std::vector<Input> inputs;
    inputs.push_back({"duration_ms", "ms", "", workload.duration_ms, 0.001, WorkloadLimits::max_duration_ms, true,
                      false, [](Case& c, double v) { c.workload.duration_ms = v; }});
    bool any_memory = false, any_capacity = false, any_utilisation = false;
    for (std::size_t i = 0; i < offerings.size(); ++i) {
        const KindInfo& kind = kind_of(offerings[i].config);
        if (const FieldInfo* m = kind.field("memory_mb")) {
            any_memory = true;
            const FieldValue v = m->get(offerings[i].config);
            if (const auto* mb = std::get_if<long long>(&v))
                inputs.push_back(
                    {"offerings[" + std::to_string(i) + "].memory_mb", "MB", ids[i], double(*mb), m->min, m->max, false,
                     true, [i, m](Case& c, double x) { m->set(c.offerings[i].config, static_cast<long long>(x)); },
                     Input::Changes::offering, i});
        }
    }
    inputs.push_back({"response_kb", "KiB", "", workload.response_kb, 0.0, WorkloadLimits::max_kb, true, false,
                      [](Case& c, double v) { c.workload.response_kb = v; }});
    inputs.push_back({"internet_percent", "%", "", workload.internet_percent, 0.0, 100.0, true, false,
                      [](Case& c, double v) { c.workload.internet_percent = v; }});
    inputs.push_back({"cold_start_percent", "%", "", workload.cold_start_percent, 0.0, 100.0, true, false,
                      [](Case& c, double v) { c.workload.cold_start_percent = v; }});
    for (const char* name : {"capacity_rps", "target_utilization"}) {
        for (std::size_t i = 0; i < offerings.size(); ++i) {
            const FieldInfo* fi = kind_of(offerings[i].config).field(name);
            if (!fi) continue;
            const FieldValue v = fi->get(offerings[i].config);
            const auto* x = std::get_if<double>(&v);
            if (!x) continue;  // unset: the fleet has no capacity to vary
            (std::string_view(name) == "capacity_rps" ? any_capacity : any_utilisation) = true;
            const double lo = fi->min_exclusive ? fi->min + (fi->max - fi->min) * 1e-9 : fi->min;
            inputs.push_back({"offerings[" + std::to_string(i) + "]." + name,
                              std::string_view(name) == "capacity_rps" ? "requests/s" : "", ids[i], *x, lo, fi->max,
                              false, false, [i, fi](Case& c, double value) { fi->set(c.offerings[i].config, value); },
                              Input::Changes::offering, i});
        }
    }
    std::set<std::string> currencies;
    for (const ComparedOffering& r : cmp.results)
        for (const Convention& c : r.bill.conventions)
            if (c.name == "converted_from") currencies.insert(std::string(c.text));
    if (!currencies.empty())
        inputs.push_back({"jpy_per_usd", "JPY per USD", "", currency.jpy_per_usd, 1.0, 10000.0, false, false,
                          [](Case& c, double v) { c.currency.jpy_per_usd = v; }, Input::Changes::currency});
    if (!any_memory) out.skipped.push_back({"memory_mb", "no offering has a memory size"});
    if (!any_capacity) out.skipped.push_back({"capacity_rps", "no offering sets an instance capacity"});
    if (!any_utilisation) out.skipped.push_back({"target_utilization", "no offering sets a target utilisation"});
    if (currencies.empty()) out.skipped.push_back({"jpy_per_usd", "every offering is priced in " + currency.currency});

    // A simulated model re-walks its profile at every evaluation: the call's work is bounded.
    // Inputs are searched cheapest evaluation first, so one costly input cannot starve the others;
    // the tornado's two evaluations per input are set aside first.
    Budget budget{kMaxFlipWork, 0};
    std::vector<Evaluator> evs;
    evs.reserve(inputs.size());
    double tornado_work = 0.0;
    for (const Input& in : inputs) {
        evs.emplace_back(base_case, bm, catalog, in, budget);
        tornado_work += 2.0 * evs.back().work();
    }
    const double reserve = std::min(tornado_work, budget.work_left);
    budget.work_left -= reserve;
    std::vector<std::size_t> order(inputs.size());
    for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t x, std::size_t y) { return evs[x].work() < evs[y].work(); });
    std::vector<std::optional<InputFlip>> searched(inputs.size());
    for (const std::size_t k : order) {
        const Input& in = inputs[k];
        try {
            FlipPoint up = search(evs[k], in, base, in.hi, ids);
            FlipPoint down = search(evs[k], in, base, in.lo, ids);
            searched[k] = InputFlip{in.name, in.unit, in.offering_id, in.value, std::move(up), std::move(down)};
        } catch (const OutOfWork&) {
            out.not_searched.push_back(in.name);
        }
    }
    budget.work_left += reserve;
    for (std::size_t k = 0; k < inputs.size(); ++k) {
        if (searched[k]) {
            out.flips.push_back(std::move(*searched[k]));
            continue;
        }
        out.skipped.push_back({inputs[k].name,
                               "simulating the traffic profile at every value searched is beyond the "
                               "engines' work bound (" +
                                   detail::format_number(kMaxFlipWork) + " profile intervals a flip analysis)"});
    }
    // not_searched in the order of the inputs
    std::vector<std::string> names;
    for (const Input& in : inputs)
        if (std::find(out.not_searched.begin(), out.not_searched.end(), in.name) != out.not_searched.end())
            names.push_back(in.name);
    out.not_searched = std::move(names);

    for (const InputFlip& f : out.flips)
        for (const FlipPoint* p : {&f.up, &f.down}) {
            if (!p->found) continue;
            const double change = f.value != 0.0 ? p->value / f.value - 1.0 : kUnbounded;
            out.statements.push_back({out.cheapest_id, f.input, f.unit, f.offering_id, p == &f.up, f.value, p->value,
                                      change, p->cheapest_past});
        }
    std::stable_sort(out.statements.begin(), out.statements.end(), [](const FlipStatement& x, const FlipStatement& y) {
        return std::abs(x.relative_change) < std::abs(y.relative_change);
    });

    // The tornado: traffic and every searched input from low to high.
    // Inputs not searched within the work bound keep their bars (set aside above).
    Input traffic{"requests_per_second",
                  "requests/s",
                  "",
                  workload.requests_per_second(),
                  0.0,
                  CompareLimits::max_rps,
                  true,
                  false,
                  [](Case& c, double v) { c.workload.requests_per_month = Workload::monthly_from_per_second(v); }};
    Evaluator traffic_ev(base_case, bm, catalog, traffic, budget);
    std::vector<std::pair<const Input*, Evaluator*>> bars{{&traffic, &traffic_ev}};
    if (workload.traffic) bars.clear();  // the level of a profile is set with it: no traffic bar
    for (std::size_t k = 0; k < inputs.size(); ++k) bars.emplace_back(&inputs[k], &evs[k]);
    for (const auto& [in, ev] : bars) {
        TornadoBar bar;
        bar.input = in->name;
        bar.unit = in->unit;
        bar.offering_id = in->offering_id;
        bar.low_value = std::clamp(in->value * options.low_factor, in->lo, in->hi);
        bar.high_value = std::clamp(in->value * options.high_factor, in->lo, in->hi);
        if (in->integer) {
            bar.low_value = std::round(bar.low_value);
            bar.high_value = std::round(bar.high_value);
        }
        std::vector<double> lo, hi;
        try {
            lo = ev->costs(bar.low_value);
            hi = ev->costs(bar.high_value);
        } catch (const OutOfWork&) {
            continue;  // only when the tornado alone is beyond the bound; the input is in skipped
        }
        bar.cheapest_cost_low = lo[base];
        bar.cheapest_cost_high = hi[base];
        bar.difference_low = lo[rival] - lo[base];
        bar.difference_high = hi[rival] - hi[base];
        bar.cheapest_at_low = ids[Evaluator::cheapest(lo)];
        bar.cheapest_at_high = ids[Evaluator::cheapest(hi)];
        bar.swing = std::abs(bar.difference_high - bar.difference_low);
        out.tornado.push_back(std::move(bar));
    }
    std::stable_sort(out.tornado.begin(), out.tornado.end(),
                     [](const TornadoBar& x, const TornadoBar& y) { return x.swing > y.swing; });
    out.evaluations = budget.evaluations;
    return out;
}

}  // namespace costsim
