// Monte Carlo internals that must be exact: the percentiles are the samples' order statistics
// (recomputed here by sorting the same draws), the portable exp is within an ulp of the correctly
// rounded value, and the cost bands by traffic reproduce the bill (fixed inputs) and the hand
// formula of a linear cost (an uncertain duration). Prices: aws-lambda.json us-east-1 x86_64
// ($0.20 per 1M requests, $0.0000166667 per GB-s).
#include <costsim/cost_bands.hpp>
#include <costsim/costsim.hpp>
#include <costsim/monte_carlo.hpp>
#include <doctest/doctest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <vector>

using namespace costsim;

namespace {

Offering lambda_512() { return {"lambda", LambdaConfig{.memory_mb = 512, .free_tier = false}}; }

/// p = sorted[k] + frac (sorted[k + 1] - sorted[k]), k = floor((n - 1) q): Design's definition.
double percentile(std::vector<double> v, double q) {
    std::sort(v.begin(), v.end());
    const double pos = q * double(v.size() - 1);
    const auto k = static_cast<std::size_t>(pos);
    const double frac = pos - double(k);
    return frac == 0.0 || k + 1 >= v.size() ? v[k] : v[k] + frac * (v[k + 1] - v[k]);
}

/// Distance in units in the last place between two positive finite doubles.
std::uint64_t ulps(double a, double b) {
    const auto ia = std::bit_cast<std::uint64_t>(a), ib = std::bit_cast<std::uint64_t>(b);
    return ia > ib ? ia - ib : ib - ia;
}

}  // namespace

TEST_CASE("Percentiles are the exact order statistics of the draws, skewed or full of ties") {
    using K = Distribution::Kind;
    const std::uint64_t seed = 11;
    // a skewed lognormal (the selection's bins are then uneven), an empirical with many equal
    // values, and a sample count whose (n - 1) q is not an integer
    std::vector<double> many_ties;
    for (int i = 0; i < 50; ++i) many_ties.push_back(1e6 * (1 + i % 4));
    for (const Distribution& d : {Distribution{.kind = K::lognormal, .p50 = 5e6, .p95 = 4e8},
                                  Distribution{.kind = K::empirical, .values = many_ties}}) {
        MonteCarloOptions opt{.samples = 20011, .seed = seed, .threads = 2};
        opt.inputs.requests_per_month = d;
        const MonteCarloResult r = monte_carlo(Workload{.requests_per_month = 5e6, .duration_ms = 100}, {lambda_512()},
                                               Catalog::builtin(), opt);
        std::vector<double> drawn;
        for (std::size_t i = 0; i < opt.samples; ++i)
            drawn.push_back(std::clamp(d.quantile(draw(seed, i, 0)), 0.0, WorkloadLimits::max_requests_per_month));
        const SampleSummary& s = r.inputs.at(0).values;
        CHECK(s.p5 == percentile(drawn, 0.05));
        CHECK(s.p50 == percentile(drawn, 0.5));
        CHECK(s.p95 == percentile(drawn, 0.95));
        CHECK(s.min == *std::min_element(drawn.begin(), drawn.end()));
        CHECK(s.max == *std::max_element(drawn.begin(), drawn.end()));
    }
}

TEST_CASE("Portable exp is within one ulp of the platform's exp over the whole range") {
    // glibc's exp is correctly rounded in all but rare cases, so one ulp each way bounds both
    std::uint64_t worst = 0;
    for (int i = 0; i <= 100000; ++i) {
        const double x = -744.0 + 1453.0 * i / 100000.0;
        const double e = std::exp(x);
        if (e < 0x1p-1022) continue;  // subnormal results: fewer bits, checked below
        worst = std::max(worst, ulps(portable::exp(x), e));
    }
    CHECK(worst <= 1);
    CHECK(portable::exp(0.0) == 1.0);
    CHECK(portable::exp(-740.0) == doctest::Approx(std::exp(-740.0)).epsilon(1e-12));
    CHECK(portable::exp(709.7) == doctest::Approx(std::exp(709.7)).epsilon(1e-15));
    CHECK(std::isinf(portable::exp(710.0)));
    CHECK(portable::exp(-746.0) == 0.0);
    for (int i = 1; i <= 1000; ++i) {
        const double x = std::ldexp(1.0 + i / 1000.0, (i % 60) - 30);
        CHECK(ulps(portable::log(x), std::log(x)) <= 2);
    }
}

