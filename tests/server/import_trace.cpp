// POST /api/v1/import/trace over a real socket: one function's rows of the bundled Azure
// Functions 2019 sample (tests/data/azure-functions-2019, CC-BY 4.0: README.md there), as the page
// sends them; each bad input a 400 naming the field or the line; a whole file over the body limit
// a 413. Row 2's figures are worked by hand in tests/unit/io/trace_import.cpp.
#include "server_support.hpp"

#include <fstream>
#include <sstream>

namespace {

std::string fixture(const std::string& name) {
    std::ifstream in(std::string(COSTSIM_SOURCE_DIR) + "/tests/data/azure-functions-2019/" + name, std::ios::binary);
    REQUIRE(in);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

/// The header and the line starting with `hash` (the files' first column): one function's rows.
std::string rows_of(const std::string& text, const std::string& hash) {
    const std::string header = text.substr(0, text.find('\n') + 1);
    const std::size_t at = text.find("\n" + hash);
    REQUIRE(at != std::string::npos);
    return header + text.substr(at + 1, text.find('\n', at + 1) - at);
}

nlohmann::json post(httplib::Client& client, const nlohmann::json& body, int status) {
    auto res = test::post_json(client, "/api/v1/import/trace", body.dump());
    REQUIRE(res);
    CHECK(res->status == status);
    return nlohmann::json::parse(res->body);
}

const std::string kRow2 = "c7a3df2a";

}  // namespace

TEST_CASE("POST /api/v1/import/trace: one function's rows give the profile, duration and memory") {
    test::TestServer server;
    auto client = server.client();
    const nlohmann::json body = {{"invocations", rows_of(fixture("invocations.csv"), kRow2)},
                                 {"durations", rows_of(fixture("durations.csv"), kRow2)},
                                 {"memory", rows_of(fixture("memory.csv"), kRow2)}};
    CHECK(body.dump().size() < costsim::kMaxJsonBytes);
    const auto answer = post(client, body, 200);
    const auto& trace = answer["trace"];
    CHECK(trace["format"] == "azure-functions-2019");
    CHECK(trace["row"] == 0);  // the only row sent
    CHECK(trace["invocations"] == 15.0);
    CHECK(trace["requests_per_month"].get<double>() == doctest::Approx(456.25));
    CHECK(trace["duration"]["average_ms"] == 365.0);
    CHECK(trace["duration"]["percentiles_ms"]["p50"] == 265.0);
    CHECK(trace["memory"]["lambda_memory_mb"] == 1274);
    CHECK(trace["summary"]["invocations"]["read"] == 1);
    CHECK(answer["scenario"]["workload"]["duration_ms"] == 365.0);
    CHECK(answer["scenario"]["workload"]["traffic"]["requests"].size() == 1440);
    CHECK(answer["scenario"]["offerings"][0]["memory_mb"] == 1274);

    // The scenario prices as in cli_import_trace.cpp: $0.0035443951 without the free tier.
    nlohmann::json scenario = answer["scenario"];
    scenario["offerings"][0]["free_tier"] = false;
    auto res = test::post_json(client, "/api/v1/compare", scenario.dump());
    REQUIRE(res);
    REQUIRE(res->status == 200);
    CHECK(nlohmann::json::parse(res->body)["results"][0]["total"].get<double>() ==
          doctest::Approx(0.0035443951).epsilon(1e-6));

    // A CSV, with the duration and memory given.
    const auto csv = post(
        client, {{"invocations", "timestamp,count\n0,10\n60,20\n120,30\n"}, {"duration_ms", 120}, {"memory_mb", 512}},
        200);
    CHECK(csv["trace"]["format"] == "csv");
    CHECK(csv["trace"]["requests_per_month"].get<double>() == doctest::Approx(876000.0));  // 60 x 2,628,000 / 180
    CHECK(csv["scenario"]["offerings"][0]["memory_mb"] == 512);
}

TEST_CASE("POST /api/v1/import/trace: bad input is a 400 naming the field or the line") {
    test::TestServer server;
    auto client = server.client();
    const std::string two =
        rows_of(fixture("invocations.csv"), kRow2) +
        rows_of(fixture("invocations.csv"), "3fc407d8").substr(fixture("invocations.csv").find('\n') + 1);
    const auto field = [&](const nlohmann::json& body) { return post(client, body, 400)["error"]; };
    CHECK(field({{"durations", "x"}})["field"] == "invocations");
    CHECK(field({{"invocations", "x"}, {"dates", "x"}})["field"] == "dates");
    CHECK(field({{"invocations", 5}})["field"] == "invocations");
    CHECK(field({{"invocations", two}, {"duration_ms", 5}})["field"] == "row");
    CHECK(field({{"invocations", two}, {"row", 1.5}})["field"] == "row");
    CHECK(field({{"invocations", two}, {"row", 1}, {"function", "3fc407d8"}})["field"] == "function");
    CHECK(field({{"invocations", two}, {"function", "feedface00"}})["field"] == "function");
    CHECK(field({{"invocations", two}, {"row", 0}})["field"] == "duration_ms");
    CHECK(field({{"invocations", two}, {"row", 0}, {"duration_ms", 5}, {"memory_mb", 64}})["field"] == "memory_mb");
    const auto missing =
        field({{"invocations", two}, {"row", 1}, {"durations", rows_of(fixture("durations.csv"), kRow2)}});
    CHECK(missing["field"] == "durations");
    CHECK(missing["message"].get<std::string>().find("durations: no row for the function") == 0);
    const auto line = field({{"invocations", "timestamp,count\n0,1\n60\n"}, {"duration_ms", 5}});
    CHECK(line["message"] == "invocations line 3: 2 fields (timestamp,count) expected, got 1");
}

TEST_CASE("POST /api/v1/import/trace: the whole sample file is over today's body limit: a 413") {
    test::TestServer server;
    auto client = server.client();
    const auto body = post(client, {{"invocations", fixture("invocations.csv")}, {"row", 2}}, 413);
    CHECK(body["error"]["field"] == "body");
}
