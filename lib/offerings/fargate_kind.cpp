// The AWS Fargate kind (ECS tasks, Linux): its fields, the task sizes Fargate allows and the rules
// across fields, declared once. The cost model: fargate.cpp. Formulas: Design/pricing-model.md#aws-fargate.
#include "offerings/field_binding.hpp"
#include "offerings/fleet/scaling_fields.hpp"

#include "core/validation.hpp"  // format_number

#include <costsim/error.hpp>

#include <array>
#include <cmath>

namespace costsim {
namespace detail {
CostModel::Data build_fargate(const Workload& w, const FargateConfig& c, const Catalog& catalog);  // fargate.cpp
}  // namespace detail

namespace {

using C = FargateConfig;

CostModel::Data build(const Workload& w, const OfferingConfig& c, const Catalog& catalog) {
    return detail::build_fargate(w, std::get<C>(c), catalog);
}

using detail::bind;
using detail::format_number;
using detail::reported_as;

/// The memory sizes Fargate allows with one task vCPU size: `from` to `to` GB in `step` GB steps
/// (0.25 vCPU lists 0.5, 1 and 2 GB, which are no steps). Source: the supported task CPU and
/// memory values for Linux tasks, https://docs.aws.amazon.com/AmazonECS/latest/userguide/
/// task-cpu-memory-error.html and the ECS API's TaskDefinition.memory (8 and 16 vCPU need Linux
/// platform 1.4.0 or later). Windows tasks (1 vCPU and more, no 8 or 16) are not modelled.
struct TaskSize {
    double vcpu;
    double from, to, step;
};
constexpr std::array<TaskSize, 7> kTaskSizes{{
    {0.25, 0.5, 2, 0},  // 0.5, 1, 2 GB
    {0.5, 1, 4, 1},
    {1, 2, 8, 1},
    {2, 4, 16, 1},
    {4, 8, 30, 1},
    {8, 16, 60, 4},
    {16, 32, 120, 8},
}};

/// Ephemeral storage: up to 200 GB a task (docs.aws.amazon.com/AmazonECS/latest/APIReference/
/// API_EphemeralStorage.html: 21-200 GiB when set, 20 GiB otherwise).
constexpr int kMaxStorageGb = 200;

const TaskSize* task_size(double vcpu) {
    for (const TaskSize& s : kTaskSizes)
        if (s.vcpu == vcpu) return &s;
    return nullptr;
}

bool memory_allowed(const TaskSize& s, double gb) {
    if (s.step == 0) return gb == 0.5 || gb == 1 || gb == 2;
    if (gb < s.from || gb > s.to) return false;
    const double steps = (gb - s.from) / s.step;
    return steps == std::floor(steps);
}

/// "0.5, 1 or 2 GB"; "16 to 60 GB in steps of 4 GB (16, 20, 24, ..., 60)".
std::string allowed_memory(const TaskSize& s) {
    if (s.step == 0) return "0.5, 1 or 2 GB";
    std::string list;
    for (double gb = s.from; gb <= s.to; gb += s.step) list.append(list.empty() ? "" : ", ").append(format_number(gb));
    return format_number(s.from) + " to " + format_number(s.to) + " GB in steps of " + format_number(s.step) + " GB (" +
           list + ")";
}

FieldValue reported_azs(const OfferingConfig& c) {
    const auto& v = std::get<C>(c);
    return v.load_balancer ? FieldValue{static_cast<long long>(v.load_balancer_azs)} : FieldValue{};
}
FieldValue reported_public_ipv4(const OfferingConfig& c) { return std::get<C>(c).tasks_have_public_ipv4(); }

/// Fargate's purchase options: On-Demand and Fargate Spot (Savings Plans are not modelled).
constexpr std::string_view kPurchases[] = {spelling(PurchaseOption::on_demand), spelling(PurchaseOption::spot)};

constexpr FieldInfo kFields[] = {
    bind<C, &C::region>({.name = "region",
                         .type = FieldType::text,
                         .help = "AWS region",
                         .text_rule = TextRule::region,
                         .compare = CompareFlag::prefixed}),
    bind<C, &C::arch>({.name = "arch",
                       .type = FieldType::choice,
                       .help = "CPU architecture of the tasks",
                       .options = kSpellings<Architecture>,
                       .compare = CompareFlag::prefixed}),
    bind<C, &C::vcpu>({.name = "vcpu",
                       .type = FieldType::number,
                       .help = "task vCPU (0.25, 0.5, 1, 2, 4, 8 or 16)",
                       .unit = "vCPU",
                       .min = kTaskSizes.front().vcpu,
                       .max = kTaskSizes.back().vcpu,
                       .compare = CompareFlag::prefixed}),
    bind<C, &C::memory_gb>({.name = "memory_gb",
                            .type = FieldType::number,
                            .help = "task memory, a size Fargate allows for the vCPU (0.25 vCPU: 0.5, 1, 2 GB; "
                                    "0.5: 1-4; 1: 2-8; 2: 4-16; 4: 8-30 in 1 GB steps; 8: 16-60 in 4; 16: 32-120 in 8)",
                            .unit = "GB",
                            .min = kTaskSizes.front().from,
                            .max = kTaskSizes.back().to,
                            .compare = CompareFlag::prefixed}),
    bind<C, &C::ephemeral_storage_gb>({.name = "ephemeral_storage_gb",
                                       .type = FieldType::integer,
                                       .help = "ephemeral storage of each task (20 GB included)",
                                       .unit = "GB",
                                       .min = C::included_storage_gb,
                                       .max = kMaxStorageGb,
                                       .compare = CompareFlag::prefixed}),
    bind<C, &C::count>({.name = "count",
                        .type = FieldType::integer,
                        .help = "fixed number of tasks",
                        .min = OfferingLimits::fleet_instances.min,
                        .max = OfferingLimits::fleet_instances.max,
                        .optional = true,
                        .unset = "sized from traffic and capacity_rps",
                        .compare = CompareFlag::prefixed}),
    bind<C, &C::capacity_rps>({.name = "capacity_rps",
                               .type = FieldType::number,
                               .help = "requests/s one task serves at 100 % (sizes the service)",
                               .unit = "requests/s",
                               .min = OfferingLimits::fleet_capacity_rps.min,
                               .max = OfferingLimits::fleet_capacity_rps.max,
                               .min_exclusive = true,
                               .optional = true,
                               .unset = "not known: the service is min_tasks, or count",
                               .compare = CompareFlag::prefixed}),
    bind<C, &C::target_utilization>({.name = "target_utilization",
                                     .type = FieldType::number,
                                     .help = "utilisation to size for",
                                     .min = OfferingLimits::fleet_target_utilization.min,
                                     .max = OfferingLimits::fleet_target_utilization.max,
                                     .min_exclusive = true,
                                     .compare = CompareFlag::prefixed}),
    bind<C, &C::min_tasks>({.name = "min_tasks",
                            .type = FieldType::integer,
                            .help = "fewest tasks when sizing",
                            .min = OfferingLimits::fleet_instances.min,
                            .max = OfferingLimits::fleet_instances.max,
                            .compare = CompareFlag::prefixed}),
    bind<C, &C::hours_per_month>({.name = "hours_per_month",
                                  .type = FieldType::number,
                                  .help = "hours the tasks run a month",
                                  .unit = "h",
                                  .min = OfferingLimits::fleet_hours_per_month.min,
                                  .max = OfferingLimits::fleet_hours_per_month.max,
                                  .compare = CompareFlag::prefixed}),
    bind<C, &C::purchase>({.name = "purchase",
                           .type = FieldType::choice,
                           .help = "purchase option: on-demand or Fargate Spot (x86_64 only)",
                           .options = kPurchases,
                           .compare = CompareFlag::prefixed}),
    bind<C, &C::load_balancer>({.name = "load_balancer",
                                .type = FieldType::boolean,
                                .help = "an Application Load Balancer in front",
                                .compare = CompareFlag::prefixed}),
    reported_as(bind<C, &C::load_balancer_azs>({.name = "load_balancer_azs",
                                                .type = FieldType::integer,
                                                .help = "availability zones of the load balancer, one public IPv4 each",
                                                .min = OfferingLimits::load_balancer_azs.min,
                                                .max = OfferingLimits::load_balancer_azs.max,
                                                .compare = CompareFlag::prefixed}),
                reported_azs),
    reported_as(bind<C, &C::public_ipv4>({.name = "public_ipv4",
                                          .type = FieldType::boolean,
                                          .help = "a public IPv4 address on every task",
                                          .optional = true,
                                          .unset = "yes without a load balancer, no behind one",
                                          .compare = CompareFlag::prefixed}),
                reported_public_ipv4),
    bind<C, &C::free_tier>({.name = "free_tier",
                            .type = FieldType::boolean,
                            .help = "the free 100 GB a month of data transfer out",
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
    detail::check_scaling_fields(c.scaling, c.min_tasks, "min_tasks", c.count.has_value(), p);
    const TaskSize* size = task_size(c.vcpu);
    if (!size)
        throw InvalidInput(p + "vcpu", "one of 0.25, 0.5, 1, 2, 4, 8, 16 (Fargate task sizes)", format_number(c.vcpu));
    if (!memory_allowed(*size, c.memory_gb))
        throw InvalidInput(p + "memory_gb",
                           allowed_memory(*size) + " with vcpu " + format_number(c.vcpu) + " (Fargate task sizes)",
                           format_number(c.memory_gb));
    // https://docs.aws.amazon.com/AmazonECS/latest/userguide/fargate-capacity-providers.html:
    // "Fargate Spot only supports Linux tasks with the X86_64 architecture."
    if (c.purchase == PurchaseOption::spot && c.arch != Architecture::x86_64)
        throw InvalidInput(p + "purchase", "on-demand with arch arm64 (Fargate Spot runs x86_64 Linux tasks only)",
                           "\"spot\"");
}

std::string label_of(const OfferingConfig& config, bool) {
    const auto& c = std::get<C>(config);
    std::string label = "Fargate " + format_number(c.vcpu) + " vCPU " + format_number(c.memory_gb) + " GB";
    if (c.arch == Architecture::arm64) label += " arm64";
    if (c.purchase == PurchaseOption::spot) label += " spot";
    return c.count ? label + " x" + std::to_string(*c.count) : label;
}

std::string id_of(const OfferingConfig& config) {
    const auto& c = std::get<C>(config);
    return "fargate-" + c.region + "-" + to_string(c.arch) + "-" + format_number(c.vcpu) + "vcpu-" +
           format_number(c.memory_gb) + "gb";
}

constexpr KindInfo kKind{
    .name = "fargate",
    .label = "AWS Fargate",
    .provider = "aws",
    .billing = Billing::per_capacity,
    .help =
        "AWS Fargate tasks on Amazon ECS (Linux): vCPU-hours and GB-hours of each task, billed per second with a "
        "one-minute minimum, sized from peak traffic or fixed, with ephemeral storage above 20 GB, Fargate Spot, "
        "public IPv4 and an optional load balancer",
    .flag_prefix = "fargate",
    .fields = kFields,
    .label_of = label_of,
    .id_of = id_of,
    .build = build,
    .check = check,
};

}  // namespace

const KindInfo& kind_descriptor(std::type_identity<FargateConfig>) noexcept { return kKind; }

void FargateConfig::validate(const std::string& prefix) const { validate_fields(OfferingConfig(*this), prefix); }

}  // namespace costsim
