// The one serialiser of bills, comparisons, curves and catalogs (CLI --format json and the API).
// Numbers are unrounded; rounding is for presentation only. Schema: Design/report-schema.md.
// Written straight into one string (JsonWriter): the bytes nlohmann::ordered_json::dump printed
// before, without building a tree first (the API's compare spent most of its time there).
#include "io/json_writer.hpp"

#include <costsim/curves_io.hpp>
#include <costsim/json.hpp>
#include <costsim/offering_kinds.hpp>
#include <costsim/version.hpp>

#include <algorithm>
#include <array>
#include <cstdint>

namespace costsim {

using detail::JsonWriter;

namespace {

constexpr std::string_view kReportSchema = "cost-sim-report/1";

/// Bytes to reserve for a document of about `compact_bytes` when printed compact; indentation
/// roughly doubles it.
std::size_t reserve_for(std::size_t compact_bytes, int indent) {
    return indent < 0 ? compact_bytes : 2 * compact_bytes;
}

void header_fields(JsonWriter& w) {
    static const std::string generated_by = std::string("cost-sim ") + kVersion;
    w.field("schema", kReportSchema);
    w.field("generated_by", generated_by);
}

void line_item(JsonWriter& w, const LineItem& li) {
    w.begin_object();
    w.field("name", li.name);
    w.field("unit", li.unit);
    w.field("quantity", li.quantity);
    w.field("unit_price", li.unit_price);
    w.field("cost", li.cost);
    w.field("price_id", li.price_id);
    w.field("confidence", to_string(li.confidence));
    if (!li.note.empty()) w.field("note", li.note);
    w.end_object();
}

/// Equal names have equal prints; distinct names of one bill almost never do.
std::uint32_t name_print(std::string_view s) {
    if (s.empty()) return 0;
    const auto byte = [s](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(s[i])); };
    return static_cast<std::uint32_t>(s.size()) << 24 ^ byte(0) << 16 ^ byte(s.size() / 2) << 8 ^ byte(s.size() - 1);
}

/// Bills of up to this many conventions are deduplicated through a small table (no allocation).
constexpr std::size_t kTableConventions = 64;
constexpr std::uint8_t kRepeated = 0xFF;

/// For each convention, the index of the one whose value its name takes (the last of that
/// name), or kRepeated for a name already given earlier: one pass, an open-addressing table of
/// the names' first places, compared by print first (bills repeat a few names, e.g. the traffic
/// conventions a bill adds to its model's).
void value_places(const std::vector<Convention>& list, std::array<std::uint8_t, kTableConventions>& value_of) {
    constexpr std::size_t kSlots = 2 * kTableConventions;  // at most half full
    std::array<std::uint8_t, kSlots> first_of{};           // 0: empty, else index + 1
    std::array<std::uint32_t, kSlots> print_of{};
    for (std::size_t i = 0; i < list.size(); ++i) {
        value_of[i] = static_cast<std::uint8_t>(i);
        const std::uint32_t print = name_print(list[i].name) | 1;
        std::size_t slot = (print * 0x9E3779B1u) >> 25;  // Fibonacci hashing to 7 bits
        bool repeated = false;
        for (; first_of[slot] != 0; slot = (slot + 1) % kSlots) {
            const std::size_t first = first_of[slot] - 1u;
            if (print_of[slot] == print && list[first].name == list[i].name) {
                value_of[first] = static_cast<std::uint8_t>(i);
                value_of[i] = kRepeated;
                repeated = true;
                break;
            }
        }
        if (!repeated) {
            first_of[slot] = static_cast<std::uint8_t>(i + 1);
            print_of[slot] = print;
        }
    }
}

void convention_value(JsonWriter& w, const Convention& c) {
    if (c.text.empty())
        w.value(c.value);
    else
        w.value(c.text);
}

/// A name -> number-or-text object. A repeated name keeps its first place and takes its last
/// value, as assigning into an ordered_json object did.
void conventions(JsonWriter& w, const std::vector<Convention>& list) {
    w.begin_object();
    if (list.size() <= kTableConventions) {
        std::array<std::uint8_t, kTableConventions>
            value_of;  // NOLINT(cppcoreguidelines-pro-type-member-init): value_places sets it
        value_places(list, value_of);
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (value_of[i] == kRepeated) continue;
            w.runtime_key(list[i].name);
            convention_value(w, list[value_of[i]]);
        }
        w.end_object();
        return;
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
        const Convention* value = &list[i];
        bool repeated = false;
        for (std::size_t k = 0; k < list.size() && !repeated; ++k) {
            if (k == i || list[k].name != list[i].name) continue;
            if (k < i)
                repeated = true;
            else
                value = &list[k];
        }
        if (repeated) continue;
        w.runtime_key(list[i].name);
        convention_value(w, *value);
    }
    w.end_object();
}