TEST_CASE("Cost bands: every input fixed gives the bill at each traffic level") {
    const Workload w{.requests_per_month = 5e6, .duration_ms = 100, .response_kb = 4};
    const std::vector<Offering> offerings{lambda_512(), {"vm", VmFleetConfig{.instance = "t3.micro", .count = 1}}};
    MonteCarloOptions opt{.samples = 300};
    opt.inputs.duration_ms = Distribution::fixed_at(100);
    const CurveGrid grid{.range = {0.5, 50.0}, .points = 7};
    const CostBands b = monte_carlo_cost_bands(w, offerings, Catalog::builtin(), opt, {}, grid);
    CHECK(b.samples == 1);  // nothing but traffic could vary
    REQUIRE(b.ids == std::vector<std::string>{"lambda", "vm"});
    REQUIRE(b.requests_per_second.size() == 7);
    for (std::size_t l = 0; l < 7; ++l) {
        Workload at = w;
        at.requests_per_month = b.requests_per_second[l] * kSecondsPerMonth;
        const Comparison c = compare(at, offerings, Catalog::builtin());
        for (std::size_t j = 0; j < 2; ++j) {
            CHECK(b.p5[j][l] == doctest::Approx(c.results[j].bill.total).epsilon(1e-12));
            CHECK(b.p50[j][l] == b.p5[j][l]);
            CHECK(b.p95[j][l] == b.p5[j][l]);
        }
    }
}

TEST_CASE("Cost bands: an uncertain duration, by hand on a linear cost") {
    // Lambda 512 MB, free tier off: c(R, d) = R (0.0000002 + 0.5 x ceil(d) / 1000 x 0.0000166667).
    // d ~ U[50, 150]: at each R the band's p5 is near d = 55 ms and its p95 near 145 ms (1,000
    // samples: within 1 %, the ms rounding included).
    auto cost = [](double r, double d) { return r * (0.0000002 + 0.5 * std::ceil(d) / 1000 * 0.0000166667); };
    MonteCarloOptions opt{.samples = 5000, .seed = 4};
    opt.inputs.duration_ms = Distribution{.kind = Distribution::Kind::uniform, .min = 50, .max = 150};
    const CurveGrid grid{.range = {1.0, 100.0}, .points = 3};
    const CostBands b =
        monte_carlo_cost_bands(Workload{.requests_per_month = 5e6}, {lambda_512()}, Catalog::builtin(), opt, {}, grid);
    CHECK(b.samples == CostBandLimits::max_samples);
    for (std::size_t l = 0; l < 3; ++l) {
        const double r = b.requests_per_second[l] * kSecondsPerMonth;
        CHECK(b.p5[0][l] == doctest::Approx(cost(r, 55)).epsilon(0.01));
        CHECK(b.p50[0][l] == doctest::Approx(cost(r, 100)).epsilon(0.01));
        CHECK(b.p95[0][l] == doctest::Approx(cost(r, 145)).epsilon(0.01));
    }
    CHECK(b.requests_per_second.front() == doctest::Approx(1.0));
    CHECK(b.requests_per_second.back() == doctest::Approx(100.0));
    // the grid is bounded
    CHECK_THROWS_AS(monte_carlo_cost_bands(Workload{.requests_per_month = 5e6}, {lambda_512()}, Catalog::builtin(), opt,
                                           {}, CurveGrid{.range = {1.0, 100.0}, .points = 401}),
                    InvalidInput);
}
