// What the server holds for clients that read slowly or not at all (Design/http-api.md#memory):
// large answers are streamed a piece at a time as the socket drains, so 20 clients that never
// read the largest sweep (~32 MB of JSON each with these offerings) hold about one piece each; the output budget
// refuses new work with 503 when reached; a client reading steadily gets the whole answer
// however long it takes; one that reads nothing is dropped after the write timeout.
#include "raw_client.hpp"

#include <costsim/curves_io.hpp>

namespace {

constexpr std::size_t kMiB = 1 << 20;

/// Every connection's stalled answer holds at most one piece: 1,024 cells of 20 offerings are
/// ~0.5 MB of JSON; 1 MiB each leaves room for the chunk framing and the numbers' lengths.
constexpr std::size_t kHeldPerStalledAnswer = kMiB;

/// RSS is the product's figure only without AddressSanitizer (its shadow and quarantine are RSS).
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kRssMeaningful = false;
#else
constexpr bool kRssMeaningful = true;
#endif

}  // namespace

TEST_CASE("20 clients that never read the largest sweep: memory stays bounded, then is given back") {
    test::ServerProcess server({"--threads", "4", "--write-timeout", "60"});
    REQUIRE(!server.get("/health").empty());
    const std::size_t baseline = server.rss_bytes();
    REQUIRE(baseline > 0);

    constexpr int kClients = 20;
    std::vector<int> clients;
    const std::string request = test::post_request("/api/v1/sweep", test::largest_sweep_body());
    for (int i = 0; i < kClients; ++i) {
        int fd = test::connect_raw(server.port(), 4096);
        REQUIRE(fd >= 0);
        REQUIRE(test::send_all(fd, request));
        clients.push_back(fd);
    }
    // All 20 answers begun and held for their clients (the 200 and the first pieces are sent).
    std::string metrics;
    REQUIRE(test::eventually(
        [&] {
            metrics = server.get("/metrics");
            return test::metric(metrics, "costsim_http_answers_streaming") == kClients;
        },
        std::chrono::seconds(60)));
    const double held = test::metric(metrics, "costsim_http_output_buffered_bytes");
    CHECK(held >= 0);
    CHECK(held <= double(kClients * kHeldPerStalledAnswer));
    // The whole process: before streaming, these 20 answers took RSS from 9 MB to 1.04 GiB.
    const std::size_t rss = server.rss_bytes();
    MESSAGE("RSS with 20 stalled answers: " << rss / kMiB << " MiB (baseline " << baseline / kMiB << " MiB)");
    if (kRssMeaningful) CHECK(rss < baseline + 64 * kMiB);
    // /health is answered meanwhile (no worker is held by a client that does not read).
    CHECK(server.get("/health").find("\"status\":\"ok\"") != std::string::npos);

    for (int fd : clients) ::close(fd);
    REQUIRE(test::eventually(
        [&] {
            metrics = server.get("/metrics");
            return test::metric(metrics, "costsim_http_answers_streaming") == 0 &&
                   test::metric(metrics, "costsim_http_output_buffered_bytes") == 0;
        },
        std::chrono::seconds(30)));

    // Three big answers (~6.4 MB each) read in turn, then idle: memory goes back near where it started.
    for (int i = 0; i < 3; ++i) {
        int fd = test::connect_raw(server.port());
        REQUIRE(fd >= 0);
        REQUIRE(test::send_all(fd, test::post_request("/api/v1/sweep", test::sweep_body(20, 1000, 10, 2), true)));
        test::Answer answer = test::parse_answer(test::read_all(fd));
        ::close(fd);
        CHECK(answer.head.rfind("HTTP/1.1 200", 0) == 0);
        CHECK(answer.body.size() > 4 * kMiB);
    }
    // Before: 9 -> 57 -> 110 -> 164 MB and staying there.
    std::size_t after = 0;
    CHECK(test::eventually(
        [&] {
            server.get("/health");  // a worker going idle gives freed memory back
            after = server.rss_bytes();
            return !kRssMeaningful || after < baseline + 32 * kMiB;
        },
        std::chrono::seconds(20)));
    MESSAGE("RSS after three sweeps of ~6.4 MB read in turn: " << after / kMiB << " MiB");
}

TEST_CASE("a client reading the largest sweep steadily but slowly gets all of it, past the write timeout") {
    // The write timeout is 1 s; this client takes the ~32 MB answer at most 64 KiB per 3 ms: at
    // least 1.5 s in all, never 1 s without progress. Before, the timeout bounded the whole answer and cut it.
    test::TestServer server([](auto& o) { o.limits.write_timeout_s = 1; });
    int fd = test::connect_raw(server.port(), 65536);
    REQUIRE(fd >= 0);
    REQUIRE(test::send_all(fd, test::post_request("/api/v1/sweep", test::largest_sweep_body(), true)));
    std::string reply;
    char buffer[65536];
    for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) {
        reply.append(buffer, static_cast<std::size_t>(n));
        std::this_thread::sleep_for(std::chrono::milliseconds(3));  // the pace of a slow client
    }
    ::close(fd);
    test::Answer answer = test::parse_answer(reply);
    CHECK(answer.head.rfind("HTTP/1.1 200", 0) == 0);
    CHECK(answer.head.find("Transfer-Encoding: chunked\r\n") != std::string::npos);
    CHECK(answer.head.find("Content-Length") == std::string::npos);
    const std::string expected = test::expected_sweep_json(test::largest_sweep_body());
    CHECK(expected.size() > 30 * kMiB);
    CHECK(answer.body.size() == expected.size());
    CHECK(answer.body == expected);
}