void flag(JsonWriter& w, const Flag& f) {
    w.begin_object();
    w.field("code", f.code);
    w.field("message", f.message);
    w.end_object();
}

/// A bill's fields, into an object the caller opened (reports add fields before or after).
void bill_fields(JsonWriter& w, const Bill& b) {
    w.field("id", b.offering_id);
    w.field("kind", b.kind);
    w.field("region", b.region);
    w.field("currency", b.currency);
    w.field("total", b.total);
    w.field("requests_per_month", b.requests_per_month);
    w.field("requests_per_second", b.requests_per_month / kSecondsPerMonth);
    w.key("line_items");
    w.begin_array();
    for (const LineItem& li : b.line_items) line_item(w, li);
    w.end_array();
    w.key("conventions");
    conventions(w, b.conventions);
    w.key("flags");
    w.begin_array();
    for (const Flag& f : b.flags) flag(w, f);
    w.end_array();
    if (b.series.empty()) return;  // only when asked (Scenario::include_series), under a profile
    w.key("series");
    w.begin_array();
    for (const BillSeries& s : b.series) {
        w.begin_object();
        w.field("name", s.name);
        w.field("unit", s.unit);
        w.field("aggregation", s.aggregation);
        w.field("interval_s", s.interval_s);
        w.key("values");
        w.begin_array();
        for (double v : s.values) w.value(v);
        w.end_array();
        w.end_object();
    }
    w.end_array();
}

std::size_t bill_bytes(const Bill& b) {
    std::size_t values = 0;
    for (const BillSeries& s : b.series) values += s.values.size();
    return 512 + 256 * b.line_items.size() + 48 * b.conventions.size() + 128 * b.flags.size() + 24 * values;
}

void range(JsonWriter& w, const TrafficRange& r) {
    w.begin_object();
    w.field("from_rps", r.from_rps);
    w.field("to_rps", r.to_rps);
    w.field("from_requests_per_month", r.from_rps * kSecondsPerMonth);
    w.field("to_requests_per_month", r.to_rps * kSecondsPerMonth);
    w.end_object();
}

/// An offering id, or null when empty (neither side is cheaper).
void id_or_null(JsonWriter& w, const std::string& id) {
    if (id.empty())
        w.value(nullptr);
    else
        w.value(id);
}

void break_even(JsonWriter& w, const BreakEven& p) {
    w.begin_object();
    w.key("between");
    w.begin_array();
    w.value(p.serverless_id);
    w.value(p.other_id);
    w.end_array();
    w.field("kind", to_string(p.kind));
    w.field("requests_per_month", p.requests_per_month);
    w.field("requests_per_second", p.requests_per_second);
    if (p.kind == BreakEven::Kind::tie) {
        w.field("until_requests_per_month", p.until_requests_per_month);
        w.field("until_requests_per_second", p.until_requests_per_month / kSecondsPerMonth);
    }
    w.key("cheaper_below");
    id_or_null(w, p.cheaper_below);
    w.key("cheaper_above");
    id_or_null(w, p.cheaper_above);
    w.field("cost", p.cost);
    w.field("beyond_capacity", p.beyond_capacity);
    w.field("method", p.method);
    if (p.method != "exact") w.field("tolerance", p.tolerance);
    w.end_object();
}

