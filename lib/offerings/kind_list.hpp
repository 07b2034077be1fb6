#pragma once
// The descriptor of each alternative of OfferingConfig, defined in the kind's *_kind.cpp.
// Adding a kind adds its line here; a kind without one is an incomplete type where kinds are
// listed (offering.cpp), so it does not compile.
#include "offerings/field_binding.hpp"

namespace costsim::detail {

extern const KindInfo kLambdaKind;
extern const KindInfo kVmFleetKind;
extern const KindInfo kCloudRunKind;
extern const KindInfo kAzureFunctionsKind;

template <> struct KindDescriptor<LambdaConfig> { static constexpr const KindInfo* info = &kLambdaKind; };
template <> struct KindDescriptor<VmFleetConfig> { static constexpr const KindInfo* info = &kVmFleetKind; };
template <> struct KindDescriptor<CloudRunConfig> { static constexpr const KindInfo* info = &kCloudRunKind; };
template <> struct KindDescriptor<AzureFunctionsConfig> { static constexpr const KindInfo* info = &kAzureFunctionsKind; };

}  // namespace costsim::detail
