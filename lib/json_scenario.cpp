// Strict parsing of the scenario JSON shared by the CLI and the HTTP API.
// Every error names the field (JSON path) and the rule. Schema: Design/report-schema.md.
#include <costsim/json.hpp>

#include "validation.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <set>

namespace costsim {

using nlohmann::json;

namespace {

std::string type_name(const json& v) {
    if (v.is_null()) return "null";
    if (v.is_boolean()) return "a boolean";
    if (v.is_number()) return "a number";
    if (v.is_string()) return "a string";
    if (v.is_array()) return "an array";
    return "an object";
}

/// Reads the fields of one JSON object, rejecting unknown ones.
class ObjectReader {
  public:
    ObjectReader(const json& j, std::string path, std::set<std::string> allowed)
        : j_(j), path_(std::move(path)) {
        if (!j.is_object()) throw InvalidInput(path_.empty() ? "body" : path_, "an object", type_name(j));
        for (const auto& [key, value] : j.items())
            if (!allowed.count(key)) throw InvalidInput(field(key), field(key) + " is not a known field (unknown field)", 0);
    }
    std::string field(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }
    bool has(const char* key) const { return j_.contains(key); }
    const json& raw(const char* key) const { return j_[key]; }

    void require(const char* key) const {
        if (!has(key)) throw InvalidInput(field(key), field(key) + " is required (missing field)", 0);
    }
    double number(const char* key, double fallback) const {
        if (!has(key)) return fallback;
        const json& v = j_[key];
        if (!v.is_number()) throw InvalidInput(field(key), "a number", type_name(v));
        double d = v.get<double>();
        if (!std::isfinite(d)) throw InvalidInput(field(key), "a finite number", detail::format_number(d));
        return d;
    }
    int integer(const char* key, int fallback, long long lo, long long hi) const {
        if (!has(key)) return fallback;
        const json& v = j_[key];
        if (!v.is_number()) throw InvalidInput(field(key), "an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]", type_name(v));
        double d = v.get<double>();
        if (!std::isfinite(d) || d != std::floor(d) || d < double(lo) || d > double(hi))
            throw InvalidInput(field(key), "an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]", detail::format_number(d));
        return static_cast<int>(d);
    }
    bool boolean(const char* key, bool fallback) const {
        if (!has(key)) return fallback;
        const json& v = j_[key];
        // "false" as a string is an error, never true (a predecessor bug).
        if (!v.is_boolean()) throw InvalidInput(field(key), "true or false", type_name(v));
        return v.get<bool>();
    }
    std::string text(const char* key, const std::string& fallback, std::size_t max_len = 64) const {
        if (!has(key)) return fallback;
        const json& v = j_[key];
        if (!v.is_string()) throw InvalidInput(field(key), "a string", type_name(v));
        std::string s = v.get<std::string>();
        if (s.size() > max_len) throw InvalidInput(field(key), "at most " + std::to_string(max_len) + " characters", std::to_string(s.size()) + " characters");
        return s;
    }
    template <class Enum>
    Enum choice(const char* key, Enum fallback, std::initializer_list<std::pair<const char*, Enum>> options) const {
        if (!has(key)) return fallback;
        const json& v = j_[key];
        std::string rule = "one of";
        for (auto& [name, value] : options) rule += std::string(rule == "one of" ? " " : ", ") + name;
        if (!v.is_string()) throw InvalidInput(field(key), rule, type_name(v));
        for (auto& [name, value] : options)
            if (v.get<std::string>() == name) return value;
        throw InvalidInput(field(key), rule, v.dump());
    }

