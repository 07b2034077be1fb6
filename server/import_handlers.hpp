#pragma once
/// The usage imports over HTTP: CloudWatch metrics to a scenario, a Cost and Usage Report's Lambda
/// rows beside cost-sim's prices. Parse, call the library, render; Design/http-api.md#usage-imports.

#include "api.hpp"

namespace costsim::server {

/// POST /api/v1/import/cloudwatch?period_s=&duration_ms=: the body is a get-metric-statistics or
/// get-metric-data output, or an array of them -> {"cloudwatch", "scenario"}.
ApiResponse handle_import_cloudwatch(const ServiceContext& context, const ApiRequest& request);
/// POST /api/v1/import/cur: {"csv": "<the report's text>", "free_tier"?} -> the line-by-line
/// comparison (JSON, or CSV with ?format=csv).
ApiResponse handle_import_cur(const ServiceContext& context, const ApiRequest& request);
/// POST /api/v1/import/trace: {"invocations": "<Azure 2019 invocations or timestamp,count CSV>",
/// "durations"?, "memory"?, "row"? | "function"?, "duration_ms"?, "memory_mb"?} -> {"trace",
/// "scenario"}. The handler sets no size of its own: the route's body limit (kMaxJsonBytes today,
/// one function's rows of the three files) is the only one, and raising it is all whole files need.
ApiResponse handle_import_trace(const ServiceContext& context, const ApiRequest& request);

}  // namespace costsim::server
