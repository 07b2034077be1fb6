#pragma once
// A distribution prepared for sampling (a normal's truncation masses, a lognormal's mu and
// sigma computed once) and a model's total in the bill's own order of arithmetic, flattened for
// the Monte Carlo loop. Internal to lib/engines (monte_carlo.cpp, flip_analysis.cpp).
#include <costsim/cost_model.hpp>
#include <costsim/monte_carlo.hpp>

#include <cstddef>
#include <vector>

namespace costsim::detail {

class Sampler {
  public:
    explicit Sampler(const Distribution& d);
    /// The value at cumulative probability u in (0, 1): Distribution::quantile.
    [[nodiscard]] double at(double u) const noexcept;

  private:
    Distribution d_;
    double a_ = 0.0, b_ = 0.0;  // normal: CDF at the truncation bounds
    double mu_ = 0.0, sigma_ = 0.0;
};

/// A CostModel's components in contiguous arrays, prices multiplied by the report currency's
/// factor. total(r) adds the same terms in the same order as CostModel::bill (and convert) do,
/// so a sample at the workload's own inputs equals the plain bill to the last bit.
class FlatModel {
  public:
    FlatModel(const CostModel& model, double factor);
    [[nodiscard]] double total(double r) const noexcept;

  private:
    struct Part {
        const Component* source;  // fleet and simulated quantities are evaluated on it
        Component::Shape shape;
        double per_request, fixed, lower, upper;
        std::size_t band_begin, band_end;
    };
    struct FlatBand {
        double from, up_to, price;
    };
    CostModel model_;  // keeps the components alive
    std::vector<Part> parts_;
    std::vector<FlatBand> bands_;
};

}  // namespace costsim::detail
