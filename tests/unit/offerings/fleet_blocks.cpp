// The fleet building blocks (lib/offerings/fleet/) called with plain values, as the kinds after
// VM fleets (Fargate, Lambda Managed Instances) call them. Built-in catalog prices, us-east-1:
// m7g.large $0.0816/h, t3.micro $0.0104/h, spot flat discount 0.65, ALB $0.0225/h and $0.008 per
// LCU-hour, public IPv4 $0.005 per address-hour, EBS gp3 $0.08 per GB-month.
#include <costsim/costsim.hpp>
#include <doctest/doctest.h>

#include "offerings/fleet/fleet_blocks.hpp"

#include <string>

using namespace costsim;
namespace fleet = costsim::detail::fleet;

namespace {

const Catalog& builtin() { return Catalog::builtin(); }

/// An empty model priced in the instance's currency, as a builder starts one.
CostModel::Data model_for(const PriceEntry& instance) {
    CostModel::Data d = detail::empty_data();
    d.currency = instance.currency;
    return d;
}

/// The field an error names, or "(no error)".
template <class F>
std::string error_field(F&& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.field();
    }
    return "(no error)";
}

double total_cost(const CostModel::Data& d, double requests_per_month) {
    double sum = 0;
    for (const Component& c : d.components) sum += c.cost(requests_per_month);
    return sum;
}

}  // namespace

TEST_CASE("instance look-up: case-insensitive, errors name the closest type or region") {
    const PriceEntry& m7g = fleet::find_instance(builtin(), "aws", "us-east-1", "M7G.Large");
    CHECK(m7g.id == "aws.ec2.us-east-1.m7g.large");
    CHECK(fleet::vcpus_of(m7g) == 2.0);
    CHECK(fleet::find_instance(builtin(), "azure", "eastus", "Standard_B1s").id == "azure.vm.eastus.b1s");
    CHECK(error_field([] { fleet::find_instance(builtin(), "aws", "us-east-1", "m7g.larg"); }) == "instance");
    CHECK(error_field([] { fleet::find_instance(builtin(), "aws", "us-east-9", "m7g.large"); }) == "region");
    try {
        fleet::find_instance(builtin(), "aws", "us-east-1", "m7g.larg");
    } catch (const PriceNotFound& e) {
        CHECK(std::string(e.what()).find("closest: m7g.large") != std::string::npos);
    }
}

