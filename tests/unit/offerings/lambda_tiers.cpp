// Lambda duration tiers on the month's GB-seconds per architecture.
// x86_64: $0.0000166667 to 6B GB-s, $0.0000150000 to 15B, $0.0000133334 beyond.
// arm64:  $0.0000133334 to 7.5B GB-s, $0.0000120001 to 18.75B, $0.0000106667 beyond.
// Source: AWS Pricing API (index id 40101578146), AWS tiered-pricing blog (2022).
// Requests $0.20 per 1M. All cases use 1,024 MB x 1,000 ms = exactly 1 GB-s per request.
#include <costsim/costsim.hpp>
#include <doctest/doctest.h>

#include "../support.hpp"

using namespace costsim;

namespace {
Bill one_gb_second_each(double requests, Architecture arch, bool free_tier) {
    Workload w{.requests_per_month = requests, .duration_ms = 1000};
    return price(w, Offering{"", LambdaConfig{.arch = arch, .memory_mb = 1024, .free_tier = free_tier}},
                 Catalog::builtin());
}
}  // namespace

TEST_CASE("x86_64: exactly at the first tier boundary (6B GB-s), free tier off") {
    // duration = 6,000,000,000 x 0.0000166667 = 100,000.2
    // requests = 6,000,000,000 x 0.0000002    =   1,200
    Bill b = one_gb_second_each(6e9, Architecture::x86_64, false);
    CHECK(test::cost_of(b, "Duration (x86_64), tier 1") == doctest::Approx(100000.2).epsilon(1e-12));
    CHECK(test::find_line(b, "Duration (x86_64), tier 2 (6,000,000,000 to 15,000,000,000 GB-second)") == nullptr);
    CHECK(b.total == doctest::Approx(101200.2).epsilon(1e-12));
    test::check_invariants(b);
}

TEST_CASE("x86_64: spanning tiers 1 and 2 (7B GB-s), free tier off") {
    // tier 1: 6,000,000,000 x 0.0000166667 = 100,000.2
    // tier 2: 1,000,000,000 x 0.0000150000 =  15,000
    // requests: 7,000,000,000 x 0.0000002   =   1,400
    Bill b = one_gb_second_each(7e9, Architecture::x86_64, false);
    CHECK(test::quantity_of(b, "Duration (x86_64), tier 2 (6,000,000,000 to 15,000,000,000 GB-second)") == 1e9);
    CHECK(b.total == doctest::Approx(116400.2).epsilon(1e-12));
    test::check_invariants(b);
}

TEST_CASE("x86_64: all three tiers (16B GB-s), free tier off") {
    // tier 1: 6e9 x 0.0000166667 = 100,000.2
    // tier 2: 9e9 x 0.0000150000 = 135,000
    // tier 3: 1e9 x 0.0000133334 =  13,333.4
    // requests: 16e9 x 0.0000002 =   3,200
    Bill b = one_gb_second_each(16e9, Architecture::x86_64, false);
    CHECK(test::quantity_of(b, "Duration (x86_64), tier 3 (over 15,000,000,000 GB-second)") == 1e9);
    CHECK(b.total == doctest::Approx(251533.6).epsilon(1e-12));
    test::check_invariants(b);
}

TEST_CASE("x86_64: with the free tier the boundaries apply after the 400,000 free GB-s") {
    // 6,000,400,000 GB-s - 400,000 free = 6,000,000,000 billable, all in tier 1 = 100,000.2
    // requests: (6,000,400,000 - 1,000,000) x 0.0000002 = 1,199.88
    Bill b = one_gb_second_each(6000400000.0, Architecture::x86_64, true);
    CHECK(test::quantity_of(b, "Duration (x86_64), free tier") == 400000);
    CHECK(test::cost_of(b, "Duration (x86_64), tier 1") == doctest::Approx(100000.2).epsilon(1e-12));
    CHECK(b.total == doctest::Approx(101200.08).epsilon(1e-12));
    test::check_invariants(b);
}

TEST_CASE("arm64: 3M x 1 s x 512 MB with the free tier") {
    // GB-s = 3,000,000 x 0.5 = 1,500,000; billable 1,100,000 x 0.0000133334 = 14.66674
    // requests = 2,000,000 x 0.0000002 = 0.40
    Workload w{.requests_per_month = 3e6, .duration_ms = 1000};
    Bill b = price(w, Offering{"", LambdaConfig{.arch = Architecture::arm64, .memory_mb = 512}}, Catalog::builtin());
    CHECK(test::cost_of(b, "Duration (arm64)") == doctest::Approx(14.66674).epsilon(1e-12));
    CHECK(b.total == doctest::Approx(15.06674).epsilon(1e-12));
}

TEST_CASE("arm64: spanning its tiers 1 and 2 (8B GB-s), free tier off") {
    // tier 1: 7,500,000,000 x 0.0000133334 = 100,000.5
    // tier 2:   500,000,000 x 0.0000120001 =   6,000.05
    // requests: 8,000,000,000 x 0.0000002  =   1,600
    Bill b = one_gb_second_each(8e9, Architecture::arm64, false);
    CHECK(test::quantity_of(b, "Duration (arm64), tier 2 (7,500,000,000 to 18,750,000,000 GB-second)") == 5e8);
    CHECK(b.total == doctest::Approx(107600.55).epsilon(1e-12));
    test::check_invariants(b);
}

TEST_CASE("Tokyo bills Lambda at the us-east-1 rates") {
    // ap-northeast-1 requests and duration equal us-east-1 (pricing-facts A1): 18.73337 as in
    // lambda_requests_duration.cpp (3M x 1 s x 512 MB, free tier on).
    Workload w{.requests_per_month = 3e6, .duration_ms = 1000};
    Bill b = price(w, Offering{"", LambdaConfig{.region = "ap-northeast-1", .memory_mb = 512}}, Catalog::builtin());
    CHECK(b.total == doctest::Approx(18.73337).epsilon(1e-12));
}
