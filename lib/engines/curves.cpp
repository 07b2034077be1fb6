// Cost curves and parameter sweeps with Eigen arrays. A model's affine components become a few
// linear pieces (exact between kinks, values from Component::cost), its fleet components are
// evaluated vectorised with the bill's own step rule. Design/pricing-model.md#curves.
#include <costsim/curves.hpp>
#include <costsim/offering_kinds.hpp>
#include <costsim/detail/cost_model_data.hpp>

#include "engines/piecewise_cost.hpp"
#include "core/validation.hpp"

#include <algorithm>
#include <limits>
#include <memory>
#include <optional>
#include <set>

namespace costsim {

namespace {

/// Points evaluated together: a block and its temporaries stay in L1.
constexpr Eigen::Index kBlock = 1024;
/// Above this many fleet steps in one block, the vectorised step rule beats finding each step.
constexpr double kMaxWalkedSteps = 16;
using BlockArray = Eigen::Array<double, Eigen::Dynamic, 1, Eigen::ColMajor, kBlock, 1>;
using ConstSegment = Eigen::Ref<const Eigen::ArrayXd>;
using Segment = Eigen::Ref<Eigen::ArrayXd>;

/// A model ready to be evaluated at any traffic, in the report currency. Fleet components that
/// do not depend on traffic are folded into the pieces; a fleet of one segment priced on one band
/// from 0 (every VM) is evaluated in the same pass as the pieces.
class PreparedModel {
  public:
    PreparedModel(const CostModel& model, double factor)
        : pieces_(detail::AffinePieces::build(model.components(), 0.0, kUnbounded)) {
        double constant = 0.0;  // in the report currency
        std::vector<Component> simulated;
        for (const Component& c : model.components()) {
            if (c.shape == Component::Shape::simulated) simulated.push_back(c);
            if (c.shape != Component::Shape::fleet) continue;
            const bool fixed = std::all_of(c.segments.begin(), c.segments.end(),
                                           [](const FleetSegment& s) { return s.instances_per_request <= 0.0; });
            if (fixed) {
                constant += c.cost(0.0) * factor;
            } else if (c.segments.size() == 1 && c.segments[0].max_instances == kUnbounded && c.bands.size() == 1 &&
                       c.bands[0].from == 0.0 && !simple_) {
                // price x (fixed + hours x instances)
                const double price = c.bands[0].unit_price * factor;
                constant += price * c.fixed;
                simple_ = SimpleFleet{price * c.segments[0].hours, c.segments[0].min_instances,
                                      c.segments[0].instances_per_request};
            } else {
                Fleet f{c.fixed, c.segments, {}};
                for (const Band& b : c.bands)
                    if (b.unit_price != 0.0) f.bands.push_back({b.from, b.up_to - b.from, b.unit_price * factor});
                fleets_.push_back(std::move(f));
            }
        }
        for (double& v : pieces_.value) v = v * factor + constant;
        for (double& s : pieces_.slope) s *= factor;
        if (!simulated.empty()) simulated_ = std::make_shared<Simulated>(std::move(simulated), factor);
    }

    /// Profile intervals one point costs (0: no simulated component).
    [[nodiscard]] std::size_t simulated_intervals() const noexcept {
        return simulated_ ? simulated_->total.intervals() : 0;
    }

  private:
    /// Simulated components (autoscaling with delays, cold starts), evaluated point by point;
    /// the components live beside the evaluator that views them, so a move keeps the view valid.
    struct Simulated {
        Simulated(std::vector<Component> c, double f) : components(std::move(c)), total(components), factor(f) {}
        std::vector<Component> components;
        detail::SimulatedTotal total;
        double factor;
    };
    struct SimpleFleet {
        double price_per_instance, min_instances, instances_per_request;
    };
    struct PricedBand {
        double from, width, price;
    };
    struct Fleet {
        double fixed;
        std::vector<FleetSegment> segments;
        std::vector<PricedBand> bands;
    };

    [[nodiscard]] std::size_t piece_of(double r) const noexcept {
        const auto it = std::upper_bound(pieces_.start.begin(), pieces_.start.end(), r);
        return std::size_t(std::max<std::ptrdiff_t>(0, it - pieces_.start.begin() - 1));
    }

    /// The fleet rule of Component::quantity, vectorised (detail::fleet_instances).
    static auto instances(const ConstSegment& r, double instances_per_request, double min_instances,
                          double max_instances = kUnbounded) {
        return detail::fleet_instances(r, instances_per_request, min_instances, max_instances);
    }

