// Every rule of LambdaManagedInstancesConfig names its field: bounds from the descriptor, rules
// across fields (check), and the rules that need the catalog's instance (checked when the model is
// built): not burstable, 2, 4 or 8 GiB per vCPU, and memory_gib_per_vcpu the instance's.
#include <costsim/costsim.hpp>
#include <costsim/offering_kinds.hpp>
#include <doctest/doctest.h>

#include "../support.hpp"

#include <string>

using namespace costsim;

namespace {

using C = LambdaManagedInstancesConfig;

std::string field_of(C c, const std::string& prefix = "") { return test::invalid_field({"", std::move(c)}, prefix); }

/// The error building `c` raises: "<field>: <message>", or "(built)".
template <class E>
std::string build_error(const C& c, const Workload& w = {}, const std::string& path = "") {
    try {
        (void)CostModel::build(w, Offering{"", c}, Catalog::builtin(), path);
    } catch (const E& e) {
        return e.field() + ": " + e.what();
    }
    return "(built)";
}

bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("LambdaManagedInstancesConfig: each bound names its field") {
    CHECK(field_of({}) == "(valid)");
    CHECK(field_of({.region = ""}) == "region");
    CHECK(field_of({.region = "us east 1"}) == "region");
    CHECK(field_of({.instance = ""}) == "instance");
    CHECK(field_of({.concurrency_per_vcpu = 0.0625}) == "(valid)");
    CHECK(field_of({.concurrency_per_vcpu = 0.06}) == "concurrency_per_vcpu");
    CHECK(field_of({.concurrency_per_vcpu = 64}) == "(valid)");
    CHECK(field_of({.concurrency_per_vcpu = 64.5}) == "concurrency_per_vcpu");
    CHECK(field_of({.memory_gib_per_vcpu = 1}) == "memory_gib_per_vcpu");
    CHECK(field_of({.memory_gib_per_vcpu = 9}) == "memory_gib_per_vcpu");
    CHECK(field_of({.memory_gib_per_vcpu = 3}) == "memory_gib_per_vcpu");  // between the bounds, not 2, 4 or 8
    CHECK(field_of({.memory_gib_per_vcpu = 8}) == "(valid)");
    CHECK(field_of({.target_utilization = 0}) == "target_utilization");
    CHECK(field_of({.target_utilization = 1.01}) == "target_utilization");
    CHECK(field_of({.target_utilization = 1}) == "(valid)");
    CHECK(field_of({.min_instances = 2}) == "min_instances");  // Lambda keeps three (one per AZ)
    CHECK(field_of({.min_instances = 10001}) == "min_instances");
    CHECK(field_of({.hours_per_month = 0}) == "hours_per_month");
    CHECK(field_of({.hours_per_month = 731}) == "hours_per_month");
    CHECK(field_of({.min_instances = 1}, "offerings[3].") == "offerings[3].min_instances");
}

TEST_CASE("LMI: the messages give the rule and the value") {
    try {
        C{.min_instances = 2}.validate("offering.");
        FAIL("expected InvalidInput");
    } catch (const InvalidInput& e) {
        CHECK(std::string(e.what()) == "offering.min_instances must be an integer in [3, 10000], got 2");
    }
    try {
        C{.memory_gib_per_vcpu = 3}.validate();
        FAIL("expected InvalidInput");
    } catch (const InvalidInput& e) {
        CHECK(std::string(e.what()) == "memory_gib_per_vcpu must be one of 2, 4, 8 (GiB per vCPU), got 3");
    }
}

TEST_CASE("LMI: Spot is refused, it is not a purchase option of Lambda Managed Instances") {
    CHECK(field_of({.purchase = PurchaseOption::spot}) == "purchase");
    try {
        C{.purchase = PurchaseOption::spot}.validate();
        FAIL("expected InvalidInput");
    } catch (const InvalidInput& e) {
        CHECK(std::string(e.what()) == "purchase must be one of on-demand, 1yr, 3yr, got \"spot\"");
    }
    // the descriptor publishes the same three choices (API, OpenAPI, the page's form)
    const FieldInfo* purchase = find_kind("lambda_managed_instances")->field("purchase");
    REQUIRE(purchase != nullptr);
    CHECK(purchase->options.size() == 3);
}

TEST_CASE("LMI: an upfront payment goes with a reservation") {
    CHECK(field_of({.payment = ReservedPayment::partial_upfront}) == "payment");
    CHECK(field_of({.purchase = PurchaseOption::one_year, .payment = ReservedPayment::partial_upfront}) == "(valid)");
    // valid, but the catalog has no partial-upfront m7g.large rate (the flat fallback is no_upfront only)
    CHECK(contains(
        build_error<PriceNotFound>({.purchase = PurchaseOption::one_year, .payment = ReservedPayment::partial_upfront}),
        "payment: "));
}

TEST_CASE("LMI: burstable instance types are refused, named as instance") {
    const std::string e = build_error<InvalidInput>({.instance = "t3.large"}, {}, "offerings[1].");
    CHECK(e ==
          "offerings[1].instance: offerings[1].instance must be a C, M or R instance type, not a burstable one "
          "(Lambda Managed Instances does not run on t3/t4g types), got \"t3.large\"");
    CHECK(contains(build_error<InvalidInput>({.instance = "t4g.xlarge"}), "instance: "));
}

TEST_CASE("LMI: memory_gib_per_vcpu must be the instance family's ratio") {
    CHECK(build_error<InvalidInput>({.memory_gib_per_vcpu = 4}) == "(built)");  // m7g.large: 8 GiB / 2
    CHECK(build_error<InvalidInput>({.instance = "c6i.large", .memory_gib_per_vcpu = 2}) == "(built)");
    CHECK(build_error<InvalidInput>({.memory_gib_per_vcpu = 2}) ==
          "memory_gib_per_vcpu: memory_gib_per_vcpu must be 4, the ratio of m7g.large (8 GiB / 2 vCPUs; c 2, m 4, "
          "r 8): choose an instance of the family that has your ratio, got 2");
}

TEST_CASE("LMI: an instance type outside the 2, 4, 8 GiB per vCPU families is refused") {
    // a user's catalog type with 16 GiB per vCPU (an x2-like family)
    const Catalog user = Catalog::builtin().merged_with(Catalog::from_json(
        R"({"schema": "cost-sim-catalog/1", "version": "test", "as_of": "2026-11-30", "entries": [
          {"id": "aws.ec2.us-east-1.x9.large", "provider": "aws", "service": "ec2", "region": "us-east-1",
           "description": "a type of the user's", "unit": "hour", "currency": "USD", "price": 0.5,
           "instance": {"name": "x9.large", "vcpu": 2, "memory_gib": 32},
           "source": "test", "as_of": "2026-11-30", "confidence": "unverified"}]})"));
    try {
        (void)CostModel::build({}, Offering{"", C{.instance = "x9.large"}}, user);
        FAIL("expected InvalidInput");
    } catch (const InvalidInput& e) {
        CHECK(e.field() == "instance");
        CHECK(contains(e.what(), "x9.large has 32 GiB / 2 vCPUs = 16"));
    }
}

