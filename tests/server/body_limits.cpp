// Per-route request body limits and the input budget (Design/http-api.md#body-limits), over real
// sockets: each POST route takes a body of exactly its limit and refuses one byte more with 413
// (Content-Length at once, before the body is sent; chunked once the data passes it); a
// 1,000,000-interval profile is compared; many large bodies at once are answered 503 while one
// holds the budget, and RSS stays within it.
#include "raw_client.hpp"
#include "routes.hpp"

#include <costsim/json.hpp>

#include <nlohmann/json.hpp>

#include <fstream>
#include <map>

namespace {

constexpr std::size_t kMiB = std::size_t{1} << 20;

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kRssMeaningful = false;
#else
constexpr bool kRssMeaningful = true;
#endif

std::string head(const std::string& path, std::size_t length, bool chunked) {
    return "POST " + path + " HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nConnection: close\r\n" +
           (chunked ? std::string("Transfer-Encoding: chunked") : "Content-Length: " + std::to_string(length)) +
           "\r\n\r\n";
}

/// `bytes` spaces, chunk-framed in 64 KiB chunks (and the last chunk when `end`).
std::string chunked_spaces(std::size_t bytes, bool end) {
    std::string out;
    out.reserve(bytes + bytes / 8 + 16);
    for (std::size_t left = bytes; left > 0;) {
        const std::size_t n = std::min<std::size_t>(left, 65536);
        char line[32];
        std::snprintf(line, sizeof line, "%zx\r\n", n);
        out += line;
        out.append(n, ' ');
        out += "\r\n";
        left -= n;
    }
    if (end) out += "0\r\n\r\n";
    return out;
}

/// Sends `request` on a new connection from another thread (the server may stop reading it) and
/// reads the answer meanwhile.
test::Answer exchange(int port, const std::string& request) {
    const int fd = test::connect_raw(port);
    REQUIRE(fd >= 0);
    std::thread sender([&] { test::send_all(fd, request); });
    test::Answer answer = test::parse_answer(test::read_all(fd));
    sender.join();
    ::close(fd);
    return answer;
}

std::string status_of(const test::Answer& answer) { return answer.head.substr(0, answer.head.find("\r\n")); }

}  // namespace

TEST_CASE("every POST route takes a body of its limit and answers 413 naming it one byte over") {
    test::TestServer server;
    for (const auto& route : costsim::server::route_table()) {
        if (route.allow != "POST") continue;
        const std::size_t limit = route.body.max_bytes;
        CAPTURE(route.path);
        CAPTURE(limit);
        // Content-Length one over: refused as soon as the headers are in, before any body is sent.
        {
            const int fd = test::connect_raw(server.port());
            REQUIRE(fd >= 0);
            REQUIRE(test::send_all(fd, head(route.path, limit + 1, false)));
            const test::Answer answer = test::parse_answer(test::read_all(fd));
            ::close(fd);
            CHECK(status_of(answer) == "HTTP/1.1 413 Payload Too Large");
            const auto error = nlohmann::json::parse(answer.body)["error"];
            CHECK(error["code"] == "payload_too_large");
            CHECK(error["field"] == "body");
            CHECK(error["message"].get<std::string>().find("limited to " + std::to_string(limit) + " bytes") !=
                  std::string::npos);
        }
        // Chunked one over: refused once the data passes the limit.
        {
            const test::Answer answer =
                exchange(server.port(), head(route.path, 0, true) + chunked_spaces(limit + 1, true));
            CHECK(status_of(answer) == "HTTP/1.1 413 Payload Too Large");
            CHECK(answer.body.find(std::to_string(limit)) != std::string::npos);
        }
        // Exactly the limit, either way: read and handed to the route (spaces are no JSON: 400,
        // or the batch's error lines), never 413.
        for (const bool chunked : {false, true}) {
            CAPTURE(chunked);
            const std::string body = chunked ? chunked_spaces(limit, true) : std::string(limit, ' ');
            const test::Answer answer = exchange(server.port(), head(route.path, limit, chunked) + body);
            CHECK(answer.head.rfind("HTTP/1.1 ", 0) == 0);
            CHECK(status_of(answer) != "HTTP/1.1 413 Payload Too Large");
            CHECK(answer.body.find("payload_too_large") == std::string::npos);
        }
    }
}

