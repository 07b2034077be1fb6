// Strict parsing of the scenario JSON shared by the CLI and the HTTP API.
// Every error names the field (JSON path) and the rule. Schema: Design/report-schema.md.
#include <costsim/batch.hpp>
#include <costsim/json.hpp>
#include <costsim/offering_kinds.hpp>
#include <costsim/traffic_import.hpp>

#include "io/json_document.hpp"
#include "io/json_scenario_readers.hpp"
#include "io/json_writer.hpp"
#include "core/validation.hpp"

#include <costsim/detail/edit_distance.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <optional>
#include <span>

namespace costsim {
namespace {

using nlohmann::json;

using Kind = detail::JsonKind;
using Value = detail::JsonValue;
using Node = detail::JsonNode;
using Document = detail::JsonDocument;

std::string type_name(const Value& v) {
    switch (v.kind) {
        case Kind::null: return "null";
        case Kind::boolean: return "a boolean";
        case Kind::number: return "a number";
        case Kind::string: return "a string";
        case Kind::array: return "an array";
        case Kind::object: return "an object";
    }
    return "an object";
}

/// Where a value sits ("offerings[2]"), made text only for an error message.
struct Path {
    std::string_view name;  ///< "" for the document itself
    int index = -1;         ///< >= 0: element `index` of the array `name`

    [[nodiscard]] bool empty() const { return name.empty() && index < 0; }
    [[nodiscard]] std::string str() const {
        std::string s(name);
        if (index >= 0) {
            s += '[';
            s += std::to_string(index);
            s += ']';
        }
        return s;
    }
    /// "offerings[2].memory_mb"; a top-level field is just its key; an empty key reads `""`.
    [[nodiscard]] std::string field(std::string_view key) const {
        const std::string name = key.empty() ? std::string("\"\"") : std::string(key);
        return empty() ? name : str() + "." + name;
    }
};

/// Reads values of one JSON object's fields, found beforehand, with errors naming
/// "<path>.<key>" (a null value: the field is absent, the fallback is returned).
class FieldReader {
  public:
    explicit FieldReader(Path path) : path_(path) {}
    [[nodiscard]] std::string field(std::string_view key) const { return path_.field(key); }

    [[nodiscard]] double number_of(const Value* v, std::string_view key, double fallback) const {
        if (!v) return fallback;
        if (v->kind != Kind::number) throw InvalidInput(field(key), "a number", type_name(*v));
        if (!std::isfinite(v->number))
            throw InvalidInput(field(key), "a finite number", detail::format_number(v->number));
        return v->number;
    }
    [[nodiscard]] int integer_of(const Value* v, std::string_view key, int fallback, long long lo, long long hi) const {
        if (!v) return fallback;
        auto rule = [&] { return "an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]"; };
        if (v->kind != Kind::number) throw InvalidInput(field(key), rule(), type_name(*v));
        const double d = v->number;
        if (!std::isfinite(d) || d != std::floor(d) || d < double(lo) || d > double(hi))
            throw InvalidInput(field(key), rule(), detail::format_number(d));
        return static_cast<int>(d);
    }
    [[nodiscard]] bool boolean_of(const Value* v, std::string_view key, bool fallback) const {
        if (!v) return fallback;
        // "false" as a string is an error, never true (a predecessor bug).
        if (v->kind != Kind::boolean) throw InvalidInput(field(key), "true or false", type_name(*v));
        return v->boolean;
    }
    [[nodiscard]] std::string_view text_of(const Value* v, std::string_view key, std::string_view fallback,
                                           std::size_t max_len = 64) const {
        if (!v) return fallback;
        if (v->kind != Kind::string) throw InvalidInput(field(key), "a string", type_name(*v));
        // One rule for every text field: given means given; an absent field takes the default.
        if (v->text.empty())
            throw InvalidInput(field(key), "a non-empty string (omit the field for the default)", "\"\"");
        if (v->text.size() > max_len)
            throw InvalidInput(field(key), "at most " + std::to_string(max_len) + " characters",
                               std::to_string(v->text.size()) + " characters");
        return v->text;
    }
    /// A string that is one of `options` (a choice field's spellings); `v` is given.
    [[nodiscard]] std::string_view choice_of(const Value& v, std::string_view key,
                                             std::span<const std::string_view> options) const {
        auto rule = [&] {
            std::string r = "one of";
            for (std::size_t i = 0; i < options.size(); ++i) (r += i ? ", " : " ") += options[i];
            return r;
        };
        if (v.kind != Kind::string) throw InvalidInput(field(key), rule(), type_name(v));
        for (std::string_view option : options)
            if (v.text == option) return option;
        throw InvalidInput(field(key), rule(), json(std::string(v.text)).dump());
    }
    void require_given(const Value* v, std::string_view key) const {
        if (!v) throw InvalidInput(field(key), field(key) + " is required (missing field)", 0);
    }

  private:
    Path path_;
};

/// Reads the fields of one JSON object, rejecting unknown ones.
class ObjectReader : public FieldReader {
  public:
    ObjectReader(const Document& doc, const Value& v, Path path, std::initializer_list<std::string_view> allowed)
        : ObjectReader(doc, v, path, std::span<const std::string_view>(allowed.begin(), allowed.size())) {}
    ObjectReader(const Document& doc, const Value& v, Path path, std::span<const std::string_view> allowed)
        : FieldReader(path), doc_(doc), object_(v) {
        if (v.kind != Kind::object) throw InvalidInput(path.empty() ? "body" : path.str(), "an object", type_name(v));
        // nlohmann's objects were sorted maps: of several unknown keys, the first in byte order is named.
        std::optional<std::string_view> unknown;
        for (const Node& member : doc.children(v))
            if (std::find(allowed.begin(), allowed.end(), member.key) == allowed.end() &&
                (!unknown || member.key < *unknown))
                unknown = member.key;
        if (unknown) {
            const auto close =
                detail::closest_match(*unknown, std::vector<std::string>(allowed.begin(), allowed.end()));
            throw InvalidInput(field(*unknown),
                               field(*unknown) + (unknown->empty() ? " (an empty key)" : "") +
                                   " is not a known field (unknown field" +
                                   (close && !unknown->empty() ? "; did you mean " + *close + "?" : "") + ")",
                               0);
        }
    }
    [[nodiscard]] const Value* get(std::string_view key) const { return doc_.find(object_, key); }
    [[nodiscard]] bool has(std::string_view key) const { return get(key) != nullptr; }

