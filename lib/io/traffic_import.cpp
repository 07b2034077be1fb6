// Traffic profiles from CSV text: plain timestamp,count files and Azure Functions 2019 rows.
// Every error names the field and the line. Formats: Design/pricing-model.md#traffic-profiles.
#include <costsim/traffic_import.hpp>

#include "core/validation.hpp"
#include "io/civil_time.hpp"
#include "io/trace_columns.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <vector>

namespace costsim {
namespace {

using detail::azure_header;
using detail::AzureHeader;
using detail::blank;
using detail::days_from_civil;
using detail::Lines;
using detail::whole_digits;

std::string_view trim(std::string_view s) { return detail::trim_spaces(s); }
std::vector<std::string_view> split(std::string_view line) { return detail::split_fields(line); }
std::string quoted(std::string_view s) { return detail::quoted_value(s); }

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

[[noreturn]] void fail(const std::string& field, std::size_t line, const std::string& message) {
    throw InvalidInput(field, field + " line " + std::to_string(line) + ": " + message, 0);
}

void require_size(std::string_view text, const std::string& field) {
    if (text.size() > TrafficImportLimits::max_text_bytes)
        throw LimitExceeded(field, field + " is larger than the limit of " +
                                       detail::format_quantity(double(TrafficImportLimits::max_text_bytes)) + " bytes");
}

/// A whole number of requests >= 0, at most the per-interval bound.
std::optional<double> count_of(std::string_view s) {
    unsigned long long n = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (s.empty() || ec != std::errc{} || end != s.data() + s.size()) {
        // "12.0" is a whole number written as a decimal (some exports do).
        double d = 0;
        auto [dend, dec] = std::from_chars(s.data(), s.data() + s.size(), d);
        if (s.empty() || dec != std::errc{} || dend != s.data() + s.size() || !std::isfinite(d) || d < 0 ||
            d != std::floor(d) || d > TrafficLimits::max_requests_per_interval)
            return std::nullopt;
        return d;
    }
    if (double(n) > TrafficLimits::max_requests_per_interval) return std::nullopt;
    return double(n);
}

/// Seconds since 1970-01-01 00:00 UTC of "YYYY-MM-DD[T ]HH:MM[:SS][Z]" or of a number of seconds.
std::optional<long long> timestamp_of(std::string_view s) {
    if (auto n = whole_digits(s)) return n;
    if (s.size() < 16 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') || s[13] != ':')
        return std::nullopt;
    if (s.back() == 'Z') s.remove_suffix(1);
    const auto y = whole_digits(s.substr(0, 4)), mo = whole_digits(s.substr(5, 2)), d = whole_digits(s.substr(8, 2)),
               h = whole_digits(s.substr(11, 2)), mi = whole_digits(s.substr(14, 2));
    std::optional<long long> sec = 0;
    if (s.size() == 19 && s[16] == ':')
        sec = whole_digits(s.substr(17, 2));
    else if (s.size() != 16)
        return std::nullopt;
    if (!y || !mo || !d || !h || !mi || !sec || *mo < 1 || *mo > 12 || *d < 1 || *d > 31 || *h > 23 || *mi > 59 ||
        *sec > 59)
        return std::nullopt;
    return days_from_civil(*y, static_cast<unsigned>(*mo), static_cast<unsigned>(*d)) * 86400 + *h * 3600 + *mi * 60 +
           *sec;
}

/// Monday 00:00 = 0; 1970-01-01 was a Thursday (hour 72 of its week).
int hour_of_week_at(long long unix_s) {
    const long long hours = (unix_s >= 0 ? unix_s / 3600 : (unix_s - 3599) / 3600) + 72;
    return static_cast<int>(((hours % 168) + 168) % 168);
}

void require_rows(std::size_t rows, const std::string& field, std::size_t line) {
    if (rows >= TrafficLimits::max_intervals)
        throw LimitExceeded(field, field + " line " + std::to_string(line) + ": at most " +
                                       detail::format_quantity(double(TrafficLimits::max_intervals)) +
                                       " intervals (rows)");
}

constexpr std::size_t kMinutesPerDay = 1440;

}  // namespace

TrafficProfile parse_traffic_csv(std::string_view text, const std::string& field) {
    require_size(text, field);
    Lines lines(text);
    std::string_view line;
    if (!lines.next(line) || blank(line)) fail(field, 1, "the header must be timestamp,count (the text is empty)");
    {
        const auto header = split(line);
        const std::string first = header.empty() ? "" : lower(header[0]);
        const std::string second = header.size() < 2 ? "" : lower(header[1]);
        if (header.size() != 2 || (first != "timestamp" && first != "time") ||
            (second != "count" && second != "requests"))
            fail(field, 1, "the header must be timestamp,count (got " + quoted(line) + ")");
    }
    TrafficProfile p;
    p.absolute = true;
    p.source = "csv";
    long long first_time = 0, previous = 0, step = 0;
    std::size_t first_step_line = 0;
    while (lines.next(line)) {
        if (blank(line)) continue;
        const std::size_t n = lines.number();
        require_rows(p.requests.size(), field, n);
        const auto cells = split(line);
        if (cells.size() != 2)
            fail(field, n, "2 fields (timestamp,count) expected, got " + std::to_string(cells.size()));
        const auto t = timestamp_of(cells[0]);
        if (!t)
            fail(field, n,
                 "the timestamp must be ISO 8601 UTC (2019-07-15T09:00:00Z) or Unix seconds, got " + quoted(cells[0]));
        const auto c = count_of(cells[1]);
        if (!c) fail(field, n, "the count must be a whole number of requests >= 0, got " + quoted(cells[1]));
        if (p.requests.empty()) {
            first_time = *t;
        } else if (p.requests.size() == 1) {
            step = *t - previous;
            first_step_line = n;
            if (step < TrafficLimits::min_interval_s || step > TrafficLimits::max_interval_s)
                fail(field, n,
                     "the interval (the step from the previous timestamp) must be 1 s to 3,600 s, got " +
                         std::to_string(step) + " s");
        } else if (*t - previous != step) {
            fail(field, n,
                 "the timestamp is " + std::to_string(*t - previous) +
                     " s after the previous row; rows must be every " + std::to_string(step) + " s (the step at line " +
                     std::to_string(first_step_line) + "); write 0 for an idle interval");
        }
        previous = *t;
        p.requests.push_back(*c);
    }
    if (p.requests.empty()) fail(field, lines.number() + 1, "no rows after the header (a profile needs intervals)");
    if (p.requests.size() == 1)
        fail(field, lines.number(), "at least 2 rows are needed: the interval is the step between timestamps");
    p.interval_s = double(step);
    p.start_hour_of_week = hour_of_week_at(first_time);
    return p;
}

AzureRow AzureRow::parse(std::string_view text) {
    AzureRow row;
    const bool all_digits = !text.empty() && text.size() <= 7 && std::all_of(text.begin(), text.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c));
    });
    if (all_digits)
        row.index = static_cast<std::size_t>(*whole_digits(text));
    else
        row.hash_prefix = std::string(text);
    return row;
}

