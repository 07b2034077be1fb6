#pragma once
/// cost-sim's version, for --version, /health and report metadata.

#define COSTSIM_VERSION_MAJOR 0
#define COSTSIM_VERSION_MINOR 1
#define COSTSIM_VERSION_PATCH 0

namespace costsim {
/// "0.1.0"
inline constexpr const char* kVersion = "0.1.0";
}  // namespace costsim
