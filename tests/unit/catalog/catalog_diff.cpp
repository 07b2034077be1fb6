// catalog diff: numbers that moved between two catalogs, by id; entries added and removed.
#include <costsim/catalog_diff.hpp>
#include <doctest/doctest.h>

#include <string>

using namespace costsim;

namespace {

Catalog document(const std::string& entries) {
    return Catalog::from_json(R"({"schema":"cost-sim-catalog/1","version":"t","as_of":"2026-01-01","entries":[)" +
                              entries + "]}");
}

std::string entry(const std::string& id, const std::string& value) {
    return R"({"id":")" + id +
           R"(","provider":"aws","service":"lambda","region":"us-east-1","description":"d","unit":"GB-second",)"
           R"("currency":"USD",)" +
           value +
           R"(,"source":"https://aws.amazon.com/lambda/pricing/","as_of":"2026-01-01","confidence":"verified"})";
}

}  // namespace

TEST_CASE("catalog diff: a tier price, a tier edge, an allowance and a tier count") {
    const Catalog before = document(
        entry(
            "a",
            R"("tiers":[{"from":0,"up_to":6000000000,"price":0.0000166667},{"from":6000000000,"up_to":null,"price":0.000015}])") +
        "," + entry("b", R"("allowance":400000)") + "," + entry("c", R"("tiers":[{"from":0,"up_to":null,"price":1}])") +
        "," + entry("gone", R"("price":1)"));
    const Catalog after = document(
        entry(
            "a",
            R"("tiers":[{"from":0,"up_to":5000000000,"price":0.0000166667},{"from":5000000000,"up_to":null,"price":0.0000135}])") +
        "," + entry("b", R"("allowance":400000)") + "," +
        entry("c", R"("tiers":[{"from":0,"up_to":10,"price":1},{"from":10,"up_to":null,"price":0.5}])") + "," +
        entry("new", R"("price":2)"));
    const CatalogDiff d = diff_catalogs(before, after);
    CHECK(d.added == std::vector<std::string>{"new"});
    CHECK(d.removed == std::vector<std::string>{"gone"});
    CHECK(d.unchanged == 1);  // b
    REQUIRE(d.changed.size() == 3);
    CHECK(d.changed[0].field == "tiers[0].up_to");
    CHECK(d.changed[0].change == -1e9);  // 5 B - 6 B GB-s
    CHECK(d.changed[1].field == "tiers[1].price");
    // $0.000015 -> $0.0000135: -$0.0000015, -0.0000015 / 0.000015 = -10 %.
    CHECK(*d.changed[1].change_percent == doctest::Approx(-10));
    CHECK(d.changed[2].id == "c");
    CHECK(d.changed[2].field == "tiers");  // 1 tier -> 2 tiers
    CHECK(d.changed[2].new_value == 2);    // the first tier's price is the same: only the count is reported
}

TEST_CASE("catalog diff: a price from zero has no percent") {
    const CatalogDiff d = diff_catalogs(document(entry("a", R"("price":0)")), document(entry("a", R"("price":0.5)")));
    REQUIRE(d.changed.size() == 1);
    CHECK(d.changed[0].change == 0.5);
    CHECK_FALSE(d.changed[0].change_percent.has_value());
    CHECK(
        to_json(d) ==
        R"({"schema":"cost-sim-catalog-diff/1","added":[],"removed":[],"changed":[{"id":"a","field":"price","old":0.0,"new":0.5,"change":0.5,"change_percent":null}],"unchanged":0})");
}
