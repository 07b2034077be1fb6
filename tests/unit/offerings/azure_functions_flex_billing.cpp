// Azure Functions Flex Consumption (eastus): on demand $0.000026 per GB-s and $0.40 per 1M
// executions after a monthly grant of 100,000 GB-s and 250,000 executions; always ready $0.000004
// per GB-s baseline (all month), $0.000016 per GB-s while executing, $0.40 per 1M executions, no
// grant. An instance bills its whole memory (2,048 MB = 2 GB) while busy; a month is 2,628,000 s.
// Billed instance time = max(min(R x period, one instance-month), R x duration / concurrency),
// period = max(1,000 ms, duration rounded up to 100 ms); always-ready instances take executions
// first, up to instances x 2,628,000 x concurrency / duration.
#include <costsim/compare.hpp>
#include <costsim/costsim.hpp>
#include <costsim/detail/cost_model_data.hpp>
#include <doctest/doctest.h>

#include "../support.hpp"

using namespace costsim;

namespace {
Bill run(Workload w, AzureFunctionsFlexConfig c) { return price(w, Offering{"", std::move(c)}, Catalog::builtin()); }

constexpr const char* kFirst = "On-demand execution time, first instance";
constexpr const char* kFurther = "On-demand execution time, further instances";
}  // namespace

TEST_CASE("Flex: 3M x 1 s, 2,048 MB, concurrency 1, free grant on") {
    // busy instance-seconds = 3,000,000 x 1 s / 1 = 3,000,000 -> GB-s = 3,000,000 x 2 = 6,000,000:
    // the first instance 2,628,000 s x 2 = 5,256,000 GB-s, further instances 744,000 GB-s.
    // (6,000,000 - 100,000) x 0.000026 = $153.40; (3,000,000 - 250,000) x 0.0000004 = $1.10 -> $154.50
    Bill b = run({.requests_per_month = 3e6, .duration_ms = 1000}, {.instance_concurrency = 1});
    CHECK(b.total == doctest::Approx(154.50).epsilon(1e-12));
    CHECK(test::quantity_of(b, "On-demand execution time, first instance, free tier") == 100000.0);
    CHECK(test::quantity_of(b, kFirst) == doctest::Approx(5256000.0 - 100000.0).epsilon(1e-12));
    CHECK(test::quantity_of(b, kFurther) == doctest::Approx(744000.0).epsilon(1e-12));
    CHECK(test::cost_of(b, "On-demand execution time") == doctest::Approx(5900000 * 0.000026).epsilon(1e-12));
    CHECK(test::quantity_of(b, "On-demand executions") == doctest::Approx(2750000.0).epsilon(1e-12));
    CHECK(test::cost_of(b, "On-demand executions") == doctest::Approx(1.10).epsilon(1e-12));
    CHECK(test::find_line(b, "Always-ready baseline") == nullptr);
    CHECK(b.convention("active_period_ms")->value == 1000.0);
    CHECK(b.convention("instance_concurrency")->value == 1.0);
    test::check_invariants(b);
}

TEST_CASE("Flex: Microsoft's 40 requests/s example, a month, no free grant") {
    // functions-consumption-costs.md: 40 req/s, 10 in flight (250 ms), 2 GB, $0.000026 per GB-s.
    // IO-bound, concurrency 10: one instance busy all month, 2 GB x 2,628,000 s = 5,256,000 GB-s
    // x 0.000026 = $136.656 (= $0.1872 an hour x 730); executions 40 x 2,628,000 = 105,120,000
    // x 0.0000004 = $42.048 (= $0.0576 x 730) -> $178.704
    const Workload w{.requests_per_month = 40 * 2628000.0, .duration_ms = 250};
    Bill io = run(w, {.instance_concurrency = 10, .free_tier = false});
    CHECK(test::cost_of(io, "On-demand execution time") == doctest::Approx(136.656).epsilon(1e-9));
    CHECK(io.total == doctest::Approx(178.704).epsilon(1e-9));
    // CPU-bound, concurrency 1: 105,120,000 x 0.25 s = 26,280,000 instance-s (10 instances) x 2 GB
    // = 52,560,000 GB-s x 0.000026 = $1,366.56 (= $1.872 an hour x 730); + $42.048 -> $1,408.608
    Bill cpu = run(w, {.instance_concurrency = 1, .free_tier = false});
    CHECK(test::quantity_of(cpu, kFirst) == doctest::Approx(5256000.0).epsilon(1e-12));
    CHECK(test::quantity_of(cpu, kFurther) == doctest::Approx(52560000.0 - 5256000.0).epsilon(1e-12));
    CHECK(cpu.total == doctest::Approx(1408.608).epsilon(1e-12));
    test::check_invariants(cpu);
}

