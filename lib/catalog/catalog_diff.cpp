// Two catalogs compared number by number, by entry id. Serialised with the library's writer.
#include <costsim/catalog_diff.hpp>
#include <costsim/csv.hpp>

#include "io/json_writer.hpp"

#include <charconv>
#include <cmath>
#include <unordered_set>

namespace costsim {

namespace {

/// The numbers of an entry, named as in its document.
std::vector<std::pair<std::string, double>> numbers_of(const PriceEntry& e) {
    std::vector<std::pair<std::string, double>> out;
    if (e.kind == EntryKind::allowance) {
        out.emplace_back("allowance", e.allowance);
    } else if (e.kind == EntryKind::discount) {
        out.emplace_back("discount", e.discount);
    } else if (e.tiers.size() == 1 && !e.tiered_in_source) {
        out.emplace_back("price", e.tiers.front().price);
    } else {
        for (std::size_t i = 0; i < e.tiers.size(); ++i) {
            const std::string t = "tiers[" + std::to_string(i) + "]";
            if (i + 1 < e.tiers.size()) out.emplace_back(t + ".up_to", e.tiers[i].up_to);
            out.emplace_back(t + ".price", e.tiers[i].price);
        }
    }
    if (e.reserved) out.emplace_back("reserved.upfront", e.reserved->upfront);
    return out;
}

CatalogChange change_of(const std::string& id, const std::string& field, double old_value, double new_value) {
    CatalogChange c{id, field, old_value, new_value, new_value - old_value, std::nullopt};
    if (old_value != 0) c.change_percent = 100.0 * (new_value - old_value) / old_value;
    return c;
}

std::string number_cell(double v) {
    char buf[512];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
    return ec == std::errc{} ? std::string(buf, end) : "NaN";
}

}  // namespace

CatalogDiff diff_catalogs(const Catalog& old_catalog, const Catalog& new_catalog) {
    CatalogDiff d;
    for (const PriceEntry& e : old_catalog.entries())
        if (!new_catalog.find(e.id)) d.removed.push_back(e.id);
    for (const PriceEntry& e : new_catalog.entries()) {
        const PriceEntry* old = old_catalog.find(e.id);
        if (!old) {
            d.added.push_back(e.id);
            continue;
        }
        const auto before = numbers_of(*old);
        const auto after = numbers_of(e);
        const std::size_t changes = d.changed.size();
        if (old->kind != e.kind || old->tiers.size() != e.tiers.size() ||
            (old->reserved.has_value() != e.reserved.has_value())) {
            if (old->kind == EntryKind::price && e.kind == EntryKind::price && old->tiers.size() != e.tiers.size())
                d.changed.push_back(change_of(e.id, "tiers", static_cast<double>(old->tiers.size()),
                                              static_cast<double>(e.tiers.size())));
            // Different shapes: compare what both name the same, report the rest as tier count.
            for (const auto& [field, value] : after)
                for (const auto& [old_field, old_value] : before)
                    if (field == old_field && value != old_value)
                        d.changed.push_back(change_of(e.id, field, old_value, value));
            if (d.changed.size() == changes && old->kind != e.kind) d.changed.push_back(change_of(e.id, "kind", 0, 0));
        } else {
            for (std::size_t i = 0; i < after.size(); ++i)
                if (after[i].second != before[i].second)
                    d.changed.push_back(change_of(e.id, after[i].first, before[i].second, after[i].second));
        }
        if (d.changed.size() == changes) ++d.unchanged;
    }
    return d;
}

std::string to_json(const CatalogDiff& d, int indent) {
    detail::JsonWriter w(indent, 256 + 128 * (d.added.size() + d.removed.size() + 2 * d.changed.size()));
    w.begin_object();
    w.field("schema", "cost-sim-catalog-diff/1");
    w.key("added");
    w.begin_array();
    for (const std::string& id : d.added) w.value(id);
    w.end_array();
    w.key("removed");
    w.begin_array();
    for (const std::string& id : d.removed) w.value(id);
    w.end_array();
    w.key("changed");
    w.begin_array();
    for (const CatalogChange& c : d.changed) {
        w.begin_object();
        w.field("id", c.id);
        w.field("field", c.field);
        w.field("old", c.old_value);
        w.field("new", c.new_value);
        w.field("change", c.change);
        w.key("change_percent");
        if (c.change_percent)
            w.value(*c.change_percent);
        else
            w.value(nullptr);
        w.end_object();
    }
    w.end_array();
    w.field("unchanged", d.unchanged);
    w.end_object();
    return std::move(w).take();
}

std::string to_csv(const CatalogDiff& d) {
    std::string out = "change,id,field,old,new,delta,percent\r\n";
    for (const std::string& id : d.added) out += "added," + csv_cell(id) + ",,,,,\r\n";
    for (const std::string& id : d.removed) out += "removed," + csv_cell(id) + ",,,,,\r\n";
    for (const CatalogChange& c : d.changed)
        out += "changed," + csv_cell(c.id) + "," + csv_cell(c.field) + "," + number_cell(c.old_value) + "," +
               number_cell(c.new_value) + "," + number_cell(c.change) + "," +
               (c.change_percent ? number_cell(*c.change_percent) : std::string()) + "\r\n";
    return out;
}

}  // namespace costsim
