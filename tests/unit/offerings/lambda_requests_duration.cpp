// Lambda requests and duration, free tier on and off. Prices: aws-lambda.json (us-east-1,
// x86_64 $0.20 per 1M requests, $0.0000166667 per GB-s; free tier 1M requests + 400,000 GB-s).
#include <costsim/costsim.hpp>
#include <doctest/doctest.h>

#include "../support.hpp"

using namespace costsim;

TEST_CASE("Lambda: 3M requests x 1 s x 512 MB, free tier on") {
    // GB-s = 3,000,000 x 1.000 s x 0.5 GB = 1,500,000; billable = 1,500,000 - 400,000 = 1,100,000
    // duration = 1,100,000 x 0.0000166667 = 18.33337
    // requests = (3,000,000 - 1,000,000) x 0.0000002 = 0.40
    // total = 18.73337
    Workload w{.requests_per_month = 3e6, .duration_ms = 1000};
    Bill b = price(w, Offering{"", LambdaConfig{.memory_mb = 512}}, Catalog::builtin());
    CHECK(b.total == doctest::Approx(18.73337).epsilon(1e-12));
    CHECK(test::cost_of(b, "Requests") == doctest::Approx(0.40).epsilon(1e-12));
    CHECK(test::cost_of(b, "Duration (x86_64)") == doctest::Approx(18.33337).epsilon(1e-12));
    CHECK(test::quantity_of(b, "Requests, free tier") == 1e6);
    CHECK(test::quantity_of(b, "Duration (x86_64), free tier") == 4e5);
    test::check_invariants(b);
}

TEST_CASE("Lambda: 3M requests x 1 s x 512 MB, free tier off") {
    // requests = 3,000,000 x 0.0000002 = 0.60
    // duration = 1,500,000 GB-s x 0.0000166667 = 25.00005
    Workload w{.requests_per_month = 3e6, .duration_ms = 1000};
    Bill b = price(w, Offering{"", LambdaConfig{.memory_mb = 512, .free_tier = false}}, Catalog::builtin());
    CHECK(b.total == doctest::Approx(25.60005).epsilon(1e-12));
    CHECK(test::find_line(b, "Requests, free tier") == nullptr);
    test::check_invariants(b);
}