    void require(std::string_view key) const { require_given(get(key), key); }
    [[nodiscard]] double number(std::string_view key, double fallback) const {
        return number_of(get(key), key, fallback);
    }
    [[nodiscard]] int integer(std::string_view key, int fallback, long long lo, long long hi) const {
        return integer_of(get(key), key, fallback, lo, hi);
    }
    [[nodiscard]] bool boolean(std::string_view key, bool fallback) const {
        return boolean_of(get(key), key, fallback);
    }
    [[nodiscard]] std::string text(std::string_view key, std::string_view fallback, std::size_t max_len = 64) const {
        return std::string(text_of(get(key), key, fallback, max_len));
    }
    template <class Enum>
    [[nodiscard]] Enum choice(std::string_view key, Enum fallback,
                              std::initializer_list<std::pair<std::string_view, Enum>> options) const {
        const Value* v = get(key);
        if (!v) return fallback;
        auto rule = [&] {
            std::string r = "one of";
            for (auto& [name, value] : options) {
                r += r == "one of" ? " " : ", ";
                r += name;
            }
            return r;
        };
        if (v->kind != Kind::string) throw InvalidInput(field(key), rule(), type_name(*v));
        for (auto& [name, value] : options)
            if (v->text == name) return value;
        throw InvalidInput(field(key), rule(), json(std::string(v->text)).dump());
    }

