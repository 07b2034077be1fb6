// Flags and scenario files to library inputs. No pricing here: values are only parsed and placed.
#include "inputs.hpp"

#include "format.hpp"
#include "kind_flags.hpp"
#include "usage_error.hpp"

#include <costsim/traffic_import.hpp>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fcntl.h>
#include <istream>
#include <iterator>
#include <sys/stat.h>
#include <unistd.h>

namespace costsim::cli {

namespace {

/// A user catalog may be larger than a scenario, but not unbounded.
constexpr std::size_t kMaxCatalogBytes = CatalogLimits::max_document_bytes;

/// Help layout: 100 columns; descriptions start by column 40 where the flag allows.
constexpr unsigned kHelpWidth = 100;
constexpr unsigned kHelpDescriptionWidth = 60;

/// Every value is read as text and converted strictly by Flags, which names the flag on error.
po::typed_value<std::string>* value(const char* name) { return po::value<std::string>()->value_name(name); }

/// Reads at most `max_bytes` + 1 bytes, so "too large" is detected without reading it all.
std::string read_stream(std::istream& in, std::size_t max_bytes) {
    std::string text;
    char buffer[4096];
    while (text.size() <= max_bytes) {
        in.read(buffer, sizeof buffer);
        if (in.gcount() <= 0) break;
        text.append(buffer, static_cast<std::size_t>(in.gcount()));
    }
    return text;
}

/// Reads a regular file. Anything else (a FIFO, a device, a directory) is refused before reading:
/// a FIFO without a writer would block for ever. Opened non-blocking, so opening a FIFO does not
/// wait either; the check is on the descriptor, so it holds for what is read.
std::string read_file(const std::string& flag, const std::string& path, std::size_t max_bytes) {
    const std::string where = flag.empty() ? "" : flag + ": ";
    const auto fail = [&](int error) {
        return UsageError(where + "cannot read \"" + path + "\": " + std::strerror(error));
    };
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) throw fail(errno);
    std::string text;
    struct stat info {};
    int error = ::fstat(fd, &info) == 0 ? 0 : errno;
    if (!error && !S_ISREG(info.st_mode)) {
        ::close(fd);
        throw UsageError(where + "\"" + path + "\" is not a regular file (use - to read stdin)");
    }
    char buffer[4096];
    while (!error && text.size() <= max_bytes) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) error = errno;
        if (n <= 0) break;
        text.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    if (error) throw fail(error);
    if (text.size() > max_bytes)
        throw UsageError(where + "\"" + path + "\" is larger than the limit of " + quantity(double(max_bytes)) +
                         " bytes");
    return text;
}

/// Runs `parse`, prefixing any library error with `where` (the flag and file it came from).
template <class Parse>
auto parse_file(const std::string& where, Parse parse) {
    try {
        return parse();
    } catch (const Error& e) {
        throw UsageError(where + e.what());
    }
}

void set(double& target, const std::optional<double>& v) {
    if (v) target = *v;
}
void set(int& target, const std::optional<int>& v) {
    if (v) target = *v;
}

/// Flags override a fleet's sizing as a whole, for any kind with both a "count" and a
/// "capacity_rps" field: --count without --capacity-rps drops the scenario's capacity (a fixed
/// fleet), --capacity-rps without --count drops its count (sized from traffic).
void apply_fleet_sizing_flags(const Flags& flags, const KindInfo& kind, FlagScope scope, OfferingConfig& config) {
    const FieldInfo* count = kind.field("count");
    const FieldInfo* capacity = kind.field("capacity_rps");
    if (!count || !capacity) return;
    const std::string count_flag = field_flag(kind, *count, scope), capacity_flag = field_flag(kind, *capacity, scope);
    const bool count_given = !count_flag.empty() && flags.has(count_flag);
    const bool capacity_given = !capacity_flag.empty() && flags.has(capacity_flag);
    if (count_given && !capacity_given) capacity->set(config, FieldValue{});
    if (capacity_given && !count_given) count->set(config, FieldValue{});
}

