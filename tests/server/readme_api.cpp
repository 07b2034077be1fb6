// The README's curl line, run against a real server: the file it posts is in the repository and
// the endpoint answers it with a report (the CLI lines are tests/cli/cli_readme.cpp).
#include "server_support.hpp"

#include <fstream>
#include <iterator>
#include <sstream>

namespace {

std::string read_source_file(const std::string& path) {
    std::ifstream file(std::string(COSTSIM_SOURCE_DIR) + "/" + path, std::ios::binary);
    REQUIRE_MESSAGE(file.good(), "cannot read " << path);
    return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("the README's curl command: the file it posts exists and the API prices it") {
    std::istringstream readme(read_source_file("README.md"));
    std::vector<std::string> curls;
    for (std::string line; std::getline(readme, line);)
        if (line.find("$ curl ") != std::string::npos) curls.push_back(line.substr(line.find("$ curl ") + 2));
    REQUIRE(!curls.empty());
    test::TestServer server;
    for (const std::string& command : curls) {
        INFO(command);
        std::istringstream words(command);
        std::string word, body, url;
        std::vector<std::string> headers;
        while (words >> word) {
            if (word == "--data" && words >> word) {
                REQUIRE(word.rfind('@', 0) == 0);
                body = read_source_file(word.substr(1));
            } else if (word.rfind("http://localhost:5000/", 0) == 0) {
                url = word.substr(std::string("http://localhost:5000").size());
            }
        }
        REQUIRE(!body.empty());
        REQUIRE(!url.empty());
        auto client = server.client();
        const auto r = test::post_json(client, url, body);
        REQUIRE(r);
        CHECK(r->status == 200);
        const auto report = nlohmann::json::parse(r->body);
        CHECK(report["schema"] == "cost-sim-report/1");
        CHECK(report["results"].size() == nlohmann::json::parse(body)["offerings"].size());
    }
}
