// JsonWriter (lib/io/json_writer.hpp) against nlohmann's own dump of the same values: layout in both
// forms, string escaping and the replacement of invalid UTF-8 must be byte-identical; numbers too,
// but where nlohmann's grisu2 digits are not the shortest that read back (about 1 double in 1,000):
// the writer's are (std::to_chars), in the same layout.
#include "io/json_writer.hpp"
#include "json_tree_writer.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using costsim::detail::JsonWriter;
using ordered = nlohmann::ordered_json;
using test::written;

namespace {

constexpr int kIndents[] = {-1, 0, 2, 4};

std::string reference(const ordered& j, int indent) {
    return j.dump(indent, ' ', false, nlohmann::detail::error_handler_t::replace);
}

void check_same(const ordered& j) {
    for (const int indent : kIndents) {
        CAPTURE(indent);
        CHECK(written(j, indent) == reference(j, indent));
    }
}

/// The significant digits of a number's text: "-1.25e-05" -> "125", "0.0012" -> "12", "730.0" -> "73".
std::string significant_digits(std::string_view text) {
    std::string digits;
    for (const char c : text.substr(0, text.find('e')))
        if (c >= '0' && c <= '9') digits += c;
    digits.erase(0, digits.find_first_not_of('0'));
    digits.erase(digits.find_last_not_of('0') + 1);
    return digits;
}

/// The shortest digits that read back as `v` (std::to_chars's), as significant_digits gives them.
std::string shortest_digits(double v) {
    char text[32];
    return significant_digits({text, std::to_chars(text, text + sizeof text, v, std::chars_format::scientific).ptr});
}

/// `v` written reads back as `v`; it is nlohmann's text byte for byte when nlohmann's digits are
/// the shortest, else no longer than nlohmann's. Returns whether nlohmann's digits were the shortest.
bool check_number(double v) {
    CAPTURE(v);
    const std::string ours = written(ordered(v), -1);
    const std::string theirs = reference(ordered(v), -1);
    CHECK(std::strtod(ours.c_str(), nullptr) == v);
    CHECK(std::signbit(std::strtod(ours.c_str(), nullptr)) == std::signbit(v));
    if (significant_digits(theirs) == shortest_digits(v)) {
        CHECK(ours == theirs);
        return true;
    }
    CHECK(ours.size() <= theirs.size());
    CHECK(significant_digits(ours) == shortest_digits(v));
    return false;
}

double from_bits(std::uint64_t bits) {
    double d = 0;
    std::memcpy(&d, &bits, sizeof d);
    return d;
}

}  // namespace

TEST_CASE("json writer: layout of nested and empty containers, compact and indented") {
    check_same(ordered::object());
    check_same(ordered::array());
    check_same(nullptr);
    check_same(
        ordered::parse(R"({"a": {}, "b": [], "c": [[]], "d": [{}], "e": {"f": {"g": [1, [2, {}], {"h": null}]}}})"));
    check_same(ordered::parse(R"([true, false, null, "s", 1, -1, 1.5, {"k": "v", "l": [true]}, []])"));
    check_same(ordered::parse(R"({"z": 1, "a": 2, "m": {"y": [], "b": {}}})"));  // insertion order kept
}

TEST_CASE("json writer: compact and pretty forms by example") {
    const ordered j = ordered::parse(R"({"a": 1, "b": [1, 2], "c": {}, "d": []})");
    CHECK(written(j, -1) == R"({"a":1,"b":[1,2],"c":{},"d":[]})");
    CHECK(written(j, 2) == "{\n  \"a\": 1,\n  \"b\": [\n    1,\n    2\n  ],\n  \"c\": {},\n  \"d\": []\n}");
}

TEST_CASE("json writer: doubles as nlohmann prints them") {
    const std::vector<double> values{0.0,
                                     -0.0,
                                     730.0,
                                     -730.0,
                                     0.1,
                                     1e-05,
                                     1e-4,
                                     0.001,
                                     1e21,
                                     1e15,
                                     1e15 - 1,
                                     -(1e15 - 1),
                                     1e15 + 1,
                                     9007199254740992.0,
                                     123456789012345.0,
                                     1.7976931348623157e308,
                                     -1.7976931348623157e308,
                                     std::numeric_limits<double>::min(),
                                     std::numeric_limits<double>::denorm_min(),
                                     4.9e-320,
                                     2e-07,
                                     0.39999999999999997,
                                     18.73337,
                                     1.1415525114155252,
                                     3000000.0,
                                     1e22,
                                     1e100,
                                     0.5,
                                     -2.5,
                                     1.0 / 3.0};
    ordered array = ordered::array();
    for (const double v : values) {
        CAPTURE(v);
        check_same(ordered(v));
        array.push_back(v);
    }
    check_same(array);
}