/// The descriptors of the two kinds the compare command has shorthand flags for (--lambda, --vm).
const KindInfo& lambda_kind() { return kind_of(LambdaConfig{}); }
const KindInfo& fleet_kind() { return kind_of(VmFleetConfig{}); }
bool has_own_compare_switch(const KindInfo& k) { return &k != &lambda_kind() && &k != &fleet_kind(); }

/// "2" -> 2; anything but a plain whole number of at most 9 digits -> nullopt.
std::optional<int> whole_number(std::string_view text) {
    int n = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (text.empty() || text.size() > 9 || ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return n;
}

/// One --vm value: "t4g.small" or "t4g.small:2" (type, then an optional instance count).
struct VmSpec {
    std::string type;
    std::optional<int> count;
};

VmSpec vm_spec(const std::string& text) {
    const std::size_t colon = text.rfind(':');
    if (colon == std::string::npos) return {text, std::nullopt};
    const auto count = whole_number(std::string_view(text).substr(colon + 1));
    if (colon == 0 || !count)
        throw UsageError("--vm must be TYPE or TYPE:COUNT (for example t4g.small:2), got \"" + text + "\"");
    return {text.substr(0, colon), count};
}

/// One --lambda value: "arm64:1024", "x86_64", "1024" (architecture and memory MB, either order).
struct LambdaSpec {
    std::optional<Architecture> arch;
    std::optional<int> memory_mb;
};

LambdaSpec lambda_spec(const std::string& text) {
    LambdaSpec spec;
    std::size_t start = 0;
    bool ok = !text.empty();
    while (ok && start <= text.size()) {
        std::size_t end = text.find(':', start);
        if (end == std::string::npos) end = text.size();
        const std::string part = text.substr(start, end - start);
        start = end + 1;
        if (const auto arch = from_spelling<Architecture>(part); arch && !spec.arch)
            spec.arch = *arch;
        else if (auto mb = whole_number(part); mb && !spec.memory_mb)
            spec.memory_mb = *mb;
        else
            ok = false;
    }
    if (!ok)
        throw UsageError("--lambda must be ARCH:MEMORY_MB, ARCH or MEMORY_MB (for example arm64:1024), got \"" + text +
                         "\"");
    return spec;
}

bool is_preset_name(const std::string& name) {
    for (TrafficPreset p : {TrafficPreset::flat, TrafficPreset::business_hours, TrafficPreset::diurnal,
                            TrafficPreset::weekly, TrafficPreset::nightly_batch, TrafficPreset::spiky})
        if (name == to_string(p)) return true;
    return false;
}

/// --profile: a preset's name, else a file (JSON, CSV or Azure 2019 rows).
TrafficProfile read_profile(const Flags& flags, const std::string& spec) {
    const auto format_flag = flags.choice("profile-format", {"json", "csv", "azure-2019"});
    if (is_preset_name(spec) && !format_flag) {
        if (flags.has("profile-row")) throw UsageError("--profile-row is for an Azure 2019 file, not a preset");
        const TrafficPreset preset = traffic_preset_from_string(spec, "--profile");
        const double peak = flags.number("profile-peak-to-mean").value_or(default_peak_to_mean(preset));
        // make_preset names "<field>.peak_to_mean": the flag that set it.
        return parse_file("", [&] {
            try {
                return make_preset(preset, peak, "--profile");
            } catch (const InvalidInput& e) {
                std::string message = e.what();
                message.replace(0, std::string("--profile.peak_to_mean").size(), "--profile-peak-to-mean");
                throw UsageError(message);
            }
        });
    }
    if (flags.has("profile-peak-to-mean"))
        throw UsageError("--profile-peak-to-mean is for a preset (--profile business_hours), not a file");
    if (spec.find_first_of("./") == std::string::npos && ::access(spec.c_str(), F_OK) != 0)
        throw UsageError(
            "--profile \"" + spec +
            "\" is neither a preset (flat, business_hours, diurnal, weekly, nightly_batch, spiky) nor a file");
    const std::string text = read_file("--profile", spec, TrafficImportLimits::max_text_bytes);
    const TrafficFileFormat format =
        format_flag ? *traffic_file_format_named(*format_flag) : guess_traffic_file_format(text);
    if (flags.has("profile-row") && format != TrafficFileFormat::azure_functions_2019)
        throw UsageError("--profile-row is for an Azure 2019 file (--profile-format azure-2019)");
    const std::string field = "--profile " + spec;
    switch (format) {
        case TrafficFileFormat::json: return parse_file(field + ": ", [&] { return parse_traffic(text, "traffic"); });
        case TrafficFileFormat::csv: return parse_file("", [&] { return parse_traffic_csv(text, field); });
        case TrafficFileFormat::azure_functions_2019: break;
    }
    const AzureRow row = AzureRow::parse(flags.text("profile-row").value_or(""));
    return parse_file("", [&] { return parse_azure_functions_2019(text, row, field, "--profile-row"); });
}

template <class Config>
Config* first_of(std::vector<Offering>& offerings) {
    for (Offering& o : offerings)
        if (auto* c = std::get_if<Config>(&o.config)) return c;
    return nullptr;
}

}  // namespace

