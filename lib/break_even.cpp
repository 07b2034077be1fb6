// Placeholder: exact break-even search lands with issue 4.
#include <costsim/compare.hpp>

namespace costsim {

std::vector<BreakEven> find_break_even(const CostModel&, double, const CostModel&, double, const TrafficRange&) {
    return {};
}

}  // namespace costsim
