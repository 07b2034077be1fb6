#include <costsim/offering.hpp>

#include "core/validation.hpp"

#include <costsim/detail/unsafe_text.hpp>

#include <iterator>
#include <set>

namespace costsim {

const char* to_string(Architecture a) noexcept { return a == Architecture::arm64 ? "arm64" : "x86_64"; }

const char* to_string(FrontDoor f) noexcept {
    switch (f) {
    case FrontDoor::none: return "none";
    case FrontDoor::function_url: return "function-url";
    case FrontDoor::http_api: return "http-api";
    case FrontDoor::rest_api: return "rest-api";
    }
    return "none";
}

const char* to_string(PurchaseOption p) noexcept {
    switch (p) {
    case PurchaseOption::on_demand: return "on-demand";
    case PurchaseOption::one_year: return "1yr";
    case PurchaseOption::three_year: return "3yr";
    case PurchaseOption::spot: return "spot";
    }
    return "on-demand";
}

const char* to_string(ReservedPayment p) noexcept {
    switch (p) {
    case ReservedPayment::no_upfront: return "no_upfront";
    case ReservedPayment::partial_upfront: return "partial_upfront";
    case ReservedPayment::all_upfront: return "all_upfront";
    }
    return "no_upfront";
}

namespace {
void require_region(const std::string& region, const detail::FieldName& field) {
    if (region.empty() || region.size() > 64)
        throw InvalidInput(field.str(), "a region code of 1 to 64 characters", "\"" + region + "\"");
    for (char c : region)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'))
            throw InvalidInput(field.str(), "a region code of letters, digits, '-' and '_'", "\"" + region + "\"");
}

/// Names shown in tables, CSV and messages (ids, instance types): 1 to 64 bytes, no control or
/// bidirectional characters, valid UTF-8.
void require_name(const std::string& text, const std::string& field, const char* what) {
    if (text.empty() || text.size() > 64)
        throw InvalidInput(field, std::string(what) + " of 1 to 64 characters",
                           text.size() > 64 ? std::to_string(text.size()) + " characters" : "\"\"");
    if (const auto c = detail::find_unsafe_char(text))
        throw InvalidInput(field, std::string(what) + " without control or bidirectional characters",
                           detail::describe(*c) + " at byte " + std::to_string(c->offset));
}
}  // namespace

void LambdaConfig::validate(const std::string& p) const {
    require_region(region, {p, "region"});
    detail::require_int_range(memory_mb, 128, 10240, {p, "memory_mb"});
    detail::require_int_range(ephemeral_storage_mb, 512, 10240, {p, "ephemeral_storage_mb"});
    detail::require_int_range(provisioned_concurrency, 0, 100000, {p, "provisioned_concurrency"});
}

std::string VmFleetConfig::effective_region() const {
    if (!region.empty()) return region;
    if (provider == "gcp") return "us-central1";
    if (provider == "azure") return "eastus";
    if (provider == "oci") return "us-ashburn-1";
    if (provider == "sakura") return "is1a";
    return "us-east-1";
}

void VmFleetConfig::validate(const std::string& p) const {
    static const std::set<std::string> providers = {"aws", "gcp", "azure", "oci", "sakura"};
    if (!providers.count(provider))
        throw InvalidInput(p + "provider", "one of aws, gcp, azure, oci, sakura", "\"" + provider + "\"");
    if (!region.empty()) require_region(region, {p, "region"});
    require_name(instance, p + "instance", "an instance type name");
    if (count) detail::require_int_range(*count, 1, 10000, {p, "count"});
    if (capacity_rps) detail::require_range_open_low(*capacity_rps, 0, 1e7, {p, "capacity_rps"});
    // count with capacity_rps: a fixed fleet whose capacity is known (flags, where it runs out)
    detail::require_range_open_low(target_utilization, 0, 1, {p, "target_utilization"});
    detail::require_int_range(min_instances, 1, 10000, {p, "min_instances"});
    // At least 0.001 h (3.6 s): below it requests per second overflow to infinity at the traffic
    // bound (tests/unit/robustness_models.cpp).
    detail::require_range(hours_per_month, 0.001, 730, {p, "hours_per_month"});
    detail::require_range(storage_gb, 0, 65536, {p, "storage_gb"});
    if (load_balancer && provider != "aws")
        throw InvalidInput(p + "load_balancer", "used only with provider aws (the catalog has AWS ALB prices only)", "true");
    // An ALB spans at least two AZs; six is the most any AWS region has (us-east-1).
    detail::require_int_range(load_balancer_azs, 2, 6, {p, "load_balancer_azs"});
    if (purchase != PurchaseOption::on_demand && provider != "aws")
        throw InvalidInput(p + "purchase", "on-demand for provider " + provider + " (purchase options are AWS only)",
                           std::string("\"") + to_string(purchase) + "\"");
    if (payment != ReservedPayment::no_upfront && purchase != PurchaseOption::one_year &&
        purchase != PurchaseOption::three_year)
        throw InvalidInput(p + "payment", std::string("no_upfront with purchase ") + to_string(purchase) +
                                              " (an upfront payment goes with a 1yr or 3yr reservation)",
                           std::string("\"") + to_string(payment) + "\"");
}

void CloudRunConfig::validate(const std::string& p) const {
    require_region(region, {p, "region"});
    detail::require_int_range(memory_mb, 128, 32768, {p, "memory_mb"});
    if (vcpu) detail::require_range(*vcpu, 0.08, 8, {p, "vcpu"});
    detail::require_int_range(concurrency, 1, 1000, {p, "concurrency"});
}

double cloud_run_default_vcpu(int memory_mb) noexcept {
    // Google's memory-to-CPU table for Cloud Run functions (cloud.google.com/functions/docs/
    // configuring/memory): "If you don't specify a vCPU, it is determined from the memory".
    struct Row {
        int memory_mb;
        double vcpu;
    };
    static constexpr Row kTable[] = {{128, 0.083}, {256, 0.167},  {512, 0.333},   {1024, 0.583}, {2048, 1.0},
                                     {4096, 2.0},  {8192, 2.0},   {16384, 4.0},   {32768, 8.0}};
    for (const Row& row : kTable)
        if (memory_mb <= row.memory_mb) return row.vcpu;
    return kTable[std::size(kTable) - 1].vcpu;
}

double CloudRunConfig::effective_vcpu() const noexcept { return vcpu ? *vcpu : cloud_run_default_vcpu(memory_mb); }

void AzureFunctionsConfig::validate(const std::string& p) const {
    require_region(region, {p, "region"});
    detail::require_int_range(memory_mb, 1, 1536, {p, "memory_mb"});
}

const char* Offering::kind() const noexcept {
    switch (config.index()) {
    case 0: return "lambda";
    case 1: return "vm";
    case 2: return "cloud_run";
    default: return "azure_functions";
    }
}

bool Offering::usage_priced() const noexcept { return !std::holds_alternative<VmFleetConfig>(config); }

std::string Offering::provider() const {
    if (auto* fleet = std::get_if<VmFleetConfig>(&config)) return fleet->provider;
    if (std::holds_alternative<LambdaConfig>(config)) return "aws";
    if (std::holds_alternative<CloudRunConfig>(config)) return "gcp";
    return "azure";
}

std::string Offering::region() const {
    if (auto* fleet = std::get_if<VmFleetConfig>(&config)) return fleet->effective_region();
    return std::visit([](const auto& c) { return c.region; }, config);
}

std::string Offering::effective_id() const {
    if (!id.empty()) return id;
    struct Visitor {
        std::string operator()(const LambdaConfig& c) const {
            return "lambda-" + c.region + "-" + to_string(c.arch) + "-" + std::to_string(c.memory_mb) + "mb";
        }
        std::string operator()(const VmFleetConfig& c) const {
            return "vm-" + c.provider + "-" + c.effective_region() + "-" + c.instance;
        }
        std::string operator()(const CloudRunConfig& c) const {
            return "cloud_run-" + c.region + "-" + std::to_string(c.memory_mb) + "mb";
        }
        std::string operator()(const AzureFunctionsConfig& c) const {
            return "azure_functions-" + c.region + "-" + std::to_string(c.memory_mb) + "mb";
        }
    };
    return std::visit(Visitor{}, config);
}

void Offering::validate(const std::string& p) const {
    if (!id.empty()) require_name(id, p + "id", "an id");  // empty: derived (effective_id)
    if (!label.empty()) require_name(label, p + "label", "a label");  // empty: derived from the offering
    std::visit([&](const auto& c) { c.validate(p); }, config);
}

}  // namespace costsim
