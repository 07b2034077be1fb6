// Purchase discounts: on-demand, 1yr/3yr reservations (published per-type rates, upfront payment
// amortised over the term) and spot, with the flat fallback discount flagged as an approximation.
#include "offerings/fleet/fleet_blocks.hpp"

namespace costsim::detail::fleet {

namespace {

/// "$0.0104" / "JPY 1,595" style for notes.
std::string money(double v, const std::string& currency) {
    return (currency == "USD" ? "$" : currency + " ") + format_quantity(v);
}

}  // namespace

// A 1yr/3yr reservation is priced at the instance's published rate
// "<instance entry id>.reserved.<term>.<payment>" when the catalog has one: its hourly rate on the
// instance-hours, its upfront payment / term months as a line of its own (add_reserved_upfront).
// Without one, and for spot, a flat fraction off on-demand (aws.ec2.global.purchase.*).
PurchasePrice price_purchase(CostModel::Data& d, const Catalog& catalog, const PriceEntry& instance,
                             PurchaseOption option, ReservedPayment payment, std::string_view region) {
    PurchasePrice p;
    p.option = option;
    p.payment = payment;
    const std::string_view purchase = to_string(option);
    const std::string_view payment_text = to_string(payment);
    const CatalogId reserved_id{instance.id, ".reserved.", purchase, ".", payment_text};
    p.reserved = p.reservation() ? catalog.find(reserved_id) : nullptr;
    if (p.reserved && !p.reserved->reserved) p.reserved = nullptr;  // an id without reserved terms is no rate
    if (p.reserved) require_same_currency(d, *p.reserved);
    if (option != PurchaseOption::on_demand && !p.reserved) {
        if (payment != ReservedPayment::no_upfront)
            throw PriceNotFound("payment", "no published " + std::string(payment_text) + " " + std::string(purchase) +
                                               " rate for " + instance.instance->name + " in " + std::string(region) +
                                               " in the catalog (" + std::string(std::string_view(reserved_id)) +
                                               "); the flat fallback discount stands for no_upfront only");
        p.discount_entry = &catalog.at(CatalogId{"aws.ec2.global.purchase.", purchase}, "purchase");
        p.discount = p.discount_entry->discount;
    }
    p.on_demand = instance.flat_price();
    p.unit_price = p.reserved ? p.reserved->flat_price() : p.on_demand * (1.0 - p.discount);

    // "1yr partial upfront" in line names; "1yr", "spot", "on-demand" otherwise.
    const std::string_view payment_words = payment == ReservedPayment::no_upfront        ? " no upfront"
                                           : payment == ReservedPayment::partial_upfront ? " partial upfront"
                                                                                         : " all upfront";
    p.label = p.reservation() ? d.text.concat({purchase, payment_words}) : purchase;
    const std::string& currency = instance.currency;
    if (p.reserved) {
        p.note =
            d.text.concat({"reserved rate ", money(p.unit_price, currency), " per hour (Standard RI, ", p.label,
                           payment == ReservedPayment::all_upfront ? "; the upfront payment covers every hour" : "",
                           "; on-demand ", money(p.on_demand, currency), ")"});
    } else if (p.discount_entry) {
        const QuantityText percent(p.discount * 100.0);
        p.note = d.text.concat({"on-demand ", money(p.on_demand, currency), " per ", instance.unit, " less ", percent,
                                " % (", purchase, ", ", p.discount_entry->id,
                                "): approximation, no published rate in catalog"});
        p.approximation =
            option == PurchaseOption::spot
                ? d.text.concat({"approximation: flat ", percent, " % spot discount (", p.discount_entry->id,
                                 "); spot is a market price that varies by type, zone and hour"})
                : d.text.concat({"approximation: flat ", percent, " % discount (", p.discount_entry->id,
                                 "), no published ", purchase, " rate in catalog for ", instance.instance->name, " in ",
                                 region});
    } else {
        p.note = d.text.concat({purchase, " ", money(p.on_demand, currency), " per ", instance.unit});
    }
    return p;
}

std::vector<Band> purchase_bands(TextArena& text, std::string_view name, const PriceEntry& instance,
                                 const PurchasePrice& price) {
    if (price.reserved) return make_bands(text, name, *price.reserved, nullptr, 1.0, price.note);
    return make_bands(text, name, instance, nullptr, 1.0 - price.discount, price.note, price.discount_entry);
}

void add_reserved_upfront(CostModel::Data& d, const PurchasePrice& price, std::string_view instance_name,
                          const FleetSegment& instances) {
    FleetSegment one = instances;
    one.hours = 1.0;
    add_reserved_upfront(d, price, instance_name, InstanceHours::one_segment(one), 1.0);
}

void add_reserved_upfront(CostModel::Data& d, const PurchasePrice& price, std::string_view instance_name,
                          const InstanceHours& hours, double run_hours) {
    if (!price.reserved || price.reserved->reserved->upfront <= 0) return;
    const ReservedTerms& terms = *price.reserved->reserved;
    const double months = terms.months();
    const std::string_view name =
        d.text.concat({"Reserved upfront payment, amortised (", instance_name, ", ", price.label, ")"});
    const Band band{0.0,
                    kUnbounded,
                    terms.upfront / months,
                    name,
                    d.text.store(price.reserved->id),
                    d.text.concat({"upfront ", money(terms.upfront, price.reserved->currency), " per instance / ",
                                   QuantityText(months), " months"}),
                    price.reserved->confidence};
    // one instance-month per reserved instance: instance-hours / run hours (the mean count)
    d.components.push_back(fleet_component(name, "instance-month", hours, 1.0 / run_hours, {band}));
}

void add_purchase_conventions(CostModel::Data& d, const PurchasePrice& price, double hours_per_month) {
    d.conventions.push_back({"purchase_option", 0.0, to_string(price.option)});
    if (price.reservation()) {
        d.conventions.push_back({"purchase_payment", 0.0, to_string(price.payment)});
        d.conventions.push_back({"purchase_rate", 0.0,
                                 price.reserved ? d.text.concat({"published reserved rate ", price.reserved->id})
                                                : d.text.concat({"flat fallback ", price.discount_entry->id})});
        if (price.reserved && price.reserved->reserved->upfront > 0) {
            d.conventions.push_back({"reserved_upfront_per_instance", price.reserved->reserved->upfront, {}});
            d.conventions.push_back({"reserved_term_months", double(price.reserved->reserved->months()), {}});
        }
        if (hours_per_month < kHoursPerMonth)
            d.conventions.push_back({"reservation_hours", 0.0,
                                     "a reservation is billed for every hour of its term; this bill counts the "
                                     "hours_per_month run only"});
    }
    d.conventions.push_back({"unit_price_after_discount", price.unit_price, {}});
}

}  // namespace costsim::detail::fleet
