// The one serialiser of bills, comparisons, curves and catalogs (CLI --format json and the API).
// Numbers are unrounded; rounding is for presentation only. Schema: Design/report-schema.md.
#include <costsim/json.hpp>
#include <costsim/version.hpp>

#include <nlohmann/json.hpp>

namespace costsim {

using nlohmann::json;
using ordered = nlohmann::ordered_json;

namespace {

constexpr const char* kReportSchema = "cost-sim-report/1";

std::string str(std::string_view v) { return std::string(v); }

ordered bill_body(const Bill& b) {
    ordered j;
    j["id"] = str(b.offering_id);
    j["kind"] = str(b.kind);
    j["currency"] = str(b.currency);
    j["total"] = b.total;
    j["requests_per_month"] = b.requests_per_month;
    j["requests_per_second"] = b.requests_per_month / kSecondsPerMonth;
    ordered items = ordered::array();
    for (const LineItem& li : b.line_items) {
        ordered item;
        item["name"] = str(li.name);
        item["unit"] = str(li.unit);
        item["quantity"] = li.quantity;
        item["unit_price"] = li.unit_price;
        item["cost"] = li.cost;
        item["price_id"] = str(li.price_id);
        if (!li.note.empty()) item["note"] = str(li.note);
        items.push_back(std::move(item));
    }
    j["line_items"] = std::move(items);
    ordered conv = ordered::object();
    for (const Convention& c : b.conventions) {
        if (c.text.empty()) conv[str(c.name)] = c.value;
        else conv[str(c.name)] = str(c.text);
    }
    j["conventions"] = std::move(conv);
    ordered flags = ordered::array();
    for (const Flag& f : b.flags) flags.push_back({{"code", str(f.code)}, {"message", str(f.message)}});
    j["flags"] = std::move(flags);
    return j;
}

ordered header() {
    ordered j;
    j["schema"] = kReportSchema;
    j["generated_by"] = std::string("cost-sim ") + kVersion;
    return j;
}

ordered range_json(const TrafficRange& r) {
    return {{"from_rps", r.from_rps},
            {"to_rps", r.to_rps},
            {"from_requests_per_month", r.from_rps * kSecondsPerMonth},
            {"to_requests_per_month", r.to_rps * kSecondsPerMonth}};
}

ordered break_even_json(const BreakEven& p) {
    ordered j;
    j["between"] = {p.serverless_id, p.other_id};
    j["kind"] = to_string(p.kind);
    j["requests_per_month"] = p.requests_per_month;
    j["requests_per_second"] = p.requests_per_second;
    if (p.kind == BreakEven::Kind::tie) {
        j["until_requests_per_month"] = p.until_requests_per_month;
        j["until_requests_per_second"] = p.until_requests_per_month / kSecondsPerMonth;
    }
    j["cheaper_below"] = p.cheaper_below.empty() ? ordered(nullptr) : ordered(p.cheaper_below);
    j["cheaper_above"] = p.cheaper_above.empty() ? ordered(nullptr) : ordered(p.cheaper_above);
    j["cost"] = p.cost;
    return j;
}

std::string dump(const ordered& j, int indent) {
    return j.dump(indent, ' ', false, nlohmann::detail::error_handler_t::replace);
}

}  // namespace

std::string to_json(const Bill& bill, int indent) {
    ordered j = header();
    const ordered body = bill_body(bill);
    for (auto& [k, v] : body.items()) j[k] = v;
    return dump(j, indent);
}

std::string to_json(const Comparison& c, int indent) {
    ordered j = header();
    j["currency"] = c.currency.currency;
    j["jpy_per_usd"] = c.currency.jpy_per_usd;
    j["cheapest"] = c.cheapest_id;
    ordered results = ordered::array();
    for (const ComparedOffering& r : c.results) {
        ordered body = bill_body(r.bill);
        body["relative_to_cheapest"] = r.relative_to_cheapest;
        results.push_back(std::move(body));
    }
    j["results"] = std::move(results);
    j["range"] = range_json(c.range);
    ordered points = ordered::array();
    for (const BreakEven& p : c.break_even) points.push_back(break_even_json(p));
    j["break_even"] = std::move(points);
    return dump(j, indent);
}

std::string to_json(const std::vector<BreakEven>& points, const CurrencyOptions& currency, const TrafficRange& range,
                    int indent) {
    ordered j = header();
    j["currency"] = currency.currency;
    j["jpy_per_usd"] = currency.jpy_per_usd;
    j["range"] = range_json(range);
    ordered list = ordered::array();
    for (const BreakEven& p : points) list.push_back(break_even_json(p));
    j["break_even"] = std::move(list);
    return dump(j, indent);
}

std::string to_json(const Curves& c, int indent) {
    ordered j = header();
    j["currency"] = c.currency;
    j["requests_per_month"] = std::vector<double>(c.requests_per_month.data(), c.requests_per_month.data() + c.requests_per_month.size());
    ordered rps = ordered::array();
    for (Eigen::Index i = 0; i < c.requests_per_month.size(); ++i) rps.push_back(c.requests_per_month[i] / kSecondsPerMonth);
    j["requests_per_second"] = std::move(rps);
    ordered series = ordered::array();
    for (std::size_t i = 0; i < c.ids.size(); ++i)
        series.push_back({{"id", c.ids[i]},
                          {"totals", std::vector<double>(c.totals[i].data(), c.totals[i].data() + c.totals[i].size())}});
    j["series"] = std::move(series);
    return dump(j, indent);
}

std::string to_json(const Sweep& s, int indent) {
    ordered j = header();
    j["currency"] = s.currency;
    j["ids"] = s.ids;
    ordered cells = ordered::array();
    for (const SweepCell& c : s.cells)
        cells.push_back({{"requests_per_second", c.requests_per_second},
                         {"duration_ms", c.duration_ms},
                         {"memory_mb", c.memory_mb},
                         {"cheapest", s.ids.at(c.cheapest)},
                         {"totals", c.totals}});
    j["cells"] = std::move(cells);
    return dump(j, indent);
}

namespace {
ordered offering_json(const Offering& o) {
    ordered j;
    j["kind"] = o.kind();
    j["id"] = o.effective_id();
    if (auto* c = std::get_if<LambdaConfig>(&o.config)) {
        j["region"] = c->region;
        j["arch"] = to_string(c->arch);
        j["memory_mb"] = c->memory_mb;
        j["ephemeral_storage_mb"] = c->ephemeral_storage_mb;
        j["free_tier"] = c->free_tier;
        j["front_door"] = to_string(c->front_door);
        j["provisioned_concurrency"] = c->provisioned_concurrency;
    } else if (auto* v = std::get_if<VmFleetConfig>(&o.config)) {
        j["provider"] = v->provider;
        j["region"] = v->effective_region();
        j["instance"] = v->instance;
        if (v->count) j["count"] = *v->count;
        if (v->capacity_rps) j["capacity_rps"] = *v->capacity_rps;
        j["target_utilization"] = v->target_utilization;
        j["min_instances"] = v->min_instances;
        j["hours_per_month"] = v->hours_per_month;
        j["purchase"] = to_string(v->purchase);
        j["load_balancer"] = v->load_balancer;
        j["storage_gb"] = v->storage_gb;
        j["free_tier"] = v->free_tier;
    } else if (auto* r = std::get_if<CloudRunConfig>(&o.config)) {
        j["region"] = r->region;
        j["memory_mb"] = r->memory_mb;
        j["vcpu"] = r->vcpu;
        j["concurrency"] = r->concurrency;
        j["free_tier"] = r->free_tier;
    } else if (auto* a = std::get_if<AzureFunctionsConfig>(&o.config)) {
        j["region"] = a->region;
        j["memory_mb"] = a->memory_mb;
        j["free_tier"] = a->free_tier;
    }
    return j;
}
}  // namespace

std::string to_json(const Scenario& s, int indent) {
    ordered j;
    const Workload& w = s.workload;
    j["workload"] = {{"requests_per_month", w.requests_per_month}, {"duration_ms", w.duration_ms},
                     {"request_kb", w.request_kb}, {"response_kb", w.response_kb},
                     {"internet_percent", w.internet_percent}, {"peak_to_mean", w.peak_to_mean},
                     {"cold_start_percent", w.cold_start_percent}, {"init_duration_ms", w.init_duration_ms},
                     {"cpu_ms_per_request", w.cpu_ms_per_request},
                     {"new_connections_per_request", w.new_connections_per_request}};
    ordered list = ordered::array();
    for (const Offering& o : s.offerings) list.push_back(offering_json(o));
    j["offerings"] = std::move(list);
    j["currency"] = s.currency.currency;
    j["jpy_per_usd"] = s.currency.jpy_per_usd;
    return dump(j, indent);
}

namespace {
ordered entry_json(const PriceEntry& e) {
    ordered j;
    j["id"] = e.id;
    j["provider"] = e.provider;
    j["service"] = e.service;
    j["region"] = e.region;
    j["description"] = e.description;
    j["unit"] = e.unit;
    j["currency"] = e.currency;
    if (e.kind == EntryKind::price) {
        if (!e.tiered_in_source && e.tiers.size() == 1) j["price"] = e.tiers.front().price;
        else {
            ordered tiers = ordered::array();
            for (const PriceTier& t : e.tiers)
                tiers.push_back({{"from", t.from}, {"up_to", t.up_to == kUnbounded ? ordered(nullptr) : ordered(t.up_to)},
                                 {"price", t.price}});
            j["tiers"] = std::move(tiers);
        }
    } else if (e.kind == EntryKind::allowance) {
        j["allowance"] = e.allowance;
    } else {
        j["discount"] = e.discount;
    }
    if (e.instance) {
        ordered in = {{"name", e.instance->name}, {"vcpu", e.instance->vcpu}, {"memory_gib", e.instance->memory_gib},
                      {"arch", e.instance->arch}};
        if (e.instance->baseline_share) in["baseline_share"] = *e.instance->baseline_share;
        j["instance"] = std::move(in);
    }
    j["source"] = e.source;
    j["as_of"] = e.as_of;
    j["confidence"] = to_string(e.confidence);
    if (!e.note.empty()) j["note"] = e.note;
    return j;
}
}  // namespace

std::string catalog_to_json(const Catalog& catalog, std::string_view provider, std::string_view region, int indent) {
    ordered j;
    j["schema"] = "cost-sim-catalog/1";
    j["version"] = catalog.version();
    j["as_of"] = catalog.as_of();
    if (!catalog.overlays().empty()) j["overlays"] = catalog.overlays();
    ordered entries = ordered::array();
    for (const PriceEntry& e : catalog.entries())
        if ((provider.empty() || e.provider == provider) && (region.empty() || e.region == region))
            entries.push_back(entry_json(e));
    j["entries"] = std::move(entries);
    return dump(j, indent);
}

std::string entry_to_json(const PriceEntry& entry, int indent) { return dump(entry_json(entry), indent); }

std::string error_to_json(const Error& error) {
    return error_to_json(to_string(error.code()), error.what(), error.field());
}

std::string error_to_json(std::string_view code, std::string_view message, std::string_view field) {
    ordered e;
    e["code"] = str(code);
    e["message"] = str(message);
    e["field"] = field.empty() ? ordered(nullptr) : ordered(str(field));
    return dump(ordered{{"error", e}}, -1);
}

}  // namespace costsim