TrafficProfile parse_azure_functions_2019(std::string_view text, const AzureRow& row, const std::string& field,
                                          const std::string& row_field_given) {
    require_size(text, field);
    const std::string row_field = row_field_given.empty() ? field + ".row" : row_field_given;
    constexpr std::size_t kMinutes = kMinutesPerDay;
    if (!row.index && !row.hash_prefix.empty() && row.hash_prefix.size() < TrafficImportLimits::min_hash_prefix)
        throw InvalidInput(row_field,
                           "a row index or a HashFunction prefix of at least " +
                               std::to_string(TrafficImportLimits::min_hash_prefix) + " characters",
                           quoted(row.hash_prefix));
    Lines lines(text);
    std::string_view line;
    const AzureHeader h = azure_header(lines, field);
    std::size_t rows = 0, matches = 0, chosen_line = 0, chosen_index = 0;
    std::string chosen;
    while (lines.next(line)) {
        if (blank(line)) continue;
        const auto cells = split(line);
        if (cells.size() != h.columns)
            fail(
                field, lines.number(),
                std::to_string(h.columns) + " fields expected (as in the header), got " + std::to_string(cells.size()));
        const bool match =
            row.index ? *row.index == rows
                      : row.hash_prefix.empty() || cells[h.hash].substr(0, row.hash_prefix.size()) == row.hash_prefix;
        if (match) {
            if (matches++ == 0) {
                chosen = std::string(line);
                chosen_line = lines.number();
                chosen_index = rows;
            }
        }
        ++rows;
    }
    if (rows == 0) fail(field, lines.number() + 1, "no rows after the header");
    if (row.index && matches == 0)
        throw InvalidInput(
            row_field,
            "a row index in [0, " + std::to_string(rows - 1) + "] (the file has " + std::to_string(rows) + " rows)",
            std::to_string(*row.index));
    if (!row.index && row.hash_prefix.empty() && rows > 1)
        throw InvalidInput(row_field,
                           row_field + " is required: the file has " + std::to_string(rows) +
                               " rows (give a row index or a HashFunction prefix)",
                           0);
    if (!row.index && !row.hash_prefix.empty() && matches != 1)
        throw InvalidInput(row_field,
                           matches == 0 ? "a HashFunction prefix of one row (none starts with it)"
                                        : "a HashFunction prefix of one row (" + std::to_string(matches) +
                                              " rows start with it; give more characters)",
                           quoted(row.hash_prefix));
    const auto cells = split(chosen);
    TrafficProfile p;
    p.absolute = true;
    p.interval_s = 60.0;
    p.requests.reserve(kMinutes);
    for (std::size_t k = 0; k < kMinutes; ++k) {
        const std::string_view cell = cells[h.first_minute + k];
        const auto c = count_of(cell);
        if (!c)
            fail(
                field, chosen_line,
                "minute " + std::to_string(k + 1) + " must be a whole number of invocations >= 0, got " + quoted(cell));
        p.requests.push_back(*c);
    }
    p.source = "azure-functions-2019 row " + std::to_string(chosen_index) + " (HashFunction " +
               std::string(cells[h.hash].substr(0, 8));
    if (h.trigger) p.source += ", trigger " + std::string(cells[*h.trigger].substr(0, 20));
    p.source += ")";
    return p;
}

