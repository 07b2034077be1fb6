// AWS Price List bulk offer files (JSON and CSV) to catalog entries, streamed: products first
// (only matching ones are kept, a few attributes each), then their terms. Rules: Design/catalog.md.
#include <costsim/price_list_import.hpp>

#include "azure_retail_import.hpp"
#include "byte_reader.hpp"
#include "sax_path.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <istream>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace costsim {

namespace {

using detail::ByteIterator;
using detail::ByteReader;
using detail::SaxPath;
using nlohmann::json;

constexpr std::size_t kMaxEntries = 100000;  // the catalog's own bound
constexpr double kInf = std::numeric_limits<double>::infinity();

/// "Pre Installed S/W" and "preInstalledSw" -> "preinstalledsw": CSV headers and JSON keys alike.
std::string normal_key(std::string_view s) {
    std::string k;
    for (char c : s)
        if (std::isalnum(static_cast<unsigned char>(c)))
            k += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return k;
}

std::string trimmed(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return std::string(s);
}

/// A usage type without its region prefix: "USE2-LoadBalancerUsage" -> "LoadBalancerUsage" (us-east-1
/// has none); "USE1-TS-LoadBalancerUsage" keeps "TS-LoadBalancerUsage", another product.
std::string usage_base(const std::string& usagetype) {
    const auto dash = usagetype.find('-');
    if (dash == std::string::npos || dash == 0 || dash > 5) return usagetype;
    for (std::size_t i = 0; i < dash; ++i)
        if (!std::isupper(static_cast<unsigned char>(usagetype[i])) &&
            !std::isdigit(static_cast<unsigned char>(usagetype[i])))
            return usagetype;
    return usagetype.substr(dash + 1);
}

/// The product attributes the rules read; every other attribute is dropped on reading.
const std::set<std::string, std::less<>> kKeptAttributes = {
    "instancetype", "operatingsystem", "tenancy",           "preinstalledsw", "capacitystatus", "licensemodel",
    "marketoption", "operation",       "usagetype",         "regioncode",     "location",       "locationtype",
    "vcpu",         "memory",          "physicalprocessor", "volumeapiname",  "group",          "transfertype",
    "fromlocation", "fromregioncode",  "tolocation"};

/// Region display names of files without regionCode (older files, the CSV variant).
const std::unordered_map<std::string, std::string>& region_codes() {
    static const std::unordered_map<std::string, std::string> m = {{"US East (N. Virginia)", "us-east-1"},
                                                                   {"US East (Ohio)", "us-east-2"},
                                                                   {"US West (N. California)", "us-west-1"},
                                                                   {"US West (Oregon)", "us-west-2"},
                                                                   {"Asia Pacific (Tokyo)", "ap-northeast-1"},
                                                                   {"Asia Pacific (Seoul)", "ap-northeast-2"},
                                                                   {"Asia Pacific (Osaka)", "ap-northeast-3"},
                                                                   {"Asia Pacific (Singapore)", "ap-southeast-1"},
                                                                   {"Asia Pacific (Sydney)", "ap-southeast-2"},
                                                                   {"Asia Pacific (Mumbai)", "ap-south-1"},
                                                                   {"Canada (Central)", "ca-central-1"},
                                                                   {"South America (Sao Paulo)", "sa-east-1"},
                                                                   {"EU (Frankfurt)", "eu-central-1"},
                                                                   {"Europe (Frankfurt)", "eu-central-1"},
                                                                   {"EU (Ireland)", "eu-west-1"},
                                                                   {"Europe (Ireland)", "eu-west-1"},
                                                                   {"EU (London)", "eu-west-2"},
                                                                   {"Europe (London)", "eu-west-2"},
                                                                   {"EU (Paris)", "eu-west-3"},
                                                                   {"Europe (Paris)", "eu-west-3"},
                                                                   {"EU (Stockholm)", "eu-north-1"},
                                                                   {"Europe (Stockholm)", "eu-north-1"},
                                                                   {"EU (Milan)", "eu-south-1"},
                                                                   {"Europe (Milan)", "eu-south-1"}};
    return m;
}

const std::array<const char*, 5> kOffers = {"AmazonEC2", "AWSLambda", "AWSELB", "AmazonApiGateway", "AWSDataTransfer"};

struct Dimension {
    double begin = 0, end = kInf;
    std::string unit, currency, price_text;
};

struct Term {
    std::string type;  // OnDemand | Reserved
    std::string code, effective_date, lease, purchase, offering_class;
    std::vector<Dimension> dims;
};

struct Product {
    std::string sku, family;
    std::unordered_map<std::string, std::string> attrs;
    std::vector<Term> terms;
    [[nodiscard]] const std::string& attr(const char* k) const {
        static const std::string none;
        auto it = attrs.find(k);
        return it == attrs.end() ? none : it->second;
    }
};

/// What a kept product becomes: entry id parts and how to price it.
struct Match {
    enum class Kind { instance, flat, tiered, allowance } kind = Kind::flat;
    std::string service, region, item, description, unit;
};

double number_or(const std::string& text, double fallback) {
    if (text.empty() || text == "Inf") return fallback;
    double v = 0;
    const char* end = text.data() + text.size();
    auto [p, ec] = std::from_chars(text.data(), end, v);
    if (ec != std::errc() || p != end || !std::isfinite(v)) return std::nan("");
    return v;
}

/// A set of SKU hashes in ~8 bytes each: a sorted bulk plus a small hash set merged into it.
class SeenSkus {
  public:
    bool contains(std::string_view sku) const {
        const std::uint64_t h = std::hash<std::string_view>{}(sku);
        return recent_.count(h) || std::binary_search(bulk_.begin(), bulk_.end(), h);
    }
    void insert(std::string_view sku) {
        recent_.insert(std::hash<std::string_view>{}(sku));
        if (recent_.size() > std::max<std::size_t>(65536, bulk_.size() / 4)) {
            bulk_.insert(bulk_.end(), recent_.begin(), recent_.end());
            std::sort(bulk_.begin(), bulk_.end());
            bulk_.erase(std::unique(bulk_.begin(), bulk_.end()), bulk_.end());
            recent_.clear();
        }
    }

