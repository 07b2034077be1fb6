#include "handlers.hpp"

#include "assets.hpp"
#include "http_errors.hpp"
#include "metrics.hpp"

#include <costsim/compare.hpp>
#include <costsim/cost_model.hpp>
#include <costsim/csv.hpp>
#include <costsim/curves_io.hpp>
#include <costsim/error.hpp>
#include <costsim/json.hpp>
#include <costsim/offering_kinds.hpp>
#include <costsim/price_list_import.hpp>
#include <costsim/traffic_import.hpp>
#include <costsim/version.hpp>

#include <nlohmann/json.hpp>

#include <sstream>
#include <string_view>

namespace costsim::server {
namespace {

std::string query_value(const ApiRequest& request, const std::string& name) {
    auto it = request.query.find(name);
    return it == request.query.end() ? std::string{} : it->second;
}

/// CSV when ?format=csv, or when Accept names text/csv before (or without) application/json.
bool wants_csv(const ApiRequest& request) {
    auto format = request.query.find("format");
    if (format != request.query.end()) {
        if (format->second == "csv") return true;
        if (format->second == "json") return false;
        throw InvalidInput("query.format", "one of json, csv", "\"" + format->second + "\"");
    }
    auto csv = request.accept.find("text/csv");
    auto json = request.accept.find("application/json");
    return csv != std::string::npos && (json == std::string::npos || csv < json);
}

ApiResponse json_response(std::string body) {
    ApiResponse response;
    response.body = std::move(body);
    return response;
}

ApiResponse csv_response(std::string body, std::string_view name) {
    ApiResponse response;
    response.content_type = "text/csv; charset=utf-8";
    response.body = std::move(body);
    response.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + std::string(name) + ".csv\"");
    return response;
}

/// Sweeps of more cells than this are streamed a slice at a time (1,024 cells of 20 offerings
/// are about 0.5 MB of JSON); smaller ones are answered whole, with a Content-Length.
constexpr std::size_t kMaxBufferedSweepCells = SweepSlices::kTrafficPerSlice;

/// A library report stream (SweepJsonStream, SweepCsvStream) as an answer's body.
template <class Stream>
class StreamedBody final : public BodySource {
  public:
    explicit StreamedBody(Stream stream) : stream_(std::move(stream)) {}
    bool next(std::string& out) override { return stream_.next(out); }

  private:
    Stream stream_;
};

/// A report stream's pieces joined: the whole report, for answers small enough to hold.
template <class Stream>
std::string whole(Stream stream) {
    std::string out;
    while (stream.next(out)) {
    }
    return out;
}

void reject_parts(const Scenario& scenario, bool range, bool grid, bool sweep) {
    if (scenario.has_range && !range) throw InvalidInput("range", "absent here: this endpoint takes no \"range\"", 0);
    if (scenario.has_grid && !grid) throw InvalidInput("grid", "absent here: send grids to /api/v1/sweep", 0);
    if (scenario.has_sweep && !sweep) throw InvalidInput("sweep", "absent here: send sweeps to /api/v1/sweep", 0);
    if (scenario.has_uncertainty)
        throw InvalidInput("uncertainty", "absent here: send \"uncertainty\" to /api/v1/range", 0);
    if (scenario.has_flip) throw InvalidInput("flip", "absent here: send \"flip\" to /api/v1/flip", 0);
}

/// The range and flip endpoints take a "range" and their own part, nothing else.
void reject_parts_but(const Scenario& scenario, bool uncertainty, bool flip) {
    Scenario rest = scenario;
    if (uncertainty) rest.has_uncertainty = false;
    if (flip) rest.has_flip = false;
    reject_parts(rest, true, false, false);
}

/// A query value of comma-separated items ("us-east-1,ap-northeast-1"), each non-empty.
std::vector<std::string> query_list(const ApiRequest& request, const std::string& name) {
    std::vector<std::string> items;
    const std::string value = query_value(request, name);
    if (value.empty()) return items;
    std::size_t at = 0;
    while (at <= value.size()) {
        const std::size_t end = std::min(value.find(',', at), value.size());
        if (end == at) throw InvalidInput("query." + name, "comma-separated names, none empty", "\"" + value + "\"");
        items.push_back(value.substr(at, end - at));
        at = end + 1;
    }
    return items;
}

}  // namespace

std::string health_json(const Catalog& catalog) {
    return nlohmann::json{{"status", "ok"}, {"version", kVersion}, {"catalog_as_of", catalog.as_of()}}.dump();
}

ApiResponse handle_health(const ServiceContext& context, const ApiRequest&) {
    ApiResponse response =
        json_response(context.health_body.empty() ? health_json(context.catalog) : context.health_body);
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
}

ApiResponse handle_catalog(const ServiceContext& context, const ApiRequest& request) {
    ApiResponse response = json_response(
        catalog_to_json(context.catalog, query_value(request, "provider"), query_value(request, "region")));
    response.headers.emplace_back("Cache-Control", "no-cache");
    return response;
}

