// JsonDocument: the plain reader, and nlohmann for everything else. See json_document.hpp.
#include "io/json_document.hpp"
#include "core/validation.hpp"

#include <costsim/error.hpp>
#include <costsim/json.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>

namespace costsim::detail {

using nlohmann::json;

namespace {

constexpr int kMaxNesting = 32;

/// Collects the children of the containers being read; a container's children move to `nodes`
/// in one run when it closes, so every container's children are contiguous.
class TreeBuilder {
  public:
    explicit TreeBuilder(std::vector<JsonNode>& nodes) : nodes_(nodes) {}
    [[nodiscard]] std::size_t mark() const { return open_.size(); }
    void add(std::string_view key, const JsonValue& value) { open_.push_back({key, value}); }
    JsonValue close(JsonKind kind, std::size_t mark) {
        JsonValue v;
        v.kind = kind;
        v.first = static_cast<std::uint32_t>(nodes_.size());
        v.size = static_cast<std::uint32_t>(open_.size() - mark);
        nodes_.insert(nodes_.end(), open_.begin() + static_cast<std::ptrdiff_t>(mark), open_.end());
        open_.resize(mark);
        return v;
    }

  private:
    std::vector<JsonNode>& nodes_;
    std::vector<JsonNode> open_;
};

/// Reads a document if it is plain JSON: strings of printable ASCII without escapes, at most
/// kMaxNesting levels. It returns nothing, rather than an error, for anything else (escapes,
/// other bytes, a BOM, malformed text, deeper nesting); nlohmann then reads the document or
/// reports the error. Everything it accepts is valid JSON and reads as nlohmann reads it.
class PlainParser {
  public:
    PlainParser(std::string_view text, std::vector<JsonNode>& nodes)
        : p_(text.data()), end_(text.data() + text.size()), tree_(nodes) {}

    std::optional<JsonValue> parse() {
        JsonValue root;
        skip_space();
        if (!value(root, 0)) return std::nullopt;
        skip_space();
        if (p_ != end_) return std::nullopt;
        return root;
    }

