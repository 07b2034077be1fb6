// Every offering kind has its own command, made from its descriptor (`cost-sim cloud-run`,
// `cost-sim azure-functions`, ...), and compare adds any kind with --<kind>; a kind's prefixed
// flag without its offering is an error, not ignored.
#include "run_cli.hpp"

#include <costsim/catalog.hpp>
#include <costsim/cost_model.hpp>
#include <costsim/offering_kinds.hpp>

using test::run_cli;
using test::run_json;

TEST_CASE("each kind's own command is listed and prints one bill equal to the library's") {
    const auto help = run_cli({"--help"});
    for (const costsim::KindInfo& kind : costsim::offering_kinds())
        CHECK_MESSAGE(help.out.find("\n  " + std::string(kind.flag_prefix) + " ") != std::string::npos,
                      std::string(kind.flag_prefix));
    // cost-sim cloud-run: 5 requests/s of 200 ms at 1,024 MB and 1 vCPU.
    const auto j = run_json(
        {"cloud-run", "--requests-per-second", "5", "--duration-ms", "200", "--memory-mb", "1024", "--vcpu", "1"});
    costsim::CloudRunConfig c;
    c.memory_mb = 1024;
    c.vcpu = 1.0;
    const costsim::Bill b = costsim::price(costsim::Workload{.requests_per_month = 5 * 2628000.0, .duration_ms = 200},
                                           {"", c}, costsim::Catalog::builtin());
    CHECK(j["kind"] == "cloud_run");
    CHECK(j["total"].get<double>() == b.total);
    // A per-use kind needs traffic.
    const auto no_traffic = run_cli({"azure-functions"});
    CHECK(no_traffic.exit_code == 2);
    CHECK(no_traffic.err.find("--requests-per-month or --requests-per-second is required") != std::string::npos);
}

TEST_CASE("a kind's command help lists its fields with their bounds and defaults") {
    const auto help = run_cli({"cloud-run", "--help"});
    CHECK(help.exit_code == 0);
    CHECK(help.out.find("--vcpu X") != std::string::npos);
    CHECK(help.out.find("0.08..8 vCPU") != std::string::npos);
    CHECK(help.out.find("--concurrency N") != std::string::npos);
    CHECK(help.out.find("1..1000 (default 1)") != std::string::npos);
    CHECK(help.out.find("--no-free-tier") != std::string::npos);
    const auto vm = run_cli({"vm", "--help"});
    CHECK(vm.out.find("Usage: cost-sim vm --instance NAME [options]") != std::string::npos);
    const auto missing = run_cli({"vm", "--count", "1"});
    CHECK(missing.exit_code == 2);
    CHECK(missing.err.find("--instance is required") != std::string::npos);
}

TEST_CASE("compare: --<kind> adds the kind; its prefixed flags without it are refused") {
    const auto j = run_json({"compare", "--requests-per-second", "5", "--duration-ms", "200", "--azure-functions",
                             "--azure-functions-region", "japaneast"});
    REQUIRE(j["results"].size() == 2);
    CHECK(j["results"][1]["kind"] == "azure_functions");
    CHECK(j["results"][1]["region"] == "japaneast");
    const auto alone = run_cli({"compare", "--requests-per-second", "5", "--azure-functions-region", "japaneast"});
    CHECK(alone.exit_code == 2);
    CHECK(alone.err ==
          "cost-sim compare: --azure-functions-region sets the Azure Functions (Consumption) offering: add "
          "--azure-functions\n");
    // An optional boolean's two flags together are refused.
    const auto both = run_cli({"vm", "--instance", "t3.micro", "--public-ipv4", "--no-public-ipv4"});
    CHECK(both.exit_code == 2);
    CHECK(both.err.find("--public-ipv4 and --no-public-ipv4 are exclusive") != std::string::npos);
}
