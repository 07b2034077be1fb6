// Exact break-even points of two cost models: walk the intervals between their kinks, where both
// costs are affine, and solve each interval's difference. Design/pricing-model.md#break-even.
#include <costsim/compare.hpp>
#include <costsim/detail/cost_model_data.hpp>

#include "engines/piecewise_cost.hpp"
#include "core/validation.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace costsim {

namespace {

/// Costs within this relative distance are equal. Well above the rounding of a sum of band costs
/// and above the fleet sizing tolerance (1e-12: a fleet step sits 1e-12 past its exact corner, so
/// a line through the corner must read as touching, not as two crossings 1e-12 apart), and below
/// the 1e-9 promised for crossings.
constexpr double kEqualTolerance = 1e-10;

/// The walk steps over a block of intervals only when one side is cheaper than the other by this
/// much (relative) across the whole block: far above the rounding of a sum of band costs, by
/// which computed costs may stray from growing with traffic, and above kEqualTolerance.
constexpr double kSettledRoom = 1e-6;

/// The kinks of both sides while they are gathered: ascending runs in one buffer.
struct KinkRuns {
    std::vector<double> values;
    std::vector<std::size_t> starts;  ///< where each run begins in `values`
    std::size_t counted = 0;          ///< kinks found, with those of repeated fleet segments

    /// Counts one more kink. \throws LimitExceeded as Component::kinks with
    /// CompareLimits::max_breakpoints does (the points hold `lo` besides the kinks).
    void count(std::size_t n = 1) {
        if (1 + counted + n > CompareLimits::max_breakpoints)
            throw LimitExceeded("range", "the traffic range holds more than " +
                                             detail::format_quantity(double(CompareLimits::max_breakpoints)) +
                                             " price breakpoints; narrow the range");
        counted += n;
    }
    /// The kinks ascending, each once, between `lo` and `hi`, into `out`.
    void merge_into(double lo, double hi, std::vector<double>& out) const;
};

/// Some of a model's components, in its order: held inline for the usual few, so listing them
/// for a pair allocates nothing.
class ComponentList {
  public:
    void push_back(const Component* c) {
        if (size_ < inline_.size()) {
            inline_[size_++] = c;
            return;
        }
        if (more_.empty()) more_.assign(inline_.begin(), inline_.end());
        more_.push_back(c);
        ++size_;
    }
    [[nodiscard]] const Component* const* begin() const noexcept {
        return size_ <= inline_.size() ? inline_.data() : more_.data();
    }
    [[nodiscard]] const Component* const* end() const noexcept { return begin() + size_; }

  private:
    std::array<const Component*, 12> inline_{};
    std::vector<const Component*> more_;
    std::size_t size_ = 0;
};

/// One model in the report currency. Affine components are continuous and evaluated exactly at any
/// traffic; fleet components are constant on every open interval between kinks. The walk evaluates
/// each shape's sum many times: the components of each shape are listed once, in the model's order.
class Side {
  public:
    Side(const CostModel& model, double factor) : model_(model), factor_(factor) {
        for (const Component& c : model.components()) {
            if (c.shape == Component::Shape::affine) affine_.push_back(&c);
            if (c.shape == Component::Shape::fleet) fleet_.push_back(&c);
        }
    }
    [[nodiscard]] double affine(double r) const noexcept { return sum(affine_, r); }
    [[nodiscard]] double fleet(double r) const noexcept { return sum(fleet_, r); }
    [[nodiscard]] double slope(double r) const noexcept {
        double sum = 0.0;
        for (const Component* c : affine_) sum += detail::affine_slope(*c, r);
        return sum * factor_;
    }
    [[nodiscard]] double factor() const noexcept { return factor_; }
    [[nodiscard]] const std::string& id() const noexcept { return model_.id(); }
    /// Whether the cost can only grow with traffic: no negative price or slope and no band that
    /// ends before it starts (nothing the catalog allows). Then a cost between two traffic levels
    /// lies between its values there.
    [[nodiscard]] bool grows_with_traffic() const noexcept {
        for (const Component& c : model_.components()) {
            if (c.shape == Component::Shape::affine && !(c.per_request >= 0.0 && c.lower <= c.upper)) return false;
            for (const FleetSegment& s : c.segments)
                if (!(s.hours >= 0.0)) return false;
            for (const Band& b : c.bands)
                if (!(b.unit_price >= 0.0 && b.from <= b.up_to)) return false;
        }
        return true;
    }
    /// About how many kinks kinks() adds: enough to size the buffer once in the usual case.
    [[nodiscard]] std::size_t estimated_kinks(double lo, double hi) const noexcept {
        double n = 0.0;
        for (const Component& c : model_.components()) {
            n += static_cast<double>(c.bands.size()) + 2.0;
            for (const FleetSegment& s : c.segments) n += (hi - lo) * s.instances_per_request;
        }
        return n < double(CompareLimits::max_breakpoints) ? std::size_t(n) : CompareLimits::max_breakpoints;
    }
    /// Appends this model's kinks in (lo, hi) to `runs.values`, in ascending runs (one per fleet
    /// segment, one per affine component). A fleet segment equal to an earlier one (a fleet's
    /// instance-hours and its addresses or storage step together) adds no run: its steps are the
    /// same numbers. `runs.counted` counts every component's kinks all the same, so the bound on
    /// breakpoints is met where Component::kinks met it.
    /// \throws LimitExceeded past CompareLimits::max_breakpoints.
    void kinks(double lo, double hi, KinkRuns& runs) const;

