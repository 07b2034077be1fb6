#include <costsim/bill.hpp>
#include <costsim/error.hpp>

#include "core/validation.hpp"

namespace costsim {

const Convention* Bill::convention(std::string_view name) const noexcept {
    for (const Convention& c : conventions)
        if (c.name == name) return &c;
    return nullptr;
}

OwnedLineItem::OwnedLineItem(const LineItem& item)
    : name(item.name),
      unit(item.unit),
      quantity(item.quantity),
      unit_price(item.unit_price),
      cost(item.cost),
      price_id(item.price_id),
      note(item.note),
      confidence(item.confidence) {}

std::vector<OwnedLineItem> owned_line_items(const Bill& bill) {
    return {bill.line_items.begin(), bill.line_items.end()};
}

Bill convert(const Bill& bill, std::string_view to, double jpy_per_usd) {
    detail::require_range_open_low(jpy_per_usd, 0, 10000, "jpy_per_usd");
    if (to != "USD" && to != "JPY") throw InvalidInput("currency", "USD or JPY", "\"" + std::string(to) + "\"");
    Bill out = bill;
    if (bill.currency == to) return out;
    const double rate = to == "JPY" ? jpy_per_usd : 1.0 / jpy_per_usd;
    out.currency = to == "JPY" ? std::string_view("JPY") : std::string_view("USD");
    out.total = 0.0;
    for (LineItem& item : out.line_items) {
        item.unit_price *= rate;
        item.cost = item.quantity * item.unit_price;
        out.total += item.cost;
    }
    out.conventions.push_back({"converted_from", 0.0, bill.currency == "JPY" ? "JPY" : "USD"});
    out.conventions.push_back({"jpy_per_usd", jpy_per_usd, {}});
    return out;
}

}  // namespace costsim
