// Catalog loading: the built-in catalog, a good user file that replaces and extends entries, and
// one bad file per validation rule, each error naming the entry and field.
#include <costsim/costsim.hpp>
#include <doctest/doctest.h>

#include "../support.hpp"

#include <cctype>
#include <fstream>
#include <regex>
#include <sstream>

using namespace costsim;

namespace {
std::string read_file(const std::string& name) {
    std::ifstream in(std::string(COSTSIM_TEST_DATA_DIR) + "/catalogs/" + name);
    REQUIRE(in);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}
}  // namespace

TEST_CASE("the built-in catalog loads and every entry carries provenance") {
    const Catalog& c = Catalog::builtin();
    CHECK(!c.version().empty());
    CHECK(c.as_of().size() == 10);
    CHECK(c.entries().size() > 20);
    for (const PriceEntry& e : c.entries()) {
        CAPTURE(e.id);
        CHECK(!e.source.empty());
        CHECK(e.as_of.size() == 10);
        CHECK(e.as_of <= c.as_of());
    }
    REQUIRE(c.find("aws.lambda.us-east-1.x86_64.requests"));
    CHECK(c.find("aws.lambda.us-east-1.x86_64.requests")->flat_price() == 0.0000002);
    CHECK(c.find("aws.lambda.us-east-1.arm64.duration")->tiers.size() == 3);
}

namespace {
// A source a user can follow names at least one of: a public URL; a repository path at a commit
// ("owner/repo:path@<commit>"); an AWS Price List offer with its SKU and effective date. It names
// nothing a user cannot open: the project's reference notes, search-index ids, search corpora.
bool names_followable(const std::string& source) {
    static const std::regex url(R"(https?://[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+)");
    static const std::regex repo_at_commit(R"([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+:[^\s;,()@]+@[0-9a-f]{7,40}\b)");
    static const std::regex sku(R"(\bSKU [A-Z0-9]{16}\b)");
    static const std::regex effective(R"(\beffective \d{4}-\d{2}-\d{2}\b)");
    return std::regex_search(source, url) || std::regex_search(source, repo_at_commit) ||
           (std::regex_search(source, sku) && std::regex_search(source, effective));
}

/// What in `source` no user can follow, or "" when nothing.
std::string unfollowable_part(const std::string& source) {
    std::string lower = source;
    for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    for (const char* part : {"pricing-facts", "wave2-facts", "index id", "corpus", "code search", "unnamed repo"})
        if (lower.find(part) != std::string::npos) return part;
    return {};
}
}  // namespace

TEST_CASE("the source form rule accepts what a user can follow and rejects the rest") {
    CHECK(names_followable("https://cloud.google.com/run/pricing"));
    CHECK(names_followable("remotion-dev/remotion:packages/lambda-client/src/price-per-1s.ts@024b341a"));
    CHECK(names_followable("AWS Price List offer AWSLambda us-east-1, SKU GU2ZS9HVP6QTQ7KE, effective 2025-10-01"));
    CHECK_FALSE(names_followable("AWS Price List offer AWSLambda us-east-1, SKU GU2ZS9HVP6QTQ7KE"));  // no date
    CHECK_FALSE(names_followable("cloudchipr.com/blog/aws-lambda-pricing"));                          // no scheme
    CHECK_FALSE(names_followable("armaniacs/cost-sim-vm-lambda:app/models/vm_calculator.py"));        // no commit
    CHECK(unfollowable_part("pricing-facts.md A3: https://example.com") == "pricing-facts");
    CHECK(unfollowable_part("Index id 40101578146 'AWS Lambda Pricing'") == "index id");
    CHECK(unfollowable_part("https://aws.amazon.com/lambda/pricing/").empty());
}

TEST_CASE("every built-in catalog source can be followed by a user") {
    // Every file of lib/data/catalog. At this branch's base aws-ec2.json's sources still cite
    // reference notes and index ids; the EC2 catalog's own branch replaces them.
    for (const PriceEntry& e : Catalog::builtin().entries()) {
        CAPTURE(e.id);
        CAPTURE(e.source);
        CHECK(names_followable(e.source));
        CHECK(unfollowable_part(e.source) == "");
    }
}

