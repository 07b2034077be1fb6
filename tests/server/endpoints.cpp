// Every endpoint with valid input answers what the library computes for the same input.
#include "server_support.hpp"

#include "assets.hpp"
#include "routes.hpp"

#include <costsim/compare.hpp>
#include <costsim/cost_model.hpp>
#include <costsim/csv.hpp>
#include <costsim/curves_io.hpp>
#include <costsim/version.hpp>

#include <set>

using costsim::parse_scenario;
using costsim::ScenarioShape;

TEST_CASE("GET and HEAD /health report ok, the version and the catalog's date") {
    test::TestServer server;
    auto client = server.client();
    auto res = client.Get("/health");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Content-Type") == "application/json");
    auto body = nlohmann::json::parse(res->body);
    CHECK(body["status"] == "ok");
    CHECK(body["version"] == costsim::kVersion);
    CHECK(body["catalog_as_of"] == costsim::Catalog::builtin().as_of());

    auto head = client.Head("/health");
    REQUIRE(head);
    CHECK(head->status == 200);
    CHECK(head->body.empty());
}

TEST_CASE("GET /api/v1/catalog is the library's catalog JSON, filtered by provider and region") {
    test::TestServer server;
    auto client = server.client();
    const auto& catalog = costsim::Catalog::builtin();
    auto all = client.Get("/api/v1/catalog");
    REQUIRE(all);
    CHECK(all->status == 200);
    CHECK(all->body == costsim::catalog_to_json(catalog));
    auto aws = client.Get("/api/v1/catalog?provider=aws&region=us-east-1");
    REQUIRE(aws);
    CHECK(aws->status == 200);
    CHECK(aws->body == costsim::catalog_to_json(catalog, "aws", "us-east-1"));
    CHECK(aws->body != all->body);
}

TEST_CASE("POST /api/v1/estimate is the library's bill, converted to the asked currency") {
    test::TestServer server;
    auto client = server.client();
    const std::string body = R"({"workload":{"requests_per_month":5000000,"duration_ms":250},)"
                             R"("offering":{"kind":"lambda","memory_mb":1024,"arch":"arm64"},)"
                             R"("currency":"JPY","jpy_per_usd":150})";
    auto res = test::post_json(client, "/api/v1/estimate", body);
    REQUIRE(res);
    CHECK(res->status == 200);
    auto s = parse_scenario(body, ScenarioShape::one_offering);
    auto bill = costsim::CostModel::build(s.workload, s.offerings[0], costsim::Catalog::builtin()).bill();
    CHECK(res->body == costsim::to_json(costsim::convert(bill, "JPY", 150)));
    CHECK(nlohmann::json::parse(res->body)["currency"] == "JPY");
}

TEST_CASE("POST /api/v1/compare is the library's comparison, as JSON or CSV") {
    test::TestServer server;
    auto client = server.client();
    auto s = parse_scenario(test::kCompareBody, ScenarioShape::many_offerings);
    auto expected = costsim::compare(s.workload, s.offerings, costsim::Catalog::builtin(), s.currency, s.range);

    auto json = test::post_json(client, "/api/v1/compare", test::kCompareBody);
    REQUIRE(json);
    CHECK(json->status == 200);
    CHECK(json->body == costsim::to_json(expected));
    auto report = nlohmann::json::parse(json->body);
    CHECK(report["results"].size() == 2);

    auto by_query = test::post_json(client, "/api/v1/compare?format=csv", test::kCompareBody);
    REQUIRE(by_query);
    CHECK(by_query->status == 200);
    CHECK(by_query->get_header_value("Content-Type") == "text/csv; charset=utf-8");
    CHECK(by_query->body == costsim::to_csv(expected));

    auto by_accept = test::post_json(client, "/api/v1/compare", test::kCompareBody, {{"Accept", "text/csv"}});
    REQUIRE(by_accept);
    CHECK(by_accept->body == costsim::to_csv(expected));

    auto json_first =
        test::post_json(client, "/api/v1/compare", test::kCompareBody, {{"Accept", "application/json, text/csv"}});
    REQUIRE(json_first);
    CHECK(json_first->body == costsim::to_json(expected));
}

TEST_CASE("POST /api/v1/break-even is the comparison's break-even points") {
    test::TestServer server;
    auto client = server.client();
    const std::string body = R"({"workload":{"requests_per_month":3000000,"duration_ms":120},)"
                             R"("offerings":[{"kind":"lambda","memory_mb":512},{"kind":"vm","instance":"t3.micro"}],)"
                             R"("range":{"from_rps":0,"to_rps":50}})";
    auto res = test::post_json(client, "/api/v1/break-even", body);
    REQUIRE(res);
    CHECK(res->status == 200);
    auto s = parse_scenario(body, ScenarioShape::many_offerings);
    auto c = costsim::compare(s.workload, s.offerings, costsim::Catalog::builtin(), s.currency, s.range);
    CHECK(res->body == costsim::break_even_to_json(c));
    CHECK(nlohmann::json::parse(res->body)["flags"].empty());  // both in us-east-1
}

