// The offering kinds' descriptors published as JSON: GET /api/v1/offering-kinds (the page builds
// its forms from it) and the per-kind schemas of the OpenAPI document. Not a hot path: nlohmann.
#include <costsim/offering_kinds.hpp>

#include <costsim/error.hpp>

#include <nlohmann/json.hpp>

#include <cctype>

namespace costsim {
namespace {

using nlohmann::ordered_json;

ordered_json to_json_value(const FieldValue& v) {
    return std::visit(
        [](const auto& x) -> ordered_json {
            if constexpr (std::is_same_v<std::decay_t<decltype(x)>, std::monostate>)
                return nullptr;
            else
                return x;
        },
        v);
}

const char* billing_name(Billing b) { return b == Billing::per_use ? "per_use" : "per_capacity"; }

/// The flag that sets the field in the multi-offering commands, or "" when there is none.
std::string compare_flag(const KindInfo& kind, const FieldInfo& f) {
    switch (f.compare) {
        case CompareFlag::none: return "";
        case CompareFlag::shared: return f.flag_name();
        case CompareFlag::prefixed: return std::string(kind.flag_prefix) + "-" + f.flag_name();
    }
    return "";
}

ordered_json field_json(const KindInfo& kind, const FieldInfo& f, const OfferingConfig& defaults) {
    ordered_json j;
    j["name"] = f.name;
    j["type"] = to_string(f.type);
    j["help"] = f.help;
    if (!f.unit.empty()) j["unit"] = f.unit;
    if (!f.group().empty()) j["group"] = f.group();
    if (f.type == FieldType::integer || f.type == FieldType::number || f.type == FieldType::list) {
        j["minimum"] = f.min;
        j["maximum"] = f.max;
        j["exclusive_minimum"] = f.min_exclusive;
    }
    if (f.type == FieldType::list) {
        j["items"] = f.integer_items ? "integer" : "number";
        j["min_items"] = f.list_length ? f.list_length : 1;
        j["max_items"] = f.list_length ? f.list_length : kMaxFieldListLength;
    }
    if (f.type == FieldType::choice) j["options"] = std::vector<std::string_view>(f.options.begin(), f.options.end());
    if (f.type == FieldType::text) j["text_rule"] = f.text_rule == TextRule::region ? "region" : "name";
    j["required"] = f.required;
    j["optional"] = f.optional;
    j["default"] = to_json_value(f.get(defaults));
    if (!f.unset.empty()) j["unset"] = f.unset;
    j["flag"] = "--" + f.flag_name();
    const std::string in_compare = compare_flag(kind, f);
    j["compare_flag"] = in_compare.empty() ? ordered_json(nullptr) : ordered_json("--" + in_compare);
    return j;
}

ordered_json kind_json(const KindInfo& k) {
    const OfferingConfig defaults = k.default_config();
    ordered_json j;
    j["name"] = k.name;
    j["label"] = k.label;
    j["provider"] = k.provider.empty() ? ordered_json(nullptr) : ordered_json(k.provider);
    j["billing"] = billing_name(k.billing);
    j["help"] = k.help;
    j["flag_prefix"] = k.flag_prefix;
    ordered_json fields = ordered_json::array();
    for (const FieldInfo& f : k.fields) fields.push_back(field_json(k, f, defaults));
    j["fields"] = std::move(fields);
    return j;
}

ordered_json schema_of(const KindInfo& k) {
    const OfferingConfig defaults = k.default_config();
    ordered_json properties;
    properties["kind"] = {{"type", "string"}, {"enum", {k.name}}};
    properties["id"] = {{"type", "string"},
                        {"minLength", 1},
                        {"maxLength", 64},
                        {"description", "Unique within a comparison; absent: derived from the configuration."}};
    properties["label"] = {{"type", "string"},
                           {"minLength", 1},
                           {"maxLength", 64},
                           {"description", "A name for people; front ends show it instead of a name of their own."}};
    ordered_json required = ordered_json::array({"kind"});
    for (const FieldInfo& f : k.fields) {
        ordered_json p;
        switch (f.type) {
            case FieldType::integer: p["type"] = "integer"; break;
            case FieldType::number: p["type"] = "number"; break;
            case FieldType::boolean: p["type"] = "boolean"; break;
            case FieldType::text:
            case FieldType::choice: p["type"] = "string"; break;
            case FieldType::list: p["type"] = "array"; break;
        }
        ordered_json bounds = ordered_json::object();
        if (f.type == FieldType::integer || f.type == FieldType::number || f.type == FieldType::list) {
            bounds["minimum"] = f.min;
            if (f.min_exclusive) bounds["exclusiveMinimum"] = true;  // OpenAPI 3.0: a boolean beside minimum
            bounds["maximum"] = f.max;
        }
        if (f.type == FieldType::list) {
            ordered_json items = {{"type", f.integer_items ? "integer" : "number"}};
            items.update(bounds);
            p["items"] = std::move(items);
            p["minItems"] = f.list_length ? f.list_length : 1;
            p["maxItems"] = f.list_length ? f.list_length : kMaxFieldListLength;
        } else {
            p.update(bounds);
        }
        if (f.type == FieldType::text) {
            p["minLength"] = 1;
            p["maxLength"] = 64;
        }
        if (f.type == FieldType::choice) p["enum"] = std::vector<std::string_view>(f.options.begin(), f.options.end());
        if (const FieldValue d = f.get(defaults); !std::holds_alternative<std::monostate>(d))
            p["default"] = to_json_value(d);
        std::string description(f.help);
        if (!f.unit.empty()) description += " (" + std::string(f.unit) + ")";
        if (!f.unset.empty()) description += ". Absent: " + std::string(f.unset);
        p["description"] = description + ".";
        if (f.group().empty()) {
            properties[std::string(f.name)] = std::move(p);
            if (f.required) required.push_back(f.name);
            continue;
        }
        // A dotted field is a property of its group's nested object.
        ordered_json& group = properties[std::string(f.group())];
        if (group.is_null())
            group = {{"type", "object"}, {"additionalProperties", false}, {"properties", ordered_json::object()}};
        group["properties"][std::string(f.key())] = std::move(p);
    }
    return {{"type", "object"},
            {"description", std::string(k.label) + ": " + std::string(k.help) + "."},
            {"required", std::move(required)},
            {"additionalProperties", false},
            {"properties", std::move(properties)}};
}

std::string dump(const ordered_json& j, int indent) { return j.dump(indent); }

}  // namespace

std::string offering_kinds_to_json(int indent) {
    ordered_json kinds = ordered_json::array();
    for (const KindInfo& k : offering_kinds()) kinds.push_back(kind_json(k));
    return dump({{"kinds", std::move(kinds)}}, indent);
}

std::string offering_schema_json(const KindInfo& kind, int indent) { return dump(schema_of(kind), indent); }

std::string openapi_with_offering_kinds(std::string_view document) {
    ordered_json doc = ordered_json::parse(document.begin(), document.end(), nullptr, false);
    if (doc.is_discarded() || !doc.contains("components") || !doc["components"].contains("schemas"))
        throw ParseError("the OpenAPI document is not JSON with components.schemas");
    ordered_json& schemas = doc["components"]["schemas"];
    ordered_json one_of = ordered_json::array();
    ordered_json mapping = ordered_json::object();
    for (const KindInfo& k : offering_kinds()) {
        std::string name;
        bool upper = true;
        for (char c : k.name) {
            if (c == '_') {
                upper = true;
                continue;
            }
            name += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
            upper = false;
        }
        name += "Offering";
        const std::string ref = "#/components/schemas/" + name;
        schemas[name] = schema_of(k);
        one_of.push_back({{"$ref", ref}});
        mapping[std::string(k.name)] = ref;
    }
    schemas["Offering"] = {{"description",
                            "One offering: \"kind\" names its kind, whose fields follow (generated from "
                            "the kinds' descriptors, GET /api/v1/offering-kinds)."},
                           {"oneOf", std::move(one_of)},
                           {"discriminator", {{"propertyName", "kind"}, {"mapping", std::move(mapping)}}}};
    return doc.dump(2);
}

}  // namespace costsim
