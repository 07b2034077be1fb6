// parse_scenario past kMaxJsonBytes (the API's scenario routes, up to kMaxScenarioBytes): a long
// workload.traffic series is read straight into its vector, with the same result and the same
// errors as the document reader gives a short one; a long series in another form is refused
// rather than read as a tree of millions of nodes.
#include <costsim/error.hpp>
#include <costsim/json.hpp>
#include <doctest/doctest.h>

#include <string>

using namespace costsim;

namespace {

/// A compare scenario whose series has `n` counts of `count`, and `tail` after the workload.
std::string scenario(std::size_t n, const std::string& count, const std::string& tail = "") {
    std::string text = R"({"workload":{"duration_ms":120,"traffic":{"interval_s":60,"requests":[)";
    for (std::size_t i = 0; i < n; ++i) text += (i == 0 ? "" : ",") + count;
    return text + R"(]}},"offerings":[{"kind":"lambda","memory_mb":512}])" + tail + "}";
}

}  // namespace

TEST_CASE("a 1,000,000-interval series in a scenario reads as the short one does") {
    const std::string text = scenario(1000000, "1");
    REQUIRE(text.size() > kMaxJsonBytes);
    REQUIRE(text.size() < kMaxScenarioBytes);
    const Scenario s = parse_scenario(text, ScenarioShape::many_offerings, kMaxScenarioBytes);
    REQUIRE(s.workload.traffic != nullptr);
    CHECK(s.workload.traffic->requests.size() == 1000000);
    // 1,000,000 requests in 60,000,000 s; a month is 2,628,000 s: 43,800 a month.
    CHECK(s.workload.requests_per_month == doctest::Approx(43800.0).epsilon(1e-12));
    CHECK(s.offerings.size() == 1);
    // Without the larger limit, the text is over the default one.
    CHECK_THROWS_AS(parse_scenario(text, ScenarioShape::many_offerings), LimitExceeded);
}

TEST_CASE("a long series' bad count and the rest of the scenario's errors name their fields") {
    std::string text = scenario(100000, "1");
    const std::size_t third = text.find("[1,1,1") + 5;  // requests[2]
    text[third] = '-';  // "-,": malformed; the series reader stops, and the rest is too many values to
    // read as a document, so the error is the bound (not the byte position a short body gets)
    CHECK_THROWS_AS(parse_scenario(text, ScenarioShape::many_offerings, kMaxScenarioBytes), LimitExceeded);
    // A negative count is a number: read by the series reader, refused by validate, named.
    std::string negative = scenario(100000, "1");
    negative.replace(negative.find("[1,1,1") + 5, 1, "-1");
    try {
        (void)parse_scenario(negative, ScenarioShape::many_offerings, kMaxScenarioBytes);
        FAIL("accepted");
    } catch (const InvalidInput& e) {
        CHECK(e.field() == "workload.traffic.requests[2]");
    }
    // An unknown field beside the series is named as in a short scenario.
    try {
        (void)parse_scenario(scenario(100000, "1", R"(,"surprise":1)"), ScenarioShape::many_offerings,
                             kMaxScenarioBytes);
        FAIL("accepted");
    } catch (const InvalidInput& e) {
        CHECK(e.field() == "surprise");
    }
}

TEST_CASE("a long series in another form is refused, not read as a tree") {
    // Counts as strings: the series reader does not take them, and 100,000 values are more
    // than a 64 KiB document holds.
    const std::string text = scenario(100000, "\"1\"");
    try {
        (void)parse_scenario(text, ScenarioShape::many_offerings, kMaxScenarioBytes);
        FAIL("accepted");
    } catch (const LimitExceeded& e) {
        CHECK(e.field() == "body");
        CHECK(std::string(e.what()).find("workload.traffic series") != std::string::npos);
    }
}
