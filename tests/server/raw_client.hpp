#pragma once
// Raw-socket clients for the tests of memory, streaming and shutdown: clients that read slowly or
// not at all, a chunked-body decoder, the largest sweep the API takes, and the server binary run
// as a child process (for its RSS and its signals).
#include "server_support.hpp"

#include <costsim/curves_io.hpp>

#include <arpa/inet.h>
#include <csignal>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace test {

/// A connected loopback socket (-1 on failure). `receive_buffer` > 0 shrinks the kernel's
/// receive buffer first, so a client that does not read stops the server's sends early.
inline int connect_raw(int port, int receive_buffer = 0) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (receive_buffer > 0) ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
    timeval limit{20, 0};  // a server that never answers fails the test instead of hanging it
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
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

inline bool send_all(int fd, std::string_view data) {
    while (!data.empty()) {
        ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
        if (n <= 0) return false;
        data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

inline std::string post_request(const std::string& path, const std::string& body, bool close = false) {
    return "POST " + path + " HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: " +
           std::to_string(body.size()) + (close ? "\r\nConnection: close" : "") + "\r\n\r\n" + body;
}

/// Everything until the server closes (or the read times out).
inline std::string read_all(int fd) {
    std::string reply;
    char buffer[65536];
    for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) reply.append(buffer, static_cast<std::size_t>(n));
    return reply;
}

/// The body of a chunked answer (`body` starts after the headers); "<bad chunking>" if it is cut
/// short or malformed, so a truncated answer cannot pass for a whole one.
inline std::string dechunk(std::string_view body) {
    std::string out;
    for (;;) {
        const std::size_t line_end = body.find("\r\n");
        if (line_end == std::string_view::npos) return "<bad chunking>";
        std::size_t size = 0;
        try {
            size = std::stoul(std::string(body.substr(0, line_end)), nullptr, 16);
        } catch (...) {
            return "<bad chunking>";
        }
        body.remove_prefix(line_end + 2);
        if (size == 0) return body == "\r\n" ? out : "<bad chunking>";
        if (body.size() < size + 2 || body.substr(size, 2) != "\r\n") return "<bad chunking>";
        out.append(body.substr(0, size));
        body.remove_prefix(size + 2);
    }
}

/// An answer split into its head (status line and headers) and its body, dechunked if chunked.
struct Answer {
    std::string head;
    std::string body;
};
inline Answer parse_answer(const std::string& reply) {
    const std::size_t end = reply.find("\r\n\r\n");
    if (end == std::string::npos) return {reply, ""};
    Answer a{reply.substr(0, end + 2), reply.substr(end + 4)};
    if (a.head.find("Transfer-Encoding: chunked\r\n") != std::string::npos) a.body = dechunk(a.body);
    return a;
}

/// A sweep of `offerings` offerings (half Lambda, half VM fleets) over `traffic` x `durations`
/// x `memories` cells. The largest the API takes: 20 x 1,000 x 10 x 10 (100,000 cells; a 6 KB
/// body, ~32 MB of JSON).
inline std::string sweep_body(int offerings, int traffic, int durations, int memories) {
    std::ostringstream body;
    body << R"({"workload":{"requests_per_month":3000000,"duration_ms":120},"offerings":[)";
    for (int i = 0; i < offerings; ++i) {
        if (i > 0) body << ',';
        if (i % 2 == 0)
            body << R"({"id":"fn)" << i << R"(","kind":"lambda","memory_mb":512})";
        else
            body << R"({"id":"vm)" << i << R"(","kind":"vm","instance":"t3.micro","count":)" << (i + 1) / 2 << '}';
    }
    body << R"(],"sweep":{"requests_per_second":[)";
    for (int i = 1; i <= traffic; ++i) body << (i > 1 ? "," : "") << i;
    body << R"(],"duration_ms":[)";
    for (int i = 1; i <= durations; ++i) body << (i > 1 ? "," : "") << 10 * i;
    body << R"(],"memory_mb":[)";
    for (int i = 1; i <= memories; ++i) body << (i > 1 ? "," : "") << 128 * i;
    body << "]}}";
    return body.str();
}
inline const std::string& largest_sweep_body() {
    static const std::string body = sweep_body(20, 1000, 10, 10);
    return body;
}

/// The library's own report for a sweep body: what the server must send.
inline std::string expected_sweep_json(const std::string& body) {
    auto s = costsim::parse_scenario(body, costsim::ScenarioShape::many_offerings);
    return costsim::to_json(costsim::sweep(s.workload, s.offerings, costsim::Catalog::builtin(), s.sweep, s.currency));
}

/// The value of an unlabelled metric in a Prometheus exposition (-1 if absent).
inline double metric(const std::string& exposition, const std::string& name) {
    const std::size_t at = exposition.find("\n" + name + " ");
    if (at == std::string::npos) return -1;
    return std::stod(exposition.substr(at + name.size() + 2));
}

/// cost-sim-server run as a child process on a free port; its stdout lines are collected.
class ServerProcess {
  public:
    explicit ServerProcess(std::vector<std::string> args) {
        int out[2];
        REQUIRE(::pipe(out) == 0);
        std::vector<std::string> argv = {COSTSIM_SERVER_BINARY, "--host", "127.0.0.1", "--port", "0"};
        argv.insert(argv.end(), args.begin(), args.end());
        pid_ = ::fork();
        REQUIRE(pid_ >= 0);
        if (pid_ == 0) {
            ::dup2(out[1], STDOUT_FILENO);
            ::close(out[0]);
            ::close(out[1]);
            std::vector<char*> cargs;
            for (auto& a : argv) cargs.push_back(a.data());
            cargs.push_back(nullptr);
            ::execv(cargs[0], cargs.data());
            ::_exit(127);
        }
        ::close(out[1]);
        fd_ = out[0];
        std::string first_line;
        char ch;
        while (::read(fd_, &ch, 1) == 1 && ch != '\n') first_line += ch;
        auto listening = nlohmann::json::parse(first_line);
        REQUIRE(listening["msg"] == "listening");
        port_ = listening["port"];
        // Drain the log so that the server never blocks on a full pipe.
        reader_ = std::thread([this] {
            char buffer[4096];
            while (::read(fd_, buffer, sizeof buffer) > 0) {
            }
        });
    }
    ~ServerProcess() {
        if (pid_ > 0 && !exited_) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
        if (reader_.joinable()) reader_.join();
        ::close(fd_);
    }
    [[nodiscard]] int port() const { return port_; }
    [[nodiscard]] pid_t pid() const { return pid_; }
    void signal(int number) { ::kill(pid_, number); }
    /// Waits for the process to end; its wait status.
    int wait() {
        int status = 0;
        ::waitpid(pid_, &status, 0);
        exited_ = true;
        return status;
    }
    /// Resident set size in bytes, from /proc/<pid>/status.
    [[nodiscard]] std::size_t rss_bytes() const {
        std::ifstream status("/proc/" + std::to_string(pid_) + "/status");
        for (std::string line; std::getline(status, line);)
            if (line.rfind("VmRSS:", 0) == 0) return std::stoul(line.substr(6)) * 1024;
        return 0;
    }
    std::string get(const std::string& path) const {
        httplib::Client client("127.0.0.1", port_);
        client.set_read_timeout(20);
        auto res = client.Get(path.c_str());
        return res && res->status == 200 ? res->body : std::string{};
    }

  private:
    pid_t pid_ = -1;
    int fd_ = -1;
    int port_ = -1;
    bool exited_ = false;
    std::thread reader_;
};

}  // namespace test
