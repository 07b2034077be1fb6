#pragma once
/// cost-sim-server's command line and environment (flags win over the environment).

#include "batch_pool.hpp"
#include "connection_pool.hpp"

#include <functional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace costsim::server {

enum class LogLevel { debug, info, warn, error, off };

struct ServerOptions {
    std::string host = "0.0.0.0";           ///< --host / HOST
    int port = 5000;                        ///< --port / PORT
    std::string catalog_path;               ///< --catalog / COSTSIM_CATALOG: overlay on the built-in
    LogLevel log_level = LogLevel::info;    ///< --log-level / COSTSIM_LOG_LEVEL; requests log at info
    std::vector<std::string> cors_origins;  ///< --cors-origin (repeatable); empty: no CORS
    double rate_limit = 0.0;                ///< --rate-limit requests/s per client; 0: off
    double rate_burst = 0.0;                ///< --rate-burst; 0: twice the rate
    ConnectionLimits limits;                ///< --threads, --read-timeout, --write-timeout, --keep-alive-timeout
    BatchPoolLimits batch;                  ///< --batch-threads, --batch-queue
    double shutdown_grace_s = 1.5;          ///< --shutdown-grace: SIGTERM to exit at the latest
    bool probe = false;                     ///< --probe / `healthcheck`: GET /health and exit 0/1
    bool help = false;
    bool version = false;
};

/// A bad command line; the message says what and how to fix it.
class UsageError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

using Environment = std::function<const char*(const char*)>;

/// Parses argv (without the program name) and the environment. \throws UsageError
ServerOptions parse_options(std::span<const std::string> args, const Environment& env);

/// The --help text.
std::string usage_text();

}  // namespace costsim::server
