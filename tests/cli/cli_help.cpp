// --help, --version, and every example that --help shows, run on the real binary.
#include "run_cli.hpp"

#include <sstream>

using test::run_cli;

namespace {

const char* const kCommands[] = {"lambda", "vm", "compare", "break-even", "sweep", "catalog"};

/// The example command lines of a --help text, continuation lines joined.
std::vector<std::string> examples_of(const std::string& help) {
    std::vector<std::string> lines;
    const std::size_t start = help.find("Examples:\n");
    if (start == std::string::npos) return lines;
    std::istringstream text(help.substr(start + 10));
    std::string line, pending;
    while (std::getline(text, line)) {
        pending += line;
        if (!pending.empty() && pending.back() == '\\') {
            pending.pop_back();
            continue;
        }
        if (pending.find("cost-sim ") != std::string::npos) lines.push_back(pending);
        pending.clear();
    }
    return lines;
}

}  // namespace

TEST_CASE("--help on every command: exit 0, usage, options and examples on stdout") {
    for (const char* command : kCommands) {
        const auto r = run_cli({command, "--help"});
        INFO(command);
        CHECK(r.exit_code == 0);
        CHECK(r.err.empty());
        CHECK(r.out.find(std::string("Usage: cost-sim ") + command) != std::string::npos);
        CHECK(r.out.find("--format") != std::string::npos);
        CHECK(r.out.find("Examples:\n  cost-sim " + std::string(command)) != std::string::npos);
    }
    const auto top = run_cli({"--help"});
    CHECK(top.exit_code == 0);
    for (const char* command : kCommands) CHECK(top.out.find(std::string("\n  ") + command) != std::string::npos);
}

TEST_CASE("--version prints the version and the catalog's date") {
    const auto r = run_cli({"--version"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.rfind("cost-sim 0.", 0) == 0);
    CHECK(r.out.find("as of") != std::string::npos);
}

TEST_CASE("every example in every --help runs and succeeds") {
    std::size_t examples = 0;
    for (const char* command : kCommands) {
        const auto help = run_cli({command, "--help"});
        for (const std::string& line : examples_of(help.out)) {
            // The files an example names are the test fixtures; "> file" redirections are dropped.
            std::istringstream words(line);
            std::vector<std::string> args;
            std::string word, input;
            while (words >> word) {
                if (word == "scenario.json") word = test::data_file("issue-example.json");
                if (word == "my-prices.json") word = test::data_file("user-catalog.json");
                if (word == "<" && words >> word) {
                    input = test::read_data(word == "scenario.json" ? "issue-example.json" : word);
                    continue;
                }
                if (word == ">" && words >> word) continue;
                args.push_back(word);
            }
            REQUIRE(args.size() > 1);
            REQUIRE(args.front() == "cost-sim");
            args.erase(args.begin());
            const auto r = run_cli(args, input);
            INFO(line << " -> " << r.err);
            CHECK(r.exit_code == 0);
            CHECK(!r.out.empty());
            ++examples;
        }
    }
    CHECK(examples >= 3 * std::size(kCommands));
}
