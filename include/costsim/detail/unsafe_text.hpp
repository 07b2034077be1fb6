#pragma once
/// Characters that must not reach a terminal or a table raw: C0 and C1 control characters, DEL,
/// bidirectional overrides and marks (U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069), and
/// bytes that are not UTF-8. Ids refuse them (Offering::validate); the CLI escapes them in messages.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace costsim::detail {

/// One unsafe character of a text: where it starts, how many bytes it takes, and what it is.
struct UnsafeChar {
    std::size_t offset = 0;
    std::size_t length = 1;
    char32_t code = 0;          ///< the code point; for a byte that is not UTF-8, the byte
    bool invalid_utf8 = false;  ///< true: `code` is a byte of no valid UTF-8 sequence
};

/// The first unsafe character of `text`, if any.
std::optional<UnsafeChar> find_unsafe_char(std::string_view text);

/// "U+202E (a bidirectional override)", "U+001B (a control character)", "byte 0xFF (not UTF-8)".
std::string describe(const UnsafeChar& c);

/// `text` with every unsafe character escaped: \n, \r, \t, \xHH for other bytes below 0x20, DEL
/// and non-UTF-8 bytes, \uHHHH for C1 controls and bidirectional characters; a backslash stays.
std::string escape_unsafe(std::string_view text);

}  // namespace costsim::detail
