// The memory optimiser's I/O: power-tuning imports, the request's "optimise" object, the report.
// Import rules: Design/pricing-model.md#memory-optimiser; schema: Design/report-schema.md.
#include <costsim/csv.hpp>
#include <costsim/memory_optimiser_io.hpp>
#include <costsim/version.hpp>

#include "core/validation.hpp"
#include "io/json_document.hpp"

#include <costsim/detail/edit_distance.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace costsim {
namespace {

using nlohmann::json;
using L = OptimiserLimits;

/// Parses with the scenario's rules first (size, depth, ParseError with the byte position).
json parse_json(std::string_view text) {
    const detail::JsonDocument checked(text);
    return json::parse(text.begin(), text.end());
}

std::string type_name(const json& v) {
    if (v.is_null()) return "null";
    if (v.is_boolean()) return "a boolean";
    if (v.is_number()) return "a number";
    if (v.is_string()) return "a string";
    if (v.is_array()) return "an array";
    return "an object";
}

void only_keys(const json& object, const std::string& field, std::initializer_list<std::string_view> allowed) {
    if (!object.is_object()) throw InvalidInput(field, "an object", type_name(object));
    for (const auto& [key, value] : object.items())
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
            const auto close = detail::closest_match(key, std::vector<std::string>(allowed.begin(), allowed.end()));
            throw InvalidInput(field + "." + key,
                               field + "." + key + " is not a known field (unknown field" +
                                   (close ? "; did you mean " + *close + "?" : "") + ")",
                               0);
        }
}

double number(const json& v, const std::string& field) {
    if (!v.is_number()) throw InvalidInput(field, "a number", type_name(v));
    return v.get<double>();
}

int integer(const json& v, const std::string& field, int lo, int hi) {
    const std::string rule = "an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]";
    if (!v.is_number()) throw InvalidInput(field, rule, type_name(v));
    const double d = v.get<double>();
    if (!std::isfinite(d) || d != std::floor(d) || d < lo || d > hi)
        throw InvalidInput(field, rule, detail::format_number(d));
    return static_cast<int>(d);
}

std::string text(const json& v, const std::string& field, std::size_t max_len) {
    if (!v.is_string()) throw InvalidInput(field, "a string", type_name(v));
    const auto& s = v.get_ref<const std::string&>();
    if (s.empty() || s.size() > max_len)
        throw InvalidInput(field, "a string of 1 to " + std::to_string(max_len) + " characters",
                           std::to_string(s.size()) + " characters");
    return s;
}

Architecture architecture(const json& v, const std::string& field) {
    const std::string s = text(v, field, 16);
    if (auto a = from_spelling<Architecture>(s)) return *a;
    throw InvalidInput(field, "one of x86_64, arm64", "\"" + s + "\"");
}

std::vector<MeasuredDuration> from_stats(const json& stats, const std::string& field) {
    if (!stats.is_array()) throw InvalidInput(field, "an array of stats", type_name(stats));
    if (stats.size() < L::min_measurements || stats.size() > L::max_measurements)
        throw InvalidInput(field, "2 to 100 stats", std::to_string(stats.size()) + " stats");
    std::vector<MeasuredDuration> out;
    for (std::size_t i = 0; i < stats.size(); ++i) {
        const std::string e = field + "[" + std::to_string(i) + "]";
        const json& s = stats[i];
        if (!s.is_object()) throw InvalidInput(e, "an object", type_name(s));
        if (!s.contains("value")) throw InvalidInput(e + ".value", e + ".value is required (missing field)", 0);
        if (!s.contains("averageDuration"))
            throw InvalidInput(e + ".averageDuration", e + ".averageDuration is required (missing field)", 0);
        json value = s["value"];
        // power-tuning writes "power" as a string and "value" as a number (wave2-facts 3.2): take both.
        if (value.is_string()) {
            const std::string& t = value.get_ref<const std::string&>();
            if (t.empty() || t.size() > 6 ||
                !std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; }))
                throw InvalidInput(e + ".value", "an integer in [128, 10240]", "\"" + t.substr(0, 16) + "\"");
            value = std::stoi(t);
        }
        out.push_back({integer(value, e + ".value", L::min_memory_mb, L::max_memory_mb),
                       number(s["averageDuration"], e + ".averageDuration")});
        detail::require_range_open_low(out.back().duration_ms, 0.0, WorkloadLimits::max_duration_ms,
                                       e + ".averageDuration");
    }
    return out;
}

std::vector<MeasuredDuration> from_output(const json& doc, const std::string& field);

