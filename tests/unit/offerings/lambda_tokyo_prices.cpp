// Lambda in Tokyo (ap-northeast-1): provisioned concurrency, duration on it and ephemeral storage
// are priced above us-east-1. AWS Pricing Calculator data
// (calculator.aws/pricing/2.0/meteredUnitMaps/lambda/USD/current/lambda.json, as copied in
// remotion-dev/remotion:packages/lambda-client/src/price-per-1s.ts@024b341a), ap-northeast-1 x86:
//   provisioned concurrency $0.0000053835 / GB-s (rate code ZVA2Z6TTQNFCXFSU.JRTCKXETXF.6YS6EN2CT7)
//   duration while provisioned $0.0000125615 / GB-s (CQ446M27PP4V4UVB.JRTCKXETXF.6YS6EN2CT7)
//   ephemeral storage $0.0000000370 / GB-s, x86 and arm64 (E7BUD4C7BEJ3ED26, 8DSSBVMYVUE4A85P)
// against us-east-1 $0.0000041667, $0.0000097222 and $0.0000000309.
#include <costsim/costsim.hpp>
#include <doctest/doctest.h>

#include "../support.hpp"

using namespace costsim;

namespace {
Bill tokyo(Workload w, LambdaConfig c) {
    c.region = "ap-northeast-1";
    return price(w, Offering{"", c}, Catalog::builtin());
}
}  // namespace

TEST_CASE("Tokyo: 1 GB provisioned all month costs $14.148") {
    // 1 environment x 1 GB x 2,628,000 s x $0.0000053835 = $14.147838
    // (us-east-1: 2,628,000 x 0.0000041667 = $10.9500876; Tokyo is 29.2 % dearer, so the old
    //  catalog's copy of the us-east-1 rate billed Tokyo 22.6 % too low: 10.9500876 / 14.147838 - 1)
    const Bill b =
        tokyo({.requests_per_month = 0, .duration_ms = 1000}, {.memory_mb = 1024, .provisioned_concurrency = 1});
    CHECK(test::cost_of(b, "Provisioned concurrency") == doctest::Approx(14.147838).epsilon(1e-12));
    CHECK(b.total == doctest::Approx(14.147838).epsilon(1e-12));
    const LineItem* pc = test::find_line(b, "Provisioned concurrency (x86_64)");
    REQUIRE(pc != nullptr);
    CHECK(pc->price_id == "aws.lambda.ap-northeast-1.x86_64.provisioned_concurrency");
}

TEST_CASE("Tokyo: duration on provisioned concurrency at $0.0000125615 per GB-s") {
    // 1,000,000 requests x 1 s x 1 GB with 1 environment: 1,000,000 invocation-s < 2,628,000, all on PC
    //   PC duration 1,000,000 GB-s x $0.0000125615 = $12.5615
    //   PC 2,628,000 x $0.0000053835 = $14.147838
    //   requests 1,000,000 x $0.0000002 = $0.20 (no free tier with PC)
    //   total $26.909338
    const Bill b =
        tokyo({.requests_per_month = 1e6, .duration_ms = 1000}, {.memory_mb = 1024, .provisioned_concurrency = 1});
    CHECK(test::cost_of(b, "Duration on provisioned concurrency") == doctest::Approx(12.5615).epsilon(1e-12));
    CHECK(b.total == doctest::Approx(26.909338).epsilon(1e-12));
    test::check_invariants(b);
}

TEST_CASE("Tokyo: ephemeral storage above 512 MB at $0.0000000370 per GB-s, both architectures") {
    // 1,000,000 x 1 s with 1,024 MB storage: (1,024 - 512) / 1,024 = 0.5 GB x 1,000,000 s =
    // 500,000 GB-s x $0.000000037 = $0.0185 (us-east-1 $0.01545: 16.5 % less)
    const Workload w{.requests_per_month = 1e6, .duration_ms = 1000};
    const Bill x86 = tokyo(w, {.memory_mb = 128, .ephemeral_storage_mb = 1024});
    CHECK(test::cost_of(x86, "Ephemeral storage") == doctest::Approx(0.0185).epsilon(1e-12));
    const Bill arm = tokyo(w, {.arch = Architecture::arm64, .memory_mb = 128, .ephemeral_storage_mb = 1024});
    CHECK(test::cost_of(arm, "Ephemeral storage") == doctest::Approx(0.0185).epsilon(1e-12));
}

TEST_CASE("Tokyo arm64 provisioned concurrency: estimated from the x86 ratio, marked unverified") {
    // No published ap-northeast-1 arm64 PC rate was found. Estimate: us-east-1 arm64 x (Tokyo x86 /
    // us-east-1 x86) = 0.0000033334 x 1.292 = $0.0000043069 per GB-s; duration on PC
    // 0.0000077778 x 1.292 = $0.0000100492. 1 GB all month: 2,628,000 x 0.0000043069 = $11.3185332
    const Bill b = tokyo({.requests_per_month = 0, .duration_ms = 1000},
                         {.arch = Architecture::arm64, .memory_mb = 1024, .provisioned_concurrency = 1});
    CHECK(b.total == doctest::Approx(11.3185332).epsilon(1e-12));
    const PriceEntry* pc = Catalog::builtin().find("aws.lambda.ap-northeast-1.arm64.provisioned_concurrency");
    REQUIRE(pc != nullptr);
    CHECK(pc->confidence == Confidence::unverified);
    const PriceEntry* pd = Catalog::builtin().find("aws.lambda.ap-northeast-1.arm64.provisioned_duration");
    REQUIRE(pd != nullptr);
    CHECK(pd->flat_price() == 0.0000100492);
    CHECK(pd->confidence == Confidence::unverified);
    // the x86 Tokyo rates come from AWS's own calculator data
    CHECK(Catalog::builtin().find("aws.lambda.ap-northeast-1.x86_64.provisioned_concurrency")->confidence ==
          Confidence::verified);
}
