// Lambda under a traffic profile (x86_64, us-east-1, free tier off unless said): requests
// $0.0000002, on-demand duration $0.0000166667 per GB-s (tier 1), provisioned concurrency
// $0.0000041667 per GB-s configured and $0.0000097222 per GB-s of duration on it
// (lib/data/catalog/aws-lambda.json). Per interval: concurrency = requests/s x duration (Little's
// law); month = the period's figures x 2,628,000 s / the period.
// Design/pricing-model.md#lambda-under-a-traffic-profile.
#include <costsim/costsim.hpp>
#include <doctest/doctest.h>

#include "../support.hpp"
#include "offerings/concurrency.hpp"

#include <cmath>
#include <string>
#include <vector>

using namespace costsim;

namespace {

Workload with_series(double interval_s, std::vector<double> requests, double duration_ms = 1000) {
    Workload w{.duration_ms = duration_ms};
    return w.with_traffic(TrafficProfile{.interval_s = interval_s, .requests = std::move(requests)});
}

Bill lambda_bill(const Workload& w, LambdaConfig c) { return price(w, Offering{"", std::move(c)}, Catalog::builtin()); }

double convention(const Bill& b, std::string_view name) {
    const Convention* c = b.convention(name);
    REQUIRE_MESSAGE(c != nullptr, name);
    return c->value;
}

bool has_flag(const Bill& b, std::string_view code) {
    for (const Flag& f : b.flags)
        if (f.code == code) return true;
    return false;
}

const BillSeries* series(const Bill& b, std::string_view name) {
    for (const BillSeries& s : b.series)
        if (s.name == name) return &s;
    return nullptr;
}

}  // namespace

TEST_CASE("a peak that needs 2,000 environments under the 1,000 limit: half its requests are throttled") {
    // 4 hourly intervals, 1 s per request, 1,024 MB: concurrency = requests / 3,600 x 1 s =
    // 500, 2,000, 500, 500. The peak gets 1,000 (the limit; 1,500 new environments after 500
    // warm: 500 <= the 1,000-token burst, so no ramp): 3,600,000 of its 7,200,000 are throttled.
    // Period 14,400 s: month factor 2,628,000 / 14,400 = 182.5.
    // requests 12,600,000 x 182.5 = 2,299,500,000; throttled 3,600,000 x 182.5 = 657,000,000;
    // served 1,642,500,000 x $0.0000002 = $328.50; duration 1,642,500,000 GB-s x $0.0000166667
    // = $27,375.05475 (tier 1 ends at 6,000,000,000 GB-s). Total $27,703.55475.
    const Workload w = with_series(3600, {1.8e6, 7.2e6, 1.8e6, 1.8e6});
    const Bill b = lambda_bill(w, LambdaConfig{.memory_mb = 1024, .free_tier = false});
    CHECK(convention(b, "throttled_requests") == doctest::Approx(657e6).epsilon(1e-12));
    CHECK(convention(b, "peak_concurrency") == doctest::Approx(2000).epsilon(1e-12));
    CHECK(convention(b, "mean_concurrency") == doctest::Approx(875).epsilon(1e-12));
    CHECK(test::quantity_of(b, "Requests") == doctest::Approx(1642.5e6).epsilon(1e-12));
    CHECK(test::cost_of(b, "Requests") == doctest::Approx(328.50).epsilon(1e-12));
    CHECK(test::cost_of(b, "Duration (x86_64)") == doctest::Approx(27375.05475).epsilon(1e-12));
    CHECK(b.total == doctest::Approx(27703.55475).epsilon(1e-12));
    CHECK(has_flag(b, "throttled"));
    const BillSeries* c = series(b, "concurrency");
    REQUIRE(c != nullptr);
    CHECK(c->values == std::vector<double>{500, 2000, 500, 500});
    CHECK(c->interval_s == 3600);
    const BillSeries* t = series(b, "throttled_requests");
    REQUIRE(t != nullptr);
    CHECK(t->values == std::vector<double>{0, 3.6e6, 0, 0});
    test::check_invariants(b);

    SUBCASE("reserved concurrency is the function's limit") {
        // reserved 500 (<= 1,000 - 100): the peak serves 500 of 2,000 (3/4 throttled =
        // 5,400,000), the others are at 500 exactly. throttled 5,400,000 x 182.5 = 985,500,000
        const Bill r = lambda_bill(w, LambdaConfig{.memory_mb = 1024, .free_tier = false, .reserved_concurrency = 500});
        CHECK(convention(r, "throttled_requests") == doctest::Approx(985.5e6).epsilon(1e-12));
        CHECK(convention(r, "concurrency_limit") == 500);
    }
    SUBCASE("a raised account limit leaves only the scaling rate's ramp") {
        // limit 3,000: the peak needs 1,500 new environments after 500 warm; the burst gives
        // 1,000 at once, the last 500 come at 100 a second (5 s): 500 x 5 / 2 = 1,250
        // environment-seconds short at 1 s a request: 1,250 throttled a period, 228,125 a month
        const Bill r = lambda_bill(w, LambdaConfig{.memory_mb = 1024, .free_tier = false, .concurrency_limit = 3000});
        CHECK(convention(r, "throttled_requests") == doctest::Approx(228125).epsilon(1e-12));
        CHECK(test::quantity_of(r, "Requests") == doctest::Approx(2299.5e6 - 228125).epsilon(1e-12));
        // with 1,000 provisioned environments the peak starts from 1,000: 1,000 new, no ramp
        const Bill pc =
            lambda_bill(w, LambdaConfig{.memory_mb = 1024, .provisioned_concurrency = 1000, .concurrency_limit = 3000});
        CHECK(convention(pc, "throttled_requests") == 0);
        CHECK_FALSE(has_flag(pc, "throttled"));
    }
}