std::vector<std::uint8_t> base64(std::string_view s, const std::string& field) {
    std::vector<std::uint8_t> out;
    std::uint32_t acc = 0;
    int bits = 0;
    for (const char c : s) {
        int v = -1;
        if (c >= 'A' && c <= 'Z') v = c - 'A';
        if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
        if (c >= '0' && c <= '9') v = c - '0' + 52;
        if (c == '+' || c == '-') v = 62;
        if (c == '/' || c == '_') v = 63;
        if (c == '=') break;
        if (v < 0) throw InvalidInput(field, "base64 text", "the character \"" + std::string(1, c) + "\"");
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<std::uint8_t>((acc >> bits) & 0xffU));
        }
    }
    return out;
}

}  // namespace

std::vector<MeasuredDuration> parse_power_tuning_url(std::string_view url, const std::string& field) {
    if (url.size() > 4096)
        throw InvalidInput(field, "at most 4,096 characters", std::to_string(url.size()) + " characters");
    if (const auto hash = url.find('#'); hash != std::string_view::npos) url.remove_prefix(hash + 1);
    std::array<std::string_view, 3> parts{};
    std::size_t n = 0;
    for (std::size_t start = 0; n < 3;) {
        const auto end = url.find(';', start);
        parts[n++] = url.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    if (n < 2 || parts[0].empty() || parts[1].empty())
        throw InvalidInput(field, "power-tuning's visualisation hash, SIZES;DURATIONS;COSTS in base64",
                           "\"" + std::string(url.substr(0, 40)) + "\"");
    const auto sizes = base64(parts[0], field);
    const auto durations = base64(parts[1], field);
    const std::size_t count = sizes.size() / 2;
    if (sizes.size() % 2 != 0 || durations.size() != 4 * count)
        throw InvalidInput(
            field, "as many durations (4 bytes each) as sizes (2 bytes each)",
            std::to_string(sizes.size()) + " bytes of sizes and " + std::to_string(durations.size()) + " of durations");
    if (count < L::min_measurements || count > L::max_measurements)
        throw InvalidInput(field, "2 to 100 sizes", std::to_string(count) + " sizes");
    std::vector<MeasuredDuration> out;
    for (std::size_t i = 0; i < count; ++i) {
        // Little-endian Int16 and Float32 (JavaScript typed arrays on every platform it runs on).
        const auto mb = static_cast<std::int16_t>(sizes[2 * i] | (sizes[2 * i + 1] << 8));
        const std::uint32_t bits = static_cast<std::uint32_t>(durations[4 * i]) |
                                   (static_cast<std::uint32_t>(durations[4 * i + 1]) << 8) |
                                   (static_cast<std::uint32_t>(durations[4 * i + 2]) << 16) |
                                   (static_cast<std::uint32_t>(durations[4 * i + 3]) << 24);
        const auto ms = static_cast<double>(std::bit_cast<float>(bits));
        const std::string e = field + ".sizes[" + std::to_string(i) + "]";
        if (mb < L::min_memory_mb || mb > L::max_memory_mb)
            throw InvalidInput(e, "an integer in [128, 10240]", std::to_string(mb));
        detail::require_range_open_low(ms, 0.0, WorkloadLimits::max_duration_ms,
                                       field + ".durations[" + std::to_string(i) + "]");
        out.push_back({mb, ms});
    }
    return out;
}

namespace {

std::vector<MeasuredDuration> from_output(const json& doc, const std::string& field) {
    if (doc.is_array()) return from_stats(doc, field);
    if (!doc.is_object())
        throw InvalidInput(field, "power-tuning's output (an object or its stats array)", type_name(doc));
    if (doc.contains("stats")) return from_stats(doc["stats"], field + ".stats");
    if (doc.contains("results")) {
        const json& results = doc["results"];
        const std::string r = field + ".results";
        if (!results.is_object()) throw InvalidInput(r, "an object", type_name(results));
        if (results.contains("stats")) return from_stats(results["stats"], r + ".stats");
        if (results.contains("stateMachine") && results["stateMachine"].is_object() &&
            results["stateMachine"].contains("visualization") && results["stateMachine"]["visualization"].is_string())
            return parse_power_tuning_url(results["stateMachine"]["visualization"].get<std::string>(),
                                          r + ".stateMachine.visualization");
        throw InvalidInput(r + ".stats",
                           r + ".stats (run power-tuning with includeOutputResults: true) or " + r +
                               ".stateMachine.visualization is required",
                           0);
    }
    throw InvalidInput(field + ".results", field + ".results or " + field + ".stats is required (missing field)", 0);
}

OptimiserInput input_from(const json& o, const std::string& field) {
    only_keys(o, field,
              {"measurements", "power_tuning", "power_tuning_url", "model", "measured_architecture", "arm64_speed",
               "architectures", "step_mb", "latency_target_ms", "balanced_weight", "strategy"});
    OptimiserInput in;
    const int sources = static_cast<int>(o.contains("measurements")) + static_cast<int>(o.contains("power_tuning")) +
                        static_cast<int>(o.contains("power_tuning_url")) + static_cast<int>(o.contains("model"));
    if (sources != 1)
        throw InvalidInput(field,
                           field + " needs exactly one of measurements, power_tuning, power_tuning_url, model" +
                               (sources == 0 ? " (missing field)" : " (several given)"),
                           0);
    const auto f = [&](const char* key) { return field + "." + key; };
    if (o.contains("measurements")) {
        const json& list = o["measurements"];
        if (!list.is_array()) throw InvalidInput(f("measurements"), "an array", type_name(list));
        if (list.size() > L::max_measurements)
            throw InvalidInput(f("measurements"), "a list of 2 to 100 measured sizes",
                               std::to_string(list.size()) + " measurements");
        for (std::size_t i = 0; i < list.size(); ++i) {
            const std::string e = f("measurements") + "[" + std::to_string(i) + "]";
            only_keys(list[i], e, {"memory_mb", "duration_ms"});
            for (const char* key : {"memory_mb", "duration_ms"})
                if (!list[i].contains(key))
                    throw InvalidInput(e + "." + key, e + "." + key + " is required (missing field)", 0);
            in.measurements.push_back(
                {integer(list[i]["memory_mb"], e + ".memory_mb", L::min_memory_mb, L::max_memory_mb),
                 number(list[i]["duration_ms"], e + ".duration_ms")});
        }
    }
    if (o.contains("power_tuning")) in.measurements = from_output(o["power_tuning"], f("power_tuning"));
    if (o.contains("power_tuning_url"))
        in.measurements =
            parse_power_tuning_url(text(o["power_tuning_url"], f("power_tuning_url"), 4096), f("power_tuning_url"));
    if (o.contains("model")) {
        const json& m = o["model"];
        const std::string mf = f("model");
        only_keys(m, mf, {"memory_mb", "duration_ms", "cpu_share", "max_vcpus"});
        for (const char* key : {"memory_mb", "duration_ms", "cpu_share"})
            if (!m.contains(key))
                throw InvalidInput(mf + "." + key, mf + "." + key + " is required (missing field)", 0);
        DurationModel model;
        model.memory_mb = integer(m["memory_mb"], mf + ".memory_mb", L::min_memory_mb, L::max_memory_mb);
        model.duration_ms = number(m["duration_ms"], mf + ".duration_ms");
        model.cpu_share = number(m["cpu_share"], mf + ".cpu_share");
        if (m.contains("max_vcpus")) model.max_vcpus = number(m["max_vcpus"], mf + ".max_vcpus");
        in.model = model;
    }
    if (o.contains("measured_architecture"))
        in.measured_architecture = architecture(o["measured_architecture"], f("measured_architecture"));
    if (o.contains("arm64_speed")) in.arm64_speed = number(o["arm64_speed"], f("arm64_speed"));
    if (o.contains("architectures")) {
        const json& list = o["architectures"];
        if (!list.is_array() || list.empty() || list.size() > 2)
            throw InvalidInput(f("architectures"), "an array of x86_64, arm64 or both", type_name(list));
        in.architectures.clear();
        for (std::size_t i = 0; i < list.size(); ++i)
            in.architectures.push_back(architecture(list[i], f("architectures") + "[" + std::to_string(i) + "]"));
    }
    if (o.contains("step_mb")) in.step_mb = integer(o["step_mb"], f("step_mb"), L::min_step_mb, L::max_step_mb);
    if (o.contains("latency_target_ms")) in.latency_target_ms = number(o["latency_target_ms"], f("latency_target_ms"));
    if (o.contains("balanced_weight")) in.balanced_weight = number(o["balanced_weight"], f("balanced_weight"));
    if (o.contains("strategy")) {
        const std::string s = text(o["strategy"], f("strategy"), 16);
        bool found = false;
        for (OptimiseStrategy st :
             {OptimiseStrategy::cost, OptimiseStrategy::speed, OptimiseStrategy::balanced, OptimiseStrategy::latency})
            if (s == to_string(st)) {
                in.strategy = st;
                found = true;
            }
        if (!found) throw InvalidInput(f("strategy"), "one of cost, speed, balanced, latency", "\"" + s + "\"");
    }
    in.validate(field + ".");
    return in;
}

nlohmann::ordered_json ordered_row(const MemoryRow& r) {
    nlohmann::ordered_json j;
    j["architecture"] = to_string(r.architecture);
    j["memory_mb"] = r.memory_mb;
    j["duration_ms"] = r.duration_ms;
    j["monthly_cost"] = r.monthly_cost;
    j["concurrency"] = r.concurrency;
    j["peak_concurrency"] = r.peak_concurrency;
    j["measured"] = r.measured;
    return j;
}

nlohmann::ordered_json picks_json(const MemoryPicks& p) {
    nlohmann::ordered_json j;
    const auto put = [&](const char* key, const std::optional<MemoryRow>& r) {
        j[key] = r ? ordered_row(*r) : nlohmann::ordered_json(nullptr);
    };
    put("cheapest", p.cheapest);
    put("fastest", p.fastest);
    put("balanced", p.balanced);
    put("meets_latency", p.meets_latency);
    return j;
}

}  // namespace

std::vector<MeasuredDuration> parse_power_tuning_output(std::string_view json_text, const std::string& field) {
    return from_output(parse_json(json_text), field);
}

OptimiserInput parse_optimiser_input(std::string_view json_text, const std::string& field) {
    return input_from(parse_json(json_text), field);
}

OptimiseRequest parse_optimise_request(std::string_view json_text) {
    json doc = parse_json(json_text);
    if (!doc.is_object()) throw InvalidInput("body", "an object", type_name(doc));
    if (!doc.contains("optimise")) throw InvalidInput("optimise", "optimise is required (missing field)", 0);
    if (!doc.contains("workload")) throw InvalidInput("workload", "workload is required (missing field)", 0);
    OptimiseRequest request;
    request.input = input_from(doc["optimise"], "optimise");
    doc.erase("optimise");
    // The optimiser sets the duration at each size: the scenario's is optional here and unused.
    if (doc["workload"].is_object() && !doc["workload"].contains("duration_ms")) doc["workload"]["duration_ms"] = 100;
    // The rest is a scenario: one reader, the same field paths ("offerings[1].instance").
    request.scenario = parse_scenario(doc.dump(), ScenarioShape::any);
    // All of them, so that an error while building one names its place in "offerings"; the
    // optimiser skips the usage-priced ones.
    request.others = request.scenario.offerings;
    for (const Offering& o : request.scenario.offerings)
        if (const auto* l = std::get_if<LambdaConfig>(&o.config)) {
            request.lambda = *l;
            break;
        }
    return request;
}

std::string to_json(const OptimiserResult& r, int indent) {
    nlohmann::ordered_json j;
    j["schema"] = "cost-sim-report/1";
    j["generated_by"] = std::string("cost-sim ") + kVersion;
    j["report"] = "memory_optimiser";
    j["currency"] = r.currency;
    j["method"] = r.method;
    j["requests_per_month"] = r.requests_per_month;
    j["requests_per_second"] = r.requests_per_month / kSecondsPerMonth;
    j["evaluated"] = {{"from_mb", r.from_mb}, {"to_mb", r.to_mb}, {"step_mb", r.step_mb}};
    j["strategy"] = to_string(r.strategy);
    j["chosen"] = ordered_row(r.chosen);
    j["chosen"]["lambda_id"] = r.lambda_id;
    j["overall"] = picks_json(r.overall);
    j["per_architecture"] = nlohmann::ordered_json::array();
    for (const ArchitecturePicks& ap : r.per_architecture) {
        nlohmann::ordered_json a;
        a["architecture"] = to_string(ap.architecture);
        a["picks"] = picks_json(ap.picks);
        j["per_architecture"].push_back(a);
    }
    j["range"] = {{"from_rps", r.range.from_rps}, {"to_rps", r.range.to_rps}};
    j["break_even"] = nlohmann::ordered_json::array();
    for (const OptimiserBreakEven& b : r.break_even) {
        // The points in the break-even report's own form (one writer for them).
        const auto points = nlohmann::ordered_json::parse(to_json(b.points, CurrencyOptions{r.currency}, r.range));
        j["break_even"].push_back({{"offering_id", b.offering_id}, {"points", points["break_even"]}});
    }
    j["rows"] = nlohmann::ordered_json::array();
    for (const MemoryRow& row : r.rows) j["rows"].push_back(ordered_row(row));
    j["flags"] = nlohmann::ordered_json::array();
    for (const ComparisonFlag& f : r.flags) j["flags"].push_back({{"code", f.code}, {"message", f.message}});
    return j.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string to_csv(const OptimiserResult& r) {
    std::string out =
        "architecture,memory_mb,duration_ms,monthly_cost,currency,concurrency,peak_concurrency,measured\r\n";
    for (const MemoryRow& row : r.rows) {
        out += std::string(to_string(row.architecture)) + "," + std::to_string(row.memory_mb) + "," +
               csv_number(row.duration_ms) + "," + csv_number(row.monthly_cost) + "," + csv_cell(r.currency) + "," +
               csv_number(row.concurrency) + "," + csv_number(row.peak_concurrency) + "," +
               (row.measured ? "true" : "false") + "\r\n";
    }
    return out;
}

}  // namespace costsim
