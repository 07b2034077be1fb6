// Every rule of FargateConfig names its field: bounds, the task sizes Fargate allows (the memory
// error lists the sizes for the vCPU given), Spot on x86_64 only; and the JSON reader's paths.
#include <costsim/costsim.hpp>
#include <costsim/json.hpp>
#include <doctest/doctest.h>

#include "../support.hpp"

#include <string>

using namespace costsim;

namespace {
std::string field_of(FargateConfig c, const std::string& prefix = "") {
    return test::invalid_field({"", std::move(c)}, prefix);
}

std::string message_of(FargateConfig c) {
    try {
        FargateConfig(std::move(c)).validate();
    } catch (const InvalidInput& e) {
        return e.what();
    }
    return "(valid)";
}

/// How many memory sizes (0.5 GB steps from 0.5 to 120) validate with `vcpu`.
int valid_memory_sizes(double vcpu) {
    int n = 0;
    for (double gb = 0.5; gb <= 120; gb += 0.5) n += field_of({.vcpu = vcpu, .memory_gb = gb}) == "(valid)";
    return n;
}
}  // namespace

TEST_CASE("FargateConfig: bounds name their field") {
    CHECK(field_of({}) == "(valid)");
    CHECK(field_of({.region = ""}) == "region");
    CHECK(field_of({.region = "us east 1"}) == "region");
    CHECK(field_of({.vcpu = 0.125}) == "vcpu");
    CHECK(field_of({.vcpu = 32, .memory_gb = 64}) == "vcpu");
    CHECK(field_of({.memory_gb = 0.25}) == "memory_gb");
    CHECK(field_of({.ephemeral_storage_gb = 19}) == "ephemeral_storage_gb");
    CHECK(field_of({.ephemeral_storage_gb = 201}) == "ephemeral_storage_gb");
    CHECK(field_of({.ephemeral_storage_gb = 200}) == "(valid)");
    CHECK(field_of({.count = 0}) == "count");
    CHECK(field_of({.count = 10001}) == "count");
    CHECK(field_of({.capacity_rps = 0.0}) == "capacity_rps");
    CHECK(field_of({.target_utilization = 0}) == "target_utilization");
    CHECK(field_of({.target_utilization = 1.01}) == "target_utilization");
    CHECK(field_of({.min_tasks = 0}) == "min_tasks");
    CHECK(field_of({.hours_per_month = 0.0009}) == "hours_per_month");
    CHECK(field_of({.hours_per_month = 731}) == "hours_per_month");
    CHECK(field_of({.load_balancer = true, .load_balancer_azs = 1}) == "load_balancer_azs");
    CHECK(field_of({.load_balancer = true, .load_balancer_azs = 7}) == "load_balancer_azs");
    CHECK(field_of({.memory_gb = 3}, "offerings[2].") == "offerings[2].memory_gb");
}

TEST_CASE("FargateConfig: only the task sizes of the ECS task-size table") {
    // 0.25 vCPU: 0.5, 1, 2 GB; 0.5: 1-4; 1: 2-8; 2: 4-16; 4: 8-30 in 1 GB steps; 8: 16-60 in 4 GB
    // steps; 16: 32-120 in 8 GB steps (docs.aws.amazon.com/AmazonECS/latest/userguide/task-cpu-memory-error.html)
    CHECK(valid_memory_sizes(0.25) == 3);
    CHECK(valid_memory_sizes(0.5) == 4);
    CHECK(valid_memory_sizes(1) == 7);
    CHECK(valid_memory_sizes(2) == 13);
    CHECK(valid_memory_sizes(4) == 23);
    CHECK(valid_memory_sizes(8) == 12);   // (60 - 16) / 4 + 1
    CHECK(valid_memory_sizes(16) == 12);  // (120 - 32) / 8 + 1
    CHECK(field_of({.vcpu = 0.25, .memory_gb = 1.5}) == "memory_gb");
    CHECK(field_of({.vcpu = 0.5, .memory_gb = 4}) == "(valid)");
    CHECK(field_of({.vcpu = 0.5, .memory_gb = 0.5}) == "memory_gb");
    CHECK(field_of({.vcpu = 4, .memory_gb = 30}) == "(valid)");
    CHECK(field_of({.vcpu = 4, .memory_gb = 31}) == "memory_gb");
    CHECK(field_of({.vcpu = 8, .memory_gb = 20}) == "(valid)");
    CHECK(field_of({.vcpu = 8, .memory_gb = 18}) == "memory_gb");
    CHECK(field_of({.vcpu = 16, .memory_gb = 120}) == "(valid)");
    CHECK(field_of({.vcpu = 16, .memory_gb = 36}) == "memory_gb");
    CHECK(field_of({.vcpu = 3, .memory_gb = 8}) == "vcpu");
    CHECK(message_of({.vcpu = 3, .memory_gb = 8}) ==
          "vcpu must be one of 0.25, 0.5, 1, 2, 4, 8, 16 (Fargate task sizes), got 3");
    // the memory error lists what the vCPU given allows
    CHECK(message_of({.vcpu = 0.25, .memory_gb = 4}) ==
          "memory_gb must be 0.5, 1 or 2 GB with vcpu 0.25 (Fargate task sizes), got 4");
    CHECK(message_of({.vcpu = 8, .memory_gb = 18}) ==
          "memory_gb must be 16 to 60 GB in steps of 4 GB (16, 20, 24, 28, 32, 36, 40, 44, 48, 52, 56, 60) with "
          "vcpu 8 (Fargate task sizes), got 18");
}

