// Traffic shapes and summaries (Design/pricing-model.md#traffic-profiles): each preset has mean 1
// and the stated peak, worked by hand; the month rule; peaks, idle minutes and the compact series.
#include <costsim/error.hpp>
#include <costsim/traffic.hpp>
#include <costsim/workload.hpp>
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

using namespace costsim;

namespace {

double mean(const TrafficProfile& p) {
    return std::accumulate(p.requests.begin(), p.requests.end(), 0.0) / double(p.requests.size());
}
double peak(const TrafficProfile& p) { return *std::max_element(p.requests.begin(), p.requests.end()); }

std::string invalid_field(TrafficPreset preset, double peak_to_mean) {
    try {
        make_preset(preset, peak_to_mean);
    } catch (const InvalidInput& e) {
        return e.field();
    }
    return "(valid)";
}

std::string invalid_field(const TrafficProfile& p) {
    try {
        p.validate();
    } catch (const Error& e) {
        return e.field();
    }
    return "(valid)";
}

/// 1,440 minutes of 60 requests, except minute 0 (idle) and minute 1 (120): 86,400 requests a day.
TrafficProfile one_day() {
    TrafficProfile p;
    p.interval_s = 60;
    p.requests.assign(1440, 60.0);
    p.requests[0] = 0;
    p.requests[1] = 120;
    return p;
}

}  // namespace

TEST_CASE("business_hours: Monday-Friday 09-17 at p, the other 128 hours at (168 - 40p) / 128") {
    const TrafficProfile p = make_preset(TrafficPreset::business_hours, 3);
    REQUIRE(p.requests.size() == 168);
    CHECK(p.interval_s == 3600);
    CHECK_FALSE(p.absolute);
    // (168 - 120) / 128 = 0.375; mean (40 x 3 + 128 x 0.375) / 168 = (120 + 48) / 168 = 1
    CHECK(p.requests[9] == 3);                // Monday 09:00
    CHECK(p.requests[16] == 3);               // Monday 16:00
    CHECK(p.requests[17] == 0.375);           // Monday 17:00
    CHECK(p.requests[4 * 24 + 10] == 3);      // Friday 10:00
    CHECK(p.requests[5 * 24 + 10] == 0.375);  // Saturday 10:00
    CHECK(mean(p) == doctest::Approx(1).epsilon(1e-12));
    CHECK(peak(p) == 3);
    CHECK(p.source == "preset business_hours (peak_to_mean 3)");
    // 168 / 40 = 4.2 leaves the rest at 0; anything above cannot have mean 1.
    CHECK(invalid_field(TrafficPreset::business_hours, 4.2) == "(valid)");
    CHECK(invalid_field(TrafficPreset::business_hours, 4.3) == "workload.traffic.peak_to_mean");
    CHECK(invalid_field(TrafficPreset::business_hours, 0.9) == "workload.traffic.peak_to_mean");
}

TEST_CASE("diurnal: 1 + (p - 1) cos(2 pi (h - 14) / 24), peak at 14:00, trough at 02:00") {
    const TrafficProfile p = make_preset(TrafficPreset::diurnal, 1.5);
    CHECK(p.requests[14] == doctest::Approx(1.5));           // cos 0 = 1
    CHECK(p.requests[2] == doctest::Approx(0.5));            // cos(-pi) = -1: 1 - 0.5
    CHECK(p.requests[24 + 20] == doctest::Approx(1.0));      // Tuesday 20:00: cos(pi/2) = 0
    CHECK(p.requests[6 * 24 + 14] == doctest::Approx(1.5));  // every day the same
    CHECK(mean(p) == doctest::Approx(1).epsilon(1e-12));
    CHECK(peak(p) == doctest::Approx(1.5));
    CHECK(invalid_field(TrafficPreset::diurnal, 2) == "(valid)");
    CHECK(invalid_field(TrafficPreset::diurnal, 2.1) == "workload.traffic.peak_to_mean");
}