std::string read_input_stream(std::istream& in, std::size_t max_bytes) { return read_stream(in, max_bytes); }

std::string read_input_file(const std::string& flag, const std::string& path, std::size_t max_bytes) {
    return read_file(flag, path, max_bytes);
}

void add_common_options(po::options_description& options) {
    po::options_description group(kCommonOptionsCaption, kHelpWidth, kHelpDescriptionWidth);
    group.add_options()("help", "show this help and exit")(
        "wide", po::bool_switch(), "table output without the 100-column limit (one line per row)")(
        "scenario", value("FILE"), "JSON scenario to start from (\"-\" reads stdin); flags override it")(
        "catalog", value("FILE"), "user price catalog merged over the built-in one")(
        "currency", value("USD|JPY"), "currency of the report (default USD)")(
        "jpy-per-usd", value("RATE"), "exchange rate used for conversions (default 150)")(
        "format", value("table|json|csv"), "output format (default table)")(
        "series", po::bool_switch(),
        "bills under a traffic profile carry their per-interval series (instances, ...) in json and csv");
    options.add(group);
}

void add_workload_options(po::options_description& options) {
    po::options_description group(kWorkloadOptionsCaption, kHelpWidth, kHelpDescriptionWidth);
    group.add_options()("requests-per-month", value("N"), "mean monthly requests")(
        "requests-per-second", value("R"), "mean requests per second (x 2,628,000 s per month)")(
        "duration-ms", value("D"), "mean run time per request, ms (default 100)")(
        "request-kb", value("K"), "request size, KiB (default 1)")("response-kb", value("K"),
                                                                   "response size, KiB: data transfer out (default 0)")(
        "internet-percent", value("P"), "% of responses leaving for the internet (default 100)")(
        "peak-to-mean", value("X"), "peak / mean traffic; fleets are sized for the peak (default 1)")(
        "cold-start-percent", value("P"), "% of invocations that cold-start (default 0)")(
        "init-duration-ms", value("D"), "INIT time of a cold start, ms (default 0)")(
        "cpu-ms-per-request", value("C"), "CPU time per request on one vCPU, ms (default: not given)")(
        "new-connections-per-request", value("N"), "new TCP connections per request, 0..1 (default 1)")(
        "data-out-gb-per-month", value("G"), "data out to the internet, GB a month, fixed (on top of --response-kb)")(
        "profile", value("PRESET|FILE"),
        "traffic over time: flat, business_hours, diurnal, weekly, nightly_batch, spiky, or a file (a series "
        "sets the level)")("profile-format", value("json|csv|azure-2019"),
                           "the --profile file's format (default: guessed from its text)")(
        "profile-peak-to-mean", value("X"), "the preset's peak / mean (default per preset)")(
        "profile-row", value("N|HASH"), "the Azure 2019 file's row: 0-based index or HashFunction prefix");
    options.add(group);
}

