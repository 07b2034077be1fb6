// Cloud Run functions and Azure Functions: placeholder until they land (issue 3).
#include "model_building.hpp"

namespace costsim::detail {

CostModel::Data build_cloud_run(const Workload&, const CloudRunConfig&, const Catalog&) {
    throw InvalidInput("kind", "one of the supported kinds (Cloud Run is not priced yet)", "\"cloud_run\"");
}

CostModel::Data build_azure_functions(const Workload&, const AzureFunctionsConfig&, const Catalog&) {
    throw InvalidInput("kind", "one of the supported kinds (Azure Functions are not priced yet)", "\"azure_functions\"");
}

}  // namespace costsim::detail
