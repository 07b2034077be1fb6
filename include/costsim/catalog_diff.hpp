#pragma once
/// What changed between two catalogs: prices that moved (by how much), entries that appeared or
/// went away. Schema of the JSON and CSV views: Design/cli.md, "catalog diff".

#include <costsim/catalog.hpp>

#include <optional>
#include <string>
#include <vector>

namespace costsim {

/// One number of one entry that differs: "price", "tiers[1].price", "tiers[0].up_to",
/// "allowance", "discount", "reserved.upfront", or "tiers" (the number of tiers).
struct CatalogChange {
    std::string id;
    std::string field;
    double old_value = 0;
    double new_value = 0;
    double change = 0;                     ///< new - old
    std::optional<double> change_percent;  ///< 100 x (new - old) / old; none when old is 0
};

struct CatalogDiff {
    std::vector<std::string> added;      ///< ids only in the new catalog, in its order
    std::vector<std::string> removed;    ///< ids only in the old catalog, in its order
    std::vector<CatalogChange> changed;  ///< in the new catalog's order
    std::size_t unchanged = 0;           ///< ids in both with the same numbers
};

/// Compares the numbers of entries with the same id (kind changes count as every number changing).
CatalogDiff diff_catalogs(const Catalog& old_catalog, const Catalog& new_catalog);

/// {"schema": "cost-sim-catalog-diff/1", "added": [...], "removed": [...], "changed": [...], "unchanged": N}
std::string to_json(const CatalogDiff& diff, int indent = -1);
/// One row per change: change,id,field,old,new,delta,percent (RFC 4180, CRLF).
std::string to_csv(const CatalogDiff& diff);

}  // namespace costsim
