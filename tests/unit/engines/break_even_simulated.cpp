// Break-even and curves where a side has a simulated component (a QuantityCurve: no kinks known):
// the numeric search finds crossings and steps within its stated tolerance, says its method,
// evaluates a curve shared by several components once per level, and refuses work above its bound.
// Every expected value is solved by hand (arithmetic in the comments).
#include <costsim/compare.hpp>
#include <costsim/costsim.hpp>
#include <costsim/curves.hpp>
#include <costsim/detail/cost_model_data.hpp>
#include <doctest/doctest.h>

#include <atomic>
#include <cmath>
#include <functional>
#include <memory>

using namespace costsim;

namespace {

/// A curve from a plain function, counting its evaluations.
class FunctionCurve final : public QuantityCurve {
  public:
    FunctionCurve(std::function<double(double)> f, std::size_t intervals = 1) : f_(std::move(f)), n_(intervals) {}
    [[nodiscard]] double quantity(double r) const override {
        ++calls;
        return f_(r);
    }
    [[nodiscard]] std::string_view method() const noexcept override { return "a test function"; }
    [[nodiscard]] std::size_t intervals() const noexcept override { return n_; }
    mutable std::atomic<long> calls{0};

  private:
    std::function<double(double)> f_;
    std::size_t n_;
};

Component priced(Component c, double unit_price) {
    c.name = "Item";
    c.unit = "unit";
    c.bands = {{0.0, kUnbounded, unit_price, "Item", "", ""}};
    return c;
}

Component per_request(double dollars) {
    Component c;
    c.per_request = 1.0;
    return priced(c, dollars);
}

Component monthly_fee(double dollars) {
    Component c;
    c.fixed = 1.0;
    return priced(c, dollars);
}

Component simulated(std::shared_ptr<const QuantityCurve> curve, double unit_price, double factor = 1.0) {
    Component c;
    c.shape = Component::Shape::simulated;
    c.curve = std::move(curve);
    c.per_request = factor;
    return priced(c, unit_price);
}

CostModel model(std::string id, bool usage_priced, std::vector<Component> components) {
    return CostModel::from_data({.id = std::move(id),
                                 .kind = usage_priced ? "lambda" : "vm",
                                 .currency = "USD",
                                 .usage_priced = usage_priced,
                                 .components = std::move(components),
                                 .conventions = {},
                                 .annotate = {}});
}

TrafficRange monthly(double from, double to) { return {from / kSecondsPerMonth, to / kSecondsPerMonth}; }

}  // namespace

TEST_CASE("a crossing against a simulated cost is found by bisection within 1e-4 of the level") {
    // A: $1e-6 a request. B: $0.001 x sqrt(R). Equal where 1e-6 R = 1e-3 sqrt(R): sqrt(R) = 1,000,
    // R = 1,000,000 requests a month (both $1). Below it A is cheaper (1e-6 R < 1e-3 sqrt(R)).
    auto curve = std::make_shared<FunctionCurve>([](double r) { return std::sqrt(r); });
    const CostModel a = model("a", true, {per_request(1e-6)});
    const CostModel b = model("b", false, {simulated(curve, 0.001)});
    const auto points = find_break_even(a, 1.0, b, 1.0, monthly(0, 1e8));
    REQUIRE(points.size() == 1);
    CHECK(points[0].kind == BreakEven::Kind::crossing);
    CHECK(points[0].method == "bisection");
    CHECK(points[0].tolerance == 1e-4);
    CHECK(points[0].requests_per_month == doctest::Approx(1e6).epsilon(1e-4));
    CHECK(points[0].cost == doctest::Approx(1.0).epsilon(1e-3));
    CHECK(points[0].cheaper_below == "a");
    CHECK(points[0].cheaper_above == "b");
}

