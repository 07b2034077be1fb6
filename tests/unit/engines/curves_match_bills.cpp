// A curve point is the bill: at EVERY grid point, the Eigen curve equals CostModel::bill(R).total
// (relative 1e-12), on log and linear grids, for Lambda across its free tier and duration tiers,
// VM fleets across their steps, and in a converted currency. Plus the grid and size bounds.
#include <costsim/compare.hpp>
#include <costsim/costsim.hpp>
#include <costsim/curves.hpp>
#include <costsim/detail/cost_model_data.hpp>
#include <doctest/doctest.h>

#include <algorithm>

using namespace costsim;

namespace {

/// Every point of every curve against a bill built at that traffic.
void check_curves_are_bills(const Workload& w, const std::vector<Offering>& offerings, const CurveGrid& grid,
                            const CurrencyOptions& currency = {}) {
    const Curves curves = cost_curves(w, offerings, Catalog::builtin(), grid, currency);
    REQUIRE(curves.ids.size() == offerings.size());
    REQUIRE(curves.requests_per_month.size() == grid.points);
    for (std::size_t i = 0; i < offerings.size(); ++i) {
        const CostModel m = CostModel::build(w, offerings[i], Catalog::builtin());
        CHECK(curves.ids[i] == m.id());
        REQUIRE(curves.totals[i].size() == grid.points);
        int mismatches = 0;
        for (Eigen::Index j = 0; j < curves.requests_per_month.size(); ++j) {
            Bill b = m.bill(curves.requests_per_month[j]);
            if (b.currency != currency.currency) b = convert(b, currency.currency, currency.jpy_per_usd);
            const double curve = curves.totals[i][j];
            if (!(curve == doctest::Approx(b.total).epsilon(1e-12))) {
                if (++mismatches <= 3)
                    CHECK_MESSAGE(curve == doctest::Approx(b.total).epsilon(1e-12),
                                  curves.ids[i] << " at R = " << curves.requests_per_month[j]);
            }
        }
        CHECK_MESSAGE(mismatches == 0, curves.ids[i] << ": " << mismatches << " points differ from the bill");
    }
}

}  // namespace

TEST_CASE("curves: Lambda through its free tier and all three duration tiers, log and linear grids") {
    // 10,240 MB x 60 s = 600 GB-s per request: the 400,000 GB-s free tier ends at 667 requests,
    // tier 2 (6e9 GB-s after the free tier) at ~10,000,667 requests, tier 3 (15e9) at ~25,000,667;
    // requests' free tier ends at 1,000,000. 0.001 to 100 rps = 2,628 to 262,800,000 requests.
    Workload w{.requests_per_month = 1e6, .duration_ms = 60000, .response_kb = 64};
    std::vector<Offering> offerings{
        {"big", LambdaConfig{.memory_mb = 10240}},
        {"big-no-free-tier", LambdaConfig{.memory_mb = 10240, .free_tier = false}},
        {"arm", LambdaConfig{.arch = Architecture::arm64, .memory_mb = 10240}},
        {"http-api", LambdaConfig{.memory_mb = 512, .front_door = FrontDoor::http_api}},
        {"provisioned", LambdaConfig{.memory_mb = 1024, .provisioned_concurrency = 5}},
    };
    check_curves_are_bills(w, offerings, CurveGrid{{0.001, 100.0}, 10000, true});
    check_curves_are_bills(w, offerings, CurveGrid{{0.0, 100.0}, 10000, false});
    check_curves_are_bills(w, offerings, CurveGrid{{0.001, 100.0}, 2, true});
}

TEST_CASE("curves: VM fleets across their steps, Cloud Run, Azure Functions") {
    // t3.micro at 50 rps capacity, 70 % utilisation: one more instance every 35 rps; 0 to 1,000 rps
    // crosses 28 steps. A fixed count, a load balancer and egress add constant and affine terms.
    Workload w{.requests_per_month = 1e6, .duration_ms = 100, .response_kb = 16, .peak_to_mean = 2.0};
    std::vector<Offering> offerings{
        {"fleet", VmFleetConfig{.instance = "t3.micro", .capacity_rps = 50.0}},
        {"fleet-alb", VmFleetConfig{.instance = "t3.micro",
                                    .capacity_rps = 50.0,
                                    .min_instances = 2,
                                    .load_balancer = true,
                                    .storage_gb = 20}},
        {"fixed", VmFleetConfig{.instance = "t3.micro", .count = 3}},
        {"cloud-run", CloudRunConfig{}},
        {"azure", AzureFunctionsConfig{}},
        {"lambda", LambdaConfig{.memory_mb = 512}},
    };
    check_curves_are_bills(w, offerings, CurveGrid{{0.0, 1000.0}, 10000, false});
    check_curves_are_bills(w, offerings, CurveGrid{{0.01, 1000.0}, 5000, true});
}

