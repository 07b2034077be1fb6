// --catalog FILE / COSTSIM_CATALOG: the server reads a catalog file up to the library's limit
// (CatalogLimits::max_document_bytes, the CLI's too) and refuses a larger one naming the file.
#include "app.hpp"

#include <costsim/catalog.hpp>

#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>

namespace {

/// A file holding `text`, removed with this.
struct TempFile {
    std::string path;
    explicit TempFile(const std::string& text) {
        char name[] = "/tmp/cost-sim-server-catalog-XXXXXX";
        const int fd = mkstemp(name);
        REQUIRE(fd >= 0);
        path = name;
        REQUIRE(write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
        close(fd);
    }
    ~TempFile() { std::remove(path.c_str()); }
};

}  // namespace

TEST_CASE("a catalog file of max_document_bytes is read; one byte more is refused") {
    const std::string doc = R"({"schema": "cost-sim-catalog/1", "version": "t", "as_of": "2026-11-22", "entries": []})";
    const std::size_t limit = costsim::CatalogLimits::max_document_bytes;
    REQUIRE(limit == 16 * 1024 * 1024);
    // the same document padded with spaces (valid JSON) to the limit, and to one byte over it
    const TempFile at_limit(doc + std::string(limit - doc.size(), ' '));
    const TempFile over(doc + std::string(limit - doc.size() + 1, ' '));

    const costsim::Catalog catalog = costsim::server::load_catalog(at_limit.path);
    CHECK(catalog.overlays().size() == 1);
    try {
        (void)costsim::server::load_catalog(over.path);
        FAIL("accepted a catalog file over the limit");
    } catch (const costsim::server::UsageError& e) {
        CHECK(std::string(e.what()) == "the catalog file \"" + over.path + "\" is larger than 16 MiB");
    }
}
