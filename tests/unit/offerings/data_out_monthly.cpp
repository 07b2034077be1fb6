// Data out given as a monthly total (Workload::data_out_gb_per_month): a fixed volume on the
// data-out component, on top of the responses' GB, priced on the same tiers after the same free
// allowance. AWS us-east-1: first 100 GB/month free, then $0.09/GB to 10 TB. GB = 2^30 bytes.
#include <costsim/costsim.hpp>
#include <costsim/curves.hpp>
#include <costsim/json.hpp>
#include <doctest/doctest.h>

#include "../support.hpp"

using namespace costsim;

TEST_CASE("500 GB a month on a Lambda: 400 GB after the free 100, at $0.09") {
    // 1,000,000 requests of 10 ms at 128 MB stay in the free tier; 400 x 0.09 = 36.00
    const Workload w{.requests_per_month = 1e6, .duration_ms = 10, .data_out_gb_per_month = 500};
    const Bill b = price(w, Offering{"", LambdaConfig{}}, Catalog::builtin());
    test::check_invariants(b);
    CHECK(test::cost_of(b, "Data transfer out") == doctest::Approx(400 * 0.09).epsilon(1e-12));
    CHECK(b.total == doctest::Approx(36.0).epsilon(1e-12));
}

TEST_CASE("the monthly total adds to the responses' bytes and ignores the internet share") {
    // 1,000,000 x 1,024 KiB x 50 % = 488.28125 GB, + 300 GB = 788.28125; - 100 free = 688.28125 x 0.09
    const Workload w{.requests_per_month = 1e6,
                     .duration_ms = 10,
                     .response_kb = 1024,
                     .internet_percent = 50,
                     .data_out_gb_per_month = 300};
    const Bill b = price(w, Offering{"", LambdaConfig{}}, Catalog::builtin());
    CHECK(test::cost_of(b, "Data transfer out") == doctest::Approx(688.28125 * 0.09).epsilon(1e-12));
}

TEST_CASE("a fixed volume does not grow with traffic: a t3.micro fleet's curve is flat") {
    // 730 h x $0.0104 + 730 h x $0.005 (its public IPv4) + (1,000 - 100) GB x $0.09
    // = 7.592 + 3.65 + 81 = 92.242 at any traffic
    VmFleetConfig fleet;
    fleet.instance = "t3.micro";
    fleet.count = 1;
    const Workload w{.requests_per_month = 0, .duration_ms = 10, .data_out_gb_per_month = 1000};
    const Curves c = cost_curves(w, {Offering{"", fleet}}, Catalog::builtin(),
                                 CurveGrid{.range = {.from_rps = 1, .to_rps = 100}, .points = 3});
    for (Eigen::Index j = 0; j < c.totals[0].size(); ++j)
        CHECK(c.totals[0][j] == doctest::Approx(92.242).epsilon(1e-12));
}

TEST_CASE("data_out_gb_per_month is bounded and read from a scenario") {
    Workload w{.data_out_gb_per_month = -1};
    CHECK_THROWS_AS(w.validate(), InvalidInput);
    w.data_out_gb_per_month = 2e9;
    CHECK_THROWS_WITH_AS(w.validate(), doctest::Contains("workload.data_out_gb_per_month"), InvalidInput);
    const Scenario s =
        parse_scenario(R"({"workload": {"requests_per_month": 1, "duration_ms": 1, "data_out_gb_per_month": 42},
                                         "offerings": [{"kind": "lambda", "label": "API"}]})",
                       ScenarioShape::any);
    CHECK(s.workload.data_out_gb_per_month == 42);
    CHECK(s.offerings[0].label == "API");
    // Both survive the scenario's JSON view; without them the view is as before.
    const std::string json = to_json(s);
    CHECK(json.find(R"("data_out_gb_per_month":42)") != std::string::npos);
    CHECK(json.find(R"("label":"API")") != std::string::npos);
    const Scenario plain = parse_scenario(R"({"workload": {"requests_per_month": 1, "duration_ms": 1},
                                             "offerings": [{"kind": "lambda"}]})",
                                          ScenarioShape::any);
    CHECK(to_json(plain).find("data_out_gb_per_month") == std::string::npos);
    CHECK(to_json(plain).find("label") == std::string::npos);
}

TEST_CASE("an offering's label is bounded like its id") {
    Offering o{"", LambdaConfig{}};
    o.label = std::string(65, 'x');
    CHECK(test::invalid_field(o, "offerings[0].") == "offerings[0].label");
    o.label = "tab\there";
    CHECK(test::invalid_field(o) == "label");
    o.label = "Lambda arm64 1024 MB";
    CHECK(test::invalid_field(o) == "(valid)");
}

TEST_CASE("compare names the offering whose instance type the catalog lacks") {
    VmFleetConfig fleet;
    fleet.instance = "t3.nope";
    try {
        (void)compare(Workload{.requests_per_month = 1}, {Offering{"", LambdaConfig{}}, Offering{"", fleet}},
                      Catalog::builtin());
        FAIL("an unknown instance type must be rejected");
    } catch (const PriceNotFound& e) {
        CHECK(e.field() == "offerings[1].instance");
        CHECK(std::string(e.what()).find("t3.nope") != std::string::npos);
    }
}
