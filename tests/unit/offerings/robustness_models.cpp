// Robustness: every offering kind built from extreme but valid inputs (the bounds of every
// WorkloadLimits field and of every offering field, all providers, regions and instances of the
// built-in catalog). Building either succeeds or throws a costsim::Error, never anything else; a
// built model's bills have finite, non-negative quantities and totals, cost = quantity x unit price,
// total = sum of lines, total(R) = bill(R).total, non-decreasing in traffic; fleet step search
// ends (returns or throws LimitExceeded).
#include <costsim/costsim.hpp>
#include <doctest/doctest.h>

#include "../support.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <random>
#include <vector>

using namespace costsim;

namespace {

using L = WorkloadLimits;
constexpr double kTiny = 1e-300;  // valid wherever a bound is open at 0

/// One of `values`, uniformly.
template <class T>
T one_of(std::mt19937_64& rng, const std::vector<T>& values) {
    return values[std::uniform_int_distribution<std::size_t>(0, values.size() - 1)(rng)];
}

Workload extreme_workload(std::mt19937_64& rng) {
    Workload w;
    w.requests_per_month = one_of<double>(rng, {0.0, 1.0, 1e6, L::max_requests_per_month});
    w.duration_ms = one_of<double>(rng, {kTiny, 0.3, 100.0, L::max_duration_ms});
    w.request_kb = one_of<double>(rng, {0.0, 512.0, 512.5, L::max_kb});
    w.response_kb = one_of<double>(rng, {0.0, kTiny, 1024.0, L::max_kb});
    w.internet_percent = one_of<double>(rng, {0.0, kTiny, 100.0});
    w.peak_to_mean = one_of<double>(rng, {1.0, L::max_peak_to_mean});
    w.cold_start_percent = one_of<double>(rng, {0.0, 100.0});
    w.init_duration_ms = one_of<double>(rng, {0.0, kTiny, L::max_init_duration_ms});
    w.cpu_ms_per_request = one_of<double>(rng, {0.0, kTiny, 1.0, L::max_cpu_ms_per_request});
    w.new_connections_per_request = one_of<double>(rng, {0.0, L::max_new_connections_per_request});
    return w;
}

LambdaConfig extreme_lambda(std::mt19937_64& rng) {
    LambdaConfig c;
    c.region = one_of<std::string>(rng, {"us-east-1", "ap-northeast-1"});
    c.arch = one_of(rng, std::vector<Architecture>{Architecture::x86_64, Architecture::arm64});
    c.memory_mb = one_of(rng, std::vector<int>{128, 1769, 10240});
    c.ephemeral_storage_mb = one_of(rng, std::vector<int>{512, 513, 10240});
    c.free_tier = one_of(rng, std::vector<bool>{true, false});
    c.front_door = one_of(rng, std::vector<FrontDoor>{FrontDoor::none, FrontDoor::function_url, FrontDoor::http_api,
                                                      FrontDoor::rest_api});
    c.provisioned_concurrency = one_of(rng, std::vector<int>{0, 1, 100000});
    return c;
}

VmFleetConfig extreme_fleet(std::mt19937_64& rng, const PriceEntry& e) {
    VmFleetConfig c{.provider = e.provider, .region = e.region, .instance = e.instance->name};
    switch (std::uniform_int_distribution<int>(0, 2)(rng)) {
        case 0: c.count = one_of(rng, std::vector<int>{1, 10000}); break;
        case 1: c.capacity_rps = one_of<double>(rng, {kTiny, 1e-3, 1.0, 1e7}); break;
        default: break;  // sized from cpu_ms_per_request, or not at all
    }
    c.target_utilization = one_of<double>(rng, {kTiny, 0.01, 1.0});
    c.min_instances = one_of(rng, std::vector<int>{1, 10000});
    c.hours_per_month = one_of<double>(rng, {0.001, 0.0011, 730.0});
    c.free_tier = one_of(rng, std::vector<bool>{true, false});
    if (e.provider == "aws") {
        c.purchase = one_of(rng, std::vector<PurchaseOption>{PurchaseOption::on_demand, PurchaseOption::one_year,
                                                             PurchaseOption::three_year, PurchaseOption::spot});
        c.load_balancer = one_of(rng, std::vector<bool>{true, false});
        c.storage_gb = one_of<double>(rng, {0.0, kTiny, 65536.0});
        c.load_balancer_azs = one_of(rng, std::vector<int>{2, 6});
    }
    if (one_of(rng, std::vector<bool>{true, false})) c.public_ipv4 = one_of(rng, std::vector<bool>{true, false});
    // a fixed count checked against a given capacity, at the bounds of both
    if (!c.count && !c.capacity_rps && one_of(rng, std::vector<bool>{true, false})) {
        c.count = one_of(rng, std::vector<int>{1, 10000});
        c.capacity_rps = one_of<double>(rng, {kTiny, 1e7});
    }
    return c;
}

CloudRunConfig extreme_cloud_run(std::mt19937_64& rng) {
    CloudRunConfig c;
    c.region = one_of<std::string>(rng, {"us-central1", "asia-northeast1"});
    c.memory_mb = one_of(rng, std::vector<int>{128, 32768});
    c.vcpu = one_of<double>(rng, {0.08, 8.0});
    c.concurrency = one_of(rng, std::vector<int>{1, 1000});
    c.free_tier = one_of(rng, std::vector<bool>{true, false});
    return c;
}

AzureFunctionsConfig extreme_azure(std::mt19937_64& rng) {
    AzureFunctionsConfig c;
    c.region = one_of<std::string>(rng, {"eastus", "japaneast"});
    c.memory_mb = one_of(rng, std::vector<int>{1, 128, 129, 1536});
    c.free_tier = one_of(rng, std::vector<bool>{true, false});
    return c;
}

/// Builds and checks one offering; returns false when building threw a costsim::Error.
bool check_offering(const Workload& w, const Offering& o) {
    std::optional<CostModel> model;
    try {
        model.emplace(CostModel::build(w, o, Catalog::builtin()));
    } catch (const Error&) {
        return false;  // a clear, typed refusal is acceptable
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
            CHECK(std::isfinite(item.cost));
        }
        for (const Convention& c : b.conventions) {
            CAPTURE(c.name);
            CHECK(std::isfinite(c.value));
        }
        test::check_invariants(b);
        CHECK(std::isfinite(b.total));
        CHECK(b.total >= 0.0);
        CHECK(model->total(r) == doctest::Approx(b.total).epsilon(1e-12));
        CHECK(b.total >= previous * (1.0 - 1e-12));
        previous = b.total;
    }
    // the fleet step and tier search over the whole traffic range ends
    for (const Component& c : model->components()) {
        std::vector<double> kinks;
        try {
            c.kinks(0.0, L::max_requests_per_month, kinks, 10000);
        } catch (const LimitExceeded&) {
        }
        for (double k : kinks) CHECK(std::isfinite(k));
    }
    return true;
}

}  // namespace

