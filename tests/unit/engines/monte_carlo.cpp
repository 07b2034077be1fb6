// Monte Carlo ranges: fixed inputs give the bill, a uniform traffic range's mean is within its
// analytic confidence interval, the generator and transforms are pinned, seeds are thread-blind,
// parameters are bounded. Prices: aws-lambda.json us-east-1 x86_64 ($0.20 per 1M requests,
// $0.0000166667 per GB-s), aws-ec2.json t3.micro $0.0104/h (730 h: $7.592).
#include <costsim/compare.hpp>
#include <costsim/costsim.hpp>
#include <costsim/monte_carlo.hpp>
#include <doctest/doctest.h>

#include <cmath>

using namespace costsim;

namespace {

Offering lambda_512(bool free_tier) { return {"lambda", LambdaConfig{.memory_mb = 512, .free_tier = free_tier}}; }
Offering t3_micro() { return {"vm", VmFleetConfig{.instance = "t3.micro", .count = 1, .public_ipv4 = false}}; }

std::string field_of(const Workload& w, const std::vector<Offering>& o, const MonteCarloOptions& opt) {
    try {
        (void)monte_carlo(w, o, Catalog::builtin(), opt);
    } catch (const InvalidInput& e) {
        return e.field();
    } catch (const LimitExceeded& e) {
        return "limit:" + e.field();
    }
    return "(valid)";
}

void check_same(const SampleSummary& a, const SampleSummary& b) {
    CHECK(a.mean == b.mean);
    CHECK(a.p5 == b.p5);
    CHECK(a.p50 == b.p50);
    CHECK(a.p95 == b.p95);
    CHECK(a.min == b.min);
    CHECK(a.max == b.max);
}

}  // namespace

TEST_CASE("SplitMix64 is the published generator; draws are in (0, 1)") {
    // SplitMix64 (Vigna, prng.di.unimi.it/splitmix64.c) seeded with 0: first outputs
    // 0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4.
    CHECK(splitmix64_at(0, 0) == 0xe220a8397b1dcdafULL);
    CHECK(splitmix64_at(0, 1) == 0x6e789e6aa1b965f4ULL);
    CHECK(unit_interval(0) == 0.5 * 0x1.0p-52);
    CHECK(unit_interval(~std::uint64_t{0}) < 1.0);
    // sample 3, slot 2 is counter 3 x 8 + 2
    CHECK(draw(7, 3, 2) == unit_interval(splitmix64_at(7, 26)));
}

TEST_CASE("Portable exp, log and normal functions agree with the textbook values") {
    for (double x : {-700.0, -20.0, -1.0, -1e-8, 0.0, 0.5, 1.0, 3.7, 50.0, 700.0})
        CHECK(portable::exp(x) == doctest::Approx(std::exp(x)).epsilon(1e-15));
    for (double x : {1e-300, 1e-5, 0.3, 1.0, 2.0, 10.0, 12345.678, 1e300})
        CHECK(portable::log(x) == doctest::Approx(std::log(x)).epsilon(1e-15).scale(1.0));
    CHECK(portable::normal_cdf(0.0) == 0.5);
    CHECK(portable::normal_cdf(1.96) == doctest::Approx(0.9750021048517795).epsilon(1e-13));
    CHECK(portable::normal_cdf(-3.0) == doctest::Approx(0.0013498980316301).epsilon(1e-11));
    CHECK(portable::normal_quantile(0.975) == doctest::Approx(1.959963984540054).epsilon(1e-8));
    CHECK(portable::normal_quantile(0.5) == 0.0);
    CHECK(portable::normal_quantile(0.001) == doctest::Approx(-3.090232306167813).epsilon(1e-8));
}

