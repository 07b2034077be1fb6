// Cold starts of multi-request instances and Flex's per-interval always-ready split under a
// traffic profile. Formulas and sources:
// Design/pricing-model.md#cold-starts-and-always-ready-under-a-profile.
#include "offerings/serverless_traffic.hpp"

#include "core/validation.hpp"  // format_quantity

#include <algorithm>
#include <string>

namespace costsim::detail {

namespace {
/// No limit and no scaling rate for these kinds: a bucket and a limit nothing reaches.
constexpr double kNoLimit = 1e15;
}  // namespace

std::shared_ptr<const ConcurrencyRuns> instance_cold_start_runs(std::shared_ptr<const TrafficProfile> profile,
                                                                const InstanceColdStartParams& p) {
    ConcurrencyParams q;
    q.duration_s = p.duration_s / std::max(1, p.per_instance);
    q.keep_alive_s = p.keep_alive_s;
    q.recycle_s = kUnbounded;  // no forced recycling is documented for these platforms
    q.limit = kNoLimit;
    q.burst = kNoLimit;
    q.refill_per_s = kNoLimit;
    q.cold_share_override = p.cold_share;
    if (p.always_warm > 0) q.provisioned_by_hour.assign(OfferingLimits::lambda_schedule_hours, p.always_warm);
    auto model = std::make_shared<const ConcurrencyModel>(std::move(profile), std::move(q));
    return std::make_shared<const ConcurrencyRuns>(std::move(model));
}

void add_instance_cold_starts(CostModel::Data& d, std::shared_ptr<const ConcurrencyRuns> runs,
                              const InstanceColdStartParams& p) {
    d.conventions.push_back({"keep_alive_s", p.keep_alive_s, {}});
    d.conventions.push_back({"keep_alive_source", 0.0, p.keep_alive_source});
    d.conventions.push_back({"cold_start_instance_concurrency", double(p.per_instance), {}});
    d.conventions.push_back({"cold_start_rule", 0.0,
                             "cold starts are instance starts: the Lambda cold-start model run on instances of "
                             "cold_start_instance_concurrency requests each (environments = concurrency / that), "
                             "always-warm instances first, no recycling"});
    d.conventions.push_back({"startup_billing", 0.0, p.startup_rule});
    if (p.billed_startup_s > 0) d.conventions.push_back({"billed_startup_ms", p.billed_startup_s * 1000.0, {}});
    d.conventions.push_back(
        {"cold_start_source", 0.0,
         p.cold_share > 0 ? std::string_view("workload.cold_start_percent (given: it overrides the traffic profile's)")
                          : std::string_view("derived from the traffic profile and keep_alive_s")});
    const double startup_s = p.billed_startup_s;
    d.annotate = [previous = std::move(d.annotate), runs = std::move(runs), startup_s](const CostModel::Data& data,
                                                                                       double r, Bill& bill) {
        if (previous) previous(data, r, bill);
        const ConcurrencyResult full = runs->at(r);
        bill.conventions.push_back({"cold_starts", full.cold_starts, {}});
        bill.conventions.push_back({"cold_start_share", full.served > 0 ? full.cold_starts / full.served : 0.0, {}});
        if (startup_s > 0) bill.conventions.push_back({"startup_instance_seconds", full.cold_starts * startup_s, {}});
    };
}

void add_service_cold_starts(CostModel::Data& d, const Workload& w, const CloudRunServiceConfig& c) {
    const InstanceColdStartParams cold{
        .duration_s = w.duration_ms / 1000.0,
        .per_instance = c.concurrency,
        .keep_alive_s = kCloudRunKeepAliveS,
        .always_warm = double(c.min_instances),
        .cold_share = w.cold_start_percent / 100.0,
        .billed_startup_s = 0.0,
        .keep_alive_source = kCloudRunKeepAliveSource,
        .startup_rule =
            "inside the instance time: instance-based billing charges an instance for its whole life, "
            "its start included"};
    add_instance_cold_starts(d, instance_cold_start_runs(w.traffic, cold), cold);
}

namespace {

class SumCurve final : public QuantityCurve {
  public:
    using Terms = std::vector<std::pair<std::shared_ptr<const QuantityCurve>, double>>;
    explicit SumCurve(Terms terms) : terms_(std::move(terms)) {
        for (const auto& [curve, weight] : terms_) {
            if (!method_.empty()) method_ += " + ";
            method_ += curve->method();
        }
    }
    [[nodiscard]] double quantity(double requests_per_month) const override {
        double q = 0.0;
        for (const auto& [curve, weight] : terms_) q += weight * curve->quantity(requests_per_month);
        return q;
    }
    [[nodiscard]] std::string_view method() const noexcept override { return method_; }
    [[nodiscard]] std::size_t intervals() const noexcept override {
        std::size_t n = 0;
        for (const auto& term : terms_) n += term.first->intervals();
        return n;
    }

