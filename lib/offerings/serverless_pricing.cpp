// Building blocks of the per-use offerings: one currency per bill, and Cloud Run's free tier valued
// at Tier 1 prices. Used by cloud_run.cpp and the kinds built like it.
#include "offerings/model_building.hpp"

#include <algorithm>
#include <charconv>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace costsim::detail {

void require_same_currency(const CostModel::Data& d, const PriceEntry& e) {
    if (e.currency != d.currency)
        throw InvalidCatalog(e.id, "catalog entry " + e.id + " is priced in " + e.currency + " but this bill is in " +
                                       d.currency + "; one bill holds one currency");
}

namespace {
/// A unit price as "0.0000336" (fixed notation, up to 10 decimals), in a buffer of its own.
class PriceText {
  public:
    explicit PriceText(double v) noexcept {
        const auto [end, ec] = std::to_chars(buf_, buf_ + sizeof buf_, v, std::chars_format::fixed, 10);
        size_ = ec == std::errc() ? static_cast<std::size_t>(end - buf_) : 0;
        if (std::string_view(buf_, size_).find('.') != std::string_view::npos) {
            while (size_ > 0 && buf_[size_ - 1] == '0') --size_;
            if (size_ > 0 && buf_[size_ - 1] == '.') --size_;
        }
    }
    operator std::string_view() const noexcept { return {buf_, size_}; }

  private:
    char buf_[48];
    std::size_t size_ = 0;
};

}  // namespace

/// Cloud Run's free tier is a spending-based discount valued at Tier 1 prices
/// (cloud.google.com/run/pricing): a region priced p gets allowance x p1 / p free units, worth the
/// same allowance x p1 dollars. The free band of `bands` (from make_bands) is resized to that and
/// the tiers after it move with it; in a Tier 1 region (p = p1) nothing changes. The region's
/// first-tier price is used: the free allowance comes before any tier (the project convention).
/// Returns whether the free quantity changed.
bool value_free_tier_at_tier1(TextArena& text, std::vector<Band>& bands, const PriceEntry& price,
                              const PriceEntry& allowance, const PriceEntry& tier1) {
    const double p = price.tiers.front().price, p1 = tier1.flat_price();
    if (bands.empty() || bands.front().unit_price != 0.0 || !(p > 0.0) || p == p1) return false;
    // At most 1e18 units, the catalog's allowance bound: a near-zero region price stays finite.
    const double free = std::min(allowance.allowance * p1 / p, 1e18);
    const double shift = free - allowance.allowance;
    bands.front().up_to = free;
    for (std::size_t i = 1; i < bands.size(); ++i) {
        bands[i].from += shift;
        if (bands[i].up_to != kUnbounded) bands[i].up_to += shift;
    }
    const std::string money = price.currency == "USD" ? "$" : price.currency + " ";
    bands.front().note = text.concat({"free tier: ", QuantityText(allowance.allowance), " ", allowance.unit,
                                      " a month valued at the Tier 1 price ", money, PriceText(p1), " (", money,
                                      PriceText(allowance.allowance * p1), ") = ", QuantityText(free), " ",
                                      allowance.unit, " at this region's ", money, PriceText(p)});
    return true;
}

}  // namespace costsim::detail