  private:
    /// The components' costs summed in the model's order (the bill's arithmetic).
    [[nodiscard]] static double sum(const ComponentList& components, double r) noexcept {
        double sum = 0.0;
        for (const Component* c : components) sum += detail::cost(*c, r);
        return sum;
    }

    const CostModel& model_;
    double factor_;
    ComponentList affine_;
    ComponentList fleet_;
};

void Side::kinks(double lo, double hi, KinkRuns& runs) const {
    // the distinct segments so far and their kinks' count (a fleet has one or two; more are
    // simply not looked for again)
    struct Seen {
        const FleetSegment* segment;
        std::size_t count;
    };
    std::array<Seen, 8> seen{};
    std::size_t seen_size = 0;
    for (const Component& c : model_.components()) {
        if (c.shape == Component::Shape::fleet) {
            for (const FleetSegment& s : c.segments) {
                const auto seen_end = seen.begin() + std::ptrdiff_t(seen_size);
                const auto same = std::find_if(seen.begin(), seen_end, [&](const Seen& e) {
                    return e.segment->instances_per_request == s.instances_per_request &&
                           e.segment->min_instances == s.min_instances && e.segment->max_instances == s.max_instances;
                });
                if (same != seen_end) {
                    runs.count(same->count);
                    continue;
                }
                const std::size_t before = runs.counted;
                runs.starts.push_back(runs.values.size());
                detail::fleet_steps(s, lo, hi, [&](double r) {
                    if (r > lo && r < hi) {
                        runs.count();
                        runs.values.push_back(r);
                    }
                });
                if (seen_size < seen.size()) seen[seen_size++] = {&s, runs.counted - before};
            }
        } else if (c.shape == Component::Shape::affine) {
            const std::size_t first = runs.values.size();
            runs.starts.push_back(first);
            detail::affine_kinks(c, lo, hi, [&](double r) {
                if (r > lo && r < hi) {
                    runs.count();
                    runs.values.push_back(r);
                }
            });
            // clamp points come first and a negative per_request reverses the order
            std::sort(runs.values.begin() + std::ptrdiff_t(first), runs.values.end());
        }
    }
}

void KinkRuns::merge_into(double lo, double hi, std::vector<double>& out) const {
    out.push_back(lo);
    auto add = [&](double x) {
        if (x != out.back()) out.push_back(x);
    };
    if (std::is_sorted(values.begin(), values.end())) {
        for (const double x : values) add(x);
    } else {
        // The longest run (a fleet's steps) merged with the others sorted together (a few band
        // edges, usually).
        std::size_t longest = 0, longest_size = 0;
        for (std::size_t i = 0; i < starts.size(); ++i) {
            const std::size_t end = i + 1 < starts.size() ? starts[i + 1] : values.size();
            if (end - starts[i] > longest_size) {
                longest = i;
                longest_size = end - starts[i];
            }
        }
        const auto run_begin = values.begin() + std::ptrdiff_t(starts[longest]);
        const auto run_end = run_begin + std::ptrdiff_t(longest_size);
        std::vector<double> rest(values.begin(), run_begin);
        rest.insert(rest.end(), run_end, values.end());
        std::sort(rest.begin(), rest.end());
        auto i = run_begin;
        auto j = rest.begin();
        while (i != run_end && j != rest.end()) add(*j < *i ? *j++ : *i++);
        for (; i != run_end; ++i) add(*i);
        for (; j != rest.end(); ++j) add(*j);
    }
    add(hi);  // every kink is below hi
}

/// -1: a is cheaper, +1: b is cheaper, 0: equal within kEqualTolerance.
int cheaper_sign(double a, double b) noexcept {
    const double d = a - b;
    if (std::fabs(d) <= kEqualTolerance * std::max(std::fabs(a), std::fabs(b))) return 0;
    return d > 0 ? 1 : -1;
}

/// Both costs at one end of an interval (one-sided limits at a fleet step).
struct EndValues {
    double a = 0.0, b = 0.0;
    int sign = 0;
};

/// Whether, in a block of intervals where both costs grow with traffic, the side `sign` names
/// (-1: a, +1: b) is cheaper by kSettledRoom everywhere: each cost lies between its values at the
/// block's start (`first`) and end (`last`), so comparing the cheaper side's end with the other's
/// start is enough.
bool settled(int sign, const EndValues& first, const EndValues& last) noexcept {
    const double room =
        kSettledRoom * std::max({std::fabs(first.a), std::fabs(first.b), std::fabs(last.a), std::fabs(last.b)});
    return sign < 0 ? last.a + room < first.b : last.b + room < first.a;
}

/// How many intervals the walk tries to step over: twice as many after a block is stepped over,
/// half as many after one is not; after a failed block of two the walk goes interval by interval
/// for a while, twice as long after each further failure, so a pair that changes places at every
/// step wastes few tries.
class Stride {
  public:
    /// Intervals to try to step over now; below 2: none.
    [[nodiscard]] std::size_t size() const noexcept { return wait_ == 0 ? size_ : 0; }
    void stepped() noexcept {
        size_ *= 2;
        pause_ = 1;
    }
    void failed() noexcept {
        if (size_ > 2) {
            size_ /= 2;
        } else {
            wait_ = pause_;
            pause_ *= 2;
        }
    }
    void walked() noexcept {
        if (wait_ > 0) --wait_;
    }

