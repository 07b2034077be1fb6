// Cost and Usage Report rows against cost-sim's prices: the fixtures of tests/data/cur
// (SOURCES.md). Prices: the built-in catalog (us-east-1 x86_64 GB-s $0.0000166667, arm64
// $0.0000133334, requests $0.20 per million; free tier 1,000,000 requests and 400,000 GB-s a month).
#include <costsim/catalog.hpp>
#include <costsim/cur_import.hpp>
#include <costsim/error.hpp>

#include <doctest/doctest.h>

#include "../support.hpp"
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

using namespace costsim;
using test::error_of;

namespace {

std::string fixture(const std::string& name) { return test::data_file("cur/" + name); }

const CurLine& line(const CurComparison& c, const std::string& usage_type) {
    for (const CurLine& l : c.lines)
        if (l.usage_type == usage_type) return l;
    FAIL("no line " << usage_type);
    return c.lines.front();
}

const std::string kHeader =
    "line_item_line_item_type,line_item_product_code,line_item_usage_type,line_item_usage_amount,"
    "line_item_unblended_cost\n";

}  // namespace

TEST_CASE("the wave2-facts 5.3 CUR 2.0 sample: without the free tier cost-sim matches line by line") {
    CurOptions no_free;
    no_free.free_tier = false;
    const CurComparison c = import_cur(fixture("cur2-facts-sample.csv"), Catalog::builtin(), no_free);
    CHECK(c.format == CurFormat::cur2);
    REQUIRE(c.lines.size() == 2);
    // Lambda-GB-Second: 3,600 GB-s x $0.0000166667 = $0.06000012 (the CUR's cost).
    const CurLine& gbs = line(c, "Lambda-GB-Second");
    CHECK(gbs.region == "us-east-1");
    CHECK(gbs.arch == "x86_64");
    CHECK(gbs.price_id == "aws.lambda.us-east-1.x86_64.duration");
    CHECK(*gbs.costsim_cost == doctest::Approx(0.06000012).epsilon(1e-12));
    CHECK(*gbs.difference == 0);
    // Request-ARM: 250,000 x $0.0000002 = $0.05.
    const CurLine& requests = line(c, "Request-ARM");
    CHECK(requests.arch == "arm64");
    CHECK(*requests.costsim_cost == doctest::Approx(0.05));
    CHECK(c.difference == 0);
    CHECK(c.period_start == "2026-06-01T00:00:00Z");
    CHECK(c.period_end == "2026-06-01T01:00:00Z");
}

TEST_CASE("the same sample with the free tier: the account's pool covers both lines") {
    const CurComparison c = import_cur(fixture("cur2-facts-sample.csv"), Catalog::builtin());
    CHECK(c.free_tier_applied);
    // 3,600 of 400,000 free GB-s and 250,000 of 1,000,000 free requests: cost-sim bills $0, the
    // CUR shows $0.06000012 + $0.05 = $0.11000012 (the report has no free-tier rows of its own).
    CHECK(*line(c, "Lambda-GB-Second").costsim_cost == 0);
    CHECK(line(c, "Lambda-GB-Second").free_quantity == 3600);
    CHECK(*line(c, "Request-ARM").costsim_cost == 0);
    CHECK(c.difference == doctest::Approx(-0.11000012));
}