TEST_CASE("sizing: instances per request from capacity, utilisation, hours and peak") {
    // 2 vCPUs x 1,000 / 40 ms = 50 requests/s per instance.
    detail::TextArena text;
    const fleet::InstanceCapacity capacity = fleet::instance_capacity(text, std::nullopt, 2.0, 40.0);
    CHECK(capacity.rps == 50.0);
    CHECK_FALSE(capacity.given);
    // peak_to_mean 2, utilisation 0.5, 730 h: k = 2 / (730 x 3,600 x 50 x 0.5) = 2 / 65,700,000.
    const fleet::SizingRule rule{
        .min_instances = 1, .target_utilization = 0.5, .hours_per_month = 730.0, .peak_to_mean = 2.0};
    const fleet::SizedFleet sized = fleet::size_fleet(capacity, rule);
    CHECK(sized.instances_per_request == doctest::Approx(2.0 / 65'700'000.0).epsilon(1e-12));
    CHECK(sized.instances.hours == 730.0);
    CHECK(sized.run_seconds == 2'628'000.0);
    CHECK_FALSE(sized.fixed_count);
    // 197,100,000 requests: ceil(197,100,000 x 2 / 65,700,000) = 6 instances x 730 h = 4,380.
    const Component c = fleet::fleet_component("instances", "instance-hour", sized.instances, {});
    CHECK(c.quantity(197'100'000.0) == doctest::Approx(4'380.0));

    // A fixed count is the floor, not sized; a monthly plan bills one month per instance.
    fleet::SizingRule fixed = rule;
    fixed.count = 3;
    fixed.billed_per_month = true;
    const fleet::SizedFleet three = fleet::size_fleet(capacity, fixed);
    CHECK(three.min_instances == 3.0);
    CHECK(three.instances_per_request == 0.0);
    CHECK(three.instances.hours == 1.0);
    CHECK(three.fixed_count);

    // 1e-9 requests/s for 0.001 h carries far less than 0.01 requests a month: refused by name.
    detail::TextArena unused;
    const fleet::InstanceCapacity tiny = fleet::instance_capacity(unused, 1e-9, 2.0, 0.0);
    fleet::SizingRule short_run = rule;
    short_run.hours_per_month = 0.001;
    CHECK(error_field([&] { fleet::size_fleet(tiny, short_run); }) == "capacity_rps");
}

TEST_CASE("purchase: on-demand, and spot as the flat fallback, flagged") {
    const PriceEntry& t3 = fleet::find_instance(builtin(), "aws", "us-east-1", "t3.micro");
    CostModel::Data d = model_for(t3);
    const fleet::PurchasePrice on_demand =
        fleet::price_purchase(d, builtin(), t3, PurchaseOption::on_demand, ReservedPayment::no_upfront, "us-east-1");
    CHECK(on_demand.unit_price == 0.0104);
    CHECK(on_demand.label == "on-demand");
    CHECK(on_demand.approximation.empty());
    // $0.0104 x (1 - 0.65) = $0.00364 an hour.
    const fleet::PurchasePrice spot =
        fleet::price_purchase(d, builtin(), t3, PurchaseOption::spot, ReservedPayment::no_upfront, "us-east-1");
    CHECK(spot.unit_price == doctest::Approx(0.00364).epsilon(1e-12));
    CHECK(spot.on_demand == 0.0104);
    REQUIRE(spot.discount_entry != nullptr);
    CHECK(spot.discount_entry->id == "aws.ec2.global.purchase.spot");
    CHECK_FALSE(spot.approximation.empty());
    // The fallback stands for no_upfront only.
    CHECK(error_field([&] {
              fleet::price_purchase(d, builtin(), t3, PurchaseOption::one_year, ReservedPayment::all_upfront,
                                    "us-east-1");
          }) == "payment");
}

TEST_CASE("the blocks compose into issue 14's Lambda Managed Instances check") {
    // 3 x m7g.large on demand all month, a 15 % fee on the On-Demand price, 1 M requests at $0.20
    // per million: 3 x $0.0816 x 730 = $178.704; fee 0.15 x $178.704 = $26.8056; + $0.20 = $205.7096.
    const PriceEntry& m7g = fleet::find_instance(builtin(), "aws", "us-east-1", "m7g.large");
    CostModel::Data d = model_for(m7g);
    const fleet::PurchasePrice price =
        fleet::price_purchase(d, builtin(), m7g, PurchaseOption::on_demand, ReservedPayment::no_upfront, "us-east-1");
    const fleet::InstanceCapacity unknown = fleet::instance_capacity(d.text, std::nullopt, fleet::vcpus_of(m7g), 0.0);
    const fleet::SizedFleet sized = fleet::size_fleet(unknown, {.count = 3});
    d.components.push_back(fleet::fleet_component("instances", "instance-hour", sized.instances,
                                                  fleet::purchase_bands(d.text, "instances", m7g, price)));
    d.components.push_back(fleet::fleet_component("fee", "instance-hour", sized.instances,
                                                  detail::make_bands(d.text, "fee", m7g, nullptr, 0.15)));
    CHECK(d.components[0].cost(1e6) == doctest::Approx(178.704).epsilon(1e-12));
    CHECK(d.components[1].cost(1e6) == doctest::Approx(26.8056).epsilon(1e-12));
    CHECK(total_cost(d, 1e6) + 0.20 == doctest::Approx(205.7096).epsilon(1e-12));
}

TEST_CASE("load balancer, storage and public IPv4 on a fleet of two") {
    const PriceEntry& t3 = fleet::find_instance(builtin(), "aws", "us-east-1", "t3.micro");
    const FleetSegment two{730.0, 2.0, 0.0};
    Workload w;  // 1 KiB in, 0 out, 1 new connection a request

    // ALB: 730 h x $0.0225 = $16.425; 2 AZs x 730 h x $0.005 = $7.30; LCU-hours = R x max(1 / 90,000,
    // 1 x 1,024 / 2^30): connections bind, 9,000,000 requests = 100 LCU-hours x $0.008 = $0.80.
    CostModel::Data alb = model_for(t3);
    fleet::add_application_load_balancer(alb, builtin(), w, "us-east-1", 2, 730.0);
    REQUIRE(alb.components.size() == 3);
    CHECK(alb.components[0].cost(9e6) == doctest::Approx(16.425).epsilon(1e-12));
    CHECK(alb.components[1].cost(9e6) == doctest::Approx(0.80).epsilon(1e-12));
    CHECK(alb.components[2].cost(9e6) == doctest::Approx(7.30).epsilon(1e-12));

    // gp3: 20 GB x 2 instances x 730 h / 730 = 40 GB-months x $0.08 = $3.20.
    CostModel::Data storage = model_for(t3);
    fleet::add_ebs_gp3_storage(storage, builtin(), "us-east-1", fleet::InstanceHours::one_segment(two), 20.0);
    CHECK(total_cost(storage, 0) == doctest::Approx(3.20).epsilon(1e-12));
    CHECK(error_field([] { fleet::require_block_storage_prices("gcp", 20.0); }) == "storage_gb");

    // One address per instance: 2 x 730 h x $0.005 = $7.30.
    CostModel::Data ipv4 = model_for(t3);
    fleet::add_public_ipv4_per_instance(ipv4, builtin(), "aws", fleet::InstanceHours::one_segment(two));
    CHECK(total_cost(ipv4, 0) == doctest::Approx(7.30).epsilon(1e-12));
}

TEST_CASE("provider quirks: Sakura monthly plans, OCI Always Free") {
    CHECK(fleet::is_monthly_plan(fleet::find_instance(builtin(), "sakura", "is1a", "1core-1GB")));
    CHECK_FALSE(fleet::is_monthly_plan(fleet::find_instance(builtin(), "aws", "us-east-1", "t3.micro")));
    const PriceEntry& micro = fleet::find_instance(builtin(), "oci", "us-ashburn-1", "VM.Standard.E2.1.Micro");
    CHECK(fleet::is_oci_always_free_micro(micro));
    CHECK(fleet::oci_a1_free_ocpu_hours(builtin(), micro, true) == nullptr);
    CHECK(error_field([] { fleet::check_oci_always_free_micro("VM.Standard.E2.1.Micro", true, 3, 1, false); }) ==
          "count");
    CHECK(error_field([] { fleet::check_oci_always_free_micro("VM.Standard.E2.1.Micro", false, 1, 1, false); }) ==
          "free_tier");
    CHECK(error_field([] { fleet::check_oci_always_free_micro("VM.Standard.E2.1.Micro", true, 2, 1, false); }) ==
          "(no error)");
}