TEST_CASE("a good user catalog replaces and extends entries") {
    Catalog user = Catalog::from_json(read_file("good.json"), "good.json");
    CHECK(user.version() == "test-1");
    CHECK(user.entries().size() == 5);
    Catalog merged = Catalog::builtin().merged_with(user);
    CHECK(merged.entries().size() == Catalog::builtin().entries().size() + 4);  // one replaced
    CHECK(merged.at("aws.lambda.us-east-1.x86_64.requests", "x").flat_price() == 0.0000003);
    CHECK(merged.find("aws.lambda.eu-west-9.x86_64.duration") != nullptr);
    CHECK(merged.version() == Catalog::builtin().version());
    REQUIRE(merged.overlays().size() == 1);
    CHECK(merged.overlays()[0] == "version test-1 as of 2026-11-01");

    // The replaced request price reaches a bill: 3,000,000 - 1,000,000 free = 2,000,000 x 0.0000003 = 0.60
    Workload w{.requests_per_month = 3e6, .duration_ms = 1000};
    Bill b = price(w, Offering{"", LambdaConfig{.memory_mb = 512}}, merged);
    CHECK(test::cost_of(b, "Requests") == doctest::Approx(0.60).epsilon(1e-12));
}

TEST_CASE("each bad catalog file is rejected with the entry and field named") {
    struct Case {
        const char* file;
        const char* field;    // error field
        const char* message;  // part of the message
    };
    const Case cases[] = {
        {"bad-unknown-field.json", "entries[0].colour", "unknown field"},
        {"bad-unknown-top-field.json", "extra", "unknown field"},
        {"bad-negative-price.json", "entries[0].price", "must be in [0, 1e9]"},
        {"bad-negative-tier-price.json", "entries[1].tiers[1].price", "must be in [0, 1e9]"},
        {"bad-tiers-out-of-order.json", "entries[1].tiers[1].from", "in order with no gap"},
        {"bad-tiers-gap.json", "entries[1].tiers[1].from", "in order with no gap"},
        {"bad-tiers-first-not-zero.json", "entries[1].tiers[0].from", "must start at 0"},
        {"bad-tiers-last-bounded.json", "entries[1].tiers[1].up_to", "must be unbounded"},
        {"bad-duplicate-id.json", "entries[5].id", "duplicate id"},
        {"bad-missing-source.json", "entries[0].source", "is required"},
        {"bad-missing-as-of.json", "entries[0].as_of", "is required"},
        {"bad-bad-as-of.json", "entries[0].as_of", "YYYY-MM-DD"},
        {"bad-bad-confidence.json", "entries[0].confidence", "verified, single-source or unverified"},
        {"bad-bad-currency.json", "entries[0].currency", "USD or JPY"},
        {"bad-bad-provider.json", "entries[0].provider", "one of aws"},
        {"bad-two-kinds.json", "entries[0].price", "exactly one of"},
        {"bad-no-kind.json", "entries[0].price", "exactly one of"},
        {"bad-discount-too-big.json", "entries[4].discount", "[0, 1)"},
        {"bad-negative-allowance.json", "entries[3].allowance", "must be in [0, 1e18]"},
        {"bad-huge-price.json", "entries[0].price", "must be in [0, 1e9]"},
        {"bad-price-not-number.json", "entries[0].price", "must be a number"},
        {"bad-instance-no-vcpu.json", "entries[2].instance.vcpu", "is required"},
        {"bad-instance-bad-arch.json", "entries[2].instance.arch", "x86_64 or arm64"},
        {"bad-instance-bad-baseline.json", "entries[2].instance.baseline_share", "(0, 1]"},
        {"bad-wrong-schema.json", "schema", "cost-sim-catalog/1"},
        {"bad-entries-not-array.json", "entries", "must be an array"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.file);
        try {
            (void)Catalog::from_json(read_file(c.file), c.file);
            FAIL("accepted " << c.file);
        } catch (const InvalidCatalog& e) {
            const std::string field = e.field(), message = e.what();
            CAPTURE(message);
            CHECK(field.size() >= std::string(c.field).size());
            CHECK(field.substr(field.size() - std::string(c.field).size()) == c.field);
            CHECK(message.find(c.message) != std::string::npos);
            CHECK(message.find(c.file) != std::string::npos);
        }
    }
}