  private:
    const json& j_;
    std::string path_;
};

Workload read_workload(const json& j, const std::string& path) {
    ObjectReader r(j, path, {"requests_per_month", "requests_per_second", "duration_ms", "request_kb", "response_kb",
                             "internet_percent", "peak_to_mean", "cold_start_percent", "init_duration_ms",
                             "cpu_ms_per_request", "new_connections_per_request"});
    Workload w;
    if (r.has("requests_per_month") && r.has("requests_per_second"))
        throw InvalidInput(r.field("requests_per_second"),
                           "give one of " + r.field("requests_per_month") + " and " + r.field("requests_per_second") + ", not both", 0);
    if (!r.has("requests_per_month") && !r.has("requests_per_second"))
        throw InvalidInput(r.field("requests_per_month"),
                           r.field("requests_per_month") + " or " + r.field("requests_per_second") + " is required (missing field)", 0);
    if (r.has("requests_per_second")) {
        double rps = r.number("requests_per_second", 0);
        detail::require_range(rps, 0, WorkloadLimits::max_requests_per_month / kSecondsPerMonth, r.field("requests_per_second"));
        w.requests_per_month = Workload::monthly_from_per_second(rps);
    } else {
        w.requests_per_month = r.number("requests_per_month", 0);
    }
    r.require("duration_ms");
    w.duration_ms = r.number("duration_ms", w.duration_ms);
    w.request_kb = r.number("request_kb", w.request_kb);
    w.response_kb = r.number("response_kb", w.response_kb);
    w.internet_percent = r.number("internet_percent", w.internet_percent);
    w.peak_to_mean = r.number("peak_to_mean", w.peak_to_mean);
    w.cold_start_percent = r.number("cold_start_percent", w.cold_start_percent);
    w.init_duration_ms = r.number("init_duration_ms", w.init_duration_ms);
    w.cpu_ms_per_request = r.number("cpu_ms_per_request", w.cpu_ms_per_request);
    w.new_connections_per_request = r.number("new_connections_per_request", w.new_connections_per_request);
    w.validate(path.empty() ? "" : path + ".");
    return w;
}

Offering read_offering(const json& j, const std::string& path) {
    if (!j.is_object()) throw InvalidInput(path, "an object", type_name(j));
    if (!j.contains("kind")) throw InvalidInput(path + ".kind", path + ".kind is required (missing field)", 0);
    if (!j["kind"].is_string()) throw InvalidInput(path + ".kind", "one of lambda, vm, cloud_run, azure_functions", type_name(j["kind"]));
    const std::string kind = j["kind"].get<std::string>();
    const std::string p = path + ".";
    Offering o;
    if (kind == "lambda") {
        ObjectReader r(j, path, {"kind", "id", "region", "arch", "memory_mb", "ephemeral_storage_mb", "free_tier",
                                 "front_door", "provisioned_concurrency"});
        LambdaConfig c;
        o.id = r.text("id", "");
        c.region = r.text("region", c.region);
        c.arch = r.choice("arch", c.arch, {{"x86_64", Architecture::x86_64}, {"arm64", Architecture::arm64}});
        c.memory_mb = r.integer("memory_mb", c.memory_mb, 128, 10240);
        c.ephemeral_storage_mb = r.integer("ephemeral_storage_mb", c.ephemeral_storage_mb, 512, 10240);
        c.free_tier = r.boolean("free_tier", c.free_tier);
        c.front_door = r.choice("front_door", c.front_door,
                                {{"none", FrontDoor::none}, {"function-url", FrontDoor::function_url},
                                 {"http-api", FrontDoor::http_api}, {"rest-api", FrontDoor::rest_api}});
        c.provisioned_concurrency = r.integer("provisioned_concurrency", 0, 0, 100000);
        o.config = c;
    } else if (kind == "vm") {
        ObjectReader r(j, path, {"kind", "id", "provider", "region", "instance", "count", "capacity_rps",
                                 "target_utilization", "min_instances", "hours_per_month", "purchase",
                                 "load_balancer", "storage_gb", "free_tier"});
        VmFleetConfig c;
        o.id = r.text("id", "");
        c.provider = r.choice("provider", c.provider,
                              {{"aws", "aws"}, {"gcp", "gcp"}, {"azure", "azure"}, {"oci", "oci"}, {"sakura", "sakura"}});
        c.region = r.text("region", "");
        r.require("instance");
        c.instance = r.text("instance", "");
        if (r.has("count")) c.count = r.integer("count", 1, 1, 10000);
        if (r.has("capacity_rps")) c.capacity_rps = r.number("capacity_rps", 0);
        c.target_utilization = r.number("target_utilization", c.target_utilization);
        c.min_instances = r.integer("min_instances", c.min_instances, 1, 10000);
        c.hours_per_month = r.number("hours_per_month", c.hours_per_month);
        c.purchase = r.choice("purchase", c.purchase,
                              {{"on-demand", PurchaseOption::on_demand}, {"1yr", PurchaseOption::one_year},
                               {"3yr", PurchaseOption::three_year}, {"spot", PurchaseOption::spot}});
        c.load_balancer = r.boolean("load_balancer", c.load_balancer);
        c.storage_gb = r.number("storage_gb", c.storage_gb);
        c.free_tier = r.boolean("free_tier", c.free_tier);
        o.config = c;
    } else if (kind == "cloud_run") {
        ObjectReader r(j, path, {"kind", "id", "region", "memory_mb", "vcpu", "concurrency", "free_tier"});
        CloudRunConfig c;
        o.id = r.text("id", "");
        c.region = r.text("region", c.region);
        c.memory_mb = r.integer("memory_mb", c.memory_mb, 128, 32768);
        c.vcpu = r.number("vcpu", c.vcpu);
        c.concurrency = r.integer("concurrency", c.concurrency, 1, 1000);
        c.free_tier = r.boolean("free_tier", c.free_tier);
        o.config = c;
    } else if (kind == "azure_functions") {
        ObjectReader r(j, path, {"kind", "id", "region", "memory_mb", "free_tier"});
        AzureFunctionsConfig c;
        o.id = r.text("id", "");
        c.region = r.text("region", c.region);
        c.memory_mb = r.integer("memory_mb", c.memory_mb, 1, 1536);
        c.free_tier = r.boolean("free_tier", c.free_tier);
        o.config = c;
    } else {
        throw InvalidInput(path + ".kind", "one of lambda, vm, cloud_run, azure_functions", "\"" + kind + "\"");
    }
    o.validate(p);
    return o;
}

std::vector<double> number_list(const json& j, const std::string& path, std::size_t max) {
    if (!j.is_array()) throw InvalidInput(path, "an array of numbers", type_name(j));
    if (j.empty() || j.size() > max) throw InvalidInput(path, "an array of 1 to " + std::to_string(max) + " numbers", std::to_string(j.size()) + " elements");
    std::vector<double> out;
    for (std::size_t i = 0; i < j.size(); ++i) {
        if (!j[i].is_number()) throw InvalidInput(path + "[" + std::to_string(i) + "]", "a number", type_name(j[i]));
        out.push_back(j[i].get<double>());
    }
    return out;
}

json parse_document(std::string_view text) {
    if (text.size() > kMaxJsonBytes)
        throw LimitExceeded("body", "the JSON document is " + std::to_string(text.size()) + " bytes; the limit is " +
                                        std::to_string(kMaxJsonBytes));
    try {
        // Depth is bounded by the strict schema walk; nlohmann parses recursively, so reject
        // absurd nesting before parsing (a 64 KiB body cannot nest deeper than this check allows).
        int depth = 0, max_depth = 0;
        bool in_string = false, escaped = false;
        for (char ch : text) {
            if (in_string) {
                if (escaped) escaped = false;
                else if (ch == '\\') escaped = true;
                else if (ch == '"') in_string = false;
            } else if (ch == '"') in_string = true;
            else if (ch == '{' || ch == '[') max_depth = std::max(max_depth, ++depth);
            else if (ch == '}' || ch == ']') --depth;
        }
        if (max_depth > 32) throw LimitExceeded("body", "JSON nesting deeper than 32 levels");
        return json::parse(text.begin(), text.end());
    } catch (const json::parse_error& e) {
        std::string what = e.what();
        auto colon = what.find("parse error");
        throw ParseError("malformed JSON at byte " + std::to_string(e.byte) + ": " +
                         (colon == std::string::npos ? what : what.substr(colon)));
    } catch (const json::exception& e) {
        // e.g. out_of_range.406: a number too large for a double (1e400)
        std::string what = e.what();
        auto bracket = what.find("] ");
        throw ParseError("malformed JSON: " + (bracket == std::string::npos ? what : what.substr(bracket + 2)));
    }
}

}  // namespace

Offering parse_offering(std::string_view text, const std::string& field) {
    return read_offering(parse_document(text), field);
}

Scenario parse_scenario(std::string_view text, ScenarioShape shape) {
    json doc = parse_document(text);
    ObjectReader r(doc, "", {"workload", "offering", "offerings", "currency", "jpy_per_usd", "range", "grid", "sweep"});
    Scenario s;
    if (shape != ScenarioShape::any) r.require("workload");
    if (r.has("workload")) s.workload = read_workload(r.raw("workload"), "workload");
    if (shape == ScenarioShape::one_offering) {
        if (r.has("offerings")) throw InvalidInput("offerings", "absent here: this call prices one \"offering\"", 0);
        r.require("offering");
    }
    if (shape == ScenarioShape::many_offerings) {
        if (r.has("offering")) throw InvalidInput("offering", "absent here: this call takes \"offerings\", an array", 0);
        r.require("offerings");
    }
    if (r.has("offering") && r.has("offerings")) throw InvalidInput("offering", "give offering or offerings, not both", 0);
    if (r.has("offering")) s.offerings.push_back(read_offering(r.raw("offering"), "offering"));
    if (r.has("offerings")) {
        const json& list = r.raw("offerings");
        if (!list.is_array()) throw InvalidInput("offerings", "an array", type_name(list));
        if (list.empty() || list.size() > CompareLimits::max_offerings)
            throw InvalidInput("offerings", "an array of 1 to " + std::to_string(CompareLimits::max_offerings) + " offerings",
                               std::to_string(list.size()) + " offerings");
        for (std::size_t i = 0; i < list.size(); ++i)
            s.offerings.push_back(read_offering(list[i], "offerings[" + std::to_string(i) + "]"));
        std::set<std::string> ids;
        for (std::size_t i = 0; i < s.offerings.size(); ++i)
            if (!ids.insert(s.offerings[i].effective_id()).second)
                throw InvalidInput("offerings[" + std::to_string(i) + "].id",
                                   "unique: \"" + s.offerings[i].effective_id() + "\" is used twice; set distinct ids", 0);
    }
    s.currency.currency = r.choice<std::string>("currency", "USD", {{"USD", "USD"}, {"JPY", "JPY"}});
    s.currency.jpy_per_usd = r.number("jpy_per_usd", kDefaultJpyPerUsd);
    s.currency.validate();
    if (r.has("range")) {
        ObjectReader rr(r.raw("range"), "range", {"from_rps", "to_rps"});
        s.range.from_rps = rr.number("from_rps", s.range.from_rps);
        s.range.to_rps = rr.number("to_rps", s.range.to_rps);
        s.range.validate("range.");
        s.has_range = true;
    }
    if (r.has("grid")) {
        ObjectReader g(r.raw("grid"), "grid", {"from_rps", "to_rps", "points", "scale"});
        s.grid.range.from_rps = g.number("from_rps", s.grid.range.from_rps);
        s.grid.range.to_rps = g.number("to_rps", s.grid.range.to_rps);
        s.grid.points = g.integer("points", s.grid.points, CurveLimits::min_points, CurveLimits::max_points);
        s.grid.log_spaced = g.choice("scale", true, {{"log", true}, {"linear", false}});
        s.grid.validate("grid.");
        s.has_grid = true;
    }
    if (r.has("sweep")) {
        ObjectReader g(r.raw("sweep"), "sweep", {"requests_per_second", "duration_ms", "memory_mb"});
        g.require("requests_per_second");
        s.sweep.requests_per_second = number_list(g.raw("requests_per_second"), "sweep.requests_per_second", 10000);
        s.sweep.duration_ms = g.has("duration_ms") ? number_list(g.raw("duration_ms"), "sweep.duration_ms", 1000)
                                                   : std::vector<double>{s.workload.duration_ms};
        if (g.has("memory_mb")) {
            for (double m : number_list(g.raw("memory_mb"), "sweep.memory_mb", 1000)) {
                if (m != std::floor(m) || m < 1 || m > 32768)
                    throw InvalidInput("sweep.memory_mb", "integers in [1, 32768]", detail::format_number(m));
                s.sweep.memory_mb.push_back(static_cast<int>(m));
            }
        }
        s.sweep.validate("sweep.");
        s.has_sweep = true;
    }
    return s;
}

}  // namespace costsim
