// Google Cloud Run functions (request-based billing) and Azure Functions (Consumption plan).
// Formulas and sources: Design/pricing-model.md#cloud-run-functions, #azure-functions.
#include "model_building.hpp"

#include <algorithm>
#include <cmath>

namespace costsim::detail {

namespace {
void require_same_currency(const CostModel::Data& d, const PriceEntry& e) {
    if (e.currency != d.currency)
        throw InvalidCatalog(e.id, "catalog entry " + e.id + " is priced in " + e.currency + " but this bill is in " +
                                       d.currency + "; one bill holds one currency");
}
}  // namespace

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
    const PriceEntry* free_vcpu = c.free_tier ? &catalog.at("gcp.cloud_run.global.free_tier.vcpu_seconds", "free_tier") : nullptr;
    const PriceEntry* free_memory = c.free_tier ? &catalog.at("gcp.cloud_run.global.free_tier.gib_seconds", "free_tier") : nullptr;
    const PriceEntry* free_requests = c.free_tier ? &catalog.at("gcp.cloud_run.global.free_tier.requests", "free_tier") : nullptr;

    d.components.push_back(affine_component("CPU", "vCPU-second", c.vcpu * instance_seconds, 0.0,
                                            make_bands(d.text, "CPU", vcpu_price, free_vcpu)));
    d.components.push_back(affine_component("Memory", "GiB-second", memory_gib * instance_seconds, 0.0,
                                            make_bands(d.text, "Memory", memory_price, free_memory)));
    d.components.push_back(affine_component("Requests", "request", 1.0, 0.0,
                                            make_bands(d.text, "Requests", request_price, free_requests)));
    add_data_out(d, w, "gcp", c.region, c.free_tier, catalog);

    add_common_conventions(d, catalog);
    d.conventions.push_back({"billing_mode", 0.0, "request-based: CPU and memory billed only while requests run"});
    d.conventions.push_back({"duration_rounding", 0.0, "instance time rounded up to 100 ms per request"});
    d.conventions.push_back({"billed_duration_ms", billed_ms, {}});
    d.conventions.push_back({"concurrency", static_cast<double>(c.concurrency), {}});
    d.conventions.push_back({"concurrency_rule", 0.0,
                             "each billed instance-second is shared by `concurrency` requests in flight (full "
                             "packing); at low traffic an instance holds fewer and costs more per request"});
    d.conventions.push_back({"vcpu", c.vcpu, {}});
    d.conventions.push_back({"memory_gib", memory_gib, {}});
    d.conventions.push_back({"vcpu_seconds_per_request", c.vcpu * instance_seconds, {}});
    d.conventions.push_back({"gib_seconds_per_request", memory_gib * instance_seconds, {}});
    d.conventions.push_back({"startup_time", 0.0, "instance start-up time is not billed in this model"});
    d.conventions.push_back({"free_tier_applied", c.free_tier ? 1.0 : 0.0, {}});
    if (c.free_tier)
        d.conventions.push_back({"free_tier_scope", 0.0,
                                 "the billing account's monthly free tier (180,000 vCPU-s, 360,000 GiB-s, 2M requests) "
                                 "is credited to this service"});
    const double seconds = w.duration_ms / 1000.0;
    const int concurrency = c.concurrency;
    d.annotate = [seconds, concurrency](const CostModel::Data&, double r, Bill& bill) {
        const double in_flight = r * seconds / kSecondsPerMonth;
        bill.conventions.push_back({"mean_concurrency", in_flight, {}});
        bill.conventions.push_back({"mean_instances", in_flight / concurrency, {}});
    };
    return d;
}

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
    const PriceEntry* free_gbs = c.free_tier ? &catalog.at("azure.functions.global.free_tier.gb_seconds", "free_tier") : nullptr;
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
    return d;
}

}  // namespace costsim::detail
