// What every offering kind shares: the list of kinds (from kind_list.hpp), the Offering's
// kind-independent answers (id, provider, region), and validation driven by the descriptors.
#include <costsim/offering_kinds.hpp>

#include "core/validation.hpp"
#include "offerings/field_binding.hpp"

#include <costsim/detail/unsafe_text.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <functional>
#include <utility>

namespace costsim {

const char* to_string(Architecture a) noexcept { return spelling(a).data(); }
const char* to_string(FrontDoor f) noexcept { return spelling(f).data(); }
const char* to_string(PurchaseOption p) noexcept { return spelling(p).data(); }
const char* to_string(ReservedPayment p) noexcept { return spelling(p).data(); }

const char* to_string(FieldType t) noexcept {
    switch (t) {
        case FieldType::integer: return "integer";
        case FieldType::number: return "number";
        case FieldType::boolean: return "boolean";
        case FieldType::text: return "string";
        case FieldType::choice: return "choice";
        case FieldType::list: return "list";
    }
    return "string";
}

namespace {

/// The descriptors in the order of OfferingConfig's alternatives, each found by its config type
/// (kind_descriptor, declared in the kind's header): an alternative without one does not compile.
/// Copied once: they are defined in the kinds' own files.
template <std::size_t... I>
std::array<KindInfo, sizeof...(I)> list_kinds(std::index_sequence<I...>) {
    return {kind_descriptor(std::type_identity<std::variant_alternative_t<I, OfferingConfig>>{})...};
}

const std::array<KindInfo, std::variant_size_v<OfferingConfig>>& kinds() {
    static const auto list = list_kinds(std::make_index_sequence<std::variant_size_v<OfferingConfig>>{});
    return list;
}

void require_region(const std::string& region, const detail::FieldName& field) {
    if (region.empty() || region.size() > 64)
        throw InvalidInput(field.str(), "a region code of 1 to 64 characters", "\"" + region + "\"");
    for (char c : region)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'))
            throw InvalidInput(field.str(), "a region code of letters, digits, '-' and '_'", "\"" + region + "\"");
}

/// Names shown in tables, CSV and messages (ids, instance types): 1 to 64 bytes, no control or
/// bidirectional characters, valid UTF-8.
void require_name(const std::string& text, const detail::FieldName& field, const char* what) {
    if (text.empty() || text.size() > 64)
        throw InvalidInput(field.str(), std::string(what) + " of 1 to 64 characters",
                           text.size() > 64 ? std::to_string(text.size()) + " characters" : "\"\"");
    if (const auto c = detail::find_unsafe_char(text))
        throw InvalidInput(field.str(), std::string(what) + " without control or bidirectional characters",
                           detail::describe(*c) + " at byte " + std::to_string(c->offset));
}

std::string one_of(std::span<const std::string_view> options) {
    std::string rule = "one of";
    for (std::size_t i = 0; i < options.size(); ++i) (rule += i ? ", " : " ") += options[i];
    return rule;
}

double as_number(const FieldValue& v) {
    if (const auto* d = std::get_if<double>(&v)) return *d;
    return double(std::get<long long>(v));
}

/// check_field_value with the path joined only when the check fails.
void check_value(const FieldInfo& f, const FieldValue& value, const detail::FieldName& path) {
    if (std::holds_alternative<std::monostate>(value)) {
        if (f.optional && !f.required) return;
        throw InvalidInput(path.str(), path.str() + " is required (missing field)", 0);
    }
    switch (f.type) {
        case FieldType::integer: {
            const double d = as_number(value);
            if (!std::isfinite(d) || d != std::floor(d) || d < f.min || d > f.max)
                throw InvalidInput(
                    path.str(),
                    "an integer in [" + detail::format_number(f.min) + ", " + detail::format_number(f.max) + "]",
                    detail::format_number(d));
            return;
        }
        case FieldType::number: {
            const double d = as_number(value);
            if (f.min_exclusive)
                detail::require_range_open_low(d, f.min, f.max, path);
            else
                detail::require_range(d, f.min, f.max, path);
            return;
        }
        case FieldType::boolean: return;
        case FieldType::text: {
            const std::string& text = std::get<std::string>(value);
            if (f.text_rule == TextRule::region)
                require_region(text, path);
            else
                require_name(text, path, "a name");
            return;
        }
        case FieldType::choice: {
            const std::string& text = std::get<std::string>(value);
            for (std::string_view option : f.options)
                if (option == text) return;
            throw InvalidInput(path.str(), one_of(f.options), "\"" + text + "\"");
        }
        case FieldType::list: {
            const auto& items = std::get<std::vector<double>>(value);
            const std::size_t most = f.list_length ? f.list_length : kMaxFieldListLength;
            if (f.list_length ? items.size() != f.list_length : items.empty() || items.size() > most)
                throw InvalidInput(path.str(),
                                   (f.list_length ? "a list of exactly " + std::to_string(f.list_length)
                                                  : "a list of 1 to " + std::to_string(most)) +
                                       (f.integer_items ? " integers" : " numbers"),
                                   std::to_string(items.size()) + " items");
            const std::string base = path.str();
            for (std::size_t i = 0; i < items.size(); ++i) {
                const double d = items[i];
                const detail::FieldName item(base, {}, i);
                if (f.integer_items && std::isfinite(d) && d != std::floor(d))
                    throw InvalidInput(
                        item.str(),
                        "an integer in [" + detail::format_number(f.min) + ", " + detail::format_number(f.max) + "]",
                        detail::format_number(d));
                detail::require_range(d, f.min, f.max, item);
            }
            return;
        }
    }
}

}  // namespace

namespace detail {

bool unset_passes(const FieldInfo& f) noexcept { return f.optional && !f.required; }

bool number_passes(const FieldInfo& f, double d) noexcept {
    if (!std::isfinite(d) || d > f.max) return false;
    switch (f.type) {
        case FieldType::integer: return d == std::floor(d) && d >= f.min;
        case FieldType::number: return f.min_exclusive ? d > f.min : d >= f.min;
        default: return false;  // the full check's answer for a number given to another type
    }
}

bool text_passes(const FieldInfo& f, std::string_view text) noexcept {
    if (f.type == FieldType::choice) return std::find(f.options.begin(), f.options.end(), text) != f.options.end();
    if (f.type != FieldType::text || text.empty() || text.size() > 64) return false;
    if (f.text_rule == TextRule::region)
        return std::all_of(text.begin(), text.end(), [](char c) {
            // ASCII letters and digits are alnum in every locale: this passes only what require_region does
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        });
    // Printable ASCII holds no control, bidirectional or invalid UTF-8 character.
    const bool printable_ascii = std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c < 0x7f; });
    return printable_ascii || !find_unsafe_char(text);
}

