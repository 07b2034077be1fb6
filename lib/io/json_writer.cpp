// JsonWriter: layout, numbers and string escaping as nlohmann's serializer (3.11) prints them with
// ensure_ascii = false and error_handler_t::replace, so reports keep their exact bytes. Numbers
// take their digits from std::to_chars, the shortest that read back; nlohmann's grisu2 gives the
// same digits but for about 1 double in 1,000, where its are one longer or differ in the last.
#include "io/json_writer.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#if defined(__SSE2__)
#include <emmintrin.h>  // x86-64's baseline: no -march needed
#endif

namespace costsim::detail {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

/// The bytes at p (n > 0, p[0] >= 0x80) start either a well-formed UTF-8 sequence (`valid`, of
/// `length` bytes) or an ill-formed one whose maximal prefix of `length` bytes becomes one U+FFFD,
/// scanning resuming at the byte that broke it: what nlohmann's DFA decoder does.
struct Utf8Step {
    std::size_t length;
    bool valid;
};

Utf8Step scan_utf8(const unsigned char* p, std::size_t n) {
    const unsigned char lead = p[0];
    std::size_t trail = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // range of the first continuation byte (Unicode table 3-7)
    if (lead >= 0xC2 && lead <= 0xDF) {
        trail = 1;
    } else if (lead == 0xE0) {
        trail = 2;
        lo = 0xA0;  // no overlong forms
    } else if (lead == 0xED) {
        trail = 2;
        hi = 0x9F;  // no surrogates
    } else if (lead >= 0xE1 && lead <= 0xEF) {
        trail = 2;
    } else if (lead == 0xF0) {
        trail = 3;
        lo = 0x90;  // no overlong forms
    } else if (lead == 0xF4) {
        trail = 3;
        hi = 0x8F;  // nothing above U+10FFFF
    } else if (lead >= 0xF1 && lead <= 0xF3) {
        trail = 3;
    } else {
        return {1, false};  // a continuation byte, an overlong lead (C0, C1) or F5..FF
    }
    for (std::size_t k = 1; k <= trail; ++k) {
        if (k >= n) return {n, false};  // cut short by the end of the string
        if (p[k] < lo || p[k] > hi) return {k, false};
        lo = 0x80;
        hi = 0xBF;
    }
    return {trail + 1, true};
}

/// Writes the escape of an ASCII byte that is not copied as is (control, '"', '\\').
char* write_escape(char* out, unsigned char c) {
    char short_form = 0;
    switch (c) {
        case '"': short_form = '"'; break;
        case '\\': short_form = '\\'; break;
        case '\b': short_form = 'b'; break;
        case '\f': short_form = 'f'; break;
        case '\n': short_form = 'n'; break;
        case '\r': short_form = 'r'; break;
        case '\t': short_form = 't'; break;
        default: break;
    }
    *out++ = '\\';
    if (short_form != 0) {
        *out++ = short_form;
        return out;
    }
    constexpr const char* kHex = "0123456789abcdef";  // nlohmann prints \u%04x: lowercase
    const char u[] = {'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
    std::memcpy(out, u, sizeof u);
    return out + sizeof u;
}

bool plain(unsigned char c) { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\'; }

#if defined(__SSE2__)
/// 0xFF in each byte of `v` that is not plain (below 0x20, '"', '\\', 0x80 or above).
__m128i special_bytes(__m128i v) {
    // Signed compare: bytes of 0x80 and above are negative, so below 0x20 too.
    return _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),
                        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));
}
#endif

#if !defined(__SSE2__)
constexpr std::uint64_t kOnes = 0x0101010101010101;
constexpr std::uint64_t kHighBits = 0x8080808080808080;

/// Non-zero when one of the 8 bytes in `x` is not plain (below 0x20, '"', '\\', 0x80 or above):
/// the word-at-a-time test that lets clean runs of text be copied 8 bytes at once.
std::uint64_t non_plain_bytes(std::uint64_t x) {
    const auto zero_byte = [](std::uint64_t v) { return (v - kOnes) & ~v; };
    return (((x - kOnes * 0x20) & ~x) | zero_byte(x ^ (kOnes * '"')) | zero_byte(x ^ (kOnes * '\\')) | x) & kHighBits;
}
#endif

/// Longest number written ("-1.7976931348623157e+308" is 24), with its margin.
constexpr std::size_t kDoubleChars = 64;
/// Below this magnitude an integral double prints as its digits and ".0" (the layout's 15-digit
/// limit), so it skips the digit search; pinned against nlohmann in tests/unit/io/json_writer.cpp.
constexpr double kIntegralFastLimit = 1e15;

