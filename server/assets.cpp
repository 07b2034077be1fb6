#include "assets.hpp"

#include <costsim/offering_kinds.hpp>

#include <costsim/detail/embedded_file.hpp>

#include <cstdint>
#include <cstdio>
#include <span>
#include <vector>

namespace costsim::detail {
#ifndef COSTSIM_NO_WEB_FILES
std::span<const EmbeddedFile> server_web_files();
#else
std::span<const EmbeddedFile> server_web_files() { return {}; }
#endif
std::span<const EmbeddedFile> server_vendor_files();
std::span<const EmbeddedFile> server_traffic_sample_files();
std::span<const EmbeddedFile> server_api_files();
}  // namespace costsim::detail

namespace costsim::server {
namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

/// FNV-1a: a stable ETag for bytes fixed at build time (not a security boundary).
std::string etag_of(std::string_view bytes) {
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ULL;
    char text[24];
    std::snprintf(text, sizeof text, "\"%016llx\"", static_cast<unsigned long long>(h));
    return text;
}

std::vector<Asset> load_assets() {
    std::vector<Asset> assets;
    auto add = [&](const detail::EmbeddedFile& file) {
        std::string_view name = file.path;
        if (name.find('/') != std::string_view::npos) return;  // the web directory is flat
        assets.push_back({std::string(name), file.text(), content_type_for(name), etag_of(file.text())});
    };
    for (const auto& file : detail::server_web_files()) add(file);
    for (const auto& file : detail::server_vendor_files()) add(file);
    return assets;
}

}  // namespace

const Asset* find_asset(std::string_view name) {
    static const std::vector<Asset> assets = load_assets();
    if (name.empty() || name.find('/') != std::string_view::npos || name.find("..") != std::string_view::npos)
        return nullptr;
    for (const auto& asset : assets)
        if (asset.name == name) return &asset;
    return nullptr;
}

std::string_view traffic_sample_file(std::string_view name) {
    for (const auto& file : detail::server_traffic_sample_files())
        if (std::string_view(file.path) == name) return file.text();
    return {};
}

std::string_view openapi_document() {
    // The embedded document with the offering schemas generated from the kinds' descriptors,
    // made once.
    static const std::string document = [] {
        for (const auto& file : detail::server_api_files())
            if (std::string_view(file.path) == "openapi.json") return openapi_with_offering_kinds(file.text());
        return std::string("{}");
    }();
    return document;
}

std::string content_type_for(std::string_view name) {
    struct Mapping {
        std::string_view extension;
        std::string_view type;
    };
    static constexpr Mapping kTypes[] = {
        {".html", "text/html; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".json", "application/json"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".txt", "text/plain; charset=utf-8"},
        {".map", "application/json"},
        {".woff2", "font/woff2"},
    };
    for (const auto& m : kTypes)
        if (ends_with(name, m.extension)) return std::string(m.type);
    return "application/octet-stream";
}

}  // namespace costsim::server