std::vector<AzureFunctionRow> list_azure_functions_2019(std::string_view invocations, std::string_view durations,
                                                        const std::string& field) {
    require_size(invocations, field);
    require_size(durations, field);
    // Average duration by HashFunction, from the durations file's header names.
    std::vector<std::pair<std::string, double>> averages;
    if (!durations.empty()) {
        Lines lines(durations);
        std::string_view line;
        lines.next(line);
        const auto header = split(line);
        const auto column = [&](std::string_view name) {
            return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
        };
        const std::size_t hash = column("HashFunction"), average = column("Average");
        if (hash == header.size() || average == header.size())
            throw InvalidInput(field, field + " durations line 1: the header must name HashFunction and Average", 0);
        while (lines.next(line)) {
            if (blank(line)) continue;
            const auto cells = split(line);
            double value = 0;
            if (cells.size() != header.size() ||
                std::from_chars(cells[average].data(), cells[average].data() + cells[average].size(), value).ec !=
                    std::errc{})
                throw InvalidInput(field,
                                   field + " durations line " + std::to_string(lines.number()) +
                                       ": a row of the header's fields with a numeric Average",
                                   0);
            averages.emplace_back(std::string(cells[hash]), value);
        }
    }
    Lines lines(invocations);
    const AzureHeader h = azure_header(lines, field);
    std::vector<AzureFunctionRow> out;
    std::string_view line;
    while (lines.next(line)) {
        if (blank(line)) continue;
        require_rows(out.size(), field, lines.number());
        const auto cells = split(line);
        if (cells.size() != h.columns)
            fail(
                field, lines.number(),
                std::to_string(h.columns) + " fields expected (as in the header), got " + std::to_string(cells.size()));
        AzureFunctionRow row;
        row.row = out.size();
        row.hash_function = std::string(cells[h.hash]);
        if (h.trigger) row.trigger = std::string(cells[*h.trigger]);
        for (std::size_t k = 0; k < kMinutesPerDay; ++k) {
            const auto c = count_of(cells[h.first_minute + k]);
            if (!c)
                fail(field, lines.number(),
                     "minute " + std::to_string(k + 1) + " must be a whole number of invocations >= 0, got " +
                         quoted(cells[h.first_minute + k]));
            row.invocations += *c;
        }
        for (const auto& [hash, average] : averages)
            if (hash == row.hash_function) row.average_duration_ms = average;
        out.push_back(std::move(row));
    }
    return out;
}

