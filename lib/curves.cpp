// Placeholder: Eigen curves and sweeps land with issue 4.
#include <costsim/curves.hpp>

namespace costsim {

void evaluate_totals(const CostModel& model, double factor, const Eigen::ArrayXd& r, Eigen::Ref<Eigen::ArrayXd> out) {
    for (Eigen::Index i = 0; i < r.size(); ++i) out[i] = model.total(r[i]) * factor;
}

Curves cost_curves(const Workload& workload, const std::vector<Offering>& offerings, const Catalog& catalog,
                   const CurveGrid& grid, const CurrencyOptions& currency) {
    grid.validate("grid.");
    currency.validate();
    Curves c;
    c.currency = currency.currency;
    c.requests_per_month = grid.requests_per_month();
    for (const Offering& o : offerings) {
        CostModel m = CostModel::build(workload, o, catalog);
        c.ids.push_back(m.id());
        c.totals.emplace_back(c.requests_per_month.size());
        evaluate_totals(m, conversion_factor(m.currency(), currency), c.requests_per_month, c.totals.back());
    }
    return c;
}

Sweep sweep(const Workload&, const std::vector<Offering>&, const Catalog&, const SweepGrid& grid,
            const CurrencyOptions& currency) {
    grid.validate("sweep.");
    Sweep s;
    s.currency = currency.currency;
    return s;
}

}  // namespace costsim
