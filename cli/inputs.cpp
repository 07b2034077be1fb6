// Flags and scenario files to library inputs. No pricing here: values are only parsed and placed.
#include "inputs.hpp"

#include "format.hpp"
#include "usage_error.hpp"

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
constexpr std::size_t kMaxCatalogBytes = 8 * 1024 * 1024;

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
    const auto fail = [&](int error) { return UsageError(where + "cannot read \"" + path + "\": " + std::strerror(error)); };
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
        throw UsageError(where + "\"" + path + "\" is larger than the limit of " + quantity(double(max_bytes)) + " bytes");
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

bool any_given(const Flags& flags, std::initializer_list<const char*> names) {
    for (const char* name : names)
        if (flags.has(name)) return true;
    return false;
}

void set(double& target, const std::optional<double>& v) {
    if (v) target = *v;
}
void set(int& target, const std::optional<int>& v) {
    if (v) target = *v;
}

Architecture architecture(const std::string& text) { return text == "arm64" ? Architecture::arm64 : Architecture::x86_64; }

FrontDoor front_door(const std::string& text) {
    if (text == "function-url") return FrontDoor::function_url;
    if (text == "http-api") return FrontDoor::http_api;
    if (text == "rest-api") return FrontDoor::rest_api;
    return FrontDoor::none;
}

PurchaseOption purchase(const std::string& text) {
    if (text == "1yr") return PurchaseOption::one_year;
    if (text == "3yr") return PurchaseOption::three_year;
    if (text == "spot") return PurchaseOption::spot;
    return PurchaseOption::on_demand;
}

ReservedPayment payment(const std::string& text) {
    if (text == "partial_upfront") return ReservedPayment::partial_upfront;
    if (text == "all_upfront") return ReservedPayment::all_upfront;
    return ReservedPayment::no_upfront;
}

void apply_lambda_flags(const Flags& flags, LambdaConfig& c, bool with_region) {
    if (with_region) {
        if (auto region = flags.text("region")) c.region = *region;
    }
    set(c.memory_mb, flags.integer("memory-mb"));
    if (auto arch = flags.choice("arch", {"x86_64", "arm64"})) c.arch = architecture(*arch);
    set(c.ephemeral_storage_mb, flags.integer("ephemeral-storage-mb"));
    if (auto door = flags.choice("front-door", {"none", "function-url", "http-api", "rest-api"}))
        c.front_door = front_door(*door);
    set(c.provisioned_concurrency, flags.integer("provisioned-concurrency"));
    if (flags.flag("no-free-tier")) c.free_tier = false;
}

/// `region_flag`: the flag that sets the fleet's region ("region" for `vm`, "vm-region" in compare).
void apply_fleet_flags(const Flags& flags, VmFleetConfig& c, const char* region_flag) {
    if (auto provider = flags.choice("provider", {"aws", "gcp", "azure", "oci", "sakura"})) c.provider = *provider;
    if (auto region = flags.text(region_flag)) c.region = *region;
    if (auto instance = flags.text("instance")) c.instance = *instance;
    if (auto count = flags.integer("count")) {
        c.count = *count;
        c.capacity_rps.reset();  // a fixed count replaces the scenario's sizing
    }
    if (auto capacity = flags.number("capacity-rps")) {
        c.capacity_rps = *capacity;
        if (!flags.has("count")) c.count.reset();
    }
    set(c.target_utilization, flags.number("target-utilization"));
    set(c.min_instances, flags.integer("min-instances"));
    set(c.hours_per_month, flags.number("hours-per-month"));
    set(c.storage_gb, flags.number("storage-gb"));
    if (auto option = flags.choice("purchase", {"on-demand", "1yr", "3yr", "spot"})) c.purchase = purchase(*option);
    if (auto option = flags.choice("payment", {"no_upfront", "partial_upfront", "all_upfront"})) c.payment = payment(*option);
    if (flags.flag("load-balancer")) c.load_balancer = true;
    if (flags.flag("no-free-tier")) c.free_tier = false;
}

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
        if ((part == "x86_64" || part == "arm64") && !spec.arch) spec.arch = architecture(part);
        else if (auto mb = whole_number(part); mb && !spec.memory_mb) spec.memory_mb = *mb;
        else ok = false;
    }
    if (!ok)
        throw UsageError("--lambda must be ARCH:MEMORY_MB, ARCH or MEMORY_MB (for example arm64:1024), got \"" + text + "\"");
    return spec;
}