TEST_CASE("the limits are those the routes declare: 8 MiB scenarios, 64 KiB by default, and in /metrics") {
    std::map<std::string, std::size_t> limits;
    for (const auto& route : costsim::server::route_table()) limits[route.path] = route.body.max_bytes;
    CHECK(limits["/api/v1/compare"] == 8 * kMiB);
    CHECK(limits["/api/v1/estimate"] == 8 * kMiB);
    CHECK(limits["/api/v1/profile"] == 8 * kMiB);
    CHECK(limits["/api/v1/import/cur"] == 16 * kMiB);
    CHECK(limits["/api/v1/optimise"] == costsim::kMaxJsonBytes);
    CHECK(limits["/api/v1/sweep"] == costsim::kMaxJsonBytes);
    CHECK(costsim::server::body_limit_of("/api/v1/compare?format=csv").max_bytes == 8 * kMiB);
    CHECK(costsim::server::body_limit_of("/no/such/route").max_bytes == costsim::kMaxJsonBytes);
    // No legal body takes more of the input budget than the budget holds (so each can be served).
    const costsim::server::ConnectionLimits defaults;
    for (const auto& route : costsim::server::route_table()) {
        CAPTURE(route.path);
        const std::size_t worst =
            2 * route.body.max_bytes + costsim::server::kMaxHeaderBlockBytes +
            std::min(route.body.max_bytes * route.body.memory_per_byte, route.body.max_memory_bytes);
        CHECK(worst <= defaults.input_budget_bytes);
    }

    test::TestServer server;
    const std::string metrics = server.client().Get("/metrics")->body;
    CHECK(metrics.find("costsim_http_body_limit_bytes{route=\"/api/v1/compare\"} 8388608\n") != std::string::npos);
    CHECK(metrics.find("costsim_http_body_limit_bytes{route=\"/api/v1/optimise\"} 65536\n") != std::string::npos);
    CHECK(test::metric(metrics, "costsim_http_input_budget_bytes") == double(128 * kMiB));
    CHECK(test::metric(metrics, "costsim_http_input_budgeted_bytes") == 0);
}

TEST_CASE("POST /api/v1/compare with a 1,000,000-interval profile answers 200 with the profile's totals") {
    // 1,000,000 intervals of 60 s with 1 request each: 1,000,000 requests in 60,000,000 s. A month
    // is 730 h = 2,628,000 s (units.hpp), so requests_per_month = 1,000,000 x 2,628,000 /
    // 60,000,000 = 43,800.
    // Lambda x86 us-east-1, 512 MB, 120 ms, no free tier (pricing-facts.md: $0.20 per 1M requests,
    // $0.0000166667 per GB-s):
    //   requests 43,800 x $0.0000002            = $0.00876
    //   compute  43,800 x 0.12 s x 0.5 GB = 2,628 GB-s x $0.0000166667 = $0.0438000876
    //   total                                   = $0.0525600876
    std::string body = R"({"workload":{"duration_ms":120,"traffic":{"interval_s":60,"requests":[)";
    body.reserve(2'000'200);
    for (int i = 0; i < 1'000'000; ++i) body += i == 0 ? "1" : ",1";
    body += R"(]}},"offerings":[{"kind":"lambda","memory_mb":512,"free_tier":false}]})";
    REQUIRE(body.size() > 64 * 1024);
    REQUIRE(body.size() < 8 * kMiB);

    test::TestServer server;
    const test::Answer answer = exchange(server.port(), test::post_request("/api/v1/compare", body, true));
    REQUIRE(status_of(answer) == "HTTP/1.1 200 OK");
    const auto report = nlohmann::json::parse(answer.body);
    const auto& lambda = report["results"][0];
    CHECK(lambda["requests_per_month"].get<double>() == doctest::Approx(43800.0).epsilon(1e-12));
    CHECK(lambda["line_items"][0]["quantity"].get<double>() == doctest::Approx(43800.0).epsilon(1e-12));
    CHECK(lambda["line_items"][1]["quantity"].get<double>() == doctest::Approx(2628.0).epsilon(1e-12));
    CHECK(lambda["total"].get<double>() == doctest::Approx(0.0525600876).epsilon(1e-9));
}

