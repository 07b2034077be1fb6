// Table views. Every number shown was computed by the library; this file rounds for display only.
#include "render_table.hpp"

#include "format.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>

namespace costsim::cli {

namespace {

/// Mean requests per second of a monthly count, computed by the library's Workload.
double per_second(double requests_per_month) {
    return Workload{.requests_per_month = requests_per_month}.requests_per_second();
}

std::size_t widest_line(const std::string& text) {
    std::size_t widest = 0;
    for (std::size_t start = 0; start < text.size();) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        widest = std::max(widest, display_width(std::string_view(text).substr(start, end - start)));
        start = end + 1;
    }
    return widest;
}

std::string traffic(double requests_per_month) {
    return quantity(requests_per_month, 6) + " requests/month (" + rate(per_second(requests_per_month)) +
           " requests/s)";
}

/// The mark of a line item whose price the catalog marks unverified, explained under the table.
constexpr const char* kUnverifiedMark = " *";

bool has_unverified(const Bill& bill) {
    for (const LineItem& item : bill.line_items)
        if (item.confidence == Confidence::unverified) return true;
    return false;
}

std::string item_name(const LineItem& item) {
    return std::string(item.name) + (item.confidence == Confidence::unverified ? kUnverifiedMark : "");
}

/// Flags of a comparison, curves or sweep as a whole (offerings in different geographies), as
/// `! code: message`.
std::string comparison_flag_lines(const std::vector<ComparisonFlag>& flags, std::size_t width) {
    std::string out;
    for (const ComparisonFlag& f : flags)
        for (const std::string& line : wrap("  ! " + f.code + ": " + f.message, width, "  ")) out += line + "\n";
    return out;
}

/// "2 instances" / "1 instance, load balancer in 2 AZs", from a fleet-shaped bill's conventions
/// (VM fleets, Fargate tasks, ...: the fleet blocks record "instances"); "" for other bills.
std::string fleet_text(const Bill& bill) {
    const Convention* instances = bill.convention("instances");
    if (!instances) return "";
    std::string out = quantity(instances->value) + (instances->value == 1.0 ? " instance" : " instances");
    if (const Convention* azs = bill.convention("load_balancer_azs"))
        out += ", load balancer in " + quantity(azs->value) + " AZs";
    return out;
}

/// "t4g.small fleet (2 instances) runs out at 10 requests/s" for a fixed fleet whose capacity is
/// known; "t4g.small fleet (2 instances): capacity unknown, ..." for a fixed one whose is not.
std::string capacity_text(const FleetSize& f, const std::string& label) {
    const std::string size = quantity(f.instances) + (f.instances == 1.0 ? " instance" : " instances");
    if (f.runs_out())
        return label + " (" + size + ") runs out at " + rate(f.runs_out_at_requests_per_second) + " requests/s";
    return label + " (" + size + ", fixed): capacity unknown (give --capacity-rps or --cpu-ms-per-request)";
}

std::string line_items(const Bill& bill, std::size_t width) {
    TextTable wide({false, true, false, true, true, false});
    wide.add_row({"Line item", "Quantity", "Unit", "Unit price", "Cost", "Note"});
    for (const LineItem& item : bill.line_items)
        wide.add_row({item_name(item), quantity(item.quantity, 10), std::string(item.unit),
                      unit_price(item.unit_price, bill.currency), money(item.cost, bill.currency),
                      std::string(item.note)});
    wide.add_row({"Total", "", "", "", money(bill.total, bill.currency), "per month"});
    const std::string legend =
        has_unverified(bill) ? "  * price marked unverified in the catalog (cost-sim catalog show ID)\n" : "";
    std::string out = wide.render("  ");
    if (width == 0 || widest_line(out) <= width) return out + legend;
    // Too wide: each note goes on its own line under its item, so the names keep their room.
    TextTable narrow({false, true, false, true, true});
    narrow.add_row({"Line item", "Quantity", "Unit", "Unit price", "Cost"});
    for (const LineItem& item : bill.line_items) {
        narrow.add_row({item_name(item), quantity(item.quantity, 10), std::string(item.unit),
                        unit_price(item.unit_price, bill.currency), money(item.cost, bill.currency)});
        if (!item.note.empty()) narrow.add_row({"  " + std::string(item.note), "", "", "", ""});
    }
    narrow.add_row({"Total per month", "", "", "", money(bill.total, bill.currency)});
    return narrow.render("  ", width) + legend;
}

std::string flag_lines(const Bill& bill, std::size_t width) {
    std::string out;
    for (const Flag& f : bill.flags)
        for (const std::string& line : wrap("  ! " + std::string(f.code) + ": " + std::string(f.message), width, "  "))
            out += line + "\n";
    return out;
}

/// The verdict on one line, or (within `width`) broken after its "; " separators, continued
/// two columns in.
std::string verdict_lines(const std::string& text, std::size_t width) {
    if (width == 0 || display_width(text) <= width) return text + "\n";
    std::string out, line;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find("; ", start);
        const std::string part = text.substr(start, end == std::string::npos ? std::string::npos : end + 1 - start);
        start = end == std::string::npos ? text.size() : end + 2;
        const std::string joined = line.empty() ? part : line + " " + part;
        if (!line.empty() && display_width(joined) > width) {
            out += line + "\n";
            line = "  " + part;
        } else {
            line = joined;
        }
    }
    return out + line + "\n";
}

