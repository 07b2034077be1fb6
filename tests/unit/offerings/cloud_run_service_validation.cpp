// Every rule of CloudRunServiceConfig names its field: the bounds of each field, Google's vCPU and
// memory table for instance-based billing (cloud.google.com/run/docs/configuring/services/cpu), and
// min_instances <= max_instances. Unknown regions are PriceNotFound on "region".
#include <costsim/costsim.hpp>
#include <costsim/json.hpp>
#include <doctest/doctest.h>

#include "../support.hpp"

#include <string>

using namespace costsim;

namespace {
std::string field_of(CloudRunServiceConfig c, const std::string& prefix = "") {
    return test::invalid_field({"", std::move(c)}, prefix);
}
std::string message_of(CloudRunServiceConfig c) {
    try {
        Offering{"", std::move(c)}.validate("offerings[1].");
    } catch (const InvalidInput& e) {
        return e.what();
    }
    return "(valid)";
}
}  // namespace

TEST_CASE("CloudRunServiceConfig: the defaults are Google's (1 vCPU, 512 MiB, concurrency 80, min 0, 60 %)") {
    const CloudRunServiceConfig c;
    CHECK(field_of(c) == "(valid)");
    CHECK(c.region == "us-central1");
    CHECK(c.vcpu == 1.0);
    CHECK(c.memory_mb == 512);
    CHECK(c.concurrency == 80);
    CHECK(c.min_instances == 0);
    CHECK_FALSE(c.max_instances.has_value());
    CHECK(c.target_utilization == 0.6);
    CHECK(c.free_tier);
}

TEST_CASE("CloudRunServiceConfig: each field's bounds name it") {
    CHECK(field_of({.region = ""}) == "region");
    CHECK(field_of({.region = "us central1"}) == "region");
    CHECK(field_of({.vcpu = 0.5}) == "vcpu");  // fractional vCPU needs request-based billing
    CHECK(field_of({.vcpu = 9}) == "vcpu");
    CHECK(field_of({.memory_mb = 127}) == "memory_mb");
    CHECK(field_of({.vcpu = 8, .memory_mb = 32769}) == "memory_mb");
    CHECK(field_of({.concurrency = 0}) == "concurrency");
    CHECK(field_of({.concurrency = 1001}) == "concurrency");
    CHECK(field_of({.concurrency = 1000}) == "(valid)");
    CHECK(field_of({.concurrency = 1}) == "(valid)");
    CHECK(field_of({.min_instances = -1}) == "min_instances");
    CHECK(field_of({.min_instances = 10001}) == "min_instances");
    CHECK(field_of({.max_instances = 0}) == "max_instances");
    CHECK(field_of({.max_instances = 1}) == "(valid)");
    CHECK(field_of({.target_utilization = 0.09}) == "target_utilization");
    CHECK(field_of({.target_utilization = 0.96}) == "target_utilization");
    CHECK(field_of({.target_utilization = 0.1}) == "(valid)");
    CHECK(field_of({.target_utilization = 0.95}) == "(valid)");
    CHECK(field_of({.concurrency = 0}, "offerings[2].") == "offerings[2].concurrency");
}

TEST_CASE("CloudRunServiceConfig: vCPU is 1, 2, 4, 6 or 8 under instance-based billing") {
    for (double vcpu : {1.0, 2.0, 4.0, 6.0, 8.0}) CHECK(field_of({.vcpu = vcpu, .memory_mb = 4096}) == "(valid)");
    for (double vcpu : {1.5, 3.0, 5.0, 7.0}) CHECK(field_of({.vcpu = vcpu, .memory_mb = 4096}) == "vcpu");
    CHECK(message_of({.vcpu = 3}).rfind("offerings[1].vcpu must be 1, 2, 4, 6 or 8 under instance-based billing", 0) ==
          0);
    CHECK(message_of({.vcpu = 3}).find("got 3") != std::string::npos);
}

