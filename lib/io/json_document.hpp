#pragma once
// A read-only tree of a JSON text, for parse_scenario's strict schema rules. Internal.

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

namespace costsim::detail {

enum class JsonKind : std::uint8_t { null, boolean, number, string, array, object };

/// One value; a container's children are nodes [first, first + size) of its document.
struct JsonValue {
    JsonKind kind = JsonKind::null;
    bool boolean = false;
    double number = 0.0;
    std::string_view text;    ///< a string's characters, unescaped
    std::uint32_t first = 0;  ///< an array's elements or an object's members
    std::uint32_t size = 0;
};

/// An object member, or an array element (empty key).
struct JsonNode {
    std::string_view key;
    JsonValue value;
};

/// The tree of a JSON text, whose containers own contiguous runs of one vector. Bodies in the
/// common plain form (printable ASCII strings without escapes) are read straight from the text,
/// with no allocation per value. Anything else, and every malformed document, is read by
/// nlohmann::json, whose error messages and byte positions are part of the API; both give the
/// same tree for the documents the plain reader accepts. The text must outlive the document.
class JsonDocument {
  public:
    /// \throws LimitExceeded (over kMaxJsonBytes, nested deeper than 32 levels) or ParseError
    /// (malformed JSON, with the byte position)
    /// \throws LimitExceeded ("body") for a text over kMaxJsonBytes (a scenario's limit).
    explicit JsonDocument(std::string_view text);
    /// \throws LimitExceeded ("body") for a text over `max_bytes`.
    JsonDocument(std::string_view text, std::size_t max_bytes);
    JsonDocument(const JsonDocument&) = delete;
    JsonDocument& operator=(const JsonDocument&) = delete;

    [[nodiscard]] const JsonValue& root() const { return root_; }
    [[nodiscard]] std::span<const JsonNode> children(const JsonValue& v) const {
        return {nodes_.data() + v.first, v.size};
    }
    /// An object's member, or null. A repeated key counts once with its last value (as nlohmann).
    [[nodiscard]] const JsonValue* find(const JsonValue& object, std::string_view key) const {
        const JsonValue* found = nullptr;
        for (const JsonNode& member : children(object))
            if (member.key == key) found = &member.value;
        return found;
    }

  private:
    std::vector<JsonNode> nodes_;
    JsonValue root_;
    std::shared_ptr<const void> owned_;  ///< nlohmann's tree, when it read the text
};

}  // namespace costsim::detail
