#pragma once
// Shared helpers for the per-offering builders (lambda_model.cpp, vm_model.cpp, ...).
#include <costsim/catalog.hpp>
#include <costsim/detail/cost_model_data.hpp>

#include "core/validation.hpp"  // format_quantity

#include <algorithm>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace costsim::detail {

/// format_quantity's text in a buffer of its own: for text assembled in a TextArena.
class QuantityText {
  public:
    explicit QuantityText(double v) noexcept;
    operator std::string_view() const noexcept { return {buf_, size_}; }

  private:
    char buf_[40];
    std::size_t size_ = 0;
};

/// A catalog id joined from parts on the stack, so a look-up allocates nothing: ids are short (a
/// region is at most 64 characters); a longer one is kept in a string.
class CatalogId {
  public:
    CatalogId(std::initializer_list<std::string_view> parts) {
        for (std::string_view p : parts) size_ += p.size();
        char* out = buf_;
        for (std::string_view p : parts) {
            if (size_ > sizeof buf_)
                long_.append(p);
            else
                out = std::copy(p.begin(), p.end(), out);
        }
    }
    operator std::string_view() const noexcept {
        return size_ > sizeof buf_ ? std::string_view(long_) : std::string_view(buf_, size_);
    }

  private:
    char buf_[128];
    std::size_t size_ = 0;
    std::string long_;
};

/// Bands for `name`: first the free `allowance` (if given, price 0), then `price`'s tiers shifted
/// up by the allowance, each unit price multiplied by `price_factor` (purchase discounts, from
/// `factor_entry` when given, whose confidence then also bounds the bands').
/// Tier names read "<name>, tier 2 (6,000,000,000 to 15,000,000,000 GB-second)". `name` and
/// `price_note` must be literals or live in `text`, which receives every other text of the bands.
std::vector<Band> make_bands(TextArena& text, std::string_view name, const PriceEntry& price,
                             const PriceEntry* allowance, double price_factor = 1.0, std::string_view price_note = {},
                             const PriceEntry* factor_entry = nullptr);

/// CostModel::build without validating: for engines that validated the workload and the offering
/// already (with their own field prefixes). Builders name the offering's fields relative to it
/// ("region", "capacity_rps"); build_data puts `offering_field` ("offerings[1].") in front of them,
/// in the error's field and at the start of its message. Workload fields ("workload.*") and
/// catalog entries (InvalidCatalog) keep their names.
CostModel::Data build_data(const Workload& workload, const Offering& offering, const Catalog& catalog,
                           std::string_view offering_field = {});
/// The same with the offering's effective id already made (compare checks it is unique first).
CostModel::Data build_data(const Workload& workload, const Offering& offering, const Catalog& catalog,
                           std::string_view offering_field, std::string effective_id);

/// An empty model with room for what a builder adds (8 components, 25 conventions: a fleet with
/// every option records a few more), so building rarely regrows the vectors.
CostModel::Data empty_data();

/// Data transfer out on AWS: GB = requests x response KiB x 1,024 x internet share / 2^30,
/// after the 100 GB monthly allowance when `free_tier`. Adds nothing when no bytes leave.
void add_aws_data_out(CostModel::Data& d, const Workload& w, const std::string& region, bool free_tier,
                      const Catalog& catalog);

/// Data transfer out for any provider (aws delegates to add_aws_data_out): same GB rule, priced on
/// "<provider>.data_transfer.<region>.internet_out" after the provider's free allowance when
/// `free_tier` (Sakura has none). Adds nothing when no bytes leave.
void add_data_out(CostModel::Data& d, const Workload& w, const std::string& provider, const std::string& region,
                  bool free_tier, const Catalog& catalog);

/// Refuses an entry priced in another currency than the bill's: one bill holds one currency. The
/// one check for every kind and fleet block (serverless_pricing.cpp). \throws InvalidCatalog naming the entry.
void require_same_currency(const CostModel::Data& d, const PriceEntry& e);

/// Cloud Run's free tier valued at Tier 1 prices (serverless_pricing.cpp): resizes the free band of
/// `bands` so a region priced p gets allowance x p1 / p free units. Returns whether it changed.
bool value_free_tier_at_tier1(TextArena& text, std::vector<Band>& bands, const PriceEntry& price,
                              const PriceEntry& allowance, const PriceEntry& tier1);

/// Conventions every model records: hours/seconds per month, size units, catalog as-of.
void add_common_conventions(CostModel::Data& d, const Catalog& catalog);

/// An affine component: quantity = clamp(per_request * R + fixed, lower, upper). `name` and `unit`
/// must be literals or live in the model's TextArena.
Component affine_component(std::string_view name, std::string_view unit, double per_request, double fixed,
                           std::vector<Band> bands);

/// A simulated component: quantity = curve at R (per_request 1). Same lifetime rule for the texts.
Component simulated_component(std::string_view name, std::string_view unit, std::shared_ptr<const QuantityCurve> curve,
                              std::vector<Band> bands);

}  // namespace costsim::detail
