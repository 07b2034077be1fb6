// FlatModel: a cost model's total in the bill's order of arithmetic, for the sampling loops.
#include "engines/piecewise_cost.hpp"
#include "engines/sampler.hpp"

#include <algorithm>

namespace costsim::detail {

FlatModel::FlatModel(const CostModel& model, double factor) : model_(model) {
    parts_.reserve(model.components().size());
    for (const Component& c : model_.components()) {
        const std::size_t begin = bands_.size();
        for (const Band& b : c.bands) bands_.push_back({b.from, b.up_to, b.unit_price * factor});
        parts_.push_back({&c, c.shape, c.per_request, c.fixed, c.lower, c.upper, begin, bands_.size()});
    }
}

double FlatModel::total(double r) const noexcept {
    // CostModel::bill's loop: a component's first band always counts (zero quantity included),
    // then bands while the quantity reaches them.
    double t = 0.0;
    for (const Part& p : parts_) {
        const double q = p.shape == Component::Shape::affine ? std::clamp(p.per_request * r + p.fixed, p.lower, p.upper)
                                                             : quantity(*p.source, r);
        bool any = false;
        for (std::size_t i = p.band_begin; i < p.band_end; ++i) {
            const FlatBand& b = bands_[i];
            if (q <= b.from && any) break;
            const double in_band = std::max(0.0, std::min(q, b.up_to) - b.from);
            if (in_band == 0.0 && any) break;
            t += in_band * b.price;
            any = true;
            if (q <= b.up_to) break;
        }
    }
    return t;
}

}  // namespace costsim::detail
