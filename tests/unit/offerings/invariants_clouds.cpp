// Invariants over seeded random workloads for VM fleets (every provider), Cloud Run functions and
// Azure Functions: total = sum of lines; cost = quantity x unit price; total(R) = bill(R).total;
// non-decreasing in traffic; zero traffic costs only the fixed charges.
#include <costsim/costsim.hpp>
#include <doctest/doctest.h>

#include "../support.hpp"

#include <algorithm>
#include <random>

using namespace costsim;

namespace {

Workload random_workload(std::mt19937& rng) {
    std::uniform_real_distribution<double> u(0.0, 1.0);
    Workload w;
    w.requests_per_month = std::pow(10.0, 3.0 + 7.0 * u(rng));
    w.duration_ms = 1.0 + 3000.0 * u(rng);
    w.request_kb = 20.0 * u(rng);
    w.response_kb = u(rng) < 0.2 ? 0.0 : 500.0 * u(rng);
    w.internet_percent = 100.0 * u(rng);
    w.peak_to_mean = 1.0 + 9.0 * u(rng);
    w.cpu_ms_per_request = u(rng) < 0.3 ? 0.0 : 1.0 + 200.0 * u(rng);
    w.new_connections_per_request = u(rng);
    return w;
}

VmFleetConfig random_fleet(std::mt19937& rng) {
    static const std::vector<const PriceEntry*> instances = [] {
        std::vector<const PriceEntry*> out;
        for (const PriceEntry& e : Catalog::builtin().entries())
            if (e.instance) out.push_back(&e);
        return out;
    }();
    std::uniform_real_distribution<double> u(0.0, 1.0);
    const PriceEntry& e = *instances[std::uniform_int_distribution<std::size_t>(0, instances.size() - 1)(rng)];
    VmFleetConfig c{.provider = e.provider, .region = e.region, .instance = e.instance->name};
    const double pick = u(rng);
    if (pick < 0.3)
        c.count = 1 + static_cast<int>(5 * u(rng));
    else if (pick < 0.7)
        c.capacity_rps = 1.0 + 500.0 * u(rng);
    c.target_utilization = 0.2 + 0.8 * u(rng);
    c.min_instances = 1 + static_cast<int>(3 * u(rng));
    c.hours_per_month = 50.0 + 680.0 * u(rng);
    c.free_tier = u(rng) < 0.5;
    if (u(rng) < 0.3) c.public_ipv4 = u(rng) < 0.5;  // else the default (none behind a load balancer)
    if (e.provider == "aws") {
        c.load_balancer = u(rng) < 0.5;
        c.storage_gb = u(rng) < 0.5 ? 0.0 : 100.0 * u(rng);
        const PurchaseOption options[] = {PurchaseOption::on_demand, PurchaseOption::one_year,
                                          PurchaseOption::three_year, PurchaseOption::spot};
        c.purchase = options[std::uniform_int_distribution<int>(0, 3)(rng)];
        if (c.load_balancer) c.load_balancer_azs = 2 + std::uniform_int_distribution<int>(0, 4)(rng);  // 2..6
    }
    if (e.provider == "oci" && c.instance == "VM.Standard.E2.1.Micro") {
        // Always Free only, two per tenancy, no paid price: anything else is refused (vm_instance_month).
        c.count = u(rng) < 0.5 ? 1 : 2;
        c.capacity_rps.reset();
        c.free_tier = true;
    }
    return c;
}

OfferingConfig random_serverless(std::mt19937& rng) {
    std::uniform_real_distribution<double> u(0.0, 1.0);
    if (u(rng) < 0.5) {
        CloudRunConfig c;
        c.region = u(rng) < 0.5 ? "us-central1" : "asia-northeast1";
        c.memory_mb = 128 + static_cast<int>(8000 * u(rng));
        const double v = u(rng);
        if (v < 0.8) c.vcpu = 0.08 + 7.92 * v / 0.8;  // else Google's default for the memory
        c.concurrency = 1 + static_cast<int>(200 * u(rng));
        c.free_tier = u(rng) < 0.5;
        return c;
    }
    AzureFunctionsConfig c;
    c.region = u(rng) < 0.5 ? "eastus" : "japaneast";
    c.memory_mb = 1 + static_cast<int>(1535 * u(rng));
    c.free_tier = u(rng) < 0.5;
    return c;
}

void check_model(const CostModel& m, std::mt19937& rng) {
    std::uniform_real_distribution<double> u(0.0, 1.0);
    std::vector<double> traffic = {0.0, m.workload_requests_per_month()};
    for (int i = 0; i < 12; ++i) traffic.push_back(std::pow(10.0, 10.0 * u(rng)));
    std::sort(traffic.begin(), traffic.end());
    double previous = -1.0;
    for (double r : traffic) {
        Bill b = m.bill(r);
        test::check_invariants(b);
        CHECK(m.total(r) == doctest::Approx(b.total).epsilon(1e-12));
        CHECK(b.total >= previous * (1.0 - 1e-12));  // non-decreasing in traffic
        previous = b.total;
    }
}

}  // namespace

