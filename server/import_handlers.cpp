// POST /api/v1/import/cloudwatch and /api/v1/import/cur: the body's fields checked by name, the
// text handed to the library's importers, their reports returned. No pricing here.
#include "import_handlers.hpp"

#include <costsim/cur_import.hpp>
#include <costsim/error.hpp>
#include <costsim/json.hpp>
#include <costsim/metrics_import.hpp>
#include <costsim/offerings/lambda.hpp>

#include <nlohmann/json.hpp>

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

std::optional<double> optional_number(const nlohmann::json& j, const char* key) {
    if (!j.contains(key)) return std::nullopt;
    if (!j[key].is_number()) throw InvalidInput(key, "a number", j[key].type_name());
    return j[key].get<double>();
}

}  // namespace

ApiResponse handle_import_cloudwatch(const ServiceContext&, const ApiRequest& request) {
    const nlohmann::json body = body_object(request.body, {"metrics", "period_s", "duration_ms"});
    if (!body.contains("metrics"))
        throw InvalidInput("metrics",
                           "metrics is required (missing field): a get-metric-statistics or "
                           "get-metric-data output, or an array of them",
                           0);
    const std::string text = body["metrics"].dump();
    const CloudWatchImport metrics = import_cloudwatch({{text, "metrics"}}, optional_number(body, "period_s"));
    const std::optional<double> duration = optional_number(body, "duration_ms");
    Workload base;
    if (duration) base.duration_ms = *duration;
    Scenario scenario;
    scenario.workload = imported_workload(metrics, base, duration.has_value());
    scenario.workload.validate("");                              // fields named as the body spells them: duration_ms
    scenario.offerings.push_back(Offering{"", LambdaConfig{}});  // the page or the caller sets its memory
    nlohmann::ordered_json answer = nlohmann::ordered_json::parse(to_json(metrics));
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

}  // namespace costsim::server
