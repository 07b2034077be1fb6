// Every rule of AzureFunctionsFlexConfig names its field; unknown regions are PriceNotFound on "region".
#include <costsim/costsim.hpp>
#include <costsim/json.hpp>
#include <costsim/offering_kinds.hpp>
#include <doctest/doctest.h>

#include "../support.hpp"

#include <string>

using namespace costsim;

namespace {
std::string field_of(AzureFunctionsFlexConfig c, const std::string& prefix = "") {
    return test::invalid_field({"", std::move(c)}, prefix);
}

std::string message_of(AzureFunctionsFlexConfig c) {
    try {
        c.validate();
    } catch (const InvalidInput& e) {
        return e.what();
    }
    return "(valid)";
}
}  // namespace

TEST_CASE("AzureFunctionsFlexConfig: each rule names its field") {
    CHECK(field_of({}) == "(valid)");
    CHECK(field_of({.region = ""}) == "region");
    CHECK(field_of({.region = "east us"}) == "region");
    for (int memory : {512, 2048, 4096}) CHECK(field_of({.instance_memory_mb = memory}) == "(valid)");
    for (int memory : {511, 1024, 3000, 4097, 8192})
        CHECK(field_of({.instance_memory_mb = memory}) == "instance_memory_mb");
    CHECK(field_of({.instance_concurrency = 0}) == "instance_concurrency");
    CHECK(field_of({.instance_concurrency = 1001}) == "instance_concurrency");
    CHECK(field_of({.instance_concurrency = 1}) == "(valid)");
    CHECK(field_of({.instance_concurrency = 1000}) == "(valid)");
    CHECK(field_of({.always_ready_instances = -1}) == "always_ready_instances");
    CHECK(field_of({.always_ready_instances = 1001}) == "always_ready_instances");
    CHECK(field_of({.always_ready_instances = 1000}) == "(valid)");
    CHECK(field_of({.instance_memory_mb = 1024}, "offerings[3].") == "offerings[3].instance_memory_mb");
}

TEST_CASE("AzureFunctionsFlexConfig: the memory sizes are listed in the message") {
    CHECK(message_of({.instance_memory_mb = 1024}) == "instance_memory_mb must be one of 512, 2048, 4096, got 1024");
    CHECK(message_of({.instance_memory_mb = 100}) == "instance_memory_mb must be an integer in [512, 4096], got 100");
}

TEST_CASE("AzureFunctionsFlexConfig: concurrency defaults follow the instance memory") {
    CHECK(AzureFunctionsFlexConfig{.instance_memory_mb = 512}.effective_concurrency() == 4);
    CHECK(AzureFunctionsFlexConfig{}.effective_concurrency() == 16);
    CHECK(AzureFunctionsFlexConfig{.instance_memory_mb = 4096}.effective_concurrency() == 32);
    CHECK(AzureFunctionsFlexConfig{.instance_memory_mb = 4096, .instance_concurrency = 1}.effective_concurrency() == 1);
}

TEST_CASE("Flex: a region without prices is PriceNotFound on region") {
    try {
        (void)CostModel::build({}, Offering{"", AzureFunctionsFlexConfig{.region = "westus9"}}, Catalog::builtin(),
                               "offerings[1].");
        FAIL("expected PriceNotFound");
    } catch (const PriceNotFound& e) {
        CHECK(e.field() == "offerings[1].region");
    }
}

TEST_CASE("Flex: the descriptor drives kind, provider, id and label") {
    const Offering o{
        "", AzureFunctionsFlexConfig{.region = "japaneast", .instance_memory_mb = 4096, .always_ready_instances = 2}};
    CHECK(std::string(o.kind()) == "azure_functions_flex");
    CHECK(o.provider() == "azure");
    CHECK(o.region() == "japaneast");
    CHECK(o.usage_priced());
    CHECK(o.effective_id() == "azure_functions_flex-japaneast-4096mb");
    CHECK(o.default_label(true) == "Azure Functions Flex 4096 MB, 2 always ready");
    const KindInfo* kind = find_kind("azure_functions_flex");
    REQUIRE(kind != nullptr);
    CHECK(kind->flag_prefix == "azure-functions-flex");
    // the concurrency is reported as used: Microsoft's default when not given
    CHECK(std::get<long long>(kind->field("instance_concurrency")->report(o.config)) == 32);
}

TEST_CASE("Flex: scenarios read the fields and write the effective concurrency") {
    const Scenario s =
        parse_scenario(R"({"workload":{"requests_per_month":1000,"duration_ms":100},"offerings":[)"
                       R"({"kind":"azure_functions_flex","instance_memory_mb":512,"always_ready_instances":2}]})",
                       ScenarioShape::many_offerings);
    const auto& c = std::get<AzureFunctionsFlexConfig>(s.offerings[0].config);
    CHECK(c.instance_memory_mb == 512);
    CHECK(c.always_ready_instances == 2);
    CHECK(!c.instance_concurrency);
    const std::string json = to_json(s);
    CHECK(json.find(R"("kind":"azure_functions_flex","id":"azure_functions_flex-eastus-512mb","region":"eastus",)"
                    R"("instance_memory_mb":512,)"
                    R"("instance_concurrency":4,"always_ready_instances":2,"free_tier":true)") != std::string::npos);
    try {
        (void)parse_scenario(R"({"workload":{"requests_per_month":1,"duration_ms":1},"offerings":[)"
                             R"({"kind":"azure_functions_flex","instance_memory_mb":"2048"}]})",
                             ScenarioShape::many_offerings);
        FAIL("expected InvalidInput");
    } catch (const Error& e) {
        CHECK(e.field() == "offerings[0].instance_memory_mb");
    }
}