TEST_CASE("the scaling rate: a cold jump to 5,000 environments ramps for 40 s") {
    // 20 one-minute intervals, only the second has traffic: 300,000 requests of 1 s = 5,000
    // concurrent (limit raised to 10,000). 19 quiet minutes refill the bucket and outlast the
    // 600 s keep-alive, so the spike starts from 0 environments with 1,000 tokens: 1,000 at once,
    // then 100 a second: 5,000 reached after (5,000 - 1,000) / 100 = 40 s.
    // environment-seconds available: 1,000 x 40 + 100 x 40^2 / 2 + 5,000 x 20 = 220,000 of the
    // 300,000 needed; served 220,000, throttled 80,000 a period (wave2-facts 1.3: 40-50 s of ramp).
    // month factor 2,628,000 / 1,200 = 2,190: throttled 175,200,000, served 481,800,000.
    std::vector<double> requests(20, 0.0);
    requests[1] = 300000;
    const Bill b = lambda_bill(with_series(60, requests),
                               LambdaConfig{.memory_mb = 1024, .free_tier = false, .concurrency_limit = 10000});
    CHECK(convention(b, "throttled_requests") == doctest::Approx(175.2e6).epsilon(1e-12));
    CHECK(test::quantity_of(b, "Requests") == doctest::Approx(481.8e6).epsilon(1e-12));
    CHECK(has_flag(b, "throttled"));
    CHECK(series(b, "throttled_requests")->values[1] == doctest::Approx(80000).epsilon(1e-12));
}