  private:
    std::vector<std::uint64_t> bulk_;
    std::unordered_set<std::uint64_t> recent_;
};

/// Everything read so far, and the file being read.
struct ImportState {
    PriceListFilter filter;
    const Catalog* facts = nullptr;
    std::vector<std::string> entries;  ///< compact JSON, one per entry (a tree each would be ~5x larger)
    std::unordered_map<std::string, std::string> sku_of_id;
    std::string latest_version, latest_date;
    std::string latest_azure_date;  ///< the newest effectiveStartDate of the Azure pages read
    std::set<std::string> azure_globals;

    // The file being read.
    PriceListSummary summary;
    std::string as_of;
    std::unordered_map<std::string, std::size_t> kept_index;  // sku -> products
    std::vector<Product> kept;
    std::vector<Match> matches;

    [[nodiscard]] bool selected(const std::vector<std::string>& list, const std::string& v) const {
        return list.empty() || std::find(list.begin(), list.end(), v) != list.end();
    }

    void skip(const std::string& reason) { ++summary.skipped[reason]; }

    void begin_file(std::string_view origin, const char* format) {
        summary = PriceListSummary{};
        summary.origin = std::string(origin);
        summary.format = format;
        kept_index.clear();
        kept.clear();
        matches.clear();
    }

    /// The offer's metadata, checked before any product is read.
    void check_offer() {
        const std::string& origin = summary.origin;
        if (summary.offer_code.empty())
            throw ParseError(origin + ": not an AWS Price List offer file: no offerCode before the products");
        if (std::find(kOffers.begin(), kOffers.end(), summary.offer_code) == kOffers.end())
            throw InvalidInput(
                "offerCode",
                origin + ": the offer " + summary.offer_code +
                    " is not one cost-sim imports (AmazonEC2, AWSLambda, AWSELB, AmazonApiGateway, AWSDataTransfer)",
                0);
        const std::string& d = summary.publication_date;
        if (d.size() < 10 || !std::isdigit(static_cast<unsigned char>(d[0])) || d[4] != '-' || d[7] != '-')
            throw ParseError(origin + ": the offer has no publication date (publicationDate), got \"" + d + "\"");
        as_of = d.substr(0, 10);
    }

    [[nodiscard]] std::string region_of(const Product& p, const char* code_key, const char* name_key) const {
        if (!p.attr(code_key).empty()) return p.attr(code_key);
        auto it = region_codes().find(p.attr(name_key));
        return it == region_codes().end() ? "" : it->second;
    }

