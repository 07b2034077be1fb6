// AWS Fargate (Linux), billing rules as worked examples computed by hand from the catalog's prices
// (lib/data/catalog/aws-fargate.json): per vCPU-hour and per GB-hour, us-east-1 x86_64 $0.04048 and
// $0.004445, arm64 $0.03238 and $0.00356; ap-northeast-1 x86_64 $0.05056 and $0.00553, arm64
// $0.04045 and $0.00442; ephemeral storage above 20 GB $0.000111 (Tokyo $0.000133, unverified) per
// GB-hour; Fargate Spot a flat 65 % off vCPU and memory (unverified). Public IPv4 $0.005 per
// address-hour (aws-ec2.json); ALB us-east-1 $0.0225 per hour and $0.008 per LCU-hour. Billed per
// second with a one-minute minimum per task; a month is 730 h.
#include <costsim/compare.hpp>
#include <costsim/costsim.hpp>
#include <costsim/csv.hpp>
#include <costsim/curves.hpp>
#include <doctest/doctest.h>

#include "../support.hpp"

using namespace costsim;

namespace {
CostModel model(FargateConfig c, Workload w = {}) {
    return CostModel::build(w, Offering{"", std::move(c)}, Catalog::builtin());
}
Bill run(FargateConfig c, Workload w = {}) { return model(std::move(c), w).bill(); }
const Flag* flag_of(const Bill& b, std::string_view code) {
    for (const Flag& f : b.flags)
        if (f.code == code) return &f;
    return nullptr;
}
const char* kVcpuX86 = "Task vCPU (x86_64, on-demand)";
const char* kMemoryX86 = "Task memory (x86_64, on-demand)";
const char* kStorage = "Ephemeral storage above 20 GB";
const char* kTaskIpv4 = "Public IPv4 addresses (one per task)";
}  // namespace

TEST_CASE("Fargate: 2 tasks of 0.25 vCPU and 0.5 GB all month, no IPv4, no LB: $18.02 (the issue's check)") {
    // 2 x (0.25 x 0.04048 + 0.5 x 0.004445) x 730 = 2 x (0.01012 + 0.0022225) x 730 = 2 x 0.0123425 x 730 = 18.02005
    // vCPU-hours 2 x 0.25 x 730 = 365 x 0.04048 = 14.7752; GB-hours 2 x 0.5 x 730 = 730 x 0.004445 = 3.24485
    Bill b = run({.vcpu = 0.25, .memory_gb = 0.5, .count = 2, .public_ipv4 = false});
    CHECK(b.total == doctest::Approx(2 * (0.25 * 0.04048 + 0.5 * 0.004445) * 730).epsilon(1e-12));
    CHECK(b.total == doctest::Approx(18.02005).epsilon(1e-12));
    CHECK(test::quantity_of(b, kVcpuX86) == doctest::Approx(365.0).epsilon(1e-12));
    CHECK(test::cost_of(b, kVcpuX86) == doctest::Approx(14.7752).epsilon(1e-12));
    CHECK(test::quantity_of(b, kMemoryX86) == doctest::Approx(730.0).epsilon(1e-12));
    CHECK(test::cost_of(b, kMemoryX86) == doctest::Approx(3.24485).epsilon(1e-12));
    CHECK(test::find_line(b, kVcpuX86)->price_id == "aws.fargate.us-east-1.x86_64.vcpu_hours");
    CHECK(test::find_line(b, kMemoryX86)->price_id == "aws.fargate.us-east-1.x86_64.gb_hours");
    CHECK(b.line_items.size() == 2);  // no storage, address, load balancer or data out
    CHECK(b.kind == "fargate");
    CHECK(b.convention("instances")->value == 2.0);
    CHECK(b.convention("billed_seconds_per_task")->value == 2628000.0);
    CHECK(b.convention("task_vcpu")->value == 0.25);
    CHECK(b.convention("task_memory_gb")->value == 0.5);
    CHECK(b.convention("billing_granularity") != nullptr);
    CHECK(b.flags.empty());  // verified prices, two tasks
    test::check_invariants(b);
}