    [[nodiscard]] auto simple_term(const ConstSegment& r) const {
        return simple_->price_per_instance * instances(r, simple_->instances_per_request, simple_->min_instances);
    }

    void affine(std::size_t p, const ConstSegment& r, Segment out) const {
        out = pieces_.value[p] + pieces_.slope[p] * (r - pieces_.start[p]);
    }

    /// The simple fleet on ascending traffic: its instance count is constant between steps, so
    /// when a block holds only a few steps, find each step with the bill's own predicate (exact)
    /// and add a constant; otherwise evaluate the step rule vectorised.
    void add_simple_ascending(const ConstSegment& r, Segment out) const {
        const SimpleFleet& f = *simple_;
        auto count = [&f](double x) { return detail::fleet_instances(x, f.instances_per_request, f.min_instances); };
        const Eigen::Index n = r.size();
        const double first = count(r[0]), last = count(r[n - 1]);
        if (last - first > kMaxWalkedSteps) {
            out += simple_term(r);
            return;
        }
        const double* begin = r.data();
        double c = first;
        for (Eigen::Index j = 0; j < n;) {
            const Eigen::Index stop =
                c == last ? n
                          : std::partition_point(begin + j, begin + n, [&](double x) { return count(x) <= c; }) - begin;
            out.segment(j, stop - j) += f.price_per_instance * c;
            j = stop;
            if (j < n) c = count(r[j]);
        }
    }

    void add_fleets(const ConstSegment& r, Segment out) const {
        for (const Fleet& f : fleets_) {
            BlockArray q = BlockArray::Constant(r.size(), f.fixed);
            for (const FleetSegment& s : f.segments) {
                if (s.instances_per_request <= 0.0)
                    q += s.hours * s.min_instances;
                else
                    q += s.hours * instances(r, s.instances_per_request, s.min_instances, s.max_instances);
            }
            for (const PricedBand& b : f.bands) out += b.price * (q - b.from).max(0.0).min(b.width);
        }
    }

  public:
    /// out = cost at r, for one block.
    void evaluate(const ConstSegment& r, Segment out, bool ascending) const {
        if (ascending) {
            const double* begin = r.data();
            const Eigen::Index n = r.size();
            std::size_t piece = piece_of(r[0]);
            for (Eigen::Index j = 0; j < n; ++piece) {
                const double end = piece + 1 < pieces_.start.size() ? pieces_.start[piece + 1] : kUnbounded;
                const Eigen::Index stop = std::lower_bound(begin + j, begin + n, end) - begin;
                if (stop > j) affine(piece, r.segment(j, stop - j), out.segment(j, stop - j));
                j = stop;
            }
            if (simple_) add_simple_ascending(r, out);
        } else {
            for (Eigen::Index j = 0; j < r.size(); ++j) {
                const std::size_t p = piece_of(r[j]);
                out[j] = pieces_.value[p] + pieces_.slope[p] * (r[j] - pieces_.start[p]);
            }
            if (simple_) out += simple_term(r);
        }
        add_fleets(r, out);
        if (simulated_)
            for (Eigen::Index j = 0; j < r.size(); ++j) out[j] += simulated_->factor * simulated_->total.total(r[j]);
    }

