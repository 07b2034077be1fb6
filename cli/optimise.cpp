// `cost-sim optimise` and the charts' flags: read inputs, call the library, render.
#include "optimise.hpp"

#include "format.hpp"
#include "usage_error.hpp"

#include <costsim/memory_optimiser_io.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace costsim::cli {

namespace {

po::typed_value<std::string>* value(const char* name) { return po::value<std::string>()->value_name(name); }

/// "128:1000,256:400" -> measurements.
std::vector<MeasuredDuration> measured_list(const std::string& text) {
    std::vector<MeasuredDuration> out;
    std::istringstream items(text);
    for (std::string item; std::getline(items, item, ',');) {
        const auto colon = item.find(':');
        const auto fail = [&] {
            return UsageError("--measured must list MB:MS pairs (128:1000,256:400), got \"" + item + "\"");
        };
        if (colon == std::string::npos || colon == 0 || colon + 1 == item.size()) throw fail();
        try {
            std::size_t used = 0;
            const int mb = std::stoi(item.substr(0, colon), &used);
            if (used != colon) throw fail();
            const std::string ms_text = item.substr(colon + 1);
            const double ms = std::stod(ms_text, &used);
            if (used != ms_text.size()) throw fail();
            out.push_back({mb, ms});
        } catch (const std::logic_error&) {
            throw fail();
        }
        if (out.size() > OptimiserLimits::max_measurements) throw UsageError("--measured lists at most 100 sizes");
    }
    return out;
}

/// The optimiser's input: --optimise FILE (the API's "optimise" object), then the flags.
OptimiserInput optimiser_input(const Flags& flags) {
    OptimiserInput in;
    if (auto path = flags.text("optimise")) {
        const std::string text = read_input_file("--optimise", *path, kMaxJsonBytes);
        try {
            in = parse_optimiser_input(text, "optimise");
        } catch (const Error& e) {
            throw UsageError("--optimise " + *path + ": " + e.what());
        }
    }
    int sources = 0;
    for (const char* f : {"measured", "power-tuning", "power-tuning-url", "model-duration-ms"}) sources += flags.has(f);
    if (sources > 1)
        throw UsageError("give one of --measured, --power-tuning, --power-tuning-url or --model-duration-ms");
    if (sources == 0 && !flags.has("optimise"))
        throw UsageError(
            "durations are required: --measured MB:MS,..., --power-tuning FILE, --power-tuning-url URL, "
            "or --model-duration-ms with --model-memory-mb and --cpu-share (or --optimise FILE)");
    if (sources == 1) {
        in.measurements.clear();
        in.model.reset();
    }
    if (auto list = flags.text("measured")) in.measurements = measured_list(*list);
    if (auto path = flags.text("power-tuning")) {
        const std::string text = read_input_file("--power-tuning", *path, kMaxJsonBytes);
        try {
            in.measurements = parse_power_tuning_output(text, "power_tuning");
        } catch (const Error& e) {
            throw UsageError("--power-tuning " + *path + ": " + e.what());
        }
    }
    if (auto url = flags.text("power-tuning-url")) {
        try {
            in.measurements = parse_power_tuning_url(*url, "--power-tuning-url");
        } catch (const Error& e) {
            throw UsageError(e.what());
        }
    }
    if (auto ms = flags.number("model-duration-ms")) {
        DurationModel m;
        m.duration_ms = *ms;
        const auto mb = flags.integer("model-memory-mb");
        const auto share = flags.number("cpu-share");
        if (!mb || !share) throw UsageError("--model-duration-ms needs --model-memory-mb and --cpu-share");
        m.memory_mb = *mb;
        m.cpu_share = *share;
        if (auto k = flags.number("max-vcpus")) m.max_vcpus = *k;
        in.model = m;
    } else {
        for (const char* f : {"model-memory-mb", "cpu-share", "max-vcpus"})
            if (flags.has(f)) throw UsageError("--" + std::string(f) + " is for the model: give --model-duration-ms");
    }
    if (auto arch = flags.choice("measured-arch", {"x86_64", "arm64"}))
        in.measured_architecture = *from_spelling<Architecture>(*arch);
    if (auto s = flags.number("arm64-speed")) in.arm64_speed = *s;
    if (auto archs = flags.choice("architectures", {"both", "x86_64", "arm64"})) {
        if (*archs == "both")
            in.architectures = {Architecture::x86_64, Architecture::arm64};
        else
            in.architectures = {*from_spelling<Architecture>(*archs)};
    }
    if (auto step = flags.integer("step-mb")) in.step_mb = *step;
    if (auto target = flags.number("latency-target-ms")) in.latency_target_ms = *target;
    if (auto w = flags.number("balanced-weight")) in.balanced_weight = *w;
    if (auto s = flags.choice("strategy", {"cost", "speed", "balanced", "latency"})) {
        for (OptimiseStrategy st :
             {OptimiseStrategy::cost, OptimiseStrategy::speed, OptimiseStrategy::balanced, OptimiseStrategy::latency})
            if (*s == to_string(st)) in.strategy = st;
    }
    return in;
}

/// The flag that set an optimiser field, for error lines ("--step-mb: optimise.step_mb must ...").
std::string optimiser_flag(const std::string& field) {
    static const std::pair<const char*, const char*> map[] = {{"optimise.measurements", "--measured"},
                                                              {"optimise.model.memory_mb", "--model-memory-mb"},
                                                              {"optimise.model.duration_ms", "--model-duration-ms"},
                                                              {"optimise.model.cpu_share", "--cpu-share"},
                                                              {"optimise.model.max_vcpus", "--max-vcpus"},
                                                              {"optimise.arm64_speed", "--arm64-speed"},
                                                              {"optimise.step_mb", "--step-mb"},
                                                              {"optimise.latency_target_ms", "--latency-target-ms"},
                                                              {"optimise.balanced_weight", "--balanced-weight"}};
    for (const auto& [prefix, flag] : map)
        if (field.rfind(prefix, 0) == 0) return flag;
    return "";
}

void pick_cells(const std::string& name, const std::optional<MemoryRow>& row, const std::string& currency,
                TextTable& table) {
    if (!row) {
        table.add_row({name, "-", "", "", "none"});
        return;
    }
    table.add_row({name, to_string(row->architecture), quantity(row->memory_mb), quantity(row->duration_ms, 4),
                   money(row->monthly_cost, currency)});
}

std::string render_table(const OptimiserResult& r, const std::vector<std::string>& other_labels) {
    std::ostringstream out;
    out << "Memory optimiser (" << r.method << "), " << quantity(r.requests_per_month) << " requests/month ("
        << rate(r.requests_per_month / kSecondsPerMonth) << " requests/s), " << r.currency << "\n";
    out << "Sizes " << quantity(r.from_mb) << " to " << quantity(r.to_mb) << " MB every " << r.step_mb
        << " MB (and each measured size)\n\n";
    TextTable rows({false, true, true, true, true, true, false});
    rows.add_row({"Arch", "Memory MB", "Duration ms", "Per month", "Concurrency", "Peak", "Measured"});
    for (const MemoryRow& row : r.rows)
        rows.add_row({to_string(row.architecture), quantity(row.memory_mb), quantity(row.duration_ms, 4),
                      money(row.monthly_cost, r.currency), quantity(row.concurrency, 3),
                      quantity(row.peak_concurrency, 3), row.measured ? "yes" : ""});
    out << rows.render("  ") << "\n";
    TextTable picks({false, false, true, true, true});
    picks.add_row({"Pick", "Arch", "Memory MB", "Duration ms", "Per month"});
    pick_cells("cheapest", r.overall.cheapest, r.currency, picks);
    pick_cells("fastest", r.overall.fastest, r.currency, picks);
    pick_cells("balanced", r.overall.balanced, r.currency, picks);
    pick_cells("meets latency target", r.overall.meets_latency, r.currency, picks);
    for (const ArchitecturePicks& ap : r.per_architecture) {
        const std::string a = to_string(ap.architecture);
        pick_cells(a + " cheapest", ap.picks.cheapest, r.currency, picks);
        pick_cells(a + " fastest", ap.picks.fastest, r.currency, picks);
        pick_cells(a + " balanced", ap.picks.balanced, r.currency, picks);
        pick_cells(a + " meets latency target", ap.picks.meets_latency, r.currency, picks);
    }
    out << picks.render("  ") << "\n";
    for (std::size_t i = 0; i < r.break_even.size(); ++i) {
        const OptimiserBreakEven& b = r.break_even[i];
        const std::string label = i < other_labels.size() ? other_labels[i] : b.offering_id;
        out << "Break-even with " << label << ": ";
        if (b.points.empty())
            out << "none from " << rate(r.range.from_rps) << " to " << rate(r.range.to_rps) << " requests/s";
        for (std::size_t k = 0; k < b.points.size(); ++k)
            out << (k ? ", " : "") << rate(b.points[k].requests_per_second) << " requests/s";
        out << "\n";
    }
    for (const ComparisonFlag& f : r.flags) out << "! " << f.code << ": " << f.message << "\n";
    out << "Chosen (strategy " << to_string(r.strategy) << "): " << to_string(r.chosen.architecture) << " "
        << quantity(r.chosen.memory_mb) << " MB, " << quantity(r.chosen.duration_ms, 4) << " ms, "
        << money(r.chosen.monthly_cost, r.currency) << "/month\n";
    return out.str();
}

}  // namespace

