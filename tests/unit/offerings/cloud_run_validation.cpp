// Every rule of CloudRunConfig names its field; unknown regions are PriceNotFound on "region".
#include <costsim/costsim.hpp>
#include <doctest/doctest.h>

#include "../support.hpp"

using namespace costsim;

namespace {
std::string field_of(CloudRunConfig c, const std::string& prefix = "") {
    return test::invalid_field({"", std::move(c)}, prefix);
}
}  // namespace

TEST_CASE("CloudRunConfig: each rule names its field") {
    CHECK(field_of({}) == "(valid)");
    CHECK(field_of({.region = ""}) == "region");
    CHECK(field_of({.region = "us central1"}) == "region");
    CHECK(field_of({.memory_mb = 127}) == "memory_mb");
    CHECK(field_of({.memory_mb = 32769}) == "memory_mb");
    CHECK(field_of({.memory_mb = 32768}) == "(valid)");
    CHECK(field_of({.vcpu = 0.07}) == "vcpu");
    CHECK(field_of({.vcpu = 8.01}) == "vcpu");
    CHECK(field_of({.concurrency = 0}) == "concurrency");
    CHECK(field_of({.concurrency = 1001}) == "concurrency");
    CHECK(field_of({.concurrency = 1000}) == "(valid)");
    CHECK(field_of({.vcpu = 9}, "offerings[2].") == "offerings[2].vcpu");
}

TEST_CASE("Cloud Run: a region without prices is PriceNotFound on region") {
    try {
        (void)CostModel::build({}, Offering{"", CloudRunConfig{.region = "europe-west9"}}, Catalog::builtin());
        FAIL("expected PriceNotFound");
    } catch (const PriceNotFound& e) {
        CHECK(e.field() == "region");
    }
}