/// Under a traffic profile, the figures a comparison reader asks first (the rest are in the
/// bill's assumptions and in --format json): cold starts, concurrency and throttling of a
/// function, the instance counts and the requests at risk of a fleet. Empty without a profile.
std::string profile_lines(const Bill& bill, std::size_t width) {
    const auto value = [&](std::string_view name) -> const Convention* { return bill.convention(name); };
    std::vector<std::string> parts;
    if (const Convention* cold = value("cold_starts")) {
        std::string part = "cold starts " + quantity(std::round(cold->value)) + " a month";
        if (const Convention* share = value("cold_start_share"))
            part += " (" + quantity(share->value * 100, 3) + " % of requests)";
        parts.push_back(part);
    }
    if (const Convention* peak = value("peak_concurrency"); peak && value("cold_starts"))
        parts.push_back("peak concurrency " + quantity(peak->value, 4));
    if (const Convention* throttled = value("throttled_requests"))
        parts.push_back("throttled " + quantity(std::round(throttled->value)) + " requests");
    if (const Convention* mean = value("mean_instances"))
        if (const Convention* peak = value("peak_instances"))
            parts.push_back("instances mean " + quantity(mean->value, 4) + ", peak " + quantity(peak->value));
    if (const Convention* risky = value("intervals_at_risk"); risky && risky->value > 0)
        if (const Convention* all = value("intervals"))
            parts.push_back("at risk in " + quantity(risky->value) + " of " + quantity(all->value) + " intervals (" +
                            quantity(std::round(value("requests_at_risk") ? value("requests_at_risk")->value : 0)) +
                            " requests a month)");
    if (parts.empty()) return {};
    std::string text = "  Under the traffic profile: ";
    for (std::size_t i = 0; i < parts.size(); ++i) text += (i ? "; " : "") + parts[i];
    std::string out;
    for (const std::string& line : wrap(text, width, "    ")) out += line + "\n";
    return out;
}

std::string conventions_and_flags(const Bill& bill, std::size_t width) {
    std::string out;
    if (!bill.conventions.empty()) {
        TextTable table({false, false});
        for (const Convention& c : bill.conventions)
            table.add_row({std::string(c.name), c.text.empty() ? quantity(c.value, 10) : std::string(c.text)});
        out += "  Assumptions:\n" + table.render("    ", width);
    }
    return out + flag_lines(bill, width);
}

std::map<std::string, std::string> labels_by_id(const Comparison& c, const std::vector<std::string>& labels) {
    std::map<std::string, std::string> by_id;
    for (std::size_t i = 0; i < c.results.size(); ++i)
        by_id[std::string(c.results[i].bill.offering_id)] =
            i < labels.size() ? labels[i] : std::string(c.results[i].bill.offering_id);
    return by_id;
}

std::string range_text(const TrafficRange& range) {
    return rate(range.from_rps) + " to " + rate(range.to_rps) + " requests/s";
}