TEST_CASE("a month of CUR 2.0 rows: prefixes, free-tier rows, another service and tax skipped and counted") {
    const CurComparison c = import_cur(fixture("cur2-month.csv"), Catalog::builtin());
    // Two hourly rows: 300,000 + 500,000 = 800,000 GB-s x $0.0000166667 = $13.33336 (5.00001 + 8.33335).
    const CurLine& gbs = line(c, "Lambda-GB-Second");
    CHECK(gbs.rows == 2);
    CHECK(gbs.quantity == 800000);
    CHECK(*gbs.costsim_cost == doctest::Approx(13.33336));
    CHECK(*gbs.difference == 0);
    // 1,500,000 + 2,500,000 = 4,000,000 requests x $0.20 / M = $0.80; the Global-* rows are the
    // free tier, so the paid rows are priced in full.
    CHECK(*line(c, "Request").costsim_cost == doctest::Approx(0.80));
    CHECK_FALSE(c.free_tier_applied);
    CHECK(*line(c, "Global-Request").costsim_cost == 0);
    CHECK(line(c, "Global-Request").item == "free_tier_requests");
    // Provisioned concurrency: 100,000 GB-s x $0.0000041667 = $0.41667.
    CHECK(*line(c, "Lambda-Provisioned-Concurrency").costsim_cost == doctest::Approx(0.41667));
    // Tokyo, Arm: APN1- prefix; 1,000,000 GB-s x $0.0000133334 = $13.3334; 2,000,000 x $0.20 / M = $0.40.
    const CurLine& tokyo = line(c, "APN1-Lambda-GB-Second-ARM");
    CHECK(tokyo.region == "ap-northeast-1");
    CHECK(tokyo.price_id == "aws.lambda.ap-northeast-1.arm64.duration");
    CHECK(*tokyo.costsim_cost == doctest::Approx(13.3334));
    CHECK(*line(c, "APN1-Request-ARM").costsim_cost == doctest::Approx(0.40));
    // London: not in the catalog, shown with no cost-sim cost and left out of the priced totals.
    const CurLine& london = line(c, "EUW2-Lambda-GB-Second");
    CHECK(london.region == "eu-west-2");
    CHECK_FALSE(london.costsim_cost);
    CHECK(london.note == "no price in eu-west-2");
    // Priced: 13.33336 + 0.80 + 0.41667 + 13.3334 + 0.40 + 0 + 0 = $28.28343; all rows + $0.0166667.
    CHECK(c.costsim_total == doctest::Approx(28.28343));
    CHECK(c.cur_total_priced == doctest::Approx(28.28343));
    CHECK(c.cur_total == doctest::Approx(28.3000967));
    CHECK(c.difference == 0);
    // The month's usage: 4,000,000 + 2,000,000 + 1,000,000 free requests; 800,000 + 1,000,000 +
    // 1,000 + 400,000 free GB-s.
    CHECK(c.requests == 7000000);
    CHECK(c.gb_seconds == 2201000);
    CHECK(to_string(c.summary) == "12 rows read, 10 used, 2 skipped (1 of product AmazonS3; 1 of line item type Tax)");
    CHECK(c.period_end == "2026-07-01T00:00:00Z");
}

TEST_CASE("a legacy CUR: lineItem/ columns, a credit and an EC2 row skipped, the free tier credited") {
    const CurComparison c = import_cur(fixture("legacy-cur.csv"), Catalog::builtin());
    CHECK(c.format == CurFormat::legacy);
    CHECK(c.free_tier_applied);
    // 200,000 GB-s Arm, all inside the 400,000 free: $0 against the CUR's $2.66668.
    const CurLine& arm = line(c, "Lambda-GB-Second-ARM");
    CHECK(*arm.costsim_cost == 0);
    CHECK(*arm.difference == doctest::Approx(-2.66668));
    // us-west-2 has no catalog price: the pool is not spent on it.
    CHECK(line(c, "USW2-Lambda-GB-Second").region == "us-west-2");
    CHECK_FALSE(line(c, "USW2-Lambda-GB-Second").costsim_cost);
    CHECK(to_string(c.summary) ==
          "5 rows read, 3 used, 2 skipped (1 of line item type Credit; 1 of product AmazonEC2)");
    // Without the free tier: 200,000 x $0.0000133334 = $2.66668 and 500,000 x $0.20 / M = $0.10.
    CurOptions no_free;
    no_free.free_tier = false;
    const CurComparison full = import_cur(fixture("legacy-cur.csv"), Catalog::builtin(), no_free);
    CHECK(*line(full, "Lambda-GB-Second-ARM").costsim_cost == doctest::Approx(2.66668));
    CHECK(*line(full, "Request-ARM").costsim_cost == doctest::Approx(0.10));
    CHECK(full.difference == 0);
}

TEST_CASE("duration tiers apply to one usage type's month: 7 B GB-s in us-east-1 x86_64") {
    // 6,000,000,000 x $0.0000166667 + 1,000,000,000 x $0.000015 = $100,000.2 + $15,000 = $115,000.2.
    const std::string csv = kHeader + "Usage,AWSLambda,Lambda-GB-Second,7000000000,115000.2\n";
    CurOptions no_free;
    no_free.free_tier = false;
    const CurComparison c = import_cur(csv, Catalog::builtin(), no_free);
    CHECK(*c.lines[0].costsim_cost == doctest::Approx(115000.2));
}

TEST_CASE("JSON and CSV views carry every line") {
    const CurComparison c = import_cur(fixture("cur2-facts-sample.csv"), Catalog::builtin());
    const auto j = nlohmann::json::parse(to_json(c));
    CHECK(j["schema"] == "cost-sim-report/1");
    CHECK(j["cur"]["format"] == "cur2");
    CHECK(j["cur"]["lines"].size() == 2);
    CHECK(j["cur"]["lines"][0]["usage_type"] == "Lambda-GB-Second");
    CHECK(j["cur"]["summary"]["read"] == 2);
    const std::string csv = to_csv(c);
    CHECK(
        csv.find("usage_type,region,arch,item,unit,rows,quantity,cur_cost,costsim_cost,difference,price_id,note\r\n") ==
        0);
    CHECK(csv.find("Request-ARM,us-east-1,arm64,requests,request,1,250000,0.05,0,-0.05,") != std::string::npos);
}

