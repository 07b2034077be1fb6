#pragma once
// Helpers shared by the unit tests: line-item lookups, the bill invariants, validation fields.
#include <costsim/bill.hpp>
#include <costsim/error.hpp>
#include <costsim/offering.hpp>
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace test {

/// The text of tests/data/<path>, read whole.
inline std::string data_file(const std::string& path) {
    std::ifstream file(std::string(COSTSIM_TEST_DATA_DIR) + "/" + path, std::ios::binary);
    REQUIRE_MESSAGE(file.good(), path);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

/// The message of the costsim::Error `f` throws, "" when it throws none.
template <class F>
std::string error_of(F f) {
    try {
        f();
    } catch (const costsim::Error& e) {
        return e.what();
    }
    return "";
}

/// The field `offering.validate(prefix)` names as invalid, or "(valid)".
inline std::string invalid_field(const costsim::Offering& offering, const std::string& prefix = "") {
    try {
        offering.validate(prefix);
    } catch (const costsim::InvalidInput& e) {
        return e.field();
    }
    return "(valid)";
}

/// The line item named exactly `name`, or nullptr.
inline const costsim::LineItem* find_line(const costsim::Bill& b, std::string_view name) {
    for (const auto& item : b.line_items)
        if (item.name == name) return &item;
    return nullptr;
}

/// Sum of the cost of the line items whose name starts with `prefix`.
inline double cost_of(const costsim::Bill& b, std::string_view prefix) {
    double sum = 0;
    for (const auto& item : b.line_items)
        if (item.name.substr(0, prefix.size()) == prefix) sum += item.cost;
    return sum;
}

/// Quantity of the line item named exactly `name` (NaN when absent, so checks fail).
inline double quantity_of(const costsim::Bill& b, std::string_view name) {
    const costsim::LineItem* item = find_line(b, name);
    return item ? item->quantity : std::nan("");
}

/// Sum of the quantity of the line items whose name starts with `prefix`.
inline double quantity_with_prefix(const costsim::Bill& b, std::string_view prefix) {
    double sum = 0;
    for (const auto& item : b.line_items)
        if (item.name.substr(0, prefix.size()) == prefix) sum += item.quantity;
    return sum;
}

/// cost = quantity x unit price on every line; total = sum of the lines.
inline void check_invariants(const costsim::Bill& b) {
    double sum = 0;
    for (const auto& item : b.line_items) {
        CHECK(item.cost == doctest::Approx(item.quantity * item.unit_price).epsilon(1e-12));
        CHECK(item.quantity >= 0);
        sum += item.cost;
    }
    CHECK(b.total == doctest::Approx(sum).epsilon(1e-12));
}

}  // namespace test
