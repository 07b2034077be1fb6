// `cost-sim batch`: the real binary, JSON Lines in and out.
#include "run_cli.hpp"

#include <costsim/catalog.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using test::run_cli;

namespace {

std::vector<nlohmann::json> lines_of(const std::string& text) {
    std::vector<nlohmann::json> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(nlohmann::json::parse(line));
    return out;
}

/// Scenarios of several kinds and currencies, each written as `cost-sim compare --scenario` takes it.
const std::vector<std::string> kScenarios = {
    R"({"workload":{"requests_per_second":20,"duration_ms":120},"offerings":[{"kind":"lambda","region":"us-east-1","memory_mb":512},{"kind":"vm","provider":"aws","region":"us-east-1","instance":"t3.micro","capacity_rps":100},{"kind":"vm","provider":"aws","region":"us-east-1","instance":"m7g.large","capacity_rps":400}]})",
    R"({"workload":{"requests_per_month":3000000,"duration_ms":1000},"currency":"JPY","offerings":[{"kind":"lambda","memory_mb":512},{"kind":"vm","provider":"aws","region":"us-east-1","instance":"t3.micro","count":1}]})",
    R"({"workload":{"requests_per_second":5,"duration_ms":200},"offerings":[{"kind":"lambda","memory_mb":1024,"arch":"arm64"},{"kind":"cloud_run","region":"us-central1","memory_mb":512}],"range":{"from_rps":0,"to_rps":50}})",
};

std::string with_id(const std::string& scenario, const std::string& id) {
    return std::string("{\"id\":\"").append(id).append("\",").append(scenario.substr(1));
}

}  // namespace

TEST_CASE("cost-sim batch: every line's report is what cost-sim compare answers for that scenario") {
    std::string input;
    for (std::size_t i = 0; i < kScenarios.size(); ++i)
        input += with_id(kScenarios[i], std::string("w").append(std::to_string(i))) + "\n";
    const auto batch = run_cli({"batch"}, input);
    REQUIRE(batch.exit_code == 0);
    CHECK(batch.err.empty());
    const auto lines = lines_of(batch.out);
    REQUIRE(lines.size() == kScenarios.size());
    for (std::size_t i = 0; i < kScenarios.size(); ++i) {
        CAPTURE(i);
        const auto single = run_cli({"compare", "--scenario", "-", "--format", "json"}, kScenarios[i]);
        REQUIRE(single.exit_code == 0);
        CHECK(lines[i]["report"] == nlohmann::json::parse(single.out));
        CHECK(lines[i]["line"] == i + 1);
        CHECK(lines[i]["id"] == std::string("w").append(std::to_string(i)));
        CHECK(lines[i]["catalog_version"] == costsim::Catalog::builtin().version());
        CHECK(lines[i]["catalog_as_of"] == costsim::Catalog::builtin().as_of());
    }
}

TEST_CASE("cost-sim batch: bad lines are error lines, nothing is lost, the exit status and summary count them") {
    const std::string input = kScenarios[0] + "\n" +
                              R"({"id":"neg","workload":{"requests_per_second":-1},"offerings":[{"kind":"lambda"}]})" +
                              "\n{oops\n\n" + kScenarios[1] + "\n";
    const auto r = run_cli({"batch", "--jobs", "2"}, input);
    CHECK(r.exit_code == 2);
    CHECK(r.err == "cost-sim batch: 3 of 5 lines failed (first: line 2)\n");
    const auto lines = lines_of(r.out);
    REQUIRE(lines.size() == 5);
    CHECK(lines[0].contains("report"));
    CHECK(lines[1]["id"] == "neg");
    CHECK(lines[1]["error"]["field"] == "workload.requests_per_second");
    CHECK(lines[2]["error"]["code"] == "parse_error");
    CHECK(lines[3]["error"]["code"] == "invalid_input");  // the empty line keeps its place
    CHECK(lines[4]["line"] == 5);
    CHECK(lines[4].contains("report"));
}

TEST_CASE("cost-sim batch --fail-fast stops at the first failed line") {
    const std::string input = kScenarios[0] + "\n[]\n" + kScenarios[1] + "\n";
    const auto r = run_cli({"batch", "--fail-fast"}, input);
    CHECK(r.exit_code == 2);
    CHECK(r.err == "cost-sim batch: 1 of 2 lines failed (first: line 2); stopped there (--fail-fast)\n");
    CHECK(lines_of(r.out).size() == 2);
}

TEST_CASE("cost-sim batch: the output is byte for byte the same whatever --jobs, from a file or stdin") {
    std::string input;
    for (int i = 0; i < 400; ++i)
        input += (i % 50 == 7 ? std::string("{\"id\":1}") : with_id(kScenarios[i % 3], std::to_string(i))) + "\n";
    const std::string path = "cli_batch_input.jsonl";
    std::ofstream(path) << input;
    const auto one = run_cli({"batch", "--jobs", "1"}, input);
    const auto three = run_cli({"batch", "--jobs", "3", path});
    const auto dash = run_cli({"batch", "--jobs", "2", "-"}, input);
    std::remove(path.c_str());
    CHECK(one.exit_code == 2);
    CHECK(one.out == three.out);
    CHECK(one.out == dash.out);
    CHECK(lines_of(one.out).size() == 400);
    // Not a terminal: no progress line, only the summary.
    CHECK(three.err == "cost-sim batch: 8 of 400 lines failed (first: line 8)\n");
}

TEST_CASE("cost-sim batch: a user catalog's version and as-of are on every line") {
    const auto r = run_cli({"batch", "--catalog", std::string(COSTSIM_CLI_TEST_DATA_DIR) + "/user-catalog.json"},
                           kScenarios[0] + "\n");
    REQUIRE(r.exit_code == 0);
    const auto line = lines_of(r.out).at(0);
    CHECK(line["catalog_version"] == costsim::Catalog::builtin().version());
    CHECK(line["catalog_overlays"] == nlohmann::json::array({"version test-1 as of 2026-11-01"}));
}

TEST_CASE("cost-sim batch: unusable arguments are one line and exit 2") {
    auto r = run_cli({"batch", "--jobs", "0"});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "cost-sim batch: --jobs must be a whole number in [1, 256], got 0\n");
    CHECK(r.out.empty());
    r = run_cli({"batch", "no-such-file.jsonl"});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "cost-sim batch: cannot read no-such-file.jsonl\n");
    r = run_cli({"batch"}, "");
    CHECK(r.exit_code == 0);  // no lines: nothing to price, nothing failed
    CHECK(r.out.empty());
}

TEST_CASE("cost-sim batch on a terminal shows a progress line on stderr, then clears it") {
    // script(1) runs the command on a pseudo-terminal; stdout goes to /dev/null, so what the
    // terminal shows is stderr alone.
    if (std::system("command -v script > /dev/null 2>&1") != 0) return;  // util-linux absent
    const std::string path = "cli_batch_tty.jsonl";
    std::ofstream(path) << kScenarios[0] << "\n[]\n";
    const std::string command =
        std::string("script -qec '") + COSTSIM_CLI_BINARY + " batch " + path + " > /dev/null' /dev/null";
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::string shown;
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) shown.append(buffer, n);
    pclose(pipe);
    std::remove(path.c_str());
    CHECK(shown.find("\r2 lines, 1 failed, ") != std::string::npos);
    CHECK(shown.find(" lines/s") != std::string::npos);
    CHECK(shown.find("\r\x1b[Kcost-sim batch: 1 of 2 lines failed (first: line 2)") != std::string::npos);
}
