// costsim/json.hpp and costsim/csv.hpp do not read Eigen (Design/architecture.md): a program that
// writes bills, comparisons or catalogs, such as one that also includes cpp-httplib (whose
// <resolv.h> defines the macro _res, a name inside Eigen), need not; curves and sweeps, which hold
// Eigen arrays, are written through costsim/curves_io.hpp. Checked when this file compiles.
#include <costsim/csv.hpp>
#include <costsim/json.hpp>

#ifdef EIGEN_WORLD_VERSION
#error "costsim/json.hpp or costsim/csv.hpp reads Eigen: curve and sweep types belong behind costsim/curves_io.hpp"
#endif

#include <doctest/doctest.h>

#include <string>

using namespace costsim;

TEST_CASE("without Eigen: a scenario still carries its curve grid and sweep, and a bill is written") {
    const Scenario s = parse_scenario(R"({"workload": {"requests_per_month": 3000000, "duration_ms": 1000},
        "offerings": [{"kind": "lambda", "region": "us-east-1", "memory_mb": 512}],
        "grid": {"from_rps": 1, "to_rps": 10, "points": 3},
        "sweep": {"requests_per_second": [1, 2]}})",
                                      ScenarioShape::many_offerings);
    CHECK(s.has_grid);
    CHECK(s.grid.points == 3);
    CHECK(s.has_sweep);
    CHECK(s.sweep.requests_per_second == std::vector<double>{1, 2});

    const Bill bill = price(s.workload, s.offerings[0], Catalog::builtin());
    CHECK(to_json(bill).find("\"total\":") != std::string::npos);
    CHECK(to_csv(bill).starts_with(
        "offering,name,unit,quantity,unit_price,cost,currency,price_id,confidence,region\r\n"));
}
