// The SVG writer: labels escaped for XML, log axes, bounds. Structure and rendering of real
// charts: tests/cli/cli_optimise.cpp (xml.etree, rsvg-convert).
#include <costsim/error.hpp>
#include <costsim/svg_chart.hpp>
#include <doctest/doctest.h>

using namespace costsim;

namespace {

Chart one_line(std::string label) {
    Chart c{.title = std::string("cost by traffic"),
            .x = {std::string("traffic"), true, false},
            .y = {std::string("cost"), true, true}};
    c.series.push_back({std::move(label), {1, 10, 100}, {0, 5, 50}, 0, false});
    return c;
}

}  // namespace

TEST_CASE("labels are escaped: markup, control characters and invalid UTF-8 cannot break the document") {
    const std::string svg = to_svg(one_line("<script>&\"'\x1b\xff"));
    CHECK(svg.find("<script>") == std::string::npos);
    CHECK(svg.find("&lt;script&gt;&amp;&quot;&apos;\xEF\xBF\xBD\xEF\xBF\xBD") != std::string::npos);
    CHECK(svg.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"", 0) == 0);
    CHECK(svg.find("</svg>\n") == svg.size() - 7);
}

TEST_CASE("log axes: decade ticks, money ticks carry the currency, a zero sits on the lower edge") {
    Chart c = one_line("a");
    std::string svg = to_svg(c);
    CHECK(svg.find(">$10</text>") != std::string::npos);
    CHECK(svg.find(">100</text>") != std::string::npos);  // x: 1 .. 100
    c.currency = "JPY";
    svg = to_svg(c);
    CHECK(svg.find(">¥10</text>") != std::string::npos);
}

TEST_CASE("words in English and Japanese") {
    CHECK(chart_text(ChartLanguage::en, "break_even") == "break-even");
    CHECK(chart_text(ChartLanguage::ja, "break_even") == "損益分岐点");
    CHECK(money_axis_label(ChartLanguage::ja, "JPY") == "月額費用 (円)");
    CHECK(money_axis_label(ChartLanguage::en, "USD") == "Monthly cost (USD)");
    CHECK(chart_language_named("ja") == ChartLanguage::ja);
    CHECK_FALSE(chart_language_named("fr"));
}

TEST_CASE("bounds: an empty chart, mismatched lengths and long labels are refused") {
    CHECK_THROWS_AS((void)to_svg(Chart{}), InvalidInput);
    Chart c = one_line("a");
    c.series[0].y.pop_back();
    CHECK_THROWS_AS((void)to_svg(c), InvalidInput);
    CHECK_THROWS_AS((void)to_svg(one_line(std::string(201, 'a'))), InvalidInput);
    Chart many = one_line("a");
    many.series.resize(65, many.series[0]);
    CHECK_THROWS_AS((void)to_svg(many), LimitExceeded);
}

TEST_CASE("tornado rows and stacked panels") {
    Chart t{.title = std::string("tornado"), .x = {std::string("difference"), false, true}};
    t.rows = {{"duration_ms", 5, -2, 12}, {"response_kb", 5, 4, 6}};
    t.row_low_label = "low";
    t.row_high_label = "high";
    const std::string svg = to_svg(t);
    auto count = [](const std::string& s, const std::string& part) {
        std::size_t n = 0;
        for (auto at = s.find(part); at != std::string::npos; at = s.find(part, at + 1)) ++n;
        return n;
    };
    CHECK(count(svg, "class=\"tornado-row\"") == 2);
    CHECK(count(svg, "class=\"tornado-bar\"") == 4);
    CHECK(count(svg, "class=\"y-tick\"") == 0);  // the rows are the y axis
    CHECK(svg.find(">duration_ms</text>") != std::string::npos);

    const std::string both = to_svg(std::vector<Chart>{one_line("a"), t}, 900, 400);
    CHECK(count(both, "<svg ") == 3);
    CHECK(count(both, "class=\"panel\" x=\"0\" y=\"400\"") == 1);
    CHECK(count(both, "<?xml") == 1);
    CHECK(both.find("height=\"800\"") != std::string::npos);
    CHECK_THROWS_AS((void)to_svg(std::vector<Chart>{}), InvalidInput);
    t.rows[0].label = std::string(201, 'x');
    CHECK_THROWS_AS((void)to_svg(t), InvalidInput);
}
