// Google Cloud Run functions (request-based billing) and Azure Functions (Consumption plan).
// Formulas and sources: Design/pricing-model.md#cloud-run-functions, #azure-functions.
#include "model_building.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace costsim::detail {

namespace {
void require_same_currency(const CostModel::Data& d, const PriceEntry& e) {
    if (e.currency != d.currency)
        throw InvalidCatalog(e.id, "catalog entry " + e.id + " is priced in " + e.currency + " but this bill is in " +
                                       d.currency + "; one bill holds one currency");
}

/// A unit price as "0.0000336" (fixed notation, up to 10 decimals), in a buffer of its own.
class PriceText {
  public:
    explicit PriceText(double v) noexcept {
        const auto [end, ec] = std::to_chars(buf_, buf_ + sizeof buf_, v, std::chars_format::fixed, 10);
        size_ = ec == std::errc() ? static_cast<std::size_t>(end - buf_) : 0;
        if (std::string_view(buf_, size_).find('.') != std::string_view::npos) {
            while (size_ > 0 && buf_[size_ - 1] == '0') --size_;
            if (size_ > 0 && buf_[size_ - 1] == '.') --size_;
        }
    }
    operator std::string_view() const noexcept { return {buf_, size_}; }

  private:
    char buf_[48];
    std::size_t size_ = 0;
};

/// Cloud Run's free tier is a spending-based discount valued at Tier 1 prices
/// (cloud.google.com/run/pricing): a region priced p gets allowance x p1 / p free units, worth the
/// same allowance x p1 dollars. The free band of `bands` (from make_bands) is resized to that and
/// the tiers after it move with it; in a Tier 1 region (p = p1) nothing changes. The region's
/// first-tier price is used: the free allowance comes before any tier (the project convention).
/// Returns whether the free quantity changed.
bool value_free_tier_at_tier1(TextArena& text, std::vector<Band>& bands, const PriceEntry& price,
                              const PriceEntry& allowance, const PriceEntry& tier1) {
    const double p = price.tiers.front().price, p1 = tier1.flat_price();
    if (bands.empty() || bands.front().unit_price != 0.0 || !(p > 0.0) || p == p1) return false;
    // At most 1e18 units, the catalog's allowance bound: a near-zero region price stays finite.
    const double free = std::min(allowance.allowance * p1 / p, 1e18);
    const double shift = free - allowance.allowance;
    bands.front().up_to = free;
    for (std::size_t i = 1; i < bands.size(); ++i) {
        bands[i].from += shift;
        if (bands[i].up_to != kUnbounded) bands[i].up_to += shift;
    }
    const std::string money = price.currency == "USD" ? "$" : price.currency + " ";
    bands.front().note = text.concat({"free tier: ", QuantityText(allowance.allowance), " ", allowance.unit,
                                      " a month valued at the Tier 1 price ", money, PriceText(p1), " (", money,
                                      PriceText(allowance.allowance * p1), ") = ", QuantityText(free), " ",
                                      allowance.unit, " at this region's ", money, PriceText(p)});
    return true;
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
    d.components.push_back(affine_component("CPU", "vCPU-second", vcpu * instance_seconds, 0.0,
                                            bands("CPU", vcpu_price, "vcpu_seconds")));
    d.components.push_back(affine_component("Memory", "GiB-second", memory_gib * instance_seconds, 0.0,
                                            bands("Memory", memory_price, "gib_seconds")));
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