std::optional<TrafficFileFormat> traffic_file_format_named(std::string_view name) {
    if (name == "json") return TrafficFileFormat::json;
    if (name == "csv") return TrafficFileFormat::csv;
    if (name == "azure-2019") return TrafficFileFormat::azure_functions_2019;
    return std::nullopt;
}

TrafficFileFormat guess_traffic_file_format(std::string_view text) {
    const std::string_view start = trim(text.substr(0, 4096));
    if (!start.empty() && start.front() == '{') return TrafficFileFormat::json;
    const std::string_view header = start.substr(0, start.find('\n'));
    return header.find("HashFunction") != std::string_view::npos ? TrafficFileFormat::azure_functions_2019
                                                                 : TrafficFileFormat::csv;
}

namespace detail {

std::string_view trim_spaces(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

std::vector<std::string_view> split_fields(std::string_view line) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = line.find(',', start);
        out.push_back(
            trim_spaces(line.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start)));
        if (comma == std::string_view::npos) return out;
        start = comma + 1;
    }
}

std::string quoted_value(std::string_view s) {
    std::string out = "\"";
    out.append(s.substr(0, 40));
    out.append(s.size() > 40 ? "...\"" : "\"");
    return out;
}

/// Reads and checks the header line.
AzureHeader azure_header(Lines& lines, const std::string& field) {
    std::string_view line;
    if (!lines.next(line) || blank(line))
        fail(field, 1, "the header must name HashFunction and minutes 1..1440 (the text is empty)");
    const auto header = split(line);
    const auto find = [&](std::string_view name) {
        return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
    };
    AzureHeader h;
    h.columns = header.size();
    h.hash = find("HashFunction");
    if (h.hash == header.size()) fail(field, 1, "the header has no HashFunction column");
    if (find("Trigger") < header.size()) h.trigger = find("Trigger");
    if (header.size() < kMinutesPerDay + 1)
        fail(field, 1, "the header must end with 1,440 minute columns (1..1440 or minute_1..minute_1440)");
    h.first_minute = header.size() - kMinutesPerDay;
    for (std::size_t k = 1; k <= kMinutesPerDay; ++k) {
        const std::string_view name = header[h.first_minute + k - 1];
        if (name != std::to_string(k) && name != "minute_" + std::to_string(k))
            fail(field, 1,
                 "column " + std::to_string(h.first_minute + k) + " must be minute " + std::to_string(k) + " (\"" +
                     std::to_string(k) + "\" or \"minute_" + std::to_string(k) + "\"), got " + quoted(name));
    }
    return h;
}

}  // namespace detail

}  // namespace costsim
