// Azure Retail Prices API pages to catalog entries: VM pay-as-you-go and reservation prices,
// Functions Consumption and Flex Consumption meters. Rules: Design/catalog.md.
#include "azure_retail_import.hpp"

#include "sax_path.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>
#include <unordered_map>
#include <vector>

namespace costsim::detail {

namespace {

using nlohmann::json;

constexpr std::size_t kMaxKept = 100000;  // the catalog's own bound
constexpr const char* kApi = "https://prices.azure.com/api/retail/prices";

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool contains(const std::string& text, std::string_view word) { return text.find(word) != std::string::npos; }

/// One item of Items[]: its scalar fields as text (numbers in their JSON spelling).
struct Item {
    std::size_t index = 0;
    std::unordered_map<std::string, std::string> fields;
    [[nodiscard]] const std::string& get(const char* key) const {
        static const std::string none;
        auto it = fields.find(key);
        return it == fields.end() ? none : it->second;
    }
};

/// A Functions meter the cost models read, by (productName, meterName).
struct FunctionsMeter {
    const char* product;
    const char* meter;
    const char* api_unit;  ///< unitOfMeasure
    double per;            ///< API units in one catalog unit's price: 10 for "10" executions
    const char* service;
    const char* item;
    const char* unit;
    const char* description;
    const char* free_id;  ///< the global allowance a $0 first tier becomes, or nullptr
};

constexpr FunctionsMeter kFunctionsMeters[] = {
    {"Functions", "Standard Execution Time", "1 GB Second", 1, "functions", "gb_seconds", "GB-second",
     "Azure Functions Consumption plan, execution time", "azure.functions.global.free_tier.gb_seconds"},
    {"Functions", "Standard Total Executions", "10", 10, "functions", "executions", "request",
     "Azure Functions Consumption plan, executions", "azure.functions.global.free_tier.executions"},
    {"Flex Consumption", "On Demand Execution Time", "1 GB Second", 1, "functions_flex", "on_demand_gb_seconds",
     "GB-second", "Azure Functions Flex Consumption, on-demand execution time",
     "azure.functions_flex.global.free_tier.gb_seconds"},
    {"Flex Consumption", "On Demand Total Executions", "10", 10, "functions_flex", "on_demand_executions", "request",
     "Azure Functions Flex Consumption, on-demand executions", "azure.functions_flex.global.free_tier.executions"},
    {"Flex Consumption", "Always Ready Baseline", "1 GB Second", 1, "functions_flex",
     "always_ready_baseline_gb_seconds", "GB-second",
     "Azure Functions Flex Consumption, always-ready baseline (memory of every always-ready instance, every second)",
     nullptr},
    {"Flex Consumption", "Always Ready Execution Time", "1 GB Second", 1, "functions_flex", "always_ready_gb_seconds",
     "GB-second", "Azure Functions Flex Consumption, execution time on always-ready instances", nullptr},
    {"Flex Consumption", "Always Ready Total Executions", "10", 10, "functions_flex", "always_ready_executions",
     "request", "Azure Functions Flex Consumption, executions on always-ready instances", nullptr},
};

/// An entry to build from one item, or from the tier rows of one meter.
struct Pending {
    enum class Kind { flat, reservation } kind = Kind::flat;
    json base;  ///< id, provider, service, region, description, unit, currency; instance, note
    double per = 1;
    std::string free_id;
    std::string reservation_term;  ///< "1yr" | "3yr"
    struct Row {
        double tier_min = 0, price = 0;
        std::string sku_id;
    };
    std::vector<Row> rows;
    std::string meter_id, type, effective;
};

class AzurePage {
  public:
    AzurePage(ByteReader& r, PriceListSummary& summary, const PriceListFilter& filter, const Catalog* facts,
              std::set<std::string>& globals, const EntrySink& sink)
        : path_(r, summary.origin, "an Azure Retail Prices page"),
          summary_(summary),
          filter_(filter),
          facts_(facts),
          globals_(globals),
          sink_(sink) {}

    // nlohmann's SAX events.
    bool null() { return scalar(""); }
    bool boolean(bool v) { return scalar(v ? "true" : "false"); }
    bool number_integer(std::int64_t v) { return scalar(std::to_string(v)); }
    bool number_unsigned(std::uint64_t v) { return scalar(std::to_string(v)); }
    bool number_float(double, const std::string& raw) { return scalar(raw); }
    bool string(std::string& v) { return scalar(v); }
    bool binary(std::vector<std::uint8_t>&) { return scalar(""); }
    bool start_object(std::size_t) {
        path_.open(false);
        if (depth() == 3 && in_items()) item_ = Item{items_seen_++, {}};
        return true;
    }
    bool end_object() {
        if (depth() == 3 && in_items()) take(item_);
        path_.close();
        return true;
    }
    bool start_array(std::size_t) {
        path_.open(true);
        if (depth() == 2 && key_at(0) == "Items") saw_items_ = true;
        return true;
    }
    bool end_array() {
        path_.close();
        return true;
    }
    bool key(std::string& k) {
        path_.key(k);
        return true;
    }
    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) {
        path_.parse_error(position, e);
    }

