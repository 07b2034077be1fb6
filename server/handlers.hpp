#pragma once
/// One function per endpoint: request -> library call -> rendered response. They parse with
/// costsim::parse_scenario, compute with the library and render with costsim::to_json / to_csv;
/// no pricing here. Library errors propagate (routes.cpp maps them once).

#include "api.hpp"

namespace costsim::server {

/// The body of GET /health for a catalog.
std::string health_json(const Catalog& catalog);

ApiResponse handle_health(const ServiceContext& context, const ApiRequest& request);
ApiResponse handle_catalog(const ServiceContext& context, const ApiRequest& request);
/// POST /api/v1/catalog/import: one AWS Price List offer file (JSON) or Azure Retail Prices page
/// in the body, answered as a catalog document with what was read, used and skipped.
ApiResponse handle_catalog_import(const ServiceContext& context, const ApiRequest& request);
/// GET /api/v1/offering-kinds: the kinds' descriptors (offering_kinds_to_json).
ApiResponse handle_offering_kinds(const ServiceContext& context, const ApiRequest& request);
ApiResponse handle_estimate(const ServiceContext& context, const ApiRequest& request);
ApiResponse handle_compare(const ServiceContext& context, const ApiRequest& request);
ApiResponse handle_break_even(const ServiceContext& context, const ApiRequest& request);
ApiResponse handle_sweep(const ServiceContext& context, const ApiRequest& request);
/// POST /api/v1/profile: the workload's traffic summary and its compact series (for the chart).
ApiResponse handle_profile(const ServiceContext& context, const ApiRequest& request);
/// GET /api/v1/traffic-samples/azure-functions-2019: the bundled sample's rows (trigger, daily
/// count, average duration), or with ?row=N|HASH that row's summary and series; with attribution.
ApiResponse handle_traffic_sample(const ServiceContext& context, const ApiRequest& request);
/// POST /api/v1/import/lambda-logs: a Lambda log ({"log": "...", options} or filter-log-events
/// output) to its scenario, summary and observed and modelled bills (import_lambda_logs.cpp).
ApiResponse handle_import_lambda_logs(const ServiceContext& context, const ApiRequest& request);
ApiResponse handle_openapi(const ServiceContext& context, const ApiRequest& request);
ApiResponse handle_metrics(const ServiceContext& context, const ApiRequest& request);
ApiResponse handle_index(const ServiceContext& context, const ApiRequest& request);
ApiResponse handle_asset(const ServiceContext& context, const ApiRequest& request);

}  // namespace costsim::server