    /// Keeps the product (returns true) or counts the reason it is skipped.
    bool classify(const Product& p, Match& m) {
        const std::string& offer = summary.offer_code;
        auto refuse = [&](const std::string& reason) {
            skip(reason);
            return false;
        };
        auto differs = [&](const char* key, const char* wanted) {
            const std::string& v = p.attr(key);
            return !v.empty() && v != wanted;
        };
        const char* region_name = "location";
        const char* region_code = "regioncode";
        if (offer == "AmazonEC2") {
            if (p.family == "Compute Instance") {
                if (differs("locationtype", "AWS Region")) return refuse("location type " + p.attr("locationtype"));
                if (p.attr("operatingsystem") != "Linux")
                    return refuse("operating system " + p.attr("operatingsystem"));
                if (p.attr("tenancy") != "Shared") return refuse("tenancy " + p.attr("tenancy"));
                if (differs("preinstalledsw", "NA"))
                    return refuse("pre-installed software " + p.attr("preinstalledsw"));
                if (differs("capacitystatus", "Used")) return refuse("capacity status " + p.attr("capacitystatus"));
                if (differs("licensemodel", "No License required"))
                    return refuse("license model " + p.attr("licensemodel"));
                if (differs("marketoption", "OnDemand")) return refuse("market option " + p.attr("marketoption"));
                if (differs("operation", "RunInstances")) return refuse("operation " + p.attr("operation"));
                const std::string& type = p.attr("instancetype");
                if (type.empty()) return refuse("no instance type");
                if (!selected(filter.instance_families, type.substr(0, type.find('.'))))
                    return refuse("instance family not selected");
                m.kind = Match::Kind::instance;
                m.service = "ec2";
                m.item = type;
                m.unit = "hour";
                m.description = "EC2 " + type + ", Linux, on-demand, shared tenancy";
            } else if (p.family == "Storage" && !p.attr("volumeapiname").empty()) {
                m.service = "ebs";
                m.item = p.attr("volumeapiname");
                m.unit = "GB-month";
                m.description = "EBS " + m.item + " storage";
            } else {
                return refuse("product family " + (p.family.empty() ? std::string("(none)") : p.family));
            }
        } else if (offer == "AWSLambda") {
            static const std::unordered_map<std::string, std::pair<const char*, const char*>> groups = {
                {"AWS-Lambda-Requests", {"requests", "Lambda requests"}},
                {"AWS-Lambda-Duration",
                 {"duration", "Lambda duration, tiered on the month's GB-seconds per architecture"}},
                {"AWS-Lambda-Provisioned-Concurrency", {"provisioned_concurrency", "Lambda provisioned concurrency"}},
                {"AWS-Lambda-Duration-Provisioned",
                 {"provisioned_duration", "Lambda duration on provisioned concurrency"}},
                {"AWS-Lambda-Storage-Duration", {"ephemeral_storage", "Lambda ephemeral storage above 512 MB"}}};
            std::string group = p.attr("group");
            std::string arch = "x86_64";
            if (group.size() > 4 && group.compare(group.size() - 4, 4, "-ARM") == 0) {
                group.resize(group.size() - 4);
                arch = "arm64";
            }
            auto g = groups.find(group);
            if (p.family != "Serverless" || g == groups.end())
                return refuse("Lambda group " + (p.attr("group").empty() ? std::string("(none)") : p.attr("group")));
            m.service = "lambda";
            const bool per_request = group == "AWS-Lambda-Requests";
            m.unit = per_request ? "request" : "GB-second";
            if (p.attr("location") == "Any") {  // the free tier, linked from the paid SKUs
                if (group != "AWS-Lambda-Requests" && group != "AWS-Lambda-Duration")
                    return refuse("free tier of " + group);
                m.kind = Match::Kind::allowance;
                m.region = "global";
                m.item = std::string("free_tier.") + g->second.first;
                m.description =
                    std::string("Lambda free tier: ") + (per_request ? "requests" : "GB-seconds") + " per month";
            } else {
                m.kind = group == "AWS-Lambda-Duration" ? Match::Kind::tiered : Match::Kind::flat;
                m.item = arch + "." + g->second.first;
                m.description = std::string(g->second.second) + " (" + arch + ")";
            }
        } else if (offer == "AWSELB") {
            const std::string u = usage_base(p.attr("usagetype"));
            if (p.family != "Load Balancer-Application") return refuse("product family " + p.family);
            if (u == "LoadBalancerUsage") {
                m.item = "alb.hours";
                m.unit = "hour";
                m.description = "Application Load Balancer, per ALB-hour";
            } else if (u == "LCUUsage") {
                m.item = "alb.lcu";
                m.unit = "LCU-hour";
                m.description = "Application Load Balancer, per LCU-hour";
            } else {
                return refuse("usage type " + p.attr("usagetype"));
            }
            if (differs("locationtype", "AWS Region")) return refuse("location type " + p.attr("locationtype"));
            m.service = "elb";
        } else if (offer == "AmazonApiGateway") {
            const std::string u = usage_base(p.attr("usagetype"));
            if (u == "ApiGatewayHttpRequest") {
                m.item = "http_api.requests";
                m.description = "API Gateway HTTP API requests";
            } else if (u == "ApiGatewayRequest") {
                m.item = "rest_api.requests";
                m.description = "API Gateway REST API requests";
            } else {
                return refuse("usage type " + (u.empty() ? std::string("(none)") : p.attr("usagetype")));
            }
            m.service = "apigateway";
            m.unit = "request";
            m.kind = Match::Kind::tiered;
        } else {  // AWSDataTransfer
            if (p.attr("transfertype") != "AWS Outbound" || p.attr("tolocation") != "External" ||
                usage_base(p.attr("usagetype")) != "DataTransfer-Out-Bytes")
                return refuse("transfer type " + p.attr("transfertype") + " to " + p.attr("tolocation"));
            m.service = "data_transfer";
            m.item = "internet_out";
            m.unit = "GB";
            m.kind = Match::Kind::tiered;
            m.description = "Data transfer out to the internet";
            region_name = "fromlocation";
            region_code = "fromregioncode";
        }
        if (m.region.empty()) {
            m.region = region_of(p, region_code, region_name);
            if (m.region.empty()) return refuse("unknown location " + p.attr(region_name));
            if (!selected(filter.regions, m.region)) return refuse("region not selected");
        }
        if (!selected(filter.services, m.service)) return refuse("service not selected");
        return true;
    }