  private:
    const Document& doc_;
    const Value& object_;
};

/// workload.traffic: one of an explicit series ("requests"), an hour-of-week shape, a preset, a
/// CSV text or Azure Functions 2019 rows. Forms: Design/pricing-model.md#traffic-profiles.
TrafficProfile read_traffic(const Document& doc, const Value& j, Path path) {
    ObjectReader r(doc, j, path,
                   {"interval_s", "requests", "start_hour_of_week", "hour_of_week", "preset", "peak_to_mean", "csv",
                    "azure_functions_2019", "row"});
    const std::string field = path.str();
    constexpr std::string_view forms[] = {"requests", "hour_of_week", "preset", "csv", "azure_functions_2019"};
    std::string_view form;
    for (std::string_view f : forms)
        if (r.has(f)) {
            if (!form.empty())
                throw InvalidInput(r.field(f),
                                   "give one of " + field +
                                       ".requests, .hour_of_week, .preset, .csv or "
                                       ".azure_functions_2019, not both " +
                                       std::string(form) + " and " + std::string(f),
                                   0);
            form = f;
        }
    if (form.empty())
        throw InvalidInput(field, field + " needs one of requests, hour_of_week, preset, csv or azure_functions_2019",
                           0);
    // Each form's own fields; any other given is a mistake, named.
    const auto only = [&](std::initializer_list<std::string_view> own) {
        for (std::string_view key : {"interval_s", "start_hour_of_week", "peak_to_mean", "row"})
            if (r.has(key) && std::find(own.begin(), own.end(), key) == own.end())
                throw InvalidInput(r.field(key),
                                   "absent with " + r.field(form) + " (it does not take " + std::string(key) + ")", 0);
    };
    const auto elements = [&](std::string_view key, std::size_t max) {
        const Value& list = *r.get(key);
        if (list.kind != Kind::array) throw InvalidInput(r.field(key), "an array of numbers", type_name(list));
        if (list.size > max)
            throw LimitExceeded(r.field(key), r.field(key) + ": at most " + detail::format_quantity(double(max)) +
                                                  " intervals (got " + detail::format_quantity(double(list.size)) +
                                                  ")");
        std::vector<double> out;
        out.reserve(list.size);
        for (const Node& element : doc.children(list)) {
            if (element.value.kind != Kind::number)
                throw InvalidInput(r.field(key) + "[" + std::to_string(out.size()) + "]", "a number",
                                   type_name(element.value));
            out.push_back(element.value.number);
        }
        return out;
    };
    const auto text = [&](std::string_view key) {
        const Value& v = *r.get(key);
        if (v.kind != Kind::string) throw InvalidInput(r.field(key), "a string (the file's text)", type_name(v));
        return v.text;
    };
    TrafficProfile p;
    if (form == "requests") {
        only({"interval_s", "start_hour_of_week"});
        r.require("interval_s");
        p.interval_s = r.number("interval_s", p.interval_s);
        p.requests = elements("requests", TrafficLimits::max_intervals);
        p.start_hour_of_week = r.integer("start_hour_of_week", 0, 0, TrafficLimits::hours_per_week - 1);
        p.source = "series";
    } else if (form == "hour_of_week") {
        only({});
        const std::vector<double> multipliers = elements("hour_of_week", TrafficLimits::max_intervals);
        p = hour_of_week_profile(multipliers, field);
    } else if (form == "preset") {
        only({"peak_to_mean"});
        const Value& name = *r.get("preset");
        if (name.kind != Kind::string)
            throw InvalidInput(r.field("preset"), "one of flat, business_hours, diurnal, weekly, nightly_batch, spiky",
                               type_name(name));
        const TrafficPreset preset = traffic_preset_from_string(name.text, r.field("preset"));
        p = make_preset(preset, r.number("peak_to_mean", default_peak_to_mean(preset)), field);
    } else if (form == "csv") {
        only({});
        p = parse_traffic_csv(text("csv"), r.field("csv"));
    } else {
        only({"row", "start_hour_of_week"});
        AzureRow row;
        if (const Value* v = r.get("row")) {
            if (v->kind == Kind::string)
                row.hash_prefix = std::string(v->text);
            else
                row.index = static_cast<std::size_t>(r.integer("row", 0, 0, 1000000000));
        }
        p = parse_azure_functions_2019(text("azure_functions_2019"), row, r.field("azure_functions_2019"));
        p.start_hour_of_week = r.integer("start_hour_of_week", 0, 0, TrafficLimits::hours_per_week - 1);
    }
    p.validate(field);
    return p;
}

/// `series`: workload.traffic as read beforehand (read_plain_series), in place of the document's.
Workload read_workload(const Document& doc, const Value& j, Path path, const TrafficProfile* series = nullptr) {
    ObjectReader r(doc, j, path,
                   {"requests_per_month", "requests_per_second", "duration_ms", "request_kb", "response_kb",
                    "internet_percent", "peak_to_mean", "cold_start_percent", "init_duration_ms", "cpu_ms_per_request",
                    "new_connections_per_request", "data_out_gb_per_month", "traffic"});
    const std::string prefix = path.empty() ? "" : path.str() + ".";
    Workload w;
    std::optional<TrafficProfile> traffic;
    const std::string traffic_field = r.field("traffic");
    if (const Value* t = r.get("traffic")) {
        if (series != nullptr) {
            traffic = *series;
            traffic->validate(traffic_field);
        } else {
            traffic = read_traffic(doc, *t, Path{traffic_field});
        }
    }
    if (traffic && traffic->absolute) {
        // An explicit series gives the level; a second one beside it could only disagree.
        for (std::string_view key : {"requests_per_month", "requests_per_second"})
            if (r.has(key))
                throw InvalidInput(r.field(key),
                                   r.field(key) + " must be absent: the series in " + traffic_field +
                                       " gives the level (" + detail::format_number(traffic->requests_per_month()) +
                                       " requests a month)",
                                   0);
    } else if (r.has("requests_per_month") && r.has("requests_per_second"))
        throw InvalidInput(
            r.field("requests_per_second"),
            "give one of " + r.field("requests_per_month") + " and " + r.field("requests_per_second") + ", not both",
            0);
    const bool series_level = traffic && traffic->absolute;
    if (!series_level && !r.has("requests_per_month") && !r.has("requests_per_second"))
        throw InvalidInput(
            r.field("requests_per_month"),
            r.field("requests_per_month") + " or " + r.field("requests_per_second") + " is required (missing field)",
            0);
    if (series_level) {
        // with_traffic sets requests_per_month from the series below.
    } else if (r.has("requests_per_second")) {
        double rps = r.number("requests_per_second", 0);
        Workload::validate_requests_per_second(rps, prefix + "requests_per_second");
        w.requests_per_month = Workload::monthly_from_per_second(rps);
    } else {
        w.requests_per_month = r.number("requests_per_month", 0);
    }
    r.require("duration_ms");
    w.duration_ms = r.number("duration_ms", w.duration_ms);
    w.request_kb = r.number("request_kb", w.request_kb);
    w.response_kb = r.number("response_kb", w.response_kb);
    w.internet_percent = r.number("internet_percent", w.internet_percent);
    w.peak_to_mean = r.number("peak_to_mean", w.peak_to_mean);
    w.cold_start_percent = r.number("cold_start_percent", w.cold_start_percent);
    w.init_duration_ms = r.number("init_duration_ms", w.init_duration_ms);
    w.cpu_ms_per_request = r.number("cpu_ms_per_request", w.cpu_ms_per_request);
    w.new_connections_per_request = r.number("new_connections_per_request", w.new_connections_per_request);
    w.data_out_gb_per_month = r.number("data_out_gb_per_month", w.data_out_gb_per_month);
    if (traffic) w = w.with_traffic(std::move(*traffic));
    w.validate(prefix);
    return w;
}

/// "one of lambda, vm, ...": the kinds' names from their descriptors.
std::string kind_rule() {
    std::string rule = "one of";
    bool first = true;
    for (const KindInfo& k : offering_kinds()) {
        (rule += first ? " " : ", ") += k.name;
        first = false;
    }
    return rule;
}

std::vector<double> number_list(const Document& doc, const Value& j, std::string_view path, std::size_t max) {
    if (j.kind != Kind::array) throw InvalidInput(std::string(path), "an array of numbers", type_name(j));
    if (j.size == 0 || j.size > max)
        throw InvalidInput(std::string(path), "an array of 1 to " + detail::format_quantity(double(max)) + " numbers",
                           detail::format_quantity(double(j.size)) + " elements");
    std::vector<double> out;
    out.reserve(j.size);
    for (const Node& element : doc.children(j)) {
        if (element.value.kind != Kind::number)
            throw InvalidInput(std::string(path) + "[" + std::to_string(out.size()) + "]", "a number",
                               type_name(element.value));
        out.push_back(element.value.number);
    }
    return out;
}

/// Reads one field of an offering: `v` is its value in the offering (or in the nested object of
/// the field's group), null when absent; `r` names it.
void read_field(const Document& doc, const FieldReader& r, const FieldInfo& f, std::string_view key, const Value* v,
                OfferingConfig& config) {
    if (!v) {
        if (f.required) r.require_given(v, key);
        return;
    }
    switch (f.type) {
        case FieldType::integer:
            f.set(config, static_cast<long long>(
                              r.integer_of(v, key, 0, static_cast<long long>(f.min), static_cast<long long>(f.max))));
            break;
        case FieldType::number: f.set(config, r.number_of(v, key, 0)); break;  // bounds: validate()
        case FieldType::boolean: f.set(config, r.boolean_of(v, key, false)); break;
        case FieldType::text: f.set(config, std::string(r.text_of(v, key, ""))); break;
        case FieldType::choice: f.set(config, std::string(r.choice_of(*v, key, f.options))); break;
        case FieldType::list:  // length and items: validate()
            f.set(config, number_list(doc, *v, r.field(key), kMaxFieldListLength));
            break;
    }
}

/// The keys an offering of one kind takes, worked out once per kind from its descriptor (which
/// is constant): reading an offering then looks each member up once, with no list built and no
/// field name split per offering.
struct OfferingKeys {
    /// A top-level key: a field, or a group whose fields [first, end) are listed together.
    struct Entry {
        std::string_view name;
        std::size_t first = 0;
        std::size_t end = 0;
        bool group = false;
        std::vector<std::string_view> keys;  ///< a group's keys in its object
        /// The first entry of this name: a group named twice in the descriptor reads one object.
        std::size_t value = 0;
    };
    std::vector<Entry> entries;
    /// "kind", "id", "label" and the entries' names, as the unknown-field message lists them.
    std::vector<std::string_view> allowed;
};

OfferingKeys keys_of(const KindInfo& kind) {
    OfferingKeys k;
    k.allowed = {"kind", "id", "label"};
    const auto& fields = kind.fields;
    for (std::size_t i = 0; i < fields.size();) {
        OfferingKeys::Entry e;
        e.first = i;
        const std::string_view group = fields[i].group();
        e.group = !group.empty();
        e.name = e.group ? group : fields[i].name;
        if (e.group)
            while (i < fields.size() && fields[i].group() == group) e.keys.push_back(fields[i++].key());
        else
            ++i;
        e.end = i;
        e.value = static_cast<std::size_t>(
            std::find_if(k.entries.begin(), k.entries.end(), [&](const auto& other) { return other.name == e.name; }) -
            k.entries.begin());
        if (std::find(k.allowed.begin(), k.allowed.end(), e.name) == k.allowed.end()) k.allowed.push_back(e.name);
        k.entries.push_back(std::move(e));
    }
    return k;
}

const OfferingKeys& offering_keys(const KindInfo& kind) {
    static const std::vector<OfferingKeys> all = [] {
        std::vector<OfferingKeys> out;
        for (const KindInfo& k : offering_kinds()) out.push_back(keys_of(k));
        return out;
    }();
    return all[static_cast<std::size_t>(&kind - offering_kinds().data())];
}

/// An offering object: "kind", "id", "label" and the kind's fields, read as its descriptor says
/// (a dotted field from the nested object of its group: "scaling": {"mode": ...}).
Offering read_offering(const Document& doc, const Value& j, Path path) {
    if (j.kind != Kind::object) throw InvalidInput(path.str(), "an object", type_name(j));
    const Value* kind_value = doc.find(j, "kind");
    if (!kind_value) throw InvalidInput(path.str() + ".kind", path.str() + ".kind is required (missing field)", 0);
    if (kind_value->kind != Kind::string) throw InvalidInput(path.str() + ".kind", kind_rule(), type_name(*kind_value));
    const KindInfo* kind = find_kind(kind_value->text);
    if (!kind) throw InvalidInput(path.str() + ".kind", kind_rule(), "\"" + std::string(kind_value->text) + "\"");
    const OfferingKeys& keys = offering_keys(*kind);
    // Each member's value by entry, the last of a repeated key (as JsonDocument::find).
    constexpr std::size_t kInline = 32;
    std::array<const Value*, kInline> inline_values{};
    std::vector<const Value*> more_values;
    const Value** values = inline_values.data();
    if (keys.entries.size() > kInline) {
        more_values.assign(keys.entries.size(), nullptr);
        values = more_values.data();
    }
    const Value* id = nullptr;
    const Value* label = nullptr;
    bool unknown = false;
    for (const Node& member : doc.children(j)) {
        const std::string_view key = member.key;
        if (key == "kind") continue;
        if (key == "id") {
            id = &member.value;
            continue;
        }
        if (key == "label") {
            label = &member.value;
            continue;
        }
        const auto entry = std::find_if(keys.entries.begin(), keys.entries.end(),
                                        [&](const OfferingKeys::Entry& e) { return e.name == key; });
        if (entry == keys.entries.end()) {
            unknown = true;
            break;
        }
        values[entry - keys.entries.begin()] = &member.value;
    }
    if (unknown) (void)ObjectReader(doc, j, path, keys.allowed);  // throws, naming the first unknown key in byte order
    const FieldReader r(path);
    Offering o{std::string(r.text_of(id, "id", "")), kind->default_config(),
               std::string(r.text_of(label, "label", ""))};
    const auto& fields = kind->fields;
    for (const OfferingKeys::Entry& entry : keys.entries) {
        const Value* value = values[entry.value];
        if (!entry.group) {
            read_field(doc, r, fields[entry.first], entry.name, value, o.config);
            continue;
        }
        if (value) {
            const std::string nested_path = r.field(entry.name);
            const ObjectReader g(doc, *value, Path{nested_path}, entry.keys);
            for (std::size_t i = entry.first; i < entry.end; ++i)
                read_field(doc, g, fields[i], entry.keys[i - entry.first], g.get(entry.keys[i - entry.first]),
                           o.config);
        } else {
            for (std::size_t i = entry.first; i < entry.end; ++i)
                if (fields[i].required) r.require_given(nullptr, fields[i].name);
        }
    }
    o.validate(path.str() + ".");
    return o;
}

}  // namespace

namespace {

/// The explicit series `{"interval_s": N, "requests": [c1, ...]}` (and "start_hour_of_week"),
/// read straight into its vector: a profile file of 1,000,000 intervals then holds 8 MB, not a
/// 56-byte document node per count. Anything else (another form, a string, a malformed or
/// unusual number) returns nullopt, and the document reader reads it, with its error messages.
std::optional<TrafficProfile> read_plain_series(std::string_view text) {
    std::size_t at = 0;
    const auto skip = [&] {
        while (at < text.size() && (text[at] == ' ' || text[at] == '\n' || text[at] == '\r' || text[at] == '\t')) ++at;
    };
    const auto take = [&](char c) {
        skip();
        if (at < text.size() && text[at] == c) {
            ++at;
            return true;
        }
        return false;
    };
    const auto number = [&]() -> std::optional<double> {
        skip();
        if (at >= text.size() || !(text[at] == '-' || (text[at] >= '0' && text[at] <= '9'))) return std::nullopt;
        double v = 0.0;
        const auto [end, ec] = std::from_chars(text.data() + at, text.data() + text.size(), v);
        if (ec != std::errc() || !std::isfinite(v)) return std::nullopt;
        at = std::size_t(end - text.data());
        return v;
    };
    TrafficProfile p;
    p.source = "series";
    bool interval = false, requests = false, start = false;
    if (!take('{')) return std::nullopt;
    do {
        skip();
        std::string_view key;
        for (std::string_view k : {"\"interval_s\"", "\"requests\"", "\"start_hour_of_week\""})
            if (text.substr(at, k.size()) == k) key = k;
        if (key.empty()) return std::nullopt;
        at += key.size();
        if (!take(':')) return std::nullopt;
        if (key == "\"requests\"") {
            if (requests || !take('[')) return std::nullopt;
            requests = true;
            if (!take(']')) {
                do {
                    const auto v = number();
                    if (!v || p.requests.size() >= TrafficLimits::max_intervals) return std::nullopt;
                    p.requests.push_back(*v);
                } while (take(','));
                if (!take(']')) return std::nullopt;
            }
        } else {
            const auto v = number();
            if (!v) return std::nullopt;
            if (key == "\"interval_s\"") {
                if (interval) return std::nullopt;
                interval = true;
                p.interval_s = *v;
            } else {
                if (start || *v != std::floor(*v) || *v < 0 || *v >= double(TrafficLimits::hours_per_week))
                    return std::nullopt;
                start = true;
                p.start_hour_of_week = static_cast<int>(*v);
            }
        }
    } while (take(','));
    if (!take('}') || !interval || !requests) return std::nullopt;
    skip();
    if (at != text.size()) return std::nullopt;
    return p;
}

}  // namespace

namespace {

/// A quick scan of a JSON text's structure, to find one member's value without a tree.
class SkeletonScan {
  public:
    explicit SkeletonScan(std::string_view text) : text_(text) {}

