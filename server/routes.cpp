#include "routes.hpp"

#include "handlers.hpp"
#include "http_errors.hpp"

#include <costsim/error.hpp>
#include <costsim/json.hpp>

#include <httplib.h>

#include "connection_pool.hpp"   // after Eigen (costsim/json.hpp), as httplib must be

#include <algorithm>
#include <cctype>
#include <new>
#include <string_view>

namespace costsim::server {
namespace {

using Handler = ApiResponse (*)(const ServiceContext&, const ApiRequest&);

struct Route {
    std::string_view path;     ///< exact path, or a prefix ending in "/*"
    std::string_view allow;    ///< methods, as sent in Allow
    Handler handler;
};

// The route table: the API's contract (Design/http-api.md, server/openapi.json).
constexpr Route kRoutes[] = {
    {"/health", "GET, HEAD", handle_health},
    {"/metrics", "GET, HEAD", handle_metrics},
    {"/api/v1/catalog", "GET, HEAD", handle_catalog},
    {"/api/v1/estimate", "POST", handle_estimate},
    {"/api/v1/compare", "POST", handle_compare},
    {"/api/v1/break-even", "POST", handle_break_even},
    {"/api/v1/sweep", "POST", handle_sweep},
    {"/api/v1/openapi.json", "GET, HEAD", handle_openapi},
    {"/", "GET, HEAD", handle_index},
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

bool is_json_media_type(std::string_view content_type) {
    std::string lower(content_type.substr(0, content_type.find(';')));
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    while (!lower.empty() && lower.back() == ' ') lower.pop_back();
    return lower == "application/json";
}

ApiResponse route_request(const ServiceContext& context, const ApiRequest& request) {
    const Route* route = find_route(request.path);
    if (route == nullptr) return error_response(404, "not_found", "no route for " + request.path, "path");
    if (request.method == "OPTIONS") {
        ApiResponse response;
        response.status = 204;
        response.content_type.clear();
        response.headers.emplace_back("Allow", std::string(route->allow) + ", OPTIONS");
        return response;
    }
    if (!allows(route->allow, request.method)) {
        ApiResponse response = error_response(405, "method_not_allowed",
                                              request.method + " is not allowed on " + std::string(route->path) +
                                                  "; use " + std::string(route->allow), "method");
        response.headers.emplace_back("Allow", std::string(route->allow));
        return response;
    }
    if (request.method == "POST" && !request.content_type.empty() && !is_json_media_type(request.content_type))
        return error_response(415, "unsupported_media_type",
                              "request bodies are JSON: send Content-Type: application/json", "content-type");
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
    for (const auto& route : kRoutes) table.push_back({std::string(route.path), std::string(route.allow)});
    return table;
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
        request.body = std::move(body);
        ApiResponse response = dispatch(context, request);
        res.status = response.status;
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
        std::string body;
        bool too_large = false;
        const bool complete = reader([&](const char* data, std::size_t size) {
            if (body.size() + size > kMaxJsonBytes) {
                too_large = true;
                return false;
            }
            body.append(data, size);
            return true;
        });
        // httplib itself refuses a Content-Length over the limit (status 413, reader not called).
        if (too_large || res.status == 413) {
            ApiResponse error = error_response(413, "payload_too_large",
                                               "request bodies are limited to " + std::to_string(kMaxJsonBytes) + " bytes",
                                               "body");
            res.status = error.status;
            res.set_header("Connection", "close");
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
