// libFuzzer harness of the request path without sockets: the first byte picks an endpoint and
// query, the rest is the body; parse_scenario and dispatch() must answer every input with a
// 2xx or a 4xx and the one error body shape; never a crash, a hang or a 500. The whole input is
// also framed as raw HTTP (frame_request), request after request as the event loop does: every
// frame stays within the input, every refusal names its reason, and a request without its Range
// fields frames the same way.
// Built with clang -fsanitize=fuzzer,address by `make fuzz`; with other compilers, a replay
// main runs the seed corpus as a regression test (fuzz.corpus).
#include <costsim/json.hpp>

#include "request_framing.hpp"
#include "routes.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

const costsim::server::ServiceContext& context() {
    static const costsim::server::ServiceContext ctx{costsim::Catalog::builtin(), nullptr, {}};
    return ctx;
}

void require(bool ok, const char* what, const costsim::server::ApiResponse& response) {
    if (ok) return;
    std::fprintf(stderr, "fuzz: %s (status %d): %.300s\n", what, response.status, response.body.c_str());
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    struct Target {
        const char* method;
        const char* path;
        const char* format;
    };
    static constexpr Target kTargets[] = {
        {"POST", "/api/v1/estimate", nullptr}, {"POST", "/api/v1/compare", nullptr},
        {"POST", "/api/v1/compare", "csv"},    {"POST", "/api/v1/break-even", nullptr},
        {"POST", "/api/v1/sweep", nullptr},    {"POST", "/api/v1/sweep", "csv"},
        {"GET", "/api/v1/catalog", nullptr},   {"PUT", "/api/v1/compare", nullptr},
    };
    const Target& target = kTargets[data[0] % (sizeof kTargets / sizeof kTargets[0])];
    costsim::server::ApiRequest request;
    request.method = target.method;
    request.path = target.path;
    request.content_type = "application/json";
    if (target.format) request.query.emplace("format", target.format);
    request.body.assign(reinterpret_cast<const char*>(data + 1), size - 1);
    if (request.method == "GET") request.query.emplace("provider", request.body.substr(0, 300));

    for (auto shape : {costsim::ScenarioShape::one_offering, costsim::ScenarioShape::many_offerings}) {
        try {
            costsim::parse_scenario(request.body, shape);
        } catch (const costsim::Error&) {
        }
    }

    // The event loop's framing of the raw bytes as HTTP requests: sizes stay within the input.
    using State = costsim::server::RequestFrame::State;
    costsim::server::ApiResponse none;
    for (std::string_view raw(reinterpret_cast<const char*>(data), size); !raw.empty();) {
        const auto frame = costsim::server::frame_request(raw, costsim::kMaxJsonBytes);
        require(frame.state == State::incomplete ? (frame.size == 0 || frame.size > raw.size())
                                                 : (frame.size > 0 && frame.size <= raw.size()),
                "a request frame outside the input", none);
        require(frame.header_bytes <= raw.size(), "headers longer than the input", none);
        require((frame.state == State::unframed) == (frame.error != costsim::server::FramingError::none),
                "a refusal without a reason, or a reason without a refusal", none);
        if (frame.state != State::complete) break;
        if (frame.has_range) {
            const std::string without =
                costsim::server::without_range_fields(raw.substr(0, frame.size), frame.header_bytes);
            const auto again = costsim::server::frame_request(without, costsim::kMaxJsonBytes);
            require(again.state == State::complete && again.size == without.size() && !again.has_range &&
                        frame.size - frame.header_bytes == again.size - again.header_bytes,
                    "a request framed differently without its Range fields", none);
        }
        raw.remove_prefix(frame.size);
    }

    // Every refusal's answer is a 4xx with the error body.
    static const bool refusals_checked = [] {
        for (int e = 1; e <= static_cast<int>(costsim::server::FramingError::body_too_large); ++e) {
            costsim::server::ApiRequest refused;
            refused.method = "GET";
            refused.path = "/health";
            refused.framing_error = static_cast<costsim::server::FramingError>(e);
            auto answer = costsim::server::dispatch(context(), refused);
            require(answer.status >= 400 && answer.status < 500 && answer.body.find("\"code\"") != std::string::npos,
                    "a refusal answered otherwise", answer);
        }
        return true;
    }();
    (void)refusals_checked;

    auto response = costsim::server::dispatch(context(), request);
    require(response.status != 500, "a 500", response);
    require((response.status >= 200 && response.status < 300) || (response.status >= 400 && response.status < 500),
            "an unexpected status", response);
    if (response.status >= 400) {
        auto body = nlohmann::json::parse(response.body, nullptr, false);
        require(!body.is_discarded() && body.contains("error") && body["error"].contains("code") &&
                    body["error"].contains("message") && body["error"].contains("field"),
                "an error body of another shape", response);
    }
    return 0;
}

#ifdef COSTSIM_FUZZ_REPLAY
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

// Replays the files (or the files in the directories) given, as libFuzzer would.
int main(int argc, char** argv) {
    int files = 0;
    for (int i = 1; i < argc; ++i) {
        std::vector<std::filesystem::path> paths;
        if (std::filesystem::is_directory(argv[i])) {
            for (const auto& entry : std::filesystem::directory_iterator(argv[i])) paths.push_back(entry.path());
        } else {
            paths.emplace_back(argv[i]);
        }
        for (const auto& path : paths) {
            std::ifstream in(path, std::ios::binary);
            std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
            ++files;
        }
    }
    std::printf("replayed %d inputs\n", files);
    return files > 0 ? 0 : 1;
}
#endif