    /// After the parse: the tiered meters, then the counts.
    void finish() {
        if (!saw_items_) throw ParseError(summary_.origin + ": not an Azure Retail Prices page: no Items array");
        std::size_t used = 0;
        for (auto& [id, p] : pending_)
            if (build(p)) used += p.rows.size();
        summary_.products_used = used;
        summary_.products_skipped = summary_.products_read - used;
        if (!next_page_.empty())
            summary_.note = "NextPageLink is set: this file is one page of a longer answer; import every page";
    }

  private:
    [[nodiscard]] std::size_t depth() const { return path_.depth(); }
    [[nodiscard]] const std::string& key_at(std::size_t level) const { return path_.key_at(level); }
    [[nodiscard]] bool in_items() const { return depth() >= 2 && path_.is_array(1) && key_at(0) == "Items"; }

    bool scalar(const std::string& v) {
        path_.scalar();
        const std::size_t d = depth();
        if (path_.in_array()) return true;  // lists inside an item (savingsPlan): not read
        if (d == 1 && key_at(0) == "NextPageLink") next_page_ = v == "null" ? "" : v;
        if (d == 3 && in_items()) item_.fields[key_at(2)] = v;
        return true;
    }

    void skip(const std::string& reason) { ++summary_.skipped[reason]; }

    [[nodiscard]] bool selected(const std::vector<std::string>& list, const std::string& v) const {
        return list.empty() || std::find(list.begin(), list.end(), v) != list.end();
    }

    [[nodiscard]] std::string field_name(const Item& item, const char* key) const {
        return "Items[" + std::to_string(item.index) + "]." + key;
    }

    double number(const Item& item, const char* key) const {
        const std::string& text = item.get(key);
        double v = 0;
        const char* end = text.data() + text.size();
        auto [p, ec] = std::from_chars(text.data(), end, v);
        if (text.empty() || ec != std::errc() || p != end || !std::isfinite(v) || v < 0)
            throw InvalidInput(field_name(item, key),
                               summary_.origin + ": " + field_name(item, key) +
                                   " must be a number of at least 0, got \"" + text + "\"",
                               0);
        return v;
    }

    /// vCPU, memory and arch of a VM size, from the facts catalog (the API publishes none).
    const PriceEntry* facts_for(const std::string& region, const std::string& size) {
        if (!facts_) return nullptr;
        if (const PriceEntry* e = facts_->find_instance("azure", region, size)) return e;
        if (by_size_.empty())
            for (const PriceEntry& e : facts_->entries())
                if (e.provider == "azure" && e.instance) by_size_.emplace(lower(e.instance->name), &e);
        auto it = by_size_.find(lower(size));
        return it == by_size_.end() ? nullptr : it->second;
    }

