// `cost-sim range` and `cost-sim flip`, run as subprocesses: equality with the library, the
// distribution flags, and errors (exit 2, one line naming the flag or field).
#include "run_cli.hpp"

#include <costsim/catalog.hpp>
#include <costsim/flip_analysis.hpp>
#include <costsim/json.hpp>
#include <costsim/monte_carlo.hpp>

using test::run_cli;

TEST_CASE("cost-sim range --format json is the library's Monte Carlo report") {
    const auto r = run_cli({"range", "--requests-per-second", "5", "--memory-mb", "512", "--vm", "t3.micro", "--count",
                            "1", "--rps-dist", "uniform:1,9", "--duration-dist", "triangular:60,100,250", "--samples",
                            "2000", "--seed", "5", "--format", "json"});
    REQUIRE(r.exit_code == 0);
    const auto s = costsim::parse_scenario(
        R"({"workload":{"requests_per_second":5,"duration_ms":100},"offerings":[{"kind":"lambda","memory_mb":512},)"
        R"({"kind":"vm","instance":"t3.micro","count":1}],"uncertainty":{"samples":2000,"seed":5,"inputs":{)"
        R"("requests_per_second":{"distribution":"uniform","min":1,"max":9},)"
        R"("duration_ms":{"distribution":"triangular","min":60,"mode":100,"max":250}}}})",
        costsim::ScenarioShape::many_offerings);
    const auto expected =
        costsim::monte_carlo(s.workload, s.offerings, costsim::Catalog::builtin(), s.uncertainty, s.currency);
    CHECK(r.out == costsim::to_json(expected, 2) + "\n");
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["samples"] == 2000);
    CHECK(j["offerings"].size() == 2);
}

TEST_CASE("cost-sim range prints a table; bad distributions exit 2 naming the flag") {
    const auto table = run_cli({"range", "--requests-per-second", "5", "--vm", "t3.micro", "--count", "1", "--rps-dist",
                                "lognormal:5,20", "--samples", "500"});
    REQUIRE(table.exit_code == 0);
    CHECK(table.out.find("P(cheapest)") != std::string::npos);
    CHECK(table.out.find("Break-even") != std::string::npos);
    const auto reversed = run_cli({"range", "--requests-per-second", "2", "--rps-dist", "uniform:3,1"});
    CHECK(reversed.exit_code == 2);
    CHECK(reversed.err.find("--rps-dist.max") != std::string::npos);
    CHECK(std::count(reversed.err.begin(), reversed.err.end(), '\n') == 1);
    const auto kind = run_cli({"range", "--requests-per-second", "2", "--duration-dist", "beta:1,2"});
    CHECK(kind.exit_code == 2);
    CHECK(kind.err.find("--duration-dist is KIND:PARAMS") != std::string::npos);
    const auto samples = run_cli({"range", "--requests-per-second", "2", "--samples", "0"});
    CHECK(samples.exit_code == 2);
    CHECK(samples.err.find("--samples") != std::string::npos);
}

TEST_CASE("cost-sim flip: the library's analysis, and a sentence per flip in the table") {
    const std::vector<std::string> args = {"flip",
                                           "--requests-per-month",
                                           "10000000",
                                           "--duration-ms",
                                           "50",
                                           "--memory-mb",
                                           "512",
                                           "--no-free-tier",
                                           "--vm",
                                           "t3.micro",
                                           "--count",
                                           "1",
                                           "--no-public-ipv4"};
    // as tests/unit/engines/flip_analysis.cpp: Lambda 2 + 0.0833335 ceil(d) against $7.592, flip at 67 ms
    auto json_args = args;
    json_args.insert(json_args.end(), {"--format", "json"});
    const auto r = run_cli(json_args);
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["cheapest_id"] == "lambda-us-east-1-x86_64-512mb");
    bool duration = false;
    for (const auto& s : j["statements"])
        if (s["input"] == "duration_ms") {
            duration = true;
            CHECK(s["direction"] == "rises_above");
            CHECK(s["value"].get<double>() == doctest::Approx(67).epsilon(1e-9));
        }
    CHECK(duration);
    const auto table = run_cli(args);
    REQUIRE(table.exit_code == 0);
    CHECK(table.out.find("stays cheapest unless duration_ms rises above 67") != std::string::npos);
    const auto bad = run_cli({"flip", "--requests-per-second", "1", "--vm", "t3.micro", "--low-factor", "2"});
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("low_factor") != std::string::npos);
}
