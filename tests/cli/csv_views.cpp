// RFC 4180 and formula neutralisation of the CSV views (lib/io/csv.cpp), on hand-built reports.
#include <costsim/csv.hpp>
#include <costsim/curves_io.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
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
    bill.region = "us-east-1";
    bill.currency = "USD";
    // 3,000,000 requests x $0.0000002 = $0.60 (the Lambda request price, written by hand).
    bill.line_items.push_back({.name = "Requests, after free tier",
                               .unit = "request",
                               .quantity = 3000000,
                               .unit_price = 0.0000002,
                               .cost = 0.6,
                               .price_id = "aws.lambda.us-east-1.requests",
                               .note = "",
                               .confidence = costsim::Confidence::verified});
    bill.total = 0.6;
    const std::string csv = costsim::to_csv(bill);
    CHECK(csv ==
          "offering,name,unit,quantity,unit_price,cost,currency,price_id,confidence,region\r\n"
          "'=evil,\"Requests, after free tier\",request,3000000,0.0000002,0.6,USD,aws.lambda.us-east-1.requests,"
          "verified,us-east-1\r\n");
}

TEST_CASE("CSV numbers carry no float noise: the issue's two examples") {
    // 2,000,000 requests x $0.0000002 is 0.39999999999999997 in binary arithmetic
    const double requests_cost = 2000000 * 0.0000002;
    REQUIRE(requests_cost != 0.4);
    CHECK(costsim::csv_number(requests_cost) == "0.4");
    CHECK(costsim::csv_number(124.73358280000001) == "124.7335828");
    CHECK(costsim::csv_number(0.1 + 0.2) == "0.3");  // 0.30000000000000004

    costsim::Bill bill;
    bill.offering_id = "lambda";
    bill.region = "us-east-1";
    bill.currency = "USD";
    bill.line_items.push_back({.name = "Requests",
                               .unit = "request",
                               .quantity = 2000000,
                               .unit_price = 0.0000002,
                               .cost = requests_cost,
                               .price_id = "p",
                               .note = "",
                               .confidence = costsim::Confidence::unverified});
    CHECK(costsim::to_csv(bill).find(",2000000,0.0000002,0.4,USD,p,unverified,us-east-1\r\n") != std::string::npos);
}

TEST_CASE("CSV numbers: 12 significant digits, at least 6 decimals, at most 15 significant digits") {
    // catalog prices keep every digit
    CHECK(costsim::csv_number(0.0000166667) == "0.0000166667");
    CHECK(costsim::csv_number(0.0000002) == "0.0000002");
    CHECK(costsim::csv_number(1.33334e-05) == "0.0000133334");
    CHECK(costsim::csv_number(3000000) == "3000000");
    CHECK(costsim::csv_number(7.592) == "7.592");
    // beyond 12 significant digits, money keeps 6 decimals: exact to 1e-6 ...
    CHECK(costsim::csv_number(1234567.891234) == "1234567.891234");
    CHECK(costsim::csv_number(123456789.123456) == "123456789.123456");
    // ... up to the 15 significant digits a double holds
    CHECK(costsim::csv_number(1234567891.234567) == "1234567891.23457");
    CHECK(costsim::csv_number(1e13) == "10000000000000");  // the largest monthly traffic
    CHECK(costsim::csv_number(9999999999999.0) == "9999999999999");
    CHECK(costsim::csv_number(0.123456789012345) == "0.123456789012");  // 12 significant digits
    CHECK(costsim::csv_number(3.7252902984619141e-09) == "0.00000000372529029846");
    CHECK(costsim::csv_number(0) == "0");
    CHECK(costsim::csv_number(-0.0) == "0");
    CHECK(costsim::csv_number(-2.5) == "-2.5");
    CHECK(costsim::csv_number(1e20) == "1e+20");
    CHECK(costsim::csv_number(std::nan("")) == "NaN");
    CHECK(costsim::csv_number(-std::numeric_limits<double>::infinity()) == "-Infinity");
}

TEST_CASE("CSV numbers: a few ulps of noise never show, and money stays within 1e-6 of its value") {
    // Sums and products of catalog prices land a few ulps off the decimal they stand for.
    for (double value : {0.4, 18.73337, 124.7335828, 7.592, 2235.6977, 0.0104, 99.99, 9.99, 999999.999999, 8192.5,
                         217.389758, 15.5589638, 0.000001, 42.0}) {
        CAPTURE(value);
        const std::string text = costsim::csv_number(value);
        double up = value, down = value;
        for (int ulp = 0; ulp < 8; ++ulp) {
            up = std::nextafter(up, 1e300);
            down = std::nextafter(down, -1e300);
            CHECK(costsim::csv_number(up) == text);
            CHECK(costsim::csv_number(down) == text);
        }
        CHECK(std::fabs(std::stod(text) - value) <= 1e-6);
    }
    // any money figure below $1e9 reads back within 1e-6 (half of the last decimal kept)
    for (double value = 0.000123456789; value < 1e9; value = value * 7.3 + 0.1234567) {
        CAPTURE(value);
        CHECK(std::fabs(std::stod(costsim::csv_number(value)) - value) <= 5e-7);
    }
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
    sweep.cells.push_back(
        {.requests_per_second = 10, .duration_ms = 100, .memory_mb = 512, .cheapest = 1, .totals = {9.5, 7.25}});
    CHECK(costsim::to_csv(sweep) ==
          "requests_per_second,duration_ms,memory_mb,cheapest,lambda,vm\r\n"
          "10,100,512,vm,9.5,7.25\r\n");
}
