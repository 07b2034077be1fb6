#pragma once
/// Table and CSV views of the price catalog (its JSON view is the library's catalog_to_json), and
/// the table of a catalog diff.

#include <costsim/catalog.hpp>
#include <costsim/catalog_diff.hpp>

#include <string>
#include <vector>

namespace costsim::cli {

/// Entries of `provider` / `region` (empty: all) that `cost-sim catalog list` shows.
std::vector<const PriceEntry*> listed_entries(const Catalog& catalog, const std::string& provider,
                                              const std::string& region);
/// Catalog entries, one per line, with source and as-of date (ids and prices are never cut, so
/// this table is wider than 100 columns).
std::string catalog_table(const Catalog& catalog, const std::vector<const PriceEntry*>& entries);
/// One entry in full: price or tiers, instance facts, provenance; within `width` (0: no limit).
std::string entry_table(const PriceEntry& entry, std::size_t width = 0);
/// One CSV row per entry (RFC 4180, neutralised): id, provider, ..., source, as_of, confidence.
std::string catalog_csv(const std::vector<const PriceEntry*>& entries);
/// `catalog diff`: the counts, then one row per changed, added and removed entry.
std::string diff_table(const CatalogDiff& diff);

}  // namespace costsim::cli