TEST_CASE("LMI: unknown regions and instance types are PriceNotFound with the choices") {
    const std::string region = build_error<PriceNotFound>({.region = "eu-west-1"});
    CHECK(contains(region, "region: "));
    CHECK(contains(
        region, "lambda_managed_instances has no prices in region \"eu-west-1\" (regions: ap-northeast-1, us-east-1"));
    const std::string instance = build_error<PriceNotFound>({.instance = "m7g.larg"});
    CHECK(contains(instance, "instance: "));
    CHECK(contains(instance, "closest: m7g.large"));
}

TEST_CASE("LMI: a fleet that would need more than 1e15 instances names concurrency_per_vcpu") {
    // 15-minute requests, 0.0625 per vCPU, running 0.001 h at 0.6: one m7g.large carries
    // 0.001 x 3,600 x 2 x 0.0625 / 900 x 0.6 = 0.0003 requests a month, below the 0.01 floor.
    // The least that works: 0.01 / (3.6 x 0.6) x 900 / 2 = 2.0833, three digits rounded up: 2.09.
    const C c{.concurrency_per_vcpu = 0.0625, .target_utilization = 0.6, .hours_per_month = 0.001};
    const std::string e = build_error<InvalidInput>(c, {.duration_ms = 900000}, "offering.");
    CHECK(e.rfind("offering.concurrency_per_vcpu: offering.concurrency_per_vcpu must be at least 2.09 here (", 0) == 0);
    CHECK(contains(e, "= 0.0003)"));
    CHECK(contains(e, "got 0.0625"));
    // no concurrency up to 64 works: a near-zero target_utilization is named. 730 h, 1,280 rps per
    // m7g.large, 1e-12: 2,628,000 x 1,280 x 1e-12 = 0.00336384 a month, 2.9728x short of 0.01;
    // 64 x 2.9728 = 190 > 64, so target_utilization >= 1e-12 x 2.9728 = 2.98e-12 (rounded up)
    const std::string u = build_error<InvalidInput>({.target_utilization = 1e-12});
    CHECK(u.rfind("target_utilization: target_utilization must be at least 2.98e-12 here (", 0) == 0);
    // nor any utilisation: 0.001 h x 3,600 x 2 x 0.0625 / 900 x 1 / 1,000 = 5e-7, 20,000x short:
    // hours_per_month >= 0.001 x 20,000 = 20
    const std::string h =
        build_error<InvalidInput>({.concurrency_per_vcpu = 0.0625, .target_utilization = 1, .hours_per_month = 0.001},
                                  {.duration_ms = 900000, .peak_to_mean = 1000});
    CHECK(h.rfind("hours_per_month: hours_per_month must be at least 20 here (", 0) == 0);
    // CPU-bound, the workload's cpu_ms_per_request is named (size_fleet's own message)
    const std::string cpu =
        build_error<InvalidInput>({.hours_per_month = 0.001}, {.duration_ms = 900000, .cpu_ms_per_request = 900000});
    CHECK(cpu.rfind("workload.cpu_ms_per_request: ", 0) == 0);
}

TEST_CASE("LMI: the descriptor: billed per capacity, the runtime choices, defaults") {
    const KindInfo* kind = find_kind("lambda_managed_instances");
    REQUIRE(kind != nullptr);
    CHECK(kind->billing == Billing::per_capacity);
    CHECK(kind->flag_prefix == "lambda-managed-instances");
    CHECK(kind->provider == "aws");
    const FieldInfo* runtime = kind->field("runtime");
    REQUIRE(runtime != nullptr);
    CHECK(runtime->options.size() == 4);
    const Offering o{"", C{}};
    CHECK(std::string(o.kind()) == "lambda_managed_instances");
    CHECK(o.effective_id() == "lambda_managed_instances-us-east-1-m7g.large");
    CHECK(o.default_label() == "Lambda Managed Instances m7g.large");
    CHECK(o.region() == "us-east-1");
    CHECK(o.provider() == "aws");
    CHECK(C{}.effective_concurrency_per_vcpu() == 64.0);
    CHECK(C{.runtime = LambdaRuntime::python}.effective_concurrency_per_vcpu() == 16.0);
}