TEST_CASE("fixed provisioned concurrency: per interval min(concurrency, level), the rest on demand") {
    // concurrency 500, 1,500, 500, 500 (hourly, 1 s, 1,024 MB), 1,000 provisioned, limit 3,000.
    // on PC: 500, 1,000, 500, 500 -> 1.8 + 3.6 + 1.8 + 1.8 = 9,000,000 requests a period;
    // spill-over 1,800,000 (the peak's other 500). Month factor 182.5:
    // PC fee 1,000 x 1 GB x 2,628,000 s = 2,628,000,000 GB-s x $0.0000041667 = $10,950.0876
    // on PC 1,642,500,000 GB-s x $0.0000097222 = $15,968.7135
    // on demand 328,500,000 GB-s x $0.0000166667 = $5,475.01095
    // requests 10,800,000 x 182.5 = 1,971,000,000 x $0.0000002 = $394.20 (no free tier with PC)
    const Workload w = with_series(3600, {1.8e6, 5.4e6, 1.8e6, 1.8e6});
    const Bill b =
        lambda_bill(w, LambdaConfig{.memory_mb = 1024, .provisioned_concurrency = 1000, .concurrency_limit = 3000});
    CHECK(test::cost_of(b, "Provisioned concurrency") == doctest::Approx(10950.0876).epsilon(1e-12));
    CHECK(test::quantity_of(b, "Duration on provisioned concurrency (x86_64)") ==
          doctest::Approx(1642.5e6).epsilon(1e-12));
    CHECK(test::quantity_with_prefix(b, "Duration (x86_64)") == doctest::Approx(328.5e6).epsilon(1e-12));
    CHECK(b.total == doctest::Approx(10950.0876 + 15968.7135 + 5475.01095 + 394.20).epsilon(1e-12));
    CHECK(convention(b, "share_on_provisioned") == doctest::Approx(9.0 / 10.8).epsilon(1e-12));
    CHECK(has_flag(b, "provisioned_spillover"));
    // the cheapest fixed level: u* = 0.0000041667 / (0.0000166667 - 0.0000097222) = 0.6; the
    // marginal environment above 500 is busy 1/4 of the time (< 0.6), below 500 always: 500
    CHECK(convention(b, "provisioned_breakeven_utilisation") == doctest::Approx(0.6).epsilon(1e-4));
    CHECK(convention(b, "suggested_provisioned_concurrency") == 500);
    CHECK(has_flag(b, "provisioned_suggestion"));
    test::check_invariants(b);
}

TEST_CASE("provisioned concurrency by hour of week") {
    // A week of hours at 100 concurrent (360,000 requests of 1 s each hour, 1,024 MB); the
    // schedule provisions 200 in hours 0-83 and none in hours 84-167.
    // month factor 2,628,000 / 604,800 = 4.3452381; PC 200 x 84 h x 3,600 s = 60,480,000 env-s a
    // week -> 262,800,000 GB-s x $0.0000041667 = $1,095.00876
    // hours 0-83 on PC: 30,240,000 requests a week -> 131,400,000 GB-s x $0.0000097222 = $1,277.49708
    // hours 84-167 on demand: 131,400,000 GB-s x $0.0000166667 = $2,190.00438
    // requests 262,800,000 x $0.0000002 = $52.56
    const Workload w = with_series(3600, std::vector<double>(168, 360000));
    std::vector<double> schedule(168, 0);
    for (int h = 0; h < 84; ++h) schedule[std::size_t(h)] = 200;
    const Bill b = lambda_bill(w, LambdaConfig{.memory_mb = 1024, .provisioned_schedule = schedule});
    CHECK(test::cost_of(b, "Provisioned concurrency") == doctest::Approx(1095.00876).epsilon(1e-12));
    CHECK(test::cost_of(b, "Duration on provisioned concurrency") == doctest::Approx(1277.49708).epsilon(1e-12));
    CHECK(test::cost_of(b, "Duration (x86_64)") == doctest::Approx(2190.00438).epsilon(1e-12));
    CHECK(test::cost_of(b, "Requests") == doctest::Approx(52.56).epsilon(1e-12));
    CHECK(convention(b, "free_tier_applied") == 0);
    test::check_invariants(b);
}

