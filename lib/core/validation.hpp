#pragma once
// Range checks shared by the validate() functions; every failure names the field and the rule.
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

/// "6,000,000,000" style: integers with thousands separators, other values with up to 6
/// significant digits. For counts in messages ("the limit is 100,000").
std::string format_quantity(double v);

/// The field a check names, `<prefix><name>`: joined only when the check fails, so that passing
/// checks (every model build validates its inputs) build no string.
class FieldName {
  public:
    // implicit: a whole field name is accepted where a joined one is
    FieldName(const std::string& field) : prefix_(field) {}
    FieldName(const char* field) : prefix_(field) {}
    FieldName(std::string_view prefix, std::string_view name) : prefix_(prefix), name_(name) {}
    /// An element of a list: `<prefix><name>[<index>]` ("sweep.duration_ms[1]").
    FieldName(std::string_view prefix, std::string_view name, std::size_t index)
        : prefix_(prefix), name_(name), index_(index) {}
    [[nodiscard]] std::string str() const {
        std::string s;
        s.reserve(prefix_.size() + name_.size());
        s.append(prefix_).append(name_);
        if (index_ != kNoIndex) s.append("[").append(std::to_string(index_)).append("]");
        return s;
    }

  private:
    static constexpr std::size_t kNoIndex = static_cast<std::size_t>(-1);
    std::string_view prefix_;
    std::string_view name_;
    std::size_t index_ = kNoIndex;
};

/// Requires lo <= v <= hi (finite).
inline void require_range(double v, double lo, double hi, const FieldName& field) {
    if (!std::isfinite(v) || v < lo || v > hi)
        throw InvalidInput(field.str(), "a number in [" + format_number(lo) + ", " + format_number(hi) + "]",
                           format_number(v));
}

/// Requires lo < v <= hi (finite).
inline void require_range_open_low(double v, double lo, double hi, const FieldName& field) {
    if (!std::isfinite(v) || v <= lo || v > hi)
        throw InvalidInput(field.str(), "a number in (" + format_number(lo) + ", " + format_number(hi) + "]",
                           format_number(v));
}

inline void require_int_range(long long v, long long lo, long long hi, const FieldName& field) {
    if (v < lo || v > hi)
        throw InvalidInput(field.str(), "an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]",
                           std::to_string(v));
}

}  // namespace costsim::detail
