#pragma once
/// Presentation of numbers the library computed: rounding for display only, thousands
/// separators, currency symbols. Never used for anything that feeds a calculation.

#include <string>
#include <string_view>
#include <vector>

namespace costsim::cli {

/// "$18.73", "¥2,810", "$0.0042" (small non-zero amounts keep two significant digits).
std::string money(double amount, std::string_view currency);
/// A unit price with six significant digits: "$0.0000166667", "$0.0104".
std::string unit_price(double price, std::string_view currency);
/// A count or quantity with separators and up to `significant` significant digits: "3,000,000", "1.14".
std::string quantity(double value, int significant = 6);
/// A traffic rate, three significant digits: "7.1", "1.14", "1,000".
std::string rate(double requests_per_second);

/// Display width of UTF-8 text (code points).
std::size_t display_width(std::string_view text);
/// `text` as lines of at most `width` columns, broken at spaces (words longer than `width`
/// are cut) and continued after `continuation`. Width 0: one line.
std::vector<std::string> wrap(std::string_view text, std::size_t width, std::string_view continuation = "");

/// Text columns aligned on display width (UTF-8 aware); numeric columns right-aligned.
class TextTable {
  public:
    /// `right_aligned[i]`: whether column i is right-aligned.
    explicit TextTable(std::vector<bool> right_aligned) : right_(std::move(right_aligned)) {}
    void add_row(std::vector<std::string> cells);
    /// Each row on its own line, columns separated by two spaces, trailing blanks trimmed.
    /// With `max_width` > 0, cells wrap (at spaces, else mid-word in text columns) so that lines
    /// stay within `max_width` columns where the columns' longest numbers allow it.
    [[nodiscard]] std::string render(std::string_view indent = "", std::size_t max_width = 0) const;

  private:
    std::vector<bool> right_;
    std::vector<std::vector<std::string>> rows_;
};

}  // namespace costsim::cli