TEST_CASE("provisioned concurrency is billed in 5-minute steps of each enabled span") {
    // 60 intervals of 70 s (4,200 s): intervals 0-51 start in hour 0 (51 x 70 = 3,570 s), 52-59
    // in hour 1. Schedule: 10 in hour 0, none after. The 10 run for 52 x 70 = 3,640 s, billed
    // ceil(3,640 / 300) x 300 = 3,900 s: 39,000 env-s a period; month factor 2,628,000 / 4,200 =
    // 625.7142857: 24,402,857.142857 env-s x 0.125 GB (128 MB) x $0.0000041667 = $12.7099231
    std::vector<double> schedule(168, 0);
    schedule[0] = 10;
    const Bill b =
        lambda_bill(with_series(70, std::vector<double>(60, 0.0), 100), LambdaConfig{.provisioned_schedule = schedule});
    CHECK(convention(b, "provisioned_environment_seconds") == doctest::Approx(24402857.142857).epsilon(1e-12));
    CHECK(test::cost_of(b, "Provisioned concurrency") == doctest::Approx(12.7099231).epsilon(1e-8));
    // one level all month is one span: no rounding (10 x 2,628,000 env-s)
    const Bill fixed =
        lambda_bill(with_series(70, std::vector<double>(60, 0.0), 100), LambdaConfig{.provisioned_concurrency = 10});
    CHECK(convention(fixed, "provisioned_environment_seconds") == doctest::Approx(26.28e6).epsilon(1e-12));
}

TEST_CASE("INIT is billed on derived cold starts: 1 request per 15 minutes, 600 s keep-alive") {
    // 96 intervals of 900 s with 1 request each (a day; month factor 30.4166667: 2,920 requests).
    // One environment: a request is cold iff none started in the last 600 + 0.1 s: P_cold =
    // exp(-600.1 / 900) = 0.5133601 (wave2-facts 2.1: 0.513, 1,499 of 2,920), or it finds the
    // environment busy: (1 - 0.5133601) x (1 - exp(-0.1 / 900)) = 0.0000541 -> 2,920 x 0.5134141 =
    // 1,499.16931 cold starts. Recycling every 604,800 s adds nothing: the environment lives
    // about 600 + (e^(600.1/900) - 1) x 900 = 1,452 s, far below it.
    // billed per cold request ceil(100 + 1,500) ms: 1,500 ms of INIT on top (wave2-facts 2.4).
    // duration 2,920 x 0.1 + 1,499.16931 x 1.5 = 2,540.75397 GB-s (1,024 MB) x $0.0000166667 = $0.0423460
    Workload w = with_series(900, std::vector<double>(96, 1.0), 100);
    w.init_duration_ms = 1500;
    const Bill b = lambda_bill(w, LambdaConfig{.memory_mb = 1024, .free_tier = false, .recycle_s = 604800});
    CHECK(convention(b, "cold_starts") == doctest::Approx(1499.16931).epsilon(1e-8));
    CHECK(convention(b, "cold_start_share") == doctest::Approx(1499.16931 / 2920).epsilon(1e-8));
    CHECK(test::quantity_with_prefix(b, "Duration (x86_64)") == doctest::Approx(2540.75395).epsilon(1e-8));
    CHECK(test::cost_of(b, "Duration (x86_64)") == doctest::Approx(0.0423460).epsilon(1e-5));
    CHECK(convention(b, "billed_init_ms") == 1500);
    CHECK(b.convention("cold_start_source")->text.find("derived") == 0);

    SUBCASE("workload.cold_start_percent overrides the derived share") {
        // 10 % of 2,920 = 292 cold starts: 292 + 292 x 1.5 = 730 GB-s
        w.cold_start_percent = 10;
        const Bill o = lambda_bill(w, LambdaConfig{.memory_mb = 1024, .free_tier = false});
        CHECK(convention(o, "cold_starts") == doctest::Approx(292).epsilon(1e-12));
        CHECK(test::quantity_with_prefix(o, "Duration (x86_64)") == doctest::Approx(730).epsilon(1e-12));
        CHECK(o.convention("cold_start_source")->text.find("workload.cold_start_percent") == 0);
    }
}

