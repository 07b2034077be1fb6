// Azure Functions, Consumption plan (eastus): $0.000016 per GB-s, $0.20 per 1M executions; free
// grant 400,000 GB-s + 1M executions a month. Memory rounded up to 128 MB, time up to 1 ms with a
// 100 ms minimum per execution.
#include <costsim/costsim.hpp>
#include <doctest/doctest.h>

#include "../support.hpp"

using namespace costsim;

namespace {
Bill fn(Workload w, AzureFunctionsConfig c) { return price(w, Offering{"", std::move(c)}, Catalog::builtin()); }
}  // namespace

TEST_CASE("Azure Functions: modal.com worked example 3M x 1 s x 1.5 GB = $66.00 (with the free grant)") {
    // GB-s = 3,000,000 x 1 s x 1.5 GB = 4,500,000; - 400,000 = 4,100,000 x $0.000016 = $65.60
    // executions = 3,000,000 - 1,000,000 = 2,000,000 x $0.0000002 = $0.40; total $66.00
    Bill b = fn({.requests_per_month = 3e6, .duration_ms = 1000}, {.memory_mb = 1536});
    CHECK(b.total == doctest::Approx(66.00).epsilon(1e-12));
    CHECK(test::cost_of(b, "Execution time") == doctest::Approx(65.60).epsilon(1e-12));
    CHECK(test::quantity_of(b, "Execution time, free tier") == 400000.0);
    test::check_invariants(b);
}

TEST_CASE("Azure Functions: the same example without the free grant = $72.60") {
    // 4,500,000 x 0.000016 = 72.00; 3,000,000 x 0.0000002 = 0.60
    Bill b = fn({.requests_per_month = 3e6, .duration_ms = 1000}, {.memory_mb = 1536, .free_tier = false});
    CHECK(b.total == doctest::Approx(72.60).epsilon(1e-12));
}

TEST_CASE("Azure Functions: memory up to 128 MB steps, 100 ms minimum") {
    // 200 MB -> 256 MB = 0.25 GB; 50 ms -> 100 ms. 10M x 0.25 x 0.1 = 250,000 GB-s (inside the grant)
    // executions 9,000,000 x 0.0000002 = $1.80
    Bill b = fn({.requests_per_month = 1e7, .duration_ms = 50}, {.memory_mb = 200});
    CHECK(b.convention("billed_memory_mb")->value == 256.0);
    CHECK(b.convention("billed_duration_ms")->value == 100.0);
    CHECK(b.total == doctest::Approx(1.80).epsilon(1e-12));
    // free grant off: 250,000 x 0.000016 = 4.00; 10,000,000 x 0.0000002 = 2.00 -> $6.00
    CHECK(fn({.requests_per_month = 1e7, .duration_ms = 50}, {.memory_mb = 200, .free_tier = false}).total ==
          doctest::Approx(6.00).epsilon(1e-12));
    // 1 MB bills 128 MB; 128 MB stays 128 MB; 129 MB bills 256 MB
    CHECK(fn({}, {.memory_mb = 1}).convention("billed_memory_mb")->value == 128.0);
    CHECK(fn({}, {.memory_mb = 128}).convention("billed_memory_mb")->value == 128.0);
    CHECK(fn({}, {.memory_mb = 129}).convention("billed_memory_mb")->value == 256.0);
}

TEST_CASE("Azure Functions: 1 ms rounding above the minimum") {
    // 100.2 ms -> 101 ms; 128 MB = 0.125 GB; 8M x 0.125 x 0.101 = 101,000 GB-s x 0.000016 = 1.616;
    // executions 8,000,000 x 0.0000002 = 1.60 -> $3.216 (free grant off)
    Bill b = fn({.requests_per_month = 8e6, .duration_ms = 100.2}, {.free_tier = false});
    CHECK(b.convention("billed_duration_ms")->value == 101.0);
    CHECK(b.total == doctest::Approx(3.216).epsilon(1e-12));
}

TEST_CASE("Azure Functions: data transfer out at Azure rates after 100 GB free") {
    // 102,400 requests x 1 MiB = 100 GB -> free; 204,800 -> 200 GB: 100 x $0.087 = $8.70
    CHECK(test::cost_of(fn({.requests_per_month = 102400, .response_kb = 1024}, {}), "Data transfer out") == 0.0);
    CHECK(test::cost_of(fn({.requests_per_month = 204800, .response_kb = 1024}, {}), "Data transfer out") ==
          doctest::Approx(8.70).epsilon(1e-12));
}
