// Azure Functions, Flex Consumption plan.
// Formulas and sources: Design/pricing-model.md#azure-functions-flex-consumption.
#include "offerings/concurrency.hpp"
#include "offerings/model_building.hpp"
#include "offerings/serverless_traffic.hpp"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace costsim::detail {

namespace {

/// `bands` seen from `offset` units on: for a component that only starts once another one, priced
/// on the same bands, has reached `offset` (its free allowance and tiers continue where that one stopped).
std::vector<Band> bands_after(const std::vector<Band>& bands, double offset) {
    std::vector<Band> out;
    for (Band b : bands) {
        if (b.up_to != kUnbounded && b.up_to <= offset) continue;
        b.from = std::max(0.0, b.from - offset);
        if (b.up_to != kUnbounded) b.up_to -= offset;
        out.push_back(b);
    }
    return out;
}

/// clamp(per_request * R + fixed, 0, upper).
Component clamped(std::string_view name, std::string_view unit, double per_request, double fixed, double upper,
                  std::vector<Band> bands) {
    Component c = affine_component(name, unit, per_request, fixed, std::move(bands));
    c.upper = upper;
    return c;
}

}  // namespace

CostModel::Data build_azure_functions_flex(const Workload& w, const AzureFunctionsFlexConfig& c,
                                           const Catalog& catalog) {
    CostModel::Data d = empty_data();
    const auto price = [&](std::string_view item) -> const PriceEntry& {
        return catalog.at(CatalogId{"azure.functions_flex.", c.region, ".", item}, "region");
    };
    const PriceEntry& on_demand_gbs = price("on_demand_gb_seconds");
    const PriceEntry& on_demand_executions = price("on_demand_executions");
    d.currency = on_demand_executions.currency;
    require_same_currency(d, on_demand_gbs);
    const PriceEntry* free_gbs =
        c.free_tier ? &catalog.at("azure.functions_flex.global.free_tier.gb_seconds", "free_tier") : nullptr;
    const PriceEntry* free_executions =
        c.free_tier ? &catalog.at("azure.functions_flex.global.free_tier.executions", "free_tier") : nullptr;

    // Billing is per instance: its whole memory while it runs at least one execution [TABLE].
    const double memory_gb = c.instance_memory_mb / kMbPerGb;
    const int concurrency = c.effective_concurrency();
    const double month = kSecondsPerMonth;
    // An active period bills at least 1,000 ms, then in 100 ms steps [PLAN]. Sparse traffic: each
    // execution is an active period of its own.
    const double period_s = std::max(1000.0, std::ceil(w.duration_ms / 100.0) * 100.0) / 1000.0;
    // Dense traffic: `concurrency` executions share each busy instance-second (full packing), and
    // periods are long enough that their minimum and rounding vanish.
    const double packed_s = w.duration_ms / 1000.0 / concurrency;
    const int always_ready = c.always_ready_instances;
    // What the always-ready instances carry at full packing (Little's law); executions go to them first.
    const double always_ready_capacity = always_ready * month / packed_s;
    const FlexSplitParams split{memory_gb, period_s, w.duration_ms / 1000.0, concurrency, always_ready};

    if (always_ready > 0) {
        const PriceEntry& baseline = price("always_ready_baseline_gb_seconds");
        const PriceEntry& busy = price("always_ready_gb_seconds");
        const PriceEntry& executions = price("always_ready_executions");
        for (const PriceEntry* e : {&baseline, &busy, &executions}) require_same_currency(d, *e);
        const double assigned_gbs = always_ready * memory_gb * month;
        // No free grant for always ready [TABLE].
        d.components.push_back(affine_component("Always-ready baseline", "GB-second", 0.0, assigned_gbs,
                                                make_bands(d.text, "Always-ready baseline", baseline, nullptr)));
        if (w.traffic) {
            d.components.push_back(
                simulated_component("Always-ready execution time", "GB-second",
                                    flex_interval_curve(w.traffic, FlexQuantity::always_ready_gb_seconds, split),
                                    make_bands(d.text, "Always-ready execution time", busy, nullptr)));
            d.components.push_back(
                simulated_component("Always-ready executions", "request",
                                    flex_interval_curve(w.traffic, FlexQuantity::always_ready_executions, split),
                                    make_bands(d.text, "Always-ready executions", executions, nullptr)));
        } else {
            // Sparse periods until the instances are busy all month.
            d.components.push_back(clamped("Always-ready execution time", "GB-second", memory_gb * period_s, 0.0,
                                           assigned_gbs,
                                           make_bands(d.text, "Always-ready execution time", busy, nullptr)));
            d.components.push_back(clamped("Always-ready executions", "request", 1.0, 0.0, always_ready_capacity,
                                           make_bands(d.text, "Always-ready executions", executions, nullptr)));
        }
    }

    if (w.traffic) {
        // Per interval: the always-ready instances take what they carry, the rest runs on demand
        // (Design/pricing-model.md#cold-starts-and-always-ready-under-a-profile).
        d.components.push_back(
            simulated_component("On-demand execution time", "GB-second",
                                flex_interval_curve(w.traffic, FlexQuantity::on_demand_gb_seconds, split),
                                make_bands(d.text, "On-demand execution time", on_demand_gbs, free_gbs)));
        d.components.push_back(
            simulated_component("On-demand executions", "request",
                                flex_interval_curve(w.traffic, FlexQuantity::on_demand_executions, split),
                                make_bands(d.text, "On-demand executions", on_demand_executions, free_executions)));
    } else {
        // On demand, the executions beyond the always-ready capacity, R' = max(0, R - capacity), bill
        // max(min(R' x period, one instance-month), R' x packed): sparse periods until one instance is
        // busy all month, full packing beyond. As components: the first instance, clamped to a month,
        // and the further instances, from where full packing needs more than one.
        const double instance_month_gbs = memory_gb * month;
        d.components.push_back(
            clamped("On-demand execution time, first instance", "GB-second", memory_gb * period_s,
                    -memory_gb * period_s * always_ready_capacity, instance_month_gbs,
                    make_bands(d.text, "On-demand execution time, first instance", on_demand_gbs, free_gbs)));
        // packed_s x capacity = always_ready x month: the further instances start past (always_ready + 1) months.
        d.components.push_back(affine_component(
            "On-demand execution time, further instances", "GB-second", memory_gb * packed_s,
            -(always_ready + 1) * instance_month_gbs,
            bands_after(make_bands(d.text, "On-demand execution time, further instances", on_demand_gbs, free_gbs),
                        instance_month_gbs)));
        d.components.push_back(
            affine_component("On-demand executions", "request", 1.0, -always_ready_capacity,
                             make_bands(d.text, "On-demand executions", on_demand_executions, free_executions)));
    }
    add_data_out(d, w, "azure", c.region, c.free_tier, catalog);

    add_common_conventions(d, catalog);
    d.conventions.push_back({"plan", 0.0,
                             "Flex Consumption: billed per instance (its memory while it executes), "
                             "not per execution"});
    d.conventions.push_back({"instance_memory_mb", static_cast<double>(c.instance_memory_mb), {}});
    d.conventions.push_back({"memory_gb", memory_gb, {}});
    d.conventions.push_back({"instance_concurrency", static_cast<double>(concurrency), {}});
    if (!c.instance_concurrency)
        d.conventions.push_back({"concurrency_rule", 0.0,
                                 "instance_concurrency not given: Microsoft's HTTP-trigger default for the memory "
                                 "(512 MB 4, 2048 MB 16, 4096 MB 32; Python apps default to 1)"});
    d.conventions.push_back({"active_period_ms", period_s * 1000.0, {}});
    d.conventions.push_back({"billing_period_rule", 0.0,
                             "an active period bills at least 1,000 ms, then rounded up to 100 ms; at low traffic "
                             "each execution is a period of its own"});
    d.conventions.push_back({"packing_rule", 0.0,
                             "billed instance time = max(min(executions x active period, one instance all month), "
                             "executions x duration / concurrency): separate periods until one instance is busy all "
                             "month, then full packing of concurrent executions on busy instances"});
    d.conventions.push_back({"gb_seconds_per_execution_packed", memory_gb * packed_s, {}});
    d.conventions.push_back({"always_ready_instances", static_cast<double>(always_ready), {}});
    if (always_ready > 0) {
        d.conventions.push_back({"always_ready_capacity_requests_per_month", always_ready_capacity, {}});
        d.conventions.push_back({"traffic_split", 0.0,
                                 "executions go to the always-ready instances first, up to what they carry at full "
                                 "packing (instances x month x concurrency / duration); the rest run on demand"});
        d.conventions.push_back({"always_ready_baseline", 0.0,
                                 "every always-ready instance's memory for the whole month, idle or busy; its "
                                 "execution time is billed on top, with no free grant"});
    }
    d.conventions.push_back({"startup_time", 0.0, "instance start-up time is not billed in this model"});
    d.conventions.push_back({"peak_to_mean_rule", 0.0,
                             "billing follows mean traffic (active time), so peak_to_mean does not change the bill"});
    d.conventions.push_back({"free_tier_applied", c.free_tier ? 1.0 : 0.0, {}});
    if (c.free_tier)
        d.conventions.push_back({"free_tier_scope", 0.0,
                                 "the subscription's monthly on-demand grant (100,000 GB-s, 250,000 executions) is "
                                 "credited to this app; always-ready use has no grant"});
    const double seconds = w.duration_ms / 1000.0;
    if (w.traffic) {
        d.conventions.push_back(
            {"traffic_profile_rule", 0.0,
             "per interval: the always-ready instances take min(1, always_ready x instance_concurrency / "
             "concurrency) of the executions, the rest runs on demand; each part's execution time follows the "
             "rules above with the interval in place of the month"});
        const std::shared_ptr<const QuantityCurve> on_ready =
            flex_interval_curve(w.traffic, FlexQuantity::always_ready_executions, split);
        d.annotate = [profile = w.traffic, seconds, concurrency, on_ready, always_ready](const CostModel::Data&,
                                                                                         double r, Bill& bill) {
            add_concurrency_view(bill, *profile, r, seconds, concurrency);
            if (always_ready > 0)
                bill.conventions.push_back({"always_ready_requests_per_month", on_ready->quantity(r), {}});
        };
        // Cold starts: on-demand instances start cold; start-up is not billed (instance_cold_starts below).
        const InstanceColdStartParams cold{
            .duration_s = seconds,
            .per_instance = concurrency,
            .keep_alive_s = c.keep_alive_s,
            .always_warm = double(always_ready),
            .cold_share = w.cold_start_percent / 100.0,
            .billed_startup_s = 0.0,
            .keep_alive_source = keep_alive_source(c.keep_alive_s, kAzureFunctionsKeepAliveS, kAzureKeepAliveSource),
            .startup_rule =
                "not billed: on-demand execution time is memory while an "
                "instance executes functions, so an instance's start "
                "before its first execution is not metered"};
        add_instance_cold_starts(d, instance_cold_start_runs(w.traffic, cold), cold);
        return d;
    }
    d.annotate = [seconds, concurrency, always_ready_capacity](const CostModel::Data&, double r, Bill& bill) {
        const double in_flight = r * seconds / kSecondsPerMonth;
        bill.conventions.push_back({"mean_concurrency", in_flight, {}});
        bill.conventions.push_back({"mean_busy_instances", in_flight / concurrency, {}});
        if (always_ready_capacity > 0)
            bill.conventions.push_back({"always_ready_requests_per_month", std::min(r, always_ready_capacity), {}});
    };
    return d;
}

}  // namespace costsim::detail
