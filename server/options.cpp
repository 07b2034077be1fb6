#include "options.hpp"

#include <charconv>
#include <cmath>

namespace costsim::server {
namespace {

int parse_int(const std::string& name, const std::string& text, int lo, int hi) {
    int value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value < lo || value > hi)
        throw UsageError(name + " must be an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) +
                         "], got \"" + text + "\"");
    return value;
}

double parse_double(const std::string& name, const std::string& text, double lo, double hi) {
    std::size_t used = 0;
    double value = 0;
    try {
        value = std::stod(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || used != text.size() || !std::isfinite(value) || value < lo || value > hi)
        throw UsageError(name + " must be a number in [" + std::to_string(lo) + ", " + std::to_string(hi) +
                         "], got \"" + text + "\"");
    return value;
}

LogLevel parse_level(const std::string& text) {
    if (text == "debug") return LogLevel::debug;
    if (text == "info") return LogLevel::info;
    if (text == "warn") return LogLevel::warn;
    if (text == "error") return LogLevel::error;
    if (text == "off") return LogLevel::off;
    throw UsageError("--log-level must be one of debug, info, warn, error, off, got \"" + text + "\"");
}

}  // namespace

ServerOptions parse_options(std::span<const std::string> args, const Environment& env) {
    ServerOptions o;
    if (const char* v = env("HOST"); v && *v) o.host = v;
    if (const char* v = env("PORT"); v && *v) o.port = parse_int("PORT", v, 1, 65535);
    if (const char* v = env("COSTSIM_CATALOG"); v && *v) o.catalog_path = v;
    if (const char* v = env("COSTSIM_LOG_LEVEL"); v && *v) o.log_level = parse_level(v);

    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string arg = args[i];
        std::string value;
        bool has_value = false;
        if (auto eq = arg.find('='); arg.starts_with("--") && eq != std::string::npos) {
            value = arg.substr(eq + 1);
            arg = arg.substr(0, eq);
            has_value = true;
        }
        auto next = [&]() -> std::string {
            if (has_value) return value;
            if (i + 1 >= args.size()) throw UsageError(arg + " needs a value");
            return args[++i];
        };
        if (arg == "--help" || arg == "-h")
            o.help = true;
        else if (arg == "--version")
            o.version = true;
        else if (arg == "--probe" || arg == "healthcheck")
            o.probe = true;
        else if (arg == "--host")
            o.host = next();
        else if (arg == "--port")
            o.port = parse_int("--port", next(), 0, 65535);
        else if (arg == "--threads")
            o.limits.threads = parse_int("--threads", next(), 1, 1024);
        else if (arg == "--batch-threads")
            o.batch.threads = parse_int("--batch-threads", next(), 1, 256);
        else if (arg == "--batch-queue")
            o.batch.max_requests = parse_int("--batch-queue", next(), 1, 4096);
        else if (arg == "--catalog")
            o.catalog_path = next();
        else if (arg == "--log-level")
            o.log_level = parse_level(next());
        else if (arg == "--cors-origin")
            o.cors_origins.push_back(next());
        else if (arg == "--rate-limit")
            o.rate_limit = parse_double("--rate-limit", next(), 0, 1e6);
        else if (arg == "--rate-burst")
            o.rate_burst = parse_double("--rate-burst", next(), 1, 1e6);
        else if (arg == "--read-timeout")
            o.limits.read_timeout_s = parse_int("--read-timeout", next(), 1, 300);
        else if (arg == "--write-timeout")
            o.limits.write_timeout_s = parse_int("--write-timeout", next(), 1, 300);
        else if (arg == "--shutdown-grace")
            o.shutdown_grace_s = parse_double("--shutdown-grace", next(), 0, 300);
        else if (arg == "--keep-alive-timeout")
            o.limits.keep_alive_timeout_s = parse_int("--keep-alive-timeout", next(), 1, 300);
        else
            throw UsageError("unknown argument \"" + args[i] + "\"; see --help");
    }
    if (o.rate_limit > 0 && o.rate_burst == 0) o.rate_burst = std::max(1.0, 2 * o.rate_limit);
    return o;
}

std::string usage_text() {
    return R"(Usage: cost-sim-server [options]
       cost-sim-server --probe | healthcheck     GET /health on 127.0.0.1:$PORT; exit 0 if ok, else 1

Serves the cost-sim HTTP API (Design/http-api.md) and the page.

Options (environment in brackets; flags win):
  --host ADDR              listen address [HOST] (default 0.0.0.0)
  --port N                 listen port, 0 = any free port [PORT] (default 5000)
  --threads N              worker threads answering requests (default 2 per CPU, at least 4)
  --batch-threads N        threads pricing POST /api/v1/batch, apart from the workers (default 1 per CPU)
  --batch-queue N          batch requests in progress at once; more are answered 503 (default 16)
  --catalog FILE           price catalog overlaid on the built-in one [COSTSIM_CATALOG]
  --log-level LEVEL        debug|info|warn|error|off; requests are logged at info [COSTSIM_LOG_LEVEL]
  --cors-origin ORIGIN     allow this browser origin cross-site (repeatable; default: no CORS)
  --rate-limit N           requests per second per client address, 429 above (default 0 = off)
  --rate-burst N           burst allowance of the rate limit (default 2 x rate)
  --read-timeout S         seconds a whole request may take to arrive (default 5)
  --write-timeout S        seconds a client may take no byte of an answer (default 5)
  --shutdown-grace S       seconds requests received before SIGTERM have to be answered (default 1.5)
  --keep-alive-timeout S   seconds an idle connection is kept (default 5)
  --version                print the version
  --help                   print this help

Examples:
  cost-sim-server --port 8080
  PORT=5000 cost-sim-server --probe
)";
}

}  // namespace costsim::server
