// The VM fleet kind (any provider): its fields and the rules across them, declared once.
// The cost model: vm_fleet.cpp. Formulas: Design/pricing-model.md#vm-fleets.
#include "offerings/field_binding.hpp"
#include "offerings/fleet/scaling_fields.hpp"

#include <costsim/error.hpp>

#include <map>

namespace costsim {
namespace detail {
CostModel::Data build_vm_fleet(const Workload& w, const VmFleetConfig& c, const Catalog& catalog);  // vm_fleet.cpp
}  // namespace detail

namespace {

using C = VmFleetConfig;

CostModel::Data build(const Workload& w, const OfferingConfig& c, const Catalog& catalog) {
    return detail::build_vm_fleet(w, std::get<C>(c), catalog);
}

using detail::bind;
using detail::reported_as;

bool reserved(PurchaseOption p) { return p == PurchaseOption::one_year || p == PurchaseOption::three_year; }

FieldValue reported_region(const OfferingConfig& c) { return std::get<C>(c).effective_region(); }
// Only with a reservation, so reports without one stay as they were.
FieldValue reported_payment(const OfferingConfig& c) {
    const auto& v = std::get<C>(c);
    return reserved(v.purchase) ? FieldValue{std::string(spelling(v.payment))} : FieldValue{};
}
FieldValue reported_azs(const OfferingConfig& c) {
    const auto& v = std::get<C>(c);
    return v.load_balancer ? FieldValue{static_cast<long long>(v.load_balancer_azs)} : FieldValue{};
}
FieldValue reported_public_ipv4(const OfferingConfig& c) { return std::get<C>(c).instances_have_public_ipv4(); }

constexpr FieldInfo kFields[] = {
    bind<C, &C::provider>({.name = "provider",
                           .type = FieldType::choice,
                           .help = "cloud provider of the fleet",
                           .options = kProviders,
                           .compare = CompareFlag::shared}),
    reported_as(
        bind<C, &C::region>(
            {.name = "region",
             .type = FieldType::text,
             .help = "region",
             .text_rule = TextRule::region,
             .optional = true,
             .unset =
                 "the provider's: us-east-1, us-central1, eastus, us-ashburn-1, is1a (in compare, --region for aws)",
             .compare = CompareFlag::prefixed}),
        reported_region),
    bind<C, &C::instance>({.name = "instance",
                           .type = FieldType::text,
                           .help = "instance type as in the catalog (t3.micro, e2-micro, ...)",
                           .text_rule = TextRule::name,
                           .required = true}),
    bind<C, &C::count>({.name = "count",
                        .type = FieldType::integer,
                        .help = "fixed number of instances",
                        .min = OfferingLimits::fleet_instances.min,
                        .max = OfferingLimits::fleet_instances.max,
                        .optional = true,
                        .unset = "sized from traffic and capacity_rps",
                        .compare = CompareFlag::shared}),
    bind<C, &C::capacity_rps>({.name = "capacity_rps",
                               .type = FieldType::number,
                               .help = "requests/s one instance serves at 100 % (sizes the fleet)",
                               .unit = "requests/s",
                               .min = OfferingLimits::fleet_capacity_rps.min,
                               .max = OfferingLimits::fleet_capacity_rps.max,
                               .min_exclusive = true,
                               .optional = true,
                               .unset = "not known: the fleet is min_instances, or count",
                               .compare = CompareFlag::shared}),
    bind<C, &C::target_utilization>({.name = "target_utilization",
                                     .type = FieldType::number,
                                     .help = "utilisation to size for",
                                     .min = OfferingLimits::fleet_target_utilization.min,
                                     .max = OfferingLimits::fleet_target_utilization.max,
                                     .min_exclusive = true,
                                     .compare = CompareFlag::shared}),
    bind<C, &C::min_instances>({.name = "min_instances",
                                .type = FieldType::integer,
                                .help = "smallest fleet when sizing",
                                .min = OfferingLimits::fleet_instances.min,
                                .max = OfferingLimits::fleet_instances.max,
                                .compare = CompareFlag::shared}),
    bind<C, &C::hours_per_month>({.name = "hours_per_month",
                                  .type = FieldType::number,
                                  .help = "hours the fleet runs",
                                  .unit = "h",
                                  .min = OfferingLimits::fleet_hours_per_month.min,
                                  .max = OfferingLimits::fleet_hours_per_month.max,
                                  .compare = CompareFlag::shared}),
    bind<C, &C::purchase>({.name = "purchase",
                           .type = FieldType::choice,
                           .help = "purchase option, AWS only",
                           .options = kSpellings<PurchaseOption>,
                           .compare = CompareFlag::shared}),
    reported_as(bind<C, &C::payment>({.name = "payment",
                                      .type = FieldType::choice,
                                      .help = "how a 1yr/3yr reservation is paid",
                                      .options = kSpellings<ReservedPayment>,
                                      .compare = CompareFlag::shared}),
                reported_payment),
    bind<C, &C::load_balancer>({.name = "load_balancer",
                                .type = FieldType::boolean,
                                .help = "an Application Load Balancer in front (AWS)",
                                .compare = CompareFlag::shared}),
    reported_as(bind<C, &C::load_balancer_azs>({.name = "load_balancer_azs",
                                                .type = FieldType::integer,
                                                .help = "availability zones of the load balancer, one public IPv4 each",
                                                .min = OfferingLimits::load_balancer_azs.min,
                                                .max = OfferingLimits::load_balancer_azs.max,
                                                .compare = CompareFlag::shared}),
                reported_azs),
    reported_as(bind<C, &C::public_ipv4>({.name = "public_ipv4",
                                          .type = FieldType::boolean,
                                          .help = "a public IPv4 address on every instance",
                                          .optional = true,
                                          .unset = "yes without a load balancer, no behind one",
                                          .compare = CompareFlag::shared}),
                reported_public_ipv4),
    bind<C, &C::storage_gb>({.name = "storage_gb",
                             .type = FieldType::number,
                             .help = "block storage per instance, a month (AWS gp3)",
                             .unit = "GB",
                             .min = OfferingLimits::fleet_storage_gb.min,
                             .max = OfferingLimits::fleet_storage_gb.max,
                             .compare = CompareFlag::shared}),
    bind<C, &C::free_tier>({.name = "free_tier",
                            .type = FieldType::boolean,
                            .help = "free allowances: data transfer out, OCI Always Free A1",
                            .compare = CompareFlag::shared,
                            .flag_help = "price without the free data-transfer allowance"}),
    detail::scaling_field<C>(0),
    detail::scaling_field<C>(1),
    detail::scaling_field<C>(2),
    detail::scaling_field<C>(3),
    detail::scaling_field<C>(4),
};

void check(const OfferingConfig& config, const std::string& p) {
    const auto& c = std::get<C>(config);
    detail::check_scaling_fields(c.scaling, c.min_instances, "min_instances", c.count.has_value(), p);
    if (c.load_balancer && c.provider != "aws")
        throw InvalidInput(p + "load_balancer", "used only with provider aws (the catalog has AWS ALB prices only)",
                           "true");
    if (c.purchase != PurchaseOption::on_demand && c.provider != "aws")
        throw InvalidInput(p + "purchase", "on-demand for provider " + c.provider + " (purchase options are AWS only)",
                           std::string("\"") + to_string(c.purchase) + "\"");
    if (c.payment != ReservedPayment::no_upfront && !reserved(c.purchase))
        throw InvalidInput(p + "payment",
                           std::string("no_upfront with purchase ") + to_string(c.purchase) +
                               " (an upfront payment goes with a 1yr or 3yr reservation)",
                           std::string("\"") + to_string(c.payment) + "\"");
}

std::string label_of(const OfferingConfig& config, bool) {
    const auto& c = std::get<C>(config);
    static const std::map<std::string, std::string> providers = {
        {"gcp", "GCP "}, {"azure", "Azure "}, {"oci", "OCI "}, {"sakura", "Sakura "}};
    const auto provider = providers.find(c.provider);
    const std::string name = (provider == providers.end() ? "" : provider->second) + c.instance;
    return c.count ? name + " x" + std::to_string(*c.count) : name + " fleet";
}

std::string id_of(const OfferingConfig& config) {
    const auto& c = std::get<C>(config);
    return "vm-" + c.provider + "-" + c.effective_region() + "-" + c.instance;
}

constexpr KindInfo kKind{
    .name = "vm",
    .label = "VM fleet",
    .provider = "",
    .billing = Billing::per_capacity,
    .help =
        "A fleet of identical virtual machines (AWS EC2, GCP, Azure, OCI, Sakura), sized from peak traffic or "
        "fixed, with optional load balancer, public IPv4 and block storage",
    .flag_prefix = "vm",
    .fields = kFields,
    .label_of = label_of,
    .id_of = id_of,
    .build = build,
    .check = check,
};

}  // namespace

const KindInfo& kind_descriptor(std::type_identity<VmFleetConfig>) noexcept { return kKind; }

std::string_view default_region(std::string_view provider) noexcept {
    if (provider == "gcp") return "us-central1";
    if (provider == "azure") return "eastus";
    if (provider == "oci") return "us-ashburn-1";
    if (provider == "sakura") return "is1a";
    return "us-east-1";
}

std::string VmFleetConfig::effective_region() const {
    return region.empty() ? std::string(default_region(provider)) : region;
}

void VmFleetConfig::validate(const std::string& prefix) const { validate_fields(OfferingConfig(*this), prefix); }

}  // namespace costsim