    /// The span [begin, end) of object `open`'s member `key` (open: the offset of its '{'), or
    /// nothing: no such member, given twice (the document reader takes the last), an escaped
    /// key, or text the scan cannot follow (the document reader then reports it).
    [[nodiscard]] std::optional<std::pair<std::size_t, std::size_t>> member(std::size_t open,
                                                                            std::string_view key) const {
        if (open >= text_.size() || text_[open] != '{') return std::nullopt;
        std::optional<std::pair<std::size_t, std::size_t>> found;
        std::size_t at = space(open + 1);
        if (at < text_.size() && text_[at] == '}') return std::nullopt;
        for (;;) {
            if (at >= text_.size() || text_[at] != '"') return std::nullopt;
            const std::size_t key_end = string_end(at);
            if (key_end == npos) return std::nullopt;
            const std::string_view name = text_.substr(at + 1, key_end - at - 2);
            if (name.find('\\') != std::string_view::npos) return std::nullopt;
            at = space(key_end);
            if (at >= text_.size() || text_[at] != ':') return std::nullopt;
            const std::size_t begin = space(at + 1);
            const std::size_t end = value_end(begin);
            if (end == npos) return std::nullopt;
            if (name == key) {
                if (found) return std::nullopt;
                found = {begin, end};
            }
            at = space(end);
            if (at < text_.size() && text_[at] == ',') {
                at = space(at + 1);
                continue;
            }
            if (at < text_.size() && text_[at] == '}') return found;
            return std::nullopt;
        }
    }
    [[nodiscard]] std::size_t space(std::size_t at) const {
        while (at < text_.size() && (text_[at] == ' ' || text_[at] == '\n' || text_[at] == '\r' || text_[at] == '\t'))
            ++at;
        return at;
    }

