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
    case ErrorCode::invalid_catalog:
        return 400;
    }
    return 400;
}

ApiResponse error_response(const Error& error) {
    ApiResponse response;
    response.status = status_for(error.code());
    response.body = error_to_json(error);
    return response;
}

ApiResponse error_response(int status, std::string_view code, std::string_view message,
                           std::string_view field) {
    ApiResponse response;
    response.status = status;
    response.body = error_to_json(code, message, field);
    return response;
}

ApiResponse internal_error_response() {
    return error_response(500, "internal_error", "the server could not answer this request");
}

}  // namespace costsim::server
