// POST /api/v1/import/cloudwatch and /api/v1/import/cur: the body's fields checked by name, the
// text handed to the library's importers, their reports returned. No pricing here.
#include "import_handlers.hpp"

#include <costsim/cur_import.hpp>
#include <costsim/error.hpp>
#include <costsim/json.hpp>
#include <costsim/metrics_import.hpp>
#include <costsim/offering.hpp>
#include <costsim/offerings/lambda.hpp>
#include <costsim/trace_import.hpp>

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <initializer_list>
#include <string_view>

namespace costsim::server {
namespace {

/// The body as a JSON object with only `allowed` keys. \throws ParseError, InvalidInput naming the key.
nlohmann::json body_object(const std::string& body, std::initializer_list<std::string_view> allowed) {
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(body);
    } catch (const nlohmann::json::parse_error& e) {
        throw ParseError("the body is not valid JSON (byte " + std::to_string(e.byte) + ")");
    }
    if (!j.is_object()) throw InvalidInput("body", "a JSON object", j.type_name());
    for (const auto& [key, value] : j.items()) {
        bool known = false;
        for (std::string_view a : allowed) known = known || key == a;
        if (!known) {
            std::string fields;
            for (std::string_view a : allowed) fields += (fields.empty() ? "" : ", ") + std::string(a);
            throw InvalidInput(key, key + ": this endpoint takes no such field (fields: " + fields + ")", 0);
        }
    }
    return j;
}

/// A query parameter as a finite number, or none. \throws InvalidInput naming query.<name>.
std::optional<double> query_number(const ApiRequest& request, const std::string& name) {
    const auto it = request.query.find(name);
    if (it == request.query.end()) return std::nullopt;
    const std::string& text = it->second;
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(value))
        throw InvalidInput("query." + name, "a number", "\"" + text.substr(0, 40) + "\"");
    return value;
}

/// The body's text field `name`, "" when absent. \throws InvalidInput naming it when not text.
std::string text_field(const nlohmann::json& body, const std::string& name, const std::string& what) {
    if (!body.contains(name)) return "";
    if (!body[name].is_string()) throw InvalidInput(name, "a string: " + what, body[name].type_name());
    return body[name].get<std::string>();
}

/// The body's whole-number field `name` in [min, max], or none.
std::optional<long long> whole_field(const nlohmann::json& body, const std::string& name, long long min,
                                     long long max) {
    if (!body.contains(name)) return std::nullopt;
    const nlohmann::json& v = body[name];
    const std::string rule = "a whole number in [" + std::to_string(min) + ", " + std::to_string(max) + "]";
    if (!v.is_number() || (v.is_number_float() && v.get<double>() != std::floor(v.get<double>())))
        throw InvalidInput(name, rule, v.dump().substr(0, 40));
    const double d = v.get<double>();
    if (d < double(min) || d > double(max)) throw InvalidInput(name, rule, v.dump().substr(0, 40));
    return static_cast<long long>(d);
}

}  // namespace

ApiResponse handle_import_cloudwatch(const ServiceContext&, const ApiRequest& request) {
    // The body is what the CLI printed, as POST /api/v1/catalog/import takes the offer file; the
    // options are query parameters, and errors about them name the parameter.
    const std::optional<double> period = query_number(request, "period_s");
    const std::optional<double> duration = query_number(request, "duration_ms");
    Scenario scenario;
    std::optional<CloudWatchImport> metrics;
    try {
        metrics = import_cloudwatch({{request.body, "body"}}, period);
        Workload base;
        if (duration) base.duration_ms = *duration;
        scenario.workload = imported_workload(*metrics, base, duration.has_value());
        scenario.workload.validate("");
    } catch (const InvalidInput& e) {
        if (e.field() != "duration_ms" && e.field() != "period_s") throw;
        throw InvalidInput("query." + e.field(), "query." + std::string(e.what()), 0);
    }
    scenario.offerings.push_back(Offering{"", LambdaConfig{}});  // the page or the caller sets its memory
    nlohmann::ordered_json answer = nlohmann::ordered_json::parse(to_json(*metrics));
    answer["scenario"] = nlohmann::ordered_json::parse(scenario_with_series_to_json(scenario, -1));
    ApiResponse response;
    response.body = answer.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    return response;
}

ApiResponse handle_import_cur(const ServiceContext& context, const ApiRequest& request) {
    const nlohmann::json body = body_object(request.body, {"csv", "free_tier"});
    if (!body.contains("csv") || !body["csv"].is_string())
        throw InvalidInput("csv", "a string: the Cost and Usage Report's CSV text (missing field or not text)", 0);
    CurOptions options;
    if (body.contains("free_tier")) {
        if (!body["free_tier"].is_boolean()) throw InvalidInput("free_tier", "true or false", body["free_tier"].dump());
        options.free_tier = body["free_tier"].get<bool>();
    }
    const CurComparison cmp = import_cur(body["csv"].get<std::string>(), context.catalog, options, "csv");
    ApiResponse response;
    const auto format = request.query.find("format");
    if (format != request.query.end() && format->second == "csv") {
        response.content_type = "text/csv; charset=utf-8";
        response.headers.emplace_back("Content-Disposition", "attachment; filename=\"cur-comparison.csv\"");
        response.body = to_csv(cmp);
    } else {
        response.body = to_json(cmp);
    }
    return response;
}

ApiResponse handle_import_trace(const ServiceContext&, const ApiRequest& request) {
    const nlohmann::json body = body_object(
        request.body, {"invocations", "durations", "memory", "row", "function", "duration_ms", "memory_mb"});
    if (!body.contains("invocations"))
        throw InvalidInput("invocations",
                           "invocations is required: the Azure Functions 2019 invocations file's text, or a "
                           "timestamp,count CSV",
                           0);
    const std::string invocations = text_field(body, "invocations", "the invocations file's text");
    const std::string durations = text_field(body, "durations", "the durations file's text");
    const std::string memory = text_field(body, "memory", "the memory file's text");
    AzureRow row;
    if (auto index = whole_field(body, "row", 0, 9999999)) row.index = static_cast<std::size_t>(*index);
    if (body.contains("function")) {
        if (row.index) throw InvalidInput("function", "function: give row or function, not both", 0);
        row.hash_prefix = text_field(body, "function", "a HashFunction or its first 8 characters or more");
    }
    std::optional<double> duration_ms;
    if (body.contains("duration_ms")) {
        if (!body["duration_ms"].is_number())
            throw InvalidInput("duration_ms", "a number of ms", body["duration_ms"].dump());
        duration_ms = body["duration_ms"].get<double>();
    }
    const auto& memory_range = OfferingLimits::lambda_memory_mb;
    const auto memory_mb = whole_field(body, "memory_mb", static_cast<long long>(memory_range.min),
                                       static_cast<long long>(memory_range.max));
    const TraceImport trace =
        import_trace({invocations, "invocations"}, {durations, "durations"}, {memory, "memory"}, row);
    Scenario scenario =
        trace_scenario(trace, duration_ms, memory_mb ? std::optional<int>(int(*memory_mb)) : std::nullopt);
    scenario.workload.validate("");
    ApiResponse response;
    response.body = to_json(trace, scenario);
    return response;
}

}  // namespace costsim::server
