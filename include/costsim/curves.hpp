#pragma once
/// Cost curves over traffic, and parameter sweeps, computed with Eigen arrays. Every point comes
/// from the same components as a single bill (CostModel). Design/pricing-model.md#curves. Their
/// JSON and CSV reports: costsim/curves_io.hpp.

#include <costsim/compare.hpp>
#include <costsim/grids.hpp>

// glibc's <resolv.h> (which cpp-httplib includes) defines the macro _res, a parameter name inside
// Eigen: hidden while Eigen is read, so this header may come after it.
#pragma push_macro("_res")
#undef _res
#include <Eigen/Core>
#pragma pop_macro("_res")

#include <string>
#include <vector>

namespace costsim {

/// The grid's traffic levels in requests per month.
[[nodiscard]] Eigen::ArrayXd requests_per_month(const CurveGrid& grid);

/// Monthly cost of each model at each grid point, in one currency.
struct Curves {
    std::string currency;
    Eigen::ArrayXd requests_per_month;
    std::vector<std::string> ids;
    std::vector<Eigen::ArrayXd> totals;  ///< totals[i][j]: model i at grid point j
    /// Every VM fleet among the offerings (in their order), sized at the workload's traffic: where
    /// a fixed fleet runs out, for plots to mark.
    std::vector<FleetSize> fleets;
    std::vector<ComparisonFlag> flags;  ///< as a Comparison's (mixed_geographies)
};

/// out[j] = the model's bill total at requests_per_month[j], times `factor` (any length and
/// order; ascending is fastest). \throws InvalidInput on a size mismatch, a negative or
/// non-finite traffic level, or a factor outside (0, 1e6].
void evaluate_totals(const CostModel& model, double factor, const Eigen::ArrayXd& requests_per_month,
                     Eigen::Ref<Eigen::ArrayXd> out);

/// Several models on one grid: out[i][j] = models[i] at requests_per_month[j] x factors[i] (out is
/// resized). Each block of the grid is checked and read once for all models: the fast path.
/// \throws InvalidInput as above, or when factors and models differ in number.
void evaluate_totals(const std::vector<CostModel>& models, const std::vector<double>& factors,
                     const Eigen::ArrayXd& requests_per_month, std::vector<Eigen::ArrayXd>& out);

/// Curves of a workload's offerings over a grid. \throws InvalidInput, LimitExceeded
Curves cost_curves(const Workload& workload, const std::vector<Offering>& offerings, const Catalog& catalog,
                   const CurveGrid& grid, const CurrencyOptions& currency = {});

/// One cell of a sweep: the cheapest offering and every offering's total.
struct SweepCell {
    double requests_per_second = 0.0;
    double duration_ms = 0.0;
    int memory_mb = 0;         ///< 0 when memory is not swept (offerings keep their own)
    std::size_t cheapest = 0;  ///< index into Sweep::ids
    std::vector<double> totals;
};

struct Sweep {
    std::string currency;
    std::vector<std::string> ids;
    std::vector<SweepCell> cells;       ///< requests fastest, then duration, then memory
    std::vector<FleetSize> fleets;      ///< every VM fleet among the offerings, as in Curves
    std::vector<ComparisonFlag> flags;  ///< as a Comparison's (mixed_geographies)
};

/// A sweep computed a slice at a time (one memory and duration, up to 1,024 traffic levels), so
/// a large one need not be held whole: the slices in order are sweep()'s cells, bit for bit. The
/// constructor checks everything sweep() checks and throws what it throws, so no slice can fail
/// on the input. Keeps a reference to `catalog`, which must outlive it.
class SweepSlices {
  public:
    /// Traffic levels per slice; a multiple of the evaluator's block, so values match sweep()'s.
    static constexpr std::size_t kTrafficPerSlice = 1024;

    /// \throws InvalidInput, PriceNotFound, LimitExceeded
    SweepSlices(const Workload& workload, const std::vector<Offering>& offerings, const Catalog& catalog,
                const SweepGrid& grid, const CurrencyOptions& currency = {});

    [[nodiscard]] const std::string& currency() const noexcept { return currency_.currency; }
    [[nodiscard]] const std::vector<std::string>& ids() const noexcept { return ids_; }
    /// Every VM fleet among the offerings, as in Sweep::fleets.
    [[nodiscard]] const std::vector<FleetSize>& fleets() const noexcept { return fleets_; }
    /// As Sweep::flags.
    [[nodiscard]] const std::vector<ComparisonFlag>& flags() const noexcept { return flags_; }
    [[nodiscard]] std::size_t slice_count() const noexcept;
    [[nodiscard]] std::size_t cell_count() const noexcept;
    /// Replaces `cells` with slice `k`'s cells (k < slice_count(); traffic fastest).
    void slice(std::size_t k, std::vector<SweepCell>& cells);

  private:
    void build_models(std::size_t pair);

    Workload workload_;
    std::vector<Offering> offerings_;
    const Catalog* catalog_;
    CurrencyOptions currency_;
    std::vector<double> rps_;
    std::vector<double> durations_;
    std::vector<int> memories_;
    std::vector<std::string> ids_;
    std::vector<FleetSize> fleets_;
    std::vector<ComparisonFlag> flags_;
    std::size_t blocks_ = 0;                     ///< traffic slices per (memory, duration) pair
    std::size_t models_pair_ = ~std::size_t{0};  ///< the pair `models_` are built for
    std::vector<CostModel> models_;
    std::vector<double> factors_;
};

/// Every offering's total in every cell. \throws InvalidInput, PriceNotFound, LimitExceeded
Sweep sweep(const Workload& workload, const std::vector<Offering>& offerings, const Catalog& catalog,
            const SweepGrid& grid, const CurrencyOptions& currency = {});

}  // namespace costsim
