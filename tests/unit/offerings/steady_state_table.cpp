// The tabulated Mahmoudi-Khazaei steady state (concurrency.hpp's SteadyStateTable) against the
// model it tabulates, and the pieces the per-interval simulators share: one rate vector per
// profile, the running maximum. Design/pricing-model.md#lambda-under-a-traffic-profile.
#include <costsim/costsim.hpp>
#include <doctest/doctest.h>

#include "offerings/concurrency.hpp"
#include "offerings/sliding_max.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

using namespace costsim;

namespace {

struct Case {
    double warm_s, keep_alive_s, recycle_s;
};

}  // namespace

TEST_CASE("the steady-state table is within its stated bound of the model, nodes and cells") {
    using T = detail::SteadyStateTable;
    // Lambda's defaults (600 s keep-alive, 7,200 s recycling) at 0.1 s to 10 s in the function, the
    // SimFaaS case (no recycling) and a short keep-alive.
    const Case cases[] = {
        {0.12, 600, 7200}, {1.991, 600, kUnbounded}, {0.1, 600, 7200}, {10, 600, 7200}, {0.5, 60, 600}};
    for (const Case& c : cases) {
        const T table(c.warm_s, c.keep_alive_s, c.recycle_s);
        // from where the gap rule hands over (rate x (keep-alive + W) = 3) to the table's end
        const double lo = detail::kGapRuleBelow * c.warm_s / (c.keep_alive_s + c.warm_s);
        REQUIRE(table.first_rho() <= lo);
        REQUIRE(table.last_rho() >= T::kTableMaxRho);
        double worst_cold = 0.0, worst_envs = 0.0;
        constexpr int kPoints = 1500;
        for (int k = 0; k <= kPoints; ++k) {
            // log-spaced, offset so that most points fall inside cells rather than on nodes
            const double rho = lo * std::pow(T::kTableMaxRho / lo, (k + 0.37) / (kPoints + 1.0));
            const double rate = rho / c.warm_s;
            const detail::SteadyState exact = detail::mk_steady_state(rate, c.warm_s, c.keep_alive_s, c.recycle_s);
            const detail::SteadyState tab = table.at(rate);
            worst_cold = std::max(worst_cold, std::fabs(tab.cold_probability - exact.cold_probability) /
                                                  (exact.cold_probability + T::kTableFloor));
            worst_envs = std::max(worst_envs, std::fabs(tab.environments - exact.environments) / exact.environments);
        }
        INFO("W ", c.warm_s, " keep-alive ", c.keep_alive_s, ": worst cold ", worst_cold, ", environments ",
             worst_envs);
        CHECK(worst_cold <= T::kTableTolerance);
        CHECK(worst_envs <= T::kTableTolerance);
        // on a node the table is the model itself
        const double node =
            std::bit_cast<double>(std::bit_cast<std::uint64_t>(1.0) + (std::uint64_t{1} << (52 - T::kCellBits)));
        const detail::SteadyState at_node =
            detail::mk_steady_state(node / c.warm_s, c.warm_s, c.keep_alive_s, c.recycle_s);
        CHECK(table.at(node / c.warm_s).cold_probability == doctest::Approx(at_node.cold_probability).epsilon(1e-12));
        CHECK(table.at(node / c.warm_s).environments == doctest::Approx(at_node.environments).epsilon(1e-12));
    }
}

TEST_CASE("above the table: square-root staffing from its last node") {
    const detail::SteadyStateTable table(0.12, 600, 7200);
    const double rho_max = table.last_rho();
    const detail::SteadyState last = table.at(rho_max / 0.12);
    // 4 x rho: the cold share halves, the idle headroom doubles
    const detail::SteadyState four = table.at(4 * rho_max / 0.12);
    CHECK(four.cold_probability == doctest::Approx(last.cold_probability / 2).epsilon(1e-12));
    CHECK(four.environments - 4 * rho_max == doctest::Approx(2 * (last.environments - rho_max)).epsilon(1e-9));
    CHECK(table.at(0.0).cold_probability == 1.0);
    CHECK(table.at(0.0).environments == 0.0);
}

TEST_CASE("the running maximum of the last few values") {
    // brute force over a zig-zag with repeats: window 3 and window 1
    const std::vector<double> v{5, 1, 1, 4, 2, 2, 7, 0, 0, 0, 3, 3, 1};
    for (std::size_t window : {std::size_t{1}, std::size_t{3}, std::size_t{5}}) {
        detail::SlidingMax m(window);
        CHECK(m.max() == 0.0);
        for (std::size_t i = 0; i < v.size(); ++i) {
            m.push(v[i]);
            const std::size_t from = i + 1 >= window ? i + 1 - window : 0;
            const double expect =
                *std::max_element(v.begin() + std::ptrdiff_t(from), v.begin() + std::ptrdiff_t(i + 1));
            CHECK(m.max() == expect);
        }
    }
}

TEST_CASE("a profile's models share one rate vector; a copy of the profile computes its own") {
    TrafficProfile p{.interval_s = 60, .requests = {60, 120, 0, 30}};
    const auto a = p.shared_rates();
    CHECK(a == p.shared_rates());
    // rate per request a month: count / total / (month factor x interval): 60 / 210 / (10,950 x 60)
    const double month_factor = 2628000.0 / 240;
    CHECK((*a)[0] == doctest::Approx(60.0 / 210 / (month_factor * 60)).epsilon(1e-15));
    CHECK(*a == p.rates_per_request());
    const TrafficProfile copy = p;
    CHECK(copy.shared_rates() != a);
    CHECK(*copy.shared_rates() == *a);
    // a changed series is not served stale rates
    p.requests.push_back(90);
    CHECK(p.shared_rates()->size() == 5);
    CHECK(*p.shared_rates() == p.rates_per_request());

    // the models of one workload hold the profile's vector: a Lambda and an autoscaled fleet
    const Workload w =
        Workload{.duration_ms = 100}.with_traffic(TrafficProfile{.interval_s = 60, .requests = {6000, 12000}});
    const auto before = w.traffic->shared_rates().use_count();
    VmFleetConfig fleet{.instance = "c7g.large", .capacity_rps = 100.0};
    fleet.scaling.mode = ScalingMode::autoscale;
    fleet.scaling.scale_in_delay_s = 300;
    const CostModel lambda = CostModel::build(w, Offering{"l", LambdaConfig{}}, Catalog::builtin());
    const CostModel vm = CostModel::build(w, Offering{"v", fleet}, Catalog::builtin());
    CHECK(w.traffic->shared_rates().use_count() > before + 1);
}
