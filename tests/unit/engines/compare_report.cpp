// compare(): each offering's bill in the report currency, the cheapest, the ratio to it, and the
// break-even points of every (usage-priced, other) pair. Lambda prices: aws-lambda.json
// (us-east-1 x86_64 $0.20 per 1M requests, $0.0000166667 per GB-s, free tier 1M requests +
// 400,000 GB-s); t3.micro $0.0104 per hour x 730 h = $7.592.
#include <costsim/compare.hpp>
#include <costsim/costsim.hpp>
#include <doctest/doctest.h>

using namespace costsim;

namespace {

const Workload kWorkload{.requests_per_month = 3e6, .duration_ms = 1000};
const std::vector<Offering> kOfferings{
    {"l512", LambdaConfig{.memory_mb = 512}},
    {"l1024", LambdaConfig{.memory_mb = 1024}},
    {"vm", VmFleetConfig{.instance = "t3.micro", .count = 1}},
};

}  // namespace

TEST_CASE("compare: bills, the cheapest and ratios at 3M requests x 1 s") {
    // l512:  GB-s 1,500,000 - 400,000 = 1,100,000 x 0.0000166667 = 18.33337; requests
    //        2,000,000 x 0.0000002 = 0.40; total 18.73337
    // l1024: GB-s 3,000,000 - 400,000 = 2,600,000 x 0.0000166667 = 43.33342; + 0.40 = 43.73342
    // vm:    730 x 0.0104 = 7.592 + public IPv4 730 x 0.005 = 3.65 -> 11.242 (the cheapest)
    const Comparison c = compare(kWorkload, kOfferings, Catalog::builtin());
    REQUIRE(c.results.size() == 3);
    CHECK(c.results[0].bill.total == doctest::Approx(18.73337).epsilon(1e-12));
    CHECK(c.results[1].bill.total == doctest::Approx(43.73342).epsilon(1e-12));
    CHECK(c.results[2].bill.total == doctest::Approx(7.592 + 3.65).epsilon(1e-12));
    CHECK(c.cheapest_id == "vm");
    CHECK(c.results[0].relative_to_cheapest == doctest::Approx(18.73337 / 11.242).epsilon(1e-12));
    CHECK(c.results[1].relative_to_cheapest == doctest::Approx(43.73342 / 11.242).epsilon(1e-12));
    CHECK(c.results[2].relative_to_cheapest == 1.0);
    CHECK(c.range.from_rps == 0.0);
    CHECK(c.range.to_rps == 1000.0);
}

TEST_CASE("compare: break-even points of every (usage-priced, other) pair") {
    // (l512, l1024): both cost $0 while 1,024 MB x 1 s stays in the 400,000 GB-s free tier, i.e.
    //   up to 400,000 requests; above, 1,024 MB always costs more: one tie [0, 400,000].
    // (l512, vm): l512 is free to 800,000 requests (0.5 GB-s each), then 0.5 x 0.0000166667 =
    //   0.00000833335 per request; at 1,000,000: 200,000 x 0.00000833335 = 1.66667; above, plus
    //   0.0000002: 1.66667 + 0.00000853335 (R - 1,000,000) = 11.242 (7.592 + 3.65 IPv4)
    //   => R = 1,000,000 + 9.57533 / 0.00000853335.
    // (l1024, vm): free to 400,000, then 0.0000166667 per request (requests free to 1,000,000):
    //   at 1,000,000 it costs 600,000 x 0.0000166667 = 10.00002 < 11.242; above, plus 0.0000002:
    //   10.00002 + 0.0000168667 (R - 1,000,000) = 11.242 => R = 1,000,000 + 1.24198 / 0.0000168667.
    const Comparison c = compare(kWorkload, kOfferings, Catalog::builtin());
    REQUIRE(c.break_even.size() == 3);
    const BreakEven& tie = c.break_even[0];
    CHECK(tie.serverless_id == "l512");
    CHECK(tie.other_id == "l1024");
    CHECK(tie.kind == BreakEven::Kind::tie);
    CHECK(tie.requests_per_month == 0.0);
    CHECK(tie.until_requests_per_month == doctest::Approx(400000.0).epsilon(1e-9));
    CHECK(tie.cheaper_above == "l512");
    CHECK(tie.cost == 0.0);

    const BreakEven& l512 = c.break_even[1];
    CHECK(l512.serverless_id == "l512");
    CHECK(l512.other_id == "vm");
    CHECK(l512.kind == BreakEven::Kind::crossing);
    CHECK(l512.requests_per_month == doctest::Approx(1e6 + 9.57533 / 0.00000853335).epsilon(1e-9));
    CHECK(l512.cheaper_below == "l512");
    CHECK(l512.cheaper_above == "vm");
    CHECK(l512.cost == doctest::Approx(7.592 + 3.65).epsilon(1e-9));

    const BreakEven& l1024 = c.break_even[2];
    CHECK(l1024.serverless_id == "l1024");
    CHECK(l1024.other_id == "vm");
    CHECK(l1024.requests_per_month == doctest::Approx(1e6 + 1.24198 / 0.0000168667).epsilon(1e-9));
}

