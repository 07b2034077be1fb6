// Azure Functions, Consumption plan.
// Formulas and sources: Design/pricing-model.md#azure-functions.
#include "offerings/concurrency.hpp"
#include "offerings/model_building.hpp"
#include "offerings/serverless_traffic.hpp"

#include <algorithm>
#include <cmath>

namespace costsim::detail {

CostModel::Data build_azure_functions(const Workload& w, const AzureFunctionsConfig& c, const Catalog& catalog) {
    CostModel::Data d = empty_data();
    const PriceEntry& gbs_price = catalog.at(CatalogId{"azure.functions.", c.region, ".gb_seconds"}, "region");
    const PriceEntry& execution_price = catalog.at(CatalogId{"azure.functions.", c.region, ".executions"}, "region");
    d.currency = execution_price.currency;
    require_same_currency(d, gbs_price);

    // Memory rounded up to 128 MB (at least 128), time rounded up to 1 ms with a 100 ms minimum
    // per execution (azure.microsoft.com/pricing/details/functions).
    const double billed_mb = std::max(128.0, std::ceil(c.memory_mb / 128.0) * 128.0);
    const double billed_ms = std::max(100.0, std::ceil(w.duration_ms));
    const double memory_gb = billed_mb / kMbPerGb;
    const double gbs_per_execution = memory_gb * billed_ms / 1000.0;
    const PriceEntry* free_gbs =
        c.free_tier ? &catalog.at("azure.functions.global.free_tier.gb_seconds", "free_tier") : nullptr;
    const PriceEntry* free_executions =
        c.free_tier ? &catalog.at("azure.functions.global.free_tier.executions", "free_tier") : nullptr;

    d.components.push_back(affine_component("Execution time", "GB-second", gbs_per_execution, 0.0,
                                            make_bands(d.text, "Execution time", gbs_price, free_gbs)));
    d.components.push_back(affine_component("Executions", "request", 1.0, 0.0,
                                            make_bands(d.text, "Executions", execution_price, free_executions)));
    add_data_out(d, w, "azure", c.region, c.free_tier, catalog);

    add_common_conventions(d, catalog);
    d.conventions.push_back({"plan", 0.0, "Consumption (legacy, per-execution billing)"});
    d.conventions.push_back({"memory_rounding", 0.0, "observed memory rounded up to 128 MB, at least 128 MB"});
    d.conventions.push_back({"duration_rounding", 0.0, "up to 1 ms per execution, at least 100 ms"});
    d.conventions.push_back({"billed_memory_mb", billed_mb, {}});
    d.conventions.push_back({"billed_duration_ms", billed_ms, {}});
    d.conventions.push_back({"gb_seconds_per_execution", gbs_per_execution, {}});
    d.conventions.push_back({"free_tier_applied", c.free_tier ? 1.0 : 0.0, {}});
    if (c.free_tier)
        d.conventions.push_back({"free_tier_scope", 0.0,
                                 "the subscription's monthly free grant (400,000 GB-s, 1M executions) is credited to "
                                 "this function app"});
    if (w.traffic) {
        // Billing is per execution (GB-s and executions): a profile changes no line, only the view.
        d.annotate = [profile = w.traffic, seconds = w.duration_ms / 1000.0](const CostModel::Data&, double r,
                                                                             Bill& bill) {
            add_concurrency_view(bill, *profile, r, seconds, 0);
        };
        const InstanceColdStartParams cold{
            .duration_s = w.duration_ms / 1000.0,
            .per_instance = kAzureConsumptionInstanceConcurrency,
            .keep_alive_s = c.keep_alive_s,
            .always_warm = 0.0,
            .cold_share = w.cold_start_percent / 100.0,
            .billed_startup_s = 0.0,
            .keep_alive_source = keep_alive_source(c.keep_alive_s, kAzureFunctionsKeepAliveS, kAzureKeepAliveSource),
            .startup_rule =
                "not billed separately: Consumption bills execution time (from an execution's start to "
                "its end) and executions, and an instance's start is neither"};
        add_instance_cold_starts(d, instance_cold_start_runs(w.traffic, cold), cold);
    }
    return d;
}

}  // namespace costsim::detail
