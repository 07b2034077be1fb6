// `cost-sim catalog diff OLD NEW`: which prices moved, by how much, which entries came or went.
#include "catalog_import.hpp"

#include "inputs.hpp"
#include "render.hpp"
#include "usage_error.hpp"

#include <costsim/catalog_diff.hpp>

namespace costsim::cli {

void describe_catalog_diff(po::options_description& options, po::options_description& hidden,
                           po::positional_options_description& positional) {
    po::options_description group("catalog diff", 100, 60);
    group.add_options()("format", po::value<std::string>()->value_name("table|json|csv"),
                        "output format (default table)")("help", "show this help");
    options.add(group);
    hidden.add_options()("catalogs", po::value<std::vector<std::string>>(), "OLD NEW");
    positional.add("catalogs", 2);
}

std::string run_catalog_diff(const Flags& flags, std::istream&) {
    const std::vector<std::string> files = flags.texts("catalogs");
    if (files.size() != 2) throw UsageError("catalog diff needs two catalog files: OLD NEW");
    const Format format = format_named(flags.choice("format", {"table", "json", "csv"}).value_or("table"));
    const Catalog old_catalog = read_catalog("", files[0]);
    const Catalog new_catalog = read_catalog("", files[1]);
    return render(diff_catalogs(old_catalog, new_catalog), format);
}

}  // namespace costsim::cli
