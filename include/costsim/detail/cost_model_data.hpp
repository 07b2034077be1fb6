#pragma once
/// The data behind a CostModel, shared by its bills (their string views point into it).
/// Internal to the library's engines; not part of the stable API.

#include <costsim/cost_model.hpp>

#include <functional>
#include <string>
#include <vector>

namespace costsim {

struct CostModel::Data {
    /// A traffic-independent convention ("hours_per_month" = 730, "catalog_as_of" = "...").
    struct FixedConvention {
        std::string name;
        double value = 0.0;
        std::string text;
    };

    std::string id;
    std::string kind;
    std::string currency;
    bool usage_priced = true;
    double workload_requests_per_month = 0.0;
    std::vector<Component> components;
    std::vector<FixedConvention> conventions;
    /// Adds traffic-dependent conventions and flags (instances, concurrency, ...) to a bill.
    /// Must only store string views of literals or of this Data's strings.
    std::function<void(const Data&, double requests_per_month, Bill&)> annotate;
};

}  // namespace costsim
