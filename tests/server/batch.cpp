// POST /api/v1/batch over real sockets: JSON Lines in, the library's lines out, chunked; bounded;
// /health answers while a batch answer is held by a client that does not read it.
#include "raw_client.hpp"
#include "routes.hpp"

#include <costsim/batch.hpp>

#include <sstream>
#include <string>

namespace {

std::string scenario_line(int rps, const std::string& id) {
    return std::string(R"({"id":")")
        .append(id)
        .append(R"(","workload":{"requests_per_second":)")
        .append(std::to_string(rps))
        .append(R"(,"duration_ms":120},"offerings":[{"kind":"lambda","region":"us-east-1","memory_mb":512},)"
                R"({"kind":"vm","provider":"aws","region":"us-east-1","instance":"t3.micro","capacity_rps":100},)"
                R"({"kind":"vm","provider":"aws","region":"us-east-1","instance":"m7g.large","capacity_rps":400}]})");
}

/// What `cost-sim batch` (the library's run_batch) writes for `input`.
std::string expected_lines(const std::string& input) {
    std::istringstream in(input);
    std::ostringstream out;
    costsim::run_batch(in, out, costsim::Catalog::builtin(), {1, false});
    return out.str();
}

std::string batch_request(const std::string& body, const std::string& type = "application/x-ndjson") {
    return "POST /api/v1/batch HTTP/1.1\r\nHost: test\r\nContent-Type: " + type +
           "\r\nConnection: close\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

}  // namespace

TEST_CASE("POST /api/v1/batch streams one line per input line, chunked, the bytes cost-sim batch writes") {
    test::TestServer server;
    const std::string body = scenario_line(20, "a") + "\n{\"id\":\"b\"}\n\n" + scenario_line(3, "d") + "\n";
    const int fd = test::connect_raw(server.port());
    REQUIRE(fd >= 0);
    REQUIRE(test::send_all(fd, batch_request(body)));
    const test::Answer answer = test::parse_answer(test::read_all(fd));
    ::close(fd);
    CHECK(answer.head.starts_with("HTTP/1.1 200"));
    CHECK(answer.head.find("Transfer-Encoding: chunked\r\n") != std::string::npos);
    CHECK(answer.head.find("Content-Type: application/x-ndjson\r\n") != std::string::npos);
    CHECK(answer.body == expected_lines(body));
    std::istringstream lines(answer.body);
    std::string line;
    int count = 0;
    while (std::getline(lines, line)) ++count;
    CHECK(count == 4);
}

TEST_CASE("POST /api/v1/batch takes application/json too, and refuses other types, empty and overlong bodies") {
    test::TestServer server;
    auto client = server.client();
    const std::string line = scenario_line(5, "x") + "\n";
    auto r = client.Post("/api/v1/batch", line, "application/json");
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK(r->body == expected_lines(line));
    r = client.Post("/api/v1/batch", line, "text/plain");
    REQUIRE(r);
    CHECK(r->status == 415);
    r = client.Post("/api/v1/batch", "", "application/x-ndjson");
    REQUIRE(r);
    CHECK(r->status == 400);
    CHECK(nlohmann::json::parse(r->body)["error"]["field"] == "body");
    // 1,001 lines (of "{}", 3 bytes each: under the body bound): over the line bound.
    std::string many;
    for (int i = 0; i < 1001; ++i) many += "{}\n";
    r = client.Post("/api/v1/batch", many, "application/x-ndjson");
    REQUIRE(r);
    CHECK(r->status == 400);
    const auto error = nlohmann::json::parse(r->body)["error"];
    CHECK(error["code"] == "limit_exceeded");
    CHECK(error["message"] == "a batch request holds at most 1000 lines, got 1001; split it into several requests");
    // A body over the server's bound is refused by its framing, as on every route.
    r = client.Post("/api/v1/batch", std::string(costsim::server::body_limit_of("/api/v1/batch").max_bytes + 1, '\n'),
                    "application/x-ndjson");
    REQUIRE(r);
    CHECK(r->status == 413);
}

TEST_CASE("/health answers while a batch answer waits for a client that does not read it") {
    test::TestServer server;
    // 50 lines of 20 offerings each: ~95 KB of report a line, ~4.7 MB in all, far more than the
    // sockets' buffers hold for a client with a 4 KB one.
    std::string heavy = R"({"workload":{"requests_per_second":20,"duration_ms":120},"offerings":[)";
    for (int i = 1; i <= 10; ++i)
        heavy.append(R"({"kind":"lambda","memory_mb":)").append(std::to_string(128 * i)).append("},");
    for (int i = 1; i <= 10; ++i)
        heavy.append(R"({"kind":"vm","id":"vm)")
            .append(std::to_string(i))
            .append(R"(","instance":"t3.micro","capacity_rps":)")
            .append(std::to_string(10 * i))
            .append(i < 10 ? "}," : "}]}\n");
    std::string body;
    for (int i = 0; i < 50; ++i) body += heavy;
    REQUIRE(body.size() < costsim::kMaxJsonBytes);
    const int stalled = test::connect_raw(server.port(), 4096);
    REQUIRE(stalled >= 0);
    REQUIRE(test::send_all(stalled, batch_request(body)));
    REQUIRE(test::eventually([&] { return server.app().http().streaming_count() == 1; }));
    auto client = server.client();
    for (int i = 0; i < 20; ++i) {
        auto health = client.Get("/health");
        REQUIRE(health);
        CHECK(health->status == 200);
    }
    CHECK(server.app().http().streaming_count() == 1);  // the batch is still being sent
    const std::string reply = test::read_all(stalled);
    ::close(stalled);
    const test::Answer answer = test::parse_answer(reply);
    const std::string expected = expected_lines(body);
    CHECK(reply.size() > expected.size());
    CHECK(answer.body.size() == expected.size());
    CHECK((answer.body == expected));
}