bool list_passes(const FieldInfo& f, const std::vector<double>& items) noexcept {
    if (f.type != FieldType::list) return false;
    if (f.list_length ? items.size() != f.list_length : items.empty() || items.size() > kMaxFieldListLength)
        return false;
    return std::all_of(items.begin(), items.end(), [&](double d) {
        return std::isfinite(d) && (!f.integer_items || d == std::floor(d)) && d >= f.min && d <= f.max;
    });
}

}  // namespace detail

std::string FieldInfo::flag_name() const {
    std::string out(flag.empty() ? key() : flag);
    for (char& c : out)
        if (c == '_') c = '-';
    return out;
}

const FieldInfo* KindInfo::field(std::string_view field_name) const noexcept {
    for (const FieldInfo& f : fields)
        if (f.name == field_name) return &f;
    return nullptr;
}

OfferingConfig KindInfo::default_config() const {
    const auto& list = kinds();
    // A descriptor from the list (find_kind, kind_of) is found by its place, any other by name.
    const std::less<const KindInfo*> before;
    const bool listed = !before(this, list.data()) && before(this, list.data() + list.size());
    for (std::size_t i = listed ? static_cast<std::size_t>(this - list.data()) : 0; i < list.size(); ++i)
        if (list[i].name == name) {
            OfferingConfig config;
            [&]<std::size_t... I>(std::index_sequence<I...>) { ((I == i ? (config.emplace<I>(), 0) : 0), ...); }
            (std::make_index_sequence<std::variant_size_v<OfferingConfig>>{});
            return config;
        }
    return {};
}

std::span<const KindInfo> offering_kinds() noexcept { return kinds(); }

const KindInfo* find_kind(std::string_view name) noexcept {
    for (const KindInfo& k : kinds())
        if (k.name == name) return &k;
    return nullptr;
}

const KindInfo& kind_of(const OfferingConfig& config) noexcept { return kinds()[config.index()]; }

void check_field_value(const FieldInfo& f, const FieldValue& value, const std::string& path) {
    check_value(f, value, path);
}

void validate_fields(const OfferingConfig& config, const std::string& prefix) {
    const KindInfo& kind = kind_of(config);
    for (const FieldInfo& f : kind.fields) {
        if (f.type == FieldType::boolean || (f.passes && f.passes(f, config))) continue;
        check_value(f, f.get(config), {prefix, f.name});  // joins the path only on failure
    }
    if (kind.check) kind.check(config, prefix);
}

const char* Offering::kind() const noexcept { return kind_of(config).name.data(); }

bool Offering::usage_priced() const noexcept { return kind_of(config).billing == Billing::per_use; }

std::string Offering::provider() const {
    const KindInfo& kind = kind_of(config);
    if (!kind.provider.empty()) return std::string(kind.provider);
    const FieldValue v = kind.field("provider")->get(config);
    return std::get<std::string>(v);
}

std::string Offering::region() const {
    const FieldValue v = kind_of(config).field("region")->report(config);
    return std::get<std::string>(v);
}

std::string Offering::effective_id() const { return id.empty() ? kind_of(config).id_of(config) : id; }

std::string Offering::default_label(bool with_memory) const {
    return label.empty() ? kind_of(config).label_of(config, with_memory) : label;
}

namespace {

/// A name require_name passes without looking further: 1 to 64 bytes of printable ASCII.
bool plain_name(const std::string& text) {
    return !text.empty() && text.size() <= 64 &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c < 0x7f; });
}

}  // namespace

void Offering::validate(const std::string& p) const {
    // empty: derived (effective_id, default_label)
    if (!id.empty() && !plain_name(id)) require_name(id, {p, "id"}, "an id");
    if (!label.empty() && !plain_name(label)) require_name(label, {p, "label"}, "a label");
    validate_fields(config, p);
}

}  // namespace costsim
