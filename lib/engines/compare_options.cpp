// Validation of the options shared by comparisons, curves and sweeps.
#include <costsim/curves.hpp>

#include "core/validation.hpp"

#include <cmath>

namespace costsim {

void CurrencyOptions::validate(const std::string& p) const {
    if (currency != "USD" && currency != "JPY")
        throw InvalidInput(p + "currency", "USD or JPY", "\"" + currency + "\"");
    detail::require_range_open_low(jpy_per_usd, 0, 10000, {p, "jpy_per_usd"});
}

double conversion_factor(std::string_view from, const CurrencyOptions& o) {
    if (from == o.currency) return 1.0;
    return o.currency == "JPY" ? o.jpy_per_usd : 1.0 / o.jpy_per_usd;
}

void TrafficRange::validate(const std::string& p) const {
    detail::require_range(from_rps, CompareLimits::min_rps, CompareLimits::max_rps, {p, "from_rps"});
    detail::require_range(to_rps, CompareLimits::min_rps, CompareLimits::max_rps, {p, "to_rps"});
    if (!(to_rps > from_rps))
        throw InvalidInput(p + "to_rps", "greater than " + p + "from_rps (" + detail::format_number(from_rps) + ")",
                           detail::format_number(to_rps));
}

void CurveGrid::validate(const std::string& p) const {
    range.validate(p);
    detail::require_int_range(points, CurveLimits::min_points, CurveLimits::max_points, p + "points");
    if (log_spaced && !(range.from_rps > 0))
        throw InvalidInput(p + "from_rps", "greater than 0 on a log-spaced grid",
                           detail::format_number(range.from_rps));
}

Eigen::ArrayXd requests_per_month(const CurveGrid& grid) {
    const TrafficRange& range = grid.range;
    Eigen::ArrayXd rps;
    if (grid.log_spaced)
        rps = Eigen::ArrayXd::LinSpaced(grid.points, std::log10(range.from_rps), std::log10(range.to_rps))
                  .unaryExpr([](double e) { return std::pow(10.0, e); });
    else
        rps = Eigen::ArrayXd::LinSpaced(grid.points, range.from_rps, range.to_rps);
    // exact end points, whatever pow() rounds to
    rps[0] = range.from_rps;
    rps[grid.points - 1] = range.to_rps;
    return rps * kSecondsPerMonth;
}

void SweepGrid::validate(const std::string& p) const {
    if (requests_per_second.empty()) throw InvalidInput(p + "requests_per_second", "a non-empty list", "an empty list");
    // each element is named ("sweep.duration_ms[1]")
    for (std::size_t i = 0; i < requests_per_second.size(); ++i)
        detail::require_range(requests_per_second[i], CompareLimits::min_rps, CompareLimits::max_rps,
                              {p, "requests_per_second", i});
    for (std::size_t i = 0; i < duration_ms.size(); ++i)
        detail::require_range_open_low(duration_ms[i], 0, WorkloadLimits::max_duration_ms, {p, "duration_ms", i});
    for (std::size_t i = 0; i < memory_mb.size(); ++i)
        detail::require_int_range(memory_mb[i], 1, OfferingLimits::max_memory_mb, {p, "memory_mb", i});
    const double cells = double(requests_per_second.size()) * double(std::max<std::size_t>(1, duration_ms.size())) *
                         double(std::max<std::size_t>(1, memory_mb.size()));
    if (cells > double(CurveLimits::max_sweep_cells))
        throw LimitExceeded(p + "requests_per_second", "the sweep has " + detail::format_quantity(cells) +
                                                           " cells; the limit is " +
                                                           detail::format_quantity(CurveLimits::max_sweep_cells) +
                                                           " (traffic x duration x memory)");
}

const char* to_string(BreakEven::Kind k) noexcept {
    switch (k) {
        case BreakEven::Kind::crossing: return "crossing";
        case BreakEven::Kind::step: return "step";
        case BreakEven::Kind::tie: return "tie";
    }
    return "crossing";
}

}  // namespace costsim
