#pragma once
/// The route table, in one place: which handler answers which method and path, and the adapter
/// that puts it behind httplib. dispatch() needs no socket (tests and the fuzz harness call it).

#include "api.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace httplib {
class Server;
}

namespace costsim::server {

/// Answers any request: 404 for unknown paths, 405 (with Allow) for wrong methods, 415 for
/// bodies that are not JSON. Never throws: an unexpected failure becomes a bare 500.
ApiResponse dispatch(const ServiceContext& context, const ApiRequest& request);

/// The metrics label of a path: its route's pattern ("/assets/*"), or "unmatched".
std::string route_label(std::string_view path);

/// One row of the route table: the path ("/assets/*" for the asset prefix) and its methods.
struct RouteInfo {
    std::string path;
    std::string allow;  ///< "GET, HEAD" | "POST"
    std::string query;  ///< the query parameters it takes: "name" or "name=a|b", space-separated
    BodyLimit body;     ///< its request body's limit
};

/// The body limit of a request target (path and query): its route's, or the default
/// (kDefaultBody) for paths no route serves. The event loop frames requests with it.
BodyLimit body_limit_of(std::string_view target);
/// The largest body any route takes (httplib's own payload limit).
std::size_t largest_body_limit();
/// The routes dispatch() answers, in table order (the OpenAPI test compares against it).
std::vector<RouteInfo> route_table();

/// Sends every method and path of `server` to dispatch(context, ...). `context` must outlive it.
void register_routes(httplib::Server& server, const ServiceContext& context);

}  // namespace costsim::server
