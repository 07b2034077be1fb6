#pragma once
// Azure Retail Prices API pages (JSON: BillingCurrency, Items[], NextPageLink) to catalog entries,
// streamed with a SAX parser. Internal to lib/catalog: PriceListImporter::add hands such a file
// here. What is read and derived: Design/catalog.md, "Imports from the Azure Retail Prices API".

#include "byte_reader.hpp"

#include <costsim/catalog.hpp>
#include <costsim/price_list_import.hpp>

#include <nlohmann/json.hpp>

#include <functional>
#include <set>
#include <string>
#include <string_view>

namespace costsim::detail {

/// True if `head`, the first bytes of a JSON document, opens with a key of a Retail Prices page
/// (BillingCurrency, CustomerEntityId, CustomerEntityType, Items): AWS offer files open with
/// formatVersion.
[[nodiscard]] bool is_azure_retail_page(std::string_view head);

/// Takes one entry (`key` names the item it came from, for the duplicate-id error).
using EntrySink = std::function<void(nlohmann::json entry, const std::string& key)>;

/// Reads one page (or a file of Items merged from several pages) from `reader` into `summary`
/// (items read, used, skipped with reasons; `publication_date` the newest effectiveStartDate used)
/// and gives its entries to `sink`. `facts` lends vCPU and memory (the API publishes neither);
/// `globals` holds the global free-grant ids already given, so a second region's page does not
/// give them again. \throws ParseError (malformed or truncated JSON, not a page),
/// InvalidInput (an item without a usable retailPrice), LimitExceeded (over 100,000 items kept)
void read_azure_retail(ByteReader& reader, PriceListSummary& summary, const PriceListFilter& filter,
                       const Catalog* facts, std::set<std::string>& globals, const EntrySink& sink);

}  // namespace costsim::detail