template <class Config>
Config* first_of(std::vector<Offering>& offerings) {
    for (Offering& o : offerings)
        if (auto* c = std::get_if<Config>(&o.config)) return c;
    return nullptr;
}

}  // namespace

void add_common_options(po::options_description& options) {
    po::options_description group(kCommonOptionsCaption, kHelpWidth, kHelpDescriptionWidth);
    group.add_options()
        ("help", "show this help and exit")
        ("wide", po::bool_switch(), "table output without the 100-column limit (one line per row)")
        ("scenario", value("FILE"), "JSON scenario to start from (\"-\" reads stdin); flags override it")
        ("catalog", value("FILE"), "user price catalog merged over the built-in one")
        ("currency", value("USD|JPY"), "currency of the report (default USD)")
        ("jpy-per-usd", value("RATE"), "exchange rate used for conversions (default 150)")
        ("format", value("table|json|csv"), "output format (default table)");
    options.add(group);
}

void add_workload_options(po::options_description& options) {
    po::options_description group(kWorkloadOptionsCaption, kHelpWidth, kHelpDescriptionWidth);
    group.add_options()
        ("requests-per-month", value("N"), "mean monthly requests")
        ("requests-per-second", value("R"), "mean requests per second (x 2,628,000 s per month)")
        ("duration-ms", value("D"), "mean run time per request, ms (default 100)")
        ("request-kb", value("K"), "request size, KiB (default 1)")
        ("response-kb", value("K"), "response size, KiB: data transfer out (default 0)")
        ("internet-percent", value("P"), "% of responses leaving for the internet (default 100)")
        ("peak-to-mean", value("X"), "peak / mean traffic; fleets are sized for the peak (default 1)")
        ("cold-start-percent", value("P"), "% of invocations that cold-start (default 0)")
        ("init-duration-ms", value("D"), "INIT time of a cold start, ms (default 0)")
        ("cpu-ms-per-request", value("C"), "CPU time per request on one vCPU, ms (default: not given)")
        ("new-connections-per-request", value("N"), "new TCP connections per request, 0..1 (default 1)")
        ("data-out-gb-per-month", value("G"), "data out to the internet, GB a month, fixed (on top of --response-kb)");
    options.add(group);
}

void add_lambda_options(po::options_description& options, bool with_region) {
    po::options_description group("AWS Lambda", kHelpWidth, kHelpDescriptionWidth);
    if (with_region) group.add_options()("region", value("R"), "AWS region (default us-east-1)");
    group.add_options()
        ("memory-mb", value("M"), "function memory, 128..10240 MB (default 128)")
        ("arch", value("x86_64|arm64"), "architecture (default x86_64)")
        ("no-free-tier", po::bool_switch(), "price without the monthly free tier")
        ("ephemeral-storage-mb", value("S"), "/tmp storage, 512..10240 MB (default 512)")
        ("front-door", value("none|function-url|http-api|rest-api"), "HTTP front door (default none)")
        ("provisioned-concurrency", value("N"), "environments kept warm all month (default 0)");
    options.add(group);
}

void add_fleet_options(po::options_description& options, bool single_fleet) {
    po::options_description group("VM fleet", kHelpWidth, kHelpDescriptionWidth);
    group.add_options()("provider", value("aws|gcp|azure|oci|sakura"), "cloud provider of the fleet (default aws)");
    if (single_fleet) {
        group.add_options()
            ("region", value("R"), "region (default: the provider's, e.g. us-east-1, us-central1)")
            ("instance", value("T"), "instance type as in the catalog (t3.micro, e2-micro, ...)")
            ("no-free-tier", po::bool_switch(), "price without the free data-transfer allowance");
    }
    group.add_options()
        ("count", value("N"), "fixed number of instances (1..10000)")
        ("capacity-rps", value("C"), "requests/s one instance serves at 100 % (sizes the fleet)")
        ("target-utilization", value("U"), "utilisation to size for, (0, 1] (default 0.7)")
        ("min-instances", value("M"), "smallest fleet when sizing (default 1)")
        ("hours-per-month", value("H"), "hours the fleet runs, [0.001, 730] (default 730)")
        ("storage-gb", value("G"), "block storage per instance, GB-month (default 0)")
        ("purchase", value("on-demand|1yr|3yr|spot"), "purchase option, AWS only (default on-demand)")
        ("payment", value("no_upfront|partial_upfront|all_upfront"), "how a 1yr/3yr reservation is paid (default no_upfront)")
        ("load-balancer", po::bool_switch(), "an Application Load Balancer in front (AWS)");
    options.add(group);
}

