// The commands: read inputs, call the library, render. No pricing arithmetic here.
#include "commands.hpp"

#include "batch.hpp"
#include "catalog_import.hpp"
#include "import_lambda_logs.hpp"
#include "import_trace.hpp"
#include "inputs.hpp"
#include "optimise.hpp"
#include "portfolio.hpp"
#include "render.hpp"
#include "render_catalog.hpp"
#include "render_table.hpp"
#include "uncertainty.hpp"
#include "usage_error.hpp"
#include "usage_import.hpp"

#include <costsim/detail/edit_distance.hpp>
#include <costsim/offering_kinds.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <sstream>

namespace costsim::cli {

namespace {

/// The bill in the report currency (an explicit, recorded conversion when they differ).
Bill in_currency(const Bill& bill, const CurrencyOptions& currency) {
    currency.validate();
    if (bill.currency == currency.currency) return bill;
    return convert(bill, currency.currency, currency.jpy_per_usd);
}

/// The width table views keep to: 100 columns, or none with --wide.
std::size_t table_width(const Flags& flags) { return flags.flag("wide") ? 0 : kTableWidth; }

/// Table options: the width from --wide, and the offerings' labels.
RenderOptions table_options(const Flags& flags, std::vector<std::string> labels = {}) {
    return {table_width(flags), std::move(labels)};
}

/// `with_memory`: false in a sweep over memory sizes, where the offerings' own memory is not used.
std::vector<std::string> labels_of(const std::vector<Offering>& offerings, bool with_memory = true) {
    // Two offerings with the same label (one Lambda in two regions): add the region, and if that
    // is not enough, use their ids.
    std::vector<std::string> labels;
    for (const Offering& o : offerings) labels.push_back(o.default_label(with_memory));
    auto clashes = [](const std::vector<std::string>& list, std::size_t i) {
        for (std::size_t j = 0; j < list.size(); ++j)
            if (i != j && list[i] == list[j]) return true;
        return false;
    };
    std::vector<std::string> with_region = labels;
    for (std::size_t i = 0; i < labels.size(); ++i)
        if (clashes(labels, i)) with_region[i] = labels[i] + " (" + offerings[i].region() + ")";
    for (std::size_t i = 0; i < labels.size(); ++i)
        labels[i] = clashes(with_region, i) ? offerings[i].effective_id() : with_region[i];
    return labels;
}

void describe_kind(po::options_description& options, const KindInfo& kind) {
    add_common_options(options);
    add_workload_options(options);
    add_kind_options(options, kind);
}

void describe_many(po::options_description& options) {
    add_common_options(options);
    add_workload_options(options);
    add_compared_offering_options(options);
}

void describe_compare(po::options_description& options, po::options_description&, po::positional_options_description&) {
    describe_many(options);
    add_range_options(options);
    add_chart_options(options);
}

void describe_break_even(po::options_description& options, po::options_description& hidden,
                         po::positional_options_description& p) {
    describe_compare(options, hidden, p);
}

void describe_sweep(po::options_description& options, po::options_description&, po::positional_options_description&) {
    describe_many(options);
    add_range_options(options);
    add_grid_options(options);
    add_chart_options(options);
    po::options_description parameters("Parameter sweep", 100, 60);
    parameters.add_options()("sweep-rps", po::value<std::string>()->value_name("LIST"),
                             "parameter sweep: requests/s values (1,10,100)")(
        "sweep-duration-ms", po::value<std::string>()->value_name("LIST"), "parameter sweep: durations, ms")(
        "sweep-memory-mb", po::value<std::string>()->value_name("LIST"), "parameter sweep: function memory sizes, MB");
    options.add(parameters);
}

void describe_catalog(po::options_description& options, po::options_description& hidden,
                      po::positional_options_description& positional) {
    add_common_options(options);
    po::options_description filters("catalog list", 100, 60);
    filters.add_options()("provider", po::value<std::string>()->value_name("P"), "only this provider's entries")(
        "region", po::value<std::string>()->value_name("R"), "only this region's entries");
    options.add(filters);
    hidden.add_options()("action", po::value<std::string>(), "list | show | validate")(
        "target", po::value<std::string>(), "the entry id (show) or catalog file (validate)");
    positional.add("action", 1).add("target", 1);
}

/// One bill of `kind` (`cost-sim lambda`, `cost-sim vm`, ...), with the fleet's size if it has one.
std::string run_kind(const Flags& flags, std::istream& in, const KindInfo& kind) {
    Inputs inputs = load_inputs(flags, in);
    // A usage-priced bill needs traffic; a fleet has a price with none (and a size to check).
    if (kind.billing == Billing::per_use) require_traffic(flags, inputs);
    const Offering offering = kind_offering(flags, inputs, kind);
    const CostModel model =
        CostModel::build(inputs.scenario.workload, offering, inputs.catalog, scenario_field(inputs, kind.name));
    Bill bill = in_currency(model.bill(), inputs.scenario.currency);
    keep_series(bill, inputs.scenario.include_series);
    return render(BillReport{std::move(bill), model.fleet_size()}, inputs.format,
                  table_options(flags, {offering.default_label(true)}));
}

std::string run_compare(const Flags& flags, std::istream& in) {
    Inputs inputs = load_inputs(flags, in);
    require_traffic(flags, inputs);
    const std::vector<Offering> offerings = compared_offerings(flags, inputs);
    Comparison comparison = compare(inputs.scenario.workload, offerings, inputs.catalog, inputs.scenario.currency,
                                    traffic_range(flags, inputs));
    for (ComparedOffering& r : comparison.results) keep_series(r.bill, inputs.scenario.include_series);
    write_chart_if_asked(flags, [&](ChartLanguage lang) {
        return comparison_chart(inputs, offerings, labels_of(offerings), comparison, lang);
    });
    return render(comparison, inputs.format, table_options(flags, labels_of(offerings)));
}

/// ", --cloud-run, --azure-functions or ...": the switches of the kinds compare adds with --<kind>
/// (only the usage-priced ones with `usage_priced_only`).
std::string kind_switches(bool usage_priced_only = false) {
    std::vector<std::string> names;
    for (const KindInfo& k : offering_kinds())
        if (k.flag_prefix != "lambda" && k.flag_prefix != "vm" && (!usage_priced_only || k.billing == Billing::per_use))
            names.push_back("--" + std::string(k.flag_prefix));
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) out += (i + 1 == names.size() ? " or " : ", ") + names[i];
    return out;
}

std::string run_break_even(const Flags& flags, std::istream& in) {
    Inputs inputs = load_inputs(flags, in);
    const std::vector<Offering> offerings = compared_offerings(flags, inputs);
    if (offerings.size() < 2)
        throw UsageError("break-even needs two or more offerings: add --vm TYPE" + kind_switches());
    bool usage_priced = false;
    for (const Offering& o : offerings) usage_priced = usage_priced || o.usage_priced();
    if (!usage_priced)
        throw UsageError("break-even compares a serverless offering with others: add a Lambda" + kind_switches(true));
    Comparison comparison = compare(inputs.scenario.workload, offerings, inputs.catalog, inputs.scenario.currency,
                                    traffic_range(flags, inputs));
    write_chart_if_asked(flags, [&](ChartLanguage lang) {
        return comparison_chart(inputs, offerings, labels_of(offerings), comparison, lang);
    });
    return render(BreakEvenReport{std::move(comparison)}, inputs.format, table_options(flags, labels_of(offerings)));
}

/// The parameter sweep's grid: the scenario's "sweep" block, then the --sweep-* lists.
SweepGrid sweep_grid(const Flags& flags, const Inputs& inputs) {
    SweepGrid grid = inputs.scenario.sweep;
    if (auto rps = flags.numbers("sweep-rps"); !rps.empty()) grid.requests_per_second = rps;
    if (auto durations = flags.numbers("sweep-duration-ms"); !durations.empty()) grid.duration_ms = durations;
    if (flags.has("sweep-memory-mb")) {
        grid.memory_mb.clear();
        for (double m : flags.numbers("sweep-memory-mb")) {
            if (m != std::floor(m) || m < 1 || m > 1e6)
                throw UsageError("--sweep-memory-mb must list whole numbers of MB, got " +
                                 *flags.text("sweep-memory-mb"));
            grid.memory_mb.push_back(static_cast<int>(m));
        }
    }
    if (grid.requests_per_second.empty())
        throw UsageError("--sweep-rps is required for a parameter sweep (for example --sweep-rps 1,10,100)");
    if (grid.duration_ms.empty()) grid.duration_ms = {inputs.scenario.workload.duration_ms};
    return grid;
}

std::string run_sweep(const Flags& flags, std::istream& in) {
    Inputs inputs = load_inputs(flags, in);
    const std::vector<Offering> offerings = compared_offerings(flags, inputs);
    const bool parameter_sweep = inputs.scenario.has_sweep || flags.has("sweep-rps") ||
                                 flags.has("sweep-duration-ms") || flags.has("sweep-memory-mb");
    if (parameter_sweep) {
        if (flags.has("chart"))
            throw UsageError("--chart draws cost curves over traffic: not with a parameter sweep (--sweep-*)");
        const SweepGrid grid = sweep_grid(flags, inputs);
        return render(sweep(inputs.scenario.workload, offerings, inputs.catalog, grid, inputs.scenario.currency),
                      inputs.format, table_options(flags, labels_of(offerings, grid.memory_mb.empty())));
    }
    const CurveGrid grid = curve_grid(flags, inputs);
    Curves curves = cost_curves(inputs.scenario.workload, offerings, inputs.catalog, grid, inputs.scenario.currency);
    write_chart_if_asked(flags, [&](ChartLanguage lang) {
        // The break-even points over the curves' range, to mark on them.
        const Comparison comparison =
            compare(inputs.scenario.workload, offerings, inputs.catalog, inputs.scenario.currency, grid.range);
        return traffic_cost_chart(curves, labels_of(offerings), comparison.break_even,
                                  inputs.scenario.workload.requests_per_second(), lang);
    });
    return render(std::move(curves), inputs.format, table_options(flags, labels_of(offerings)));
}

void describe_profile(po::options_description& options, po::options_description&, po::positional_options_description&) {
    add_common_options(options);
    add_workload_options(options);
}

/// `cost-sim profile`: the summary of the workload's traffic profile (--profile or the scenario's).
std::string run_profile(const Flags& flags, std::istream& in) {
    Inputs inputs = load_inputs(flags, in);
    const Workload& w = inputs.scenario.workload;
    if (!w.traffic)
        throw UsageError("--profile PRESET|FILE is required (or a --scenario whose workload has \"traffic\")");
    require_traffic(flags, inputs);  // a shape needs a level; a series gives its own
    w.validate("workload.");
    return render(summarize(*w.traffic, w.requests_per_month), inputs.format, table_options(flags));
}

/// `catalog list --provider P --region R` names a provider and region the catalog has: an unknown
/// one is a mistake (exit 2 listing the known ones), not an empty table.
void require_known_filters(const Catalog& catalog, const std::string& provider, const std::string& region) {
    const auto require = [](const char* flag, const std::string& given, const std::vector<std::string>& known,
                            const std::string& what, const char* list) {
        if (given.empty() || std::find(known.begin(), known.end(), given) != known.end()) return;
        std::string message = std::string(flag) + ": no " + what + " \"" + given + "\" in the catalog (" + list + ": " +
                              (known.empty() ? std::string("none") : detail::join(known));
        if (auto close = detail::closest_match(given, known)) message += "; did you mean " + *close + "?";
        throw UsageError(message + ")");
    };
    require("--provider", provider, catalog.providers(), "provider", "providers");
    require("--region", region, catalog.regions(provider), provider.empty() ? "region" : provider + " region",
            "regions");
}

std::string run_catalog(const Flags& flags, std::istream& in) {
    const auto action = flags.text("action");
    if (!action) throw UsageError("an action is required: catalog list | catalog show ID | catalog validate FILE");
    if (*action != "list" && *action != "show" && *action != "validate")
        throw UsageError("unknown catalog action \"" + *action +
                         "\" (list, show ID, validate FILE, import FILE... or diff OLD NEW)");
    const auto target = flags.text("target");
    if (*action == "list" && target) throw UsageError("catalog list takes no argument, got \"" + *target + "\"");
    if (*action == "show" && !target) throw UsageError("catalog show needs an entry id (see catalog list)");
    if (*action == "validate" && !target) throw UsageError("catalog validate needs a catalog FILE");
    if (*action != "list" && (flags.has("provider") || flags.has("region")))
        throw UsageError("--provider and --region filter catalog list only");

    Inputs inputs = load_inputs(flags, in);
    if (*action == "show") {
        return render(CatalogEntryReport{&inputs.catalog.at(*target, "")}, inputs.format, table_options(flags));
    }
    // validate: the user's file on its own (it throws on the first error), shown like a list.
    const bool validate = *action == "validate";
    const Catalog catalog = validate ? read_catalog("", *target) : inputs.catalog;
    const std::string provider = flags.text("provider").value_or("");
    const std::string region = flags.text("region").value_or("");
    require_known_filters(catalog, provider, region);
    return render(CatalogListReport{&catalog, provider, region, listed_entries(catalog, provider, region),
                                    validate ? *target : ""},
                  inputs.format, table_options(flags));
}

/// Examples of the kinds' own commands, where written by hand; other kinds get generated ones.
const char* const kLambdaExamples = R"(  cost-sim lambda --requests-per-month 3000000 --duration-ms 1000 --memory-mb 512
  cost-sim lambda --requests-per-second 50 --duration-ms 120 --memory-mb 1024 --arch arm64 \
      --front-door http-api --response-kb 4 --format json
  cost-sim lambda --scenario scenario.json --no-free-tier --currency JPY --jpy-per-usd 150)";

