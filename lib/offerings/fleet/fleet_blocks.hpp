#pragma once
// Building blocks of the fleet-shaped cost models (VM fleets today; Fargate tasks and Lambda
// Managed Instances reuse them): each looks up its prices, checks their currency against the
// bill's (`d.currency`, set from the instance entry first) and adds components and conventions to
// a model. Blocks take plain values, not an offering's config, so that any kind can call them.
// Errors name the offering's fields relative to it ("region", "capacity_rps"); build_data adds
// the offering's path. Formulas and sources: Design/pricing-model.md#vm-fleets.
#include "offerings/model_building.hpp"

#include <costsim/fleet_scaling.hpp>
#include <costsim/offering.hpp>
#include <costsim/traffic.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace costsim::detail::fleet {

class FleetPlan;  // scaling.cpp

/// A fleet component of one segment. `name` and `unit` are literals or live in the model's TextArena.
inline Component fleet_component(std::string_view name, std::string_view unit, FleetSegment segment,
                                 std::vector<Band> bands) {
    Component comp;
    comp.shape = Component::Shape::fleet;
    comp.name = name;
    comp.unit = unit;
    comp.segments.push_back(segment);
    comp.bands = std::move(bands);
    return comp;
}

/// A fleet's instance-hours a month: exact step functions of R (one segment per distinct interval
/// sizing), or an autoscaling simulation's curve. Every fleet block (usage, storage, public IPv4,
/// reserved upfront, OCI A1 usage) bills the same instance-hours, each scaled by its own factor.
struct InstanceHours {
    std::vector<FleetSegment> segments;            ///< hours: instance-hours per instance of the segment
    std::shared_ptr<const QuantityCurve> curve{};  ///< set: simulated, quantity(R) instance-hours
    /// Instance-hours of one instance running `hours` a month (the fleet without a profile).
    static InstanceHours one_segment(FleetSegment s) { return {{s}, nullptr}; }
};

/// A component billing `factor` units per instance-hour of `hours` (GB-months: storage_gb / 730).
Component fleet_component(std::string_view name, std::string_view unit, const InstanceHours& hours, double factor,
                          std::vector<Band> bands);

// ---- Instance look-up (instance_lookup.cpp) ----

/// `s` in lower case (ASCII).
std::string lower(std::string_view s);

/// The catalog entry of `provider`'s instance type `name` in `region`, matched case-insensitively
/// (Azure also accepts the "Standard_" prefix). \throws PriceNotFound: field "region" listing the
/// provider's regions and the closest one, or "instance" naming the three closest types.
const PriceEntry& find_instance(const Catalog& catalog, const std::string& provider, const std::string& region,
                                const std::string& name);

/// vCPUs an instance entry gives the workload: its vcpu, times 2 for an OCI x86 shape (OCPUs).
double vcpus_of(const PriceEntry& instance);

/// Conventions instance_type, instance_price_id, vcpus_per_instance and, on OCI, ocpu_rule.
void add_instance_conventions(CostModel::Data& d, const PriceEntry& instance, double vcpus);

// ---- Sizing to segments (sizing.cpp) ----

/// Requests a second one instance serves at 100 % utilisation, and where that figure came from.
struct InstanceCapacity {
    double rps = 0.0;               ///< 0: unknown (the fleet is not sized from traffic)
    bool given = false;             ///< the user's capacity_rps (errors then name capacity_rps)
    double cpu_ms_per_request = 0;  ///< otherwise derived from this (errors name workload.cpu_ms_per_request)
    std::string_view source;        ///< the capacity_source convention (a literal or in the arena)
};

/// Capacity: `capacity_rps` when given, else vcpus x 1,000 / cpu_ms_per_request (capped at the
/// capacity_rps bound, 1e7) when cpu_ms_per_request > 0, else unknown.
InstanceCapacity instance_capacity(TextArena& text, std::optional<double> capacity_rps, double vcpus,
                                   double cpu_ms_per_request);

/// How the instance count follows traffic.
struct SizingRule {
    std::optional<int> count{};  ///< a fixed count: the capacity is checked, not sized from
    int min_instances = 1;
    double target_utilization = 0.7;          ///< (0, 1]
    double hours_per_month = kHoursPerMonth;  ///< hours the fleet runs, all requests arrive then
    double peak_to_mean = 1.0;                ///< the workload's
    bool billed_per_month = false;            ///< monthly plans: an instance is billed a full month (hours 1)
};

/// A fleet sized for its peak.
struct SizedFleet {
    FleetSegment instances;            ///< billed hours (1 a month on monthly plans) x instances(R)
    double min_instances = 1.0;        ///< the floor: the fixed count, or min_instances
    double instances_per_request = 0;  ///< peak_to_mean / (run_seconds x capacity x utilisation); 0: not sized
    double run_seconds = 0.0;          ///< hours_per_month x 3,600
    std::string_view count_rule;       ///< the count_rule convention (a literal)
    bool fixed_count = false;
};

