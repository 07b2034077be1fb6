// One rule per input case, applied everywhere: errors name the whole field path (also for errors
// raised while a model is built), empty strings and unsafe characters are refused, list elements
// and calendar dates are checked, and messages say what was given and which rule it broke.
#include <costsim/catalog.hpp>
#include <costsim/compare.hpp>
#include <costsim/cost_model.hpp>
#include <costsim/curves.hpp>
#include <costsim/detail/unsafe_text.hpp>
#include <costsim/json.hpp>
#include <doctest/doctest.h>

#include <functional>
#include <string>

using namespace costsim;

namespace {

struct Caught {
    std::string code;
    std::string field;
    std::string message;
};

/// The error `call` throws (code "none" if it does not).
Caught caught(const std::function<void()>& call) {
    try {
        call();
    } catch (const Error& e) {
        return {to_string(e.code()), e.field(), e.what()};
    }
    return {"none", "", ""};
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const Workload kWorkload{.requests_per_month = 3e6, .duration_ms = 100};
const Offering kLambda{"", LambdaConfig{}};

Offering fleet(VmFleetConfig c) { return Offering{"", std::move(c)}; }

Scenario parse(const std::string& text) { return parse_scenario(text, ScenarioShape::any); }

}  // namespace

TEST_CASE("errors raised while a model is built name the offering's whole field path") {
    const Catalog& catalog = Catalog::builtin();
    SUBCASE("an unknown region of the second offering in a comparison") {
        const Caught e = caught([&] {
            (void)compare(kWorkload, {kLambda, fleet({.region = "xx-nowhere-1", .instance = "t3.micro"})}, catalog);
        });
        CHECK(e.code == "price_not_found");
        CHECK(e.field == "offerings[1].region");
    }
    SUBCASE("an unknown instance type") {
        const Caught e = caught([&] {
            (void)compare(kWorkload, {kLambda, fleet({.instance = "t3.micro-x"})}, catalog);
        });
        CHECK(e.code == "price_not_found");
        CHECK(e.field == "offerings[1].instance");
        CHECK(contains(e.message, "closest: t3.micro"));
    }
    SUBCASE("storage on a provider without block storage prices: field and message both carry the path") {
        const Caught e = caught([&] {
            (void)compare(kWorkload, {kLambda, fleet({.provider = "gcp", .instance = "e2-micro", .storage_gb = 10})},
                          catalog);
        });
        CHECK(e.code == "invalid_input");
        CHECK(e.field == "offerings[1].storage_gb");
        CHECK(e.message.rfind("offerings[1].storage_gb must be 0 for provider gcp", 0) == 0);
    }
    SUBCASE("curves and sweeps name the offering too") {
        const std::vector<Offering> offerings = {kLambda, fleet({.region = "xx-nowhere-1", .instance = "t3.micro"})};
        CHECK(caught([&] { (void)cost_curves(kWorkload, offerings, catalog, CurveGrid{}); }).field ==
              "offerings[1].region");
        SweepGrid grid;
        grid.requests_per_second = {1, 10};
        CHECK(caught([&] { (void)sweep(kWorkload, offerings, catalog, grid); }).field == "offerings[1].region");
    }
    SUBCASE("a single model built for the API's \"offering\"") {
        const Caught e = caught([&] {
            (void)CostModel::build(kWorkload, Offering{"", LambdaConfig{.region = "xx-nowhere-1"}}, catalog,
                                   "offering.");
        });
        CHECK(e.code == "price_not_found");
        CHECK(e.field == "offering.region");
    }
    SUBCASE("workload fields keep their own names") {
        // t3.micro has 2 vCPUs: capacity = 2 x 1,000 / 900,000 ms = 0.00222 rps; with
        // utilisation 1e-9 one instance carries 2,628,000 x 0.00222 x 1e-9 = 5.8e-9 requests a month
        const Workload slow{.requests_per_month = 3e6, .duration_ms = 100, .cpu_ms_per_request = 900000};
        const Caught e = caught([&] {
            (void)compare(slow, {kLambda, fleet({.instance = "t3.micro", .target_utilization = 1e-9})}, catalog);
        });
        CHECK(e.field == "workload.cpu_ms_per_request");
    }
}

TEST_CASE("a capacity too small to size a fleet: the message gives the value typed and the least that works") {
    // one instance must carry >= 1e13 / 1e15 = 0.01 requests a month; it carries
    // 730 h x 3,600 s x 1e-9 rps x 0.7 / 1 = 0.0018396 requests; the least capacity is
    // 0.01 / (2,628,000 x 0.7) = 5.43596e-9 rps, named rounded up to three digits: 5.44e-9
    const Caught e = caught([&] {
        (void)compare(kWorkload, {kLambda, fleet({.instance = "t3.micro", .capacity_rps = 1e-9})}, Catalog::builtin());
    });
    CHECK(e.code == "invalid_input");
    CHECK(e.field == "offerings[1].capacity_rps");
    CHECK(e.message.rfind("offerings[1].capacity_rps must be at least 5.44e-09 here", 0) == 0);
    CHECK(contains(e.message, "got 1e-09"));
    CHECK(contains(e.message, "= 0.0018396"));
    CHECK(!contains(e.message, "10000000000000"));
    // the least capacity named is enough
    CHECK(caught([&] {
              (void)price(kWorkload, fleet({.instance = "t3.micro", .capacity_rps = 5.44e-9}), Catalog::builtin());
          }).code == "none");
}

TEST_CASE("an unknown region lists the service's regions and the closest one") {
    const Caught lambda = caught([&] {
        (void)price(kWorkload, Offering{"", LambdaConfig{.region = "us-east-2"}}, Catalog::builtin());
    });
    CHECK(lambda.code == "price_not_found");
    CHECK(lambda.field == "region");
    CHECK(lambda.message ==
          "no price in the catalog for aws.lambda.us-east-2.x86_64.requests: aws lambda has no prices in "
          "region \"us-east-2\" (regions: ap-northeast-1, us-east-1; did you mean us-east-1?)");
    const Caught far = caught([&] {
        (void)price(kWorkload, Offering{"", LambdaConfig{.region = "tokyo"}}, Catalog::builtin());
    });
    CHECK(far.message ==
          "no price in the catalog for aws.lambda.tokyo.x86_64.requests: aws lambda has no prices in "
          "region \"tokyo\" (regions: ap-northeast-1, us-east-1)");
    const Caught vm = caught([&] {
        (void)price(kWorkload, fleet({.provider = "gcp", .region = "us-central2", .instance = "e2-micro"}),
                    Catalog::builtin());
    });
    CHECK(vm.field == "region");
    CHECK(vm.message ==
          "no gcp instance prices in region \"us-central2\" (regions: asia-northeast1, us-central1; did you mean "
          "us-central1?)");
    CHECK(Catalog::builtin().providers() == std::vector<std::string>{"aws", "azure", "gcp", "oci", "sakura"});
    CHECK(Catalog::builtin().regions("aws", "lambda") ==
          std::vector<std::string>{"ap-northeast-1", "global", "us-east-1"});
}

TEST_CASE("scenario text fields: given means non-empty, for every kind") {
    const std::string workload = R"("workload":{"requests_per_month":1,"duration_ms":1})";
    for (const std::string offering :
         {R"({"kind":"lambda","region":""})", R"({"kind":"vm","instance":"t3.micro","region":""})",
          R"({"kind":"cloud_run","region":""})", R"({"kind":"azure_functions","region":""})"}) {
        const Caught e = caught([&] { (void)parse("{" + workload + R"(,"offerings":[)" + offering + "]}"); });
        INFO(offering);
        CHECK(e.field == "offerings[0].region");
        CHECK(contains(e.message, "a non-empty string"));
    }
    const Caught id = caught([&] { (void)parse("{" + workload + R"(,"offering":{"kind":"lambda","id":""}})"); });
    CHECK(id.field == "offering.id");
    CHECK(contains(id.message, "a non-empty string"));
    const Caught instance =
        caught([&] { (void)parse("{" + workload + R"(,"offering":{"kind":"vm","instance":""}})"); });
    CHECK(instance.field == "offering.instance");
}

TEST_CASE("an empty key is named clearly") {
    const Caught top = caught([] { (void)parse(R"({"": 1})"); });
    CHECK(top.field == "\"\"");
    CHECK(top.message == "\"\" (an empty key) is not a known field (unknown field)");
    const Caught nested = caught([] { (void)parse(R"({"workload":{"requests_per_month":1,"duration_ms":1,"":2}})"); });
    CHECK(nested.field == "workload.\"\"");
    CHECK(nested.message == "workload.\"\" (an empty key) is not a known field (unknown field)");
    // a near miss gets a suggestion
    CHECK(caught([] { (void)parse(R"({"workload":{"requests_per_month":1,"duraton_ms":1}})"); }).message ==
          "workload.duraton_ms is not a known field (unknown field; did you mean duration_ms?)");
}

TEST_CASE("ids and instance types refuse control and bidirectional characters") {
    const std::string workload = R"("workload":{"requests_per_month":1,"duration_ms":1})";
    for (const std::string& id : {std::string(R"(a\u007fb)"), std::string(R"(a\u202eb)"), std::string(R"(a\u001b[2J)"),
                                  std::string(R"(a\u0085)"), std::string(R"(\u2066x)")}) {
        const Caught e =
            caught([&] { (void)parse("{" + workload + R"(,"offering":{"kind":"lambda","id":")" + id + "\"}}"); });
        INFO(id);
        CHECK(e.field == "offering.id");
        CHECK(contains(e.message, "without control or bidirectional characters"));
    }
    const Caught bidi =
        caught([&] { (void)parse("{" + workload + R"(,"offering":{"kind":"lambda","id":"ab\u202e"}})"); });
    CHECK(contains(bidi.message, "got U+202E (a bidirectional control character) at byte 2"));
    const Caught instance =
        caught([&] { (void)parse("{" + workload + R"(,"offering":{"kind":"vm","instance":"t3\u0007"}})"); });
    CHECK(instance.field == "offering.instance");
    CHECK(contains(instance.message, "U+0007 (a control character)"));
    // the C++ API holds the same rule, also for text that is not UTF-8
    CHECK(caught([] { Offering{"bad\xff", LambdaConfig{}}.validate("offerings[0]."); }).field == "offerings[0].id");
    // ordinary non-ASCII text is fine
    CHECK(caught([] { Offering{"関数-東京", LambdaConfig{}}.validate(); }).code == "none");
}

