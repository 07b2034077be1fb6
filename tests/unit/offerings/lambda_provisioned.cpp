// Provisioned concurrency (x86_64, us-east-1): $0.0000041667 per GB-s configured, $0.0000097222
// per GB-s of duration on it; spill-over at on-demand $0.0000166667. Steady-state rule:
// N environments serve up to N x 2,628,000 invocation-seconds a month; the rest runs on demand.
// The Lambda free tier does not apply to a function with provisioned concurrency (AWS Lambda
// pricing page; pricing-facts A1): its requests and on-demand GB-s are all billed.
#include <costsim/costsim.hpp>
#include <doctest/doctest.h>

#include "../support.hpp"

using namespace costsim;

TEST_CASE("1 GB provisioned all month costs $10.95 (pricing-facts sanity number)") {
    // 1 x 1 GB x 2,628,000 s x 0.0000041667 = 10.9500876
    Workload w{.requests_per_month = 0, .duration_ms = 1000};
    Bill b = price(w, Offering{"", LambdaConfig{.memory_mb = 1024, .provisioned_concurrency = 1}}, Catalog::builtin());
    CHECK(test::cost_of(b, "Provisioned concurrency") == doctest::Approx(10.9500876).epsilon(1e-12));
    CHECK(b.total == doctest::Approx(10.9500876).epsilon(1e-12));
}

TEST_CASE("provisioned concurrency without spill-over") {
    // demand = 1,000,000 x 1 s = 1,000,000 invocation-s < 2,628,000: all on PC
    // PC duration = 1,000,000 GB-s x 0.0000097222 = 9.7222
    // PC = 10.9500876; requests: 1,000,000 x 0.0000002 = 0.20 (free tier on, but not for a PC
    // function); on-demand duration 0. Total 20.8722876
    Workload w{.requests_per_month = 1e6, .duration_ms = 1000};
    Bill b = price(w, Offering{"", LambdaConfig{.memory_mb = 1024, .provisioned_concurrency = 1}}, Catalog::builtin());
    CHECK(test::quantity_of(b, "Duration on provisioned concurrency (x86_64)") == doctest::Approx(1e6).epsilon(1e-12));
    CHECK(test::cost_of(b, "Duration (x86_64)") == 0.0);
    CHECK(test::cost_of(b, "Requests") == doctest::Approx(0.20).epsilon(1e-12));
    CHECK(b.total == doctest::Approx(20.8722876).epsilon(1e-12));
    CHECK(b.flags.empty());
    test::check_invariants(b);
}

TEST_CASE("provisioned concurrency with spill-over to on-demand") {
    // demand = 3,628,000 invocation-s; PC serves 2,628,000, 1,000,000 spill over (1 GB each s)
    // PC duration = 2,628,000 x 0.0000097222 = 25.5499416
    // on-demand   = 1,000,000 x 0.0000166667 = 16.6667 (free tier off)
    // PC          = 10.9500876
    // requests    = 3,628,000 x 0.0000002    = 0.7256
    Workload w{.requests_per_month = 3628000, .duration_ms = 1000};
    Bill b = price(w, Offering{"", LambdaConfig{.memory_mb = 1024, .free_tier = false, .provisioned_concurrency = 1}},
                   Catalog::builtin());
    CHECK(test::quantity_with_prefix(b, "Duration (x86_64)") == doctest::Approx(1e6).epsilon(1e-12));
    CHECK(b.total == doctest::Approx(25.5499416 + 16.6667 + 10.9500876 + 0.7256).epsilon(1e-12));
    REQUIRE(b.flags.size() == 1);
    CHECK(b.flags[0].code == "provisioned_spillover");
    test::check_invariants(b);
}

TEST_CASE("the Lambda free tier does not apply to a function with provisioned concurrency") {
    // Same spill-over workload as above with free tier ON: nothing is free, so the total equals
    // the free-tier-off total 25.5499416 + 16.6667 + 10.9500876 + 0.7256 = 53.8923292.
    // (Crediting the free tier would take 1,000,000 requests (0.20) and 400,000 GB-s (6.66668) off.)
    Workload w{.requests_per_month = 3628000, .duration_ms = 1000};
    Bill b = price(w, Offering{"", LambdaConfig{.memory_mb = 1024, .provisioned_concurrency = 1}}, Catalog::builtin());
    CHECK(test::find_line(b, "Requests, free tier") == nullptr);
    CHECK(test::find_line(b, "Duration (x86_64), free tier") == nullptr);
    CHECK(b.total == doctest::Approx(53.8923292).epsilon(1e-12));
    CHECK(b.convention("free_tier_applied")->value == 0.0);
    // the AWS-wide 100 GB data-out allowance still applies: 1,000 GB out (1 MiB x 1,024,000),
    // 900 x 0.09 = 81.00 on top
    w.requests_per_month = 1024000;
    w.response_kb = 1024;
    Bill out =
        price(w, Offering{"", LambdaConfig{.memory_mb = 1024, .provisioned_concurrency = 1}}, Catalog::builtin());
    CHECK(test::cost_of(out, "Data transfer out") == doctest::Approx(81.0).epsilon(1e-12));
    // without provisioned concurrency the free tier is credited as usual
    w = Workload{.requests_per_month = 3628000, .duration_ms = 1000};
    Bill on_demand = price(w, Offering{"", LambdaConfig{.memory_mb = 1024}}, Catalog::builtin());
    CHECK(test::quantity_of(on_demand, "Requests, free tier") == 1e6);
    test::check_invariants(b);
}
