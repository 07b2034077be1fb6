#pragma once
// Reading the Azure Functions 2019 CSV files line by line: lines, unquoted fields, and the
// invocations file's header. Shared by the traffic parsers (traffic_import.cpp) and the trace
// import (trace_import.cpp); the functions are defined in traffic_import.cpp. Internal to lib/io.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace costsim::detail {

/// Lines of a text, without their "\n" or "\r\n"; `number` is 1-based.
class Lines {
  public:
    explicit Lines(std::string_view text) : text_(text) {}
    bool next(std::string_view& line) {
        if (pos_ >= text_.size()) return false;
        std::size_t end = text_.find('\n', pos_);
        if (end == std::string_view::npos) end = text_.size();
        line = text_.substr(pos_, end - pos_);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        pos_ = end + 1;
        ++number_;
        return true;
    }
    [[nodiscard]] std::size_t number() const { return number_; }

  private:
    std::string_view text_;
    std::size_t pos_ = 0;
    std::size_t number_ = 0;
};

std::string_view trim_spaces(std::string_view s);
inline bool blank(std::string_view line) { return trim_spaces(line).empty(); }
/// The comma-separated fields of a line, trimmed (no quoting: neither format quotes).
std::vector<std::string_view> split_fields(std::string_view line);
/// A shortened value for a message: "\"abc...\"".
std::string quoted_value(std::string_view s);

/// Where the columns of an Azure Functions 2019 invocations file are.
struct AzureHeader {
    std::size_t columns = 0;
    std::size_t hash = 0;
    std::optional<std::size_t> trigger;
    std::size_t first_minute = 0;  ///< the last 1,440 columns are minutes 1..1440
};

/// Reads and checks the header line. \throws InvalidInput "<field> line 1: ...".
AzureHeader azure_header(Lines& lines, const std::string& field);

}  // namespace costsim::detail
