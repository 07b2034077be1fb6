// Lambda Managed Instances at extreme but valid inputs (the bounds of every WorkloadLimits field
// and of every field of the kind, both regions, every instance type it runs on): building succeeds
// or throws a costsim::Error; bills are finite and non-negative, cost = quantity x unit price,
// total = sum of lines, total(R) = bill(R).total, non-decreasing in traffic; at R = 0 the bill is
// the floor min_instances x hours x (EC2 price + 0.15 x On-Demand); the fleet step search ends.
#include <costsim/costsim.hpp>
#include <doctest/doctest.h>

#include "../support.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <random>
#include <string>
#include <vector>

using namespace costsim;

namespace {

using L = WorkloadLimits;
constexpr double kTiny = 1e-300;  // valid wherever a bound is open at 0

template <class T>
T one_of(std::mt19937_64& rng, const std::vector<T>& values) {
    return values[std::uniform_int_distribution<std::size_t>(0, values.size() - 1)(rng)];
}

Workload extreme_workload(std::mt19937_64& rng) {
    Workload w;
    w.requests_per_month = one_of<double>(rng, {0.0, 1.0, 1e6, L::max_requests_per_month});
    w.duration_ms = one_of<double>(rng, {kTiny, 0.3, 100.0, L::max_duration_ms});
    w.response_kb = one_of<double>(rng, {0.0, kTiny, 1024.0, L::max_kb});
    w.internet_percent = one_of<double>(rng, {0.0, 100.0});
    w.peak_to_mean = one_of<double>(rng, {1.0, L::max_peak_to_mean});
    w.cpu_ms_per_request = one_of<double>(rng, {0.0, kTiny, 1.0, L::max_cpu_ms_per_request});
    return w;
}

LambdaManagedInstancesConfig extreme_config(std::mt19937_64& rng, const std::string& region, const std::string& type) {
    LambdaManagedInstancesConfig c{.region = region, .instance = type};
    c.runtime = one_of(rng, std::vector<LambdaRuntime>{LambdaRuntime::nodejs, LambdaRuntime::python,
                                                       LambdaRuntime::java, LambdaRuntime::dotnet});
    if (one_of(rng, std::vector<bool>{true, false})) c.concurrency_per_vcpu = one_of<double>(rng, {0.0625, 1.0, 64.0});
    c.target_utilization = one_of<double>(rng, {kTiny, 0.01, 0.5, 1.0});
    c.min_instances = one_of(rng, std::vector<int>{3, 10000});
    c.hours_per_month = one_of<double>(rng, {0.001, 730.0});
    c.purchase = one_of(rng, std::vector<PurchaseOption>{PurchaseOption::on_demand, PurchaseOption::one_year,
                                                         PurchaseOption::three_year});
    c.free_tier = one_of(rng, std::vector<bool>{true, false});
    return c;
}

/// The unit price of the first line whose name starts with `prefix` (NaN when absent).
double unit_price_of(const Bill& b, std::string_view prefix) {
    for (const LineItem& item : b.line_items)
        if (item.name.substr(0, prefix.size()) == prefix) return item.unit_price;
    return std::nan("");
}

/// Builds and checks one offering; returns false when building threw a costsim::Error.
bool check_offering(const Workload& w, const LambdaManagedInstancesConfig& c) {
    std::optional<CostModel> model;
    try {
        model.emplace(CostModel::build(w, Offering{"", c}, Catalog::builtin()));
    } catch (const InvalidInput& e) {
        // the only refusal: a fleet too large to size (more than 1e15 instances at the traffic
        // bound), naming what to raise
        const std::string field = e.field();
        CAPTURE(e.what());
        CHECK((field == "concurrency_per_vcpu" || field == "target_utilization" || field == "hours_per_month" ||
               field == "workload.cpu_ms_per_request"));
        CHECK(std::string(e.what()).find("at most 1e15 instances") != std::string::npos);
        return false;
    } catch (const std::exception& e) {
        FAIL("unexpected exception type: " << e.what());
        return false;
    }
    std::vector<double> traffic = {0.0, 1.0, 1e3, w.requests_per_month, 1e9, L::max_requests_per_month};
    std::sort(traffic.begin(), traffic.end());
    double previous = 0.0;
    for (double r : traffic) {
        CAPTURE(r);
        const Bill b = model->bill(r);
        for (const LineItem& item : b.line_items) {
            CAPTURE(item.name);
            CHECK(std::isfinite(item.quantity));
            CHECK(std::isfinite(item.unit_price));
            CHECK(item.unit_price >= 0.0);
        }
        for (const Convention& conv : b.conventions) {
            CAPTURE(conv.name);
            CHECK(std::isfinite(conv.value));
        }
        test::check_invariants(b);
        CHECK(std::isfinite(b.total));
        CHECK(model->total(r) == doctest::Approx(b.total).epsilon(1e-12));
        CHECK(b.total >= previous * (1.0 - 1e-12));
        previous = b.total;
    }
    // the floor: nothing but the minimum fleet and its fee at no traffic
    const Bill floor = model->bill(0.0);
    const double on_demand = unit_price_of(floor, "Management fee") / 0.15;
    const double ec2 = unit_price_of(floor, "Instance usage");
    CHECK(floor.total ==
          doctest::Approx(c.min_instances * c.hours_per_month * (ec2 + 0.15 * on_demand)).epsilon(1e-12));
    for (const Component& comp : model->components()) {
        std::vector<double> kinks;
        try {
            comp.kinks(0.0, L::max_requests_per_month, kinks, 10000);
        } catch (const LimitExceeded&) {
        }
        for (double k : kinks) CHECK(std::isfinite(k));
    }
    return true;
}

}  // namespace

TEST_CASE("Robustness: Lambda Managed Instances on every type it runs on, at extreme inputs") {
    std::mt19937_64 rng(20261201);
    int built = 0, refused = 0;
    for (const std::string region : {"us-east-1", "ap-northeast-1"})
        for (const std::string type : {"m6i.large", "m6i.2xlarge", "m7g.large", "m7g.2xlarge", "c6i.large",
                                       "c7g.xlarge", "c5.large", "c5.xlarge"})
            for (int i = 0; i < 40; ++i) {
                CAPTURE(region);
                CAPTURE(type);
                CAPTURE(i);
                if (check_offering(extreme_workload(rng), extreme_config(rng, region, type)))
                    ++built;
                else
                    ++refused;
            }
    CHECK(built > refused);
}
