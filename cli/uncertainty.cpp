// cost-sim range (Monte Carlo cost ranges) and cost-sim flip (what would flip the cheapest):
// flags to the library's options, the library's answer rendered. No pricing arithmetic here.
#include "uncertainty.hpp"

#include "format.hpp"
#include "inputs.hpp"
#include "optimise.hpp"
#include "usage_error.hpp"

#include <costsim/charts.hpp>
#include <costsim/cost_bands.hpp>
#include <costsim/flip_analysis.hpp>
#include <costsim/monte_carlo.hpp>

#include <cstdio>
#include <sstream>

namespace costsim::cli {

namespace {

/// "KIND:PARAMS": fixed:V, uniform:MIN,MAX, triangular:MIN,MODE,MAX, normal:MEAN,SD[,MIN,MAX],
/// lognormal:P50,P95, empirical:V1,V2,...
Distribution distribution_flag(const std::string& flag, const std::string& spec) {
    using K = Distribution::Kind;
    const auto colon = spec.find(':');
    const std::string kind = spec.substr(0, colon);
    std::vector<double> p;
    if (colon != std::string::npos) {
        std::stringstream list(spec.substr(colon + 1));
        std::string item;
        while (std::getline(list, item, ',')) {
            char* end = nullptr;
            const double v = std::strtod(item.c_str(), &end);
            if (item.empty() || end != item.c_str() + item.size() || !std::isfinite(v))
                throw UsageError("--" + flag + " takes finite numbers after \"" + kind + ":\", got \"" + item + "\"");
            p.push_back(v);
        }
    }
    auto need = [&](std::size_t lo, std::size_t hi, const char* form) {
        if (p.size() < lo || p.size() > hi) throw UsageError("--" + flag + " " + kind + " takes " + form);
    };
    if (kind == "fixed") {
        need(1, 1, "one value: fixed:V");
        return Distribution::fixed_at(p[0]);
    }
    if (kind == "uniform") {
        need(2, 2, "uniform:MIN,MAX");
        return {.kind = K::uniform, .min = p[0], .max = p[1]};
    }
    if (kind == "triangular") {
        need(3, 3, "triangular:MIN,MODE,MAX");
        return {.kind = K::triangular, .min = p[0], .max = p[2], .mode = p[1]};
    }
    if (kind == "normal") {
        need(2, 4, "normal:MEAN,SD or normal:MEAN,SD,MIN,MAX");
        if (p.size() == 3) throw UsageError("--" + flag + " normal takes normal:MEAN,SD or normal:MEAN,SD,MIN,MAX");
        Distribution d{.kind = K::normal, .mean = p[0], .sd = p[1]};
        d.min = p.size() == 4 ? p[2] : -kUnbounded;  // replaced by the input's range below
        d.max = p.size() == 4 ? p[3] : kUnbounded;
        return d;
    }
    if (kind == "lognormal") {
        need(2, 2, "lognormal:P50,P95");
        return {.kind = K::lognormal, .p50 = p[0], .p95 = p[1]};
    }
    if (kind == "empirical") {
        need(1, MonteCarloLimits::max_empirical_values, "empirical:V1,V2,... (1 to 10000 values)");
        return {.kind = K::empirical, .values = p};
    }
    throw UsageError("--" + flag +
                     " is KIND:PARAMS with KIND one of fixed, uniform, triangular, normal, lognormal, "
                     "empirical; got \"" +
                     spec + "\"");
}

/// The distribution of --<flag>, a normal's open ends set to the input's range.
std::optional<Distribution> input_flag(const Flags& flags, const std::string& flag, std::string_view input,
                                       double scale = 1.0) {
    const auto spec = flags.text(flag);
    if (!spec) return std::nullopt;
    Distribution d = distribution_flag(flag, *spec);
    const auto range = uncertain_input_range(input);
    if (d.kind == Distribution::Kind::normal) {
        if (d.min == -kUnbounded) d.min = range->first / scale;
        if (d.max == kUnbounded) d.max = range->second / scale;
    }
    // checked as given (per second for --rps-dist), so errors name the flag's own numbers
    d.validate("--" + flag, range->first / scale, range->second / scale);
    return scale == 1.0 ? d : d.scaled(scale);
}

void describe_common(po::options_description& options) {
    add_common_options(options);
    add_workload_options(options);
    add_compared_offering_options(options);
    add_range_options(options);
    add_chart_options(options);
}

/// --chart for range: the cost bands by traffic over the break-even range (widened to hold the
/// current traffic, the sampled traffic's p5 and p95 and the break-even bands), then a histogram
/// of each other offering's saving against the current choice, in one document.
void write_range_chart(const Flags& flags, const Inputs& inputs, const std::vector<Offering>& offerings,
                       const MonteCarloOptions& options, const MonteCarloResult& r) {
    if (!flags.has("chart")) {
        if (flags.has("lang")) chart_language(flags);  // still checked
        return;
    }
    const ChartLanguage lang = chart_language(flags);
    const double current = inputs.scenario.workload.requests_per_second();
    std::vector<double> include = {current};
    for (const SampledInput& in : r.inputs)
        if (in.name == "requests_per_month")
            include.insert(include.end(), {in.values.p5 / kSecondsPerMonth, in.values.p95 / kSecondsPerMonth});
    for (const BreakEvenBand& b : r.break_even)
        if (b.samples_with_point > 0)
            include.insert(include.end(), {b.requests_per_second.p5, b.requests_per_second.p95});
    const CostBands bands = monte_carlo_cost_bands(inputs.scenario.workload, offerings, inputs.catalog, options,
                                                   inputs.scenario.currency, chart_traffic_grid(r.range, include, 100));
    std::vector<Chart> panels{range_chart(r, bands, current, lang)};
    for (std::size_t j = 0; j < r.offerings.size(); ++j)
        if (r.offerings[j].id != r.current_id) panels.push_back(saving_chart(r, j, lang));
    write_chart_file(flags, to_svg(panels, 900, 560));
}

std::string percent(double share) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f %%", share * 100.0);
    return buf;
}

std::string pad(std::string s, std::size_t width) {
    while (display_width(s) < width) s += ' ';
    return s;
}

std::string render_range(const MonteCarloResult& r) {
    const std::string& cur = r.currency.currency;
    std::ostringstream out;
    out << "Monte Carlo: " << quantity(double(r.samples)) << " samples, seed " << r.seed;
    if (r.horizon_months > 1) out << ", mean monthly cost over " << r.horizon_months << " months";
    out << "; savings against " << r.current_id << "\n\n";
    out << pad("offering", 34) << pad("mean", 14) << pad("p5", 14) << pad("p50", 14) << pad("p95", 14)
        << pad("P(cheapest)", 13) << pad("saving p50", 14) << "P(saves)\n";
    for (const OfferingRange& o : r.offerings)
        out << pad(o.id, 34) << pad(money(o.cost.mean, cur), 14) << pad(money(o.cost.p5, cur), 14)
            << pad(money(o.cost.p50, cur), 14) << pad(money(o.cost.p95, cur), 14) << pad(percent(o.p_cheapest), 13)
            << pad(o.id == r.current_id ? "-" : money(o.saving.p50, cur), 14)
            << (o.id == r.current_id ? "-" : percent(o.p_saving)) << "\n";
    for (const BreakEvenBand& b : r.break_even) {
        out << "\nBreak-even " << b.current_id << " / " << b.other_id << ": ";
        if (b.samples_with_point == 0)
            out << "none in the range searched (" << b.samples_searched << " samples searched)";
        else
            out << "p5 " << rate(b.requests_per_second.p5) << ", p50 " << rate(b.requests_per_second.p50) << ", p95 "
                << rate(b.requests_per_second.p95) << " requests/s (" << b.samples_with_point << " of "
                << b.samples_searched << " samples searched have one)";
    }
    if (!r.inputs.empty()) out << "\n\nInputs drawn:";
    for (const SampledInput& in : r.inputs) {
        out << "\n  " << pad(in.name, 26) << pad(to_string(in.distribution), 12) << "p5 " << quantity(in.values.p5)
            << ", p50 " << quantity(in.values.p50) << ", p95 " << quantity(in.values.p95);
        if (in.clamped) out << " (" << in.clamped << " samples clamped into the input's range)";
    }
    out << "\n";
    return out.str();
}

std::string render_flip(const FlipAnalysis& a) {
    const std::string& cur = a.currency.currency;
    std::ostringstream out;
    out << "Cheapest: " << a.cheapest_id << " (" << money(a.cheapest_cost, cur) << " a month)";
    if (!a.rival_id.empty()) out << "; rival " << a.rival_id << " (" << money(a.rival_cost, cur) << ")";
    out << "\n\nWhat would flip it (each input alone, the rest held):\n";
    if (a.statements.empty()) out << "  nothing in the ranges searched\n";
    for (const FlipStatement& s : a.statements) {
        const std::string value =
            (s.unit == "requests/s" ? rate(s.value) : quantity(s.value)) + (s.unit.empty() ? "" : " " + s.unit);
        out << "  " << s.stays_cheapest << " stays cheapest unless " << s.input
            << (s.rising ? " rises above " : " falls below ") << value << " (now " << quantity(s.current) << "); then "
            << s.then_cheapest << "\n";
    }
    out << "\nTornado (each input x" << quantity(a.options.low_factor) << " to x" << quantity(a.options.high_factor)
        << "; difference = rival - cheapest):\n";
    out << pad("input", 32) << pad("low", 14) << pad("high", 14) << pad("difference low", 18)
        << pad("difference high", 18) << "swing\n";
    for (const TornadoBar& b : a.tornado)
        out << pad(b.input, 32) << pad(quantity(b.low_value), 14) << pad(quantity(b.high_value), 14)
            << pad(money(b.difference_low, cur), 18) << pad(money(b.difference_high, cur), 18) << money(b.swing, cur)
            << "\n";
    if (!a.skipped.empty()) out << "\nNot analysed:\n";
    for (const SkippedInput& s : a.skipped) out << "  " << s.input << ": " << s.reason << "\n";
    return out.str();
}

void require_table_or_json(const Inputs& inputs, const char* command) {
    if (inputs.format == Format::csv) throw UsageError(std::string(command) + " prints --format table or json");
}

}  // namespace

