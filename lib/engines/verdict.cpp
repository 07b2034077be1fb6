// verdict_of(): the parts of a comparison's one-line verdict, decided once for every front end.
#include <costsim/compare.hpp>

#include <algorithm>
#include <cmath>

namespace costsim {

const char* to_string(Verdict::Standing s) noexcept {
    switch (s) {
        case Verdict::Standing::single: return "single";
        case Verdict::Standing::cheaper: return "cheaper";
        case Verdict::Standing::tie: return "tie";
        case Verdict::Standing::cheapest_free: return "cheapest_free";
    }
    return "single";
}

const char* to_string(VerdictBreakEven::Story s) noexcept {
    switch (s) {
        case VerdictBreakEven::Story::none: return "none";
        case VerdictBreakEven::Story::one_change: return "one_change";
        case VerdictBreakEven::Story::several_changes: return "several_changes";
        case VerdictBreakEven::Story::tie: return "tie";
    }
    return "none";
}

namespace {

/// The index of the least relative cost among the results `eligible` admits; the first given wins
/// among equals; results.size() when none is eligible.
template <class Eligible>
std::size_t least_of(const std::vector<ComparedOffering>& results, Eligible eligible) {
    std::size_t best = results.size();
    for (std::size_t i = 0; i < results.size(); ++i)
        if (eligible(results[i]) &&
            (best == results.size() || results[i].relative_to_cheapest < results[best].relative_to_cheapest))
            best = i;
    return best;
}

/// The story of the points between `a` and `b`. One change is told when its lower side is known;
/// else the last stretch of equal cost; else the range searched.
VerdictBreakEven story_of(const Comparison& c, const std::string& a, const std::string& b) {
    std::vector<const BreakEven*> changes, ties;
    for (const BreakEven& p : c.break_even) {
        const bool pair = (p.serverless_id == a && p.other_id == b) || (p.serverless_id == b && p.other_id == a);
        if (pair) (p.kind == BreakEven::Kind::tie ? ties : changes).push_back(&p);
    }
    VerdictBreakEven s;
    s.changes = changes.size();
    if (changes.size() == 1 && !changes.front()->cheaper_below.empty()) {
        const BreakEven& p = *changes.front();
        s.story = VerdictBreakEven::Story::one_change;
        s.from_requests_per_month = s.to_requests_per_month = p.requests_per_month;
        s.from_requests_per_second = s.to_requests_per_second = p.requests_per_second;
        s.cheaper_below = p.cheaper_below;
        s.cheaper_above = p.cheaper_above;
        s.beyond_capacity = p.beyond_capacity;
    } else if (changes.size() > 1) {
        s.story = VerdictBreakEven::Story::several_changes;
        s.from_requests_per_month = changes.front()->requests_per_month;
        s.from_requests_per_second = changes.front()->requests_per_second;
        s.to_requests_per_month = changes.back()->requests_per_month;
        s.to_requests_per_second = changes.back()->requests_per_second;
        s.beyond_capacity = changes.back()->beyond_capacity;
    } else if (!ties.empty()) {
        const BreakEven& p = *ties.back();
        s.story = VerdictBreakEven::Story::tie;
        s.from_requests_per_month = p.requests_per_month;
        s.from_requests_per_second = p.requests_per_second;
        s.to_requests_per_month = p.until_requests_per_month;
        s.to_requests_per_second = p.until_requests_per_month / kSecondsPerMonth;
        s.cheaper_above = p.cheaper_above;
    } else {
        s.from_requests_per_month = c.range.from_rps * kSecondsPerMonth;
        s.from_requests_per_second = c.range.from_rps;
        s.to_requests_per_month = c.range.to_rps * kSecondsPerMonth;
        s.to_requests_per_second = c.range.to_rps;
    }
    return s;
}

}  // namespace

Verdict verdict_of(const Comparison& c) {
    Verdict v;
    for (const ComparedOffering& r : c.results)
        if (r.fleet && r.fleet->fixed_count) v.fixed_fleets.push_back(*r.fleet);
    if (c.results.empty()) return v;
    const auto named = std::find_if(c.results.begin(), c.results.end(),
                                    [&](const ComparedOffering& r) { return r.bill.offering_id == c.cheapest_id; });
    const ComparedOffering& cheapest = named != c.results.end() ? *named : c.results.front();
    v.cheapest_id = std::string(cheapest.bill.offering_id);
    if (c.results.size() == 1) return v;

    // The question a comparison answers is per use against per capacity: the cheapest is measured
    // against the cheapest of the other billing, if any, else against the runner-up.
    const auto other = [&](const ComparedOffering& r) { return r.bill.offering_id != v.cheapest_id; };
    std::size_t rival = least_of(
        c.results, [&](const ComparedOffering& r) { return other(r) && r.usage_priced != cheapest.usage_priced; });
    if (rival == c.results.size()) rival = least_of(c.results, other);
    if (rival == c.results.size()) return v;  // every result has the cheapest's id
    const ComparedOffering& r = c.results[rival];
    v.rival_id = std::string(r.bill.offering_id);
    v.rival_relative_to_cheapest = r.relative_to_cheapest;
    v.standing = !std::isfinite(r.relative_to_cheapest) ? Verdict::Standing::cheapest_free
                 : r.relative_to_cheapest == 1.0        ? Verdict::Standing::tie
                                                        : Verdict::Standing::cheaper;
    for (const auto& [a, b] : c.not_searched)
        if ((a == v.cheapest_id && b == v.rival_id) || (a == v.rival_id && b == v.cheapest_id)) return v;
    v.break_even = story_of(c, v.cheapest_id, v.rival_id);
    return v;
}

}  // namespace costsim
