// Lambda REPORT logs to a scenario: detects the format, reads every REPORT record (text or JSON
// log format), refuses what it cannot read by line, and derives the workload, the Lambda as
// observed and a traffic profile. Formats and rules: Design/imports.md#lambda-report-logs.
#include <costsim/lambda_log_import.hpp>

#include "core/validation.hpp"
#include "io/civil_time.hpp"
#include "offerings/lambda_observed.hpp"

#include <costsim/cost_model.hpp>
#include <costsim/offerings/lambda.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <cmath>
#include <map>

namespace costsim {
namespace {

using detail::days_from_civil;

using json = nlohmann::ordered_json;
using L = LambdaLogLimits;
// Invalid UTF-8 (a reason cut at 40 bytes) is written as U+FFFD instead of throwing.
constexpr auto kReplace = json::error_handler_t::replace;

std::string count_text(std::size_t n) { return detail::format_quantity(double(n)); }

/// "1 record", "2 records".
std::string counted(std::size_t n, const std::string& noun) { return count_text(n) + " " + noun + (n == 1 ? "" : "s"); }

std::string quoted(std::string_view s) {
    std::string out = "\"";
    out.append(s.substr(0, 40));
    out.append(s.size() > 40 ? "...\"" : "\"");
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
        s.remove_suffix(1);
    return s;
}

/// Where an entry came from: "log line 7" or "log.events[3].message".
struct Where {
    const std::string* field;
    bool events = false;
    std::size_t index = 0;  ///< 1-based line, or 0-based event
    [[nodiscard]] std::string str() const {
        return events ? *field + ".events[" + std::to_string(index) + "].message"
                      : *field + " line " + std::to_string(index);
    }
    [[nodiscard]] std::string path() const {
        return events ? *field + ".events[" + std::to_string(index) + "]" : *field;
    }
};

[[noreturn]] void fail(const Where& at, const std::string& message) {
    throw InvalidInput(at.path(), at.str() + ": " + message, 0);
}

bool digits(std::string_view s, std::size_t at, std::size_t n, int& out) {
    if (at + n > s.size()) return false;
    out = 0;
    for (std::size_t i = at; i < at + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

/// Unix seconds of "2025-10-29T12:00:00.123Z" (also a space for T, "+00:00", "+0000", no zone =
/// UTC), years 2000 to 2999; nullopt for anything else.
std::optional<double> parse_iso_time(std::string_view s) {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!digits(s, 0, 4, year) || s.size() < 19 || s[4] != '-' || !digits(s, 5, 2, month) || s[7] != '-' ||
        !digits(s, 8, 2, day) || (s[10] != 'T' && s[10] != ' ') || !digits(s, 11, 2, hour) || s[13] != ':' ||
        !digits(s, 14, 2, minute) || s[16] != ':' || !digits(s, 17, 2, second))
        return std::nullopt;
    if (year < 2000 || year > 2999 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 ||
        second > 60)
        return std::nullopt;
    double fraction = 0.0;
    std::size_t at = 19;
    if (at < s.size() && s[at] == '.') {
        double scale = 0.1;
        ++at;
        const std::size_t start = at;
        for (; at < s.size() && s[at] >= '0' && s[at] <= '9'; ++at, scale /= 10) fraction += (s[at] - '0') * scale;
        if (at == start) return std::nullopt;
    }
    double offset_s = 0.0;
    const std::string_view zone = s.substr(at);
    if (zone == "Z" || zone.empty()) {
    } else if ((zone[0] == '+' || zone[0] == '-') && (zone.size() == 6 || zone.size() == 5)) {
        int zh = 0, zm = 0;
        if (!digits(zone, 1, 2, zh) || !digits(zone, zone.size() - 2, 2, zm) || (zone.size() == 6 && zone[3] != ':'))
            return std::nullopt;
        offset_s = (zone[0] == '+' ? 1 : -1) * (zh * 3600.0 + zm * 60.0);
    } else {
        return std::nullopt;
    }
    const long long days = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    return double(days) * 86400.0 + hour * 3600.0 + minute * 60.0 + second + fraction - offset_s;
}

/// One REPORT record; durations in thousandths of a ms, so that the billing checks are exact.
struct Record {
    long long duration_us = -1;  ///< (thousandths of a ms)
    long long billed_ms = -1;
    int memory_mb = -1;
    int max_memory_used_mb = -1;
    long long init_us = -1;
    long long restore_us = -1;
    long long billed_restore_ms = -1;
    std::optional<double> time_s;
    std::size_t index = 0;
};

constexpr double kMaxDurationMs = 1000000.0;  // 15 min of handler + 10 s of INIT, with margin
constexpr int kMinMemoryMb = 128;             // Lambda's memory bounds (lambda_kind.cpp)
constexpr int kMaxMemoryMb = 10240;

long long thousandths(double ms) { return std::llround(ms * 1000.0); }

/// Checks a duration and stores it in thousandths of a ms.
long long duration_value(const Where& at, std::string_view name, double v) {
    if (!std::isfinite(v) || v < 0 || v > kMaxDurationMs)
        fail(at, std::string(name) + " must be in [0, 1,000,000] ms, got " + detail::format_number(v));
    return thousandths(v);
}

long long whole_ms(const Where& at, std::string_view name, double v) {
    if (!std::isfinite(v) || v < 0 || v > kMaxDurationMs || v != std::floor(v))
        fail(at,
             std::string(name) + " must be a whole number of ms in [0, 1,000,000], got " + detail::format_number(v));
    return static_cast<long long>(v);
}

int memory_value(const Where& at, std::string_view name, double v, bool size) {
    const double lo = size ? kMinMemoryMb : 0;
    if (!std::isfinite(v) || v != std::floor(v) || v < lo || v > kMaxMemoryMb)
        fail(at, std::string(name) + " must be a whole number of MB in [" + (size ? "128" : "0") + ", 10240], got " +
                     detail::format_number(v));
    return static_cast<int>(v);
}

void require_complete(const Where& at, const Record& r, bool json_form) {
    const auto missing = [&](const char* text, const char* json_name) {
        fail(at, std::string("the REPORT has no ") + (json_form ? json_name : text));
    };
    if (r.duration_us < 0) missing("Duration", "record.metrics.durationMs");
    if (r.billed_ms < 0) missing("Billed Duration", "record.metrics.billedDurationMs");
    if (r.memory_mb < 0) missing("Memory Size", "record.metrics.memorySizeMB");
    if (r.max_memory_used_mb < 0) missing("Max Memory Used", "record.metrics.maxMemoryUsedMB");
    if ((r.restore_us < 0) != (r.billed_restore_ms < 0))
        fail(at, json_form ? "record.metrics.restoreDurationMs and billedRestoreDurationMs come together"
                           : "Restore Duration and Billed Restore Duration come together");
}

/// The fields of a text REPORT line after "REPORT ": `Name: value[ unit]`, tab-separated (or
/// space-separated where a copy lost the tabs). Fields it does not know are skipped to the next
/// tab; without tabs an unknown field is an error (nothing says where it ends).
Record parse_report_text(std::string_view body, const Where& at) {
    struct Known {
        std::string_view name;
        char unit;  // 'm' ms, 'M' MB, 0 text
    };
    static constexpr std::array<Known, 11> kKnown = {{{"Billed Restore Duration", 'm'},
                                                      {"Restore Duration", 'm'},
                                                      {"Billed Duration", 'm'},
                                                      {"Init Duration", 'm'},
                                                      {"Duration", 'm'},
                                                      {"Max Memory Used", 'M'},
                                                      {"Memory Size", 'M'},
                                                      {"RequestId", 0},
                                                      {"XRAY TraceId", 0},
                                                      {"SegmentId", 0},
                                                      {"Sampled", 0}}};
    const bool tabs = body.find('\t') != std::string_view::npos;
    Record r;
    std::vector<std::string_view> seen;
    std::size_t pos = 0;
    const auto skip_blanks = [&] {
        while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;
    };
    const auto token = [&] {
        const std::size_t start = pos;
        while (pos < body.size() && body[pos] != ' ' && body[pos] != '\t') ++pos;
        return body.substr(start, pos - start);
    };
    while (true) {
        skip_blanks();
        if (pos >= body.size()) break;
        const Known* field = nullptr;
        for (const Known& k : kKnown)
            if (body.substr(pos, k.name.size()) == k.name && body.substr(pos + k.name.size(), 1) == ":") {
                field = &k;
                break;
            }
        if (!field) {
            if (!tabs) fail(at, "unknown REPORT field at " + quoted(body.substr(pos)));
            const std::size_t tab = body.find('\t', pos);
            pos = tab == std::string_view::npos ? body.size() : tab;
            continue;
        }
        if (std::find(seen.begin(), seen.end(), field->name) != seen.end())
            fail(at, std::string(field->name) + " is given twice");
        seen.push_back(field->name);
        pos += field->name.size() + 1;
        skip_blanks();
        const std::string_view value = token();
        if (field->unit == 0) continue;
        double v = 0.0;
        const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), v);
        if (value.empty() || error != std::errc() || end != value.data() + value.size())
            fail(at, std::string(field->name) + " must be a number, got " + quoted(value));
        skip_blanks();
        const std::size_t unit_at = pos;
        const std::string_view unit = token();
        const std::string_view expected = field->unit == 'm' ? "ms" : "MB";
        if (unit != expected) {
            // No unit written: the next field starts here; anything else is a wrong unit.
            const bool next_field = std::any_of(kKnown.begin(), kKnown.end(), [&](const Known& k) {
                return !unit.empty() && k.name.starts_with(unit) &&
                       (k.name.size() == unit.size() || k.name[unit.size()] == ' ' || unit.back() == ':');
            });
            if (!unit.empty() && !next_field && !(tabs && body.substr(unit_at - 1, 1) == "\t"))
                fail(at, std::string(field->name) + " must be in " + std::string(expected) + ", got " + quoted(unit));
            pos = unit_at;
        }
        const std::string_view name = field->name;
        if (name == "Duration") r.duration_us = duration_value(at, name, v);
        if (name == "Billed Duration") r.billed_ms = whole_ms(at, name, v);
        if (name == "Init Duration") r.init_us = duration_value(at, name, v);
        if (name == "Restore Duration") r.restore_us = duration_value(at, name, v);
        if (name == "Billed Restore Duration") r.billed_restore_ms = whole_ms(at, name, v);
        if (name == "Memory Size") r.memory_mb = memory_value(at, name, v, true);
        if (name == "Max Memory Used") r.max_memory_used_mb = memory_value(at, name, v, false);
    }
    require_complete(at, r, false);
    return r;
}

/// A platform.report record of the JSON log format (or the Telemetry API): record.metrics.
Record parse_report_json(const json& j, const Where& at) {
    const auto* record = j.contains("record") ? &j.at("record") : nullptr;
    if (!record || !record->is_object()) fail(at, "a platform.report needs a \"record\" object");
    if (!record->contains("metrics") || !record->at("metrics").is_object())
        fail(at, "a platform.report needs \"record\".\"metrics\" (an object)");
    const json& m = record->at("metrics");
    Record r;
    const auto number = [&](const char* key) -> std::optional<double> {
        if (!m.contains(key)) return std::nullopt;
        if (!m.at(key).is_number()) fail(at, std::string("record.metrics.") + key + " must be a number");
        return m.at(key).get<double>();
    };
    if (auto v = number("durationMs")) r.duration_us = duration_value(at, "record.metrics.durationMs", *v);
    if (auto v = number("billedDurationMs")) r.billed_ms = whole_ms(at, "record.metrics.billedDurationMs", *v);
    if (auto v = number("memorySizeMB")) r.memory_mb = memory_value(at, "record.metrics.memorySizeMB", *v, true);
    if (auto v = number("maxMemoryUsedMB"))
        r.max_memory_used_mb = memory_value(at, "record.metrics.maxMemoryUsedMB", *v, false);
    if (auto v = number("initDurationMs")) r.init_us = duration_value(at, "record.metrics.initDurationMs", *v);
    if (auto v = number("restoreDurationMs")) r.restore_us = duration_value(at, "record.metrics.restoreDurationMs", *v);
    if (auto v = number("billedRestoreDurationMs"))
        r.billed_restore_ms = whole_ms(at, "record.metrics.billedRestoreDurationMs", *v);
    require_complete(at, r, true);
    if (j.contains("time")) {
        if (!j.at("time").is_string()) fail(at, "\"time\" must be an ISO 8601 string");
        const std::string t = j.at("time").get<std::string>();
        r.time_s = parse_iso_time(t);
        if (!r.time_s)
            fail(at, "\"time\" must be an ISO 8601 UTC time (2025-10-29T12:00:00.000Z), got " +
                         quoted(std::string_view(t)));
    }
    return r;
}

/// Collects records and skipped lines.
class Reader {
  public:
    Reader(const std::string& field, LambdaLogImport& out) : field_(field), out_(out) {}

