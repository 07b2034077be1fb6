#include <httplib.h>  // first on purpose: no header here depends on the order (Design/http-api.md)

#include "app.hpp"
#include "handlers.hpp"
#include "http_errors.hpp"
#include "routes.hpp"

#include <costsim/json.hpp>
#include <costsim/version.hpp>

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <climits>
#include <fstream>
#include <iostream>
#include <mutex>
#include <pthread.h>
#include <sstream>
#include <thread>
#include <unistd.h>
#include <vector>

namespace costsim::server {
namespace {

using Clock = std::chrono::steady_clock;

/// Per-request bookkeeping between the pre-routing hook and the logger. A connection is served
/// start to finish on one worker thread, so thread-local storage is enough.
struct RequestScope {
    Clock::time_point start;
    bool active = false;
};
thread_local RequestScope t_scope;

constexpr std::size_t kMaxLoggedPathBytes = 256;

const char* level_name(LogLevel level) {
    switch (level) {
        case LogLevel::debug: return "debug";
        case LogLevel::info: return "info";
        case LogLevel::warn: return "warn";
        case LogLevel::error: return "error";
        case LogLevel::off: return "off";
    }
    return "info";
}

std::string json_text(const nlohmann::json& j) {
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string timestamp() {
    auto now = std::chrono::system_clock::now();
    auto t = std::chrono::system_clock::to_time_t(now);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    // Every request logs one: the date and time to the second are formatted once a second per thread.
    thread_local std::time_t last = -1;
    thread_local char text[64] = "YYYY-MM-DDTHH:MM:SS.mmmZ";
    if (t != last) {
        std::tm tm{};
        gmtime_r(&t, &tm);
        std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                      tm.tm_hour, tm.tm_min, tm.tm_sec);
        last = t;
    }
    std::string out(text, 20);  // "YYYY-MM-DDTHH:MM:SS."
    out += static_cast<char>('0' + ms / 100);
    out += static_cast<char>('0' + ms / 10 % 10);
    out += static_cast<char>('0' + ms % 10);
    out += 'Z';
    return out;
}

/// Appends `text` as a JSON string; bytes that are not printable ASCII are escaped as \u00XX
/// (a raw path may hold anything; the log stays one valid JSON line).
void append_json_string(std::string& out, std::string_view text) {
    out += '"';
    for (unsigned char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c < 0x20 || c >= 0x7f) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
            out += escaped;
        } else {
            out += static_cast<char>(c);
        }
    }
    out += '"';
}

void write_stdout(std::string_view line) {
    std::string out(line);
    out += '\n';
    // One write per line: lines from concurrent workers never interleave.
    [[maybe_unused]] auto n = ::write(STDOUT_FILENO, out.data(), out.size());
}

/// Request lines a worker has logged but not yet written. A write per request would cost as much
/// as answering /health; whole lines are written together, at most PIPE_BUF bytes at a time
/// (a pipe, as under Docker, keeps writes of that size whole), and whenever the worker runs out
/// of work (flush_request_lines from the pool's idle callback), so no line waits on a quiet server.
thread_local std::string t_request_lines;

void flush_request_lines() {
    if (t_request_lines.empty()) return;
    [[maybe_unused]] auto n = ::write(STDOUT_FILENO, t_request_lines.data(), t_request_lines.size());
    t_request_lines.clear();
}

void write_request_line(std::string_view line) {
    if (t_request_lines.size() + line.size() + 1 > PIPE_BUF) flush_request_lines();
    if (line.size() + 1 > PIPE_BUF) return write_stdout(line);
    t_request_lines.append(line);
    t_request_lines += '\n';
}

/// The error body for statuses httplib answers itself (malformed requests, oversize bodies).
ApiResponse protocol_error(int status) {
    switch (status) {
        case 400: return error_response(400, "bad_request", "the request is not valid HTTP");
        case 404: return error_response(404, "not_found", "no such route", "path");
        case 413: return error_response(413, "payload_too_large", body_limit_message(largest_body_limit()), "body");
        case 414: return error_response(414, "uri_too_long", "the request URI is too long", "path");
        case 500: return internal_error_response();
        default:
            return error_response(status, "http_error",
                                  "the request could not be answered (HTTP " + std::to_string(status) + ")");
    }
}

}  // namespace