TEST_CASE("Invariants: VM fleets on every provider, 300 seeded random cases") {
    std::mt19937 rng(20261122);
    const Catalog& catalog = Catalog::builtin();
    for (int i = 0; i < 300; ++i) {
        const Workload w = random_workload(rng);
        const VmFleetConfig c = random_fleet(rng);
        CAPTURE(i);
        CAPTURE(c.instance);
        const CostModel m = CostModel::build(w, Offering{"", c}, catalog);
        check_model(m, rng);
        // zero traffic: only the fleet floor, the ALB hours, the floor's storage and the public
        // IPv4 addresses (the floor's, or the ALB's one per AZ) are billed
        const double floor = c.count ? *c.count : c.min_instances;
        const std::string region = c.effective_region();
        const PriceEntry* entry = nullptr;
        for (const PriceEntry* e : catalog.instances(c.provider, region))
            if (e->instance->name == c.instance) entry = e;
        REQUIRE(entry != nullptr);
        double unit_price = entry->flat_price();
        // A published reserved rate (no upfront) replaces the flat fallback discount.
        const PriceEntry* reserved =
            catalog.find(entry->id + ".reserved." + to_string(c.purchase) + "." + to_string(c.payment));
        if (reserved)
            unit_price = reserved->flat_price();
        else if (c.purchase != PurchaseOption::on_demand)
            unit_price *= 1 - catalog.at(std::string("aws.ec2.global.purchase.") + to_string(c.purchase), "").discount;
        double expected = floor * (entry->unit == "month" ? 1.0 : c.hours_per_month) * unit_price;
        if (c.provider == "oci" && c.free_tier && c.instance.rfind("VM.Standard.A1.Flex", 0) == 0)
            // Always Free A1: OCPU-hours after 3,000 at $0.01, GB-hours after 18,000 at $0.0015
            expected = std::max(0.0, floor * c.hours_per_month * entry->instance->vcpu - 3000.0) * 0.01 +
                       std::max(0.0, floor * c.hours_per_month * entry->instance->memory_gib - 18000.0) * 0.0015;
        if (c.load_balancer)
            expected += c.hours_per_month * catalog.at("aws.elb." + region + ".alb.hours", "").flat_price();
        if (c.storage_gb > 0)
            expected += floor * c.hours_per_month * c.storage_gb / 730.0 *
                        catalog.at("aws.ebs." + region + ".gp3", "").flat_price();
        const double ipv4 = c.provider == "aws" || c.provider == "gcp" || c.provider == "azure" ? 0.005 : 0.0;
        if (c.public_ipv4.value_or(!c.load_balancer)) expected += floor * c.hours_per_month * ipv4;
        if (c.load_balancer) expected += c.load_balancer_azs * c.hours_per_month * ipv4;
        CHECK(m.total(0.0) == doctest::Approx(expected).epsilon(1e-12));
    }
}

TEST_CASE("Invariants: Cloud Run functions and Azure Functions, 300 seeded random cases") {
    std::mt19937 rng(7);
    for (int i = 0; i < 300; ++i) {
        const Workload w = random_workload(rng);
        const Offering o{"", random_serverless(rng)};
        CAPTURE(i);
        const CostModel m = CostModel::build(w, o, Catalog::builtin());
        check_model(m, rng);
        CHECK(m.total(0.0) == 0.0);  // usage-priced: nothing at zero traffic
    }
}
