// Cloud Run functions: the free tier valued at Tier 1 prices in a Tier 2 region, and the default
// vCPU that follows the memory size.
// Sources: cloud.google.com/run/pricing ("The free tier is applied as a spending based discount
// using Tier 1 pricing"; Tier 1 request-based $0.000024 / vCPU-s, $0.0000025 / GiB-s, $0.40 / 1M
// requests; free 180,000 vCPU-s, 360,000 GiB-s, 2M requests); Tier 2 request-based $0.0000336 /
// vCPU-s, $0.0000035 / GiB-s, $0.40 / 1M requests (a user catalog here: the built-in catalog has
// Tier 1 regions only); cloud.google.com/functions/docs/configuring/memory (memory-to-CPU table).
#include <costsim/costsim.hpp>
#include <costsim/curves.hpp>
#include <costsim/json.hpp>
#include <doctest/doctest.h>

#include "../support.hpp"

#include <cmath>
#include <string>

using namespace costsim;

namespace {
// Tier 2 request-based prices for one region, as a user would add them.
const Catalog& tier2_catalog() {
    static const Catalog merged = Catalog::builtin().merged_with(Catalog::from_json(R"({
      "schema": "cost-sim-catalog/1", "version": "tier2-test", "as_of": "2026-09-20", "entries": [
        {"id": "gcp.cloud_run.southamerica-east1.vcpu_seconds", "provider": "gcp", "service": "cloud_run",
         "region": "southamerica-east1", "description": "Tier 2 CPU", "unit": "vCPU-second", "currency": "USD",
         "price": 0.0000336, "source": "https://cloud.google.com/run/pricing", "as_of": "2026-09-20",
         "confidence": "single-source"},
        {"id": "gcp.cloud_run.southamerica-east1.gib_seconds", "provider": "gcp", "service": "cloud_run",
         "region": "southamerica-east1", "description": "Tier 2 memory", "unit": "GiB-second", "currency": "USD",
         "price": 0.0000035, "source": "https://cloud.google.com/run/pricing", "as_of": "2026-09-20",
         "confidence": "single-source"},
        {"id": "gcp.cloud_run.southamerica-east1.requests", "provider": "gcp", "service": "cloud_run",
         "region": "southamerica-east1", "description": "Tier 2 requests", "unit": "request", "currency": "USD",
         "price": 0.0000004, "source": "https://cloud.google.com/run/pricing", "as_of": "2026-09-20",
         "confidence": "single-source"}]})",
                                                                                    "tier2.json"));
    return merged;
}

Bill run(Workload w, CloudRunConfig c, const Catalog& catalog = Catalog::builtin()) {
    return price(w, Offering{"", std::move(c)}, catalog);
}
}  // namespace

TEST_CASE("Cloud Run, Tier 2 region: the free tier is worth its Tier 1 value, not the region's units") {
    // 500,000 requests x 3.6 s (billed 3,600 ms), 512 MiB, 1 vCPU, concurrency 1:
    //   vCPU-s = 500,000 x 3.6 x 1 = 1,800,000; x $0.0000336 = $60.48
    //   free CPU = 180,000 x $0.000024 (Tier 1) = $4.32 -> CPU $60.48 - $4.32 = $56.16
    //   GiB-s = 500,000 x 3.6 x 0.5 = 900,000; x $0.0000035 = $3.15
    //   free memory = 360,000 x $0.0000025 = $0.90 -> memory $3.15 - $0.90 = $2.25
    //   requests 500,000 < 2,000,000 free -> $0
    //   total $56.16 + $2.25 = $58.41
    // (Valuing the free tier at the region's own price gave (1,800,000 - 180,000) x 0.0000336 +
    //  (900,000 - 360,000) x 0.0000035 = 54.432 + 1.89 = $56.32.)
    const Bill b = run({.requests_per_month = 500000, .duration_ms = 3600},
                       {.region = "southamerica-east1", .memory_mb = 512, .vcpu = 1.0}, tier2_catalog());
    CHECK(b.total == doctest::Approx(58.41).epsilon(1e-12));
    CHECK(test::cost_of(b, "CPU") == doctest::Approx(56.16).epsilon(1e-12));
    CHECK(test::cost_of(b, "Memory") == doctest::Approx(2.25).epsilon(1e-12));
    CHECK(test::cost_of(b, "Requests") == 0.0);
    // Free units at the region's price: $4.32 / $0.0000336 = 128,571.43 vCPU-s; $0.90 / $0.0000035 =
    // 257,142.86 GiB-s; requests cost the same in both tiers, so all 500,000 fall in the 2,000,000.
    CHECK(test::quantity_of(b, "CPU, free tier") == doctest::Approx(4.32 / 0.0000336).epsilon(1e-12));
    CHECK(test::quantity_of(b, "Memory, free tier") == doctest::Approx(0.90 / 0.0000035).epsilon(1e-12));
    CHECK(test::quantity_of(b, "Requests, free tier") == 500000.0);
    REQUIRE(test::find_line(b, "CPU, free tier") != nullptr);
    CHECK(std::string(test::find_line(b, "CPU, free tier")->note).find("Tier 1") != std::string::npos);
    CHECK(b.convention("free_tier_valuation") != nullptr);
    test::check_invariants(b);
}

