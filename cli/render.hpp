#pragma once
/// One path from a report to its text, in every format: JSON and CSV are the library's
/// serialisers, tables are render_table.cpp and render_catalog.cpp. Commands build a Report and
/// call render(); none of them chooses a serialiser itself.

#include <costsim/catalog.hpp>
#include <costsim/catalog_diff.hpp>
#include <costsim/compare.hpp>
#include <costsim/curves.hpp>
#include <costsim/traffic.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace costsim::cli {

enum class Format { table, json, csv };

/// The format a --format value names: "json", "csv", else table.
Format format_named(std::string_view name);

/// One bill (`cost-sim lambda|vm|...`), with its fleet's size when it has one.
struct BillReport {
    Bill bill;
    std::optional<FleetSize> fleet;
};

/// Only the break-even points of a comparison (`cost-sim break-even`).
struct BreakEvenReport {
    Comparison comparison;
};

/// One catalog entry in full (`catalog show ID`).
struct CatalogEntryReport {
    const PriceEntry* entry = nullptr;
};

/// Catalog entries (`catalog list`, `catalog validate FILE`): the JSON view lists `catalog`
/// filtered by provider and region, the table and CSV views `entries`.
struct CatalogListReport {
    const Catalog* catalog = nullptr;
    std::string provider;  ///< empty: all
    std::string region;    ///< empty: all
    std::vector<const PriceEntry*> entries;
    std::string validated_file;  ///< validate: the table starts "FILE: valid catalog"
};

/// Every report the CLI prints. A new alternative fails to compile until render() handles it.
using Report = std::variant<BillReport, Comparison, BreakEvenReport, Curves, Sweep, CatalogEntryReport,
                            CatalogListReport, CatalogDiff, TrafficSummary>;

/// What table views need beyond the report; JSON and CSV ignore it.
struct RenderOptions {
    std::size_t width = 0;  ///< lines stay within it (0: no limit)
    /// Display names of the offerings, in the order given (a bill: its one name); an offering
    /// without one is shown by its id.
    std::vector<std::string> labels;
};

/// The report's text in `format`, ending in a newline.
std::string render(const Report& report, Format format, const RenderOptions& options = {});

}  // namespace costsim::cli
