// Front doors: Function URL (no charge), API Gateway HTTP API ($1.00/M to 300M, then $0.90/M;
// metered in 512 KB increments) and REST API ($3.50/M to 333M, $2.80/M next 667M, $2.38/M next
// 19B, $1.51/M beyond). Source: AWS API Gateway cost-optimisation whitepaper; infracost tiers.
#include <costsim/costsim.hpp>
#include <doctest/doctest.h>

#include "../support.hpp"

using namespace costsim;

namespace {
Bill with_front_door(double requests, FrontDoor door, double request_kb = 1) {
    Workload w{.requests_per_month = requests, .duration_ms = 100, .request_kb = request_kb};
    return price(w, Offering{"", LambdaConfig{.memory_mb = 128, .front_door = door}}, Catalog::builtin());
}
}  // namespace

TEST_CASE("Function URL adds no charge") {
    CHECK(with_front_door(5e6, FrontDoor::function_url).total == with_front_door(5e6, FrontDoor::none).total);
    CHECK(with_front_door(5e6, FrontDoor::function_url).line_items.size() ==
          with_front_door(5e6, FrontDoor::none).line_items.size());
}

TEST_CASE("HTTP API: 1M requests of 1 KB = $1.00") {
    CHECK(test::cost_of(with_front_door(1e6, FrontDoor::http_api), "API Gateway HTTP API") ==
          doctest::Approx(1.00).epsilon(1e-12));
}

TEST_CASE("HTTP API: a 600 KB request counts as two 512 KB requests") {
    // 1,000,000 x ceil(600 / 512) = 2,000,000 metered requests x $1.00/M = $2.00
    Bill b = with_front_door(1e6, FrontDoor::http_api, 600);
    CHECK(test::quantity_of(b, "API Gateway HTTP API requests, tier 1 (0 to 300,000,000 request)") == 2e6);
    CHECK(test::cost_of(b, "API Gateway HTTP API") == doctest::Approx(2.00).epsilon(1e-12));
}

TEST_CASE("HTTP API: 400M requests span both tiers") {
    // 300,000,000 x 0.000001 = 300; 100,000,000 x 0.0000009 = 90
    CHECK(test::cost_of(with_front_door(4e8, FrontDoor::http_api), "API Gateway HTTP API") ==
          doctest::Approx(390).epsilon(1e-12));
}

TEST_CASE("REST API: 1M requests = $3.50; 400M span two tiers") {
    CHECK(test::cost_of(with_front_door(1e6, FrontDoor::rest_api), "API Gateway REST API") ==
          doctest::Approx(3.50).epsilon(1e-12));
    // 333,000,000 x 0.0000035 = 1,165.5; 67,000,000 x 0.0000028 = 187.6
    CHECK(test::cost_of(with_front_door(4e8, FrontDoor::rest_api), "API Gateway REST API") ==
          doctest::Approx(1353.1).epsilon(1e-12));
}

TEST_CASE("HTTP API: 512 KB metering at its boundaries") {
    // ceil(512 / 512) = 1; ceil(512.5 / 512) = 2; ceil(1,024 / 512) = 2; ceil(1,024.5 / 512) = 3;
    // 0 KB still counts 1. 1,000,000 requests x units x $1.00/M
    CHECK(test::cost_of(with_front_door(1e6, FrontDoor::http_api, 512), "API Gateway HTTP API") ==
          doctest::Approx(1.00).epsilon(1e-12));
    CHECK(test::cost_of(with_front_door(1e6, FrontDoor::http_api, 512.5), "API Gateway HTTP API") ==
          doctest::Approx(2.00).epsilon(1e-12));
    CHECK(test::cost_of(with_front_door(1e6, FrontDoor::http_api, 1024), "API Gateway HTTP API") ==
          doctest::Approx(2.00).epsilon(1e-12));
    CHECK(test::cost_of(with_front_door(1e6, FrontDoor::http_api, 1024.5), "API Gateway HTTP API") ==
          doctest::Approx(3.00).epsilon(1e-12));
    CHECK(test::cost_of(with_front_door(1e6, FrontDoor::http_api, 0), "API Gateway HTTP API") ==
          doctest::Approx(1.00).epsilon(1e-12));
}

TEST_CASE("REST API: 21B requests span all four tiers") {
    // 333,000,000 x 0.0000035 = 1,165.5; 667,000,000 x 0.0000028 = 1,867.6;
    // 19,000,000,000 x 0.00000238 = 45,220; 1,000,000,000 x 0.00000151 = 1,510 -> 49,763.1
    Bill b = with_front_door(21e9, FrontDoor::rest_api);
    CHECK(test::quantity_of(b, "API Gateway REST API requests, tier 4 (over 20,000,000,000 request)") == 1e9);
    CHECK(test::cost_of(b, "API Gateway REST API") == doctest::Approx(49763.1).epsilon(1e-12));
    test::check_invariants(b);
}
