#pragma once
// The scenario parser's workload and offering readers, for documents that hold several of them
// (a portfolio). Internal to lib/io.

#include <costsim/offering.hpp>
#include <costsim/workload.hpp>

#include "io/json_document.hpp"

#include <string_view>

namespace costsim::detail {

/// A workload object at `path` ("workloads[3].workload"): errors name "<path>.<field>".
Workload read_workload_at(const JsonDocument& doc, const JsonValue& value, std::string_view path);
/// An offering object at `path` ("workloads[3].offering"): errors name "<path>.<field>".
Offering read_offering_at(const JsonDocument& doc, const JsonValue& value, std::string_view path);

}  // namespace costsim::detail