const char* const kVmExamples = R"(  cost-sim vm --instance t3.micro --count 2
  cost-sim vm --instance m7g.large --requests-per-second 400 --capacity-rps 150 --peak-to-mean 3 \
      --purchase 1yr --load-balancer
  cost-sim vm --provider gcp --instance e2-micro --count 1 --format json)";

const char* const kCompareExamples =
    R"(  cost-sim compare --requests-per-month 3000000 --duration-ms 1000 --memory-mb 512 --vm t3.micro --count 1
  cost-sim compare --requests-per-second 20 --duration-ms 80 --memory-mb 256 \
      --vm t3.small --vm t4g.small --capacity-rps 100 --cloud-run --azure-functions
  cost-sim compare --requests-per-second 5 --duration-ms 200 --lambda x86_64:512 --lambda arm64:1024 \
      --vm t4g.small:2 --vm t3.medium:1
  cost-sim compare --requests-per-second 10 --memory-mb 512 --cloud-run --cloud-run-concurrency 80
  cost-sim compare --scenario - --format json < scenario.json)";

const char* const kBreakEvenExamples =
    R"(  cost-sim break-even --duration-ms 1000 --memory-mb 512 --vm t3.micro --count 1
  cost-sim break-even --duration-ms 120 --memory-mb 1024 --vm m7g.large --capacity-rps 150 \
      --from-rps 0 --to-rps 5000 --format csv
  cost-sim break-even --scenario scenario.json --to-rps 100)";