TEST_CASE("Distributions by their inverse CDF, by hand") {
    using K = Distribution::Kind;
    CHECK(Distribution{.kind = K::uniform, .min = 0, .max = 8}.quantile(0.25) == 2.0);
    // triangular (0, 2, 10): F(mode) = 0.2; u = 0.1: sqrt(0.1 x 10 x 2) = sqrt 2;
    // u = 0.6: 10 - sqrt(0.4 x 10 x 8) = 10 - sqrt 32
    const Distribution tri{.kind = K::triangular, .min = 0, .max = 10, .mode = 2};
    CHECK(tri.quantile(0.1) == doctest::Approx(std::sqrt(2.0)).epsilon(1e-15));
    CHECK(tri.quantile(0.6) == doctest::Approx(10 - std::sqrt(32.0)).epsilon(1e-15));
    // a normal truncated symmetrically has its mean as median
    CHECK(Distribution{.kind = K::normal, .min = 90, .max = 110, .mean = 100, .sd = 10}.quantile(0.5) ==
          doctest::Approx(100).epsilon(1e-12));
    // lognormal by p50 = 100, p95 = 400: the median is p50, u = 0.95 gives p95 (to Acklam's 1e-9)
    const Distribution logn{.kind = K::lognormal, .p50 = 100, .p95 = 400};
    CHECK(logn.quantile(0.5) == doctest::Approx(100).epsilon(1e-14));
    CHECK(logn.quantile(0.95) == doctest::Approx(400).epsilon(1e-8));
    // empirical: index floor(u n)
    const Distribution emp{.kind = K::empirical, .values = {5, 7, 9}};
    CHECK(emp.quantile(0.1) == 5);
    CHECK(emp.quantile(0.5) == 7);
    CHECK(emp.quantile(0.99) == 9);
}

TEST_CASE("Every input fixed: each offering's cost is exactly its plain bill") {
    const Workload w{.requests_per_month = 12e6,
                     .duration_ms = 87,
                     .response_kb = 14,
                     .cold_start_percent = 1,
                     .init_duration_ms = 300};
    const std::vector<Offering> offerings{lambda_512(true), t3_micro(), {"run", CloudRunConfig{.memory_mb = 512}}};
    for (const char* currency : {"USD", "JPY"}) {
        const CurrencyOptions cur{.currency = currency};
        const Comparison plain = compare(w, offerings, Catalog::builtin(), cur);
        MonteCarloOptions opt{.samples = 101};
        opt.inputs.duration_ms = Distribution::fixed_at(87);
        opt.inputs.response_kb = Distribution::fixed_at(14);
        opt.inputs.requests_per_month = Distribution::fixed_at(12e6);
        const MonteCarloResult r = monte_carlo(w, offerings, Catalog::builtin(), opt, cur);
        REQUIRE(r.offerings.size() == 3);
        for (std::size_t i = 0; i < 3; ++i) {
            const double bill = plain.results[i].bill.total;
            CHECK(r.offerings[i].plain_cost == bill);
            CHECK(r.offerings[i].cost.mean == bill);
            CHECK(r.offerings[i].cost.p5 == bill);
            CHECK(r.offerings[i].cost.p95 == bill);
        }
        CHECK(r.current_id == "lambda");
        CHECK(r.offerings[0].saving.max == 0.0);
        // P(cheapest) is 1 for the comparison's cheapest
        for (const OfferingRange& o : r.offerings) CHECK(o.p_cheapest == (o.id == plain.cheapest_id ? 1.0 : 0.0));
    }
}