    void skip(const std::string& reason, std::size_t index) {
        for (SkippedLines& s : out_.skipped)
            if (s.reason == reason) {
                ++s.count;
                return;
            }
        out_.skipped.push_back({reason, 1, index});
    }

    void add(Record r) {
        if (records_.size() >= L::max_records)
            throw LimitExceeded(field_, field_ + ": at most " + count_text(L::max_records) + " REPORT records");
        records_.push_back(r);
    }

    /// One line of text (or an event's message): a REPORT line, a JSON record or anything else.
    /// `time_s`: the event's own time (filter-log-events), used when the record has none.
    /// A line may be text or JSON in any log: a function logging JSON (Powertools) in the text
    /// format mixes both.
    void entry(std::string_view text, const Where& at, std::optional<double> time_s) {
        ++out_.lines_read;
        if (text.size() > L::max_line_bytes)
            fail(at, "longer than the limit of " + count_text(L::max_line_bytes) + " bytes");
        const std::string_view line = trim(text);
        if (line.empty()) {
            skip("blank", at.index);
            return;
        }
        if (line.front() == '{') {
            json j;
            try {
                j = json::parse(line);
            } catch (const json::exception& e) {
                if (line.find("platform.report") != std::string_view::npos)
                    fail(at, std::string("a platform.report record that is not valid JSON (") + e.what() + ")");
                skip("not a REPORT line", at.index);
                return;
            }
            if (!j.is_object() || !j.contains("type") || !j.at("type").is_string()) {
                skip("a JSON line without \"type\"", at.index);
                return;
            }
            const std::string type = j.at("type").get<std::string>();
            if (type != "platform.report") {
                skip("not a platform.report record (" + type.substr(0, 40) + ")", at.index);
                return;
            }
            Record r = parse_report_json(j, at);
            if (!r.time_s) r.time_s = time_s;
            r.index = at.index;
            add(r);
            ++json_records_;
            return;
        }
        const std::size_t report = line.find("REPORT RequestId:");
        if (report == std::string_view::npos) {
            skip("not a REPORT line", at.index);
            return;
        }
        Record r = parse_report_text(line.substr(report + 7), at);
        // A CloudWatch Logs export or `aws logs tail` line starts with the event's time.
        const std::string_view prefix = trim(line.substr(0, report));
        r.time_s = time_s;
        if (!prefix.empty()) {
            const std::string_view first = prefix.substr(0, prefix.find_first_of(" \t"));
            if (auto t = parse_iso_time(first)) {
                r.time_s = *t;
                ++prefixed_;
            }
        }
        r.index = at.index;
        add(r);
    }