ServerApp::ServerApp(ServerOptions options, Catalog catalog, LogSink sink)
    : options_(std::move(options)),
      context_{std::move(catalog), nullptr, {}},
      metrics_(context_.catalog.as_of()),
      limiter_(options_.rate_limit, options_.rate_burst),
      sink_(sink ? sink : LogSink(write_stdout)),
      request_sink_(sink ? std::move(sink) : LogSink(write_request_line)),
      batch_pool_(options_.batch),
      http_(options_.limits) {
    http_.set_idle_callback(flush_request_lines);  // nothing to flush with a sink given
    context_.metrics = &metrics_;
    context_.batch_pool = &batch_pool_;
    context_.input_budget_bytes = options_.limits.input_budget_bytes;
    http_.set_body_limits(body_limit_of);
    context_.health_body = health_json(context_.catalog);
    metrics_.set_connection_sources([this] { return http_.idle_count(); }, [this] { return http_.receiving_count(); });
    metrics_.set_output_sources([this] { return http_.output_bytes(); }, [this] { return http_.streaming_count(); });
    std::vector<std::pair<std::string, std::size_t>> body_limits;
    for (const RouteInfo& route : route_table())
        if (route.allow.find("POST") != std::string::npos) body_limits.emplace_back(route.path, route.body.max_bytes);
    // A batch keeps its body while it is priced: the body draws from the input budget meanwhile.
    batch_pool_.set_input_budget([this](std::size_t bytes) { return http_.take_input(bytes); },
                                 [this](std::size_t bytes) { http_.give_input(bytes); });
    metrics_.set_batch_source([this] { return batch_pool_.stats(); });
    metrics_.set_input_sources([this] { return http_.input_bytes(); }, options_.limits.input_budget_bytes,
                               std::move(body_limits));
    install_policy();
    register_routes(http_, context_);
}

ServerApp::~ServerApp() = default;

void ServerApp::log(LogLevel level, std::string_view message, std::string_view details_json) const {
    if (level < options_.log_level) return;
    nlohmann::json line{{"ts", timestamp()}, {"level", level_name(level)}, {"msg", message}};
    if (!details_json.empty()) line.update(nlohmann::json::parse(details_json));
    sink_(json_text(line));
}

void ServerApp::install_policy() {
    // Each route's body limit is enforced by the event loop and the POST reader (routes.cpp);
    // httplib's own check is the largest of them.
    http_.set_payload_max_length(largest_body_limit());
    http_.set_default_headers({
        {"Content-Security-Policy",
         "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
         "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"},
        {"X-Content-Type-Options", "nosniff"},
        {"Referrer-Policy", "no-referrer"},
        {"X-Frame-Options", "DENY"},
    });

    http_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
        if (t_scope.active) metrics_.request_finished();  // a previous request never reached the logger
        t_scope = {Clock::now(), true};
        metrics_.request_started();

        const std::string origin = req.get_header_value("Origin");
        if (!origin.empty()) {
            for (const auto& allowed : options_.cors_origins) {
                if (origin != allowed) continue;
                res.set_header("Access-Control-Allow-Origin", origin);
                res.set_header("Vary", "Origin");
                if (req.method == "OPTIONS") {
                    res.set_header("Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS");
                    res.set_header("Access-Control-Allow-Headers", "Content-Type, Accept");
                    res.set_header("Access-Control-Max-Age", "600");
                }
            }
        }
        // Clients are slow to take the answers already made: refuse new work until they take
        // some, so that memory stays bounded however many they are (Design/http-api.md#memory).
        if (http_.over_output_budget() && req.path != "/health" && req.path != "/metrics") {
            res.status = 503;
            res.set_header("Retry-After", "1");
            res.set_content(
                error_to_json("overloaded", "the server holds " + std::to_string(http_.held_bytes()) +
                                                " bytes for answers its clients have not taken yet (the limit is " +
                                                std::to_string(options_.limits.output_budget_bytes) +
                                                "); retry after 1 s"),
                "application/json");
            return httplib::Server::HandlerResponse::Handled;
        }
        if (limiter_.enabled() && req.path != "/health" && req.path != "/metrics") {
            if (int wait = limiter_.acquire(req.remote_addr); wait > 0) {
                res.status = 429;
                res.set_header("Retry-After", std::to_string(wait));
                res.set_content(error_to_json("rate_limited", "too many requests from this client; retry after " +
                                                                  std::to_string(wait) + " s"),
                                "application/json");
                return httplib::Server::HandlerResponse::Handled;
            }
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });

    http_.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;  // ours already
        ApiResponse error = protocol_error(res.status);
        res.set_content(error.body, error.content_type);
        return httplib::Server::HandlerResponse::Handled;
    }));

    http_.set_post_routing_handler([this](const httplib::Request&, httplib::Response& res) {
        // Shutting down: last answer (once; httplib has set it already when the loop asked it to close).
        if (http_.stopping() && !res.has_header("Connection")) res.set_header("Connection", "close");
    });

    http_.set_exception_handler([](const httplib::Request&, httplib::Response& res, const std::exception_ptr&) {
        // dispatch() catches everything; this is the net under httplib's own code. No internals leak.
        ApiResponse error = internal_error_response();
        res.status = error.status;
        res.set_content(error.body, error.content_type);
    });

    http_.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
        double seconds = t_scope.active ? std::chrono::duration<double>(Clock::now() - t_scope.start).count() : 0.0;
        if (t_scope.active) {
            t_scope.active = false;
            metrics_.request_finished();
        }
        metrics_.record(req.method, route_label(req.path), res.status, seconds);
        if (LogLevel::info < options_.log_level) return;
        // Formatted by hand: this runs once per request (a JSON object would allocate per field).
        char numbers[96];
        std::snprintf(numbers, sizeof numbers,
                      ",\"status\":%d,\"duration_ms\":%.3f,\"bytes\":%zu,\"remote\":", res.status, seconds * 1000.0,
                      res.body.size());
        std::string line = "{\"ts\":\"" + timestamp() + "\",\"level\":\"info\",\"msg\":\"request\",\"method\":";
        append_json_string(line, req.method);
        line += ",\"path\":";
        append_json_string(line, std::string_view(req.path).substr(0, kMaxLoggedPathBytes));
        line += numbers;
        append_json_string(line, req.remote_addr);
        line += '}';
        request_sink_(line);
    });
}

