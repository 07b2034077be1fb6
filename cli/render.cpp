// render(): each report in each format, in one place.
#include "render.hpp"

#include "render_catalog.hpp"
#include "render_table.hpp"

#include <costsim/csv.hpp>
#include <costsim/curves_io.hpp>
#include <costsim/json.hpp>

namespace costsim::cli {

namespace {

constexpr int kJsonIndent = 2;

std::string as_json(const std::string& document) { return document + "\n"; }

std::string label(const RenderOptions& options, std::string_view id) {
    return options.labels.empty() ? std::string(id) : options.labels.front();
}

std::string render_report(const BillReport& r, Format format, const RenderOptions& options) {
    switch (format) {
        case Format::json: return as_json(to_json(r.bill, kJsonIndent));
        case Format::csv: return to_csv(r.bill);
        case Format::table: break;
    }
    return bill_table(r.bill, label(options, r.bill.offering_id), options.width, r.fleet);
}

std::string render_report(const Comparison& c, Format format, const RenderOptions& options) {
    switch (format) {
        case Format::json: return as_json(to_json(c, kJsonIndent));
        case Format::csv: return to_csv(c);
        case Format::table: break;
    }
    return comparison_table(c, options.labels, options.width);
}

std::string render_report(const BreakEvenReport& r, Format format, const RenderOptions& options) {
    switch (format) {
        case Format::json: return as_json(break_even_to_json(r.comparison, kJsonIndent));
        case Format::csv: return to_csv(r.comparison.break_even);
        case Format::table: break;
    }
    return break_even_table(r.comparison, options.labels, options.width);
}

std::string render_report(const Curves& curves, Format format, const RenderOptions& options) {
    switch (format) {
        case Format::json: return as_json(to_json(curves, kJsonIndent));
        case Format::csv: return to_csv(curves);
        case Format::table: break;
    }
    return curves_table(curves, options.labels, options.width);
}

std::string render_report(const Sweep& s, Format format, const RenderOptions& options) {
    switch (format) {
        case Format::json: return as_json(to_json(s, kJsonIndent));
        case Format::csv: return to_csv(s);
        case Format::table: break;
    }
    return sweep_table(s, options.labels, options.width);
}

std::string render_report(const CatalogEntryReport& r, Format format, const RenderOptions& options) {
    switch (format) {
        case Format::json: return as_json(entry_to_json(*r.entry, kJsonIndent));
        case Format::csv: return catalog_csv({r.entry});
        case Format::table: break;
    }
    return entry_table(*r.entry, options.width);
}

std::string render_report(const CatalogListReport& r, Format format, const RenderOptions&) {
    switch (format) {
        case Format::json: return as_json(catalog_to_json(*r.catalog, r.provider, r.region, kJsonIndent));
        case Format::csv: return catalog_csv(r.entries);
        case Format::table: break;
    }
    return (r.validated_file.empty() ? "" : r.validated_file + ": valid catalog\n") +
           catalog_table(*r.catalog, r.entries);
}

std::string render_report(const CatalogDiff& d, Format format, const RenderOptions&) {
    switch (format) {
        case Format::json: return as_json(to_json(d, kJsonIndent));
        case Format::csv: return to_csv(d);
        case Format::table: break;
    }
    return diff_table(d);
}

std::string render_report(const TrafficSummary& s, Format format, const RenderOptions& options) {
    switch (format) {
        case Format::json: return as_json(to_json(s, nullptr, kJsonIndent));
        case Format::csv: return to_csv(s);
        case Format::table: break;
    }
    return profile_table(s, options.width);
}

}  // namespace

Format format_named(std::string_view name) {
    return name == "json" ? Format::json : name == "csv" ? Format::csv : Format::table;
}

std::string render(const Report& report, Format format, const RenderOptions& options) {
    return std::visit([&](const auto& r) { return render_report(r, format, options); }, report);
}

}  // namespace costsim::cli
