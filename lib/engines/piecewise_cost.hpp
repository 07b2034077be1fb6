#pragma once
// How components are evaluated and where they bend: the one definition of each shape's rule and
// its kinks (the fleet step rule for one R or an Eigen array of R, affine clamps and band edges),
// inline for the engines' loops; and a model's cost split the way the engines need it: its affine
// components summed into piecewise-linear pieces (exact between their kinks), and its fleet
// components, constant between fleet steps. Internal to lib/ (cost_model.cpp, break_even.cpp,
// curves.cpp, offerings/fleet/scaling.cpp). Design/pricing-model.md#cost-model, #break-even.
#include <costsim/cost_model.hpp>
#include <costsim/error.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <type_traits>
#include <vector>

namespace costsim::detail {

/// Relative tolerance for fleet sizing: a demand within 1e-12 of a capacity boundary counts as on
/// the boundary, so 100 rps on 50-rps instances is 2 instances, not 3 (Design/pricing-model.md).
/// tests/unit/curves_*.cpp checks curves and bills agree at fleet steps.
inline constexpr double kFleetStepTolerance = 1e-12;

/// The most profile intervals one engine call may simulate (points x intervals of the simulated
/// models it evaluates): a second or two of work at the simulations' 30 to 80 ns an interval. Curves and break-even refuse more with a
/// LimitExceeded naming the bound (Design/pricing-model.md#break-even).
inline constexpr double kMaxSimulatedWork = 5e7;

/// The fleet step rule, the one definition: instances = min(max, max(min, ceil(r x per_request)))
/// at `r` requests a month, for a scalar `r` (bills, break-even, the autoscaling simulation's
/// desired counts) or an Eigen array of them (curves). One expression for both, so a curve's steps
/// land on the same requests as a bill's. Its kinks are fleet_steps().
template <class R>
inline auto fleet_instances(const R& r, double per_request, double min_instances,
                            double max_instances = kUnbounded) noexcept {
    if constexpr (std::is_arithmetic_v<R>) {
        if (per_request <= 0.0) return min_instances;  // fixed: also keeps 0 x huge R out
        return std::min(max_instances,
                        std::max(min_instances, std::ceil((r * per_request) * (1.0 - kFleetStepTolerance))));
    } else {
        return ((r * per_request) * (1.0 - kFleetStepTolerance)).ceil().max(min_instances).min(max_instances);
    }
}

/// Instances of one fleet segment at `r` requests a month.
inline double instances_at(const FleetSegment& s, double r) noexcept {
    return fleet_instances(r, s.instances_per_request, s.min_instances, s.max_instances);
}

/// Calls push(R), ascending, for each R below `hi` where fleet_instances() of `s` steps up, from
/// the last step at or below `lo` (the caller keeps those inside its range): the kinks of the
/// fleet rule. ceil(R k) steps from j to j + 1 just above R = j / k, and the count changes only
/// where j + 1 > min_instances (j >= floor(min)) and j + 1 <= max_instances.
/// \throws LimitExceeded if the steps cannot be counted (beyond 2^53).
template <class Push>
void fleet_steps(const FleetSegment& s, double lo, double hi, Push&& push) {
    if (s.instances_per_request <= 0.0) return;
    const double k = s.instances_per_request * (1.0 - kFleetStepTolerance);
    double j = std::max(std::floor(s.min_instances), std::floor(lo * k));
    for (; j / k < hi && j + 1.0 <= s.max_instances; j += 1.0) {
        // beyond 2^53 adding 1 no longer moves j: refuse rather than loop for ever
        if (j + 1.0 == j)
            throw LimitExceeded("range",
                                "the traffic range holds more fleet steps than can be counted; narrow the range");
        push(j / k);
    }
}

/// Calls push(R) for each R where an affine component's quantity meets a clamp or a band edge,
/// within (lo, hi) of the quantity, in no particular order (a negative slope reverses them).
template <class Push>
void affine_kinks(const Component& c, double lo, double hi, Push&& push) {
    if (c.per_request == 0.0) return;
    auto at_quantity = [&](double q) { return (q - c.fixed) / c.per_request; };
    const double q_lo = c.per_request * lo + c.fixed, q_hi = c.per_request * hi + c.fixed;
    auto inside = [&](double q) { return q > std::min(q_lo, q_hi) && q < std::max(q_lo, q_hi); };
    if (inside(c.lower)) push(at_quantity(c.lower));
    if (c.upper != kUnbounded && inside(c.upper)) push(at_quantity(c.upper));
    for (const Band& b : c.bands)
        if (b.from > c.lower && b.from < c.upper && inside(b.from)) push(at_quantity(b.from));
}

/// Component::quantity and Component::cost, the one definition of that arithmetic: inline here so
/// the break-even walk, which evaluates components thousands of times, makes no call per component.
inline double quantity(const Component& c, double r) noexcept {
    if (c.shape == Component::Shape::fleet) {
        double q = c.fixed;
        for (const FleetSegment& s : c.segments) q += s.hours * instances_at(s, r);
        return q;
    }
    if (c.shape == Component::Shape::simulated) return c.fixed + c.per_request * c.curve->quantity(r);
    return std::clamp(c.per_request * r + c.fixed, c.lower, c.upper);
}

/// The cost of `q` units on a component's bands.
inline double cost_of_quantity(const Component& c, double q) noexcept {
    double sum = 0.0;
    for (const Band& b : c.bands) {
        if (q <= b.from) break;
        sum += (std::min(q, b.up_to) - b.from) * b.unit_price;
    }
    return sum;
}

inline double cost(const Component& c, double r) noexcept { return cost_of_quantity(c, quantity(c, r)); }

/// The total of a model's components at any R, each simulation run once per R however many
/// components share it (instance-hours, their storage and addresses view one autoscaling run).
/// For engines that evaluate simulated models pointwise.
class SimulatedTotal {
  public:
    explicit SimulatedTotal(const std::vector<Component>& components) : components_(components) {
        for (const Component& c : components)
            if (c.shape == Component::Shape::simulated &&
                std::find(curves_.begin(), curves_.end(), c.curve.get()) == curves_.end())
                curves_.push_back(c.curve.get());
        values_.resize(curves_.size());
    }
    /// Whether any component is simulated (else the engines' exact paths apply).
    [[nodiscard]] bool simulated() const noexcept { return !curves_.empty(); }
    /// Profile intervals one evaluation walks (the sum over its distinct curves).
    [[nodiscard]] std::size_t intervals() const noexcept {
        std::size_t n = 0;
        for (const QuantityCurve* c : curves_) n += c->intervals();
        return n;
    }
    /// The sum of every component's cost at `r`. Not thread-safe (one per thread).
    [[nodiscard]] double total(double r) const noexcept {
        for (std::size_t i = 0; i < curves_.size(); ++i) values_[i] = curves_[i]->quantity(r);
        double sum = 0.0;
        for (const Component& c : components_) {
            if (c.shape != Component::Shape::simulated) {
                sum += cost(c, r);
                continue;
            }
            const auto at = std::find(curves_.begin(), curves_.end(), c.curve.get()) - curves_.begin();
            sum += cost_of_quantity(c, c.fixed + c.per_request * values_[std::size_t(at)]);
        }
        return sum;
    }

