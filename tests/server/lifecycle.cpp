// Graceful shutdown with a request in flight, SIGTERM on the real binary, idle connections,
// and many concurrent clients getting their own answers.
#include "raw_client.hpp"
#include "server_support.hpp"

#include <costsim/compare.hpp>

#include <arpa/inet.h>
#include <csignal>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <string_view>

namespace {

bool send_all(int fd, const std::string& data) {
    return ::send(fd, data.data(), data.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(data.size());
}

std::string read_until_closed(int fd) {
    std::string reply;
    char buffer[4096];
    for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) reply.append(buffer, static_cast<std::size_t>(n));
    return reply;
}

}  // namespace

TEST_CASE("shutdown lets a request in flight finish, then stops accepting") {
    test::TestServer server;
    // Half a request: headers and part of the body. The server holds it, waiting for the rest.
    int fd = test::connect_raw(server.port());
    REQUIRE(fd >= 0);
    const std::string& body = test::kCompareBody;
    std::string head =
        "POST /api/v1/compare HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
        "Content-Length: " +
        std::to_string(body.size()) + "\r\n\r\n";
    REQUIRE(send_all(fd, head + body.substr(0, 10)));
    REQUIRE(test::eventually([&] { return server.app().http().receiving_count() == 1; }));

    std::thread stopper([&] { server.stop(); });
    // Stopping closes the listening socket first: new connections are refused.
    REQUIRE(test::eventually([&] {
        int probe = test::connect_raw(server.port());
        if (probe >= 0) ::close(probe);
        return probe < 0;
    }));
    REQUIRE(send_all(fd, body.substr(10)));
    std::string reply = read_until_closed(fd);
    ::close(fd);
    stopper.join();

    CHECK(reply.rfind("HTTP/1.1 200", 0) == 0);
    auto s = costsim::parse_scenario(body, costsim::ScenarioShape::many_offerings);
    auto expected = costsim::to_json(costsim::compare(s.workload, s.offerings, costsim::Catalog::builtin()));
    CHECK(reply.substr(reply.find("\r\n\r\n") + 4) == expected);
    CHECK(reply.find("Connection: close") != std::string::npos);
}

TEST_CASE("idle connections are parked, not given a worker: a server with 2 workers still answers") {
    test::TestServer server([](auto& o) { o.limits.threads = 2; });
    std::vector<int> idle;
    for (int i = 0; i < 200; ++i) {
        int fd = test::connect_raw(server.port());
        REQUIRE(fd >= 0);
        idle.push_back(fd);
    }
    auto client = server.client();
    auto res = client.Get("/health");  // would wait behind 200 idle sockets if each held a worker
    REQUIRE(res);
    CHECK(res->status == 200);
    for (int fd : idle) ::close(fd);
}

TEST_CASE("many concurrent clients get correct, independent answers") {
    test::TestServer server;
    constexpr int kClients = 16;
    constexpr int kRequestsEach = 10;
    std::atomic<int> correct{0};
    std::vector<std::thread> clients;
    for (int c = 0; c < kClients; ++c) {
        clients.emplace_back([&, c] {
            auto client = server.client();
            for (int r = 0; r < kRequestsEach; ++r) {
                // Each client and request its own traffic, so a mixed-up answer cannot pass.
                const std::string body =
                    R"({"workload":{"requests_per_month":)" + std::to_string(1000000 + c * 100000 + r) +
                    R"(,"duration_ms":)" + std::to_string(50 + c) +
                    R"(},"offerings":[{"kind":"lambda","memory_mb":512},{"kind":"vm","instance":"t3.micro"}]})";
                auto s = costsim::parse_scenario(body, costsim::ScenarioShape::many_offerings);
                auto expected =
                    costsim::to_json(costsim::compare(s.workload, s.offerings, costsim::Catalog::builtin()));
                auto res = test::post_json(client, "/api/v1/compare", body);
                if (res && res->status == 200 && res->body == expected) ++correct;
            }
        });
    }
    for (auto& t : clients) t.join();
    CHECK(correct == kClients * kRequestsEach);
}

TEST_CASE("the binary exits 0 on SIGTERM with an idle client connected, and --probe checks /health") {
    int out[2];
    REQUIRE(::pipe(out) == 0);
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        ::dup2(out[1], STDOUT_FILENO);
        ::close(out[0]);
        ::close(out[1]);
        ::execl(COSTSIM_SERVER_BINARY, COSTSIM_SERVER_BINARY, "--host", "127.0.0.1", "--port", "0", "--threads", "2",
                static_cast<char*>(nullptr));
        ::_exit(127);
    }
    ::close(out[1]);
    // Readiness: the "listening" log line carries the port.
    std::string first_line;
    char ch;
    while (::read(out[0], &ch, 1) == 1 && ch != '\n') first_line += ch;
    auto listening = nlohmann::json::parse(first_line);
    REQUIRE(listening["msg"] == "listening");
    const int port = listening["port"];

    const std::string probe_cmd = std::string("PORT=") + std::to_string(port) + " " COSTSIM_SERVER_BINARY " --probe";
    CHECK(std::system(probe_cmd.c_str()) == 0);

    int idle = test::connect_raw(port);
    REQUIRE(idle >= 0);
    REQUIRE(::kill(pid, SIGTERM) == 0);
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    ::close(idle);
    ::close(out[0]);
    CHECK(std::system(probe_cmd.c_str()) != 0);  // nothing answers any more
}

