// The Lambda rows of an AWS Cost and Usage Report (CUR 2.0 or legacy CSV), summed by usage type,
// each line's quantity priced on the catalog beside the CUR's cost. Formats and rules:
// Design/imports.md#cost-and-usage-report (wave2-facts 5.3).
#include <costsim/cur_import.hpp>

#include <costsim/csv.hpp>
#include <costsim/version.hpp>

#include "core/validation.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

namespace costsim {

const char* to_string(CurFormat format) noexcept { return format == CurFormat::cur2 ? "cur2" : "legacy"; }

namespace {

[[noreturn]] void fail(const std::string& field, std::size_t line, const std::string& message) {
    throw InvalidInput(field, field + " line " + std::to_string(line) + ": " + message, 0);
}

/// RFC 4180 records: fields split at commas, "..." quoting with "" for a quote; a quoted field
/// may hold commas and line breaks. `line` is the 1-based line the record starts on.
class Records {
  public:
    Records(std::string_view text, const std::string& field) : text_(text), field_(field) {
        if (text_.starts_with("\xEF\xBB\xBF")) pos_ = 3;  // a UTF-8 byte-order mark
    }

    bool next(std::vector<std::string>& fields) {
        fields.clear();
        // Blank lines between records are skipped.
        while (pos_ < text_.size() && (text_[pos_] == '\n' || text_[pos_] == '\r')) {
            if (text_[pos_] == '\n') ++line_;
            ++pos_;
        }
        if (pos_ >= text_.size()) return false;
        start_line_ = line_;
        std::string cell;
        bool quoted = false, was_quoted = false;
        while (true) {
            if (pos_ >= text_.size()) {
                if (quoted) fail(field_, start_line_, "a quoted field is not closed (the file is truncated?)");
                fields.push_back(std::move(cell));
                return true;
            }
            const char c = text_[pos_++];
            if (quoted) {
                if (c == '"') {
                    if (pos_ < text_.size() && text_[pos_] == '"') {
                        cell += '"';
                        ++pos_;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') ++line_;
                    cell += c;
                }
                if (cell.size() > kMaxCell) fail(field_, start_line_, "a field is longer than 64 KB");
                continue;
            }
            if (c == '"') {
                if (!cell.empty() || was_quoted)
                    fail(field_, start_line_,
                         "a quote inside an unquoted field (field " + std::to_string(fields.size() + 1) + ")");
                quoted = was_quoted = true;
            } else if (c == ',') {
                fields.push_back(std::move(cell));
                cell.clear();
                was_quoted = false;
                if (fields.size() > CurLimits::max_columns)
                    fail(field_, start_line_, "more than " + std::to_string(CurLimits::max_columns) + " fields");
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
                ++line_;
                fields.push_back(std::move(cell));
                return true;
            } else {
                if (was_quoted) fail(field_, start_line_, "text after a closing quote");
                cell += c;
                if (cell.size() > kMaxCell) fail(field_, start_line_, "a field is longer than 64 KB");
            }
        }
    }
    [[nodiscard]] std::size_t line() const { return start_line_; }

  private:
    static constexpr std::size_t kMaxCell = std::size_t{64} * 1024;
    std::string_view text_;
    const std::string& field_;
    std::size_t pos_ = 0;
    std::size_t line_ = 1;
    std::size_t start_line_ = 1;
};

/// The columns read, in each format's spelling (wave2-facts 5.3; AWS table-dictionary-cur2 and
/// the legacy data dictionary).
struct Columns {
    int product = -1, usage_type = -1, amount = -1, cost = -1, line_type = -1, currency = -1, region = -1, start = -1,
        end = -1, interval = -1;
};

int find(const std::vector<std::string>& header, std::initializer_list<std::string_view> names) {
    for (std::string_view name : names)
        for (std::size_t i = 0; i < header.size(); ++i)
            if (header[i] == name) return static_cast<int>(i);
    return -1;
}

/// AWS billing region prefixes of usage types. us-east-1 has none (wave2-facts 5.3: real
/// us-east-1 Lambda types are unprefixed; "USE1-" is accepted as some exports write it).
/// Sources: wave2-facts 5.3 (USW2-, APN1-, EU- for eu-west-1); the rest are AWS's published
/// usage-type prefixes as seen in Price List usagetype attributes (e.g. "USE2-BoxUsage", 6.2) [U].
constexpr std::pair<std::string_view, std::string_view> kRegionPrefixes[] = {
    {"USE1", "us-east-1"},      {"USE2", "us-east-2"},      {"USW1", "us-west-1"},      {"USW2", "us-west-2"},
    {"CAN1", "ca-central-1"},   {"EU", "eu-west-1"},        {"EUW2", "eu-west-2"},      {"EUW3", "eu-west-3"},
    {"EUC1", "eu-central-1"},   {"EUN1", "eu-north-1"},     {"EUS1", "eu-south-1"},     {"APN1", "ap-northeast-1"},
    {"APN2", "ap-northeast-2"}, {"APN3", "ap-northeast-3"}, {"APS1", "ap-southeast-1"}, {"APS2", "ap-southeast-2"},
    {"APS3", "ap-south-1"},     {"APE1", "ap-east-1"},      {"SAE1", "sa-east-1"},      {"MES1", "me-south-1"},
    {"AFS1", "af-south-1"},
};

struct UsageKind {
    std::string item;
    std::string arch;
    std::string unit;
    std::string catalog_item;  ///< "<arch>.<item>" suffix of the catalog id, or ""
};

/// A usage type without its region prefix, e.g. "Lambda-GB-Second-ARM".
UsageKind usage_kind(std::string_view base) {
    const bool arm = base.ends_with("-ARM");
    if (arm) base.remove_suffix(4);
    const std::string arch = arm ? "arm64" : "x86_64";
    const auto priced = [&](const std::string& item, const char* unit) {
        return UsageKind{item, arch, unit, arch + "." + item};
    };
    if (base == "Request") return priced("requests", "request");
    if (base == "Lambda-GB-Second") return priced("duration", "GB-second");
    if (base == "Lambda-Provisioned-Concurrency") return priced("provisioned_concurrency", "GB-second");
    if (base == "Lambda-Provisioned-GB-Second") return priced("provisioned_duration", "GB-second");
    if (base == "Lambda-Storage-GB-Second") return priced("ephemeral_storage", "GB-second");
    if (base == "Lambda-Edge-Request") return {"edge_requests", "", "request", ""};
    if (base == "Lambda-Edge-GB-Second") return {"edge_duration", "", "GB-second", ""};
    return {"other", "", "", ""};
}

std::optional<double> number_of(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    double d = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
    if (s.empty() || ec != std::errc{} || end != s.data() + s.size() || !std::isfinite(d)) return std::nullopt;
    return d;
}

/// To the nano-dollar: a difference of sums of many rows is otherwise binary noise (2e-15).
double nano_dollars(double v) { return std::round(v * 1e9) / 1e9 + 0.0; }

/// `quantity` priced on a (tiered) entry after `free` units: tiers apply to the billable part.
double tiered_cost(const PriceEntry& entry, double billable) {
    double cost = 0.0;
    for (const PriceTier& t : entry.tiers) {
        const double in_tier = std::min(billable, t.up_to) - t.from;
        if (in_tier > 0) cost += in_tier * t.price;
    }
    return cost;
}

}  // namespace

CurComparison import_cur(std::string_view csv, const Catalog& catalog, const CurOptions& options,
                         const std::string& field) {
    if (csv.size() > CurLimits::max_text_bytes)
        throw LimitExceeded(field, field + " is larger than the limit of " +
                                       detail::format_quantity(double(CurLimits::max_text_bytes)) + " bytes");
    CurComparison out;
    Records records(csv, field);
    std::vector<std::string> header;
    if (!records.next(header)) throw InvalidInput(field, field + ": empty, a Cost and Usage Report CSV is expected", 0);
    Columns c;
    if (find(header, {"line_item_usage_type"}) >= 0) {
        out.format = CurFormat::cur2;
        c.product = find(header, {"line_item_product_code"});
        c.usage_type = find(header, {"line_item_usage_type"});
        c.amount = find(header, {"line_item_usage_amount"});
        c.cost = find(header, {"line_item_unblended_cost"});
        c.line_type = find(header, {"line_item_line_item_type"});
        c.currency = find(header, {"line_item_currency_code"});
        c.region = find(header, {"product_region_code", "product_region"});
        c.start = find(header, {"line_item_usage_start_date"});
        c.end = find(header, {"line_item_usage_end_date"});
        c.interval = find(header, {"identity_time_interval"});
    } else if (find(header, {"lineItem/UsageType"}) >= 0) {
        out.format = CurFormat::legacy;
        c.product = find(header, {"lineItem/ProductCode"});
        c.usage_type = find(header, {"lineItem/UsageType"});
        c.amount = find(header, {"lineItem/UsageAmount"});
        c.cost = find(header, {"lineItem/UnblendedCost"});
        c.line_type = find(header, {"lineItem/LineItemType"});
        c.currency = find(header, {"lineItem/CurrencyCode"});
        c.region = find(header, {"product/regionCode", "product/region"});
        c.start = find(header, {"lineItem/UsageStartDate"});
        c.end = find(header, {"lineItem/UsageEndDate"});
        c.interval = find(header, {"identity/TimeInterval"});
    } else {
        fail(field, records.line(),
             "not a Cost and Usage Report header: it needs line_item_usage_type (CUR 2.0) or lineItem/UsageType "
             "(legacy CUR)");
    }
    const bool cur2 = out.format == CurFormat::cur2;
    const auto require = [&](int index, std::string_view cur2_name, std::string_view legacy_name) {
        if (index < 0)
            fail(field, records.line(), "the header has no " + std::string(cur2 ? cur2_name : legacy_name) + " column");
    };
    require(c.product, "line_item_product_code", "lineItem/ProductCode");
    require(c.amount, "line_item_usage_amount", "lineItem/UsageAmount");
    require(c.cost, "line_item_unblended_cost", "lineItem/UnblendedCost");
    const auto column_name = [&](int index) { return header[static_cast<std::size_t>(index)]; };

    std::map<std::string, CurLine> by_type;  // keyed by region + usage type
    std::vector<std::string> row;
    while (records.next(row)) {
        ++out.summary.read;
        if (out.summary.read > CurLimits::max_rows)
            throw LimitExceeded(field,
                                field + ": at most " + detail::format_quantity(double(CurLimits::max_rows)) + " rows");
        const std::size_t line = records.line();
        if (row.size() != header.size())
            fail(field, line, std::to_string(row.size()) + " fields, the header has " + std::to_string(header.size()));
        const auto cell = [&](int index) -> const std::string& {
            static const std::string none;
            return index < 0 ? none : row[static_cast<std::size_t>(index)];
        };
        if (cell(c.product) != "AWSLambda") {
            out.summary.skip("of product " + (cell(c.product).empty() ? std::string("(none)") : cell(c.product)));
            continue;
        }
        const std::string& type = cell(c.line_type);
        if (!type.empty() && type != "Usage" && type != "SavingsPlanCoveredUsage") {
            out.summary.skip("of line item type " + type);
            continue;
        }
        const std::string& currency = cell(c.currency);
        if (!currency.empty() && currency != "USD") {
            out.summary.skip("in currency " + currency);
            continue;
        }
        const auto amount = number_of(cell(c.amount));
        if (!amount || *amount < 0)
            fail(field, line,
                 column_name(c.amount) + " must be a number >= 0, got \"" + cell(c.amount).substr(0, 40) + "\"");
        const auto cost = number_of(cell(c.cost));
        if (!cost)
            fail(field, line, column_name(c.cost) + " must be a number, got \"" + cell(c.cost).substr(0, 40) + "\"");

        // The region: the product's region column, else the usage type's prefix.
        const std::string& usage_type = cell(c.usage_type);
        std::string_view base = usage_type;
        std::string region = cell(c.region);
        bool free_tier_row = false;
        if (base.starts_with("Global-")) {
            base.remove_prefix(7);
            free_tier_row = true;
            region = "global";
        } else if (const std::size_t dash = base.find('-'); dash != std::string_view::npos) {
            for (const auto& [prefix, code] : kRegionPrefixes)
                if (base.substr(0, dash) == prefix) {
                    base.remove_prefix(dash + 1);
                    if (region.empty()) region = code;
                    break;
                }
        }
        if (region.empty()) region = "us-east-1";  // unprefixed: us-east-1 (wave2-facts 5.3)
        UsageKind kind = usage_kind(base);
        if (free_tier_row && (kind.item == "requests" || kind.item == "duration"))
            kind = {"free_tier_" + kind.item, "", kind.unit, ""};
        const std::string key = region + " " + usage_type;
        auto [it, added] = by_type.try_emplace(key);
        CurLine& l = it->second;
        if (added) {
            if (by_type.size() > CurLimits::max_lines)
                throw LimitExceeded(
                    field, field + ": more than " + std::to_string(CurLimits::max_lines) + " Lambda usage types");
            l.usage_type = usage_type;
            l.region = region;
            l.arch = kind.arch;
            l.item = kind.item;
            l.unit = kind.unit;
            l.price_id = kind.catalog_item;  // completed below
        }
        ++l.rows;
        l.quantity += *amount;
        l.cur_cost += *cost;
        ++out.summary.used;
        // The period covered: ISO texts of one format compare as times.
        std::string start = cell(c.start), end = cell(c.end);
        if (start.empty() && !cell(c.interval).empty()) {
            const std::string& interval = cell(c.interval);
            const std::size_t slash = interval.find('/');
            start = interval.substr(0, slash);
            if (slash != std::string::npos) end = interval.substr(slash + 1);
        }
        if (!start.empty() && (out.period_start.empty() || start < out.period_start)) out.period_start = start;
        if (!end.empty() && end > out.period_end) out.period_end = end;
    }
    if (by_type.empty())
        throw InvalidInput(field,
                           field + ": no AWS Lambda usage rows (" +
                               std::string(cur2 ? "line_item_product_code" : "lineItem/ProductCode") +
                               " AWSLambda): " + to_string(out.summary),
                           0);

    for (auto& [key, l] : by_type) out.lines.push_back(std::move(l));
    // Free tier: one account-wide pool (x86_64 and arm64, every region). When the report has
    // free-tier rows of its own (Global-*), they are the free use and the paid rows are priced
    // in full; else the pool is credited to the paid lines in order (us-east-1 first).
    const bool report_has_free_rows = std::any_of(out.lines.begin(), out.lines.end(),
                                                  [](const CurLine& l) { return l.item.starts_with("free_tier_"); });
    out.free_tier_applied = options.free_tier && !report_has_free_rows;
    out.free_tier_rule = !options.free_tier ? "not applied (free_tier off): every request and GB-second is priced"
                         : report_has_free_rows
                             ? "the report's Global-* rows are the free tier (priced at 0); paid rows priced in full"
                             : "the account's 1,000,000 requests and 400,000 GB-s credited to the paid lines in order";
    std::stable_sort(out.lines.begin(), out.lines.end(), [](const CurLine& a, const CurLine& b) {
        const bool a_home = a.region == "us-east-1", b_home = b.region == "us-east-1";
        if (a_home != b_home) return a_home;
        return a.region != b.region ? a.region < b.region : a.usage_type < b.usage_type;
    });
    double free_requests = 0.0, free_gbs = 0.0;
    if (out.free_tier_applied) {
        free_requests = catalog.at("aws.lambda.global.free_tier.requests", "free_tier").allowance;
        free_gbs = catalog.at("aws.lambda.global.free_tier.duration", "free_tier").allowance;
    }
    for (CurLine& l : out.lines) {
        if (l.item == "requests" || l.item == "free_tier_requests") out.requests += l.quantity;
        if (l.item == "duration" || l.item == "free_tier_duration") out.gb_seconds += l.quantity;
        out.cur_total += l.cur_cost;
        if (l.item.starts_with("free_tier_")) {
            l.costsim_cost = 0.0;
            l.difference = nano_dollars(-l.cur_cost);
            l.free_quantity = l.quantity;
            l.price_id = l.item == "free_tier_requests" ? "aws.lambda.global.free_tier.requests"
                                                        : "aws.lambda.global.free_tier.duration";
            l.note = "free tier";
        } else if (l.price_id.empty()) {
            l.note = l.item == "other" ? "usage type not priced" : "Lambda@Edge not priced";
        } else {
            const std::string id = "aws.lambda." + l.region + "." + l.price_id;
            const PriceEntry* entry = catalog.find(id);
            l.price_id = entry ? id : "";
            if (!entry) {
                l.note = "no price in " + l.region;
            } else {
                // Each usage type is one architecture in one region: its tiers apply to its own total.
                double* pool = l.item == "requests" ? &free_requests : l.item == "duration" ? &free_gbs : nullptr;
                const double free = pool ? std::min(*pool, l.quantity) : 0.0;
                if (pool) *pool -= free;
                l.free_quantity = free;
                l.costsim_cost = tiered_cost(*entry, l.quantity - free);
                l.difference = nano_dollars(*l.costsim_cost - l.cur_cost);
                if (free > 0) l.note = detail::format_quantity(free) + " free";
                out.costsim_total += *l.costsim_cost;
                out.cur_total_priced += l.cur_cost;
            }
        }
    }
    out.difference = nano_dollars(out.costsim_total - out.cur_total_priced);
    return out;
}

std::string to_json(const CurComparison& cmp, int indent) {
    using Json = nlohmann::ordered_json;
    Json j;
    j["schema"] = "cost-sim-report/1";
    j["generated_by"] = std::string("cost-sim ") + kVersion;
    Json d;
    d["format"] = to_string(cmp.format);
    d["currency"] = cmp.currency;
    d["period_start"] = cmp.period_start;
    d["period_end"] = cmp.period_end;
    d["usage"] = {{"requests", cmp.requests}, {"gb_seconds", cmp.gb_seconds}};
    d["free_tier_applied"] = cmp.free_tier_applied;
    d["free_tier_rule"] = cmp.free_tier_rule;
    d["lines"] = Json::array();
    for (const CurLine& l : cmp.lines) {
        Json line;
        line["usage_type"] = l.usage_type;
        line["region"] = l.region;
        line["arch"] = l.arch;
        line["item"] = l.item;
        line["unit"] = l.unit;
        line["rows"] = l.rows;
        line["quantity"] = l.quantity;
        line["cur_cost"] = l.cur_cost;
        line["costsim_cost"] = l.costsim_cost ? Json(*l.costsim_cost) : Json(nullptr);
        line["difference"] = l.difference ? Json(*l.difference) : Json(nullptr);
        line["free_quantity"] = l.free_quantity;
        line["price_id"] = l.price_id;
        line["note"] = l.note;
        d["lines"].push_back(std::move(line));
    }
    d["cur_total"] = cmp.cur_total;
    d["cur_total_priced"] = cmp.cur_total_priced;
    d["costsim_total"] = cmp.costsim_total;
    d["difference"] = cmp.difference;
    Json s;
    s["unit"] = cmp.summary.unit;
    s["read"] = cmp.summary.read;
    s["used"] = cmp.summary.used;
    s["skipped"] = cmp.summary.skipped;
    s["skipped_by_reason"] = Json::array();
    for (const auto& [reason, n] : cmp.summary.skipped_by_reason)
        s["skipped_by_reason"].push_back({{"reason", reason}, {"count", n}});
    d["summary"] = s;
    j["cur"] = d;
    return j.dump(indent, ' ', false, Json::error_handler_t::replace);
}

std::string to_csv(const CurComparison& cmp) {
    std::string out =
        "usage_type,region,arch,item,unit,rows,quantity,cur_cost,costsim_cost,difference,price_id,note\r\n";
    for (const CurLine& l : cmp.lines) {
        out += csv_cell(l.usage_type) + "," + csv_cell(l.region) + "," + csv_cell(l.arch) + "," + csv_cell(l.item) +
               "," + csv_cell(l.unit) + "," + std::to_string(l.rows) + "," + csv_number(l.quantity) + "," +
               csv_number(l.cur_cost) + "," + (l.costsim_cost ? csv_number(*l.costsim_cost) : "") + "," +
               (l.difference ? csv_number(*l.difference) : "") + "," + csv_cell(l.price_id) + "," + csv_cell(l.note) +
               "\r\n";
    }
    return out;
}

}  // namespace costsim