/// Sizes the fleet: instances = max(min, ceil(R x instances_per_request)), peak rps =
/// R / run_seconds x peak_to_mean. \throws InvalidInput ("capacity_rps" or
/// "workload.cpu_ms_per_request", with the least value that works) when more than 1e15 instances
/// would be needed at the largest traffic a workload may have, and ("capacity_rps") when a fixed
/// fleet with a given capacity would run above 1e15 times its capacity there.
SizedFleet size_fleet(const InstanceCapacity& capacity, const SizingRule& rule);

/// Conventions fleet_hours_per_month, monthly_plan, count_rule, capacity_rps, capacity_source,
/// target_utilization, min_instances, peak_to_mean, sized_for and traffic_window.
void add_sizing_conventions(CostModel::Data& d, const InstanceCapacity& capacity, const SizingRule& rule,
                            const SizedFleet& sized);

/// What a fleet bill's traffic-dependent conventions and flags need (copied into `annotate`).
struct FleetBillFacts {
    double run_seconds = 0.0;
    double peak_to_mean = 1.0;
    double capacity_rps = 0.0;  ///< 0: unknown, no utilisation
    bool fixed_count = false;
    std::optional<double> baseline_share{};  ///< burstable instances: the CPU share they sustain
    bool surplus_credits_billed = false;     ///< burst beyond credits is billed (AWS unlimited), not throttled
    /// Under a traffic profile or a given schedule: the fleet over time (counts, at-risk figures,
    /// the "instances" series); null: the count is the first component's quantity / its hours.
    std::shared_ptr<const FleetPlan> plan{};
};

/// Adds instances, mean_rps_while_running, peak_rps, public_ipv4_addresses and
/// utilization_at_peak to `bill`, and the single_instance, over_capacity and above_baseline flags.
/// The count is read from the model's first component (instance-hours, or A1 OCPU-hours).
void annotate_fleet_bill(const FleetBillFacts& facts, const CostModel::Data& data, double requests_per_month,
                         Bill& bill);

// ---- Scaling under a traffic profile (scaling.cpp) ----

/// What a fleet does over its traffic profile at one monthly level (simulated per interval).
struct FleetTimeline {
    double instance_hours = 0.0;        ///< a month, with the 60 s minimum per launch
    double mean_instances = 0.0;        ///< running, over time
    double peak_instances = 0.0;        ///< running
    double mean_serving = 0.0;          ///< serving (launched at least scale_out_delay_s ago)
    std::size_t intervals = 0;          ///< of the period
    std::size_t intervals_at_risk = 0;  ///< where demand exceeded serving x capacity_rps at some time
    double requests_at_risk = 0.0;      ///< a month: the requests above serving x capacity_rps
    double requests = 0.0;              ///< a month
    BillSeries instances{};             ///< running instances, max per value (when asked)
};

/// How a fleet follows its traffic: each interval's desired count at R,
/// min(cap, max(floor_i, ceil(R x per_request_i))), and the delays of an autoscaled fleet.
/// Immutable; shared by the components and the bill's annotations. Nothing is kept per interval
/// beyond the profile's shared rates (and one byte of hour of week under a schedule), so a fleet
/// adds no memory that grows with the profile.
class FleetPlan {
  public:
    struct Interval {
        double per_request = 0.0;  ///< instances per request a month (0: the floor only)
        double floor = 1.0;
    };
    /// Each interval's sizing: proportional to its rate (autoscale: per_request_i = rate_i x
    /// per_rate, floor `floor`), else one of a few values (static: one; schedule: one per hour of
    /// week, `slot_of` naming each interval's, empty when every interval has slot 0).
    struct Sizing {
        double per_rate = 0.0;  ///< > 0: proportional to the rates
        double floor = 1.0;
        std::vector<Interval> slots{};
        std::vector<std::uint8_t> slot_of{};
    };
    /// `rates_per_request`: the profile's shared rates (TrafficProfile::shared_rates), not copied.
    FleetPlan(Sizing sizing, std::shared_ptr<const std::vector<double>> rates_per_request, double interval_s,
              double month_factor, double cap, double capacity_rps, double scale_out_delay_s, double scale_in_delay_s);

