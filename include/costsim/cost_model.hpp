#pragma once
/// How an offering is priced: a CostModel is an offering resolved against a catalog for one
/// workload shape. Its cost is a function of one variable, the month's requests R, built from
/// components whose quantity is affine in R (clamped) or a fleet step function of R, each priced
/// on bands (free allowance, then catalog tiers). Bills, curves and break-even points all come
/// from these same components. Design/pricing-model.md#cost-model.

#include <costsim/bill.hpp>
#include <costsim/catalog.hpp>
#include <costsim/offering.hpp>
#include <costsim/workload.hpp>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace costsim {

/// A price band of a component: quantities in [from, up_to) cost unit_price each.
/// Its text views string literals or text the cost model owns (built models keep it in their
/// data, so building copies no string per band): valid while the model, or a bill of it, lives.
struct Band {
    double from = 0.0;
    double up_to = kUnbounded;
    double unit_price = 0.0;
    std::string_view name;  ///< the line item's name: "Duration (x86_64), tier 2 (...)"
    std::string_view price_id;
    std::string_view note;                           ///< "free tier: first 1,000,000 request per month", ...
    Confidence confidence = Confidence::unverified;  ///< of the entries the unit price comes from
    /// Those of the entries marked unverified, comma-separated (empty: `price_id` when this band
    /// is unverified): the bill's "unverified_price" flag lists them.
    std::string_view unverified_ids{};
};

/// One fleet segment: `hours` at
/// `instances = min(max_instances, max(min_instances, ceil(R * instances_per_request)))`.
struct FleetSegment {
    double hours = 0.0;
    double min_instances = 1.0;
    double instances_per_request = 0.0;  ///< 1 / (monthly requests one instance carries); 0 = fixed
    double max_instances = kUnbounded;   ///< an autoscaling group's cap
};

/// A quantity that is no closed-form function of R: an autoscaled fleet with delays, cold starts
/// or throttling under a traffic profile, found by simulating the profile at R. Immutable and
/// safe to evaluate from several threads. Engines evaluate it pointwise (no kinks are known), so a
/// break-even point involving one is found numerically, within a stated tolerance.
class QuantityCurve {
  public:
    QuantityCurve() = default;
    QuantityCurve(const QuantityCurve&) = delete;
    QuantityCurve& operator=(const QuantityCurve&) = delete;
    virtual ~QuantityCurve() = default;
    /// The quantity at `requests_per_month` (>= 0).
    [[nodiscard]] virtual double quantity(double requests_per_month) const = 0;
    /// How it is computed, for reports: "autoscaling simulation over 44,640 intervals".
    [[nodiscard]] virtual std::string_view method() const noexcept = 0;
    /// The work of one quantity() call, in profile intervals: engines bound a request's work
    /// (points x intervals) with it.
    [[nodiscard]] virtual std::size_t intervals() const noexcept { return 1; }
};

/// A billable dimension. Affine: quantity = clamp(per_request * R + fixed, lower, upper).
/// Fleet: quantity = fixed + sum over segments of hours * instances(R) (instance-hours).
/// Simulated: quantity = fixed + per_request * curve->quantity(R) (per_request scales a curve
/// shared by several components: instance-hours, their storage and their IPv4 addresses).
/// Its text, like its bands', views string literals or text the cost model owns.
struct Component {
    enum class Shape { affine, fleet, simulated };
    Shape shape = Shape::affine;
    std::string_view name;  ///< "Duration (x86_64)", "Data transfer out to the internet", ...
    std::string_view unit;  ///< "GB-second", "request", "instance-hour", ...
    double per_request = 0.0;
    double fixed = 0.0;
    double lower = 0.0;
    double upper = kUnbounded;
    std::vector<FleetSegment> segments;
    std::shared_ptr<const QuantityCurve> curve{};  ///< simulated only
    std::vector<Band> bands;                       ///< contiguous from 0; the last is unbounded

    [[nodiscard]] double quantity(double requests_per_month) const noexcept;
    [[nodiscard]] double cost(double requests_per_month) const noexcept;
    /// Values of R in (lo, hi) where this component's cost changes slope or jumps, ascending.
    /// Fleet steps are included; a simulated component has none known (see exact()).
    /// \throws LimitExceeded if there are more than `max_points`.
    void kinks(double lo, double hi, std::vector<double>& out, std::size_t max_points) const;
    /// Whether kinks() tells every change of slope or jump (affine and fleet shapes).
    [[nodiscard]] bool exact() const noexcept { return shape != Shape::simulated; }
};

/// A VM fleet's size at one traffic level and, for a fixed count whose capacity is known, the
/// traffic where it runs out. Design/pricing-model.md#capacity-and-fleet-size.
struct FleetSize {
    std::string offering_id;
    double instances = 0.0;              ///< at the traffic asked
    bool fixed_count = false;            ///< `count` given (the fleet does not grow with traffic)
    int load_balancer_azs = 0;           ///< 0: no load balancer
    double public_ipv4_addresses = 0.0;  ///< instances' (if any) + the load balancer's (one per AZ)
    double capacity_rps = 0.0;           ///< one instance at 100 % utilisation; 0 = unknown
    /// Mean requests a month above which the peak exceeds instances x capacity_rps: set for a
    /// fixed count with a known capacity, kUnbounded otherwise (sized fleets grow; unknown capacity).
    double runs_out_at_requests_per_month = kUnbounded;
    double runs_out_at_requests_per_second = kUnbounded;
    [[nodiscard]] bool runs_out() const noexcept { return runs_out_at_requests_per_month != kUnbounded; }
};

/// Resolved pricing of one offering for one workload shape; cheap to evaluate at any traffic.
class CostModel {
  public:
    /// Validates workload and offering, looks every price up in the catalog. `offering_field` is
    /// where the offering sits in the caller's input ("offering.", "offerings[1]."): errors about
    /// its fields name the whole path ("offering.region").
    /// \throws InvalidInput, PriceNotFound
    static CostModel build(const Workload& workload, const Offering& offering, const Catalog& catalog,
                           const std::string& offering_field = "");

    /// The itemised bill at `requests_per_month` (the workload's own traffic if negative).
    [[nodiscard]] Bill bill(double requests_per_month = -1.0) const;
    /// The bill's total at `requests_per_month`, without building line items.
    [[nodiscard]] double total(double requests_per_month) const noexcept;

    [[nodiscard]] const std::string& id() const noexcept;
    [[nodiscard]] const std::string& kind() const noexcept;
    [[nodiscard]] const std::string& currency() const noexcept;
    [[nodiscard]] bool usage_priced() const noexcept;
    [[nodiscard]] const std::vector<Component>& components() const noexcept;
    [[nodiscard]] double workload_requests_per_month() const noexcept;
    /// A VM fleet's size at `requests_per_month` (the workload's own if negative); empty for
    /// other offerings.
    [[nodiscard]] std::optional<FleetSize> fleet_size(double requests_per_month = -1.0) const;

    /// The model's shared data (components, strings). Public for the engines in this library.
    struct Data;
    [[nodiscard]] const Data& data() const noexcept { return *data_; }
    /// A model from hand-built data (costsim/detail/cost_model_data.hpp): for tests and engines.
    static CostModel from_data(Data data);

  private:
    explicit CostModel(std::shared_ptr<const Data> data) : data_(std::move(data)) {}
    std::shared_ptr<const Data> data_;
};

/// One bill for a workload on an offering: CostModel::build(...).bill().
Bill price(const Workload& workload, const Offering& offering, const Catalog& catalog);

}  // namespace costsim
