#pragma once
// A cost-sim-server started in-process on a free loopback port, and small HTTP helpers.
#include <httplib.h>

#include "app.hpp"

#include <costsim/json.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace test {

/// The server on 127.0.0.1:<any free port>, serving on its own thread until destroyed.
class TestServer {
  public:
    explicit TestServer(std::function<void(costsim::server::ServerOptions&)> configure = {}) {
        costsim::server::ServerOptions options;
        options.host = "127.0.0.1";
        options.port = 0;
        options.limits.threads = 8;
        if (configure) configure(options);
        app_ = std::make_unique<costsim::server::ServerApp>(options, costsim::Catalog::builtin(),
                                                            [this](std::string_view line) {
                                                                std::lock_guard lock(log_mutex_);
                                                                log_.emplace_back(line);
                                                            });
        port_ = app_->bind();
        REQUIRE(port_ > 0);
        // The socket listens once bind() returns: clients may connect before serve() starts.
        thread_ = std::thread([this] { served_ok_ = app_->serve(); });
    }
    ~TestServer() { stop(); }

    /// Shuts down and waits until serve() returns.
    void stop() {
        if (!thread_.joinable()) return;
        app_->shutdown();
        thread_.join();
    }

    [[nodiscard]] int port() const { return port_; }
    [[nodiscard]] httplib::Client client() const {
        httplib::Client c("127.0.0.1", port_);
        c.set_connection_timeout(5);
        c.set_read_timeout(10);
        return c;
    }
    costsim::server::ServerApp& app() { return *app_; }
    std::vector<std::string> log_lines() {
        std::lock_guard lock(log_mutex_);
        return log_;
    }

  private:
    std::unique_ptr<costsim::server::ServerApp> app_;
    int port_ = -1;
    std::thread thread_;
    bool served_ok_ = false;
    std::mutex log_mutex_;
    std::vector<std::string> log_;
};

/// Waits (bounded) until `condition` holds; polling a condition, not sleeping in its place.
inline bool eventually(const std::function<bool()>& condition, std::chrono::seconds limit = std::chrono::seconds(10)) {
    auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
        if (condition()) return true;
        std::this_thread::yield();
    }
    return condition();
}

inline httplib::Result post_json(httplib::Client& client, const std::string& path, const std::string& body,
                                 const httplib::Headers& headers = {}) {
    return client.Post(path.c_str(), headers, body, "application/json");
}

/// A small comparison: Lambda 512 MB against one t3.micro, 3 million requests of 120 ms.
inline const std::string kCompareBody =
    R"({"workload":{"requests_per_month":3000000,"duration_ms":120},)"
    R"("offerings":[{"kind":"lambda","memory_mb":512},{"kind":"vm","instance":"t3.micro"}]})";

/// The error body the library's own parser gives for `body` (what the server must answer).
inline std::string library_error(const std::string& body, costsim::ScenarioShape shape) {
    try {
        costsim::parse_scenario(body, shape);
    } catch (const costsim::Error& e) {
        return costsim::error_to_json(e);
    }
    return "no error";
}

}  // namespace test
