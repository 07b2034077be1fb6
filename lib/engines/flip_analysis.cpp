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
#include <set>

namespace costsim {

const char* to_string(FlipPoint::Method m) noexcept { return m == FlipPoint::Method::exact ? "exact" : "bisection"; }

namespace {

constexpr int kScanPoints = 256;           // geometric scan of an input's range, each direction
constexpr double kExactTolerance = 1e-12;  // relative: linear solves, verified either side
constexpr double kBisectTolerance = 1e-6;  // relative: inputs the cost is no line in
constexpr double kTrafficProbe = 1e-9;     // relative: where the cheapest is read past a break-even
constexpr double kZeroScale = 1e-9;        // a scan from 0 starts at this share of the range's end

/// Everything an evaluation varies: the workload, the offerings and the currency options.
struct Case {
    Workload workload;
    std::vector<Offering> offerings;
    CurrencyOptions currency;
};

struct Input {
    std::string name, unit, offering_id;
    double value = 0.0, lo = 0.0, hi = 0.0;
    bool linear = false;   // linear in the input apart from rounding: solved exactly
    bool integer = false;  // whole numbers (memory, MB)
    std::function<void(Case&, double)> set;
};

class Evaluator {
  public:
    Evaluator(const Case& base, const Catalog& catalog) : base_(base), catalog_(catalog) {}

    /// Every offering's cost at the workload's traffic with the input at `v`, report currency.
    std::vector<double> costs(const Input& in, double v) const {
        Case c = base_;
        in.set(c, in.integer ? std::round(v) : v);
        std::vector<double> out;
        out.reserve(c.offerings.size());
        for (std::size_t i = 0; i < c.offerings.size(); ++i) {
            const CostModel m = CostModel::from_data(detail::build_data(c.workload, c.offerings[i], catalog_));
            out.push_back(m.total(c.workload.requests_per_month) * conversion_factor(m.currency(), c.currency));
        }
        return out;
    }
    static std::size_t cheapest(const std::vector<double>& costs) {
        return static_cast<std::size_t>(std::min_element(costs.begin(), costs.end()) - costs.begin());
    }
    std::size_t cheapest(const Input& in, double v) const { return cheapest(costs(in, v)); }