TEST_CASE("Robustness: Lambda, Cloud Run and Azure Functions at extreme inputs, 3,000 seeded cases") {
    std::mt19937_64 rng(20261122);
    int built = 0;
    for (int i = 0; i < 3000; ++i) {
        CAPTURE(i);
        const Workload w = extreme_workload(rng);
        Offering o;
        switch (i % 3) {
            case 0: o.config = extreme_lambda(rng); break;
            case 1: o.config = extreme_cloud_run(rng); break;
            default: o.config = extreme_azure(rng); break;
        }
        built += check_offering(w, o) ? 1 : 0;
    }
    CHECK(built == 3000);  // every serverless configuration at its bounds is priced
}

TEST_CASE("Robustness: VM fleets of every instance in the catalog at extreme inputs") {
    std::mt19937_64 rng(7);
    int built = 0, refused = 0;
    for (const PriceEntry& e : Catalog::builtin().entries()) {
        if (!e.instance) continue;
        for (int i = 0; i < 30; ++i) {
            CAPTURE(e.id);
            CAPTURE(i);
            const Workload w = extreme_workload(rng);
            const VmFleetConfig c = extreme_fleet(rng, e);
            if (check_offering(w, Offering{"", c}))
                ++built;
            else
                ++refused;
        }
    }
    CHECK(built > refused);  // refusals are the astronomical fleets only (next test)
}

TEST_CASE("Robustness: a fleet that would need more than 1e15 instances is refused clearly") {
    // capacity 0.001 rps x utilisation 1 x 0.001 h x 3,600 s / peak_to_mean 1,000 = 3.6e-6 requests
    // per instance-month: 1e13 requests would need 2.8e18 instances. Before the guard this fleet
    // priced at up to 1e13 requests and its step search never ended above R = 2^53 / k.
    Workload w{.requests_per_month = 1e6, .peak_to_mean = 1000};
    VmFleetConfig c{.provider = "aws",
                    .instance = "t3.micro",
                    .capacity_rps = 1e-3,
                    .target_utilization = 1.0,
                    .hours_per_month = 0.001};
    try {
        (void)CostModel::build(w, Offering{"", c}, Catalog::builtin());
        FAIL("expected InvalidInput");
    } catch (const InvalidInput& e) {
        CHECK(e.field() == "capacity_rps");
        // the least capacity that works here: 0.01 x 1,000 / (0.001 h x 3,600 x 1) = 2.7778 rps,
        // named rounded up to three digits
        CHECK(std::string(e.what()).rfind("capacity_rps must be at least 2.78 here", 0) == 0);
        CHECK(std::string(e.what()).find("at most 1e15 instances") != std::string::npos);
    }
    // a near-zero utilisation would overflow to an infinite fleet: refused the same way
    c = VmFleetConfig{.provider = "aws", .instance = "t3.micro", .capacity_rps = 100.0, .target_utilization = kTiny};
    CHECK_THROWS_AS((void)CostModel::build(w, Offering{"", c}, Catalog::builtin()), InvalidInput);
    // the same fleet running all month is fine: 2,628,000 s x 0.001 / 1,000 = 2.628 requests per
    // instance-month; at 1e6 requests that is ceil(380,517.5038) = 380,518 instances
    c = VmFleetConfig{.provider = "aws", .instance = "t3.micro", .capacity_rps = 1e-3, .target_utilization = 1.0};
    Bill b = price(w, Offering{"", c}, Catalog::builtin());
    CHECK(b.convention("instances")->value == 380518.0);
    CHECK(std::isfinite(b.total));
}

TEST_CASE("Robustness: a near-zero CPU time caps the derived capacity at 10,000,000 rps") {
    // 2 vCPUs x 1,000 / 1e-300 ms overflows; capped at the capacity_rps bound, the fleet is finite
    Workload w{.requests_per_month = 1e6, .cpu_ms_per_request = kTiny};
    Bill b = price(w, Offering{"", VmFleetConfig{.provider = "aws", .instance = "t3.micro"}}, Catalog::builtin());
    CHECK(b.convention("capacity_rps")->value == 1e7);
    CHECK(b.convention("instances")->value == 1.0);
    CHECK(std::isfinite(b.convention("utilization_at_peak")->value));
}
