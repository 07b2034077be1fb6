// Offering kinds are declared once, in descriptors (costsim/offering_kinds.hpp): the list of
// kinds, their fields' bounds as the JSON reader and validate() apply them, reports that read back
// as they were written, and the published JSON and OpenAPI schemas carrying the same bounds.
#include "../support.hpp"

#include <costsim/json.hpp>
#include <costsim/offering_kinds.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

using namespace costsim;

namespace {

/// Values for required fields without a usable default (a fleet's instance type), per kind.
nlohmann::json required_values(const KindInfo& kind) {
    static const std::map<std::string, nlohmann::json> known = {
        {"vm.instance", "t3.micro"},
        {"lambda_managed_instances.instance", "m7g.large"},
    };
    nlohmann::json fields = nlohmann::json::object();
    for (const FieldInfo& f : kind.fields)
        if (f.required) {
            const auto it = known.find(std::string(kind.name) + "." + std::string(f.name));
            REQUIRE_MESSAGE(it != known.end(), "no sample value for required field " << kind.name << "." << f.name);
            fields[std::string(f.name)] = it->second;
        }
    return fields;
}

/// Where a field sits in an offering object: "scaling.mode" -> /scaling/mode.
nlohmann::json::json_pointer at(std::string_view name) {
    std::string path(1, '/');
    for (char c : name) path.push_back(c == '.' ? '/' : c);
    return nlohmann::json::json_pointer(path);
}

/// The error field of pricing `offering` as the API's single offering, or "(valid)".
std::string error_field(const nlohmann::json& offering) {
    const nlohmann::json scenario = {{"workload", {{"requests_per_month", 1000}, {"duration_ms", 100}}},
                                     {"offering", offering}};
    try {
        (void)parse_scenario(scenario.dump(), ScenarioShape::one_offering);
    } catch (const InvalidInput& e) {
        return e.field();
    }
    return "(valid)";
}

}  // namespace

TEST_CASE("kinds: one descriptor per OfferingConfig alternative, unique names and flag prefixes") {
    const auto kinds = offering_kinds();
    REQUIRE(kinds.size() == std::variant_size_v<OfferingConfig>);
    std::set<std::string_view> names, prefixes;
    for (std::size_t i = 0; i < kinds.size(); ++i) {
        const KindInfo& k = kinds[i];
        CAPTURE(k.name);
        CHECK(names.insert(k.name).second);
        CHECK(prefixes.insert(k.flag_prefix).second);
        CHECK(find_kind(k.name) == &k);
        const OfferingConfig config = k.default_config();
        CHECK(config.index() == i);
        CHECK(&kind_of(config) == &k);
        CHECK((k.build && k.label_of && k.id_of));
        // Every kind names its region; a kind without a fixed provider has a provider field.
        CHECK(k.field("region") != nullptr);
        if (k.provider.empty()) CHECK(k.field("provider") != nullptr);
        std::set<std::string_view> fields;
        for (const FieldInfo& f : k.fields) {
            CAPTURE(f.name);
            CHECK(fields.insert(f.name).second);
            CHECK(f.name != "kind");
            CHECK(f.name != "id");
            CHECK(f.name != "label");
            CHECK((f.get != nullptr && f.set != nullptr));
            if (f.type == FieldType::choice) CHECK(!f.options.empty());
            if (f.type == FieldType::integer || f.type == FieldType::number) CHECK(f.min < f.max);
        }
    }
    CHECK(find_kind("lambdas") == nullptr);
}

