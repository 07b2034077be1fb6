// Charts of reports: which figures go on which axis. No figure is computed here. Design/charts.md.
#include <costsim/charts.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace costsim {
namespace {

std::string short_number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3g", v);
    return buf;
}

/// An input's value in a tornado row: 4 significant digits (1024 MB, not 1.02e+03).
std::string row_number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g", v);
    return buf;
}

}  // namespace

CurveGrid chart_traffic_grid(const TrafficRange& range, const std::vector<double>& include, int points) {
    CurveGrid grid;
    grid.points = std::clamp(points, CurveLimits::min_points, CurveLimits::max_points);
    grid.log_spaced = true;
    double from = range.from_rps > 0 ? range.from_rps : range.to_rps / 1000.0;
    double to = range.to_rps;
    for (const double v : include)
        if (v > 0 && std::isfinite(v)) {
            from = std::min(from, v / 2);
            to = std::max(to, v);
        }
    grid.range.from_rps = from > 0 ? from : 0.001;
    grid.range.to_rps = std::min(std::max(to, grid.range.from_rps * 10), CompareLimits::max_rps);
    return grid;
}

Chart traffic_cost_chart(const Curves& curves, const std::vector<std::string>& labels,
                         const std::vector<BreakEven>& points, double current_rps, ChartLanguage lang) {
    Chart c;
    c.language = lang;
    c.currency = curves.currency;
    c.title = chart_text(lang, "cost_by_traffic");
    c.x = {chart_text(lang, "requests_per_second"), true, false};
    c.y = {money_axis_label(lang, curves.currency), true, true};
    const auto label_of = [&](const std::string& id) {
        for (std::size_t i = 0; i < curves.ids.size() && i < labels.size(); ++i)
            if (curves.ids[i] == id) return labels[i];
        return id;
    };
    std::vector<double> rps(static_cast<std::size_t>(curves.requests_per_month.size()));
    for (std::size_t j = 0; j < rps.size(); ++j)
        rps[j] = curves.requests_per_month[static_cast<Eigen::Index>(j)] / kSecondsPerMonth;
    for (std::size_t i = 0; i < curves.ids.size(); ++i) {
        ChartSeries s;
        s.label = label_of(curves.ids[i]);
        s.x = rps;
        s.y.assign(curves.totals[i].data(), curves.totals[i].data() + curves.totals[i].size());
        c.series.push_back(std::move(s));
    }
    const double lo = rps.empty() ? 0.0 : rps.front(), hi = rps.empty() ? 0.0 : rps.back();
    for (const BreakEven& p : points)
        if (p.requests_per_second >= lo && p.requests_per_second <= hi && c.markers.size() < ChartLimits::max_items)
            c.markers.push_back(
                {chart_text(lang, "break_even") + " " + short_number(p.requests_per_second), p.requests_per_second});
    if (current_rps > 0)
        c.markers.push_back({chart_text(lang, "current_traffic") + " " + short_number(current_rps), current_rps});
    for (const FleetSize& f : curves.fleets)
        if (f.runs_out() && f.runs_out_at_requests_per_second >= lo && f.runs_out_at_requests_per_second <= hi)
            c.markers.push_back(
                {label_of(f.offering_id) + ": " + chart_text(lang, "runs_out"), f.runs_out_at_requests_per_second});
    return c;
}

Chart memory_chart(const OptimiserResult& r, ChartLanguage lang) {
    Chart c;
    c.language = lang;
    c.currency = r.currency;
    c.title = chart_text(lang, "cost_by_memory");
    c.x = {chart_text(lang, "memory_mb"), false, false};
    c.y = {money_axis_label(lang, r.currency), false, true};
    c.y2 = ChartAxis{chart_text(lang, "duration_ms"), true, false};
    for (const Architecture arch : {Architecture::x86_64, Architecture::arm64}) {
        ChartSeries cost, duration;
        for (const MemoryRow& row : r.rows)
            if (row.architecture == arch) {
                cost.x.push_back(row.memory_mb);
                cost.y.push_back(row.monthly_cost);
                duration.x.push_back(row.memory_mb);
                duration.y.push_back(row.duration_ms);
            }
        if (cost.x.empty()) continue;
        cost.label = std::string(to_string(arch)) + " " + chart_text(lang, "cost");
        duration.label = std::string(to_string(arch)) + " " + chart_text(lang, "duration");
        duration.y_axis = 1;
        duration.dashed = true;
        c.series.push_back(std::move(cost));
        c.series.push_back(std::move(duration));
    }
    c.points.push_back({chart_text(lang, "chosen") + ": " + to_string(r.chosen.architecture) + " " +
                            std::to_string(r.chosen.memory_mb) + " MB",
                        static_cast<double>(r.chosen.memory_mb), r.chosen.monthly_cost, 0});
    return c;
}

