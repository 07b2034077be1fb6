// Invariants over many seeded random Lambda workloads: total = sum of line items, cost =
// quantity x unit price per line, cost never decreases as traffic grows, zero traffic costs only
// the fixed charges (provisioned concurrency).
#include <costsim/costsim.hpp>
#include <doctest/doctest.h>

#include "../support.hpp"

#include <random>

using namespace costsim;

TEST_CASE("Lambda invariants over 2,000 seeded random workloads") {
    std::mt19937_64 rng(20261122);
    auto uniform = [&](double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng); };
    auto pick = [&](int n) { return static_cast<int>(std::uniform_int_distribution<int>(0, n - 1)(rng)); };
    const Catalog& catalog = Catalog::builtin();
    for (int i = 0; i < 2000; ++i) {
        Workload w{.requests_per_month = std::pow(10.0, uniform(0, 11)),
                   .duration_ms = uniform(0.1, 30000),
                   .request_kb = uniform(0, 2048),
                   .response_kb = pick(2) ? uniform(0, 4096) : 0.0,
                   .internet_percent = uniform(0, 100),
                   .cold_start_percent = uniform(0, 5),
                   .init_duration_ms = uniform(0, 3000)};
        LambdaConfig c{.region = pick(2) ? "us-east-1" : "ap-northeast-1",
                       .arch = pick(2) ? Architecture::arm64 : Architecture::x86_64,
                       .memory_mb = 128 + pick(10240 - 128 + 1),
                       .ephemeral_storage_mb = pick(2) ? 512 : 512 + pick(10240 - 512 + 1),
                       .free_tier = pick(2) == 1,
                       .front_door = static_cast<FrontDoor>(pick(4)),
                       .provisioned_concurrency = pick(3) == 0 ? pick(50) : 0};
        CAPTURE(i);
        CostModel model = CostModel::build(w, Offering{"", c}, catalog);
        Bill b = model.bill();
        test::check_invariants(b);
        CHECK(model.total(w.requests_per_month) == doctest::Approx(b.total).epsilon(1e-12));
        // more traffic never costs less
        const double more = w.requests_per_month * uniform(1.0, 3.0);
        CHECK(model.total(more) >= b.total * (1 - 1e-12));
        // zero traffic: only provisioned concurrency, a fixed charge, remains
        Bill idle = model.bill(0.0);
        CHECK(idle.total == doctest::Approx(test::cost_of(idle, "Provisioned concurrency")).epsilon(1e-12));
        if (c.provisioned_concurrency == 0) CHECK(idle.total == 0.0);
    }
}
