// A portfolio's document and report (Design/report-schema.md#portfolio). Workloads and offerings
// are read by the scenario parser's own readers, so their fields and errors are the same.
#include <costsim/portfolio_json.hpp>

#include <costsim/csv.hpp>
#include <costsim/error.hpp>
#include <costsim/version.hpp>

#include "io/json_document.hpp"
#include "io/json_scenario_readers.hpp"
#include "io/json_writer.hpp"

#include <algorithm>
#include <initializer_list>

namespace costsim {

namespace {

using detail::JsonDocument;
using detail::JsonKind;
using detail::JsonValue;
using detail::JsonWriter;

std::string kind_name(const JsonValue& v) {
    switch (v.kind) {
        case JsonKind::null: return "null";
        case JsonKind::boolean: return "a boolean";
        case JsonKind::number: return "a number";
        case JsonKind::string: return "a string";
        case JsonKind::array: return "an array";
        case JsonKind::object: return "an object";
    }
    return "an object";
}

/// An object whose keys must be among `allowed`.
void require_object(const JsonDocument& doc, const JsonValue& v, const std::string& path,
                    std::initializer_list<std::string_view> allowed) {
    if (v.kind != JsonKind::object) throw InvalidInput(path.empty() ? "body" : path, "an object", kind_name(v));
    for (const auto& member : doc.children(v))
        if (std::find(allowed.begin(), allowed.end(), member.key) == allowed.end()) {
            const std::string field = path.empty() ? std::string(member.key) : path + "." + std::string(member.key);
            std::string known;
            for (std::string_view k : allowed) (known += known.empty() ? "" : ", ") += k;
            throw InvalidInput(field, field + " is not a known field (unknown field; known: " + known + ")", 0);
        }
}

std::string text_at(const JsonDocument& doc, const JsonValue& object, std::string_view key, const std::string& path) {
    const JsonValue* v = doc.find(object, key);
    if (!v) return {};
    const std::string field = path + "." + std::string(key);
    if (v->kind != JsonKind::string) throw InvalidInput(field, "a string", kind_name(*v));
    if (v->text.empty()) throw InvalidInput(field, "a non-empty string (omit the field for none)", "\"\"");
    if (v->text.size() > PortfolioLimits::max_id_length)
        throw InvalidInput(field, "at most " + std::to_string(PortfolioLimits::max_id_length) + " characters",
                           std::to_string(v->text.size()) + " characters");
    return std::string(v->text);
}

const JsonValue& array_at(const JsonValue& v, const std::string& field, std::size_t max) {
    if (v.kind != JsonKind::array) throw InvalidInput(field, "an array", kind_name(v));
    if (v.size > max)
        throw InvalidInput(field, "an array of at most " + std::to_string(max) + " elements",
                           std::to_string(v.size) + " elements");
    return v;
}

void line_item(JsonWriter& w, const OwnedLineItem& li) {
    w.begin_object();
    w.field("name", std::string_view(li.name));
    w.field("unit", std::string_view(li.unit));
    w.field("quantity", li.quantity);
    w.field("unit_price", li.unit_price);
    w.field("cost", li.cost);
    w.field("price_id", std::string_view(li.price_id));
    w.field("confidence", to_string(li.confidence));
    if (!li.note.empty()) w.field("note", std::string_view(li.note));
    w.end_object();
}

void line_items(JsonWriter& w, const std::vector<OwnedLineItem>& items) {
    w.key("line_items");
    w.begin_array();
    for (const OwnedLineItem& li : items) line_item(w, li);
    w.end_array();
}

void bill_object(JsonWriter& w, const PortfolioBill& b) {
    w.begin_object();
    w.field("name", std::string_view(b.name));
    w.field("currency", std::string_view(b.currency));
    w.field("total", b.total);
    w.field("standalone_sum", b.standalone_sum);
    w.key("pools");
    w.begin_array();
    for (const PortfolioPool& p : b.pools) {
        w.begin_object();
        w.field("name", std::string_view(p.name));
        w.field("unit", std::string_view(p.unit));
        w.field("quantity", p.quantity);
        w.field("free_quantity", p.free_quantity);
        if (!p.allowance_id.empty()) w.field("allowance_id", std::string_view(p.allowance_id));
        w.field("shared_resource", p.shared_resource);
        w.field("cost", p.cost);
        line_items(w, p.line_items);
        w.end_object();
    }
    w.end_array();
    w.key("allocations");
    w.begin_array();
    for (const PortfolioAllocation& a : b.allocations) {
        w.begin_object();
        w.field("workload_id", std::string_view(a.workload_id));
        w.field("runs_on", std::string_view(a.runs_on));
        w.field("total", a.total);
        w.field("standalone_total", a.standalone_total);
        line_items(w, a.line_items);
        w.end_object();
    }
    w.end_array();
    w.end_object();
}

}  // namespace

Portfolio parse_portfolio(std::string_view text, std::size_t max_bytes) {
    const JsonDocument doc(text, max_bytes);
    const JsonValue& root = doc.root();
    require_object(doc, root, "", {"workloads", "placements", "consolidation"});
    Portfolio p;
    const JsonValue* workloads = doc.find(root, "workloads");
    if (!workloads) throw InvalidInput("workloads", "workloads is required (missing field)", 0);
    array_at(*workloads, "workloads", PortfolioLimits::max_workloads);
    std::size_t i = 0;
    for (const auto& element : doc.children(*workloads)) {
        const std::string path = "workloads[" + std::to_string(i++) + "]";
        const JsonValue& v = element.value;
        require_object(doc, v, path, {"id", "workload", "offering", "placement", "load_balancer"});
        PortfolioWorkload w;
        w.id = text_at(doc, v, "id", path);
        if (w.id.empty()) throw InvalidInput(path + ".id", path + ".id is required (missing field)", 0);
        const JsonValue* workload = doc.find(v, "workload");
        if (!workload) throw InvalidInput(path + ".workload", path + ".workload is required (missing field)", 0);
        w.workload = detail::read_workload_at(doc, *workload, path + ".workload");
        if (const JsonValue* offering = doc.find(v, "offering"))
            w.offering = detail::read_offering_at(doc, *offering, path + ".offering");
        w.placement = text_at(doc, v, "placement", path);
        w.load_balancer = text_at(doc, v, "load_balancer", path);
        p.workloads.push_back(std::move(w));
    }
    if (const JsonValue* placements = doc.find(root, "placements")) {
        array_at(*placements, "placements", PortfolioLimits::max_placements);
        std::size_t j = 0;
        for (const auto& element : doc.children(*placements)) {
            const std::string path = "placements[" + std::to_string(j++) + "]";
            require_object(doc, element.value, path, {"id", "offering", "load_balancer"});
            SharedPlacement s{text_at(doc, element.value, "id", path), Offering{}, {}};
            if (s.id.empty()) throw InvalidInput(path + ".id", path + ".id is required (missing field)", 0);
            const JsonValue* offering = doc.find(element.value, "offering");
            if (!offering) throw InvalidInput(path + ".offering", path + ".offering is required (missing field)", 0);
            s.offering = detail::read_offering_at(doc, *offering, path + ".offering");
            s.load_balancer = text_at(doc, element.value, "load_balancer", path);
            p.placements.push_back(std::move(s));
        }
    }
    if (const JsonValue* c = doc.find(root, "consolidation")) {
        require_object(doc, *c, "consolidation", {"lambda", "fleet"});
        if (const JsonValue* lambda = doc.find(*c, "lambda"))
            p.consolidation_lambda = detail::read_offering_at(doc, *lambda, "consolidation.lambda");
        if (const JsonValue* fleet = doc.find(*c, "fleet"))
            p.consolidation_fleet = detail::read_offering_at(doc, *fleet, "consolidation.fleet");
    }
    p.validate();
    return p;
}

std::string to_json(const PortfolioReport& report, int indent) {
    JsonWriter w(indent, 4096);
    w.begin_object();
    w.field("schema", "cost-sim-report/1");
    w.field("generated_by", std::string("cost-sim ") + kVersion);
    w.key("portfolio");
    w.begin_object();
    w.field("cheapest", std::string_view(report.cheapest));
    w.key("options");
    w.begin_array();
    for (const PortfolioBill& b : report.options) bill_object(w, b);
    w.end_array();
    w.end_object();
    w.end_object();
    return std::move(w).take();
}

std::string to_csv(const PortfolioReport& report) {
    std::string out = "option,section,workload_id,runs_on,name,unit,quantity,unit_price,cost,currency,price_id\r\n";
    const auto row = [&out](const PortfolioBill& b, std::string_view section, std::string_view workload,
                            std::string_view runs_on, const OwnedLineItem& li) {
        for (std::string_view cell : {std::string_view(b.name), section, workload, runs_on, std::string_view(li.name),
                                      std::string_view(li.unit)})
            (out += csv_cell(cell)) += ',';
        for (double v : {li.quantity, li.unit_price, li.cost}) (out += csv_number(v)) += ',';
        (out += csv_cell(b.currency)) += ',';
        (out += csv_cell(li.price_id)) += "\r\n";
    };
    for (const PortfolioBill& b : report.options) {
        for (const PortfolioPool& p : b.pools)
            for (const OwnedLineItem& li : p.line_items) row(b, "pool", "", "", li);
        for (const PortfolioAllocation& a : b.allocations)
            for (const OwnedLineItem& li : a.line_items) row(b, "allocation", a.workload_id, a.runs_on, li);
    }
    return out;
}

}  // namespace costsim