TEST_CASE("an entry's error names its id") {
    try {
        (void)Catalog::from_json(read_file("bad-negative-price.json"), "x.json");
        FAIL("accepted");
    } catch (const InvalidCatalog& e) {
        CHECK(std::string(e.what()).find("(aws.lambda.us-east-1.x86_64.requests)") != std::string::npos);
    }
}

TEST_CASE("malformed JSON is a ParseError with the byte position") {
    try {
        (void)Catalog::from_json(read_file("bad-malformed.json"), "bad-malformed.json");
        FAIL("accepted");
    } catch (const ParseError& e) {
        CHECK(std::string(e.what()).find("at byte") != std::string::npos);
    }
}

TEST_CASE("a missing price names the key and suggests close ids") {
    try {
        (void)Catalog::builtin().at("aws.lambda.us-east-1.x86_64.request", "region");
        FAIL("found");
    } catch (const PriceNotFound& e) {
        CHECK(e.field() == "region");
        CHECK(std::string(e.what()).find("aws.lambda.us-east-1.x86_64.requests") != std::string::npos);
    }
}

TEST_CASE("instance types are found by name, case-insensitively, in overlays too") {
    const Catalog& builtin = Catalog::builtin();
    const PriceEntry* t3 = builtin.find_instance("aws", "us-east-1", "T3.Micro");
    REQUIRE(t3 != nullptr);
    CHECK(t3->id == "aws.ec2.us-east-1.t3.micro");
    CHECK(builtin.find_instance("aws", "us-east-1", "t3.nano.x") == nullptr);
    CHECK(builtin.find_instance("gcp", "us-east-1", "t3.micro") == nullptr);

    // An overlay that re-prices t3.micro and adds a type: both are found in the merged catalog.
    const std::string overlay_json = R"({"schema":"cost-sim-catalog/1","version":"t","as_of":"2026-11-01","entries":[
      {"id":"aws.ec2.us-east-1.t3.micro","provider":"aws","service":"ec2","region":"us-east-1","description":"x",
       "unit":"hour","currency":"USD","price":0.02,"instance":{"name":"t3.micro","vcpu":2,"memory_gib":1,"arch":"x86_64"},
       "source":"test","as_of":"2026-11-01","confidence":"unverified"},
      {"id":"aws.ec2.us-east-1.z9.huge","provider":"aws","service":"ec2","region":"us-east-1","description":"x",
       "unit":"hour","currency":"USD","price":1.5,"instance":{"name":"z9.huge","vcpu":64,"memory_gib":512,"arch":"x86_64"},
       "source":"test","as_of":"2026-11-01","confidence":"unverified"}]})";
    const Catalog merged = builtin.merged_with(Catalog::from_json(overlay_json, "overlay"));
    REQUIRE(merged.find_instance("aws", "us-east-1", "t3.micro") != nullptr);
    CHECK(merged.find_instance("aws", "us-east-1", "t3.micro")->flat_price() == 0.02);
    REQUIRE(merged.find_instance("aws", "us-east-1", "Z9.HUGE") != nullptr);
    CHECK(merged.find_instance("aws", "us-east-1", "Z9.HUGE")->id == "aws.ec2.us-east-1.z9.huge");
    CHECK(builtin.find_instance("aws", "us-east-1", "z9.huge") == nullptr);

    // A fleet priced on the added type: 1 instance x 730 h x $1.50 = $1,095.00, + its public IPv4
    // address (builtin) 730 h x $0.005 = $3.65
    Workload w{.requests_per_month = 0, .duration_ms = 100};
    Bill b = price(w, Offering{"z9", VmFleetConfig{.instance = "z9.huge", .count = 1}}, merged);
    CHECK(b.total == doctest::Approx(1095.0 + 3.65).epsilon(1e-12));
}