TEST_CASE("kinds: the reader and validate() refuse every number just outside its descriptor's bounds") {
    for (const KindInfo& k : offering_kinds()) {
        for (const FieldInfo& f : k.fields) {
            if (f.type != FieldType::integer && f.type != FieldType::number) continue;
            CAPTURE(k.name);
            CAPTURE(f.name);
            nlohmann::json offering = required_values(k);
            offering["kind"] = k.name;
            const double step = f.type == FieldType::integer ? 1.0 : std::max(1e-9, (f.max - f.min) * 1e-6);
            // Above the maximum: refused, naming the field (cross-field rules come after bounds).
            offering[at(f.name)] = f.type == FieldType::integer ? nlohmann::json(static_cast<long long>(f.max) + 1)
                                                                : nlohmann::json(f.max + step);
            CHECK(error_field(offering) == "offering." + std::string(f.name));
            // Below the minimum (at it when the bound is exclusive).
            const double below = f.min_exclusive ? f.min : f.min - step;
            offering[at(f.name)] =
                f.type == FieldType::integer ? nlohmann::json(static_cast<long long>(below)) : nlohmann::json(below);
            CHECK(error_field(offering) == "offering." + std::string(f.name));
            // A fraction of an integer field.
            if (f.type == FieldType::integer) {
                offering[at(f.name)] = f.min + 0.5;
                CHECK(error_field(offering) == "offering." + std::string(f.name));
            }
            // The C++ API: the same bound through validate().
            OfferingConfig config = k.default_config();
            const nlohmann::json required = required_values(k);
            for (auto it = required.begin(); it != required.end(); ++it)
                k.field(it.key())->set(config, it.value().get<std::string>());
            f.set(config, f.max * 2 + 1);
            Offering o{"", config};
            CHECK(test::invalid_field(o) == std::string(f.name));
        }
    }
}

TEST_CASE("kinds: a choice outside its options and an unknown field are refused, naming them") {
    for (const KindInfo& k : offering_kinds()) {
        CAPTURE(k.name);
        nlohmann::json offering = required_values(k);
        offering["kind"] = k.name;
        CHECK(error_field(offering) == "(valid)");
        for (const FieldInfo& f : k.fields) {
            if (f.type != FieldType::choice) continue;
            nlohmann::json bad = offering;
            bad[at(f.name)] = "no-such-option";
            CHECK(error_field(bad) == "offering." + std::string(f.name));
        }
        nlohmann::json unknown = offering;
        unknown["memory"] = 1;
        CHECK(error_field(unknown) == "offering.memory");
    }
    // The rule for "kind" lists every kind, from the descriptors.
    try {
        (void)parse_scenario(R"({"workload": {"requests_per_month": 1, "duration_ms": 1}, "offering": {"kind": "x"}})",
                             ScenarioShape::one_offering);
        FAIL("expected InvalidInput");
    } catch (const InvalidInput& e) {
        CHECK(e.field() == "offering.kind");
        for (const KindInfo& k : offering_kinds())
            CHECK(std::string(e.what()).find(std::string(k.name)) != std::string::npos);
    }
}

TEST_CASE("kinds: a scenario written by to_json reads back to the same scenario, for every kind") {
    Scenario s;
    s.workload = Workload{.requests_per_month = 3e6, .duration_ms = 120};
    for (const KindInfo& k : offering_kinds()) {
        nlohmann::json offering = required_values(k);
        offering["kind"] = k.name;
        const nlohmann::json doc = {{"workload", {{"requests_per_month", 3e6}, {"duration_ms", 120}}},
                                    {"offering", offering}};
        s.offerings.push_back(parse_scenario(doc.dump(), ScenarioShape::one_offering).offerings.at(0));
    }
    const std::string written = to_json(s);
    const Scenario read = parse_scenario(written, ScenarioShape::many_offerings);
    CHECK(to_json(read) == written);
    REQUIRE(read.offerings.size() == offering_kinds().size());
    for (std::size_t i = 0; i < read.offerings.size(); ++i)
        CHECK(std::string(read.offerings[i].kind()) == std::string(offering_kinds()[i].name));
}