    /// A product read whole (JSON) or first seen (CSV): kept, or skipped with its reason.
    Product* take(Product&& p) {
        ++summary.products_read;
        Match m;
        if (!classify(p, m)) return nullptr;
        if (kept.size() >= kMaxEntries)  // each kept product gives one entry or more
            throw LimitExceeded(
                "entries",
                summary.origin +
                    ": more than 100,000 matching products; select fewer with --region, --family or --service");
        kept_index.emplace(p.sku, kept.size());
        kept.push_back(std::move(p));
        matches.push_back(std::move(m));
        return &kept.back();
    }

    [[nodiscard]] std::string source(const Product& p, const Term& t, const std::string& region) const {
        return "AWS Price List offer " + summary.offer_code + " " + region + " version " + summary.version +
               " (published " + as_of + "), SKU " + p.sku + ", term " + t.code +
               (t.effective_date.empty() ? "" : " effective " + t.effective_date.substr(0, 10));
    }

    double price_of(const Product& p, const Dimension& d) const {
        const double v = number_or(d.price_text, std::nan(""));
        if (!(v >= 0))
            throw ParseError(summary.origin + ": SKU " + p.sku + ": pricePerUnit must be a decimal number, got \"" +
                             d.price_text + "\"");
        return v;
    }

    json base_entry(const Match& m, const std::string& id) const {
        json e = json::object();
        e["id"] = id;
        e["provider"] = "aws";
        e["service"] = m.service;
        e["region"] = m.region;
        e["description"] = m.description;
        e["unit"] = m.unit;
        e["currency"] = "USD";
        return e;
    }

    void add_entry(json e, const Product& p) { add_entry(std::move(e), "SKU " + p.sku); }

    /// `key` names where the entry comes from ("SKU X", "meterId Y"), for the duplicate-id error.
    void add_entry(json e, const std::string& key) {
        const std::string id = e["id"].get<std::string>();
        auto [it, fresh] = sku_of_id.emplace(id, key);
        if (!fresh)
            throw InvalidInput("entries",
                               summary.origin + ": two products give the entry " + id + " (" + it->second + " and " +
                                   key + "); filter them apart or import one file",
                               0);
        if (entries.size() >= kMaxEntries)
            throw LimitExceeded(
                "entries",
                summary.origin + ": more than 100,000 entries; select fewer with --region, --family or --service");
        if (!e.contains("as_of")) e["as_of"] = as_of;
        e["confidence"] = "verified";
        entries.push_back(e.dump());
        ++summary.entries;
    }

    static std::string payment_of(std::string purchase) {
        purchase = normal_key(purchase);
        if (purchase == "noupfront") return "no_upfront";
        if (purchase == "partialupfront") return "partial_upfront";
        if (purchase == "allupfront") return "all_upfront";
        return "";
    }

    /// The entries of one kept product; false if it gave none.
    bool build(const Product& p, const Match& m) {
        const Term* on_demand = nullptr;
        for (const Term& t : p.terms) {
            if (t.type != "OnDemand") continue;
            if (!t.lease.empty()) {  // a reservation filed under OnDemand (as in one opencost excerpt)
                skip("reserved term listed under OnDemand");
                continue;
            }
            if (!on_demand || t.code == "JRTCKXETXF") on_demand = &t;
        }
        if (!on_demand) {
            skip("no on-demand price");
            return false;
        }
        std::vector<Dimension> dims;
        for (const Dimension& d : on_demand->dims)
            if (d.currency == "USD") dims.push_back(d);
        if (dims.empty()) {
            skip("no USD price");
            return false;
        }
        std::sort(dims.begin(), dims.end(), [](const Dimension& a, const Dimension& b) { return a.begin < b.begin; });
        const std::string id = "aws." + m.service + "." + m.region + "." + m.item;
        json e = base_entry(m, id);
        if (m.kind == Match::Kind::allowance) {
            if (dims.size() != 1 || price_of(p, dims[0]) != 0 || !std::isfinite(dims[0].end)) {
                skip("free tier not a single $0 range");
                return false;
            }
            e["allowance"] = dims[0].end;
            e["note"] = "Imported: the allowance is the end of the SKU's $0 range (" +
                        std::to_string(static_cast<long long>(dims[0].end)) + " " + dims[0].unit + ").";
        } else if (dims.size() == 1 && dims[0].begin == 0 && !std::isfinite(dims[0].end) &&
                   m.kind != Match::Kind::tiered) {
            e["price"] = price_of(p, dims[0]);
        } else {
            json tiers = json::array();
            for (const Dimension& d : dims) {
                json t = {{"from", d.begin}, {"up_to", nullptr}, {"price", price_of(p, d)}};
                if (std::isfinite(d.end)) t["up_to"] = d.end;
                tiers.push_back(std::move(t));
            }
            e["tiers"] = std::move(tiers);
            if (m.service == "data_transfer" && price_of(p, dims[0]) == 0)
                e["note"] =
                    "Imported as published: the offer's first band is free; cost-sim also applies the free allowance "
                    "aws.data_transfer.global.free_tier.internet_out (replace or remove one of the two).";
        }
        const std::string& instance_id = id;
        e["source"] = source(p, *on_demand, m.region == "global" ? p.attr("location") + " (global)" : m.region);
        if (m.kind == Match::Kind::instance) {
            const double vcpu = number_or(p.attr("vcpu"), std::nan(""));
            std::string memory = p.attr("memory");
            memory.erase(std::remove(memory.begin(), memory.end(), ','), memory.end());
            const auto space = memory.find(' ');
            const double memory_gib = number_or(memory.substr(0, space), std::nan(""));
            if (!(vcpu > 0) || !(memory_gib > 0) || (space != std::string::npos && memory.substr(space + 1) != "GiB")) {
                skip("no vCPU count or memory size");
                return false;
            }
            const std::string& processor = p.attr("physicalprocessor");
            const bool arm = processor.find("Graviton") != std::string::npos;
            json instance = {
                {"name", m.item}, {"vcpu", vcpu}, {"memory_gib", memory_gib}, {"arch", arm ? "arm64" : "x86_64"}};
            std::string note = "Imported: vcpu, memory_gib from the product's vcpu \"" + p.attr("vcpu") +
                               "\" and memory \"" + p.attr("memory") + "\"; arch " + (arm ? "arm64" : "x86_64") +
                               " from physicalProcessor \"" + processor + "\"";
            if (facts) {
                const PriceEntry* known = facts->find(id);
                if (known && known->instance && known->instance->baseline_share) {
                    instance["baseline_share"] = *known->instance->baseline_share;
                    note +=
                        "; baseline_share from the catalog entry of the same id (the Price List does not publish it)";
                }
            }
            e["instance"] = std::move(instance);
            e["note"] = note + ".";
        }
        add_entry(std::move(e), p);
        if (m.kind == Match::Kind::instance) build_reserved(p, m, instance_id);
        return true;
    }

