#pragma once
// Calendar arithmetic the usage imports share to read timestamps (traffic CSV, CloudWatch
// metrics, Lambda logs): each keeps its own format rules. Internal to lib/io.

#include <charconv>
#include <optional>
#include <string_view>
#include <system_error>

namespace costsim::detail {

/// Days from 1970-01-01 to y-m-d (proleptic Gregorian; H. Hinnant's days_from_civil).
inline long long days_from_civil(long long y, unsigned m, unsigned d) {
    y -= m <= 2 ? 1 : 0;
    const long long era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long long>(doe) - 719468;
}

/// The number `s` spells with decimal digits only (no sign, no space), or none.
inline std::optional<long long> whole_digits(std::string_view s) {
    long long n = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (s.empty() || ec != std::errc{} || end != s.data() + s.size() || n < 0) return std::nullopt;
    return n;
}

}  // namespace costsim::detail
