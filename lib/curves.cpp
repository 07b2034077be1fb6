// Cost curves and parameter sweeps with Eigen arrays. A model's affine components become a few
// linear pieces (exact between kinks, values from Component::cost), its fleet components are
// evaluated vectorised with the bill's own step rule. Design/pricing-model.md#curves.
#include <costsim/curves.hpp>
#include <costsim/detail/cost_model_data.hpp>

#include "piecewise_cost.hpp"
#include "validation.hpp"

#include <algorithm>
#include <limits>
#include <set>

namespace costsim {

namespace {

/// Points evaluated together: the temporaries of the fleet terms stay in L1.
constexpr Eigen::Index kBlock = 512;
using BlockArray = Eigen::Array<double, Eigen::Dynamic, 1, Eigen::ColMajor, kBlock, 1>;

/// A model ready to be evaluated on many traffic levels in [lo, hi], in the report currency.
class PreparedModel {
  public:
    PreparedModel(const CostModel& model, double factor, double lo, double hi)
        : pieces_(detail::AffinePieces::build(model.components(), lo, hi)) {
        for (double& v : pieces_.value) v *= factor;
        for (double& s : pieces_.slope) s *= factor;
        for (const Component& c : model.components()) {
            if (c.shape != Component::Shape::fleet) continue;
            Fleet f{c.fixed, c.segments, {}};
            for (const Band& b : c.bands)
                if (b.unit_price != 0.0) f.bands.push_back({b.from, b.up_to - b.from, b.unit_price * factor});
            fleets_.push_back(std::move(f));
        }
    }

    /// out = cost at r; `piece` is the affine piece to start from, advanced for ascending input.
    void evaluate_ascending(const Eigen::Ref<const Eigen::ArrayXd>& r, Eigen::Ref<Eigen::ArrayXd> out,
                            std::size_t& piece) const {
        const Eigen::Index n = r.size();
        const double* begin = r.data();
        Eigen::Index j = 0;
        while (j < n) {
            const double end = piece + 1 < pieces_.start.size() ? pieces_.start[piece + 1]
                                                                  : std::numeric_limits<double>::infinity();
            const Eigen::Index stop = std::lower_bound(begin + j, begin + n, end) - begin;
            if (stop > j)
                out.segment(j, stop - j) =
                    pieces_.value[piece] + pieces_.slope[piece] * (r.segment(j, stop - j) - pieces_.start[piece]);
            j = stop;
            if (j < n) ++piece;
        }
        add_fleets(r, out);
    }

    void evaluate_any_order(const Eigen::Ref<const Eigen::ArrayXd>& r, Eigen::Ref<Eigen::ArrayXd> out) const {
        for (Eigen::Index j = 0; j < r.size(); ++j) {
            const auto it = std::upper_bound(pieces_.start.begin(), pieces_.start.end(), r[j]);
            const std::size_t p = std::size_t(std::max<std::ptrdiff_t>(0, it - pieces_.start.begin() - 1));
            out[j] = pieces_.value[p] + pieces_.slope[p] * (r[j] - pieces_.start[p]);
        }
        add_fleets(r, out);
    }

  private:
    struct PricedBand {
        double from, width, price;
    };
    struct Fleet {
        double fixed;
        std::vector<FleetSegment> segments;
        std::vector<PricedBand> bands;
    };

    /// The fleet rule of Component::quantity, vectorised: fixed + sum hours * max(min, ceil(R k)).
    void add_fleets(const Eigen::Ref<const Eigen::ArrayXd>& r, Eigen::Ref<Eigen::ArrayXd> out) const {
        for (const Fleet& f : fleets_) {
            BlockArray q = BlockArray::Constant(r.size(), f.fixed);
            for (const FleetSegment& s : f.segments) {
                if (s.instances_per_request <= 0.0)
                    q += s.hours * s.min_instances;
                else  // same expression as instances_at(), so steps land on the same requests
                    q += s.hours * ((r * s.instances_per_request) * (1.0 - detail::kFleetStepTolerance))
                                       .ceil()
                                       .max(s.min_instances);
            }
            for (const PricedBand& b : f.bands) out += b.price * (q - b.from).max(0.0).min(b.width);
        }
    }

