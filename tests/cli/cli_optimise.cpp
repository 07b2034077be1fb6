// `cost-sim optimise` and `--chart FILE.svg`, run as a subprocess. The optimiser's picks are
// pinned by hand in tests/unit/engines/memory_optimiser.cpp; here: the same table through the CLI
// (flags, power-tuning's output file with the shape of its README's "State Machine Output",
// wave2-facts 3.2, stats replaced by the hand-computed table), errors, and the SVG charts: parsed
// as XML (python3's xml.etree) and rendered with rsvg-convert (librsvg2-bin), no pixel comparison.
#include "run_cli.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <unistd.h>

using test::run_cli;
using test::run_json;

namespace {

const std::vector<std::string> kTable = {"optimise",        "--requests-per-month",
                                         "10000000",        "--no-free-tier",
                                         "--architectures", "x86_64",
                                         "--measured",      "128:1000,256:400,512:220,1024:200"};

std::vector<std::string> with(std::vector<std::string> base, const std::vector<std::string>& more) {
    base.insert(base.end(), more.begin(), more.end());
    return base;
}

std::string temp_path(const std::string& name) { return "/tmp/costsim-cli-" + std::to_string(::getpid()) + "-" + name; }

/// Exit status of a shell command (the checks run python3 and rsvg-convert).
int shell(const std::string& command) { return std::system(command.c_str()); }

/// The SVG parses as XML with an <svg> root in the SVG namespace holding `polylines` lines, and
/// rsvg-convert renders it.
void check_svg(const std::string& path, int polylines, const std::string& must_contain) {
    const std::string py =
        "python3 -c \"import sys, xml.etree.ElementTree as E; r = E.parse(sys.argv[1]).getroot(); "
        "ns = '{http://www.w3.org/2000/svg}'; "
        "assert r.tag == ns + 'svg', r.tag; "
        "n = len(r.findall('.//' + ns + 'polyline')); "
        "assert n == int(sys.argv[2]), n; "
        "assert any(sys.argv[3] in (t.text or '') for t in r.iter(ns + 'text')), 'label'\" ";
    CHECK(shell(py + path + " " + std::to_string(polylines) + " '" + must_contain + "'") == 0);
    CHECK(shell("rsvg-convert " + path + " -o " + path + ".png") == 0);
    std::remove((path + ".png").c_str());
}

}  // namespace

TEST_CASE("optimise --format json: the hand-computed picks of the measured table") {
    const auto j = run_json(with(kTable, {"--latency-target-ms", "300"}));
    CHECK(j["report"] == "memory_optimiser");
    CHECK(j["overall"]["cheapest"]["memory_mb"] == 256);
    CHECK(j["overall"]["fastest"]["memory_mb"] == 1024);
    CHECK(j["overall"]["balanced"]["memory_mb"] == 512);
    CHECK(j["overall"]["meets_latency"]["memory_mb"] == 355);
    // 256 MB x 400 ms: 1e7 x (0.0000002 + 0.25 x 0.4 x 0.0000166667) = $18.6667
    CHECK(j["chosen"]["monthly_cost"].get<double>() == doctest::Approx(18.6667).epsilon(1e-9));
    CHECK(j["evaluated"]["from_mb"] == 128);
    CHECK(j["evaluated"]["to_mb"] == 1024);
    CHECK(j["flags"][0]["code"] == "not_extrapolated");
}

TEST_CASE("optimise reads power-tuning's output file and its visualisation URL") {
    const auto j = run_json({"optimise", "--requests-per-month", "10000000", "--no-free-tier", "--architectures",
                             "x86_64", "--power-tuning", test::data_file("power-tuning-output.json")});
    CHECK(j["overall"]["cheapest"]["memory_mb"] == 256);
    CHECK(j["method"] == "measurements");
    const auto u = run_json({"optimise", "--requests-per-month", "1000000", "--power-tuning-url",
                             "https://lambda-power-tuning.show/#gAAAAQACAAQABsAL;ZooQR4yvkUa/"
                             "pQRGRC5zRaADHUVjOftE;QdWhOEMkoziDT5Q4xhiIOMYYiDi6RNc4"});
    CHECK(u["evaluated"]["to_mb"] == 3008);
}