    /// Classifies one item: kept as a row of a pending entry, or skipped with its reason.
    void take(const Item& item) {
        ++summary_.products_read;
        const std::string& currency = item.get("currencyCode");
        if (currency != "USD" && currency != "JPY") return skip("currency " + currency);
        if (!item.get("effectiveEndDate").empty() && item.get("effectiveEndDate") != "null")
            return skip("closed price (effectiveEndDate set)");
        const std::string& region = item.get("armRegionName");
        if (region.empty()) return skip("no armRegionName");
        const std::string& service = item.get("serviceName");
        const std::string& type = item.get("type");
        Pending p;
        std::string id;
        if (service == "Virtual Machines") {
            if (!selected(filter_.services, "vm")) return skip("service not selected");
            if (contains(item.get("productName"), "Windows")) return skip("Windows");
            if (contains(item.get("skuName"), "Spot") || contains(item.get("meterName"), "Spot")) return skip("Spot");
            if (contains(item.get("skuName"), "Low Priority") || contains(item.get("meterName"), "Low Priority"))
                return skip("Low Priority");
            if (item.get("unitOfMeasure") != "1 Hour") return skip("VM unit " + item.get("unitOfMeasure"));
            std::string size = item.get("armSkuName");
            if (size.rfind("Standard_", 0) == 0) size = size.substr(9);
            if (size.empty()) return skip("no armSkuName");
            const std::string vm_id = "azure.vm." + region + "." + lower(size);
            if (type == "Consumption") {
                const PriceEntry* known = facts_for(region, size);
                if (!known) return skip("VM size without vCPU and memory facts (the Retail Prices API publishes none)");
                id = vm_id;
                p.base = {{"description", "Azure VM " + item.get("armSkuName") + ", Linux, pay-as-you-go"},
                          {"unit", "hour"}};
                json instance = {{"name", known->instance->name},
                                 {"vcpu", known->instance->vcpu},
                                 {"memory_gib", known->instance->memory_gib},
                                 {"arch", known->instance->arch}};
                if (known->instance->baseline_share) instance["baseline_share"] = *known->instance->baseline_share;
                p.base["instance"] = std::move(instance);
                p.base["note"] = "Imported: vcpu, memory_gib, arch and baseline_share from the catalog entry " +
                                 known->id + " (the Retail Prices API publishes none).";
            } else if (type == "Reservation") {
                const std::string& term = item.get("reservationTerm");
                if (term != "1 Year" && term != "3 Years") return skip("reservation term " + term);
                p.kind = Pending::Kind::reservation;
                p.reservation_term = term == "1 Year" ? "1yr" : "3yr";
                id = vm_id + ".reserved." + p.reservation_term;
                p.base = {{"unit", "hour"}};
            } else {
                return skip("VM price type " + type);
            }
            p.base["service"] = "vm";
        } else if (service == "Functions") {
            if (type != "Consumption") return skip("Functions price type " + type);
            const FunctionsMeter* meter = nullptr;
            for (const FunctionsMeter& m : kFunctionsMeters)
                if (item.get("productName") == m.product && item.get("meterName") == m.meter) meter = &m;
            if (!meter) return skip("Functions meter " + item.get("productName") + " / " + item.get("meterName"));
            if (item.get("unitOfMeasure") != meter->api_unit)
                return skip("Functions unit " + item.get("unitOfMeasure") + " of " + meter->meter);
            if (!selected(filter_.services, meter->service)) return skip("service not selected");
            id = std::string("azure.") + meter->service + "." + region + "." + meter->item;
            p.base = {{"service", meter->service}, {"description", meter->description}, {"unit", meter->unit}};
            p.per = meter->per;
            if (meter->free_id) p.free_id = meter->free_id;
        } else {
            return skip("service " + (service.empty() ? std::string("(none)") : service));
        }
        if (!selected(filter_.regions, region)) return skip("region not selected");
        const double price = number(item, "retailPrice");
        const double tier_min = item.get("tierMinimumUnits").empty() ? 0.0 : number(item, "tierMinimumUnits");
        auto [it, fresh] = pending_.try_emplace(id);
        Pending& target = it->second;
        if (fresh) {
            if (pending_.size() > kMaxKept)
                throw LimitExceeded("entries", summary_.origin +
                                                   ": more than 100,000 matching items; select fewer with --region "
                                                   "or --service");
            p.base["id"] = id;
            p.base["provider"] = "azure";
            p.base["region"] = region;
            p.base["currency"] = currency;
            p.meter_id = item.get("meterId");
            p.type = type;
            target = std::move(p);
        }
        for (const Pending::Row& row : target.rows)
            if (row.tier_min == tier_min)
                throw InvalidInput(field_name(item, "skuId"),
                                   summary_.origin + ": two items give the entry " + id + " (skuId " + row.sku_id +
                                       " and skuId " + item.get("skuId") + "); filter them apart or import one page",
                                   0);
        target.rows.push_back({tier_min, price, item.get("skuId")});
        target.effective = std::max(target.effective, item.get("effectiveStartDate").substr(0, 10));
    }

    [[nodiscard]] std::string source(const Pending& p) const {
        std::string skus;
        for (const Pending::Row& row : p.rows) {
            if (skus.find(row.sku_id) != std::string::npos) continue;
            skus += (skus.empty() ? "" : ", ") + row.sku_id;
        }
        return std::string("Azure Retail Prices API ") + kApi + ", " + p.base["region"].get<std::string>() + ", " +
               p.type + ", meterId " + p.meter_id + ", skuId " + skus + ", effective " + p.effective;
    }

    void give(json e, const Pending& p) {
        e["source"] = source(p);
        e["as_of"] = p.effective;
        e["confidence"] = "verified";
        summary_.publication_date = std::max(summary_.publication_date, p.effective);
        const std::string key = "meterId " + p.meter_id;
        sink_(std::move(e), key);
    }