TEST_CASE("Fargate: arm64 in us-east-1 and both architectures in Tokyo") {
    // arm64: 2 x (0.25 x 0.03238 + 0.5 x 0.00356) x 730 = 2 x (0.008095 + 0.00178) x 730 = 2 x 0.009875 x 730 = 14.4175
    Bill arm = run({.arch = Architecture::arm64, .count = 2, .public_ipv4 = false});
    CHECK(arm.total == doctest::Approx(14.4175).epsilon(1e-12));
    CHECK(test::find_line(arm, "Task vCPU (arm64, on-demand)")->price_id == "aws.fargate.us-east-1.arm64.vcpu_hours");
    // Tokyo x86_64: 2 x (0.25 x 0.05056 + 0.5 x 0.00553) x 730 = 2 x (0.01264 + 0.002765) x 730 = 2 x 0.015405 x 730 = 22.4913
    Bill tokyo = run({.region = "ap-northeast-1", .count = 2, .public_ipv4 = false});
    CHECK(tokyo.total == doctest::Approx(22.4913).epsilon(1e-12));
    CHECK(tokyo.region == "ap-northeast-1");
    CHECK(test::find_line(tokyo, kMemoryX86)->price_id == "aws.fargate.ap-northeast-1.x86_64.gb_hours");
    // Tokyo arm64, one task of 1 vCPU and 2 GB: (0.04045 + 2 x 0.00442) x 730 = (0.04045 + 0.00884) x 730
    // = 0.04929 x 730 = 35.9817
    Bill tokyo_arm = run({.region = "ap-northeast-1",
                          .arch = Architecture::arm64,
                          .vcpu = 1,
                          .memory_gb = 2,
                          .count = 1,
                          .public_ipv4 = false});
    CHECK(tokyo_arm.total == doctest::Approx(35.9817).epsilon(1e-12));
    CHECK(tokyo_arm.convention("instances")->value == 1.0);
    CHECK(flag_of(tokyo_arm, "single_instance") != nullptr);
}

TEST_CASE("Fargate Spot: 65 % off vCPU and memory, flagged as an approximation") {
    // vCPU 0.04048 x 0.35 = 0.014168; 365 vCPU-h x 0.014168 = 5.17132
    // memory 0.004445 x 0.35 = 0.00155575; 730 GB-h x 0.00155575 = 1.1356975; total 6.3070175 (= 18.02005 x 0.35)
    Bill b = run({.count = 2, .purchase = PurchaseOption::spot, .public_ipv4 = false});
    CHECK(b.total == doctest::Approx(6.3070175).epsilon(1e-12));
    const LineItem* vcpu = test::find_line(b, "Task vCPU (x86_64, spot)");
    REQUIRE(vcpu != nullptr);
    CHECK(vcpu->unit_price == doctest::Approx(0.014168).epsilon(1e-12));
    CHECK(vcpu->cost == doctest::Approx(5.17132).epsilon(1e-12));
    CHECK(vcpu->confidence == Confidence::unverified);  // the discount is
    CHECK(test::cost_of(b, "Task memory (x86_64, spot)") == doctest::Approx(1.1356975).epsilon(1e-12));
    REQUIRE(flag_of(b, "purchase_approximation") != nullptr);
    CHECK(std::string(flag_of(b, "purchase_approximation")->message).find("aws.fargate.global.purchase.spot") !=
          std::string::npos);
    CHECK(flag_of(b, "unverified_price") != nullptr);
    CHECK(b.convention("purchase_option")->text == "spot");
    CHECK(b.convention("vcpu_hour_price_after_discount")->value == doctest::Approx(0.014168).epsilon(1e-12));
    test::check_invariants(b);
    CHECK(flag_of(run({.count = 2, .public_ipv4 = false}), "purchase_approximation") == nullptr);
}

