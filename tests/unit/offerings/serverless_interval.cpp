// Per-use kinds beside Lambda under a traffic profile: Flex Consumption's always-ready split per
// interval, and cold starts derived from the profile for Cloud Run (functions, services) and Azure
// Functions (Consumption, Flex). Prices: Flex eastus on demand $0.000026 / GB-s and $0.40 / 1M
// executions, always ready $0.000004 / GB-s baseline, $0.000016 / GB-s executing, $0.40 / 1M
// (lib/data/catalog/azure-functions-flex.json); Cloud Run us-central1 $0.000024 / vCPU-s,
// $0.0000025 / GiB-s, $0.40 / 1M requests. Free tiers off unless said.
// Design/pricing-model.md#cold-starts-and-always-ready-under-a-profile.
#include <costsim/costsim.hpp>
#include <doctest/doctest.h>

#include "../support.hpp"

#include <cmath>
#include <vector>

using namespace costsim;

namespace {

Workload hourly(std::vector<double> requests, double duration_ms) {
    Workload w{.duration_ms = duration_ms};
    return w.with_traffic(TrafficProfile{.interval_s = 3600, .requests = std::move(requests)});
}

double convention(const Bill& b, std::string_view name) {
    const Convention* c = b.convention(name);
    REQUIRE_MESSAGE(c != nullptr, name);
    return c->value;
}

Bill bill_of(const Workload& w, OfferingConfig c) { return price(w, Offering{"", std::move(c)}, Catalog::builtin()); }

}  // namespace

TEST_CASE("Flex, one always-ready instance, 4 hours: the instance takes 16 in flight, the excess runs on demand") {
    // 2,048 MB (M = 2 GB), 1 s per execution (active period p = 1 s), instance_concurrency 16 (the
    // 2,048 MB default): the always-ready instance carries 16 in flight = 16 x 3,600 = 57,600
    // executions an hour. Hours: 0, 3,600 (C = 1), 115,200 (C = 32), 360 (C = 0.1).
    // - hour 2: 3,600 on always ready, GB-s 2 x min(3,600 x 1 s, 3,600 s) = 7,200
    // - hour 3: share 16 / 32 = 1/2: 57,600 always ready, GB-s 2 x min(57,600, 3,600) = 7,200;
    //   57,600 on demand, GB-s 2 x max(min(57,600 x 1, 3,600), 57,600 x 1 / 16 = 3,600) = 7,200
    // - hour 4: 360 always ready, GB-s 2 x min(360, 3,600) = 720
    // Period 14,400 s, month factor 2,628,000 / 14,400 = 182.5:
    // baseline 1 x 2 x 2,628,000 = 5,256,000 GB-s x $0.000004 = $21.024
    // always-ready GB-s 15,120 x 182.5 = 2,759,400 x $0.000016 = $44.1504
    // always-ready executions 61,560 x 182.5 = 11,234,700 x $0.0000004 = $4.49388
    // on-demand GB-s 7,200 x 182.5 = 1,314,000 x $0.000026 = $34.164
    // on-demand executions 57,600 x 182.5 = 10,512,000 x $0.0000004 = $4.2048
    // total $108.03708 (the month's mean without the profile: all 21,746,700 on the always-ready
    // instance, busy all month: $21.024 + $84.096 + $8.69868 = $113.81868).
    const Workload w = hourly({0, 3600, 115200, 360}, 1000);
    AzureFunctionsFlexConfig c{.instance_memory_mb = 2048, .always_ready_instances = 1, .free_tier = false};
    const Bill b = bill_of(w, c);
    CHECK(test::quantity_of(b, "Always-ready execution time") == doctest::Approx(2759400).epsilon(1e-12));
    CHECK(test::quantity_of(b, "Always-ready executions") == doctest::Approx(11234700).epsilon(1e-12));
    CHECK(test::quantity_of(b, "On-demand execution time") == doctest::Approx(1314000).epsilon(1e-12));
    CHECK(test::quantity_of(b, "On-demand executions") == doctest::Approx(10512000).epsilon(1e-12));
    CHECK(test::cost_of(b, "Always-ready baseline") == doctest::Approx(21.024).epsilon(1e-12));
    CHECK(b.total == doctest::Approx(108.03708).epsilon(1e-10));
    CHECK(convention(b, "always_ready_requests_per_month") == doctest::Approx(11234700).epsilon(1e-12));
    test::check_invariants(b);
    // cold starts only on demand (hour 3), and never more than its executions
    CHECK(convention(b, "cold_starts") > 0);
    CHECK(convention(b, "cold_starts") <= 10512000);

    SUBCASE("with the grant: 100,000 GB-s and 250,000 executions off the on-demand lines") {
        // (1,314,000 - 100,000) x $0.000026 = $31.564; (10,512,000 - 250,000) x $0.0000004 =
        // $4.1048; total $21.024 + $44.1504 + $4.49388 + $31.564 + $4.1048 = $105.33708
        c.free_tier = true;
        CHECK(bill_of(w, c).total == doctest::Approx(105.33708).epsilon(1e-10));
    }
    SUBCASE("two always-ready instances carry hour 3 too: nothing on demand, so no cold start") {
        // capacity 2 x 16 = 32 in flight = hour 3's concurrency; always-ready GB-s per period
        // 2 x (3,600 + min(115,200, 2 x 3,600) + 360) = 22,320 x 182.5 = 4,073,400
        c.always_ready_instances = 2;
        const Bill two = bill_of(w, c);
        CHECK(test::quantity_of(two, "On-demand executions") == doctest::Approx(0).epsilon(1e-12));
        CHECK(test::quantity_of(two, "Always-ready execution time") == doctest::Approx(4073400).epsilon(1e-12));
        CHECK(convention(two, "cold_starts") == 0);
    }
}