/// A number, or null when it is unbounded or unknown (`known` false).
void number_or_null(JsonWriter& w, double v, bool known) {
    if (known && v != kUnbounded)
        w.value(v);
    else
        w.value(nullptr);
}

void fleet_size(JsonWriter& w, const FleetSize& f) {
    w.begin_object();
    w.field("id", f.offering_id);
    w.field("instances", f.instances);
    w.field("fixed_count", f.fixed_count);
    w.field("load_balancer_azs", f.load_balancer_azs);
    w.field("public_ipv4_addresses", f.public_ipv4_addresses);
    w.key("capacity_rps");
    number_or_null(w, f.capacity_rps, f.capacity_rps > 0);
    w.key("runs_out_at_requests_per_month");
    number_or_null(w, f.runs_out_at_requests_per_month, f.runs_out());
    w.key("runs_out_at_requests_per_second");
    number_or_null(w, f.runs_out_at_requests_per_second, f.runs_out());
    w.end_object();
}

void break_even_list(JsonWriter& w, const std::vector<BreakEven>& points) {
    w.begin_array();
    for (const BreakEven& p : points) break_even(w, p);
    w.end_array();
}

void comparison_flags(JsonWriter& w, const std::vector<ComparisonFlag>& flags) {
    w.begin_array();
    for (const ComparisonFlag& f : flags) {
        w.begin_object();
        w.field("code", f.code);
        w.field("message", f.message);
        w.end_object();
    }
    w.end_array();
}

void verdict_break_even(JsonWriter& w, const VerdictBreakEven& s) {
    w.begin_object();
    w.field("story", to_string(s.story));
    w.field("changes", s.changes);
    w.field("from_requests_per_month", s.from_requests_per_month);
    w.field("from_requests_per_second", s.from_requests_per_second);
    w.field("to_requests_per_month", s.to_requests_per_month);
    w.field("to_requests_per_second", s.to_requests_per_second);
    w.key("cheaper_below");
    id_or_null(w, s.cheaper_below);
    w.key("cheaper_above");
    id_or_null(w, s.cheaper_above);
    w.field("beyond_capacity", s.beyond_capacity);
    w.end_object();
}

void verdict(JsonWriter& w, const Verdict& v) {
    w.begin_object();
    w.field("cheapest", v.cheapest_id);
    w.key("rival");
    id_or_null(w, v.rival_id);
    w.field("standing", to_string(v.standing));
    w.key("rival_relative_to_cheapest");
    number_or_null(w, v.rival_relative_to_cheapest, !v.rival_id.empty());
    w.key("break_even");
    if (v.break_even)
        verdict_break_even(w, *v.break_even);
    else
        w.value(nullptr);
    w.key("fixed_fleets");
    w.begin_array();
    for (const FleetSize& f : v.fixed_fleets) fleet_size(w, f);
    w.end_array();
    w.end_object();
}

template <class T>
void array(JsonWriter& w, const std::vector<T>& values) {
    w.begin_array();
    for (const T& v : values) w.value(v);
    w.end_array();
}

/// Indexed, not range-for: Eigen 3.3 arrays have no iterators.
void array(JsonWriter& w, const Eigen::ArrayXd& values) {
    w.begin_array();
    for (Eigen::Index i = 0; i < values.size(); ++i) w.value(values[i]);
    w.end_array();
}

}  // namespace

std::string to_json(const Bill& bill, int indent) {
    JsonWriter w(indent, reserve_for(bill_bytes(bill), indent));
    w.begin_object();
    header_fields(w);
    bill_fields(w, bill);
    w.end_object();
    return std::move(w).take();
}