std::string break_even_lines(const Comparison& c, const std::vector<std::string>& labels, std::size_t width) {
    auto by_id = labels_by_id(c, labels);
    auto name = [&](const std::string& id) { return by_id.count(id) ? by_id[id] : id; };
    std::string out = "Break-even points (" + range_text(c.range) + "):\n";
    if (c.break_even.empty() && !c.not_searched.empty())
        return out + "  not searched: see break_even_not_searched above\n";
    if (c.break_even.empty()) return out + "  none: the cheaper offering does not change in this range\n";
    TextTable table({false, false, true, true, true, false});
    table.add_row({"Between", "Kind", "Requests/s", "Requests/month", "Cost each", "Cheaper below -> above"});
    for (const BreakEven& p : c.break_even) {
        std::string at = rate(p.requests_per_second);
        std::string monthly = quantity(p.requests_per_month, 6);
        if (p.kind == BreakEven::Kind::tie) {
            at += " to " + rate(per_second(p.until_requests_per_month));
            monthly += " to " + quantity(p.until_requests_per_month, 6);
        }
        const std::string below = p.cheaper_below.empty() ? "equal" : name(p.cheaper_below);
        const std::string above = p.cheaper_above.empty() ? "equal" : name(p.cheaper_above);
        table.add_row({name(p.serverless_id) + " vs " + name(p.other_id),
                       std::string(to_string(p.kind)) + (p.beyond_capacity ? " (over capacity)" : ""), at, monthly,
                       money(p.cost, c.currency.currency), below + " -> " + above});
    }
    out += table.render("  ", width);
    for (const ComparedOffering& r : c.results)
        if (r.fleet && r.fleet->runs_out())
            for (const std::string& line : wrap("  " + capacity_text(*r.fleet, name(r.fleet->offering_id)) +
                                                    ": points above it are over its capacity",
                                                width, "    "))
                out += line + "\n";
    return out;
}

/// The last line of `cost-sim break-even`, on every point listed: "break-even at 7.1, 250
/// requests/s" (one pair), "5 break-even points (listed above)" (several pairs) or "no
/// break-even from 0 to 1,000 requests/s".
std::string points_summary(const Comparison& c) {
    if (c.break_even.empty() && !c.not_searched.empty()) return "break-even not searched (see the flag)";
    if (c.break_even.empty()) return "no break-even from " + range_text(c.range);
    for (const BreakEven& p : c.break_even)
        if (p.serverless_id != c.break_even.front().serverless_id || p.other_id != c.break_even.front().other_id)
            return std::to_string(c.break_even.size()) + " break-even points (listed above)";
    std::string out = "break-even at ";
    for (std::size_t i = 0; i < c.break_even.size(); ++i) {
        if (i == 5) {
            out += " and " + std::to_string(c.break_even.size() - 5) + " more";
            break;
        }
        out += (i ? ", " : "") + rate(c.break_even[i].requests_per_second) +
               (c.break_even[i].beyond_capacity ? " (over capacity)" : "");
    }
    return out + " requests/s";
}

/// The verdict's break-even story of the cheapest and its rival: "break-even at 7.1 requests/s",
/// "break-even at 1.2, 40 requests/s", "3 break-even points from 1.2 to 40 requests/s (listed
/// above)", "same cost from 0 to 1.52 requests/s, Lambda cheaper above", "no break-even from 0
/// to 1,000 requests/s". `rival` is named ("break-even with Lambda at ...", "same cost as
/// Lambda ...") unless empty.
std::string story_text(const VerdictBreakEven& s, const std::string& rival,
                       const std::function<std::string(const std::string&)>& name) {
    const std::string with = rival.empty() ? "" : " with " + rival;
    const std::string from = rate(s.from_requests_per_second), to = rate(s.to_requests_per_second);
    const std::string over = s.beyond_capacity ? " (over capacity)" : "";
    switch (s.story) {
        case VerdictBreakEven::Story::one_change: return "break-even" + with + " at " + from + over + " requests/s";
        case VerdictBreakEven::Story::several_changes:
            // two changes are all there is to say; more are in the table above
            if (s.changes == 2) return "break-even" + with + " at " + from + ", " + to + over + " requests/s";
            return std::to_string(s.changes) + " break-even points" + with + " from " + from + " to " + to + over +
                   " requests/s (listed above)";
        case VerdictBreakEven::Story::tie:
            return "same cost" + (rival.empty() ? "" : " as " + rival) + " from " + from + " to " + to + " requests/s" +
                   (s.cheaper_above.empty() ? "" : ", " + name(s.cheaper_above) + " cheaper above");
        case VerdictBreakEven::Story::none: break;
    }
    return "no break-even" + with + " from " + from + " to " + to + " requests/s";
}