void add_kind_options(po::options_description& options, const KindInfo& kind) {
    po::options_description group(std::string(kind.label), kHelpWidth, kHelpDescriptionWidth);
    std::vector<std::string> taken;
    add_kind_flags(group, kind, FlagScope::own_command, taken);
    options.add(group);
}

void add_compared_offering_options(po::options_description& options) {
    std::vector<std::string> taken;
    po::options_description lambda(std::string(lambda_kind().label), kHelpWidth, kHelpDescriptionWidth);
    add_kind_flags(lambda, lambda_kind(), FlagScope::compare, taken);
    options.add(lambda);

    po::options_description added("Offerings to compare", kHelpWidth, kHelpDescriptionWidth);
    added.add_options()(
        "vm", po::value<std::vector<std::string>>()->value_name("TYPE[:N]"),
        "add a fleet of this instance type, of N instances if given (repeatable: --vm t4g.small:2 --vm t3.medium:1)")(
        "lambda", po::value<std::vector<std::string>>()->value_name("ARCH:MB"),
        "add a Lambda of this architecture and memory: arm64:1024, x86_64:512, arm64, 2048 (repeatable; "
        "replaces the default Lambda; the other Lambda flags apply to each)");
    for (const KindInfo& k : offering_kinds())
        if (has_own_compare_switch(k)) {
            const std::string flag(k.flag_prefix), help = "add " + std::string(k.label);
            added.add_options()(flag.c_str(), po::bool_switch(), help.c_str());
            taken.push_back(flag);
        }
    options.add(added);

    po::options_description fleet(std::string(fleet_kind().label), kHelpWidth, kHelpDescriptionWidth);
    add_kind_flags(fleet, fleet_kind(), FlagScope::compare, taken);
    options.add(fleet);
    for (const KindInfo& k : offering_kinds())
        if (has_own_compare_switch(k)) {
            po::options_description group(std::string(k.label), kHelpWidth, kHelpDescriptionWidth);
            add_kind_flags(group, k, FlagScope::compare, taken);
            if (!group.options().empty()) options.add(group);
        }
}

void add_range_options(po::options_description& options) {
    po::options_description group("Traffic range", kHelpWidth, kHelpDescriptionWidth);
    group.add_options()("from-rps", value("R"), "traffic range start, requests/s (default 0; curves: 1)")(
        "to-rps", value("R"), "traffic range end, requests/s (default 1000)");
    options.add(group);
}

void add_grid_options(po::options_description& options) {
    po::options_description group("Curve grid", kHelpWidth, kHelpDescriptionWidth);
    group.add_options()("points", value("N"), "grid points, 2..10000 (default 100)")("scale", value("log|linear"),
                                                                                     "grid spacing (default log)");
    options.add(group);
}

