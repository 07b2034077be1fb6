#pragma once
/// Levenshtein distance, for "did you mean" suggestions (catalog ids, instance types, CLI flags).

#include <cstddef>
#include <string_view>

namespace costsim::detail {

/// Insertions, deletions and substitutions turning `a` into `b`.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace costsim::detail
