#pragma once
/// httplib::Server driven by an event loop: a fixed set of worker threads wait on one epoll set
/// holding the listening socket and every connection. A worker reads what a connection has sent
/// (never waiting for it), hands each whole request to httplib's parser and router in memory,
/// and sends the answers in one write. Idle and half-sent requests hold no thread, only a file
/// descriptor and their bytes; a sweeper closes those past their deadline.
/// Design/http-api.md#connections.

#include "request_framing.hpp"

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace costsim::server {

/// Two workers per CPU (at least 4): one long request per CPU (a sweep of 100,000 cells takes
/// ~0.7 s) cannot stall the rest, and more threads than that only add switching between them.
int default_worker_threads();

struct ConnectionLimits {
    int threads = default_worker_threads();   ///< workers answering requests
    int read_timeout_s = 5;                ///< a whole request (headers and body) must arrive in this
    int write_timeout_s = 5;               ///< an answer must be taken by the client in this
    int keep_alive_timeout_s = 5;          ///< idle keep-alive connections are closed after this
    std::size_t max_connections = 10000;   ///< open at most; connections over it are closed at once
    int backlog = 1024;                    ///< listen(2) backlog
};

class PooledServer : public httplib::Server {
  public:
    explicit PooledServer(ConnectionLimits limits);
    ~PooledServer() override;

    /// Binds (port 0: any free port) and listens; returns the port, or -1.
    int bind(const std::string& host, int port);
    /// Serves until begin_shutdown() and every connection is closed; false if it cannot start.
    bool serve();
    /// Stops accepting and closes idle connections; requests begun are answered (with
    /// Connection: close) or time out. Thread-safe.
    void begin_shutdown();
    [[nodiscard]] bool stopping() const noexcept { return stopping_.load(); }
    /// Connections waiting for their next request.
    [[nodiscard]] std::size_t idle_count() const;
    /// Connections holding part of a request (sending it now, or slowly).
    [[nodiscard]] std::size_t receiving_count() const;
    /// Runs on a worker whenever it runs out of ready connections, and as it exits (the app
    /// flushes the worker's buffered log lines there). Set before serve().
    void set_idle_callback(std::function<void()> callback) { idle_callback_ = std::move(callback); }

  private:
    struct Connection;
    using Clock = std::chrono::steady_clock;

    void work();
    void sweep(Clock::time_point now);
    void accept_all();
    void handle(std::uint64_t id);
    /// Reads, answers whole requests, writes. False: close the connection.
    bool serve_io(Connection& c);
    /// Answers one framed request into `out`. False: close after sending.
    bool answer(Connection& c, std::string_view request, const RequestFrame& frame, std::string& out);
    /// Sends c.out; false on a socket error.
    bool flush(Connection& c);
    void watch(const Connection& c);
    void close_connection(std::uint64_t id);

    ConnectionLimits limits_;
    std::atomic<bool> stopping_{false};
    int listen_fd_ = -1;
    int epoll_fd_ = -1;
    int wake_fd_ = -1;          ///< eventfd: readable once the workers are to exit
    std::atomic<bool> listening_{false};

    mutable std::mutex mutex_;
    std::condition_variable changed_;   ///< a connection closed, or shutdown began
    std::unordered_map<std::uint64_t, std::unique_ptr<Connection>> connections_;
    std::uint64_t next_id_ = 0;
    std::vector<std::thread> workers_;
    std::function<void()> idle_callback_;
};

}  // namespace costsim::server