    std::vector<Record>& records() { return records_; }
    [[nodiscard]] std::size_t prefixed() const { return prefixed_; }
    [[nodiscard]] std::size_t json_records() const { return json_records_; }

  private:
    const std::string& field_;
    LambdaLogImport& out_;
    std::vector<Record> records_;
    std::size_t prefixed_ = 0;
    std::size_t json_records_ = 0;
};

DurationStats stats_of(std::vector<double> values) {
    DurationStats s;
    s.count = values.size();
    if (values.empty()) return s;
    std::sort(values.begin(), values.end());
    double sum = 0.0;
    for (double v : values) sum += v;
    s.mean = sum / double(values.size());
    s.min = values.front();
    s.max = values.back();
    // Nearest rank: the ceil(p/100 x n)-th smallest value.
    const auto rank = [&](std::size_t p) {
        return values[std::max<std::size_t>(1, (p * values.size() + 99) / 100) - 1];
    };
    s.p50 = rank(50);
    s.p95 = rank(95);
    s.p99 = rank(99);
    return s;
}

long long ceil_ms(long long us) { return (us + 999) / 1000; }
long long ceil_100ms(long long us) { return (us + 99999) / 100000 * 100; }

/// Which billing rule explains the record's Billed Duration (wave2-facts 2.4, 5.1).
void classify_billing(const Record& r, LambdaLogImport& out) {
    const long long billed = r.billed_ms;
    if (r.restore_us >= 0) {
        // SnapStart: Billed = ceil(Duration) + Billed Restore Duration.
        if (billed != ceil_ms(r.duration_us) + r.billed_restore_ms) ++out.billing_unexplained;
        return;
    }
    const long long handler = ceil_ms(r.duration_us);
    if (r.init_us >= 0) {
        const long long with_init = ceil_ms(r.duration_us + r.init_us);
        if (with_init == handler) return;  // INIT under a ms: the record cannot tell
        if (billed == with_init) {
            ++out.init_billed;
        } else if (billed == handler) {
            ++out.init_not_billed;
        } else if (billed == ceil_100ms(r.duration_us + r.init_us)) {
            ++out.init_billed;
            ++out.rounding_100ms;
        } else if (billed == ceil_100ms(r.duration_us)) {
            ++out.init_not_billed;
            ++out.rounding_100ms;
        } else {
            ++out.billing_unexplained;
        }
        return;
    }
    if (billed == handler) return;
    if (billed == ceil_100ms(r.duration_us))
        ++out.rounding_100ms;
    else
        ++out.billing_unexplained;
}

/// The smallest interval (1 min, 5 min, 15 min, 1 h) that keeps the profile within its bound.
TrafficProfile profile_of(const std::vector<Record>& records, double first, double last, LambdaLogFormat format,
                          const std::string& field) {
    for (const double interval : {60.0, 300.0, 900.0, 3600.0}) {
        const double start = std::floor(first / interval) * interval;
        const auto intervals = static_cast<std::size_t>(std::floor((last - start) / interval)) + 1;
        if (intervals > L::max_profile_intervals) continue;
        TrafficProfile p;
        p.interval_s = interval;
        p.requests.assign(intervals, 0.0);
        for (const Record& r : records)
            p.requests[std::min(intervals - 1, static_cast<std::size_t>((*r.time_s - start) / interval))] += 1.0;
        p.absolute = true;
        // 1970-01-01 was a Thursday (day 3 of a week starting Monday 0).
        const auto days = static_cast<long long>(std::floor(start / 86400.0));
        const double second_of_day = start - double(days) * 86400.0;
        p.start_hour_of_week =
            static_cast<int>(((days + 3) % 7 + 7) % 7 * 24 + static_cast<long long>(second_of_day / 3600));
        p.source =
            std::string("lambda logs (") + to_string(format) + ", " + count_text(records.size()) + " REPORT records)";
        return p;
    }
    throw LimitExceeded(field, field + ": the records span " + detail::format_number((last - first) / 86400.0) +
                                   " days; at most 92 days can be imported at once (import a month at a time)");
}

LambdaLogFormat detect_format(std::string_view text, const std::string& field, json& document) {
    std::string_view rest = text;
    if (rest.substr(0, 3) == "\xEF\xBB\xBF") rest.remove_prefix(3);  // a UTF-8 byte order mark
    rest = trim(rest);
    if (rest.empty()) throw InvalidInput(field, field + " is empty: expected Lambda REPORT log lines", 0);
    if (rest.front() == '[')
        throw InvalidInput(field,
                           field +
                               " is a JSON array: expected `aws logs filter-log-events` output ({\"events\": "
                               "[...]}), one JSON log record per line, or REPORT text lines",
                           0);
    if (rest.front() != '{') return LambdaLogFormat::report_lines;  // or an export: decided per line
    const std::string_view first_line = trim(rest.substr(0, rest.find('\n')));
    json line = json::parse(first_line, nullptr, false);
    // One JSON object a line: the JSON log format, or a text log whose application logs are JSON.
    if (!line.is_discarded() && line.is_object() && !line.contains("events")) return LambdaLogFormat::report_lines;
    if (rest.size() > L::max_json_document_bytes)
        throw LimitExceeded(field, field + ": filter-log-events output is larger than the limit of " +
                                       count_text(L::max_json_document_bytes) +
                                       " bytes (split it, or import its messages as lines)");
    try {
        document = json::parse(rest);
    } catch (const json::exception& e) {
        throw ParseError(field + " is not valid JSON (truncated `aws logs filter-log-events` output?): " + e.what());
    }
    if (!document.is_object() || !document.contains("events") || !document.at("events").is_array())
        throw InvalidInput(field + ".events",
                           field +
                               " is a JSON document without an \"events\" array: expected `aws logs "
                               "filter-log-events` output",
                           0);
    return LambdaLogFormat::filter_log_events;
}

void derive(LambdaLogImport& out, std::vector<Record>& records, const LambdaLogOptions& options,
            const std::string& field) {
    // One memory size, or the one asked for; the others are skipped, counted.
    std::map<int, std::size_t> sizes;
    for (const Record& r : records) ++sizes[r.memory_mb];
    if (options.memory_mb) {
        if (!sizes.contains(*options.memory_mb)) {
            std::string found;
            for (const auto& [mb, n] : sizes) found += (found.empty() ? "" : ", ") + std::to_string(mb) + " MB";
            throw InvalidInput(
                field + ".memory_mb",
                "memory_mb " + std::to_string(*options.memory_mb) + " MB: no REPORT record has it (" + found + ")", 0);
        }
        std::vector<Record> kept;
        Reader skipped(field, out);
        for (const Record& r : records) {
            if (r.memory_mb == *options.memory_mb)
                kept.push_back(r);
            else
                skipped.skip("memory size " + std::to_string(r.memory_mb) + " MB (not the selected " +
                                 std::to_string(*options.memory_mb) + " MB)",
                             r.index);
        }
        records = std::move(kept);
    } else if (sizes.size() > 1) {
        std::string found;
        for (const auto& [mb, n] : sizes)
            found += (found.empty() ? "" : ", ") + std::to_string(mb) + " MB (" + counted(n, "record") + ")";
        throw InvalidInput(field,
                           field + " mixes memory sizes: " + found +
                               "; a scenario has one Lambda: choose one with memory_mb (--memory-mb)",
                           0);
    }
    out.records_used = records.size();
    out.memory_mb = records.front().memory_mb;

    std::vector<double> duration, billed, init, restore;
    duration.reserve(records.size());
    billed.reserve(records.size());
    for (const Record& r : records) {
        duration.push_back(double(r.duration_us) / 1000.0);
        billed.push_back(double(r.billed_ms));
        out.billed_ms_total += double(r.billed_ms);
        out.max_memory_used_mb = std::max(out.max_memory_used_mb, r.max_memory_used_mb);
        if (r.init_us >= 0) init.push_back(double(r.init_us) / 1000.0);
        if (r.restore_us >= 0) restore.push_back(double(r.billed_restore_ms));
        classify_billing(r, out);
    }
    out.duration_ms = stats_of(std::move(duration));
    out.billed_duration_ms = stats_of(std::move(billed));
    out.cold_starts = init.size();
    out.init_duration_ms = stats_of(std::move(init));
    out.restores = restore.size();
    out.billed_restore_ms = stats_of(std::move(restore));
    out.billed_gb_seconds = out.billed_ms_total / 1000.0 * (out.memory_mb / kMbPerGb);
    out.init_billing = out.init_billed > 0 && out.init_not_billed > 0 ? InitBilling::mixed
                       : out.init_billed > 0                          ? InitBilling::billed
                       : out.init_not_billed > 0                      ? InitBilling::not_billed
                                                                      : InitBilling::none_observed;

    Workload& w = out.scenario.workload;
    w.duration_ms = out.duration_ms.mean;
    w.cold_start_percent = 100.0 * double(out.cold_starts) / double(records.size());
    w.init_duration_ms = out.init_duration_ms.mean;

    out.timestamps = std::all_of(records.begin(), records.end(), [](const Record& r) { return r.time_s.has_value(); });
    if (out.timestamps) {
        const auto [lo, hi] = std::minmax_element(
            records.begin(), records.end(), [](const Record& a, const Record& b) { return *a.time_s < *b.time_s; });
        out.first_time_s = *lo->time_s;
        out.last_time_s = *hi->time_s;
        TrafficProfile profile = profile_of(records, out.first_time_s, out.last_time_s, out.format, field);
        out.covered_s = profile.period_s();
        w = w.with_traffic(std::move(profile));
        out.requests_per_month = w.requests_per_month;
        out.notes.push_back("REPORT times are the ends of invocations; the profile counts them per " +
                            detail::format_number(w.traffic->interval_s) + " s from the first record's interval");
    } else if (options.period_s) {
        out.covered_s = *options.period_s;
        w.requests_per_month = double(records.size()) * kSecondsPerMonth / *options.period_s;
        out.requests_per_month = w.requests_per_month;
        out.notes.push_back("no timestamps: the records are taken as " + detail::format_number(*options.period_s) +
                            " s of invocations (period_s)");
    } else {
        w.requests_per_month = double(records.size());
        out.requests_per_month = w.requests_per_month;
        out.notes.push_back(
            "no timestamps: the records are taken as one month's invocations (give period_s, "
            "--period-hours, for a shorter log)");
    }

    if (out.init_billing == InitBilling::not_billed)
        out.notes.push_back(
            "the log's cold starts were billed without INIT (ZIP managed runtimes before "
            "2025-08-01); cost-sim bills INIT, the rule since then, so its bill is higher");
    if (out.rounding_100ms > 0)
        out.notes.push_back(counted(out.rounding_100ms, "record") +
                            " billed in 100-ms steps (before December 2020); cost-sim rounds to 1 ms");
    if (out.restores > 0)
        out.notes.push_back(counted(out.restores, "SnapStart restore") +
                            ": their billed restore time is in the observed bill only (the "
                            "model does not bill restores)");
    if (out.billing_unexplained > 0)
        out.notes.push_back(counted(out.billing_unexplained, "record") +
                            " with a Billed Duration no known rule gives (not ceil(Duration), "
                            "ceil(Duration + Init) or 100-ms steps)");
    out.notes.push_back("Max Memory Used is the most any invocation sharing an environment used");

    LambdaConfig lambda;
    lambda.region = options.region;
    lambda.arch = options.arch;
    lambda.memory_mb = out.memory_mb;
    lambda.free_tier = options.free_tier;
    out.scenario.offerings = {Offering{"", lambda}};
    out.scenario.workload.validate("workload.");
    out.scenario.offerings.front().validate("offerings[0].");
}

}  // namespace