const char* const kRangeExamples =
    R"(  cost-sim range --requests-per-second 5 --memory-mb 512 --vm t3.micro --count 1 \
      --rps-dist lognormal:5,20 --duration-dist triangular:60,100,250 --samples 100000
  cost-sim range --scenario scenario.json --format json)";

const char* const kFlipExamples =
    R"(  cost-sim flip --requests-per-month 10000000 --duration-ms 50 --memory-mb 512 --vm t3.micro --count 1
  cost-sim flip --scenario scenario.json --low-factor 0.25 --high-factor 4 --format json)";

void describe_range(po::options_description& options, po::options_description&, po::positional_options_description&) {
    describe_common(options);
    po::options_description mc(
        "Monte Carlo (KIND:PARAMS: fixed:V, uniform:MIN,MAX, triangular:MIN,MODE,MAX, "
        "normal:MEAN,SD[,MIN,MAX], lognormal:P50,P95, empirical:V1,V2,...)",
        100, 60);
    mc.add_options()("samples", po::value<std::string>()->value_name("N"), "samples, 1 to 1,000,000 (10,000)")(
        "seed", po::value<std::string>()->value_name("S"), "generator seed (1)")(
        "current", po::value<std::string>()->value_name("ID"), "the offering savings are measured against (the first)")(
        "horizon-months", po::value<std::string>()->value_name("M"),
        "months of growth (12 with --growth-dist, else 1)")("rps-dist", po::value<std::string>()->value_name("SPEC"),
                                                            "traffic, requests/s")(
        "duration-dist", po::value<std::string>()->value_name("SPEC"), "duration, ms")(
        "response-dist", po::value<std::string>()->value_name("SPEC"), "response size, KiB")(
        "cold-start-dist", po::value<std::string>()->value_name("SPEC"), "cold-start share, %")(
        "growth-dist", po::value<std::string>()->value_name("SPEC"), "traffic growth, % a month");
    options.add(mc);
}

