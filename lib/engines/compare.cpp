// compare(): one workload on several offerings, in one currency, with break-even points.
#include <costsim/compare.hpp>
#include <costsim/regions.hpp>

#include "offerings/model_building.hpp"

#include <algorithm>
#include <iterator>

namespace costsim {

namespace {

/// Whether a model has a simulated component (its break-even is searched numerically).
bool simulated(const CostModel& m) {
    return std::any_of(m.components().begin(), m.components().end(), [](const Component& c) { return !c.exact(); });
}

}  // namespace

std::optional<ComparisonFlag> geography_flag(const std::vector<Offering>& offerings) {
    // Most comparisons are in one known geography: that is told without writing any text.
    std::optional<std::string_view> only;
    bool one_known = true;
    for (const Offering& o : offerings) {
        const std::optional<RegionPlace> place = region_place(o.provider(), o.region());
        if (!place || (only && *only != place->geography)) {
            one_known = false;
            break;
        }
        only = place->geography;
    }
    if (one_known) return std::nullopt;
    // Geographies in order of first appearance, each with "id in region (location)" of its offerings.
    struct Group {
        std::string geography;
        std::string members;
    };
    std::vector<Group> groups;
    for (const Offering& o : offerings) {
        const std::string region = o.region();
        const std::optional<RegionPlace> place = region_place(o.provider(), region);
        // A region without a known place may be anywhere: it stands for a geography of its own.
        const std::string geography =
            place ? std::string(place->geography) : "an unknown geography (" + o.provider() + " " + region + ")";
        const std::string member =
            o.effective_id() + " in " + region + (place ? " (" + std::string(place->location) + ")" : "");
        auto group =
            std::find_if(groups.begin(), groups.end(), [&](const Group& g) { return g.geography == geography; });
        if (group == groups.end())
            groups.push_back({geography, member});
        else
            group->members += ", " + member;
    }
    if (groups.size() < 2) return std::nullopt;
    std::string message = "the offerings are priced in different geographies: ";
    for (std::size_t i = 0; i < groups.size(); ++i)
        message += (i ? "; " : "") + groups[i].geography + ": " + groups[i].members;
    message += ". Prices differ by region: set every offering's region in one geography to compare like with like";
    return ComparisonFlag{"mixed_geographies", std::move(message)};
}

Comparison compare(const Workload& workload, const std::vector<Offering>& offerings, const Catalog& catalog,
                   const CurrencyOptions& currency, const TrafficRange& range) {
    currency.validate();
    range.validate("range.");
    if (offerings.empty() || offerings.size() > CompareLimits::max_offerings)
        throw InvalidInput("offerings", "1 to " + std::to_string(CompareLimits::max_offerings) + " offerings",
                           std::to_string(offerings.size()));
    workload.validate();
    std::vector<CostModel> models;
    std::vector<double> factors;
    models.reserve(offerings.size());
    factors.reserve(offerings.size());
    for (std::size_t i = 0; i < offerings.size(); ++i) {
        const std::string field = "offerings[" + std::to_string(i) + "].";
        // Validated even when parse_scenario did so: an Offering is a plain struct its caller may
        // change after parsing (the CLI's flags do), so nothing could prove it unchanged; the
        // fields' quick checks (FieldInfo::passes) keep this to ~1k instructions an offering.
        offerings[i].validate(field);
        // the models built so far carry the effective ids of the offerings before this one
        std::string id = offerings[i].effective_id();
        if (std::any_of(models.begin(), models.end(), [&](const CostModel& m) { return m.id() == id; }))
            throw InvalidInput(field + "id", "unique: \"" + id + "\" is used twice", 0);
        // workload and offering are validated above, with the fields named as the caller gave them
        models.push_back(
            CostModel::from_data(detail::build_data(workload, offerings[i], catalog, field, std::move(id))));
        factors.push_back(conversion_factor(models.back().currency(), currency));
    }
    Comparison c;
    c.currency = currency;
    c.range = range;
    double cheapest = 0;
    c.results.reserve(models.size());
    for (std::size_t i = 0; i < models.size(); ++i) {
        Bill b = models[i].bill();
        if (b.currency != currency.currency) b = convert(b, currency.currency, currency.jpy_per_usd);
        if (i == 0 || b.total < cheapest) {
            cheapest = b.total;
            c.cheapest_id = models[i].id();
        }
        c.results.push_back({std::move(b), 1.0, models[i].fleet_size(), models[i].usage_priced()});
    }
    for (ComparedOffering& r : c.results)
        r.relative_to_cheapest = cheapest > 0 ? r.bill.total / cheapest : (r.bill.total > 0 ? kUnbounded : 1.0);
    if (auto flag = geography_flag(offerings)) c.flags.push_back(std::move(*flag));
    // every (usage-priced, other) pair once: two usage-priced offerings pair in the order given
    for (std::size_t i = 0; i < models.size(); ++i) {
        if (!models[i].usage_priced()) continue;
        for (std::size_t j = 0; j < models.size(); ++j) {
            if (j == i || (models[j].usage_priced() && j < i)) continue;
            std::vector<BreakEven> points;
            try {
                points = find_break_even(models[i], factors[i], models[j], factors[j], range);
            } catch (const LimitExceeded& e) {
                // The bills stand; only the search over simulated costs is out of bounds. Other
                // limits (too many kinks or points) stay errors, as before.
                if (!simulated(models[i]) && !simulated(models[j])) throw;
                c.not_searched.emplace_back(models[i].id(), models[j].id());
                c.flags.push_back({"break_even_not_searched",
                                   e.what() + std::string("; both are priced, their break-even was not searched")});
                continue;
            }
            // where a fixed fleet of the pair runs out (a fixed count: the same at every traffic)
            double runs_out = kUnbounded;
            for (const std::size_t k : {i, j})
                if (const auto& fleet = c.results[k].fleet)
                    runs_out = std::min(runs_out, fleet->runs_out_at_requests_per_month);
            for (BreakEven& p : points) p.beyond_capacity = p.requests_per_month > runs_out;
            c.break_even.insert(c.break_even.end(), std::make_move_iterator(points.begin()),
                                std::make_move_iterator(points.end()));
        }
    }
    c.verdict = verdict_of(c);
    return c;
}

}  // namespace costsim