ApiResponse handle_catalog_import(const ServiceContext&, const ApiRequest& request) {
    PriceListFilter filter;
    filter.regions = query_list(request, "region");
    filter.services = query_list(request, "service");
    filter.instance_families = query_list(request, "family");
    // The built-in catalog lends what the price lists do not publish (Azure VM sizes, EC2 baselines).
    PriceListImporter importer(std::move(filter), &Catalog::builtin());
    std::istringstream in(request.body);
    const PriceListSummary s = importer.add(in, "body");
    const Catalog catalog = importer.catalog();
    nlohmann::json skipped = nlohmann::json::object();
    for (const auto& [reason, n] : s.skipped) skipped[reason] = n;
    const nlohmann::json summary = {{"format", s.format},
                                    {"offer", s.offer_code},
                                    {"version", s.version},
                                    {"published", s.publication_date},
                                    {"products_read", s.products_read},
                                    {"products_used", s.products_used},
                                    {"products_skipped", s.products_skipped},
                                    {"skipped", skipped},
                                    {"entries", s.entries},
                                    {"note", s.note}};
    return json_response(R"({"summary":)" + summary.dump() + R"(,"catalog":)" + catalog_to_json(catalog) + "}");
}

ApiResponse handle_offering_kinds(const ServiceContext&, const ApiRequest&) {
    static const std::string kinds = offering_kinds_to_json();  // fixed for the binary's life
    ApiResponse response = json_response(kinds);
    response.headers.emplace_back("Cache-Control", "no-cache");
    return response;
}

ApiResponse handle_estimate(const ServiceContext& context, const ApiRequest& request) {
    Scenario scenario = parse_scenario(request.body, ScenarioShape::one_offering, kMaxScenarioBytes);
    reject_parts(scenario, false, false, false);
    Bill bill = CostModel::build(scenario.workload, scenario.offerings.front(), context.catalog, "offering.").bill();
    bill = convert(bill, scenario.currency.currency, scenario.currency.jpy_per_usd);
    keep_series(bill, scenario.include_series);
    return json_response(to_json(bill));
}

ApiResponse handle_profile(const ServiceContext&, const ApiRequest& request) {
    const Scenario scenario = parse_scenario(request.body, ScenarioShape::workload_only, kMaxScenarioBytes);
    const Workload& w = scenario.workload;
    if (!w.traffic)
        throw InvalidInput("workload.traffic", "workload.traffic is required (missing field): the profile to summarise",
                           0);
    const TrafficSeries series = compact_series(*w.traffic, w.requests_per_month);
    return json_response(to_json(summarize(*w.traffic, w.requests_per_month), &series));
}

/// The sample's licence terms (CC-BY 4.0): in every answer that serves it.
constexpr const char* kAzureSampleAttribution =
    "Azure Functions Trace 2019, Azure Public Dataset (Microsoft Azure; Shahrad et al., \"Serverless in the "
    "Wild\", USENIX ATC 2020), CC-BY 4.0, https://github.com/Azure/AzurePublicDataset; the first 100 rows of "
    "the vHive project's 1,000-function sample (github.com/vhive-serverless/invitro)";

ApiResponse handle_traffic_sample(const ServiceContext&, const ApiRequest& request) {
    const std::string_view invocations = traffic_sample_file("invocations.csv");
    nlohmann::json body;
    if (auto row = request.query.find("row"); row != request.query.end()) {
        const TrafficProfile profile =
            parse_azure_functions_2019(invocations, AzureRow::parse(row->second), "azure-functions-2019", "query.row");
        const TrafficSeries series = compact_series(profile);
        body = nlohmann::json::parse(to_json(summarize(profile), &series));
    } else {
        body["sample"] = "azure-functions-2019";
        body["rows"] = nlohmann::json::array();
        for (const AzureFunctionRow& r : list_azure_functions_2019(invocations, traffic_sample_file("durations.csv"))) {
            nlohmann::json item = {
                {"row", r.row},
                {"hash_function", r.hash_function},
                {"trigger", r.trigger.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.trigger)},
                {"invocations_per_day", r.invocations},
                {"average_duration_ms",
                 r.average_duration_ms ? nlohmann::json(*r.average_duration_ms) : nlohmann::json(nullptr)}};
            body["rows"].push_back(std::move(item));
        }
    }
    body["attribution"] = kAzureSampleAttribution;
    body["licence"] = "CC-BY-4.0";
    ApiResponse response = json_response(body.dump());
    response.headers.emplace_back("Cache-Control", "no-cache");
    return response;
}