TEST_CASE("curves: in JPY every point is the converted bill") {
    Workload w{.requests_per_month = 1e6, .duration_ms = 250};
    std::vector<Offering> offerings{{"lambda", LambdaConfig{.memory_mb = 2048}},
                                    {"fleet", VmFleetConfig{.instance = "t3.micro", .capacity_rps = 20.0}}};
    check_curves_are_bills(w, offerings, CurveGrid{{0.1, 500.0}, 3000, true}, CurrencyOptions{"JPY", 151.5});
}

TEST_CASE("evaluate_totals: exactly at a fleet step the bill counts the lower fleet, and so does the curve") {
    // $5 per instance-month, one instance per 4,000,000 requests: 4,000,000 requests need 1
    // instance ($5), 4,000,001 need 2 ($10); 8,000,000 need 2, 8,000,001 need 3 ($15).
    Component fleet;
    fleet.shape = Component::Shape::fleet;
    fleet.segments = {{1.0, 1.0, 1.0 / 4e6}};
    fleet.bands = {{0.0, kUnbounded, 5.0, "Instances", "", ""}};
    const CostModel m = CostModel::from_data({.id = "fleet",
                                              .kind = "vm",
                                              .currency = "USD",
                                              .usage_priced = false,
                                              .components = {fleet},
                                              .conventions = {},
                                              .annotate = {}});
    Eigen::ArrayXd r(6);
    r << 0.0, 4e6, 4e6 + 1, 8e6, 8e6 + 1, 12e6;
    Eigen::ArrayXd out(6);
    evaluate_totals(m, 1.0, r, out);
    CHECK(out[0] == 5.0);
    CHECK(out[1] == 5.0);
    CHECK(out[2] == 10.0);
    CHECK(out[3] == 10.0);
    CHECK(out[4] == 15.0);
    CHECK(out[5] == 15.0);
    for (Eigen::Index j = 0; j < r.size(); ++j) CHECK(out[j] == m.bill(r[j]).total);
}

TEST_CASE("evaluate_totals: any order of traffic levels gives the same points") {
    // Reversed and shuffled grids take the per-point path; each point is still its bill.
    Workload w{.requests_per_month = 1e6, .duration_ms = 60000};
    for (const Offering& o :
         {Offering{"big", LambdaConfig{.memory_mb = 10240}},
          Offering{"fleet", VmFleetConfig{.instance = "t3.micro", .capacity_rps = 3.0, .storage_gb = 8}}}) {
        const CostModel m = CostModel::build(w, o, Catalog::builtin());
        Eigen::ArrayXd r = requests_per_month(CurveGrid{{0.001, 100.0}, 2000, true}).reverse();
        std::swap(r[10], r[1500]);
        Eigen::ArrayXd out(r.size());
        evaluate_totals(m, 1.0, r, out);
        for (Eigen::Index j = 0; j < r.size(); ++j)
            REQUIRE(out[j] == doctest::Approx(m.bill(r[j]).total).epsilon(1e-12));
    }
}

TEST_CASE("evaluate_totals: bad sizes and traffic are errors") {
    const CostModel m =
        CostModel::build(Workload{.requests_per_month = 1e6}, Offering{"l", LambdaConfig{}}, Catalog::builtin());
    Eigen::ArrayXd r = Eigen::ArrayXd::LinSpaced(10, 0.0, 1e6);
    Eigen::ArrayXd short_out(9);
    CHECK_THROWS_AS(evaluate_totals(m, 1.0, r, short_out), InvalidInput);
    Eigen::ArrayXd out(10);
    CHECK_THROWS_AS(evaluate_totals(m, 0.0, r, out), InvalidInput);
    r[3] = -1.0;
    CHECK_THROWS_AS(evaluate_totals(m, 1.0, r, out), InvalidInput);
    r[3] = std::numeric_limits<double>::quiet_NaN();
    CHECK_THROWS_AS(evaluate_totals(m, 1.0, r, out), InvalidInput);
}