    void build_reserved(const Product& p, const Match& m, const std::string& instance_id) {
        for (const Term& t : p.terms) {
            if (t.type != "Reserved") continue;
            std::string term = normal_key(t.lease);
            if (term != "1yr" && term != "3yr") {
                skip("reserved term of length " + t.lease);
                continue;
            }
            const std::string payment = payment_of(t.purchase);
            const std::string offering = normal_key(t.offering_class);
            if (payment.empty()) {
                skip("reserved purchase option " + t.purchase);
                continue;
            }
            if (offering != "standard" && offering != "convertible") {
                skip("reserved offering class " + t.offering_class);
                continue;
            }
            const Dimension* hourly = nullptr;
            const Dimension* upfront = nullptr;
            for (const Dimension& d : t.dims) {
                if (d.currency != "USD") continue;
                if (d.unit == "Hrs")
                    hourly = &d;
                else if (d.unit == "Quantity")
                    upfront = &d;
            }
            const double hour_price = hourly ? price_of(p, *hourly) : -1;
            const double upfront_price = upfront ? price_of(p, *upfront) : 0;
            const bool consistent = hourly && (payment == "no_upfront"        ? upfront_price == 0
                                               : payment == "partial_upfront" ? upfront_price > 0
                                                                              : upfront_price > 0 && hour_price == 0);
            if (!consistent) {
                skip("reserved term without the hourly rate or upfront fee its purchase option needs");
                continue;
            }
            const bool convertible = offering == "convertible";
            const std::string id =
                instance_id + (convertible ? ".convertible" : "") + ".reserved." + term + "." + payment;
            Match rm = m;
            rm.description = "EC2 " + m.item + ", Linux, shared tenancy, " +
                             (convertible ? "Convertible" : "Standard") + " Reserved Instance " +
                             (term == "1yr" ? "1-year" : "3-year") + ", " + t.purchase + ", per instance-hour";
            json e = base_entry(rm, id);
            e["price"] = hour_price;
            e["reserved"] = {{"term", term}, {"payment", payment}, {"upfront", upfront_price}};
            e["source"] = source(p, t, m.region);
            if (convertible)
                e["note"] = "Convertible: not looked up by the VM model, which prices Standard reservations.";
            add_entry(std::move(e), p);
        }
    }

    /// After the file: every kept product's entries, and the counts.
    PriceListSummary finish() {
        for (std::size_t i = 0; i < kept.size(); ++i)
            if (build(kept[i], matches[i])) ++summary.products_used;
        summary.products_skipped = summary.products_read - summary.products_used;
        latest_version = std::max(latest_version, summary.version);
        latest_date = std::max(latest_date, as_of);
        kept.clear();
        kept_index.clear();
        matches.clear();
        return summary;
    }
};

/// The JSON variant: nlohmann's SAX events, tracked by depth and key path.
class OfferSax {
  public:
    OfferSax(ImportState& s, ByteReader& r) : s_(s), path_(r, s.summary.origin, "an AWS Price List offer file") {}