  private:
    static constexpr std::size_t npos = std::string_view::npos;
    /// After the string starting at `at` (its '"'), or npos.
    [[nodiscard]] std::size_t string_end(std::size_t at) const {
        for (++at; at < text_.size(); ++at) {
            if (text_[at] == '\\')
                ++at;
            else if (text_[at] == '"')
                return at + 1;
        }
        return npos;
    }
    /// After the value starting at `at`, or npos. Containers by their brackets, strings skipped.
    [[nodiscard]] std::size_t value_end(std::size_t at) const {
        if (at >= text_.size()) return npos;
        if (text_[at] == '"') return string_end(at);
        if (text_[at] != '{' && text_[at] != '[') {
            const std::size_t end = text_.find_first_of(",}] \t\r\n", at);
            return end == at ? npos : (end == npos ? text_.size() : end);
        }
        std::size_t depth = 0;
        for (; at < text_.size(); ++at) {
            const char c = text_[at];
            if (c == '"') {
                at = string_end(at);
                if (at == npos) return npos;
                --at;
            } else if (c == '{' || c == '[') {
                ++depth;
            } else if ((c == '}' || c == ']') && --depth == 0) {
                return at + 1;
            }
        }
        return npos;
    }

    std::string_view text_;
};

/// At most how many values a JSON text holds (its commas and containers outside strings, plus one).
std::size_t value_count_bound(std::string_view text) {
    std::size_t count = 1;
    bool in_string = false, escaped = false;
    for (char c : text) {
        if (in_string) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == ',' || c == '[' || c == '{') {
            ++count;
        }
    }
    return count;
}

/// Where workload.traffic's value lies in a scenario's text, if a quick scan can tell.
std::optional<std::pair<std::size_t, std::size_t>> traffic_span(std::string_view text) {
    const SkeletonScan scan(text);
    const auto workload = scan.member(scan.space(0), "workload");
    if (!workload) return std::nullopt;
    const auto traffic = scan.member(workload->first, "traffic");
    if (!traffic || text[traffic->first] != '{') return std::nullopt;
    return traffic;
}

}  // namespace

