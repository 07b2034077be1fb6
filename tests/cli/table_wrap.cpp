// The table views' wrapping (cli/format.cpp), on hand-built tables: within the width, words
// wrap at spaces, over-long words are cut only in text columns, numbers are never cut, and
// without a width nothing changes.
#include "format.hpp"

#include <doctest/doctest.h>

#include <sstream>

using costsim::cli::TextTable;
using costsim::cli::wrap;

namespace {

std::size_t widest(const std::string& text) {
    std::istringstream in(text);
    std::size_t w = 0;
    for (std::string line; std::getline(in, line);) w = std::max(w, costsim::cli::display_width(line));
    return w;
}

}  // namespace

TEST_CASE("wrap breaks at spaces, cuts words wider than a line, keeps an indent") {
    CHECK(wrap("free tier: first 1,000,000 request per month", 20) ==
          std::vector<std::string>{"free tier: first", "1,000,000 request", "per month"});
    CHECK(wrap("short", 20) == std::vector<std::string>{"short"});
    CHECK(wrap("abcdefghij", 4) == std::vector<std::string>{"abcd", "efgh", "ij"});
    CHECK(wrap("  ! code: a long message here", 16, "    ") ==
          std::vector<std::string>{"  ! code: a long", "      message", "      here"});
    CHECK(wrap("日本語のテキスト", 3) == std::vector<std::string>{"日本語", "のテキ", "スト"});  // code points
    CHECK(wrap("anything at all", 0) == std::vector<std::string>{"anything at all"});
}

TEST_CASE("a table narrows its widest text column to fit; numbers stay whole") {
    TextTable table({false, true, false});
    table.add_row({"Line item", "Quantity", "Note"});
    table.add_row({"Duration (x86_64), tier 1 (0 to 6,000,000,000 GB-second after the free tier)", "1,100,000",
                   "free tier: first 400,000 GB-second per month"});
    const std::string unlimited = table.render("  ");
    CHECK(widest(unlimited) > 60);
    CHECK(unlimited.find('\n') < unlimited.find("1,100,000"));  // header, then one line per row
    CHECK(table.render("  ", 0) == unlimited);
    const std::string narrow = table.render("  ", 60);
    CHECK(widest(narrow) <= 60);
    CHECK(narrow.find("1,100,000") != std::string::npos);
    CHECK(narrow.find("6,000,000,000") != std::string::npos);  // a number in text is a word, kept whole
    // A table that fits is rendered exactly as without a width.
    TextTable small({false, true});
    small.add_row({"Total", "$18.73"});
    CHECK(small.render("  ", 100) == small.render("  "));
}

TEST_CASE("numbers are never cut: a table of wide figures may stay wider than asked") {
    TextTable table({true, true, true});
    table.add_row({"1,000,000,000", "2,000,000,000", "3,000,000,000"});
    const std::string out = table.render("", 20);
    CHECK(out == "1,000,000,000  2,000,000,000  3,000,000,000\n");
}

TEST_CASE("a header wider than its column's cells wraps before any cell does") {
    TextTable table({false, true, true});
    table.add_row({"Cheapest", "Lambda arm64 1024 MB", "t3.small fleet"});
    table.add_row({"Lambda arm64 1024 MB", "$0.33", "$15.18"});
    // 20 + 20 + 14 + 2 x 2 = 58 columns; the two header-only columns give 14: 10 each.
    const std::string out = table.render("", 44);
    CHECK(out ==
          "Cheapest                  Lambda    t3.small\n"
          "                      arm64 1024       fleet\n"
          "                              MB\n"
          "Lambda arm64 1024 MB       $0.33      $15.18\n");
}