TEST_CASE("Flex under a flat profile bills what it bills without one") {
    // Per interval the rules are the month's with the interval in place of the month, so n equal
    // intervals sum to the month's figures.
    for (double per_hour : {10.0, 3600.0, 100000.0, 400000.0}) {
        for (int always_ready : {0, 1, 3}) {
            CAPTURE(per_hour);
            CAPTURE(always_ready);
            const Workload w = hourly({per_hour, per_hour, per_hour}, 250);
            Workload flat{.requests_per_month = w.requests_per_month, .duration_ms = 250};
            const AzureFunctionsFlexConfig c{.always_ready_instances = always_ready};
            CHECK(bill_of(w, c).total == doctest::Approx(bill_of(flat, c).total).epsilon(1e-12));
        }
    }
}

TEST_CASE("Cloud Run functions: cold starts by the gap rule, their start-up billed") {
    // Flat 6 requests an hour (rate 1/600 per s), 1 s each, concurrency 1, 1 vCPU, 512 MiB,
    // keep-alive 900 s (Cloud Run's 15 minutes). rate x (900 + 1) = 1.50166667 < 3: the gap rule,
    // P(cold) = e^-1.50166667 = 0.22275859 plus the overlap (1 - e^-1.50166667)(1 - e^-(1/600))
    // = 0.00129432: 0.22405291 x 4,380 requests a month = 981.35174 cold starts.
    // init 1,950 ms -> 2,000 ms billed per start: 1,962.70349 instance-seconds.
    // CPU: 4,380 x 1 s (one request alone on its instance) + 1,962.70349 = 6,342.70349 vCPU-s x
    // $0.000024 = $0.15222488; memory x 0.5 = 3,171.35174 GiB-s x $0.0000025 = $0.00792838;
    // requests 4,380 x $0.0000004 = $0.001752; total $0.16190526.
    Workload w = hourly({6, 6, 6, 6}, 1000);
    w.init_duration_ms = 1950;
    const CloudRunConfig c{.memory_mb = 512, .vcpu = 1.0, .concurrency = 1, .free_tier = false};
    const Bill b = bill_of(w, c);
    CHECK(convention(b, "cold_starts") == doctest::Approx(981.35174).epsilon(1e-7));
    CHECK(convention(b, "cold_start_share") == doctest::Approx(0.22405291).epsilon(1e-7));
    CHECK(convention(b, "keep_alive_s") == 900);
    CHECK(convention(b, "billed_startup_ms") == 2000);
    CHECK(convention(b, "startup_instance_seconds") == doctest::Approx(1962.70349).epsilon(1e-7));
    CHECK(test::quantity_of(b, "CPU") == doctest::Approx(6342.70349).epsilon(1e-8));
    CHECK(b.total == doctest::Approx(0.16190526).epsilon(1e-7));
    test::check_invariants(b);

    SUBCASE("cold_start_percent overrides the derived share") {
        // 10 % of 4,380 = 438 cold starts x 2 s = 876 s: CPU 4,380 + 876 = 5,256 vCPU-s
        w.cold_start_percent = 10;
        const Bill o = bill_of(w, c);
        CHECK(convention(o, "cold_starts") == doctest::Approx(438).epsilon(1e-12));
        CHECK(test::quantity_of(o, "CPU") == doctest::Approx(5256).epsilon(1e-12));
    }
    SUBCASE("no init time: the cold starts are counted, the bill is the one before") {
        w.init_duration_ms = 0;
        const Bill z = bill_of(w, c);
        CHECK(convention(z, "cold_starts") == doctest::Approx(981.35174).epsilon(1e-7));
        CHECK(test::quantity_of(z, "CPU") == doctest::Approx(4380).epsilon(1e-12));
        CHECK(z.convention("startup_instance_seconds") == nullptr);
    }
}