  private:
    const Case& base_;
    const Catalog& catalog_;
};

/// The scan's points from `from` towards `to` (excluded `from`, included `to`).
std::vector<double> scan(double from, double to) {
    std::vector<double> pts;
    const double start = from != 0.0 ? from : to * kZeroScale;
    const double end = to != 0.0 ? to : from * kZeroScale;
    if (from == 0.0) pts.push_back(start);
    for (int t = 1; t <= kScanPoints; ++t) pts.push_back(start * std::pow(end / start, double(t) / kScanPoints));
    if (to == 0.0) pts.push_back(0.0);
    pts.back() = to;
    return pts;
}

FlipPoint search(const Evaluator& ev, const Input& in, std::size_t base, double to) {
    FlipPoint fp;
    fp.searched_to = to;
    if (to == in.value) return fp;
    double a = in.value, b = 0.0;
    std::size_t past = base;
    bool bracketed = false;
    for (const double x : scan(in.value, to)) {
        const double v = in.integer ? std::round(x) : x;
        if (v == a) continue;
        const std::size_t c = ev.cheapest(in, v);
        if (c != base) {
            b = v;
            past = c;
            bracketed = true;
            break;
        }
        a = v;
    }
    if (!bracketed) return fp;
    fp.found = true;
    const bool up = b > a;
    auto flipped = [&](double v) { return ev.cheapest(in, v) != base; };
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
        // bracket's ends, then verify either side; a rounding step is reached by narrowing.
        fp.method = FlipPoint::Method::exact;
        fp.tolerance = kExactTolerance;
        for (int iteration = 0; iteration < 200; ++iteration) {
            const double width = std::abs(b - a);
            if (width <= kExactTolerance * std::max(std::abs(a), std::abs(b))) break;
            const std::vector<double> ca = ev.costs(in, a), cb = ev.costs(in, b);
            const double da = ca[past] - ca[base], db = cb[past] - cb[base];
            double x = (da - db) != 0.0 ? a + (b - a) * da / (da - db) : (a + b) / 2.0;
            // keep the step inside the bracket; every other iteration bisects so it always shrinks
            if (!(x > std::min(a, b) && x < std::max(a, b)) || iteration % 2 == 1) x = (a + b) / 2.0;
            const double eps = kExactTolerance / 4 * std::max(std::abs(x), 1e-300);
            const double before = up ? x - eps : x + eps, after = up ? x + eps : x - eps;
            if (!flipped(before) && flipped(after) && flipped(x)) {
                a = before;
                b = x;
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
    const Evaluator ev(base_case, catalog);

    // Traffic: exact, from the break-even points of the cheapest against each other offering.
    {
        InputFlip f{"requests_per_second", "requests/s", "", workload.requests_per_second(), {}, {}};
        std::vector<CostModel> models;
        std::vector<double> factors;
        for (const Offering& o : offerings) {
            models.push_back(CostModel::from_data(detail::build_data(workload, o, catalog)));
            factors.push_back(conversion_factor(models.back().currency(), currency));
        }
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
                     true, [i, m](Case& c, double x) { m->set(c.offerings[i].config, static_cast<long long>(x)); }});
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
                              false, false, [i, fi](Case& c, double value) { fi->set(c.offerings[i].config, value); }});
        }
    }
    std::set<std::string> currencies;
    for (const ComparedOffering& r : cmp.results)
        for (const Convention& c : r.bill.conventions)
            if (c.name == "converted_from") currencies.insert(std::string(c.text));
    if (!currencies.empty())
        inputs.push_back({"jpy_per_usd", "JPY per USD", "", currency.jpy_per_usd, 1.0, 10000.0, false, false,
                          [](Case& c, double v) { c.currency.jpy_per_usd = v; }});
    if (!any_memory) out.skipped.push_back({"memory_mb", "no offering has a memory size"});
    if (!any_capacity) out.skipped.push_back({"capacity_rps", "no offering sets an instance capacity"});
    if (!any_utilisation) out.skipped.push_back({"target_utilization", "no offering sets a target utilisation"});
    if (currencies.empty()) out.skipped.push_back({"jpy_per_usd", "every offering is priced in " + currency.currency});

    // a simulated model re-walks its profile at every evaluation: bound the work
    double intervals = 0.0;
    for (const Offering& o : offerings) {
        const CostModel m = CostModel::from_data(detail::build_data(workload, o, catalog));
        const detail::SimulatedTotal sim(m.components());
        if (sim.simulated()) intervals += double(sim.intervals());
    }
    const double evaluations_per_input = 2.0 * (kScanPoints + 2 * 200);
    for (const Input& in : inputs) {
        if (intervals * evaluations_per_input * double(inputs.size()) > detail::kMaxSimulatedWork) {
            out.skipped.push_back({in.name,
                                   "simulating the traffic profile at every value searched is beyond the "
                                   "engines' work bound"});
            continue;
        }
        InputFlip f{
            in.name, in.unit, in.offering_id, in.value, search(ev, in, base, in.hi), search(ev, in, base, in.lo)};
        for (FlipPoint* p : {&f.up, &f.down})
            if (p->found) p->cheapest_past = ids[ev.cheapest(in, p->value)];
        out.flips.push_back(std::move(f));
    }

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
    Input traffic{"requests_per_second",
                  "requests/s",
                  "",
                  workload.requests_per_second(),
                  0.0,
                  CompareLimits::max_rps,
                  true,
                  false,
                  [](Case& c, double v) { c.workload.requests_per_month = Workload::monthly_from_per_second(v); }};
    std::vector<const Input*> bars{&traffic};
    if (workload.traffic) bars.clear();  // the level of a profile is set with it: no traffic bar
    for (const Input& in : inputs)
        if (std::none_of(out.skipped.begin(), out.skipped.end(),
                         [&](const SkippedInput& s) { return s.input == in.name; }))
            bars.push_back(&in);
    for (const Input* in : bars) {
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
        const std::vector<double> lo = ev.costs(*in, bar.low_value), hi = ev.costs(*in, bar.high_value);
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
    return out;
}

}  // namespace costsim