TEST_CASE("kinds: the published descriptors carry the bounds and defaults the reader applies") {
    const auto doc = nlohmann::json::parse(offering_kinds_to_json());
    REQUIRE(doc["kinds"].size() == offering_kinds().size());
    auto field = [&](std::string_view kind, std::string_view name) {
        for (const auto& k : doc["kinds"])
            if (k["name"] == kind)
                for (const auto& f : k["fields"])
                    if (f["name"] == name) return f;
        return nlohmann::json();
    };
    // Lambda memory: 128 to 10,240 MB in 1 MB steps, default 128 (aws.amazon.com/lambda/pricing).
    const auto memory = field("lambda", "memory_mb");
    CHECK(memory["type"] == "integer");
    CHECK(memory["minimum"] == 128);
    CHECK(memory["maximum"] == 10240);
    CHECK(memory["default"] == 128);
    CHECK(memory["unit"] == "MB");
    CHECK(memory["flag"] == "--memory-mb");
    CHECK(memory["compare_flag"] == "--memory-mb");
    // A fleet's provider is a choice of the five providers; its instance is required, no default.
    const auto provider = field("vm", "provider");
    CHECK(provider["options"] == nlohmann::json({"aws", "gcp", "azure", "oci", "sakura"}));
    CHECK(provider["default"] == "aws");
    const auto instance = field("vm", "instance");
    CHECK(instance["required"] == true);
    CHECK(instance["default"].is_null());
    CHECK(instance["compare_flag"].is_null());  // compare adds fleets with --vm TYPE
    // Cloud Run's vCPU: optional, unset means Google's default for the memory.
    const auto vcpu = field("cloud_run", "vcpu");
    CHECK(vcpu["optional"] == true);
    CHECK(vcpu["default"].is_null());
    CHECK(vcpu["minimum"] == 0.08);
    CHECK(vcpu["compare_flag"] == "--cloud-run-vcpu");
    // Target utilisation: (0, 1].
    const auto utilisation = field("vm", "target_utilization");
    CHECK(utilisation["exclusive_minimum"] == true);
    CHECK(utilisation["minimum"] == 0);
    CHECK(utilisation["maximum"] == 1);
}

TEST_CASE("kinds: the OpenAPI Offering schema is a oneOf of one generated schema per kind") {
    const std::string document = R"({"openapi": "3.0.3", "components": {"schemas": {"Offering": {}}}})";
    const auto doc = nlohmann::json::parse(openapi_with_offering_kinds(document));
    const auto& schemas = doc["components"]["schemas"];
    REQUIRE(schemas["Offering"]["oneOf"].size() == offering_kinds().size());
    CHECK(schemas["Offering"]["discriminator"]["propertyName"] == "kind");
    CHECK(schemas["Offering"]["discriminator"]["mapping"]["cloud_run"] == "#/components/schemas/CloudRunOffering");
    const auto& lambda = schemas["LambdaOffering"];
    CHECK(lambda["additionalProperties"] == false);
    CHECK(lambda["properties"]["kind"]["enum"] == nlohmann::json({"lambda"}));
    CHECK(lambda["properties"]["memory_mb"]["minimum"] == 128);
    CHECK(lambda["properties"]["memory_mb"]["maximum"] == 10240);
    CHECK(lambda["properties"]["arch"]["enum"] == nlohmann::json({"x86_64", "arm64"}));
    CHECK(schemas["VmOffering"]["required"] == nlohmann::json({"kind", "instance"}));
    CHECK(schemas["VmOffering"]["properties"]["target_utilization"]["exclusiveMinimum"] == true);
    CHECK_THROWS_AS(openapi_with_offering_kinds("[]"), ParseError);
}

TEST_CASE("kinds: Offering's answers come from the descriptor") {
    const Offering fleet{"", VmFleetConfig{.provider = "gcp", .instance = "e2-small", .count = 2}};
    CHECK(std::string(fleet.kind()) == "vm");
    CHECK(fleet.provider() == "gcp");
    CHECK(fleet.region() == "us-central1");  // the provider's default region
    CHECK(fleet.effective_id() == "vm-gcp-us-central1-e2-small");
    CHECK(fleet.default_label() == "GCP e2-small x2");
    CHECK_FALSE(fleet.usage_priced());
    const Offering lambda{"", LambdaConfig{.arch = Architecture::arm64, .memory_mb = 1024}};
    CHECK(lambda.provider() == "aws");
    CHECK(lambda.default_label(true) == "Lambda arm64 1024 MB");
    CHECK(lambda.default_label(false) == "Lambda arm64");
    CHECK(lambda.usage_priced());
    const Offering named{"mine", CloudRunConfig{}, "My function"};
    CHECK(named.effective_id() == "mine");
    CHECK(named.default_label() == "My function");
}