    /// The entries of one pending meter; false (counted as skipped) if its rows do not fit.
    bool build(Pending& p) {
        std::sort(p.rows.begin(), p.rows.end(),
                  [](const Pending::Row& a, const Pending::Row& b) { return a.tier_min < b.tier_min; });
        const std::string id = p.base["id"];
        if (p.kind == Pending::Kind::reservation) {
            // The price is the whole term's (unitOfMeasure says "1 Hour" all the same). Azure bills it
            // upfront or in equal monthly payments of the same total: both are written.
            const double total = p.rows.front().price;
            const double hours = p.reservation_term == "1yr" ? 8760.0 : 26280.0;
            const std::string years = p.reservation_term == "1yr" ? "1-year" : "3-year";
            const std::string size = id.substr(0, id.find(".reserved."));
            json upfront = p.base;
            upfront["id"] = id + ".all_upfront";
            upfront["description"] = "Azure VM " + size + " " + years + " reservation, paid upfront";
            upfront["price"] = 0.0;
            upfront["reserved"] = {{"term", p.reservation_term}, {"payment", "all_upfront"}, {"upfront", total}};
            give(std::move(upfront), p);
            json monthly = p.base;
            monthly["id"] = id + ".no_upfront";
            monthly["description"] = "Azure VM " + size + " " + years + " reservation, paid monthly, per hour";
            monthly["price"] = total / hours;
            monthly["reserved"] = {{"term", p.reservation_term}, {"payment", "no_upfront"}, {"upfront", 0.0}};
            monthly["note"] = "Imported: the reservation's price for the term (" + std::to_string(total) + ") / " +
                              std::to_string(static_cast<int>(hours)) +
                              " hours; monthly payment costs the same total as upfront.";
            give(std::move(monthly), p);
            return true;
        }
        if (p.rows.front().tier_min != 0) {
            skip("tiers not starting at 0");
            return false;
        }
        json e = p.base;
        if (p.rows.size() == 1) {
            e["price"] = p.rows[0].price / p.per;
        } else if (p.rows.size() == 2 && p.rows[0].price == 0 && !p.free_id.empty()) {
            // Consumption meters publish the free grant as a $0 first tier: an allowance plus a price.
            e["price"] = p.rows[1].price / p.per;
            const double allowance = p.rows[1].tier_min * p.per;
            give_allowance(p, allowance);  // global, so kept whatever --region says (as for AWS)
        } else {
            json tiers = json::array();
            for (std::size_t i = 0; i < p.rows.size(); ++i) {
                json t = {{"from", p.rows[i].tier_min * p.per}, {"up_to", nullptr}, {"price", p.rows[i].price / p.per}};
                if (i + 1 < p.rows.size()) t["up_to"] = p.rows[i + 1].tier_min * p.per;
                tiers.push_back(std::move(t));
            }
            e["tiers"] = std::move(tiers);
        }
        if (p.per != 1 && !e.contains("note"))
            e["note"] = "Imported: the API prices executions per 10; the price here is per execution.";
        give(std::move(e), p);
        return true;
    }

    void give_allowance(const Pending& p, double allowance) {
        if (!globals_.insert(p.free_id).second) return;  // given by an earlier page or region
        json a = {{"id", p.free_id},
                  {"provider", "azure"},
                  {"service", p.base["service"]},
                  {"region", "global"},
                  {"description", p.base["description"].get<std::string>() + ": free grant per month"},
                  {"unit", p.base["unit"]},
                  {"currency", p.base["currency"]},
                  {"allowance", allowance},
                  {"note", "Imported: the end of the meter's $0 first tier (tierMinimumUnits of the paid tier" +
                               std::string(p.per != 1 ? ", x 10 executions" : "") + ")."}};
        give(std::move(a), p);
    }

    SaxPath path_;
    PriceListSummary& summary_;
    const PriceListFilter& filter_;
    const Catalog* facts_;
    std::set<std::string>& globals_;
    const EntrySink& sink_;
    Item item_;
    std::size_t items_seen_ = 0;
    bool saw_items_ = false;
    std::string next_page_;
    std::map<std::string, Pending> pending_;  // by entry id, in id order
    std::unordered_map<std::string, const PriceEntry*> by_size_;
};

}  // namespace

bool is_azure_retail_page(std::string_view head) {
    std::size_t i = 0;
    auto blank = [&] {
        while (i < head.size() && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r' || head[i] == '\t')) ++i;
    };
    blank();
    if (i >= head.size() || head[i] != '{') return false;
    ++i;
    blank();
    if (i >= head.size() || head[i] != '"') return false;
    const std::size_t end = head.find('"', i + 1);
    if (end == std::string_view::npos) return false;
    const std::string_view key = head.substr(i + 1, end - i - 1);
    return key == "BillingCurrency" || key == "CustomerEntityId" || key == "CustomerEntityType" || key == "Items";
}

void read_azure_retail(ByteReader& reader, PriceListSummary& summary, const PriceListFilter& filter,
                       const Catalog* facts, std::set<std::string>& globals, const EntrySink& sink) {
    summary.offer_code = "Azure Retail Prices";
    summary.format = "json";
    AzurePage page(reader, summary, filter, facts, globals, sink);
    json::sax_parse(ByteIterator(&reader), ByteIterator(), &page);
    page.finish();
}

}  // namespace costsim::detail
