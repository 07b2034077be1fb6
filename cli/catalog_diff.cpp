// `cost-sim catalog diff OLD NEW`: which prices moved, by how much, which entries came or went.
#include "catalog_import.hpp"

#include "format.hpp"
#include "inputs.hpp"
#include "usage_error.hpp"

#include <costsim/catalog_diff.hpp>

#include <cstdio>

namespace costsim::cli {

namespace {

std::string number_text(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
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

}  // namespace

void describe_catalog_diff(po::options_description& options, po::options_description& hidden,
                           po::positional_options_description& positional) {
    po::options_description group("catalog diff", 100, 60);
    group.add_options()
        ("format", po::value<std::string>()->value_name("table|json|csv"), "output format (default table)")
        ("help", "show this help");
    options.add(group);
    hidden.add_options()("catalogs", po::value<std::vector<std::string>>(), "OLD NEW");
    positional.add("catalogs", 2);
}

std::string run_catalog_diff(const Flags& flags, std::istream&) {
    const std::vector<std::string> files = flags.texts("catalogs");
    if (files.size() != 2) throw UsageError("catalog diff needs two catalog files: OLD NEW");
    const auto format = flags.choice("format", {"table", "json", "csv"}).value_or("table");
    const Catalog old_catalog = read_catalog("", files[0]);
    const Catalog new_catalog = read_catalog("", files[1]);
    const CatalogDiff d = diff_catalogs(old_catalog, new_catalog);
    if (format == "json") return to_json(d, 2) + "\n";
    if (format == "csv") return to_csv(d);
    return diff_table(d);
}

}  // namespace costsim::cli
