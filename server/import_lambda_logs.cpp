// POST /api/v1/import/lambda-logs: a Lambda log to a scenario. The library reads the body and derives;
// this answers its JSON. Contract: Design/http-api.md#post-apiv1importlambda-logs.
#include "handlers.hpp"

#include <costsim/lambda_log_import.hpp>

namespace costsim::server {

ApiResponse handle_import_lambda_logs(const ServiceContext& context, const ApiRequest& request) {
    const LambdaLogImport imported = import_lambda_logs_request(request.body);
    ApiResponse response;
    response.body = to_json(imported, lambda_log_bills(imported, context.catalog));
    return response;
}

}  // namespace costsim::server