TEST_CASE("unsafe characters: found, described and escaped") {
    using detail::escape_unsafe;
    CHECK(escape_unsafe("plain, 関数 and \\ stay") == "plain, 関数 and \\ stay");
    CHECK(escape_unsafe("a\x1b]0;title\x07z") == "a\\x1b]0;title\\x07z");
    CHECK(escape_unsafe("line\nbreak\r\ttab\x7f") == "line\\nbreak\\r\\ttab\\x7f");
    CHECK(escape_unsafe("rtl\u202eoverride\u2069") == "rtl\\u202eoverride\\u2069");
    CHECK(escape_unsafe("c1\u0085") == "c1\\u0085");
    CHECK(escape_unsafe("bad\xff\xc3") == "bad\\xff\\xc3");     // a stray byte and a truncated sequence
    CHECK(escape_unsafe("\xed\xa0\x80") == "\\xed\\xa0\\x80");  // a surrogate is not UTF-8
    CHECK(escape_unsafe("\xc0\xaf") == "\\xc0\\xaf");           // nor an overlong '/'
    const auto c = detail::find_unsafe_char("ok\u202e");
    REQUIRE(c);
    CHECK(c->offset == 2);
    CHECK(c->length == 3);
    CHECK(c->code == 0x202E);
    CHECK(!detail::find_unsafe_char("t3.micro"));
}

