// The AWS Lambda Managed Instances kind: its fields and the rules across them, declared once.
// The cost model: lambda_managed_instances.cpp.
// Formulas: Design/pricing-model.md#aws-lambda-managed-instances.
#include "offerings/field_binding.hpp"
#include "offerings/fleet/scaling_fields.hpp"

#include <costsim/error.hpp>

namespace costsim {
namespace detail {
CostModel::Data build_lambda_managed_instances(const Workload& w, const LambdaManagedInstancesConfig& c,
                                               const Catalog& catalog);  // lambda_managed_instances.cpp
}  // namespace detail

namespace {

using C = LambdaManagedInstancesConfig;

CostModel::Data build(const Workload& w, const OfferingConfig& c, const Catalog& catalog) {
    return detail::build_lambda_managed_instances(w, std::get<C>(c), catalog);
}

using detail::bind;
using detail::reported_as;

bool reserved(PurchaseOption p) { return p == PurchaseOption::one_year || p == PurchaseOption::three_year; }

// Lambda Managed Instances has no Spot (its pricing page and docs name On-Demand, Savings Plans
// and Reserved Instances only), so the choice leaves it out.
constexpr std::string_view kPurchaseOptions[] = {
    spelling(PurchaseOption::on_demand), spelling(PurchaseOption::one_year), spelling(PurchaseOption::three_year)};

FieldValue reported_concurrency(const OfferingConfig& c) { return std::get<C>(c).effective_concurrency_per_vcpu(); }
// Only with a reservation, as for VM fleets.
FieldValue reported_payment(const OfferingConfig& c) {
    const auto& v = std::get<C>(c);
    return reserved(v.purchase) ? FieldValue{std::string(spelling(v.payment))} : FieldValue{};
}

// In compare, the region follows --region and the free tier --no-free-tier, as Lambda's do; the
// other flags are prefixed (--lambda-managed-instances-min-instances): the VM fleet's shared
// --min-instances, --purchase, ... have other defaults and bounds.
constexpr FieldInfo kFields[] = {
    bind<C, &C::region>({.name = "region",
                         .type = FieldType::text,
                         .help = "AWS region",
                         .text_rule = TextRule::region,
                         .compare = CompareFlag::shared}),
    bind<C, &C::instance>({.name = "instance",
                           .type = FieldType::text,
                           .help = "EC2 instance type of the capacity provider (C, M or R family, not burstable)",
                           .text_rule = TextRule::name,
                           .compare = CompareFlag::prefixed}),
    bind<C, &C::runtime>({.name = "runtime",
                          .type = FieldType::choice,
                          .help = "function runtime, for its default concurrency per vCPU (nodejs 64, java and "
                                  "dotnet 32, python 16)",
                          .options = kSpellings<LambdaRuntime>,
                          .compare = CompareFlag::prefixed}),
    // Lambda documents "up to 64 per vCPU"; the least is one request in the largest execution
    // environment (16 vCPUs), as PerExecutionEnvironmentMaxConcurrency is at least 1.
    reported_as(bind<C, &C::concurrency_per_vcpu>({.name = "concurrency_per_vcpu",
                                                   .type = FieldType::number,
                                                   .help = "requests one vCPU serves at once",
                                                   .unit = "requests",
                                                   .min = 0.0625,
                                                   .max = 64,
                                                   .optional = true,
                                                   .unset = "the runtime's",
                                                   .compare = CompareFlag::prefixed}),
                reported_concurrency),
    bind<C, &C::memory_gib_per_vcpu>({.name = "memory_gib_per_vcpu",
                                      .type = FieldType::integer,
                                      .help = "memory per vCPU of the execution environments, 2, 4 or 8: the "
                                              "instance family's (c 2, m 4, r 8)",
                                      .unit = "GiB",
                                      .min = 2,
                                      .max = 8,
                                      .optional = true,
                                      .unset = "the instance's ratio",
                                      .compare = CompareFlag::prefixed}),
    bind<C, &C::target_utilization>({.name = "target_utilization",
                                     .type = FieldType::number,
                                     .help = "utilisation to size for (Lambda's default headroom lets traffic double)",
                                     .min = 0,
                                     .max = 1,
                                     .min_exclusive = true,
                                     .compare = CompareFlag::prefixed}),
    // Lambda launches three instances for AZ resiliency and does not scale to zero.
    bind<C, &C::min_instances>({.name = "min_instances",
                                .type = FieldType::integer,
                                .help = "smallest fleet (at least 3, one per AZ)",
                                .min = 3,
                                .max = 10000,
                                .compare = CompareFlag::prefixed}),
    // At least 0.001 h, as for VM fleets (requests per second stay finite at the traffic bound).
    bind<C, &C::hours_per_month>({.name = "hours_per_month",
                                  .type = FieldType::number,
                                  .help = "hours the capacity provider runs",
                                  .unit = "h",
                                  .min = 0.001,
                                  .max = 730,
                                  .compare = CompareFlag::prefixed}),
    bind<C, &C::purchase>({.name = "purchase",
                           .type = FieldType::choice,
                           .help = "purchase option of the instances (no Spot)",
                           .options = kPurchaseOptions,
                           .compare = CompareFlag::prefixed}),
    reported_as(bind<C, &C::payment>({.name = "payment",
                                      .type = FieldType::choice,
                                      .help = "how a 1yr/3yr reservation is paid",
                                      .options = kSpellings<ReservedPayment>,
                                      .compare = CompareFlag::prefixed}),
                reported_payment),
    bind<C, &C::free_tier>({.name = "free_tier",
                            .type = FieldType::boolean,
                            .help = "the 100 GB a month of free data transfer out",
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
    if (c.memory_gib_per_vcpu && *c.memory_gib_per_vcpu != 2 && *c.memory_gib_per_vcpu != 4 &&
        *c.memory_gib_per_vcpu != 8)
        throw InvalidInput(p + "memory_gib_per_vcpu", "one of 2, 4, 8 (GiB per vCPU)",
                           std::to_string(*c.memory_gib_per_vcpu));
    if (c.payment != ReservedPayment::no_upfront && !reserved(c.purchase))
        throw InvalidInput(p + "payment",
                           std::string("no_upfront with purchase ") + to_string(c.purchase) +
                               " (an upfront payment goes with a 1yr or 3yr reservation)",
                           std::string("\"") + to_string(c.payment) + "\"");
    detail::check_scaling_fields(c.scaling, c.min_instances, "min_instances", false, p);
}

std::string label_of(const OfferingConfig& config, bool) {
    return "Lambda Managed Instances " + std::get<C>(config).instance;
}

std::string id_of(const OfferingConfig& config) {
    const auto& c = std::get<C>(config);
    return "lambda_managed_instances-" + c.region + "-" + c.instance;
}

constexpr KindInfo kKind{
    .name = "lambda_managed_instances",
    .label = "AWS Lambda Managed Instances",
    .provider = "aws",
    // Three instances run whatever the traffic: the bill is capacity plus a request charge.
    .billing = Billing::per_capacity,
    .help =
        "AWS Lambda functions on EC2 instances Lambda manages: requests, the instances under a purchase "
        "option and a management fee on their On-Demand price, sized from concurrency (at least 3)",
    .flag_prefix = "lambda-managed-instances",
    .fields = kFields,
    .label_of = label_of,
    .id_of = id_of,
    .build = build,
    .check = check,
};

}  // namespace

const KindInfo& kind_descriptor(std::type_identity<LambdaManagedInstancesConfig>) noexcept { return kKind; }

void LambdaManagedInstancesConfig::validate(const std::string& prefix) const {
    validate_fields(OfferingConfig(*this), prefix);
}

double lambda_managed_instances_default_concurrency(LambdaRuntime runtime) noexcept {
    switch (runtime) {
        case LambdaRuntime::nodejs: return 64.0;
        case LambdaRuntime::java:
        case LambdaRuntime::dotnet: return 32.0;
        case LambdaRuntime::python: return 16.0;
    }
    return 16.0;
}

double LambdaManagedInstancesConfig::effective_concurrency_per_vcpu() const noexcept {
    return concurrency_per_vcpu ? *concurrency_per_vcpu : lambda_managed_instances_default_concurrency(runtime);
}

}  // namespace costsim
