// Lambda bills duration rounded up to 1 ms per invocation, and memory in 1 MB steps
// (GB = MB / 1,024). Prices: $0.0000166667 per GB-s, $0.20 per 1M requests (x86_64, us-east-1).
#include <costsim/costsim.hpp>
#include <doctest/doctest.h>

#include "../support.hpp"

using namespace costsim;

namespace {
Bill bill_for(double duration_ms, int memory_mb) {
    Workload w{.requests_per_month = 1e6, .duration_ms = duration_ms};
    return price(w, Offering{"", LambdaConfig{.memory_mb = memory_mb, .free_tier = false}}, Catalog::builtin());
}
}  // namespace

TEST_CASE("100.2 ms is billed as 101 ms") {
    // GB-s = 1,000,000 x 0.101 s x 0.125 GB = 12,625 -> 12,625 x 0.0000166667 = 0.2104170875
    Bill b = bill_for(100.2, 128);
    CHECK(test::quantity_with_prefix(b, "Duration (x86_64)") == doctest::Approx(12625).epsilon(1e-12));
    CHECK(b.total == doctest::Approx(0.2104170875 + 0.2).epsilon(1e-12));
    REQUIRE(b.convention("billed_duration_ms"));
    CHECK(b.convention("billed_duration_ms")->value == 101);
}

TEST_CASE("a whole number of ms is not rounded up") {
    // 1,000,000 x 0.100 s x 0.125 GB = 12,500 GB-s -> 0.20833375
    Bill b = bill_for(100.0, 128);
    CHECK(test::quantity_with_prefix(b, "Duration (x86_64)") == doctest::Approx(12500).epsilon(1e-12));
    CHECK(b.total == doctest::Approx(0.20833375 + 0.2).epsilon(1e-12));
}

TEST_CASE("0.3 ms is billed as 1 ms") {
    // 1,000,000 x 0.001 s x 0.125 GB = 125 GB-s
    Bill b = bill_for(0.3, 128);
    CHECK(test::quantity_with_prefix(b, "Duration (x86_64)") == doctest::Approx(125).epsilon(1e-12));
}

TEST_CASE("memory in 1 MB steps: 1,769 MB is 1,769 / 1,024 GB") {
    // 1,000,000 x 1 s x 1,769 / 1,024 GB = 1,727,539.0625 GB-s x 0.0000166667
    Bill b = bill_for(1000.0, 1769);
    CHECK(test::quantity_with_prefix(b, "Duration (x86_64)") == doctest::Approx(1727539.0625).epsilon(1e-12));
    CHECK(test::cost_of(b, "Duration") == doctest::Approx(1727539.0625 * 0.0000166667).epsilon(1e-12));
}
