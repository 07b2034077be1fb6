// Flags a user must know about: one instance, a fixed count that cannot carry the peak, a burstable
// instance above its baseline CPU share at peak.
#include <costsim/costsim.hpp>
#include <doctest/doctest.h>

#include "../support.hpp"

using namespace costsim;

namespace {
Bill fleet(VmFleetConfig c, Workload w) { return price(w, Offering{"", std::move(c)}, Catalog::builtin()); }
bool has_flag(const Bill& b, std::string_view code) {
    for (const Flag& f : b.flags)
        if (f.code == code) return true;
    return false;
}
}  // namespace

TEST_CASE("Flag single_instance: one instance, and not two") {
    CHECK(has_flag(fleet({.provider = "aws", .instance = "m6i.large"}, {}), "single_instance"));
    CHECK_FALSE(has_flag(fleet({.provider = "aws", .instance = "m6i.large", .count = 2}, {}), "single_instance"));
}

TEST_CASE("Flag over_capacity: a fixed count that cannot carry the peak at 100 %") {
    // 2 x 10 rps = 20 rps of capacity. Peak 25 rps = 65,700,000 requests -> over; utilisation 1.25
    VmFleetConfig c{.provider = "aws", .instance = "m6i.large", .count = 2};
    Workload w{.requests_per_month = 65700000, .cpu_ms_per_request = 200};  // 2 vCPU x 1,000 / 200 = 10 rps
    Bill over = fleet(c, w);
    CHECK(has_flag(over, "over_capacity"));
    CHECK(over.convention("utilization_at_peak")->value == doctest::Approx(1.25).epsilon(1e-12));
    // exactly 20 rps = 52,560,000 requests -> carried
    w.requests_per_month = 52560000;
    CHECK_FALSE(has_flag(fleet(c, w), "over_capacity"));
    // a sized fleet never is
    CHECK_FALSE(has_flag(
        fleet({.provider = "aws", .instance = "m6i.large"}, {.requests_per_month = 1e10, .cpu_ms_per_request = 200}),
        "over_capacity"));
}

TEST_CASE("Flag above_baseline: burstable instance above its baseline share at peak") {
    // t3.micro baseline 10 %; capacity 100 rps, target 0.7: mean 20 rps = 52,560,000 requests -> 1 instance,
    // utilisation at peak 20 / 100 = 0.2 > 0.1 -> flagged, mentions surplus credits
    VmFleetConfig c{.provider = "aws", .instance = "t3.micro", .capacity_rps = 100.0};
    Bill busy = fleet(c, {.requests_per_month = 52560000});
    REQUIRE(has_flag(busy, "above_baseline"));
    for (const Flag& f : busy.flags)
        if (f.code == "above_baseline") CHECK(f.message.find("$0.05 per vCPU-hour") != std::string_view::npos);
    // 5 rps -> 0.05 <= 0.1: not flagged
    CHECK_FALSE(has_flag(fleet(c, {.requests_per_month = 13140000}), "above_baseline"));
    // a non-burstable instance never is
    VmFleetConfig m{.provider = "aws", .instance = "m6i.large", .capacity_rps = 100.0};
    CHECK_FALSE(has_flag(fleet(m, {.requests_per_month = 52560000}), "above_baseline"));
    // GCP e2-micro (baseline 12.5 %) at 20 % is flagged too, with throttling in the message
    VmFleetConfig g{.provider = "gcp", .instance = "e2-micro", .capacity_rps = 100.0};
    Bill e2 = fleet(g, {.requests_per_month = 52560000});
    REQUIRE(has_flag(e2, "above_baseline"));
    for (const Flag& f : e2.flags)
        if (f.code == "above_baseline") CHECK(f.message.find("throttled") != std::string_view::npos);
}

TEST_CASE("Flags: without a capacity nothing is judged but redundancy") {
    Bill b = fleet({.provider = "aws", .instance = "t3.micro"}, {.requests_per_month = 1e9});
    CHECK(has_flag(b, "single_instance"));
    CHECK_FALSE(has_flag(b, "over_capacity"));
    CHECK_FALSE(has_flag(b, "above_baseline"));
}