  private:
    std::size_t size_ = 2;
    std::size_t wait_ = 0;
    std::size_t pause_ = 1;
};

/// Turns the sequence of open sub-intervals of constant sign into break-even points: a point
/// wherever the sign changes, a tie for every run of sign 0.
class Emitter {
  public:
    Emitter(const Side& a, const Side& b, std::vector<BreakEven>& out) : a_(a), b_(b), out_(out) {}

    /// A sub-interval of sign `sign` that starts at the kink `x`, with the costs on either side.
    void at_kink(int sign, double x, const EndValues& left, const EndValues& right) {
        if (!enter(sign, x, right.a)) return;
        BreakEven p = point(x, sign);
        const bool touches = left.sign == 0 || right.sign == 0;
        p.kind = touches ? BreakEven::Kind::crossing : BreakEven::Kind::step;
        if (left.sign == 0)
            p.cost = left.a;  // equal at x itself (bills are left-continuous)
        else if (right.sign == 0)
            p.cost = right.a;  // equal just above x
        else if (cheaper_sign(left.a, right.a) == 0)
            p.cost = left.a;  // the side that does not jump
        else if (cheaper_sign(left.b, right.b) == 0)
            p.cost = left.b;
        else
            p.cost = left.a;
        push(std::move(p));
    }

    /// A sub-interval of sign `sign` that starts at a root `x` of the difference inside an interval.
    void at_root(int sign, double x, double cost) {
        if (!enter(sign, x, cost)) return;
        BreakEven p = point(x, sign);
        p.kind = BreakEven::Kind::crossing;
        p.cost = cost;
        push(std::move(p));
    }

    void finish(double hi) {
        if (started_ && run_sign_ == 0) close_tie(hi, {});
    }

    /// The sign of the current run (0 before the first interval or in a tie).
    [[nodiscard]] int run_sign() const noexcept { return started_ ? run_sign_ : 0; }

  private:
    /// Handles runs and ties; true when a crossing or step must be reported at x.
    bool enter(int sign, double x, double cost_at_x) {
        if (!started_) {
            started_ = true;
            run_sign_ = sign;
            if (sign == 0) open_tie(x, {}, cost_at_x);  // the range starts inside a tie
            return false;
        }
        if (sign == run_sign_) return false;
        const int before = run_sign_;
        run_sign_ = sign;
        if (before == 0) {
            close_tie(x, cheaper_id(sign));
            return false;
        }
        if (sign == 0) {
            open_tie(x, cheaper_id(before), cost_at_x);
            return false;
        }
        below_sign_ = before;
        return true;
    }