TEST_CASE("json writer: NaN and infinities as null") {
    for (const double v : {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
                           -std::numeric_limits<double>::infinity()}) {
        check_same(ordered(v));
        JsonWriter w;
        w.value(v);
        CHECK(std::move(w).take() == "null");
    }
}

TEST_CASE("json writer: integral doubles of every magnitude, as nlohmann prints them") {
    // Integral doubles below 1e15 skip the digit search in the writer: pin that shortcut on every
    // size, sign and both sides of the limit, in one array so that repeated values are written
    // again too. Above it, nlohmann's text where its digits are the shortest (check_number).
    std::mt19937_64 rng(20261123);
    ordered array = ordered::array();
    double scale = 1.0;
    for (int digits = 1; digits <= 18; ++digits, scale *= 10) {
        std::uniform_real_distribution<double> in_decade(scale, scale * 10);
        for (int i = 0; i < 200; ++i) {
            const double v = std::floor(in_decade(rng));
            if (v >= 1e15 && !(check_number(v) && check_number(-v))) continue;
            array.push_back(v);
            array.push_back(-v);
            array.push_back(v);
        }
    }
    check_same(array);
}

TEST_CASE("json writer: where grisu2's digits are not the shortest, the shortest in nlohmann's layout") {
    // Doubles whose nlohmann text has a digit more than needed, or a last digit further from the
    // value; the first is in the golden runs' sweep (scripts/golden-run.sh, cli-sweep-json).
    const std::vector<std::pair<double, std::string>> cases{
        {43.287612810830574, "43.28761281083057"},              // nlohmann: 43.287612810830574
        {2.5260493999999998, "2.5260494"},                      // nlohmann: 2.5260493999999998
        {0.96145099999999994, "0.961451"},                      // nlohmann: 0.9614509999999999
        {9.9999999999999992e22, "1e+23"},                       // nlohmann: 9.999999999999999e+22
        {-1.2635321889364135e292, "-1.2635321889364135e+292"},  // nlohmann: ...134e+292
    };
    for (const auto& [v, text] : cases) {
        CAPTURE(v);
        CHECK(written(ordered(v), -1) == text);
        CHECK(written(ordered(v), -1) != reference(ordered(v), -1));
        CHECK(std::strtod(text.c_str(), nullptr) == v);
    }
}

TEST_CASE("json writer: random doubles, each written twice") {
    std::mt19937_64 rng(7);
    ordered array = ordered::array();  // the values whose nlohmann text is the writer's
    int not_shortest = 0;              // values grisu2 does not print shortest
    const auto add = [&](double v) {
        if (!check_number(v)) {
            ++not_shortest;
            return;
        }
        array.push_back(v);
        array.push_back(v);  // again: the writer's memo of recent numbers
    };
    for (int i = 0; i < 5000; ++i) {
        const double v = from_bits(rng());
        if (std::isfinite(v)) add(v);
    }
    std::uniform_real_distribution<double> money(0, 1e4);
    for (int i = 0; i < 2000; ++i) add(money(rng));
    check_same(array);
    MESSAGE(not_shortest << " of 7,000 random doubles are not the shortest in nlohmann's text");
    CHECK(not_shortest > 0);  // both branches of check_number ran
}

TEST_CASE("json writer: integers stay integers") {
    JsonWriter w;
    w.begin_array();
    w.value(512);
    w.value(-3);
    w.value(std::size_t{7});
    w.value(std::numeric_limits<std::int64_t>::min());
    w.value(std::numeric_limits<std::int64_t>::max());
    w.value(std::numeric_limits<std::uint64_t>::max());
    w.value(0);
    w.end_array();
    const std::string expected = reference(
        ordered::array({512, -3, std::size_t{7}, std::numeric_limits<std::int64_t>::min(),
                        std::numeric_limits<std::int64_t>::max(), std::numeric_limits<std::uint64_t>::max(), 0}),
        -1);
    CHECK(expected == "[512,-3,7,-9223372036854775808,9223372036854775807,18446744073709551615,0]");
    CHECK(std::move(w).take() == expected);
}

