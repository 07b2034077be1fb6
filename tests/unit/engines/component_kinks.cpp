// Kinks and evaluation agree: on random fleet and affine components, a component's cost is affine
// between consecutive kinks (constant for a fleet), every fleet kink is a real step, and the
// curves engine's vectorised fleet rule steps where the bill's does, at the kinks too.
#include <costsim/costsim.hpp>
#include <costsim/curves.hpp>
#include <costsim/detail/cost_model_data.hpp>
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

using namespace costsim;

namespace {

/// Up to three bands from 0, the last unbounded, with prices from 0.5 to 3 a unit.
std::vector<Band> random_bands(std::mt19937_64& rng, double scale) {
    std::uniform_real_distribution<double> price(0.5, 3.0), width(0.2, 2.0);
    std::vector<Band> bands;
    const int n = std::uniform_int_distribution<int>(1, 3)(rng);
    double from = 0.0;
    for (int i = 0; i < n; ++i) {
        const double to = i + 1 == n ? kUnbounded : from + width(rng) * scale;
        bands.push_back({from, to, price(rng), "Band", "", ""});
        from = to;
    }
    return bands;
}

/// A fleet of 1 to 3 segments: hours, a floor of 0 to 3, one instance per 1e5 to 1e6 requests a
/// month, sometimes a cap; bands on instance-hours.
Component random_fleet(std::mt19937_64& rng) {
    std::uniform_real_distribution<double> hours(1.0, 400.0), per(1e-6, 1e-5);
    std::uniform_int_distribution<int> floor(0, 3), segments(1, 3), cap(0, 2);
    Component c;
    c.shape = Component::Shape::fleet;
    c.name = "Instances";
    c.unit = "instance-hour";
    c.fixed = 0.0;
    const int n = segments(rng);
    for (int i = 0; i < n; ++i) {
        FleetSegment s{hours(rng), double(floor(rng)), per(rng)};
        if (cap(rng) == 0) s.max_instances = s.min_instances + double(std::uniform_int_distribution<int>(1, 8)(rng));
        c.segments.push_back(s);
    }
    c.bands = random_bands(rng, 2000.0);
    return c;
}

/// An affine component with a slope of either sign, a fixed part, clamps and bands.
Component random_affine(std::mt19937_64& rng) {
    std::uniform_real_distribution<double> slope(-2e-6, 4e-6), fixed(0.0, 5.0), clamp(0.0, 3.0);
    Component c;
    c.name = "Usage";
    c.unit = "unit";
    c.per_request = slope(rng);
    c.fixed = fixed(rng);
    c.lower = clamp(rng);
    c.upper = c.lower + 1.0 + clamp(rng) * 2.0;
    if (std::uniform_int_distribution<int>(0, 1)(rng) == 0) c.upper = kUnbounded;
    c.bands = random_bands(rng, 2.0);
    return c;
}

/// Checks the cost of `c` is affine on every piece [kinks[i], kinks[i+1]] of (lo, hi): at three
/// points well inside a piece, the middle one is the interpolation of the other two.
void check_affine_between_kinks(const Component& c, double lo, double hi) {
    std::vector<double> k{lo};
    c.kinks(lo, hi, k, 100000);
    k.push_back(hi);
    REQUIRE(std::is_sorted(k.begin(), k.end()));
    for (std::size_t i = 0; i + 1 < k.size(); ++i) {
        const double a = k[i], b = k[i + 1], w = b - a;
        if (w <= 1e-6 * b) continue;  // too short to sample away from both ends
        const double x0 = a + w * 1e-4, x1 = a + w * 0.5, x2 = b - w * 1e-4;
        const double c0 = c.cost(x0), c1 = c.cost(x1), c2 = c.cost(x2);
        const double interpolated = c0 + (c2 - c0) * (x1 - x0) / (x2 - x0);
        CHECK(c1 == doctest::Approx(interpolated).epsilon(1e-9).scale(std::max(1.0, std::fabs(c0))));
        if (c.shape == Component::Shape::fleet) CHECK(c0 == c2);  // instances constant between steps
    }
}

CostModel model_of(std::vector<Component> components) {
    return CostModel::from_data({.id = "synthetic",
                                 .kind = "vm",
                                 .currency = "USD",
                                 .usage_priced = false,
                                 .components = std::move(components),
                                 .conventions = {},
                                 .annotate = {}});
}

}  // namespace

