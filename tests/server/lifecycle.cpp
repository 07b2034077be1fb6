// Graceful shutdown with a request in flight, SIGTERM on the real binary, idle connections,
// and many concurrent clients getting their own answers.
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

namespace {

int connect_to(int port) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

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
    // Half a request: headers and part of the body. The server has begun it (in flight).
    int fd = connect_to(server.port());
    REQUIRE(fd >= 0);
    const std::string& body = test::kCompareBody;
    std::string head = "POST /api/v1/compare HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
                       "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
    REQUIRE(send_all(fd, head + body.substr(0, 10)));
    REQUIRE(test::eventually([&] { return server.app().metrics().in_flight() == 1; }));

    std::thread stopper([&] { server.stop(); });
    // Stopping closes the listening socket first: new connections are refused.
    REQUIRE(test::eventually([&] {
        int probe = connect_to(server.port());
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
        int fd = connect_to(server.port());
        REQUIRE(fd >= 0);
        idle.push_back(fd);
    }
    auto client = server.client();
    auto res = client.Get("/health");   // would wait behind 200 idle sockets if each held a worker
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
                const std::string body = R"({"workload":{"requests_per_month":)" + std::to_string(1000000 + c * 100000 + r) +
                                         R"(,"duration_ms":)" + std::to_string(50 + c) +
                                         R"(},"offerings":[{"kind":"lambda","memory_mb":512},{"kind":"vm","instance":"t3.micro"}]})";
                auto s = costsim::parse_scenario(body, costsim::ScenarioShape::many_offerings);
                auto expected = costsim::to_json(costsim::compare(s.workload, s.offerings, costsim::Catalog::builtin()));
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

    int idle = connect_to(port);
    REQUIRE(idle >= 0);
    REQUIRE(::kill(pid, SIGTERM) == 0);
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    ::close(idle);
    ::close(out[0]);
    CHECK(std::system(probe_cmd.c_str()) != 0);   // nothing answers any more
}
