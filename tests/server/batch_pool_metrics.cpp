// The batch pool in /metrics, and a batch's body in the input budget while the batch holds it
// (Design/http-api.md#batch, #body-limits), over real sockets.
#include "raw_client.hpp"

#include <string>

namespace {

std::string line_of(int rps) {
    return R"({"workload":{"requests_per_second":)" + std::to_string(rps) +
           R"(,"duration_ms":120},"offerings":[{"kind":"lambda","region":"us-east-1","memory_mb":512}]})" + "\n";
}

/// 50 lines of 20 offerings: ~60 KB in (under 64 KiB: not budgeted as it arrives), MBs out.
std::string heavy_body() {
    std::string heavy = R"({"workload":{"requests_per_second":20,"duration_ms":120},"offerings":[)";
    for (int i = 1; i <= 10; ++i) heavy += R"({"kind":"lambda","memory_mb":)" + std::to_string(128 * i) + "},";
    for (int i = 1; i <= 10; ++i)
        heavy += R"({"kind":"vm","id":"vm)" + std::to_string(i) + R"(","instance":"t3.micro","capacity_rps":)" +
                 std::to_string(10 * i) + (i < 10 ? "}," : "}]}\n");
    std::string body;
    for (int i = 0; i < 50; ++i) body += heavy;
    return body;
}

std::string batch_request(const std::string& body) {
    return "POST /api/v1/batch HTTP/1.1\r\nHost: t\r\nContent-Type: application/x-ndjson\r\nConnection: close\r\n"
           "Content-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body;
}

}  // namespace

TEST_CASE("/metrics shows the batch pool before and after a batch of 3 lines") {
    test::TestServer server([](costsim::server::ServerOptions& o) {
        o.batch.threads = 2;
        o.batch.max_requests = 5;
    });
    auto client = server.client();
    auto before = client.Get("/metrics");
    REQUIRE(before);
    CHECK(test::metric(before->body, "costsim_batch_threads") == 2);
    CHECK(test::metric(before->body, "costsim_batch_threads_busy") == 0);
    CHECK(test::metric(before->body, "costsim_batch_requests_queued") == 0);
    CHECK(test::metric(before->body, "costsim_batch_requests_in_progress") == 0);
    CHECK(test::metric(before->body, "costsim_batch_requests_max") == 5);
    CHECK(test::metric(before->body, "costsim_batch_requests_admitted_total") == 0);
    CHECK(test::metric(before->body, "costsim_batch_lines_priced_total") == 0);
    auto r = client.Post("/api/v1/batch", line_of(1) + line_of(2) + "{}\n", "application/x-ndjson");
    REQUIRE(r);
    CHECK(r->status == 200);
    // Answered whole: the pool has let it go before its last chunk was sent.
    auto after = client.Get("/metrics");
    REQUIRE(after);
    CHECK(test::metric(after->body, "costsim_batch_requests_admitted_total") == 1);
    CHECK(test::metric(after->body, "costsim_batch_lines_priced_total") == 3);  // the bad line is an error line
    CHECK(test::metric(after->body, "costsim_batch_requests_in_progress") == 0);
    CHECK(test::metric(after->body, "costsim_batch_threads_busy") == 0);
    CHECK(test::metric(after->body, "costsim_batch_input_budgeted_bytes") == 0);
    CHECK(after->body.find("costsim_batch_requests_rejected_total{reason=\"queue_full\"} 0\n") != std::string::npos);
}

TEST_CASE("a batch whose body does not fit in the input budget left is 503; the budget returns to zero after") {
    // A budget of 100,000 bytes: one held batch of ~60 KB fits, a second does not.
    test::TestServer server([](costsim::server::ServerOptions& o) {
        o.limits.input_budget_bytes = 100000;
        o.limits.write_timeout_s = 60;
        o.batch.threads = 1;
    });
    const std::string body = heavy_body();
    REQUIRE(body.size() < 65536);
    REQUIRE(2 * body.size() > 100000);
    const int held = test::connect_raw(server.port(), 4096);
    REQUIRE(held >= 0);
    REQUIRE(test::send_all(held, batch_request(body)));
    REQUIRE(test::eventually([&] { return server.app().http().input_bytes() == body.size(); }));
    auto client = server.client();
    auto refused = client.Post("/api/v1/batch", body, "application/x-ndjson");
    REQUIRE(refused);
    CHECK(refused->status == 503);
    CHECK(refused->get_header_value("Retry-After") == "1");
    const auto error = nlohmann::json::parse(refused->body)["error"];
    CHECK(error["code"] == "overloaded");
    CHECK(error["field"] == "body");
    auto metrics = client.Get("/metrics");
    REQUIRE(metrics);
    CHECK(test::metric(metrics->body, "costsim_http_input_budgeted_bytes") == double(body.size()));
    CHECK(test::metric(metrics->body, "costsim_batch_input_budgeted_bytes") == double(body.size()));
    CHECK(metrics->body.find("costsim_batch_requests_rejected_total{reason=\"input_budget\"} 1\n") !=
          std::string::npos);
    // The held batch, read whole, gives its share back; then the same batch is admitted.
    const test::Answer answer = test::parse_answer(test::read_all(held));
    ::close(held);
    CHECK(answer.head.starts_with("HTTP/1.1 200"));
    CHECK(server.app().http().input_bytes() == 0);
    auto admitted = client.Post("/api/v1/batch", body, "application/x-ndjson");
    REQUIRE(admitted);
    CHECK(admitted->status == 200);
    CHECK(server.app().http().input_bytes() == 0);
}
