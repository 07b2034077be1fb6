#pragma once
// A model's cost split the way the engines need it: its affine components summed into
// piecewise-linear pieces (exact between their kinks), and its fleet components, constant between
// fleet steps. Internal to lib/ (break_even.cpp, curves.cpp). Design/pricing-model.md#break-even.
#include <costsim/cost_model.hpp>

#include <algorithm>
#include <cstddef>
#include <vector>

namespace costsim::detail {

/// Kept in step with cost_model.cpp (instances_at): a demand within 1e-12 of a capacity boundary
/// counts as on it. tests/unit/curves_*.cpp checks curves and bills agree at fleet steps.
inline constexpr double kFleetStepTolerance = 1e-12;

/// d cost / dR of an affine component at `r`, where `r` is not one of its kinks.
inline double affine_slope(const Component& c, double r) noexcept {
    if (c.per_request == 0.0) return 0.0;
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