    [[nodiscard]] BreakEven point(double x, int sign) const {
        BreakEven p;
        p.serverless_id = a_.id();
        p.other_id = b_.id();
        p.requests_per_month = x;
        p.requests_per_second = x / kSecondsPerMonth;
        p.cheaper_below = cheaper_id(below_sign_);
        p.cheaper_above = cheaper_id(sign);
        return p;
    }

    void open_tie(double x, std::string below, double cost) {
        tie_ = point(x, 0);
        tie_.kind = BreakEven::Kind::tie;
        tie_.cheaper_below = std::move(below);
        tie_.cost = cost;
    }
    void close_tie(double x, std::string above) {
        tie_.until_requests_per_month = x;
        tie_.cheaper_above = std::move(above);
        push(std::move(tie_));
    }

    void push(BreakEven&& p) {
        if (out_.size() >= CompareLimits::max_break_even_points)
            throw LimitExceeded("range", "\"" + a_.id() + "\" and \"" + b_.id() + "\" change places more than " +
                                             detail::format_quantity(double(CompareLimits::max_break_even_points)) +
                                             " times in the traffic range; narrow the range");
        out_.push_back(std::move(p));
    }

    [[nodiscard]] std::string cheaper_id(int sign) const {
        return sign < 0 ? a_.id() : sign > 0 ? b_.id() : std::string();
    }

    const Side& a_;
    const Side& b_;
    std::vector<BreakEven>& out_;
    bool started_ = false;
    int run_sign_ = 0;
    int below_sign_ = 0;  ///< the side cheaper below the point being reported
    BreakEven tie_;
};

/// Relative tolerance of break-even points found by bisection (a side is simulated): 1e-4 of the
/// level, well inside the 0.1 % the report promises (Design/pricing-model.md#break-even).
constexpr double kBisectionTolerance = 1e-4;
/// Samples of the numeric search: half spaced evenly over the range, half geometrically over its
/// top six decades, so crossings at low traffic are bracketed as finely as high ones. A sample
/// costs a simulation of the profile on each side, so they are few; intervals where the two costs
/// come within kNearGap of each other are sampled kRefine times more finely.
constexpr std::size_t kBisectionSamples = 64;
constexpr double kNearGap = 0.02;
constexpr std::size_t kRefine = 8;

/// The coarse sampling grid of the numeric search, ascending, from lo to hi.
std::vector<double> numeric_grid(double lo, double hi) {
    std::vector<double> x{lo, hi};
    for (std::size_t k = 1; k < kBisectionSamples; ++k)
        x.push_back(lo + (hi - lo) * double(k) / double(kBisectionSamples));
    const double bottom = std::max(lo, hi * 1e-6);
    if (bottom > 0.0)
        for (std::size_t k = 0; k < kBisectionSamples; ++k)
            x.push_back(bottom * std::pow(hi / bottom, double(k) / double(kBisectionSamples)));
    std::sort(x.begin(), x.end());
    x.erase(std::unique(x.begin(), x.end()), x.end());
    return x;
}

/// Break-even points where a side has a simulated component (no kinks known): the difference is
/// sampled on numeric_grid (finer where the costs are close) and every change of sign bisected to
/// kBisectionTolerance. A change whose bracket keeps a gap in cost on both sides is a step; a run
/// of equal samples is a tie. A pair that crosses twice between two samples without coming within
/// kNearGap of each other at either is not seen: the report says the method.
void numeric_break_even(const Side& a, const CostModel& model_a, const Side& b, const CostModel& model_b, double lo,
                        double hi, Emitter& emit, std::vector<BreakEven>& out) {
    const detail::SimulatedTotal ta(model_a.components()), tb(model_b.components());
    const std::vector<double> grid = numeric_grid(lo, hi);
    // what a search usually evaluates: the coarse grid, its refinement near the crossings and
    // about 15 halvings a point
    const double evaluations = 2.0 * double(grid.size()) + 40.0;
    const double work = evaluations * double(ta.intervals() + tb.intervals());
    if (work > detail::kMaxSimulatedWork)
        throw LimitExceeded("range", "the break-even search between \"" + a.id() + "\" and \"" + b.id() +
                                         "\" would simulate about " + detail::format_quantity(std::round(work)) +
                                         " profile intervals, above the bound of " +
                                         detail::format_quantity(detail::kMaxSimulatedWork) +
                                         " (evaluations x intervals): use a shorter or coarser traffic profile");
    auto costs = [&](double r) {
        EndValues v{a.factor() * ta.total(r), b.factor() * tb.total(r), 0};
        v.sign = cheaper_sign(v.a, v.b);
        return v;
    };
    auto near = [](const EndValues& v) {
        return std::fabs(v.a - v.b) <= kNearGap * std::max(std::fabs(v.a), std::fabs(v.b));
    };
    // the grid with the near intervals refined, and the costs at each sample
    std::vector<double> x{grid[0]};
    std::vector<EndValues> v{costs(grid[0])};
    for (std::size_t k = 1; k < grid.size(); ++k) {
        const EndValues right = costs(grid[k]);
        if (right.sign == v.back().sign && right.sign != 0 && (near(v.back()) || near(right)))
            for (std::size_t j = 1; j < kRefine; ++j) {
                const double at = grid[k - 1] + (grid[k] - grid[k - 1]) * double(j) / double(kRefine);
                x.push_back(at);
                v.push_back(costs(at));
            }
        x.push_back(grid[k]);
        v.push_back(right);
    }
    auto mark = [&](std::size_t from) {
        for (std::size_t i = from; i < out.size(); ++i) {
            out[i].method = "bisection";
            out[i].tolerance = kBisectionTolerance;
        }
    };
    // Walked like the exact search walks its intervals: an interval whose ends differ in sign
    // holds a change (bisected); otherwise it takes the sign of an end that is not equal, and is
    // a tie only when both ends are equal.
    EndValues left = v[0];
    for (std::size_t k = 1; k < x.size(); ++k) {
        const EndValues right = v[k];
        const std::size_t before = out.size();
        if (left.sign != 0 && right.sign == -left.sign) {
            emit.at_root(left.sign, x[k - 1], (left.a + left.b) / 2);
            double x0 = x[k - 1], x1 = x[k];
            EndValues lo_v = left, hi_v = right;
            while (x1 - x0 > kBisectionTolerance * std::max(x1, 1.0)) {
                const double mid = x0 + (x1 - x0) / 2;
                const EndValues m = costs(mid);
                if (m.sign == left.sign) {
                    x0 = mid;
                    lo_v = m;
                } else {
                    x1 = mid;
                    hi_v = m;
                    if (m.sign == 0) break;  // equal here: the crossing itself
                }
            }
            emit.at_root(right.sign, x1, (hi_v.a + hi_v.b) / 2);
            // a jump: the gap between the costs does not close at the change
            const double gap_before = std::fabs(lo_v.a - lo_v.b), gap_after = std::fabs(hi_v.a - hi_v.b);
            const double scale = std::max({std::fabs(lo_v.a), std::fabs(hi_v.a), 1e-300});
            if (out.size() > before && std::min(gap_before, gap_after) > 10 * kBisectionTolerance * scale)
                out.back().kind = BreakEven::Kind::step;
        } else {
            const int sign = left.sign != 0 ? left.sign : right.sign;
            emit.at_root(sign, x[k - 1], (left.a + left.b) / 2);
        }
        mark(before);
        left = right;
    }
    const std::size_t before = out.size();
    emit.finish(hi);
    mark(before);
}

}  // namespace

