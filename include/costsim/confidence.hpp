#pragma once
/// How far a catalog price can be trusted. Shared by the catalog (each entry's mark) and bills
/// (each line item carries the confidence of the prices behind it).

namespace costsim {

/// Ordered from most to least trusted, so the weaker of two is the larger.
enum class Confidence { verified, single_source, unverified };

/// "verified" | "single-source" | "unverified".
const char* to_string(Confidence c) noexcept;

/// The less trusted of two confidences (a price built from two entries is as weak as the weaker).
constexpr Confidence weaker(Confidence a, Confidence b) noexcept { return a > b ? a : b; }

}  // namespace costsim
