#pragma once
/// Files compiled into the server: the page (server/web/*), Chart.js, the OpenAPI document.

#include <string>
#include <string_view>

namespace costsim::server {

/// One file served under /assets/.
struct Asset {
    std::string name;  ///< "index.html", "chart.min.js"
    std::string_view bytes;
    std::string content_type;  ///< by extension
    std::string etag;          ///< quoted hash of the bytes
};

/// The asset called `name`, or nullptr. Names with "/" or ".." never match.
const Asset* find_asset(std::string_view name);

/// A file of the bundled Azure Functions 2019 sample (tests/data/azure-functions-2019/:
/// "invocations.csv", "durations.csv", "README.md"), or empty.
std::string_view traffic_sample_file(std::string_view name);

/// The OpenAPI 3 document (server/openapi.json).
std::string_view openapi_document();

/// Content type by file extension; application/octet-stream when unknown.
std::string content_type_for(std::string_view name);

}  // namespace costsim::server