TEST_CASE("Uniform traffic on a linear cost: the mean is within the analytic 99.7 % interval") {
    // Lambda 512 MB x 100 ms, free tier off: c(R) = s R with
    //   s = 0.0000002 + 0.5 GB x 0.1 s x 0.0000166667 = 1.033335e-6 $/request.
    // R ~ U[1e6, 9e6]: E[c] = s x 5e6 = 5.166675; sd(c) = s x 8e6 / sqrt 12 = 2.386392...;
    // the mean of n = 100,000 samples has sd 2.386392 / sqrt(1e5) = 0.0075465: 3 sd = 0.02264.
    const double s = 0.0000002 + 0.5 * 0.1 * 0.0000166667;
    const double expected = s * 5e6, sd = s * 8e6 / std::sqrt(12.0), half_width = 3 * sd / std::sqrt(1e5);
    MonteCarloOptions opt{.samples = 100000, .seed = 42};
    opt.inputs.requests_per_month = Distribution{.kind = Distribution::Kind::uniform, .min = 1e6, .max = 9e6};
    const MonteCarloResult r = monte_carlo(Workload{.requests_per_month = 5e6, .duration_ms = 100}, {lambda_512(false)},
                                           Catalog::builtin(), opt);
    CHECK(std::abs(r.offerings[0].cost.mean - expected) < half_width);
    // its percentiles: s x (1e6 + 8e6 q), within the same order of error
    CHECK(r.offerings[0].cost.p5 == doctest::Approx(s * 1.4e6).epsilon(0.02));
    CHECK(r.offerings[0].cost.p95 == doctest::Approx(s * 8.6e6).epsilon(0.01));
    CHECK(r.offerings[0].plain_cost == doctest::Approx(expected).epsilon(1e-12));
    REQUIRE(r.inputs.size() == 1);
    CHECK(r.inputs[0].name == "requests_per_month");
    CHECK(r.inputs[0].values.min >= 1e6);
    CHECK(r.inputs[0].values.max <= 9e6);
}

TEST_CASE("P(cheapest), the saving and the break-even band under uncertain traffic") {
    // Lambda 512 MB x 100 ms, free tier off, against a t3.micro ($7.592): break-even at
    // R* = 7.592 / 1.033335e-6 = 7,347,084.4 requests/month. Traffic U[2e6, 12e6]: Lambda is
    // cheaper below R*, with probability (R* - 2e6) / 1e7 = 0.5347.
    const double r_star = 7.592 / (0.0000002 + 0.5 * 0.1 * 0.0000166667);
    MonteCarloOptions opt{.samples = 200000, .seed = 9};
    opt.inputs.requests_per_month = Distribution{.kind = Distribution::Kind::uniform, .min = 2e6, .max = 12e6};
    const MonteCarloResult r =
        monte_carlo(Workload{.requests_per_month = 5e6}, {lambda_512(false), t3_micro()}, Catalog::builtin(), opt);
    // binomial sd: sqrt(0.5347 x 0.4653 / 2e5) = 0.0011: 4 sd
    CHECK(r.offerings[0].p_cheapest == doctest::Approx((r_star - 2e6) / 1e7).epsilon(0.0045 / 0.5347));
    CHECK(r.offerings[0].p_cheapest + r.offerings[1].p_cheapest == 1.0);
    // saving of the VM against Lambda (the current choice): > 0 exactly when Lambda costs more
    CHECK(r.offerings[1].p_saving == 1.0 - r.offerings[0].p_cheapest);
    std::size_t counted = 0;
    for (std::size_t c : r.offerings[1].saving_histogram.counts) counted += c;
    CHECK(counted == 200000);
    REQUIRE(r.break_even.size() == 1);
    const BreakEvenBand& band = r.break_even[0];
    CHECK(band.samples_searched == MonteCarloLimits::break_even_samples);
    CHECK(band.samples_with_point == MonteCarloLimits::break_even_samples);
    CHECK(band.requests_per_month.p5 == doctest::Approx(r_star).epsilon(1e-9));
    CHECK(band.requests_per_month.p95 == doctest::Approx(r_star).epsilon(1e-9));
}