std::vector<BreakEven> find_break_even(const CostModel& model_a, double factor_a, const CostModel& model_b,
                                       double factor_b, const TrafficRange& range) {
    range.validate("range.");
    detail::require_range_open_low(factor_a, 0, 1e6, "factor_a");
    detail::require_range_open_low(factor_b, 0, 1e6, "factor_b");
    const Side a(model_a, factor_a), b(model_b, factor_b);
    const double lo = range.from_rps * kSecondsPerMonth, hi = range.to_rps * kSecondsPerMonth;
    const auto simulated = [](const CostModel& m) {
        return std::any_of(m.components().begin(), m.components().end(), [](const Component& c) { return !c.exact(); });
    };
    if (simulated(model_a) || simulated(model_b)) {
        std::vector<BreakEven> out;
        Emitter emit(a, b, out);
        numeric_break_even(a, model_a, b, model_b, lo, hi, emit, out);
        return out;
    }

    KinkRuns runs;
    runs.values.reserve(a.estimated_kinks(lo, hi) + b.estimated_kinks(lo, hi));
    try {
        a.kinks(lo, hi, runs);
        b.kinks(lo, hi, runs);
    } catch (const LimitExceeded&) {
        throw LimitExceeded("range", "the break-even search between \"" + a.id() + "\" and \"" + b.id() + "\" from " +
                                         detail::format_number(range.from_rps) + " to " +
                                         detail::format_number(range.to_rps) + " requests/s meets more than " +
                                         detail::format_quantity(double(CompareLimits::max_breakpoints)) +
                                         " price breakpoints (fleet steps, tier boundaries); narrow the range");
    }
    std::vector<double> points;
    points.reserve(runs.values.size() + 2);
    runs.merge_into(lo, hi, points);

    std::vector<BreakEven> out;
    Emitter emit(a, b, out);
    EndValues left;  // the previous interval's values at its right end
    double a_affine = a.affine(lo), b_affine = b.affine(lo);
    // Where one side stays cheaper for many intervals (fleet steps far from a crossing), the walk
    // steps over blocks of them: nothing is reported inside such a block, and its end values are
    // the ones the interval-by-interval walk would have reached.
    const bool may_step = a.grows_with_traffic() && b.grows_with_traffic();
    Stride stride;
    auto mid_of = [&](std::size_t k) { return points[k] + (points[k + 1] - points[k]) / 2; };
    // Both fleet costs inside the interval the walk stands at, kept: a failed step and the
    // interval walked after it read them again.
    struct FleetCosts {
        std::size_t k = std::size_t(-1);
        double a = 0.0, b = 0.0;
    } fleet_here;
    auto fleet_at = [&](std::size_t k) -> const FleetCosts& {
        if (fleet_here.k != k) {
            const double mid = mid_of(k);
            fleet_here = {k, a.fleet(mid), b.fleet(mid)};
        }
        return fleet_here;
    };
    for (std::size_t k = 0; k + 1 < points.size();) {
        const std::size_t m = std::min(k + stride.size(), points.size() - 1);  // try intervals [k, m)
        if (may_step && k > 0 && m >= k + 2 && emit.run_sign() != 0) {
            const double a_affine_m = a.affine(points[m]), b_affine_m = b.affine(points[m]);
            const double a_fleet_last = a.fleet(mid_of(m - 1)), b_fleet_last = b.fleet(mid_of(m - 1));
            const FleetCosts& here = fleet_at(k);
            const EndValues first{a.factor() * (a_affine + here.a), b.factor() * (b_affine + here.b), 0};
            EndValues last{a.factor() * (a_affine_m + a_fleet_last), b.factor() * (b_affine_m + b_fleet_last), 0};
            if (settled(emit.run_sign(), first, last)) {
                last.sign = cheaper_sign(last.a, last.b);
                left = last;
                a_affine = a_affine_m;
                b_affine = b_affine_m;
                k = m;
                stride.stepped();
            } else {
                stride.failed();
            }
            continue;
        }
        const double x0 = points[k], x1 = points[k + 1];
        const double mid = x0 + (x1 - x0) / 2;  // mid_of(k)
        const FleetCosts& here = fleet_at(k);
        const double a_fleet = here.a, b_fleet = here.b;
        const double a_affine1 = a.affine(x1), b_affine1 = b.affine(x1);
        EndValues start{a.factor() * (a_affine + a_fleet), b.factor() * (b_affine + b_fleet), 0};
        EndValues end{a.factor() * (a_affine1 + a_fleet), b.factor() * (b_affine1 + b_fleet), 0};
        start.sign = cheaper_sign(start.a, start.b);
        end.sign = cheaper_sign(end.a, end.b);
        if (k == 0) left = start;

        if (start.sign != 0 && end.sign == -start.sign) {
            // the difference is affine here: secant through the exact end values, then one Newton
            // step on the exact difference at the estimate (slope from the components' bands)
            const double d0 = start.a - start.b, d1 = end.a - end.b;
            double r = x0 + (x1 - x0) * (d0 / (d0 - d1));
            const double slope = a.slope(mid) - b.slope(mid);
            auto a_at = [&](double x) { return a.factor() * (a.affine(x) + a_fleet); };
            auto b_at = [&](double x) { return b.factor() * (b.affine(x) + b_fleet); };
            if (slope != 0.0) r -= (a_at(r) - b_at(r)) / slope;
            r = std::clamp(r, x0, x1);
            emit.at_kink(start.sign, x0, left, start);
            emit.at_root(end.sign, r, (a_at(r) + b_at(r)) / 2);
        } else {
            const int sign = start.sign != 0 ? start.sign : end.sign;  // 0 only if 0 at both ends: a tie
            emit.at_kink(sign, x0, left, start);
        }
        left = end;
        a_affine = a_affine1;
        b_affine = b_affine1;
        ++k;
        stride.walked();
    }
    emit.finish(hi);
    return out;
}

}  // namespace costsim