int ServerApp::bind() {
    int port = http_.bind(options_.host, options_.port);
    if (port > 0) {
        nlohmann::json details{{"host", options_.host},
                               {"port", port},
                               {"threads", options_.limits.threads},
                               {"batch_threads", options_.batch.threads},
                               {"version", kVersion},
                               {"catalog_as_of", context_.catalog.as_of()}};
        log(LogLevel::info, "listening", json_text(details));
    }
    return port;
}

bool ServerApp::serve() { return http_.serve(); }

void ServerApp::shutdown() { http_.begin_shutdown(); }

Catalog load_catalog(const std::string& path) {
    if (path.empty()) return Catalog::builtin();
    std::ifstream in(path, std::ios::binary);
    if (!in) throw UsageError("cannot read the catalog file \"" + path + "\"");
    std::string text;
    char chunk[65536];
    while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
        text.append(chunk, static_cast<std::size_t>(in.gcount()));
        if (text.size() > CatalogLimits::max_document_bytes)
            throw UsageError("the catalog file \"" + path + "\" is larger than " +
                             std::to_string(CatalogLimits::max_document_bytes >> 20) + " MiB");
    }
    return Catalog::builtin().merged_with(Catalog::from_json(text, path));
}

bool probe_health(int port) {
    httplib::Client client("127.0.0.1", port);
    client.set_connection_timeout(2);
    client.set_read_timeout(2);
    client.set_write_timeout(2);
    auto result = client.Get("/health");
    return result && result->status == 200 && result->body.find("\"status\":\"ok\"") != std::string::npos;
}

int run(int argc, char** argv) {
    ServerOptions options;
    try {
        std::vector<std::string> args(argv + (argc > 0 ? 1 : 0), argv + argc);
        options = parse_options(args, [](const char* name) { return std::getenv(name); });
    } catch (const UsageError& e) {
        std::cerr << "cost-sim-server: " << e.what() << "\n";
        return 2;
    }
    if (options.help) {
        std::cout << usage_text();
        return 0;
    }
    if (options.version) {
        std::cout << "cost-sim-server " << kVersion << "\n";
        return 0;
    }
    if (options.probe) return probe_health(options.port) ? 0 : 1;

    Catalog catalog;
    try {
        catalog = load_catalog(options.catalog_path);
    } catch (const std::exception& e) {
        std::cerr << "cost-sim-server: catalog: " << e.what() << "\n";
        return 2;
    }

    // SIGTERM/SIGINT are taken by one thread with sigwait; every other thread blocks them.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    ServerApp app(options, std::move(catalog));
    if (app.bind() <= 0) {
        app.log(LogLevel::error, "cannot listen", json_text({{"host", options.host}, {"port", options.port}}));
        return 1;
    }

    std::mutex mutex;
    std::condition_variable served_cv;
    bool served = false;
    std::atomic<bool> stopping{false};
    std::thread signal_thread([&] {
        int signal_number = 0;
        sigwait(&signals, &signal_number);
        {
            std::lock_guard lock(mutex);
            if (served) return;  // woken by main to exit
        }
        stopping = true;
        app.log(LogLevel::info, "shutting down", json_text({{"signal", signal_number}}));
        app.shutdown();
        // Requests received are answered within the grace (containers allow a few seconds);
        // connections still open after it are slow clients.
        std::unique_lock lock(mutex);
        const auto grace = std::chrono::duration<double>(options.shutdown_grace_s);
        if (!served_cv.wait_for(lock, grace, [&] { return served; })) {
            app.log(LogLevel::warn, "shutdown deadline passed; closing slow connections",
                    json_text({{"in_flight", app.metrics().in_flight()}}));
            std::_Exit(0);
        }
    });

    bool ok = app.serve();
    {
        std::lock_guard lock(mutex);
        served = true;
    }
    served_cv.notify_all();
    // Wakes the signal thread from sigwait (it only waits for signals; nothing is torn down by it).
    if (!stopping) pthread_kill(signal_thread.native_handle(), SIGTERM);  // NOLINT(bugprone-bad-signal-to-kill-thread)
    signal_thread.join();
    app.log(LogLevel::info, "stopped");
    return ok || stopping ? 0 : 1;
}

}  // namespace costsim::server
