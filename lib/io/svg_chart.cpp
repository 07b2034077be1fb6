// The SVG chart writer: places figures computed elsewhere on axes. Design/charts.md.
#include <costsim/error.hpp>
#include <costsim/svg_chart.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>

namespace costsim {
namespace {

struct Words {
    std::string_view key, en, ja;
};
constexpr Words kWords[] = {
    {"monthly_cost", "Monthly cost", "月額費用"},
    {"requests_per_second", "Requests per second", "リクエスト/秒"},
    {"memory_mb", "Memory (MB)", "メモリ (MB)"},
    {"duration_ms", "Duration (ms)", "実行時間 (ms)"},
    {"break_even", "break-even", "損益分岐点"},
    {"current_traffic", "current traffic", "現在のトラフィック"},
    {"chosen", "chosen", "選択"},
    {"cost_by_traffic", "Monthly cost by traffic", "トラフィック別の月額費用"},
    {"cost_by_memory", "Monthly cost and duration by memory size", "メモリサイズ別の月額費用と実行時間"},
    {"runs_out", "runs out", "容量上限"},
    {"saving", "Saving", "節約額"},
    {"samples", "Samples", "サンプル数"},
    {"range_p5_p95", "p5-p95", "p5〜p95"},
    {"cost", "cost", "費用"},
    {"duration", "duration", "実行時間"},
    {"measured", "measured", "実測"},
    {"cost_range_by_traffic", "Monthly cost by traffic: p5-p95 over the uncertain inputs",
     "トラフィック別の月額費用 (不確実な入力の p5〜p95)"},
    {"median", "p50", "中央値"},
    {"traffic_p5", "traffic p5", "トラフィック p5"},
    {"traffic_p95", "traffic p95", "トラフィック p95"},
    {"break_even_band", "break-even p5-p95", "損益分岐点 p5〜p95"},
    {"saving_against_current", "Monthly saving against the current choice", "現在の選択に対する月額の節約額"},
    {"saving_axis", "Saving", "節約額"},
    {"no_saving", "no saving", "節約なし"},
    {"current_choice", "current choice", "現在の選択"},
    {"p_saving", "P(saving > 0)", "節約となる確率"},
    {"tornado", "What moves the cost difference", "費用差を動かす入力"},
    {"cost_difference", "Cost difference, rival - cheapest", "費用差 (対抗 − 最安)"},
    {"input", "Input", "入力"},
    {"at_low", "at the low value", "低い値"},
    {"at_high", "at the high value", "高い値"},
    {"now", "now", "現在"},
    {"flips", "the cheapest flips", "最安が入れ替わる"},
};

constexpr std::array<std::string_view, 10> kColours = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd",
                                                       "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

/// Text safe inside an XML element or attribute: entities, and XML 1.0's forbidden characters
/// (controls other than tab and newline) replaced by U+FFFD.
std::string xml(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default:
                if (u < 0x20 && c != '\t')
                    out += "\xEF\xBF\xBD";
                else
                    out += c;
        }
    }
    // Invalid UTF-8 would make the document unreadable: replace every byte that does not start or
    // continue a well-formed sequence.
    std::string clean;
    clean.reserve(out.size());
    for (std::size_t i = 0; i < out.size();) {
        const auto b = static_cast<unsigned char>(out[i]);
        std::size_t n = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
        bool ok = n > 0 && i + n <= out.size();
        for (std::size_t k = 1; ok && k < n; ++k) ok = (static_cast<unsigned char>(out[i + k]) >> 6) == 2;
        if (ok) {
            clean.append(out, i, n);
            i += n;
        } else {
            clean += "\xEF\xBF\xBD";
            ++i;
        }
    }
    return clean;
}

std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
}

