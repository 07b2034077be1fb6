// Azure Retail Prices API pages to catalog entries, on raw API answers
// (tests/data/azure-retail-prices/SOURCES.md says where each comes from). The figures are the
// published ones in the fixtures; bills are recomputed by hand at 730 h a month.
#include <costsim/costsim.hpp>
#include <costsim/price_list_import.hpp>
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

using namespace costsim;

namespace {

std::string fixture(const std::string& name) {
    return std::string(COSTSIM_TEST_DATA_DIR) + "/azure-retail-prices/" + name;
}

/// Imports fixture files into one catalog; the last file's summary goes to `summary` when given.
Catalog import_files(const std::vector<std::string>& names, PriceListFilter filter = {},
                     PriceListSummary* summary = nullptr, const Catalog* facts = &Catalog::builtin()) {
    PriceListImporter importer(std::move(filter), facts);
    for (const std::string& name : names) {
        std::ifstream in(fixture(name), std::ios::binary);
        REQUIRE_MESSAGE(in, name);
        PriceListSummary s = importer.add(in, name);
        if (summary) *summary = s;
    }
    return importer.catalog();
}

std::string error_of(const std::string& text) {
    try {
        std::istringstream in(text);
        PriceListImporter importer({}, &Catalog::builtin());
        importer.add(in, "page.json");
        (void)importer.catalog();
    } catch (const Error& e) {
        return e.what();
    }
    return "(no error)";
}

}  // namespace

TEST_CASE("B1s East US: the Linux pay-as-you-go row, Windows skipped, the built-in bill reproduced") {
    PriceListSummary s;
    const Catalog c = import_files({"standard_b1s_eastus.json"}, {}, &s);
    CHECK(s.offer_code == "Azure Retail Prices");
    CHECK(s.format == "json");
    CHECK(s.version.empty());
    CHECK(s.publication_date == "2025-10-01");
    CHECK(s.products_read == 2);
    CHECK(s.products_used == 1);
    CHECK(s.skipped.at("Windows") == 1);  // "Virtual Machines BS Series Windows", $0.014
    REQUIRE(c.entries().size() == 1);
    const PriceEntry& b1s = c.at("azure.vm.eastus.b1s", "");
    CHECK(b1s.flat_price() == 0.0104);
    CHECK(b1s.unit == "hour");
    CHECK(b1s.as_of == "2025-10-01");  // the item's effectiveStartDate: the API gives no fetch date
    CHECK(b1s.confidence == Confidence::verified);
    CHECK(b1s.source ==
          "Azure Retail Prices API https://prices.azure.com/api/retail/prices, eastus, Consumption, "
          "meterId f4d7a5a5-1b67-45ea-b1a0-282fbdd34b05, skuId DZH318Z0BQ35/00SV, effective 2025-10-01");
    REQUIRE(b1s.instance);
    CHECK(b1s.instance->name == "B1s");  // the facts: the built-in entry's 1 vCPU, 1 GiB, 10 % baseline
    CHECK(b1s.instance->vcpu == 1);
    CHECK(b1s.instance->memory_gib == 1);
    CHECK(b1s.instance->baseline_share == 0.1);
    CHECK(c.version() == "azure-retail-prices-2025-10-01");
    CHECK(c.as_of() == "2025-10-01");
    CHECK(to_string(s) ==
          "Azure Retail Prices (standard_b1s_eastus.json, json, newest price effective 2025-10-01): 2 products read, "
          "1 used, 1 skipped (1 Windows); 1 entry");

    // Merged like --catalog: 3 x 730 h x $0.0104 = $22.776, as with the built-in catalog.
    VmFleetConfig three{.provider = "azure", .region = "eastus", .instance = "B1s", .count = 3};
    three.public_ipv4 = false;
    const Offering fleet{"", three};
    const Bill ours = price({}, fleet, Catalog::builtin().merged_with(c));
    CHECK(ours.total == doctest::Approx(3 * 730 * 0.0104));
    CHECK(ours.total == price({}, fleet, Catalog::builtin()).total);
}