TEST_CASE("sweep lists name the element at fault") {
    SweepGrid grid;
    grid.requests_per_second = {1, -5};
    CHECK(caught([&] { grid.validate("sweep."); }).field == "sweep.requests_per_second[1]");
    grid.requests_per_second = {1};
    grid.duration_ms = {100, 0};
    CHECK(caught([&] { grid.validate("sweep."); }).field == "sweep.duration_ms[1]");
    grid.duration_ms = {};
    grid.memory_mb = {128, 512, 0};
    CHECK(caught([&] { grid.validate("sweep."); }).field == "sweep.memory_mb[2]");
    const std::string base = R"({"workload":{"requests_per_month":1,"duration_ms":1},"offerings":[{"kind":"lambda"}],)";
    CHECK(caught([&] { (void)parse(base + R"("sweep":{"requests_per_second":[1,2,-3]}})"); }).field ==
          "sweep.requests_per_second[2]");
    CHECK(caught([&] { (void)parse(base + R"("sweep":{"requests_per_second":[1],"memory_mb":[128,1.5]}})"); }).field ==
          "sweep.memory_mb[1]");
    // a memory size one offering refuses names the sweep's element and the offering's rule
    grid = SweepGrid{};
    grid.requests_per_second = {1};
    grid.memory_mb = {512, 2048};
    const Caught e = caught([&] {
        (void)sweep(kWorkload, {kLambda, Offering{"", AzureFunctionsConfig{}}}, Catalog::builtin(), grid);
    });
    CHECK(e.field == "sweep.memory_mb[1]");
    CHECK(contains(e.message, "offerings[1].memory_mb must be an integer in [1, 1536], got 2048"));
}