TEST_CASE("Fargate: ephemeral storage above the included 20 GB, per task, not discounted by Spot") {
    // one task, 50 GB: (50 - 20) x 730 = 21,900 GB-h x 0.000111 = 2.4309;
    // task 0.0123425 x 730 = 9.010025; total 11.440925
    Bill b = run({.ephemeral_storage_gb = 50, .count = 1, .public_ipv4 = false});
    CHECK(test::quantity_of(b, kStorage) == doctest::Approx(21900.0).epsilon(1e-12));
    CHECK(test::cost_of(b, kStorage) == doctest::Approx(2.4309).epsilon(1e-12));
    CHECK(test::find_line(b, kStorage)->price_id == "aws.fargate.us-east-1.ephemeral_storage_gb_hours");
    CHECK(b.total == doctest::Approx(11.440925).epsilon(1e-12));
    // 20 GB (the default) is included: no storage line; 21 GB bills 1 x 730 x 0.000111 = 0.08103
    CHECK(test::find_line(run({.count = 1}), kStorage) == nullptr);
    CHECK(test::cost_of(run({.ephemeral_storage_gb = 21, .count = 1}), kStorage) ==
          doctest::Approx(0.08103).epsilon(1e-12));
    // three tasks of 200 GB: 3 x 180 x 730 = 394,200 GB-h x 0.000111 = 43.7562
    CHECK(test::cost_of(run({.ephemeral_storage_gb = 200, .count = 3}), kStorage) ==
          doctest::Approx(43.7562).epsilon(1e-12));
    // spot: 9.010025 x 0.35 = 3.15350875, storage stays 2.4309 -> 5.58440875
    Bill spot = run({.ephemeral_storage_gb = 50, .count = 1, .purchase = PurchaseOption::spot, .public_ipv4 = false});
    CHECK(spot.total == doctest::Approx(5.58440875).epsilon(1e-12));
    // Tokyo: 30 x 730 x 0.000133 = 2.9127, a price marked unverified
    Bill tokyo = run({.region = "ap-northeast-1", .ephemeral_storage_gb = 50, .count = 1, .public_ipv4 = false});
    CHECK(test::cost_of(tokyo, kStorage) == doctest::Approx(2.9127).epsilon(1e-12));
    CHECK(flag_of(tokyo, "unverified_price") != nullptr);
    test::check_invariants(b);
}

TEST_CASE("Fargate: a public IPv4 address per task by default, none behind a load balancer") {
    // 3 tasks: 3 x 0.0123425 x 730 = 27.030075; addresses 3 x 730 = 2,190 address-h x 0.005 = 10.95; total 37.980075
    Bill b = run({.count = 3});
    CHECK(test::quantity_of(b, kTaskIpv4) == 2190.0);
    CHECK(test::cost_of(b, kTaskIpv4) == doctest::Approx(10.95).epsilon(1e-12));
    CHECK(test::find_line(b, kTaskIpv4)->price_id == "aws.vpc.global.public_ipv4");
    CHECK(b.total == doctest::Approx(37.980075).epsilon(1e-12));
    CHECK(b.convention("public_ipv4_per_instance")->value == 1.0);
    CHECK(b.convention("public_ipv4_addresses")->value == 3.0);
    // 200 hours a month: tasks 3 x 0.0123425 x 200 = 7.40550; addresses 3 x 200 x 0.005 = 3.00; total 10.4055
    CHECK(run({.count = 3, .hours_per_month = 200}).total == doctest::Approx(10.4055).epsilon(1e-12));
    test::check_invariants(b);
}

TEST_CASE("Fargate: an Application Load Balancer in front, its two AZ addresses, LCUs from traffic") {
    // 9,000,000 requests, 1 new connection and 1 KiB each: LCU-h = 9,000,000 x max(1 / 90,000, 1,024 / 2^30)
    // = 9,000,000 / 90,000 = 100 x 0.008 = 0.80; ALB hours 730 x 0.0225 = 16.425;
    // ALB addresses 2 x 730 x 0.005 = 7.30; tasks (no address behind the ALB) 18.02005;
    // total 18.02005 + 16.425 + 7.30 + 0.80 = 42.54505
    Bill b = run({.count = 2, .load_balancer = true}, {.requests_per_month = 9e6});
    CHECK(test::find_line(b, kTaskIpv4) == nullptr);
    CHECK(test::cost_of(b, "Application Load Balancer hours") == doctest::Approx(16.425).epsilon(1e-12));
    CHECK(test::cost_of(b, "Application Load Balancer LCU-hours") == doctest::Approx(0.80).epsilon(1e-12));
    CHECK(test::cost_of(b, "Public IPv4 addresses (load balancer, 2 AZs)") == doctest::Approx(7.30).epsilon(1e-12));
    CHECK(b.total == doctest::Approx(42.54505).epsilon(1e-12));
    CHECK(b.convention("public_ipv4_addresses")->value == 2.0);
    CHECK(b.convention("load_balancer_azs")->value == 2.0);
    // public_ipv4 forced on behind the ALB: + 2 x 730 x 0.005 = 7.30 -> 49.84505
    CHECK(run({.count = 2, .load_balancer = true, .public_ipv4 = true}, {.requests_per_month = 9e6}).total ==
          doctest::Approx(49.84505).epsilon(1e-12));
    test::check_invariants(b);
}