TEST_CASE("An uncertain duration widens the break-even band: p5-p95 of the samples' break-even") {
    // duration U[50, 150] ms, Lambda 512 MB, free tier off: per-request cost
    // s(d) = 0.0000002 + 0.5 x ceil(d) / 1000 x 0.0000166667; R*(d) = 7.592 / s(d), decreasing in d.
    // p5 of R* is at d's p95 = 145 ms: ceil 145 ... (interpolation between samples, so within 1 %).
    auto r_star = [](double d) { return 7.592 / (0.0000002 + 0.5 * std::ceil(d) / 1000 * 0.0000166667); };
    MonteCarloOptions opt{.samples = 4000, .seed = 3};
    opt.inputs.duration_ms = Distribution{.kind = Distribution::Kind::uniform, .min = 50, .max = 150};
    const MonteCarloResult r =
        monte_carlo(Workload{.requests_per_month = 5e6}, {lambda_512(false), t3_micro()}, Catalog::builtin(), opt);
    const BreakEvenBand& band = r.break_even.at(0);
    CHECK(band.samples_searched == 2000);
    CHECK(band.requests_per_month.p5 == doctest::Approx(r_star(145)).epsilon(0.01));
    CHECK(band.requests_per_month.p95 == doctest::Approx(r_star(55)).epsilon(0.01));
}

TEST_CASE("The same seed gives the same answer with 1 and 2 threads; another seed another") {
    using K = Distribution::Kind;
    const Workload w{.requests_per_month = 8e6, .duration_ms = 120, .response_kb = 8};
    const std::vector<Offering> offerings{lambda_512(true), t3_micro()};
    MonteCarloOptions opt{.samples = 3001, .seed = 77};
    opt.inputs.requests_per_month = Distribution{.kind = K::lognormal, .p50 = 8e6, .p95 = 3e7};
    opt.inputs.duration_ms = Distribution{.kind = K::triangular, .min = 60, .max = 300, .mode = 110};
    opt.inputs.response_kb = Distribution{.kind = K::normal, .min = 0, .max = 40, .mean = 8, .sd = 6};
    opt.inputs.cold_start_percent = Distribution{.kind = K::uniform, .min = 0, .max = 5};
    opt.inputs.growth_percent_per_month = Distribution{.kind = K::empirical, .values = {0, 2, 5, 10}};
    opt.inputs.horizon_months = 6;
    opt.threads = 1;
    const MonteCarloResult one = monte_carlo(w, offerings, Catalog::builtin(), opt);
    opt.threads = 2;
    const MonteCarloResult two = monte_carlo(w, offerings, Catalog::builtin(), opt);
    REQUIRE(one.offerings.size() == two.offerings.size());
    for (std::size_t i = 0; i < one.offerings.size(); ++i) {
        check_same(one.offerings[i].cost, two.offerings[i].cost);
        check_same(one.offerings[i].saving, two.offerings[i].saving);
        CHECK(one.offerings[i].p_cheapest == two.offerings[i].p_cheapest);
        CHECK(one.offerings[i].saving_histogram.counts == two.offerings[i].saving_histogram.counts);
    }
    check_same(one.break_even.at(0).requests_per_month, two.break_even.at(0).requests_per_month);
    REQUIRE(one.inputs.size() == 5);
    for (std::size_t i = 0; i < 5; ++i) check_same(one.inputs[i].values, two.inputs[i].values);
    CHECK(one.inputs[0].clamped == 0);
    // the lognormal's p95 is its p95, within sampling error
    CHECK(one.inputs[0].values.p95 == doctest::Approx(3e7).epsilon(0.1));
    opt.seed = 78;
    const MonteCarloResult other = monte_carlo(w, offerings, Catalog::builtin(), opt);
    CHECK(other.offerings[0].cost.mean != one.offerings[0].cost.mean);
}

TEST_CASE("Growth over a horizon: the mean monthly cost of R (1 + g)^m") {
    // Lambda free tier off is linear: mean over 3 months of s R (1, 1.1, 1.21) = s R x 3.31 / 3.
    const double s = 0.0000002 + 0.5 * 0.1 * 0.0000166667;
    MonteCarloOptions opt{.samples = 10};
    opt.inputs.growth_percent_per_month = Distribution::fixed_at(10);
    opt.inputs.horizon_months = 3;
    const MonteCarloResult r =
        monte_carlo(Workload{.requests_per_month = 1e6}, {lambda_512(false)}, Catalog::builtin(), opt);
    CHECK(r.offerings[0].cost.mean == doctest::Approx(s * 1e6 * 3.31 / 3).epsilon(1e-12));
}