/// A finite double `d` as nlohmann's serializer lays a number out: its digits the shortest that
/// read back as `d` (std::to_chars), with decimal point position n (value = 0.digits x 10^n), as
/// "123.0" / "12.5" when 0 < n <= 15, "0.00125" when -4 < n <= 0, else "1.25e-05", "1e+15"
/// (exponent of two digits at least). Needs 25 bytes at `out`; returns the end.
char* write_double(char* out, double d) {
    if (std::signbit(d)) {
        *out++ = '-';
        d = -d;
    }
    if (d == 0.0) {
        std::memcpy(out, "0.0", 3);  // NOLINT(bugprone-not-null-terminated-result): a buffer, not a C string
        return out + 3;
    }
    char sci[32];  // "d.ddddddddddddddde-308"
    const char* const sci_end = std::to_chars(sci, sci + sizeof sci, d, std::chars_format::scientific).ptr;
    char digits[17];
    int k = 0;  // number of digits
    const char* p = sci;
    for (; *p != 'e'; ++p)
        if (*p != '.') digits[k++] = *p;
    int exponent = 0;  // of the first digit
    std::from_chars(p + (p[1] == '+' ? 2 : 1), sci_end, exponent);
    const int n = exponent + 1;
    const auto copy = [&out](const char* from, int count) {
        std::memcpy(out, from, static_cast<std::size_t>(count));
        out += count;
    };
    const auto zeros = [&out](int count) {
        std::memset(out, '0', static_cast<std::size_t>(count));
        out += count;
    };
    if (k <= n && n <= 15) {  // 123000.0
        copy(digits, k);
        zeros(n - k);
        copy(".0", 2);
    } else if (0 < n && n <= 15) {  // 12.345
        copy(digits, n);
        *out++ = '.';
        copy(digits + n, k - n);
    } else if (-4 < n && n <= 0) {  // 0.0012345
        copy("0.", 2);
        zeros(-n);
        copy(digits, k);
    } else {  // 1.2345e-05, 1e+15
        *out++ = digits[0];
        if (k > 1) {
            *out++ = '.';
            copy(digits + 1, k - 1);
        }
        int e = n - 1;
        copy(e < 0 ? "e-" : "e+", 2);
        e = e < 0 ? -e : e;
        if (e >= 100) *out++ = static_cast<char>('0' + e / 100);
        *out++ = static_cast<char>('0' + e / 10 % 10);
        *out++ = static_cast<char>('0' + e % 10);
    }
    return out;
}

}  // namespace

namespace {

constexpr std::size_t kThreadWriterBytes = std::size_t{16} << 10;
constexpr std::size_t kThreadWriterKeptBytes = std::size_t{1} << 20;
/// 1,024 numbers (40 KB): a report's ~70 distinct non-integral figures rarely share a slot, so
/// the figures reports repeat (unit prices, fixed conventions, a repeated body's) keep their digits.
constexpr int kThreadWriterMemoLog2 = 10;

JsonWriter& this_thread_writer() {
    thread_local JsonWriter writer(-1, kThreadWriterBytes, kThreadWriterMemoLog2);
    return writer;
}

}  // namespace

JsonWriter& thread_writer() {
    JsonWriter& w = this_thread_writer();
    w.restart();
    return w;
}

std::string take_thread_writer(JsonWriter& w) {
    std::string document;
    take_thread_writer(w, document);
    return document;
}

void take_thread_writer(JsonWriter& w, std::string& out) {
    out.assign(w.written());
    if (w.capacity() > kThreadWriterKeptBytes) w = JsonWriter(-1, kThreadWriterBytes, kThreadWriterMemoLog2);
}

JsonWriter::JsonWriter(int indent, std::size_t reserve_bytes, int memo_slots_log2)
    : memo_(std::size_t{1} << memo_slots_log2), memo_shift_(64 - memo_slots_log2), indent_(indent) {
    out_.resize(std::max<std::size_t>(reserve_bytes, 64));
}

std::string JsonWriter::take() && {
    out_.resize(size_);
    return std::move(out_);
}

void JsonWriter::grow(std::size_t n) { out_.resize(std::max(2 * out_.size(), size_ + n)); }

void JsonWriter::newline_and_indent() {
    const std::size_t n = static_cast<std::size_t>(depth_) * static_cast<std::size_t>(indent_);
    char* out = room(1 + n);
    out[0] = '\n';
    std::memset(out + 1, ' ', n);
    size_ += 1 + n;
}

