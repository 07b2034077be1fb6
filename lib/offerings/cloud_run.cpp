// Google Cloud Run functions, request-based billing.
// Formulas and sources: Design/pricing-model.md#cloud-run-functions.
#include "offerings/concurrency.hpp"
#include "offerings/model_building.hpp"
#include "offerings/serverless_traffic.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>
#include <tuple>
#include <vector>

namespace costsim::detail {

CostModel::Data build_cloud_run(const Workload& w, const CloudRunConfig& c, const Catalog& catalog) {
    CostModel::Data d = empty_data();
    const PriceEntry& vcpu_price = catalog.at(CatalogId{"gcp.cloud_run.", c.region, ".vcpu_seconds"}, "region");
    const PriceEntry& memory_price = catalog.at(CatalogId{"gcp.cloud_run.", c.region, ".gib_seconds"}, "region");
    const PriceEntry& request_price = catalog.at(CatalogId{"gcp.cloud_run.", c.region, ".requests"}, "region");
    d.currency = request_price.currency;
    require_same_currency(d, vcpu_price);
    require_same_currency(d, memory_price);

    // Billable instance time is rounded up to 100 ms (cloud.google.com/run/pricing); an instance
    // serving `concurrency` requests at once bills its time once, so each request carries
    // billed time / concurrency (full packing).
    const double billed_ms = std::ceil(w.duration_ms / 100.0) * 100.0;
    const double instance_seconds = billed_ms / 1000.0 / c.concurrency;
    const double memory_gib = c.memory_mb / 1024.0;
    const double vcpu = c.effective_vcpu();

    // Each dimension: its free allowance (valued at Tier 1 prices) and its region's price.
    bool free_tier_revalued = false;
    const auto bands = [&](std::string_view name, const PriceEntry& price, std::string_view item) {
        if (!c.free_tier) return make_bands(d.text, name, price, nullptr);
        const PriceEntry& allowance = catalog.at(CatalogId{"gcp.cloud_run.global.free_tier.", item}, "free_tier");
        const PriceEntry& tier1 = catalog.at(CatalogId{"gcp.cloud_run.global.tier1.", item}, "free_tier");
        require_same_currency(d, tier1);
        std::vector<Band> out = make_bands(d.text, name, price, &allowance);
        if (value_free_tier_at_tier1(d.text, out, price, allowance, tier1)) free_tier_revalued = true;
        return out;
    };
    InstanceColdStartParams cold;
    std::shared_ptr<const ConcurrencyRuns> cold_runs;
    if (w.traffic) {
        // Under a profile the instance time follows each interval's concurrency
        // (Design/pricing-model.md#per-use-kinds-under-a-traffic-profile).
        // Request-based billing also bills an instance while it starts ("charged when they process requests,
        // when they start, and when they shut down", cloud.google.com/run/docs/configuring/billing-settings):
        // each cold start adds its start-up time, workload.init_duration_ms rounded up to 100 ms.
        cold = InstanceColdStartParams{
            .duration_s = w.duration_ms / 1000.0,
            .per_instance = c.concurrency,
            .keep_alive_s = c.keep_alive_s,
            .always_warm = 0.0,
            .cold_share = w.cold_start_percent / 100.0,
            .billed_startup_s = std::ceil(w.init_duration_ms / 100.0) * 100.0 / 1000.0,
            .keep_alive_source = keep_alive_source(c.keep_alive_s, kCloudRunKeepAliveS, kCloudRunKeepAliveSource),
            .startup_rule =
                "billed: request-based billing charges an instance while it starts; each cold start "
                "adds billed_startup_ms (workload.init_duration_ms rounded up to 100 ms) of CPU and "
                "memory"};
        cold_runs = instance_cold_start_runs(w.traffic, cold);
        std::shared_ptr<const QuantityCurve> curve =
            request_based_instance_seconds(w.traffic, billed_ms / 1000.0, c.concurrency);
        if (cold.billed_startup_s > 0)
            curve = sum_of_curves(
                {{curve, 1.0},
                 {concurrency_curve(cold_runs, {{&ConcurrencyResult::cold_starts, cold.billed_startup_s}}, true),
                  1.0}});
        for (auto [name, unit, per, item, entry] :
             {std::tuple{"CPU", "vCPU-second", vcpu, "vcpu_seconds", &vcpu_price},
              std::tuple{"Memory", "GiB-second", memory_gib, "gib_seconds", &memory_price}}) {
            Component k;
            k.shape = Component::Shape::simulated;
            k.name = name;
            k.unit = unit;
            k.per_request = per;
            k.curve = curve;
            k.bands = bands(name, *entry, item);
            d.components.push_back(std::move(k));
        }
    } else {
        d.components.push_back(affine_component("CPU", "vCPU-second", vcpu * instance_seconds, 0.0,
                                                bands("CPU", vcpu_price, "vcpu_seconds")));
        d.components.push_back(affine_component("Memory", "GiB-second", memory_gib * instance_seconds, 0.0,
                                                bands("Memory", memory_price, "gib_seconds")));
    }
    d.components.push_back(
        affine_component("Requests", "request", 1.0, 0.0, bands("Requests", request_price, "requests")));
    add_data_out(d, w, "gcp", c.region, c.free_tier, catalog);

    add_common_conventions(d, catalog);
    d.conventions.push_back({"billing_mode", 0.0, "request-based: CPU and memory billed only while requests run"});
    d.conventions.push_back({"duration_rounding", 0.0, "instance time rounded up to 100 ms per request"});
    d.conventions.push_back({"billed_duration_ms", billed_ms, {}});
    d.conventions.push_back({"concurrency", static_cast<double>(c.concurrency), {}});
    d.conventions.push_back({"concurrency_rule", 0.0,
                             "each billed instance-second is shared by `concurrency` requests in flight (full "
                             "packing); at low traffic an instance holds fewer and costs more per request"});
    d.conventions.push_back({"vcpu", vcpu, {}});
    if (!c.vcpu)
        d.conventions.push_back({"vcpu_rule", 0.0,
                                 "vcpu not given: Google's default for the memory size (128 MiB 0.083, 256 MiB 0.167, "
                                 "512 MiB 0.333, 1 GiB 0.583, 2 GiB 1, 4-8 GiB 2, 16 GiB 4, 32 GiB 8 vCPU; between two "
                                 "sizes the larger one's)"});
    d.conventions.push_back({"memory_gib", memory_gib, {}});
    d.conventions.push_back({"vcpu_seconds_per_request", vcpu * instance_seconds, {}});
    d.conventions.push_back({"gib_seconds_per_request", memory_gib * instance_seconds, {}});
    if (!w.traffic)
        d.conventions.push_back({"startup_time", 0.0, "instance start-up time is not billed in this model"});
    d.conventions.push_back({"free_tier_applied", c.free_tier ? 1.0 : 0.0, {}});
    if (c.free_tier)
        d.conventions.push_back({"free_tier_scope", 0.0,
                                 "the billing account's monthly free tier (180,000 vCPU-s, 360,000 GiB-s, 2M requests) "
                                 "is credited to this service"});
    if (free_tier_revalued)
        d.conventions.push_back({"free_tier_valuation", 0.0,
                                 "the free tier is a spending-based discount valued at Tier 1 prices: at this region's "
                                 "prices it is a different number of free units (see the free-tier lines)"});
    const double seconds = w.duration_ms / 1000.0;
    const int concurrency = c.concurrency;
    if (w.traffic) {
        d.conventions.push_back({"instance_time_rule", 0.0,
                                 "per interval: concurrency C = requests/s x billed duration; instance time = "
                                 "min(C, max(C / concurrency, 1 - e^-C)) (one instance busy while any request is "
                                 "in flight, full packing once C / concurrency is more)"});
        d.annotate = [profile = w.traffic, seconds, concurrency](const CostModel::Data&, double r, Bill& bill) {
            add_concurrency_view(bill, *profile, r, seconds, concurrency);
        };
        add_instance_cold_starts(d, cold_runs, cold);
        return d;
    }
    d.annotate = [seconds, concurrency](const CostModel::Data&, double r, Bill& bill) {
        const double in_flight = r * seconds / kSecondsPerMonth;
        bill.conventions.push_back({"mean_concurrency", in_flight, {}});
        bill.conventions.push_back({"mean_instances", in_flight / concurrency, {}});
    };
    return d;
}

}  // namespace costsim::detail
