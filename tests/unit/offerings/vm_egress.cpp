// Data transfer out per provider: GB = R x response KiB x 1,024 x internet share / 2^30, priced on
// the provider's tiers after its monthly free allowance (tiers count from the end of the allowance).
// response_kb = 1,024 makes 1 request = 1/1,024 GB, so R = 1,024 x G gives G GB.
// Each fleet is one instance; the instance cost is subtracted by looking at the egress lines only.
#include <costsim/costsim.hpp>
#include <doctest/doctest.h>

#include "../support.hpp"

using namespace costsim;

namespace {
const char* kLine = "Data transfer out";
Bill egress(const std::string& provider, const std::string& instance, double gb, bool free_tier = true,
            double internet_percent = 100.0) {
    Workload w{.requests_per_month = 1024.0 * gb, .response_kb = 1024, .internet_percent = internet_percent};
    VmFleetConfig c{.provider = provider, .instance = instance, .free_tier = free_tier};
    return price(w, Offering{"", c}, Catalog::builtin());
}
}  // namespace

TEST_CASE("Egress AWS us-east-1: 100 GB free pool, then $0.09, $0.085 after 10,240 GB") {
    // 50 GB: inside the free 100 GB -> $0
    CHECK(test::cost_of(egress("aws", "t3.micro", 50), kLine) == 0.0);
    // 20,000 GB: 100 free; 10,240 x $0.09 = 921.60; (20,000 - 10,340) = 9,660 x $0.085 = 821.10 -> $1,742.70
    Bill b = egress("aws", "t3.micro", 20000);
    CHECK(test::cost_of(b, kLine) == doctest::Approx(1742.70).epsilon(1e-12));
    test::check_invariants(b);
    // free tier off: 10,240 x 0.09 = 921.60; 9,760 x 0.085 = 829.60 -> $1,751.20
    CHECK(test::cost_of(egress("aws", "t3.micro", 20000, false), kLine) == doctest::Approx(1751.20).epsilon(1e-12));
}

TEST_CASE("Egress GCP us-central1: 1 GB free, then $0.12 to 1,024 GB, $0.11 to 10,240 GB") {
    CHECK(test::cost_of(egress("gcp", "e2-micro", 1), kLine) == 0.0);
    // 2,000 GB: 1 free; 1,024 x $0.12 = 122.88; (2,000 - 1,025) = 975 x $0.11 = 107.25 -> $230.13
    CHECK(test::cost_of(egress("gcp", "e2-micro", 2000), kLine) == doctest::Approx(230.13).epsilon(1e-12));
}

TEST_CASE("Egress GCP asia-northeast1: the 1 GB allowance is for North American sources only") {
    // 1 GB from Tokyo: 1 x $0.12 = $0.12
    VmFleetConfig c{.provider = "gcp", .region = "asia-northeast1", .instance = "e2-micro"};
    Bill b = price({.requests_per_month = 1024, .response_kb = 1024}, Offering{"", c}, Catalog::builtin());
    CHECK(test::cost_of(b, kLine) == doctest::Approx(0.12).epsilon(1e-12));
    CHECK(b.convention("data_out_free_gb")->value == 0.0);
}

TEST_CASE("Egress Azure eastus: 100 GB free, then next 10 TB at $0.087, next 40 TB at $0.083") {
    CHECK(test::cost_of(egress("azure", "B1s", 100), kLine) == 0.0);
    // 20,000 GB: 100 free; 10,240 x $0.087 = 890.88; (20,000 - 10,340) = 9,660 x $0.083 = 801.78 -> $1,692.66
    Bill b = egress("azure", "B1s", 20000);
    CHECK(test::cost_of(b, kLine) == doctest::Approx(1692.66).epsilon(1e-12));
    CHECK(test::quantity_of(b, "Data transfer out to the internet, free tier") == 100.0);
    // free tier off: 10,240 x 0.087 = 890.88; 9,760 x 0.083 = 810.08 -> $1,700.96
    CHECK(test::cost_of(egress("azure", "B1s", 20000, false), kLine) == doctest::Approx(1700.96).epsilon(1e-12));
}

TEST_CASE("Egress OCI us-ashburn-1: 10 TB free, then $0.0085") {
    CHECK(test::cost_of(egress("oci", "VM.Standard.E2.1.Micro", 10000), kLine) == 0.0);
    // 20,000 GB: 10,240 free; 9,760 x $0.0085 = $82.96
    CHECK(test::cost_of(egress("oci", "VM.Standard.E2.1.Micro", 20000), kLine) ==
          doctest::Approx(82.96).epsilon(1e-12));
    // half the responses leave: 10,000 GB -> all free; 40,000 x 50 % = 20,000 GB -> $82.96
    CHECK(test::cost_of(egress("oci", "VM.Standard.E2.1.Micro", 40000, true, 50), kLine) ==
          doctest::Approx(82.96).epsilon(1e-12));
}

TEST_CASE("Egress Sakura: not charged, shown at JPY 0") {
    Bill b = egress("sakura", "1core-1GB", 20000);
    const LineItem* line = test::find_line(b, "Data transfer out to the internet");
    REQUIRE(line != nullptr);
    CHECK(line->quantity == doctest::Approx(20000.0).epsilon(1e-12));
    CHECK(line->cost == 0.0);
    CHECK(b.total == doctest::Approx(1595.0).epsilon(1e-12));
}
