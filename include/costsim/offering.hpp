#pragma once
/// How a workload is run: one value per kind of offering. An Offering holds configuration only;
/// its prices come from the Catalog. Each kind: a header in offerings/, a descriptor
/// (offering_kinds.hpp) and a cost-model builder. Formulas: Design/pricing-model.md.

#include <costsim/offering_options.hpp>
#include <costsim/offerings/azure_functions.hpp>
#include <costsim/offerings/cloud_run.hpp>
#include <costsim/offerings/lambda.hpp>
#include <costsim/offerings/vm_fleet.hpp>
#include <costsim/offerings/lambda_managed_instances.hpp>

#include <string>
#include <variant>

namespace costsim {

/// One alternative per offering kind; each has a descriptor (offering_kinds.hpp), and code that
/// dispatches on kinds does so with std::visit, so a kind missing there does not compile.
using OfferingConfig = std::variant<LambdaConfig, VmFleetConfig, CloudRunConfig, AzureFunctionsConfig,
                                    LambdaManagedInstancesConfig>;

/// One way of running the workload, with an id unique within a comparison.
struct Offering {
    std::string id;          ///< empty: derived from the configuration (default_id)
    OfferingConfig config;
    std::string label{};     ///< a name for people ("Lambda arm64"); empty: front ends derive one

    /// The kind's name: "lambda", "vm", ... (its descriptor's, offering_kinds.hpp).
    [[nodiscard]] const char* kind() const noexcept;
    /// `id` if set, else e.g. "lambda-us-east-1-x86_64-512mb", "vm-aws-us-east-1-t3.micro".
    [[nodiscard]] std::string effective_id() const;
    /// `label` if set, else the kind's default ("Lambda arm64", "t3.micro fleet"); `with_memory`
    /// adds a function's memory ("Lambda arm64 512 MB").
    [[nodiscard]] std::string default_label(bool with_memory = false) const;
    /// True for offerings billed per use (Lambda, Cloud Run, Azure Functions), false for those
    /// billed per provisioned capacity (VM fleets).
    [[nodiscard]] bool usage_priced() const noexcept;
    /// The cloud that runs it: the kind's provider ("aws" for Lambda), or a fleet's "provider".
    [[nodiscard]] std::string provider() const;
    /// The region it runs in: the configured region (a fleet's effective region).
    [[nodiscard]] std::string region() const;
    /// Checks id, label and every field against the kind's descriptor (validate_fields).
    void validate(const std::string& prefix = "") const;
};

}  // namespace costsim
