#include "routes.hpp"

#include "batch_endpoint.hpp"
#include "connection_pool.hpp"
#include "handlers.hpp"
#include "portfolio_handler.hpp"
#include "import_handlers.hpp"
#include "http_errors.hpp"

#include <costsim/error.hpp>
#include <costsim/json.hpp>
#include <costsim/portfolio.hpp>

#include <httplib.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <new>
#include <string_view>

namespace costsim::server {
namespace {

using Handler = ApiResponse (*)(const ServiceContext&, const ApiRequest&);

constexpr std::size_t kMiB = std::size_t{1} << 20;

// Request body limits (Design/http-api.md#body-limits), each sized by the largest legal input of
// its routes. memory_per_byte is what answering takes per byte of body besides the body's buffer,
// measured as peak RSS over idle for a body near the limit (VmHWM, rounded up), and the input
// budget counts it: every limit x (memory_per_byte + 1) is at most 96 MiB, within the 128 MiB budget.
/// Everything else: a scenario without a long series (range, flip and sweep repeat a bill many
/// times, so they keep to the short series 64 KiB holds), an optimise request (its library
/// parser stops at kMaxJsonBytes).
constexpr BodyLimit kDefaultBody{kMaxJsonBytes, 4};
/// A scenario whose workload.traffic is a series of up to TrafficLimits::max_intervals
/// (1,000,000) counts of up to 7 characters and a comma ("1234567," or "12345.6,": 8 MB), and
/// the rest of the scenario: kMaxScenarioBytes. The series is read straight into its vector;
/// answering takes memory by the interval (POST /api/v1/compare of 1,000,000 intervals, 2 MB of
/// text: 76 MiB), so 40 a byte of the shortest counts ("1,"), and at most 80 MiB.
constexpr BodyLimit kScenarioBody{kMaxScenarioBytes, 40, 80 * kMiB};
/// A price list page or offer excerpt (an Azure Retail Prices page of 100 items is ~70 KB; 8 MiB
/// holds ~12,000 items). Read by a SAX parser into catalog entries: 8.7x a page of 15 MiB.
constexpr BodyLimit kCatalogBody{8 * kMiB, 10};
/// CloudWatch output: a month of 1-minute datapoints is ~43,200 x 80 bytes = 3.5 MB. Its parser
/// builds a JSON tree: 11.4x.
constexpr BodyLimit kCloudWatchBody{4 * kMiB, 12};
/// Lambda REPORT lines (~250 bytes each: 8 MiB holds ~33,000 invocations), or filter-log-events
/// output (a JSON tree of the events: 10.2x; the text in {"log"}: 5x).
constexpr BodyLimit kLambdaLogsBody{8 * kMiB, 11};
/// A Cost and Usage Report's CSV in {"csv"} (16 MiB: ~60,000 rows of ~270 bytes), read as text: 5x.
constexpr BodyLimit kCurBody{16 * kMiB, 5};
/// BatchEndpointLimits::max_lines (1,000) scenarios of ~4 KiB, each line parsed on its own: 3x.
/// (The streamed answer keeps the text until its last line: it draws from the input budget meanwhile.)
constexpr BodyLimit kBatchBody{4 * kMiB, 4};
/// PortfolioLimits::max_json_bytes (the library's limit; 1,000 workloads of ~4 KB): its document
/// tree, 16x.
constexpr BodyLimit kPortfolioBody{PortfolioLimits::max_json_bytes, 17};

struct Route {
    std::string_view path;   ///< exact path, or a prefix ending in "/*"
    std::string_view allow;  ///< methods, as sent in Allow
    Handler handler;
    /// The query parameters it takes, space-separated: "name", or "name=a|b" for a fixed set of
    /// values. Any other parameter is a 400 (Design/http-api.md: queries are strict).
    std::string_view query = {};
    BodyLimit body = kDefaultBody;  ///< the request body's limit, enforced before it is buffered
};

// The route table: the API's contract (Design/http-api.md, server/openapi.json).
constexpr Route kRoutes[] = {
    {"/health", "GET, HEAD", handle_health},
    {"/metrics", "GET, HEAD", handle_metrics},
    {"/api/v1/catalog", "GET, HEAD", handle_catalog, "provider region"},
    {"/api/v1/catalog/import", "POST", handle_catalog_import, "region service family", kCatalogBody},
    {"/api/v1/offering-kinds", "GET, HEAD", handle_offering_kinds},
    {"/api/v1/estimate", "POST", handle_estimate, "", kScenarioBody},
    {"/api/v1/compare", "POST", handle_compare, "format=json|csv", kScenarioBody},
    {"/api/v1/break-even", "POST", handle_break_even, "", kScenarioBody},
    {"/api/v1/range", "POST", handle_range},
    {"/api/v1/flip", "POST", handle_flip},
    {"/api/v1/sweep", "POST", handle_sweep, "format=json|csv"},
    {"/api/v1/profile", "POST", handle_profile, "", kScenarioBody},
    {"/api/v1/optimise", "POST", handle_optimise, "format=json|csv|svg lang=en|ja"},
    {"/api/v1/portfolio", "POST", handle_portfolio, "format=json|csv", kPortfolioBody},
    {"/api/v1/batch", "POST", handle_batch, "", kBatchBody},
    {"/api/v1/traffic-samples/azure-functions-2019", "GET, HEAD", handle_traffic_sample, "row"},
    {"/api/v1/import/cloudwatch", "POST", handle_import_cloudwatch, "period_s duration_ms", kCloudWatchBody},
    {"/api/v1/import/cur", "POST", handle_import_cur, "format=json|csv", kCurBody},
    {"/api/v1/import/lambda-logs", "POST", handle_import_lambda_logs, "", kLambdaLogsBody},
    {"/api/v1/import/trace", "POST", handle_import_trace},
    {"/api/v1/openapi.json", "GET, HEAD", handle_openapi},
    {"/", "GET, HEAD", handle_index, "lang=en|ja"},  // the page's language
    {"/assets/*", "GET, HEAD", handle_asset},
};

const Route* find_route(std::string_view path) {
    for (const auto& route : kRoutes) {
        std::string_view p = route.path;
        if (p.ends_with("/*") ? path.starts_with(p.substr(0, p.size() - 1)) : path == p) return &route;
    }
    return nullptr;
}

bool allows(std::string_view allow, std::string_view method) {
    if (method == "HEAD") method = "GET";
    std::size_t at = 0;
    while (at < allow.size()) {
        std::size_t end = allow.find(", ", at);
        if (end == std::string_view::npos) end = allow.size();
        if (allow.substr(at, end - at) == method) return true;
        at = end + 2;
    }
    return false;
}

/// The refusal the event loop passed on with the request (kFramingErrorHeader), or none.
FramingError framing_error_of(const httplib::Request& req) {
    const std::string value = req.get_header_value(kFramingErrorHeader);
    if (value.empty()) return FramingError::none;
    const int number = std::atoi(value.c_str());
    return number > 0 && number <= static_cast<int>(FramingError::over_input_budget)
               ? static_cast<FramingError>(number)
               : FramingError::invalid_request_line;
}

bool is_json_media_type(std::string_view content_type) {
    std::string lower(content_type.substr(0, content_type.find(';')));
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    while (!lower.empty() && lower.back() == ' ') lower.pop_back();
    return lower == "application/json";
}

/// JSON Lines (POST /api/v1/batch): no more a CORS-safelisted type than application/json.
bool is_ndjson_media_type(std::string_view content_type) {
    std::string lower(content_type.substr(0, content_type.find(';')));
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    while (!lower.empty() && lower.back() == ' ') lower.pop_back();
    return lower == "application/x-ndjson" || lower == "application/jsonl";
}

constexpr std::size_t kMaxQueryValueBytes = 256;

/// Query parameters are as strict as body fields: unknown names, repeats, overlong values and
/// values outside a parameter's set are errors naming query.<name>.
void check_query(const Route& route, const ApiRequest& request) {
    for (const auto& [name, value] : request.query) {
        std::string_view values;  // "a|b", or empty for any value
        bool known = false;
        for (std::size_t at = 0; at < route.query.size() && !known;) {
            std::size_t end = route.query.find(' ', at);
            if (end == std::string_view::npos) end = route.query.size();
            const std::string_view spec = route.query.substr(at, end - at);
            const std::size_t equals = spec.find('=');
            known = spec.substr(0, equals) == name;
            if (known && equals != std::string_view::npos) values = spec.substr(equals + 1);
            at = end + 1;
        }
        if (!known) throw InvalidInput("query." + name, "absent: this endpoint takes no such parameter", 0);
        if (request.query.count(name) > 1) throw InvalidInput("query." + name, "given once", "a repeat");
        if (value.size() > kMaxQueryValueBytes)
            throw InvalidInput("query." + name, "at most 256 bytes", std::to_string(value.size()) + " bytes");
        if (values.empty()) continue;
        bool listed = false;
        std::string one_of;
        for (std::size_t at = 0; at <= values.size();) {
            std::size_t end = values.find('|', at);
            if (end == std::string_view::npos) end = values.size();
            listed = listed || values.substr(at, end - at) == value;
            one_of += (at == 0 ? "one of " : ", ") + std::string(values.substr(at, end - at));
            at = end + 1;
        }
        if (!listed) throw InvalidInput("query." + name, one_of, "\"" + value + "\"");
    }
}

ApiResponse route_request(const ServiceContext& context, const ApiRequest& request) {
    const Route* route = find_route(request.path);
    // The event loop refused the request's framing: answered before anything else, unread.
    if (request.framing_error != FramingError::none)
        return framing_error_response(request.framing_error, route == nullptr ? kDefaultBody : route->body,
                                      context.input_budget_bytes);
    if (route == nullptr) return error_response(404, "not_found", "no route for " + request.path, "path");
    if (request.method == "OPTIONS") {
        ApiResponse response;
        response.status = 204;
        response.content_type.clear();
        response.headers.emplace_back("Allow", std::string(route->allow) + ", OPTIONS");
        return response;
    }
    if (!allows(route->allow, request.method)) {
        ApiResponse response = error_response(
            405, "method_not_allowed",
            request.method + " is not allowed on " + std::string(route->path) + "; use " + std::string(route->allow),
            "method");
        response.headers.emplace_back("Allow", std::string(route->allow));
        return response;
    }
    // Every POST says it is JSON: a cross-site page can send a bare body without a preflight,
    // but not one with this Content-Type.
    if (request.method == "POST" && !is_json_media_type(request.content_type) &&
        !(route->handler == handle_batch && is_ndjson_media_type(request.content_type)))
        return error_response(415, "unsupported_media_type",
                              "request bodies are JSON: send Content-Type: application/json", "content-type");
    check_query(*route, request);
    return route->handler(context, request);
}

}  // namespace

ApiResponse dispatch(const ServiceContext& context, const ApiRequest& request) {
    ApiResponse response;
    try {
        response = route_request(context, request);
    } catch (const Error& e) {
        response = error_response(e);
    } catch (const std::bad_alloc&) {
        response = error_response(503, "overloaded", "the server is short of memory; retry later");
    } catch (...) {
        response = internal_error_response();
    }
    response.route = route_label(request.path);
    return response;
}

std::string route_label(std::string_view path) {
    const Route* route = find_route(path);
    return route == nullptr ? "unmatched" : std::string(route->path);
}

std::vector<RouteInfo> route_table() {
    std::vector<RouteInfo> table;
    for (const auto& route : kRoutes)
        table.push_back({std::string(route.path), std::string(route.allow), std::string(route.query), route.body});
    return table;
}

BodyLimit body_limit_of(std::string_view target) {
    const Route* route = find_route(target.substr(0, target.find('?')));
    return route == nullptr ? kDefaultBody : route->body;
}

std::size_t largest_body_limit() {
    std::size_t largest = 0;
    for (const auto& route : kRoutes) largest = std::max(largest, route.body.max_bytes);
    return largest;
}

void register_routes(httplib::Server& server, const ServiceContext& context) {
    auto adapter = [&context](const httplib::Request& req, httplib::Response& res, std::string body) {
        ApiRequest request;
        request.method = req.method;
        request.path = req.path;
        // (Form-encoded POST bodies are parsed into params too, but dispatch answers them 415.)
        request.query.insert(req.params.begin(), req.params.end());
        request.accept = req.get_header_value("Accept");
        request.content_type = req.get_header_value("Content-Type");
        request.if_none_match = req.get_header_value("If-None-Match");
        request.framing_error = framing_error_of(req);
        request.body = std::move(body);
        ApiResponse response = dispatch(context, request);
        res.status = response.status;
        // Range is ignored (request_framing.hpp); httplib would otherwise claim "bytes" on HEAD.
        if (req.method == "HEAD") res.set_header("Accept-Ranges", "none");
        for (auto& [name, value] : response.headers) res.set_header(name, value);
        if (!response.content_type.empty()) {
            res.set_header("Content-Type", response.content_type);
            res.body = std::move(response.body);
        }
        if (response.stream && req.method != "HEAD") PooledServer::stream_body(std::move(response.stream));
    };
    auto without_body = [adapter](const httplib::Request& req, httplib::Response& res) { adapter(req, res, req.body); };
    // POST bodies are read here, so a chunked body (no Content-Length for httplib to check)
    // stops being read at the limit instead of growing without bound.
    server.Post(".*", [adapter](const httplib::Request& req, httplib::Response& res,
                                const httplib::ContentReader& reader) {
        if (framing_error_of(req) != FramingError::none) return adapter(req, res, std::string());  // unread
        const BodyLimit limit = body_limit_of(req.path);
        std::string body;
        // One allocation for a body of known length (the event loop has checked it is within the limit).
        if (const std::size_t length = req.get_header_value<std::uint64_t>("Content-Length"); length <= limit.max_bytes)
            body.reserve(length);
        bool too_large = false;
        const bool complete = reader([&](const char* data, std::size_t size) {
            if (body.size() + size > limit.max_bytes) {
                too_large = true;
                return false;
            }
            body.append(data, size);
            return true;
        });
        // httplib itself refuses a Content-Length over the limit (status 413, reader not called).
        if (too_large || res.status == 413) {
            ApiResponse error = error_response(413, "payload_too_large", body_limit_message(limit.max_bytes), "body");
            res.status = error.status;  // (the event loop refuses such bodies by their framing first)
            res.set_content(error.body, error.content_type);
            return;
        }
        if (!complete) {
            ApiResponse error = error_response(400, "bad_request", "the request body could not be read", "body");
            res.status = error.status;
            res.set_content(error.body, error.content_type);
            return;
        }
        adapter(req, res, std::move(body));
    });
    server.Get(".*", without_body);
    server.Put(".*", without_body);
    server.Patch(".*", without_body);
    server.Delete(".*", without_body);
    server.Options(".*", without_body);
}

}  // namespace costsim::server