TEST_CASE("cost_curves: grid and offering bounds") {
    const Workload w{.requests_per_month = 1e6};
    const std::vector<Offering> one{{"l", LambdaConfig{}}};
    const Catalog& c = Catalog::builtin();
    CHECK_THROWS_AS(cost_curves(w, one, c, CurveGrid{{1.0, 10.0}, 1, true}), InvalidInput);
    CHECK_THROWS_AS(cost_curves(w, one, c, CurveGrid{{1.0, 10.0}, CurveLimits::max_points + 1, true}), InvalidInput);
    CHECK_NOTHROW(cost_curves(w, one, c, CurveGrid{{1.0, 10.0}, CurveLimits::max_points, true}));
    CHECK_THROWS_WITH_AS(cost_curves(w, one, c, CurveGrid{{0.0, 10.0}, 100, true}), doctest::Contains("log-spaced"),
                         InvalidInput);
    CHECK_NOTHROW(cost_curves(w, one, c, CurveGrid{{0.0, 10.0}, 100, false}));
    CHECK_THROWS_AS(cost_curves(w, one, c, CurveGrid{{10.0, 10.0}, 100, false}), InvalidInput);
    CHECK_THROWS_AS(cost_curves(w, one, c, CurveGrid{{1.0, CompareLimits::max_rps * 2}, 100, true}), InvalidInput);
    CHECK_THROWS_AS(cost_curves(w, {}, c, CurveGrid{}), InvalidInput);
    const std::vector<Offering> too_many(CompareLimits::max_offerings + 1, Offering{"", LambdaConfig{}});
    CHECK_THROWS_AS(cost_curves(w, too_many, c, CurveGrid{}), InvalidInput);
    const std::vector<Offering> twice{{"same", LambdaConfig{}}, {"same", LambdaConfig{.memory_mb = 256}}};
    CHECK_THROWS_WITH_AS(cost_curves(w, twice, c, CurveGrid{}), doctest::Contains("used twice"), InvalidInput);
    CHECK_THROWS_AS(cost_curves(w, one, c, CurveGrid{}, CurrencyOptions{"EUR"}), InvalidInput);
}

TEST_CASE("cost_curves: grid ends are exact and log spacing is geometric") {
    // 1 to 1,000 rps in 4 log-spaced points: 1, 10, 100, 1,000 rps x 2,628,000 s.
    const Curves c = cost_curves(Workload{.requests_per_month = 1e6}, {{"l", LambdaConfig{}}}, Catalog::builtin(),
                                 CurveGrid{{1.0, 1000.0}, 4, true});
    CHECK(c.requests_per_month[0] == 2628000.0);
    CHECK(c.requests_per_month[1] == doctest::Approx(26280000.0).epsilon(1e-12));
    CHECK(c.requests_per_month[2] == doctest::Approx(262800000.0).epsilon(1e-12));
    CHECK(c.requests_per_month[3] == 2628000000.0);
    CHECK(c.currency == "USD");
}

TEST_CASE("evaluate_totals for several models: many chunks of a long grid, each point its bill") {
    // 100,000 linear points cross many blocks and chunks; a fleet with a step every 3 rps has
    // 333 steps in 0 to 1,000 rps.
    const Workload w{.requests_per_month = 1e6, .duration_ms = 100, .response_kb = 4};
    std::vector<CostModel> models{
        CostModel::build(w, Offering{"lambda", LambdaConfig{.memory_mb = 1024}}, Catalog::builtin()),
        CostModel::build(w, Offering{"fleet", VmFleetConfig{.instance = "t3.micro", .capacity_rps = 3.0}},
                         Catalog::builtin())};
    const Eigen::ArrayXd r = requests_per_month(CurveGrid{{0.0, 1000.0}, 10000, false});
    Eigen::ArrayXd long_r = Eigen::ArrayXd::LinSpaced(100000, 0.0, r[r.size() - 1]);
    std::vector<Eigen::ArrayXd> out;
    evaluate_totals(models, {1.0, 150.0}, long_r, out);
    REQUIRE(out.size() == 2);
    int mismatches = 0;
    for (Eigen::Index j = 0; j < long_r.size(); ++j) {
        mismatches += !(out[0][j] == doctest::Approx(models[0].bill(long_r[j]).total).epsilon(1e-12));
        mismatches += !(out[1][j] == doctest::Approx(150.0 * models[1].bill(long_r[j]).total).epsilon(1e-12));
    }
    CHECK(mismatches == 0);

    long_r[77777] = -5.0;
    CHECK_THROWS_WITH_AS(evaluate_totals(models, {1.0, 1.0}, long_r, out), doctest::Contains("[77777]"), InvalidInput);
    CHECK_THROWS_AS(evaluate_totals(models, {1.0}, r, out), InvalidInput);
}
