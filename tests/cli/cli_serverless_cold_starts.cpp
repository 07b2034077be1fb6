// `cost-sim compare --profile` with Cloud Run and Azure Functions: the derived cold starts and the
// keep-alive flags reach each result's conventions; a bad keep-alive is a usage error naming its
// flag. Design/pricing-model.md#cold-starts-and-always-ready-under-a-profile.
#include "run_cli.hpp"

#include <string>
#include <vector>

using test::run_cli;
using test::run_json;

namespace {

const nlohmann::json* result_of_kind(const nlohmann::json& report, const std::string& kind) {
    for (const auto& r : report["results"])
        if (r["kind"] == kind) return &r;
    return nullptr;
}

}  // namespace

TEST_CASE("compare --profile: Cloud Run and Azure Functions results carry cold starts and their keep-alive") {
    const auto j =
        run_json({"compare", "--requests-per-month", "1000000", "--duration-ms", "200", "--profile", "business_hours",
                  "--cloud-run", "--cloud-run-keep-alive-s", "120", "--azure-functions", "--azure-functions-flex"});
    for (const std::string kind : {"cloud_run", "azure_functions", "azure_functions_flex"}) {
        CAPTURE(kind);
        const nlohmann::json* r = result_of_kind(j, kind);
        REQUIRE(r != nullptr);
        const auto& c = (*r)["conventions"];
        CHECK(c["cold_starts"].get<double>() > 0);
        CHECK(c["cold_start_share"].get<double>() <= 1);
    }
    CHECK((*result_of_kind(j, "cloud_run"))["conventions"]["keep_alive_s"].get<double>() == 120);
    CHECK((*result_of_kind(j, "azure_functions"))["conventions"]["keep_alive_s"].get<double>() == 1200);
}

TEST_CASE("a keep-alive out of range names its flag") {
    const auto r = run_cli({"compare", "--requests-per-month", "1000000", "--azure-functions-flex",
                            "--azure-functions-flex-keep-alive-s", "0"});
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(test::one_line(r.err));
    CHECK(r.err.find("keep-alive-s") != std::string::npos);
}
