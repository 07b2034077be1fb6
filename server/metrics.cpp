#include "metrics.hpp"

#include <costsim/version.hpp>

#include <cstdio>

namespace costsim::server {
namespace {

/// One metric's HELP and TYPE lines, and its sample without labels.
void append_metric(std::string& out, const char* name, const char* type, const char* help, std::uint64_t value) {
    out.append("# HELP ").append(name).append(" ").append(help).append("\n");
    out.append("# TYPE ").append(name).append(" ").append(type).append("\n");
    out.append(name).append(" ").append(std::to_string(value)).append("\n");
}

void append_batch_pool(std::string& out, const BatchPoolStats& s) {
    append_metric(out, "costsim_batch_threads", "gauge", "Threads of the batch pool (--batch-threads).", s.threads);
    append_metric(out, "costsim_batch_threads_busy", "gauge", "Batch pool threads pricing a piece of a batch now.",
                  s.busy_threads);
    append_metric(out, "costsim_batch_requests_queued", "gauge",
                  "Batch requests waiting for a batch pool thread to price their next piece.", s.queued);
    append_metric(out, "costsim_batch_requests_in_progress", "gauge",
                  "Batch requests admitted and not yet answered whole.", s.in_progress);
    append_metric(out, "costsim_batch_requests_max", "gauge",
                  "Batch requests in progress at most (--batch-queue); one more is answered 503.", s.max_in_progress);
    append_metric(out, "costsim_batch_input_budgeted_bytes", "gauge",
                  "Input budget held by the bodies of the batch requests in progress.", s.input_bytes);
    append_metric(out, "costsim_batch_requests_admitted_total", "counter", "Batch requests admitted to the pool.",
                  s.admitted);
    out +=
        "# HELP costsim_batch_requests_rejected_total Batch requests answered 503 before any line was priced, by "
        "reason.\n# TYPE costsim_batch_requests_rejected_total counter\n";
    out +=
        "costsim_batch_requests_rejected_total{reason=\"queue_full\"} " + std::to_string(s.rejected_queue_full) + "\n";
    out += "costsim_batch_requests_rejected_total{reason=\"input_budget\"} " + std::to_string(s.rejected_input_budget) +
           "\n";
    append_metric(out, "costsim_batch_lines_priced_total", "counter",
                  "Batch lines priced by the pool (a line that fails is an error line, counted too).", s.lines_priced);
}

std::string number(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.9g", value);
    return text;
}

}  // namespace

Metrics::Metrics(std::string catalog_as_of) : catalog_as_of_(std::move(catalog_as_of)) {}

void Metrics::record(const std::string& method, const std::string& route, int status, double seconds) {
    std::lock_guard lock(mutex_);
    ++requests_[{method, route, status}];
    Histogram& h = latency_[route];
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        if (seconds <= kBuckets[i]) {
            ++h.buckets[i];
            break;
        }
    }
    ++h.count;
    h.sum += seconds;
}

std::string Metrics::exposition() const {
    std::string out;
    out += "# HELP costsim_build_info Build of the running server.\n# TYPE costsim_build_info gauge\n";
    out += std::string("costsim_build_info{version=\"") + kVersion + "\",catalog_as_of=\"" + catalog_as_of_ + "\"} 1\n";
    out +=
        "# HELP costsim_http_requests_in_flight Requests being answered now.\n"
        "# TYPE costsim_http_requests_in_flight gauge\n";
    out += "costsim_http_requests_in_flight " + std::to_string(in_flight_.load()) + "\n";
    if (idle_source_) {
        out +=
            "# HELP costsim_http_connections_idle Keep-alive connections waiting for their next request.\n"
            "# TYPE costsim_http_connections_idle gauge\n";
        out += "costsim_http_connections_idle " + std::to_string(idle_source_()) + "\n";
    }
    if (receiving_source_) {
        out +=
            "# HELP costsim_http_connections_receiving Connections holding part of a request.\n"
            "# TYPE costsim_http_connections_receiving gauge\n";
        out += "costsim_http_connections_receiving " + std::to_string(receiving_source_()) + "\n";
    }
    if (output_bytes_source_) {
        out +=
            "# HELP costsim_http_output_buffered_bytes Answer bytes made and not yet taken by the clients' sockets.\n"
            "# TYPE costsim_http_output_buffered_bytes gauge\n";
        out += "costsim_http_output_buffered_bytes " + std::to_string(output_bytes_source_()) + "\n";
    }
    if (streaming_source_) {
        out +=
            "# HELP costsim_http_answers_streaming Answers whose body is being streamed to the client.\n"
            "# TYPE costsim_http_answers_streaming gauge\n";
        out += "costsim_http_answers_streaming " + std::to_string(streaming_source_()) + "\n";
    }
    if (input_bytes_source_) {
        out +=
            "# HELP costsim_http_input_budgeted_bytes Input budget held by large request bodies being received or "
            "answered.\n"
            "# TYPE costsim_http_input_budgeted_bytes gauge\n";
        out += "costsim_http_input_budgeted_bytes " + std::to_string(input_bytes_source_()) + "\n";
        out +=
            "# HELP costsim_http_input_budget_bytes The input budget: large bodies past it are answered 503.\n"
            "# TYPE costsim_http_input_budget_bytes gauge\n";
        out += "costsim_http_input_budget_bytes " + std::to_string(input_budget_) + "\n";
        out +=
            "# HELP costsim_http_body_limit_bytes The largest request body a route takes (larger: 413).\n"
            "# TYPE costsim_http_body_limit_bytes gauge\n";
        for (const auto& [route, bytes] : body_limits_)
            out += "costsim_http_body_limit_bytes{route=\"" + route + "\"} " + std::to_string(bytes) + "\n";
    }
    if (batch_source_) append_batch_pool(out, batch_source_());
    std::lock_guard lock(mutex_);
    out +=
        "# HELP costsim_http_requests_total Answered requests by method, route and status.\n"
        "# TYPE costsim_http_requests_total counter\n";
    for (const auto& [key, count] : requests_) {
        const auto& [method, route, status] = key;
        out += "costsim_http_requests_total{method=\"" + method + "\",route=\"" + route + "\",status=\"" +
               std::to_string(status) + "\"} " + std::to_string(count) + "\n";
    }
    out +=
        "# HELP costsim_http_request_duration_seconds Time to answer a request once all of it has arrived, by route.\n"
        "# TYPE costsim_http_request_duration_seconds histogram\n";
    for (const auto& [route, h] : latency_) {
        std::uint64_t cumulative = 0;
        const std::string label = "costsim_http_request_duration_seconds_bucket{route=\"" + route + "\",le=\"";
        for (std::size_t i = 0; i < kBuckets.size(); ++i) {
            cumulative += h.buckets[i];
            out += label + number(kBuckets[i]) + "\"} " + std::to_string(cumulative) + "\n";
        }
        out += label + "+Inf\"} " + std::to_string(h.count) + "\n";
        out += "costsim_http_request_duration_seconds_sum{route=\"" + route + "\"} " + number(h.sum) + "\n";
        out += "costsim_http_request_duration_seconds_count{route=\"" + route + "\"} " + std::to_string(h.count) + "\n";
    }
    return out;
}

}  // namespace costsim::server