TEST_CASE("bad input: wrong format, malformed line N, no Lambda rows, bounds") {
    const Catalog& catalog = Catalog::builtin();
    CHECK(error_of([&] {
              import_cur("timestamp,count\n2024-01-01T00:00:00Z,3\n", catalog);
          }).find("cur line 1: not a Cost and Usage Report header") == 0);
    CHECK(error_of([&] { import_cur("", catalog); }).find("cur: empty") == 0);
    CHECK(error_of([&] {
              import_cur(kHeader + "Usage,AWSLambda,Request,10,0.000002\nUsage,AWSLambda,Request\n", catalog);
          }) == "cur line 3: 3 fields, the header has 5");
    CHECK(error_of([&] { import_cur(kHeader + "Usage,AWSLambda,Request,ten,0.000002\n", catalog); }) ==
          "cur line 2: line_item_usage_amount must be a number >= 0, got \"ten\"");
    CHECK(error_of([&] {
              import_cur(kHeader + "Usage,AWSLambda,\"Request,10,0.000002\n", catalog);
          }).find("cur line 2: a quoted field is not closed") == 0);
    CHECK(error_of([&] { import_cur(fixture("cur2-no-lambda.csv"), catalog, {}, "bill.csv"); }) ==
          "bill.csv: no AWS Lambda usage rows (line_item_product_code AWSLambda): 1 rows read, 0 used, 1 skipped (1 "
          "of product AmazonS3)");
    CHECK(error_of([&] { import_cur("line_item_usage_type,line_item_usage_amount\n", catalog); }) ==
          "cur line 1: the header has no line_item_product_code column");
    // A quoted field holds a comma and a doubled quote; a line break inside quotes counts lines.
    const CurComparison quoted = import_cur(kHeader + "\"Usage\",AWSLambda,\"Request\",\"10\",0.000002\n", catalog);
    CHECK(quoted.lines[0].quantity == 10);
    CHECK(error_of([&] {
              import_cur(kHeader + "Usage,AWSLambda,\"Req\nuest\",10,0.000002\nUsage,AWSLambda,Request,x,0\n", catalog);
          }) == "cur line 4: line_item_usage_amount must be a number >= 0, got \"x\"");
    CHECK_THROWS_AS(import_cur(std::string(CurLimits::max_text_bytes + 1, 'x'), catalog), LimitExceeded);
}

TEST_CASE("rows kept and skipped: Savings Plan covered usage kept, another currency skipped, Edge not priced") {
    const std::string header =
        "line_item_line_item_type,line_item_product_code,line_item_usage_type,line_item_usage_amount,"
        "line_item_unblended_cost,line_item_currency_code\n";
    const std::string csv = header +
                            "SavingsPlanCoveredUsage,AWSLambda,Lambda-GB-Second,1000,0.0166667,USD\n"
                            "SavingsPlanNegation,AWSLambda,Lambda-GB-Second,1000,-0.0166667,USD\n"
                            "Usage,AWSLambda,Request,1000,0.0002,EUR\n"
                            "Usage,AWSLambda,Lambda-Edge-Request,1000,0.0006,USD\n"
                            "Usage,AWSLambda,USE1-Request-ARM,1000,0.0002,USD\n";
    CurOptions no_free;
    no_free.free_tier = false;
    const CurComparison c = import_cur(csv, Catalog::builtin(), no_free);
    // The covered usage's unblended cost is the on-demand equivalent: 1,000 x $0.0000166667.
    CHECK(*line(c, "Lambda-GB-Second").costsim_cost == doctest::Approx(0.0166667));
    CHECK(line(c, "Lambda-GB-Second").rows == 1);
    CHECK_FALSE(line(c, "Lambda-Edge-Request").costsim_cost);
    CHECK(line(c, "Lambda-Edge-Request").note == "Lambda@Edge not priced");
    // "USE1-" is read as us-east-1 (some exports write it): 1,000 x $0.0000002 = $0.0002.
    CHECK(line(c, "USE1-Request-ARM").region == "us-east-1");
    CHECK(*line(c, "USE1-Request-ARM").costsim_cost == doctest::Approx(0.0002));
    CHECK(to_string(c.summary) ==
          "5 rows read, 3 used, 2 skipped (1 of line item type SavingsPlanNegation; 1 in currency EUR)");
}