TEST_CASE("optimise: table and csv views") {
    const auto table = run_cli(with(kTable, {"--vm", "t3.micro", "--count", "1"}));
    REQUIRE(table.exit_code == 0);
    CHECK(table.out.find("Chosen (strategy cost): x86_64 256 MB, 400 ms, $18.67/month") != std::string::npos);
    CHECK(table.out.find("Break-even with t3.micro x1: ") != std::string::npos);
    const auto csv = run_cli(with(kTable, {"--format", "csv", "--step-mb", "1024"}));
    REQUIRE(csv.exit_code == 0);
    CHECK(csv.out.rfind("architecture,memory_mb,duration_ms,monthly_cost,currency,concurrency,peak_concurrency,"
                        "measured\r\n",
                        0) == 0);
    CHECK(csv.out.find("x86_64,256,400,18.6667,USD,") != std::string::npos);
}

TEST_CASE("optimise: bad input exits 2 with one line naming the flag") {
    const auto check_error = [](const std::vector<std::string>& args, const std::string& text) {
        const auto r = run_cli(args);
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK(test::one_line(r.err));
        CHECK_MESSAGE(r.err.find(text) != std::string::npos, r.err);
    };
    check_error({"optimise", "--requests-per-month", "1"}, "durations are required");
    check_error({"optimise", "--requests-per-month", "1", "--measured", "128:1"}, "--measured: optimise.measurements");
    check_error({"optimise", "--requests-per-month", "1", "--measured", "128:1,x"}, "--measured must list MB:MS");
    check_error({"optimise", "--requests-per-month", "1", "--measured", "128:1,256:1", "--step-mb", "2000"},
                "--step-mb: optimise.step_mb must be an integer in [1, 1024]");
    check_error({"optimise", "--requests-per-month", "1", "--model-duration-ms", "100", "--model-memory-mb", "1024",
                 "--cpu-share", "1.5"},
                "--cpu-share: optimise.model.cpu_share");
    check_error({"optimise", "--requests-per-month", "1", "--measured", "128:1,256:1", "--strategy", "latency"},
                "latency_target_ms is required by strategy latency");
    check_error({"optimise", "--requests-per-month", "1", "--power-tuning-url", "abc"}, "--power-tuning-url");
    check_error({"optimise", "--requests-per-month", "1", "--measured", "128:1,256:1", "--lang", "fr"}, "--lang");
}

TEST_CASE("--chart writes an SVG that parses as XML and renders: compare, sweep, optimise, in English and Japanese") {
    const std::string compare_svg = temp_path("compare.svg");
    auto r = run_cli({"compare", "--scenario", "-", "--chart", compare_svg}, test::read_data("issue-example.json"));
    REQUIRE(r.exit_code == 0);
    check_svg(compare_svg, 2, "break-even");  // a line per offering, a marker at the break-even point
    std::remove(compare_svg.c_str());

    const std::string sweep_svg = temp_path("sweep.svg");
    r = run_cli({"sweep", "--scenario", "-", "--chart", sweep_svg, "--lang", "ja", "--currency", "JPY"},
                test::read_data("issue-example.json"));
    REQUIRE(r.exit_code == 0);
    check_svg(sweep_svg, 2, "現在のトラフィック");  // the current-traffic marker, in Japanese
    std::ifstream file(sweep_svg);
    std::stringstream text;
    text << file.rdbuf();
    CHECK(text.str().find("xml:lang=\"ja\"") != std::string::npos);
    CHECK(text.str().find("¥") != std::string::npos);
    std::remove(sweep_svg.c_str());

    const std::string optimise_svg = temp_path("optimise.svg");
    r = run_cli({"optimise", "--requests-per-month", "10000000", "--measured", "128:1000,256:400,512:220,1024:200",
                 "--chart", optimise_svg});
    REQUIRE(r.exit_code == 0);
    check_svg(optimise_svg, 4, "chosen");  // cost and duration on each architecture
    std::remove(optimise_svg.c_str());

    r = run_cli({"sweep", "--scenario", "-", "--sweep-rps", "1,10", "--chart", "/tmp/x.svg"},
                test::read_data("issue-example.json"));
    CHECK(r.exit_code == 2);
    r = run_cli({"compare", "--scenario", "-", "--chart", "/nonexistent-dir/x.svg"},
                test::read_data("issue-example.json"));
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--chart: cannot write") != std::string::npos);
}