const char* const kSweepExamples =
    R"(  cost-sim sweep --duration-ms 200 --memory-mb 512 --vm t3.micro --count 1 --from-rps 0.1 --to-rps 100 --points 20
  cost-sim sweep --scenario scenario.json --points 200 --scale linear --from-rps 0 --format csv > curves.csv
  cost-sim sweep --vm t3.small --capacity-rps 100 --sweep-rps 1,10,100 --sweep-duration-ms 50,500 \
      --sweep-memory-mb 128,1024 --format json)";

const char* const kOptimiseExamples =
    R"(  cost-sim optimise --requests-per-month 10000000 --measured 128:1000,256:400,512:220,1024:200
  cost-sim optimise --requests-per-second 20 --model-duration-ms 450 --model-memory-mb 1769 --cpu-share 0.9 \
      --max-vcpus 1 --latency-target-ms 600 --strategy latency --vm t3.small --chart memory.svg
  cost-sim optimise --requests-per-month 3000000 --power-tuning output.json --arm64-speed 1.2 --format json)";

const char* const kProfileExamples =
    R"(  cost-sim profile --profile business_hours --profile-peak-to-mean 3 --requests-per-second 20
  cost-sim profile --profile tests/data/azure-functions-2019/invocations.csv --profile-row 4
  cost-sim profile --profile day.csv --format json
  cost-sim compare --profile nightly_batch --requests-per-month 3000000 --vm t3.micro --count 1)";