TEST_CASE("weekly: weekdays diurnal around 7/6, weekends flat at 7/12") {
    const TrafficProfile p = make_preset(TrafficPreset::weekly, 2);
    // m = 7/6 (5m + 2 m/2 = 7); a = 2 / (7/6) - 1 = 5/7. Peak m (1 + 5/7) = 7/6 x 12/7 = 2;
    // weekday trough m (1 - 5/7) = 7/6 x 2/7 = 1/3; Saturday and Sunday 7/12.
    CHECK(p.requests[14] == doctest::Approx(2.0));
    CHECK(p.requests[2] == doctest::Approx(1.0 / 3.0));
    CHECK(p.requests[5 * 24 + 14] == doctest::Approx(7.0 / 12.0));
    CHECK(p.requests[6 * 24 + 3] == doctest::Approx(7.0 / 12.0));
    CHECK(mean(p) == doctest::Approx(1).epsilon(1e-12));
    CHECK(peak(p) == doctest::Approx(2.0));
    // The weekday mean is already 7/6, and the trough reaches 0 at 14/6 = 7/3.
    CHECK(invalid_field(TrafficPreset::weekly, 1.1) == "workload.traffic.peak_to_mean");
    CHECK(invalid_field(TrafficPreset::weekly, 7.0 / 3.0) == "(valid)");
    CHECK(invalid_field(TrafficPreset::weekly, 2.4) == "workload.traffic.peak_to_mean");
}

TEST_CASE("nightly_batch: 01:00-03:00 at p every night, the other 154 hours at (168 - 14p) / 154") {
    const TrafficProfile p = make_preset(TrafficPreset::nightly_batch, 6);
    // (168 - 84) / 154 = 84 / 154 = 6/11
    CHECK(p.requests[1] == 6);
    CHECK(p.requests[2] == 6);
    CHECK(p.requests[3] == doctest::Approx(6.0 / 11.0));
    CHECK(p.requests[3 * 24 + 1] == 6);
    CHECK(mean(p) == doctest::Approx(1).epsilon(1e-12));
    CHECK(invalid_field(TrafficPreset::nightly_batch, 12) == "(valid)");
    CHECK(invalid_field(TrafficPreset::nightly_batch, 12.5) == "workload.traffic.peak_to_mean");
}

TEST_CASE("spiky: per minute, 5-minute bursts at p every 6 hours, the base (10,080 - 140p) / 9,940") {
    const TrafficProfile p = make_preset(TrafficPreset::spiky, 10);
    REQUIRE(p.requests.size() == 10080);
    CHECK(p.interval_s == 60);
    // 28 bursts x 5 minutes = 140 minutes; base (10,080 - 1,400) / 9,940 = 8,680 / 9,940
    CHECK(p.requests[0] == 10);
    CHECK(p.requests[4] == 10);
    CHECK(p.requests[5] == doctest::Approx(8680.0 / 9940.0));
    CHECK(p.requests[360] == 10);  // 06:00
    CHECK(p.requests[359] == doctest::Approx(8680.0 / 9940.0));
    CHECK(std::count(p.requests.begin(), p.requests.end(), 10.0) == 140);
    CHECK(mean(p) == doctest::Approx(1).epsilon(1e-12));
    CHECK(invalid_field(TrafficPreset::spiky, 72) == "(valid)");
    CHECK(invalid_field(TrafficPreset::spiky, 73) == "workload.traffic.peak_to_mean");
}

TEST_CASE("flat: 168 hours at 1; its peak_to_mean can only be 1") {
    const TrafficProfile p = make_preset(TrafficPreset::flat, 1);
    CHECK(p.requests == std::vector<double>(168, 1.0));
    CHECK(invalid_field(TrafficPreset::flat, 2) == "workload.traffic.peak_to_mean");
}

TEST_CASE("preset names: every spelling round-trips; an unknown one names the field") {
    for (TrafficPreset p : {TrafficPreset::flat, TrafficPreset::business_hours, TrafficPreset::diurnal,
                            TrafficPreset::weekly, TrafficPreset::nightly_batch, TrafficPreset::spiky}) {
        CHECK(traffic_preset_from_string(to_string(p), "f") == p);
        CHECK(make_preset(p, default_peak_to_mean(p)).requests.size() >= 168);  // every default is in range
    }
    CHECK_THROWS_WITH_AS(traffic_preset_from_string("weekend", "workload.traffic.preset"),
                         doctest::Contains("business_hours"), InvalidInput);
}

