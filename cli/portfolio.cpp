// `cost-sim portfolio FILE`: several workloads priced as one account, the total allocated back to
// each, and the consolidation options the file names. Reads, calls the library, renders.
#include "portfolio.hpp"

#include "format.hpp"
#include "inputs.hpp"
#include "render_table.hpp"
#include "usage_error.hpp"

#include <costsim/portfolio_json.hpp>

#include <sstream>

namespace costsim::cli {

namespace {

/// Rows as a table (`right`: the right-aligned columns) within `width` columns (0: none), the
/// names wrapping.
std::string table(const std::vector<std::vector<std::string>>& rows, std::vector<bool> right, std::size_t width) {
    TextTable out(std::move(right));
    for (const auto& row : rows) out.add_row(row);
    return out.render("  ", width);
}

std::string render_table(const PortfolioReport& report, std::size_t width) {
    std::ostringstream out;
    for (const PortfolioBill& b : report.options) {
        out << b.name << ": " << money(b.total, b.currency) << " a month as one account ("
            << money(b.standalone_sum, b.currency) << " if each workload were priced alone)\n";
        std::vector<std::vector<std::string>> pools{{"Account line item", "Quantity", "Unit price", "Cost"}};
        for (const PortfolioPool& p : b.pools)
            for (const OwnedLineItem& li : p.line_items)
                pools.push_back({li.name, quantity(li.quantity) + " " + li.unit, unit_price(li.unit_price, b.currency),
                                 money(li.cost, b.currency)});
        out << table(pools, {false, true, true, true}, width);
        std::vector<std::vector<std::string>> allocations{{"Workload", "Runs on", "Allocated", "Alone"}};
        for (const PortfolioAllocation& a : b.allocations)
            allocations.push_back(
                {a.workload_id, a.runs_on, money(a.total, b.currency), money(a.standalone_total, b.currency)});
        out << table(allocations, {false, false, true, true}, width) << "\n";
    }
    out << "Cheapest: " << report.cheapest << "\n";
    return out.str();
}

}  // namespace

void describe_portfolio(po::options_description& options, po::options_description& hidden,
                        po::positional_options_description& positional) {
    po::options_description group("portfolio", 100, 60);
    group.add_options()("catalog", po::value<std::string>()->value_name("FILE"),
                        "user price catalog merged over the built-in one")(
        "format", po::value<std::string>()->value_name("table|json|csv"), "output format (default table)")(
        "wide", po::bool_switch(), "table output without the 100-column limit")("help", "show this help");
    options.add(group);
    hidden.add_options()("file", po::value<std::string>(), "FILE");
    positional.add("file", 1);
}

std::string run_portfolio(const Flags& flags, std::istream& in) {
    const std::optional<std::string> file = flags.text("file");
    if (!file) throw UsageError("portfolio needs a portfolio file (or - for stdin): cost-sim portfolio FILE");
    const std::string format = flags.choice("format", {"table", "json", "csv"}).value_or("table");
    const std::string text = read_input_text("", *file, in, PortfolioLimits::max_json_bytes);
    const Catalog catalog = flags.text("catalog")
                                ? Catalog::builtin().merged_with(read_catalog("--catalog", *flags.text("catalog")))
                                : Catalog::builtin();
    const PortfolioReport report = analyse_portfolio(parse_portfolio(text), catalog);
    if (format == "json") return to_json(report, 2) + "\n";
    if (format == "csv") return to_csv(report);
    return render_table(report, flags.flag("wide") ? 0 : kTableWidth);
}

}  // namespace costsim::cli
