#pragma once
/// Where providers' regions are: a region code -> its location and geography, so a comparison can
/// say when its offerings are priced in different parts of the world (prices differ by region).

#include <optional>
#include <string_view>

namespace costsim {

/// A region's place: `geography` is the country or market prices are set for ("Japan",
/// "United States"), `location` the metro area or state ("Tokyo", "Iowa").
struct RegionPlace {
    std::string_view location;
    std::string_view geography;
};

/// The place of `provider`'s `region` ("aws", "ap-northeast-1" -> Tokyo, Japan), or nullopt for a
/// region cost-sim does not know (a user catalog may add any region).
std::optional<RegionPlace> region_place(std::string_view provider, std::string_view region) noexcept;

}  // namespace costsim