void JsonWriter::value(double d) {
    before_value();
    if (!std::isfinite(d)) {
        put("null");
        return;
    }
    char* const out = room(kDoubleChars);
    // The memo first, integral values too: a hit is one compare and a fixed-size copy, cheaper
    // than even an integer's digits.
    std::uint64_t bits = 0;
    std::memcpy(&bits, &d, sizeof d);
    FormattedNumber& memo = memo_[(bits * 0x9E3779B97F4A7C15u) >> memo_shift_];
    if (memo.bits == bits) {
        std::memcpy(out, memo.text, sizeof memo.text);
        size_ += memo.size;
        return;
    }
    char* end = nullptr;
    const auto i = d > -kIntegralFastLimit && d < kIntegralFastLimit ? static_cast<std::int64_t>(d) : 0;
    if (static_cast<double>(i) == d && (i != 0 || !std::signbit(d))) {  // -0.0 takes the long way
        end = std::to_chars(out, out + kDoubleChars, i).ptr;
        *end++ = '.';
        *end++ = '0';
    } else {
        end = write_double(out, d);
    }
    memo.bits = bits;
    memo.size = static_cast<std::uint8_t>(end - out);
    std::memcpy(memo.text, out, sizeof memo.text);
    size_ += static_cast<std::size_t>(end - out);
}

void JsonWriter::write_integer(std::int64_t v) {
    char* const out = room(20);  // "-9223372036854775808"
    size_ += static_cast<std::size_t>(std::to_chars(out, out + 20, v).ptr - out);
}

void JsonWriter::write_unsigned(std::uint64_t v) {
    char* const out = room(20);  // "18446744073709551615"
    size_ += static_cast<std::size_t>(std::to_chars(out, out + 20, v).ptr - out);
}

void JsonWriter::write_string(std::string_view s) {
    // Worst case: every byte a \u00XX escape (a replaced byte takes 3, a valid sequence its own);
    // 16 more for the whole-vector store of the last bytes.
    char* const start = room(2 + 6 * s.size() + 16);
    char* out = start;
    *out++ = '"';
    const char* p = s.data();
    const char* const end = p + s.size();
    while (p < end) {
#if defined(__SSE2__)
        // 16 bytes at a time: stored as they are, then kept up to the first that is not plain.
        // The last < 16 go through a zero-padded block (no read past the string), copied by
        // fixed-size moves, so short strings (keys, units) take one vector test too.
        const auto left = static_cast<std::size_t>(end - p);
        if (left < 16 && s.size() >= 16 && out - start == p - s.data() + 1) {
            // Copied verbatim so far: the last 16 bytes (overlapping some already checked) in one
            // test, stored over their own copies.
            const __m128i tail = _mm_loadu_si128(reinterpret_cast<const __m128i*>(end - 16));
            if (_mm_movemask_epi8(special_bytes(tail)) == 0) {
                _mm_storeu_si128(reinterpret_cast<__m128i*>(out + left - 16), tail);
                out += left;
                break;
            }
        }
        __m128i v;
        unsigned in_string = 0xFFFF;  // mask bits of bytes that belong to the string
        if (left >= 16) {
            v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        } else {
            alignas(16) char block[16] = {};
            if (left >= 8) {
                std::memcpy(block, p, 8);
                std::memcpy(block + left - 8, end - 8, 8);
            } else if (left >= 4) {
                std::memcpy(block, p, 4);
                std::memcpy(block + left - 4, end - 4, 4);
            } else {
                block[0] = p[0];
                block[left / 2] = p[left / 2];
                block[left - 1] = p[left - 1];
            }
            v = _mm_load_si128(reinterpret_cast<const __m128i*>(block));
            in_string = (1u << left) - 1;
        }
        const auto mask = static_cast<unsigned>(_mm_movemask_epi8(special_bytes(v))) & in_string;
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out), v);  // room: 6 bytes for each one left, and 16
        const std::size_t clean =
            mask == 0 ? std::min<std::size_t>(left, 16) : static_cast<std::size_t>(__builtin_ctz(mask));
        p += clean;
        out += clean;
        if (mask == 0) continue;
#else
        if (end - p >= 8) {
            std::uint64_t word = 0;
            std::memcpy(&word, p, 8);
            if (non_plain_bytes(word) == 0) {
                std::memcpy(out, p, 8);
                p += 8;
                out += 8;
                continue;
            }
        }
#endif
        const auto c = static_cast<unsigned char>(*p);
        if (plain(c)) {
            *out++ = *p++;
        } else if (c < 0x80) {
            out = write_escape(out, c);
            ++p;
        } else {
            const Utf8Step step =
                scan_utf8(reinterpret_cast<const unsigned char*>(p), static_cast<std::size_t>(end - p));
            if (step.valid)
                std::memcpy(out, p, step.length);
            else
                std::memcpy(out, kReplacement.data(), kReplacement.size());
            out += step.valid ? step.length : kReplacement.size();
            p += step.length;
        }
    }
    *out++ = '"';
    size_ += static_cast<std::size_t>(out - start);
}

}  // namespace costsim::detail
