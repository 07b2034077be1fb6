#pragma once
/// Offering kinds, each declared once: a descriptor names the kind, its scenario fields (type, unit,
/// default, bounds, help, CLI flag), its cost-model builder and how it is billed. The JSON reader and writer, validate(),
/// the CLI's flags and help, the OpenAPI schema and the page's forms are all driven from it
/// (Design/architecture.md#offering-kinds). The descriptors live in lib/offerings/*_kind.cpp.

#include <costsim/cost_model.hpp>
#include <costsim/offering.hpp>

#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace costsim {

/// A field's JSON type. `choice` is a string from a fixed list (an enum's spellings); `list` an
/// array of numbers (integers when FieldInfo::integer_items), each within [min, max].
enum class FieldType { integer, number, boolean, text, choice, list };
const char* to_string(FieldType t) noexcept;  ///< "integer" | "number" | "boolean" | "string" | "choice" | "list"

/// The longest list a list field takes when it sets no exact length: a week per minute.
inline constexpr std::size_t kMaxFieldListLength = 10080;

/// What rule a text field's value follows beyond being 1 to 64 characters.
enum class TextRule {
    region,  ///< letters, digits, '-' and '_'
    name,    ///< no control or bidirectional characters (shown in tables and CSV)
};

/// A field's value, type-erased: unset (an optional field without a value), a boolean, an integer,
/// a number, a text (also a choice's spelling) or a list of numbers.
using FieldValue = std::variant<std::monostate, bool, long long, double, std::string, std::vector<double>>;

/// Where a field's flag appears in the CLI's multi-offering commands (compare, break-even, sweep).
enum class CompareFlag {
    none,      ///< only in the kind's own command (`cost-sim lambda`, `cost-sim vm`) and scenarios
    shared,    ///< under its own name, applying to every offering of the kinds that share it
    prefixed,  ///< as --<kind flag prefix>-<flag>: "--cloud-run-vcpu"
};

/// One scenario field of an offering kind. A dotted name ("scaling.mode") is a member of a nested
/// object: {"scaling": {"mode": ...}}; the fields of one group are listed together, and errors
/// name the whole path ("offering.scaling.mode").
struct FieldInfo {
    std::string_view name;  ///< the JSON key: "memory_mb", or "<group>.<key>": "scaling.mode"
    FieldType type = FieldType::number;
    std::string_view help;    ///< what it is, for people: "function memory"
    std::string_view unit{};  ///< "MB", "requests/s"; empty for counts and choices
    double min = 0.0;         ///< bounds of integers and numbers
    double max = 0.0;
    bool min_exclusive = false;                   ///< (min, max] instead of [min, max]
    std::span<const std::string_view> options{};  ///< a choice's spellings, in the order shown
    bool integer_items = false;                   ///< a list's items are whole numbers
    std::size_t list_length = 0;                  ///< a list's exact length; 0: 1 to kMaxFieldListLength
    TextRule text_rule = TextRule::name;
    bool required = false;     ///< must be given (no usable default)
    bool optional = false;     ///< may be unset: its default is "no value", and `unset` says what that means
    std::string_view unset{};  ///< "Google's default for memory_mb"
    /// The CLI flag: "--" + this (empty: the field name with '-' for '_'); a boolean whose default
    /// is true is turned off by "--no-<flag>", one whose default is false on by "--<flag>", an
    /// optional boolean by either.
    std::string_view flag{};
    CompareFlag compare = CompareFlag::none;
    std::string_view flag_help{};  ///< the flag's help when it differs from `help`
    /// The configured value (unset for an optional field without one).
    FieldValue (*get)(const OfferingConfig&) = nullptr;
    /// Sets the value (already checked against type and bounds); unset clears an optional field.
    void (*set)(OfferingConfig&, const FieldValue&) = nullptr;
    /// What reports show when it differs from `get` (the effective region, a derived vCPU); unset
    /// leaves the field out of the report.
    FieldValue (*reported)(const OfferingConfig&) = nullptr;
    /// Whether the configured value passes the field's checks, read in place (no FieldValue is
    /// built): validation runs for every offering of every request. False sends the field to the
    /// full check, which names the rule; nullptr: always the full check.
    bool (*passes)(const FieldInfo&, const OfferingConfig&) = nullptr;