TEST_CASE("keep_alive_s is a field: a shorter keep-alive, more cold starts; out of range names the field") {
    // Cloud Run, the figures above with keep_alive_s 300: rate x (300 + 1) = 0.50166667, P(cold) =
    // e^-0.50166667 = 0.60552062 + (1 - e^-0.50166667)(1 - e^-(1/600)) = 0.00065692 = 0.60617754
    // x 4,380 = 2,655.05760 cold starts
    const Workload w = hourly({6, 6, 6, 6}, 1000);
    const Bill b = bill_of(w, CloudRunConfig{.concurrency = 1, .free_tier = false, .keep_alive_s = 300});
    CHECK(convention(b, "cold_starts") == doctest::Approx(2655.0576).epsilon(1e-7));
    CHECK(b.convention("keep_alive_source")->text == "offering.keep_alive_s (given)");
    CHECK(test::invalid_field(Offering{"", CloudRunConfig{.keep_alive_s = 0}}) == "keep_alive_s");
    CHECK(test::invalid_field(Offering{"", AzureFunctionsConfig{.keep_alive_s = 86401}}) == "keep_alive_s");
    CHECK(test::invalid_field(Offering{"", AzureFunctionsFlexConfig{.keep_alive_s = -1}}) == "keep_alive_s");
}

TEST_CASE("Azure Functions Consumption: cold starts counted with a 20-minute keep-alive, not billed") {
    // Flat 6 an hour (1/600 per s), 500 ms, 100 executions an instance at once: the model's time
    // per request 0.5 / 100 = 0.005 s; rate x (1,200 + 0.005) = 2.00000833 < 3: P(cold) =
    // e^-2.00000833 = 0.13533416 + (1 - e^-2.00000833)(1 - e^-(0.005/600)) = 0.00000721:
    // 0.13534136 x 4,380 = 592.79516 cold starts. The bill stays per execution.
    const Workload w = hourly({6, 6, 6, 6}, 500);
    const Bill b = bill_of(w, AzureFunctionsConfig{});
    CHECK(convention(b, "cold_starts") == doctest::Approx(592.79516).epsilon(1e-7));
    CHECK(convention(b, "keep_alive_s") == 1200);
    CHECK(convention(b, "cold_start_instance_concurrency") == 100);
    Workload flat{.requests_per_month = w.requests_per_month, .duration_ms = 500};
    CHECK(b.total == doctest::Approx(bill_of(flat, AzureFunctionsConfig{}).total).epsilon(1e-12));

    SUBCASE("cold_start_percent overrides: 5 % of 4,380 = 219") {
        Workload o = w;
        o.cold_start_percent = 5;
        CHECK(convention(bill_of(o, AzureFunctionsConfig{}), "cold_starts") == doctest::Approx(219).epsilon(1e-12));
    }
}