  private:
    Terms terms_;
    std::string method_;
};

class FlexCurve final : public QuantityCurve {
  public:
    FlexCurve(std::shared_ptr<const TrafficProfile> profile, FlexQuantity quantity, const FlexSplitParams& p)
        : profile_(std::move(profile)),
          total_(profile_->total()),
          scale_(1.0 / (profile_->month_factor() * profile_->interval_s)),
          quantity_(quantity),
          p_(p),
          method_("per-interval always-ready split over " + format_quantity(double(profile_->requests.size())) +
                  " intervals") {}
    [[nodiscard]] double quantity(double requests_per_month) const override {
        const double dt = profile_->interval_s;
        const double capacity = double(p_.always_ready) * p_.concurrency;  // executions in flight they carry
        double sum = 0.0;
        const std::vector<double>& counts = profile_->requests;
        for (double count : counts) {
            // rates_per_request() one at a time: 4 curves of a profile keep no copy of it
            const double rate = (total_ > 0.0 ? count / total_ : 1.0 / double(counts.size())) * scale_;
            const double requests = requests_per_month * rate * dt;
            const double in_flight = requests_per_month * rate * p_.duration_s;  // Little's law
            const double on_ready = in_flight > capacity ? requests * capacity / in_flight : requests;
            const double on_demand = requests - on_ready;
            switch (quantity_) {
                case FlexQuantity::always_ready_executions: sum += on_ready; break;
                case FlexQuantity::on_demand_executions: sum += on_demand; break;
                case FlexQuantity::always_ready_gb_seconds:
                    sum += std::min(on_ready * p_.period_s, double(p_.always_ready) * dt);
                    break;
                case FlexQuantity::on_demand_gb_seconds:
                    sum += std::max(std::min(on_demand * p_.period_s, dt), on_demand * p_.duration_s / p_.concurrency);
                    break;
            }
        }
        const bool gb =
            quantity_ == FlexQuantity::always_ready_gb_seconds || quantity_ == FlexQuantity::on_demand_gb_seconds;
        return sum * (gb ? p_.memory_gb : 1.0) * profile_->month_factor();
    }
    [[nodiscard]] std::string_view method() const noexcept override { return method_; }
    [[nodiscard]] std::size_t intervals() const noexcept override { return profile_->requests.size(); }

  private:
    std::shared_ptr<const TrafficProfile> profile_;
    double total_, scale_;
    FlexQuantity quantity_;
    FlexSplitParams p_;
    std::string method_;
};

}  // namespace

std::shared_ptr<const QuantityCurve> sum_of_curves(
    std::vector<std::pair<std::shared_ptr<const QuantityCurve>, double>> terms) {
    return std::make_shared<const SumCurve>(std::move(terms));
}

std::shared_ptr<const QuantityCurve> flex_interval_curve(std::shared_ptr<const TrafficProfile> profile,
                                                         FlexQuantity quantity, const FlexSplitParams& p) {
    return std::make_shared<const FlexCurve>(std::move(profile), quantity, p);
}

}  // namespace costsim::detail