const char* to_string(LambdaLogFormat format) noexcept {
    switch (format) {
        case LambdaLogFormat::report_lines: return "report-lines";
        case LambdaLogFormat::cloudwatch_export: return "cloudwatch-export";
        case LambdaLogFormat::json_lines: return "json-lines";
        case LambdaLogFormat::filter_log_events: return "filter-log-events";
    }
    return "report-lines";
}

const char* to_string(InitBilling b) noexcept {
    switch (b) {
        case InitBilling::none_observed: return "none_observed";
        case InitBilling::billed: return "billed";
        case InitBilling::not_billed: return "not_billed";
        case InitBilling::mixed: return "mixed";
    }
    return "none_observed";
}

std::size_t LambdaLogImport::lines_skipped() const noexcept {
    std::size_t n = 0;
    for (const SkippedLines& s : skipped) n += s.count;
    return n;
}

LambdaLogImport import_lambda_logs(std::string_view text, const LambdaLogOptions& options, const std::string& field) {
    if (text.size() > L::max_text_bytes)
        throw LimitExceeded(field, field + " is larger than the limit of " + count_text(L::max_text_bytes) + " bytes");
    if (options.period_s &&
        (!std::isfinite(*options.period_s) || *options.period_s < 1 || *options.period_s > 92 * 86400.0))
        throw InvalidInput("period_s", "in [1, 7,948,800] s (92 days)", detail::format_number(*options.period_s));
    if (options.memory_mb && (*options.memory_mb < kMinMemoryMb || *options.memory_mb > kMaxMemoryMb))
        throw InvalidInput("memory_mb", "in [128, 10240]", std::to_string(*options.memory_mb));
    LambdaLogImport out;
    json document;
    out.format = detect_format(text, field, document);
    Reader reader(field, out);
    if (out.format == LambdaLogFormat::filter_log_events) {
        const json& events = document.at("events");
        for (std::size_t i = 0; i < events.size(); ++i) {
            const Where at{&field, true, i};
            const json& e = events[i];
            if (!e.is_object() || !e.contains("message") || !e.at("message").is_string())
                throw InvalidInput(at.path() + ".message", at.path() + ".message must be a string", 0);
            std::optional<double> time_s;
            if (e.contains("timestamp")) {
                const json& t = e.at("timestamp");
                // Milliseconds since 1970, years 2000 to 2999.
                if (!t.is_number() || t.get<double>() < 946684800000.0 || t.get<double>() > 32503680000000.0)
                    throw InvalidInput(at.path() + ".timestamp",
                                       at.path() + ".timestamp must be Unix milliseconds (years 2000 to 2999)", 0);
                time_s = t.get<double>() / 1000.0;
            }
            reader.entry(e.at("message").get<std::string>(), at, time_s);
        }
    } else {
        std::size_t pos = 0, number = 0;
        while (pos < text.size()) {
            std::size_t end = text.find('\n', pos);
            if (end == std::string_view::npos) end = text.size();
            std::string_view line = text.substr(pos, end - pos);
            pos = end + 1;
            ++number;
            if (number == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
            const Where at{&field, false, number};
            reader.entry(line, at, std::nullopt);
        }
    }
    std::vector<Record>& records = reader.records();
    if (records.empty()) {
        std::string why;
        for (const SkippedLines& s : out.skipped)
            why += (why.empty() ? "" : ", ") + count_text(s.count) + " " + s.reason;
        throw InvalidInput(field,
                           field + " has no Lambda REPORT record (" + count_text(out.lines_read) + " lines read" +
                               (why.empty() ? "" : ": " + why) +
                               "); expected REPORT lines, platform.report JSON records or filter-log-events "
                               "output",
                           0);
    }
    // Lines: the JSON log format when its records were read, an export when REPORT lines had times.
    if (out.format == LambdaLogFormat::report_lines && reader.json_records() > 0) {
        out.format = LambdaLogFormat::json_lines;
    } else if (out.format == LambdaLogFormat::report_lines && reader.prefixed() > 0) {
        out.format = LambdaLogFormat::cloudwatch_export;
        for (const Record& r : records)
            if (!r.time_s)
                fail(Where{&field, false, r.index},
                     "no timestamp before REPORT (the log's other REPORT lines have one)");
    }
    derive(out, records, options, field);
    return out;
}

LambdaLogBills lambda_log_bills(const LambdaLogImport& import, const Catalog& catalog) {
    const Offering& offering = import.scenario.offerings.front();
    const auto& lambda = std::get<LambdaConfig>(offering.config);
    const auto requests = double(import.records_used);
    LambdaLogBills bills{
        detail::observed_lambda_bill(requests, import.billed_gb_seconds, lambda, catalog, offering.effective_id()),
        CostModel::build(import.scenario.workload, offering, catalog, "offerings[0].").bill(requests)};
    return bills;
}

std::string scenario_to_json(const LambdaLogImport& import, int indent) {
    Scenario s = import.scenario;
    s.workload.traffic = nullptr;  // the writer gives a profile's summary; a scenario needs its series
    json j = json::parse(to_json(s));
    if (const auto& t = import.scenario.workload.traffic) {
        j["workload"].erase("requests_per_month");  // the series gives the level
        j["workload"]["traffic"] = {
            {"interval_s", t->interval_s}, {"start_hour_of_week", t->start_hour_of_week}, {"requests", t->requests}};
    }
    return j.dump(indent, ' ', false, kReplace);
}

namespace {

json stats_json(const DurationStats& s) {
    return {{"count", s.count}, {"mean", s.mean}, {"min", s.min}, {"p50", s.p50},
            {"p95", s.p95},     {"p99", s.p99},   {"max", s.max}};
}

std::string iso_time(double t) {
    const auto seconds = static_cast<long long>(std::floor(t));
    long long z = seconds / 86400 + 719468;
    const long long era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    const long long y = static_cast<long long>(yoe) + era * 400 + (m <= 2 ? 1 : 0);
    const long long sod = ((seconds % 86400) + 86400) % 86400;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lldZ", y, m, d, sod / 3600, sod / 60 % 60,
                  sod % 60);
    return buf;
}

}  // namespace

