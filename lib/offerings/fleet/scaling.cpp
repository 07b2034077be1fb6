// Scaling under a traffic profile: a fleet sized for the peak all month (static), per hour of week
// (schedule), or autoscaled on utilisation with a launch delay and a scale-in delay, billed per
// second with a 60 s minimum per launch. Formulas: Design/pricing-model.md#fleets-under-a-traffic-profile.
#include "offerings/fleet/fleet_blocks.hpp"

#include "engines/piecewise_cost.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <mutex>
#include <type_traits>

namespace costsim::detail::fleet {

namespace {

/// EC2 Linux per-second billing: each launch is billed at least 60 s (wave2-facts 1.2).
constexpr double kMinimumBilledSeconds = 60.0;

/// The simulation: an autoscaled fleet's curve of instance-hours. One curve serves all of a
/// fleet's components (instances, storage, addresses), which the engines evaluate at the same R
/// one after the other: the last result is kept, so a total simulates once.
class FleetCurve final : public QuantityCurve {
  public:
    explicit FleetCurve(std::shared_ptr<const FleetPlan> plan, std::string_view method)
        : plan_(std::move(plan)), method_(method) {}
    [[nodiscard]] double quantity(double r) const override {
        const std::lock_guard lock(mutex_);
        if (r != last_r_) {
            last_hours_ = plan_->simulate(r, false).instance_hours;
            last_r_ = r;
        }
        return last_hours_;
    }
    [[nodiscard]] std::string_view method() const noexcept override { return method_; }
    [[nodiscard]] std::size_t intervals() const noexcept override { return plan_->intervals(); }

