// Flags and environment: defaults, precedence (flags win), and clear errors for bad values.
#include "options.hpp"

#include <algorithm>
#include <thread>

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

using costsim::server::LogLevel;
using costsim::server::parse_options;
using costsim::server::UsageError;

namespace {

costsim::server::ServerOptions parse(std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
    return parse_options(args, [&env](const char* name) -> const char* {
        auto it = env.find(name);
        return it == env.end() ? nullptr : it->second.c_str();
    });
}

}  // namespace

TEST_CASE("defaults: 0.0.0.0:5000, 2 threads per CPU (at least 4), info logs, no CORS, no rate limit") {
    auto o = parse({});
    CHECK(o.host == "0.0.0.0");
    CHECK(o.port == 5000);
    CHECK(o.limits.threads == std::max(4, 2 * static_cast<int>(std::thread::hardware_concurrency())));
    CHECK(o.log_level == LogLevel::info);
    CHECK(o.cors_origins.empty());
    CHECK(o.rate_limit == 0);
    CHECK(o.catalog_path.empty());
    CHECK(!o.probe);
}

TEST_CASE("the environment sets HOST, PORT, COSTSIM_CATALOG and flags override it") {
    auto env_only = parse({}, {{"HOST", "127.0.0.1"}, {"PORT", "8080"}, {"COSTSIM_CATALOG", "/tmp/c.json"}});
    CHECK(env_only.host == "127.0.0.1");
    CHECK(env_only.port == 8080);
    CHECK(env_only.catalog_path == "/tmp/c.json");
    auto both = parse({"--port", "9090", "--host=::1"}, {{"HOST", "127.0.0.1"}, {"PORT", "8080"}});
    CHECK(both.port == 9090);
    CHECK(both.host == "::1");
}

TEST_CASE("every flag is read") {
    auto o = parse({"--threads", "4", "--log-level", "warn", "--cors-origin", "https://a.example", "--cors-origin",
                    "https://b.example", "--rate-limit", "10", "--read-timeout", "2", "--write-timeout", "3",
                    "--keep-alive-timeout", "4", "--catalog", "x.json"});
    CHECK(o.limits.threads == 4);
    CHECK(o.log_level == LogLevel::warn);
    CHECK(o.cors_origins == std::vector<std::string>{"https://a.example", "https://b.example"});
    CHECK(o.rate_limit == 10);
    CHECK(o.rate_burst == 20);  // twice the rate unless given
    CHECK(o.limits.read_timeout_s == 2);
    CHECK(o.limits.write_timeout_s == 3);
    CHECK(o.limits.keep_alive_timeout_s == 4);
    CHECK(o.catalog_path == "x.json");
    CHECK(parse({"--probe"}).probe);
    CHECK(parse({"healthcheck"}).probe);
}

TEST_CASE("bad values and unknown flags are usage errors naming the flag") {
    CHECK_THROWS_WITH_AS(parse({"--port", "70000"}), "--port must be an integer in [0, 65535], got \"70000\"",
                         UsageError);
    CHECK_THROWS_WITH_AS(parse({"--threads", "0"}), "--threads must be an integer in [1, 1024], got \"0\"", UsageError);
    CHECK_THROWS_WITH_AS(parse({"--port"}), "--port needs a value", UsageError);
    CHECK_THROWS_WITH_AS(parse({"--log-level", "loud"}),
                         "--log-level must be one of debug, info, warn, error, off, got \"loud\"", UsageError);
    CHECK_THROWS_WITH_AS(parse({"--colour"}), "unknown argument \"--colour\"; see --help", UsageError);
    CHECK_THROWS_AS(parse({}, {{"PORT", "http"}}), UsageError);
}
