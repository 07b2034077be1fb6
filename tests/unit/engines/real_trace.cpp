// Every function of the bundled real sample (Azure Functions 2019, 100 functions, one day per
// minute; tests/data/azure-functions-2019/README.md for the CC-BY attribution) priced on Lambda,
// an ideal autoscaled fleet, an autoscaled fleet with the default delays and a static fleet:
// no error, and the order the model promises (ideal <= delayed <= static). Then a comparison whose
// profile is too long to search break-even over simulated costs: priced, flagged, not searched.
#include <costsim/compare.hpp>
#include <costsim/costsim.hpp>
#include <costsim/traffic_import.hpp>
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

using namespace costsim;

namespace {

std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in.good());
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

VmFleetConfig fleet(ScalingMode mode, double out_s, double in_s) {
    VmFleetConfig c{.instance = "t3.small", .capacity_rps = 20.0};
    c.scaling.mode = mode;
    c.scaling.scale_out_delay_s = out_s;
    c.scaling.scale_in_delay_s = in_s;
    return c;
}

}  // namespace

TEST_CASE("every function of the real sample prices on Lambda and on ideal, delayed and static fleets") {
    const std::string invocations = read(COSTSIM_TEST_DATA_DIR "/azure-functions-2019/invocations.csv");
    const std::string durations = read(COSTSIM_TEST_DATA_DIR "/azure-functions-2019/durations.csv");
    const std::vector<AzureFunctionRow> rows = list_azure_functions_2019(invocations, durations);
    REQUIRE(rows.size() == 100);
    const Offering lambda{"lambda", LambdaConfig{.memory_mb = 256}};
    const Offering ideal{"ideal", fleet(ScalingMode::autoscale, 0, 0)};
    const Offering delayed{"delayed", fleet(ScalingMode::autoscale, 300, 900)};
    const Offering fixed{"static", fleet(ScalingMode::static_size, 0, 0)};
    std::size_t with_traffic = 0;
    for (const AzureFunctionRow& row : rows) {
        CAPTURE(row.row);
        const TrafficProfile profile = parse_azure_functions_2019(invocations, AzureRow{row.row, {}});
        // the sample's average duration, at least 1 ms (some functions report 0)
        const Workload w =
            Workload{.duration_ms = std::max(1.0, row.average_duration_ms.value_or(100.0))}.with_traffic(profile);
        const Bill on_lambda = price(w, lambda, Catalog::builtin());
        const double ideal_total = price(w, ideal, Catalog::builtin()).total;
        const double delayed_total = price(w, delayed, Catalog::builtin()).total;
        const double static_total = price(w, fixed, Catalog::builtin()).total;
        CHECK(on_lambda.total >= 0.0);
        // each launch lasts at least the 900 s scale-in delay, so the 60 s minimum never binds:
        // launched >= desired at every instant (ideal), and never above the period's peak (static)
        CHECK(ideal_total <= delayed_total * (1 + 1e-12));
        CHECK(delayed_total <= static_total * (1 + 1e-12));
        if (w.requests_per_month > 0) ++with_traffic;
    }
    CHECK(with_traffic > 0);
}

TEST_CASE("a profile too long to search over simulated costs is priced and flagged, not searched") {
    // 100,000 minutes: a search would evaluate about 2 x 129 + 40 = 298 levels x 100,000
    // intervals x 2 models = 59.6 million interval evaluations, above the bound of 50 million.
    TrafficProfile p;
    p.interval_s = 60;
    p.requests.assign(100000, 60.0);
    p.requests[500] = 6000.0;  // one busy minute, so the fleet scales
    const Workload w = Workload{.duration_ms = 100}.with_traffic(p);
    const std::vector<Offering> offerings{{"lambda", LambdaConfig{}},
                                          {"fleet", fleet(ScalingMode::autoscale, 300, 900)}};
    const Comparison c = compare(w, offerings, Catalog::builtin());
    REQUIRE(c.results.size() == 2);
    CHECK(c.results[0].bill.total > 0.0);
    CHECK(c.results[1].bill.total > 0.0);
    CHECK(c.break_even.empty());
    REQUIRE(c.not_searched.size() == 1);
    CHECK(c.not_searched[0].first == "lambda");
    CHECK(c.not_searched[0].second == "fleet");
    bool flagged = false;
    for (const ComparisonFlag& f : c.flags)
        if (f.code == "break_even_not_searched") flagged = f.message.find("50,000,000") != std::string::npos;
    CHECK(flagged);
    CHECK_FALSE(c.verdict.break_even.has_value());
}

TEST_CASE("a day per minute searches break-even over simulated costs, by bisection") {
    // The real sample's row 4 (81,149 calls a day, a busiest minute of 4,861): Lambda 1,024 MB at
    // 1 s against a delayed autoscaled t3.small fleet. At the least traffic the fleet's one
    // instance ($0.0208 x 730 = $15.18, plus its IPv4 address $3.65) costs more than Lambda's free
    // tier; at 10 requests/s Lambda costs about 26.3 million x (2e-7 + 1 GB-s x 0.0000166667) =
    // $444 a month, far more than a fleet of a few instances: so they cross, found by bisection.
    const std::string invocations = read(COSTSIM_TEST_DATA_DIR "/azure-functions-2019/invocations.csv");
    const Workload w = Workload{.duration_ms = 1000}.with_traffic(
        parse_azure_functions_2019(invocations, AzureRow{std::size_t{4}, {}}));
    const std::vector<Offering> offerings{{"lambda", LambdaConfig{.memory_mb = 1024}},
                                          {"fleet", fleet(ScalingMode::autoscale, 300, 900)}};
    const Comparison c = compare(w, offerings, Catalog::builtin(), {}, TrafficRange{0, 10});
    CHECK(c.not_searched.empty());
    REQUIRE_FALSE(c.break_even.empty());
    for (const BreakEven& b : c.break_even) CHECK(b.method == "bisection");
}
