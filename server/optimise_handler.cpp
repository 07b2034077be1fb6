// POST /api/v1/optimise: the Lambda memory optimiser (Design/http-api.md#post-apiv1optimise).
// Parses, calls the library, serialises; format=svg answers the memory chart.
#include "handlers.hpp"

#include <costsim/charts.hpp>
#include <costsim/memory_optimiser_io.hpp>

namespace costsim::server {

ApiResponse handle_optimise(const ServiceContext& context, const ApiRequest& request) {
    const auto format = request.query.find("format");
    const std::string wanted = format == request.query.end() ? "json" : format->second;
    const auto lang = request.query.find("lang");
    if (lang != request.query.end() && wanted != "svg")
        throw InvalidInput("query.lang", "absent unless format=svg (the chart's language)", 0);
    const OptimiseRequest in = parse_optimise_request(request.body);
    const OptimiserResult result = optimise_memory(in.scenario.workload, in.lambda, in.input, in.others,
                                                   context.catalog, in.scenario.currency, in.scenario.range);
    ApiResponse response;
    if (wanted == "csv") {
        response.content_type = "text/csv; charset=utf-8";
        response.body = to_csv(result);
        response.headers.emplace_back("Content-Disposition", "attachment; filename=\"optimise.csv\"");
    } else if (wanted == "svg") {
        const ChartLanguage language =
            lang == request.query.end() ? ChartLanguage::en : *chart_language_named(lang->second);
        response.content_type = "image/svg+xml; charset=utf-8";
        response.body = to_svg(memory_chart(result, language));
    } else {
        response.body = to_json(result);
    }
    return response;
}

}  // namespace costsim::server