Inputs load_inputs(const Flags& flags, std::istream& in) {
    Inputs inputs;
    if (auto path = flags.text("scenario")) {
        std::string text;
        if (*path == "-") {
            text = read_stream(in, kMaxScenarioBytes);
            if (in.bad()) throw UsageError("--scenario -: cannot read stdin");
        } else {
            text = read_file("--scenario", *path, kMaxScenarioBytes);
        }
        const std::string name = *path == "-" ? "(stdin)" : *path;
        inputs.scenario = parse_file("--scenario " + name + ": ",
                                     [&] { return parse_scenario(text, ScenarioShape::any, kMaxScenarioBytes); });
        inputs.has_scenario = true;
    }
    if (auto path = flags.text("catalog")) {
        inputs.catalog = Catalog::builtin().merged_with(read_catalog("--catalog", *path));
    } else {
        inputs.catalog = Catalog::builtin();
    }
    if (auto currency = flags.choice("currency", {"USD", "JPY"})) inputs.scenario.currency.currency = *currency;
    set(inputs.scenario.currency.jpy_per_usd, flags.number("jpy-per-usd"));
    if (auto format = flags.choice("format", {"table", "json", "csv"})) inputs.format = format_named(*format);
    if (flags.flag("series")) inputs.scenario.include_series = true;

    Workload& w = inputs.scenario.workload;
    if (flags.has("requests-per-month") && flags.has("requests-per-second"))
        throw UsageError("--requests-per-month and --requests-per-second are exclusive: give one");
    set(w.requests_per_month, flags.number("requests-per-month"));
    if (auto rps = flags.number("requests-per-second")) {
        Workload::validate_requests_per_second(*rps);  // the rate as typed, not its monthly count
        w.requests_per_month = Workload::monthly_from_per_second(*rps);
    }
    set(w.duration_ms, flags.number("duration-ms"));
    set(w.request_kb, flags.number("request-kb"));
    set(w.response_kb, flags.number("response-kb"));
    set(w.internet_percent, flags.number("internet-percent"));
    set(w.peak_to_mean, flags.number("peak-to-mean"));
    set(w.cold_start_percent, flags.number("cold-start-percent"));
    set(w.init_duration_ms, flags.number("init-duration-ms"));
    set(w.cpu_ms_per_request, flags.number("cpu-ms-per-request"));
    set(w.new_connections_per_request, flags.number("new-connections-per-request"));
    set(w.data_out_gb_per_month, flags.number("data-out-gb-per-month"));
    if (auto spec = flags.text("profile")) {
        TrafficProfile profile = read_profile(flags, *spec);
        if (profile.absolute)
            for (const char* flag : {"requests-per-month", "requests-per-second"})
                if (flags.has(flag))
                    throw UsageError("--" + std::string(flag) + ": leave it out, the series in --profile " + *spec +
                                     " gives the level (" + quantity(profile.requests_per_month()) +
                                     " requests a month)");
        w = w.with_traffic(std::move(profile));
    } else {
        for (const char* flag : {"profile-format", "profile-peak-to-mean", "profile-row"})
            if (flags.has(flag)) throw UsageError("--" + std::string(flag) + " needs --profile");
    }
    return inputs;
}

std::string read_input_text(const std::string& flag, const std::string& path, std::istream& in, std::size_t max_bytes) {
    if (path != "-") return read_file(flag, path, max_bytes);
    std::string text = read_stream(in, max_bytes);
    if (in.bad()) throw UsageError((flag.empty() ? "" : flag + " ") + "-: cannot read stdin");
    return text;
}

Catalog read_catalog(const std::string& label, const std::string& path) {
    const std::string text = read_file(label, path, kMaxCatalogBytes);
    // The library's catalog errors already name the file (its origin).
    return parse_file(label.empty() ? "" : label + ": ", [&] { return Catalog::from_json(text, path); });
}

void require_traffic(const Flags& flags, const Inputs& inputs) {
    const auto& traffic = inputs.scenario.workload.traffic;
    if (traffic && traffic->absolute) return;  // the series gives the level
    if (!inputs.has_scenario && !flags.has("requests-per-month") && !flags.has("requests-per-second"))
        throw UsageError("--requests-per-month or --requests-per-second is required (or a --scenario with a workload)");
}

std::string scenario_field(const Inputs& inputs, std::string_view kind) {
    const std::vector<Offering>& offerings = inputs.scenario.offerings;
    for (std::size_t i = 0; i < offerings.size(); ++i)
        if (offerings[i].kind() == kind)
            return inputs.scenario.single_offering ? "offering." : "offerings[" + std::to_string(i) + "].";
    return "";
}

Offering kind_offering(const Flags& flags, const Inputs& inputs, const KindInfo& kind) {
    Offering o{"", kind.default_config()};
    for (const Offering& candidate : inputs.scenario.offerings)
        if (candidate.kind() == kind.name) {
            o = candidate;
            break;
        }
    apply_kind_flags(flags, kind, FlagScope::own_command, o.config);
    apply_fleet_sizing_flags(flags, kind, FlagScope::own_command, o.config);
    for (const FieldInfo& f : kind.fields)
        if (f.required && std::holds_alternative<std::monostate>(f.get(o.config)))
            throw UsageError("--" + f.flag_name() + " is required: " + std::string(f.help));
    return o;
}