TEST_CASE("D2s_v3 East US: Spot, Low Priority and Windows rows skipped; no facts for the size, so none imported") {
    PriceListSummary s;
    CHECK_THROWS_AS(import_files({"standard_d2s_v3_eastus_spot.json"}, {}, &s), InvalidInput);
    // With the size's facts lent by a user catalog, the Linux on-demand row ($0.096) is the one kept.
    const Catalog facts = Catalog::from_json(
        R"({"schema": "cost-sim-catalog/1", "version": "facts", "as_of": "2026-12-01", "entries": [
            {"id": "azure.vm.eastus.d2s_v3", "provider": "azure", "service": "vm", "region": "eastus",
             "description": "D2s_v3 facts", "unit": "hour", "currency": "USD", "price": 1,
             "instance": {"name": "D2s_v3", "vcpu": 2, "memory_gib": 8, "arch": "x86_64"},
             "source": "https://learn.microsoft.com/azure/virtual-machines/dv3-dsv3-series", "as_of": "2026-12-01",
             "confidence": "verified"}]})",
        "facts");
    const Catalog c = import_files({"standard_d2s_v3_eastus_spot.json"}, {}, &s, &facts);
    CHECK(s.products_read == 6);
    CHECK(s.products_used == 1);
    CHECK(s.skipped.at("Windows") == 3);       // Windows on-demand, Spot and Low Priority
    CHECK(s.skipped.at("Spot") == 1);          // the Linux Spot row, $0.018816
    CHECK(s.skipped.at("Low Priority") == 1);  // the Linux Low Priority row, $0.019
    CHECK(c.at("azure.vm.eastus.d2s_v3", "").flat_price() == 0.096);
    CHECK(c.at("azure.vm.eastus.d2s_v3", "").as_of == "2017-12-15");
}

TEST_CASE("Functions East US: Consumption and Flex meters, free grants from the $0 first tiers, Premium skipped") {
    PriceListSummary s;
    const Catalog c = import_files({"functions_eastus_consumption.json"}, {}, &s);
    CHECK(s.products_read == 13);
    CHECK(s.products_used == 11);
    CHECK(s.skipped.at("Functions meter Premium Functions / Premium Memory Duration") == 1);
    CHECK(s.skipped.at("Functions meter Premium Functions / Premium vCPU Duration") == 1);
    // Consumption: $0.000016 per GB-s above 400,000; $0.000002 per 10 executions above 100,000 x 10.
    CHECK(c.at("azure.functions.eastus.gb_seconds", "").flat_price() == 0.000016);
    CHECK(c.at("azure.functions.eastus.executions", "").flat_price() == doctest::Approx(0.000002 / 10));
    CHECK(c.at("azure.functions.global.free_tier.gb_seconds", "").allowance == 400000);
    CHECK(c.at("azure.functions.global.free_tier.executions", "").allowance == 1000000);
    // Flex: on demand $0.000026 per GB-s above 100,000; $0.000004 per 10 executions above 25,000 x 10.
    CHECK(c.at("azure.functions_flex.eastus.on_demand_gb_seconds", "").flat_price() == 0.000026);
    CHECK(c.at("azure.functions_flex.eastus.on_demand_executions", "").flat_price() == doctest::Approx(4e-7));
    CHECK(c.at("azure.functions_flex.global.free_tier.gb_seconds", "").allowance == 100000);
    CHECK(c.at("azure.functions_flex.global.free_tier.executions", "").allowance == 250000);
    CHECK(c.at("azure.functions_flex.eastus.always_ready_baseline_gb_seconds", "").flat_price() == 0.000004);
    CHECK(c.at("azure.functions_flex.eastus.always_ready_gb_seconds", "").flat_price() == 0.000016);
    CHECK(c.at("azure.functions_flex.eastus.always_ready_executions", "").flat_price() == doctest::Approx(4e-7));
    CHECK(c.entries().size() == 11);  // 7 prices, 4 allowances
    CHECK(c.as_of() == "2024-12-01");

    // The built-in Consumption bill reproduced: 3M executions of 1 s at 1,536 MB = 4,500,000 GB-s;
    // (4,500,000 - 400,000) x $0.000016 = $65.60, (3M - 1M) x $0.0000002 = $0.40: $66.00.
    Workload w;
    w.requests_per_month = 3e6;
    w.duration_ms = 1000;
    const Offering consumption{"", AzureFunctionsConfig{.memory_mb = 1536}};
    const Bill ours = price(w, consumption, Catalog::builtin().merged_with(c));
    CHECK(ours.total == doctest::Approx(66.00));
    CHECK(ours.total == doctest::Approx(price(w, consumption, Catalog::builtin()).total));
}

TEST_CASE("a reservation's price is the whole term's: all upfront, or the same total per hour") {
    PriceListSummary s;
    const Catalog c = import_files({"standard_d2als_v7_eastus_reservation.json"}, {}, &s);
    CHECK(s.products_used == 2);
    const PriceEntry& upfront = c.at("azure.vm.eastus.d2als_v7.reserved.1yr.all_upfront", "");
    CHECK(upfront.flat_price() == 0);
    CHECK(upfront.reserved->upfront == 416);
    const PriceEntry& monthly = c.at("azure.vm.eastus.d2als_v7.reserved.3yr.no_upfront", "");
    CHECK(monthly.flat_price() == doctest::Approx(803.0 / 26280));  // 3 years of 8,760 h
    CHECK(monthly.reserved->upfront == 0);
    CHECK(c.at("azure.vm.eastus.d2als_v7.reserved.1yr.no_upfront", "").flat_price() == doctest::Approx(416.0 / 8760));
    CHECK(c.entries().size() == 4);
}