TEST_CASE("hour_of_week: multipliers normalised to mean 1; 168 of them, >= 0, one above 0") {
    std::vector<double> m(168, 1.0);
    m[0] = 3.0;  // sum 170: hour 0 at 3 x 168 / 170, the others 168 / 170
    const TrafficProfile p = hour_of_week_profile(m);
    CHECK(p.requests[0] == doctest::Approx(3.0 * 168 / 170));
    CHECK(p.requests[1] == doctest::Approx(168.0 / 170));
    CHECK(mean(p) == doctest::Approx(1).epsilon(1e-12));
    CHECK(p.source == "hour_of_week");
    auto field = [](std::vector<double> v) {
        try {
            hour_of_week_profile(v);
        } catch (const InvalidInput& e) {
            return e.field();
        }
        return std::string("(valid)");
    };
    CHECK(field(std::vector<double>(167, 1.0)) == "workload.traffic.hour_of_week");
    CHECK(field(std::vector<double>(168, 0.0)) == "workload.traffic.hour_of_week");
    std::vector<double> negative(168, 1.0);
    negative[5] = -1;
    CHECK(field(negative) == "workload.traffic.hour_of_week[5]");
}

TEST_CASE("month rule: a 1-day series of 1,440 minutes with 86,400 requests is 2,628,000 a month") {
    const TrafficProfile p = one_day();
    // 86,400 x 2,628,000 / 86,400 = 2,628,000 requests a month; month_factor 2,628,000 / 86,400 = 30.41666...
    CHECK(p.total() == 86400);
    CHECK(p.period_s() == 86400);
    CHECK(p.month_factor() == doctest::Approx(2628000.0 / 86400.0));
    CHECK(p.requests_per_month() == doctest::Approx(2628000.0));
    const Workload w = Workload{}.with_traffic(p);
    CHECK(w.requests_per_month == doctest::Approx(2628000.0));
    CHECK_NOTHROW(w.validate());
}

TEST_CASE("summary: peaks at 1 min, 5 min, 1 h, 1 day and the idle minutes, by hand") {
    const TrafficSummary s = summarize(one_day());
    CHECK(s.intervals == 1440);
    CHECK(s.requests_per_month == doctest::Approx(2628000.0));
    CHECK(s.mean_requests_per_second == doctest::Approx(1.0));  // 2,628,000 / 2,628,000 s
    REQUIRE(s.peaks.size() == 4);
    // 1 min: minute 1's 120 requests / 60 s = 2 req/s, twice the mean.
    CHECK(s.peaks[0].granularity_s == 60);
    CHECK(s.peaks[0].requests_per_second == doctest::Approx(2.0));
    CHECK(s.peaks[0].peak_to_mean == doctest::Approx(2.0));
    // 5 min: every window holds 300 (minutes 0-4: 0 + 120 + 3 x 60) = 1 req/s.
    CHECK(s.peaks[1].granularity_s == 300);
    CHECK(s.peaks[1].peak_to_mean == doctest::Approx(1.0));
    CHECK(s.peaks[2].granularity_s == 3600);
    CHECK(s.peaks[3].granularity_s == 86400);
    CHECK(s.peaks[3].requests_per_second == doctest::Approx(1.0));
    CHECK(s.idle_share == doctest::Approx(1.0 / 1440));
    // Scaled to 5,256,000 a month (x 2), every interval doubles: minute 1 at 4 req/s.
    const TrafficSummary twice = summarize(one_day(), 5256000);
    CHECK(twice.peaks[0].requests_per_second == doctest::Approx(4.0));
    CHECK(twice.peaks[0].peak_to_mean == doctest::Approx(2.0));
}

TEST_CASE("summary: per-second intervals are grouped by minute for idle minutes") {
    TrafficProfile p;
    p.interval_s = 1;
    p.requests.assign(180, 0.0);  // three minutes
    p.requests[70] = 5;           // one request burst in minute 1
    const TrafficSummary s = summarize(p);
    CHECK(s.idle_share == doctest::Approx(2.0 / 3.0));
    REQUIRE(s.peaks.size() == 2);  // 1 s and 1 min fit the 180 s period; 5 min does not
    CHECK(s.peaks[0].requests_per_second == doctest::Approx(5.0));
    CHECK(s.peaks[1].requests_per_second == doctest::Approx(5.0 / 60));
}