TEST_CASE("Cloud Run, Tier 2 region: beyond the free tier the region's price applies to every unit") {
    // Same workload at 5,000,000 requests: vCPU-s 18,000,000 x 0.0000336 = 604.80 - 4.32 = 600.48;
    // GiB-s 9,000,000 x 0.0000035 = 31.50 - 0.90 = 30.60; requests (5,000,000 - 2,000,000) x
    // 0.0000004 = 1.20; total $632.28. Free tier off: 604.80 + 31.50 + 2.00 = $638.30.
    const Workload w{.requests_per_month = 5e6, .duration_ms = 3600};
    const Bill on = run(w, {.region = "southamerica-east1", .memory_mb = 512, .vcpu = 1.0}, tier2_catalog());
    CHECK(on.total == doctest::Approx(632.28).epsilon(1e-12));
    const Bill off =
        run(w, {.region = "southamerica-east1", .memory_mb = 512, .vcpu = 1.0, .free_tier = false}, tier2_catalog());
    CHECK(off.total == doctest::Approx(638.30).epsilon(1e-12));
    CHECK(off.convention("free_tier_valuation") == nullptr);
}

TEST_CASE("Cloud Run, Tier 1 region: the free tier keeps its units and its line text") {
    // us-central1 is priced at Tier 1, so the valuation changes nothing: 180,000 vCPU-s free.
    const Bill b = run({.requests_per_month = 3e6, .duration_ms = 250}, {.memory_mb = 512, .vcpu = 1.0});
    CHECK(test::quantity_of(b, "CPU, free tier") == 180000.0);
    CHECK(test::find_line(b, "CPU, free tier")->note == "free tier: first 180,000 vCPU-second per month");
    CHECK(b.convention("free_tier_valuation") == nullptr);
}

TEST_CASE("Cloud Run default vCPU follows Google's memory-to-CPU table") {
    CHECK(cloud_run_default_vcpu(128) == 0.083);
    CHECK(cloud_run_default_vcpu(256) == 0.167);
    CHECK(cloud_run_default_vcpu(512) == 0.333);
    CHECK(cloud_run_default_vcpu(1024) == 0.583);
    CHECK(cloud_run_default_vcpu(2048) == 1.0);
    CHECK(cloud_run_default_vcpu(4096) == 2.0);
    CHECK(cloud_run_default_vcpu(8192) == 2.0);
    CHECK(cloud_run_default_vcpu(16384) == 4.0);
    CHECK(cloud_run_default_vcpu(32768) == 8.0);
    // Between two rows, the larger row's CPU (the smallest listed size that holds the memory).
    CHECK(cloud_run_default_vcpu(129) == 0.167);
    CHECK(cloud_run_default_vcpu(768) == 0.583);
    CHECK(cloud_run_default_vcpu(3000) == 2.0);
    CHECK(CloudRunConfig{}.effective_vcpu() == 0.333);           // 512 MiB by default
    CHECK(CloudRunConfig{.vcpu = 2.0}.effective_vcpu() == 2.0);  // given: as given
}

TEST_CASE("Cloud Run without vcpu bills the default CPU for its memory") {
    // 3M x 250 ms (billed 300 ms), 512 MiB, vCPU not given -> 0.333:
    //   vCPU-s = 3,000,000 x 0.3 x 0.333 = 299,700; - 180,000 = 119,700 x $0.000024 = $2.8728
    //   GiB-s = 3,000,000 x 0.3 x 0.5 = 450,000; - 360,000 = 90,000 x $0.0000025 = $0.225
    //   requests = 3,000,000 - 2,000,000 = 1,000,000 x $0.0000004 = $0.40
    //   total $3.4978 (with 1 vCPU, the old default, it was $17.905)
    const Bill b = run({.requests_per_month = 3e6, .duration_ms = 250}, {.memory_mb = 512});
    CHECK(b.total == doctest::Approx(3.4978).epsilon(1e-12));
    CHECK(test::cost_of(b, "CPU") == doctest::Approx(2.8728).epsilon(1e-12));
    CHECK(b.convention("vcpu")->value == 0.333);
    CHECK(b.convention("vcpu_rule") != nullptr);
    // 2 GiB defaults to 1 vCPU; free tier off: 1,000,000 x 0.1 s x 1 = 100,000 vCPU-s x 0.000024 =
    // $2.40; 100,000 x 2 GiB = 200,000 GiB-s x 0.0000025 = $0.50; requests $0.40 -> $3.30
    const Bill two = run({.requests_per_month = 1e6, .duration_ms = 100}, {.memory_mb = 2048, .free_tier = false});
    CHECK(two.total == doctest::Approx(3.30).epsilon(1e-12));
    // A vCPU given is used as given and no default rule is stated.
    const Bill given = run({.requests_per_month = 3e6, .duration_ms = 250}, {.memory_mb = 512, .vcpu = 1.0});
    CHECK(given.total == doctest::Approx(17.905).epsilon(1e-12));
    CHECK(given.convention("vcpu_rule") == nullptr);
}

