#pragma once
/// httplib::Server driven by an event loop: a fixed set of worker threads wait on one epoll set
/// holding the listening socket and every connection, each taking one ready connection at a time.
/// A worker reads what a connection has sent (never waiting for it), hands each whole request to
/// httplib's parser and router in memory, and sends the answers in one write; a streamed answer's
/// body is made a piece at a time, only as the socket takes the previous one. Idle and half-sent
/// requests hold no thread, only a file descriptor and their bytes; a sweeper closes those past
/// their deadline. Design/http-api.md#connections, #memory. Only connection_pool.cpp uses httplib's
/// protected members and internals (cpp-httplib 0.11, checked at configure time).

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

class BodySource;  // api.hpp

/// Two workers per CPU (at least 4): one long request per CPU (a sweep of 100,000 cells takes
/// ~0.7 s) cannot stall the rest, and more threads than that only add switching between them.
int default_worker_threads();

struct ConnectionLimits {
    int threads = default_worker_threads();  ///< workers answering requests
    int read_timeout_s = 5;                  ///< a whole request (headers and body) must arrive in this
    int write_timeout_s = 5;                 ///< a client taking none of an answer for this long is dropped
    /// Memory held for answers the clients have not taken (held_bytes()), all connections
    /// together, at which new requests (but /health and /metrics) are refused with 503.
    std::size_t output_budget_bytes = 64u << 20;
    /// Memory for large request bodies (over kUnbudgetedBodyBytes) being received and answered,
    /// all connections together (input_bytes()): a body that would take it past this is answered
    /// 503 as soon as its headers are in, before it is buffered. At least what the largest legal
    /// body of any route takes (96 MiB, routes.cpp), so that each can be taken alone.
    std::size_t input_budget_bytes = 128u << 20;
    int keep_alive_timeout_s = 5;         ///< idle keep-alive connections are closed after this
    std::size_t max_connections = 10000;  ///< open at most; connections over it are closed at once
    int backlog = 1024;                   ///< listen(2) backlog
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
    /// Answer bytes made and not yet taken by the clients' sockets, all connections together.
    [[nodiscard]] std::size_t output_bytes() const noexcept { return output_bytes_.load(); }
    /// Answers whose body is being streamed now.
    [[nodiscard]] std::size_t streaming_count() const noexcept { return streaming_.load(); }
    /// What a streamed answer holds besides its unsent bytes: one slice of cells and the
    /// writer's buffer (~0.6 MB for a sweep of 20 offerings), counted in held_bytes().
    static constexpr std::size_t kStreamStateBytes = 1u << 20;
    /// Memory held for answers: output_bytes() plus kStreamStateBytes per streamed answer.
    [[nodiscard]] std::size_t held_bytes() const noexcept {
        return output_bytes_.load() + streaming_.load() * kStreamStateBytes;
    }
    /// Bodies up to this are not counted in the input budget (they are bounded per connection).
    static constexpr std::size_t kUnbudgetedBodyBytes = std::size_t{64} * 1024;
    /// Input budget held by the large bodies being received or answered: per body, the bytes its
    /// buffer may hold plus max(Content-Length, chunk data so far) x its route's memory_per_byte.
    [[nodiscard]] std::size_t input_bytes() const noexcept { return input_bytes_.load(); }
    /// Takes `bytes` of the input budget for a body kept past its request's answer (a batch's,
    /// while it is priced); false, taking nothing, when the budget cannot give them. Thread-safe.
    bool take_input(std::size_t bytes);
    /// Gives back what take_input() took. Thread-safe.
    void give_input(std::size_t bytes) noexcept { input_bytes_.fetch_sub(bytes); }
    /// Which body limit a request has (its route's); set before serve(). Unset: kMaxJsonBytes for all.
    void set_body_limits(BodyLimitOf limit_of) { limit_of_ = limit_of; }
    /// held_bytes() is at the budget: answer new requests 503.
    [[nodiscard]] bool over_output_budget() const noexcept { return held_bytes() >= limits_.output_budget_bytes; }
    /// The answer being made on this thread sends `body` after its headers, a piece at a time
    /// as the client takes it, with Transfer-Encoding: chunked. Call from a route handler.
    static void stream_body(std::shared_ptr<BodySource> body);
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
    /// Sends c.out, and the streamed body's next pieces while the socket takes them; false on
    /// a socket error.
    bool flush(Connection& c);
    /// Sets c.out to `bytes`, keeping output_bytes_ true.
    void hold_output(Connection& c, std::string bytes, std::size_t sent);
    void release_output(Connection& c);
    /// Puts the streamed body's next piece, chunk-framed, into c.out (the last chunk once it
    /// ends); false when the body has none yet (it calls resume() once it has).
    bool next_piece(Connection& c);
    /// Serves connection `id` again from a worker (any thread may call it).
    void resume(std::uint64_t id);
    /// On a worker: serves the connections resume() named.
    void serve_resumed();
    /// Takes the input budget the request framed so far needs (nothing for a small body). False:
    /// the budget cannot give it, answer 503.
    bool reserve_input(Connection& c, const RequestFrame& frame);
    void release_input(Connection& c);
    /// Gives back what a closing connection holds of the output and input budgets.
    void forget(Connection& c);
    void watch(const Connection& c);
    void close_connection(std::uint64_t id);

    ConnectionLimits limits_;
    std::atomic<bool> stopping_{false};
    int listen_fd_ = -1;
    int epoll_fd_ = -1;
    int wake_fd_ = -1;    ///< eventfd: readable once the workers are to exit
    int resume_fd_ = -1;  ///< eventfd: readable while resumed_ holds connections to serve again
    std::mutex resume_mutex_;
    std::vector<std::uint64_t> resumed_;
    std::atomic<bool> listening_{false};
    std::atomic<std::size_t> output_bytes_{0};
    std::atomic<std::size_t> streaming_{0};
    std::atomic<std::size_t> input_bytes_{0};
    BodyLimitOf limit_of_ = nullptr;

    mutable std::mutex mutex_;
    std::condition_variable changed_;  ///< a connection closed, or shutdown began
    std::unordered_map<std::uint64_t, std::unique_ptr<Connection>> connections_;
    std::uint64_t next_id_ = 0;
    std::vector<std::thread> workers_;
    std::function<void()> idle_callback_;
};

}  // namespace costsim::server