TEST_CASE("a fleet with one segment has its kinks where ceil(R x per_request) steps") {
    // one instance per 1,000,000 requests, floor 2, cap 5: 2 instances up to 2,000,000, then a
    // step just above 2e6, 3e6 and 4e6 (3, 4, 5 instances); at 5 the cap stops it.
    Component c;
    c.shape = Component::Shape::fleet;
    c.segments = {{730.0, 2.0, 1e-6, 5.0}};
    c.bands = {{0.0, kUnbounded, 0.1, "Instances", "", ""}};
    std::vector<double> k;
    c.kinks(0.0, 1e7, k, 100);
    REQUIRE(k.size() == 3);
    CHECK(k[0] == doctest::Approx(2e6).epsilon(1e-11));
    CHECK(k[1] == doctest::Approx(3e6).epsilon(1e-11));
    CHECK(k[2] == doctest::Approx(4e6).epsilon(1e-11));
    // 2,000,000 requests fill 2 instances exactly: still 2 (730 h x 2 x $0.1 = $146); one more
    // request needs 3 (730 x 3 x 0.1 = $219).
    CHECK(c.cost(2e6) == doctest::Approx(146.0));
    CHECK(c.cost(2e6 + 1.0) == doctest::Approx(219.0));
    CHECK(c.cost(1e8) == doctest::Approx(730.0 * 5 * 0.1));  // capped at 5: $365
}

TEST_CASE("random fleets: cost is constant between consecutive kinks and steps at each one") {
    std::mt19937_64 rng(20261202);
    for (int trial = 0; trial < 300; ++trial) {
        CAPTURE(trial);
        const Component c = random_fleet(rng);
        const double lo = std::uniform_real_distribution<double>(0.0, 2e6)(rng);
        const double hi = lo + std::uniform_real_distribution<double>(1e5, 5e6)(rng);
        check_affine_between_kinks(c, lo, hi);
        std::vector<double> k;
        c.kinks(lo, hi, k, 100000);
        for (const double x : k) {
            CAPTURE(x);
            // every price is positive and every segment has hours: a step moves the cost
            CHECK(c.cost(x * (1.0 - 1e-9)) < c.cost(x * (1.0 + 1e-9)));
        }
    }
}

TEST_CASE("random affine components: cost is affine between consecutive kinks") {
    std::mt19937_64 rng(7);
    for (int trial = 0; trial < 300; ++trial) {
        CAPTURE(trial);
        const Component c = random_affine(rng);
        const double lo = std::uniform_real_distribution<double>(0.0, 1e6)(rng);
        const double hi = lo + std::uniform_real_distribution<double>(1e5, 4e6)(rng);
        check_affine_between_kinks(c, lo, hi);
    }
}

TEST_CASE("curves step where bills do, on and off the kinks") {
    std::mt19937_64 rng(99);
    for (int trial = 0; trial < 50; ++trial) {
        CAPTURE(trial);
        std::vector<Component> components{random_fleet(rng), random_affine(rng)};
        // a lone one-band fleet from 0 takes the curves' walked fast path: test it too
        Component simple;
        simple.shape = Component::Shape::fleet;
        simple.segments = {{730.0, 1.0, std::uniform_real_distribution<double>(1e-6, 1e-5)(rng)}};
        simple.bands = {{0.0, kUnbounded, 0.0416, "Instances", "", ""}};
        components.push_back(simple);
        const CostModel m = model_of(components);
        std::vector<double> points;
        for (const Component& c : components) c.kinks(0.0, 3e6, points, 100000);
        for (int i = 0; i < 200; ++i) points.push_back(std::uniform_real_distribution<double>(0.0, 3e6)(rng));
        std::sort(points.begin(), points.end());
        const Eigen::ArrayXd r = Eigen::Map<const Eigen::ArrayXd>(points.data(), Eigen::Index(points.size()));
        Eigen::ArrayXd ascending(r.size()), shuffled(r.size());
        evaluate_totals(m, 1.0, r, ascending);
        Eigen::ArrayXd reversed = r.reverse();
        evaluate_totals(m, 1.0, reversed, shuffled);
        for (Eigen::Index j = 0; j < r.size(); ++j) {
            CAPTURE(r[j]);
            double bill = 0.0;
            for (const Component& c : components) bill += c.cost(r[j]);
            // the engine multiplies price x hours x instances in another order than the bill's
            // bands, so equal to rounding; a step on the other side of a kink would be a whole
            // instance-hour (at least $0.0416 x 730 h here)
            CHECK(ascending[j] == doctest::Approx(bill).epsilon(1e-12));
            CHECK(shuffled[r.size() - 1 - j] == doctest::Approx(bill).epsilon(1e-12));
        }
    }
}