    bool null() { return scalar(""); }
    bool boolean(bool) { return scalar(""); }
    bool number_integer(std::int64_t v) { return scalar(std::to_string(v)); }
    bool number_unsigned(std::uint64_t v) { return scalar(std::to_string(v)); }
    bool number_float(double, const std::string& raw) { return scalar(raw); }
    bool string(std::string& v) { return scalar(v); }
    bool binary(std::vector<std::uint8_t>&) { return scalar(""); }

    bool start_object(std::size_t) {
        path_.open(false);
        const std::size_t d = depth();
        if (d == 2 && key_at(0) == "products") {
            s_.check_offer();
            products_seen_ = true;
        } else if (d == 2 && key_at(0) == "terms" && !products_seen_) {
            throw ParseError(
                s_.summary.origin +
                ": the terms come before the products; cost-sim reads offer files in AWS's order (products first)");
        } else if (d == 3 && key_at(0) == "products") {
            product_ = Product{};
            product_.sku = key_at(1);
            in_product_ = true;
        } else if (d == 5 && key_at(0) == "terms") {
            auto it = s_.kept_index.find(key_at(2));
            term_target_ = it == s_.kept_index.end() ? nullptr : &s_.kept[it->second];
            term_ = Term{};
            term_.type = key_at(1);
        } else if (d == 7 && term_target_ && key_at(0) == "terms" && key_at(4) == "priceDimensions") {
            term_.dims.emplace_back();
        }
        return true;
    }
    bool end_object() {
        const std::size_t d = depth();
        if (d == 3 && in_product_ && key_at(0) == "products") {
            in_product_ = false;
            s_.take(std::move(product_));
        } else if (d == 5 && term_target_ && key_at(0) == "terms") {
            term_target_->terms.push_back(std::move(term_));
            term_target_ = nullptr;
        }
        path_.close();
        return true;
    }
    bool start_array(std::size_t) {
        path_.open(true);
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
    [[nodiscard]] bool saw_top_object() const { return path_.saw_top_object(); }

  private:
    [[nodiscard]] std::size_t depth() const { return path_.depth(); }
    [[nodiscard]] const std::string& key_at(std::size_t level) const { return path_.key_at(level); }

    bool scalar(const std::string& v) {
        path_.scalar();
        const std::size_t d = depth();
        if (path_.in_array()) return true;  // appliesTo and other lists: not read
        const std::string& k = key_at(d - 1);
        if (d == 1) {
            if (k == "offerCode")
                s_.summary.offer_code = v;
            else if (k == "version")
                s_.summary.version = v;
            else if (k == "publicationDate")
                s_.summary.publication_date = v;
            else if (k == "formatVersion")
                format_version_ = v;
        } else if (in_product_ && d == 3) {
            if (k == "productFamily") product_.family = v;
        } else if (in_product_ && d == 4 && key_at(2) == "attributes") {
            std::string nk = normal_key(k);
            if (kKeptAttributes.count(nk)) product_.attrs[nk] = v;
        } else if (term_target_ && d == 5) {
            if (k == "offerTermCode")
                term_.code = v;
            else if (k == "effectiveDate")
                term_.effective_date = v;
        } else if (term_target_ && d == 6 && key_at(4) == "termAttributes") {
            if (k == "LeaseContractLength")
                term_.lease = v;
            else if (k == "PurchaseOption")
                term_.purchase = v;
            else if (k == "OfferingClass")
                term_.offering_class = v;
        } else if (term_target_ && d == 7 && key_at(4) == "priceDimensions" && !term_.dims.empty()) {
            Dimension& dim = term_.dims.back();
            if (k == "beginRange")
                dim.begin = number_or(v, 0);
            else if (k == "endRange")
                dim.end = number_or(v, kInf);
            else if (k == "unit")
                dim.unit = v;
        } else if (term_target_ && d == 8 && key_at(6) == "pricePerUnit" && !term_.dims.empty()) {
            term_.dims.back().currency = k;
            term_.dims.back().price_text = v;
        }
        return true;
    }

    ImportState& s_;
    SaxPath path_;
    bool products_seen_ = false, in_product_ = false;
    std::string format_version_;
    Product product_;
    Term term_;
    Product* term_target_ = nullptr;
};

/// RFC 4180 records with physical line numbers, for the CSV variant.
class CsvRecords {
  public:
    explicit CsvRecords(ByteReader& r, const std::string& origin) : r_(r), origin_(origin) {}
    /// The next record into `fields`; false at the end. `line()` is its first line.
    bool next(std::vector<std::string>& fields) {
        fields.clear();
        r_.token_done();
        start_line_ = line_;
        int c = r_.next();
        if (c < 0) return false;
        std::string field;
        bool quoted = false, after_quote = false, any = false;
        for (;; c = r_.next()) {
            if (quoted) {
                if (c < 0) fail("an unterminated quoted field");
                if (c == '"') {
                    if (r_.peek() == '"') {
                        r_.next();
                        field += '"';
                    } else {
                        quoted = false;
                        after_quote = true;
                    }
                } else {
                    if (c == '\n') ++line_;
                    field += static_cast<char>(c);
                }
                continue;
            }
            if (c < 0 || c == '\n' || c == ',') {
                if (!field.empty() && field.back() == '\r' && (c == '\n' || c < 0)) field.pop_back();
                fields.push_back(std::move(field));
                field.clear();
                after_quote = false;
                if (c == ',') {
                    any = true;
                    continue;
                }
                if (c == '\n') ++line_;
                return true;
            }
            if (after_quote) {
                if (c == '\r') continue;
                fail("a character after a closing quote");
            }
            if (c == '"') {
                if (!field.empty()) fail("a quote inside an unquoted field");
                quoted = true;
                continue;
            }
            field += static_cast<char>(c);
        }
        (void)any;
    }
    [[nodiscard]] std::size_t line() const { return start_line_; }
    [[noreturn]] void fail(const std::string& what) const {
        throw ParseError(origin_ + ": line " + std::to_string(start_line_) + ": malformed CSV: " + what);
    }

