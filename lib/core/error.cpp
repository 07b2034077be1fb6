#include <costsim/error.hpp>

namespace costsim {

const char* to_string(ErrorCode code) noexcept {
    switch (code) {
        case ErrorCode::invalid_input: return "invalid_input";
        case ErrorCode::price_not_found: return "price_not_found";
        case ErrorCode::invalid_catalog: return "invalid_catalog";
        case ErrorCode::parse_error: return "parse_error";
        case ErrorCode::limit_exceeded: return "limit_exceeded";
    }
    return "invalid_input";
}

}  // namespace costsim
