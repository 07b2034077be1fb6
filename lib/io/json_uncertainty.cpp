// Reports of Monte Carlo ranges and "what would flip it" (Design/report-schema.md#ranges, #flip).
#include "io/json_writer.hpp"

#include <costsim/json.hpp>
#include <costsim/version.hpp>

namespace costsim {

using detail::JsonWriter;

namespace {

void header(JsonWriter& w, const CurrencyOptions& currency, const TrafficRange& range) {
    static const std::string generated_by = std::string("cost-sim ") + kVersion;
    w.field("schema", std::string_view("cost-sim-report/1"));
    w.field("generated_by", generated_by);
    w.field("currency", currency.currency);
    w.field("jpy_per_usd", currency.jpy_per_usd);
    w.key("range");
    w.begin_object();
    w.field("from_rps", range.from_rps);
    w.field("to_rps", range.to_rps);
    w.field("from_requests_per_month", range.from_rps * kSecondsPerMonth);
    w.field("to_requests_per_month", range.to_rps * kSecondsPerMonth);
    w.end_object();
}

void summary(JsonWriter& w, const SampleSummary& s) {
    w.begin_object();
    w.field("mean", s.mean);
    w.field("p5", s.p5);
    w.field("p50", s.p50);
    w.field("p95", s.p95);
    w.field("min", s.min);
    w.field("max", s.max);
    w.end_object();
}

void text_or_null(JsonWriter& w, const std::string& s) {
    if (s.empty())
        w.value(nullptr);
    else
        w.value(s);
}

void flip_point(JsonWriter& w, const FlipPoint& p) {
    w.begin_object();
    w.field("found", p.found);
    w.key("value");
    if (p.found)
        w.value(p.value);
    else
        w.value(nullptr);
    w.key("cheapest_past");
    text_or_null(w, p.cheapest_past);
    w.field("method", std::string_view(to_string(p.method)));
    w.field("tolerance", p.tolerance);
    w.field("searched_to", p.searched_to);
    w.end_object();
}

}  // namespace

std::string to_json(const MonteCarloResult& r, int indent) {
    JsonWriter w(indent, 2048 + 1024 * r.offerings.size());
    w.begin_object();
    header(w, r.currency, r.range);
    w.field("samples", static_cast<std::uint64_t>(r.samples));
    w.field("seed", r.seed);
    w.field("horizon_months", r.horizon_months);
    w.field("current_id", r.current_id);
    w.key("inputs");
    w.begin_array();
    for (const SampledInput& in : r.inputs) {
        w.begin_object();
        w.field("name", in.name);
        w.field("distribution", std::string_view(to_string(in.distribution)));
        w.key("values");
        summary(w, in.values);
        w.field("clamped", static_cast<std::uint64_t>(in.clamped));
        w.end_object();
    }
    w.end_array();
    w.key("offerings");
    w.begin_array();
    for (const OfferingRange& o : r.offerings) {
        w.begin_object();
        w.field("id", o.id);
        w.field("usage_priced", o.usage_priced);
        w.field("plain_cost", o.plain_cost);
        w.key("cost");
        summary(w, o.cost);
        w.field("p_cheapest", o.p_cheapest);
        w.key("saving");
        summary(w, o.saving);
        w.field("p_saving", o.p_saving);
        w.key("saving_histogram");
        w.begin_object();
        w.field("from", o.saving_histogram.from);
        w.field("to", o.saving_histogram.to);
        w.key("counts");
        w.begin_array();
        for (const std::size_t c : o.saving_histogram.counts) w.value(static_cast<std::uint64_t>(c));
        w.end_array();
        w.end_object();
        w.end_object();
    }
    w.end_array();
    w.key("break_even");
    w.begin_array();
    for (const BreakEvenBand& b : r.break_even) {
        w.begin_object();
        w.field("current_id", b.current_id);
        w.field("other_id", b.other_id);
        w.field("samples_searched", static_cast<std::uint64_t>(b.samples_searched));
        w.field("samples_with_point", static_cast<std::uint64_t>(b.samples_with_point));
        w.key("requests_per_month");
        summary(w, b.requests_per_month);
        w.key("requests_per_second");
        summary(w, b.requests_per_second);
        w.end_object();
    }
    w.end_array();
    w.end_object();
    return std::move(w).take();
}

std::string to_json(const FlipAnalysis& a, int indent) {
    JsonWriter w(indent, 4096 + 512 * a.flips.size());
    w.begin_object();
    header(w, a.currency, a.range);
    w.field("cheapest_id", a.cheapest_id);
    w.key("rival_id");
    text_or_null(w, a.rival_id);
    w.field("cheapest_cost", a.cheapest_cost);
    w.field("rival_cost", a.rival_cost);
    w.field("low_factor", a.options.low_factor);
    w.field("high_factor", a.options.high_factor);
    w.key("flips");
    w.begin_array();
    for (const InputFlip& f : a.flips) {
        w.begin_object();
        w.field("input", f.input);
        w.field("unit", f.unit);
        w.key("offering_id");
        text_or_null(w, f.offering_id);
        w.field("value", f.value);
        w.key("up");
        flip_point(w, f.up);
        w.key("down");
        flip_point(w, f.down);
        w.end_object();
    }
    w.end_array();
    w.key("statements");
    w.begin_array();
    for (const FlipStatement& s : a.statements) {
        w.begin_object();
        w.field("stays_cheapest", s.stays_cheapest);
        w.field("input", s.input);
        w.field("unit", s.unit);
        w.key("offering_id");
        text_or_null(w, s.offering_id);
        w.field("direction", std::string_view(s.rising ? "rises_above" : "falls_below"));
        w.field("current", s.current);
        w.field("value", s.value);
        w.key("relative_change");
        if (s.relative_change == kUnbounded)
            w.value(nullptr);
        else
            w.value(s.relative_change);
        w.field("then_cheapest", s.then_cheapest);
        w.end_object();
    }
    w.end_array();
    w.key("tornado");
    w.begin_array();
    for (const TornadoBar& b : a.tornado) {
        w.begin_object();
        w.field("input", b.input);
        w.field("unit", b.unit);
        w.key("offering_id");
        text_or_null(w, b.offering_id);
        w.field("low_value", b.low_value);
        w.field("high_value", b.high_value);
        w.field("cheapest_cost_low", b.cheapest_cost_low);
        w.field("cheapest_cost_high", b.cheapest_cost_high);
        w.field("difference_low", b.difference_low);
        w.field("difference_high", b.difference_high);
        w.field("cheapest_at_low", b.cheapest_at_low);
        w.field("cheapest_at_high", b.cheapest_at_high);
        w.field("swing", b.swing);
        w.end_object();
    }
    w.end_array();
    w.key("skipped");
    w.begin_array();
    for (const SkippedInput& s : a.skipped) {
        w.begin_object();
        w.field("input", s.input);
        w.field("reason", s.reason);
        w.end_object();
    }
    w.end_array();
    w.key("not_searched");
    w.begin_array();
    for (const std::string& name : a.not_searched) w.value(name);
    w.end_array();
    w.field("evaluations", static_cast<std::uint64_t>(a.evaluations));
    w.end_object();
    return std::move(w).take();
}

}  // namespace costsim
