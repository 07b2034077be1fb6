#pragma once
/// The typed errors of cost-sim. Every public entry point validates its input and throws one of
/// these; front ends map them once: the CLI to exit code 2, the server to a 4xx JSON body.

#include <stdexcept>
#include <string>

namespace costsim {

/// What kind of failure an Error is; stable names, used as `code` in API error bodies.
enum class ErrorCode {
    invalid_input,    ///< a value breaks a documented rule (range, type, enum)
    price_not_found,  ///< the catalog has no price for a lookup key
    invalid_catalog,  ///< a catalog document breaks the schema
    parse_error,      ///< text is not well-formed JSON
    limit_exceeded,   ///< a request asks for more work than the bounds allow
};

/// Stable text for an ErrorCode ("invalid_input", ...).
const char* to_string(ErrorCode code) noexcept;

/// Base of all cost-sim errors. `field()` names the input at fault ("workload.duration_ms",
/// "entries[3].tiers"), or is empty when no single field is.
class Error : public std::runtime_error {
  public:
    Error(ErrorCode code, std::string field, const std::string& message)
        : std::runtime_error(message), code_(code), field_(std::move(field)) {}
    [[nodiscard]] ErrorCode code() const noexcept { return code_; }
    [[nodiscard]] const std::string& field() const noexcept { return field_; }

  private:
    ErrorCode code_;
    std::string field_;
};

/// A value breaks a rule: message "<field> must be <rule>, got <value>".
class InvalidInput : public Error {
  public:
    InvalidInput(const std::string& field, const std::string& rule, const std::string& got)
        : Error(ErrorCode::invalid_input, field, field + " must be " + rule + ", got " + got) {}
    /// For messages that do not fit "must be ..., got ..." (e.g. conflicting fields).
    InvalidInput(std::string field, const std::string& message, int /*free_form*/)
        : Error(ErrorCode::invalid_input, std::move(field), message) {}
};

/// The catalog has no entry for a key; the message names the key and, when it can, close matches.
class PriceNotFound : public Error {
  public:
    PriceNotFound(std::string field, const std::string& message)
        : Error(ErrorCode::price_not_found, std::move(field), message) {}
};

/// A catalog document breaks the schema; field is "entries[i].name" or a top-level key.
class InvalidCatalog : public Error {
  public:
    InvalidCatalog(std::string field, const std::string& message)
        : Error(ErrorCode::invalid_catalog, std::move(field), message) {}
};

/// Text that is not well-formed JSON; the message carries the byte position.
class ParseError : public Error {
  public:
    explicit ParseError(const std::string& message) : Error(ErrorCode::parse_error, "", message) {}
};

/// A request for more work than the documented bounds allow (grid sizes, steps, ...).
class LimitExceeded : public Error {
  public:
    LimitExceeded(std::string field, const std::string& message)
        : Error(ErrorCode::limit_exceeded, std::move(field), message) {}
};

}  // namespace costsim