/// A tick's text: 3 significant digits, k/M/G above a thousand ("2.5k", "10M").
std::string tick_text(double v, bool money, std::string_view currency) {
    const char* suffix = "";
    double shown = v;
    const double a = std::abs(v);
    if (a >= 1e9) {
        shown = v / 1e9;
        suffix = "G";
    } else if (a >= 1e6) {
        shown = v / 1e6;
        suffix = "M";
    } else if (a >= 1e4) {
        shown = v / 1e3;
        suffix = "k";
    }
    char buf[48];
    std::snprintf(buf, sizeof buf, a >= 1 && a < 1e4 ? "%.4g%s" : "%.3g%s", shown, suffix);
    if (!money) return buf;
    return std::string(currency == "JPY" ? "¥" : "$") + buf;
}

/// A label's width in pixels at 12 px, estimated: 7 px a character, 12 px for one of three or more
/// UTF-8 bytes (CJK).
double label_width_px(std::string_view s) {
    double px = 0;
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        const std::size_t n = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : 4;
        px += n >= 3 ? 12.0 : 7.0;
        i += n;
    }
    return px;
}

struct Scale {
    double lo = 0.0, hi = 1.0;
    bool log = false;
    double px_lo = 0.0, px_hi = 1.0;  // pixels for lo and hi
    [[nodiscard]] double t(double v) const {
        if (log) {
            const double l = std::log10(std::max(v, lo));
            return (l - std::log10(lo)) / (std::log10(hi) - std::log10(lo));
        }
        return (v - lo) / (hi - lo);
    }
    [[nodiscard]] double px(double v) const { return px_lo + t(std::clamp(v, lo, hi)) * (px_hi - px_lo); }
    [[nodiscard]] std::vector<double> ticks() const {
        std::vector<double> out;
        if (log) {
            for (double d = std::pow(10.0, std::floor(std::log10(lo))); d <= hi * 1.0000001; d *= 10)
                for (double m : {1.0, 2.0, 5.0}) {
                    const double v = d * m;
                    if (v >= lo * 0.9999999 && v <= hi * 1.0000001) out.push_back(v);
                }
            // Many decades: powers of ten only.
            if (out.size() > 12)
                std::erase_if(out, [](double v) {
                    const double l = std::log10(v);
                    return std::abs(l - std::round(l)) > 1e-9;
                });
            return out;
        }
        const double raw = (hi - lo) / 6.0;
        const double mag = std::pow(10.0, std::floor(std::log10(raw)));
        double step = mag;
        for (double m : {1.0, 2.0, 5.0, 10.0})
            if (mag * m >= raw) {
                step = mag * m;
                break;
            }
        // a tick that accumulated rounding next to zero is zero (not "-0")
        for (double v = std::ceil(lo / step) * step; v <= hi + step * 1e-9; v += step)
            out.push_back(std::abs(v) < step * 1e-9 ? 0.0 : v);
        return out;
    }
};

