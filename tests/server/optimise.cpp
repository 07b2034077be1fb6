// POST /api/v1/optimise: the library's report for the same input, csv and svg views, 4xx errors
// naming the field. The picks themselves are pinned by hand in tests/unit/engines/memory_optimiser.cpp.
#include "server_support.hpp"

#include <costsim/charts.hpp>
#include <costsim/memory_optimiser_io.hpp>

namespace {

const char* const kBody = R"({"workload": {"requests_per_month": 10000000},
  "offerings": [{"kind": "lambda", "free_tier": false}, {"kind": "vm", "instance": "t3.micro", "count": 1}],
  "optimise": {"measurements": [{"memory_mb": 128, "duration_ms": 1000}, {"memory_mb": 256, "duration_ms": 400},
                                {"memory_mb": 512, "duration_ms": 220}, {"memory_mb": 1024, "duration_ms": 200}],
               "architectures": ["x86_64"], "latency_target_ms": 300}})";

costsim::OptimiserResult library_result() {
    const costsim::OptimiseRequest in = costsim::parse_optimise_request(kBody);
    return costsim::optimise_memory(in.scenario.workload, in.lambda, in.input, in.others, costsim::Catalog::builtin(),
                                    in.scenario.currency, in.scenario.range);
}

}  // namespace

TEST_CASE("POST /api/v1/optimise answers the library's report, as json, csv and svg") {
    test::TestServer server;
    auto client = server.client();
    auto res = test::post_json(client, "/api/v1/optimise", kBody);
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->body == costsim::to_json(library_result()));
    const auto j = nlohmann::json::parse(res->body);
    // 256 MB x 400 ms: 1e7 x (0.0000002 + 0.25 GB x 0.4 s x 0.0000166667) = $18.6667 (the cheapest);
    // 355 MB the smallest at most 300 ms (40 + 92,160 / M <= 300).
    CHECK(j["chosen"]["memory_mb"] == 256);
    CHECK(j["overall"]["meets_latency"]["memory_mb"] == 355);
    CHECK(j["break_even"].size() == 1);

    auto csv = test::post_json(client, "/api/v1/optimise?format=csv", kBody);
    REQUIRE(csv);
    CHECK(csv->status == 200);
    CHECK(csv->body == costsim::to_csv(library_result()));

    auto svg = test::post_json(client, "/api/v1/optimise?format=svg&lang=ja", kBody);
    REQUIRE(svg);
    CHECK(svg->status == 200);
    CHECK(svg->get_header_value("Content-Type") == "image/svg+xml; charset=utf-8");
    CHECK(svg->body == costsim::to_svg(costsim::memory_chart(library_result(), costsim::ChartLanguage::ja)));
}

TEST_CASE("POST /api/v1/optimise: bad input is a 400 naming the field") {
    test::TestServer server;
    auto client = server.client();
    const auto field_of = [&](const std::string& path, const std::string& body) {
        auto res = test::post_json(client, path, body);
        REQUIRE(res);
        CHECK(res->status == 400);
        return nlohmann::json::parse(res->body)["error"]["field"].get<std::string>();
    };
    CHECK(field_of("/api/v1/optimise", R"({"workload": {"requests_per_month": 1}})") == "optimise");
    CHECK(field_of("/api/v1/optimise", R"({"workload": {"requests_per_month": 1}, "optimise": {"measurements":
        [{"memory_mb": 128, "duration_ms": 1}, {"memory_mb": 20000, "duration_ms": 1}]}})") ==
          "optimise.measurements[1].memory_mb");
    CHECK(field_of("/api/v1/optimise", R"({"workload": {"requests_per_month": 1}, "optimise": {"model":
        {"memory_mb": 1024, "duration_ms": 100, "cpu_share": 0.5}, "step_mb": 0}})") == "optimise.step_mb");
    CHECK(field_of("/api/v1/optimise", R"({"workload": {"requests_per_month": 1}, "optimise": {"power_tuning_url":
        "abc"}})") == "optimise.power_tuning_url");
    CHECK(field_of("/api/v1/optimise?lang=ja", kBody) == "query.lang");
    CHECK(field_of("/api/v1/optimise?format=png", kBody) == "query.format");
}
