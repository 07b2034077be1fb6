// Catalog views for `cost-sim catalog`: prices as published, with their provenance.
#include "render_catalog.hpp"

#include "format.hpp"

#include <costsim/csv.hpp>

#include <charconv>
#include <cstdio>

namespace costsim::cli {

namespace {

std::string price_text(const PriceEntry& e) {
    switch (e.kind) {
        case EntryKind::allowance: return "free " + quantity(e.allowance, 10) + " " + e.unit + "/month";
        case EntryKind::discount: return "discount " + quantity(e.discount, 6) + " (fraction)";
        case EntryKind::price: break;
    }
    if (e.tiers.size() == 1) return unit_price(e.tiers.front().price, e.currency) + "/" + e.unit;
    return std::to_string(e.tiers.size()) + " tiers from " + unit_price(e.tiers.front().price, e.currency) + "/" +
           e.unit;
}

std::string number_text(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
}

}  // namespace

std::vector<const PriceEntry*> listed_entries(const Catalog& catalog, const std::string& provider,
                                              const std::string& region) {
    std::vector<const PriceEntry*> entries;
    for (const PriceEntry& e : catalog.entries())
        if ((provider.empty() || e.provider == provider) && (region.empty() || e.region == region))
            entries.push_back(&e);
    return entries;
}

std::string catalog_table(const Catalog& catalog, const std::vector<const PriceEntry*>& entries) {
    std::string out = "Catalog version " + catalog.version() + " as of " + catalog.as_of();
    for (const std::string& overlay : catalog.overlays()) out += "; with " + overlay;
    out += "\n\n";
    TextTable table({false, false, false, false, false});
    table.add_row({"Id", "Price", "As of", "Confidence", "Source"});
    // Sources can be long; `catalog show ID` and --format json|csv give them in full.
    constexpr std::size_t kSourceWidth = 60;
    for (const PriceEntry* e : entries) {
        std::string source =
            e->source.size() > kSourceWidth ? e->source.substr(0, kSourceWidth - 3) + "..." : e->source;
        table.add_row({e->id, price_text(*e), e->as_of, to_string(e->confidence), source});
    }
    return out + table.render() + "\n" + std::to_string(entries.size()) + " entries\n";
}

std::string entry_table(const PriceEntry& e, std::size_t width) {
    TextTable table({false, false});
    table.add_row({"Id", e.id});
    table.add_row({"Description", e.description});
    table.add_row({"Provider", e.provider});
    table.add_row({"Service", e.service});
    table.add_row({"Region", e.region});
    table.add_row({"Unit", e.unit});
    table.add_row({"Currency", e.currency});
    table.add_row({"Price", price_text(e)});
    if (e.kind == EntryKind::price && e.tiers.size() > 1)
        for (const PriceTier& t : e.tiers)
            table.add_row({"", quantity(t.from, 15) + " to " +
                                   (t.up_to == kUnbounded ? std::string("unbounded") : quantity(t.up_to, 15)) + " " +
                                   e.unit + ": " + unit_price(t.price, e.currency)});
    if (e.instance) {
        // OCI's catalog counts OCPUs: 2 vCPUs each on x86, 1 on Arm.
        const std::string cpus =
            e.provider == "oci"
                ? quantity(e.instance->vcpu) + " OCPU (" +
                      quantity(e.instance->arch == "arm64" ? e.instance->vcpu : 2 * e.instance->vcpu) + " vCPU)"
                : quantity(e.instance->vcpu) + " vCPU";
        table.add_row({"Instance", e.instance->name + ": " + cpus + ", " + quantity(e.instance->memory_gib) + " GiB, " +
                                       e.instance->arch});
        if (e.instance->baseline_share)
            table.add_row({"Baseline share", quantity(*e.instance->baseline_share) + " of each vCPU (burstable)"});
    }
    if (e.reserved)
        table.add_row({"Reserved", e.reserved->term + " " + e.reserved->payment + ", upfront " +
                                       unit_price(e.reserved->upfront, e.currency) + " per instance"});
    table.add_row({"Source", e.source});
    table.add_row({"As of", e.as_of});
    table.add_row({"Confidence", to_string(e.confidence)});
    if (!e.note.empty()) table.add_row({"Note", e.note});
    return table.render("", width);
}

namespace {

/// Shortest exact fixed-point text, as the library's CSV views write numbers.
std::string number_cell(double v) {
    if (v == kUnbounded) return "";
    char buffer[512];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v, std::chars_format::fixed);
    return ec == std::errc{} ? std::string(buffer, end) : std::string();
}

const char* kind_text(EntryKind k) {
    switch (k) {
        case EntryKind::allowance: return "allowance";
        case EntryKind::discount: return "discount";
        case EntryKind::price: break;
    }
    return "price";
}

}  // namespace

std::string catalog_csv(const std::vector<const PriceEntry*>& entries) {
    std::string out =
        "id,provider,service,region,description,unit,currency,kind,price,tiers,allowance,discount,"
        "instance,source,as_of,confidence\r\n";
    for (const PriceEntry* e : entries) {
        const bool flat = e->kind == EntryKind::price && e->tiers.size() == 1;
        std::string tiers;
        if (e->kind == EntryKind::price && e->tiers.size() > 1)
            for (const PriceTier& t : e->tiers)
                tiers += (tiers.empty() ? "" : "; ") + number_cell(t.from) + ".." + number_cell(t.up_to) + " at " +
                         number_cell(t.price);
        const std::vector<std::string> cells = {csv_cell(e->id),
                                                csv_cell(e->provider),
                                                csv_cell(e->service),
                                                csv_cell(e->region),
                                                csv_cell(e->description),
                                                csv_cell(e->unit),
                                                csv_cell(e->currency),
                                                kind_text(e->kind),
                                                flat ? number_cell(e->tiers.front().price) : "",
                                                csv_cell(tiers),
                                                e->kind == EntryKind::allowance ? number_cell(e->allowance) : "",
                                                e->kind == EntryKind::discount ? number_cell(e->discount) : "",
                                                csv_cell(e->instance ? e->instance->name : ""),
                                                csv_cell(e->source),
                                                csv_cell(e->as_of),
                                                csv_cell(to_string(e->confidence))};
        for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + cells[i];
        out += "\r\n";
    }
    return out;
}

std::string diff_table(const CatalogDiff& d) {
    std::string out = std::to_string(d.changed.size()) + " changed, " + std::to_string(d.added.size()) + " added, " +
                      std::to_string(d.removed.size()) + " removed, " + std::to_string(d.unchanged) + " unchanged\n";
    if (d.changed.empty() && d.added.empty() && d.removed.empty()) return out;
    TextTable table({false, false, false, true, true, true, true});
    table.add_row({"Change", "Id", "Field", "Old", "New", "Delta", "Percent"});
    for (const CatalogChange& c : d.changed) {
        char percent[32] = "";
        if (c.change_percent) std::snprintf(percent, sizeof percent, "%+.2f%%", *c.change_percent);
        std::string delta = number_text(c.change);
        if (c.change > 0) delta.insert(0, 1, '+');
        table.add_row({"changed", c.id, c.field, number_text(c.old_value), number_text(c.new_value), delta, percent});
    }
    for (const std::string& id : d.added) table.add_row({"added", id, "", "", "", "", ""});
    for (const std::string& id : d.removed) table.add_row({"removed", id, "", "", "", "", ""});
    return out + "\n" + table.render("  ");
}

}  // namespace costsim::cli