namespace detail {

void write_comparison(JsonWriter& w, const Comparison& c) {
    w.begin_object();
    header_fields(w);
    w.field("currency", c.currency.currency);
    w.field("jpy_per_usd", c.currency.jpy_per_usd);
    w.field("cheapest", c.cheapest_id);
    w.key("results");
    w.begin_array();
    for (const ComparedOffering& r : c.results) {
        w.begin_object();
        bill_fields(w, r.bill);
        w.field("relative_to_cheapest", r.relative_to_cheapest);
        if (r.fleet) {
            w.key("fleet");
            fleet_size(w, *r.fleet);
        }
        w.end_object();
    }
    w.end_array();
    w.key("range");
    range(w, c.range);
    w.key("break_even");
    break_even_list(w, c.break_even);
    w.key("flags");
    comparison_flags(w, c.flags);
    w.key("verdict");
    verdict(w, c.verdict);
    w.end_object();
}

}  // namespace detail

std::string to_json(const Comparison& c, int indent) {
    if (indent < 0) {
        JsonWriter& w = detail::thread_writer();
        detail::write_comparison(w, c);
        return detail::take_thread_writer(w);
    }
    std::size_t bytes = 512 + 256 * c.break_even.size();
    for (const ComparedOffering& r : c.results) bytes += bill_bytes(r.bill);
    JsonWriter w(indent, reserve_for(bytes, indent));
    detail::write_comparison(w, c);
    return std::move(w).take();
}

std::string break_even_to_json(const Comparison& c, int indent) {
    JsonWriter w(indent, reserve_for(512 + 256 * c.break_even.size(), indent));
    w.begin_object();
    header_fields(w);
    w.field("currency", c.currency.currency);
    w.field("jpy_per_usd", c.currency.jpy_per_usd);
    w.key("range");
    range(w, c.range);
    w.key("break_even");
    break_even_list(w, c.break_even);
    w.key("flags");
    comparison_flags(w, c.flags);
    w.end_object();
    return std::move(w).take();
}

std::string to_json(const std::vector<BreakEven>& points, const CurrencyOptions& currency, const TrafficRange& r,
                    int indent) {
    JsonWriter w(indent, reserve_for(512 + 256 * points.size(), indent));
    w.begin_object();
    header_fields(w);
    w.field("currency", currency.currency);
    w.field("jpy_per_usd", currency.jpy_per_usd);
    w.key("range");
    range(w, r);
    w.key("break_even");
    break_even_list(w, points);
    w.end_object();
    return std::move(w).take();
}

std::string to_json(const Curves& c, int indent) {
    const auto points = static_cast<std::size_t>(c.requests_per_month.size());
    JsonWriter w(indent, reserve_for(256 + 24 * points * (2 + c.ids.size()), indent));
    w.begin_object();
    header_fields(w);
    w.field("currency", c.currency);
    w.key("requests_per_month");
    array(w, c.requests_per_month);
    w.key("requests_per_second");
    w.begin_array();
    for (Eigen::Index i = 0; i < c.requests_per_month.size(); ++i) w.value(c.requests_per_month[i] / kSecondsPerMonth);
    w.end_array();
    w.key("series");
    w.begin_array();
    for (std::size_t i = 0; i < c.ids.size(); ++i) {
        w.begin_object();
        w.field("id", c.ids[i]);
        w.key("totals");
        array(w, c.totals[i]);
        w.end_object();
    }
    w.end_array();
    w.key("fleets");
    w.begin_array();
    for (const FleetSize& f : c.fleets) fleet_size(w, f);
    w.end_array();
    w.key("flags");
    comparison_flags(w, c.flags);
    w.end_object();
    return std::move(w).take();
}