TEST_CASE("Fargate: tasks sized from traffic like a fleet") {
    // capacity 50 rps at 50 % = 25 rps a task; 262,800,000 requests = 100 rps mean x peak 2 = 200 rps -> 8 tasks
    // 8 x 0.0123425 x 730 = 72.0802; addresses 8 x 730 x 0.005 = 29.20; total 101.2802
    const Workload w{.requests_per_month = 262800000, .peak_to_mean = 2};
    const CostModel m = model({.capacity_rps = 50, .target_utilization = 0.5}, w);
    Bill b = m.bill();
    CHECK(b.convention("instances")->value == 8.0);
    CHECK(b.total == doctest::Approx(101.2802).epsilon(1e-12));
    const auto size = m.fleet_size();
    REQUIRE(size.has_value());
    CHECK(size->instances == 8.0);
    CHECK(size->public_ipv4_addresses == 8.0);
    CHECK(!size->fixed_count);
    CHECK(!size->runs_out());
    // at a tenth of the traffic: 20 rps peak / 25 = 0.8 -> 1 task, min_tasks 2 -> 2
    CHECK(m.fleet_size(26280000)->instances == 1.0);
    CHECK(model({.capacity_rps = 50, .target_utilization = 0.5, .min_tasks = 2}, w).fleet_size(26280000)->instances ==
          2.0);
    // from CPU time: 0.5 vCPU x 1,000 / 10 ms = 50 rps, at 0.7 = 35 rps; 100 rps mean -> ceil(2.857) = 3 tasks
    // of 0.5 vCPU and 1 GB: 3 x (0.5 x 0.04048 + 1 x 0.004445) x 730 = 3 x 0.024685 x 730 = 54.06015
    Bill cpu = run({.vcpu = 0.5, .memory_gb = 1, .public_ipv4 = false},
                   {.requests_per_month = 262800000, .cpu_ms_per_request = 10});
    CHECK(cpu.convention("instances")->value == 3.0);
    CHECK(cpu.total == doctest::Approx(54.06015).epsilon(1e-12));
    // a fixed count with a known capacity runs out where the peak passes 2 tasks x 50 rps at 100 %:
    // 100 rps x 2,628,000 s / peak_to_mean 1 = 262,800,000 requests a month
    const auto fixed = model({.count = 2, .capacity_rps = 50}).fleet_size();
    CHECK(fixed->fixed_count);
    CHECK(fixed->runs_out_at_requests_per_month == doctest::Approx(262800000.0).epsilon(1e-12));
}

TEST_CASE("Fargate: per-second billing with a one-minute minimum per task") {
    // 0.001 h = 3.6 s is billed 60 s = 1/60 h: one task of 1 vCPU and 2 GB,
    // (0.04048 + 2 x 0.004445) / 60 = 0.04937 / 60 = 0.000822833...
    Bill tiny = run({.vcpu = 1, .memory_gb = 2, .count = 1, .hours_per_month = 0.001, .public_ipv4 = false});
    CHECK(tiny.convention("billed_seconds_per_task")->value == 60.0);
    CHECK(test::quantity_of(tiny, kVcpuX86) == doctest::Approx(1.0 / 60).epsilon(1e-12));
    CHECK(tiny.total == doctest::Approx(0.04937 / 60).epsilon(1e-12));
    // half an hour is above the minimum: 0.04937 x 0.5 = 0.024685
    CHECK(run({.vcpu = 1, .memory_gb = 2, .count = 1, .hours_per_month = 0.5, .public_ipv4 = false}).total ==
          doctest::Approx(0.024685).epsilon(1e-12));
    // seconds round up: 0.5000001 h = 1,800.00036 s -> 1,801 s; 1.1 h = 3,960 s (3,960.0000000000005 in
    // doubles, a rounding error, not a further second)
    CHECK(run({.count = 1, .hours_per_month = 0.5000001}).convention("billed_seconds_per_task")->value == 1801.0);
    CHECK(run({.count = 1, .hours_per_month = 1.1}).convention("billed_seconds_per_task")->value == 3960.0);
    CHECK(run({.count = 1, .hours_per_month = 0.01}).convention("billed_seconds_per_task")->value == 60.0);
    // the minimum is per task: 4 tasks for 0.001 h bill 4 x 1/60 vCPU-h of 1 vCPU
    CHECK(test::quantity_of(run({.vcpu = 1, .memory_gb = 2, .count = 4, .hours_per_month = 0.001}), kVcpuX86) ==
          doctest::Approx(4.0 / 60).epsilon(1e-12));
}

