#pragma once
// An nlohmann tree written through JsonWriter (lib/io/json_writer.hpp), for the tests that hold the
// writer to nlohmann's layout (json_writer.cpp) and the reports to the writer's (json_report.cpp).
#include "io/json_writer.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace test {

/// Writes `j` through the writer, choosing the call by nlohmann's stored type.
inline void emit(costsim::detail::JsonWriter& w, const nlohmann::ordered_json& j) {
    using ordered = nlohmann::ordered_json;
    switch (j.type()) {
        case ordered::value_t::object:
            w.begin_object();
            for (const auto& [k, v] : j.items()) {
                w.runtime_key(k);
                emit(w, v);
            }
            w.end_object();
            break;
        case ordered::value_t::array:
            w.begin_array();
            for (const ordered& v : j) emit(w, v);
            w.end_array();
            break;
        case ordered::value_t::string: w.value(j.get_ref<const std::string&>()); break;
        case ordered::value_t::boolean: w.value(j.get<bool>()); break;
        case ordered::value_t::number_integer: w.value(j.get<std::int64_t>()); break;
        case ordered::value_t::number_unsigned: w.value(j.get<std::uint64_t>()); break;
        case ordered::value_t::number_float: w.value(j.get<double>()); break;
        default: w.value(nullptr); break;
    }
}

/// `j` as the writer prints it with `indent` (-1: compact).
inline std::string written(const nlohmann::ordered_json& j, int indent) {
    costsim::detail::JsonWriter w(indent, 16);  // small on purpose: growth is exercised too
    emit(w, j);
    return std::move(w).take();
}

}  // namespace test
