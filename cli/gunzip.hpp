#pragma once
/// gzip-compressed input (a Cost and Usage Report's .csv.gz): detected by its magic bytes and
/// inflated here with zlib, in the CLI only; the library reads plain text.

#include <cstddef>
#include <string>
#include <string_view>

namespace costsim::cli {

/// True when `bytes` start with gzip's magic (1f 8b).
bool is_gzip(std::string_view bytes) noexcept;

/// The inflated bytes of every gzip member in `bytes`. \throws UsageError naming `name` when the
/// data is not gzip, is truncated, or inflates to more than `max_bytes`.
std::string gunzip(std::string_view bytes, std::size_t max_bytes, const std::string& name);

}  // namespace costsim::cli