std::vector<Offering> compared_offerings(const Flags& flags, const Inputs& inputs) {
    std::vector<Offering> offerings = inputs.scenario.offerings;
    const KindInfo& lambda_info = lambda_kind();
    const bool lambda_flags_given = any_kind_flag_given(flags, lambda_info, FlagScope::compare, true);
    const std::vector<std::string> lambdas = flags.texts("lambda");
    if (lambdas.empty() && !first_of<LambdaConfig>(offerings) && (offerings.empty() || lambda_flags_given))
        offerings.insert(offerings.begin(), Offering{"", LambdaConfig{}});
    // --region is the Lambda region, and the fleets' region when they are AWS (same region codes).
    const std::optional<std::string> region = flags.text("region");
    const std::optional<std::string> vm_region = flags.text("vm-region");
    // Each --lambda is a Lambda with every Lambda flag, then its own architecture and memory.
    std::vector<std::pair<std::string, Offering>> added_lambdas;
    for (const std::string& text : lambdas) {
        const LambdaSpec spec = lambda_spec(text);
        Offering o{"", LambdaConfig{}};
        apply_kind_flags(flags, lambda_info, FlagScope::compare, o.config);
        auto& lambda = std::get<LambdaConfig>(o.config);
        if (spec.arch) lambda.arch = *spec.arch;
        if (spec.memory_mb) lambda.memory_mb = *spec.memory_mb;
        for (const auto& [earlier, other] : added_lambdas)
            if (other.effective_id() == o.effective_id())
                throw UsageError("--lambda " + text + " is the same Lambda as --lambda " + earlier);
        added_lambdas.emplace_back(text, std::move(o));
    }
    const std::size_t first_added_lambda = offerings.size();
    for (auto& [text, o] : added_lambdas) offerings.push_back(std::move(o));
    const std::size_t first_fleet = offerings.size();
    std::vector<VmSpec> specs;
    for (const std::string& text : flags.texts("vm")) {
        VmSpec spec = vm_spec(text);
        for (const VmSpec& earlier : specs)
            if (earlier.type == spec.type && (earlier.count == spec.count || !earlier.count || !spec.count))
                throw UsageError("--vm " + spec.type + " is given twice (give each its own count: --vm " + spec.type +
                                 ":1 --vm " + spec.type + ":2)");
        specs.push_back(std::move(spec));
    }
    for (const VmSpec& spec : specs) {
        VmFleetConfig fleet;
        fleet.instance = spec.type;
        offerings.push_back(Offering{"", fleet});
    }
    const std::size_t end_of_fleets = offerings.size();
    // Other kinds: --<kind> adds one (unless the scenario has one); its own flags need it.
    for (const KindInfo& k : offering_kinds()) {
        if (!has_own_compare_switch(k)) continue;
        const bool present =
            std::any_of(offerings.begin(), offerings.end(), [&](const Offering& o) { return o.kind() == k.name; });
        if (flags.flag(std::string(k.flag_prefix)) && !present) offerings.push_back(Offering{"", k.default_config()});
        if (present || flags.flag(std::string(k.flag_prefix))) continue;
        for (const FieldInfo& f : k.fields)
            if (f.compare == CompareFlag::prefixed && flags.has(field_flag(k, f, FlagScope::compare)))
                throw UsageError("--" + field_flag(k, f, FlagScope::compare) + " sets the " + std::string(k.label) +
                                 " offering: add --" + std::string(k.flag_prefix));
    }
    for (std::size_t i = 0; i < offerings.size(); ++i) {
        Offering& o = offerings[i];
        const KindInfo& kind = kind_of(o.config);
        const bool added_lambda = i >= first_added_lambda && i < first_fleet;  // flags applied above
        if (!added_lambda) apply_kind_flags(flags, kind, FlagScope::compare, o.config);
        apply_fleet_sizing_flags(flags, kind, FlagScope::compare, o.config);
        if (auto* fleet = std::get_if<VmFleetConfig>(&o.config)) {
            if (!vm_region && region && fleet->provider == "aws") fleet->region = *region;
            if (i >= first_fleet && i < end_of_fleets) {
                const VmSpec& spec = specs[i - first_fleet];
                if (spec.count) {
                    fleet->count = *spec.count;  // its own count replaces --count and --capacity-rps
                    fleet->capacity_rps.reset();
                }
            }
        }
    }
    // Two fleets of one type (their own counts) get the count in their ids, which must differ.
    for (std::size_t i = first_fleet; i < end_of_fleets; ++i)
        for (std::size_t j = first_fleet; j < end_of_fleets; ++j)
            if (i != j && specs[i - first_fleet].type == specs[j - first_fleet].type) {
                offerings[i].id = offerings[i].effective_id() + "-x" + std::to_string(*specs[i - first_fleet].count);
                break;
            }
    if (offerings.size() > CompareLimits::max_offerings)
        throw UsageError("at most " + std::to_string(CompareLimits::max_offerings) +
                         " offerings can be compared, got " + std::to_string(offerings.size()));
    return offerings;
}