  private:
    std::shared_ptr<const FleetPlan> plan_;
    std::string_view method_;
    mutable std::mutex mutex_;
    mutable double last_r_ = std::numeric_limits<double>::quiet_NaN();  // NaN: nothing kept yet
    mutable double last_hours_ = 0.0;
};

/// Instances launched together (one scale-out step), newest on top of the stack.
struct Launch {
    double count = 0.0;
    double start_s = 0.0;
};

}  // namespace

FleetPlan::FleetPlan(Sizing sizing, std::shared_ptr<const std::vector<double>> rates_per_request, double interval_s,
                     double month_factor, double cap, double capacity_rps, double scale_out_delay_s,
                     double scale_in_delay_s)
    : sizing_(std::move(sizing)),
      rates_(std::move(rates_per_request)),
      interval_s_(interval_s),
      month_factor_(month_factor),
      cap_(cap),
      capacity_rps_(capacity_rps),
      out_delay_s_(scale_out_delay_s),
      in_delay_s_(scale_in_delay_s) {}

std::vector<FleetSegment> FleetPlan::segments() const {
    // Month hours of one interval: interval_s x month_factor / 3,600.
    const double hours = interval_s_ * month_factor_ / 3600.0;
    std::map<std::pair<double, double>, double> merged;
    for (std::size_t i = 0; i < intervals(); ++i) {
        const Interval in = interval(i);
        merged[{in.per_request, in.floor}] += hours;
    }
    std::vector<FleetSegment> out;
    out.reserve(merged.size());
    for (const auto& [key, h] : merged) out.push_back(FleetSegment{h, key.second, key.first, cap_});
    return out;
}

void FleetPlan::desired(double r, const double* slot_counts, std::size_t from, std::size_t count,
                        double* out) const noexcept {
    const std::size_t n = intervals();
    const double* rates = rates_->data();
    const double per_rate = sizing_.per_rate, floor = sizing_.floor, cap = cap_;
    std::size_t at = from % n;
    while (count > 0) {
        const std::size_t run = std::min(count, n - at);
        if (per_rate > 0.0) {
            // interval(i)'s per_request, then the one fleet step rule
            for (std::size_t j = 0; j < run; ++j) out[j] = fleet_instances(r, rates[at + j] * per_rate, floor, cap);
        } else if (sizing_.slot_of.empty()) {
            std::fill(out, out + run, slot_counts[0]);
        } else {
            const std::uint8_t* slot = sizing_.slot_of.data() + at;
            for (std::size_t j = 0; j < run; ++j) out[j] = slot_counts[slot[j]];
        }
        out += run;
        count -= run;
        at = 0;
    }
}

FleetTimeline FleetPlan::simulate(double r, bool with_series) const {
    const std::size_t n = intervals();
    const std::vector<double>& rates = *rates_;
    std::vector<double> slot_counts(sizing_.slots.size());
    for (std::size_t k = 0; k < slot_counts.size(); ++k)
        slot_counts[k] = fleet_instances(r, sizing_.slots[k].per_request, sizing_.slots[k].floor, cap_);

    // Launched count L(t) = max of desired over [t - scale_in_delay, t]. With scale_in_delay =
    // q intervals + rest, interval i is [i, i + rest) at max(desired[i-q-1 .. i]) and then
    // max(desired[i-q .. i]). Two passes over the period; the second is measured.
    const double q_real = std::floor(in_delay_s_ / interval_s_);
    const std::size_t q = static_cast<std::size_t>(std::min(q_real, double(2 * n)));
    const double rest = in_delay_s_ - q_real * interval_s_;

    // The measured lap starts in the state the end of the period leaves. That state depends only
    // on the last scale-in window (the launched count) and on launches younger than the
    // scale-out delay or the 60 s minimum, so the warm-up lap runs just long enough to rebuild
    // them: a window to fill the running maximum, a window to launch, and the delays.
    const double remembered_s = in_delay_s_ + std::max(out_delay_s_, kMinimumBilledSeconds);
    const double warm_real = 2.0 * double(q) + 4.0 + std::ceil(remembered_s / interval_s_);
    const std::size_t first = warm_real < double(n) ? n - std::size_t(warm_real) : 0;

    // The desired counts go by in chunks, each with the window of counts before it: w = q + 1
    // counts in a window, so memory stays a few chunks whatever the profile's length. The
    // window's maximum is van Herk / Gil-Werman's: blocks of w counts, each with its running
    // maximum from the block's start (ahead) and to its end (back); a window is the back
    // maximum of one block from its first count and the ahead maximum of the next to its last.
    const std::size_t w = q + 1;
    const std::size_t chunk = std::max<std::size_t>(4096, 4 * w);
    constexpr double kNone = -std::numeric_limits<double>::infinity();
    std::vector<double> counts(w + chunk), ahead(w + chunk), back(w + chunk);
    // Before the warm-up lap: no count is in the window (the lap starts empty), but the count
    // leaving it at i - q - 1 (the rest of the scale-in delay) is the period's own.
    std::vector<double> leaving0(w, kNone);
    std::fill(counts.begin(), counts.begin() + std::ptrdiff_t(w), kNone);
    if (first > 0) {
        const std::size_t from = first > w ? first - w : 0;
        desired(r, slot_counts.data(), from, first - from, leaving0.data() + (w - (first - from)));
    }
    double first_count = 0.0;
    desired(r, slot_counts.data(), first, 1, &first_count);

    std::vector<Launch> stack;
    stack.reserve(64);
    stack.push_back({first_count, -std::numeric_limits<double>::infinity()});
    double level = first_count;
    std::size_t mature = 0;  // stack[0, mature) serve
    double serving = 0.0;    // their count
    double instance_s = 0.0, topup_s = 0.0, peak = 0.0, serving_s = 0.0, excess = 0.0, requests = 0.0;
    std::size_t at_risk = 0;
    bool measuring = false;

    const std::size_t bucket = std::max<std::size_t>(1, (n + BillSeries::kMaxPoints - 1) / BillSeries::kMaxPoints);
    FleetTimeline out;
    if (with_series) {
        out.instances = BillSeries{"instances", "instance", "max", interval_s_ * double(bucket), {}};
        out.instances.values.reserve((n + bucket - 1) / bucket);
    }

    auto set_level = [&](double target, double t) {
        if (target == level) return;
        if (target > level) {
            stack.push_back({target - level, t});
        } else {
            double drop = level - target;
            while (drop > 0.0) {  // newest leave first
                Launch& top = stack.back();
                const double leaving = std::min(drop, top.count);
                if (measuring && t - top.start_s < kMinimumBilledSeconds)
                    topup_s += (kMinimumBilledSeconds - (t - top.start_s)) * leaving;
                if (stack.size() <= mature) serving -= leaving;
                top.count -= leaving;
                drop -= leaving;
                if (top.count <= 0.0) {
                    stack.pop_back();
                    mature = std::min(mature, stack.size());
                }
            }
        }
        level = target;
    };
    // Integrates [t0, t1) at `rate` requests/s: instance-seconds, serving and the excess.
    auto run = [&](double t0, double t1, double rate, bool& risky) {
        double t = t0;
        while (true) {
            while (mature < stack.size() && stack[mature].start_s + out_delay_s_ <= t) serving += stack[mature++].count;
            const double next = mature < stack.size() ? stack[mature].start_s + out_delay_s_ : t1;
            const double end = std::min(t1, next);
            if (measuring && end > t) {
                serving_s += serving * (end - t);
                const double over = rate - serving * capacity_rps_;
                if (capacity_rps_ > 0 && over > 1e-9 * rate) {
                    excess += over * (end - t);
                    risky = true;
                }
            }
            if (next >= t1) break;
            t = next;
        }
        if (measuring) instance_s += level * (t1 - t0);
    };

    double series_max = 0.0;
    double steady_level_s = 0.0, steady_excess = 0.0;  // the intervals where nothing changes
    // i counts laps (i >= n: measured); at = i mod n
    std::size_t at = first % n;
    for (std::size_t c0 = first; c0 < 2 * n; c0 += chunk) {
        const std::size_t len = std::min(chunk, 2 * n - c0), end = w + len;
        if (c0 != first)
            std::copy(counts.begin() + std::ptrdiff_t(chunk), counts.begin() + std::ptrdiff_t(chunk + w),
                      counts.begin());
        desired(r, slot_counts.data(), c0, len, counts.data() + w);
        for (std::size_t b = 0; b < end; b += w) {
            const std::size_t e = std::min(b + w, end);
            double m = kNone;
            for (std::size_t j = b; j < e; ++j) ahead[j] = m = std::max(m, counts[j]);
            m = kNone;
            for (std::size_t j = e; j-- > b;) back[j] = m = std::max(m, counts[j]);
        }
        for (std::size_t p = 0; p < len; ++p) {
            if (c0 + p >= n && c0 + p > q && mature == stack.size() && (c0 != first || p >= w)) {
                // A run of steady measured intervals (the branch below, most of the month) in a
                // tight loop: the same sums in the same order, kept in registers.
                const double lv = level, level_s = lv * interval_s_, level_rps = lv * capacity_rps_;
                const bool known = capacity_rps_ > 0, split = rest > 0.0;
                double level_sum = steady_level_s, excess_sum = steady_excess, requests_sum = requests;
                std::size_t risky_sum = at_risk, k = p, at_k = at;
                auto walk = [&](auto series) {
                    for (; k < len; ++k) {
                        const double recent = std::max(back[k + 1], ahead[w + k]);
                        const double before = split ? std::max(recent, counts[k]) : recent;
                        if (before != lv || recent != lv) break;
                        const double rate = r * rates[at_k];
                        level_sum += level_s;
                        const double over = rate - level_rps;
                        if (known && over > 1e-9 * rate) {
                            excess_sum += over * interval_s_;
                            ++risky_sum;
                        }
                        requests_sum += rate * interval_s_;
                        at_k = at_k + 1 == n ? 0 : at_k + 1;
                        if constexpr (decltype(series)::value) {
                            const std::size_t i = c0 + k;
                            series_max = std::max(series_max, lv);
                            if ((i - n + 1) % bucket == 0 || i + 1 == 2 * n) {
                                out.instances.values.push_back(series_max);
                                series_max = 0.0;
                            }
                        }
                    }
                };
                if (with_series)
                    walk(std::true_type{});
                else
                    walk(std::false_type{});
                at = at_k;
                if (k > p) peak = std::max(peak, level);
                steady_level_s = level_sum;
                steady_excess = excess_sum;
                requests = requests_sum;
                at_risk = risky_sum;
                p = k;
                if (p == len) break;
            }
            const std::size_t i = c0 + p, u = w + p;
            measuring = i >= n;
            const double recent = std::max(back[u - q], ahead[u]);  // max(desired[i-q .. i])
            const double t0 = double(i) * interval_s_, t1 = t0 + interval_s_;
            const double rate = r * rates[at];
            bool risky = false;
            double top = 0.0;
            const double leaving = c0 == first && p < w ? leaving0[p] : counts[p];  // desired[i - q - 1]
            const double before = rest > 0.0 && i > q ? std::max(recent, leaving) : recent;
            if (before == level && recent == level && mature == stack.size()) {
                // Most intervals: no launch, no departure, every instance serving (the stack's
                // counts sum to the level), so the interval is level x its length of both.
                // (summed apart from the lambdas' state, so the compiler keeps the sums in registers)
                top = level;
                if (i >= n) {
                    steady_level_s += level * interval_s_;
                    const double over = rate - level * capacity_rps_;
                    if (capacity_rps_ > 0 && over > 1e-9 * rate) {
                        steady_excess += over * interval_s_;
                        risky = true;
                    }
                }
            } else if (rest > 0.0 && i > q) {
                set_level(before, t0);
                top = level;
                run(t0, t0 + rest, rate, risky);
                set_level(recent, t0 + rest);
                run(t0 + rest, t1, rate, risky);
            } else {
                set_level(recent, t0);
                top = level;
                run(t0, t1, rate, risky);
            }
            at = at + 1 == n ? 0 : at + 1;
            if (!measuring) continue;
            top = std::max(top, level);
            peak = std::max(peak, top);
            requests += rate * interval_s_;
            if (risky) ++at_risk;
            if (with_series) {
                series_max = std::max(series_max, top);
                if ((i - n + 1) % bucket == 0 || i + 1 == 2 * n) {
                    out.instances.values.push_back(series_max);
                    series_max = 0.0;
                }
            }
        }
    }
    instance_s += steady_level_s;
    serving_s += steady_level_s;
    excess += steady_excess;
    const double period_s = interval_s_ * double(n);
    out.instance_hours = (instance_s + topup_s) / 3600.0 * month_factor_;
    out.mean_instances = instance_s / period_s;
    out.peak_instances = peak;
    out.mean_serving = serving_s / period_s;
    out.intervals = n;
    out.intervals_at_risk = at_risk;
    out.requests_at_risk = excess * month_factor_;
    out.requests = requests * month_factor_;
    return out;
}

double sizing_peak_to_mean(const Workload& w) {
    if (!w.traffic) return w.peak_to_mean;
    const std::shared_ptr<const std::vector<double>> shared = w.traffic->shared_rates();
    const std::vector<double>& rates = *shared;
    const double peak = rates.empty() ? 0.0 : *std::max_element(rates.begin(), rates.end());
    // peak rate per request a month x 2,628,000 s = peak rate / mean rate
    return std::max(1.0, peak * kSecondsPerMonth);
}

void check_scaling(const Workload& w, const FleetScaling& s, const InstanceCapacity& capacity, const SizingRule& rule) {
    const bool given_schedule = s.mode == ScalingMode::schedule && !s.instances.empty();
    std::string mode(1, '"');
    mode.append(spelling(s.mode)).push_back('"');
    if (s.mode != ScalingMode::static_size && rule.billed_per_month)
        throw InvalidInput("scaling.mode", "static for a monthly plan (each instance is billed a full month)", mode);
    if (s.mode != ScalingMode::static_size && !given_schedule && !w.traffic)
        throw InvalidInput("scaling.mode",
                           "static without workload.traffic (schedule without scaling.instances and autoscale follow "
                           "a traffic profile)",
                           mode);
    if (s.mode != ScalingMode::static_size && !given_schedule && capacity.rps <= 0)
        throw InvalidInput("scaling.mode",
                           "static when no capacity is known (give capacity_rps or workload.cpu_ms_per_request)", mode);
    if ((w.traffic || given_schedule) && rule.hours_per_month != kHoursPerMonth)
        throw InvalidInput("hours_per_month",
                           "730 under a traffic profile or a given schedule (they say when the fleet runs)",
                           format_number(rule.hours_per_month));
}

ScaledFleet scale_fleet(const Workload& w, const FleetScaling& s, const InstanceCapacity& capacity,
                        const SizingRule& rule, const SizedFleet& sized) {
    const double cap = s.max_instances ? double(*s.max_instances) : kUnbounded;
    FleetSegment whole = sized.instances;
    whole.hours = rule.hours_per_month;  // instance-hours; a monthly plan's usage divides by it
    if (!sized.fixed_count) whole.max_instances = cap;
    const bool given_schedule = s.mode == ScalingMode::schedule && !s.instances.empty();
    if (!w.traffic && !given_schedule)
        return {InstanceHours::one_segment(whole), nullptr,
                "static: sized for the peak (mean x peak_to_mean) all month"};

    // The profile's intervals, or a week of hours for a given schedule without one.
    TrafficProfile week;
    const TrafficProfile* profile = w.traffic.get();
    if (!profile) {
        week.interval_s = 3600.0;
        week.requests.assign(TrafficLimits::hours_per_week, 1.0);
        week.absolute = false;
        profile = &week;
    }
    const std::shared_ptr<const std::vector<double>> shared = profile->shared_rates();
    const std::vector<double>& rates = *shared;
    const double per_rps = capacity.rps > 0 ? 1.0 / (capacity.rps * rule.target_utilization) : 0.0;
    const double floor = sized.min_instances;
    FleetPlan::Sizing sizing;
    double plan_cap = sized.fixed_count ? floor : cap;
    std::string_view rule_text;
    switch (s.mode) {
        case ScalingMode::static_size:
            sizing.slots = {{sized.instances_per_request, floor}};
            rule_text = "static: sized for the profile's peak interval all month";
            break;
        case ScalingMode::schedule: {
            sizing.slot_of.resize(rates.size());
            for (std::size_t i = 0; i < rates.size(); ++i)
                sizing.slot_of[i] = static_cast<std::uint8_t>(profile->hour_of_week(i));
            sizing.slots.resize(TrafficLimits::hours_per_week);
            if (given_schedule) {
                for (std::size_t h = 0; h < sizing.slots.size(); ++h) sizing.slots[h] = {0.0, s.instances[h]};
                plan_cap = kUnbounded;
                rule_text = "schedule: the given count in each hour of week";
            } else {
                std::vector<double> slot_peak(TrafficLimits::hours_per_week, 0.0);
                for (std::size_t i = 0; i < rates.size(); ++i) {
                    double& p = slot_peak[sizing.slot_of[i]];
                    p = std::max(p, rates[i]);
                }
                for (std::size_t h = 0; h < sizing.slots.size(); ++h) sizing.slots[h] = {slot_peak[h] * per_rps, floor};
                rule_text = "schedule: each hour of week sized for its peak interval";
            }
            break;
        }
        case ScalingMode::autoscale:
            if (per_rps > 0.0) {
                sizing.per_rate = per_rps;  // per_request_i = rates[i] x per_rps
                sizing.floor = floor;
            } else {
                sizing.slots = {{0.0, floor}};
            }
            rule_text =
                "autoscale: target tracking on utilisation, each interval's desired count "
                "max(min, ceil(rate / (capacity_rps x target_utilization))), capped at max_instances";
            break;
    }
    const bool delayed =
        s.mode == ScalingMode::autoscale && (s.scale_in_delay_s > 0 || (profile->interval_s < kMinimumBilledSeconds));
    // A given schedule without a profile bills 730 / 168 hours per hour of week: month_factor of a week.
    auto plan = std::make_shared<const FleetPlan>(std::move(sizing), shared, profile->interval_s,
                                                  profile->month_factor(), plan_cap, capacity.rps,
                                                  s.mode == ScalingMode::autoscale ? s.scale_out_delay_s : 0.0,
                                                  s.mode == ScalingMode::autoscale ? s.scale_in_delay_s : 0.0);
    ScaledFleet out{{}, plan, rule_text};
    if (delayed)
        out.hours.curve = std::make_shared<const FleetCurve>(plan, "autoscaling simulation of the traffic profile");
    else
        out.hours.segments = plan->segments();
    return out;
}

void add_scaling_conventions(CostModel::Data& d, const FleetScaling& s, const ScaledFleet& scaled) {
    d.conventions.push_back({"scaling_mode", 0.0, spelling(s.mode)});
    d.conventions.push_back({"scaling_rule", 0.0, scaled.rule});
    if (s.max_instances) d.conventions.push_back({"max_instances", double(*s.max_instances), {}});
    if (s.mode == ScalingMode::autoscale) {
        d.conventions.push_back({"scale_out_delay_s", s.scale_out_delay_s, {}});
        d.conventions.push_back({"scale_in_delay_s", s.scale_in_delay_s, {}});
        d.conventions.push_back(
            {"autoscale_rule", 0.0,
             "launched(t) = max of the desired count over [t - scale_in_delay_s, t] (newest leave first); an "
             "instance serves from scale_out_delay_s after its launch and is billed from its launch, per second "
             "with a 60 s minimum (EC2 Linux, wave2-facts 1.2)"});
    }
    if (scaled.plan)
        d.conventions.push_back({"at_risk_rule", 0.0,
                                 "at risk: demand above serving instances x capacity_rps (100 %), per interval; "
                                 "requests_at_risk counts the requests above that capacity"});
}

double peak_instances(const CostModel::Data& data, const std::shared_ptr<const FleetPlan>& plan, double r) {
    if (plan) return plan->simulate(r, false).peak_instances;
    const Component& fleet = data.components.front();
    return std::round(fleet.quantity(r) / fleet.segments.front().hours);
}

Component fleet_component(std::string_view name, std::string_view unit, const InstanceHours& hours, double factor,
                          std::vector<Band> bands) {
    Component comp;
    comp.name = name;
    comp.unit = unit;
    comp.bands = std::move(bands);
    if (hours.curve) {
        comp.shape = Component::Shape::simulated;
        comp.curve = hours.curve;
        comp.per_request = factor;
        return comp;
    }
    comp.shape = Component::Shape::fleet;
    comp.segments = hours.segments;
    for (FleetSegment& s : comp.segments) s.hours *= factor;
    return comp;
}

}  // namespace costsim::detail::fleet