TrafficProfile parse_traffic(std::string_view text, const std::string& field) {
    // within the limit the document reader applies to the same text
    if (std::optional<TrafficProfile> p =
            text.size() <= TrafficImportLimits::max_text_bytes ? read_plain_series(text) : std::nullopt) {
        p->validate(field);
        return std::move(*p);
    }
    // A profile file may hold 1,000,000 intervals: bounded like the CSV and Azure texts, not like a scenario.
    const Document doc(text, TrafficImportLimits::max_text_bytes);
    return read_traffic(doc, doc.root(), Path{field});
}

/// One uncertain input: {"distribution": "<kind>", and the kind's parameters}. A normal's min
/// and max default to the input's range [lo, hi]. Design/report-schema.md#uncertainty.
Distribution read_distribution(const Document& doc, const Value& j, const Path& path, double lo, double hi) {
    using K = Distribution::Kind;
    const std::string field = path.str();
    if (j.kind != Kind::object) throw InvalidInput(field, "an object", type_name(j));
    const Value* kind = doc.find(j, "distribution");
    if (!kind) throw InvalidInput(field + ".distribution", field + ".distribution is required (missing field)", 0);
    static constexpr std::pair<std::string_view, K> kinds[] = {
        {"fixed", K::fixed},   {"uniform", K::uniform},     {"triangular", K::triangular},
        {"normal", K::normal}, {"lognormal", K::lognormal}, {"empirical", K::empirical}};
    const auto* found = std::find_if(std::begin(kinds), std::end(kinds), [&](const auto& k) {
        return kind->kind == Kind::string && kind->text == k.first;
    });
    if (found == std::end(kinds))
        throw InvalidInput(field + ".distribution", "one of fixed, uniform, triangular, normal, lognormal, empirical",
                           kind->kind == Kind::string ? json(std::string(kind->text)).dump() : type_name(*kind));
    Distribution d{.kind = found->second};
    auto keys = [&](std::initializer_list<std::string_view> own) { return ObjectReader(doc, j, path, own); };
    switch (d.kind) {
        case K::fixed: {
            const ObjectReader r = keys({"distribution", "value"});
            r.require("value");
            d.value = r.number("value", 0);
            break;
        }
        case K::uniform: {
            const ObjectReader r = keys({"distribution", "min", "max"});
            r.require("min");
            r.require("max");
            d.min = r.number("min", 0);
            d.max = r.number("max", 0);
            break;
        }
        case K::triangular: {
            const ObjectReader r = keys({"distribution", "min", "mode", "max"});
            for (std::string_view k : {"min", "mode", "max"}) r.require(k);
            d.min = r.number("min", 0);
            d.mode = r.number("mode", 0);
            d.max = r.number("max", 0);
            break;
        }
        case K::normal: {
            const ObjectReader r = keys({"distribution", "mean", "sd", "min", "max"});
            r.require("mean");
            r.require("sd");
            d.mean = r.number("mean", 0);
            d.sd = r.number("sd", 0);
            d.min = r.number("min", lo);
            d.max = r.number("max", hi);
            break;
        }
        case K::lognormal: {
            const ObjectReader r = keys({"distribution", "p50", "p95"});
            r.require("p50");
            r.require("p95");
            d.p50 = r.number("p50", 0);
            d.p95 = r.number("p95", 0);
            break;
        }
        case K::empirical: {
            const ObjectReader r = keys({"distribution", "values"});
            r.require("values");
            d.values = number_list(doc, *r.get("values"), field + ".values", MonteCarloLimits::max_empirical_values);
            break;
        }
    }
    d.validate(field, lo, hi);
    return d;
}