/// The range of the finite values (positive only on a log axis), widened when empty or flat.
Scale scale_of(const std::vector<double>& values, bool log, bool from_zero) {
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (const double v : values)
        if (std::isfinite(v) && (!log || v > 0)) {
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    Scale s;
    s.log = log;
    if (!std::isfinite(lo)) {
        lo = log ? 1.0 : 0.0;
        hi = log ? 10.0 : 1.0;
    }
    if (log) {
        lo = std::pow(10.0, std::floor(std::log10(lo) + 1e-9));
        hi = std::pow(10.0, std::ceil(std::log10(hi) - 1e-9));
        if (hi <= lo) hi = lo * 10;
    } else {
        if (from_zero) lo = std::min(lo, 0.0);
        if (hi <= lo) hi = lo + (lo == 0 ? 1.0 : std::abs(lo));
        hi += (hi - lo) * 0.05;
    }
    s.lo = lo;
    s.hi = hi;
    return s;
}

void check_label(const std::string& label, const char* what) {
    if (label.size() > ChartLimits::max_label_chars)
        throw InvalidInput(std::string("chart.") + what, "a label of at most 200 bytes",
                           std::to_string(label.size()) + " bytes");
}

void check(const Chart& c) {
    if (c.series.size() > ChartLimits::max_series)
        throw LimitExceeded("chart.series", "a chart holds at most 64 series");
    for (const std::size_t n :
         {c.markers.size(), c.spans.size(), c.points.size(), c.bars.size(), c.bands.size(), c.rows.size()})
        if (n > ChartLimits::max_items) throw LimitExceeded("chart", "a chart holds at most 2,000 items of a kind");
    for (const ChartSeries& s : c.series) {
        if (s.x.size() != s.y.size()) throw InvalidInput("chart.series", "x and y of the same length", "a mismatch");
        if (s.x.size() > ChartLimits::max_points_per_series)
            throw LimitExceeded("chart.series", "a series holds at most 20,000 points");
        check_label(s.label, "series");
    }
    for (const ChartBand& b : c.bands)
        if (b.x.size() != b.low.size() || b.x.size() != b.high.size() ||
            b.x.size() > ChartLimits::max_points_per_series)
            throw InvalidInput("chart.bands", "x, low and high of the same length (at most 20,000)", "a mismatch");
    if (c.series.empty() && c.bars.empty() && c.bands.empty() && c.rows.empty())
        throw InvalidInput("chart", "a chart with a series, a band, bars or rows", "none");
    for (const std::string* l : {&c.title, &c.x.label, &c.y.label, &c.note, &c.row_low_label, &c.row_high_label})
        check_label(*l, "label");
    for (const ChartRow& r : c.rows) check_label(r.label, "rows");
    for (const ChartSpan& s : c.spans) check_label(s.label, "spans");
}

}  // namespace

std::optional<ChartLanguage> chart_language_named(std::string_view name) noexcept {
    if (name == "en") return ChartLanguage::en;
    if (name == "ja") return ChartLanguage::ja;
    return std::nullopt;
}

std::string chart_text(ChartLanguage lang, std::string_view key) {
    for (const Words& w : kWords)
        if (w.key == key) return std::string(lang == ChartLanguage::ja ? w.ja : w.en);
    return std::string(key);
}

std::string money_axis_label(ChartLanguage lang, std::string_view currency) {
    const bool yen = currency == "JPY";
    if (lang == ChartLanguage::ja) return chart_text(lang, "monthly_cost") + (yen ? " (円)" : " (米ドル)");
    return chart_text(lang, "monthly_cost") + " (" + std::string(currency) + ")";
}

