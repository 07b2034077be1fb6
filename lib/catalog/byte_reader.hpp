#pragma once
// Buffered bytes from a stream for the streamed price imports (AWS Price List, Azure Retail
// Prices), with a guard on the bytes of one token or line. Internal to lib/catalog.

#include <costsim/error.hpp>

#include <cstddef>
#include <cstdint>
#include <istream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace costsim::detail {

constexpr std::size_t kMaxImportToken = 1u << 20;  // a JSON token or a CSV line: 1 MiB

/// Buffered bytes from a stream, with a guard on the bytes read since the last token.
class ByteReader {
  public:
    explicit ByteReader(std::istream& in) : in_(in), buffer_(1u << 16) {}
    int next() {
        if (pos_ == len_) {
            if (!in_) return -1;
            in_.read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
            len_ = static_cast<std::size_t>(in_.gcount());
            pos_ = 0;
            if (len_ == 0) return -1;
        }
        ++consumed_;
        if (++since_token_ > kMaxImportToken)
            throw LimitExceeded("",
                                origin_ + ": a token or line of more than 1 MiB at byte " + std::to_string(consumed_));
        return static_cast<unsigned char>(buffer_[pos_++]);
    }
    int peek() {
        const int c = next();
        if (c >= 0) {
            --pos_;
            --consumed_;
            --since_token_;
        }
        return c;
    }
    void token_done() { since_token_ = 0; }
    /// The bytes read from the stream and not yet consumed (after peek(): the first block).
    [[nodiscard]] std::string_view buffered() const { return {buffer_.data() + pos_, len_ - pos_}; }
    std::string origin_;

  private:
    std::istream& in_;
    std::vector<char> buffer_;
    std::size_t pos_ = 0, len_ = 0;
    std::uint64_t consumed_ = 0, since_token_ = 0;
};

/// An input iterator over a ByteReader, for nlohmann's SAX parser.
class ByteIterator {
  public:
    using iterator_category = std::input_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;
    ByteIterator() = default;
    explicit ByteIterator(ByteReader* r) : r_(r) { current_ = r_->next(); }
    reference operator*() const {
        value_ = static_cast<char>(current_);
        return value_;
    }
    ByteIterator& operator++() {
        current_ = r_->next();
        return *this;
    }
    ByteIterator operator++(int) {
        ByteIterator t = *this;
        ++*this;
        return t;
    }
    bool operator==(const ByteIterator& o) const { return at_end() == o.at_end(); }
    bool operator!=(const ByteIterator& o) const { return !(*this == o); }

  private:
    [[nodiscard]] bool at_end() const { return r_ == nullptr || current_ < 0; }
    ByteReader* r_ = nullptr;
    int current_ = -1;
    mutable char value_ = 0;
};

}  // namespace costsim::detail
