// Region codes to places. Locations as the providers publish them: AWS
// docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html, Google Cloud
// cloud.google.com/compute/docs/regions-zones, Azure learn.microsoft.com/azure/reliability/regions-list,
// OCI docs.oracle.com/iaas/Content/General/Concepts/regions.htm, Sakura manual.sakura.ad.jp/cloud/server/zone.html.
#include <costsim/regions.hpp>

#include <array>

namespace costsim {

namespace {

struct KnownRegion {
    std::string_view provider;
    std::string_view region;
    RegionPlace place;
};

constexpr std::string_view kJapan = "Japan";
constexpr std::string_view kUnitedStates = "United States";

// The catalog's regions first, then neighbours a user catalog is likely to add.
constexpr std::array kRegions = {
    KnownRegion{"aws", "us-east-1", {"N. Virginia", kUnitedStates}},
    KnownRegion{"aws", "us-east-2", {"Ohio", kUnitedStates}},
    KnownRegion{"aws", "us-west-2", {"Oregon", kUnitedStates}},
    KnownRegion{"aws", "ap-northeast-1", {"Tokyo", kJapan}},
    KnownRegion{"aws", "ap-northeast-3", {"Osaka", kJapan}},
    KnownRegion{"aws", "eu-west-1", {"Ireland", "Ireland"}},
    KnownRegion{"aws", "eu-central-1", {"Frankfurt", "Germany"}},
    KnownRegion{"gcp", "us-central1", {"Iowa", kUnitedStates}},
    KnownRegion{"gcp", "us-east1", {"South Carolina", kUnitedStates}},
    KnownRegion{"gcp", "us-east4", {"N. Virginia", kUnitedStates}},
    KnownRegion{"gcp", "us-west1", {"Oregon", kUnitedStates}},
    KnownRegion{"gcp", "asia-northeast1", {"Tokyo", kJapan}},
    KnownRegion{"gcp", "asia-northeast2", {"Osaka", kJapan}},
    KnownRegion{"gcp", "europe-west1", {"Belgium", "Belgium"}},
    KnownRegion{"gcp", "europe-west3", {"Frankfurt", "Germany"}},
    KnownRegion{"azure", "eastus", {"Virginia", kUnitedStates}},
    KnownRegion{"azure", "eastus2", {"Virginia", kUnitedStates}},
    KnownRegion{"azure", "centralus", {"Iowa", kUnitedStates}},
    KnownRegion{"azure", "westus2", {"Washington", kUnitedStates}},
    KnownRegion{"azure", "japaneast", {"Tokyo", kJapan}},
    KnownRegion{"azure", "japanwest", {"Osaka", kJapan}},
    KnownRegion{"azure", "northeurope", {"Ireland", "Ireland"}},
    KnownRegion{"azure", "germanywestcentral", {"Frankfurt", "Germany"}},
    KnownRegion{"oci", "us-ashburn-1", {"Ashburn", kUnitedStates}},
    KnownRegion{"oci", "us-phoenix-1", {"Phoenix", kUnitedStates}},
    KnownRegion{"oci", "ap-tokyo-1", {"Tokyo", kJapan}},
    KnownRegion{"oci", "ap-osaka-1", {"Osaka", kJapan}},
    KnownRegion{"oci", "eu-frankfurt-1", {"Frankfurt", "Germany"}},
    KnownRegion{"sakura", "is1a", {"Ishikari", kJapan}},
    KnownRegion{"sakura", "is1b", {"Ishikari", kJapan}},
    KnownRegion{"sakura", "tk1a", {"Tokyo", kJapan}},
    KnownRegion{"sakura", "tk1b", {"Tokyo", kJapan}},
};

}  // namespace

std::optional<RegionPlace> region_place(std::string_view provider, std::string_view region) noexcept {
    for (const KnownRegion& known : kRegions)
        if (known.provider == provider && known.region == region) return known.place;
    return std::nullopt;
}

}  // namespace costsim
