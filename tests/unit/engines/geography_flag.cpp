// Regions and geographies: every bill names its region, and a comparison whose offerings are
// priced in different geographies carries a "mixed_geographies" flag (the example:
// Lambda in Tokyo against Cloud Run in Iowa and Azure in Virginia).
#include <costsim/costsim.hpp>
#include <costsim/compare.hpp>
#include <costsim/curves_io.hpp>
#include <costsim/json.hpp>
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace costsim;

namespace {
const Workload kWorkload{.requests_per_month = 3e6, .duration_ms = 100};
}  // namespace

TEST_CASE("region_place knows the catalog's regions and says nothing of others") {
    for (auto [provider, region] : {std::pair{"aws", "ap-northeast-1"},
                                    {"gcp", "asia-northeast1"},
                                    {"azure", "japaneast"},
                                    {"oci", "ap-tokyo-1"}}) {
        CAPTURE(region);
        REQUIRE(region_place(provider, region));
        CHECK(region_place(provider, region)->location == "Tokyo");
        CHECK(region_place(provider, region)->geography == "Japan");
    }
    CHECK(region_place("sakura", "is1a")->location == "Ishikari");
    CHECK(region_place("sakura", "is1a")->geography == "Japan");
    for (auto [provider, region] :
         {std::pair{"aws", "us-east-1"}, {"gcp", "us-central1"}, {"azure", "eastus"}, {"oci", "us-ashburn-1"}})
        CHECK(region_place(provider, region)->geography == "United States");
    CHECK(region_place("gcp", "us-central1")->location == "Iowa");
    CHECK_FALSE(region_place("aws", "eu-west-9"));
    CHECK_FALSE(region_place("gcp", "us-east-1"));  // an AWS code is not a Google region
    // Every region of the built-in catalog has a place.
    for (const PriceEntry& e : Catalog::builtin().entries()) {
        if (e.region == "global") continue;
        CAPTURE(e.id);
        CHECK(region_place(e.provider, e.region));
    }
}

TEST_CASE("every bill names the region it is priced in") {
    CHECK(price(kWorkload, {"", LambdaConfig{.region = "ap-northeast-1"}}, Catalog::builtin()).region ==
          "ap-northeast-1");
    CHECK(price(kWorkload, {"", CloudRunConfig{}}, Catalog::builtin()).region == "us-central1");
    CHECK(price(kWorkload, {"", AzureFunctionsConfig{.region = "japaneast"}}, Catalog::builtin()).region ==
          "japaneast");
    // a fleet without a region runs in its provider's default
    CHECK(
        price(kWorkload, {"", VmFleetConfig{.provider = "gcp", .instance = "e2-small", .count = 1}}, Catalog::builtin())
            .region == "us-central1");
    const auto j = nlohmann::json::parse(to_json(price(kWorkload, {"", LambdaConfig{}}, Catalog::builtin())));
    CHECK(j["region"] == "us-east-1");
}

TEST_CASE("the issue's mixed comparison is flagged, naming each geography and its offerings") {
    const std::vector<Offering> offerings = {
        {"", LambdaConfig{.region = "ap-northeast-1"}},
        {"", CloudRunConfig{}},
        {"", AzureFunctionsConfig{}},
        {"", VmFleetConfig{.provider = "gcp", .instance = "e2-small", .count = 1}},
    };
    const Comparison c = compare(kWorkload, offerings, Catalog::builtin());
    REQUIRE(c.flags.size() == 1);
    CHECK(c.flags[0].code == "mixed_geographies");
    CHECK(c.flags[0].message ==
          "the offerings are priced in different geographies: "
          "Japan: lambda-ap-northeast-1-x86_64-128mb in ap-northeast-1 (Tokyo); "
          "United States: cloud_run-us-central1-512mb in us-central1 (Iowa), "
          "azure_functions-eastus-128mb in eastus (Virginia), vm-gcp-us-central1-e2-small in us-central1 (Iowa). "
          "Prices differ by region: set every offering's region in one geography to compare like with like");
    const auto j = nlohmann::json::parse(to_json(c));
    REQUIRE(j["flags"].size() == 1);
    CHECK(j["flags"][0]["code"] == "mixed_geographies");
    CHECK(j["results"][0]["region"] == "ap-northeast-1");
    CHECK(j["results"][1]["region"] == "us-central1");
}

TEST_CASE("offerings in one geography are not flagged, even in different cities or providers") {
    const std::vector<Offering> tokyo = {
        {"", LambdaConfig{.region = "ap-northeast-1"}},
        {"", CloudRunConfig{.region = "asia-northeast1"}},
        {"", AzureFunctionsConfig{.region = "japaneast"}},
        {"", VmFleetConfig{.provider = "sakura", .instance = "1core-1GB", .count = 1}},  // Ishikari
    };
    const Comparison c = compare(kWorkload, tokyo, Catalog::builtin());
    CHECK(c.flags.empty());
    CHECK(nlohmann::json::parse(to_json(c))["flags"].empty());
    // Virginia and Iowa are both priced as the United States
    CHECK(compare(kWorkload, {{"", LambdaConfig{}}, {"", CloudRunConfig{}}}, Catalog::builtin()).flags.empty());
}

TEST_CASE("a region without a known place counts as a geography of its own") {
    const auto flag =
        geography_flag({{"", LambdaConfig{.region = "eu-west-9"}}, {"", LambdaConfig{.region = "us-east-1"}}});
    REQUIRE(flag);
    CHECK(flag->message.find("an unknown geography (aws eu-west-9): lambda-eu-west-9-x86_64-128mb in eu-west-9;") !=
          std::string::npos);
    // the same unknown region twice is one place
    CHECK_FALSE(
        geography_flag({{"a", LambdaConfig{.region = "eu-west-9"}}, {"b", LambdaConfig{.region = "eu-west-9"}}}));
    CHECK_FALSE(geography_flag({{"", LambdaConfig{}}}));
}

TEST_CASE("cost curves and parameter sweeps carry the same flag") {
    const std::vector<Offering> mixed = {{"", LambdaConfig{.region = "ap-northeast-1"}}, {"", CloudRunConfig{}}};
    const Curves curves = cost_curves(kWorkload, mixed, Catalog::builtin(), CurveGrid{}, {});
    REQUIRE(curves.flags.size() == 1);
    CHECK(curves.flags[0].code == "mixed_geographies");
    CHECK(nlohmann::json::parse(to_json(curves))["flags"][0]["code"] == "mixed_geographies");
    const Sweep s = sweep(kWorkload, mixed, Catalog::builtin(),
                          SweepGrid{.requests_per_second = {1, 10}, .duration_ms = {}, .memory_mb = {}}, {});
    REQUIRE(s.flags.size() == 1);
    CHECK(s.flags[0].message == curves.flags[0].message);
    CHECK(nlohmann::json::parse(to_json(s))["flags"].size() == 1);
    const std::vector<Offering> tokyo = {{"", LambdaConfig{.region = "ap-northeast-1"}},
                                         {"", CloudRunConfig{.region = "asia-northeast1"}}};
    CHECK(cost_curves(kWorkload, tokyo, Catalog::builtin(), CurveGrid{}, {}).flags.empty());
    CHECK(nlohmann::json::parse(
              to_json(sweep(kWorkload, tokyo, Catalog::builtin(),
                            SweepGrid{.requests_per_second = {1}, .duration_ms = {}, .memory_mb = {}}, {})))["flags"]
              .empty());
}
