// Prices the README's example through the installed package; exits 0 when the total is right.
#include <costsim/costsim.hpp>

#include <cmath>
#include <cstdio>

int main() {
    using namespace costsim;
    Workload w{.requests_per_month = 3e6, .duration_ms = 1000};
    Bill b = price(w, Offering{"", LambdaConfig{.memory_mb = 512}}, Catalog::builtin());
    // (3,000,000 - 1,000,000) x 0.0000002 + (1,500,000 - 400,000) x 0.0000166667 = 18.73337
    std::printf("%s %.5f %s\n", std::string(b.offering_id).c_str(), b.total, std::string(b.currency).c_str());
    return std::fabs(b.total - 18.73337) < 1e-9 ? 0 : 1;
}
