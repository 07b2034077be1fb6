// Data transfer out to the internet (AWS us-east-1): first 100 GB/month free (shared pool), then
// $0.09/GB to 10 TB, $0.085 next 40 TB, $0.07 next 100 TB, $0.05 beyond. GB = 2^30 bytes.
#include <costsim/costsim.hpp>
#include <doctest/doctest.h>

#include "../support.hpp"

using namespace costsim;

namespace {
double data_out_cost(double requests, double response_kb, double internet_percent, bool free_tier,
                     const char* region = "us-east-1") {
    Workload w{.requests_per_month = requests,
               .duration_ms = 10,
               .response_kb = response_kb,
               .internet_percent = internet_percent};
    Bill b = price(w, Offering{"", LambdaConfig{.region = region, .free_tier = free_tier}}, Catalog::builtin());
    test::check_invariants(b);
    return test::cost_of(b, "Data transfer out");
}
}  // namespace

TEST_CASE("1M responses of 1,024 KiB: 976.5625 GB") {
    // 1,000,000 x 1,024 x 1,024 bytes / 2^30 = 976.5625 GB
    CHECK(data_out_cost(1e6, 1024, 100, true) == doctest::Approx((976.5625 - 100) * 0.09).epsilon(1e-12));  // 78.890625
    CHECK(data_out_cost(1e6, 1024, 100, false) == doctest::Approx(976.5625 * 0.09).epsilon(1e-12));         // 87.890625
}

TEST_CASE("internet share scales the bytes that leave") {
    // 50 % of 976.5625 GB = 488.28125 GB; minus 100 free = 388.28125 x 0.09 = 34.9453125
    CHECK(data_out_cost(1e6, 1024, 50, true) == doctest::Approx(34.9453125).epsilon(1e-12));
}

TEST_CASE("exactly at the 10 TB tier edge after the free 100 GB") {
    // 10,588,160 x 1 MiB = 10,340 GB; 10,340 - 100 = 10,240 GB x 0.09 = 921.6
    CHECK(data_out_cost(10588160, 1024, 100, true) == doctest::Approx(921.6).epsilon(1e-12));
}

TEST_CASE("spanning the first two tiers") {
    // 20,480,000 x 1 MiB = 20,000 GB; minus 100 free = 19,900:
    // 10,240 x 0.09 = 921.6; 9,660 x 0.085 = 821.1
    CHECK(data_out_cost(20480000, 1024, 100, true) == doctest::Approx(1742.7).epsilon(1e-12));
}

TEST_CASE("Tokyo first tier is $0.114/GB") {
    // 976.5625 GB, free tier off: 976.5625 x 0.114 = 111.328125
    CHECK(data_out_cost(1e6, 1024, 100, false, "ap-northeast-1") == doctest::Approx(111.328125).epsilon(1e-12));
}

TEST_CASE("no bytes out, no data transfer line") {
    CHECK(data_out_cost(1e6, 0, 100, true) == 0.0);
    CHECK(data_out_cost(1e6, 1024, 0, true) == 0.0);
}
