#include <costsim/detail/unsafe_text.hpp>

#include <cstdio>

namespace costsim::detail {

namespace {

bool is_control(char32_t c) { return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F); }

bool is_bidi(char32_t c) {
    return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

/// The UTF-8 sequence at `text[i]`: its code point and length, or nullopt when it is not UTF-8
/// (a stray continuation byte, a truncated or overlong sequence, a surrogate, above U+10FFFF).
std::optional<std::pair<char32_t, std::size_t>> decode(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    if (lead < 0x80) return std::pair<char32_t, std::size_t>{lead, 1};
    std::size_t length = 0;
    char32_t code = 0;
    if (lead >= 0xC2 && lead <= 0xDF)
        length = 2, code = lead & 0x1F;
    else if (lead >= 0xE0 && lead <= 0xEF)
        length = 3, code = lead & 0x0F;
    else if (lead >= 0xF0 && lead <= 0xF4)
        length = 4, code = lead & 0x07;
    else
        return std::nullopt;
    if (i + length > text.size()) return std::nullopt;
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return std::nullopt;
        code = (code << 6) | (byte(i + k) & 0x3F);
    }
    if ((length == 3 && code < 0x800) || (length == 4 && (code < 0x10000 || code > 0x10FFFF)) ||
        (code >= 0xD800 && code <= 0xDFFF))
        return std::nullopt;
    return std::pair<char32_t, std::size_t>{code, length};
}

/// Calls `unsafe(UnsafeChar)` for each unsafe character and `safe(offset, length)` for each run
/// between them; stops when `unsafe` returns false.
template <class Safe, class Unsafe>
void scan(std::string_view text, Safe safe, Unsafe unsafe) {
    std::size_t run = 0;
    for (std::size_t i = 0; i < text.size();) {
        const auto decoded = decode(text, i);
        UnsafeChar c{i, decoded ? decoded->second : 1, decoded ? decoded->first : static_cast<unsigned char>(text[i]),
                     !decoded};
        if (c.invalid_utf8 || is_control(c.code) || is_bidi(c.code)) {
            safe(run, i - run);
            if (!unsafe(c)) return;
            run = i + c.length;
        }
        i += c.length;
    }
    safe(run, text.size() - run);
}

}  // namespace

std::optional<UnsafeChar> find_unsafe_char(std::string_view text) {
    std::optional<UnsafeChar> found;
    scan(
        text, [](std::size_t, std::size_t) {},
        [&](const UnsafeChar& c) {
            found = c;
            return false;
        });
    return found;
}

std::string describe(const UnsafeChar& c) {
    char text[64];
    if (c.invalid_utf8)
        std::snprintf(text, sizeof text, "byte 0x%02X (not UTF-8)", static_cast<unsigned>(c.code));
    else
        std::snprintf(text, sizeof text, "U+%04X (%s)", static_cast<unsigned>(c.code),
                      is_bidi(c.code) ? "a bidirectional control character" : "a control character");
    return text;
}

std::string escape_unsafe(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    scan(
        text, [&](std::size_t offset, std::size_t length) { out.append(text.substr(offset, length)); },
        [&](const UnsafeChar& c) {
            char escaped[16];
            if (!c.invalid_utf8 && c.code == '\n')
                std::snprintf(escaped, sizeof escaped, "\\n");
            else if (!c.invalid_utf8 && c.code == '\r')
                std::snprintf(escaped, sizeof escaped, "\\r");
            else if (!c.invalid_utf8 && c.code == '\t')
                std::snprintf(escaped, sizeof escaped, "\\t");
            else if (c.invalid_utf8 || c.code < 0x80)
                std::snprintf(escaped, sizeof escaped, "\\x%02x", static_cast<unsigned>(c.code));
            else
                std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c.code));
            out += escaped;
            return true;
        });
    return out;
}

}  // namespace costsim::detail