void add_chart_options(po::options_description& options) {
    po::options_description group("Chart", 100, 60);
    group.add_options()("chart", value("FILE.svg"), "also write a self-contained SVG chart to FILE")(
        "lang", value("en|ja"), "the chart's language (default en)");
    options.add(group);
}

ChartLanguage chart_language(const Flags& flags) {
    const auto lang = flags.choice("lang", {"en", "ja"});
    return lang ? *chart_language_named(*lang) : ChartLanguage::en;
}

void write_chart_file(const Flags& flags, const std::string& svg) {
    const std::string path = *flags.text("chart");
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    if (!file) throw UsageError("--chart: cannot write \"" + path + "\": " + std::strerror(errno));
    file << svg;
    file.close();
    if (!file) throw UsageError("--chart: cannot write \"" + path + "\"");
}

Chart comparison_chart(const Inputs& inputs, const std::vector<Offering>& offerings,
                       const std::vector<std::string>& labels, const Comparison& comparison, ChartLanguage lang) {
    const double current = inputs.scenario.workload.requests_per_second();
    std::vector<double> include = {current};
    for (const BreakEven& p : comparison.break_even) include.push_back(p.requests_per_second);
    const Curves curves = cost_curves(inputs.scenario.workload, offerings, inputs.catalog,
                                      chart_traffic_grid(comparison.range, include), inputs.scenario.currency);
    return traffic_cost_chart(curves, labels, comparison.break_even, current, lang);
}