TEST_CASE("Fargate: data transfer out at AWS rates after 100 GB free") {
    // 1,048,576 requests x 1 MiB = 1,024 GB; - 100 free = 924 x 0.09 = 83.16
    Bill b = run({.count = 1, .public_ipv4 = false}, {.requests_per_month = 1048576, .response_kb = 1024});
    CHECK(test::cost_of(b, "Data transfer out") == doctest::Approx(83.16).epsilon(1e-12));
    // free tier off: 1,024 x 0.09 = 92.16
    Bill off = run({.count = 1, .public_ipv4 = false, .free_tier = false},
                   {.requests_per_month = 1048576, .response_kb = 1024});
    CHECK(test::cost_of(off, "Data transfer out") == doctest::Approx(92.16).epsilon(1e-12));
}

TEST_CASE("Fargate against Lambda: an exact break-even, and the bill as CSV") {
    // Lambda 512 MB x 100 ms, free tier off: 0.0000002 + 0.5 x 0.1 x 0.0000166667 = 0.000001033335 $ a request;
    // 2 fixed tasks cost 18.02005 a month -> R* = 18.02005 / 0.000001033335
    const Workload w{.requests_per_month = 1e6, .duration_ms = 100};
    const std::vector<Offering> offerings = {{"lambda", LambdaConfig{.memory_mb = 512, .free_tier = false}},
                                             {"fargate", FargateConfig{.count = 2, .public_ipv4 = false}}};
    const Comparison c = compare(w, offerings, Catalog::builtin(), {}, {0.0, 100.0});
    REQUIRE(c.break_even.size() == 1);
    CHECK(c.break_even[0].kind == BreakEven::Kind::crossing);
    CHECK(c.break_even[0].requests_per_month == doctest::Approx(18.02005 / 0.000001033335).epsilon(1e-9));
    CHECK(c.break_even[0].cheaper_below == "lambda");
    CHECK(c.break_even[0].cheaper_above == "fargate");
    REQUIRE(c.results[1].fleet.has_value());
    CHECK(c.results[1].fleet->instances == 2.0);
    // CSV of the bill: one row per line item, the figures
    const std::string csv = to_csv(run({.count = 2, .public_ipv4 = false}));
    CHECK(csv.find("Task vCPU (x86_64, on-demand)") != std::string::npos);
    CHECK(csv.find("aws.fargate.us-east-1.x86_64.gb_hours") != std::string::npos);
    CHECK(csv.find("14.7752") != std::string::npos);
}

TEST_CASE("Fargate curves: every grid point is the bill, across the service's steps") {
    // capacity 30 rps at 70 %: one more task every 21 rps of peak (x 2); 0 to 500 rps crosses 47 steps
    const Workload w{.requests_per_month = 1e6, .duration_ms = 100, .response_kb = 16, .peak_to_mean = 2.0};
    const std::vector<Offering> offerings = {
        {"sized", FargateConfig{.vcpu = 1, .memory_gb = 2, .capacity_rps = 30}},
        {"sized-alb-spot", FargateConfig{.ephemeral_storage_gb = 60,
                                         .capacity_rps = 30,
                                         .min_tasks = 2,
                                         .hours_per_month = 400,
                                         .purchase = PurchaseOption::spot,
                                         .load_balancer = true}},
        {"fixed", FargateConfig{.count = 3}},
        {"lambda", LambdaConfig{.memory_mb = 512}},
    };
    for (const CurveGrid& grid : {CurveGrid{{0.0, 500.0}, 5000, false}, CurveGrid{{0.01, 500.0}, 5000, true}}) {
        const Curves curves = cost_curves(w, offerings, Catalog::builtin(), grid);
        REQUIRE(curves.totals.size() == offerings.size());
        CHECK(curves.fleets.size() == 3);  // the Fargate services, sized at the workload's traffic
        for (std::size_t i = 0; i < offerings.size(); ++i) {
            const CostModel m = CostModel::build(w, offerings[i], Catalog::builtin());
            int mismatches = 0;
            for (Eigen::Index j = 0; j < curves.requests_per_month.size(); ++j)
                if (!(curves.totals[i][j] ==
                      doctest::Approx(m.bill(curves.requests_per_month[j]).total).epsilon(1e-12)))
                    ++mismatches;
            CHECK_MESSAGE(mismatches == 0, curves.ids[i] << ": " << mismatches << " points differ from the bill");
        }
    }
}
