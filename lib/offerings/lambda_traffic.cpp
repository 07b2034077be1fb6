// AWS Lambda under a traffic profile: requests, duration with INIT, provisioned concurrency and
// storage from the per-interval concurrency model (concurrency.hpp), throttled requests unbilled.
// Formulas and sources: Design/pricing-model.md#lambda-under-a-traffic-profile.
#include "offerings/concurrency.hpp"
#include "offerings/lambda_traffic.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace costsim::detail {

namespace {

using R = ConcurrencyResult;

}  // namespace

void add_lambda_traffic(CostModel::Data& d, const Workload& w, const LambdaConfig& c, const Catalog& catalog,
                        const LambdaPrices& prices) {
    const std::string_view arch = prices.arch;
    const double memory_gb = c.memory_mb / kMbPerGb;
    const double billed_ms = std::ceil(w.duration_ms);
    // Since 2025-08-01 a cold on-demand invocation bills ceil(duration + INIT) (wave2-facts 2.4).
    const double init_extra_ms = std::ceil(w.duration_ms + w.init_duration_ms) - billed_ms;
    const double seconds = billed_ms / 1000.0;

    ConcurrencyParams params;
    params.duration_s = w.duration_ms / 1000.0;
    params.keep_alive_s = c.keep_alive_s;
    params.recycle_s = c.recycle_s;
    params.limit = c.reserved_concurrency ? double(*c.reserved_concurrency) : double(c.concurrency_limit);
    params.cold_share_override = w.cold_start_percent / 100.0;
    if (!c.provisioned_schedule.empty())
        params.provisioned_by_hour.assign(c.provisioned_schedule.begin(), c.provisioned_schedule.end());
    else if (c.provisioned_concurrency > 0)
        params.provisioned_by_hour.assign(OfferingLimits::lambda_schedule_hours, double(c.provisioned_concurrency));
    const bool provisioned =
        !params.provisioned_by_hour.empty() &&
        *std::max_element(params.provisioned_by_hour.begin(), params.provisioned_by_hour.end()) > 0;
    auto model = std::make_shared<const ConcurrencyModel>(w.traffic, params);
    auto runs = std::make_shared<const ConcurrencyRuns>(model);
    bool first = true;  // the Requests curve carries the run's work (concurrency_curve)
    auto curve = [&](std::vector<std::pair<double R::*, double>> terms) {
        const bool carries = std::exchange(first, false);
        return concurrency_curve(runs, std::move(terms), carries);
    };

    d.components.push_back(simulated_component("Requests", "request", curve({{&R::served, 1.0}}),
                                               make_bands(d.text, "Requests", prices.requests, prices.free_requests)));
    const std::string_view duration_name = d.text.concat({"Duration (", arch, ")"});
    d.components.push_back(simulated_component(
        duration_name, "GB-second",
        curve({{&R::on_demand, memory_gb * seconds}, {&R::cold_starts, memory_gb * init_extra_ms / 1000.0}}),
        make_bands(d.text, duration_name, prices.duration, prices.free_gbs)));

    const std::string region = c.region;
    const PriceEntry* pc_fee = catalog.find(CatalogId{"aws.lambda.", region, ".", arch, ".provisioned_concurrency"});
    const PriceEntry* pc_duration = catalog.find(CatalogId{"aws.lambda.", region, ".", arch, ".provisioned_duration"});
    if (provisioned) {
        const PriceEntry& fee = catalog.at(CatalogId{"aws.lambda.", region, ".", arch, ".provisioned_concurrency"},
                                           "provisioned_concurrency");
        const PriceEntry& on_pc =
            catalog.at(CatalogId{"aws.lambda.", region, ".", arch, ".provisioned_duration"}, "provisioned_concurrency");
        const double environment_seconds = model->run(0.0).provisioned_environment_seconds;
        const std::string_view pc_name = d.text.concat({"Provisioned concurrency (", arch, ")"});
        d.components.push_back(affine_component(pc_name, "GB-second", 0.0, environment_seconds * memory_gb,
                                                make_bands(d.text, pc_name, fee, nullptr)));
        const std::string_view served_name = d.text.concat({"Duration on provisioned concurrency (", arch, ")"});
        d.components.push_back(simulated_component(served_name, "GB-second",
                                                   curve({{&R::on_provisioned, memory_gb * seconds}}),
                                                   make_bands(d.text, served_name, on_pc, nullptr)));
        d.conventions.push_back({"provisioned_environment_seconds", environment_seconds, {}});
        d.conventions.push_back({"provisioned_billing", 0.0,
                                 "each span of one level billed rounded up to 5 minutes; per interval "
                                 "min(concurrency, level) runs on provisioned concurrency, the rest on demand"});
    }

    if (c.ephemeral_storage_mb > 512) {
        const PriceEntry& storage =
            catalog.at(CatalogId{"aws.lambda.", region, ".", arch, ".ephemeral_storage"}, "ephemeral_storage_mb");
        const double extra_gb = (c.ephemeral_storage_mb - 512) / kMbPerGb;
        d.components.push_back(simulated_component(
            "Ephemeral storage above 512 MB", "GB-second", curve({{&R::served, extra_gb * seconds}}),
            make_bands(d.text, "Ephemeral storage above 512 MB", storage, nullptr)));
        d.conventions.push_back({"billable_storage_gb", extra_gb, {}});
    }

    // The fixed level that costs least: the marginal environment pays its fee when it is busy more
    // than u* = fee / (on-demand - PC duration) of the time (tier-1 prices; wave2-facts 2.5).
    double breakeven = 1.0;
    if (pc_fee && pc_duration && !prices.duration.tiers.empty() && !pc_fee->tiers.empty() &&
        !pc_duration->tiers.empty()) {
        const double saving = prices.duration.tiers.front().price - pc_duration->tiers.front().price;
        if (saving > 0) breakeven = pc_fee->tiers.front().price / saving;
    }

    d.conventions.push_back({"concurrency_limit", params.limit, {}});
    d.conventions.push_back({"keep_alive_s", params.keep_alive_s, {}});
    d.conventions.push_back({"recycle_s", params.recycle_s, {}});
    d.conventions.push_back({"scaling_rule", 0.0,
                             "concurrency = requests/s x duration per interval; at most the limit; new "
                             "environments from a bucket of 1,000 refilled at 100 a second; the rest throttled"});
    if (init_extra_ms > 0) d.conventions.push_back({"billed_init_ms", init_extra_ms, {}});
    d.conventions.push_back(
        {"cold_start_source", 0.0,
         params.cold_share_override > 0
             ? std::string_view("workload.cold_start_percent (given: it overrides the traffic profile's)")
             : std::string_view("derived from the traffic profile and keep_alive_s")});

    const int fixed_level = c.provisioned_schedule.empty() ? c.provisioned_concurrency : -1;
    d.annotate = [runs, breakeven, fixed_level, provisioned](const CostModel::Data&, double r, Bill& bill) {
        const R full = runs->model().run(r, true);
        bill.conventions.push_back({"mean_concurrency", full.mean_concurrency, {}});
        bill.conventions.push_back({"peak_concurrency", full.peak_concurrency, {}});
        bill.conventions.push_back({"throttled_requests", full.throttled, {}});
        bill.conventions.push_back({"cold_starts", full.cold_starts, {}});
        bill.conventions.push_back({"cold_start_share", full.served > 0 ? full.cold_starts / full.served : 0.0, {}});
        if (provisioned)
            bill.conventions.push_back(
                {"share_on_provisioned", full.served > 0 ? full.on_provisioned / full.served : 1.0, {}});
        if (full.throttled > 0)
            bill.flags.push_back({"throttled",
                                  "the traffic profile needs more concurrency than the limit or the scaling rate "
                                  "allows: conventions.throttled_requests are refused (429) and not billed"});
        if (provisioned && full.on_demand > 0)
            bill.flags.push_back({"provisioned_spillover",
                                  "concurrency exceeds provisioned concurrency in some intervals: the excess runs on "
                                  "demand"});
        if (breakeven < 1.0) {
            const double suggested = runs->model().suggested_provisioned(r, breakeven);
            bill.conventions.push_back({"suggested_provisioned_concurrency", suggested, {}});
            bill.conventions.push_back({"provisioned_breakeven_utilisation", breakeven, {}});
            if (fixed_level >= 0 && suggested != double(fixed_level))
                bill.flags.push_back(
                    {"provisioned_suggestion",
                     "another fixed provisioned concurrency costs less for this traffic profile: see "
                     "conventions.suggested_provisioned_concurrency (tier-1 prices; free tier, INIT and cold "
                     "starts left out)"});
        }
        const double dt = full.series_interval_s;  // the run combined long series already
        bill.series.push_back(make_series("concurrency", "environment", "max", dt, full.concurrency));
        bill.series.push_back(make_series("throttled_requests", "request", "sum", dt, full.throttled_series));
    };
}

}  // namespace costsim::detail