void describe_optimise(po::options_description& options, po::options_description&,
                       po::positional_options_description&) {
    add_common_options(options);
    add_workload_options(options);
    add_compared_offering_options(options);
    add_range_options(options);
    po::options_description group("Memory optimiser", 100, 60);
    group.add_options()("measured", value("MB:MS,..."), "measured mean durations: 128:1000,256:400,...")(
        "power-tuning", value("FILE"), "aws-lambda-power-tuning's output JSON (results.stats)")(
        "power-tuning-url", value("URL"), "power-tuning's visualisation URL (or its #hash)")(
        "model-duration-ms", value("D"), "model: the duration measured at --model-memory-mb")(
        "model-memory-mb", value("MB"), "model: the memory size of that duration")(
        "cpu-share", value("S"), "model: CPU-bound share of that duration, 0..1")(
        "max-vcpus", value("K"), "model: usable threads, 1..6 (1 = single-threaded; default 6)")(
        "measured-arch", value("x86_64|arm64"), "the architecture the durations were measured on (default x86_64)")(
        "arm64-speed", value("X"), "arm64 runs X times as fast as x86_64 (default 1)")(
        "architectures", value("both|x86_64|arm64"), "architectures to evaluate (default both)")(
        "step-mb", value("N"), "grid spacing from 128 MB, 1..1024 (default 64)")(
        "latency-target-ms", value("T"), "find the smallest size whose duration is at most T")(
        "balanced-weight", value("W"), "balanced pick: weight of cost against duration, 0..1 (default 0.5)")(
        "strategy", value("cost|speed|balanced|latency"), "which pick is the chosen size (default cost)")(
        "optimise", value("FILE"), "the optimiser's inputs as the API's \"optimise\" JSON object");
    options.add(group);
    add_chart_options(options);
}

std::string run_optimise(const Flags& flags, std::istream& in) {
    Inputs inputs = load_inputs(flags, in);
    require_traffic(flags, inputs);
    const OptimiserInput input = optimiser_input(flags);
    const std::vector<Offering> offerings = compared_offerings(flags, inputs);
    LambdaConfig lambda;
    std::vector<std::string> other_labels;  // of those billed per capacity, in order: the break-even's
    bool lambda_found = false;
    for (const Offering& o : offerings) {
        if (const auto* l = std::get_if<LambdaConfig>(&o.config); l && !lambda_found) {
            lambda = *l;
            lambda_found = true;
        }
        if (!o.usage_priced()) other_labels.push_back(o.default_label(true));
    }
    OptimiserResult result;
    try {
        result = optimise_memory(inputs.scenario.workload, lambda, input, offerings, inputs.catalog,
                                 inputs.scenario.currency, traffic_range(flags, inputs));
    } catch (const InvalidInput& e) {
        const std::string flag = optimiser_flag(e.field());
        if (!flag.empty() && flags.has(flag.substr(2))) throw UsageError(flag + ": " + e.what());
        throw;
    }
    write_chart_if_asked(flags, [&](ChartLanguage lang) { return memory_chart(result, lang); });
    switch (inputs.format) {
        case Format::json: return to_json(result, 2) + "\n";
        case Format::csv: return to_csv(result);
        case Format::table: break;
    }
    return render_table(result, other_labels);
}

}  // namespace costsim::cli
