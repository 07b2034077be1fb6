// RFC 4180 and formula neutralisation of the CSV views (lib/csv.cpp), on hand-built reports.
#include <costsim/csv.hpp>

#include <doctest/doctest.h>

#include <string>

using costsim::csv_cell;

TEST_CASE("csv_cell leaves plain text alone") {
    CHECK(csv_cell("t3.micro") == "t3.micro");
    CHECK(csv_cell("") == "");
    CHECK(csv_cell("GB-second") == "GB-second");
}

TEST_CASE("csv_cell quotes separators, quotes and line breaks (RFC 4180 section 2.6-2.7)") {
    CHECK(csv_cell("Duration, tier 1") == "\"Duration, tier 1\"");
    CHECK(csv_cell("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csv_cell("two\nlines") == "\"two\nlines\"");
    CHECK(csv_cell("cr\rhere") == "\"cr\rhere\"");
}

TEST_CASE("csv_cell neutralises cells a spreadsheet would run as a formula") {
    CHECK(csv_cell("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
    CHECK(csv_cell("+1") == "'+1");
    CHECK(csv_cell("-1") == "'-1");
    CHECK(csv_cell("@SUM(A1)") == "'@SUM(A1)");
    CHECK(csv_cell("\tx") == "'\tx");
    CHECK(csv_cell("\rx") == "\"'\rx\"");
    // Only the first character matters: a dash inside is harmless.
    CHECK(csv_cell("us-east-1") == "us-east-1");
}

TEST_CASE("a bill is one header row and one CRLF-terminated row per line item") {
    costsim::Bill bill;
    bill.offering_id = "=evil";
    bill.kind = "lambda";
    bill.currency = "USD";
    // 3,000,000 requests x $0.0000002 = $0.60 (the Lambda request price, written by hand).
    bill.line_items.push_back({.name = "Requests, after free tier",
                               .unit = "request",
                               .quantity = 3000000,
                               .unit_price = 0.0000002,
                               .cost = 0.6,
                               .price_id = "aws.lambda.us-east-1.requests",
                               .note = ""});
    bill.total = 0.6;
    const std::string csv = costsim::to_csv(bill);
    CHECK(csv ==
          "offering,name,unit,quantity,unit_price,cost,currency,price_id\r\n"
          "'=evil,\"Requests, after free tier\",request,3000000,0.0000002,0.6,USD,aws.lambda.us-east-1.requests\r\n");
}

TEST_CASE("break-even points: ties carry their end, other kinds leave it empty") {
    costsim::BreakEven crossing{.serverless_id = "lambda",
                                .other_id = "vm",
                                .kind = costsim::BreakEven::Kind::crossing,
                                .requests_per_month = 2628000,
                                .requests_per_second = 1,
                                .until_requests_per_month = 0,
                                .cheaper_below = "lambda",
                                .cheaper_above = "vm",
                                .cost = 7.5};
    costsim::BreakEven tie = crossing;
    tie.kind = costsim::BreakEven::Kind::tie;
    tie.until_requests_per_month = 5256000;
    tie.cheaper_below = "";
    const std::string csv = costsim::to_csv(std::vector<costsim::BreakEven>{crossing, tie});
    CHECK(csv ==
          "between_a,between_b,kind,requests_per_month,requests_per_second,until_requests_per_month,"
          "cheaper_below,cheaper_above,cost\r\n"
          "lambda,vm,crossing,2628000,1,,lambda,vm,7.5\r\n"
          "lambda,vm,tie,2628000,1,5256000,,vm,7.5\r\n");
}

TEST_CASE("curves: one row per grid point, one column per offering") {
    costsim::Curves curves;
    curves.currency = "USD";
    curves.requests_per_month = Eigen::ArrayXd(2);
    curves.requests_per_month << 2628000, 5256000;  // 1 and 2 requests/s (2,628,000 s per month)
    curves.ids = {"a", "b,c"};
    curves.totals = {Eigen::ArrayXd(2), Eigen::ArrayXd(2)};
    curves.totals[0] << 1, 2;
    curves.totals[1] << 0.5, 0.25;
    CHECK(costsim::to_csv(curves) ==
          "requests_per_month,requests_per_second,a,\"b,c\"\r\n"
          "2628000,1,1,0.5\r\n"
          "5256000,2,2,0.25\r\n");
}

TEST_CASE("sweep: the cheapest offering by id, then every total") {
    costsim::Sweep sweep;
    sweep.currency = "USD";
    sweep.ids = {"lambda", "vm"};
    sweep.cells.push_back({.requests_per_second = 10, .duration_ms = 100, .memory_mb = 512, .cheapest = 1,
                           .totals = {9.5, 7.25}});
    CHECK(costsim::to_csv(sweep) ==
          "requests_per_second,duration_ms,memory_mb,cheapest,lambda,vm\r\n"
          "10,100,512,vm,9.5,7.25\r\n");
}
