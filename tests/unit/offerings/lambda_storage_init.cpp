// Lambda ephemeral storage above the 512 MB included ($0.0000000309 per GB-s) and billed INIT
// time (billed for on-demand functions since 2025-08-01, AWS Compute Blog 2025-04-29).
#include <costsim/costsim.hpp>
#include <doctest/doctest.h>

#include "../support.hpp"

using namespace costsim;

TEST_CASE("10,240 MB ephemeral storage: 9.5 GB billable per second of duration") {
    // (10,240 - 512) / 1,024 = 9.5 GB; 1,000,000 x 1 s x 9.5 GB = 9,500,000 GB-s
    // 9,500,000 x 0.0000000309 = 0.29355
    Workload w{.requests_per_month = 1e6, .duration_ms = 1000};
    Bill b = price(w, Offering{"", LambdaConfig{.memory_mb = 128, .ephemeral_storage_mb = 10240}}, Catalog::builtin());
    CHECK(test::quantity_of(b, "Ephemeral storage above 512 MB") == doctest::Approx(9.5e6).epsilon(1e-12));
    CHECK(test::cost_of(b, "Ephemeral storage") == doctest::Approx(0.29355).epsilon(1e-12));
    test::check_invariants(b);
}

TEST_CASE("512 MB ephemeral storage is included: no storage line") {
    Workload w{.requests_per_month = 1e6, .duration_ms = 1000};
    Bill b = price(w, Offering{"", LambdaConfig{.memory_mb = 128}}, Catalog::builtin());
    CHECK(test::find_line(b, "Ephemeral storage above 512 MB") == nullptr);
}

TEST_CASE("INIT: 1 % cold starts of 250 ms add billed GB-s") {
    // GB-s = 1,000,000 x (0.100 s + 0.01 x 0.250 s) x 1 GB = 102,500
    // duration = 102,500 x 0.0000166667 = 1.70833675; requests = 0.20 (free tier off)
    Workload w{.requests_per_month = 1e6, .duration_ms = 100, .cold_start_percent = 1, .init_duration_ms = 250};
    Bill b = price(w, Offering{"", LambdaConfig{.memory_mb = 1024, .free_tier = false}}, Catalog::builtin());
    CHECK(test::quantity_with_prefix(b, "Duration (x86_64)") == doctest::Approx(102500).epsilon(1e-12));
    CHECK(b.total == doctest::Approx(1.70833675 + 0.2).epsilon(1e-12));
    REQUIRE(b.convention("billed_init_ms"));
    CHECK(b.convention("billed_init_ms")->value == 250);
}
