#pragma once
/// Options several offering kinds share (architecture, purchase option, ...), each with its
/// spellings written once: to_string, the JSON reader, the CLI and the published descriptors all
/// use the tables below.

#include <array>
#include <optional>
#include <string_view>

namespace costsim {

enum class Architecture { x86_64, arm64 };
enum class FrontDoor { none, function_url, http_api, rest_api };
enum class PurchaseOption { on_demand, one_year, three_year, spot };
/// How a 1yr/3yr reservation is paid (AWS Standard RIs): hourly only, part upfront, all upfront.
enum class ReservedPayment { no_upfront, partial_upfront, all_upfront };

/// An enum value and its spelling in scenarios, reports and flags.
template <class Enum>
struct Spelling {
    std::string_view text;
    Enum value;
};

/// The spellings of each enum, in the order they are listed to people. Specialised below.
template <class Enum>
struct EnumSpellings;

template <>
struct EnumSpellings<Architecture> {
    static constexpr Spelling<Architecture> values[] = {{"x86_64", Architecture::x86_64},
                                                        {"arm64", Architecture::arm64}};
};
template <>
struct EnumSpellings<FrontDoor> {
    static constexpr Spelling<FrontDoor> values[] = {{"none", FrontDoor::none},
                                                     {"function-url", FrontDoor::function_url},
                                                     {"http-api", FrontDoor::http_api},
                                                     {"rest-api", FrontDoor::rest_api}};
};
template <>
struct EnumSpellings<PurchaseOption> {
    static constexpr Spelling<PurchaseOption> values[] = {{"on-demand", PurchaseOption::on_demand},
                                                          {"1yr", PurchaseOption::one_year},
                                                          {"3yr", PurchaseOption::three_year},
                                                          {"spot", PurchaseOption::spot}};
};
template <>
struct EnumSpellings<ReservedPayment> {
    static constexpr Spelling<ReservedPayment> values[] = {{"no_upfront", ReservedPayment::no_upfront},
                                                           {"partial_upfront", ReservedPayment::partial_upfront},
                                                           {"all_upfront", ReservedPayment::all_upfront}};
};

/// The spellings alone, for lists shown to people ("one of x86_64, arm64").
template <class Enum>
inline constexpr auto kSpellings = [] {
    std::array<std::string_view, std::size(EnumSpellings<Enum>::values)> out{};
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = EnumSpellings<Enum>::values[i].text;
    return out;
}();

/// The spelling of `value`.
template <class Enum>
constexpr std::string_view spelling(Enum value) noexcept {
    for (const auto& s : EnumSpellings<Enum>::values)
        if (s.value == value) return s.text;
    return EnumSpellings<Enum>::values[0].text;
}

/// The value spelled `text`, or nullopt.
template <class Enum>
constexpr std::optional<Enum> from_spelling(std::string_view text) noexcept {
    for (const auto& s : EnumSpellings<Enum>::values)
        if (s.text == text) return s.value;
    return std::nullopt;
}

const char* to_string(Architecture a) noexcept;     ///< "x86_64" | "arm64"
const char* to_string(FrontDoor f) noexcept;        ///< "none" | "function-url" | "http-api" | "rest-api"
const char* to_string(PurchaseOption p) noexcept;   ///< "on-demand" | "1yr" | "3yr" | "spot"
const char* to_string(ReservedPayment p) noexcept;  ///< "no_upfront" | "partial_upfront" | "all_upfront"

/// The clouds cost-sim prices, as catalog entries and VM fleets name them.
inline constexpr std::string_view kProviders[] = {"aws", "gcp", "azure", "oci", "sakura"};

}  // namespace costsim
