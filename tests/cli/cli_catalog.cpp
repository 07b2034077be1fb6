// `cost-sim catalog list|show|validate`, run as a subprocess, in every format.
#include "run_cli.hpp"

#include <costsim/catalog.hpp>
#include <costsim/json.hpp>

using test::run_cli;
using test::run_json;

TEST_CASE("catalog list --format json is the library's catalog, filtered") {
    const auto all = run_json({"catalog", "list"});
    CHECK(all == nlohmann::json::parse(costsim::catalog_to_json(costsim::Catalog::builtin())));
    const auto aws = run_json({"catalog", "list", "--provider", "aws", "--region", "us-east-1"});
    CHECK(aws == nlohmann::json::parse(costsim::catalog_to_json(costsim::Catalog::builtin(), "aws", "us-east-1")));
    CHECK(aws["entries"].size() < all["entries"].size());
}

TEST_CASE("catalog list as a table and as CSV: one line per entry, with provenance") {
    const std::size_t entries = costsim::Catalog::builtin().entries().size();
    const auto table = run_cli({"catalog", "list"});
    REQUIRE(table.exit_code == 0);
    CHECK(table.out.find(std::to_string(entries) + " entries\n") != std::string::npos);
    CHECK(table.out.find("aws.lambda.us-east-1.x86_64.requests") != std::string::npos);
    const auto csv = run_cli({"catalog", "list", "--format", "csv"});
    REQUIRE(csv.exit_code == 0);
    CHECK(csv.out.rfind("id,provider,service,region,description,unit,currency,kind,price,tiers,allowance,discount,"
                        "instance,source,as_of,confidence\r\n",
                        0) == 0);
    std::size_t line_ends = 0;
    for (std::size_t at = csv.out.find("\r\n"); at != std::string::npos; at = csv.out.find("\r\n", at + 2)) ++line_ends;
    CHECK(line_ends == entries + 1);  // header + one CRLF-terminated row per entry (no cell holds a line break)
}

TEST_CASE("catalog show ID in every format") {
    const costsim::PriceEntry* entry = costsim::Catalog::builtin().find("aws.ec2.us-east-1.t3.micro");
    REQUIRE(entry != nullptr);
    const auto j = run_json({"catalog", "show", "aws.ec2.us-east-1.t3.micro"});
    CHECK(j == nlohmann::json::parse(costsim::entry_to_json(*entry)));
    // --wide: the source on one line, as the catalog holds it.
    const auto table = run_cli({"catalog", "show", "aws.ec2.us-east-1.t3.micro", "--wide"});
    REQUIRE(table.exit_code == 0);
    CHECK(table.out.find(entry->source) != std::string::npos);
    CHECK(table.out.find(entry->as_of) != std::string::npos);
    const auto csv = run_cli({"catalog", "show", "aws.ec2.us-east-1.t3.micro", "--format", "csv"});
    REQUIRE(csv.exit_code == 0);
    CHECK(csv.out.find("\r\naws.ec2.us-east-1.t3.micro,aws,ec2,us-east-1,") != std::string::npos);
}

TEST_CASE("catalog show of an unknown id suggests the closest ids") {
    const auto r = run_cli({"catalog", "show", "aws.lambda.us-east-1.x86_64.request"});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(test::one_line(r.err));
    CHECK(r.err.find("aws.lambda.us-east-1.x86_64.requests") != std::string::npos);
}

TEST_CASE("catalog validate FILE: a valid user catalog, then a broken one") {
    const auto ok = run_cli({"catalog", "validate", test::data_file("user-catalog.json")});
    CHECK(ok.exit_code == 0);
    CHECK(ok.out.find("valid catalog") != std::string::npos);
    const auto j = run_json({"catalog", "validate", test::data_file("user-catalog.json")});
    CHECK(j["version"] == "test-1");
    CHECK(j["entries"].size() == 1);
    // The fixture's description starts with '=': the CSV view neutralises it.
    const auto csv = run_cli({"catalog", "validate", test::data_file("user-catalog.json"), "--format", "csv"});
    REQUIRE(csv.exit_code == 0);
    CHECK(csv.out.find(",'=negotiated request price (test fixture),") != std::string::npos);

    const auto bad = run_cli({"catalog", "validate", test::data_file("bad-catalog.json")});
    CHECK(bad.exit_code == 2);
    CHECK(bad.out.empty());
    CHECK(test::one_line(bad.err));
    CHECK(bad.err.find("entries[0]") != std::string::npos);
    CHECK(bad.err.find("price") != std::string::npos);
}

TEST_CASE("catalog list --catalog FILE shows the merged catalog") {
    const auto j = run_json({"catalog", "list", "--catalog", test::data_file("user-catalog.json")});
    bool found = false;
    for (const auto& e : j["entries"])
        if (e["id"] == "aws.lambda.us-east-1.x86_64.requests") {
            found = true;
            CHECK(e["price"].get<double>() == 4e-07);  // the user's price replaces the built-in one
        }
    CHECK(found);
    CHECK(j["overlays"].size() == 1);
}

TEST_CASE("catalog usage errors") {
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"catalog"},
          {"catalog", "frob"},
          {"catalog", "show"},
          {"catalog", "validate"},
          {"catalog", "list", "extra"},
          {"catalog", "show", "a", "b"},
          {"catalog", "validate", "/nonexistent/x.json"},
          {"catalog", "show", "aws.ec2.us-east-1.t3.micro", "--provider", "aws"}}) {
        const auto r = run_cli(args);
        INFO("args: " << args.size() << " " << args.back() << " -> " << r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK(test::one_line(r.err));
        CHECK(r.err.rfind("cost-sim catalog: ", 0) == 0);
    }
}
