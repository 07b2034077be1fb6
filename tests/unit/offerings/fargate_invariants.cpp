// Every task size Fargate allows, on both architectures, in both regions, on-demand and Spot,
// fixed and sized: cost = quantity x unit price on every line, total = the lines' sum =
// total(R), non-decreasing in R, and the vCPU-hours are tasks x billed hours x vCPU.
#include <costsim/costsim.hpp>
#include <doctest/doctest.h>

#include "../support.hpp"

#include <vector>

using namespace costsim;

namespace {

/// The sizes of the ECS task-size table, enumerated by hand from its rows.
std::vector<std::pair<double, double>> task_sizes() {
    std::vector<std::pair<double, double>> out = {{0.25, 0.5}, {0.25, 1}, {0.25, 2}};
    const auto row = [&](double vcpu, double from, double to, double step) {
        for (double gb = from; gb <= to; gb += step) out.emplace_back(vcpu, gb);
    };
    row(0.5, 1, 4, 1);
    row(1, 2, 8, 1);
    row(2, 4, 16, 1);
    row(4, 8, 30, 1);
    row(8, 16, 60, 4);
    row(16, 32, 120, 8);
    return out;
}

}  // namespace

TEST_CASE("Fargate invariants over every task size") {
    const auto sizes = task_sizes();
    CHECK(sizes.size() == 3 + 4 + 7 + 13 + 23 + 12 + 12);
    const double traffic[] = {0, 1, 1e6, 3e7, 2.628e8, 1e10};
    int models = 0;
    for (const auto& [vcpu, gb] : sizes)
        for (const char* region : {"us-east-1", "ap-northeast-1"})
            for (Architecture arch : {Architecture::x86_64, Architecture::arm64})
                for (PurchaseOption purchase : {PurchaseOption::on_demand, PurchaseOption::spot}) {
                    if (arch == Architecture::arm64 && purchase == PurchaseOption::spot) continue;  // refused
                    const bool sized = (models % 2) == 0;
                    FargateConfig c{.region = region,
                                    .arch = arch,
                                    .vcpu = vcpu,
                                    .memory_gb = gb,
                                    .ephemeral_storage_gb = 20 + (models % 7) * 25,
                                    .purchase = purchase,
                                    .load_balancer = (models % 3) == 0};
                    if (sized)
                        c.capacity_rps = 10.0 * vcpu;
                    else
                        c.count = 1 + models % 5;
                    const CostModel m =
                        CostModel::build({.requests_per_month = 1e6, .response_kb = 2}, {"", c}, Catalog::builtin());
                    ++models;
                    double previous = 0;
                    for (double r : traffic) {
                        const Bill b = m.bill(r);
                        CAPTURE(b.offering_id);
                        CAPTURE(r);
                        test::check_invariants(b);
                        CHECK(m.total(r) == doctest::Approx(b.total).epsilon(1e-12));
                        CHECK(b.total >= previous * (1 - 1e-12));
                        previous = b.total;
                        const double tasks = b.convention("instances")->value;
                        CHECK(tasks == m.fleet_size(r)->instances);
                        CHECK(test::quantity_with_prefix(b, "Task vCPU") ==
                              doctest::Approx(tasks * 730 * vcpu).epsilon(1e-12));
                        CHECK(test::quantity_with_prefix(b, "Task memory") ==
                              doctest::Approx(tasks * 730 * gb).epsilon(1e-12));
                    }
                }
    CHECK(models == 74 * 2 * 3);
}