/// "uncertainty": {"samples", "seed", "current", "horizon_months", "inputs": {...}}.
MonteCarloOptions read_uncertainty(const Document& doc, const Value& j) {
    ObjectReader r(doc, j, Path{"uncertainty"}, {"samples", "seed", "current", "horizon_months", "inputs"});
    MonteCarloOptions o;
    o.samples = static_cast<std::size_t>(
        r.integer("samples", static_cast<int>(o.samples), 1, static_cast<long long>(MonteCarloLimits::max_samples)));
    if (const Value* seed = r.get("seed")) {
        // integers a JSON number carries exactly
        constexpr double max_seed = 9007199254740991.0;  // 2^53 - 1
        if (seed->kind != Kind::number || seed->number != std::floor(seed->number) || seed->number < 0 ||
            seed->number > max_seed)
            throw InvalidInput("uncertainty.seed", "an integer in [0, 9007199254740991]",
                               seed->kind == Kind::number ? detail::format_number(seed->number) : type_name(*seed));
        o.seed = static_cast<std::uint64_t>(seed->number);
    }
    if (r.has("current")) o.current_id = r.text("current", "", 128);
    UncertainInputs& in = o.inputs;
    if (const Value* inputs = r.get("inputs")) {
        const ObjectReader ir(doc, *inputs, Path{"uncertainty.inputs"},
                              {"requests_per_second", "requests_per_month", "duration_ms", "response_kb",
                               "cold_start_percent", "growth_percent_per_month"});
        if (ir.has("requests_per_second") && ir.has("requests_per_month"))
            throw InvalidInput("uncertainty.inputs.requests_per_month",
                               "give requests_per_second or requests_per_month, not both", 0);
        auto read = [&](std::string_view name, std::optional<Distribution>& out) {
            const Value* v = ir.get(name);
            if (!v) return;
            const std::string field = ir.field(name);
            const auto range = uncertain_input_range(name);
            out = read_distribution(doc, *v, Path{field}, range->first, range->second);
        };
        if (const Value* rps = ir.get("requests_per_second")) {
            // per second, bounded as such, then scaled to the month (Distribution::scaled)
            const auto range = uncertain_input_range("requests_per_month");
            const std::string field = ir.field("requests_per_second");
            const Distribution d = read_distribution(doc, *rps, Path{field}, range->first / kSecondsPerMonth,
                                                     range->second / kSecondsPerMonth);
            in.requests_per_month = d.scaled(kSecondsPerMonth);
        }
        read("requests_per_month", in.requests_per_month);
        read("duration_ms", in.duration_ms);
        read("response_kb", in.response_kb);
        read("cold_start_percent", in.cold_start_percent);
        read("growth_percent_per_month", in.growth_percent_per_month);
    }
    in.horizon_months =
        r.integer("horizon_months", in.growth_percent_per_month ? 12 : 1, 1, MonteCarloLimits::max_horizon_months);
    return o;
}

namespace {

/// The scenario's top-level fields; a batch line may also carry its "id".
constexpr std::string_view kScenarioKeys[] = {"workload",       "offering",    "offerings", "currency",
                                              "jpy_per_usd",    "range",       "grid",      "sweep",
                                              "include_series", "uncertainty", "flip",      "id"};

Scenario read_scenario(const Document& doc, ScenarioShape shape, bool with_id, const TrafficProfile* series = nullptr);

}  // namespace

Scenario parse_scenario(std::string_view text, ScenarioShape shape, std::size_t max_bytes) {
    if (text.size() > kMaxJsonBytes && text.size() <= max_bytes) {
        // A long workload.traffic series (1,000,000 counts in 2-8 MB) is read straight into its
        // vector: 8 bytes a count, not a document node (56 bytes) or nlohmann's tree (~180 bytes).
        // The rest of the scenario is read as usual, from the text with the series blanked out
        // (same length: byte positions in errors stay true).
        if (const auto span = traffic_span(text)) {
            const auto [begin, end] = *span;
            if (std::optional<TrafficProfile> series = read_plain_series(text.substr(begin, end - begin))) {
                std::string rest(text);
                std::fill(rest.begin() + static_cast<std::ptrdiff_t>(begin) + 1,
                          rest.begin() + static_cast<std::ptrdiff_t>(end) - 1, ' ');
                const Document doc(rest, max_bytes);
                return read_scenario(doc, shape, false, &*series);
            }
        }
        // Anything else is read as a document, a node per value: as many as a kMaxJsonBytes text
        // can hold, so that a long series in another form does not build a tree of millions.
        if (const std::size_t values = value_count_bound(text); values > kMaxJsonBytes / 2)
            throw LimitExceeded(
                "body", "a scenario over " + detail::format_quantity(double(kMaxJsonBytes)) + " bytes holds at most " +
                            detail::format_quantity(static_cast<double>(kMaxJsonBytes) / 2.0) +
                            " JSON values besides a workload.traffic series written as {\"interval_s\": N, "
                            "\"requests\": [plain numbers]} (at most " +
                            detail::format_quantity(double(TrafficLimits::max_intervals)) + "); this one holds up to " +
                            detail::format_quantity(double(values)));
    }
    const Document doc(text, max_bytes);
    return read_scenario(doc, shape, false);
}

Scenario parse_batch_scenario(std::string_view text, std::string& id_json) {
    const Document doc(text);
    const Value& root = doc.root();
    if (const Value* id = root.kind == Kind::object ? doc.find(root, "id") : nullptr) {
        const bool whole = id->kind == Kind::number && id->number == std::floor(id->number) &&
                           std::fabs(id->number) <= 9007199254740992.0;  // 2^53: exact in a double
        if (!(id->kind == Kind::string && id->text.size() <= BatchLimits::max_id_bytes) && !whole)
            throw InvalidInput(
                "id", "a string of at most " + std::to_string(BatchLimits::max_id_bytes) + " bytes or a whole number",
                id->kind == Kind::string ? std::to_string(id->text.size()) + " bytes" : type_name(*id));
        // The thread's writer, free until the line's report is written: no writer to set up per line.
        detail::JsonWriter& w = detail::thread_writer();
        if (id->kind == Kind::string)
            w.value(id->text);
        else
            w.value(static_cast<std::int64_t>(id->number));
        id_json.assign(w.written());
    }
    return read_scenario(doc, ScenarioShape::many_offerings, true);
}

