#pragma once
/// A bill: line items (quantity x unit price = cost), their sum, and the conventions used, so a
/// reader can recompute every figure by hand.

#include <costsim/confidence.hpp>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace costsim {

/// One billed quantity at one unit price. `cost == quantity * unit_price` always.
/// Text fields view strings owned by the bill: a LineItem is valid only while its Bill (or a copy
/// of the Bill) lives. To keep items beyond the bill (batch or Monte Carlo runs collecting items
/// from many bills), copy them as OwnedLineItem. Views, so that making a bill copies no text.
struct LineItem {
    std::string_view name;  ///< "Duration (x86_64), 0 to 6,000,000,000 GB-s"
    std::string_view unit;  ///< "GB-second", "request", "hour", "GB"
    double quantity = 0.0;
    double unit_price = 0.0;  ///< in the bill's currency
    double cost = 0.0;
    std::string_view price_id;  ///< catalog entry the unit price came from
    std::string_view note;      ///< e.g. "free tier", "on-demand less 38 % (1yr)"
    /// The catalog confidence of the price: the weakest of the entries behind it (a discounted
    /// instance price is as weak as the weaker of the instance and the discount entry).
    Confidence confidence = Confidence::unverified;
};

/// A LineItem that owns its text, so it outlives the bill it came from.
struct OwnedLineItem {
    std::string name;
    std::string unit;
    double quantity = 0.0;
    double unit_price = 0.0;
    double cost = 0.0;
    std::string price_id;
    std::string note;
    Confidence confidence = Confidence::unverified;

    OwnedLineItem() = default;
    explicit OwnedLineItem(const LineItem& item);
};

/// A convention or intermediate quantity the bill used: hours_per_month = 730,
/// billed_duration_ms = 101, instances = 3, catalog_as_of = "2026-11-22", ...
struct Convention {
    std::string_view name;
    double value = 0.0;     ///< numeric value, when `text` is empty
    std::string_view text;  ///< textual value, when not empty
};

/// Something a user must know about this result (one-instance fleet, burst above baseline, ...).
struct Flag {
    std::string_view code;  ///< stable: "single_instance", "above_baseline", "unverified_price", ...
    std::string_view message;
};

/// A per-interval figure of a bill under a traffic profile (instances running, concurrency,
/// throttled requests), over the profile's period. Compact: at most kMaxPoints values; when the
/// profile has more intervals, each value covers several, combined as `aggregation` says.
struct BillSeries {
    static constexpr std::size_t kMaxPoints = 10080;  ///< a week per minute
    std::string_view name;                            ///< "instances", "concurrency", "throttled_requests", ...
    std::string_view unit;                            ///< "instance", "environment", "request"
    std::string_view aggregation = "max";             ///< "max" | "mean" | "sum" over the intervals a value covers
    double interval_s = 0.0;                          ///< of each value
    std::vector<double> values;
};

/// An itemised monthly bill for one offering at one traffic level.
struct Bill {
    std::string_view offering_id;
    std::string_view kind;      ///< "lambda" | "vm" | "cloud_run" | "azure_functions"
    std::string_view region;    ///< where the offering runs: "us-east-1", "asia-northeast1", ...
    std::string_view currency;  ///< "USD" | "JPY"
    double requests_per_month = 0.0;
    std::vector<LineItem> line_items;
    std::vector<Convention> conventions;
    std::vector<Flag> flags;
    std::vector<BillSeries> series;  ///< under a traffic profile only
    double total = 0.0;              ///< sum of line_items[].cost
    /// Keeps the strings the views point into alive (the cost model's data).
    std::shared_ptr<const void> owner;

    /// The convention named `name`, or nullptr.
    [[nodiscard]] const Convention* convention(std::string_view name) const noexcept;
};

/// Copies of a bill's line items, in order, that stay valid after the bill is gone.
std::vector<OwnedLineItem> owned_line_items(const Bill& bill);

/// An explicit currency conversion: every unit price and cost is multiplied by the rate from
/// `from` to `to`, and the bill records `jpy_per_usd`. Same currency: returns a copy.
/// \throws InvalidInput if a currency is not USD or JPY or the rate is not in (0, 10,000].
Bill convert(const Bill& bill, std::string_view to_currency, double jpy_per_usd);

}  // namespace costsim