std::string to_json(const LambdaLogImport& import, const LambdaLogBills& bills, int indent) {
    json summary = json::object();
    summary["format"] = to_string(import.format);
    summary["lines_read"] = import.lines_read;
    summary["records_used"] = import.records_used;
    summary["lines_skipped"] = import.lines_skipped();
    json skipped = json::array();
    for (const SkippedLines& s : import.skipped)
        skipped.push_back({{"reason", s.reason}, {"count", s.count}, {"first_line", s.first_line}});
    summary["skipped"] = skipped;
    summary["timestamps"] = import.timestamps;
    if (import.timestamps) {
        summary["first_time"] = iso_time(import.first_time_s);
        summary["last_time"] = iso_time(import.last_time_s);
    }
    summary["covered_s"] = import.covered_s;
    summary["invocations"] = import.records_used;
    summary["requests_per_month"] = import.requests_per_month;
    summary["memory_mb"] = import.memory_mb;
    summary["max_memory_used_mb"] = import.max_memory_used_mb;
    summary["duration_ms"] = stats_json(import.duration_ms);
    summary["billed_duration_ms"] = stats_json(import.billed_duration_ms);
    summary["cold_starts"] = import.cold_starts;
    summary["init_duration_ms"] = stats_json(import.init_duration_ms);
    summary["restores"] = import.restores;
    summary["billed_restore_ms"] = stats_json(import.billed_restore_ms);
    summary["init_billing"] = to_string(import.init_billing);
    summary["init_billed"] = import.init_billed;
    summary["init_not_billed"] = import.init_not_billed;
    summary["rounding_100ms"] = import.rounding_100ms;
    summary["billing_unexplained"] = import.billing_unexplained;
    summary["billed_ms_total"] = import.billed_ms_total;
    summary["billed_gb_seconds"] = import.billed_gb_seconds;
    summary["notes"] = import.notes;
    json out = json::object();
    out["scenario"] = json::parse(scenario_to_json(import, -1));
    out["summary"] = summary;
    out["observed_bill"] = json::parse(to_json(bills.observed));
    out["modelled_bill"] = json::parse(to_json(bills.modelled));
    return out.dump(indent, ' ', false, kReplace);
}