TEST_CASE("a scenario without vcpu gets the default; the report states the vCPU used") {
    const Scenario s = parse_scenario(R"({"workload": {"requests_per_month": 1000000, "duration_ms": 100},
        "offerings": [{"kind": "cloud_run", "id": "a", "memory_mb": 1024},
                      {"kind": "cloud_run", "id": "b", "memory_mb": 1024, "vcpu": 2}]})",
                                      ScenarioShape::many_offerings);
    REQUIRE(s.offerings.size() == 2);
    const auto& defaulted = std::get<CloudRunConfig>(s.offerings[0].config);
    CHECK_FALSE(defaulted.vcpu.has_value());
    CHECK(defaulted.effective_vcpu() == 0.583);
    CHECK(std::get<CloudRunConfig>(s.offerings[1].config).vcpu == 2.0);
}

TEST_CASE("a sweep over memory moves the default vCPU with it") {
    // 1M x 100 ms, free tier off, vCPU not given: at 256 MiB 0.167 vCPU -> 100,000 x 0.167 x
    // 0.000024 = $0.4008, memory 25,000 x 0.0000025 = $0.0625, requests $0.40 -> $0.8633;
    // at 2,048 MiB 1 vCPU -> $2.40 + 200,000 x 0.0000025 = $0.50 + $0.40 -> $3.30.
    const Workload w{.requests_per_month = 1e6, .duration_ms = 100};
    const std::vector<Offering> offerings{{"run", CloudRunConfig{.free_tier = false}}};
    const Sweep sw = sweep(w, offerings, Catalog::builtin(),
                           SweepGrid{.requests_per_second = {w.requests_per_month / kSecondsPerMonth},
                                     .duration_ms = {},
                                     .memory_mb = {256, 2048}});
    REQUIRE(sw.cells.size() == 2);
    CHECK(sw.cells[0].totals[0] == doctest::Approx(0.8633).epsilon(1e-12));
    CHECK(sw.cells[1].totals[0] == doctest::Approx(3.30).epsilon(1e-12));
}

TEST_CASE("Cloud Run: a near-zero region price keeps the free units finite") {
    // $4.32 of free CPU at $1e-310 per vCPU-s would be 4.32e310 units, past the largest double:
    // capped at 1e18 (the catalog's allowance bound), so every band edge and cost stays finite.
    const Catalog tiny = Catalog::builtin().merged_with(Catalog::from_json(R"({
      "schema": "cost-sim-catalog/1", "version": "tiny", "as_of": "2026-09-20", "entries": [
        {"id": "gcp.cloud_run.tiny-1.vcpu_seconds", "provider": "gcp", "service": "cloud_run", "region": "tiny-1",
         "description": "x", "unit": "vCPU-second", "currency": "USD", "price": 1e-310,
         "source": "https://example.com", "as_of": "2026-09-20", "confidence": "unverified"},
        {"id": "gcp.cloud_run.tiny-1.gib_seconds", "provider": "gcp", "service": "cloud_run", "region": "tiny-1",
         "description": "x", "unit": "GiB-second", "currency": "USD", "price": 0.0000025,
         "source": "https://example.com", "as_of": "2026-09-20", "confidence": "unverified"},
        {"id": "gcp.cloud_run.tiny-1.requests", "provider": "gcp", "service": "cloud_run", "region": "tiny-1",
         "description": "x", "unit": "request", "currency": "USD", "price": 0.0000004,
         "source": "https://example.com", "as_of": "2026-09-20", "confidence": "unverified"}]})",
                                                                           "tiny.json"));
    const CostModel m = CostModel::build({.duration_ms = 1000}, Offering{"", CloudRunConfig{.region = "tiny-1"}}, tiny);
    for (double r : {0.0, 1e6, 1e13}) {
        const Bill b = m.bill(r);
        CHECK(std::isfinite(b.total));
        test::check_invariants(b);
    }
    // the CPU component's free band ends at the cap, and the priced band starts there
    const Component& cpu = m.components().front();
    REQUIRE(cpu.name == "CPU");
    REQUIRE(cpu.bands.size() == 2);
    CHECK(cpu.bands[0].up_to == 1e18);
    CHECK(cpu.bands[1].from == 1e18);
    // 1e13 requests x 1 s x 0.333 vCPU = 3.33e12 vCPU-s, all inside the capped free band
    CHECK(test::cost_of(m.bill(1e13), "CPU") == 0.0);
}
