#pragma once
/// The flags of offering kinds, made from their descriptors (costsim/offering_kinds.hpp): each
/// field's flag, value name and help (its bounds, unit and default), and applying given flags to
/// an offering. No kind is named here.

#include "arguments.hpp"

#include <costsim/offering_kinds.hpp>

#include <string>
#include <vector>

namespace costsim::cli {

/// Which of a kind's flags: those of its own command (`cost-sim lambda`: every field), or those of
/// the multi-offering commands (compare, break-even, sweep: shared and prefixed fields).
enum class FlagScope { own_command, compare };

/// The flag setting `field` of `kind` in `scope` ("memory-mb", "cloud-run-vcpu"), or "" if none.
std::string field_flag(const KindInfo& kind, const FieldInfo& field, FlagScope scope);

/// Adds the flags of `kind`'s fields in `scope` to `group`, skipping any already in `taken`
/// (shared flags are listed once, under the first kind) and adding the new ones to it. A boolean
/// field whose default is true is turned off by --no-<flag>, one whose default is false turned
/// on by --<flag>; an optional boolean has both.
void add_kind_flags(po::options_description& group, const KindInfo& kind, FlagScope scope,
                    std::vector<std::string>& taken);

/// Sets the fields of `config` (of `kind`) whose flags in `scope` were given. Values are checked
/// against the field's type and bounds as the library checks them, naming the flag on error.
/// \throws UsageError for a malformed value or exclusive flags given together.
void apply_kind_flags(const Flags& flags, const KindInfo& kind, FlagScope scope, OfferingConfig& config);

/// True if any flag of `kind`'s fields in `scope` was given; `skip_booleans` leaves out boolean
/// fields (--no-free-tier applies to every kind: it does not call for one).
bool any_kind_flag_given(const Flags& flags, const KindInfo& kind, FlagScope scope, bool skip_booleans);

}  // namespace costsim::cli
