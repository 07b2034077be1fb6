// Offering kinds' flags from their descriptors. See kind_flags.hpp.
#include "kind_flags.hpp"

#include "format.hpp"
#include "usage_error.hpp"

#include <algorithm>
#include <cstdio>

namespace costsim::cli {

namespace {

/// "128", "0.7", "1e+07": a bound or default as people read it.
std::string number_text(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.15g", v);
    return buf;
}

std::string value_text(const FieldValue& v) {
    if (const auto* b = std::get_if<bool>(&v)) return *b ? "yes" : "no";
    if (const auto* n = std::get_if<long long>(&v)) return std::to_string(*n);
    if (const auto* d = std::get_if<double>(&v)) return number_text(*d);
    if (const auto* s = std::get_if<std::string>(&v)) return *s;
    if (const auto* list = std::get_if<std::vector<double>>(&v)) {
        std::string text;
        for (double d : *list) text.append(text.empty() ? "" : ",").append(number_text(d));
        return text;
    }
    return "";
}

/// "function memory, 128..10240 MB (default 128)".
std::string help_text(const FieldInfo& f, const FieldValue& default_value) {
    std::string text(f.flag_help.empty() ? f.help : f.flag_help);
    if (f.type == FieldType::list) {
        text.append(", ")
            .append(f.list_length ? std::to_string(f.list_length) : "comma-separated")
            .append(f.integer_items ? " integers " : " numbers ")
            .append(number_text(f.min))
            .append("..")
            .append(number_text(f.max));
        if (f.list_length) text.append(", comma-separated");
    } else if (f.type == FieldType::integer || f.type == FieldType::number) {
        if (f.min_exclusive)
            text.append(", (").append(number_text(f.min)).append(", ").append(number_text(f.max)).append("]");
        else
            text.append(", ").append(number_text(f.min)).append("..").append(number_text(f.max));
        if (!f.unit.empty()) text.append(" ").append(f.unit);
    } else if (!f.unit.empty()) {
        text.append(", ").append(f.unit);
    }
    if (f.required) return text.append(" (required)");
    if (!f.unset.empty() && std::holds_alternative<std::monostate>(default_value))
        return text.append(" (default: ").append(f.unset).append(")");
    if (f.type == FieldType::boolean) return text;
    return text.append(" (default ").append(value_text(default_value)).append(")");
}

std::string value_name(const FieldInfo& f) {
    switch (f.type) {
        case FieldType::integer: return "N";
        case FieldType::number: return "X";
        case FieldType::text: return f.text_rule == TextRule::region ? "R" : "NAME";
        case FieldType::choice: {
            std::string names;
            for (std::string_view o : f.options) names.append(names.empty() ? "" : "|").append(o);
            return names;
        }
        case FieldType::list: return f.integer_items ? "N,N,..." : "X,X,...";
        case FieldType::boolean: break;
    }
    return "";
}

bool taken_already(std::vector<std::string>& taken, const std::string& flag) {
    if (std::find(taken.begin(), taken.end(), flag) != taken.end()) return true;
    taken.push_back(flag);
    return false;
}

/// The value of `flag` for `field`, checked as the library checks the field; unset if not given.
FieldValue read_flag(const Flags& flags, const FieldInfo& f, const std::string& flag) {
    switch (f.type) {
        case FieldType::integer:
            if (const auto n = flags.integer(flag)) return static_cast<long long>(*n);
            return {};
        case FieldType::number:
            if (const auto d = flags.number(flag)) return *d;
            return {};
        case FieldType::text:
            if (auto t = flags.text(flag)) return std::move(*t);
            return {};
        case FieldType::choice:
            if (auto c = flags.choice(flag, f.options)) return std::move(*c);
            return {};
        case FieldType::list:
            if (auto list = flags.numbers(flag); !list.empty()) return FieldValue{std::move(list)};
            return {};
        case FieldType::boolean: break;
    }
    return {};
}

}  // namespace

std::string field_flag(const KindInfo& kind, const FieldInfo& field, FlagScope scope) {
    if (scope == FlagScope::own_command) return field.flag_name();
    switch (field.compare) {
        case CompareFlag::none: return "";
        case CompareFlag::shared: return field.flag_name();
        case CompareFlag::prefixed: return std::string(kind.flag_prefix) + "-" + field.flag_name();
    }
    return "";
}

void add_kind_flags(po::options_description& group, const KindInfo& kind, FlagScope scope,
                    std::vector<std::string>& taken) {
    const OfferingConfig defaults = kind.default_config();
    for (const FieldInfo& f : kind.fields) {
        const std::string flag = field_flag(kind, f, scope);
        if (flag.empty()) continue;
        const FieldValue default_value = f.get(defaults);
        if (f.type != FieldType::boolean) {
            if (taken_already(taken, flag)) continue;
            group.add_options()(flag.c_str(), po::value<std::string>()->value_name(value_name(f)),
                                help_text(f, default_value).c_str());
            continue;
        }
        const bool default_on = std::holds_alternative<bool>(default_value) && std::get<bool>(default_value);
        if ((f.optional || !default_on) && !taken_already(taken, flag))
            group.add_options()(flag.c_str(), po::bool_switch(), help_text(f, default_value).c_str());
        const std::string off = "no-" + flag;
        if ((f.optional || default_on) && !taken_already(taken, off)) {
            const std::string help = f.optional ? "the opposite of --" + flag : help_text(f, default_value);
            group.add_options()(off.c_str(), po::bool_switch(), help.c_str());
        }
    }
}

void apply_kind_flags(const Flags& flags, const KindInfo& kind, FlagScope scope, OfferingConfig& config) {
    for (const FieldInfo& f : kind.fields) {
        const std::string flag = field_flag(kind, f, scope);
        if (flag.empty()) continue;
        if (f.type == FieldType::boolean) {
            const bool on = flags.flag(flag), off = flags.flag("no-" + flag);
            if (on && off) throw UsageError("--" + flag + " and --no-" + flag + " are exclusive: give one");
            if (on || off) f.set(config, on);
            continue;
        }
        FieldValue value = read_flag(flags, f, flag);
        if (!std::holds_alternative<std::monostate>(value)) f.set(config, value);
    }
}

bool any_kind_flag_given(const Flags& flags, const KindInfo& kind, FlagScope scope, bool skip_booleans) {
    for (const FieldInfo& f : kind.fields) {
        const std::string flag = field_flag(kind, f, scope);
        if (flag.empty()) continue;
        if (f.type == FieldType::boolean) {
            if (!skip_booleans && (flags.flag(flag) || flags.flag("no-" + flag))) return true;
        } else if (flags.has(flag)) {
            return true;
        }
    }
    return false;
}

}  // namespace costsim::cli