const char* const kCatalogExamples = R"(  cost-sim catalog list --provider aws --region us-east-1
  cost-sim catalog show aws.lambda.us-east-1.x86_64.requests --format json
  cost-sim catalog validate my-prices.json
  cost-sim compare --catalog my-prices.json --requests-per-second 5 --vm t3.micro --count 1)";

const char* const kCatalogImportExamples =
    R"(  cost-sim catalog import AmazonEC2-us-east-1.json --family t3 --family m7g > aws-prices.json
  cost-sim catalog import AWSLambda-us-east-1.csv AmazonEC2-us-east-1.json --region us-east-1 > aws-prices.json
  cost-sim vm --catalog aws-prices.json --instance t3.micro --count 1
  curl -sG https://prices.azure.com/api/retail/prices --data-urlencode \
    "\$filter=armRegionName eq 'japaneast' and serviceName eq 'Functions'" > functions-japaneast.json
  cost-sim catalog import functions-japaneast.json --service functions > azure-prices.json)";

const char* const kImportCloudWatchExamples =
    R"(  aws cloudwatch get-metric-data --cli-input-json file://query.json > metrics.json
  cost-sim import cloudwatch metrics.json --memory-mb 512 > scenario.json
  cost-sim import cloudwatch invocations.json duration.json --memory-mb 1024 --compare --vm t3.small)";

