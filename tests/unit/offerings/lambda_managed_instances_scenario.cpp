// Lambda Managed Instances in scenario JSON: the descriptor-driven reader sets every field, the
// writer echoes them in descriptor order (an unset ratio left out, the effective concurrency
// shown), and the reader's errors name the field.
#include <costsim/costsim.hpp>
#include <costsim/json.hpp>
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <string>

using namespace costsim;

TEST_CASE("LMI scenario: every field is read into the configuration") {
    const Scenario s = parse_scenario(
        R"({"workload":{"requests_per_month":1000000,"duration_ms":100},
            "offerings":[{"kind":"lambda_managed_instances","region":"ap-northeast-1","instance":"c7g.xlarge",
                          "runtime":"java","concurrency_per_vcpu":12.5,"memory_gib_per_vcpu":2,
                          "target_utilization":0.7,"min_instances":5,"hours_per_month":500,
                          "purchase":"1yr","payment":"partial_upfront","free_tier":false}]})",
        ScenarioShape::many_offerings);
    REQUIRE(s.offerings.size() == 1);
    const auto* c = std::get_if<LambdaManagedInstancesConfig>(&s.offerings[0].config);
    REQUIRE(c != nullptr);
    CHECK(c->region == "ap-northeast-1");
    CHECK(c->instance == "c7g.xlarge");
    CHECK(c->runtime == LambdaRuntime::java);
    CHECK(c->concurrency_per_vcpu == 12.5);
    CHECK(c->memory_gib_per_vcpu == 2);
    CHECK(c->target_utilization == 0.7);
    CHECK(c->min_instances == 5);
    CHECK(c->hours_per_month == 500);
    CHECK(c->purchase == PurchaseOption::one_year);
    CHECK(c->payment == ReservedPayment::partial_upfront);
    CHECK(!c->free_tier);
}

TEST_CASE("LMI scenario: the writer echoes the defaults, the runtime's concurrency, no unset ratio") {
    Scenario s;
    s.offerings = {{"", LambdaManagedInstancesConfig{.runtime = LambdaRuntime::python}}};
    const auto j = nlohmann::json::parse(to_json(s));
    const auto& o = j["offerings"][0];
    CHECK(o["kind"] == "lambda_managed_instances");
    CHECK(o["region"] == "us-east-1");
    CHECK(o["instance"] == "m7g.large");
    CHECK(o["runtime"] == "python");
    CHECK(o["concurrency_per_vcpu"] == 16.0);   // python's default, as used
    CHECK(!o.contains("memory_gib_per_vcpu"));  // unset: the instance's ratio
    CHECK(!o.contains("payment"));              // only with a reservation
    CHECK(o["min_instances"] == 3);
    CHECK(o["purchase"] == "on-demand");
    // and it reads back to the same configuration
    const Scenario back = parse_scenario(j.dump(), ScenarioShape::many_offerings);
    const auto& c = std::get<LambdaManagedInstancesConfig>(back.offerings[0].config);
    CHECK(c.runtime == LambdaRuntime::python);
    CHECK(c.effective_concurrency_per_vcpu() == 16.0);
}

TEST_CASE("LMI scenario: a bad choice names the field") {
    try {
        (void)parse_scenario(R"({"workload":{"requests_per_month":1,"duration_ms":1},
                                 "offering":{"kind":"lambda_managed_instances","runtime":"ruby"}})",
                             ScenarioShape::one_offering);
        FAIL("expected InvalidInput");
    } catch (const InvalidInput& e) {
        CHECK(e.field() == "offering.runtime");
        CHECK(std::string(e.what()).find("nodejs, python, java, dotnet") != std::string::npos);
    }
}
