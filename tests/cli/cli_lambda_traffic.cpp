// `cost-sim lambda` with a traffic profile: the concurrency conventions and flags reach the
// report, and the new flags' bad values are usage errors naming the flag (exit 2, one line).
#include "run_cli.hpp"

#include <string>
#include <vector>

using test::run_cli;
using test::run_json;

TEST_CASE("lambda --profile: throttling and cold starts in the report") {
    // spiky (peak_to_mean 20 by default or as given) at 100,000,000 requests a month of 1 s: the
    // mean is 38 concurrent, the bursts far above a 100-environment account limit
    const auto j = run_json({"lambda", "--requests-per-month", "100000000", "--duration-ms", "1000", "--profile",
                             "spiky", "--concurrency-limit", "100"});
    const auto& c = j["conventions"];
    CHECK(c["concurrency_limit"].get<double>() == 100);
    CHECK(c["throttled_requests"].get<double>() > 0);
    CHECK(c["peak_concurrency"].get<double>() > 100);
    CHECK(c["cold_starts"].get<double>() > 0);
    bool throttled = false;
    for (const auto& f : j["flags"]) throttled |= f["code"] == "throttled";
    CHECK(throttled);
}

TEST_CASE("lambda concurrency flags: bad values name the flag") {
    for (const auto& [args, flag] : std::vector<std::pair<std::vector<std::string>, std::string>>{
             {{"lambda", "--concurrency-limit", "0"}, "--concurrency-limit"},
             {{"lambda", "--reserved-concurrency", "901"}, "reserved_concurrency"},
             {{"lambda", "--keep-alive-s", "0"}, "--keep-alive-s"},
             {{"lambda", "--provisioned-schedule", "1,2,3"}, "--provisioned-schedule"},
         }) {
        std::vector<std::string> full = args;
        full.insert(full.end(), {"--requests-per-month", "1000000"});
        const auto r = run_cli(full);
        INFO("stderr: " << r.err);
        CHECK(r.exit_code == 2);
        CHECK(test::one_line(r.err));
        CHECK(r.err.find(flag) != std::string::npos);
    }
}