TEST_CASE("Cloud Run services: cold starts counted, min_instances kept warm") {
    // concurrency 1 and the functions' figures above (1 s, 6 an hour, keep-alive 900 s): 981.35174
    // cold starts; one min instance is always warm and carries the 1/600 in flight: none.
    const Workload w = hourly({6, 6, 6, 6}, 1000);
    CloudRunServiceConfig c{.concurrency = 1, .free_tier = false};
    const Bill b = bill_of(w, c);
    CHECK(convention(b, "cold_starts") == doctest::Approx(981.35174).epsilon(1e-7));
    c.min_instances = 1;
    CHECK(convention(bill_of(w, c), "cold_starts") == 0);
}

TEST_CASE("no profile: no derived cold starts on these kinds") {
    const Workload w{.requests_per_month = 1e6, .duration_ms = 200};
    CHECK(bill_of(w, CloudRunConfig{}).convention("cold_starts") == nullptr);
    CHECK(bill_of(w, AzureFunctionsConfig{}).convention("cold_starts") == nullptr);
    CHECK(bill_of(w, AzureFunctionsFlexConfig{}).convention("cold_starts") == nullptr);
}

TEST_CASE("cold starts fall as the keep-alive grows and as always-ready instances are added") {
    // a business-hours week of hourly counts: busy days, quiet nights and weekends
    std::vector<double> week(168, 20.0);
    for (int day = 0; day < 5; ++day)
        for (int hour = 9; hour < 17; ++hour) week[std::size_t(day * 24 + hour)] = 600000.0;
    const Workload w = hourly(week, 300);
    double previous = kUnbounded;
    for (double keep_alive : {60.0, 300.0, 1200.0, 3600.0}) {
        CAPTURE(keep_alive);
        const double cold = convention(bill_of(w, AzureFunctionsFlexConfig{.keep_alive_s = keep_alive}), "cold_starts");
        CHECK(cold <= previous);
        previous = cold;
    }
    previous = kUnbounded;
    for (int always_ready : {0, 1, 2, 4}) {
        CAPTURE(always_ready);
        const double cold =
            convention(bill_of(w, AzureFunctionsFlexConfig{.always_ready_instances = always_ready}), "cold_starts");
        CHECK(cold <= previous);
        previous = cold;
    }
    CHECK(previous == 0);  // 4 x 16 = 64 in flight cover the busy hours' 600,000 / 3,600 x 0.3 = 50
}

TEST_CASE("a busy hour leaving a short keep-alive window: the gap rule gives a number (was 0 x inf = NaN)") {
    // 600,000 requests in hour 1, 20 in hour 2, keep-alive 60 s: at the start of hour 2 the window
    // holds ~10,000 requests (e^-10,000 = 0) and loses them at 166.7 a second (e^(166.7 x 60) =
    // inf). Hour 2 is on the gap rule (20 / 3,600 x 60 = 0.33 < 3): after its first minute the
    // window holds hour 2's rate alone, so about 20 x e^-0.33 = 14.3 of its 20 requests are cold.
    const Workload w = hourly({600000, 20}, 300);
    const Bill lambda = bill_of(w, LambdaConfig{.keep_alive_s = 60});
    const double cold = convention(lambda, "cold_starts");
    CHECK(std::isfinite(cold));
    CHECK(std::isfinite(lambda.total));
    CHECK(cold > 0);
    CHECK(cold <= w.requests_per_month);
    CHECK(std::isfinite(convention(bill_of(w, AzureFunctionsFlexConfig{.keep_alive_s = 60}), "cold_starts")));
}
