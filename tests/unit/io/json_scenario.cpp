// The scenario JSON shared by the CLI and the API: the issue's example works as it stands, and
// every malformed input is an error naming the field and the rule.
#include <costsim/costsim.hpp>
#include <costsim/json.hpp>
#include <doctest/doctest.h>

#include <cmath>
#include <string>

using namespace costsim;

namespace {
/// Parses `text`, expects an Error of `code` whose field is `field`; returns the message.
std::string error_of(const std::string& text, ErrorCode code, const std::string& field,
                     ScenarioShape shape = ScenarioShape::many_offerings) {
    try {
        (void)parse_scenario(text, shape);
    } catch (const Error& e) {
        CHECK(to_string(e.code()) == std::string(to_string(code)));
        CHECK(e.field() == field);
        return e.what();
    }
    FAIL("accepted: " << text);
    return {};
}
const std::string kExample = R"({"workload": {"requests_per_month": 3000000, "duration_ms": 1000},
 "offerings": [{"kind": "lambda", "region": "us-east-1", "memory_mb": 512},
               {"kind": "vm", "provider": "aws", "region": "us-east-1",
                "instance": "t3.micro", "count": 1}]})";
}  // namespace

TEST_CASE("the issue's example scenario parses with documented defaults") {
    Scenario s = parse_scenario(kExample, ScenarioShape::many_offerings);
    CHECK(s.workload.requests_per_month == 3e6);
    CHECK(s.workload.duration_ms == 1000);
    CHECK(s.workload.response_kb == 0);
    REQUIRE(s.offerings.size() == 2);
    const auto& lambda = std::get<LambdaConfig>(s.offerings[0].config);
    CHECK(lambda.memory_mb == 512);
    CHECK(lambda.arch == Architecture::x86_64);
    CHECK(lambda.free_tier);
    const auto& vm = std::get<VmFleetConfig>(s.offerings[1].config);
    CHECK(vm.instance == "t3.micro");
    REQUIRE(vm.count);
    CHECK(*vm.count == 1);
    CHECK(s.currency.currency == "USD");
    CHECK(s.currency.jpy_per_usd == kDefaultJpyPerUsd);
}

TEST_CASE("requests_per_second converts with 2,628,000 s per month") {
    Scenario s = parse_scenario(R"({"workload": {"requests_per_second": 10, "duration_ms": 50},
        "offering": {"kind": "lambda"}})",
                                ScenarioShape::one_offering);
    CHECK(s.workload.requests_per_month == 26280000.0);  // 10 x 2,628,000
}

TEST_CASE("bad input names the field and the rule") {
    using E = ErrorCode;
    const std::string w = R"("workload": {"requests_per_month": 1, "duration_ms": 100})";
    CHECK(error_of("{", E::parse_error, "").find("at byte") != std::string::npos);
    error_of("[1,2]", E::invalid_input, "body");
    error_of("{" + w + R"(, "offerings": [{"kind": "lambda", "memory_mb": 64}]})", E::invalid_input,
             "offerings[0].memory_mb");
    error_of("{" + w + R"(, "offerings": [{"kind": "lambda", "memory_mb": 512.5}]})", E::invalid_input,
             "offerings[0].memory_mb");
    error_of("{" + w + R"(, "offerings": [{"kind": "lambda", "memory_mb": "512"}]})", E::invalid_input,
             "offerings[0].memory_mb");
    error_of("{" + w + R"(, "offerings": [{"kind": "lambda", "free_tier": "false"}]})", E::invalid_input,
             "offerings[0].free_tier");
    error_of("{" + w + R"(, "offerings": [{"kind": "lambda", "colour": 1}]})", E::invalid_input, "offerings[0].colour");
    error_of("{" + w + R"(, "offerings": [{"kind": "mainframe"}]})", E::invalid_input, "offerings[0].kind");
    error_of("{" + w + R"(, "offerings": [{"memory_mb": 512}]})", E::invalid_input, "offerings[0].kind");
    error_of("{" + w + R"(, "offerings": [{"kind": "vm"}]})", E::invalid_input, "offerings[0].instance");
    error_of("{" + w + R"(, "offerings": [{"kind": "lambda", "arch": "sparc"}]})", E::invalid_input,
             "offerings[0].arch");
    error_of("{" + w + R"(, "offerings": []})", E::invalid_input, "offerings");
    error_of("{" + w + R"(, "offerings": {}})", E::invalid_input, "offerings");
    error_of("{" + w + R"(, "offerings": [{"kind": "lambda"}, {"kind": "lambda"}]})", E::invalid_input,
             "offerings[1].id");
    error_of(R"({"offerings": [{"kind": "lambda"}]})", E::invalid_input, "workload");
    error_of(R"({"workload": {"duration_ms": 100}, "offerings": [{"kind": "lambda"}]})", E::invalid_input,
             "workload.requests_per_month");
    error_of(R"({"workload": {"requests_per_month": 1}, "offerings": [{"kind": "lambda"}]})", E::invalid_input,
             "workload.duration_ms");
    error_of(R"({"workload": {"requests_per_month": -1, "duration_ms": 100}, "offerings": [{"kind": "lambda"}]})",
             E::invalid_input, "workload.requests_per_month");
    error_of(
        R"({"workload": {"requests_per_month": 1, "requests_per_second": 1, "duration_ms": 100}, "offerings": [{"kind": "lambda"}]})",
        E::invalid_input, "workload.requests_per_second");
    // a number a double cannot hold is malformed JSON, never infinity
    CHECK(error_of(
              R"({"workload": {"requests_per_month": 1e400, "duration_ms": 100}, "offerings": [{"kind": "lambda"}]})",
              E::parse_error, "")
              .find("number overflow") != std::string::npos);
    error_of(R"({"workload": {"requests_per_month": NaN, "duration_ms": 100}, "offerings": [{"kind": "lambda"}]})",
             E::parse_error, "");
    error_of("{" + w + R"(, "offerings": [{"kind": "lambda"}], "currency": "EUR"})", E::invalid_input, "currency");
    error_of("{" + w + R"(, "offerings": [{"kind": "lambda"}], "jpy_per_usd": 0})", E::invalid_input, "jpy_per_usd");
    error_of("{" + w + R"(, "offerings": [{"kind": "lambda"}], "range": {"from_rps": 10, "to_rps": 1}})",
             E::invalid_input, "range.to_rps");
    error_of("{" + w + R"(, "offerings": [{"kind": "lambda"}], "grid": {"points": 10001}})", E::invalid_input,
             "grid.points");
    error_of("{" + w + R"(, "offerings": [{"kind": "lambda"}], "grid": {"points": 1}})", E::invalid_input,
             "grid.points");
    error_of("{" + w + R"(, "offering": {"kind": "lambda"}})", E::invalid_input, "offering");
    error_of("{" + w + R"(, "offerings": [{"kind": "lambda"}]})", E::invalid_input, "offerings",
             ScenarioShape::one_offering);
}

