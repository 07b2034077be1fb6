#pragma once
/// Named constants for every conversion cost-sim makes. No other file holds a magic number
/// for time, size or money conversions. Sources: Design/pricing-model.md#conventions.

namespace costsim {

/// Hours in the billing month: 8,760 h / 12. AWS Pricing Calculator, infracost and the
/// predecessor tool all use it.
inline constexpr double kHoursPerMonth = 730.0;
/// Seconds in the billing month: 730 h x 3,600 s.
inline constexpr double kSecondsPerMonth = kHoursPerMonth * 3600.0;  // 2,628,000
/// Binary sizes, as AWS bills them: 1 KiB = 1,024 bytes, 1 GB = 2^30 bytes.
inline constexpr double kBytesPerKiB = 1024.0;
inline constexpr double kBytesPerGB = 1024.0 * 1024.0 * 1024.0;
/// Lambda and Azure Functions turn MB of memory into GB with 1 GB = 1,024 MB.
inline constexpr double kMbPerGb = 1024.0;
/// Default exchange rate when none is given (JPY per USD); every result records the rate used.
inline constexpr double kDefaultJpyPerUsd = 150.0;

}  // namespace costsim
