#include "http_errors.hpp"

#include <costsim/json.hpp>

namespace costsim::server {

int status_for(ErrorCode code) noexcept {
    switch (code) {
        case ErrorCode::invalid_input:
        case ErrorCode::parse_error:
        case ErrorCode::limit_exceeded:
        // The request named a price or instance type the catalog lacks: the body is at fault, not
        // the URL, so 400 and not 404 (Design/http-api.md#errors).
        case ErrorCode::price_not_found:
        case ErrorCode::invalid_catalog: return 400;
    }
    return 400;
}

ApiResponse error_response(const Error& error) {
    ApiResponse response;
    response.status = status_for(error.code());
    response.body = error_to_json(error);
    return response;
}

ApiResponse error_response(int status, std::string_view code, std::string_view message, std::string_view field) {
    ApiResponse response;
    response.status = status;
    response.body = error_to_json(code, message, field);
    return response;
}

std::string body_limit_message(std::size_t max_bytes) {
    const std::size_t mib = std::size_t{1} << 20;
    std::string message =
        "request bodies on this route are limited to " + std::to_string(max_bytes) + " bytes (" +
        (max_bytes >= mib ? std::to_string(max_bytes / mib) + " MiB)" : std::to_string(max_bytes >> 10) + " KiB)");
    if (max_bytes == kMaxScenarioBytes)
        return message +
               "; a workload.traffic series of 1,000,000 intervals fits with counts of up to 7 "
               "characters: round them, or sum the trace into coarser intervals (interval_s up to 3600)";
    if (max_bytes == kMaxJsonBytes)
        return message +
               ": a workload.traffic series of about 10,000 small counts; /api/v1/compare, /estimate, "
               "/break-even and /profile take one of 1,000,000 (up to " +
               std::to_string(kMaxScenarioBytes / mib) + " MiB)";
    return message;
}

ApiResponse framing_error_response(FramingError error, BodyLimit limit, std::size_t input_budget_bytes) {
    switch (error) {
        case FramingError::none: break;
        case FramingError::invalid_request_line:
            return error_response(400, "bad_request",
                                  "the request line must be: method, target, HTTP version, separated by single spaces",
                                  "request-line");
        case FramingError::request_line_too_long:
            return error_response(414, "uri_too_long", "the request URI is too long", "path");
        case FramingError::header_block_too_large:
            return error_response(
                400, "bad_request",
                "the request line and headers must end within " + std::to_string(kMaxHeaderBlockBytes) + " bytes",
                "headers");
        case FramingError::bare_line_feed:
            return error_response(400, "bad_request",
                                  "lines of the request line and headers end in CRLF, not a bare LF", "headers");
        case FramingError::invalid_header_line:
            return error_response(
                400, "bad_request",
                "a header line must be name:value, with no whitespace before the colon, no folding onto "
                "a next line and no control bytes",
                "headers");
        case FramingError::invalid_content_length:
            return error_response(
                400, "bad_request",
                "Content-Length must be decimal digits, and repeated Content-Length fields must agree",
                "content-length");
        case FramingError::content_length_with_encoding:
            return error_response(400, "bad_request", "Content-Length and Transfer-Encoding must not both be sent",
                                  "transfer-encoding");
        case FramingError::unsupported_transfer_encoding:
            return error_response(400, "bad_request", "Transfer-Encoding must be chunked, once, and only on HTTP/1.1",
                                  "transfer-encoding");
        case FramingError::invalid_chunk:
            return error_response(
                400, "bad_request",
                "a chunked body must be hex sizes and data each ending in CRLF, then 0 and a blank line "
                "(no trailer fields)",
                "body");
        case FramingError::body_too_large:
            return error_response(413, "payload_too_large", body_limit_message(limit.max_bytes), "body");
        case FramingError::over_input_budget: {
            ApiResponse response = error_response(
                503, "overloaded",
                "the server is receiving and parsing as many large request bodies as its input budget (" +
                    std::to_string(input_budget_bytes) + " bytes in all) allows; retry after 1 s",
                "body");
            response.headers.emplace_back("Retry-After", "1");
            return response;
        }
    }
    return error_response(400, "bad_request", "the request is not valid HTTP");
}

ApiResponse internal_error_response() {
    return error_response(500, "internal_error", "the server could not answer this request");
}

}  // namespace costsim::server
