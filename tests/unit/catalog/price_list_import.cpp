// AWS Price List offer files to catalog entries, on fixtures in the real formats
// (tests/data/price-list/SOURCES.md says where each comes from). Worked examples: the figures
// are the published ones in the fixture; bills are recomputed by hand at 730 h a month.
#include <costsim/costsim.hpp>
#include <costsim/price_list_import.hpp>
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

using namespace costsim;

namespace {

std::string fixture(const std::string& name) { return std::string(COSTSIM_TEST_DATA_DIR) + "/price-list/" + name; }

/// Imports one fixture file; the summary goes to `summary` when given.
Catalog import_file(const std::string& name, PriceListFilter filter = {}, PriceListSummary* summary = nullptr) {
    std::ifstream in(fixture(name), std::ios::binary);
    REQUIRE_MESSAGE(in, name);
    PriceListImporter importer(std::move(filter), &Catalog::builtin());
    PriceListSummary s = importer.add(in, name);
    if (summary) *summary = s;
    return importer.catalog();
}

Catalog import_text(const std::string& text, const std::string& origin = "text") {
    std::istringstream in(text);
    PriceListImporter importer({});
    importer.add(in, origin);
    return importer.catalog();
}

std::string error_of(const std::string& text, const std::string& origin = "text") {
    try {
        import_text(text, origin);
    } catch (const Error& e) {
        return e.what();
    }
    return "(no error)";
}

std::string read_all(const std::string& name) {
    std::ifstream in(fixture(name), std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("opencost's us-east-2 excerpt: gp3 imported, Windows BYOL skipped, m5.large has no on-demand term") {
    PriceListSummary s;
    const Catalog c = import_file("opencost-AmazonEC2-us-east-2.json", {}, &s);
    CHECK(s.format == "json");
    CHECK(s.offer_code == "AmazonEC2");
    CHECK(s.version == "20230322145651");
    CHECK(s.products_read == 3);
    CHECK(s.products_used == 1);
    CHECK(s.products_skipped == 2);
    CHECK(s.skipped.at("operating system Windows") == 1);
    CHECK(s.skipped.at("no on-demand price") == 1);                   // m5.large: only an RI term ...
    CHECK(s.skipped.at("reserved term listed under OnDemand") == 1);  // ... filed under OnDemand
    REQUIRE(c.entries().size() == 1);
    const PriceEntry& gp3 = c.at("aws.ebs.us-east-2.gp3", "");
    CHECK(gp3.flat_price() == 0.08);  // "0.0800000000" USD per GB-Mo
    CHECK(gp3.unit == "GB-month");
    CHECK(gp3.as_of == "2023-03-22");  // the publication date, not the term's effective date
    CHECK(gp3.confidence == Confidence::verified);
    CHECK(gp3.source ==
          "AWS Price List offer AmazonEC2 us-east-2 version 20230322145651 (published 2023-03-22), "
          "SKU M6UGCCQ3CDJQAA37, term JRTCKXETXF effective 2023-03-01");
    CHECK(c.version() == "aws-price-list-20230322145651");
    CHECK(c.as_of() == "2023-03-22");
}

TEST_CASE("opencost's us-east-1 excerpt: the on-demand p4d.24xlarge, not its Capacity Block twin") {
    PriceListSummary s;
    const Catalog c = import_file("opencost-AmazonEC2-us-east-1-p4d.json", {}, &s);
    CHECK(s.products_read == 2);
    CHECK(s.skipped.at("market option CapacityBlock") == 1);
    const PriceEntry& p4d = c.at("aws.ec2.us-east-1.p4d.24xlarge", "");
    CHECK(p4d.flat_price() == 32.7726);
    REQUIRE(p4d.instance);
    CHECK(p4d.instance->vcpu == 96);
    CHECK(p4d.instance->memory_gib == 1152);  // "1152 GiB"
    CHECK(p4d.instance->arch == "x86_64");    // physicalProcessor "Intel Xeon Platinum 8275L"
    CHECK(p4d.source.find("SKU H7NGEAC6UEHNTKSJ") != std::string::npos);
}

TEST_CASE("opencost's China excerpt: a CNY-only price is not imported") {
    PriceListSummary s;
    std::ifstream in(fixture("opencost-AmazonEC2-cn-northwest-1.json"));
    PriceListImporter importer({});
    s = importer.add(in, "cn.json");
    CHECK(s.products_read == 1);
    CHECK(s.products_used == 0);
    CHECK(s.skipped.at("no USD price") == 1);
    CHECK_THROWS_AS((void)importer.catalog(), InvalidInput);  // nothing imported is an error, not an empty catalog
}

TEST_CASE("EC2 t3.micro us-east-1: on-demand and reserved rates, and the bill equals the built-in one") {
    PriceListSummary s;
    const Catalog imported = import_file("aws-AmazonEC2-us-east-1-t3.json", {}, &s);
    CHECK(s.products_read == 4);
    CHECK(s.products_used == 2);
    CHECK(s.skipped.at("operating system Windows") == 1);
    CHECK(s.skipped.at("capacity status UnusedCapacityReservation") == 1);
    CHECK(s.skipped.at("reserved purchase option Heavy Utilization") == 1);

    const PriceEntry& micro = imported.at("aws.ec2.us-east-1.t3.micro", "");
    CHECK(micro.flat_price() == 0.0104);
    REQUIRE(micro.instance);
    CHECK(micro.instance->vcpu == 2);
    CHECK(micro.instance->memory_gib == 1);
    CHECK(micro.instance->baseline_share ==
          Catalog::builtin().find("aws.ec2.us-east-1.t3.micro")->instance->baseline_share);
    CHECK(imported.at("aws.ec2.us-east-1.m7g.large", "").instance->arch == "arm64");  // "AWS Graviton3 Processor"

    const PriceEntry& no_upfront = imported.at("aws.ec2.us-east-1.t3.micro.reserved.1yr.no_upfront", "");
    CHECK(no_upfront.flat_price() == 0.0065);
    CHECK(no_upfront.reserved->upfront == 0);
    const PriceEntry& partial = imported.at("aws.ec2.us-east-1.t3.micro.reserved.1yr.partial_upfront", "");
    CHECK(partial.flat_price() == 0.0031);
    CHECK(partial.reserved->upfront == 27);
    const PriceEntry& all = imported.at("aws.ec2.us-east-1.t3.micro.reserved.3yr.all_upfront", "");
    CHECK(all.flat_price() == 0);
    CHECK(all.reserved->upfront == 110);
    CHECK(imported.at("aws.ec2.us-east-1.t3.micro.convertible.reserved.1yr.no_upfront", "").flat_price() == 0.0075);
    CHECK(s.entries == 6);  // t3.micro, m7g.large and 4 reserved rates

    // Merged like --catalog: the same bill as the built-in catalog, 2 x 730 h x $0.0104 = $15.184
    // (no public IPv4 address: the import is what is checked).
    const Catalog merged = Catalog::builtin().merged_with(imported);
    VmFleetConfig two{.provider = "aws", .region = "us-east-1", .instance = "t3.micro", .count = 2};
    two.public_ipv4 = false;
    const Offering fleet{"", two};
    const Bill ours = price({}, fleet, merged);
    const Bill builtin = price({}, fleet, Catalog::builtin());
    CHECK(ours.total == doctest::Approx(2 * 730 * 0.0104));
    CHECK(ours.total == builtin.total);
    // The reserved 1yr partial-upfront bill: 730 h x $0.0031 + $27 / 12 = $2.263 + $2.25 = $4.513 per instance-month.
    VmFleetConfig one{.provider = "aws",
                      .region = "us-east-1",
                      .instance = "t3.micro",
                      .count = 1,
                      .purchase = PurchaseOption::one_year,
                      .payment = ReservedPayment::partial_upfront};
    one.public_ipv4 = false;
    const Offering reserved{"", one};
    CHECK(price({}, reserved, merged).total == doctest::Approx(730 * 0.0031 + 27.0 / 12));
}

TEST_CASE("filters: region, instance family and service") {
    PriceListSummary s;
    const Catalog t3_only = import_file("aws-AmazonEC2-us-east-1-t3.json", {.instance_families = {"t3"}}, &s);
    CHECK(t3_only.find("aws.ec2.us-east-1.m7g.large") == nullptr);
    CHECK(t3_only.find("aws.ec2.us-east-1.t3.micro") != nullptr);
    CHECK(s.skipped.at("instance family not selected") == 1);
    CHECK_THROWS_AS(import_file("aws-AmazonEC2-us-east-1-t3.json", {.regions = {"eu-west-1"}}), InvalidInput);
    const Catalog ebs =
        import_file("opencost-AmazonEC2-us-east-2.json", {.regions = {"us-east-2"}, .services = {"ebs"}});
    CHECK(ebs.entries().size() == 1);
}

TEST_CASE("AWSLambda JSON: requests, duration tiers, storage; Edge skipped; the bill equals the built-in one") {
    PriceListSummary s;
    const Catalog c = import_file("aws-AWSLambda-us-east-1.json", {}, &s);
    CHECK(s.skipped.at("Lambda group AWS-Lambda-Edge-Requests") == 1);
    CHECK(c.at("aws.lambda.us-east-1.x86_64.requests", "").flat_price() == 2e-7);
    const PriceEntry& duration = c.at("aws.lambda.us-east-1.x86_64.duration", "");
    REQUIRE(duration.tiers.size() == 3);
    CHECK(duration.tiers[0].up_to == 6e9);
    CHECK(duration.tiers[1].price == 0.000015);
    CHECK(duration.tiers[2].up_to == kUnbounded);
    CHECK(c.at("aws.lambda.us-east-1.x86_64.ephemeral_storage", "").flat_price() == 3.09e-8);
    // 3,000,000 requests of 1,000 ms at 512 MB: (3M - 1M free) x $0.0000002 + (1.5M - 400k free) GB-s x $0.0000166667
    // = $0.40 + $18.333370 = $18.73337.
    Workload w;
    w.requests_per_month = 3e6;
    w.duration_ms = 1000;
    const Offering lambda{"", LambdaConfig{.memory_mb = 512}};
    const Bill ours = price(w, lambda, Catalog::builtin().merged_with(c));
    CHECK(ours.total == doctest::Approx(2e6 * 0.0000002 + 1.1e6 * 0.0000166667));
    CHECK(ours.total == price(w, lambda, Catalog::builtin()).total);
}

TEST_CASE("ligoj's AWSLambda CSV (eu-west-1): prices, the free tier from the Any rows, Edge skipped") {
    PriceListSummary s;
    const Catalog c = import_file("ligoj-AWSLambda-eu-west-1.csv", {}, &s);
    CHECK(s.format == "csv");
    CHECK(s.offer_code == "AWSLambda");
    CHECK(s.publication_date == "2021-03-04T16:38:09Z");
    CHECK(s.products_read == 8);
    CHECK(s.products_used == 6);
    CHECK(s.skipped.at("Lambda group AWS-Lambda-Edge-Requests") == 1);
    CHECK(s.skipped.at("Lambda group AWS-Lambda-Edge-Duration") == 1);
    CHECK(c.at("aws.lambda.eu-west-1.x86_64.requests", "").flat_price() == 0.0000002);
    CHECK(c.at("aws.lambda.eu-west-1.x86_64.duration", "").tiers.front().price == 0.0000166667);
    CHECK(c.at("aws.lambda.eu-west-1.x86_64.provisioned_concurrency", "").flat_price() == 0.0000044985);
    CHECK(c.at("aws.lambda.eu-west-1.x86_64.provisioned_duration", "").flat_price() == 0.0000104966);
    // The free tier: the end of each Any SKU's $0 range (0-1,000,000 requests, 0-400,000 seconds).
    const PriceEntry& free_requests = c.at("aws.lambda.global.free_tier.requests", "");
    CHECK(free_requests.kind == EntryKind::allowance);
    CHECK(free_requests.allowance == 1000000);
    CHECK(c.at("aws.lambda.global.free_tier.duration", "").allowance == 400000);
    CHECK(free_requests.source.find("SKU ZQVCC2M69R4S79XS") != std::string::npos);
    CHECK(free_requests.as_of == "2021-03-04");
}

TEST_CASE("ligoj's EC2 CSV: as published it has no metadata lines; repaired, its Linux shared rows import") {
    CHECK(error_of(read_all("ligoj-AmazonEC2-eu-west-1.csv"), "ligoj.csv") ==
          "ligoj.csv: line 2: not an AWS Price List CSV: expected the lines FormatVersion, Publication Date, Version, "
          "OfferCode, then the header row starting with SKU, got \"some\"");
    PriceListSummary s;
    const Catalog c = import_file("ligoj-AmazonEC2-eu-west-1.repaired.csv", {}, &s);
    CHECK(s.skipped.at("operating system RHEL") >= 1);
    CHECK(s.skipped.at("tenancy Dedicated") >= 1);
    // c1.medium's first row (SKU HB5V2X8TXQUTDZBV) is one of the file's deliberately broken ones
    // (its Location column holds "AWS Region"): that product is skipped, rows and reservation alike.
    CHECK(s.skipped.at("unknown location AWS Region") == 1);
    CHECK(c.find("aws.ec2.eu-west-1.c1.medium") == nullptr);
    // c1.xlarge (SKU WTE2TS5FTMMJQXHK): $0.592 on demand, a 3-year Standard all-upfront reservation
    // (term NQ3QZPMQV9) of $6,720 upfront and $0 an hour.
    CHECK(c.at("aws.ec2.eu-west-1.c1.xlarge", "").flat_price() == 0.592);
    const PriceEntry& ri = c.at("aws.ec2.eu-west-1.c1.xlarge.reserved.3yr.all_upfront", "");
    CHECK(ri.reserved->upfront == 6720);
    CHECK(ri.flat_price() == 0);
    CHECK(s.products_read == 99);
    CHECK(s.products_used == 78);
    CHECK(c.at("aws.ebs.eu-west-1.gp3", "").flat_price() == 0.088);
    CHECK(s.products_read == s.products_used + s.products_skipped);
}

TEST_CASE("bad input: each a clear error") {
    const std::string good = read_all("opencost-AmazonEC2-us-east-2.json");
    // Truncated JSON: the byte where it ends.
    const std::string truncated = error_of(good.substr(0, good.size() / 2), "half.json");
    CHECK(truncated.rfind("half.json: invalid or truncated JSON at byte ", 0) == 0);
    // A cost-sim catalog, not an offer file.
    CHECK(error_of(R"({"schema":"cost-sim-catalog/1","version":"1","as_of":"2026-01-01","entries":[]})", "c.json") ==
          "c.json: not an AWS Price List offer file: no offerCode (is it a cost-sim catalog?)");
    // Neither JSON nor CSV.
    CHECK(error_of("<html></html>", "page.html").find("page.html: neither an AWS Price List offer file") == 0);
    // An offer of another service.
    const std::string s3 =
        R"({"formatVersion":"v1.0","offerCode":"AmazonS3","version":"1","publicationDate":"2026-01-01T00:00:00Z","products":{}})";
    CHECK(error_of(s3, "s3.json").find("s3.json: the offer AmazonS3 is not one cost-sim imports") == 0);
    // A malformed CSV line, named by its number.
    std::string csv = read_all("ligoj-AWSLambda-eu-west-1.csv");
    const std::string bad_line = "\"ABC\",\"JRTCKXETXF\"\n";
    CHECK(error_of(csv + bad_line, "l.csv") == "l.csv: line 15: malformed CSV: 2 fields, the header (line 6) has 21");
    CHECK(error_of(csv + "\"ABC\"x,\n", "l.csv") == "l.csv: line 15: malformed CSV: a character after a closing quote");
    CHECK(error_of(csv + "\"ABC,\n", "l.csv") == "l.csv: line 15: malformed CSV: an unterminated quoted field");
    // Terms before products: not AWS's order.
    CHECK(
        error_of(
            R"({"formatVersion":"v1.0","offerCode":"AmazonEC2","publicationDate":"2026-01-01T00:00:00Z","terms":{},"products":{}})")
            .find("the terms come before the products") != std::string::npos);
    // A token above 1 MiB is refused, not buffered.
    const std::string huge = R"({"formatVersion":")" + std::string(2u << 20, 'x') + "\"}";
    CHECK_THROWS_AS(import_text(huge), LimitExceeded);
    // Nesting is bounded too (offer files nest 9 levels).
    CHECK(error_of("{\"a\":" + std::string(100, '[')).find("nested deeper than 64 levels") != std::string::npos);
    CHECK(error_of("{\"a\":" + std::string(100, '['), "deep.json") ==
          "deep.json: JSON nested deeper than 64 levels: not an AWS Price List offer file");
}

TEST_CASE("two files into one catalog; the same entry from two files is refused") {
    PriceListImporter importer({});
    std::ifstream ec2(fixture("aws-AmazonEC2-us-east-1-t3.json"));
    std::ifstream lambda(fixture("aws-AWSLambda-us-east-1.json"));
    importer.add(ec2, "ec2.json");
    importer.add(lambda, "lambda.json");
    const Catalog c = importer.catalog();
    CHECK(c.find("aws.ec2.us-east-1.t3.micro") != nullptr);
    CHECK(c.find("aws.lambda.us-east-1.x86_64.requests") != nullptr);
    CHECK(c.as_of() == "2026-03-20");  // the later publication date
    std::ifstream again(fixture("aws-AmazonEC2-us-east-1-t3.json"));
    CHECK_THROWS_AS(importer.add(again, "ec2-again.json"), InvalidInput);
}

TEST_CASE("the summary line") {
    PriceListSummary s;
    import_file("opencost-AmazonEC2-us-east-2.json", {}, &s);
    CHECK(to_string(s) ==
          "AmazonEC2 (opencost-AmazonEC2-us-east-2.json, json, version 20230322145651, published 2023-03-22): "
          "3 products read, 1 used, 2 skipped (1 no on-demand price; 1 operating system Windows; "
          "1 reserved term listed under OnDemand); 1 entry");
}

TEST_CASE("AWSELB, AmazonApiGateway, AWSDataTransfer: ALB rates, request tiers, data-out tiers") {
    PriceListSummary elb_summary;
    const Catalog elb = import_file("aws-AWSELB-us-east-1.json", {}, &elb_summary);
    CHECK(elb.at("aws.elb.us-east-1.alb.hours", "").flat_price() == 0.0225);
    CHECK(elb.at("aws.elb.us-east-1.alb.lcu", "").flat_price() == 0.008);
    CHECK(elb.at("aws.elb.us-east-1.alb.lcu", "").unit == "LCU-hour");
    CHECK(elb_summary.skipped.at("usage type USE1-TS-LoadBalancerUsage") == 1);  // a trust store, not the ALB-hour
    CHECK(elb_summary.skipped.at("product family Load Balancer-Network") == 1);

    PriceListSummary api_summary;
    const Catalog api = import_file("aws-AmazonApiGateway-us-east-1.json", {}, &api_summary);
    const PriceEntry& http = api.at("aws.apigateway.us-east-1.http_api.requests", "");
    REQUIRE(http.tiers.size() == 2);
    CHECK(http.tiers[0].up_to == 300e6);
    CHECK(http.tiers[1].price == 0.0000009);
    CHECK(api.at("aws.apigateway.us-east-1.rest_api.requests", "").tiers.size() == 4);
    CHECK(api_summary.skipped.at("usage type USE1-ApiGatewayMessage") == 1);

    PriceListSummary dt_summary;
    const Catalog dt = import_file("aws-AWSDataTransfer-us-east-1.json", {}, &dt_summary);
    const PriceEntry& out = dt.at("aws.data_transfer.us-east-1.internet_out", "");
    REQUIRE(out.tiers.size() == 4);
    CHECK(out.tiers[2].up_to == 153600);
    CHECK(out.tiers[3].price == 0.05);
    CHECK(dt_summary.skipped.at("transfer type InterRegion Outbound to US East (Ohio)") == 1);
}

TEST_CASE("an import of every service reproduces the built-in bills with a load balancer, a front door and data out") {
    PriceListImporter importer({}, &Catalog::builtin());
    for (const char* name :
         {"aws-AmazonEC2-us-east-1-t3.json", "aws-AWSLambda-us-east-1.json", "aws-AWSELB-us-east-1.json",
          "aws-AmazonApiGateway-us-east-1.json", "aws-AWSDataTransfer-us-east-1.json"}) {
        std::ifstream in(fixture(name));
        importer.add(in, name);
    }
    const Catalog merged = Catalog::builtin().merged_with(importer.catalog());
    Workload w;
    w.requests_per_month = 400e6;  // past the HTTP API's 300 M tier edge
    w.duration_ms = 50;
    w.response_kb = 64;
    const Offering lambda{"", LambdaConfig{.memory_mb = 256, .front_door = FrontDoor::http_api}};
    const Offering fleet{
        "", VmFleetConfig{
                .provider = "aws", .region = "us-east-1", .instance = "t3.micro", .count = 3, .load_balancer = true}};
    for (const Offering& o : {lambda, fleet}) {
        const Bill ours = price(w, o, merged);
        const Bill builtin = price(w, o, Catalog::builtin());
        CHECK(ours.total == doctest::Approx(builtin.total).epsilon(1e-12));
        REQUIRE(ours.line_items.size() == builtin.line_items.size());
        for (std::size_t i = 0; i < ours.line_items.size(); ++i)
            CHECK(ours.line_items[i].cost == builtin.line_items[i].cost);
    }
    // The HTTP API part by hand: 300 M x $1.00/M + 100 M x $0.90/M = $300 + $90 = $390 (64 KB < 512 KB: one unit each).
    const Bill ours = price(w, lambda, merged);
    double api_cost = 0;
    for (const LineItem& item : ours.line_items)
        if (item.price_id == "aws.apigateway.us-east-1.http_api.requests") api_cost += item.cost;
    CHECK(api_cost == doctest::Approx(300e6 * 0.000001 + 100e6 * 0.0000009));
}

TEST_CASE("CSV: quoted commas, quotes and line breaks inside a field; a line above 1 MiB is refused") {
    const std::string head =
        "\"FormatVersion\",\"v1.0\"\n\"Publication Date\",\"2026-03-20T00:00:00Z\"\n\"Version\",\"1\"\n"
        "\"OfferCode\",\"AWSELB\"\n\"SKU\",\"OfferTermCode\",\"TermType\",\"PriceDescription\",\"StartingRange\","
        "\"EndingRange\",\"Unit\",\"PricePerUnit\",\"Currency\",\"Product Family\",\"Location\",\"usageType\"\n";
    const std::string row =
        "\"S1\",\"JRTCKXETXF\",\"OnDemand\",\"$0.0225 per \"\"ALB\"\"-hour,\nor partial hour\",\"0\",\"Inf\","
        "\"Hrs\",\"0.0225000000\",\"USD\",\"Load Balancer-Application\",\"US East (N. "
        "Virginia)\",\"LoadBalancerUsage\"\n";
    const Catalog c = import_text(head + row);
    CHECK(c.at("aws.elb.us-east-1.alb.hours", "").flat_price() == 0.0225);
    // The row above spans lines 6-7, so the next record starts on line 8.
    CHECK(error_of(head + row + "\"S2\",\"x\n", "e.csv") ==
          "e.csv: line 8: malformed CSV: an unterminated quoted field");
    CHECK(error_of(head + "\"S2\",x\"y\n", "e.csv") ==
          "e.csv: line 6: malformed CSV: a quote inside an unquoted field");
    CHECK_THROWS_AS(import_text(head + std::string(2u << 20, 'x') + "\n"), LimitExceeded);
}

TEST_CASE("at most 100,000 matching products (the catalog's entry bound), refused while streaming") {
    std::string doc =
        R"({"formatVersion":"v1.0","offerCode":"AmazonEC2","version":"1","publicationDate":"2026-01-01T00:00:00Z","products":{)";
    for (int i = 0; i <= 100000; ++i) {
        const std::string n = std::to_string(i);
        if (i) doc += ',';
        doc.append("\"S").append(n).append(R"(":{"productFamily":"Storage","attributes":{"volumeApiName":"v)");
        doc.append(n).append(R"(","regionCode":"us-east-1"}})");
    }
    doc += "}}";
    CHECK(error_of(doc, "many.json") ==
          "many.json: more than 100,000 matching products; select fewer with --region, --family or --service");
}

TEST_CASE("robustness: every fixture cut short or with a byte changed is imported or refused with a costsim::Error") {
    std::size_t refused = 0, imported = 0;
    for (const char* name :
         {"opencost-AmazonEC2-us-east-2.json", "aws-AmazonEC2-us-east-1-t3.json", "ligoj-AWSLambda-eu-west-1.csv",
          "ligoj-AmazonEC2-eu-west-1.repaired.csv", "aws-AmazonApiGateway-us-east-1.json"}) {
        const std::string text = read_all(name);
        for (std::size_t k = 1; k <= 60; ++k) {
            const std::size_t at = text.size() * k / 61;
            std::string changed = text;
            changed[at] = "\"{},:\n["[k % 7];
            for (const std::string& variant : {text.substr(0, at), changed}) {
                try {
                    import_text(variant, name);
                    ++imported;
                } catch (const Error&) {
                    ++refused;  // any other exception type fails the test case
                }
            }
        }
    }
    CHECK(refused > 0);
    CHECK(imported + refused == 5 * 60 * 2);
}