TEST_CASE("a client that takes nothing of an answer for the write timeout is dropped") {
    test::TestServer server([](auto& o) { o.limits.write_timeout_s = 1; });
    int fd = test::connect_raw(server.port(), 4096);
    REQUIRE(fd >= 0);
    REQUIRE(test::send_all(fd, test::post_request("/api/v1/sweep", test::largest_sweep_body())));
    REQUIRE(test::eventually([&] { return server.app().http().streaming_count() == 1; }));
    // Bounded by the sweeper (every 250 ms) once 1 s has passed without progress.
    CHECK(test::eventually([&] { return server.app().http().streaming_count() == 0; }));
    CHECK(server.app().http().output_bytes() == 0);
    ::close(fd);
}

TEST_CASE("at the output budget, new requests are refused 503 with Retry-After; /health still answers") {
    // A budget of one byte: one stalled answer reaches it.
    test::TestServer server([](auto& o) { o.limits.output_budget_bytes = 1; });
    int stalled = test::connect_raw(server.port(), 4096);
    REQUIRE(stalled >= 0);
    REQUIRE(test::send_all(stalled, test::post_request("/api/v1/sweep", test::largest_sweep_body())));
    REQUIRE(test::eventually([&] { return server.app().http().over_output_budget(); }));

    auto client = server.client();
    auto refused = test::post_json(client, "/api/v1/compare", test::kCompareBody);
    REQUIRE(refused);
    CHECK(refused->status == 503);
    CHECK(refused->get_header_value("Retry-After") == "1");
    auto error = nlohmann::json::parse(refused->body)["error"];
    CHECK(error["code"] == "overloaded");
    CHECK(error["message"].get<std::string>().find("the limit is 1)") != std::string::npos);
    auto health = client.Get("/health");
    REQUIRE(health);
    CHECK(health->status == 200);

    ::close(stalled);  // its answer is dropped: the budget is free again
    REQUIRE(test::eventually([&] { return !server.app().http().over_output_budget(); }));
    auto accepted = test::post_json(client, "/api/v1/compare", test::kCompareBody);
    REQUIRE(accepted);
    CHECK(accepted->status == 200);
}

TEST_CASE("small sweeps are answered whole with a Content-Length; large ones streamed, same bytes") {
    test::TestServer server;
    auto client = server.client();
    const std::string small = test::sweep_body(2, 10, 2, 2);
    auto res = test::post_json(client, "/api/v1/sweep", small);
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->has_header("Content-Length"));
    CHECK(res->body == test::expected_sweep_json(small));

    const std::string large = test::sweep_body(4, 1000, 3, 1);  // 3,000 cells: three pieces
    int fd = test::connect_raw(server.port());
    REQUIRE(fd >= 0);
    REQUIRE(test::send_all(fd, test::post_request("/api/v1/sweep", large) +
                                   "GET /health HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"));
    std::string reply = test::read_all(fd);
    ::close(fd);
    // The pipelined /health comes after the streamed answer's last chunk, on the same connection.
    const std::size_t second = reply.find("HTTP/1.1 200", 1);
    REQUIRE(second != std::string::npos);
    test::Answer streamed = test::parse_answer(reply.substr(0, second));
    CHECK(streamed.head.find("Transfer-Encoding: chunked\r\n") != std::string::npos);
    CHECK(streamed.body == test::expected_sweep_json(large));
    CHECK(reply.find("\"status\":\"ok\"", second) != std::string::npos);

    auto csv = test::post_json(client, "/api/v1/sweep?format=csv", large);
    REQUIRE(csv);
    CHECK(csv->status == 200);
    CHECK(csv->get_header_value("Content-Type") == "text/csv; charset=utf-8");
    auto s = costsim::parse_scenario(large, costsim::ScenarioShape::many_offerings);
    CHECK(csv->body == costsim::to_csv(costsim::sweep(s.workload, s.offerings, costsim::Catalog::builtin(), s.sweep)));
}

TEST_CASE("a streamed answer to a request sent whole with Expect: 100-continue follows the interim answer") {
    test::TestServer server;
    const std::string large = test::sweep_body(4, 1000, 3, 1);
    int fd = test::connect_raw(server.port());
    REQUIRE(fd >= 0);
    REQUIRE(test::send_all(fd,
                           "POST /api/v1/sweep HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                           "Expect: 100-continue\r\nConnection: close\r\nContent-Length: " +
                               std::to_string(large.size()) + "\r\n\r\n" + large));
    std::string reply = test::read_all(fd);
    ::close(fd);
    const std::string interim = "HTTP/1.1 100 Continue\r\n\r\n";
    if (reply.rfind(interim, 0) == 0) reply.erase(0, interim.size());
    test::Answer answer = test::parse_answer(reply);
    CHECK(answer.head.rfind("HTTP/1.1 200", 0) == 0);
    CHECK(answer.head.find("Transfer-Encoding: chunked\r\n") != std::string::npos);
    CHECK(answer.body == test::expected_sweep_json(large));
}