std::string summary_line(const LambdaLogImport& import) {
    std::string line = std::string(to_string(import.format)) + ": " + count_text(import.lines_read) + " lines read, " +
                       counted(import.records_used, "REPORT record") + " used, " + count_text(import.lines_skipped()) +
                       " skipped";
    std::string why;
    for (const SkippedLines& s : import.skipped)
        why += (why.empty() ? "" : ", ") + count_text(s.count) + " " + s.reason;
    if (!why.empty()) line += " (" + why + ")";
    line += "; " + std::to_string(import.memory_mb) + " MB, " + counted(import.cold_starts, "cold start") + ", INIT " +
            to_string(import.init_billing) + "; " + detail::format_quantity(std::round(import.requests_per_month)) +
            " requests a month";
    if (import.timestamps) line += " (" + iso_time(import.first_time_s) + " to " + iso_time(import.last_time_s) + ")";
    return line;
}

LambdaLogImport import_lambda_logs_request(std::string_view body) {
    json j;
    try {
        j = json::parse(body);
    } catch (const json::exception& e) {
        throw ParseError(std::string("the body is not valid JSON: ") + e.what());
    }
    if (!j.is_object()) throw InvalidInput("body", "a JSON object: {\"log\": \"...\"} or filter-log-events output", 0);
    if (j.contains("events")) return import_lambda_logs(body, {}, "body");
    for (const auto& [key, value] : j.items())
        if (key != "log" && key != "region" && key != "arch" && key != "memory_mb" && key != "free_tier" &&
            key != "period_s")
            throw InvalidInput(key, "absent: the body takes log, region, arch, memory_mb, free_tier and period_s", 0);
    if (!j.contains("log") || !j.at("log").is_string())
        throw InvalidInput("log", "a string: the log's text (REPORT lines, JSON records or filter-log-events output)",
                           j.contains("log") ? std::string(j.at("log").type_name()) : "nothing");
    LambdaLogOptions options;
    if (j.contains("region")) {
        if (!j.at("region").is_string()) throw InvalidInput("region", "a string", j.at("region").type_name());
        options.region = j.at("region").get<std::string>();
    }
    if (j.contains("arch")) {
        const json& a = j.at("arch");
        if (!a.is_string() || (a != "x86_64" && a != "arm64"))
            throw InvalidInput("arch", "x86_64 or arm64", a.dump(-1, ' ', false, kReplace));
        options.arch = a == "arm64" ? Architecture::arm64 : Architecture::x86_64;
    }
    if (j.contains("memory_mb")) {
        const json& m = j.at("memory_mb");
        if (!m.is_number_integer())
            throw InvalidInput("memory_mb", "a whole number of MB", m.dump(-1, ' ', false, kReplace));
        const auto mb = m.get<long long>();
        if (mb < kMinMemoryMb || mb > kMaxMemoryMb)
            throw InvalidInput("memory_mb", "in [128, 10240]", m.dump(-1, ' ', false, kReplace));
        options.memory_mb = static_cast<int>(mb);
    }
    if (j.contains("free_tier")) {
        if (!j.at("free_tier").is_boolean())
            throw InvalidInput("free_tier", "true or false", j.at("free_tier").dump(-1, ' ', false, kReplace));
        options.free_tier = j.at("free_tier").get<bool>();
    }
    if (j.contains("period_s")) {
        if (!j.at("period_s").is_number())
            throw InvalidInput("period_s", "a number of seconds", j.at("period_s").dump(-1, ' ', false, kReplace));
        options.period_s = j.at("period_s").get<double>();
    }
    return import_lambda_logs(j.at("log").get<std::string>(), options, "log");
}

}  // namespace costsim
