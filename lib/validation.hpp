#pragma once
// Range checks shared by the validate() functions; every failure names the field and the rule.
// The field is `prefix` + `name` ("offerings[1]." + "memory_mb"), put together only on failure:
// validating a request must not allocate a string per field.
#include <costsim/error.hpp>

#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>

namespace costsim::detail {

inline std::string format_number(double v) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "infinity" : "-infinity";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.15g", v);
    return buf;
}

inline std::string field_name(std::string_view prefix, std::string_view name) {
    std::string field(prefix);
    field += name;
    return field;
}

/// Requires lo <= v <= hi (finite).
inline void require_range(double v, double lo, double hi, std::string_view prefix, std::string_view name = {}) {
    if (!std::isfinite(v) || v < lo || v > hi)
        throw InvalidInput(field_name(prefix, name), "a number in [" + format_number(lo) + ", " + format_number(hi) + "]",
                           format_number(v));
}

/// Requires lo < v <= hi (finite).
inline void require_range_open_low(double v, double lo, double hi, std::string_view prefix, std::string_view name = {}) {
    if (!std::isfinite(v) || v <= lo || v > hi)
        throw InvalidInput(field_name(prefix, name), "a number in (" + format_number(lo) + ", " + format_number(hi) + "]",
                           format_number(v));
}

inline void require_int_range(long long v, long long lo, long long hi, std::string_view prefix, std::string_view name = {}) {
    if (v < lo || v > hi)
        throw InvalidInput(field_name(prefix, name), "an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]",
                           std::to_string(v));
}

}  // namespace costsim::detail