TEST_CASE("FargateConfig: on-demand or spot, spot on x86_64 only") {
    CHECK(field_of({.purchase = PurchaseOption::spot}) == "(valid)");
    CHECK(field_of({.purchase = PurchaseOption::one_year}) == "purchase");
    CHECK(message_of({.purchase = PurchaseOption::three_year}) ==
          "purchase must be one of on-demand, spot, got \"3yr\"");
    CHECK(field_of({.arch = Architecture::arm64, .purchase = PurchaseOption::spot}) == "purchase");
    CHECK(message_of({.arch = Architecture::arm64, .purchase = PurchaseOption::spot}).find("x86_64") !=
          std::string::npos);
}

TEST_CASE("Fargate: a region without Fargate prices is PriceNotFound on region") {
    try {
        (void)CostModel::build({}, Offering{"", FargateConfig{.region = "eu-west-1"}}, Catalog::builtin(), "offering.");
        FAIL("expected PriceNotFound");
    } catch (const PriceNotFound& e) {
        CHECK(e.field() == "offering.region");
        CHECK(std::string(e.what()).find("ap-northeast-1") != std::string::npos);  // lists the regions
    }
}

TEST_CASE("Fargate scenarios: fields read from JSON, errors with their paths") {
    const auto s = parse_scenario(
        R"({"workload":{"requests_per_month":1,"duration_ms":100},"offering":{"kind":"fargate","vcpu":2,"memory_gb":8,"count":3,)"
        R"("purchase":"spot","ephemeral_storage_gb":40,"load_balancer":true}})",
        ScenarioShape::one_offering);
    const auto& c = std::get<FargateConfig>(s.offerings.at(0).config);
    CHECK(c.vcpu == 2);
    CHECK(c.memory_gb == 8);
    CHECK(c.count == 3);
    CHECK(c.purchase == PurchaseOption::spot);
    CHECK(c.ephemeral_storage_gb == 40);
    CHECK(!c.tasks_have_public_ipv4());
    CHECK(s.offerings[0].effective_id() == "fargate-us-east-1-x86_64-2vcpu-8gb");
    CHECK(s.offerings[0].default_label() == "Fargate 2 vCPU 8 GB spot x3");
    CHECK(s.offerings[0].provider() == "aws");
    CHECK(!s.offerings[0].usage_priced());
    const auto field_of_json = [](const std::string& offering) {
        try {
            const auto bad = parse_scenario(
                R"({"workload":{"requests_per_month":1,"duration_ms":100},"offerings":[{"kind":"lambda"},)" + offering +
                    "]}",
                ScenarioShape::many_offerings);
            for (std::size_t i = 0; i < bad.offerings.size(); ++i)
                bad.offerings[i].validate("offerings[" + std::to_string(i) + "].");
        } catch (const Error& e) {
            return e.field();
        }
        return std::string("(valid)");
    };
    CHECK(field_of_json(R"({"kind":"fargate"})") == "(valid)");
    CHECK(field_of_json(R"({"kind":"fargate","purchase":"1yr"})") == "offerings[1].purchase");
    CHECK(field_of_json(R"({"kind":"fargate","vcpu":1,"memory_gb":9})") == "offerings[1].memory_gb");
    CHECK(field_of_json(R"({"kind":"fargate","memory_mb":512})") == "offerings[1].memory_mb");
}