TEST_CASE("kinds: a dotted field is read from and written to its group's nested object") {
    // The VM fleet's "scaling" group: mode, max_instances, the delays and a 168-item list.
    nlohmann::json offering = {{"kind", "vm"}, {"instance", "t3.micro"}, {"min_instances", 2}};
    offering["scaling"] = {{"mode", "autoscale"}, {"max_instances", 8}, {"scale_out_delay_s", 120}};
    const nlohmann::json doc = {{"workload", {{"requests_per_month", 3e6}, {"duration_ms", 120}}},
                                {"offering", offering}};
    const Scenario s = parse_scenario(doc.dump(), ScenarioShape::one_offering);
    const auto& vm = std::get<VmFleetConfig>(s.offerings.at(0).config);
    CHECK(vm.scaling.mode == ScalingMode::autoscale);
    CHECK(vm.scaling.max_instances == 8);
    CHECK(vm.scaling.scale_out_delay_s == 120);
    CHECK(vm.scaling.scale_in_delay_s == 900);  // the default (wave2-facts 1.1.7)
    const auto written = nlohmann::json::parse(to_json(s));
    const auto& scaling = written["offerings"][0]["scaling"];
    CHECK(scaling["mode"] == "autoscale");
    CHECK(scaling["max_instances"] == 8);
    CHECK(scaling["scale_out_delay_s"] == 120);
    CHECK_FALSE(scaling.contains("instances"));  // unset: left out
    CHECK_FALSE(written["offerings"][0].contains("scaling.mode"));

    // Errors name the whole path.
    nlohmann::json bad = offering;
    bad["scaling"]["mode"] = "elastic";
    CHECK(error_field(bad) == "offering.scaling.mode");
    bad = offering;
    bad["scaling"]["max"] = 3;
    CHECK(error_field(bad) == "offering.scaling.max");  // unknown key of the group
    bad = offering;
    bad["scaling"] = "autoscale";
    CHECK(error_field(bad) == "offering.scaling");  // the group must be an object
    bad = offering;
    bad["scaling"]["max_instances"] = 1;  // below min_instances 2
    CHECK(error_field(bad) == "offering.scaling.max_instances");
    bad = offering;
    bad["scaling"]["scale_in_delay_s"] = 3601;  // at most an hour
    CHECK(error_field(bad) == "offering.scaling.scale_in_delay_s");
}