TEST_CASE("Samples, parameters and the current choice are bounded, errors name the field") {
    using K = Distribution::Kind;
    const Workload w{.requests_per_month = 1e6};
    const std::vector<Offering> one{lambda_512(true)};
    MonteCarloOptions opt;
    opt.samples = 0;
    CHECK(field_of(w, one, opt) == "uncertainty.samples");
    opt.samples = MonteCarloLimits::max_samples + 1;
    CHECK(field_of(w, one, opt) == "uncertainty.samples");
    opt.samples = 10;
    opt.inputs.horizon_months = 0;
    CHECK(field_of(w, one, opt) == "uncertainty.horizon_months");
    opt.inputs.horizon_months = 1;
    opt.inputs.duration_ms = Distribution{.kind = K::triangular, .min = 10, .max = 20, .mode = 30};
    CHECK(field_of(w, one, opt) == "uncertainty.inputs.duration_ms.max");  // at least .mode
    opt.inputs.duration_ms = Distribution{.kind = K::uniform, .min = 10, .max = 1e7};
    CHECK(field_of(w, one, opt) == "uncertainty.inputs.duration_ms.max");
    opt.inputs.duration_ms = Distribution{.kind = K::uniform, .min = 0, .max = 10};
    CHECK(field_of(w, one, opt) == "uncertainty.inputs.duration_ms.min");
    opt.inputs.duration_ms.reset();
    opt.inputs.response_kb = Distribution{.kind = K::lognormal, .p50 = 10, .p95 = 5};
    CHECK(field_of(w, one, opt) == "uncertainty.inputs.response_kb.p95");
    opt.inputs.response_kb = Distribution{.kind = K::empirical};
    CHECK(field_of(w, one, opt) == "uncertainty.inputs.response_kb.values");
    opt.inputs.response_kb = Distribution{.kind = K::empirical, .values = {1, -2}};
    CHECK(field_of(w, one, opt) == "uncertainty.inputs.response_kb.values[1]");
    opt.inputs.response_kb.reset();
    // [mean + 8 sd, mean + 9 sd] holds ~6e-16 of the normal
    opt.inputs.cold_start_percent = Distribution{.kind = K::normal, .min = 90, .max = 91, .mean = 10, .sd = 10};
    CHECK(field_of(w, one, opt) == "uncertainty.inputs.cold_start_percent.min");
    opt.inputs.cold_start_percent = Distribution{.kind = K::normal, .min = 0, .max = 10, .mean = 5, .sd = 0};
    CHECK(field_of(w, one, opt) == "uncertainty.inputs.cold_start_percent.sd");
    opt.inputs.cold_start_percent.reset();
    opt.inputs.growth_percent_per_month = Distribution::fixed_at(101);
    CHECK(field_of(w, one, opt) == "uncertainty.inputs.growth_percent_per_month.value");
    opt.inputs.growth_percent_per_month.reset();
    opt.current_id = "nope";
    CHECK(field_of(w, one, opt) == "uncertainty.current");
    opt.current_id.clear();
    // samples x offerings kept for percentiles
    opt.samples = 1000000;
    CHECK(field_of(w,
                   {lambda_512(true),
                    t3_micro(),
                    {"a", LambdaConfig{.memory_mb = 256}},
                    {"b", LambdaConfig{.memory_mb = 1024}},
                    {"c", LambdaConfig{.memory_mb = 2048}},
                    {"d", LambdaConfig{.memory_mb = 4096}}},
                   opt) == "limit:uncertainty.samples");
    // rebuilt models: samples x offerings
    opt.samples = 1000000;
    opt.inputs.duration_ms = Distribution{.kind = K::uniform, .min = 10, .max = 20};
    CHECK(field_of(w, {lambda_512(true), t3_micro(), {"a", LambdaConfig{.memory_mb = 256}}}, opt) ==
          "limit:uncertainty.samples");
}