    detail::AffinePieces pieces_;
    std::vector<Fleet> fleets_;
};

void require_offerings(const std::vector<Offering>& offerings, const std::string& field) {
    if (offerings.empty() || offerings.size() > CompareLimits::max_offerings)
        throw InvalidInput(field, "1 to " + std::to_string(CompareLimits::max_offerings) + " offerings",
                           std::to_string(offerings.size()));
    std::set<std::string> ids;
    for (std::size_t i = 0; i < offerings.size(); ++i)
        if (!ids.insert(offerings[i].effective_id()).second)
            throw InvalidInput(field + "[" + std::to_string(i) + "].id",
                               "unique: \"" + offerings[i].effective_id() + "\" is used twice", 0);
}

/// `o` with its memory set to `memory_mb` when it is a serverless offering; same id.
Offering with_memory(const Offering& o, int memory_mb) {
    Offering out = o;
    out.id = o.effective_id();
    std::visit(
        [memory_mb](auto& c) {
            if constexpr (requires { c.memory_mb; }) c.memory_mb = memory_mb;
        },
        out.config);
    return out;
}

}  // namespace

void evaluate_totals(const CostModel& model, double factor, const Eigen::ArrayXd& r, Eigen::Ref<Eigen::ArrayXd> out) {
    if (out.size() != r.size())
        throw InvalidInput("out", "as long as requests_per_month (" + std::to_string(r.size()) + ")",
                           std::to_string(out.size()));
    detail::require_range_open_low(factor, 0, 1e6, "factor");
    if (r.size() == 0) return;
    for (Eigen::Index j = 0; j < r.size(); ++j)
        if (!std::isfinite(r[j]) || r[j] < 0.0)
            throw InvalidInput("requests_per_month[" + std::to_string(j) + "]", "finite and >= 0",
                               detail::format_number(r[j]));
    const double lo = r.minCoeff(), hi = r.maxCoeff();
    const PreparedModel prepared(model, factor, lo, hi);
    const bool ascending = std::is_sorted(r.data(), r.data() + r.size());
    std::size_t piece = 0;
    for (Eigen::Index j = 0; j < r.size(); j += kBlock) {
        const Eigen::Index len = std::min(kBlock, r.size() - j);
        if (ascending) prepared.evaluate_ascending(r.segment(j, len), out.segment(j, len), piece);
        else prepared.evaluate_any_order(r.segment(j, len), out.segment(j, len));
    }
}

Curves cost_curves(const Workload& workload, const std::vector<Offering>& offerings, const Catalog& catalog,
                   const CurveGrid& grid, const CurrencyOptions& currency) {
    grid.validate("grid.");
    currency.validate();
    require_offerings(offerings, "offerings");
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

Sweep sweep(const Workload& workload, const std::vector<Offering>& offerings, const Catalog& catalog,
            const SweepGrid& grid, const CurrencyOptions& currency) {
    grid.validate("sweep.");
    currency.validate();
    require_offerings(offerings, "offerings");
    workload.validate();
    const std::vector<double> durations = grid.duration_ms.empty() ? std::vector<double>{workload.duration_ms}
                                                                   : grid.duration_ms;
    const std::vector<int> memories = grid.memory_mb.empty() ? std::vector<int>{0} : grid.memory_mb;
    const Eigen::Index n = Eigen::Index(grid.requests_per_second.size());
    Eigen::ArrayXd r(n);
    for (Eigen::Index j = 0; j < n; ++j) r[j] = grid.requests_per_second[std::size_t(j)] * kSecondsPerMonth;

    Sweep s;
    s.currency = currency.currency;
    for (const Offering& o : offerings) s.ids.push_back(o.effective_id());
    s.cells.reserve(std::size_t(n) * durations.size() * memories.size());
    Eigen::ArrayXXd totals(n, Eigen::Index(offerings.size()));
    for (int memory : memories) {
        for (double duration : durations) {
            Workload w = workload;
            w.duration_ms = duration;
            for (std::size_t i = 0; i < offerings.size(); ++i) {
                const Offering o = memory > 0 ? with_memory(offerings[i], memory) : offerings[i];
                try {
                    o.validate();
                } catch (const InvalidInput& e) {
                    throw InvalidInput("sweep.memory_mb", "a memory size every serverless offering accepts: \"" +
                                                              s.ids[i] + "\": " + e.what(), 0);
                }
                const CostModel m = CostModel::build(w, o, catalog);
                evaluate_totals(m, conversion_factor(m.currency(), currency), r, totals.col(Eigen::Index(i)));
            }
            for (Eigen::Index j = 0; j < n; ++j) {
                SweepCell cell;
                cell.requests_per_second = grid.requests_per_second[std::size_t(j)];
                cell.duration_ms = duration;
                cell.memory_mb = memory;
                cell.totals.reserve(offerings.size());
                for (Eigen::Index i = 0; i < totals.cols(); ++i) {
                    cell.totals.push_back(totals(j, i));
                    if (totals(j, i) < cell.totals[cell.cheapest]) cell.cheapest = std::size_t(i);  // first of equals
                }
                s.cells.push_back(std::move(cell));
            }
        }
    }
    return s;
}

}  // namespace costsim
