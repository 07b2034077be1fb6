// GET /api/v1/offering-kinds publishes the descriptors, and the served OpenAPI document's Offering
// schema is generated from them: one schema per kind, each with the bounds the reader applies.
#include "server_support.hpp"

#include <costsim/offering_kinds.hpp>

TEST_CASE("GET /api/v1/offering-kinds: every kind with its fields, as the library publishes them") {
    test::TestServer server;
    auto client = server.client();
    auto res = client.Get("/api/v1/offering-kinds");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Content-Type").rfind("application/json", 0) == 0);
    CHECK(res->body == costsim::offering_kinds_to_json());
    const auto doc = nlohmann::json::parse(res->body);
    REQUIRE(doc["kinds"].size() == costsim::offering_kinds().size());
    for (std::size_t i = 0; i < doc["kinds"].size(); ++i) {
        const costsim::KindInfo& kind = costsim::offering_kinds()[i];
        CHECK(doc["kinds"][i]["name"] == kind.name);
        CHECK(doc["kinds"][i]["fields"].size() == kind.fields.size());
    }
    auto head = client.Head("/api/v1/offering-kinds");
    REQUIRE(head);
    CHECK(head->status == 200);
    CHECK(head->body.empty());
    auto query = client.Get("/api/v1/offering-kinds?kind=lambda");  // takes no query
    REQUIRE(query);
    CHECK(query->status == 400);
}

TEST_CASE("the served OpenAPI Offering schema is a oneOf of the kinds' generated schemas") {
    test::TestServer server;
    auto client = server.client();
    auto res = client.Get("/api/v1/openapi.json");
    REQUIRE(res);
    const auto doc = nlohmann::json::parse(res->body);
    const auto& schemas = doc["components"]["schemas"];
    const auto& offering = schemas["Offering"];
    REQUIRE(offering["oneOf"].size() == costsim::offering_kinds().size());
    for (const costsim::KindInfo& kind : costsim::offering_kinds()) {
        CAPTURE(kind.name);
        const std::string ref = offering["discriminator"]["mapping"][std::string(kind.name)];
        const std::string name = ref.substr(ref.rfind('/') + 1);
        REQUIRE(schemas.contains(name));
        for (const costsim::FieldInfo& f : kind.fields) {
            CAPTURE(f.name);
            if (f.group().empty())
                CHECK(schemas[name]["properties"].contains(std::string(f.name)));
            else  // a dotted field: a property of its group's nested object
                CHECK(schemas[name]["properties"][std::string(f.group())]["properties"].contains(std::string(f.key())));
        }
    }
    // The requests that carry offerings still point at Offering.
    CHECK(res->body.find("\"$ref\": \"#/components/schemas/Offering\"") != std::string::npos);
    CHECK(schemas.contains("OfferingKinds"));
}