namespace {

/// A sweep's report up to its first cell: `{"schema":...,"ids":[...],"cells":[`.
void sweep_head(JsonWriter& w, const std::string& currency, const std::vector<std::string>& ids) {
    w.begin_object();
    header_fields(w);
    w.field("currency", currency);
    w.key("ids");
    array(w, ids);
    w.key("cells");
    w.begin_array();
}

void sweep_cell(JsonWriter& w, const std::vector<std::string>& ids, const SweepCell& c) {
    w.begin_object();
    w.field("requests_per_second", c.requests_per_second);
    w.field("duration_ms", c.duration_ms);
    w.field("memory_mb", c.memory_mb);
    w.field("cheapest", ids.at(c.cheapest));
    w.key("totals");
    array(w, c.totals);
    w.end_object();
}

void sweep_tail(JsonWriter& w, const std::vector<FleetSize>& fleets, const std::vector<ComparisonFlag>& flags) {
    w.end_array();
    w.key("fleets");
    w.begin_array();
    for (const FleetSize& f : fleets) fleet_size(w, f);
    w.end_array();
    w.key("flags");
    comparison_flags(w, flags);
    w.end_object();
}

}  // namespace

std::string to_json(const Sweep& s, int indent) {
    JsonWriter w(indent, reserve_for(256 + s.cells.size() * (128 + 24 * s.ids.size()), indent));
    sweep_head(w, s.currency, s.ids);
    for (const SweepCell& c : s.cells) sweep_cell(w, s.ids, c);
    sweep_tail(w, s.fleets, s.flags);
    return std::move(w).take();
}

struct SweepJsonStream::State {
    SweepSlices slices;
    JsonWriter writer;
    std::vector<SweepCell> cells;
    std::size_t next_slice = 0;
    bool done = false;
};

SweepJsonStream::SweepJsonStream(SweepSlices slices, int indent)
    : state_(std::make_unique<State>(State{std::move(slices), JsonWriter(indent, 1024), {}, 0, false})) {
    sweep_head(state_->writer, state_->slices.currency(), state_->slices.ids());
}

SweepJsonStream::~SweepJsonStream() = default;
SweepJsonStream::SweepJsonStream(SweepJsonStream&&) noexcept = default;
SweepJsonStream& SweepJsonStream::operator=(SweepJsonStream&&) noexcept = default;

bool SweepJsonStream::next(std::string& out) {
    State& s = *state_;
    if (s.done) return false;
    if (s.next_slice < s.slices.slice_count()) {
        s.slices.slice(s.next_slice++, s.cells);
        for (const SweepCell& c : s.cells) sweep_cell(s.writer, s.slices.ids(), c);
    }
    if (s.next_slice == s.slices.slice_count()) {
        sweep_tail(s.writer, s.slices.fleets(), s.slices.flags());
        s.done = true;
    }
    s.writer.move_to(out);
    return true;
}

namespace {

void workload(JsonWriter& w, const Workload& wl) {
    w.begin_object();
    w.field("requests_per_month", wl.requests_per_month);
    w.field("duration_ms", wl.duration_ms);
    w.field("request_kb", wl.request_kb);
    w.field("response_kb", wl.response_kb);
    w.field("internet_percent", wl.internet_percent);
    w.field("peak_to_mean", wl.peak_to_mean);
    w.field("cold_start_percent", wl.cold_start_percent);
    w.field("init_duration_ms", wl.init_duration_ms);
    w.field("cpu_ms_per_request", wl.cpu_ms_per_request);
    w.field("new_connections_per_request", wl.new_connections_per_request);
    if (wl.data_out_gb_per_month > 0) w.field("data_out_gb_per_month", wl.data_out_gb_per_month);
    if (wl.traffic) {
        // The profile's summary, never its series (up to 1,000,000 intervals).
        const TrafficProfile& t = *wl.traffic;
        const TrafficSummary summary = summarize(t, wl.requests_per_month);
        w.key("traffic");
        w.begin_object();
        w.field("source", t.source);
        w.field("absolute", t.absolute);
        w.field("interval_s", t.interval_s);
        w.field("intervals", t.requests.size());
        w.field("start_hour_of_week", t.start_hour_of_week);
        w.field("peak_to_mean", summary.peaks.front().peak_to_mean);
        w.end_object();
    }
    w.end_object();
}

void field_value(JsonWriter& w, const FieldValue& v) {
    std::visit(
        [&w](const auto& x) {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, std::vector<double>>) {
                w.begin_array();
                for (double d : x) w.value(d);
                w.end_array();
            } else if constexpr (!std::is_same_v<T, std::monostate>) {
                w.value(x);
            }
        },
        v);
}

