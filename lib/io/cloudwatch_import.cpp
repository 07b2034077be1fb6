// CloudWatch metrics to a traffic profile and a mean duration: the JSON of
// `aws cloudwatch get-metric-statistics` and `get-metric-data`. Every error names the input and
// its JSON path. Formats and rules: Design/imports.md#cloudwatch-metrics (wave2-facts 5.2).
#include <costsim/metrics_import.hpp>

#include "core/validation.hpp"
#include "io/civil_time.hpp"

#include <costsim/version.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>
#include <numeric>

namespace costsim {

namespace {

using detail::days_from_civil;
using detail::whole_digits;

using Json = nlohmann::json;

enum class Metric { invocations, duration, concurrent_executions, throttles, request_count, unknown };

const char* metric_name(Metric m) {
    switch (m) {
        case Metric::invocations: return "Invocations";
        case Metric::duration: return "Duration";
        case Metric::concurrent_executions: return "ConcurrentExecutions";
        case Metric::throttles: return "Throttles";
        case Metric::request_count: return "RequestCount";
        case Metric::unknown: break;
    }
    return "unknown";
}

std::string normalised(std::string_view s) {
    std::string out;
    for (char c : s)
        if (std::isalnum(static_cast<unsigned char>(c)))
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

/// The metric a series is, from its Label (get-metric-statistics: the metric name; get-metric-data:
/// the metric name by default, or the user's) or its Id. Names that contain one of ours but are
/// another metric (ProvisionedConcurrencyInvocations, UnreservedConcurrentExecutions,
/// RequestCountPerTarget) are not ours.
Metric metric_of(std::string_view label, std::string_view id) {
    for (const std::string& text : {normalised(label), normalised(id)}) {
        if (text.empty()) continue;
        if (text.find("provisioned") != std::string::npos || text.find("unreserved") != std::string::npos ||
            text.find("pertarget") != std::string::npos)
            return Metric::unknown;
        for (Metric m : {Metric::concurrent_executions, Metric::request_count, Metric::invocations, Metric::throttles,
                         Metric::duration})
            if (text.find(normalised(metric_name(m))) != std::string::npos) return m;
    }
    return Metric::unknown;
}

/// Unix seconds of "2024-06-01T00:05:00Z" (the CLI's form), also with fractional seconds, a space
/// for the T, or a "+00:00" offset (boto3's str()). Other offsets are refused: CloudWatch is UTC.
std::optional<long long> timestamp_of(std::string_view s) {
    if (s.size() < 19 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' || s[16] != ':')
        return std::nullopt;
    std::string_view rest = s.substr(19);
    if (!rest.empty() && rest.front() == '.') {
        rest.remove_prefix(1);
        while (!rest.empty() && std::isdigit(static_cast<unsigned char>(rest.front()))) rest.remove_prefix(1);
    }
    if (rest != "" && rest != "Z" && rest != "+00:00" && rest != "+0000") return std::nullopt;
    const auto y = whole_digits(s.substr(0, 4)), mo = whole_digits(s.substr(5, 2)), d = whole_digits(s.substr(8, 2)),
               h = whole_digits(s.substr(11, 2)), mi = whole_digits(s.substr(14, 2)),
               sec = whole_digits(s.substr(17, 2));
    if (!y || !mo || !d || !h || !mi || !sec || *mo < 1 || *mo > 12 || *d < 1 || *d > 31 || *h > 23 || *mi > 59 ||
        *sec > 59)
        return std::nullopt;
    return days_from_civil(*y, static_cast<unsigned>(*mo), static_cast<unsigned>(*d)) * 86400 + *h * 3600 + *mi * 60 +
           *sec;
}

std::string iso_of(long long t) {
    long long days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
    const long long secs = t - days * 86400;
    // civil_from_days (H. Hinnant)
    days += 719468;
    const long long era = (days >= 0 ? days : days - 146096) / 146097;
    const auto doe = static_cast<unsigned>(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    const long long y = static_cast<long long>(yoe) + era * 400 + (m <= 2);
    char text[64];
    std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(y % 10000), m, d,
                  static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60));
    return text;
}

/// Monday 00:00 = 0; 1970-01-01 was a Thursday (hour 72 of its week).
int hour_of_week_at(long long unix_s) {
    const long long hours = (unix_s >= 0 ? unix_s / 3600 : (unix_s - 3599) / 3600) + 72;
    return static_cast<int>(((hours % 168) + 168) % 168);
}

/// Which statistic a series holds.
enum class Stat { sum, average, maximum, other };

struct Point {
    long long t = 0;
    double value = 0.0;
    std::string where;  ///< its JSON path, for errors
};

struct Series {
    Metric metric = Metric::unknown;
    Stat stat = Stat::other;
    std::string where;  ///< the series' JSON path
    std::vector<Point> points;
};

/// Reads the CLI outputs into series; unknown metrics are counted as skipped.
class Reader {
  public:
    explicit Reader(CloudWatchImport& out) : out_(out) {}

    void read(const CloudWatchInput& input) {
        if (input.text.size() > CloudWatchLimits::max_text_bytes)
            throw LimitExceeded(input.name, input.name + " is larger than the limit of " +
                                                detail::format_quantity(double(CloudWatchLimits::max_text_bytes)) +
                                                " bytes");
        Json root;
        try {
            root = Json::parse(input.text);
        } catch (const Json::parse_error& e) {
            throw ParseError(input.name + ": not valid JSON (truncated?) at byte " + std::to_string(e.byte) +
                             ": the output of aws cloudwatch get-metric-statistics or get-metric-data is expected");
        }
        if (root.is_array()) {
            if (root.empty()) fail(input.name, "an output object or an array of them, not an empty array");
            for (std::size_t i = 0; i < root.size(); ++i) output(root[i], input.name + ": [" + std::to_string(i) + "]");
        } else {
            output(root, input.name + ":");
        }
    }

    std::vector<Series> series;

  private:
    [[noreturn]] static void fail(const std::string& where, const std::string& rule) {
        // The output itself is "m.json:" in messages and "m.json" as the field.
        const std::string field = where.ends_with(':') ? where.substr(0, where.size() - 1) : where;
        throw InvalidInput(field, where + " must be " + rule, 0);
    }

    static std::string path(const std::string& base, std::string_view key) {
        return base.back() == ':' ? base + " " + std::string(key) : base + "." + std::string(key);
    }

    void output(const Json& j, const std::string& where) {
        if (!j.is_object())
            fail(where,
                 "a get-metric-statistics output (Label, Datapoints) or a get-metric-data output "
                 "(MetricDataResults)");
        if (j.contains("MetricDataResults")) {
            metric_data(j, where);
        } else if (j.contains("Datapoints")) {
            statistics(j, where);
        } else {
            fail(where,
                 "a get-metric-statistics output (Label, Datapoints) or a get-metric-data output "
                 "(MetricDataResults); neither key is there");
        }
    }

    static long long time_of(const Json& t, const std::string& where) {
        if (!t.is_string()) fail(where, "an ISO 8601 UTC time such as \"2024-06-01T00:05:00Z\"");
        const auto seconds = timestamp_of(t.get<std::string>());
        if (!seconds)
            throw InvalidInput(where, "an ISO 8601 UTC time such as \"2024-06-01T00:05:00Z\"",
                               "\"" + t.get<std::string>().substr(0, 40) + "\"");
        return *seconds;
    }

    static double value_of(const Json& v, const std::string& where) {
        if (!v.is_number()) fail(where, "a number");
        const double d = v.get<double>();
        if (!std::isfinite(d) || d < 0) throw InvalidInput(where, "a finite number >= 0", detail::format_number(d));
        return d;
    }

    void count_points(std::size_t n) {
        total_points_ += n;
        out_.summary.read += n;
        if (total_points_ > CloudWatchLimits::max_datapoints)
            throw LimitExceeded("datapoints", "at most " +
                                                  detail::format_quantity(double(CloudWatchLimits::max_datapoints)) +
                                                  " datapoints in one import");
    }

    void add(Series s, std::size_t points) {
        if (s.metric == Metric::unknown) {
            for (std::size_t i = 0; i < points; ++i) out_.summary.skip("of a metric cost-sim does not use");
            return;
        }
        if (series.size() >= CloudWatchLimits::max_series)
            throw LimitExceeded(s.where, "at most " + std::to_string(CloudWatchLimits::max_series) + " metric series");
        series.push_back(std::move(s));
    }

    void statistics(const Json& j, const std::string& where) {
        const std::string label_path = path(where, "Label");
        if (!j.contains("Label") || !j["Label"].is_string()) fail(label_path, "the metric's name (a string)");
        const Json& points = j["Datapoints"];
        const std::string points_path = path(where, "Datapoints");
        if (!points.is_array()) fail(points_path, "an array of datapoints");
        count_points(points.size());
        Series s;
        s.metric = metric_of(j["Label"].get<std::string>(), "");
        s.where = points_path;
        // One key per requested statistic; the metric decides which is used.
        const std::vector<std::pair<Stat, const char*>> wanted =
            s.metric == Metric::duration
                ? std::vector<std::pair<Stat, const char*>>{{Stat::sum, "Sum"}, {Stat::average, "Average"}}
            : s.metric == Metric::concurrent_executions
                ? std::vector<std::pair<Stat, const char*>>{{Stat::maximum, "Maximum"}}
                : std::vector<std::pair<Stat, const char*>>{{Stat::sum, "Sum"}};
        if (s.metric != Metric::unknown && !points.empty()) {
            const Json& first = points[0];
            for (const auto& [stat, key] : wanted)
                if (first.is_object() && first.contains(key)) {
                    s.stat = stat;
                    break;
                }
            if (s.stat == Stat::other) {
                std::string keys;
                for (const auto& [stat, key] : wanted) keys += (keys.empty() ? "" : " or ") + std::string(key);
                fail(points_path + "[0]", "a datapoint with " + keys + " for " + metric_name(s.metric) +
                                              " (request that statistic with --statistics)");
            }
        }
        const char* key = nullptr;
        for (const auto& [stat, k] : wanted)
            if (stat == s.stat) key = k;
        for (std::size_t i = 0; i < points.size() && s.metric != Metric::unknown; ++i) {
            const std::string at = points_path + "[" + std::to_string(i) + "]";
            const Json& p = points[i];
            if (!p.is_object()) fail(at, "an object with Timestamp and " + std::string(key));
            if (!p.contains("Timestamp")) fail(at + ".Timestamp", "present (missing field)");
            if (!p.contains(key)) fail(at + "." + key, "present in every datapoint (missing field)");
            s.points.push_back(
                {time_of(p["Timestamp"], at + ".Timestamp"), value_of(p[key], at + "." + key), at + "." + key});
        }
        add(std::move(s), points.size());
    }

    void metric_data(const Json& j, const std::string& where) {
        const Json& results = j["MetricDataResults"];
        const std::string results_path = path(where, "MetricDataResults");
        if (!results.is_array()) fail(results_path, "an array of results");
        if (j.contains("NextToken") && j["NextToken"].is_string() && !j["NextToken"].get<std::string>().empty())
            note("the output has a NextToken: later pages were not fetched (pass every page's output)");
        for (std::size_t r = 0; r < results.size(); ++r) {
            const std::string at = results_path + "[" + std::to_string(r) + "]";
            const Json& result = results[r];
            if (!result.is_object()) fail(at, "an object with Id, Label, Timestamps and Values");
            const std::string id =
                result.contains("Id") && result["Id"].is_string() ? result["Id"].get<std::string>() : "";
            const std::string label =
                result.contains("Label") && result["Label"].is_string() ? result["Label"].get<std::string>() : "";
            if (id.empty() && label.empty()) fail(at + ".Label", "the metric's name (a string), or an Id naming it");
            for (const char* key : {"Timestamps", "Values"})
                if (!result.contains(key) || !result[key].is_array()) fail(at + "." + key, "an array (missing field)");
            const Json& times = result["Timestamps"];
            const Json& values = result["Values"];
            if (times.size() != values.size())
                fail(at + ".Values", "as long as " + at + ".Timestamps (" + std::to_string(times.size()) + "), got " +
                                         std::to_string(values.size()));
            count_points(times.size());
            const std::string status = result.contains("StatusCode") && result["StatusCode"].is_string()
                                           ? result["StatusCode"].get<std::string>()
                                           : "Complete";
            if (status == "InternalError" || status == "Forbidden") {
                for (std::size_t i = 0; i < times.size(); ++i)
                    out_.summary.skip("of a result with StatusCode " + status);
                continue;
            }
            if (status == "PartialData") note(at + " has StatusCode PartialData: pass the next page's output too");
            Series s;
            s.metric = metric_of(label, id);
            s.where = at;
            // GetMetricData's output does not name the statistic: by the metric (wave2-facts 5.2),
            // Duration's Sum when its Id or Label says "sum".
            s.stat = s.metric == Metric::concurrent_executions ? Stat::maximum
                     : s.metric == Metric::duration
                         ? (normalised(id + " " + label).find("sum") != std::string::npos ? Stat::sum : Stat::average)
                         : Stat::sum;
            for (std::size_t i = 0; i < times.size() && s.metric != Metric::unknown; ++i) {
                const std::string index = "[" + std::to_string(i) + "]";
                s.points.push_back({time_of(times[i], at + ".Timestamps" + index),
                                    value_of(values[i], at + ".Values" + index), at + ".Values" + index});
            }
            add(std::move(s), times.size());
        }
    }

    void note(const std::string& text) {
        if (std::find(out_.notes.begin(), out_.notes.end(), text) == out_.notes.end()) out_.notes.push_back(text);
    }

    CloudWatchImport& out_;
    std::size_t total_points_ = 0;
};

/// Every series of `metric` merged (pages of one query), in time order; a time given twice is an error.
std::optional<Series> merged(std::vector<Series>& all, Metric metric) {
    std::optional<Series> out;
    for (Series& s : all) {
        if (s.metric != metric) continue;
        if (!out) {
            out = std::move(s);
            continue;
        }
        if (s.stat != out->stat)
            throw InvalidInput(
                s.where, s.where + ": " + std::string(metric_name(metric)) + " is given with two statistics; give one",
                0);
        out->points.insert(out->points.end(), s.points.begin(), s.points.end());
    }
    if (!out) return out;
    std::sort(out->points.begin(), out->points.end(), [](const Point& a, const Point& b) { return a.t < b.t; });
    for (std::size_t i = 1; i < out->points.size(); ++i)
        if (out->points[i].t == out->points[i - 1].t)
            throw InvalidInput(out->points[i].where,
                               out->points[i].where + ": " + iso_of(out->points[i].t) + " is given twice for " +
                                   metric_name(metric) + " (the same function's metric once, or one page once)",
                               0);
    return out;
}

}  // namespace

CloudWatchImport import_cloudwatch(const std::vector<CloudWatchInput>& inputs, std::optional<double> period_s) {
    CloudWatchImport out;
    if (inputs.empty()) throw InvalidInput("metrics", "metrics: at least one CloudWatch output is required", 0);
    Reader reader(out);
    for (const CloudWatchInput& input : inputs) reader.read(input);

    std::optional<Series> traffic = merged(reader.series, Metric::invocations);
    std::optional<Series> requests = merged(reader.series, Metric::request_count);
    const std::optional<Series> duration = merged(reader.series, Metric::duration);
    const std::optional<Series> concurrency = merged(reader.series, Metric::concurrent_executions);
    const std::optional<Series> throttles = merged(reader.series, Metric::throttles);
    if (traffic && requests) {
        out.request_count = 0.0;
        for (const Point& p : requests->points) *out.request_count += p.value;
        out.summary.used += requests->points.size();
        out.notes.push_back("RequestCount is reported, not used for the profile: Invocations is");
    } else if (!traffic) {
        traffic = std::move(requests);
    }
    if (!traffic || traffic->points.empty())
        throw InvalidInput("metrics",
                           "metrics: an Invocations (Lambda, Sum) or RequestCount (ALB, Sum) series with "
                           "datapoints is required: it gives the traffic",
                           0);
    const Series& t = *traffic;
    out.traffic_metric = t.metric == Metric::invocations ? "Invocations" : "RequestCount";

    // The period: given, or the greatest common divisor of the gaps (absent periods are zeros).
    long long period = 0;
    if (period_s) {
        if (!(*period_s >= TrafficLimits::min_interval_s && *period_s <= TrafficLimits::max_interval_s) ||
            *period_s != std::floor(*period_s))
            throw InvalidInput("period_s", "a whole number of seconds in [1, 3600]", detail::format_number(*period_s));
        period = static_cast<long long>(*period_s);
        for (const Point& p : t.points)
            if ((p.t - t.points.front().t) % period != 0)
                throw InvalidInput(p.where,
                                   p.where + ": " + iso_of(p.t) + " is not a whole number of periods (" +
                                       std::to_string(period) + " s) after the first datapoint",
                                   0);
    } else {
        for (std::size_t i = 1; i < t.points.size(); ++i) period = std::gcd(period, t.points[i].t - t.points[i - 1].t);
        if (period == 0)
            throw InvalidInput("period_s",
                               "period_s: one datapoint does not give the metric's period; give it (--period 60)", 0);
        if (period > static_cast<long long>(TrafficLimits::max_interval_s))
            throw InvalidInput("period_s",
                               "period_s: the datapoints are " + std::to_string(period) +
                                   " s apart, more than a profile's largest interval (3,600 s): request --period 3600 "
                                   "data, or give --period if hours are missing",
                               0);
    }
    out.period_s = double(period);
    const long long first = t.points.front().t;
    const long long intervals = (t.points.back().t - first) / period + 1;
    if (intervals > static_cast<long long>(TrafficLimits::max_intervals))
        throw LimitExceeded("metrics", "metrics: " + iso_of(first) + " to " + iso_of(t.points.back().t) + " at " +
                                           std::to_string(period) + " s is " +
                                           detail::format_quantity(double(intervals)) + " periods, more than " +
                                           detail::format_quantity(double(TrafficLimits::max_intervals)));
    out.profile.interval_s = double(period);
    out.profile.requests.assign(static_cast<std::size_t>(intervals), 0.0);
    out.profile.absolute = true;
    out.profile.start_hour_of_week = hour_of_week_at(first);
    for (const Point& p : t.points) {
        if (p.value != std::floor(p.value) || p.value > TrafficLimits::max_requests_per_interval)
            throw InvalidInput(p.where, "a whole number of requests (a Sum of " + out.traffic_metric + ")",
                               detail::format_number(p.value));
        out.profile.requests[static_cast<std::size_t>((p.t - first) / period)] = p.value;
        out.invocations += p.value;
    }
    out.traffic_datapoints = t.points.size();
    out.filled_with_zero = static_cast<std::size_t>(intervals) - t.points.size();
    out.summary.used += t.points.size();
    out.start = iso_of(first);
    out.end = iso_of(t.points.back().t + period);
    out.profile.source = "cloudwatch " + out.traffic_metric + " Sum at " + std::to_string(period) + " s";
    out.profile.validate("metrics");

    // Duration: an Average weighted by the invocations of its period, or Sum / Invocations.
    if (duration) {
        std::map<long long, double> count;
        if (t.metric == Metric::invocations)
            for (const Point& p : t.points) count[p.t] = p.value;
        double weighted = 0.0, weight = 0.0, plain = 0.0;
        std::size_t used = 0;
        for (const Point& p : duration->points) {
            const auto it = count.find(p.t);
            if (duration->stat == Stat::sum || t.metric == Metric::invocations) {
                if (it == count.end()) {
                    out.summary.skip("of Duration without an Invocations datapoint at their time");
                    continue;
                }
                weighted += duration->stat == Stat::sum ? p.value : p.value * it->second;
                weight += it->second;
            }
            plain += p.value;
            ++used;
        }
        out.summary.used += used;
        if (t.metric == Metric::invocations && weight > 0) {
            out.mean_duration_ms = weighted / weight;
            out.duration_basis =
                duration->stat == Stat::sum ? "Duration Sum / Invocations" : "Duration Average weighted by Invocations";
        } else if (duration->stat == Stat::average && used > 0) {
            out.mean_duration_ms = plain / double(used);
            out.duration_basis = "Duration Average, unweighted (no Invocations to weight it)";
        } else if (duration->stat == Stat::sum) {
            out.notes.push_back("Duration Sum needs Invocations to give a mean: not used");
        }
        if (out.mean_duration_ms && *out.mean_duration_ms <= 0) {
            out.notes.push_back("Duration is 0 in every period: no mean duration derived");
            out.mean_duration_ms.reset();
        }
    }
    if (concurrency) {
        double max = 0.0;
        for (const Point& p : concurrency->points) max = std::max(max, p.value);
        out.max_concurrent_executions = max;
        out.summary.used += concurrency->points.size();
    }
    if (throttles) {
        out.throttles = 0.0;
        for (const Point& p : throttles->points) *out.throttles += p.value;
        out.summary.used += throttles->points.size();
        if (*out.throttles > 0)
            out.notes.push_back("Throttles: " + detail::format_quantity(*out.throttles) +
                                " requests were refused and are not in Invocations");
    }
    if (out.mean_duration_ms) {
        const double peak = *std::max_element(out.profile.requests.begin(), out.profile.requests.end());
        // Little's law: mean concurrency = arrival rate x time in system (wave2-facts 5.2).
        out.peak_mean_concurrency = peak / out.period_s * *out.mean_duration_ms / 1000.0;
    }
    return out;
}

Workload imported_workload(const CloudWatchImport& import, Workload base, bool duration_given) {
    if (!duration_given) {
        if (!import.mean_duration_ms)
            throw InvalidInput("duration_ms",
                               "duration_ms: the metrics have no Duration (with Invocations) to derive it from; give "
                               "the mean duration",
                               0);
        base.duration_ms = *import.mean_duration_ms;
    }
    base.peak_to_mean = 1.0;
    return base.with_traffic(import.profile);
}

std::string scenario_with_series_to_json(const Scenario& scenario, int indent, double* coarsened_to_s) {
    Scenario plain = scenario;
    plain.workload.traffic = nullptr;
    const TrafficProfile* traffic = scenario.workload.traffic.get();
    nlohmann::ordered_json doc = nlohmann::ordered_json::parse(to_json(plain, -1));
    if (!traffic) return doc.dump(indent);
    doc["workload"].erase("requests_per_month");
    TrafficProfile p = *traffic;
    while (true) {
        nlohmann::ordered_json t;
        t["interval_s"] = p.interval_s;
        t["requests"] = p.requests;
        t["start_hour_of_week"] = p.start_hour_of_week;
        doc["workload"]["traffic"] = t;
        std::string text = doc.dump(indent);
        if (text.size() <= kMaxJsonBytes) {
            if (coarsened_to_s) *coarsened_to_s = p.interval_s;
            return text;
        }
        // Too long for a scenario: the next coarser interval, a whole number k of periods that
        // divides an hour when the period does (120, 300, 600, 900, 1800, 3600 s from 60 s), so
        // hours of the week stay whole; consecutive periods summed.
        const double base = traffic->interval_s;
        const bool divides_hour = std::fmod(TrafficLimits::max_interval_s, base) == 0;
        double next = p.interval_s + base;
        while (next <= TrafficLimits::max_interval_s && divides_hour &&
               std::fmod(TrafficLimits::max_interval_s, next) != 0)
            next += base;
        if (next > TrafficLimits::max_interval_s)
            throw LimitExceeded("workload.traffic",
                                "the profile (" + detail::format_quantity(double(traffic->requests.size())) +
                                    " periods) does not fit a scenario's " + std::to_string(kMaxJsonBytes) +
                                    " bytes even at hourly intervals: import a shorter time range");
        const auto k = static_cast<std::size_t>(std::llround(next / base));
        std::vector<double> coarser((traffic->requests.size() + k - 1) / k, 0.0);
        for (std::size_t i = 0; i < traffic->requests.size(); ++i) coarser[i / k] += traffic->requests[i];
        p.requests = std::move(coarser);
        p.interval_s = next;
    }
}

std::string to_json(const CloudWatchImport& m, int indent) {
    nlohmann::ordered_json j;
    j["schema"] = "cost-sim-report/1";
    j["generated_by"] = std::string("cost-sim ") + kVersion;
    nlohmann::ordered_json d;
    d["traffic_metric"] = m.traffic_metric;
    d["period_s"] = m.period_s;
    d["start"] = m.start;
    d["end"] = m.end;
    d["periods"] = m.profile.requests.size();
    d["datapoints"] = m.traffic_datapoints;
    d["filled_with_zero"] = m.filled_with_zero;
    d["requests"] = m.invocations;
    d["requests_per_month"] = m.profile.requests_per_month();
    d["mean_duration_ms"] = m.mean_duration_ms ? nlohmann::ordered_json(*m.mean_duration_ms) : nullptr;
    d["duration_basis"] = m.duration_basis;
    d["max_concurrent_executions"] =
        m.max_concurrent_executions ? nlohmann::ordered_json(*m.max_concurrent_executions) : nullptr;
    d["peak_mean_concurrency"] = m.peak_mean_concurrency ? nlohmann::ordered_json(*m.peak_mean_concurrency) : nullptr;
    d["throttles"] = m.throttles ? nlohmann::ordered_json(*m.throttles) : nullptr;
    d["request_count"] = m.request_count ? nlohmann::ordered_json(*m.request_count) : nullptr;
    nlohmann::ordered_json s;
    s["unit"] = m.summary.unit;
    s["read"] = m.summary.read;
    s["used"] = m.summary.used;
    s["skipped"] = m.summary.skipped;
    s["skipped_by_reason"] = nlohmann::ordered_json::array();
    for (const auto& [reason, n] : m.summary.skipped_by_reason)
        s["skipped_by_reason"].push_back({{"reason", reason}, {"count", n}});
    d["summary"] = s;
    d["notes"] = m.notes;
    j["cloudwatch"] = d;
    return j.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace costsim