std::string to_svg(const Chart& c, int width, int height) {
    check(c);
    width = std::clamp(width, 320, 4000);
    height = std::clamp(height, 240, 4000);
    const std::size_t row_legend = c.rows.empty() ? 0 : 2;
    const std::size_t legend_rows = (c.series.size() + c.bands.size() + row_legend + 2) / 3;
    double left = 84;
    if (!c.rows.empty()) {  // room for the rows' labels: ~7 px a character at 12 px, CJK twice that
        double widest = 0;
        for (const ChartRow& r : c.rows) widest = std::max(widest, label_width_px(r.label));
        left = std::clamp(widest + 16, 84.0, width / 2.0);
    }
    const double right = c.y2 ? 84 : 24, top = 44;
    const double bottom = 58 + 18.0 * static_cast<double>(legend_rows) + (c.note.empty() ? 0 : 18);
    const double plot_w = width - left - right, plot_h = std::max(60.0, height - top - bottom);

    std::vector<double> xs, ys, y2s;
    for (const ChartSeries& s : c.series) {
        xs.insert(xs.end(), s.x.begin(), s.x.end());
        (s.y_axis == 1 && c.y2 ? y2s : ys).insert((s.y_axis == 1 && c.y2 ? y2s : ys).end(), s.y.begin(), s.y.end());
    }
    for (const ChartBand& b : c.bands) {
        xs.insert(xs.end(), b.x.begin(), b.x.end());
        auto& target = b.y_axis == 1 && c.y2 ? y2s : ys;
        target.insert(target.end(), b.low.begin(), b.low.end());
        target.insert(target.end(), b.high.begin(), b.high.end());
    }
    for (const ChartBar& b : c.bars) {
        xs.push_back(b.from);
        xs.push_back(b.to);
        ys.push_back(b.value);
    }
    for (const ChartMarker& m : c.markers) xs.push_back(m.x);
    for (const ChartRow& r : c.rows) xs.insert(xs.end(), {r.base, r.low, r.high});
    for (const ChartSpan& s : c.spans) {
        xs.push_back(s.from);
        xs.push_back(s.to);
    }
    for (const ChartPoint& p : c.points) {
        xs.push_back(p.x);
        (p.y_axis == 1 && c.y2 ? y2s : ys).push_back(p.y);
    }
    Scale sx = scale_of(xs, c.x.log, false);
    // Linear x: no 5 % headroom on the right (data ends at the edge).
    if (!c.x.log) {
        sx.hi = -std::numeric_limits<double>::infinity();
        for (double v : xs)
            if (std::isfinite(v)) sx.hi = std::max(sx.hi, v);
        if (!(sx.hi > sx.lo)) sx.hi = sx.lo + 1;
    }
    Scale sy = scale_of(ys, c.y.log, true);
    Scale sy2 = scale_of(y2s, c.y2 && c.y2->log, true);
    sx.px_lo = left;
    sx.px_hi = left + plot_w;
    sy.px_lo = sy2.px_lo = top + plot_h;
    sy.px_hi = sy2.px_hi = top;
    const auto y_of = [&](int axis) -> const Scale& { return axis == 1 && c.y2 ? sy2 : sy; };

    std::string o;
    o.reserve(8192);
    o += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    o += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" + std::to_string(width) + "\" height=\"" +
         std::to_string(height) + "\" viewBox=\"0 0 " + std::to_string(width) + " " + std::to_string(height) +
         "\" xml:lang=\"" + (c.language == ChartLanguage::ja ? "ja" : "en") +
         "\" font-family=\"sans-serif\" font-size=\"12\">\n";
    o += "<title>" + xml(c.title) + "</title>\n";
    o += "<rect class=\"background\" x=\"0\" y=\"0\" width=\"" + std::to_string(width) + "\" height=\"" +
         std::to_string(height) + "\" fill=\"#ffffff\"/>\n";
    o += "<text class=\"chart-title\" x=\"" + num(width / 2.0) +
         "\" y=\"24\" text-anchor=\"middle\" font-size=\"16\" font-weight=\"bold\">" + xml(c.title) + "</text>\n";

    // Grid and axes.
    o += "<g class=\"axes\" stroke=\"#cccccc\" stroke-width=\"1\">\n";
    for (double v : sx.ticks())
        o += "<line x1=\"" + num(sx.px(v)) + "\" y1=\"" + num(top) + "\" x2=\"" + num(sx.px(v)) + "\" y2=\"" +
             num(top + plot_h) + "\"/>\n";
    const bool y_ticks = c.rows.empty();  // a tornado's y axis is its rows
    for (double v : y_ticks ? sy.ticks() : std::vector<double>{})
        o += "<line x1=\"" + num(left) + "\" y1=\"" + num(sy.px(v)) + "\" x2=\"" + num(left + plot_w) + "\" y2=\"" +
             num(sy.px(v)) + "\"/>\n";
    o += "<rect x=\"" + num(left) + "\" y=\"" + num(top) + "\" width=\"" + num(plot_w) + "\" height=\"" + num(plot_h) +
         "\" fill=\"none\" stroke=\"#333333\"/>\n</g>\n";
    o += "<g class=\"ticks\" fill=\"#333333\">\n";
    for (double v : sx.ticks())
        o += "<text class=\"x-tick\" x=\"" + num(sx.px(v)) + "\" y=\"" + num(top + plot_h + 16) +
             "\" text-anchor=\"middle\">" + xml(tick_text(v, c.x.money, c.currency)) + "</text>\n";
    for (double v : y_ticks ? sy.ticks() : std::vector<double>{})
        o += "<text class=\"y-tick\" x=\"" + num(left - 6) + "\" y=\"" + num(sy.px(v) + 4) + "\" text-anchor=\"end\">" +
             xml(tick_text(v, c.y.money, c.currency)) + "</text>\n";
    if (c.y2)
        for (double v : sy2.ticks())
            o += "<text class=\"y2-tick\" x=\"" + num(left + plot_w + 6) + "\" y=\"" + num(sy2.px(v) + 4) +
                 "\" text-anchor=\"start\">" + xml(tick_text(v, c.y2->money, c.currency)) + "</text>\n";
    o += "</g>\n";
    o += "<text class=\"x-label\" x=\"" + num(left + plot_w / 2) + "\" y=\"" + num(top + plot_h + 36) +
         "\" text-anchor=\"middle\">" + xml(c.x.label + (c.x.log ? " (log)" : "")) + "</text>\n";
    o += "<text class=\"y-label\" transform=\"translate(16 " + num(top + plot_h / 2) +
         ") rotate(-90)\" text-anchor=\"middle\">" + xml(c.y.label + (c.y.log ? " (log)" : "")) + "</text>\n";
    if (c.y2)
        o += "<text class=\"y2-label\" transform=\"translate(" + num(width - 14) + " " + num(top + plot_h / 2) +
             ") rotate(90)\" text-anchor=\"middle\">" + xml(c.y2->label + (c.y2->log ? " (log)" : "")) + "</text>\n";

    const auto colour = [](std::size_t i) { return std::string(kColours[i % kColours.size()]); };
    o += "<g class=\"spans\">\n";
    for (std::size_t i = 0; i < c.spans.size(); ++i) {
        const ChartSpan& s = c.spans[i];
        const double a = sx.px(std::min(s.from, s.to)), b = sx.px(std::max(s.from, s.to));
        o += "<rect class=\"span\" x=\"" + num(a) + "\" y=\"" + num(top) + "\" width=\"" + num(std::max(1.0, b - a)) +
             "\" height=\"" + num(plot_h) + "\" fill=\"#ffbf00\" fill-opacity=\"0.2\"><title>" + xml(s.label) +
             "</title></rect>\n";
        if (!s.label.empty())
            o += "<text class=\"span-label\" x=\"" + num(a + 3) + "\" y=\"" +
                 num(top + plot_h - 6 - 14.0 * static_cast<double>(i % 8)) + "\" font-size=\"11\" fill=\"#8a6500\">" +
                 xml(s.label) + "</text>\n";
    }
    o += "</g>\n<g class=\"bands\">\n";
    for (const ChartBand& b : c.bands) {
        const Scale& s = y_of(b.y_axis);
        std::string pts;
        for (std::size_t i = 0; i < b.x.size(); ++i)
            if (std::isfinite(b.x[i]) && std::isfinite(b.high[i]))
                pts += num(sx.px(b.x[i])) + "," + num(s.px(b.high[i])) + " ";
        for (std::size_t i = b.x.size(); i-- > 0;)
            if (std::isfinite(b.x[i]) && std::isfinite(b.low[i]))
                pts += num(sx.px(b.x[i])) + "," + num(s.px(b.low[i])) + " ";
        const std::string fill = b.series >= 0 ? colour(static_cast<std::size_t>(b.series)) : "#999999";
        o += "<polygon class=\"band\" points=\"" + pts + "\" fill=\"" + fill +
             "\" fill-opacity=\"0.2\" stroke=\"none\"/>\n";
    }
    o += "</g>\n<g class=\"bars\">\n";
    for (const ChartBar& b : c.bars) {
        if (!std::isfinite(b.from) || !std::isfinite(b.to) || !std::isfinite(b.value)) continue;
        const double a = sx.px(b.from), e = sx.px(b.to), y = sy.px(b.value);
        o += "<rect class=\"bar\" x=\"" + num(std::min(a, e)) + "\" y=\"" + num(y) + "\" width=\"" +
             num(std::abs(e - a)) + "\" height=\"" + num(top + plot_h - y) +
             "\" fill=\"#1f77b4\" fill-opacity=\"0.7\" stroke=\"#ffffff\"/>\n";
    }
    o += "</g>\n<g class=\"rows\">\n";
    const double row_h = c.rows.empty() ? 0.0 : plot_h / static_cast<double>(c.rows.size());
    const std::string low_colour(kColours[0]), high_colour(kColours[3]);
    for (std::size_t i = 0; i < c.rows.size(); ++i) {
        const ChartRow& r = c.rows[i];
        const double mid = top + row_h * (static_cast<double>(i) + 0.5), bar_h = std::min(24.0, row_h * 0.7);
        o += "<g class=\"tornado-row\"><text class=\"row-label\" x=\"" + num(left - 6) + "\" y=\"" + num(mid + 4) +
             "\" text-anchor=\"end\">" + xml(r.label) + "</text>";
        for (const auto& [end, colour] : {std::pair{r.low, low_colour}, std::pair{r.high, high_colour}}) {
            const bool ok = std::isfinite(r.base) && std::isfinite(end);
            const double a = ok ? sx.px(std::min(r.base, end)) : left, e = ok ? sx.px(std::max(r.base, end)) : left;
            o += "<rect class=\"tornado-bar\" x=\"" + num(a) + "\" y=\"" + num(mid - bar_h / 2) + "\" width=\"" +
                 num(std::max(1.0, e - a)) + "\" height=\"" + num(bar_h) + "\" fill=\"" + colour +
                 "\" fill-opacity=\"0.75\"/>";
        }
        o += "</g>\n";
    }
    o += "</g>\n<g class=\"series\" fill=\"none\" stroke-width=\"2\">\n";
    for (std::size_t i = 0; i < c.series.size(); ++i) {
        const ChartSeries& s = c.series[i];
        const Scale& ys_ = y_of(s.y_axis);
        std::string pts;
        for (std::size_t k = 0; k < s.x.size(); ++k)
            if (std::isfinite(s.x[k]) && std::isfinite(s.y[k]) && (!sx.log || s.x[k] > 0))
                pts += num(sx.px(s.x[k])) + "," + num(ys_.px(s.y[k])) + " ";
        o += "<polyline class=\"line\" points=\"" + pts + "\" stroke=\"" + colour(i) + "\"" +
             (s.dashed ? " stroke-dasharray=\"6 4\"" : "") + "><title>" + xml(s.label) + "</title></polyline>\n";
    }
    o += "</g>\n<g class=\"markers\" font-size=\"11\">\n";
    for (std::size_t i = 0; i < c.markers.size(); ++i) {
        const ChartMarker& m = c.markers[i];
        if (!std::isfinite(m.x) || (sx.log && m.x <= 0)) continue;
        const double x = sx.px(m.x);
        o += "<line class=\"marker\" x1=\"" + num(x) + "\" y1=\"" + num(top) + "\" x2=\"" + num(x) + "\" y2=\"" +
             num(top + plot_h) + "\" stroke=\"#444444\" stroke-dasharray=\"3 3\"/>\n";
        o += "<text class=\"marker-label\" transform=\"translate(" + num(x + 3) + " " + num(top + 4) +
             ") rotate(90)\" fill=\"#444444\">" + xml(m.label) + "</text>\n";
    }
    for (const ChartPoint& p : c.points) {
        if (!std::isfinite(p.x) || !std::isfinite(p.y)) continue;
        const double x = sx.px(p.x), y = y_of(p.y_axis).px(p.y);
        o += "<circle class=\"point\" cx=\"" + num(x) + "\" cy=\"" + num(y) +
             "\" r=\"5\" fill=\"#000000\" fill-opacity=\"0.8\"/>\n";
        o += "<text class=\"point-label\" x=\"" + num(x + 8) + "\" y=\"" + num(y - 8) + "\">" + xml(p.label) +
             "</text>\n";
    }
    o += "</g>\n<g class=\"legend\">\n";
    std::size_t slot = 0;
    const auto legend = [&](const std::string& label, const std::string& swatch) {
        const double lx = left + static_cast<double>(slot % 3) * (plot_w / 3);
        const std::size_t row = slot / 3;  // three entries a row
        const double ly = top + plot_h + 56 + 18.0 * static_cast<double>(row);
        o += "<g class=\"legend-item\" transform=\"translate(" + num(lx) + " " + num(ly) + ")\">" + swatch +
             "<text x=\"26\" y=\"4\">" + xml(label) + "</text></g>\n";
        ++slot;
    };
    for (std::size_t i = 0; i < c.series.size(); ++i)
        legend(c.series[i].label, "<line x1=\"0\" y1=\"0\" x2=\"20\" y2=\"0\" stroke=\"" + colour(i) +
                                      "\" stroke-width=\"2\"" +
                                      (c.series[i].dashed ? " stroke-dasharray=\"6 4\"" : "") + "/>");
    for (const ChartBand& b : c.bands)
        legend(b.label, "<rect x=\"0\" y=\"-5\" width=\"20\" height=\"10\" fill=\"" +
                            (b.series >= 0 ? colour(static_cast<std::size_t>(b.series)) : std::string("#999999")) +
                            "\" fill-opacity=\"0.2\"/>");
    if (!c.rows.empty()) {
        legend(c.row_low_label, "<rect x=\"0\" y=\"-5\" width=\"20\" height=\"10\" fill=\"" + low_colour + "\"/>");
        legend(c.row_high_label, "<rect x=\"0\" y=\"-5\" width=\"20\" height=\"10\" fill=\"" + high_colour + "\"/>");
    }
    o += "</g>\n";
    if (!c.note.empty())
        o += "<text class=\"note\" x=\"" + num(left) + "\" y=\"" + num(height - 10.0) + "\" fill=\"#555555\">" +
             xml(c.note) + "</text>\n";
    o += "</svg>\n";
    return o;
}

