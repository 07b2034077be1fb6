// Every rule of VmFleetConfig (and of the fleet builder) names the field at fault.
#include <costsim/costsim.hpp>
#include <doctest/doctest.h>

#include "../support.hpp"

using namespace costsim;

namespace {
std::string field_of(VmFleetConfig c, const std::string& prefix = "") {
    return test::invalid_field({"", std::move(c)}, prefix);
}
VmFleetConfig base() { return {.provider = "aws", .instance = "t3.micro"}; }
template <class F>
VmFleetConfig with(F f) {
    VmFleetConfig c = base();
    f(c);
    return c;
}
}  // namespace

TEST_CASE("VmFleetConfig: each rule names its field") {
    CHECK(field_of(base()) == "(valid)");
    CHECK(field_of(with([](auto& c) { c.provider = "ibm"; })) == "provider");
    CHECK(field_of(with([](auto& c) { c.region = "us east"; })) == "region");
    CHECK(field_of(with([](auto& c) { c.region = std::string(65, 'a'); })) == "region");
    CHECK(field_of(with([](auto& c) { c.instance = ""; })) == "instance");
    CHECK(field_of(with([](auto& c) { c.instance = std::string(65, 'a'); })) == "instance");
    CHECK(field_of(with([](auto& c) { c.count = 0; })) == "count");
    CHECK(field_of(with([](auto& c) { c.count = 10001; })) == "count");
    CHECK(field_of(with([](auto& c) { c.count = 10000; })) == "(valid)");
    CHECK(field_of(with([](auto& c) { c.capacity_rps = 0.0; })) == "capacity_rps");
    CHECK(field_of(with([](auto& c) { c.capacity_rps = 1e7 + 1; })) == "capacity_rps");
    // a fixed count with a capacity: checked against it (vm_capacity_limit.cpp), not an error
    CHECK(field_of(with([](auto& c) {
              c.count = 2;
              c.capacity_rps = 10.0;
          })) == "(valid)");
    CHECK(field_of(with([](auto& c) { c.target_utilization = 0.0; })) == "target_utilization");
    CHECK(field_of(with([](auto& c) { c.target_utilization = 1.01; })) == "target_utilization");
    CHECK(field_of(with([](auto& c) { c.target_utilization = 1.0; })) == "(valid)");
    CHECK(field_of(with([](auto& c) { c.min_instances = 0; })) == "min_instances");
    CHECK(field_of(with([](auto& c) { c.min_instances = 10001; })) == "min_instances");
    CHECK(field_of(with([](auto& c) { c.hours_per_month = 0.0; })) == "hours_per_month");
    CHECK(field_of(with([](auto& c) { c.hours_per_month = 0.0009; })) == "hours_per_month");
    CHECK(field_of(with([](auto& c) { c.hours_per_month = 0.001; })) == "(valid)");
    CHECK(field_of(with([](auto& c) { c.hours_per_month = 730.5; })) == "hours_per_month");
    CHECK(field_of(with([](auto& c) { c.storage_gb = -1.0; })) == "storage_gb");
    CHECK(field_of(with([](auto& c) { c.storage_gb = 65537.0; })) == "storage_gb");
    CHECK(field_of(with([](auto& c) {
              c.provider = "gcp";
              c.instance = "e2-micro";
              c.load_balancer = true;
          })) == "load_balancer");
    CHECK(field_of(with([](auto& c) {
              c.provider = "azure";
              c.instance = "B1s";
              c.purchase = PurchaseOption::spot;
          })) == "purchase");
    // the prefix names the offering
    CHECK(field_of(with([](auto& c) { c.count = 0; }), "offerings[1].") == "offerings[1].count");
}

TEST_CASE("VM builder: unknown type names the closest types, unknown region, storage off AWS") {
    const Catalog& cat = Catalog::builtin();
    try {
        (void)CostModel::build({}, Offering{"", VmFleetConfig{.provider = "aws", .instance = "t3.mikro"}}, cat);
        FAIL("expected PriceNotFound");
    } catch (const PriceNotFound& e) {
        CHECK(e.field() == "instance");
        CHECK(std::string(e.what()).find("t3.micro") != std::string::npos);
        CHECK(std::string(e.what()).find("aws.ec2") == std::string::npos);  // names, not ids
    }
    try {
        (void)CostModel::build(
            {}, Offering{"", VmFleetConfig{.provider = "aws", .region = "eu-west-9", .instance = "t3.micro"}}, cat);
        FAIL("expected PriceNotFound");
    } catch (const PriceNotFound& e) {
        CHECK(e.field() == "region");
    }
    try {
        (void)CostModel::build(
            {}, Offering{"", VmFleetConfig{.provider = "gcp", .instance = "e2-micro", .storage_gb = 10}}, cat);
        FAIL("expected InvalidInput");
    } catch (const InvalidInput& e) {
        CHECK(e.field() == "storage_gb");
    }
    // the workload is validated first
    CHECK_THROWS_AS((void)CostModel::build({.requests_per_month = -1}, Offering{"", base()}, cat), InvalidInput);
}