TEST_CASE("a per-second rate is checked as given") {
    const Caught e = caught([] { Workload::validate_requests_per_second(-50); });
    CHECK(e.field == "workload.requests_per_second");
    CHECK(contains(e.message, "got -50"));
    CHECK(caught([] { Workload::validate_requests_per_second(1e13 / kSecondsPerMonth); }).code == "none");
    const Caught json = caught([] { (void)parse(R"({"workload":{"requests_per_second":-50,"duration_ms":1}})"); });
    CHECK(json.field == "workload.requests_per_second");
    CHECK(contains(json.message, "got -50"));
}

TEST_CASE("counts in messages have thousands separators") {
    SweepGrid grid;
    grid.requests_per_second = std::vector<double>(1000, 1.0);
    grid.duration_ms = std::vector<double>(1000, 100.0);
    // 1,000 x 1,000 = 1,000,000 cells over the limit of 100,000
    CHECK(caught([&] { grid.validate("sweep."); }).message ==
          "the sweep has 1,000,000 cells; the limit is 100,000 (traffic x duration x memory)");
    CHECK(
        contains(caught([] { (void)parse(std::string(70000, ' ')); }).message, "is 70,000 bytes; the limit is 65,536"));
}

TEST_CASE("catalog dates are real calendar dates") {
    const auto catalog_with = [](const std::string& as_of) {
        return R"({"schema":"cost-sim-catalog/1","version":"t","as_of":")" + as_of + R"(","entries":[]})";
    };
    CHECK(caught([&] { (void)Catalog::from_json(catalog_with("2026-02-30"), "c"); }).field == "as_of");
    CHECK(caught([&] { (void)Catalog::from_json(catalog_with("2025-02-29"), "c"); }).field == "as_of");
    CHECK(caught([&] { (void)Catalog::from_json(catalog_with("2026-04-31"), "c"); }).field == "as_of");
    CHECK(caught([&] { (void)Catalog::from_json(catalog_with("2026-13-01"), "c"); }).field == "as_of");
    CHECK(caught([&] { (void)Catalog::from_json(catalog_with("2100-02-29"), "c"); }).field == "as_of");
    CHECK(caught([&] { (void)Catalog::from_json(catalog_with("2024-02-29"), "c"); }).code == "none");
    CHECK(caught([&] { (void)Catalog::from_json(catalog_with("2000-02-29"), "c"); }).code == "none");
    CHECK(caught([&] { (void)Catalog::from_json(catalog_with("2026-12-31"), "c"); }).code == "none");
}

TEST_CASE("catalog text refuses control and bidirectional characters: it is shown in tables and CSV") {
    const auto entry_with = [](const std::string& field, const std::string& value) {
        std::string entry =
            R"({"id":"aws.lambda.us-east-1.x86_64.requests","provider":"aws","service":"lambda",)"
            R"("region":"us-east-1","description":"d","unit":"request","currency":"USD","price":0.2,)"
            R"("source":"https://aws.amazon.com/lambda/pricing/","as_of":"2026-01-01","confidence":"verified"})";
        const std::string key = "\"" + field + "\":\"";
        const std::size_t at = entry.find(key) + key.size();
        entry.replace(at, entry.find('"', at) - at, value);
        return R"({"schema":"cost-sim-catalog/1","version":"t","as_of":"2026-01-01","entries":[)" + entry + "]}";
    };
    CHECK(caught([&] { (void)Catalog::from_json(entry_with("description", "d"), "c"); }).code == "none");
    const Caught note = caught([&] { (void)Catalog::from_json(entry_with("description", R"(\u001b[2J)"), "c"); });
    CHECK(note.code == "invalid_catalog");
    CHECK(note.field == "c: entries[0].description");
    CHECK(contains(note.message, "U+001B"));
    CHECK(caught([&] { (void)Catalog::from_json(entry_with("source", R"(https://x\u202e)"), "c"); }).code ==
          "invalid_catalog");
    const std::string version =
        R"({"schema":"cost-sim-catalog/1","version":"1\u0007","as_of":"2026-01-01","entries":[]})";
    CHECK(caught([&] { (void)Catalog::from_json(version, "c"); }).field == "version");
}