TEST_CASE("json writer: strings escaped as nlohmann escapes them") {
    std::vector<std::string> strings{
        "",
        "plain ascii, longer than one eight-byte word",
        "quote \" and backslash \\ and slash /",
        "\b\f\n\r\t",
        "\x7f del stays",
        "caf\xc3\xa9 \xe4\xb8\xad\xe6\x96\x87 \xf0\x9f\x98\x80 \xf4\x8f\xbf\xbf",  // 2, 3, 4 bytes; U+10FFFF
        "lone continuation \x80 and \xbf",
        "bytes never in UTF-8: \xc0\xaf \xc1\xbf \xf5\x80\x80\x80 \xff\xfe",
        "overlong \xe0\x80\xaf and \xf0\x80\x80\xaf",
        "surrogate \xed\xa0\x80 and \xed\xbf\xbf",
        "above U+10FFFF \xf4\x90\x80\x80",
        "broken sequences \xe2\x28\xa1 \xc3( \xe2\x82x \xf0\x9f\x98x",
        "cut at the end \xe2\x82",
        "cut at the end \xf0\x9f\x98",
        "\xc3",
        "0123456\"89abcdef\\0123456\x01"
        "89abcdef\xc3\xa9",  // specials at word boundaries
    };
    for (int c = 0; c < 0x20; ++c) strings.push_back(std::string("ctl ") + char(c) + " end");
    for (const std::string& s : strings) {
        CAPTURE(s);
        check_same(ordered(s));
        check_same(ordered{{s, s}});  // keys are escaped the same way
    }
}

TEST_CASE("json writer: random byte strings, mostly invalid UTF-8") {
    // Bytes drawn towards the interesting ones: controls, quote, backslash, UTF-8 leads and
    // continuation bytes, so that every DFA state of nlohmann's decoder meets every next byte.
    const std::string alphabet =
        std::string(
            "aZ \"\\/\x01\x1f\x7f\x80\x8f\x90\x9f\xa0\xbf\xc0\xc1\xc2\xdf\xe0\xe1\xec\xed\xee\xef"
            "\xf0\xf1\xf3\xf4\xf5\xff") +
        std::string(1, '\0');
    std::mt19937 rng(42);
    std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
    std::uniform_int_distribution<int> length(0, 24);
    ordered object = ordered::object();
    ordered array = ordered::array();
    for (int i = 0; i < 3000; ++i) {
        std::string s;
        for (int n = length(rng); n > 0; --n) s += alphabet[pick(rng)];
        array.push_back(s);
        object[s] = i;
    }
    check_same(array);
    check_same(object);
}

TEST_CASE("json writer: plain strings of every length up to 48, one byte to escape at every place") {
    // The writer tests 16 bytes at a time, the last ones overlapping or through a padded block:
    // every length meets every place of a byte to escape, or of a UTF-8 sequence, or none.
    const std::string specials[] = {"\"", "\\", std::string(1, '\0'), "\x1f", "\xc3\xa9", "\xe2\x82", "\xff"};
    ordered array = ordered::array();
    for (std::size_t length = 0; length <= 48; ++length) {
        std::string plain;
        for (std::size_t i = 0; i < length; ++i) plain += static_cast<char>('a' + i % 26);
        array.push_back(plain);
        for (const std::string& special : specials)
            for (std::size_t at = 0; at <= length; ++at)
                array.push_back(plain.substr(0, at) + special + plain.substr(at));
    }
    check_same(array);
}

TEST_CASE("json writer: compile-time keys and fields") {
    JsonWriter w(2);
    w.begin_object();
    w.field("memory_mb", 512);
    w.field("hours_per_month", 730.0);
    w.field("free_tier", true);
    w.field("region", "us-east-1");
    w.field("note", std::string("free \"tier\""));
    w.key("tiers");
    w.begin_array();
    w.end_array();
    w.key("up_to");
    w.value(nullptr);
    w.end_object();
    const ordered expected = {{"memory_mb", 512},      {"hours_per_month", 730.0}, {"free_tier", true},
                              {"region", "us-east-1"}, {"note", "free \"tier\""},  {"tiers", ordered::array()},
                              {"up_to", nullptr}};
    CHECK(std::move(w).take() == reference(expected, 2));
}