    /// Simulates the period twice (the second pass is measured, so a fleet carried over from the
    /// period's end is as it would be every week) at `requests_per_month`.
    [[nodiscard]] FleetTimeline simulate(double requests_per_month, bool with_series) const;
    /// Exact segments: one per distinct (per_request, floor), hours summed (delays not modelled).
    [[nodiscard]] std::vector<FleetSegment> segments() const;
    [[nodiscard]] std::size_t intervals() const noexcept { return rates_->size(); }
    /// Interval i's sizing.
    [[nodiscard]] Interval interval(std::size_t i) const noexcept {
        if (sizing_.per_rate > 0.0) return {(*rates_)[i] * sizing_.per_rate, sizing_.floor};
        return sizing_.slots[sizing_.slot_of.empty() ? 0 : sizing_.slot_of[i]];
    }

  private:
    /// The desired counts at `r` of intervals [from, from + count), indices taken mod the period,
    /// into `out`; `slot_counts`: each slot's count at `r`.
    void desired(double r, const double* slot_counts, std::size_t from, std::size_t count, double* out) const noexcept;

    Sizing sizing_;
    std::shared_ptr<const std::vector<double>> rates_;  ///< req/s per request a month, per interval
    double interval_s_, month_factor_, cap_, capacity_rps_, out_delay_s_, in_delay_s_;
};

/// A fleet under its scaling: instance-hours a month for every block, the plan for the bill.
struct ScaledFleet {
    InstanceHours hours;
    std::shared_ptr<const FleetPlan> plan{};  ///< null: no profile and no given schedule (as before scaling)
    std::string_view rule;                    ///< the scaling_rule convention (a literal)
};

/// The peak_to_mean a fleet is sized with: the profile's peak interval rate / mean rate, or the
/// workload's scalar without a profile.
double sizing_peak_to_mean(const Workload& w);

/// Checks the scaling against the workload and the fleet. \throws InvalidInput naming
/// "scaling.mode" (schedule derived and autoscale need workload.traffic and a known capacity; a
/// monthly plan is static), "hours_per_month" (730 under a profile).
void check_scaling(const Workload& w, const FleetScaling& scaling, const InstanceCapacity& capacity,
                   const SizingRule& rule);

/// The fleet's instance-hours under `scaling` (sized already for the peak: `sized`).
ScaledFleet scale_fleet(const Workload& w, const FleetScaling& scaling, const InstanceCapacity& capacity,
                        const SizingRule& rule, const SizedFleet& sized);

/// Adds a fleet's figures over its profile at R to `bill`: instance_hours, mean_instances,
/// peak_instances, intervals, and with a known capacity intervals_at_risk, requests_at_risk and
/// the at_risk flag; the "instances" series. Returns the peak count. (annotate_fleet_bill does
/// this for a fleet with a plan; kinds with their own annotations call it.)
double annotate_timeline(const FleetPlan& plan, double capacity_rps, double requests_per_month, Bill& bill);

/// Conventions scaling_mode, scaling_rule, max_instances and the delays.
void add_scaling_conventions(CostModel::Data& d, const FleetScaling& scaling, const ScaledFleet& scaled);

/// The fleet's peak count at R: from the plan when there is one, else the first component's
/// quantity / its first segment's hours (a single-segment fleet).
double peak_instances(const CostModel::Data& data, const std::shared_ptr<const FleetPlan>& plan, double r);

// ---- Purchase discounts (purchase.cpp) ----

/// The price of an instance-hour under a purchase option.
struct PurchasePrice {
    PurchaseOption option = PurchaseOption::on_demand;
    ReservedPayment payment = ReservedPayment::no_upfront;
    const PriceEntry* reserved = nullptr;        ///< the published reserved rate, when the catalog has one
    const PriceEntry* discount_entry = nullptr;  ///< the flat fallback (aws.ec2.global.purchase.*), else null
    double discount = 0.0;                       ///< fraction off on-demand (fallback only)
    double on_demand = 0.0;                      ///< the instance's on-demand unit price
    double unit_price = 0.0;                     ///< after the purchase option
    std::string_view label;                      ///< "on-demand", "spot", "1yr", "1yr partial upfront"
    std::string_view note;                       ///< the usage band's note
    std::string_view approximation;              ///< the purchase_approximation flag's message; empty: none

    [[nodiscard]] bool reservation() const noexcept {
        return option == PurchaseOption::one_year || option == PurchaseOption::three_year;
    }
};

/// Prices `instance` under `option`: for 1yr/3yr its published rate
/// "<instance id>.reserved.<term>.<payment>" when the catalog has one, else (and for spot) the
/// flat fraction off on-demand aws.ec2.global.purchase.<option>, flagged as an approximation.
/// \throws PriceNotFound ("payment") for partial/all upfront without a published rate (the
/// fallback stands for no_upfront only), ("purchase") without the fallback entry.
PurchasePrice price_purchase(CostModel::Data& d, const Catalog& catalog, const PriceEntry& instance,
                             PurchaseOption option, ReservedPayment payment, std::string_view region);

/// The bands of the usage component `name` at the purchase price.
std::vector<Band> purchase_bands(TextArena& text, std::string_view name, const PriceEntry& instance,
                                 const PurchasePrice& price);