/// "Lambda: $18.73/month; t3.micro fleet: $7.59/month; cheapest: t3.micro fleet; break-even at 7.1 requests/s",
/// from the library's Verdict.
std::string verdict(const Comparison& c, const std::vector<std::string>& labels, std::size_t width) {
    auto by_id = labels_by_id(c, labels);
    const auto name = [&](const std::string& id) { return by_id.count(id) ? by_id[id] : id; };
    const Verdict& v = c.verdict;
    std::string out;
    for (std::size_t i = 0; i < c.results.size(); ++i) {
        const Bill& b = c.results[i].bill;
        out += (i ? "; " : "") + by_id[std::string(b.offering_id)] + " (" + std::string(b.region) +
               "): " + money(b.total, b.currency) + "/month";
    }
    if (v.break_even) {
        // With two offerings the rival is the other one; with more it is named.
        const std::string rival = c.results.size() > 2 ? name(v.rival_id) : "";
        out += "; cheapest: " + name(v.cheapest_id) + "; " + story_text(*v.break_even, rival, name);
    }
    for (const FleetSize& f : v.fixed_fleets) out += "; " + capacity_text(f, name(f.offering_id));
    return verdict_lines(out, width);
}

}  // namespace

std::string bill_table(const Bill& bill, const std::string& label, std::size_t width,
                       const std::optional<FleetSize>& fleet) {
    std::string out = label + " (" + std::string(bill.offering_id) + "), region " + std::string(bill.region) + ", " +
                      std::string(bill.currency) + "\n";
    out += "Traffic: " + traffic(bill.requests_per_month) + "\n";
    if (const std::string size = fleet_text(bill); !size.empty()) out += "Fleet: " + size + "\n";
    out += "\n" + line_items(bill, width);
    const std::string notes = conventions_and_flags(bill, width);
    if (!notes.empty()) out += "\n" + notes;
    out += "\n" + label + " (" + std::string(bill.region) + "): " + money(bill.total, bill.currency) + "/month";
    if (fleet && fleet->runs_out()) out += "; " + capacity_text(*fleet, label);
    return out + "\n";
}

std::string comparison_table(const Comparison& c, const std::vector<std::string>& labels, std::size_t width) {
    auto by_id = labels_by_id(c, labels);
    std::string out;
    if (!c.results.empty()) out += "Traffic: " + traffic(c.results.front().bill.requests_per_month) + "\n\n";
    const bool any_fleet =
        std::any_of(c.results.begin(), c.results.end(), [](const ComparedOffering& r) { return r.fleet.has_value(); });
    TextTable totals({false, false, false, true, true, false});
    std::vector<std::string> header = {"Offering", "Id", "Region", "Per month", "vs cheapest"};
    if (any_fleet) header.push_back("Fleet");
    totals.add_row(header);
    for (const ComparedOffering& r : c.results) {
        const std::string id(r.bill.offering_id);
        std::vector<std::string> row = {by_id[id], id, std::string(r.bill.region), money(r.bill.total, r.bill.currency),
                                        id == c.cheapest_id ? "cheapest"
                                        : std::isfinite(r.relative_to_cheapest)
                                            ? quantity(r.relative_to_cheapest, 3) + "x"
                                            : "n/a (cheapest is free)"};
        if (any_fleet) row.push_back(fleet_text(r.bill));
        totals.add_row(row);
    }
    out += totals.render("  ", width) + comparison_flag_lines(c.flags, width) + "\n";
    out += break_even_lines(c, labels, width) + "\n";
    for (const ComparedOffering& r : c.results) {
        const std::string id(r.bill.offering_id);
        // The assumptions of each bill are in `cost-sim lambda|vm` and in --format json.
        out += by_id[id] + " (" + id + "), region " + std::string(r.bill.region) + "\n" + line_items(r.bill, width) +
               profile_lines(r.bill, width) + flag_lines(r.bill, width) + "\n";
    }
    return out + verdict(c, labels, width);
}

std::string break_even_table(const Comparison& c, const std::vector<std::string>& labels, std::size_t width) {
    return comparison_flag_lines(c.flags, width) + break_even_lines(c, labels, width) + "\n" + points_summary(c) + "\n";
}

namespace {

/// "1 s", "1 min", "5 min", "1 h", "1 day", else seconds.
std::string granularity(double seconds) {
    if (seconds == 86400) return "1 day";
    if (seconds >= 3600 && std::fmod(seconds, 3600) == 0) return quantity(seconds / 3600) + " h";
    if (seconds >= 60 && std::fmod(seconds, 60) == 0) return quantity(seconds / 60) + " min";
    return quantity(seconds) + " s";
}

}  // namespace