TEST_CASE("CloudRunServiceConfig: memory within the vCPU's range (Google's table)") {
    // 1 vCPU: 128 MiB to 4 GiB; 2: to 8 GiB; 4: 2 to 16 GiB; 6: 4 to 24 GiB; 8: 4 to 32 GiB
    struct Case {
        double vcpu;
        int low, high;
    };
    for (const Case& k :
         {Case{1, 128, 4096}, Case{2, 128, 8192}, Case{4, 2048, 16384}, Case{6, 4096, 24576}, Case{8, 4096, 32768}}) {
        CAPTURE(k.vcpu);
        CHECK(field_of({.vcpu = k.vcpu, .memory_mb = k.low}) == "(valid)");
        CHECK(field_of({.vcpu = k.vcpu, .memory_mb = k.high}) == "(valid)");
        if (k.low > 128) CHECK(field_of({.vcpu = k.vcpu, .memory_mb = k.low - 1}) == "memory_mb");
        if (k.high < 32768) CHECK(field_of({.vcpu = k.vcpu, .memory_mb = k.high + 1}) == "memory_mb");
    }
    CHECK(message_of({.vcpu = 1, .memory_mb = 8192}) ==
          "offerings[1].memory_mb must be in [128, 4096] with 1 vCPU (Google's table: 1 vCPU up to 4 GiB, 2 up to "
          "8 GiB, 4 from 2 to 16 GiB, 6 from 4 to 24 GiB, 8 from 4 to 32 GiB), got 8192");
}

TEST_CASE("CloudRunServiceConfig: min_instances is at most max_instances") {
    CHECK(field_of({.min_instances = 3, .max_instances = 3}) == "(valid)");
    CHECK(field_of({.min_instances = 4, .max_instances = 3}) == "min_instances");
    CHECK(message_of({.min_instances = 4, .max_instances = 3}) ==
          "offerings[1].min_instances must be at most max_instances (3), got 4");
}

TEST_CASE("Cloud Run service: a region without prices is PriceNotFound on region") {
    try {
        (void)CostModel::build({}, Offering{"", CloudRunServiceConfig{.region = "europe-west3"}}, Catalog::builtin(),
                               "offerings[0].");
        FAIL("expected PriceNotFound");
    } catch (const PriceNotFound& e) {
        CHECK(e.field() == "offerings[0].region");
        CHECK(std::string(e.what()).find("us-central1") != std::string::npos);  // lists the service's regions
    }
}

TEST_CASE("Cloud Run service: a scenario reads every field, names bad ones and writes them back") {
    const Scenario s = parse_scenario(
        R"({"workload":{"requests_per_second":100,"duration_ms":200},"offerings":[{"kind":"cloud_run_service",)"
        R"("region":"asia-northeast1","vcpu":2,"memory_mb":2048,"concurrency":8,"min_instances":1,)"
        R"("max_instances":10,"target_utilization":0.7,"free_tier":false}]})",
        ScenarioShape::many_offerings);
    REQUIRE(s.offerings.size() == 1);
    const auto& c = std::get<CloudRunServiceConfig>(s.offerings[0].config);
    CHECK(c.region == "asia-northeast1");
    CHECK(c.vcpu == 2.0);
    CHECK(c.memory_mb == 2048);
    CHECK(c.concurrency == 8);
    CHECK(c.min_instances == 1);
    CHECK(c.max_instances == 10);
    CHECK(c.target_utilization == 0.7);
    CHECK_FALSE(c.free_tier);
    CHECK(s.offerings[0].effective_id() == "cloud_run_service-asia-northeast1-2vcpu-2048mb");

    try {
        (void)parse_scenario(
            R"({"workload":{"requests_per_month":1,"duration_ms":100},"offerings":[{"kind":"cloud_run_service","vcpu":3}]})",
            ScenarioShape::many_offerings);
        FAIL("expected InvalidInput");
    } catch (const InvalidInput& e) {
        CHECK(e.field() == "offerings[0].vcpu");
    }
}