    /// The field's CLI flag without "--": `flag`, or the key with '-' for '_'.
    [[nodiscard]] std::string flag_name() const;
    /// The nested object the field sits in ("scaling"), empty for a top-level field.
    [[nodiscard]] std::string_view group() const noexcept {
        const auto dot = name.find('.');
        return dot == std::string_view::npos ? std::string_view{} : name.substr(0, dot);
    }
    /// The field's key inside its group ("mode"), or its name.
    [[nodiscard]] std::string_view key() const noexcept {
        const auto dot = name.find('.');
        return dot == std::string_view::npos ? name : name.substr(dot + 1);
    }
    /// The value reports show: `reported` if set, else `get`.
    [[nodiscard]] FieldValue report(const OfferingConfig& c) const { return reported ? reported(c) : get(c); }
};

/// How an offering's bill grows: with use (requests, GB-seconds) or with provisioned capacity.
enum class Billing { per_use, per_capacity };

/// Everything cost-sim knows of one offering kind.
struct KindInfo {
    std::string_view name;      ///< "lambda": the scenario's "kind"
    std::string_view label;     ///< "AWS Lambda"
    std::string_view provider;  ///< "aws"; empty when a field chooses it (a VM fleet's "provider")
    Billing billing = Billing::per_use;
    std::string_view help;         ///< one sentence: what is priced
    std::string_view flag_prefix;  ///< of its prefixed compare flags ("cloud-run"); also the compare switch
    std::span<const FieldInfo> fields;
    /// The offering's default label ("Lambda arm64 512 MB"); `with_memory` adds the memory size.
    std::string (*label_of)(const OfferingConfig&, bool with_memory) = nullptr;
    /// The default id ("lambda-us-east-1-x86_64-512mb").
    std::string (*id_of)(const OfferingConfig&) = nullptr;
    /// The kind's cost model for one workload (the library's builder, lib/offerings/<kind>.cpp):
    /// prices looked up, errors naming fields relative to the offering ("region").
    CostModel::Data (*build)(const Workload&, const OfferingConfig&, const Catalog&) = nullptr;
    /// Rules across fields (a load balancer only on AWS), after every field is within its bounds.
    /// \throws InvalidInput naming `<prefix><field>`.
    void (*check)(const OfferingConfig&, const std::string& prefix) = nullptr;

    /// The field named `name`, or nullptr.
    [[nodiscard]] const FieldInfo* field(std::string_view name) const noexcept;
    /// A default-constructed configuration of this kind.
    [[nodiscard]] OfferingConfig default_config() const;
};

/// Every offering kind, in the order of OfferingConfig's alternatives.
std::span<const KindInfo> offering_kinds() noexcept;
/// The kind named `name`, or nullptr.
const KindInfo* find_kind(std::string_view name) noexcept;
/// The descriptor of the configuration's kind.
const KindInfo& kind_of(const OfferingConfig& config) noexcept;

/// Checks every field of `config` against its descriptor (bounds, choices, text rules), then the
/// kind's cross-field rules. \throws InvalidInput naming `<prefix><field>` and the rule.
void validate_fields(const OfferingConfig& config, const std::string& prefix);

/// Checks one value against a field's type and bounds, as given for `field_path` (a scenario
/// field or a CLI flag): the rule and the value in the message. Integers and numbers are given as
/// doubles; unset is accepted only for optional fields. \throws InvalidInput naming `field_path`.
void check_field_value(const FieldInfo& field, const FieldValue& value, const std::string& field_path);

/// The descriptors as JSON: {"kinds": [{"name", "label", "provider", "billing", "help",
/// "fields": [{"name", "type", "help", "unit", "min", "max", "options", "default", ...}]}]}.
/// Served by GET /api/v1/offering-kinds; the page builds its forms from it.
std::string offering_kinds_to_json(int indent = -1);

/// The JSON Schema of an offering of `kind` (OpenAPI 3.0 dialect), from its descriptor.
std::string offering_schema_json(const KindInfo& kind, int indent = -1);

/// `document` (an OpenAPI 3.0 document) with components.schemas.Offering replaced by a oneOf of
/// one schema per kind (LambdaOffering, VmOffering, ...), discriminated by "kind".
/// \throws ParseError if `document` is not JSON with components.schemas.
std::string openapi_with_offering_kinds(std::string_view document);

}  // namespace costsim
