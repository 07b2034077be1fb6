// "include_series" on compare and estimate: each bill's per-interval series under a traffic
// profile (what the page's instances chart draws), absent unless asked for, refused elsewhere.
#include "server_support.hpp"

#include <algorithm>

namespace {

nlohmann::json post(httplib::Client& client, const std::string& path, const std::string& body, int status = 200) {
    auto res = test::post_json(client, path, body);
    REQUIRE(res);
    CHECK(res->status == status);
    return nlohmann::json::parse(res->body);
}

// business_hours at peak 4: Monday-Friday 09:00-17:00 (40 of 168 hours) at 4 x the mean, the other
// 128 hours at (168 - 40 x 4) / 128 = 0.0625 x the mean.
const std::string kWorkload =
    R"("workload":{"requests_per_second":10,"duration_ms":100,"traffic":{"preset":"business_hours","peak_to_mean":4}})";

const nlohmann::json& series_named(const nlohmann::json& bill, const std::string& name) {
    const auto& list = bill["series"];
    const auto it = std::find_if(list.begin(), list.end(), [&](const nlohmann::json& s) { return s["name"] == name; });
    REQUIRE(it != list.end());
    return *it;
}

}  // namespace

TEST_CASE("POST /api/v1/compare with include_series: Lambda's concurrency and a fleet's instances per hour") {
    test::TestServer server;
    auto client = server.client();
    const auto body = post(client, "/api/v1/compare",
                           "{" + kWorkload +
                               R"(,"include_series":true,"offerings":[{"kind":"lambda","id":"fn"},)"
                               R"({"kind":"vm","id":"fleet","instance":"t3.micro","capacity_rps":50}]})");
    const auto& lambda = body["results"][0];
    const auto& concurrency = series_named(lambda, "concurrency");
    CHECK(concurrency["interval_s"] == 3600);
    CHECK(concurrency["aggregation"] == "max");
    REQUIRE(concurrency["values"].size() == 168);
    // Little's law: Monday 00:00 at 0.0625 x 10 = 0.625 req/s x 0.1 s = 0.0625 busy environments;
    // Monday 09:00 at 40 req/s x 0.1 s = 4.
    CHECK(concurrency["values"][0].get<double>() == doctest::Approx(0.0625));
    CHECK(concurrency["values"][9].get<double>() == doctest::Approx(4));
    // A static fleet sized for the 40 req/s peak: 50 x 0.7 = 35 req/s each, ceil(40 / 35) = 2 all week.
    const auto& instances = series_named(body["results"][1], "instances");
    CHECK(instances["unit"] == "instance");
    REQUIRE(instances["values"].size() == 168);
    for (const auto& v : instances["values"]) CHECK(v.get<double>() == doctest::Approx(2));
}

TEST_CASE("include_series: absent by default, an empty list without a profile, refused where no bill is answered") {
    test::TestServer server;
    auto client = server.client();
    const std::string offerings = R"("offerings":[{"kind":"lambda","id":"fn"}])";
    const auto plain = post(client, "/api/v1/compare", "{" + kWorkload + "," + offerings + "}");
    CHECK_FALSE(plain["results"][0].contains("series"));
    const auto flat =
        post(client, "/api/v1/compare",
             R"({"workload":{"requests_per_second":10,"duration_ms":100},"include_series":true,)" + offerings + "}");
    CHECK(flat["results"][0]["series"] == nlohmann::json::array());
    const auto one = post(client, "/api/v1/estimate",
                          "{" + kWorkload + R"(,"include_series":true,"offering":{"kind":"lambda","id":"fn"}})");
    CHECK(series_named(one, "concurrency")["values"].size() == 168);

    const auto sweep = post(client, "/api/v1/sweep",
                            "{" + kWorkload + R"(,"include_series":true,)" + offerings +
                                R"(,"grid":{"from_rps":1,"to_rps":10,"points":2}})",
                            400);
    CHECK(sweep["error"]["field"] == "include_series");
    const auto wrong =
        post(client, "/api/v1/compare", "{" + kWorkload + R"(,"include_series":"yes",)" + offerings + "}", 400);
    CHECK(wrong["error"]["field"] == "include_series");
    const auto profile = post(client, "/api/v1/profile", "{" + kWorkload + R"(,"include_series":true})", 400);
    CHECK(profile["error"]["field"] == "include_series");
}