TEST_CASE("Flex: concurrency 16 (the 2,048 MB default) shares busy instances") {
    // 500,000,000 x 100 ms / 16 = 3,125,000 instance-s x 2 GB = 6,250,000 GB-s: first instance
    // 5,256,000, further 994,000. (6,250,000 - 100,000) x 0.000026 = $159.90;
    // (500,000,000 - 250,000) x 0.0000004 = $199.90 -> $359.80
    Bill b = run({.requests_per_month = 5e8, .duration_ms = 100}, {});
    CHECK(b.convention("instance_concurrency")->value == 16.0);
    CHECK(b.convention("concurrency_rule") != nullptr);
    CHECK(test::quantity_of(b, kFurther) == doctest::Approx(994000.0).epsilon(1e-9));
    CHECK(b.total == doctest::Approx(359.80).epsilon(1e-12));
    // the same at concurrency 1: 500,000,000 x 0.1 s x 2 GB = 100,000,000 GB-s;
    // (100,000,000 - 100,000) x 0.000026 = $2,597.40; + $199.90 -> $2,797.30
    CHECK(run({.requests_per_month = 5e8, .duration_ms = 100}, {.instance_concurrency = 1}).total ==
          doctest::Approx(2797.30).epsilon(1e-12));
}

TEST_CASE("Flex: sparse traffic bills a 1,000 ms period per execution, up to one instance all month") {
    // 1,000,000 x 200 ms: each execution a period of 1,000 ms: 1,000,000 s x 2 GB = 2,000,000 GB-s
    // (below 5,256,000); (2,000,000 - 100,000) x 0.000026 = $49.40; 750,000 x 0.0000004 = $0.30 -> $49.70
    Bill sparse = run({.requests_per_month = 1e6, .duration_ms = 200}, {});
    CHECK(test::quantity_with_prefix(sparse, kFirst) == doctest::Approx(2000000.0).epsilon(1e-12));
    CHECK(test::quantity_of(sparse, kFurther) == 0.0);
    CHECK(sparse.total == doctest::Approx(49.70).epsilon(1e-12));
    // 10,000,000 x 100 ms: 10,000,000 s of periods > one month, packed 10,000,000 x 0.1 / 16
    // = 62,500 s < one month: one instance all month, 5,256,000 GB-s;
    // (5,256,000 - 100,000) x 0.000026 = $134.056; 9,750,000 x 0.0000004 = $3.90 -> $137.956
    Bill plateau = run({.requests_per_month = 1e7, .duration_ms = 100}, {});
    CHECK(test::quantity_with_prefix(plateau, "On-demand execution time") == doctest::Approx(5256000.0).epsilon(1e-12));
    CHECK(plateau.total == doctest::Approx(137.956).epsilon(1e-12));
    // past 1,000 ms the period rounds up to 100 ms: 1,050 ms bills 1,100 ms. 100,000 x 1.1 s x 2 GB
    // = 220,000 GB-s, free tier off: x 0.000026 = $5.72; 100,000 x 0.0000004 = $0.04 -> $5.76
    Bill rounded = run({.requests_per_month = 1e5, .duration_ms = 1050}, {.free_tier = false});
    CHECK(rounded.convention("active_period_ms")->value == doctest::Approx(1100.0).epsilon(1e-12));
    CHECK(rounded.total == doctest::Approx(5.76).epsilon(1e-12));
}

