// Cloud Run functions and Azure Functions under a traffic profile: the per-interval concurrency
// view, and Cloud Run's request-based instance time with concurrency. us-central1 Tier 1:
// $0.000024 per vCPU-s, $0.0000025 per GiB-s, $0.40 per 1M requests (free tier off).
// Design/pricing-model.md#per-use-kinds-under-a-traffic-profile.
#include <costsim/costsim.hpp>
#include <doctest/doctest.h>

#include "../support.hpp"

#include <cmath>
#include <vector>

using namespace costsim;

namespace {

Workload hourly(std::vector<double> requests, double duration_ms) {
    Workload w{.duration_ms = duration_ms};
    return w.with_traffic(TrafficProfile{.interval_s = 3600, .requests = std::move(requests)});
}

const BillSeries* series(const Bill& b, std::string_view name) {
    for (const BillSeries& s : b.series)
        if (s.name == name) return &s;
    return nullptr;
}

}  // namespace

TEST_CASE("Cloud Run under a profile: a busy hour packs 10 requests an instance, a quiet one does not") {
    // 1 s requests (billed 1 s), concurrency 10, 1 vCPU, 512 MiB. Hour 1: 36,000 requests, C = 10:
    // instance time min(10, max(10 / 10, 1 - e^-10)) = 1 instance x 3,600 s. Hour 2: 360 requests,
    // C = 0.1: max(0.01, 1 - e^-0.1 = 0.0951626) = 0.0951626 x 3,600 = 342.58530 s (mostly one
    // request alone on its instance). Month factor 2,628,000 / 7,200 = 365:
    // (3,600 + 342.58530) x 365 = 1,439,043.633 vCPU-s x $0.000024 = $34.5370472
    // x 0.5 GiB = 719,521.816 GiB-s x $0.0000025 = $1.7988045
    // requests 36,360 x 365 = 13,271,400 x $0.0000004 = $5.30856. Total $41.6444117.
    // (Full packing all month would bill 13,271,400 x 0.1 = 1,327,140 vCPU-s.)
    const Workload w = hourly({36000, 360}, 1000);
    const Bill b =
        price(w, Offering{"", CloudRunConfig{.memory_mb = 512, .vcpu = 1.0, .concurrency = 10, .free_tier = false}},
              Catalog::builtin());
    CHECK(test::quantity_of(b, "CPU") == doctest::Approx(1439043.633).epsilon(1e-9));
    CHECK(test::cost_of(b, "Memory") == doctest::Approx(1.7988045).epsilon(1e-7));
    CHECK(b.total == doctest::Approx(41.6444117).epsilon(1e-8));
    CHECK(b.convention("peak_concurrency")->value == doctest::Approx(10).epsilon(1e-12));
    CHECK(b.convention("peak_instances")->value == 1);
    REQUIRE(series(b, "instances") != nullptr);
    CHECK(series(b, "instances")->values == std::vector<double>{1, 1});
    test::check_invariants(b);

    SUBCASE("concurrency 1: each request bills its own time, as without a profile") {
        const CloudRunConfig c{.memory_mb = 512, .vcpu = 1.0, .concurrency = 1, .free_tier = false};
        const Bill with = price(w, Offering{"", c}, Catalog::builtin());
        Workload flat{.requests_per_month = w.requests_per_month, .duration_ms = 1000};
        const Bill without = price(flat, Offering{"", c}, Catalog::builtin());
        CHECK(with.total == doctest::Approx(without.total).epsilon(1e-12));
    }
}

TEST_CASE("Azure Functions under a profile: the bill is per execution, the view per interval") {
    const Workload w = hourly({36000, 360}, 500);
    const Bill b = price(w, Offering{"", AzureFunctionsConfig{}}, Catalog::builtin());
    Workload flat{.requests_per_month = w.requests_per_month, .duration_ms = 500};
    CHECK(b.total ==
          doctest::Approx(price(flat, Offering{"", AzureFunctionsConfig{}}, Catalog::builtin()).total).epsilon(1e-12));
    // 36,000 / 3,600 x 0.5 s = 5 in flight at the peak; mean (5 + 0.05) / 2
    CHECK(b.convention("peak_concurrency")->value == doctest::Approx(5).epsilon(1e-12));
    CHECK(b.convention("mean_concurrency")->value == doctest::Approx(2.525).epsilon(1e-12));
    REQUIRE(series(b, "concurrency") != nullptr);
    CHECK(series(b, "concurrency")->values.size() == 2);
}

TEST_CASE("Azure Functions Flex under a profile: instances = ceil(concurrency / instance_concurrency)") {
    // 2,048 MB: HTTP default 16 per instance; 36,000 / 3,600 x 2 s = 20 in flight -> 2 instances
    const Workload w = hourly({36000, 360}, 2000);
    const Bill b = price(w, Offering{"", AzureFunctionsFlexConfig{.instance_memory_mb = 2048}}, Catalog::builtin());
    CHECK(b.convention("peak_instances")->value == 2);
    CHECK(series(b, "instances")->values == std::vector<double>{2, 1});
}