  private:
    detail::AffinePieces pieces_;
    std::shared_ptr<const Simulated> simulated_;
    std::optional<SimpleFleet> simple_;
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

/// `o` with its "memory_mb" field set to `memory_mb`, for kinds whose descriptor has that field
/// (functions: Lambda, Cloud Run, Azure Functions); other offerings as they are. Same id.
Offering with_memory(const Offering& o, int memory_mb) {
    Offering out = o;
    out.id = o.effective_id();
    if (const FieldInfo* memory = kind_of(out.config).field("memory_mb"))
        memory->set(out.config, static_cast<long long>(memory_mb));
    return out;
}

/// Evaluates prepared models on `r` into outs[i][0 .. r.size()). The grid is taken in chunks that
/// stay in L2: a chunk is checked once, then each model writes its output for the chunk
/// sequentially, block by block (one output stream at a time keeps the stores streaming).
void evaluate_all(const std::vector<PreparedModel>& models, const Eigen::ArrayXd& r, const std::vector<double*>& outs) {
    double work = 0.0;  // profile intervals simulated
    for (const PreparedModel& m : models) work += double(m.simulated_intervals()) * double(r.size());
    if (work > detail::kMaxSimulatedWork)
        throw LimitExceeded("points", "pricing " + detail::format_quantity(double(r.size())) +
                                          " traffic levels would simulate " + detail::format_quantity(work) +
                                          " profile intervals, above the bound of " +
                                          detail::format_quantity(detail::kMaxSimulatedWork) +
                                          " (points x intervals): ask for fewer points or a coarser traffic profile");
    constexpr Eigen::Index kChunk = 32 * kBlock;
    std::vector<char> ascending;
    for (Eigen::Index c = 0; c < r.size(); c += kChunk) {
        const Eigen::Index chunk_end = std::min(r.size(), c + kChunk);
        ascending.clear();
        for (Eigen::Index j = c; j < chunk_end; j += kBlock) {
            const auto block = r.segment(j, std::min(kBlock, chunk_end - j));
            const Eigen::Index len = block.size();
            // vectorised reductions: x * 0 is NaN exactly when x is not finite
            if (!((block * 0.0).sum() == 0.0 && block.minCoeff() >= 0.0)) {
                Eigen::Index bad = 0;
                while (block[bad] >= 0.0 && block[bad] <= std::numeric_limits<double>::max()) ++bad;
                throw InvalidInput("requests_per_month[" + std::to_string(j + bad) + "]", "finite and >= 0",
                                   detail::format_number(block[bad]));
            }
            ascending.push_back(len == 1 || (block.tail(len - 1) - block.head(len - 1)).minCoeff() >= 0.0);
        }
        for (std::size_t i = 0; i < models.size(); ++i) {
            std::size_t k = 0;
            for (Eigen::Index j = c; j < chunk_end; j += kBlock, ++k) {
                const Eigen::Index len = std::min(kBlock, chunk_end - j);
                models[i].evaluate(r.segment(j, len), Eigen::Map<Eigen::ArrayXd>(outs[i] + j, len), ascending[k] != 0);
            }
        }
    }
}

void require_factor(double factor, const std::string& field) { detail::require_range_open_low(factor, 0, 1e6, field); }

}  // namespace

void evaluate_totals(const CostModel& model, double factor, const Eigen::ArrayXd& r, Eigen::Ref<Eigen::ArrayXd> out) {
    if (out.size() != r.size())
        throw InvalidInput("out", "as long as requests_per_month (" + std::to_string(r.size()) + ")",
                           std::to_string(out.size()));
    require_factor(factor, "factor");
    evaluate_all({PreparedModel(model, factor)}, r, {out.data()});  // Ref<ArrayXd> is contiguous
}

void evaluate_totals(const std::vector<CostModel>& models, const std::vector<double>& factors, const Eigen::ArrayXd& r,
                     std::vector<Eigen::ArrayXd>& out) {
    if (factors.size() != models.size())
        throw InvalidInput("factors", "one per model (" + std::to_string(models.size()) + ")",
                           std::to_string(factors.size()));
    std::vector<PreparedModel> prepared;
    prepared.reserve(models.size());
    for (std::size_t i = 0; i < models.size(); ++i) {
        require_factor(factors[i], "factors[" + std::to_string(i) + "]");
        prepared.emplace_back(models[i], factors[i]);
    }
    out.resize(models.size());
    std::vector<double*> outs;
    for (Eigen::ArrayXd& o : out) {
        o.resize(r.size());
        outs.push_back(o.data());
    }
    evaluate_all(prepared, r, outs);
}

Curves cost_curves(const Workload& workload, const std::vector<Offering>& offerings, const Catalog& catalog,
                   const CurveGrid& grid, const CurrencyOptions& currency) {
    grid.validate("grid.");
    currency.validate();
    require_offerings(offerings, "offerings");
    Curves c;
    c.currency = currency.currency;
    c.requests_per_month = requests_per_month(grid);
    std::vector<CostModel> models;
    std::vector<double> factors;
    for (std::size_t i = 0; i < offerings.size(); ++i) {
        models.push_back(CostModel::build(workload, offerings[i], catalog, "offerings[" + std::to_string(i) + "]."));
        c.ids.push_back(models.back().id());
        factors.push_back(conversion_factor(models.back().currency(), currency));
        if (auto fleet = models.back().fleet_size()) c.fleets.push_back(std::move(*fleet));
    }
    evaluate_totals(models, factors, c.requests_per_month, c.totals);
    if (auto flag = geography_flag(offerings)) c.flags.push_back(std::move(*flag));
    return c;
}

SweepSlices::SweepSlices(const Workload& workload, const std::vector<Offering>& offerings, const Catalog& catalog,
                         const SweepGrid& grid, const CurrencyOptions& currency)
    : workload_(workload),
      offerings_(offerings),
      catalog_(&catalog),
      currency_(currency),
      rps_(grid.requests_per_second) {
    grid.validate("sweep.");
    currency.validate();
    require_offerings(offerings, "offerings");
    workload.validate();
    durations_ = grid.duration_ms.empty() ? std::vector<double>{workload.duration_ms} : grid.duration_ms;
    memories_ = grid.memory_mb.empty() ? std::vector<int>{0} : grid.memory_mb;
    blocks_ = (rps_.size() + kTrafficPerSlice - 1) / kTrafficPerSlice;
    for (const Offering& o : offerings) ids_.push_back(o.effective_id());
    if (auto flag = geography_flag(offerings)) flags_.push_back(std::move(*flag));
    // Every model is built once here, so that what would fail fails before the first slice.
    for (std::size_t pair = 0; pair < memories_.size() * durations_.size(); ++pair) {
        build_models(pair);
        // a fleet does not depend on duration or memory: its size once, from the first pair
        if (pair == 0)
            for (const CostModel& m : models_)
                if (auto fleet = m.fleet_size()) fleets_.push_back(std::move(*fleet));
    }
}

std::size_t SweepSlices::slice_count() const noexcept { return blocks_ * durations_.size() * memories_.size(); }

std::size_t SweepSlices::cell_count() const noexcept { return rps_.size() * durations_.size() * memories_.size(); }

void SweepSlices::build_models(std::size_t pair) {
    const std::size_t k = pair / durations_.size();  // memory outer, then duration
    const int memory = memories_[k];
    models_.clear();
    factors_.clear();
    models_pair_ = ~std::size_t{0};
    Workload w = workload_;
    w.duration_ms = durations_[pair % durations_.size()];
    for (std::size_t i = 0; i < offerings_.size(); ++i) {
        const std::string field = "offerings[" + std::to_string(i) + "].";
        const Offering o = memory > 0 ? with_memory(offerings_[i], memory) : offerings_[i];
        if (memory > 0) {
            try {
                o.validate(field);
            } catch (const InvalidInput& e) {
                throw InvalidInput("sweep.memory_mb[" + std::to_string(k) + "]",
                                   "sweep.memory_mb[" + std::to_string(k) +
                                       "] must be a memory size every "
                                       "serverless offering accepts: " +
                                       e.what(),
                                   0);
            }
        }
        models_.push_back(CostModel::build(w, o, *catalog_, field));
        factors_.push_back(conversion_factor(models_.back().currency(), currency_));
    }
    models_pair_ = pair;
}

void SweepSlices::slice(std::size_t k, std::vector<SweepCell>& cells) {
    const std::size_t pair = k / blocks_;
    const int memory = memories_[pair / durations_.size()];
    const double duration = durations_[pair % durations_.size()];
    if (pair != models_pair_) build_models(pair);
    const std::size_t first = (k % blocks_) * kTrafficPerSlice;
    const std::size_t last = std::min(rps_.size(), first + kTrafficPerSlice);
    const auto n = Eigen::Index(last - first);
    Eigen::ArrayXd r(n);
    for (Eigen::Index j = 0; j < n; ++j) r[j] = rps_[first + std::size_t(j)] * kSecondsPerMonth;
    Eigen::ArrayXXd totals(n, Eigen::Index(models_.size()));
    for (std::size_t i = 0; i < models_.size(); ++i)
        evaluate_totals(models_[i], factors_[i], r, totals.col(Eigen::Index(i)));
    cells.resize(std::size_t(n));
    for (Eigen::Index j = 0; j < n; ++j) {
        SweepCell& cell = cells[std::size_t(j)];
        cell.requests_per_second = rps_[first + std::size_t(j)];
        cell.duration_ms = duration;
        cell.memory_mb = memory;
        cell.cheapest = 0;
        cell.totals.clear();
        cell.totals.reserve(models_.size());
        for (Eigen::Index i = 0; i < totals.cols(); ++i) {
            cell.totals.push_back(totals(j, i));
            if (totals(j, i) < cell.totals[cell.cheapest]) cell.cheapest = std::size_t(i);  // first of equals
        }
    }
}

Sweep sweep(const Workload& workload, const std::vector<Offering>& offerings, const Catalog& catalog,
            const SweepGrid& grid, const CurrencyOptions& currency) {
    SweepSlices slices(workload, offerings, catalog, grid, currency);
    Sweep s;
    s.currency = slices.currency();
    s.ids = slices.ids();
    s.fleets = slices.fleets();
    s.flags = slices.flags();
    s.cells.reserve(slices.cell_count());
    std::vector<SweepCell> cells;
    for (std::size_t k = 0; k < slices.slice_count(); ++k) {
        slices.slice(k, cells);
        for (SweepCell& c : cells) s.cells.push_back(std::move(c));
    }
    return s;
}

}  // namespace costsim