/// An offering as its descriptor reports it: kind, id, label, then each field's reported value
/// (an unset one is left out; a group's fields in its nested object, left out when all are unset).
void offering(JsonWriter& w, const Offering& o) {
    w.begin_object();
    w.field("kind", o.kind());
    w.field("id", o.effective_id());
    if (!o.label.empty()) w.field("label", o.label);
    const auto fields = kind_of(o.config).fields;
    for (std::size_t i = 0; i < fields.size();) {
        const std::string_view group = fields[i].group();
        if (group.empty()) {
            const FieldValue v = fields[i++].report(o.config);
            if (std::holds_alternative<std::monostate>(v)) continue;
            w.runtime_key(fields[i - 1].name);
            field_value(w, v);
            continue;
        }
        bool open = false;
        for (; i < fields.size() && fields[i].group() == group; ++i) {
            const FieldValue v = fields[i].report(o.config);
            if (std::holds_alternative<std::monostate>(v)) continue;
            if (!open) {
                w.runtime_key(group);
                w.begin_object();
                open = true;
            }
            w.runtime_key(fields[i].key());
            field_value(w, v);
        }
        if (open) w.end_object();
    }
    w.end_object();
}

}  // namespace

std::string to_json(const TrafficSummary& s, const TrafficSeries* series, int indent) {
    JsonWriter w(indent, reserve_for(1024 + (series ? 24 * series->requests.size() : 0), indent));
    w.begin_object();
    header_fields(w);
    w.key("profile");
    w.begin_object();
    w.field("source", s.source);
    w.field("interval_s", s.interval_s);
    w.field("intervals", s.intervals);
    w.field("period_s", s.period_s);
    w.field("month_factor", s.month_factor);
    w.field("requests_per_month", s.requests_per_month);
    w.field("mean_requests_per_second", s.mean_requests_per_second);
    w.field("peak_to_mean", s.peaks.empty() ? 0.0 : s.peaks.front().peak_to_mean);
    w.key("peaks");
    w.begin_array();
    for (const TrafficPeak& p : s.peaks) {
        w.begin_object();
        w.field("granularity_s", p.granularity_s);
        w.field("requests_per_second", p.requests_per_second);
        w.field("peak_to_mean", p.peak_to_mean);
        w.end_object();
    }
    w.end_array();
    w.field("idle_share", s.idle_share);
    w.end_object();
    if (series) {
        w.key("series");
        w.begin_object();
        w.field("bucket_s", series->bucket_s);
        w.field("intervals_per_bucket", series->intervals_per_bucket);
        w.field("aggregation", "sum");
        w.key("requests");
        w.begin_array();
        for (double v : series->requests) w.value(v);
        w.end_array();
        w.end_object();
    }
    w.end_object();
    return std::move(w).take();
}

std::string to_json(const Scenario& s, int indent) {
    JsonWriter w(indent, reserve_for(512 + 384 * s.offerings.size(), indent));
    w.begin_object();
    w.key("workload");
    workload(w, s.workload);
    w.key("offerings");
    w.begin_array();
    for (const Offering& o : s.offerings) offering(w, o);
    w.end_array();
    w.field("currency", s.currency.currency);
    w.field("jpy_per_usd", s.currency.jpy_per_usd);
    w.end_object();
    return std::move(w).take();
}