TEST_CASE("a repeated key counts once, with its last value") {
    const std::string w = R"("workload": {"requests_per_month": 1, "duration_ms": 100})";
    Scenario s = parse_scenario("{" + w + R"(, "offerings": [{"kind": "lambda", "memory_mb": 64, "memory_mb": 512}]})",
                                ScenarioShape::many_offerings);
    CHECK(std::get<LambdaConfig>(s.offerings[0].config).memory_mb == 512);
    error_of("{" + w + R"(, "offerings": [{"kind": "lambda", "memory_mb": 512, "memory_mb": 64}]})",
             ErrorCode::invalid_input, "offerings[0].memory_mb");
}

TEST_CASE("of several unknown fields, the first in byte order is named") {
    const std::string w = R"("workload": {"requests_per_month": 1, "duration_ms": 100})";
    error_of("{" + w + R"(, "offerings": [{"kind": "lambda", "zeta": 1, "Zeta": 2, "alpha": 3}]})",
             ErrorCode::invalid_input, "offerings[0].Zeta");
    error_of(R"({"zz": 1, "workload": {"requests_per_month": 1, "duration_ms": 100, "b": 1, "a": 2}, "aa": 1})",
             ErrorCode::invalid_input, "aa");
}

TEST_CASE("escapes, other characters, a BOM and layout read as the plain spelling") {
    const Scenario plain = parse_scenario(kExample, ScenarioShape::many_offerings);
    for (const std::string& text : std::vector<std::string>{
             R"({"workload": {"requests_per_month": 3000000, "duration_ms": 1000},
                 "offerings": [{"k\u0069nd": "l\u0061mbda", "region": "us\u002deast-1", "memory_mb": 512},
                               {"kind": "vm", "provider": "aws", "region": "us-east-1", "instance": "t3.micro", "count": 1}]})",
             "\xEF\xBB\xBF" + kExample,
             " \t\r\n" + kExample + "\n\t ",
         }) {
        CAPTURE(text);
        const Scenario s = parse_scenario(text, ScenarioShape::many_offerings);
        REQUIRE(s.offerings.size() == 2);
        CHECK(s.workload.requests_per_month == plain.workload.requests_per_month);
        CHECK(s.offerings[0].effective_id() == plain.offerings[0].effective_id());
        CHECK(s.offerings[1].effective_id() == plain.offerings[1].effective_id());
    }
    Scenario s = parse_scenario(R"({"workload": {"requests_per_month": 1, "duration_ms": 1},
        "offerings": [{"kind": "lambda", "id": "caf\u00e9 \"\u2603\""}, {"kind": "lambda", "id": "café"}]})",
                                ScenarioShape::many_offerings);
    CHECK(s.offerings[0].id == "caf\xC3\xA9 \"\xE2\x98\x83\"");
    CHECK(s.offerings[1].id == "caf\xC3\xA9");
}

