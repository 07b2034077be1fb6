#pragma once
/// Levenshtein distance, for "did you mean" suggestions (catalog ids, instance types, CLI flags).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace costsim::detail {

/// Insertions, deletions and substitutions turning `a` into `b`.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `wanted` if it is a near miss (at most max(2, length / 3) edits,
/// compared case-insensitively), else nullopt: the "did you mean" of an unknown name.
std::optional<std::string> closest_match(std::string_view wanted, const std::vector<std::string>& candidates);

/// "a, b, c": names joined for a message.
std::string join(const std::vector<std::string>& names, std::string_view separator = ", ");

}  // namespace costsim::detail