  private:
    ByteReader& r_;
    const std::string& origin_;
    std::size_t line_ = 1, start_line_ = 1;
};

void read_csv(ImportState& s, ByteReader& reader) {
    const std::string origin = s.summary.origin;
    CsvRecords records(reader, origin);
    std::vector<std::string> f;
    std::string format_version;
    bool header = false;
    while (records.next(f)) {
        if (f.size() == 2 && f[0] == "sep=" && f[1].empty() && records.line() == 1) continue;
        const std::string k = trimmed(f[0]);
        if (k == "SKU") {
            header = true;
            break;
        }
        if (f.size() == 2 && (k == "FormatVersion" || k == "Publication Date" || k == "Version" || k == "OfferCode" ||
                              k == "Disclaimer")) {
            if (k == "FormatVersion")
                format_version = f[1];
            else if (k == "Publication Date")
                s.summary.publication_date = f[1];
            else if (k == "Version")
                s.summary.version = f[1];
            else if (k == "OfferCode")
                s.summary.offer_code = f[1];
            continue;
        }
        throw ParseError(
            origin + ": line " + std::to_string(records.line()) +
            ": not an AWS Price List CSV: expected the lines FormatVersion, Publication Date, Version, OfferCode, "
            "then the header row starting with SKU, got \"" +
            trimmed(f[0]).substr(0, 40) + "\"");
    }
    if (!header) throw ParseError(origin + ": not an AWS Price List CSV: no header row starting with SKU");
    if (format_version.empty())
        throw ParseError(origin + ": not an AWS Price List CSV: no FormatVersion line before the header");
    s.check_offer();
    const std::size_t header_line = records.line();
    std::unordered_map<std::string, std::size_t> column;
    for (std::size_t i = 0; i < f.size(); ++i) column.emplace(normal_key(f[i]), i);
    auto required = [&](const char* name) {
        auto it = column.find(normal_key(name));
        if (it == column.end())
            throw ParseError(origin + ": line " + std::to_string(header_line) + ": the header has no column " + name);
        return it->second;
    };
    const std::size_t sku_c = required("SKU"), term_c = required("OfferTermCode"), type_c = required("TermType"),
                      begin_c = required("StartingRange"), end_c = required("EndingRange"), unit_c = required("Unit"),
                      price_c = required("PricePerUnit"), currency_c = required("Currency"),
                      family_c = required("Product Family");
    auto optional = [&](const char* name) {
        auto it = column.find(normal_key(name));
        return it == column.end() ? f.size() : it->second;
    };
    const std::size_t date_c = optional("EffectiveDate"), lease_c = optional("LeaseContractLength"),
                      purchase_c = optional("PurchaseOption"), class_c = optional("OfferingClass");
    std::vector<std::pair<std::string, std::size_t>> attribute_columns;
    for (const auto& [name, i] : column)
        if (kKeptAttributes.count(name)) attribute_columns.emplace_back(name, i);
    const std::size_t width = f.size();
    SeenSkus skipped;
    std::vector<std::string> row;
    while (records.next(row)) {
        if (row.size() == 1 && trimmed(row[0]).empty()) continue;  // a blank line
        if (row.size() != width)
            throw ParseError(origin + ": line " + std::to_string(records.line()) +
                             ": malformed CSV: " + std::to_string(row.size()) + " fields, the header (line " +
                             std::to_string(header_line) + ") has " + std::to_string(width));
        const std::string sku = trimmed(row[sku_c]);
        auto get = [&](std::size_t c) { return c < width ? trimmed(row[c]) : std::string(); };
        Product* p = nullptr;
        if (auto it = s.kept_index.find(sku); it != s.kept_index.end()) {
            p = &s.kept[it->second];
        } else if (!skipped.contains(sku)) {
            Product fresh;
            fresh.sku = sku;
            fresh.family = get(family_c);
            for (const auto& [name, i] : attribute_columns) {
                std::string v = get(i);
                if (!v.empty()) fresh.attrs[name] = std::move(v);
            }
            p = s.take(std::move(fresh));
            if (!p) skipped.insert(sku);
        }
        if (!p) continue;
        Dimension d;
        d.begin = number_or(get(begin_c), 0);
        d.end = number_or(get(end_c), kInf);
        d.unit = get(unit_c);
        d.currency = get(currency_c);
        d.price_text = get(price_c);
        const std::string type = get(type_c), code = get(term_c);
        auto term = std::find_if(p->terms.begin(), p->terms.end(),
                                 [&](const Term& t) { return t.type == type && t.code == code; });
        if (term == p->terms.end()) {
            Term t;
            t.type = type;
            t.code = code;
            t.effective_date = get(date_c);
            t.lease = get(lease_c);
            t.purchase = get(purchase_c);
            t.offering_class = get(class_c);
            p->terms.push_back(std::move(t));
            term = p->terms.end() - 1;
        }
        term->dims.push_back(std::move(d));
    }
}

}  // namespace

struct PriceListImporter::State : ImportState {};

PriceListImporter::PriceListImporter(PriceListFilter filter, const Catalog* facts) : state_(std::make_unique<State>()) {
    state_->filter = std::move(filter);
    state_->facts = facts;
}

PriceListImporter::~PriceListImporter() = default;

PriceListSummary PriceListImporter::add(std::istream& in, std::string_view origin) {
    State& s = *state_;
    ByteReader reader(in);
    reader.origin_ = std::string(origin);
    int c = reader.peek();
    while (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
        reader.next();
        c = reader.peek();
    }
    if (c == 0xEF) {  // a UTF-8 byte-order mark
        reader.next();
        reader.next();
        reader.next();
        c = reader.peek();
    }
    if (c == '{' && detail::is_azure_retail_page(reader.buffered())) {
        s.begin_file(origin, "json");
        detail::read_azure_retail(reader, s.summary, s.filter, s.facts, s.azure_globals,
                                  [&s](json e, const std::string& key) { s.add_entry(std::move(e), key); });
        s.latest_azure_date = std::max(s.latest_azure_date, s.summary.publication_date);
        return s.summary;
    }
    if (c == '{') {
        s.begin_file(origin, "json");
        OfferSax sax(s, reader);
        json::sax_parse(ByteIterator(&reader), ByteIterator(), &sax);
        if (s.summary.offer_code.empty())
            throw ParseError(std::string(origin) +
                             ": not an AWS Price List offer file: no offerCode (is it a cost-sim catalog?)");
        s.check_offer();
    } else if (c == '"' || c == 's' || c == 'F') {
        s.begin_file(origin, "csv");
        read_csv(s, reader);
    } else {
        throw ParseError(
            std::string(origin) +
            ": neither an AWS Price List offer file (JSON starting with '{' or CSV starting with \"FormatVersion\") "
            "nor an Azure Retail Prices page (JSON starting with {\"BillingCurrency\" or {\"Items\")");
    }
    return s.finish();
}

Catalog PriceListImporter::catalog() const {
    const State& s = *state_;
    if (s.entries.empty())
        throw InvalidInput("entries",
                           "nothing was imported: every product was skipped (see the summary) or no file was read", 0);
    // One import may mix AWS offer files and Azure pages; the version names both sources.
    std::string version;
    if (!s.latest_version.empty()) version = "aws-price-list-" + s.latest_version;
    if (!s.latest_azure_date.empty())
        version += (version.empty() ? "" : "+") + std::string("azure-retail-prices-") + s.latest_azure_date;
    const json head = {{"schema", "cost-sim-catalog/1"},
                       {"version", version},
                       {"as_of", std::max(s.latest_date, s.latest_azure_date)}};
    std::string doc = head.dump();
    doc.pop_back();  // the closing brace: the entries follow
    doc += ",\"entries\":[";
    for (std::size_t i = 0; i < s.entries.size(); ++i) (doc += i ? "," : "") += s.entries[i];
    doc += "]}";
    return Catalog::from_json(doc, "price list import");
}

std::string to_string(const PriceListSummary& s) {
    // Azure pages carry no version or publication date: their newest effective date stands in.
    const std::string dated = s.version.empty()
                                  ? (s.publication_date.empty() ? "" : ", newest price effective " + s.publication_date)
                                  : ", version " + s.version + ", published " + s.publication_date.substr(0, 10);
    std::string text = s.offer_code + " (" + s.origin + ", " + s.format + dated +
                       "): " + std::to_string(s.products_read) + " products read, " + std::to_string(s.products_used) +
                       " used, " + std::to_string(s.products_skipped) + " skipped";
    if (!s.skipped.empty()) {
        text += " (";
        bool first = true;
        for (const auto& [reason, n] : s.skipped) {
            text += (first ? "" : "; ") + std::to_string(n) + " " + reason;
            first = false;
        }
        text += ")";
    }
    text += "; " + std::to_string(s.entries) + (s.entries == 1 ? " entry" : " entries");
    return s.note.empty() ? text : text + "; " + s.note;
}

}  // namespace costsim
