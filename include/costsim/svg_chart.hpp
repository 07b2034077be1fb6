#pragma once
/// Self-contained SVG charts (no scripts, no external fonts or images): line series on linear or
/// log axes (a second y axis on the right), filled bands around a line, vertical spans and
/// markers, labelled points and a bar histogram; words in English or Japanese. A chart holds
/// figures the library computed; this writer only places them. Design/charts.md.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace costsim {

enum class ChartLanguage { en, ja };

/// "en" | "ja", or nullopt.
std::optional<ChartLanguage> chart_language_named(std::string_view name) noexcept;

/// A word of the charts in `lang`: "monthly_cost", "requests_per_second", "memory_mb",
/// "duration_ms", "break_even", "current_traffic", "chosen", "cost_by_traffic",
/// "cost_by_memory", "runs_out", "saving", "samples", "range_p5_p95", the range, saving and tornado
/// charts' words (lib/io/svg_chart.cpp's table); an unknown key is returned as is.
std::string chart_text(ChartLanguage lang, std::string_view key);
/// "Monthly cost (USD)", "月額費用 (円)".
std::string money_axis_label(ChartLanguage lang, std::string_view currency);

struct ChartAxis {
    std::string label{};
    bool log = false;    ///< log10 scale; values <= 0 are drawn on the axis' lower edge
    bool money = false;  ///< tick labels carry the chart's currency symbol
};

/// A line through (x[i], y[i]), drawn against the left (y_axis 0) or the right axis (1).
struct ChartSeries {
    std::string label{};
    std::vector<double> x{};
    std::vector<double> y{};
    int y_axis = 0;
    bool dashed = false;
};

/// A filled range low[i]..high[i] at x[i] (a cost's p5-p95), coloured like series `series` if
/// it names one (index), else grey.
struct ChartBand {
    std::string label{};
    std::vector<double> x{};
    std::vector<double> low{};
    std::vector<double> high{};
    int series = -1;
    int y_axis = 0;
};

/// A vertical band from x = from to x = to (a break-even band).
struct ChartSpan {
    std::string label{};
    double from = 0.0;
    double to = 0.0;
};

/// A vertical line at x with a label (a break-even point, the current traffic).
struct ChartMarker {
    std::string label{};
    double x = 0.0;
};

/// A labelled dot (the chosen memory size).
struct ChartPoint {
    std::string label{};
    double x = 0.0;
    double y = 0.0;
    int y_axis = 0;
};

/// One bar of a histogram: [from, to) on x, `value` high.
struct ChartBar {
    double from = 0.0;
    double to = 0.0;
    double value = 0.0;
};

/// A row of a tornado: a label on the left and two bars along x, from `base` to `low` and from
/// `base` to `high` (a figure with one input at its low and at its high value).
struct ChartRow {
    std::string label{};
    double base = 0.0;
    double low = 0.0;
    double high = 0.0;
};

struct Chart {
    std::string title{};
    ChartLanguage language = ChartLanguage::en;
    std::string currency = "USD";  ///< for money axes: "$", "¥"
    ChartAxis x{};
    ChartAxis y{};
    std::optional<ChartAxis> y2{};  ///< a right-hand axis for series with y_axis 1
    std::vector<ChartSeries> series{};
    std::vector<ChartBand> bands{};
    std::vector<ChartSpan> spans{};
    std::vector<ChartMarker> markers{};
    std::vector<ChartPoint> points{};
    std::vector<ChartBar> bars{};
    std::string note{};  ///< a line under the legend
    /// Tornado rows, top to bottom (the y axis is then the rows' labels), and the legend of their
    /// two bars.
    std::vector<ChartRow> rows{};
    std::string row_low_label{};
    std::string row_high_label{};
};

/// Bounds of what one chart may hold.
struct ChartLimits {
    static constexpr std::size_t max_series = 64;
    static constexpr std::size_t max_points_per_series = 20000;
    static constexpr std::size_t max_items = 2000;  ///< markers, spans, points, bars, bands, rows each
    static constexpr std::size_t max_panels = 32;
    static constexpr std::size_t max_label_chars = 200;
};

/// The SVG document (UTF-8, `width` x `height` px). Labels are escaped for XML (and characters XML
/// 1.0 forbids replaced); non-finite values are skipped.
/// \throws InvalidInput when the chart holds no data, the sizes disagree or a bound is exceeded.
std::string to_svg(const Chart& chart, int width = 900, int height = 560);

/// Several charts stacked top to bottom in one document (each a nested <svg>, `height` px high).
/// \throws InvalidInput as to_svg, or with no panel or more than max_panels.
std::string to_svg(const std::vector<Chart>& panels, int width = 900, int height = 560);

}  // namespace costsim
