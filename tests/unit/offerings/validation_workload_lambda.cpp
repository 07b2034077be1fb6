// Every validation rule of Workload and LambdaConfig: the error names the field, the rule and the
// value ("memory_mb must be an integer in [128, 10240], got 64").
#include <costsim/costsim.hpp>
#include <doctest/doctest.h>

#include <cmath>
#include <functional>
#include <limits>

using namespace costsim;

namespace {
/// Runs `f`, expects InvalidInput whose field is `field`; returns its message.
std::string error_of(const std::function<void()>& f, const std::string& field) {
    try {
        f();
    } catch (const InvalidInput& e) {
        CHECK(e.field() == field);
        CHECK(std::string(e.what()).find(field) == 0);
        return e.what();
    }
    FAIL("no InvalidInput for " << field);
    return {};
}
const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();
}  // namespace

TEST_CASE("the issue's example message") {
    LambdaConfig c{.memory_mb = 64};
    CHECK(error_of([&] { c.validate(); }, "memory_mb") == "memory_mb must be an integer in [128, 10240], got 64");
}

TEST_CASE("Workload: each field out of range, NaN and infinity") {
    struct Case {
        const char* field;
        std::function<void(Workload&, double)> set;
        double bad;
    };
    const std::vector<Case> cases = {
        {"workload.requests_per_month", [](Workload& w, double v) { w.requests_per_month = v; }, -1},
        {"workload.requests_per_month", [](Workload& w, double v) { w.requests_per_month = v; }, 1.1e13},
        {"workload.duration_ms", [](Workload& w, double v) { w.duration_ms = v; }, 0},
        {"workload.duration_ms", [](Workload& w, double v) { w.duration_ms = v; }, 900001},
        {"workload.request_kb", [](Workload& w, double v) { w.request_kb = v; }, -0.5},
        {"workload.response_kb", [](Workload& w, double v) { w.response_kb = v; }, 1e9},
        {"workload.internet_percent", [](Workload& w, double v) { w.internet_percent = v; }, 100.5},
        {"workload.peak_to_mean", [](Workload& w, double v) { w.peak_to_mean = v; }, 0.5},
        {"workload.cold_start_percent", [](Workload& w, double v) { w.cold_start_percent = v; }, 101},
        {"workload.init_duration_ms", [](Workload& w, double v) { w.init_duration_ms = v; }, -1},
        {"workload.cpu_ms_per_request", [](Workload& w, double v) { w.cpu_ms_per_request = v; }, -1},
        {"workload.new_connections_per_request", [](Workload& w, double v) { w.new_connections_per_request = v; }, 2},
    };
    for (const Case& c : cases) {
        for (double bad : {c.bad, kNaN, kInf}) {
            CAPTURE(c.field);
            CAPTURE(bad);
            Workload w{.requests_per_month = 1e6};
            c.set(w, bad);
            std::string message = error_of([&] { w.validate(); }, c.field);
            CHECK(message.find(" must be a number in ") != std::string::npos);
        }
    }
}

TEST_CASE("Workload: the bounds themselves are accepted") {
    Workload w{.requests_per_month = WorkloadLimits::max_requests_per_month,
               .duration_ms = 900000,
               .request_kb = 0,
               .response_kb = WorkloadLimits::max_kb,
               .internet_percent = 100,
               .peak_to_mean = 1000,
               .cold_start_percent = 100,
               .init_duration_ms = 900000};
    CHECK_NOTHROW(w.validate());
}

TEST_CASE("LambdaConfig: each rule names its field") {
    error_of([] { LambdaConfig{.memory_mb = 10241}.validate(); }, "memory_mb");
    error_of([] { LambdaConfig{.memory_mb = 127}.validate(); }, "memory_mb");
    error_of([] { LambdaConfig{.ephemeral_storage_mb = 511}.validate(); }, "ephemeral_storage_mb");
    error_of([] { LambdaConfig{.ephemeral_storage_mb = 10241}.validate(); }, "ephemeral_storage_mb");
    error_of([] { LambdaConfig{.provisioned_concurrency = -1}.validate(); }, "provisioned_concurrency");
    error_of([] { LambdaConfig{.provisioned_concurrency = 100001}.validate(); }, "provisioned_concurrency");
    error_of([] { LambdaConfig{.region = ""}.validate(); }, "region");
    error_of([] { LambdaConfig{.region = "us east 1"}.validate(); }, "region");
    CHECK_NOTHROW(LambdaConfig{.memory_mb = 128}.validate());
    CHECK_NOTHROW(LambdaConfig{.memory_mb = 10240, .ephemeral_storage_mb = 10240}.validate());
}

TEST_CASE("a field prefix reaches the error: offerings[2].memory_mb") {
    Offering o{"", LambdaConfig{.memory_mb = 64}};
    error_of([&] { o.validate("offerings[2]."); }, "offerings[2].memory_mb");
}

TEST_CASE("an unknown region is a PriceNotFound naming region and the key") {
    Workload w{.requests_per_month = 1};
    try {
        (void)price(w, Offering{"", LambdaConfig{.region = "mars-north-1"}}, Catalog::builtin());
        FAIL("priced an unknown region");
    } catch (const PriceNotFound& e) {
        CHECK(e.field() == "region");
        CHECK(std::string(e.what()).find("aws.lambda.mars-north-1.x86_64.requests") != std::string::npos);
    }
}
