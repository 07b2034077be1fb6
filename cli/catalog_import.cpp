// `cost-sim catalog import FILE...`: AWS Price List offer files and Azure Retail Prices pages to a
// catalog document (stdout),
// with what was read, used and skipped on stderr. The library streams the file; this opens it.
#include "catalog_import.hpp"

#include "inputs.hpp"
#include "usage_error.hpp"

#include <costsim/json.hpp>
#include <costsim/price_list_import.hpp>

#include <algorithm>
#include <fstream>
#include <iostream>

namespace costsim::cli {

std::string& command_notes() {
    static std::string notes;
    return notes;
}

void describe_catalog_import(po::options_description& options, po::options_description& hidden,
                             po::positional_options_description& positional) {
    po::options_description filters("catalog import", 100, 60);
    filters.add_options()("region", po::value<std::vector<std::string>>()->value_name("R"),
                          "only this region (repeatable)")("family",
                                                           po::value<std::vector<std::string>>()->value_name("F"),
                                                           "only this EC2 instance family, e.g. t3 (repeatable)")(
        "service", po::value<std::vector<std::string>>()->value_name("S"),
        "only this catalog service: ec2, ebs, lambda, elb, apigateway, data_transfer; vm, functions, "
        "functions_flex (Azure) (repeatable)")("help", "show this help");
    options.add(filters);
    hidden.add_options()("files", po::value<std::vector<std::string>>(), "offer files");
    positional.add("files", -1);
}

std::string run_catalog_import(const Flags& flags, std::istream& in) {
    const std::vector<std::string> files = flags.texts("files");
    if (files.empty())
        throw UsageError(
            "catalog import needs one or more AWS Price List offer FILEs (JSON or CSV) or Azure Retail Prices pages "
            "(JSON); - for stdin");
    PriceListFilter filter;
    filter.regions = flags.texts("region");
    filter.instance_families = flags.texts("family");
    filter.services = flags.texts("service");
    static const std::vector<std::string> services = {
        "ec2", "ebs", "lambda", "elb", "apigateway", "data_transfer", "vm", "functions", "functions_flex"};
    for (const std::string& s : filter.services)
        if (std::find(services.begin(), services.end(), s) == services.end())
            throw UsageError(
                "--service must be ec2, ebs, lambda, elb, apigateway, data_transfer, vm, functions or functions_flex, "
                "got \"" +
                s + "\"");
    PriceListImporter importer(filter, &Catalog::builtin());
    std::string notes;
    for (const std::string& path : files) {
        PriceListSummary summary;
        if (path == "-") {
            summary = importer.add(in, "(stdin)");
        } else {
            std::ifstream file(path, std::ios::binary);
            if (!file) throw UsageError("cannot open \"" + path + "\"");
            summary = importer.add(file, path);
            if (file.bad()) throw UsageError("cannot read \"" + path + "\"");
        }
        notes += "cost-sim catalog import: " + to_string(summary) + "\n";
    }
    const Catalog catalog = importer.catalog();
    command_notes() = notes;
    return catalog_to_json(catalog, {}, {}, 2) + "\n";
}

}  // namespace costsim::cli