const char* const kImportCurExamples = R"(  cost-sim import cur my-cur-00001.csv.gz
  cost-sim import cur lambda-rows.csv --format csv --no-free-tier)";

const char* const kCatalogDiffExamples = R"(  cost-sim catalog diff old-prices.json new-prices.json
  cost-sim catalog diff old-prices.json new-prices.json --format csv)";

const char* const kImportExamples = R"(  cost-sim import lambda-logs --help
  cost-sim import cloudwatch --help
  cost-sim import cur --help
  cost-sim import trace --help)";

const char* const kImportTraceExamples =
    R"(  cost-sim import trace invocations.csv --durations durations.csv --memory memory.csv --row 2 > scenario.json
  cost-sim import trace invocations.csv --durations durations.csv --function c7a3df2a --compare --vm t4g.small
  cost-sim import trace counts.csv --duration-ms 120 --memory-mb 512 > scenario.json)";

const char* const kImportLambdaLogsExamples = R"(  cost-sim import lambda-logs report-lines.txt > scenario.json
  aws logs filter-log-events --log-group-name /aws/lambda/my-fn --filter-pattern REPORT \
      | cost-sim import lambda-logs - --arch arm64 --region ap-northeast-1 > scenario.json
  cost-sim import lambda-logs export.txt --compare --vm t4g.small --count 2
  cost-sim import lambda-logs mixed.txt --memory-mb 512 --summary
  cost-sim lambda --scenario scenario.json)";

const char* const kBatchExamples = R"(  cost-sim batch scenarios.jsonl > reports.jsonl
  cost-sim batch --jobs 2 --fail-fast < scenarios.jsonl
  parallel --pipe --block 10M --keep-order cost-sim batch --jobs 1 < scenarios.jsonl > reports.jsonl)";

