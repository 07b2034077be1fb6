// AWS Lambda: requests, tiered duration GB-s, INIT, ephemeral storage, provisioned concurrency,
// front door and data transfer out. Formulas and sources: Design/pricing-model.md#aws-lambda.
#include "offerings/lambda_traffic.hpp"
#include "offerings/model_building.hpp"

#include <algorithm>

#include <cmath>

namespace costsim::detail {

CostModel::Data build_lambda(const Workload& w, const LambdaConfig& c, const Catalog& catalog) {
    CostModel::Data d = empty_data();
    d.currency = "USD";
    const std::string arch = to_string(c.arch);
    const PriceEntry& requests = catalog.at(CatalogId{"aws.lambda.", c.region, ".", arch, ".requests"}, "region");
    const PriceEntry& duration = catalog.at(CatalogId{"aws.lambda.", c.region, ".", arch, ".duration"}, "region");
    d.currency = requests.currency;

    // Duration is rounded up to 1 ms per invocation (aws.amazon.com/lambda/pricing, Dec 2020).
    const double billed_ms = std::ceil(w.duration_ms);
    const double init_billed_ms = std::ceil(w.init_duration_ms);
    const double seconds = billed_ms / 1000.0;
    const double cold_share = w.cold_start_percent / 100.0;
    const double init_seconds_per_request = cold_share * init_billed_ms / 1000.0;
    const double memory_gb = c.memory_mb / kMbPerGb;
    // AWS: "The Lambda free tier does not apply to functions that have Provisioned Concurrency
    // enabled" (pricing-facts A1): such a function pays every request and GB-second. The 100 GB
    // data-out allowance is AWS-wide, not Lambda's, and follows c.free_tier alone.
    const bool scheduled = std::any_of(c.provisioned_schedule.begin(), c.provisioned_schedule.end(),
                                       [](double level) { return level > 0; });
    const bool free_tier = c.free_tier && c.provisioned_concurrency == 0 && !scheduled;

    const PriceEntry* free_requests =
        free_tier ? &catalog.at("aws.lambda.global.free_tier.requests", "free_tier") : nullptr;
    const PriceEntry* free_gbs = free_tier ? &catalog.at("aws.lambda.global.free_tier.duration", "free_tier") : nullptr;

    if (!c.provisioned_schedule.empty() && !w.traffic)
        throw InvalidInput("provisioned_schedule",
                           "left out without workload.traffic (a schedule by hour of week "
                           "needs a traffic profile)",
                           std::to_string(c.provisioned_schedule.size()) + " levels");
    const double n = c.provisioned_concurrency;
    const double pc_invocation_seconds = n * kSecondsPerMonth;
    if (w.traffic) {
        add_lambda_traffic(d, w, c, catalog, {requests, duration, free_requests, free_gbs, arch});
    } else {
        d.components.push_back(
            affine_component("Requests", "request", 1.0, 0.0, make_bands(d.text, "Requests", requests, free_requests)));

        // Provisioned concurrency, steady state: the N environments serve up to N x 2,628,000
        // invocation-seconds a month; demand beyond that spills over to on-demand.
        const double on_demand_gbs_per_request = memory_gb * (seconds + init_seconds_per_request);
        const std::string_view duration_name = d.text.concat({"Duration (", arch, ")"});
        Component on_demand =
            affine_component(duration_name, "GB-second", on_demand_gbs_per_request,
                             // spilled invocations = R - pc_seconds / seconds, each billing seconds + INIT share
                             -pc_invocation_seconds / seconds * on_demand_gbs_per_request,
                             make_bands(d.text, duration_name, duration, free_gbs));
        d.components.push_back(std::move(on_demand));

        if (n > 0) {
            const PriceEntry& pc = catalog.at(CatalogId{"aws.lambda.", c.region, ".", arch, ".provisioned_concurrency"},
                                              "provisioned_concurrency");
            const PriceEntry& pc_duration = catalog.at(
                CatalogId{"aws.lambda.", c.region, ".", arch, ".provisioned_duration"}, "provisioned_concurrency");
            const std::string_view pc_name = d.text.concat({"Provisioned concurrency (", arch, ")"});
            d.components.push_back(affine_component(pc_name, "GB-second", 0.0, n * memory_gb * kSecondsPerMonth,
                                                    make_bands(d.text, pc_name, pc, nullptr)));
            const std::string_view served_name = d.text.concat({"Duration on provisioned concurrency (", arch, ")"});
            Component served = affine_component(served_name, "GB-second", memory_gb * seconds, 0.0,
                                                make_bands(d.text, served_name, pc_duration, nullptr));
            served.upper = pc_invocation_seconds * memory_gb;
            d.components.push_back(std::move(served));
        }

        if (c.ephemeral_storage_mb > 512) {
            const PriceEntry& storage =
                catalog.at(CatalogId{"aws.lambda.", c.region, ".", arch, ".ephemeral_storage"}, "ephemeral_storage_mb");
            const double extra_gb = (c.ephemeral_storage_mb - 512) / kMbPerGb;
            d.components.push_back(
                affine_component("Ephemeral storage above 512 MB", "GB-second", extra_gb * seconds, 0.0,
                                 make_bands(d.text, "Ephemeral storage above 512 MB", storage, nullptr)));
            d.conventions.push_back({"billable_storage_gb", extra_gb, {}});
        }
    }

    double api_units_per_request = 0.0;
    if (c.front_door == FrontDoor::http_api) {
        // HTTP API meters requests in 512 KB increments (infracost apigatewayv2_api.go).
        api_units_per_request = std::max(1.0, std::ceil(w.request_kb / 512.0));
        const PriceEntry& api = catalog.at(CatalogId{"aws.apigateway.", c.region, ".http_api.requests"}, "front_door");
        d.components.push_back(affine_component("API Gateway HTTP API requests", "request", api_units_per_request, 0.0,
                                                make_bands(d.text, "API Gateway HTTP API requests", api, nullptr)));
    } else if (c.front_door == FrontDoor::rest_api) {
        api_units_per_request = 1.0;
        const PriceEntry& api = catalog.at(CatalogId{"aws.apigateway.", c.region, ".rest_api.requests"}, "front_door");
        d.components.push_back(affine_component("API Gateway REST API requests", "request", 1.0, 0.0,
                                                make_bands(d.text, "API Gateway REST API requests", api, nullptr)));
    }

    add_aws_data_out(d, w, c.region, c.free_tier, catalog);

    add_common_conventions(d, catalog);
    d.conventions.push_back({"duration_rounding", 0.0, "up to 1 ms per invocation"});
    d.conventions.push_back({"billed_duration_ms", billed_ms, {}});
    d.conventions.push_back({"memory_gb", memory_gb, {}});
    d.conventions.push_back({"gb_seconds_per_request", memory_gb * seconds, {}});
    d.conventions.push_back({"free_tier_applied", free_tier ? 1.0 : 0.0, {}});
    if (free_tier)
        d.conventions.push_back(
            {"free_tier_scope", 0.0, "the account's whole monthly free tier is credited to this function"});
    else if (c.free_tier)
        d.conventions.push_back(
            {"free_tier_scope", 0.0,
             "the Lambda free tier does not apply to a function with provisioned concurrency: "
             "every request and GB-second is billed (the 100 GB data-out allowance still applies)"});
    d.conventions.push_back({"tier_basis", 0.0, "duration tiers apply to the month's GB-seconds after the free tier"});
    if (!w.traffic && init_seconds_per_request > 0) {
        d.conventions.push_back({"billed_init_ms", init_billed_ms, {}});
        d.conventions.push_back({"cold_start_share", cold_share, {}});
    }
    d.conventions.push_back({"front_door", 0.0, to_string(c.front_door)});
    if (api_units_per_request > 0) d.conventions.push_back({"api_requests_per_request", api_units_per_request, {}});
    if (n > 0) d.conventions.push_back({"provisioned_concurrency", n, {}});
    if (w.traffic) return d;  // add_lambda_traffic set annotate
    if (n > 0) {
        d.conventions.push_back(
            {"provisioned_rule", 0.0,
             "steady state: concurrency = requests/s x billed duration; invocations up to "
             "N x 2,628,000 invocation-seconds run on provisioned concurrency, the rest on demand"});
    }
    d.annotate = [seconds, pc_invocation_seconds](const CostModel::Data&, double r, Bill& bill) {
        const double demand_seconds = r * seconds;
        bill.conventions.push_back({"mean_concurrency", demand_seconds / kSecondsPerMonth, {}});
        if (pc_invocation_seconds > 0) {
            bill.conventions.push_back(
                {"share_on_provisioned",
                 demand_seconds > 0 ? std::min(1.0, pc_invocation_seconds / demand_seconds) : 1.0,
                 {}});
            if (demand_seconds > pc_invocation_seconds)
                bill.flags.push_back({"provisioned_spillover",
                                      "mean concurrency exceeds provisioned concurrency: the excess runs on demand"});
        }
    };
    return d;
}

}  // namespace costsim::detail
