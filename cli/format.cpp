// Display formatting only: the numbers come from the library and are rounded here for reading.
#include "format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace costsim::cli {

namespace {

/// "1234567.5" -> "1,234,567.5" (the sign and decimals kept).
std::string group_thousands(const std::string& plain) {
    std::size_t start = plain[0] == '-' ? 1 : 0;
    std::size_t dot = plain.find('.');
    std::size_t end = dot == std::string::npos ? plain.size() : dot;
    std::string out = plain.substr(0, start);
    for (std::size_t i = start; i < end; ++i) {
        out += plain[i];
        const std::size_t left = end - i - 1;
        if (left > 0 && left % 3 == 0) out += ',';
    }
    return out + plain.substr(end);
}

/// Fixed notation with `decimals` places, trailing zeros trimmed.
std::string fixed(double value, int decimals, bool trim) {
    char buffer[400];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    std::string text = buffer;
    if (trim && text.find('.') != std::string::npos) {
        text.erase(text.find_last_not_of('0') + 1);
        if (text.back() == '.') text.pop_back();
    }
    if (text == "-0") text = "0";
    return group_thousands(text);
}

/// Decimals that show `significant` significant digits of `value` (0 for large values).
int decimals_for(double value, int significant) {
    if (value == 0 || !std::isfinite(value)) return 0;
    const int magnitude = static_cast<int>(std::floor(std::log10(std::fabs(value))));
    return std::clamp(significant - 1 - magnitude, 0, 15);
}

std::size_t display_width(const std::string& text) {
    std::size_t width = 0;
    for (unsigned char c : text)
        if ((c & 0xC0) != 0x80) ++width;  // count UTF-8 lead bytes only
    return width;
}

std::string symbol(std::string_view currency) {
    if (currency == "USD") return "$";
    if (currency == "JPY") return "¥";
    return std::string(currency) + " ";
}

std::string special(double value) {
    if (std::isnan(value)) return "n/a";
    return value > 0 ? "unbounded" : "-unbounded";
}

}  // namespace

std::string money(double amount, std::string_view currency) {
    if (!std::isfinite(amount)) return special(amount);
    const int places = currency == "JPY" ? 0 : 2;
    const double smallest = currency == "JPY" ? 0.5 : 0.005;
    if (amount != 0 && std::fabs(amount) < smallest)
        return symbol(currency) + fixed(amount, decimals_for(amount, 2), true);
    return symbol(currency) + fixed(amount, places, false);
}

std::string unit_price(double price, std::string_view currency) {
    if (!std::isfinite(price)) return special(price);
    return symbol(currency) + fixed(price, std::max(decimals_for(price, 6), currency == "JPY" ? 0 : 2), true);
}

std::string quantity(double value, int significant) {
    if (!std::isfinite(value)) return special(value);
    return fixed(value, decimals_for(value, significant), true);
}

std::string rate(double requests_per_second) { return quantity(requests_per_second, 3); }

void TextTable::add_row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }

std::string TextTable::render(std::string_view indent) const {
    std::vector<std::size_t> widths;
    for (const auto& row : rows_)
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (widths.size() <= i) widths.push_back(0);
            widths[i] = std::max(widths[i], display_width(row[i]));
        }
    std::string out;
    for (const auto& row : rows_) {
        std::string line(indent);
        for (std::size_t i = 0; i < row.size(); ++i) {
            const std::string pad(widths[i] - display_width(row[i]), ' ');
            const bool right = i < right_.size() && right_[i];
            if (i > 0) line += "  ";
            line += right ? pad + row[i] : row[i] + pad;
        }
        line.erase(line.find_last_not_of(' ') + 1);
        out += line + "\n";
    }
    return out;
}

}  // namespace costsim::cli