TEST_CASE("the Mahmoudi-Khazaei steady state reproduces the SimFaaS reference numbers") {
    // lambda = 0.9/s, W = 1.991 s, T_ka = 600 s (pacslab/simfaas README; wave2-facts 2.1):
    // analytical model P_cold 0.00118, 7.6047 environments; SimFaaS's 1e6-s simulation 0.0014
    // (1,213 / 898,469) and 7.6612.
    const detail::SteadyState s = detail::mk_steady_state(0.9, 1.991, 600);
    CHECK(s.cold_probability == doctest::Approx(0.00118).epsilon(0.02));
    CHECK(s.environments == doctest::Approx(7.6047).epsilon(0.002));
    CHECK(s.environments == doctest::Approx(7.6612).epsilon(0.01));
    // the interpolated table agrees with the model to 0.5 %
    const detail::SteadyStateTable table(1.991, 600, kUnbounded);
    CHECK(table.at(0.9).cold_probability == doctest::Approx(s.cold_probability).epsilon(0.005));
    CHECK(table.at(0.9).environments == doctest::Approx(s.environments).epsilon(0.005));
    // lambda = 100/s, W = 2 s: 5.9e-5 and 251.4 environments (wave2-facts 2.1, a port of perfmodel.py)
    const detail::SteadyState high = detail::mk_steady_state(100, 2, 600);
    CHECK(high.cold_probability == doctest::Approx(5.9e-5).epsilon(0.03));
    CHECK(high.environments == doctest::Approx(251.4).epsilon(0.003));
}

TEST_CASE("a flat profile at 0.9 requests/s: the bill's cold-start share is the steady state's") {
    // 3,240 requests an hour of 1,991 ms (rho = 1.79): equal intervals, so the pool never grows;
    // the share is the model's (with no environment living beyond recycle_s) to the table's 0.5 %
    Workload w = with_series(3600, std::vector<double>(24, 3240), 1991);
    const Bill b = lambda_bill(w, LambdaConfig{.recycle_s = 604800});
    const double p = detail::mk_steady_state(0.9, 1.991, 600, 604800).cold_probability;
    CHECK(convention(b, "cold_start_share") == doctest::Approx(p).epsilon(0.005));
    // recycling every 2 h replaces the long-lived busy environments: more cold starts
    const Bill r = lambda_bill(w, LambdaConfig{});
    CHECK(convention(r, "cold_start_share") > convention(b, "cold_start_share") * 1.05);
}

TEST_CASE("cold starts when the pool grows beyond the environments kept warm") {
    // hourly: 0, then 0.9/s (rho 1.79) for one hour, then 0: the busy hour starts with no warm
    // environment (keep-alive 600 s < 1 h of silence before it): its pool of 7.6 environments is
    // all new, on top of 3,240 x P_cold.
    std::vector<double> r(24, 0.0);
    r[5] = 3240;
    Workload w = with_series(3600, r, 1991);
    const Bill b = lambda_bill(w, LambdaConfig{.recycle_s = 604800});
    const detail::SteadyState s = detail::mk_steady_state(0.9, 1.991, 600, 604800);
    const double month_factor = 2628000.0 / 86400;
    const double per_day = 3240 * s.cold_probability + s.environments;
    CHECK(convention(b, "cold_starts") == doctest::Approx(per_day * month_factor).epsilon(0.01));
}

