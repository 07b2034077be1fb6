// Cloud Run functions, request-based billing (us-central1, Tier 1): $0.000024 per vCPU-s,
// $0.0000025 per GiB-s, $0.40 per 1M requests; free tier 180,000 vCPU-s, 360,000 GiB-s,
// 2M requests a month. Instance time rounded up to 100 ms, shared by `concurrency` requests.
#include <costsim/costsim.hpp>
#include <doctest/doctest.h>

#include "../support.hpp"

using namespace costsim;

namespace {
Bill run(Workload w, CloudRunConfig c) { return price(w, Offering{"", std::move(c)}, Catalog::builtin()); }
}  // namespace

TEST_CASE("Cloud Run: 3M x 250 ms, 1 vCPU, 512 MiB, concurrency 1, free tier on") {
    // billed 300 ms. vCPU-s = 3,000,000 x 0.3 = 900,000; - 180,000 = 720,000 x $0.000024 = $17.28
    // GiB-s = 900,000 x 0.5 = 450,000; - 360,000 = 90,000 x $0.0000025 = $0.225
    // requests = 3,000,000 - 2,000,000 = 1,000,000 x $0.0000004 = $0.40; total $17.905
    Bill b = run({.requests_per_month = 3e6, .duration_ms = 250}, {.memory_mb = 512, .vcpu = 1.0});
    CHECK(b.total == doctest::Approx(17.905).epsilon(1e-12));
    CHECK(test::cost_of(b, "CPU") == doctest::Approx(17.28).epsilon(1e-12));
    CHECK(test::cost_of(b, "Memory") == doctest::Approx(0.225).epsilon(1e-12));
    CHECK(test::cost_of(b, "Requests") == doctest::Approx(0.40).epsilon(1e-12));
    CHECK(test::quantity_of(b, "CPU, free tier") == 180000.0);
    CHECK(test::quantity_of(b, "Memory, free tier") == 360000.0);
    CHECK(test::quantity_of(b, "Requests, free tier") == 2e6);
    CHECK(b.convention("billed_duration_ms")->value == 300.0);
    test::check_invariants(b);
}

TEST_CASE("Cloud Run: same workload, free tier off") {
    // 900,000 x 0.000024 = 21.60; 450,000 x 0.0000025 = 1.125; 3,000,000 x 0.0000004 = 1.20; total $23.925
    Bill b = run({.requests_per_month = 3e6, .duration_ms = 250}, {.memory_mb = 512, .vcpu = 1.0, .free_tier = false});
    CHECK(b.total == doctest::Approx(23.925).epsilon(1e-12));
    CHECK(test::find_line(b, "CPU, free tier") == nullptr);
}

TEST_CASE("Cloud Run: concurrency 10 shares the instance time") {
    // 300 ms / 10 = 0.03 s per request: vCPU-s = 90,000, GiB-s = 45,000, both inside the free tier;
    // requests $0.40 -> total $0.40
    Bill b = run({.requests_per_month = 3e6, .duration_ms = 250}, {.memory_mb = 512, .vcpu = 1.0, .concurrency = 10});
    CHECK(b.total == doctest::Approx(0.40).epsilon(1e-12));
    // free tier off: 90,000 x 0.000024 = 2.16; 45,000 x 0.0000025 = 0.1125; 1.20 -> $3.4725
    Bill off = run({.requests_per_month = 3e6, .duration_ms = 250},
                   {.memory_mb = 512, .vcpu = 1.0, .concurrency = 10, .free_tier = false});
    CHECK(off.total == doctest::Approx(3.4725).epsilon(1e-12));
}

TEST_CASE("Cloud Run: 100 ms rounding, vCPU and memory as configured") {
    // 100 ms stays 100 ms; 101 ms bills 200 ms
    CHECK(run({.duration_ms = 100}, {}).convention("billed_duration_ms")->value == 100.0);
    CHECK(run({.duration_ms = 101}, {}).convention("billed_duration_ms")->value == 200.0);
    // 1M x 101 ms, 2 vCPU, 1 GiB, free tier off: 0.2 s -> vCPU-s 400,000 x 0.000024 = 9.60;
    // GiB-s 200,000 x 0.0000025 = 0.50; requests 0.40 -> $10.50
    Bill b = run({.requests_per_month = 1e6, .duration_ms = 101},
                 {.region = "asia-northeast1", .memory_mb = 1024, .vcpu = 2.0, .free_tier = false});
    CHECK(b.total == doctest::Approx(10.50).epsilon(1e-12));
}

TEST_CASE("Cloud Run: data transfer out at GCP rates after 1 GB free") {
    // 2,048,000 requests x 1 MiB = 2,000 GB; 1 free; 1,024 x 0.12 = 122.88; 975 x 0.11 = 107.25 -> $230.13
    Bill b = run({.requests_per_month = 2048000, .duration_ms = 100, .response_kb = 1024}, {});
    CHECK(test::cost_of(b, "Data transfer out") == doctest::Approx(230.13).epsilon(1e-12));
}
