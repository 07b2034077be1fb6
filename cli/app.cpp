#include "app.hpp"

#include <ostream>

namespace costsim::cli {
int run(std::span<const std::string>, std::istream&, std::ostream&, std::ostream& err) {
    err << "cost-sim: not built yet\n";
    return kExitInternal;
}
}  // namespace costsim::cli
