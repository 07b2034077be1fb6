// POST /api/v1/catalog/import over a real socket: an Azure Retail Prices page and an AWS offer
// excerpt answered as a catalog with the counts; bad bodies and filters are 400s naming the field.
#include "server_support.hpp"

#include <fstream>
#include <sstream>

namespace {

std::string data_file(const std::string& path) {
    std::ifstream in(std::string(COSTSIM_SOURCE_DIR) + "/tests/data/" + path, std::ios::binary);
    REQUIRE_MESSAGE(in, path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

TEST_CASE("POST /api/v1/catalog/import: an Azure page gives the B1s price, Windows counted as skipped") {
    test::TestServer server;
    auto client = server.client();
    auto res =
        test::post_json(client, "/api/v1/catalog/import", data_file("azure-retail-prices/standard_b1s_eastus.json"));
    REQUIRE(res);
    REQUIRE(res->status == 200);
    const auto body = nlohmann::json::parse(res->body);
    CHECK(body["summary"]["offer"] == "Azure Retail Prices");
    CHECK(body["summary"]["products_read"] == 2);
    CHECK(body["summary"]["skipped"]["Windows"] == 1);
    REQUIRE(body["catalog"]["entries"].size() == 1);
    CHECK(body["catalog"]["entries"][0]["id"] == "azure.vm.eastus.b1s");
    CHECK(body["catalog"]["entries"][0]["price"] == 0.0104);  // Microsoft's $0.0104 an hour
}

TEST_CASE("POST /api/v1/catalog/import: an AWS offer excerpt, filtered by family") {
    test::TestServer server;
    auto client = server.client();
    auto res = test::post_json(client, "/api/v1/catalog/import?family=m7g",
                               data_file("price-list/aws-AmazonEC2-us-east-1-t3.json"));
    REQUIRE(res);
    REQUIRE(res->status == 200);
    const auto body = nlohmann::json::parse(res->body);
    CHECK(body["summary"]["offer"] == "AmazonEC2");
    CHECK(body["summary"]["skipped"]["instance family not selected"].get<int>() >= 1);
    bool m7g = false;
    for (const auto& e : body["catalog"]["entries"]) {
        CHECK(e["id"].get<std::string>().find("t3.") == std::string::npos);
        m7g = m7g || e["id"] == "aws.ec2.us-east-1.m7g.large";
    }
    CHECK(m7g);
}

TEST_CASE("POST /api/v1/catalog/import: bad bodies and filters are 400s naming the field") {
    test::TestServer server;
    auto client = server.client();
    auto truncated = test::post_json(client, "/api/v1/catalog/import", R"({"BillingCurrency":"USD","Items":[)");
    REQUIRE(truncated);
    CHECK(truncated->status == 400);
    CHECK(nlohmann::json::parse(truncated->body)["error"]["message"].get<std::string>().find(
              "body: invalid or truncated JSON") != std::string::npos);
    auto wrong = test::post_json(client, "/api/v1/catalog/import", R"({"schema":"cost-sim-catalog/1"})");
    REQUIRE(wrong);
    CHECK(wrong->status == 400);
    auto empty_item = test::post_json(client, "/api/v1/catalog/import?region=eastus,",
                                      data_file("azure-retail-prices/standard_b1s_eastus.json"));
    REQUIRE(empty_item);
    CHECK(empty_item->status == 400);
    CHECK(nlohmann::json::parse(empty_item->body)["error"]["field"] == "query.region");
    auto nothing = test::post_json(client, "/api/v1/catalog/import?region=japaneast",
                                   data_file("azure-retail-prices/standard_b1s_eastus.json"));
    REQUIRE(nothing);
    CHECK(nothing->status == 400);
    CHECK(nlohmann::json::parse(nothing->body)["error"]["field"] == "entries");
}