TEST_CASE("a jump in a simulated cost is a step; crossings on either side of it are found") {
    // A: $1e-6 a request. B: $3 a month + $10 once R >= 5,000,000.
    // A = B at R = 3e6 ($3: a crossing); at 5e6 B jumps from 3 to 13 while A = 5: a step back to
    // A; A = 13 at R = 1.3e7 (a crossing). Range 0 to 2e7.
    auto jump = std::make_shared<FunctionCurve>([](double r) { return r >= 5e6 ? 1.0 : 0.0; });
    const CostModel a = model("a", true, {per_request(1e-6)});
    const CostModel b = model("b", false, {monthly_fee(3.0), simulated(jump, 10.0)});
    const auto points = find_break_even(a, 1.0, b, 1.0, monthly(0, 2e7));
    REQUIRE(points.size() == 3);
    CHECK(points[0].kind == BreakEven::Kind::crossing);
    CHECK(points[0].requests_per_month == doctest::Approx(3e6).epsilon(1e-4));
    CHECK(points[0].cheaper_below == "a");
    CHECK(points[1].kind == BreakEven::Kind::step);
    CHECK(points[1].requests_per_month == doctest::Approx(5e6).epsilon(1e-4));
    CHECK(points[1].cheaper_above == "a");
    CHECK(points[2].kind == BreakEven::Kind::crossing);
    CHECK(points[2].requests_per_month == doctest::Approx(1.3e7).epsilon(1e-4));
    for (const BreakEven& p : points) CHECK(p.method == "bisection");
}

TEST_CASE("exact models keep the exact method") {
    // A: $1e-6 a request; B: $5 a month: equal at R = 5,000,000.
    const auto points = find_break_even(model("a", true, {per_request(1e-6)}), 1.0,
                                        model("b", false, {monthly_fee(5.0)}), 1.0, monthly(0, 1e7));
    REQUIRE(points.size() == 1);
    CHECK(points[0].method == "exact");
    CHECK(points[0].requests_per_month == doctest::Approx(5e6).epsilon(1e-9));
}

TEST_CASE("a curve shared by several components is evaluated once per traffic level") {
    // Instance-hours h(R) = R / 1e6 priced $0.10, and EBS storage on the same instances at
    // 8 GB x h / 730 GB-months priced $0.08: at R = 2e6, h = 2, cost 0.2 + 8 x 2 / 730 x 0.08.
    auto hours = std::make_shared<FunctionCurve>([](double r) { return r / 1e6; });
    const CostModel m = model("fleet", false, {simulated(hours, 0.10), simulated(hours, 0.08, 8.0 / 730.0)});
    Eigen::ArrayXd r(3);
    r << 0.0, 1e6, 2e6;
    Eigen::ArrayXd out(3);
    hours->calls = 0;
    evaluate_totals(m, 1.0, r, out);
    CHECK(hours->calls == 3);
    CHECK(out[0] == doctest::Approx(0.0));
    CHECK(out[2] == doctest::Approx(0.2 + 8.0 * 2.0 / 730.0 * 0.08));
    // the bill agrees with the curve
    CHECK(m.bill(2e6).total == doctest::Approx(out[2]));
}

TEST_CASE("simulated work above the bound is refused, naming the bound") {
    // 1,000,000 intervals a point: 50 points would already reach the 5e7 bound.
    auto heavy = std::make_shared<FunctionCurve>([](double r) { return r; }, 1000000);
    const CostModel a = model("a", true, {per_request(1e-6)});
    const CostModel b = model("b", false, {simulated(heavy, 1e-6)});
    CHECK_THROWS_AS(find_break_even(a, 1.0, b, 1.0, monthly(0, 1e7)), LimitExceeded);
    Eigen::ArrayXd r = Eigen::ArrayXd::LinSpaced(1000, 0, 1e7), out(1000);
    try {
        evaluate_totals(b, 1.0, r, out);
        FAIL("expected LimitExceeded");
    } catch (const LimitExceeded& e) {
        CHECK(e.field() == "points");
        CHECK(std::string(e.what()).find("50,000,000") != std::string::npos);
    }
}