/// A reservation's upfront payment spread over its term: upfront / (12 or 36) per instance-month,
/// a component of its own. Adds nothing without an upfront payment.
void add_reserved_upfront(CostModel::Data& d, const PurchasePrice& price, std::string_view instance_name,
                          const FleetSegment& instances);
/// The same for a fleet of `hours` instance-hours a month run over `run_hours`: instance-months =
/// instance-hours / run_hours (the mean count under a traffic profile).
void add_reserved_upfront(CostModel::Data& d, const PurchasePrice& price, std::string_view instance_name,
                          const InstanceHours& hours, double run_hours);

/// Conventions purchase_option, purchase_payment, purchase_rate, reserved_upfront_per_instance,
/// reserved_term_months, reservation_hours (reservations only) and unit_price_after_discount.
void add_purchase_conventions(CostModel::Data& d, const PurchasePrice& price, double hours_per_month);

// ---- Public IPv4 (public_ipv4.cpp) ----

/// The catalog id of a provider's public IPv4 address-hour (OCI and Sakura list it at 0).
std::string_view public_ipv4_id(std::string_view provider);

/// The provider's public IPv4 address-hour price. \throws PriceNotFound ("provider").
const PriceEntry& public_ipv4_price(const CostModel::Data& d, const Catalog& catalog, std::string_view provider);

/// One public IPv4 address per instance: address-hours = instance-hours (also on monthly plans).
/// `name` is a literal or lives in the model's TextArena.
void add_public_ipv4_per_instance(CostModel::Data& d, const Catalog& catalog, std::string_view provider,
                                  const InstanceHours& hours,
                                  std::string_view name = "Public IPv4 addresses (one per instance)");

/// Conventions public_ipv4_per_instance and public_ipv4_rule.
void add_public_ipv4_conventions(CostModel::Data& d, bool per_instance);

// ---- Load balancer (load_balancer.cpp) ----

/// An internet-facing Application Load Balancer in `region` for `hours_per_month`: ALB hours,
/// LCU-hours = R x max(new connections per request / 90,000, processed GB per request), and one
/// public IPv4 per AZ; with the conventions lcu_rule, lcu_hours_per_request, load_balancer_azs
/// and lcu_binding_dimension. \throws PriceNotFound ("provider", "region").
void add_application_load_balancer(CostModel::Data& d, const Catalog& catalog, const Workload& w,
                                   std::string_view region, int azs, double hours_per_month);

// ---- Storage (storage.cpp) ----

/// Refuses block storage on a provider the catalog has no block storage prices for (aws only).
/// \throws InvalidInput ("storage_gb").
void require_block_storage_prices(std::string_view provider, double storage_gb);

/// EBS gp3 volumes of `storage_gb` per instance, living and dying with the instances: GB-months =
/// storage_gb x instance-hours / 730. \throws PriceNotFound ("region").
void add_ebs_gp3_storage(CostModel::Data& d, const Catalog& catalog, std::string_view region,
                         const InstanceHours& hours, double storage_gb);

/// Convention storage_rule (when storage_gb > 0).
void add_storage_conventions(CostModel::Data& d, double storage_gb);

// ---- Provider quirks (provider_quirks.cpp) ----

/// Sakura (and any entry priced per "month"): a monthly plan, billed a full month per instance.
bool is_monthly_plan(const PriceEntry& instance);

/// OCI's VM.Standard.E2.1.Micro: exists only as Always Free, two per tenancy, no paid price.
bool is_oci_always_free_micro(const PriceEntry& instance);

/// Refuses an E2.1.Micro fleet that $0 would misprice: free_tier off, a count above 2, a fleet
/// sized from traffic, min_instances above 2. \throws InvalidInput naming the field.
void check_oci_always_free_micro(std::string_view shape, bool free_tier, std::optional<int> count, int min_instances,
                                 bool sized_from_traffic);

/// Convention always_free for the E2.1.Micro.
void add_oci_always_free_micro_convention(CostModel::Data& d);

/// The Always Free A1 OCPU-hour allowance when it applies (an A1 Flex shape with `free_tier`,
/// and the catalog lists it), else null.
const PriceEntry* oci_a1_free_ocpu_hours(const Catalog& catalog, const PriceEntry& instance, bool free_tier);

/// An A1 fleet under OCI Always Free: OCPU-hours after the first 3,000 and GB-hours after the
/// first 18,000 a month, two components instead of instance-hours; and convention always_free.
void add_oci_a1_always_free_usage(CostModel::Data& d, const Catalog& catalog, const PriceEntry& instance,
                                  const InstanceHours& hours, const PriceEntry& free_ocpu_hours);

}  // namespace costsim::detail::fleet
