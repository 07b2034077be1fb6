// Catalog parsing, validation, merging and lookup. Schema: Design/catalog.md.
#include <costsim/catalog.hpp>
#include <costsim/detail/edit_distance.hpp>
#include <costsim/detail/embedded_file.hpp>
#include <costsim/detail/unsafe_text.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <regex>
#include <set>

namespace costsim {

using nlohmann::json;

const char* to_string(Confidence c) noexcept {
    switch (c) {
        case Confidence::verified: return "verified";
        case Confidence::single_source: return "single-source";
        case Confidence::unverified: return "unverified";
    }
    return "unverified";
}

double PriceEntry::flat_price() const {
    if (kind != EntryKind::price || tiers.size() != 1)
        throw InvalidCatalog(id, "catalog entry " + id + " is not a flat price");
    return tiers.front().price;
}

namespace {

std::string describe(const json& v) {
    std::string s = v.dump();
    return s.size() > 60 ? s.substr(0, 57) + "..." : s;
}

/// Reads one entry, naming `where` ("origin: entries[3]") in every error.
class EntryReader {
  public:
    EntryReader(const json& j, std::string where) : j_(j), where_(std::move(where)) {}

    [[noreturn]] void fail(const std::string& field, const std::string& message) const {
        std::string id = j_.contains("id") && j_["id"].is_string() ? " (" + j_["id"].get<std::string>() + ")" : "";
        throw InvalidCatalog(where_ + "." + field, where_ + id + "." + field + ": " + message);
    }
    std::string text(const char* field, bool required = true) const {
        if (!j_.contains(field)) {
            if (required) fail(field, "is required");
            return {};
        }
        const json& v = j_[field];
        if (!v.is_string() || v.get<std::string>().empty())
            fail(field, "must be a non-empty string, got " + describe(v));
        std::string s = v.get<std::string>();
        require_printable(s, field);
        return s;
    }
    /// Catalog text is shown in tables and CSV: the same rule as offering ids.
    void require_printable(const std::string& s, const std::string& field) const {
        if (const auto c = detail::find_unsafe_char(s))
            fail(field, "must be without control or bidirectional characters, got " + detail::describe(*c) +
                            " at byte " + std::to_string(c->offset));
    }
    double number(const json& v, const std::string& field) const {
        if (!v.is_number()) fail(field, "must be a number, got " + describe(v));
        double d = v.get<double>();
        if (!std::isfinite(d)) fail(field, "must be finite");
        return d;
    }
    const json& j_;
    std::string where_;
};

const std::set<std::string> kEntryFields = {"id",       "provider", "service", "region",     "description", "unit",
                                            "currency", "price",    "tiers",   "allowance",  "discount",    "instance",
                                            "reserved", "source",   "as_of",   "confidence", "note"};
// Bounds that keep every bill finite: a unit price above $1e9 or a quantity above 1e18 is a
// typo, and would let totals overflow to infinity (serialised as null).
constexpr double kMaxUnitPrice = 1e9;
constexpr double kMaxQuantity = 1e18;

const std::set<std::string> kProviders = {"aws", "gcp", "azure", "oci", "sakura"};

/// A real calendar date YYYY-MM-DD (Gregorian: 2024-02-29 is one, 2026-02-30 is not).
bool is_date(const std::string& s) {
    static const std::regex re(R"(^\d{4}-\d{2}-\d{2}$)");
    if (!std::regex_match(s, re)) return false;
    const int year = std::stoi(s.substr(0, 4)), month = std::stoi(s.substr(5, 2)), day = std::stoi(s.substr(8, 2));
    if (month < 1 || month > 12 || day < 1) return false;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return day <= kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

/// A reserved-instance rate: {"term", "payment", "upfront"} on a flat hourly price whose id ends
/// ".reserved.<term>.<payment>", so the cost model finds it from the instance entry's id.
ReservedTerms read_reserved(const EntryReader& r, const json& v, const PriceEntry& e) {
    if (!v.is_object()) r.fail("reserved", "must be an object");
    for (const auto& [key, value] : v.items())
        if (key != "term" && key != "payment" && key != "upfront") r.fail("reserved." + key, "unknown field");
    ReservedTerms t;
    if (!v.contains("term") || (v["term"] != "1yr" && v["term"] != "3yr"))
        r.fail("reserved.term", "must be 1yr or 3yr, got " + (v.contains("term") ? describe(v["term"]) : "nothing"));
    t.term = v["term"].get<std::string>();
    if (!v.contains("payment") ||
        (v["payment"] != "no_upfront" && v["payment"] != "partial_upfront" && v["payment"] != "all_upfront"))
        r.fail("reserved.payment", "must be no_upfront, partial_upfront or all_upfront, got " +
                                       (v.contains("payment") ? describe(v["payment"]) : "nothing"));
    t.payment = v["payment"].get<std::string>();
    if (v.contains("upfront")) {
        t.upfront = r.number(v["upfront"], "reserved.upfront");
        if (t.upfront < 0 || t.upfront > kMaxUnitPrice)
            r.fail("reserved.upfront", "must be in [0, 1e9], got " + describe(v["upfront"]));
    }
    if (t.payment == "no_upfront" && t.upfront != 0)
        r.fail("reserved.upfront", "must be 0 (or absent) for no_upfront, got " + describe(v["upfront"]));
    if (t.payment != "no_upfront" && !(t.upfront > 0))
        r.fail("reserved.upfront", "is required and must be above 0 for " + t.payment);
    if (e.kind != EntryKind::price || e.tiers.size() != 1 || e.unit != "hour")
        r.fail("reserved", "a reserved rate is a flat price per hour (\"price\" with unit \"hour\")");
    if (t.payment == "all_upfront" && e.tiers.front().price != 0)
        r.fail("price", "must be 0 for all_upfront (the upfront payment covers every hour), got " +
                            describe(e.tiers.front().price));
    if (e.instance) r.fail("reserved", "an entry is either an instance or a reserved rate, not both");
    const std::string suffix = ".reserved." + t.term + "." + t.payment;
    if (e.id.size() <= suffix.size() || e.id.compare(e.id.size() - suffix.size(), suffix.size(), suffix) != 0)
        r.fail("id", "a reserved rate's id must be \"<instance entry id>" + suffix + "\", got \"" + e.id + "\"");
    return t;
}

PriceEntry read_entry(const json& j, const std::string& where) {
    if (!j.is_object()) throw InvalidCatalog(where, where + ": must be an object, got " + describe(j));
    EntryReader r(j, where);
    for (const auto& [key, value] : j.items())
        if (!kEntryFields.count(key)) r.fail(key, "unknown field");
    PriceEntry e;
    e.id = r.text("id");
    e.provider = r.text("provider");
    if (!kProviders.count(e.provider))
        r.fail("provider", "must be one of aws, gcp, azure, oci, sakura, got \"" + e.provider + "\"");
    e.service = r.text("service");
    e.region = r.text("region");
    e.description = r.text("description");
    e.unit = r.text("unit");
    e.currency = r.text("currency");
    if (e.currency != "USD" && e.currency != "JPY")
        r.fail("currency", "must be USD or JPY, got \"" + e.currency + "\"");
    e.source = r.text("source");
    e.as_of = r.text("as_of");
    if (!is_date(e.as_of)) r.fail("as_of", "must be a calendar date YYYY-MM-DD, got \"" + e.as_of + "\"");
    std::string conf = r.text("confidence");
    if (conf == "verified")
        e.confidence = Confidence::verified;
    else if (conf == "single-source")
        e.confidence = Confidence::single_source;
    else if (conf == "unverified")
        e.confidence = Confidence::unverified;
    else
        r.fail("confidence", "must be verified, single-source or unverified, got \"" + conf + "\"");
    e.note = r.text("note", false);

    int kinds = int(j.contains("price")) + int(j.contains("tiers")) + int(j.contains("allowance")) +
                int(j.contains("discount"));
    if (kinds != 1) r.fail("price", "exactly one of price, tiers, allowance, discount is required");
    if (j.contains("price")) {
        double p = r.number(j["price"], "price");
        if (p < 0 || p > kMaxUnitPrice) r.fail("price", "must be in [0, 1e9], got " + describe(j["price"]));
        e.tiers.push_back({0.0, kUnbounded, p});
    } else if (j.contains("tiers")) {
        const json& t = j["tiers"];
        if (!t.is_array() || t.empty()) r.fail("tiers", "must be a non-empty array");
        e.tiered_in_source = true;
        double expected_from = 0.0;
        for (std::size_t i = 0; i < t.size(); ++i) {
            std::string f = "tiers[" + std::to_string(i) + "]";
            const json& ti = t[i];
            if (!ti.is_object()) r.fail(f, "must be an object");
            for (const auto& [key, value] : ti.items())
                if (key != "from" && key != "up_to" && key != "price") r.fail(f + "." + key, "unknown field");
            if (!ti.contains("from") || !ti.contains("up_to") || !ti.contains("price"))
                r.fail(f, "needs from, up_to and price");
            PriceTier tier;
            tier.from = r.number(ti["from"], f + ".from");
            tier.price = r.number(ti["price"], f + ".price");
            if (tier.price < 0 || tier.price > kMaxUnitPrice)
                r.fail(f + ".price", "must be in [0, 1e9], got " + describe(ti["price"]));
            bool last = i + 1 == t.size();
            if (ti["up_to"].is_null()) {
                if (!last) r.fail(f + ".up_to", "only the last tier may be unbounded (null)");
                tier.up_to = kUnbounded;
            } else {
                if (last) r.fail(f + ".up_to", "the last tier must be unbounded (null)");
                tier.up_to = r.number(ti["up_to"], f + ".up_to");
                if (tier.up_to > kMaxQuantity) r.fail(f + ".up_to", "must be at most 1e18");
            }
            if (tier.from != expected_from)
                r.fail(f + ".from", (i == 0 ? std::string("the first tier must start at 0")
                                            : "must equal the previous tier's up_to (" + describe(t[i - 1]["up_to"]) +
                                                  "): tiers must be in order with no gap or overlap") +
                                        ", got " + describe(ti["from"]));
            if (!(tier.up_to > tier.from)) r.fail(f + ".up_to", "must be greater than from");
            expected_from = tier.up_to;
            e.tiers.push_back(tier);
        }
    } else if (j.contains("allowance")) {
        e.kind = EntryKind::allowance;
        e.allowance = r.number(j["allowance"], "allowance");
        if (e.allowance < 0 || e.allowance > kMaxQuantity)
            r.fail("allowance", "must be in [0, 1e18], got " + describe(j["allowance"]));
    } else {
        e.kind = EntryKind::discount;
        e.discount = r.number(j["discount"], "discount");
        if (e.discount < 0 || e.discount >= 1) r.fail("discount", "must be in [0, 1), got " + describe(j["discount"]));
    }
    if (j.contains("instance")) {
        const json& in = j["instance"];
        if (!in.is_object()) r.fail("instance", "must be an object");
        for (const auto& [key, value] : in.items())
            if (key != "name" && key != "vcpu" && key != "memory_gib" && key != "arch" && key != "baseline_share")
                r.fail("instance." + key, "unknown field");
        InstanceSpec s;
        if (!in.contains("name") || !in["name"].is_string() || in["name"].get<std::string>().empty())
            r.fail("instance.name", "must be a non-empty string");
        s.name = in["name"].get<std::string>();
        r.require_printable(s.name, "instance.name");
        if (!in.contains("vcpu")) r.fail("instance.vcpu", "is required");
        s.vcpu = r.number(in["vcpu"], "instance.vcpu");
        if (!(s.vcpu > 0 && s.vcpu <= 10000)) r.fail("instance.vcpu", "must be in (0, 10000]");
        if (!in.contains("memory_gib")) r.fail("instance.memory_gib", "is required");
        s.memory_gib = r.number(in["memory_gib"], "instance.memory_gib");
        if (!(s.memory_gib > 0 && s.memory_gib <= 1e6)) r.fail("instance.memory_gib", "must be in (0, 1e6]");
        if (in.contains("arch")) {
            if (!in["arch"].is_string() || (in["arch"] != "x86_64" && in["arch"] != "arm64"))
                r.fail("instance.arch", "must be x86_64 or arm64, got " + describe(in["arch"]));
            s.arch = in["arch"].get<std::string>();
        }
        if (in.contains("baseline_share")) {
            double b = r.number(in["baseline_share"], "instance.baseline_share");
            if (!(b > 0 && b <= 1))
                r.fail("instance.baseline_share", "must be in (0, 1], got " + describe(in["baseline_share"]));
            s.baseline_share = b;
        }
        if (e.kind != EntryKind::price) r.fail("instance", "only a price entry can describe an instance");
        if (e.unit != "hour" && e.unit != "month")
            r.fail("unit", "an instance is priced per hour or per month, got \"" + e.unit + "\"");
        e.instance = std::move(s);
    }
    if (j.contains("reserved")) e.reserved = read_reserved(r, j["reserved"], e);
    return e;
}

}  // namespace

Catalog Catalog::from_json(std::string_view json_text, std::string_view origin) {
    const std::string where(origin);
    json doc;
    try {
        doc = json::parse(json_text.begin(), json_text.end());
    } catch (const json::parse_error& e) {
        throw ParseError(where + ": invalid JSON at byte " + std::to_string(e.byte) + ": " +
                         std::string(e.what()).substr(std::string(e.what()).find(':') + 2));
    } catch (const json::exception& e) {
        throw ParseError(where + ": invalid JSON: " + e.what());
    }
    if (!doc.is_object()) throw InvalidCatalog(where, where + ": a catalog must be a JSON object");
    for (const auto& [key, value] : doc.items())
        if (key != "schema" && key != "version" && key != "as_of" && key != "entries")
            throw InvalidCatalog(key, where + "." + key + ": unknown field");
    auto top_text = [&](const char* key) {
        if (!doc.contains(key) || !doc[key].is_string())
            throw InvalidCatalog(key, where + "." + key + ": is required and must be a string");
        return doc[key].get<std::string>();
    };
    if (top_text("schema") != "cost-sim-catalog/1")
        throw InvalidCatalog("schema", where + ".schema: must be \"cost-sim-catalog/1\", got " + doc["schema"].dump());
    Catalog c;
    c.version_ = top_text("version");
    if (const auto bad = detail::find_unsafe_char(c.version_))
        throw InvalidCatalog("version", where + ".version: must be without control or bidirectional characters, got " +
                                            detail::describe(*bad));
    c.as_of_ = top_text("as_of");
    if (!is_date(c.as_of_))
        throw InvalidCatalog("as_of", where + ".as_of: must be a calendar date YYYY-MM-DD, got \"" + c.as_of_ + "\"");
    if (!doc.contains("entries") || !doc["entries"].is_array())
        throw InvalidCatalog("entries", where + ".entries: is required and must be an array");
    const json& entries = doc["entries"];
    if (entries.size() > 100000) throw InvalidCatalog("entries", where + ".entries: at most 100,000 entries");
    c.entries_.reserve(entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i) {
        std::string at = where + ": entries[" + std::to_string(i) + "]";
        PriceEntry e = read_entry(entries[i], at);
        for (const PriceEntry& prev : c.entries_)
            if (prev.id == e.id) throw InvalidCatalog(at + ".id", at + ".id: duplicate id \"" + e.id + "\"");
        c.entries_.push_back(std::move(e));
    }
    c.index();
    return c;
}

namespace {

/// The instance index's key: provider, region and the type name in lower case.
std::string instance_key(std::string_view provider, std::string_view region, std::string_view name) {
    std::string key;
    key.reserve(provider.size() + region.size() + name.size() + 2);
    key.append(provider).append(1, '\n').append(region).append(1, '\n');
    for (char ch : name) key += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return key;
}

}  // namespace

void Catalog::index() {
    by_id_.clear();
    instance_by_key_.clear();
    for (std::size_t i = 0; i < entries_.size(); ++i) {
        const PriceEntry& e = entries_[i];
        by_id_[e.id] = i;
        // Catalog order decides between entries whose names differ only in case (the first wins),
        // as the scan this index replaces did.
        if (e.instance) instance_by_key_.try_emplace(instance_key(e.provider, e.region, e.instance->name), i);
    }
}

Catalog Catalog::merged_with(const Catalog& overlay) const {
    Catalog c = *this;
    for (const PriceEntry& e : overlay.entries_) {
        auto it = c.by_id_.find(e.id);
        if (it != c.by_id_.end())
            c.entries_[it->second] = e;
        else {
            c.by_id_[e.id] = c.entries_.size();
            c.entries_.push_back(e);
        }
    }
    c.index();
    c.overlays_.push_back("version " + overlay.version_ + " as of " + overlay.as_of_);
    return c;
}

const Catalog& Catalog::builtin() {
    static const Catalog catalog = [] {
        Catalog all;
        for (const detail::EmbeddedFile& f : detail::builtin_catalog_files()) {
            Catalog part = from_json(f.text(), f.path);
            if (all.version_.empty()) {
                all.version_ = part.version_;
                all.as_of_ = part.as_of_;
            }
            all.as_of_ = std::max(all.as_of_, part.as_of_);
            for (PriceEntry& e : part.entries_) {
                if (all.find(e.id)) throw InvalidCatalog(e.id, std::string(f.path) + ": duplicate id " + e.id);
                all.by_id_[e.id] = all.entries_.size();
                all.entries_.push_back(std::move(e));
            }
        }
        all.index();
        return all;
    }();
    return catalog;
}

const PriceEntry* Catalog::find(std::string_view id) const noexcept {
    auto it = by_id_.find(id);
    return it == by_id_.end() ? nullptr : &entries_[it->second];
}

const PriceEntry* Catalog::find_instance(std::string_view provider, std::string_view region,
                                         std::string_view name) const {
    auto it = instance_by_key_.find(instance_key(provider, region, name));
    return it == instance_by_key_.end() ? nullptr : &entries_[it->second];
}

const PriceEntry& Catalog::at(std::string_view id, std::string_view field) const {
    if (const PriceEntry* e = find(id)) return *e;
    // "<provider>.<service>.<region>.<item>" whose service has no price in that region at all
    const std::size_t first = id.find('.'), second = id.find('.', first + 1), third = id.find('.', second + 1);
    if (third != std::string_view::npos) {
        const std::string_view provider = id.substr(0, first), service = id.substr(first + 1, second - first - 1);
        const std::string region(id.substr(second + 1, third - second - 1));
        std::vector<std::string> known = regions(provider, service);
        std::erase(known, "global");
        if (!known.empty() && std::find(known.begin(), known.end(), region) == known.end()) {
            std::string message = "no price in the catalog for " + std::string(id) + ": " + std::string(provider) +
                                  " " + std::string(service) + " has no prices in region \"" + region +
                                  "\" (regions: " + detail::join(known);
            if (auto close = detail::closest_match(region, known)) message += "; did you mean " + *close + "?";
            throw PriceNotFound(std::string(field), message + ")");
        }
    }
    std::string message = "no price in the catalog for " + std::string(id);
    auto close = closest_ids(id);
    if (!close.empty()) {
        message += " (closest:";
        for (std::size_t i = 0; i < close.size(); ++i) message += (i ? ", " : " ") + close[i];
        message += ")";
    }
    throw PriceNotFound(std::string(field), message);
}

std::vector<const PriceEntry*> Catalog::instances(std::string_view provider, std::string_view region) const {
    std::vector<const PriceEntry*> out;
    for (const PriceEntry& e : entries_)
        if (e.instance && e.provider == provider && (region.empty() || e.region == region)) out.push_back(&e);
    return out;
}

std::vector<std::string> Catalog::providers() const {
    std::set<std::string> names;
    for (const PriceEntry& e : entries_) names.insert(e.provider);
    return {names.begin(), names.end()};
}

std::vector<std::string> Catalog::regions(std::string_view provider, std::string_view service) const {
    std::set<std::string> names;
    for (const PriceEntry& e : entries_)
        if ((provider.empty() || e.provider == provider) && (service.empty() || e.service == service))
            names.insert(e.region);
    return {names.begin(), names.end()};
}

std::vector<std::string> Catalog::closest_ids(std::string_view id, std::size_t max) const {
    std::vector<std::pair<std::size_t, std::string>> scored;
    for (const PriceEntry& e : entries_) scored.emplace_back(detail::edit_distance(id, e.id), e.id);
    std::sort(scored.begin(), scored.end());
    std::vector<std::string> out;
    for (std::size_t i = 0; i < scored.size() && out.size() < max; ++i)
        if (scored[i].first <= std::max<std::size_t>(3, id.size() / 3)) out.push_back(scored[i].second);
    return out;
}

}  // namespace costsim