namespace {

Scenario read_scenario(const Document& doc, ScenarioShape shape, bool with_id, const TrafficProfile* series) {
    ObjectReader r(doc, doc.root(), Path{},
                   std::span<const std::string_view>(kScenarioKeys, std::size(kScenarioKeys) - (with_id ? 0 : 1)));
    Scenario s;
    s.include_series = r.boolean("include_series", false);
    if (shape != ScenarioShape::any) r.require("workload");
    if (shape == ScenarioShape::workload_only)
        for (std::string_view key : {"offering", "offerings", "range", "grid", "sweep"})
            if (r.has(key)) throw InvalidInput(std::string(key), "absent here: this call takes only \"workload\"", 0);
    if (const Value* workload = r.get("workload")) s.workload = read_workload(doc, *workload, Path{"workload"}, series);
    if (shape == ScenarioShape::one_offering) {
        if (r.has("offerings")) throw InvalidInput("offerings", "absent here: this call prices one \"offering\"", 0);
        r.require("offering");
    }
    if (shape == ScenarioShape::many_offerings) {
        if (r.has("offering"))
            throw InvalidInput("offering", "absent here: this call takes \"offerings\", an array", 0);
        r.require("offerings");
    }
    if (r.has("offering") && r.has("offerings"))
        throw InvalidInput("offering", "give offering or offerings, not both", 0);
    if (const Value* offering = r.get("offering")) {
        s.offerings.push_back(read_offering(doc, *offering, Path{"offering"}));
        s.single_offering = true;
    }
    if (const Value* list = r.get("offerings")) {
        if (list->kind != Kind::array) throw InvalidInput("offerings", "an array", type_name(*list));
        if (list->size == 0 || list->size > CompareLimits::max_offerings)
            throw InvalidInput("offerings",
                               "an array of 1 to " + std::to_string(CompareLimits::max_offerings) + " offerings",
                               std::to_string(list->size) + " offerings");
        const auto elements = doc.children(*list);
        s.offerings.reserve(elements.size());
        for (std::size_t i = 0; i < elements.size(); ++i)
            s.offerings.push_back(read_offering(doc, elements[i].value, Path{"offerings", static_cast<int>(i)}));
        // At most 20 offerings: comparing with each earlier id beats building a set.
        std::vector<std::string> ids;
        ids.reserve(s.offerings.size());
        for (std::size_t i = 0; i < s.offerings.size(); ++i) {
            std::string id = s.offerings[i].effective_id();
            if (std::find(ids.begin(), ids.end(), id) != ids.end())
                throw InvalidInput("offerings[" + std::to_string(i) + "].id",
                                   "unique: \"" + id + "\" is used twice; set distinct ids", 0);
            ids.push_back(std::move(id));
        }
    }
    s.currency.currency = r.choice<std::string_view>("currency", "USD", {{"USD", "USD"}, {"JPY", "JPY"}});
    s.currency.jpy_per_usd = r.number("jpy_per_usd", kDefaultJpyPerUsd);
    s.currency.validate();
    if (const Value* range = r.get("range")) {
        ObjectReader rr(doc, *range, Path{"range"}, {"from_rps", "to_rps"});
        s.range.from_rps = rr.number("from_rps", s.range.from_rps);
        s.range.to_rps = rr.number("to_rps", s.range.to_rps);
        s.range.validate("range.");
        s.has_range = true;
    }
    if (const Value* grid = r.get("grid")) {
        ObjectReader g(doc, *grid, Path{"grid"}, {"from_rps", "to_rps", "points", "scale"});
        s.grid.range.from_rps = g.number("from_rps", s.grid.range.from_rps);
        s.grid.range.to_rps = g.number("to_rps", s.grid.range.to_rps);
        s.grid.points = g.integer("points", s.grid.points, CurveLimits::min_points, CurveLimits::max_points);
        s.grid.log_spaced = g.choice("scale", true, {{"log", true}, {"linear", false}});
        s.grid.validate("grid.");
        s.has_grid = true;
    }
    if (const Value* sweep = r.get("sweep")) {
        ObjectReader g(doc, *sweep, Path{"sweep"}, {"requests_per_second", "duration_ms", "memory_mb"});
        g.require("requests_per_second");
        s.sweep.requests_per_second =
            number_list(doc, *g.get("requests_per_second"), "sweep.requests_per_second", 10000);
        if (const Value* durations = g.get("duration_ms"))
            s.sweep.duration_ms = number_list(doc, *durations, "sweep.duration_ms", 1000);
        else
            s.sweep.duration_ms = {s.workload.duration_ms};
        if (const Value* memory = g.get("memory_mb")) {
            for (double m : number_list(doc, *memory, "sweep.memory_mb", 1000)) {
                if (m != std::floor(m) || m < 1 || m > OfferingLimits::max_memory_mb)
                    throw InvalidInput("sweep.memory_mb[" + std::to_string(s.sweep.memory_mb.size()) + "]",
                                       "an integer in [1, " + std::to_string(OfferingLimits::max_memory_mb) + "]",
                                       detail::format_number(m));
                s.sweep.memory_mb.push_back(static_cast<int>(m));
            }
        }
        s.sweep.validate("sweep.");
        s.has_sweep = true;
    }
    if (const Value* u = r.get("uncertainty")) {
        s.uncertainty = read_uncertainty(doc, *u);
        s.has_uncertainty = true;
    }
    if (const Value* f = r.get("flip")) {
        ObjectReader fr(doc, *f, Path{"flip"}, {"low_factor", "high_factor"});
        s.flip.low_factor = fr.number("low_factor", s.flip.low_factor);
        s.flip.high_factor = fr.number("high_factor", s.flip.high_factor);
        s.has_flip = true;
    }
    return s;
}

}  // namespace

}  // namespace costsim

namespace costsim::detail {

Workload read_workload_at(const JsonDocument& doc, const JsonValue& value, std::string_view path) {
    return read_workload(doc, value, Path{path});
}

Offering read_offering_at(const JsonDocument& doc, const JsonValue& value, std::string_view path) {
    return read_offering(doc, value, Path{path});
}

}  // namespace costsim::detail