void add_compare_options(po::options_description& options) {
    po::options_description group("Offerings to compare", kHelpWidth, kHelpDescriptionWidth);
    group.add_options()
        ("vm", po::value<std::vector<std::string>>()->value_name("TYPE[:N]"),
         "add a fleet of this instance type, of N instances if given (repeatable: --vm t4g.small:2 --vm t3.medium:1)")
        ("lambda", po::value<std::vector<std::string>>()->value_name("ARCH:MB"),
         "add a Lambda of this architecture and memory: arm64:1024, x86_64:512, arm64, 2048 (repeatable; "
         "replaces the default Lambda; the other Lambda flags apply to each)")
        ("vm-region", value("R"), "region of the fleets (default: --region for aws, else the provider's)")
        ("cloud-run", po::bool_switch(), "add Google Cloud Run functions (--memory-mb applies)")
        ("azure-functions", po::bool_switch(), "add Azure Functions, Consumption plan (--memory-mb applies)")
        ("cloud-run-vcpu", value("V"), "vCPU of each Cloud Run instance, 0.08..8 (default: Google's for the memory)")
        ("cloud-run-concurrency", value("N"), "requests one Cloud Run instance serves at once, 1..1000 (default 1)");
    options.add(group);
}

void add_range_options(po::options_description& options) {
    po::options_description group("Traffic range", kHelpWidth, kHelpDescriptionWidth);
    group.add_options()
        ("from-rps", value("R"), "traffic range start, requests/s (default 0; curves: 1)")
        ("to-rps", value("R"), "traffic range end, requests/s (default 1000)");
    options.add(group);
}

void add_grid_options(po::options_description& options) {
    po::options_description group("Curve grid", kHelpWidth, kHelpDescriptionWidth);
    group.add_options()
        ("points", value("N"), "grid points, 2..10000 (default 100)")
        ("scale", value("log|linear"), "grid spacing (default log)");
    options.add(group);
}

Inputs load_inputs(const Flags& flags, std::istream& in) {
    Inputs inputs;
    if (auto path = flags.text("scenario")) {
        std::string text;
        if (*path == "-") {
            text = read_stream(in, kMaxJsonBytes);
            if (in.bad()) throw UsageError("--scenario -: cannot read stdin");
        } else {
            text = read_file("--scenario", *path, kMaxJsonBytes);
        }
        const std::string name = *path == "-" ? "(stdin)" : *path;
        inputs.scenario = parse_file("--scenario " + name + ": ", [&] { return parse_scenario(text, ScenarioShape::any); });
        inputs.has_scenario = true;
    }
    if (auto path = flags.text("catalog")) {
        inputs.catalog = Catalog::builtin().merged_with(read_catalog("--catalog", *path));
    } else {
        inputs.catalog = Catalog::builtin();
    }
    if (auto currency = flags.choice("currency", {"USD", "JPY"})) inputs.scenario.currency.currency = *currency;
    set(inputs.scenario.currency.jpy_per_usd, flags.number("jpy-per-usd"));
    if (auto format = flags.choice("format", {"table", "json", "csv"}))
        inputs.format = *format == "json" ? Format::json : *format == "csv" ? Format::csv : Format::table;

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
    return inputs;
}

Catalog read_catalog(const std::string& label, const std::string& path) {
    const std::string text = read_file(label, path, kMaxCatalogBytes);
    // The library's catalog errors already name the file (its origin).
    return parse_file(label.empty() ? "" : label + ": ", [&] { return Catalog::from_json(text, path); });
}

