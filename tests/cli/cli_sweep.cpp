// `cost-sim sweep`, run as a subprocess: cost curves and parameter sweeps in every format,
// equal to the library's cost_curves() and sweep().
#include "run_cli.hpp"

#include <costsim/catalog.hpp>
#include <costsim/csv.hpp>
#include <costsim/curves_io.hpp>
#include <costsim/json.hpp>

using test::run_cli;
using test::run_json;

namespace {

const costsim::Scenario& issue_scenario() {
    static const costsim::Scenario s =
        costsim::parse_scenario(test::read_data("issue-example.json"), costsim::ScenarioShape::any);
    return s;
}

costsim::Curves library_curves(const costsim::CurveGrid& grid) {
    const costsim::Scenario& s = issue_scenario();
    return costsim::cost_curves(s.workload, s.offerings, costsim::Catalog::builtin(), grid, s.currency);
}

}  // namespace

TEST_CASE("sweep --format json equals the library's curves") {
    const auto j = run_json({"sweep", "--scenario", "-", "--from-rps", "0.5", "--to-rps", "200", "--points", "7"},
                            test::read_data("issue-example.json"));
    costsim::CurveGrid grid;
    grid.range = {0.5, 200};
    grid.points = 7;
    const costsim::Curves c = library_curves(grid);
    REQUIRE(j["requests_per_month"].size() == 7);
    for (Eigen::Index k = 0; k < 7; ++k)
        CHECK(j["requests_per_month"][static_cast<std::size_t>(k)].get<double>() == c.requests_per_month[k]);
    REQUIRE(j["series"].size() == c.ids.size());
    for (std::size_t i = 0; i < c.ids.size(); ++i) {
        CHECK(j["series"][i]["id"] == c.ids[i]);
        for (Eigen::Index k = 0; k < 7; ++k)
            CHECK(j["series"][i]["totals"][static_cast<std::size_t>(k)].get<double>() == c.totals[i][k]);
    }
}

TEST_CASE("sweep --scale linear from 0, as CSV, is the library's CSV view") {
    costsim::CurveGrid grid;
    grid.range = {0, 100};
    grid.points = 11;
    grid.log_spaced = false;
    const auto r = run_cli({"sweep", "--scenario", test::data_file("issue-example.json"), "--from-rps", "0", "--to-rps",
                            "100", "--points", "11", "--scale", "linear", "--format", "csv"});
    REQUIRE(r.exit_code == 0);
    CHECK(r.out == costsim::to_csv(library_curves(grid)));
}

TEST_CASE("sweep --format table: one row per grid point plus a header") {
    const auto r = run_cli({"sweep", "--scenario", test::data_file("issue-example.json"), "--points", "4"});
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.empty());
    // Title, header, 4 rows, and the fixed fleet's capacity note (unknown: no CPU time given).
    CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 7);
    CHECK(r.out.find("t3.micro x1 (1 instance, fixed): capacity unknown") != std::string::npos);
}

TEST_CASE("sweep --sweep-rps/--sweep-duration-ms/--sweep-memory-mb equals the library's parameter sweep") {
    const auto j = run_json({"sweep", "--scenario", "-", "--sweep-rps", "1,10", "--sweep-duration-ms", "100,1000",
                             "--sweep-memory-mb", "128,1024"},
                            test::read_data("issue-example.json"));
    const costsim::Scenario& s = issue_scenario();
    costsim::SweepGrid grid;
    grid.requests_per_second = {1, 10};
    grid.duration_ms = {100, 1000};
    grid.memory_mb = {128, 1024};
    const costsim::Sweep expected =
        costsim::sweep(s.workload, s.offerings, costsim::Catalog::builtin(), grid, s.currency);
    REQUIRE(j["cells"].size() == expected.cells.size());
    for (std::size_t i = 0; i < expected.cells.size(); ++i) {
        CHECK(j["cells"][i]["cheapest"] == expected.ids[expected.cells[i].cheapest]);
        for (std::size_t k = 0; k < expected.ids.size(); ++k)
            CHECK(j["cells"][i]["totals"][k].get<double>() == expected.cells[i].totals[k]);
    }
    const auto csv = run_cli({"sweep", "--scenario", "-", "--sweep-rps", "1,10", "--sweep-duration-ms", "100,1000",
                              "--sweep-memory-mb", "128,1024", "--format", "csv"},
                             test::read_data("issue-example.json"));
    REQUIRE(csv.exit_code == 0);
    CHECK(csv.out == costsim::to_csv(expected));
    const auto table =
        run_cli({"sweep", "--scenario", "-", "--sweep-rps", "1,10"}, test::read_data("issue-example.json"));
    REQUIRE(table.exit_code == 0);
    CHECK(table.out.find("Cheapest") != std::string::npos);
}

TEST_CASE("sweep bounds: too many points, a bad list") {
    const auto many = run_cli({"sweep", "--scenario", test::data_file("issue-example.json"), "--points", "10001"});
    CHECK(many.exit_code == 2);
    CHECK(test::one_line(many.err));
    CHECK(many.err.find("--points") != std::string::npos);
    CHECK(many.out.empty());
    const auto list = run_cli({"sweep", "--scenario", test::data_file("issue-example.json"), "--sweep-rps", "1,,3"});
    CHECK(list.exit_code == 2);
    CHECK(list.err.find("--sweep-rps") != std::string::npos);
}