Chart range_chart(const MonteCarloResult& r, const CostBands& bands, double current_rps, ChartLanguage lang) {
    Chart c;
    c.language = lang;
    c.currency = r.currency.currency;
    c.title = chart_text(lang, "cost_range_by_traffic");
    c.x = {chart_text(lang, "requests_per_second"), true, false};
    c.y = {money_axis_label(lang, r.currency.currency), true, true};
    for (std::size_t j = 0; j < bands.ids.size(); ++j) {
        ChartSeries median;
        median.label = bands.ids[j] + " " + chart_text(lang, "median");
        median.x = bands.requests_per_second;
        median.y = bands.p50[j];
        c.series.push_back(std::move(median));
        c.bands.push_back({bands.ids[j] + " " + chart_text(lang, "range_p5_p95"), bands.requests_per_second,
                           bands.p5[j], bands.p95[j], static_cast<int>(j), 0});
    }
    for (const BreakEvenBand& b : r.break_even)
        if (b.samples_with_point > 0)
            c.spans.push_back({chart_text(lang, "break_even_band") + " " + b.current_id + " / " + b.other_id + ": " +
                                   short_number(b.requests_per_second.p5) + "-" +
                                   short_number(b.requests_per_second.p95),
                               b.requests_per_second.p5, b.requests_per_second.p95});
    for (const SampledInput& in : r.inputs)
        if (in.name == "requests_per_month") {
            const double p5 = in.values.p5 / kSecondsPerMonth, p95 = in.values.p95 / kSecondsPerMonth;
            c.markers.push_back({chart_text(lang, "traffic_p5") + " " + short_number(p5), p5});
            c.markers.push_back({chart_text(lang, "traffic_p95") + " " + short_number(p95), p95});
        }
    if (current_rps > 0)
        c.markers.push_back({chart_text(lang, "current_traffic") + " " + short_number(current_rps), current_rps});
    c.note = chart_text(lang, "samples") + ": " + std::to_string(r.samples);
    return c;
}

Chart saving_chart(const MonteCarloResult& r, std::size_t offering, ChartLanguage lang) {
    const OfferingRange& o = r.offerings.at(offering);
    Chart c;
    c.language = lang;
    c.currency = r.currency.currency;
    c.title = chart_text(lang, "saving_against_current") + ": " + o.id;
    c.x = {chart_text(lang, "saving_axis") + " (" + r.currency.currency + ")", false, true};
    c.y = {chart_text(lang, "samples"), false, false};
    const Histogram& h = o.saving_histogram;
    const double width = h.counts.empty() ? 0.0 : (h.to - h.from) / double(h.counts.size());
    for (std::size_t b = 0; b < h.counts.size(); ++b)
        c.bars.push_back({h.from + width * double(b), b + 1 == h.counts.size() ? h.to : h.from + width * double(b + 1),
                          double(h.counts[b])});
    if (h.from < 0.0 && h.to > 0.0) c.markers.push_back({chart_text(lang, "no_saving"), 0.0});
    char share[32];
    std::snprintf(share, sizeof share, "%.1f %%", o.p_saving * 100.0);
    c.note = chart_text(lang, "current_choice") + ": " + r.current_id + "; " + chart_text(lang, "p_saving") + " = " +
             share + "; " + chart_text(lang, "samples") + ": " + std::to_string(r.samples);
    return c;
}

Chart tornado_chart(const FlipAnalysis& a, ChartLanguage lang) {
    Chart c;
    c.language = lang;
    c.currency = a.currency.currency;
    c.title = chart_text(lang, "tornado") + ": " + a.rival_id + " - " + a.cheapest_id;
    c.x = {chart_text(lang, "cost_difference") + " (" + a.currency.currency + ")", false, true};
    c.y = {chart_text(lang, "input"), false, false};
    const double base = a.rival_cost - a.cheapest_cost;
    for (const TornadoBar& b : a.tornado)
        c.rows.push_back({b.input + " " + row_number(b.low_value) + "-" + row_number(b.high_value) +
                              (b.unit.empty() ? "" : " " + b.unit),
                          base, b.difference_low, b.difference_high});
    c.row_low_label = chart_text(lang, "at_low") + " (x" + short_number(a.options.low_factor) + ")";
    c.row_high_label = chart_text(lang, "at_high") + " (x" + short_number(a.options.high_factor) + ")";
    c.markers.push_back({chart_text(lang, "now") + " " + short_number(base), base});
    c.markers.push_back({chart_text(lang, "flips"), 0.0});
    return c;
}

}  // namespace costsim