/// "  cost-sim cloud-run --requests-per-second 10 --duration-ms 100 ...": for a kind without
/// examples of its own.
std::string generated_examples(const KindInfo& kind) {
    std::string required;
    for (const FieldInfo& f : kind.fields)
        if (f.required) required += " --" + f.flag_name() + " " + std::string(f.name);
    const std::string command = "  cost-sim " + std::string(kind.flag_prefix) + required;
    return command + " --requests-per-second 10 --duration-ms 100\n" + command +
           " --scenario scenario.json --format json";
}

/// `cost-sim <kind>`: one bill of the kind, its flags from the descriptor.
Command kind_command(const KindInfo& kind) {
    std::string synopsis = "cost-sim " + std::string(kind.flag_prefix);
    for (const FieldInfo& f : kind.fields)
        if (f.required) synopsis += " --" + f.flag_name() + " " + (f.text_rule == TextRule::region ? "R" : "NAME");
    const std::string name(kind.flag_prefix);
    const char* examples = name == "lambda" ? kLambdaExamples : name == "vm" ? kVmExamples : nullptr;
    return {name,
            "one " + std::string(kind.label) + " bill, itemised",
            synopsis + " [options]",
            examples ? std::string(examples) : generated_examples(kind),
            [&kind](po::options_description& options, po::options_description&, po::positional_options_description&) {
                describe_kind(options, kind);
            },
            [&kind](const Flags& flags, std::istream& in) { return run_kind(flags, in, kind); }};
}

}  // namespace

const std::vector<Command>& commands() {
    static const std::vector<Command> list = [] {
        std::vector<Command> kinds;
        for (const KindInfo& kind : offering_kinds()) kinds.push_back(kind_command(kind));
        const std::vector<Command> others = {
            {"compare", "a workload on Lambda and other offerings: totals, cheapest, break-even points",
             "cost-sim compare [options] [--lambda ARCH:MB]... [--vm TYPE[:N]]... [--cloud-run] [--azure-functions]",
             kCompareExamples, describe_compare, run_compare},
            {"break-even", "the traffic levels where the cheaper offering changes",
             "cost-sim break-even [options] --vm TYPE[:N]... [--from-rps R] [--to-rps R]", kBreakEvenExamples,
             describe_break_even, run_break_even},
            {"range", "Monte Carlo cost ranges: inputs as distributions, P(cheapest), savings, break-even band",
             "cost-sim range [compare's options] [--samples N] [--seed S] [--rps-dist SPEC] [--duration-dist SPEC]...",
             kRangeExamples, describe_range, run_range},
            {"flip", "what would flip the cheapest: each input's flip point, and a tornado",
             "cost-sim flip [compare's options] [--low-factor F] [--high-factor F]", kFlipExamples, describe_flip,
             run_flip},
            {"sweep", "cost curves over a traffic range (or a parameter sweep), for plots and spreadsheets",
             "cost-sim sweep [options] [--from-rps R] [--to-rps R] [--points N]", kSweepExamples, describe_sweep,
             run_sweep},
            {"optimise", "the Lambda memory size: cost, duration and concurrency at every size, the picks, break-even",
             "cost-sim optimise [options] --measured MB:MS,... | --power-tuning FILE | --power-tuning-url URL | "
             "--model-duration-ms D --model-memory-mb MB --cpu-share S",
             kOptimiseExamples, describe_optimise, run_optimise},
            {"profile", "a traffic profile's summary: mean, peaks at several granularities, idle minutes",
             "cost-sim profile --profile PRESET|FILE [--profile-row N|HASH] [options]", kProfileExamples,
             describe_profile, run_profile},
            {"catalog", "the prices in use, with source and as-of date",
             "cost-sim catalog list | show ID | validate FILE [options]", kCatalogExamples, describe_catalog,
             run_catalog},
            {"catalog import", "AWS Price List offer files (JSON or CSV) and Azure Retail Prices pages to a catalog",
             "cost-sim catalog import FILE... [--region R]... [--family F]... [--service S]...", kCatalogImportExamples,
             describe_catalog_import, run_catalog_import},
            {"catalog diff", "which prices moved between two catalogs, and which entries came or went",
             "cost-sim catalog diff OLD NEW [--format table|json|csv]", kCatalogDiffExamples, describe_catalog_diff,
             run_catalog_diff},
            {"portfolio",
             "several workloads priced as one account: shared free tier and tiers, allocation, consolidation",
             "cost-sim portfolio FILE [--format table|json|csv] [--catalog FILE]",
             "  cost-sim portfolio examples/portfolio.json\n  cost-sim portfolio examples/portfolio.json --format json",
             describe_portfolio, run_portfolio},
            {"import",
             "real usage to a scenario: import lambda-logs, cloudwatch, cur or trace (cost-sim import SOURCE --help)",
             "cost-sim import SOURCE FILE|- [options]", kImportExamples, describe_import, run_import},
            {"import lambda-logs", "Lambda REPORT logs to a scenario (workload, the Lambda as observed, traffic)",
             "cost-sim import lambda-logs FILE|- [--compare | --summary] [--memory-mb MB] [--period-hours H] "
             "[options]",
             kImportLambdaLogsExamples, describe_import_lambda_logs, run_import_lambda_logs},
            {"import cloudwatch", "CloudWatch metrics (get-metric-statistics, get-metric-data) to a scenario",
             "cost-sim import cloudwatch FILE... [--period S] [--memory-mb MB] [--compare [--vm TYPE]...]",
             kImportCloudWatchExamples, describe_import_cloudwatch, run_import_cloudwatch},
            {"import cur", "a Cost and Usage Report's Lambda rows beside cost-sim's bill, line by line",
             "cost-sim import cur FILE [--format table|json|csv] [--no-free-tier]", kImportCurExamples,
             describe_import_cur, run_import_cur},
            {"import trace", "an Azure Functions 2019 trace row (or a timestamp,count CSV) to a scenario",
             "cost-sim import trace FILE|- [--durations FILE] [--memory FILE] [--row N | --function HASH] "
             "[--duration-ms D] [--compare | --summary]",
             kImportTraceExamples, describe_import_trace, run_import_trace},
            {"batch", "JSON Lines of scenarios to JSON Lines of compare reports, streamed, in input order",
             "cost-sim batch [FILE|-] [--jobs N] [--fail-fast] [--catalog FILE]", kBatchExamples, describe_batch,
             nullptr, stream_batch},
        };
        kinds.insert(kinds.end(), others.begin(), others.end());
        return kinds;
    }();
    return list;
}

