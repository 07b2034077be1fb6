// `cost-sim range --chart` and `cost-sim flip --chart`, run as subprocesses: the SVG parsed as XML
// (python3's xml.etree) and its structure counted (a band polygon and a p50 line per offering, a
// histogram bar per bin, a tornado row per input with its two bars), rendered with rsvg-convert
// (librsvg2-bin) without error; no pixel comparison.
#include "run_cli.hpp"

#include <costsim/monte_carlo.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <unistd.h>

using test::run_cli;

namespace {

std::string temp_path(const std::string& name) { return "/tmp/costsim-cli-" + std::to_string(::getpid()) + "-" + name; }

/// The SVG's structure, counted by python3's xml.etree (the root must be <svg> in the SVG
/// namespace), and whether rsvg-convert renders it.
nlohmann::json svg_structure(const std::string& path) {
    const std::string out = path + ".json";
    const std::string py =
        "python3 -c \"import sys, json, xml.etree.ElementTree as E\n"
        "r = E.parse(sys.argv[1]).getroot(); ns = '{http://www.w3.org/2000/svg}'\n"
        "assert r.tag == ns + 'svg', r.tag\n"
        "cls = lambda tag, c: [e for e in r.iter(ns + tag) if e.get('class') == c]\n"
        "print(json.dumps({'panels': len(cls('svg', 'panel')), 'bands': len(cls('polygon', 'band')),\n"
        "  'lines': len(cls('polyline', 'line')), 'bars': len(cls('rect', 'bar')), 'spans': len(cls('rect', 'span')),\n"
        "  'rows': len(cls('g', 'tornado-row')), 'tornado_bars': len(cls('rect', 'tornado-bar')),\n"
        "  'markers': len(cls('line', 'marker')), 'lang': r.get('{http://www.w3.org/XML/1998/namespace}lang'),\n"
        "  'texts': [t.text or '' for t in r.iter(ns + 'text')]}))\" ";
    REQUIRE(std::system((py + path + " > " + out).c_str()) == 0);
    std::ifstream file(out);
    std::stringstream text;
    text << file.rdbuf();
    std::remove(out.c_str());
    auto j = nlohmann::json::parse(text.str());
    j["renders"] = std::system(("rsvg-convert " + path + " -o " + path + ".png").c_str()) == 0;
    std::remove((path + ".png").c_str());
    return j;
}

bool has_text(const nlohmann::json& j, const std::string& part) {
    for (const auto& t : j["texts"])
        if (t.get<std::string>().find(part) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("range --chart: a band and a p50 line per offering, the break-even band, a histogram per saving") {
    const std::string svg = temp_path("range.svg");
    // three offerings, current = the first: two savings, each a histogram of histogram_bins bars
    const auto r = run_cli({"range", "--requests-per-second", "5", "--memory-mb", "512", "--vm", "t3.micro:1", "--vm",
                            "t3.small:1", "--rps-dist", "lognormal:5,20", "--duration-dist", "triangular:60,100,250",
                            "--samples", "3000", "--chart", svg});
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("P(cheapest)") != std::string::npos);  // the table is still printed
    const auto j = svg_structure(svg);
    CHECK(j["renders"] == true);
    CHECK(j["panels"] == 3);  // the bands, then a histogram for each of the two other offerings
    CHECK(j["bands"] == 3);
    CHECK(j["lines"] == 3);
    CHECK(j["bars"] == 2 * costsim::MonteCarloLimits::histogram_bins);
    CHECK(j["spans"].get<int>() >= 1);  // the break-even band of Lambda / t3.micro
    CHECK(has_text(j, "break-even p5-p95"));
    CHECK(has_text(j, "traffic p95"));
    CHECK(has_text(j, "Monthly saving against the current choice"));
    CHECK(j["lang"] == "en");
    std::remove(svg.c_str());
}

TEST_CASE("range --chart in Japanese and yen; traffic alone uncertain still draws a band per offering") {
    const std::string svg = temp_path("range-ja.svg");
    const auto r =
        run_cli({"range", "--requests-per-second", "5", "--vm", "t3.micro", "--count", "1", "--rps-dist", "uniform:1,9",
                 "--samples", "500", "--currency", "JPY", "--lang", "ja", "--chart", svg, "--format", "json"});
    REQUIRE(r.exit_code == 0);
    CHECK(nlohmann::json::parse(r.out)["samples"] == 500);  // the JSON answer is unchanged
    const auto j = svg_structure(svg);
    CHECK(j["renders"] == true);
    CHECK(j["panels"] == 2);
    CHECK(j["bands"] == 2);
    CHECK(j["bars"] == costsim::MonteCarloLimits::histogram_bins);
    CHECK(j["lang"] == "ja");
    CHECK(has_text(j, "月額費用 (円)"));
    CHECK(has_text(j, "現在の選択に対する月額の節約額"));
    CHECK(has_text(j, "¥"));
    std::remove(svg.c_str());

    const auto bad = run_cli({"range", "--requests-per-second", "5", "--lang", "fr", "--chart", svg});
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("--lang") != std::string::npos);
    const auto unwritable = run_cli({"range", "--requests-per-second", "5", "--chart", "/nonexistent-dir/x.svg"});
    CHECK(unwritable.exit_code == 2);
    CHECK(unwritable.err.find("--chart: cannot write") != std::string::npos);
}

TEST_CASE("flip --chart: the tornado, a row per input with a bar to its low and to its high value") {
    const std::vector<std::string> args = {"flip",     "--requests-per-month",
                                           "10000000", "--duration-ms",
                                           "50",       "--memory-mb",
                                           "512",      "--vm",
                                           "t3.micro", "--count",
                                           "1"};
    auto json_args = args;
    json_args.insert(json_args.end(), {"--format", "json"});
    const auto analysis = run_cli(json_args);
    REQUIRE(analysis.exit_code == 0);
    const auto inputs = nlohmann::json::parse(analysis.out)["tornado"].size();
    REQUIRE(inputs >= 3);

    const std::string svg = temp_path("tornado.svg");
    auto chart_args = args;
    chart_args.insert(chart_args.end(), {"--chart", svg});
    REQUIRE(run_cli(chart_args).exit_code == 0);
    auto j = svg_structure(svg);
    CHECK(j["renders"] == true);
    CHECK(j["rows"] == inputs);
    CHECK(j["tornado_bars"] == 2 * inputs);
    CHECK(j["markers"] == 2);  // the base case's difference and zero, where the cheapest flips
    CHECK(has_text(j, "What moves the cost difference"));
    CHECK(has_text(j, "duration_ms"));

    chart_args.insert(chart_args.end(), {"--lang", "ja"});
    REQUIRE(run_cli(chart_args).exit_code == 0);
    j = svg_structure(svg);
    CHECK(j["renders"] == true);
    CHECK(j["rows"] == inputs);
    CHECK(has_text(j, "費用差を動かす入力"));
    std::remove(svg.c_str());

    const auto alone = run_cli({"flip", "--requests-per-month", "10000000", "--chart", svg});
    CHECK(alone.exit_code == 2);
    CHECK(alone.err.find("--chart draws the tornado") != std::string::npos);
}