TEST_CASE("a profile's bill is billed as its curve: simulated components evaluate the same model") {
    const Workload w = with_series(3600, {1.8e6, 7.2e6, 1.8e6, 1.8e6});
    const CostModel m = CostModel::build(w, Offering{"", LambdaConfig{.memory_mb = 1024}}, Catalog::builtin());
    bool simulated = false;
    for (const Component& c : m.components()) simulated |= c.shape == Component::Shape::simulated;
    CHECK(simulated);
    CHECK(m.total(w.requests_per_month) == doctest::Approx(m.bill().total).epsilon(1e-12));
    // twice the traffic throttles more than twice as much: the limit binds in every interval but
    // none at half the traffic
    CHECK(m.bill(2 * w.requests_per_month).convention("throttled_requests")->value >
          2 * m.bill().convention("throttled_requests")->value);
    CHECK(m.bill(0.5 * w.requests_per_month).convention("throttled_requests")->value == 0);
}

TEST_CASE("without a traffic profile the new fields change nothing") {
    const Workload w{.requests_per_month = 5e7, .duration_ms = 120, .cold_start_percent = 1, .init_duration_ms = 300};
    const Bill a = lambda_bill(w, LambdaConfig{.memory_mb = 512});
    const Bill b =
        lambda_bill(w, LambdaConfig{.memory_mb = 512, .concurrency_limit = 10, .keep_alive_s = 5, .recycle_s = 600});
    CHECK(a.total == b.total);
    CHECK(b.convention("throttled_requests") == nullptr);
    CHECK(b.series.empty());
}

TEST_CASE("bad concurrency inputs name the field") {
    auto field = [](LambdaConfig c) { return test::invalid_field(Offering{"", std::move(c)}, "offering."); };
    CHECK(field(LambdaConfig{.concurrency_limit = 0}) == "offering.concurrency_limit");
    CHECK(field(LambdaConfig{.concurrency_limit = 1000001}) == "offering.concurrency_limit");
    CHECK(field(LambdaConfig{.reserved_concurrency = 901}) == "offering.reserved_concurrency");
    CHECK(field(LambdaConfig{.reserved_concurrency = 900}) == "(valid)");
    CHECK(field(LambdaConfig{.reserved_concurrency = -1}) == "offering.reserved_concurrency");
    CHECK(field(LambdaConfig{.keep_alive_s = 0}) == "offering.keep_alive_s");
    CHECK(field(LambdaConfig{.recycle_s = 10}) == "offering.recycle_s");
    CHECK(field(LambdaConfig{.provisioned_schedule = std::vector<double>(167, 1)}) == "offering.provisioned_schedule");
    std::vector<double> schedule(168, 1);
    schedule[5] = 100001;
    CHECK(field(LambdaConfig{.provisioned_schedule = schedule}) == "offering.provisioned_schedule[5]");
    schedule[5] = 1;
    CHECK(field(LambdaConfig{.provisioned_concurrency = 3, .provisioned_schedule = schedule}) ==
          "offering.provisioned_concurrency");
    // a schedule prices a traffic profile: without one it is refused
    try {
        (void)CostModel::build(Workload{.requests_per_month = 1e6},
                               Offering{"", LambdaConfig{.provisioned_schedule = schedule}}, Catalog::builtin(),
                               "offering.");
        FAIL("expected InvalidInput");
    } catch (const InvalidInput& e) {
        CHECK(e.field() == "offering.provisioned_schedule");
    }
}

TEST_CASE("one model run per traffic level: only the first of the shared curves counts its work") {
    // 4 intervals, one measured lap (the warm-up lap is short): 4 interval evaluations for the
    // whole bill, not 4 per component
    const Workload w = with_series(3600, {1.8e6, 7.2e6, 1.8e6, 1.8e6});
    const CostModel m = CostModel::build(
        w, Offering{"", LambdaConfig{.memory_mb = 1024, .ephemeral_storage_mb = 1024, .provisioned_concurrency = 10}},
        Catalog::builtin());
    std::size_t work = 0, curves = 0;
    for (const Component& c : m.components())
        if (c.curve) {
            work += c.curve->intervals();
            ++curves;
        }
    CHECK(curves == 4);  // requests, on-demand duration, duration on PC, storage
    CHECK(work == 4 + 3);
}