std::string shared_options_help() {
    po::options_description options(100, 60);
    add_common_options(options);
    add_workload_options(options);
    std::ostringstream text;
    text << options;
    return text.str();
}

std::string command_help(const Command& command) {
    po::options_description options(100, 60);
    po::options_description hidden;
    po::positional_options_description positional;
    command.describe(options, hidden, positional);
    std::ostringstream text;
    std::string summary = command.summary;
    summary[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(summary[0])));
    text << "Usage: " << command.synopsis << "\n\n" << summary << ".\n";
    // The groups every command shares are listed once, in cost-sim --help: Boost prints each
    // group as "Caption:" and its flags, up to a blank line.
    std::ostringstream all;
    all << options;
    std::istringstream groups(all.str());
    bool workload = false, skipping = false;
    for (std::string line; std::getline(groups, line);) {
        if (line == std::string(kCommonOptionsCaption) + ":") skipping = true;
        if (line == std::string(kWorkloadOptionsCaption) + ":") skipping = workload = true;
        if (!skipping) text << line << "\n";
        if (line.empty()) skipping = false;
    }
    text << "\nCommon options (--scenario, --catalog, --currency, --jpy-per-usd, --format, --wide)"
         << (workload ? " and Workload\noptions (--requests-per-month, --duration-ms, ...)" : "")
         << ": see cost-sim --help.\n"
         << "\nExit status: 0 success, 2 bad usage or invalid input (one line on stderr), 1 internal error.\n"
         << "\nExamples:\n"
         << command.examples << "\n";
    return text.str();
}

}  // namespace costsim::cli