void describe_flip(po::options_description& options, po::options_description&, po::positional_options_description&) {
    describe_common(options);
    po::options_description f("What would flip it", 100, 60);
    f.add_options()("low-factor", po::value<std::string>()->value_name("F"), "tornado low value: x F (0.5)")(
        "high-factor", po::value<std::string>()->value_name("F"), "tornado high value: x F (2)");
    options.add(f);
}

std::string run_range(const Flags& flags, std::istream& in) {
    Inputs inputs = load_inputs(flags, in);
    require_table_or_json(inputs, "range");
    require_traffic(flags, inputs);
    const std::vector<Offering> offerings = compared_offerings(flags, inputs);
    MonteCarloOptions o = inputs.scenario.uncertainty;
    if (const auto n = flags.number("samples")) {
        if (*n != std::floor(*n) || *n < 1 || *n > double(MonteCarloLimits::max_samples))
            throw UsageError("--samples must be an integer in [1, 1000000], got " + quantity(*n));
        o.samples = static_cast<std::size_t>(*n);
    }
    if (const auto s = flags.number("seed")) {
        if (*s != std::floor(*s) || *s < 0 || *s > 9007199254740991.0)
            throw UsageError("--seed must be an integer in [0, 9007199254740991]");
        o.seed = static_cast<std::uint64_t>(*s);
    }
    if (const auto c = flags.text("current")) o.current_id = *c;
    UncertainInputs& u = o.inputs;
    if (auto d = input_flag(flags, "rps-dist", "requests_per_month", kSecondsPerMonth)) u.requests_per_month = d;
    if (auto d = input_flag(flags, "duration-dist", "duration_ms")) u.duration_ms = d;
    if (auto d = input_flag(flags, "response-dist", "response_kb")) u.response_kb = d;
    if (auto d = input_flag(flags, "cold-start-dist", "cold_start_percent")) u.cold_start_percent = d;
    if (auto d = input_flag(flags, "growth-dist", "growth_percent_per_month")) {
        u.growth_percent_per_month = d;
        if (!inputs.scenario.uncertainty.inputs.growth_percent_per_month) u.horizon_months = 12;
    }
    if (const auto h = flags.number("horizon-months")) {
        if (*h != std::floor(*h) || *h < 1 || *h > MonteCarloLimits::max_horizon_months)
            throw UsageError("--horizon-months must be an integer in [1, 120], got " + quantity(*h));
        u.horizon_months = static_cast<int>(*h);
    }
    const MonteCarloResult r = monte_carlo(inputs.scenario.workload, offerings, inputs.catalog, o,
                                           inputs.scenario.currency, traffic_range(flags, inputs));
    write_range_chart(flags, inputs, offerings, o, r);
    return inputs.format == Format::json ? to_json(r, 2) + "\n" : render_range(r);
}

std::string run_flip(const Flags& flags, std::istream& in) {
    Inputs inputs = load_inputs(flags, in);
    require_table_or_json(inputs, "flip");
    require_traffic(flags, inputs);
    const std::vector<Offering> offerings = compared_offerings(flags, inputs);
    FlipOptions o = inputs.scenario.flip;
    if (const auto f = flags.number("low-factor")) o.low_factor = *f;
    if (const auto f = flags.number("high-factor")) o.high_factor = *f;
    const FlipAnalysis a = flip_analysis(inputs.scenario.workload, offerings, inputs.catalog, inputs.scenario.currency,
                                         traffic_range(flags, inputs), o);
    write_chart_if_asked(flags, [&](ChartLanguage lang) {
        if (a.rival_id.empty() || a.tornado.empty())
            throw UsageError(
                "--chart draws the tornado of the cost difference between two offerings: add one (--vm ...)");
        return tornado_chart(a, lang);
    });
    return inputs.format == Format::json ? to_json(a, 2) + "\n" : render_flip(a);
}

}  // namespace costsim::cli
