#pragma once
// A streaming JSON writer, internal to the library: appends to one string what
// nlohmann::ordered_json::dump(indent, ' ', false, error_handler_t::replace) would print for the
// same values, byte for byte, without building a tree (the report serialisers' hot path); but a
// double's digits are the shortest that read back (std::to_chars), which nlohmann's are for all
// but about 1 double in 1,000.

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace costsim {
struct Comparison;  // compare.hpp
}  // namespace costsim

namespace costsim::detail {

/// An object key written as is: a string literal checked at compile time to need no escaping,
/// so the hot path skips the byte scan. Keys known only at run time go through runtime_key().
class Key {
  public:
    template <std::size_t N>
    consteval Key(const char (&text)[N]) : text_(text, N - 1) {  // implicit: w.field("id", ...)
        for (const char c : text_) {
            const auto u = static_cast<unsigned char>(c);
            // A throw in a consteval constructor fails the build.
            if (u < 0x20 || u >= 0x80 || c == '"' || c == '\\') throw "a key literal must need no escaping";
        }
    }
    [[nodiscard]] constexpr std::string_view text() const noexcept { return text_; }

  private:
    std::string_view text_;
};

class JsonWriter {
  public:
    /// indent < 0: compact; indent >= 0: one value per line, `indent` spaces per level.
    /// `reserve_bytes`: the expected size; the buffer grows past it if needed.
    /// `memo_slots_log2`: the numbers' memo holds 2^this digits (a writer reused document after
    /// document, the thread's, keeps more).
    explicit JsonWriter(int indent = -1, std::size_t reserve_bytes = 1024, int memo_slots_log2 = 5);

    void begin_object() { open('{'); }
    void end_object() { close('}'); }
    void begin_array() { open('['); }
    void end_array() { close(']'); }

    /// The next key of the current object; the next call writes its value.
    void key(Key k) {
        const std::string_view text = k.text();
        if (indent_ >= 0) {
            next_element();
            put('"');
            put(text);
            put("\": ");
        } else {
            // Compact: the comma, the quoted key and the colon under one room check (the key's
            // size is known where field() is inlined, so the copy is a few moves).
            char* out = room(text.size() + 4);
            if (depth_ != 0) {
                if (!first_) *out++ = ',';
                first_ = false;
            }
            *out++ = '"';
            std::memcpy(out, text.data(), text.size());
            out += text.size();
            *out++ = '"';
            *out++ = ':';
            size_ = static_cast<std::size_t>(out - out_.data());
        }
        after_key_ = true;
    }
    /// A key from data (a convention's name), escaped like any string.
    void runtime_key(std::string_view k) {
        next_element();
        write_string(k);
        if (indent_ >= 0)
            put(": ");
        else
            put(':');
        after_key_ = true;
    }

    void value(std::string_view s) {
        before_value();
        write_string(s);
    }
    void value(const char* s) { value(std::string_view(s)); }
    /// The shortest digits that read back (std::to_chars) in nlohmann's number layout ("730.0",
    /// "0.1", "1e-05", "1.5e+300"); NaN and infinities as null.
    void value(double d);
    void value(bool b) {
        before_value();
        put(b ? std::string_view("true") : std::string_view("false"));
    }
    void value(std::nullptr_t) {
        before_value();
        put("null");
    }
    /// Integer-typed fields stay integers ("512", not "512.0").
    template <std::integral T>
    requires(!std::same_as<T, bool>) void value(T v) {
        before_value();
        if constexpr (std::signed_integral<T>)
            write_integer(static_cast<std::int64_t>(v));
        else
            write_unsigned(static_cast<std::uint64_t>(v));
    }

    template <class T>
    void field(Key k, const T& v) {
        key(k);
        value(v);
    }

    /// A whole value already written as JSON (by a writer of the same layout), copied as the next value.
    void raw_value(std::string_view json) {
        before_value();
        put(json);
    }

    /// The document; the writer is spent.
    [[nodiscard]] std::string take() &&;
    /// The document so far. With restart(), one writer serves many documents: its buffer and its
    /// numbers' memo are kept from one to the next.
    [[nodiscard]] std::string_view written() const noexcept { return {out_.data(), size_}; }
    void restart() noexcept {
        size_ = 0;
        depth_ = 0;
        first_ = true;
        after_key_ = false;
    }
    [[nodiscard]] std::size_t capacity() const noexcept { return out_.size(); }
    /// Appends what is written so far to `out` and forgets it, keeping the writer's place: a
    /// document written in pieces (a large report sent as it is made).
    void move_to(std::string& out) {
        out.append(out_.data(), size_);
        size_ = 0;
    }

  private:
    // out_ is kept at its full size as the buffer; size_ bytes of it are written.
    char* room(std::size_t n) {
        if (out_.size() - size_ < n) grow(n);
        return out_.data() + size_;
    }
    void put(char c) {
        *room(1) = c;
        ++size_;
    }
    void put(std::string_view s) {
        std::memcpy(room(s.size()), s.data(), s.size());
        size_ += s.size();
    }
    void newline_and_indent();
    void next_element() {
        if (depth_ == 0) return;
        if (!first_) put(',');
        first_ = false;
        if (indent_ >= 0) newline_and_indent();
    }
    void before_value() {
        if (after_key_)
            after_key_ = false;
        else
            next_element();
    }
    void open(char bracket) {
        before_value();
        put(bracket);
        ++depth_;
        first_ = true;
    }
    void close(char bracket) {
        --depth_;
        if (!first_ && indent_ >= 0) newline_and_indent();  // an empty one stays "{}" / "[]"
        put(bracket);
        first_ = false;  // the enclosing container now holds this one
    }
    void grow(std::size_t n);
    void write_integer(std::int64_t v);
    void write_unsigned(std::uint64_t v);
    void write_string(std::string_view s);

    /// The last numbers whose digits were searched (std::to_chars), by bit pattern: reports repeat their figures
    /// (each bill's requests per second, shared unit prices), and a hit is a copy.
    struct FormattedNumber {
        std::uint64_t bits = ~std::uint64_t{0};  // a NaN: never looked up
        std::uint8_t size = 0;
        char text[31];
    };
    std::vector<FormattedNumber> memo_;
    int memo_shift_;  // 64 - log2 of the slots: the hash's top bits pick the slot

    std::string out_;
    std::size_t size_ = 0;
    int indent_;
    int depth_ = 0;
    bool first_ = true;       // no element yet in the innermost open container
    bool after_key_ = false;  // a key was written; its value comes next
};

/// This thread's compact writer, restarted: reports made one after another (API answers, batch
/// lines) reuse its buffer, and the figures they share keep their digits (the memo). Not
/// reentrant: one document at a time per thread, finished by take_thread_writer.
JsonWriter& thread_writer();
/// The document of thread_writer(); a buffer grown past 1 MB (a report with series) is given back.
std::string take_thread_writer(JsonWriter& w);
/// The same into `out`, reusing its storage (no allocation once it has held a document as long).
void take_thread_writer(JsonWriter& w, std::string& out);

/// The body of an error, {"code", "message", "field" (null when empty)}: inside the API's
/// {"error": ...} (error_to_json) and a batch line's "error" (lib/io/batch.cpp).
std::string error_object_json(std::string_view code, std::string_view message, std::string_view field);

/// The compare report of `c` (to_json(c, indent) is this alone in a writer) as the next value of `w`.
void write_comparison(JsonWriter& w, const Comparison& c);

}  // namespace costsim::detail