TEST_CASE("POST /api/v1/break-even says when the offerings sit in different geographies") {
    test::TestServer server;
    auto client = server.client();
    const std::string body = R"({"workload":{"requests_per_month":3000000,"duration_ms":120},)"
                             R"("offerings":[{"kind":"lambda","region":"ap-northeast-1"},{"kind":"cloud_run"}]})";
    auto res = test::post_json(client, "/api/v1/break-even", body);
    REQUIRE(res);
    CHECK(res->status == 200);
    const auto j = nlohmann::json::parse(res->body);
    REQUIRE(j["flags"].size() == 1);
    CHECK(j["flags"][0]["code"] == "mixed_geographies");
    CHECK(j["flags"][0]["message"].get<std::string>().find(
              "Japan: lambda-ap-northeast-1-x86_64-128mb in ap-northeast-1 (Tokyo); "
              "United States: cloud_run-us-central1-512mb in us-central1 (Iowa)") != std::string::npos);
}

TEST_CASE("POST /api/v1/sweep gives curves for a grid and a parameter sweep for a sweep") {
    test::TestServer server;
    auto client = server.client();
    const auto& catalog = costsim::Catalog::builtin();
    const std::string grid = R"({"workload":{"requests_per_month":3000000,"duration_ms":120},)"
                             R"("offerings":[{"kind":"lambda"},{"kind":"vm","instance":"t3.micro"}],)"
                             R"("grid":{"from_rps":1,"to_rps":100,"points":7}})";
    auto sg = parse_scenario(grid, ScenarioShape::many_offerings);
    auto curves = costsim::cost_curves(sg.workload, sg.offerings, catalog, sg.grid, sg.currency);
    auto res = test::post_json(client, "/api/v1/sweep", grid);
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->body == costsim::to_json(curves));
    auto csv = test::post_json(client, "/api/v1/sweep?format=csv", grid);
    REQUIRE(csv);
    CHECK(csv->body == costsim::to_csv(curves));

    const std::string sweep =
        R"({"workload":{"requests_per_month":3000000,"duration_ms":120},)"
        R"("offerings":[{"kind":"lambda"},{"kind":"vm","instance":"t3.micro"}],)"
        R"("sweep":{"requests_per_second":[1,10,100],"duration_ms":[50,500],"memory_mb":[128,1024]}})";
    auto ss = parse_scenario(sweep, ScenarioShape::many_offerings);
    auto result = costsim::sweep(ss.workload, ss.offerings, catalog, ss.sweep, ss.currency);
    auto res2 = test::post_json(client, "/api/v1/sweep", sweep);
    REQUIRE(res2);
    CHECK(res2->status == 200);
    CHECK(res2->body == costsim::to_json(result));
    auto csv2 = test::post_json(client, "/api/v1/sweep", sweep, {{"Accept", "text/csv"}});
    REQUIRE(csv2);
    CHECK(csv2->body == costsim::to_csv(result));
}

TEST_CASE("the OpenAPI document describes exactly the routes the server has, with their methods") {
    test::TestServer server;
    auto client = server.client();
    auto res = client.Get("/api/v1/openapi.json");
    REQUIRE(res);
    CHECK(res->status == 200);
    auto doc = nlohmann::json::parse(res->body);
    CHECK(doc["openapi"].get<std::string>().rfind("3.", 0) == 0);

    std::set<std::string> documented;
    for (const auto& [path, item] : doc["paths"].items()) {
        std::string methods;
        for (const char* m : {"get", "head", "post"})
            if (item.contains(m)) methods += std::string(methods.empty() ? "" : ", ") + m;
        documented.insert(path + " " + methods);
    }
    std::set<std::string> served;
    for (const auto& route : costsim::server::route_table()) {
        std::string path = route.path == "/assets/*" ? "/assets/{file}" : route.path;
        std::string methods = route.allow;
        for (auto& ch : methods) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        served.insert(path + " " + methods);
    }
    CHECK(documented == served);

    // And every documented path answers something other than 404 on its first method.
    for (const auto& route : costsim::server::route_table()) {
        if (route.path == "/assets/*" || route.path == "/") continue;  // "/": tested with the assets
        auto r = route.allow.rfind("POST", 0) == 0 ? test::post_json(client, route.path, "{}") : client.Get(route.path);
        REQUIRE(r);
        CHECK_MESSAGE(r->status != 404, route.path);
        CHECK_MESSAGE(r->status != 405, route.path);
    }
}

TEST_CASE("the page and Chart.js are served from the binary with content types and ETags") {
    test::TestServer server;
    auto client = server.client();
    auto chart = client.Get("/assets/chart.min.js");
    REQUIRE(chart);
    CHECK(chart->status == 200);
    CHECK(chart->get_header_value("Content-Type") == "text/javascript; charset=utf-8");
    CHECK(chart->body.size() > 1000);
    const std::string etag = chart->get_header_value("ETag");
    CHECK(!etag.empty());
    auto again = client.Get("/assets/chart.min.js", {{"If-None-Match", etag}});
    REQUIRE(again);
    CHECK(again->status == 304);
    CHECK(again->body.empty());

    auto missing = client.Get("/assets/../CMakeLists.txt");
    REQUIRE(missing);
    CHECK(missing->status == 404);
    auto index = client.Get("/");
    REQUIRE(index);
    if (costsim::server::find_asset("index.html") != nullptr) {
        CHECK(index->status == 200);
        CHECK(index->get_header_value("Content-Type") == "text/html; charset=utf-8");
    } else {
        CHECK(index->status == 404);  // the page is not written yet: still JSON, never a crash
    }
}