TEST_CASE("kinds: a list field takes exactly its length of items within the bounds, each error naming the item") {
    nlohmann::json offering = {{"kind", "vm"}, {"instance", "t3.micro"}};
    offering["scaling"] = {{"mode", "schedule"}, {"instances", std::vector<int>(168, 2)}};
    CHECK(error_field(offering) == "(valid)");
    nlohmann::json bad = offering;
    bad["scaling"]["instances"] = std::vector<int>(167, 2);
    CHECK(error_field(bad) == "offering.scaling.instances");
    bad["scaling"]["instances"] = std::vector<int>(169, 2);
    CHECK(error_field(bad) == "offering.scaling.instances");
    bad = offering;
    bad["scaling"]["instances"][3] = 1.5;  // whole instances
    CHECK(error_field(bad) == "offering.scaling.instances[3]");
    bad["scaling"]["instances"][3] = 10001;  // OfferingLimits::fleet_schedule_instances
    CHECK(error_field(bad) == "offering.scaling.instances[3]");
    bad["scaling"]["instances"][3] = "2";
    CHECK(error_field(bad) == "offering.scaling.instances[3]");
    bad = offering;
    bad["scaling"]["mode"] = "static";  // a schedule's counts only with mode schedule
    CHECK(error_field(bad) == "offering.scaling.instances");

    // Published: a list of 168 integers in [0, 10000], in the group "scaling"; the OpenAPI schema
    // nests it as an array property of the "scaling" object.
    const auto kinds = nlohmann::json::parse(offering_kinds_to_json());
    nlohmann::json field;
    for (const auto& k : kinds["kinds"])
        if (k["name"] == "vm")
            for (const auto& f : k["fields"])
                if (f["name"] == "scaling.instances") field = f;
    CHECK(field["type"] == "list");
    CHECK(field["group"] == "scaling");
    CHECK(field["items"] == "integer");
    CHECK(field["min_items"] == 168);
    CHECK(field["max_items"] == 168);
    CHECK(field["maximum"] == 10000);
    CHECK(field["flag"] == "--schedule-instances");
    const auto doc = nlohmann::json::parse(
        openapi_with_offering_kinds(R"({"openapi": "3.0.3", "components": {"schemas": {"Offering": {}}}})"));
    const auto& scaling = doc["components"]["schemas"]["VmOffering"]["properties"]["scaling"];
    CHECK(scaling["type"] == "object");
    CHECK(scaling["additionalProperties"] == false);
    CHECK(scaling["properties"]["mode"]["enum"] == nlohmann::json({"static", "schedule", "autoscale"}));
    CHECK(scaling["properties"]["instances"]["type"] == "array");
    CHECK(scaling["properties"]["instances"]["items"]["type"] == "integer");
    CHECK(scaling["properties"]["instances"]["maxItems"] == 168);
}

TEST_CASE("kinds: a field's quick check (FieldInfo::passes) agrees with the full check on every sample value") {
    const double nan = std::nan("");
    const double inf = HUGE_VAL;
    for (const KindInfo& kind : offering_kinds())
        for (const FieldInfo& f : kind.fields) {
            if (!f.passes || f.type == FieldType::boolean) continue;  // validate_fields skips booleans
            std::vector<FieldValue> samples;
            if (f.optional) samples.emplace_back(std::monostate{});
            switch (f.type) {
                case FieldType::integer:
                    for (double d : {f.min - 1, f.min, f.max, f.max + 1, 0.0, 1.0})
                        samples.emplace_back(static_cast<long long>(d));
                    break;
                case FieldType::number:
                    for (double d :
                         {f.min - 1, f.min, std::nextafter(f.min, inf), f.max, f.max * 2 + 1, 0.0, nan, inf, -inf})
                        samples.emplace_back(d);
                    break;
                case FieldType::text:
                    for (const char* t : {"us-east-1", "ab_c-1", "a b", "", "t3.micro", "\xc3\xa9t\xc3\xa9",
                                          "\xe2\x80\xae"
                                          "abc",
                                          "a\x07"
                                          "b",
                                          "\xff"})
                        samples.emplace_back(std::string(t));
                    samples.emplace_back(std::string(64, 'x'));
                    samples.emplace_back(std::string(65, 'x'));
                    break;
                case FieldType::choice:
                    for (std::string_view o : f.options) samples.emplace_back(std::string(o));
                    samples.emplace_back(std::string("bogus"));
                    break;
                case FieldType::list: {
                    const std::size_t n = f.list_length ? f.list_length : 3;
                    samples.emplace_back(std::vector<double>{});
                    samples.emplace_back(std::vector<double>{f.min});
                    for (double d : {f.min, f.max, f.min + 0.5, f.min - 1, f.max + 1, nan})
                        samples.emplace_back(std::vector<double>(n, d));
                    if (!f.list_length) samples.emplace_back(std::vector<double>(kMaxFieldListLength + 1, f.min));
                    break;
                }
                case FieldType::boolean: break;
            }
            for (const FieldValue& v : samples) {
                OfferingConfig config = kind.default_config();
                f.set(config, v);
                bool full = true;
                try {
                    check_field_value(f, f.get(config), "field");
                } catch (const InvalidInput&) {
                    full = false;
                }
                CHECK_MESSAGE(f.passes(f, config) == full, kind.name << "." << f.name << " sample " << v.index());
            }
        }
}
