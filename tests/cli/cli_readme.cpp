// README.md's commands, run as written from the source tree (ctest runs this file there):
// every "$ build/cli/cost-sim ..." line must exit 0 and print the lines shown under it ("..."
// skips lines); "$ cat FILE" must show the file as it is in the repository. The README's curl
// line is run against a real server in tests/server/readme_api.cpp.
#include "run_cli.hpp"

#include <filesystem>
#include <sstream>

using test::run_cli;

namespace {

struct Example {
    std::string command;                ///< continuation lines joined
    std::vector<std::string> expected;  ///< the lines shown under it, "..." included
};

/// The "$ " lines of README.md's indented blocks, each with the lines printed under it.
std::vector<Example> readme_examples() {
    std::ifstream file(std::string(COSTSIM_SOURCE_DIR) + "/README.md");
    REQUIRE(file.good());
    std::vector<Example> examples;
    std::string line;
    bool continued = false;
    while (std::getline(file, line)) {
        const std::size_t start = line.find_first_not_of(' ');
        const bool indented = start != std::string::npos && start >= 4;
        if (!indented) {
            continued = false;
            if (!examples.empty() && line.empty()) examples.back().expected.push_back("");
            continue;
        }
        std::string text = line.substr(4);
        if (continued) {
            examples.back().command += ' ';
            examples.back().command.append(text, text.find_first_not_of(' '));
        } else if (text.rfind("$ ", 0) == 0) {
            examples.push_back({text.substr(2), {}});
        } else if (!examples.empty()) {
            examples.back().expected.push_back(text);
        }
        continued = !examples.empty() && !examples.back().command.empty() && examples.back().command.back() == '\\';
        if (continued) examples.back().command.pop_back();
    }
    // Output ends at the first blank line.
    for (Example& e : examples) {
        const auto blank = std::find(e.expected.begin(), e.expected.end(), "");
        e.expected.erase(blank, e.expected.end());
    }
    return examples;
}

std::vector<std::string> words_of(const std::string& command) {
    std::istringstream in(command);
    std::vector<std::string> words;
    for (std::string w; in >> w;) {
        if (w.size() >= 2 && w.front() == '\'' && w.back() == '\'') w = w.substr(1, w.size() - 2);
        words.push_back(w);
    }
    return words;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    return lines;
}

/// Each shown line appears in `output`, in order; "..." stands for any number of lines.
void check_shown_lines(const std::vector<std::string>& expected, const std::string& output) {
    const std::vector<std::string> lines = lines_of(output);
    std::size_t at = 0;
    bool skipping = false;
    for (const std::string& want : expected) {
        if (want == "...") {
            skipping = true;
            continue;
        }
        std::size_t found = at;
        while (found < lines.size() && lines[found] != want && skipping) ++found;
        INFO("expected line: " << want << "\noutput:\n" << output);
        REQUIRE(found < lines.size());
        CHECK(lines[found] == want);
        at = found + 1;
        skipping = false;
    }
}

}  // namespace

TEST_CASE("the README's commands run as written and print what it shows") {
    REQUIRE(std::filesystem::exists("README.md"));  // ctest runs this file in the source tree
    std::size_t cli = 0, cats = 0;
    for (const Example& e : readme_examples()) {
        const std::vector<std::string> words = words_of(e.command);
        REQUIRE(!words.empty());
        INFO(e.command);
        if (words[0] == "build/cli/cost-sim") {
            std::vector<std::string> args(words.begin() + 1, words.end());
            std::string input;
            if (args.size() >= 2 && args[args.size() - 2] == "<") {
                std::ifstream in(args.back(), std::ios::binary);
                REQUIRE(in.good());
                input.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
                args.resize(args.size() - 2);
            }
            const auto r = run_cli(args, input);
            INFO(r.err);
            CHECK(r.exit_code == 0);
            CHECK(!r.out.empty());
            check_shown_lines(e.expected, r.out);
            ++cli;
        } else if (words[0] == "cat") {
            REQUIRE(words.size() == 2);
            std::ifstream in(words[1], std::ios::binary);
            REQUIRE(in.good());
            const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            CHECK(lines_of(text) == e.expected);
            ++cats;
        } else {
            CHECK_MESSAGE(words[0] == "curl", "a README command this test does not run: " << e.command);
        }
    }
    CHECK(cli >= 3);
    CHECK(cats >= 1);
}
