// VM fleets: placeholder until the fleet model lands (issue 3).
#include "model_building.hpp"

namespace costsim::detail {

CostModel::Data build_vm_fleet(const Workload&, const VmFleetConfig&, const Catalog&) {
    throw InvalidInput("kind", "one of the supported kinds (VM fleets are not priced yet)", "\"vm\"");
}

}  // namespace costsim::detail
