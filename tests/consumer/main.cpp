// Prices the README's example through the installed package, and writes its cost curve through the
// installed curves_io.hpp; exits 0 when the total and the curve are right.
#include <costsim/costsim.hpp>
#include <costsim/curves_io.hpp>

#include <cmath>
#include <cstdio>

int main() {
    using namespace costsim;
    Workload w{.requests_per_month = 3e6, .duration_ms = 1000};
    const Offering lambda{"", LambdaConfig{.memory_mb = 512}};
    Bill b = price(w, lambda, Catalog::builtin());
    // (3,000,000 - 1,000,000) x 0.0000002 + (1,500,000 - 400,000) x 0.0000166667 = 18.73337
    std::printf("%s %.5f %s\n", std::string(b.offering_id).c_str(), b.total, std::string(b.currency).c_str());
    // A curve of two points: a header row and one row a point.
    const std::string csv = to_csv(cost_curves(w, {lambda}, Catalog::builtin(), CurveGrid{{1.0, 2.0}, 2, true}));
    std::size_t rows = 0;
    for (std::size_t at = csv.find("\r\n"); at != std::string::npos; at = csv.find("\r\n", at + 2)) ++rows;
    return std::fabs(b.total - 18.73337) < 1e-9 && rows == 3 ? 0 : 1;
}