TEST_CASE("every JSON spelling of a number reads as the same double") {
    const std::pair<const char*, const char*> spellings[] = {{"100", "1000"},           {"1e2", "1e3"},
                                                             {"1E+2", "1E+3"},          {"100.0", "1000.00"},
                                                             {"10000e-2", "100000e-2"}, {"0.1e3", "0.1e4"}};
    for (auto [hundred, thousand] : spellings) {
        CAPTURE(hundred);
        Scenario s = parse_scenario(
            std::string(R"({"workload": {"requests_per_month": 1, "duration_ms": 1, "internet_percent": )") + hundred +
                R"(}, "offering": {"kind": "lambda", "memory_mb": )" + thousand + "}}",
            ScenarioShape::one_offering);
        CHECK(s.workload.internet_percent == 100.0);
        CHECK(std::get<LambdaConfig>(s.offerings[0].config).memory_mb == 1000);
    }
    // integers are read as integers first: "-0" is +0, "-0.0" is -0 (both in range)
    auto response_kb = [](const std::string& number) {
        return parse_scenario(R"({"workload": {"requests_per_month": 1, "duration_ms": 1, "response_kb": )" + number +
                                  R"(}, "offering": {"kind": "lambda"}})",
                              ScenarioShape::one_offering)
            .workload.response_kb;
    };
    CHECK_FALSE(std::signbit(response_kb("-0")));
    CHECK(std::signbit(response_kb("-0.0")));
    CHECK(response_kb("1e-400") == 0.0);  // underflow reads as 0; only overflow is an error
}

TEST_CASE("32 levels of nesting are read, 33 are refused") {
    const std::string head =
        R"({"workload": {"requests_per_month": 1, "duration_ms": 1}, "offerings": [{"kind": "lambda"}], "x": )";
    error_of(head + std::string(31, '[') + std::string(31, ']') + "}", ErrorCode::invalid_input, "x");
    error_of(head + std::string(32, '[') + std::string(32, ']') + "}", ErrorCode::limit_exceeded, "body");
    error_of(head + "\"" + std::string(40, '[') + "\"}", ErrorCode::invalid_input,
             "x");  // brackets in a string do not count
}

TEST_CASE("malformed JSON is reported with nlohmann's message and byte position") {
    CHECK(error_of(R"({"workload": 1,})", ErrorCode::parse_error, "") ==
          "malformed JSON at byte 16: parse error at line 1, column 16: syntax error while parsing object key - "
          "unexpected '}'; expected string literal");
    CHECK(error_of("{\"workload\": \"a\x01\"}", ErrorCode::parse_error, "") ==
          "malformed JSON at byte 16: parse error at line 1, column 16: syntax error while parsing value - invalid "
          "string: "
          "control character U+0001 (SOH) must be escaped to \\u0001; last read: '\"a<U+0001>'");
    CHECK(error_of(R"({"workload": {"requests_per_month": 1,)"
                   "\n"
                   R"( "duration_ms": 01}})",
                   ErrorCode::parse_error, "") ==
          "malformed JSON at byte 57: parse error at line 2, column 18: syntax error while parsing object - "
          "unexpected number literal; expected '}'");
}

TEST_CASE("the offering count is bounded at 20") {
    std::string list;
    for (int i = 0; i < 21; ++i)
        list += std::string(i ? "," : "") + R"({"kind": "lambda", "id": "l)" + std::to_string(i) + "\"}";
    error_of(R"({"workload": {"requests_per_month": 1, "duration_ms": 1}, "offerings": [)" + list + "]}",
             ErrorCode::invalid_input, "offerings");
}

TEST_CASE("documents over 64 KiB and absurd nesting are refused") {
    std::string big =
        R"({"workload": {"requests_per_month": 1, "duration_ms": 1}, "offerings": [{"kind": "lambda", "id": ")" +
        std::string(70000, 'x') + "\"}]}";
    error_of(big, ErrorCode::limit_exceeded, "body");
    error_of(std::string(100, '[') + std::string(100, ']'), ErrorCode::limit_exceeded, "body");
}

TEST_CASE("a sweep grid over 100,000 cells is refused") {
    std::string rps = "[";
    for (int i = 0; i < 1000; ++i) rps += std::string(i ? "," : "") + std::to_string(i + 1);
    rps += "]";
    std::string mem = "[128,256,512,1024,2048,4096,8192,10240,3000,5000,7000]";  // 11 x 10 x 1,000 = 110,000
    error_of(R"({"workload": {"requests_per_month": 1, "duration_ms": 1}, "offerings": [{"kind": "lambda"}],
                "sweep": {"requests_per_second": )" +
                 rps + R"(, "duration_ms": [1,2,3,4,5,6,7,8,9,10], "memory_mb": )" + mem + "}}",
             ErrorCode::limit_exceeded, "sweep.requests_per_second");
}

TEST_CASE("a bill serialises with its line items and conventions") {
    Scenario s = parse_scenario(kExample, ScenarioShape::many_offerings);
    Bill b = price(s.workload, s.offerings[0], Catalog::builtin());
    std::string json = to_json(b);
    CHECK(json.find(R"("schema":"cost-sim-report/1")") != std::string::npos);
    CHECK(json.find(R"("hours_per_month":730.0)") != std::string::npos);
    CHECK(json.find(R"("price_id":"aws.lambda.us-east-1.x86_64.requests")") != std::string::npos);
    CHECK(json.find(R"("id":"lambda-us-east-1-x86_64-512mb")") != std::string::npos);
}
