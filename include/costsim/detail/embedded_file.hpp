#pragma once
/// A file compiled into a binary (see lib/cmake/CostsimEmbed.cmake).

#include <cstddef>
#include <span>
#include <string_view>

namespace costsim::detail {

struct EmbeddedFile {
    const char* path;           ///< relative to the embedding's base directory
    const unsigned char* data;  ///< the bytes, followed by a NUL not counted in size
    std::size_t size;

    [[nodiscard]] std::string_view text() const noexcept { return {reinterpret_cast<const char*>(data), size}; }
};

/// The default catalog documents (lib/data/catalog/*.json), in file-name order.
std::span<const EmbeddedFile> builtin_catalog_files();

}  // namespace costsim::detail