TEST_CASE("compare: in JPY bills are converted and break-even traffic does not move") {
    // 11.242 x 150 = 1,686.3 JPY; 18.73337 x 150 = 2,810.0055 JPY
    const Comparison c = compare(kWorkload, kOfferings, Catalog::builtin(), CurrencyOptions{"JPY", 150.0});
    CHECK(c.results[0].bill.currency == "JPY");
    CHECK(c.results[0].bill.total == doctest::Approx(2810.0055).epsilon(1e-12));
    CHECK(c.results[2].bill.total == doctest::Approx(11.242 * 150).epsilon(1e-12));
    REQUIRE(c.break_even.size() == 3);
    CHECK(c.break_even[1].requests_per_month == doctest::Approx(1e6 + 9.57533 / 0.00000853335).epsilon(1e-9));
    CHECK(c.break_even[1].cost == doctest::Approx(11.242 * 150).epsilon(1e-9));
}

TEST_CASE("compare: a VM fleet staircase against Lambda, every change reported") {
    // Lambda 128 MB x 100 ms, free tier off: 0.0000002 + 0.125 x 0.1 x 0.0000166667
    //   = 0.000000408333750 per request.
    // t3.micro fleet without public IPv4 addresses (the staircase of instance-hours alone), sized
    //   at 10 rps per instance (utilisation 1): 7.592 per instance, one more
    //   every 10 rps = 26,280,000 requests. Lambda at 10 rps: 26,280,000 x 0.00000040833375
    //   = 10.731... > 7.592, so it crosses the first tread at R1 = 7.592 / 0.00000040833375
    //   = 18,592,... (7.07 rps); at 10 rps the fleet jumps to 15.184 > 10.73: a step back to
    //   Lambda; Lambda reaches 15.184 at 2 R1 (14.15 rps) and crosses the second tread; at 20 rps
    //   (21.46 vs 22.776) another step, and Lambda reaches 22.776 at 3 R1 (21.22 rps): in 0 to
    //   25 rps, crossing at R1, step at 10 rps, crossing at 2 R1, step at 20 rps, crossing at 3 R1.
    const Workload w{.requests_per_month = 1e6, .duration_ms = 100};
    const std::vector<Offering> offerings{
        {"lambda", LambdaConfig{.memory_mb = 128, .free_tier = false}},
        {"fleet",
         VmFleetConfig{.instance = "t3.micro", .capacity_rps = 10.0, .target_utilization = 1.0, .public_ipv4 = false}},
    };
    const double r1 = 7.592 / (0.0000002 + 0.125 * 0.1 * 0.0000166667);
    const Comparison c = compare(w, offerings, Catalog::builtin(), {}, {0.0, 25.0});
    REQUIRE(c.break_even.size() == 5);
    CHECK(c.break_even[0].kind == BreakEven::Kind::crossing);
    CHECK(c.break_even[0].requests_per_month == doctest::Approx(r1).epsilon(1e-9));
    CHECK(c.break_even[1].kind == BreakEven::Kind::step);
    CHECK(c.break_even[1].requests_per_second == doctest::Approx(10.0).epsilon(1e-9));
    CHECK(c.break_even[1].cheaper_below == "fleet");
    CHECK(c.break_even[1].cheaper_above == "lambda");
    CHECK(c.break_even[2].requests_per_month == doctest::Approx(2 * r1).epsilon(1e-9));
    CHECK(c.break_even[2].cost == doctest::Approx(2 * 7.592).epsilon(1e-9));
    CHECK(c.break_even[3].kind == BreakEven::Kind::step);
    CHECK(c.break_even[3].requests_per_second == doctest::Approx(20.0).epsilon(1e-9));
    CHECK(c.break_even[4].kind == BreakEven::Kind::crossing);
    CHECK(c.break_even[4].requests_per_month == doctest::Approx(3 * r1).epsilon(1e-9));
    CHECK(c.break_even[4].cheaper_above == "fleet");
}

TEST_CASE("compare: offering count, unique ids and the range are checked") {
    const Catalog& cat = Catalog::builtin();
    CHECK_THROWS_AS(compare(kWorkload, {}, cat), InvalidInput);
    const std::vector<Offering> too_many(CompareLimits::max_offerings + 1, Offering{"", LambdaConfig{}});
    CHECK_THROWS_AS(compare(kWorkload, too_many, cat), InvalidInput);
    const std::vector<Offering> twice{{"x", LambdaConfig{}}, {"x", LambdaConfig{.memory_mb = 256}}};
    CHECK_THROWS_WITH_AS(compare(kWorkload, twice, cat), doctest::Contains("used twice"), InvalidInput);
    CHECK_THROWS_AS(compare(kWorkload, kOfferings, cat, {}, {5.0, 1.0}), InvalidInput);
    CHECK_THROWS_AS(compare(kWorkload, kOfferings, cat, CurrencyOptions{"EUR"}), InvalidInput);
}