std::string to_svg(const std::vector<Chart>& panels, int width, int height) {
    if (panels.empty() || panels.size() > ChartLimits::max_panels)
        throw InvalidInput("chart.panels", "1 to " + std::to_string(ChartLimits::max_panels) + " panels",
                           std::to_string(panels.size()));
    width = std::clamp(width, 320, 4000);
    height = std::clamp(height, 240, 4000);
    const int total = height * static_cast<int>(panels.size());
    std::string o = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    o += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" + std::to_string(width) + "\" height=\"" +
         std::to_string(total) + "\" viewBox=\"0 0 " + std::to_string(width) + " " + std::to_string(total) +
         "\" xml:lang=\"" + (panels[0].language == ChartLanguage::ja ? "ja" : "en") + "\">\n";
    o += "<title>" + xml(panels[0].title) + "</title>\n";
    for (std::size_t i = 0; i < panels.size(); ++i) {
        std::string panel = to_svg(panels[i], width, height);
        panel.erase(0, panel.find("<svg "));  // the XML declaration
        // a nested <svg> placed at its offset
        panel.insert(4, " class=\"panel\" x=\"0\" y=\"" + std::to_string(height * static_cast<int>(i)) + "\"");
        o += panel;
    }
    o += "</svg>\n";
    return o;
}

}  // namespace costsim
