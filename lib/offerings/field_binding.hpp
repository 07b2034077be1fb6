#pragma once
// Binds a descriptor's FieldInfo to a member of a kind's configuration: the type-erased get and
// set the generic reader, writer, validator and CLI go through.
#include <costsim/offering_kinds.hpp>
#include <costsim/detail/cost_model_data.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace costsim::detail {

template <class T>
struct IsOptional : std::false_type {};
template <class T>
struct IsOptional<std::optional<T>> : std::true_type {};

template <class T>
FieldValue to_field_value(const T& v) {
    if constexpr (IsOptional<T>::value) {
        return v ? to_field_value(*v) : FieldValue{};
    } else if constexpr (std::is_same_v<T, bool>) {
        return v;
    } else if constexpr (std::is_same_v<T, std::vector<double>>) {
        return v.empty() ? FieldValue{} : FieldValue{v};  // an empty list is "not given"
    } else if constexpr (std::is_enum_v<T>) {
        return std::string(spelling(v));
    } else if constexpr (std::is_integral_v<T>) {
        return static_cast<long long>(v);
    } else if constexpr (std::is_floating_point_v<T>) {
        return static_cast<double>(v);
    } else {
        static_assert(std::is_same_v<T, std::string>);
        return v.empty() ? FieldValue{} : FieldValue{v};  // an empty text is "not given"
    }
}

template <class T>
void from_field_value(T& out, const FieldValue& v) {
    if constexpr (IsOptional<T>::value) {
        if (std::holds_alternative<std::monostate>(v))
            out.reset();
        else
            from_field_value(out.emplace(), v);
    } else if constexpr (std::is_same_v<T, bool>) {
        out = std::get<bool>(v);
    } else if constexpr (std::is_same_v<T, std::vector<double>>) {
        out = std::holds_alternative<std::monostate>(v) ? std::vector<double>{} : std::get<std::vector<double>>(v);
    } else if constexpr (std::is_enum_v<T>) {
        out = from_spelling<T>(std::get<std::string>(v)).value_or(out);
    } else if constexpr (std::is_integral_v<T>) {
        out = static_cast<T>(std::holds_alternative<double>(v) ? std::get<double>(v) : double(std::get<long long>(v)));
    } else if constexpr (std::is_floating_point_v<T>) {
        out = std::holds_alternative<double>(v) ? std::get<double>(v) : double(std::get<long long>(v));
    } else {
        out = std::holds_alternative<std::monostate>(v) ? std::string() : std::get<std::string>(v);
    }
}

/// The checks of validate_fields (offering.cpp) on values that pass them, for the quick path:
/// each returns true only where the full check would not throw (false just takes the full check).
bool unset_passes(const FieldInfo& f) noexcept;
bool number_passes(const FieldInfo& f, double value) noexcept;
bool text_passes(const FieldInfo& f, std::string_view text) noexcept;
bool list_passes(const FieldInfo& f, const std::vector<double>& items) noexcept;

/// Whether `v` passes `f`'s check, judged as validate_fields judges to_field_value(v).
template <class T>
bool value_passes(const FieldInfo& f, const T& v) noexcept {
    if constexpr (IsOptional<T>::value) {
        return v ? value_passes(f, *v) : unset_passes(f);
    } else if constexpr (std::is_same_v<T, bool>) {
        return f.type == FieldType::boolean;
    } else if constexpr (std::is_same_v<T, std::vector<double>>) {
        return v.empty() ? unset_passes(f) : list_passes(f, v);
    } else if constexpr (std::is_enum_v<T>) {
        // spelling() always gives one of the enum's own spellings: a choice of them passes.
        if (f.type == FieldType::choice && f.options.data() == kSpellings<T>.data() &&
            f.options.size() == kSpellings<T>.size())
            return true;
        return text_passes(f, spelling(v));
    } else if constexpr (std::is_integral_v<T>) {
        return number_passes(f, static_cast<double>(static_cast<long long>(v)));  // as to_field_value
    } else if constexpr (std::is_floating_point_v<T>) {
        return number_passes(f, static_cast<double>(v));
    } else {
        static_assert(std::is_same_v<T, std::string>);
        return v.empty() ? unset_passes(f) : text_passes(f, v);
    }
}

template <class Config, auto Member>
bool member_passes(const FieldInfo& f, const OfferingConfig& c) {
    return value_passes(f, std::get<Config>(c).*Member);
}

template <class Config, auto Group, auto Member>
bool nested_passes(const FieldInfo& f, const OfferingConfig& c) {
    return value_passes(f, std::get<Config>(c).*Group.*Member);
}

template <class Config, auto Member>
FieldValue get_member(const OfferingConfig& c) {
    return to_field_value(std::get<Config>(c).*Member);
}

template <class Config, auto Member>
void set_member(OfferingConfig& c, const FieldValue& v) {
    from_field_value(std::get<Config>(c).*Member, v);
}

/// `field` reading and writing `Config::*Member`.
template <class Config, auto Member>
constexpr FieldInfo bind(FieldInfo field) {
    field.get = &get_member<Config, Member>;
    field.set = &set_member<Config, Member>;
    field.passes = &member_passes<Config, Member>;
    return field;
}

template <class Config, auto Group, auto Member>
FieldValue get_nested(const OfferingConfig& c) {
    return to_field_value(std::get<Config>(c).*Group.*Member);
}

template <class Config, auto Group, auto Member>
void set_nested(OfferingConfig& c, const FieldValue& v) {
    from_field_value(std::get<Config>(c).*Group.*Member, v);
}

/// `field` (a dotted "group.key" name) reading and writing `Config::*Group.*Member`.
template <class Config, auto Group, auto Member>
constexpr FieldInfo bind_nested(FieldInfo field) {
    field.get = &get_nested<Config, Group, Member>;
    field.set = &set_nested<Config, Group, Member>;
    field.passes = &nested_passes<Config, Group, Member>;
    return field;
}

/// `field` shown in reports as `reported` computes it (an effective value, or unset to leave it out).
constexpr FieldInfo reported_as(FieldInfo field, FieldValue (*reported)(const OfferingConfig&)) {
    field.reported = reported;
    return field;
}

}  // namespace costsim::detail
