#pragma once
/// httplib::Server with its connection handling replaced: a bounded pool of worker threads
/// serves requests, and connections waiting for their next request are parked on one epoll
/// thread instead of holding a worker (httplib's own loop blocks a worker per idle keep-alive
/// socket, so a few hundred idle clients would starve everyone). Design/http-api.md#connections.

#include <httplib.h>

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace costsim::server {

struct ConnectionLimits {
    int threads = 16;                  ///< workers answering requests
    int read_timeout_s = 5;            ///< whole request (headers and body) must arrive in this
    int write_timeout_s = 5;           ///< each send must progress within this
    int keep_alive_timeout_s = 5;      ///< idle keep-alive connections are closed after this
    std::size_t max_parked = 10000;    ///< idle connections kept at most (newest over it closed)
    std::size_t max_pending = 1024;    ///< accepted connections waiting for a worker
    int backlog = 1024;                ///< listen(2) backlog
};

class PooledServer : public httplib::Server {
  public:
    explicit PooledServer(ConnectionLimits limits);
    ~PooledServer() override;

    /// Binds (port 0: any free port) and returns the port, or -1.
    int bind(const std::string& host, int port);
    /// Serves until begin_shutdown(); returns after in-flight requests are answered.
    bool serve();
    /// Stops accepting, closes idle connections; requests being answered finish. Thread-safe,
    /// async-signal-unsafe (call it from a normal thread).
    void begin_shutdown();
    [[nodiscard]] bool stopping() const noexcept { return stopping_.load(); }
    /// Idle connections parked now.
    [[nodiscard]] std::size_t parked_count() const;

  private:
    class Pool;
    class Parker;
    class QueueHandle;

    bool process_and_close_socket(socket_t sock) override;
    /// Answers requests on `fd` until it idles (parked), yields to waiting connections
    /// (requeued) or closes. `requeued`: it already had one lap in the queue without a request.
    void serve_connection(int fd, bool requeued);
    void park(int fd);
    void requeue(int fd, bool requeued);
    void close_connection(int fd);

    ConnectionLimits limits_;
    std::atomic<bool> stopping_{false};
    std::shared_ptr<Pool> pool_;
    std::shared_ptr<Parker> parker_;
};

}  // namespace costsim::server
