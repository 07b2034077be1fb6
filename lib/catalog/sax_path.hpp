#pragma once
// The key path of nlohmann's SAX events for the streamed price imports (AWS Price List, Azure
// Retail Prices): each open level, whether it is an array, and the key last read at it; the
// checks on the document's shape both share. Internal to lib/catalog.

#include "byte_reader.hpp"

#include <costsim/error.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace costsim::detail {

class SaxPath {
  public:
    /// `origin` names the input in errors; `document` what it must be ("an AWS Price List offer
    /// file"). Both outlive the path.
    SaxPath(ByteReader& r, const std::string& origin, std::string document)
        : r_(r), origin_(origin), document_(std::move(document)) {}

    /// A JSON document nests at most this deep (offer files nest 9 levels, Azure pages 4).
    static constexpr std::size_t kMaxDepth = 64;

    /// An object or array opens: the top level must be an object, the nesting bounded.
    void open(bool array) {
        r_.token_done();
        if (arrays_.empty()) {
            if (array) throw ParseError(origin_ + ": not " + document_ + ": the top level is an array");
            top_object_ = true;
        }
        if (arrays_.size() >= kMaxDepth)
            throw ParseError(origin_ + ": JSON nested deeper than 64 levels: not " + document_);
        arrays_.push_back(array);
        if (keys_.size() < arrays_.size()) keys_.resize(arrays_.size());
        keys_[arrays_.size() - 1].clear();
    }
    void close() { arrays_.pop_back(); }
    void key(const std::string& k) {
        r_.token_done();
        keys_[depth() - 1] = k;
    }
    /// A scalar is read: it must be inside the top-level object.
    void scalar() {
        r_.token_done();
        if (arrays_.empty()) throw ParseError(origin_ + ": not " + document_ + ": the top level is not an object");
    }
    [[noreturn]] void parse_error(std::size_t position, const nlohmann::detail::exception& e) const {
        std::string what = e.what();
        const auto at = what.find("error");
        if (at != std::string::npos) what = what.substr(at);
        throw ParseError(origin_ + ": invalid or truncated JSON at byte " + std::to_string(position) + ": " + what);
    }

    [[nodiscard]] std::size_t depth() const { return arrays_.size(); }
    [[nodiscard]] const std::string& key_at(std::size_t level) const { return keys_[level]; }
    [[nodiscard]] bool is_array(std::size_t level) const { return arrays_[level]; }
    /// The innermost open level is an array.
    [[nodiscard]] bool in_array() const { return arrays_.back(); }
    [[nodiscard]] bool saw_top_object() const { return top_object_; }

  private:
    ByteReader& r_;
    const std::string& origin_;
    std::string document_;
    std::vector<bool> arrays_;
    std::vector<std::string> keys_;
    bool top_object_ = false;
};

}  // namespace costsim::detail