  private:
    static bool is_digit(char c) { return c >= '0' && c <= '9'; }
    void skip_space() {
        while (p_ != end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
    }
    bool consume(char c) {
        if (p_ == end_ || *p_ != c) return false;
        ++p_;
        return true;
    }
    bool digits() {
        if (p_ == end_ || !is_digit(*p_)) return false;
        while (p_ != end_ && is_digit(*p_)) ++p_;
        return true;
    }

    bool value(JsonValue& out, int depth) {
        if (p_ == end_) return false;
        switch (*p_) {
            case '{': return object(out, depth + 1);
            case '[': return array(out, depth + 1);
            case '"': out.kind = JsonKind::string; return string(out.text);
            case 't':
                out.kind = JsonKind::boolean;
                out.boolean = true;
                return literal("true");
            case 'f': out.kind = JsonKind::boolean; return literal("false");
            case 'n': return literal("null");
            default: out.kind = JsonKind::number; return number(out.number);
        }
    }
    bool literal(std::string_view word) {
        if (std::string_view(p_, static_cast<std::size_t>(end_ - p_)).substr(0, word.size()) != word) return false;
        p_ += word.size();
        return true;
    }
    bool string(std::string_view& out) {
        const char* start = ++p_;
        while (p_ != end_ && *p_ != '"') {
            const auto c = static_cast<unsigned char>(*p_);
            if (c < 0x20 || c > 0x7e || c == '\\') return false;
            ++p_;
        }
        if (p_ == end_) return false;
        out = std::string_view(start, static_cast<std::size_t>(p_ - start));
        ++p_;
        return true;
    }
    bool number(double& out) {
        const char* start = p_;
        consume('-');
        if (!consume('0') && !digits()) return false;
        bool integer = true;
        if (consume('.')) {
            integer = false;
            if (!digits()) return false;
        }
        if (consume('e') || consume('E')) {
            integer = false;
            if (!consume('+')) consume('-');
            if (!digits()) return false;
        }
        // As nlohmann: integers as int64 / uint64 first ("-0" is +0.0), then as a double.
        if (integer && *start == '-') {
            std::int64_t i = 0;
            if (std::from_chars(start, p_, i).ec == std::errc{}) {
                out = static_cast<double>(i);
                return true;
            }
        } else if (integer) {
            std::uint64_t u = 0;
            if (std::from_chars(start, p_, u).ec == std::errc{}) {
                out = static_cast<double>(u);
                return true;
            }
        }
        // Out of range (1e400, 1e-400) is left to nlohmann: its error, or strtod's underflow value.
        auto [end, error] = std::from_chars(start, p_, out);
        return error == std::errc{} && end == p_;
    }
    bool object(JsonValue& out, int depth) {
        if (depth > kMaxNesting) return false;
        ++p_;
        const std::size_t mark = tree_.mark();
        skip_space();
        if (!consume('}')) {
            do {
                skip_space();
                std::string_view key;
                JsonValue member;
                if (p_ == end_ || *p_ != '"' || !string(key)) return false;
                skip_space();
                if (!consume(':')) return false;
                skip_space();
                if (!value(member, depth)) return false;
                tree_.add(key, member);
                skip_space();
            } while (consume(','));
            if (!consume('}')) return false;
        }
        out = tree_.close(JsonKind::object, mark);
        return true;
    }
    bool array(JsonValue& out, int depth) {
        if (depth > kMaxNesting) return false;
        ++p_;
        const std::size_t mark = tree_.mark();
        skip_space();
        if (!consume(']')) {
            do {
                skip_space();
                JsonValue element;
                if (!value(element, depth)) return false;
                tree_.add({}, element);
                skip_space();
            } while (consume(','));
            if (!consume(']')) return false;
        }
        out = tree_.close(JsonKind::array, mark);
        return true;
    }

    const char* p_;
    const char* end_;
    TreeBuilder tree_;
};

/// nlohmann parses recursively, so absurd nesting is refused before parsing (a 64 KiB body
/// cannot nest deeper than this check allows). Brackets are counted even in malformed text.
void check_nesting(std::string_view text) {
    int depth = 0, max_depth = 0;
    bool in_string = false, escaped = false;
    for (char ch : text) {
        if (in_string) {
            if (escaped)
                escaped = false;
            else if (ch == '\\')
                escaped = true;
            else if (ch == '"')
                in_string = false;
        } else if (ch == '"')
            in_string = true;
        else if (ch == '{' || ch == '[')
            max_depth = std::max(max_depth, ++depth);
        else if (ch == '}' || ch == ']')
            --depth;
    }
    if (max_depth > kMaxNesting) throw LimitExceeded("body", "JSON nesting deeper than 32 levels");
}

json parse_with_nlohmann(std::string_view text) {
    try {
        return json::parse(text.begin(), text.end());
    } catch (const json::parse_error& e) {
        std::string what = e.what();
        auto colon = what.find("parse error");
        throw ParseError("malformed JSON at byte " + std::to_string(e.byte) + ": " +
                         (colon == std::string::npos ? what : what.substr(colon)));
    } catch (const json::exception& e) {
        // e.g. out_of_range.406: a number too large for a double (1e400)
        std::string what = e.what();
        auto bracket = what.find("] ");
        throw ParseError("malformed JSON: " + (bracket == std::string::npos ? what : what.substr(bracket + 2)));
    }
}

JsonValue convert(const json& j, TreeBuilder& tree) {
    JsonValue v;
    switch (j.type()) {
        case json::value_t::boolean:
            v.kind = JsonKind::boolean;
            v.boolean = j.get<bool>();
            break;
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
        case json::value_t::number_float:
            v.kind = JsonKind::number;
            v.number = j.get<double>();
            break;
        case json::value_t::string:
            v.kind = JsonKind::string;
            v.text = j.get_ref<const std::string&>();
            break;
        case json::value_t::array: {
            const std::size_t mark = tree.mark();
            for (const json& element : j) tree.add({}, convert(element, tree));
            v = tree.close(JsonKind::array, mark);
            break;
        }
        case json::value_t::object: {
            const std::size_t mark = tree.mark();
            for (const auto& [key, member] : j.get_ref<const json::object_t&>()) tree.add(key, convert(member, tree));
            v = tree.close(JsonKind::object, mark);
            break;
        }
        default: break;  // null; parsing gives no binary or discarded values
    }
    return v;
}

}  // namespace

JsonDocument::JsonDocument(std::string_view text) : JsonDocument(text, kMaxJsonBytes) {}

JsonDocument::JsonDocument(std::string_view text, std::size_t max_bytes) {
    if (text.size() > max_bytes)
        throw LimitExceeded("body", "the JSON document is " + detail::format_quantity(double(text.size())) +
                                        " bytes; the limit is " + detail::format_quantity(double(max_bytes)));
    nodes_.reserve(text.size() / 8);
    // A document PlainParser accepts is valid JSON at most kMaxNesting deep: check_nesting passes.
    if (auto root = PlainParser(text, nodes_).parse()) {
        root_ = *root;
        return;
    }
    nodes_.clear();
    check_nesting(text);
    auto tree_of_text = std::make_shared<const json>(parse_with_nlohmann(text));
    TreeBuilder tree(nodes_);
    root_ = convert(*tree_of_text, tree);
    owned_ = std::move(tree_of_text);  // the nodes' strings point into it
}

}  // namespace costsim::detail
