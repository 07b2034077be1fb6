// What an import read, used and skipped: the counts and their one-line text.
#include <costsim/import_summary.hpp>

#include "core/validation.hpp"

namespace costsim {

void ImportSummary::skip(const std::string& reason) {
    ++skipped;
    for (auto& [r, n] : skipped_by_reason)
        if (r == reason) {
            ++n;
            return;
        }
    skipped_by_reason.emplace_back(reason, 1);
}

std::string to_string(const ImportSummary& s) {
    std::string out = detail::format_quantity(double(s.read)) + " " + s.unit + " read, " +
                      detail::format_quantity(double(s.used)) + " used, " + detail::format_quantity(double(s.skipped)) +
                      " skipped";
    if (!s.skipped_by_reason.empty()) {
        out += " (";
        for (std::size_t i = 0; i < s.skipped_by_reason.size(); ++i)
            out += (i ? "; " : "") + detail::format_quantity(double(s.skipped_by_reason[i].second)) + " " +
                   s.skipped_by_reason[i].first;
        out += ")";
    }
    return out;
}

}  // namespace costsim
