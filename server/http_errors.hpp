#pragma once
/// costsim::Error and HTTP-level failures mapped, once, to a status and the one error body shape
/// {"error":{"code","message","field"}} (costsim::error_to_json).

#include "api.hpp"

#include <costsim/error.hpp>

#include <string>
#include <string_view>

namespace costsim::server {

/// The status of a library error: every ErrorCode is the client's fault here, so 400.
int status_for(ErrorCode code) noexcept;

/// The response for a library error: status_for(code) and error_to_json(error).
ApiResponse error_response(const Error& error);

/// A response with the error body for failures that are not library errors (404, 405, 413, ...).
ApiResponse error_response(int status, std::string_view code, std::string_view message, std::string_view field = {});

/// The 413 answer's message: the route's limit `max_bytes`, and what it means for a traffic series.
std::string body_limit_message(std::size_t max_bytes);

/// The answer to a request refused by its framing (request_framing.hpp): 400, 413 (naming the
/// route's `limit`), 414, or 503 with Retry-After (naming the server's `input_budget_bytes`).
ApiResponse framing_error_response(FramingError error, BodyLimit limit = {}, std::size_t input_budget_bytes = 0);

/// The body of an unexpected failure: says nothing about internals.
ApiResponse internal_error_response();

}  // namespace costsim::server