TEST_CASE("Flex: instance memory 512 and 4,096 MB, with their default concurrency") {
    // 512 MB = 0.5 GB, default concurrency 4. 1,000,000 x 300 ms, free tier off: periods
    // 1,000,000 x 1 s x 0.5 GB = 500,000 GB-s x 0.000026 = $13.00; + $0.40 -> $13.40
    Bill small = run({.requests_per_month = 1e6, .duration_ms = 300}, {.instance_memory_mb = 512, .free_tier = false});
    CHECK(small.convention("instance_concurrency")->value == 4.0);
    CHECK(small.total == doctest::Approx(13.40).epsilon(1e-12));
    // 4,096 MB = 4 GB, default 32. 2,000,000,000 x 200 ms / 32 = 12,500,000 instance-s x 4 GB
    // = 50,000,000 GB-s x 0.000026 = $1,300; 2,000,000,000 x 0.0000004 = $800 -> $2,100
    Bill large = run({.requests_per_month = 2e9, .duration_ms = 200}, {.instance_memory_mb = 4096, .free_tier = false});
    CHECK(large.convention("instance_concurrency")->value == 32.0);
    CHECK(large.total == doctest::Approx(2100.0).epsilon(1e-12));
}

TEST_CASE("Flex: one always-ready instance takes executions first") {
    // 1,000,000 x 100 ms, 2 GB, concurrency 16: the always-ready instance carries up to
    // 2,628,000 x 16 / 0.1 = 420,480,000 executions, so all of them.
    // baseline 2 GB x 2,628,000 s = 5,256,000 GB-s x 0.000004 = $21.024
    // execution time 1,000,000 x 1 s (periods) x 2 GB = 2,000,000 GB-s x 0.000016 = $32.00
    // executions 1,000,000 x 0.0000004 = $0.40; on demand nothing -> $53.424 (no grant applies)
    Bill b = run({.requests_per_month = 1e6, .duration_ms = 100}, {.always_ready_instances = 1});
    CHECK(test::cost_of(b, "Always-ready baseline") == doctest::Approx(21.024).epsilon(1e-12));
    CHECK(test::quantity_of(b, "Always-ready execution time") == doctest::Approx(2000000.0).epsilon(1e-12));
    CHECK(test::cost_of(b, "Always-ready executions") == doctest::Approx(0.40).epsilon(1e-12));
    CHECK(test::cost_of(b, "On-demand") == 0.0);
    CHECK(b.total == doctest::Approx(53.424).epsilon(1e-12));
    CHECK(b.convention("always_ready_capacity_requests_per_month")->value ==
          doctest::Approx(420480000.0).epsilon(1e-12));
    // no traffic: the baseline alone
    CHECK(run({.requests_per_month = 0, .duration_ms = 100}, {.always_ready_instances = 1}).total ==
          doctest::Approx(21.024).epsilon(1e-12));
    test::check_invariants(b);
}

TEST_CASE("Flex: traffic beyond the always-ready capacity spills to on demand") {
    // 3,000,000 x 1 s, concurrency 1, one always-ready instance: it carries 2,628,000 x 1 / 1 s
    // = 2,628,000 executions and is busy all month.
    // baseline 5,256,000 x 0.000004 = $21.024; execution time 5,256,000 x 0.000016 = $84.096;
    // executions 2,628,000 x 0.0000004 = $1.0512.
    // On demand 372,000 executions: periods 372,000 s x 2 GB = 744,000 GB-s (below one month);
    // (744,000 - 100,000) x 0.000026 = $16.744; (372,000 - 250,000) x 0.0000004 = $0.0488.
    // Total 21.024 + 84.096 + 1.0512 + 16.744 + 0.0488 = $122.964
    Bill b =
        run({.requests_per_month = 3e6, .duration_ms = 1000}, {.instance_concurrency = 1, .always_ready_instances = 1});
    CHECK(test::quantity_of(b, "Always-ready executions") == doctest::Approx(2628000.0).epsilon(1e-12));
    CHECK(test::cost_of(b, "Always-ready execution time") == doctest::Approx(84.096).epsilon(1e-12));
    CHECK(test::quantity_with_prefix(b, kFirst) == doctest::Approx(744000.0).epsilon(1e-9));
    CHECK(test::quantity_of(b, kFurther) == 0.0);
    CHECK(test::quantity_with_prefix(b, "On-demand executions") == doctest::Approx(372000.0).epsilon(1e-9));
    CHECK(b.total == doctest::Approx(122.964).epsilon(1e-12));
    CHECK(b.convention("always_ready_requests_per_month")->value == doctest::Approx(2628000.0).epsilon(1e-12));
    test::check_invariants(b);
}

