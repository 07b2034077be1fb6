#pragma once
/// The server put together: options, catalog, HTTP policy (security headers, CORS, rate limit,
/// error bodies, logging, metrics) and the routes. run() is all main() does; ServerApp is what the
/// tests start in-process.

#include "api.hpp"
#include "batch_pool.hpp"
#include "connection_pool.hpp"
#include "metrics.hpp"
#include "options.hpp"
#include "rate_limiter.hpp"

#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace costsim::server {

/// Receives one finished log line (a JSON object, no newline).
using LogSink = std::function<void(std::string_view line)>;

class ServerApp {
  public:
    /// `sink` defaults to stdout: one line per write, request lines gathered per worker.
    ServerApp(ServerOptions options, Catalog catalog, LogSink sink = {});
    ~ServerApp();
    ServerApp(const ServerApp&) = delete;
    ServerApp& operator=(const ServerApp&) = delete;

    /// Binds options.host:options.port (0: any free port). Returns the port, or -1.
    int bind();
    /// Serves until shutdown(); returns once requests in flight are answered.
    bool serve();
    /// Stops accepting and lets requests in flight finish (thread-safe).
    void shutdown();

    [[nodiscard]] const Metrics& metrics() const noexcept { return metrics_; }
    [[nodiscard]] PooledServer& http() noexcept { return http_; }
    [[nodiscard]] const BatchPool& batch_pool() const noexcept { return batch_pool_; }
    void log(LogLevel level, std::string_view message, std::string_view details_json = {}) const;

  private:
    void install_policy();

    ServerOptions options_;
    ServiceContext context_;
    Metrics metrics_;
    RateLimiter limiter_;
    LogSink sink_;
    LogSink request_sink_;  ///< request lines: stdout buffered per worker, or `sink` as given
    BatchPool batch_pool_;  ///< before http_: outlives the connections whose batches it prices
    PooledServer http_;
};

/// Loads the catalog: the built-in one, overlaid with `path`'s entries when given.
/// \throws costsim::Error, UsageError (unreadable file)
Catalog load_catalog(const std::string& path);

/// GETs http://127.0.0.1:<port>/health; true if it answers 200 with status ok.
bool probe_health(int port);

/// main(): parses argv and the environment, then serves until SIGTERM/SIGINT (exit 0), probes
/// (--probe), or fails (exit 2 on bad usage or catalog, 1 if the port cannot be bound).
int run(int argc, char** argv);

}  // namespace costsim::server
