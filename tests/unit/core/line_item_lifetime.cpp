// A line item kept beyond its bill: LineItem views the bill's text (so making a bill copies none),
// OwnedLineItem owns it. Run under AddressSanitizer by `make test-sanitize`, where reading a view
// into a freed bill would stop the test.
#include <costsim/costsim.hpp>
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

using namespace costsim;

TEST_CASE("line items copied out as OwnedLineItem are read after the bill and its model are gone") {
    std::vector<OwnedLineItem> kept;
    std::weak_ptr<const void> bill_text;
    {
        // The README's example: 3,000,000 requests of 1,000 ms at 512 MB in us-east-1.
        const Bill bill = price(Workload{.requests_per_month = 3e6, .duration_ms = 1000},
                                Offering{"", LambdaConfig{.memory_mb = 512}}, Catalog::builtin());
        bill_text = bill.owner;  // price() built its model in passing: the bill holds the last reference
        kept = owned_line_items(bill);
        kept.emplace_back(bill.line_items.back());  // one item at a time too
    }
    REQUIRE(bill_text.expired());  // the text the bill's views pointed into is freed
    REQUIRE(kept.size() == 5);

    CHECK(kept[0].name == "Requests, free tier");
    CHECK(kept[0].unit == "request");
    CHECK(kept[0].quantity == 1000000);
    CHECK(kept[0].cost == 0);
    CHECK(kept[0].price_id == "aws.lambda.global.free_tier.requests");

    // (3,000,000 - 1,000,000) x $0.0000002 = $0.40
    CHECK(kept[1].name == "Requests");
    CHECK(kept[1].quantity == 2000000);
    CHECK(kept[1].cost == doctest::Approx(2000000 * 0.0000002));
    CHECK(kept[1].price_id == "aws.lambda.us-east-1.x86_64.requests");
    CHECK(kept[1].confidence == Confidence::verified);

    // 3,000,000 x 1 s x 0.5 GB = 1,500,000 GB-s; 400,000 free; 1,100,000 x $0.0000166667 = $18.33337
    CHECK(kept[3].name == "Duration (x86_64), tier 1 (0 to 6,000,000,000 GB-second after the free tier)");
    CHECK(kept[3].unit == "GB-second");
    CHECK(kept[3].quantity == 1100000);
    CHECK(kept[3].unit_price == 0.0000166667);
    CHECK(kept[3].cost == doctest::Approx(1100000 * 0.0000166667));
    CHECK(kept[3].price_id == "aws.lambda.us-east-1.x86_64.duration");

    CHECK(kept[4].name == kept[3].name);
    CHECK(kept[4].price_id == kept[3].price_id);
    CHECK(kept[4].note == kept[3].note);
}
