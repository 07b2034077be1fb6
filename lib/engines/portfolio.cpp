// A portfolio priced as one account: same-priced components summed across workloads, the shared
// free allowance credited once, volume tiers applied once, a shared load balancer charged once,
// and the total allocated back to the workloads. Design/pricing-model.md#portfolio.
#include <costsim/portfolio.hpp>

#include <costsim/cost_model.hpp>
#include <costsim/error.hpp>

#include "core/validation.hpp"  // format_quantity

#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <utility>

namespace costsim {

namespace {

std::string workload_field(std::size_t i) { return "workloads[" + std::to_string(i) + "]"; }
std::string placement_field(std::size_t j) { return "placements[" + std::to_string(j) + "]"; }

void check_id(const std::string& id, const std::string& field) {
    if (id.empty()) throw InvalidInput(field, "a non-empty id", "\"\"");
    if (id.size() > PortfolioLimits::max_id_length)
        throw InvalidInput(field, "at most " + std::to_string(PortfolioLimits::max_id_length) + " characters",
                           std::to_string(id.size()) + " characters");
}

/// One priced unit: an offering and the workloads on it (one, or a shared placement's several).
struct Unit {
    std::string runs_on;
    const Offering* offering = nullptr;
    std::string offering_field;        ///< "workloads[2].offering." or "placements[0].offering."
    std::vector<std::size_t> members;  ///< indexes into the portfolio's workloads
    std::string load_balancer;
};

/// A shared load balancer's components, charged once per group: its hours and its addresses
/// (lib/offerings/fleet/load_balancer.cpp names them). LCU-hours are usage and are summed.
bool load_balancer_fixed(std::string_view component_name) {
    return component_name.starts_with("Application Load Balancer hours") ||
           component_name.starts_with("Public IPv4 addresses (load balancer");
}

/// A component's paid bands relative to the end of its free allowance, and the allowance.
struct PriceShape {
    std::string allowance_id;
    double allowance = 0.0;
    Confidence allowance_confidence = Confidence::unverified;
    struct Paid {
        double from, up_to, unit_price;
        std::string name, price_id, note;
        Confidence confidence;
    };
    std::vector<Paid> paid;
};

PriceShape shape_of(const Component& c) {
    PriceShape s;
    std::size_t first_paid = 0;
    if (c.bands.size() > 1 && c.bands.front().unit_price == 0.0 && c.bands.front().from == 0.0 &&
        c.bands.front().name.ends_with(", free tier")) {
        s.allowance_id = std::string(c.bands.front().price_id);
        s.allowance = c.bands.front().up_to;
        s.allowance_confidence = c.bands.front().confidence;
        first_paid = 1;
    }
    for (std::size_t b = first_paid; b < c.bands.size(); ++b) {
        const Band& band = c.bands[b];
        s.paid.push_back({band.from - s.allowance, band.up_to == kUnbounded ? kUnbounded : band.up_to - s.allowance,
                          band.unit_price, std::string(band.name), std::string(band.price_id), std::string(band.note),
                          band.confidence});
    }
    return s;
}

/// The pool key: components priced alike (same name, unit, paid bands) share one set of tiers.
std::string key_of(const Component& c, const PriceShape& s, const std::string& lb_group) {
    std::string key(c.name);
    key += '|';
    key += c.unit;
    for (const auto& p : s.paid) {
        key += '|';
        key += p.price_id;
        key += '@';
        key += std::to_string(p.unit_price);
        key += '<';
        key += std::to_string(p.up_to);
    }
    if (!lb_group.empty() && load_balancer_fixed(c.name)) key += "|lb:" + lb_group;
    return key;
}

struct Member {
    std::size_t unit;
    std::size_t workload;
    double quantity;
    bool free_eligible;
};

struct PoolWork {
    PortfolioPool pool;
    PriceShape shape;
    std::vector<Member> members;
    double eligible = 0.0;
};

/// A member's share of a shared unit's component: data out by its bytes out, anything else by its
/// work (requests x CPU ms when given, else x duration ms).
double member_weight(const Workload& w, std::string_view component_name) {
    if (component_name.starts_with("Data transfer out"))
        return w.requests_per_month * w.response_kb * (w.internet_percent / 100.0) + w.data_out_gb_per_month * 1e6;
    const double per_request = w.cpu_ms_per_request > 0 ? w.cpu_ms_per_request : w.duration_ms;
    return w.requests_per_month * per_request;
}

/// Prices `units` as one account.
PortfolioBill price_units(const std::string& name, const Portfolio& p, const std::vector<Unit>& units,
                          const Catalog& catalog) {
    PortfolioBill bill;
    bill.name = name;
    std::map<std::string, PoolWork> pools;  // ordered by key: deterministic output
    std::vector<std::string> order;         // first-seen order, for the report
    std::vector<double> standalone(p.workloads.size(), 0.0);
    std::vector<std::string> runs_on(p.workloads.size());
    for (std::size_t u = 0; u < units.size(); ++u) {
        const Unit& unit = units[u];
        std::vector<const Workload*> ws;
        std::vector<std::string> fields;
        for (std::size_t m : unit.members) {
            ws.push_back(&p.workloads[m].workload);
            fields.push_back(workload_field(m));
            runs_on[m] = unit.runs_on;
        }
        const Workload w = ws.size() == 1 ? *ws.front() : combined_workload(ws, fields);
        const CostModel model = CostModel::build(w, *unit.offering, catalog, unit.offering_field);
        if (bill.currency.empty()) bill.currency = model.currency();
        if (model.currency() != bill.currency)
            throw InvalidInput(unit.offering_field + "region",
                               unit.offering_field +
                                   "region: one currency in a portfolio: this offering is priced in " +
                                   model.currency() + ", an earlier one in " + bill.currency,
                               0);
        const double r = model.workload_requests_per_month();
        // Each member alone on the same offering: the figure a comparison would show.
        for (std::size_t m : unit.members)
            standalone[m] = unit.members.size() == 1 ? model.total(r)
                                                     : CostModel::build(p.workloads[m].workload, *unit.offering,
                                                                        catalog, unit.offering_field)
                                                           .total(p.workloads[m].workload.requests_per_month);
        for (const Component& c : model.components()) {
            const double q = c.quantity(r);
            PriceShape shape = shape_of(c);
            const std::string key = key_of(c, shape, unit.load_balancer);
            auto [it, inserted] = pools.try_emplace(key);
            PoolWork& pool = it->second;
            if (inserted) {
                pool.pool.name = std::string(c.name);
                pool.pool.unit = std::string(c.unit);
                pool.pool.shared_resource = key.find("|lb:") != std::string::npos;
                pool.shape = std::move(shape);
                order.push_back(key);
            } else if (!shape.allowance_id.empty() && pool.shape.allowance_id.empty()) {
                pool.shape.allowance_id = shape.allowance_id;
                pool.shape.allowance = shape.allowance;
                pool.shape.allowance_confidence = shape.allowance_confidence;
            }
            const bool eligible = !shape_of(c).allowance_id.empty();
            // Split the unit's quantity among its members.
            double total_weight = 0.0;
            for (std::size_t m : unit.members) total_weight += member_weight(p.workloads[m].workload, c.name);
            for (std::size_t m : unit.members) {
                const double share = total_weight > 0 ? member_weight(p.workloads[m].workload, c.name) / total_weight
                                                      : 1.0 / double(unit.members.size());
                pool.members.push_back({u, m, q * share, eligible});
                if (eligible) pool.eligible += q * share;
            }
        }
    }

    // Summed quantities; a shared load balancer's hours are those of one balancer (the longest).
    for (auto& [key, pool] : pools) {
        if (pool.pool.shared_resource) {
            // The members of one fleet split its hours; the balancer runs as long as the longest fleet.
            double most = 0.0;
            std::map<std::size_t, double> per_fleet;
            for (const Member& m : pool.members) per_fleet[m.unit] += m.quantity;
            for (const auto& [fleet, q] : per_fleet) most = std::max(most, q);
            pool.pool.quantity = most;
            if (pool.eligible > most) pool.eligible = most;
        } else {
            for (const Member& m : pool.members) pool.pool.quantity += m.quantity;
        }
    }

    // Shared allowances: credited to the pools that can use them, the highest first paid price
    // first (the most the account can save; AWS does not say how it splits one allowance between
    // x86 and Arm), then by key.
    std::map<std::string, std::vector<PoolWork*>> by_allowance;
    for (auto& [key, pool] : pools)
        if (!pool.shape.allowance_id.empty()) by_allowance[pool.shape.allowance_id].push_back(&pool);
    for (auto& [id, list] : by_allowance) {
        std::stable_sort(list.begin(), list.end(), [](const PoolWork* a, const PoolWork* b) {
            const double pa = a->shape.paid.empty() ? 0.0 : a->shape.paid.front().unit_price;
            const double pb = b->shape.paid.empty() ? 0.0 : b->shape.paid.front().unit_price;
            return pa > pb;
        });
        double left = 0.0;
        for (const PoolWork* pool : list) left = std::max(left, pool->shape.allowance);
        for (PoolWork* pool : list) {
            pool->pool.free_quantity = std::min(left, pool->eligible);
            pool->pool.allowance_id = id;
            left -= pool->pool.free_quantity;
        }
    }

    // Each pool priced once: the free credit, then the tiers on the rest.
    for (const std::string& key : order) {
        PoolWork& work = pools.at(key);
        PortfolioPool& pool = work.pool;
        if (!pool.allowance_id.empty()) {
            OwnedLineItem free;
            free.name = pool.name + ", free tier (shared by the account)";
            free.unit = pool.unit;
            free.quantity = pool.free_quantity;
            free.price_id = pool.allowance_id;
            free.note = "the account's one monthly allowance of " + detail::format_quantity(work.shape.allowance) +
                        " " + pool.unit;
            free.confidence = work.shape.allowance_confidence;
            pool.line_items.push_back(std::move(free));
        }
        const double paid = pool.quantity - pool.free_quantity;
        bool any = false;
        for (const auto& band : work.shape.paid) {
            const double in_band = std::max(0.0, std::min(paid, band.up_to) - band.from);
            if (in_band == 0.0 && any) break;
            OwnedLineItem item;
            item.name = band.name;
            item.unit = pool.unit;
            item.quantity = in_band;
            item.unit_price = band.unit_price;
            item.cost = in_band * band.unit_price;
            item.price_id = band.price_id;
            item.note = pool.shared_resource ? "one load balancer for the fleets that share it" : band.note;
            item.confidence = band.confidence;
            pool.cost += item.cost;
            pool.line_items.push_back(std::move(item));
            any = true;
            if (paid <= band.up_to) break;
        }
        bill.total += pool.cost;
    }

    // Allocation: a pool's cost pro rata of each member's chargeable quantity (its quantity less
    // its share of the free credit, shared among the members entitled to it).
    bill.allocations.resize(p.workloads.size());
    std::set<std::size_t> placed;
    for (const Unit& unit : units)
        for (std::size_t m : unit.members) placed.insert(m);
    for (std::size_t m : placed) {
        bill.allocations[m].workload_id = p.workloads[m].id;
        bill.allocations[m].runs_on = runs_on[m];
        bill.allocations[m].standalone_total = standalone[m];
        bill.standalone_sum += standalone[m];
    }
    for (const std::string& key : order) {
        PoolWork& work = pools.at(key);
        const PortfolioPool& pool = work.pool;
        std::map<std::size_t, std::pair<double, double>> per_workload;  // quantity, chargeable
        double chargeable_sum = 0.0;
        const double scale = pool.shared_resource ? 0.0 : 1.0;
        double raw_sum = 0.0;
        for (const Member& m : work.members) raw_sum += m.quantity;
        for (const Member& m : work.members) {
            double chargeable = m.quantity;
            if (m.free_eligible && work.eligible > 0 && scale > 0)
                chargeable -= pool.free_quantity * m.quantity / work.eligible;
            auto& [q, ch] = per_workload[m.workload];
            q += m.quantity;
            ch += chargeable;
            chargeable_sum += chargeable;
        }
        std::size_t left = per_workload.size();
        double allocated = 0.0;
        for (const auto& [w, figures] : per_workload) {
            const auto [q, ch] = figures;
            // The last takes the remainder, so the allocations sum to the pool's cost exactly.
            double cost = --left == 0 ? pool.cost - allocated
                                      : (chargeable_sum > 0 ? pool.cost * ch / chargeable_sum
                                                            : (raw_sum > 0 ? pool.cost * q / raw_sum : 0.0));
            allocated += cost;
            OwnedLineItem item;
            item.name = pool.name;
            item.unit = pool.unit;
            item.quantity = q;
            item.unit_price = q > 0 ? cost / q : 0.0;
            item.cost = cost;
            item.price_id = pool.line_items.empty() ? std::string() : pool.line_items.back().price_id;
            item.note = "blended: pool cost x this workload's chargeable share";
            item.confidence = pool.line_items.empty() ? Confidence::verified : pool.line_items.back().confidence;
            bill.allocations[w].line_items.push_back(std::move(item));
            bill.allocations[w].total += cost;
        }
    }
    for (const std::string& key : order) bill.pools.push_back(std::move(pools.at(key).pool));
    return bill;
}

std::vector<Unit> units_as_placed(const Portfolio& p) {
    std::vector<Unit> units;
    std::map<std::string, std::size_t> placement_unit;
    for (std::size_t j = 0; j < p.placements.size(); ++j) {
        const SharedPlacement& s = p.placements[j];
        placement_unit[s.id] = units.size();
        units.push_back({s.id, &s.offering, placement_field(j) + ".offering.", {}, s.load_balancer});
    }
    for (std::size_t i = 0; i < p.workloads.size(); ++i) {
        const PortfolioWorkload& w = p.workloads[i];
        if (w.offering)
            units.push_back(
                {w.offering->effective_id(), &*w.offering, workload_field(i) + ".offering.", {i}, w.load_balancer});
        else
            units[placement_unit.at(w.placement)].members.push_back(i);
    }
    return units;
}

}  // namespace

void Portfolio::validate() const {
    if (workloads.empty() || workloads.size() > PortfolioLimits::max_workloads)
        throw InvalidInput("workloads",
                           "an array of 1 to " + std::to_string(PortfolioLimits::max_workloads) + " workloads",
                           std::to_string(workloads.size()) + " workloads");
    if (placements.size() > PortfolioLimits::max_placements)
        throw InvalidInput("placements",
                           "an array of at most " + std::to_string(PortfolioLimits::max_placements) + " placements",
                           std::to_string(placements.size()) + " placements");
    std::set<std::string> placement_ids;
    for (std::size_t j = 0; j < placements.size(); ++j) {
        check_id(placements[j].id, placement_field(j) + ".id");
        if (!placement_ids.insert(placements[j].id).second)
            throw InvalidInput(placement_field(j) + ".id",
                               placement_field(j) + ".id must be unique: \"" + placements[j].id + "\" is used twice",
                               0);
        placements[j].offering.validate(placement_field(j) + ".offering.");
        if (!placements[j].load_balancer.empty())
            check_id(placements[j].load_balancer, placement_field(j) + ".load_balancer");
    }
    std::set<std::string> ids, used;
    for (std::size_t i = 0; i < workloads.size(); ++i) {
        const PortfolioWorkload& w = workloads[i];
        const std::string field = workload_field(i);
        check_id(w.id, field + ".id");
        if (!ids.insert(w.id).second)
            throw InvalidInput(field + ".id", field + ".id must be unique: \"" + w.id + "\" is used twice", 0);
        w.workload.validate(field + ".workload.");
        if (w.offering && !w.placement.empty())
            throw InvalidInput(field + ".placement", field + ": give offering or placement, not both", 0);
        if (!w.offering && w.placement.empty())
            throw InvalidInput(field + ".offering", field + ".offering or " + field + ".placement is required", 0);
        if (w.offering) w.offering->validate(field + ".offering.");
        if (!w.placement.empty()) {
            if (!placement_ids.count(w.placement))
                throw InvalidInput(field + ".placement", "the id of one of placements[]", "\"" + w.placement + "\"");
            used.insert(w.placement);
        }
        if (!w.load_balancer.empty()) {
            check_id(w.load_balancer, field + ".load_balancer");
            if (!w.offering)
                throw InvalidInput(field + ".load_balancer",
                                   field + ".load_balancer goes beside an offering (a placement has its own)", 0);
        }
    }
    for (std::size_t j = 0; j < placements.size(); ++j)
        if (!used.count(placements[j].id))
            throw InvalidInput(placement_field(j) + ".id",
                               "a placement some workload uses (placement: \"" + placements[j].id + "\")", "none");
    if (consolidation_lambda) {
        consolidation_lambda->validate("consolidation.lambda.");
        if (std::string_view(consolidation_lambda->kind()) != "lambda")
            throw InvalidInput("consolidation.lambda.kind", "lambda", consolidation_lambda->kind());
    }
    if (consolidation_fleet) consolidation_fleet->validate("consolidation.fleet.");
}

Workload combined_workload(const std::vector<const Workload*>& ws, const std::vector<std::string>& fields) {
    Workload out;
    double r = 0.0;
    for (const Workload* w : ws) r += w->requests_per_month;
    // Requests-weighted means keep each per-request figure's monthly total.
    auto weighted = [&](auto get) {
        if (r <= 0) return get(*ws.front());
        double sum = 0.0;
        for (const Workload* w : ws) sum += w->requests_per_month * get(*w);
        return sum / r;
    };
    out.requests_per_month = r;
    out.duration_ms = weighted([](const Workload& w) { return w.duration_ms; });
    out.request_kb = weighted([](const Workload& w) { return w.request_kb; });
    out.response_kb = weighted([](const Workload& w) { return w.response_kb; });
    // The internet share of the response bytes, so the bytes out are kept.
    double bytes = 0.0, out_bytes = 0.0;
    for (const Workload* w : ws) {
        bytes += w->requests_per_month * w->response_kb;
        out_bytes += w->requests_per_month * w->response_kb * w->internet_percent / 100.0;
    }
    out.internet_percent = bytes > 0 ? 100.0 * out_bytes / bytes : 100.0;
    out.cold_start_percent = weighted([](const Workload& w) { return w.cold_start_percent; });
    double colds = 0.0, init = 0.0;
    for (const Workload* w : ws) {
        colds += w->requests_per_month * w->cold_start_percent;
        init += w->requests_per_month * w->cold_start_percent * w->init_duration_ms;
    }
    out.init_duration_ms = colds > 0 ? init / colds : 0.0;
    // CPU time: only when every member gives it (0 means "not given", and averaging it in would
    // understate the work).
    const bool all_cpu = std::all_of(ws.begin(), ws.end(), [](const Workload* w) { return w->cpu_ms_per_request > 0; });
    out.cpu_ms_per_request = all_cpu ? weighted([](const Workload& w) { return w.cpu_ms_per_request; }) : 0.0;
    out.new_connections_per_request = weighted([](const Workload& w) { return w.new_connections_per_request; });
    for (const Workload* w : ws) out.data_out_gb_per_month += w->data_out_gb_per_month;

    const Workload* with_profile = nullptr;
    std::size_t profile_index = 0;
    for (std::size_t i = 0; i < ws.size(); ++i)
        if (ws[i]->traffic) {
            with_profile = ws[i];
            profile_index = i;
            break;
        }
    if (!with_profile) {
        // The peaks coincide (the cautious case): the sum's peak is the sum of the peaks.
        out.peak_to_mean = weighted([](const Workload& w) { return w.peak_to_mean; });
        return out;
    }
    const TrafficProfile& first = *with_profile->traffic;
    TrafficProfile sum;
    sum.interval_s = first.interval_s;
    sum.start_hour_of_week = first.start_hour_of_week;
    sum.absolute = true;
    sum.source = "sum of " + std::to_string(ws.size()) + " workloads' profiles";
    sum.requests.assign(first.requests.size(), 0.0);
    for (std::size_t i = 0; i < ws.size(); ++i) {
        const Workload& w = *ws[i];
        if (!w.traffic) {
            if (w.peak_to_mean != 1.0)
                throw InvalidInput(fields[i] + ".workload.peak_to_mean",
                                   "1 when it shares a fleet with a workload that has a traffic profile (" +
                                       fields[profile_index] + "): give it a profile, or leave peak_to_mean out",
                                   std::to_string(w.peak_to_mean));
            const double per_interval = w.requests_per_month / first.month_factor() / double(sum.requests.size());
            for (double& v : sum.requests) v += per_interval;
            continue;
        }
        const TrafficProfile& t = *w.traffic;
        if (t.interval_s != first.interval_s || t.requests.size() != first.requests.size() ||
            t.start_hour_of_week != first.start_hour_of_week)
            throw InvalidInput(
                fields[i] + ".workload.traffic",
                "the same interval_s, number of intervals and start_hour_of_week as " + fields[profile_index] +
                    ".workload.traffic, to be summed interval by interval",
                std::to_string(t.requests.size()) + " intervals of " + std::to_string(t.interval_s) + " s");
        // Interval k's requests at this workload's level: R x share(k) / month_factor.
        for (std::size_t k = 0; k < sum.requests.size(); ++k)
            sum.requests[k] += w.requests_per_month * t.share(k) / t.month_factor();
    }
    out.peak_to_mean = 1.0;
    return out.with_traffic(std::move(sum));
}

PortfolioBill price_portfolio(const Portfolio& portfolio, const Catalog& catalog) {
    portfolio.validate();
    return price_units("as_placed", portfolio, units_as_placed(portfolio), catalog);
}

PortfolioReport analyse_portfolio(const Portfolio& portfolio, const Catalog& catalog) {
    PortfolioReport report;
    report.options.push_back(price_portfolio(portfolio, catalog));
    const Portfolio& p = portfolio;
    if (p.consolidation_lambda) {
        std::vector<Unit> units;
        for (std::size_t i = 0; i < p.workloads.size(); ++i) {
            const PortfolioWorkload& w = p.workloads[i];
            const bool own_lambda = w.offering && std::string_view(w.offering->kind()) == "lambda";
            const Offering* o = own_lambda ? &*w.offering : &*p.consolidation_lambda;
            units.push_back({own_lambda ? o->effective_id() : w.id + " on " + o->effective_id(),
                             o,
                             own_lambda ? workload_field(i) + ".offering." : "consolidation.lambda.",
                             {i},
                             {}});
        }
        report.options.push_back(price_units("separate_lambdas", p, units, catalog));
    }
    if (p.consolidation_fleet) {
        Unit all{p.consolidation_fleet->effective_id(), &*p.consolidation_fleet, "consolidation.fleet.", {}, {}};
        for (std::size_t i = 0; i < p.workloads.size(); ++i) all.members.push_back(i);
        report.options.push_back(price_units("one_shared_fleet", p, {all}, catalog));
    }
    const PortfolioBill* best = &report.options.front();
    for (const PortfolioBill& b : report.options)
        if (b.total < best->total) best = &b;
    report.cheapest = best->name;
    return report;
}

}  // namespace costsim