namespace {

void price_tier(JsonWriter& w, const PriceTier& t) {
    w.begin_object();
    w.field("from", t.from);
    w.key("up_to");
    if (t.up_to == kUnbounded)
        w.value(nullptr);
    else
        w.value(t.up_to);
    w.field("price", t.price);
    w.end_object();
}

void instance(JsonWriter& w, const InstanceSpec& in) {
    w.begin_object();
    w.field("name", in.name);
    w.field("vcpu", in.vcpu);
    w.field("memory_gib", in.memory_gib);
    w.field("arch", in.arch);
    if (in.baseline_share) w.field("baseline_share", *in.baseline_share);
    w.end_object();
}

void entry(JsonWriter& w, const PriceEntry& e) {
    w.begin_object();
    w.field("id", e.id);
    w.field("provider", e.provider);
    w.field("service", e.service);
    w.field("region", e.region);
    w.field("description", e.description);
    w.field("unit", e.unit);
    w.field("currency", e.currency);
    if (e.kind == EntryKind::price) {
        if (!e.tiered_in_source && e.tiers.size() == 1) {
            w.field("price", e.tiers.front().price);
        } else {
            w.key("tiers");
            w.begin_array();
            for (const PriceTier& t : e.tiers) price_tier(w, t);
            w.end_array();
        }
    } else if (e.kind == EntryKind::allowance) {
        w.field("allowance", e.allowance);
    } else {
        w.field("discount", e.discount);
    }
    if (e.instance) {
        w.key("instance");
        instance(w, *e.instance);
    }
    if (e.reserved) {
        w.key("reserved");
        w.begin_object();
        w.field("term", e.reserved->term);
        w.field("payment", e.reserved->payment);
        w.field("upfront", e.reserved->upfront);
        w.end_object();
    }
    w.field("source", e.source);
    w.field("as_of", e.as_of);
    w.field("confidence", to_string(e.confidence));
    if (!e.note.empty()) w.field("note", e.note);
    w.end_object();
}

}  // namespace

std::string catalog_to_json(const Catalog& catalog, std::string_view provider, std::string_view region, int indent) {
    const auto selected = [&](const PriceEntry& e) {
        return (provider.empty() || e.provider == provider) && (region.empty() || e.region == region);
    };
    const auto count = std::count_if(catalog.entries().begin(), catalog.entries().end(), selected);
    JsonWriter w(indent, reserve_for(256 + 512 * static_cast<std::size_t>(count), indent));
    w.begin_object();
    w.field("schema", "cost-sim-catalog/1");
    w.field("version", catalog.version());
    w.field("as_of", catalog.as_of());
    if (!catalog.overlays().empty()) {
        w.key("overlays");
        array(w, catalog.overlays());
    }
    w.key("entries");
    w.begin_array();
    for (const PriceEntry& e : catalog.entries())
        if (selected(e)) entry(w, e);
    w.end_array();
    w.end_object();
    return std::move(w).take();
}

std::string entry_to_json(const PriceEntry& e, int indent) {
    JsonWriter w(indent, reserve_for(1024, indent));
    entry(w, e);
    return std::move(w).take();
}

std::string error_to_json(const Error& error) {
    return error_to_json(to_string(error.code()), error.what(), error.field());
}

std::string error_to_json(std::string_view code, std::string_view message, std::string_view field) {
    return "{\"error\":" + detail::error_object_json(code, message, field) + "}";
}

std::string detail::error_object_json(std::string_view code, std::string_view message, std::string_view field) {
    JsonWriter w(-1, 128 + message.size());
    w.begin_object();
    w.field("code", code);
    w.field("message", message);
    w.key("field");
    if (field.empty())
        w.value(nullptr);
    else
        w.value(field);
    w.end_object();
    return std::move(w).take();
}

}  // namespace costsim