ApiResponse handle_compare(const ServiceContext& context, const ApiRequest& request) {
    const bool csv = wants_csv(request);
    Scenario scenario = parse_scenario(request.body, ScenarioShape::many_offerings, kMaxScenarioBytes);
    reject_parts(scenario, true, false, false);
    Comparison comparison =
        compare(scenario.workload, scenario.offerings, context.catalog, scenario.currency, scenario.range);
    for (ComparedOffering& r : comparison.results) keep_series(r.bill, scenario.include_series);
    return csv ? csv_response(to_csv(comparison), "compare") : json_response(to_json(comparison));
}

ApiResponse handle_break_even(const ServiceContext& context, const ApiRequest& request) {
    Scenario scenario = parse_scenario(request.body, ScenarioShape::many_offerings, kMaxScenarioBytes);
    reject_parts(scenario, true, false, false);
    Comparison comparison =
        compare(scenario.workload, scenario.offerings, context.catalog, scenario.currency, scenario.range);
    return json_response(break_even_to_json(comparison));
}

ApiResponse handle_range(const ServiceContext& context, const ApiRequest& request) {
    Scenario scenario = parse_scenario(request.body, ScenarioShape::many_offerings, kMaxScenarioBytes);
    reject_parts_but(scenario, true, false);
    const MonteCarloResult result = monte_carlo(scenario.workload, scenario.offerings, context.catalog,
                                                scenario.uncertainty, scenario.currency, scenario.range);
    return json_response(to_json(result));
}

ApiResponse handle_flip(const ServiceContext& context, const ApiRequest& request) {
    Scenario scenario = parse_scenario(request.body, ScenarioShape::many_offerings, kMaxScenarioBytes);
    reject_parts_but(scenario, false, true);
    const FlipAnalysis analysis = flip_analysis(scenario.workload, scenario.offerings, context.catalog,
                                                scenario.currency, scenario.range, scenario.flip);
    return json_response(to_json(analysis));
}

ApiResponse handle_sweep(const ServiceContext& context, const ApiRequest& request) {
    const bool csv = wants_csv(request);
    Scenario scenario = parse_scenario(request.body, ScenarioShape::many_offerings, kMaxScenarioBytes);
    reject_parts(scenario, false, true, true);
    if (scenario.has_grid == scenario.has_sweep)
        throw InvalidInput("grid", "exactly one of \"grid\" (cost curves) and \"sweep\" (parameter sweep) is required",
                           0);
    if (scenario.has_grid) {
        Curves curves =
            cost_curves(scenario.workload, scenario.offerings, context.catalog, scenario.grid, scenario.currency);
        return csv ? csv_response(to_csv(curves), "curves") : json_response(to_json(curves));
    }
    SweepSlices slices(scenario.workload, scenario.offerings, context.catalog, scenario.sweep, scenario.currency);
    if (slices.cell_count() <= kMaxBufferedSweepCells)
        return csv ? csv_response(whole(SweepCsvStream(std::move(slices))), "sweep")
                   : json_response(whole(SweepJsonStream(std::move(slices))));
    // Checked already (the constructor throws what sweep() throws): from here on nothing fails,
    // so the 200 sent before the body is true.
    ApiResponse response = csv ? csv_response({}, "sweep") : json_response({});
    if (csv)
        response.stream = std::make_shared<StreamedBody<SweepCsvStream>>(SweepCsvStream(std::move(slices)));
    else
        response.stream = std::make_shared<StreamedBody<SweepJsonStream>>(SweepJsonStream(std::move(slices)));
    return response;
}

ApiResponse handle_openapi(const ServiceContext&, const ApiRequest&) {
    ApiResponse response = json_response(std::string(openapi_document()));
    response.headers.emplace_back("Cache-Control", "no-cache");
    return response;
}

ApiResponse handle_metrics(const ServiceContext& context, const ApiRequest&) {
    ApiResponse response;
    response.content_type = "text/plain; version=0.0.4; charset=utf-8";
    response.body = context.metrics ? context.metrics->exposition() : std::string{};
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
}

ApiResponse handle_index(const ServiceContext& context, const ApiRequest& request) {
    ApiRequest index = request;
    index.path = "/assets/index.html";
    return handle_asset(context, index);
}

ApiResponse handle_asset(const ServiceContext&, const ApiRequest& request) {
    constexpr std::string_view prefix = "/assets/";
    std::string_view name = std::string_view(request.path).substr(prefix.size());
    const Asset* asset = find_asset(name);
    if (asset == nullptr) return error_response(404, "not_found", "no such asset: " + std::string(name), "path");
    ApiResponse response;
    if (!request.if_none_match.empty() && request.if_none_match == asset->etag) {
        response.status = 304;
        response.content_type.clear();
    } else {
        response.content_type = std::string(asset->content_type);
        response.body = std::string(asset->bytes);
    }
    // Assets change only with the binary: revalidate by ETag (the build's content hash).
    response.headers.emplace_back("Cache-Control", "no-cache");
    response.headers.emplace_back("ETag", std::string(asset->etag));
    return response;
}

}  // namespace costsim::server