void require_traffic(const Flags& flags, const Inputs& inputs) {
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

Offering lambda_offering(const Flags& flags, const Inputs& inputs) {
    Offering o{"", LambdaConfig{}};
    for (const Offering& candidate : inputs.scenario.offerings)
        if (std::holds_alternative<LambdaConfig>(candidate.config)) {
            o = candidate;
            break;
        }
    apply_lambda_flags(flags, std::get<LambdaConfig>(o.config), true);
    return o;
}

Offering fleet_offering(const Flags& flags, const Inputs& inputs) {
    Offering o{"", VmFleetConfig{}};
    for (const Offering& candidate : inputs.scenario.offerings)
        if (std::holds_alternative<VmFleetConfig>(candidate.config)) {
            o = candidate;
            break;
        }
    auto& fleet = std::get<VmFleetConfig>(o.config);
    apply_fleet_flags(flags, fleet, "region");
    if (fleet.instance.empty()) throw UsageError("--instance is required (for example --instance t3.micro)");
    return o;
}

std::vector<Offering> compared_offerings(const Flags& flags, const Inputs& inputs) {
    std::vector<Offering> offerings = inputs.scenario.offerings;
    const bool lambda_flags_given = any_given(flags, {"region", "memory-mb", "arch", "ephemeral-storage-mb", "front-door",
                                                      "provisioned-concurrency"});
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
        LambdaConfig lambda;
        apply_lambda_flags(flags, lambda, true);
        if (spec.arch) lambda.arch = *spec.arch;
        if (spec.memory_mb) lambda.memory_mb = *spec.memory_mb;
        Offering o{"", lambda};
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
    if (flags.flag("cloud-run") && !first_of<CloudRunConfig>(offerings)) offerings.push_back(Offering{"", CloudRunConfig{}});
    if (flags.flag("azure-functions") && !first_of<AzureFunctionsConfig>(offerings))
        offerings.push_back(Offering{"", AzureFunctionsConfig{}});
    for (const char* flag : {"cloud-run-vcpu", "cloud-run-concurrency"})
        if (flags.has(flag) && !first_of<CloudRunConfig>(offerings))
            throw UsageError("--" + std::string(flag) + " sets the Cloud Run offering: add --cloud-run");
    for (std::size_t i = 0; i < offerings.size(); ++i) {
        Offering& o = offerings[i];
        if (auto* lambda = std::get_if<LambdaConfig>(&o.config)) {
            if (i < first_added_lambda || i >= first_fleet) apply_lambda_flags(flags, *lambda, true);
        } else if (auto* fleet = std::get_if<VmFleetConfig>(&o.config)) {
            apply_fleet_flags(flags, *fleet, "vm-region");
            if (!vm_region && region && fleet->provider == "aws") fleet->region = *region;
            if (i >= first_fleet && i < end_of_fleets) {
                const VmSpec& spec = specs[i - first_fleet];
                if (spec.count) {
                    fleet->count = *spec.count;  // its own count replaces --count and --capacity-rps
                    fleet->capacity_rps.reset();
                }
            }
        } else if (auto* run = std::get_if<CloudRunConfig>(&o.config)) {
            set(run->memory_mb, flags.integer("memory-mb"));
            if (auto vcpu = flags.number("cloud-run-vcpu")) run->vcpu = *vcpu;
            if (auto concurrency = flags.integer("cloud-run-concurrency")) run->concurrency = *concurrency;
            if (flags.flag("no-free-tier")) run->free_tier = false;
        } else if (auto* azure = std::get_if<AzureFunctionsConfig>(&o.config)) {
            set(azure->memory_mb, flags.integer("memory-mb"));
            if (flags.flag("no-free-tier")) azure->free_tier = false;
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
        throw UsageError("at most " + std::to_string(CompareLimits::max_offerings) + " offerings can be compared, got " +
                         std::to_string(offerings.size()));
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
    if (last == "vcpu" && flags.has("cloud-run-vcpu")) return "--cloud-run-vcpu";
    if (last == "concurrency" && flags.has("cloud-run-concurrency")) return "--cloud-run-concurrency";
    if (field.rfind("sweep.requests_per_second", 0) == 0 && flags.has("sweep-rps")) return "--sweep-rps";
    if (last == "region" && flags.has("vm-region")) return "--vm-region";
    return "";
}

}  // namespace costsim::cli
