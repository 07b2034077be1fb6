// Invariants of the Flex Consumption model over seeded random workloads and configurations: the
// bill invariants, total(R) = bill(R).total, non-decreasing and continuous in traffic, zero traffic
// costs the always-ready baseline alone, and the GB-s lines equal the documented formula
// M x (min(R_ar x p, A x T) + max(min(R' x p, T), R' x d / C)) (Design/pricing-model.md).
#include <costsim/costsim.hpp>
#include <doctest/doctest.h>

#include "../support.hpp"

#include <algorithm>
#include <cmath>
#include <random>

using namespace costsim;

TEST_CASE("Invariants: Flex Consumption, 300 seeded random cases") {
    std::mt19937 rng(20261123);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    const Catalog& catalog = Catalog::builtin();
    for (int i = 0; i < 300; ++i) {
        Workload w;
        w.requests_per_month = std::pow(10.0, 3.0 + 7.0 * u(rng));
        w.duration_ms = 1.0 + 5000.0 * u(rng);
        w.response_kb = u(rng) < 0.5 ? 0.0 : 100.0 * u(rng);
        w.peak_to_mean = 1.0 + 9.0 * u(rng);
        AzureFunctionsFlexConfig c;
        c.region = u(rng) < 0.5 ? "eastus" : "japaneast";
        c.instance_memory_mb = kAzureFunctionsFlexMemorySizes[std::uniform_int_distribution<int>(0, 2)(rng)];
        if (u(rng) < 0.7) c.instance_concurrency = 1 + static_cast<int>(999 * u(rng) * u(rng));
        c.always_ready_instances = u(rng) < 0.5 ? 0 : std::uniform_int_distribution<int>(1, 20)(rng);
        c.free_tier = u(rng) < 0.5;
        CAPTURE(i);
        const CostModel m = CostModel::build(w, Offering{"", c}, catalog);

        // the formula, independently of the components
        const double memory = c.instance_memory_mb / 1024.0, month = 2628000.0;
        const double p = std::max(1.0, std::ceil(w.duration_ms / 100.0) / 10.0);
        const double packed = w.duration_ms / 1000.0 / c.effective_concurrency();
        const double capacity = c.always_ready_instances * month / packed;
        const auto gb_seconds = [&](double r) {
            const double on_demand = std::max(0.0, r - capacity);
            return memory * (std::min(r * p, c.always_ready_instances * month) +
                             std::max(std::min(on_demand * p, month), on_demand * packed));
        };

        std::vector<double> traffic = {0.0, w.requests_per_month, capacity, capacity * 1.5};
        for (int k = 0; k < 12; ++k) traffic.push_back(std::pow(10.0, 11.0 * u(rng)));
        std::sort(traffic.begin(), traffic.end());
        double previous = -1.0;
        for (double r : traffic) {
            const Bill b = m.bill(r);
            test::check_invariants(b);
            CHECK(m.total(r) == doctest::Approx(b.total).epsilon(1e-12));
            CHECK(b.total >= previous * (1.0 - 1e-12));
            CHECK(m.total(r * (1.0 + 1e-9) + 1e-6) == doctest::Approx(b.total).epsilon(1e-6));  // no jumps
            previous = b.total;
            const double lines = test::quantity_with_prefix(b, "Always-ready execution time") +
                                 test::quantity_with_prefix(b, "On-demand execution time");
            CHECK(lines == doctest::Approx(gb_seconds(r)).epsilon(1e-9));
            CHECK(test::quantity_with_prefix(b, "Always-ready executions") +
                      test::quantity_with_prefix(b, "On-demand executions") ==
                  doctest::Approx(r).epsilon(1e-9));
        }
        const double baseline =
            c.always_ready_instances * memory * month *
            catalog.at("azure.functions_flex." + c.region + ".always_ready_baseline_gb_seconds", "").flat_price();
        CHECK(m.total(0.0) == doctest::Approx(baseline).epsilon(1e-12));
    }
}