namespace {
/// Bounds every blocking read of a test socket, so a server that never answers fails the test
/// instead of hanging it.
void bound_reads(int fd) {
    timeval limit{10, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
}

/// Reads until `reply` holds `count` occurrences of `marker` (or the connection ends).
std::string read_until_count(int fd, std::string_view marker, int count) {
    std::string reply;
    char buffer[4096];
    auto occurrences = [&] {
        int n = 0;
        for (std::size_t at = reply.find(marker); at != std::string::npos; at = reply.find(marker, at + 1)) ++n;
        return n;
    };
    while (occurrences() < count) {
        ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) break;
        reply.append(buffer, static_cast<std::size_t>(n));
    }
    return reply;
}

}  // namespace

TEST_CASE("pipelined requests on one connection are answered in order") {
    test::TestServer server;
    int fd = test::connect_raw(server.port());
    REQUIRE(fd >= 0);
    bound_reads(fd);
    REQUIRE(send_all(fd,
                     "GET /health HTTP/1.1\r\nHost: t\r\n\r\n"
                     "GET /nowhere HTTP/1.1\r\nHost: t\r\n\r\n"
                     "GET /health HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"));
    std::string reply = read_until_closed(fd);
    ::close(fd);
    const std::size_t first = reply.find("HTTP/1.1 200");
    const std::size_t second = reply.find("HTTP/1.1 404");
    const std::size_t third = reply.find("HTTP/1.1 200", first + 1);
    CHECK(first == 0);
    REQUIRE(second != std::string::npos);
    REQUIRE(third != std::string::npos);
    CHECK(first < second);
    CHECK(second < third);
}

TEST_CASE("Expect: 100-continue gets one interim answer before the body, then the answer") {
    test::TestServer server;
    int fd = test::connect_raw(server.port());
    REQUIRE(fd >= 0);
    bound_reads(fd);
    const std::string& body = test::kCompareBody;
    REQUIRE(send_all(fd,
                     "POST /api/v1/compare HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                     "Expect: 100-continue\r\nConnection: close\r\nContent-Length: " +
                         std::to_string(body.size()) + "\r\n\r\n"));
    // The client waits for the interim answer before it sends the body.
    const std::string interim = read_until_count(fd, "\r\n\r\n", 1);
    CHECK(interim == "HTTP/1.1 100 Continue\r\n\r\n");
    REQUIRE(send_all(fd, body));
    const std::string reply = read_until_closed(fd);
    ::close(fd);
    CHECK(reply.rfind("HTTP/1.1 200", 0) == 0);
    CHECK(reply.find("100 Continue") == std::string::npos);
    auto s = costsim::parse_scenario(body, costsim::ScenarioShape::many_offerings);
    CHECK(reply.substr(reply.find("\r\n\r\n") + 4) ==
          costsim::to_json(costsim::compare(s.workload, s.offerings, costsim::Catalog::builtin())));
}

TEST_CASE("slow senders and readers hold no worker: one worker still answers everyone else") {
    // Timeouts far above the client's 10 s read bound: a worker held by either socket would
    // make the /health requests below fail, not merely slow down.
    test::TestServer server([](auto& o) {
        o.limits.threads = 1;
        o.limits.read_timeout_s = 60;
        o.limits.write_timeout_s = 60;
        o.limits.keep_alive_timeout_s = 60;
    });
    // A request whose headers never finish arriving.
    int trickling = test::connect_raw(server.port());
    REQUIRE(trickling >= 0);
    REQUIRE(send_all(trickling, "POST /api/v1/compare HTTP/1.1\r\nHost: t\r\nContent-Le"));
    REQUIRE(test::eventually([&] { return server.app().http().receiving_count() == 1; }));
    // A client that asks for large answers and never reads them: the socket fills up.
    int not_reading = test::connect_raw(server.port());
    REQUIRE(not_reading >= 0);
    std::string requests;
    for (int i = 0; i < 64; ++i) requests += "GET /api/v1/catalog HTTP/1.1\r\nHost: t\r\n\r\n";
    REQUIRE(send_all(not_reading, requests));

    auto client = server.client();
    for (int i = 0; i < 3; ++i) {
        auto res = client.Get("/health");
        REQUIRE(res);
        CHECK(res->status == 200);
    }
    auto metrics = client.Get("/metrics");
    REQUIRE(metrics);
    CHECK(metrics->body.find("costsim_http_connections_receiving 1\n") != std::string::npos);
    ::close(trickling);
    ::close(not_reading);
}

TEST_CASE("a request that does not arrive within the read timeout is closed unanswered") {
    test::TestServer server([](auto& o) { o.limits.read_timeout_s = 1; });
    int fd = test::connect_raw(server.port());
    REQUIRE(fd >= 0);
    bound_reads(fd);
    REQUIRE(send_all(fd, "GET /health HTTP/1.1\r\nHost: t\r\n"));  // no blank line: never whole
    char byte;
    const ssize_t n = ::recv(fd, &byte, 1, 0);  // blocks until the server closes (or the bound)
    ::close(fd);
    CHECK(n == 0);  // an orderly close by the server: no answer, and not the read bound's -1
    REQUIRE(test::eventually([&] { return server.app().http().receiving_count() == 0; }));
}

TEST_CASE("a chunked body in tiny chunks that outgrows the buffer is answered 4xx and closed, not waited for") {
    test::TestServer server;
    int fd = test::connect_raw(server.port());
    REQUIRE(fd >= 0);
    bound_reads(fd);
    std::string request =
        "POST /api/v1/compare HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
        "Transfer-Encoding: chunked\r\n\r\n";
    // 50,000 one-byte chunks: 300,000 bytes on the wire for 50,000 bytes of body (under 64 KiB).
    for (int i = 0; i < 50000; ++i) request += "1\r\n \r\n";
    [[maybe_unused]] bool sent = send_all(fd, request);  // the server may answer before it all arrives
    const std::string reply = read_until_closed(fd);
    ::close(fd);
    CHECK(reply.rfind("HTTP/1.1 4", 0) == 0);
    CHECK(reply.find("Connection: close") != std::string::npos);
}