TrafficRange traffic_range(const Flags& flags, const Inputs& inputs) {
    TrafficRange range = inputs.scenario.has_range ? inputs.scenario.range : TrafficRange{};
    set(range.from_rps, flags.number("from-rps"));
    set(range.to_rps, flags.number("to-rps"));
    return range;
}

CurveGrid curve_grid(const Flags& flags, const Inputs& inputs) {
    CurveGrid grid = inputs.scenario.has_grid ? inputs.scenario.grid : CurveGrid{};
    set(grid.range.from_rps, flags.number("from-rps"));
    set(grid.range.to_rps, flags.number("to-rps"));
    set(grid.points, flags.integer("points"));
    if (auto scale = flags.choice("scale", {"log", "linear"})) grid.log_spaced = *scale == "log";
    return grid;
}

std::string flag_for_field(const Flags& flags, const std::string& element_field) {
    // An element of a list is set by the list's flag: "sweep.duration_ms[1]" -> "sweep.duration_ms".
    std::string field = element_field;
    if (!field.empty() && field.back() == ']' && field.rfind('[') != std::string::npos) field.erase(field.rfind('['));
    // "sweep.memory_mb" -> --sweep-memory-mb first; then the last segment ("grid.points" -> --points).
    std::string whole = field;
    std::replace(whole.begin(), whole.end(), '.', '_');
    if (whole.find('[') == std::string::npos && flags.has(flag_name(whole).substr(2))) return flag_name(whole);
    std::string last = field.substr(field.rfind('.') == std::string::npos ? 0 : field.rfind('.') + 1);
    if (last.empty()) return "";
    const std::string flag = flag_name(last).substr(2);
    if (flags.has(flag)) return "--" + flag;
    if (last == "requests_per_month" && flags.has("requests-per-second")) return "--requests-per-second";
    if ((last == "instance" || last == "count") && flags.has("vm")) return "--vm";
    if ((last == "memory_mb" || last == "arch") && flags.has("lambda")) return "--lambda";
    if (field.rfind("sweep.requests_per_second", 0) == 0 && flags.has("sweep-rps")) return "--sweep-rps";
    // A field of a nested group ("offering.scaling.mode" -> --scaling), by its descriptor.
    for (const KindInfo& k : offering_kinds())
        for (const FieldInfo& f : k.fields) {
            if (f.group().empty() || field.size() < f.name.size() ||
                field.compare(field.size() - f.name.size(), f.name.size(), f.name) != 0)
                continue;
            for (const FlagScope scope : {FlagScope::own_command, FlagScope::compare})
                if (const std::string flag = field_flag(k, f, scope); !flag.empty() && flags.has(flag))
                    return "--" + flag;
        }
    // A kind's prefixed flag (--vm-region, --cloud-run-vcpu) for its field.
    for (const KindInfo& k : offering_kinds())
        if (const FieldInfo* f = k.field(last);
            f && f->compare == CompareFlag::prefixed && flags.has(field_flag(k, *f, FlagScope::compare)))
            return "--" + field_flag(k, *f, FlagScope::compare);
    return "";
}

}  // namespace costsim::cli