std::string profile_table(const TrafficSummary& s, std::size_t width) {
    std::string out;
    for (const std::string& line : wrap("Traffic profile: " + s.source, width, "  ")) out += line + "\n";
    out += "  " + quantity(double(s.intervals)) + " intervals of " + granularity(s.interval_s) + " (a period of " +
           granularity(s.period_s) + ", x " + quantity(s.month_factor) + " for the month)\n";
    out += "  Mean: " + traffic(s.requests_per_month) + "\n";
    out += "  Idle minutes: " + quantity(100.0 * s.idle_share, 4) + " %\n\n";
    TextTable table({false, true, true});
    table.add_row({"Peak over", "Requests/s", "Peak/mean"});
    for (const TrafficPeak& p : s.peaks)
        table.add_row({granularity(p.granularity_s), rate(p.requests_per_second), quantity(p.peak_to_mean, 4)});
    return out + table.render("  ", width);
}

std::string curves_table(const Curves& curves, const std::vector<std::string>& labels, std::size_t width) {
    std::vector<bool> right(2 + curves.ids.size(), true);
    TextTable table(right);
    std::vector<std::string> header = {"Requests/s", "Requests/month"};
    for (std::size_t i = 0; i < curves.ids.size(); ++i) header.push_back(i < labels.size() ? labels[i] : curves.ids[i]);
    table.add_row(header);
    // where each offering runs out (a fixed fleet with a known capacity), else unbounded
    std::vector<double> runs_out(curves.ids.size(), kUnbounded);
    for (const FleetSize& f : curves.fleets)
        for (std::size_t i = 0; i < curves.ids.size(); ++i)
            if (curves.ids[i] == f.offering_id) runs_out[i] = f.runs_out_at_requests_per_month;
    for (Eigen::Index j = 0; j < curves.requests_per_month.size(); ++j) {
        const double r = curves.requests_per_month[j];
        std::vector<std::string> row = {rate(per_second(r)), quantity(r, 6)};
        for (std::size_t i = 0; i < curves.totals.size(); ++i)
            row.push_back(money(curves.totals[i][j], curves.currency) + (r > runs_out[i] ? " !" : ""));
        table.add_row(row);
    }
    std::string out = comparison_flag_lines(curves.flags, width) + "Monthly cost (" + curves.currency +
                      ") by traffic:\n" + table.render("  ", width);
    for (const FleetSize& f : curves.fleets) {
        if (!f.fixed_count) continue;
        const auto at = std::find(curves.ids.begin(), curves.ids.end(), f.offering_id);
        const std::size_t i = std::size_t(at - curves.ids.begin());
        for (const std::string& line : wrap("  " + capacity_text(f, i < labels.size() ? labels[i] : f.offering_id) +
                                                (f.runs_out() ? ": totals marked ! are over its capacity" : ""),
                                            width, "    "))
            out += line + "\n";
    }
    return out;
}

std::string sweep_table(const Sweep& s, const std::vector<std::string>& labels, std::size_t width) {
    std::vector<bool> right = {true, true, true, false};
    right.resize(4 + s.ids.size(), true);
    TextTable table(right);
    std::vector<std::string> header = {"Requests/s", "Duration ms", "Memory MB", "Cheapest"};
    auto label = [&](std::size_t i) { return i < labels.size() ? labels[i] : s.ids[i]; };
    for (std::size_t i = 0; i < s.ids.size(); ++i) header.push_back(label(i));
    table.add_row(header);
    // where each offering runs out, in requests/s (a fixed fleet with a known capacity)
    std::vector<double> runs_out(s.ids.size(), kUnbounded);
    for (const FleetSize& f : s.fleets)
        for (std::size_t i = 0; i < s.ids.size(); ++i)
            if (s.ids[i] == f.offering_id) runs_out[i] = f.runs_out_at_requests_per_second;
    for (const SweepCell& cell : s.cells) {
        std::vector<std::string> row = {rate(cell.requests_per_second), quantity(cell.duration_ms),
                                        std::to_string(cell.memory_mb),
                                        cell.cheapest < s.ids.size() ? label(cell.cheapest) : ""};
        for (std::size_t i = 0; i < cell.totals.size(); ++i)
            row.push_back(money(cell.totals[i], s.currency) + (cell.requests_per_second > runs_out[i] ? " !" : ""));
        table.add_row(row);
    }
    std::string out = comparison_flag_lines(s.flags, width) + "Monthly cost (" + s.currency + ") by workload:\n" +
                      table.render("  ", width);
    for (const FleetSize& f : s.fleets)
        if (f.runs_out())
            for (const std::string& line :
                 wrap("  " +
                          capacity_text(f, label(std::size_t(std::find(s.ids.begin(), s.ids.end(), f.offering_id) -
                                                             s.ids.begin()))) +
                          ": totals marked ! are over its capacity",
                      width, "    "))
                out += line + "\n";
    return out;
}

}  // namespace costsim::cli