TEST_CASE("filters, several regions' pages, and a page of a longer answer") {
    PriceListSummary s;
    const Catalog flex_only = import_files({"functions_eastus_consumption.json"}, {.services = {"functions_flex"}}, &s);
    CHECK(flex_only.find("azure.functions.eastus.gb_seconds") == nullptr);
    CHECK(flex_only.find("azure.functions_flex.eastus.on_demand_gb_seconds") != nullptr);
    CHECK(s.skipped.at("service not selected") == 4);
    CHECK_THROWS_AS(import_files({"standard_b1s_eastus.json"}, {.regions = {"japaneast"}}), InvalidInput);

    // An AWS offer file and an Azure page in one import: one catalog, both named in its version.
    PriceListImporter both({}, &Catalog::builtin());
    std::ifstream aws(std::string(COSTSIM_TEST_DATA_DIR) + "/price-list/aws-AmazonEC2-us-east-1-t3.json");
    both.add(aws, "aws");
    std::ifstream azure(fixture("standard_b1s_eastus.json"));
    both.add(azure, "azure");
    const Catalog mixed = both.catalog();
    CHECK(mixed.version() == "aws-price-list-20260320042925+azure-retail-prices-2025-10-01");
    CHECK(mixed.find("aws.ec2.us-east-1.t3.micro") != nullptr);
    CHECK(mixed.find("azure.vm.eastus.b1s") != nullptr);

    std::istringstream page(
        R"({"BillingCurrency":"USD","Items":[{"currencyCode":"USD","retailPrice":0.0104,"armRegionName":"eastus",)"
        R"("effectiveStartDate":"2025-10-01T00:00:00Z","meterId":"m","skuId":"s","productName":"Virtual Machines BS Series",)"
        R"("skuName":"B1s","meterName":"B1s","serviceName":"Virtual Machines","unitOfMeasure":"1 Hour","type":"Consumption",)"
        R"("armSkuName":"Standard_B1s"}],"NextPageLink":"https://prices.azure.com:443/api/retail/prices?$skip=100","Count":1})");
    PriceListImporter one({}, &Catalog::builtin());
    const PriceListSummary first = one.add(page, "page1.json");
    CHECK(first.note == "NextPageLink is set: this file is one page of a longer answer; import every page");
}

TEST_CASE("bad pages: not a page, truncated, a price that is not a number, two rows for one entry") {
    CHECK(error_of(R"({"Items": 3})") == "page.json: not an Azure Retail Prices page: no Items array");
    // Nesting is bounded (a page nests 4 levels).
    CHECK(error_of(R"({"BillingCurrency":"USD","Items":)" + std::string(100, '[')) ==
          "page.json: JSON nested deeper than 64 levels: not an Azure Retail Prices page");
    CHECK(error_of(R"({"BillingCurrency":"USD","Items":[{"currencyCode":"USD")")
              .find("page.json: invalid or truncated JSON at byte") == 0);
    const std::string item =
        R"({"currencyCode":"USD","retailPrice":%P,"armRegionName":"eastus","effectiveStartDate":"2025-10-01","meterId":"m",)"
        R"("skuId":"%S","productName":"Virtual Machines BS Series","skuName":"B1s","meterName":"B1s",)"
        R"("serviceName":"Virtual Machines","unitOfMeasure":"1 Hour","type":"Consumption","armSkuName":"Standard_B1s"})";
    auto with = [&](const std::string& price, const std::string& sku) {
        std::string s = item;
        s.replace(s.find("%P"), 2, price);
        s.replace(s.find("%S"), 2, sku);
        return s;
    };
    CHECK(error_of(R"({"Items":[)" + with(R"("cheap")", "a") + "]}") ==
          "page.json: Items[0].retailPrice must be a number of at least 0, got \"cheap\"");
    CHECK(error_of(R"({"Items":[)" + with("0.01", "a") + "," + with("0.02", "b") + "]}") ==
          "page.json: two items give the entry azure.vm.eastus.b1s (skuId a and skuId b); filter them apart or import "
          "one page");
    CHECK(error_of(R"({"Items":[]})") ==
          "nothing was imported: every product was skipped (see the summary) or no file was read");
    CHECK(error_of("[1]").find("neither an AWS Price List offer file") != std::string::npos);
}
