// Sweeps over traffic x duration x memory: cell order, memory applied to serverless offerings
// only, ids kept, the cheapest per cell, and the size bound. Lambda prices: aws-lambda.json
// (us-east-1 x86_64 $0.20 per 1M requests, $0.0000166667 per GB-s, free tier 1M requests +
// 400,000 GB-s); t3.micro $0.0104 per hour x 730 h = $7.592, + its public IPv4 address $0.005 x 730 h
// = $3.65: $11.242.
#include <costsim/compare.hpp>
#include <costsim/costsim.hpp>
#include <costsim/curves.hpp>
#include <doctest/doctest.h>

using namespace costsim;

namespace {

const std::vector<Offering> kOfferings{
    {"", LambdaConfig{.memory_mb = 512}},  // id derived from the configuration
    {"vm", VmFleetConfig{.instance = "t3.micro", .count = 1}},
};

Sweep run(const SweepGrid& grid, const CurrencyOptions& currency = {}) {
    return sweep(Workload{.requests_per_month = 1e6, .duration_ms = 100}, kOfferings, Catalog::builtin(), grid,
                 currency);
}

}  // namespace

TEST_CASE("sweep: cells run traffic fastest, then duration, then memory, with hand-checked totals") {
    const Sweep s = run({{0.1, 1.0, 10.0}, {100.0, 1000.0}, {128, 1024}});
    REQUIRE(s.cells.size() == 12);
    REQUIRE(s.ids.size() == 2);
    // the Lambda keeps its own id, not the id of the 128 MB / 1024 MB variants
    CHECK(s.ids[0] == Offering{"", LambdaConfig{.memory_mb = 512}}.effective_id());
    CHECK(s.ids[1] == "vm");
    CHECK(s.currency == "USD");
    CHECK(s.cells[1].requests_per_second == 1.0);
    CHECK(s.cells[3].duration_ms == 1000.0);
    CHECK(s.cells[3].requests_per_second == 0.1);
    CHECK(s.cells[6].memory_mb == 1024);
    CHECK(s.cells[6].duration_ms == 100.0);

    // cell 0: 0.1 rps = 262,800 requests x 0.1 s x 0.125 GB = 3,285 GB-s: inside both free tiers
    // -> Lambda $0, the VM 7.592 + 3.65 = $11.242; Lambda is the cheapest.
    CHECK(s.cells[0].totals[0] == 0.0);
    CHECK(s.cells[0].totals[1] == doctest::Approx(7.592 + 3.65).epsilon(1e-12));
    CHECK(s.cells[0].cheapest == 0);

    // cell 11: 10 rps, 1,000 ms, 1,024 MB: R = 26,280,000; GB-s = 26,280,000 x 1 s x 1 GB;
    // duration = (26,280,000 - 400,000) x 0.0000166667 = 431.334196
    // requests = (26,280,000 - 1,000,000) x 0.0000002 = 5.056; total 436.390196 > 11.242: the VM.
    const SweepCell& last = s.cells[11];
    CHECK(last.requests_per_second == 10.0);
    CHECK(last.duration_ms == 1000.0);
    CHECK(last.memory_mb == 1024);
    CHECK(last.totals[0] == doctest::Approx(436.390196).epsilon(1e-12));
    CHECK(last.totals[1] == doctest::Approx(7.592 + 3.65).epsilon(1e-12));
    CHECK(last.cheapest == 1);

    // the VM is the same in every cell: memory and duration only change serverless offerings
    for (const SweepCell& c : s.cells) CHECK(c.totals[1] == doctest::Approx(7.592 + 3.65).epsilon(1e-12));
}

TEST_CASE("sweep: without durations or memories the workload's and offerings' own are used") {
    // 1 rps = 2,628,000 requests x 0.1 s x 0.5 GB = 131,400 GB-s (free);
    // requests (2,628,000 - 1,000,000) x 0.0000002 = 0.3256. Memory is reported as 0: not swept.
    const Sweep s = run({{1.0}, {}, {}});
    REQUIRE(s.cells.size() == 1);
    CHECK(s.cells[0].duration_ms == 100.0);
    CHECK(s.cells[0].memory_mb == 0);
    CHECK(s.cells[0].totals[0] == doctest::Approx(0.3256).epsilon(1e-12));
}

TEST_CASE("sweep: totals in JPY") {
    // 0.3256 x 150 = 48.84 JPY; (7.592 + 3.65) x 150 = 11.242 x 150 = 1,686.3 JPY
    const Sweep s = run({{1.0}, {}, {}}, CurrencyOptions{"JPY", 150.0});
    CHECK(s.currency == "JPY");
    CHECK(s.cells[0].totals[0] == doctest::Approx(48.84).epsilon(1e-12));
    CHECK(s.cells[0].totals[1] == doctest::Approx((7.592 + 3.65) * 150).epsilon(1e-12));
}

TEST_CASE("sweep: the grid is bounded and every value checked") {
    std::vector<double> rps(101, 1.0), durations(1000, 100.0);
    CHECK_THROWS_WITH_AS(run({rps, durations, {}}), doctest::Contains("101,000 cells"), LimitExceeded);
    rps.resize(100);
    CHECK_NOTHROW(run({rps, durations, {}}));  // exactly 100,000 cells
    CHECK_THROWS_AS(run({{}, {}, {}}), InvalidInput);
    CHECK_THROWS_AS(run({{-1.0}, {}, {}}), InvalidInput);
    CHECK_THROWS_AS(run({{1.0}, {0.0}, {}}), InvalidInput);
    CHECK_THROWS_AS(run({{1.0}, {}, {0}}), InvalidInput);
    // 64 MB passes the grid's range but not Lambda's 128 MB minimum
    CHECK_THROWS_WITH_AS(run({{1.0}, {}, {64}}), doctest::Contains("memory"), InvalidInput);
    try {
        run({{1.0}, {}, {64}});
    } catch (const InvalidInput& e) {
        CHECK(e.field() == "sweep.memory_mb[0]");  // the element, not the list
    }
}
