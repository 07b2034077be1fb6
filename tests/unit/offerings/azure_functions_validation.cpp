// Every rule of AzureFunctionsConfig names its field; unknown regions are PriceNotFound on "region".
#include <costsim/costsim.hpp>
#include <doctest/doctest.h>

#include "../support.hpp"

using namespace costsim;

namespace {
std::string field_of(AzureFunctionsConfig c, const std::string& prefix = "") {
    return test::invalid_field({"", std::move(c)}, prefix);
}
}  // namespace

TEST_CASE("AzureFunctionsConfig: each rule names its field") {
    CHECK(field_of({}) == "(valid)");
    CHECK(field_of({.region = ""}) == "region");
    CHECK(field_of({.region = "east/us"}) == "region");
    CHECK(field_of({.memory_mb = 0}) == "memory_mb");
    CHECK(field_of({.memory_mb = 1537}) == "memory_mb");
    CHECK(field_of({.memory_mb = 1536}) == "(valid)");
    CHECK(field_of({.memory_mb = 0}, "offerings[0].") == "offerings[0].memory_mb");
}

TEST_CASE("Azure Functions: a region without prices is PriceNotFound on region") {
    try {
        (void)CostModel::build({}, Offering{"", AzureFunctionsConfig{.region = "westeurope"}}, Catalog::builtin());
        FAIL("expected PriceNotFound");
    } catch (const PriceNotFound& e) {
        CHECK(e.field() == "region");
    }
}
