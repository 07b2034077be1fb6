// SIGTERM and the stop path (Design/http-api.md#shutdown): requests fully received before the
// signal are answered whole, even those no worker has read yet or whose connection the process
// has not accepted yet; idle keep-alive connections are closed at once; a worker is never held
// by an answer its client is slow to take, so other requests are served meanwhile.
#include "raw_client.hpp"

#include <sys/wait.h>

TEST_CASE("SIGTERM: big sweeps sent just before the signal are answered whole, idle connections closed") {
    // A grace long enough for a loaded machine: the test is that nothing received is dropped.
    test::ServerProcess server({"--threads", "2", "--shutdown-grace", "30"});
    const std::string body = test::sweep_body(20, 1000, 5, 1);  // 5,000 cells, ~2.4 MB of JSON
    const std::string expected = test::expected_sweep_json(body);

    int idle = test::connect_raw(server.port());
    REQUIRE(idle >= 0);
    REQUIRE(test::send_all(idle, "GET /health HTTP/1.1\r\nHost: t\r\n\r\n"));
    char buffer[4096];
    REQUIRE(::recv(idle, buffer, sizeof buffer, 0) > 0);  // answered; now an idle keep-alive connection

    std::vector<int> busy;
    for (int i = 0; i < 4; ++i) {
        int fd = test::connect_raw(server.port());
        REQUIRE(fd >= 0);
        REQUIRE(test::send_all(fd, test::post_request("/api/v1/sweep", body)));
        busy.push_back(fd);
    }
    server.signal(SIGTERM);  // the requests are in the server's socket buffers, most not yet read

    for (int fd : busy) {
        test::Answer answer = test::parse_answer(test::read_all(fd));
        ::close(fd);
        CHECK(answer.head.rfind("HTTP/1.1 200", 0) == 0);
        CHECK(answer.body.size() == expected.size());
        CHECK(answer.body == expected);
    }
    CHECK(::recv(idle, buffer, sizeof buffer, 0) == 0);  // closed without an answer: it asked nothing
    ::close(idle);
    const int status = server.wait();
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
}

TEST_CASE("the stop path answers a request that arrived while the only worker was busy") {
    test::TestServer server([](auto& o) { o.limits.threads = 1; });
    // The worker makes the largest sweep for a reading client; meanwhile a second connection's
    // whole request waits in its socket, unread. Stopping must not take it for an idle one.
    int big = test::connect_raw(server.port());
    int small = test::connect_raw(server.port());
    REQUIRE(big >= 0);
    REQUIRE(small >= 0);
    REQUIRE(test::send_all(big, test::post_request("/api/v1/sweep", test::largest_sweep_body())));
    REQUIRE(test::eventually([&] { return server.app().http().streaming_count() == 1; }));
    REQUIRE(test::send_all(small, test::post_request("/api/v1/compare", test::kCompareBody)));
    std::string big_reply;
    std::thread reader([&] { big_reply = test::read_all(big); });
    server.app().shutdown();
    test::Answer answer = test::parse_answer(test::read_all(small));
    reader.join();
    server.stop();
    ::close(big);
    ::close(small);
    CHECK(answer.head.rfind("HTTP/1.1 200", 0) == 0);
    CHECK(answer.head.find("Connection: close\r\n") != std::string::npos);
    CHECK(nlohmann::json::parse(answer.body).contains("results"));
    CHECK(test::parse_answer(big_reply).body == test::expected_sweep_json(test::largest_sweep_body()));
}

TEST_CASE("a big answer held by a client that does not read holds no worker: /health is served meanwhile") {
    // One worker only: if the held answer kept it, /health could not be answered at all.
    test::TestServer server([](auto& o) { o.limits.threads = 1; });
    int stalled = test::connect_raw(server.port(), 4096);
    REQUIRE(stalled >= 0);
    REQUIRE(test::send_all(stalled, test::post_request("/api/v1/sweep", test::largest_sweep_body())));
    REQUIRE(test::eventually([&] { return server.app().http().streaming_count() == 1; }));

    auto client = server.client();
    auto health = client.Get("/health");
    REQUIRE(health);
    CHECK(health->status == 200);
    CHECK(server.app().http().streaming_count() == 1);  // the big answer is still in progress
    ::close(stalled);
}

TEST_CASE("--shutdown-grace: 1.5 s by default, seconds in [0, 300], anything else a usage error") {
    auto parse = [](std::vector<std::string> args) {
        return costsim::server::parse_options(args, [](const char*) -> const char* { return nullptr; });
    };
    CHECK(parse({}).shutdown_grace_s == 1.5);
    CHECK(parse({"--shutdown-grace", "30"}).shutdown_grace_s == 30);
    CHECK(parse({"--shutdown-grace=0"}).shutdown_grace_s == 0);
    CHECK(parse({"--shutdown-grace", "300"}).shutdown_grace_s == 300);
    CHECK_THROWS_WITH_AS(parse({"--shutdown-grace", "301"}), doctest::Contains("--shutdown-grace must be a number"),
                         costsim::server::UsageError);
    CHECK_THROWS_AS(parse({"--shutdown-grace", "-1"}), costsim::server::UsageError);
    CHECK_THROWS_AS(parse({"--shutdown-grace", "soon"}), costsim::server::UsageError);
    CHECK(costsim::server::usage_text().find("--shutdown-grace S") != std::string::npos);
}
