// CSV views of reports (RFC 4180). Numbers are rounded to drop binary noise (csv_number); text
// cells are quoted when needed and neutralised when a spreadsheet would run them.
#include <costsim/csv.hpp>
#include <costsim/curves_io.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <span>

namespace costsim {

namespace {

constexpr const char* kLineEnd = "\r\n";

std::string number_cell(double v) { return csv_number(v); }

void append_row(std::string& out, std::initializer_list<std::string> cells) {
    bool first = true;
    for (const std::string& cell : cells) {
        if (!first) out += ',';
        out += cell;
        first = false;
    }
    out += kLineEnd;
}

void append_row(std::string& out, const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i > 0) out += ',';
        out += cells[i];
    }
    out += kLineEnd;
}

const std::vector<std::string> kLineItemHeader = {"offering", "name",     "unit",     "quantity",   "unit_price",
                                                  "cost",     "currency", "price_id", "confidence", "region"};

void append_line_items(std::string& out, const Bill& bill) {
    for (const LineItem& item : bill.line_items)
        append_row(out,
                   {csv_cell(bill.offering_id), csv_cell(item.name), csv_cell(item.unit), number_cell(item.quantity),
                    number_cell(item.unit_price), number_cell(item.cost), csv_cell(bill.currency),
                    csv_cell(item.price_id), csv_cell(to_string(item.confidence)), csv_cell(bill.region)});
}

}  // namespace

std::string csv_number(double v) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
    if (v == 0) return "0";
    // The decimal exponent of v at 15 significant digits ("1.23456789012346e+02" -> 2).
    char buf[512];  // fixed notation of any double fits (at most ~330 characters)
    auto [sci_end, sci_ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific, 14);
    const char* digits = std::find(buf, sci_end, 'e') + 1;
    if (*digits == '+') ++digits;  // from_chars reads "-5" but not "+5"
    int exponent = 0;
    std::from_chars(digits, sci_end, exponent);
    // 12 significant digits, at least 6 decimals (money exact to 1e-6), at most 15 significant
    // digits (what a double holds exactly).
    const int decimals = std::min(std::max(11 - exponent, 6), 14 - exponent);
    if (decimals < 0) {  // |v| >= 1e15: beyond any bill; 15 significant digits in exponent form
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 15);
        return std::string(buf, end);
    }
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
    std::string text(buf, end);
    if (text.find('.') != std::string::npos) {
        text.erase(text.find_last_not_of('0') + 1);
        if (text.back() == '.') text.pop_back();
    }
    if (text == "-0") return "0";
    return text;
}

std::string csv_cell(std::string_view text) {
    std::string cell;
    cell.reserve(text.size() + 3);
    // OWASP CSV injection: a leading = + - @ TAB or CR makes spreadsheets evaluate the cell.
    if (!text.empty()) {
        const char c = text.front();
        if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') cell += '\'';
    }
    cell += text;
    if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
    std::string quoted = "\"";
    for (char c : cell) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    quoted += '"';
    return quoted;
}

namespace {

/// The bills' series (when asked: Scenario::include_series), as a second table after an empty
/// line: offering_id, series, unit, aggregation, start_s, value; nothing when no bill has one.
void append_series(std::string& out, std::span<const Bill* const> bills) {
    bool any = false;
    for (const Bill* b : bills) any = any || !b->series.empty();
    if (!any) return;
    out += kLineEnd;
    append_row(out, {"offering_id", "series", "unit", "aggregation", "start_s", "value"});
    for (const Bill* b : bills)
        for (const BillSeries& s : b->series)
            for (std::size_t i = 0; i < s.values.size(); ++i)
                append_row(out, {csv_cell(b->offering_id), csv_cell(s.name), csv_cell(s.unit), csv_cell(s.aggregation),
                                 number_cell(double(i) * s.interval_s), number_cell(s.values[i])});
}

}  // namespace

std::string to_csv(const Bill& bill) {
    std::string out;
    append_row(out, kLineItemHeader);
    append_line_items(out, bill);
    const Bill* bills[] = {&bill};
    append_series(out, bills);
    return out;
}