TEST_CASE("Flex: Tokyo (japaneast) is priced, flagged unverified") {
    // japaneast carries eastus's figures as unverified placeholders: the first worked example
    // gives the same $154.50, and the bill says which prices are unverified.
    Bill b = run({.requests_per_month = 3e6, .duration_ms = 1000}, {.region = "japaneast", .instance_concurrency = 1});
    CHECK(b.region == "japaneast");
    CHECK(b.total == doctest::Approx(154.50).epsilon(1e-12));
    CHECK(test::find_line(b, kFurther)->price_id == "azure.functions_flex.japaneast.on_demand_gb_seconds");
    CHECK(test::find_line(b, kFurther)->confidence == Confidence::unverified);
    std::string unverified;
    for (const Flag& f : b.flags)
        if (f.code == "unverified_price") unverified = f.message;
    CHECK(unverified.find("azure.functions_flex.japaneast.on_demand_gb_seconds") != std::string::npos);
    // always ready in Tokyo: 2 instances, no traffic, 2 x 5,256,000 x 0.000004 = $42.048
    CHECK(run({}, {.region = "japaneast", .always_ready_instances = 2}).total ==
          doctest::Approx(42.048).epsilon(1e-12));
}

TEST_CASE("Flex: data transfer out at Azure rates") {
    // 1,000,000 x 1 MiB = 976.5625 GB; 100 GB free; 876.5625 x $0.087 (first tier) = $76.2609375
    Bill b = run({.requests_per_month = 1e6, .duration_ms = 100, .response_kb = 1024}, {});
    CHECK(test::cost_of(b, "Data transfer out") == doctest::Approx(76.2609375).epsilon(1e-12));
    test::check_invariants(b);
}

TEST_CASE("Flex: break-even against a fixed price is exact on each piece") {
    // free tier off, 100 ms, concurrency 16: below 2,628,000 executions (one period-second each)
    // a request costs 2 GB x 1 s x 0.000026 + 0.0000004 = $0.0000524; then one instance all month
    // ($136.656) + $0.0000004 a request, until 420,480,000.
    const Workload w{.requests_per_month = 1e6, .duration_ms = 100};
    const CostModel flex =
        CostModel::build(w, Offering{"flex", AzureFunctionsFlexConfig{.free_tier = false}}, Catalog::builtin());
    const auto fixed = [](double dollars) {
        Component c;
        c.name = "Instance";
        c.unit = "month";
        c.fixed = 1.0;
        c.bands = {{0.0, kUnbounded, dollars, "Instance", "", ""}};
        return CostModel::from_data({.id = "vm",
                                     .kind = "vm",
                                     .currency = "USD",
                                     .usage_priced = false,
                                     .components = {c},
                                     .conventions = {},
                                     .annotate = {}});
    };
    // $50: 50 / 0.0000524 requests
    auto low = find_break_even(flex, 1.0, fixed(50.0), 1.0, {0.0, 100.0});
    REQUIRE(low.size() == 1);
    CHECK(low[0].requests_per_month == doctest::Approx(50.0 / 0.0000524).epsilon(1e-9));
    CHECK(low[0].cheaper_below == "flex");
    // $150: 136.656 + 0.0000004 R = 150 -> R = 13.344 / 0.0000004 = 33,360,000
    auto high = find_break_even(flex, 1.0, fixed(150.0), 1.0, {0.0, 100.0});
    REQUIRE(high.size() == 1);
    CHECK(high[0].requests_per_month == doctest::Approx(33360000.0).epsilon(1e-9));
    CHECK(flex.total(33360000.0) == doctest::Approx(150.0).epsilon(1e-12));
}
