// POST /api/v1/batch over real sockets: JSON Lines in, the library's lines out, chunked; bounded;
// /health answers while batch answers are held by clients that do not read them; the batch pool is
// bounded (503 past it).
#include "raw_client.hpp"

#include <costsim/batch.hpp>

#include <sstream>
#include <string>
#include <thread>
#include <vector>

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

/// 50 lines of 20 offerings each: ~95 KB of report a line, ~4.7 MB in all, far more than the
/// sockets' buffers hold for a client with a 4 KB one.
std::string heavy_body() {
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
    return body;
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
    r = client.Post("/api/v1/batch", std::string(costsim::kMaxJsonBytes + 1, '\n'), "application/x-ndjson");
    REQUIRE(r);
    CHECK(r->status == 413);
}

TEST_CASE("/health answers while a batch answer waits for a client that does not read it") {
    test::TestServer server;
    const std::string body = heavy_body();
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

TEST_CASE("Batches are priced on their own bounded pool: /health answers while it is full, one more batch is 503") {
    // Two I/O workers, one batch thread, three batch requests at most; a client that stalls is
    // kept (write timeout 60 s) for as long as the test holds it.
    test::TestServer server([](costsim::server::ServerOptions& o) {
        o.limits.threads = 2;
        o.limits.write_timeout_s = 60;
        o.batch.threads = 1;
        o.batch.max_requests = 3;
    });
    const std::string body = heavy_body();
    std::vector<int> stalled;
    for (int i = 0; i < 3; ++i) {
        const int fd = test::connect_raw(server.port(), 4096);
        REQUIRE(fd >= 0);
        REQUIRE(test::send_all(fd, batch_request(body)));
        stalled.push_back(fd);
    }
    const auto& pool = server.app().batch_pool();
    REQUIRE(test::eventually([&] { return server.app().http().streaming_count() == 3 && pool.in_progress() == 3; }));
    auto client = server.client();
    for (int i = 0; i < 20; ++i) {
        auto health = client.Get("/health");
        REQUIRE(health);
        CHECK(health->status == 200);
    }
    // The pool is full: a fourth batch is refused at once, and nothing of it is priced.
    const std::string line = scenario_line(5, "x") + "\n";
    auto refused = client.Post("/api/v1/batch", line, "application/x-ndjson");
    REQUIRE(refused);
    CHECK(refused->status == 503);
    CHECK(refused->get_header_value("Retry-After") == "1");
    const auto error = nlohmann::json::parse(refused->body)["error"];
    CHECK(error["code"] == "overloaded");
    CHECK(error["message"] ==
          "the server is pricing 3 batch requests, its most at once (--batch-queue); retry after 1 s");
    // The three are still in progress: their clients have read nothing.
    CHECK(pool.in_progress() == 3);
    CHECK(server.app().http().streaming_count() == 3);

    // Read together (none waits behind another), each answer is whole: the bytes cost-sim batch writes.
    std::vector<std::string> replies(stalled.size());
    std::vector<std::thread> readers;
    for (std::size_t i = 0; i < stalled.size(); ++i)
        readers.emplace_back([&, i] { replies[i] = test::read_all(stalled[i]); });
    for (auto& t : readers) t.join();
    for (const int fd : stalled) ::close(fd);
    const std::string expected = expected_lines(body);
    for (const std::string& reply : replies) {
        const test::Answer answer = test::parse_answer(reply);
        CHECK(answer.head.starts_with("HTTP/1.1 200"));
        CHECK(answer.body.size() == expected.size());
        CHECK((answer.body == expected));
    }
    // Answered whole, they leave the pool: a batch is admitted again.
    REQUIRE(test::eventually([&] { return pool.in_progress() == 0; }));
    auto admitted = client.Post("/api/v1/batch", line, "application/x-ndjson");
    REQUIRE(admitted);
    CHECK(admitted->status == 200);
    CHECK(admitted->body == expected_lines(line));
}

TEST_CASE("A batch whose client goes away leaves the pool") {
    test::TestServer server([](costsim::server::ServerOptions& o) {
        o.batch.threads = 1;
        o.batch.max_requests = 1;
    });
    const int fd = test::connect_raw(server.port(), 4096);
    REQUIRE(fd >= 0);
    REQUIRE(test::send_all(fd, batch_request(heavy_body())));
    const auto& pool = server.app().batch_pool();
    REQUIRE(test::eventually([&] { return pool.in_progress() == 1; }));
    ::close(fd);  // unread: the server's next write fails and the connection, with its batch, goes
    REQUIRE(test::eventually([&] { return pool.in_progress() == 0; }));
    auto client = server.client();
    const std::string line = scenario_line(7, "y") + "\n";
    auto r = client.Post("/api/v1/batch", line, "application/x-ndjson");
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK(r->body == expected_lines(line));
}
