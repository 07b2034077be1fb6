// The AWS Lambda kind: its scenario fields, bounds and defaults, declared once.
// The cost model: lambda.cpp. Formulas: Design/pricing-model.md#aws-lambda.
#include "offerings/field_binding.hpp"

#include <costsim/error.hpp>

#include <string>

namespace costsim {
namespace detail {
CostModel::Data build_lambda(const Workload& w, const LambdaConfig& c, const Catalog& catalog);  // lambda.cpp
}  // namespace detail

namespace {

using C = LambdaConfig;

CostModel::Data build(const Workload& w, const OfferingConfig& c, const Catalog& catalog) {
    return detail::build_lambda(w, std::get<C>(c), catalog);
}

using detail::bind;

constexpr FieldInfo kFields[] = {
    bind<C, &C::region>({.name = "region",
                         .type = FieldType::text,
                         .help = "AWS region",
                         .text_rule = TextRule::region,
                         .compare = CompareFlag::shared}),
    bind<C, &C::arch>({.name = "arch",
                       .type = FieldType::choice,
                       .help = "architecture",
                       .options = kSpellings<Architecture>,
                       .compare = CompareFlag::shared}),
    bind<C, &C::memory_mb>({.name = "memory_mb",
                            .type = FieldType::integer,
                            .help = "function memory",
                            .unit = "MB",
                            .min = OfferingLimits::lambda_memory_mb.min,
                            .max = OfferingLimits::lambda_memory_mb.max,
                            .compare = CompareFlag::shared}),
    bind<C, &C::ephemeral_storage_mb>({.name = "ephemeral_storage_mb",
                                       .type = FieldType::integer,
                                       .help = "/tmp storage (512 MB included)",
                                       .unit = "MB",
                                       .min = OfferingLimits::lambda_ephemeral_storage_mb.min,
                                       .max = OfferingLimits::lambda_ephemeral_storage_mb.max,
                                       .compare = CompareFlag::shared}),
    bind<C, &C::free_tier>({.name = "free_tier",
                            .type = FieldType::boolean,
                            .help = "the monthly free tier (1M requests, 400,000 GB-s, 100 GB out)",
                            .compare = CompareFlag::shared,
                            .flag_help = "price without the monthly free tier"}),
    bind<C, &C::front_door>({.name = "front_door",
                             .type = FieldType::choice,
                             .help = "HTTP front door",
                             .options = kSpellings<FrontDoor>,
                             .compare = CompareFlag::shared}),
    bind<C, &C::provisioned_concurrency>({.name = "provisioned_concurrency",
                                          .type = FieldType::integer,
                                          .help = "environments kept warm all month",
                                          .min = OfferingLimits::lambda_provisioned_concurrency.min,
                                          .max = OfferingLimits::lambda_provisioned_concurrency.max,
                                          .compare = CompareFlag::shared}),
    bind<C, &C::concurrency_limit>({.name = "concurrency_limit",
                                    .type = FieldType::integer,
                                    .help = "the account's unreserved concurrency (with a traffic profile)",
                                    .min = OfferingLimits::lambda_concurrency_limit.min,
                                    .max = OfferingLimits::lambda_concurrency_limit.max}),
    bind<C, &C::reserved_concurrency>({.name = "reserved_concurrency",
                                       .type = FieldType::integer,
                                       .help = "the function's reserved concurrency (with a traffic profile)",
                                       .min = OfferingLimits::lambda_reserved_concurrency.min,
                                       .max = OfferingLimits::lambda_reserved_concurrency.max,
                                       .optional = true,
                                       .unset = "none: the function shares concurrency_limit"}),
    bind<C, &C::keep_alive_s>({.name = "keep_alive_s",
                               .type = FieldType::number,
                               .help = "idle time before an environment is reclaimed (with a traffic profile)",
                               .unit = "s",
                               .min = OfferingLimits::lambda_keep_alive_s.min,
                               .max = OfferingLimits::lambda_keep_alive_s.max}),
    bind<C, &C::recycle_s>({.name = "recycle_s",
                            .type = FieldType::number,
                            .help = "busy environments are replaced this often (with a traffic profile)",
                            .unit = "s",
                            .min = OfferingLimits::lambda_recycle_s.min,
                            .max = OfferingLimits::lambda_recycle_s.max}),
    bind<C, &C::provisioned_schedule>(
        {.name = "provisioned_schedule",
         .type = FieldType::list,
         .help = "provisioned environments for each hour of week, Monday 00:00 first (with a traffic profile)",
         .min = OfferingLimits::lambda_provisioned_concurrency.min,
         .max = OfferingLimits::lambda_provisioned_concurrency.max,
         .integer_items = true,
         .list_length = OfferingLimits::lambda_schedule_hours,
         .optional = true,
         .unset = "provisioned_concurrency all week"}),
};

/// Rules across fields: reserved concurrency leaves 100 unreserved (wave2-facts 1.3.4); a
/// provisioned schedule (168 levels: the descriptor's list rule) replaces provisioned_concurrency.
void check(const OfferingConfig& config, const std::string& p) {
    const auto& c = std::get<C>(config);
    using L = OfferingLimits;
    if (c.reserved_concurrency && *c.reserved_concurrency > c.concurrency_limit - L::lambda_unreserved_minimum)
        throw InvalidInput(p + "reserved_concurrency",
                           "at most concurrency_limit - " + std::to_string(L::lambda_unreserved_minimum) + " (" +
                               std::to_string(c.concurrency_limit - L::lambda_unreserved_minimum) +
                               "): AWS keeps 100 unreserved for the account's other functions",
                           std::to_string(*c.reserved_concurrency));
    if (c.provisioned_schedule.empty()) return;
    if (c.provisioned_concurrency != 0)
        throw InvalidInput(p + "provisioned_concurrency",
                           "0 with provisioned_schedule (the schedule gives every hour's level)",
                           std::to_string(c.provisioned_concurrency));
}

std::string label_of(const OfferingConfig& config, bool with_memory) {
    const auto& c = std::get<C>(config);
    std::string label = std::string("Lambda ") + to_string(c.arch);
    if (with_memory) label.append(" ").append(std::to_string(c.memory_mb)).append(" MB");
    return label;
}

std::string id_of(const OfferingConfig& config) {
    const auto& c = std::get<C>(config);
    return "lambda-" + c.region + "-" + to_string(c.arch) + "-" + std::to_string(c.memory_mb) + "mb";
}

constexpr KindInfo kKind{
    .name = "lambda",
    .label = "AWS Lambda",
    .provider = "aws",
    .billing = Billing::per_use,
    .help =
        "AWS Lambda functions on demand: requests, GB-seconds of duration, ephemeral storage, provisioned "
        "concurrency and an optional HTTP front door",
    .flag_prefix = "lambda",
    .fields = kFields,
    .label_of = label_of,
    .id_of = id_of,
    .build = build,
    .check = check,
};

}  // namespace

const KindInfo& kind_descriptor(std::type_identity<LambdaConfig>) noexcept { return kKind; }

void LambdaConfig::validate(const std::string& prefix) const { validate_fields(OfferingConfig(*this), prefix); }

}  // namespace costsim