  private:
    const std::vector<Component>& components_;
    std::vector<const QuantityCurve*> curves_;
    mutable std::vector<double> values_;
};

/// d cost / dR of an affine component at `r`, where `r` is not one of its kinks.
inline double affine_slope(const Component& c, double r) noexcept {
    if (c.shape != Component::Shape::affine || c.per_request == 0.0) return 0.0;
    const double q = c.per_request * r + c.fixed;
    if (q <= c.lower || q >= c.upper) return 0.0;  // clamped: the quantity does not move
    for (const Band& b : c.bands)
        if (q >= b.from && q < b.up_to) return c.per_request * b.unit_price;
    return 0.0;
}

/// The affine components of a model, summed: on [start[i], start[i+1]) the cost is
/// value[i] + slope[i] * (R - start[i]). Values at the starts come from Component::cost (the bill's
/// own arithmetic); slopes from the band each component is in. The last piece runs to `hi`
/// (which may be kUnbounded).
struct AffinePieces {
    std::vector<double> start;
    std::vector<double> value;
    std::vector<double> slope;

    static AffinePieces build(const std::vector<Component>& components, double lo, double hi) {
        AffinePieces p;
        std::vector<double> points{lo};
        for (const Component& c : components)
            if (c.shape == Component::Shape::affine) c.kinks(lo, hi, points, points.size() + c.bands.size() + 2);
        std::sort(points.begin(), points.end());
        points.erase(std::unique(points.begin(), points.end()), points.end());
        for (std::size_t i = 0; i < points.size(); ++i) {
            const double from = points[i];
            const double to = i + 1 < points.size() ? points[i + 1] : hi;
            // a point inside the piece, where no component sits on a kink
            const double mid = to == kUnbounded ? from + std::max(1.0, from) : from + (to - from) / 2;
            double value = 0.0, slope = 0.0;
            for (const Component& c : components) {
                if (c.shape != Component::Shape::affine) continue;
                value += c.cost(from);
                slope += affine_slope(c, mid);
            }
            p.start.push_back(from);
            p.value.push_back(value);
            p.slope.push_back(slope);
        }
        return p;
    }
};

}  // namespace costsim::detail
