// OCI Always Free (docs.oracle.com/en-us/iaas/Content/FreeTier/freetier_topic-Always_Free_Resources.htm):
// two VM.Standard.E2.1.Micro per tenancy, and 3,000 OCPU-hours + 18,000 GB-hours a month of
// VM.Standard.A1.Flex. Oracle's compute price list shows E2 Micro only as "Free"
// (oracle.com/cloud/compute/pricing), so E2.1.Micro beyond two, or without the free tier, cannot be
// priced and is refused. A1 beyond the allowance: $0.01 per OCPU-hour, $0.0015 per GB-hour.
#include <costsim/costsim.hpp>
#include <doctest/doctest.h>

#include "../support.hpp"

#include <string>

using namespace costsim;

namespace {
Bill fleet(VmFleetConfig c, Workload w = {}) { return price(w, Offering{"", std::move(c)}, Catalog::builtin()); }

/// The InvalidInput that pricing `c` raises, as "field: message", or "(priced)".
std::string refusal(VmFleetConfig c, Workload w = {}) {
    try {
        (void)fleet(std::move(c), w);
    } catch (const InvalidInput& e) {
        return e.field() + ": " + e.what();
    }
    return "(priced)";
}

constexpr const char* kMicro = "VM.Standard.E2.1.Micro";
}  // namespace

TEST_CASE("OCI E2.1.Micro: one or two instances are Always Free") {
    // 2 x 730 h x $0 = $0
    const Bill two = fleet({.provider = "oci", .instance = kMicro, .count = 2});
    CHECK(two.total == 0.0);
    CHECK(test::quantity_of(two, "Instance usage (VM.Standard.E2.1.Micro, on-demand)") == 2 * 730.0);
    CHECK(two.convention("always_free") != nullptr);
    CHECK(fleet({.provider = "oci", .region = "ap-tokyo-1", .instance = kMicro, .count = 1}).total == 0.0);
    // no count and no capacity: min_instances (1) instances, not sized from traffic
    CHECK(fleet({.provider = "oci", .instance = kMicro}).total == 0.0);
}

TEST_CASE("OCI E2.1.Micro: a third instance cannot be bought, so it is refused, not billed at $0") {
    // the command: cost-sim vm --provider oci --instance VM.Standard.E2.1.Micro --count 500
    const std::string many = refusal({.provider = "oci", .instance = kMicro, .count = 500});
    CHECK(many.rfind("count: count must be at most 2 for VM.Standard.E2.1.Micro", 0) == 0);
    CHECK(many.find("Always Free, two per tenancy, and has no paid price, got 500") != std::string::npos);
    CHECK(refusal({.provider = "oci", .instance = kMicro, .count = 3}).rfind("count: ", 0) == 0);
    CHECK(refusal({.provider = "oci", .instance = kMicro, .count = 2}) == "(priced)");
    // a fleet sized from traffic could need more than two
    CHECK(
        refusal({.provider = "oci", .instance = kMicro, .capacity_rps = 10.0}).rfind("count: count must be given", 0) ==
        0);
    CHECK(refusal({.provider = "oci", .instance = kMicro}, {.cpu_ms_per_request = 10}).rfind("count: ", 0) == 0);
    CHECK(refusal({.provider = "oci", .instance = kMicro, .min_instances = 3}).rfind("min_instances: ", 0) == 0);
    // without the free tier the shape has no price at all
    CHECK(refusal({.provider = "oci", .instance = kMicro, .count = 1, .free_tier = false})
              .rfind("free_tier: free_tier must be true for VM.Standard.E2.1.Micro", 0) == 0);
}

TEST_CASE("OCI A1.Flex beyond the Always Free allowance is billed per OCPU-hour and GB-hour") {
    // 5 x 1 OCPU / 6 GB x 730 h: OCPU-h 5 x 1 x 730 = 3,650; (3,650 - 3,000) x $0.01 = $6.50
    //                            GB-h 5 x 6 x 730 = 21,900; (21,900 - 18,000) x $0.0015 = $5.85
    //                            total $12.35
    const Bill b = fleet({.provider = "oci", .instance = "VM.Standard.A1.Flex-1ocpu-6gb", .count = 5});
    CHECK(b.total == doctest::Approx(12.35).epsilon(1e-12));
    CHECK(test::cost_of(b, "Instance usage (VM.Standard.A1.Flex-1ocpu-6gb), OCPU") ==
          doctest::Approx(6.50).epsilon(1e-12));
    CHECK(test::cost_of(b, "Instance usage (VM.Standard.A1.Flex-1ocpu-6gb), memory") ==
          doctest::Approx(5.85).epsilon(1e-12));
    test::check_invariants(b);
    // 500 of them: OCPU (365,000 - 3,000) x 0.01 = 3,620; GB-h (2,190,000 - 18,000) x 0.0015 = 3,258 -> $6,878
    CHECK(fleet({.provider = "oci", .instance = "VM.Standard.A1.Flex-1ocpu-6gb", .count = 500}).total ==
          doctest::Approx(6878.0).epsilon(1e-12));
}