TEST_CASE("all-zero traffic is valid: no requests, every minute idle, peaks 0") {
    TrafficProfile p;
    p.interval_s = 60;
    p.requests.assign(10, 0.0);
    CHECK(invalid_field(p) == "(valid)");
    const TrafficSummary s = summarize(p);
    CHECK(s.requests_per_month == 0);
    CHECK(s.idle_share == 1);
    CHECK(s.peaks[0].requests_per_second == 0);
    CHECK(s.peaks[0].peak_to_mean == 0);
}

TEST_CASE("bad series: each names the interval or the field") {
    TrafficProfile p = one_day();
    p.requests[3] = -1;
    CHECK(invalid_field(p) == "workload.traffic.requests[3]");
    p.requests[3] = 1.5;  // a series counts requests
    CHECK(invalid_field(p) == "workload.traffic.requests[3]");
    p.requests[3] = std::nan("");
    CHECK(invalid_field(p) == "workload.traffic.requests[3]");
    p = one_day();
    p.interval_s = 0.5;
    CHECK(invalid_field(p) == "workload.traffic.interval_s");
    p.interval_s = 3601;
    CHECK(invalid_field(p) == "workload.traffic.interval_s");
    p = one_day();
    p.start_hour_of_week = 168;
    CHECK(invalid_field(p) == "workload.traffic.start_hour_of_week");
    p.requests.clear();
    CHECK(invalid_field(p) == "workload.traffic.requests");
    p.start_hour_of_week = 0;
    p.requests.assign(TrafficLimits::max_intervals + 1, 1.0);
    CHECK_THROWS_AS(p.validate(), LimitExceeded);
    CHECK(invalid_field(p) == "workload.traffic.requests");
    p.requests.resize(TrafficLimits::max_intervals);  // 1,000,000 is allowed
    CHECK(invalid_field(p) == "(valid)");
}

TEST_CASE("compact series: at most 10,080 buckets, consecutive intervals summed") {
    const TrafficSeries small = compact_series(one_day());
    CHECK(small.intervals_per_bucket == 1);
    CHECK(small.bucket_s == 60);
    CHECK(small.requests.size() == 1440);
    CHECK(small.requests[1] == doctest::Approx(120));
    // Two weeks per minute (20,160) -> buckets of 2 minutes; 20,161 -> buckets of 3, the last one short.
    TrafficProfile p;
    p.interval_s = 60;
    p.requests.assign(20160, 1.0);
    TrafficSeries two = compact_series(p);
    CHECK(two.intervals_per_bucket == 2);
    CHECK(two.bucket_s == 120);
    CHECK(two.requests.size() == 10080);
    CHECK(two.requests[0] == doctest::Approx(2.0));
    p.requests.push_back(1.0);
    TrafficSeries three = compact_series(p);
    CHECK(three.intervals_per_bucket == 3);
    CHECK(three.requests.size() == 6721);  // 20,161 / 3 = 6,720 buckets and 1 interval
    CHECK(three.requests.back() == doctest::Approx(1.0));
    // A shape is scaled to its level: business_hours (peak 3) at R = 2,628,000 a month is a mean
    // of 1 req/s, so a week holds 604,800 requests and Monday 09:00 holds 3 x 3,600 = 10,800.
    const TrafficProfile shape = make_preset(TrafficPreset::business_hours, 3);
    const TrafficSeries scaled = compact_series(shape, 2628000);
    CHECK(scaled.requests[9] == doctest::Approx(10800));
}

TEST_CASE("compact series: an absolute profile at its own level keeps its whole counts exactly") {
    // 1 of a total of 49: scaled by its share and back it would be 49 x (1 / 49) = 0.9999999999999999.
    TrafficProfile p;
    p.interval_s = 60;
    p.requests = {1.0, 48.0};
    const TrafficSeries own = compact_series(p);
    CHECK(own.requests[0] == 1.0);
    CHECK(own.requests[1] == 48.0);
}
