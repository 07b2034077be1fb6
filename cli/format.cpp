// Display formatting only: the numbers come from the library and are rounded here for reading.
#include "format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace costsim::cli {

namespace {

/// The byte length of the first `columns` code points of `text`.
std::size_t prefix_bytes(std::string_view text, std::size_t columns) {
    std::size_t i = 0;
    for (std::size_t seen = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && seen++ == columns) break;
    }
    return i;
}

/// The widest word of `text` (what a column cannot shrink below without cutting words).
std::size_t longest_word(std::string_view text) {
    std::size_t best = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find(' ', start);
        if (end == std::string_view::npos) end = text.size();
        best = std::max(best, display_width(text.substr(start, end - start)));
        start = end + 1;
    }
    return best;
}

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

std::size_t display_width(std::string_view text) {
    std::size_t width = 0;
    for (unsigned char c : text)
        if ((c & 0xC0) != 0x80) ++width;  // count UTF-8 lead bytes only
    return width;
}

std::vector<std::string> wrap(std::string_view text, std::size_t width, std::string_view continuation) {
    if (width == 0 || display_width(text) <= width) return {std::string(text)};
    // Indented text keeps its indent on every line.
    const std::size_t indent = std::min(text.find_first_not_of(' '), text.size());
    if (indent > 0 && indent < width) {
        const std::string pad(indent, ' ');
        std::vector<std::string> lines = wrap(text.substr(indent), width - indent, continuation);
        for (std::string& line : lines) line.insert(0, pad);
        return lines;
    }
    std::vector<std::string> lines;
    std::string line;
    auto room = [&] { return width - std::min(width - 1, lines.empty() ? 0 : display_width(continuation)); };
    auto flush = [&] {
        lines.push_back((lines.empty() ? "" : std::string(continuation)) + line);
        line.clear();
    };
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find(' ', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view word = text.substr(start, end - start);
        start = end + 1;
        if (word.empty()) continue;
        if (!line.empty() && display_width(line) + 1 + display_width(word) > room()) flush();
        while (line.empty() && display_width(word) > room()) {  // a word wider than a line: cut it
            const std::size_t cut = prefix_bytes(word, room());
            line = std::string(word.substr(0, cut));
            word.remove_prefix(cut);
            flush();
        }
        if (word.empty()) continue;
        if (!line.empty()) line += ' ';
        line += word;
    }
    if (!line.empty() || lines.empty()) flush();
    return lines;
}

void TextTable::add_row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }

std::string TextTable::render(std::string_view indent, std::size_t max_width) const {
    std::vector<std::size_t> widths, words, body;  // body: the widest cell below the header row
    for (std::size_t r = 0; r < rows_.size(); ++r)
        for (std::size_t i = 0; i < rows_[r].size(); ++i) {
            if (widths.size() <= i) widths.resize(i + 1, 0), words.resize(i + 1, 0), body.resize(i + 1, 0);
            widths[i] = std::max(widths[i], display_width(rows_[r][i]));
            words[i] = std::max(words[i], longest_word(rows_[r][i]));
            if (r > 0) body[i] = std::max(body[i], display_width(rows_[r][i]));
        }
    if (max_width > 0) {
        auto total = [&] {
            std::size_t sum = display_width(indent) + 2 * (widths.empty() ? 0 : widths.size() - 1);
            for (std::size_t w : widths) sum += w;
            return sum;
        };
        // Narrow the widest column that can still wrap: first only where the header is wider than
        // the cells below it (the header wraps), then down to the longest word, then (text columns
        // only, never numbers) by cutting words, down to 8 columns.
        for (int phase : {0, 1, 2}) {
            while (total() > max_width) {
                std::size_t widest = widths.size();
                for (std::size_t i = 0; i < widths.size(); ++i) {
                    const bool whole = i < right_.size() && right_[i];  // numbers
                    const std::size_t floor = phase == 0            ? std::max(words[i], body[i])
                                              : phase == 1 || whole ? words[i]
                                                                    : std::min<std::size_t>(words[i], 8);
                    if (widths[i] > floor && (widest == widths.size() || widths[i] > widths[widest])) widest = i;
                }
                if (widest == widths.size()) break;
                --widths[widest];
            }
        }
    }
    std::string out;
    for (const auto& row : rows_) {
        std::vector<std::vector<std::string>> cells;
        std::size_t height = 1;
        for (std::size_t i = 0; i < row.size(); ++i) {
            cells.push_back(max_width > 0 ? wrap(row[i], widths[i]) : std::vector<std::string>{row[i]});
            height = std::max(height, cells.back().size());
        }
        for (std::size_t k = 0; k < height; ++k) {
            std::string line(indent);
            for (std::size_t i = 0; i < row.size(); ++i) {
                const std::string cell = k < cells[i].size() ? cells[i][k] : "";
                const std::string pad(widths[i] - std::min(widths[i], display_width(cell)), ' ');
                const bool right = i < right_.size() && right_[i];
                if (i > 0) line += "  ";
                line += right ? pad + cell : cell + pad;
            }
            line.erase(line.find_last_not_of(' ') + 1);
            out += line + "\n";
        }
    }
    return out;
}

}  // namespace costsim::cli