std::string to_csv(const Comparison& comparison) {
    std::string out;
    append_row(out, kLineItemHeader);
    std::vector<const Bill*> bills;
    for (const ComparedOffering& result : comparison.results) {
        append_line_items(out, result.bill);
        bills.push_back(&result.bill);
    }
    append_series(out, bills);
    return out;
}

std::string to_csv(const std::vector<BreakEven>& points) {
    std::string out;
    append_row(out, {"between_a", "between_b", "kind", "requests_per_month", "requests_per_second",
                     "until_requests_per_month", "cheaper_below", "cheaper_above", "cost"});
    for (const BreakEven& p : points)
        append_row(out, {csv_cell(p.serverless_id), csv_cell(p.other_id), csv_cell(to_string(p.kind)),
                         number_cell(p.requests_per_month), number_cell(p.requests_per_second),
                         p.kind == BreakEven::Kind::tie ? number_cell(p.until_requests_per_month) : std::string(),
                         csv_cell(p.cheaper_below), csv_cell(p.cheaper_above), number_cell(p.cost)});
    return out;
}

std::string to_csv(const TrafficSummary& s) {
    std::string out;
    append_row(out, {"source", "interval_s", "intervals", "period_s", "requests_per_month", "mean_requests_per_second",
                     "idle_share", "granularity_s", "peak_requests_per_second", "peak_to_mean"});
    for (const TrafficPeak& p : s.peaks)
        append_row(
            out,
            {csv_cell(s.source), number_cell(s.interval_s), number_cell(double(s.intervals)), number_cell(s.period_s),
             number_cell(s.requests_per_month), number_cell(s.mean_requests_per_second), number_cell(s.idle_share),
             number_cell(p.granularity_s), number_cell(p.requests_per_second), number_cell(p.peak_to_mean)});
    return out;
}

std::string to_csv(const Curves& curves) {
    std::string out;
    std::vector<std::string> header = {"requests_per_month", "requests_per_second"};
    for (const std::string& id : curves.ids) header.push_back(csv_cell(id));
    append_row(out, header);
    for (Eigen::Index j = 0; j < curves.requests_per_month.size(); ++j) {
        const double r = curves.requests_per_month[j];
        std::vector<std::string> row = {number_cell(r), number_cell(r / kSecondsPerMonth)};
        for (const Eigen::ArrayXd& totals : curves.totals) row.push_back(number_cell(totals[j]));
        append_row(out, row);
    }
    return out;
}

namespace {

void sweep_header(std::string& out, const std::vector<std::string>& ids) {
    std::vector<std::string> header = {"requests_per_second", "duration_ms", "memory_mb", "cheapest"};
    for (const std::string& id : ids) header.push_back(csv_cell(id));
    append_row(out, header);
}

void sweep_row(std::string& out, const std::vector<std::string>& ids, const SweepCell& cell) {
    std::vector<std::string> row = {number_cell(cell.requests_per_second), number_cell(cell.duration_ms),
                                    std::to_string(cell.memory_mb),
                                    csv_cell(cell.cheapest < ids.size() ? ids[cell.cheapest] : "")};
    for (double total : cell.totals) row.push_back(number_cell(total));
    append_row(out, row);
}

}  // namespace

std::string to_csv(const Sweep& sweep) {
    std::string out;
    sweep_header(out, sweep.ids);
    for (const SweepCell& cell : sweep.cells) sweep_row(out, sweep.ids, cell);
    return out;
}

SweepCsvStream::SweepCsvStream(SweepSlices slices) : slices_(std::move(slices)) {}

bool SweepCsvStream::next(std::string& out) {
    if (!header_sent_) {
        sweep_header(out, slices_.ids());
        header_sent_ = true;
        return true;
    }
    if (next_slice_ == slices_.slice_count()) return false;
    slices_.slice(next_slice_++, cells_);
    for (const SweepCell& cell : cells_) sweep_row(out, slices_.ids(), cell);
    return true;
}

}  // namespace costsim