TEST_CASE("large bodies past the input budget are answered 503 before they are read; RSS stays within it") {
    // One client's /api/v1/import/cur headers (16 MiB, 5 bytes a byte to answer: ~96 MiB of the
    // 128 MiB budget) hold the budget while its body has not come; 11 more clients sending 16 MiB
    // each are answered 503 with Retry-After, unread. Without the budget they would be buffered
    // and parsed at once (12 x ~100 MiB).
    test::ServerProcess server({"--threads", "4", "--read-timeout", "60"});
    REQUIRE(!server.get("/health").empty());
    const std::size_t baseline = server.rss_bytes();
    const std::size_t budget = 128 * kMiB;

    const std::string path = "/api/v1/import/cur";
    const std::size_t length = 16 * kMiB;
    const int holder = test::connect_raw(server.port());
    REQUIRE(holder >= 0);
    REQUIRE(test::send_all(holder, head(path, length, false)));
    REQUIRE(test::eventually(
        [&] { return test::metric(server.get("/metrics"), "costsim_http_input_budgeted_bytes") > double(length); },
        std::chrono::seconds(10)));

    const std::string body(length, ' ');
    std::vector<std::thread> clients;
    std::vector<test::Answer> answers(11);
    for (std::size_t i = 0; i < answers.size(); ++i)
        clients.emplace_back([&, i] {
            answers[i] = exchange(server.port(),
                                  head(path, length, i % 2 == 1) + (i % 2 == 1 ? chunked_spaces(length, true) : body));
        });
    for (auto& t : clients) t.join();
    for (const auto& answer : answers) {
        CHECK(status_of(answer) == "HTTP/1.1 503 Service Unavailable");
        CHECK(answer.head.find("Retry-After: 1\r\n") != std::string::npos);
        CHECK(answer.body.find("\"code\":\"overloaded\"") != std::string::npos);
    }

    // The holder's body comes: it is read and answered (spaces: 400), and the budget is given back.
    REQUIRE(test::send_all(holder, body));
    const test::Answer held = test::parse_answer(test::read_all(holder));
    ::close(holder);
    CHECK(status_of(held) == "HTTP/1.1 400 Bad Request");
    REQUIRE(test::eventually(
        [&] { return test::metric(server.get("/metrics"), "costsim_http_input_budgeted_bytes") == 0; }));

    // The peak, not a sample: what the whole load took at its worst.
    std::size_t peak = 0;
    std::ifstream status("/proc/" + std::to_string(server.pid()) + "/status");
    for (std::string line; std::getline(status, line);)
        if (line.rfind("VmHWM:", 0) == 0) peak = std::stoul(line.substr(6)) * 1024;
    MESSAGE("peak RSS " << peak / kMiB << " MiB, baseline " << baseline / kMiB << " MiB");
    if (kRssMeaningful) CHECK(peak < baseline + budget);

    // Once given back, the next large body is taken.
    const test::Answer next = exchange(server.port(), head(path, length, false) + body);
    CHECK(status_of(next) == "HTTP/1.1 400 Bad Request");
}

TEST_CASE("a large chunked body sent in many small chunks, a send each, is read whole and answered") {
    // A 100,000-interval profile (~200 KB: over 64 KiB, so it takes input budget as it grows) in
    // chunks of 100 bytes, each sent on its own: the server frames it as the reads come (each
    // from the chunk the previous one stopped in) and answers what the same body answers with a
    // Content-Length. 100,000 intervals of 60 s with 1 request each: 100,000 requests in
    // 6,000,000 s; a month is 2,628,000 s, so 100,000 x 2,628,000 / 6,000,000 = 43,800 a month.
    std::string body = R"({"workload":{"duration_ms":120,"traffic":{"interval_s":60,"requests":[)";
    for (int i = 0; i < 100'000; ++i) body += i == 0 ? "1" : ",1";
    body += R"(]}},"offerings":[{"kind":"lambda","memory_mb":512,"free_tier":false}]})";
    REQUIRE(body.size() > 64 * 1024);

    test::TestServer server;
    const test::Answer framed = exchange(server.port(), test::post_request("/api/v1/compare", body, true));
    REQUIRE(status_of(framed) == "HTTP/1.1 200 OK");
    CHECK(nlohmann::json::parse(framed.body)["results"][0]["requests_per_month"].get<double>() ==
          doctest::Approx(43800.0).epsilon(1e-12));

    const int fd = test::connect_raw(server.port());
    REQUIRE(fd >= 0);
    std::thread sender([&] {
        test::send_all(fd, head("/api/v1/compare", 0, true));
        for (std::size_t at = 0; at < body.size(); at += 100) {
            const std::string piece = body.substr(at, 100);
            char line[32];
            std::snprintf(line, sizeof line, "%zx\r\n", piece.size());
            if (!test::send_all(fd, line + piece + "\r\n")) return;
        }
        test::send_all(fd, "0\r\n\r\n");
    });
    const test::Answer chunked = test::parse_answer(test::read_all(fd));
    sender.join();
    ::close(fd);
    CHECK(status_of(chunked) == "HTTP/1.1 200 OK");
    CHECK(chunked.body == framed.body);
}
