// A sweep written a slice at a time (what the server streams) is the whole report, byte for
// byte, and holds at most one slice: slices cut the traffic axis at 1,024 levels, so a grid of
// 2,500 traffic levels x 2 durations gives 3 slices per duration.
#include <costsim/curves_io.hpp>
#include <doctest/doctest.h>

using namespace costsim;

namespace {

const std::vector<Offering> kOfferings{
    {"", LambdaConfig{.memory_mb = 512}},
    {"vm", VmFleetConfig{.instance = "t3.micro", .count = 1}},
};
const Workload kWorkload{.requests_per_month = 1e6, .duration_ms = 100};

SweepGrid big_grid() {
    SweepGrid grid;
    for (int i = 1; i <= 2500; ++i) grid.requests_per_second.push_back(0.01 * i);
    grid.duration_ms = {50, 500};
    grid.memory_mb = {128};
    return grid;
}

}  // namespace

TEST_CASE("sweep slices: 1,024 traffic levels each, the cells of sweep() in order") {
    SweepSlices slices(kWorkload, kOfferings, Catalog::builtin(), big_grid());
    CHECK(slices.slice_count() == 6);  // ceil(2500 / 1024) = 3 per duration, 2 durations
    CHECK(slices.cell_count() == 5000);
    const Sweep whole = sweep(kWorkload, kOfferings, Catalog::builtin(), big_grid());
    std::vector<SweepCell> cells;
    std::size_t at = 0;
    for (std::size_t k = 0; k < slices.slice_count(); ++k) {
        slices.slice(k, cells);
        CHECK(cells.size() == (k % 3 == 2 ? 2500 - 2 * 1024 : 1024));
        for (const SweepCell& c : cells) {
            REQUIRE(at < whole.cells.size());
            CHECK(c.requests_per_second == whole.cells[at].requests_per_second);
            CHECK(c.duration_ms == whole.cells[at].duration_ms);
            CHECK(c.totals == whole.cells[at].totals);
            ++at;
        }
    }
    CHECK(at == whole.cells.size());
}

TEST_CASE("sweep streams: the pieces joined are to_json and to_csv of the whole sweep") {
    const Sweep whole = sweep(kWorkload, kOfferings, Catalog::builtin(), big_grid());
    SweepJsonStream json(SweepSlices(kWorkload, kOfferings, Catalog::builtin(), big_grid()));
    std::string joined;
    std::size_t largest = 0;
    for (std::string piece; json.next(piece); piece.clear()) {
        largest = std::max(largest, piece.size());
        joined += piece;
    }
    CHECK(joined == to_json(whole));
    CHECK(largest < joined.size() / 4);  // one slice of six, never the whole

    SweepCsvStream csv(SweepSlices(kWorkload, kOfferings, Catalog::builtin(), big_grid()));
    joined.clear();
    for (std::string piece; csv.next(piece); piece.clear()) joined += piece;
    CHECK(joined == to_csv(whole));
}

TEST_CASE("sweep slices: a memory an offering refuses fails at construction, before any slice") {
    SweepGrid grid{{1.0}, {}, {64}};  // Lambda takes 128 MB and up
    CHECK_THROWS_AS(SweepSlices(kWorkload, kOfferings, Catalog::builtin(), grid), InvalidInput);
}
