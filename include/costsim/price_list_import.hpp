#pragma once
/// Imports AWS Price List bulk offer files (JSON or CSV) and Azure Retail Prices API pages (JSON)
/// into a catalog in cost-sim's schema. A file is streamed: only the products (items) that match
/// the filter are kept (a few attributes each), so memory stays bounded whatever the file's size.
/// What is read and derived: Design/catalog.md, "Imports from the AWS Price List" and "Imports
/// from the Azure Retail Prices API".

#include <costsim/catalog.hpp>

#include <cstddef>
#include <iosfwd>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace costsim {

/// Which products to keep; an empty list keeps all.
struct PriceListFilter {
    std::vector<std::string> regions{};            ///< region codes: "us-east-1"
    std::vector<std::string> instance_families{};  ///< EC2 families: "t3", "m7g"
    /// catalog services: ec2, ebs, lambda, elb, apigateway, data_transfer (AWS); vm, functions,
    /// functions_flex (Azure)
    std::vector<std::string> services{};
};

/// What one offer file gave: counts of products read, used and skipped, and why.
struct PriceListSummary {
    std::string origin;            ///< the file's name, as given
    std::string format;            ///< "json" | "csv"
    std::string offer_code;        ///< "AmazonEC2", or "Azure Retail Prices"
    std::string version;           ///< "20230322145651" (empty for an Azure page)
    std::string publication_date;  ///< "2023-03-22T14:56:51Z"; an Azure page's newest effectiveStartDate
    std::size_t products_read = 0;
    std::size_t products_used = 0;               ///< products that gave at least one entry
    std::size_t products_skipped = 0;            ///< products_read - products_used
    std::map<std::string, std::size_t> skipped;  ///< reason -> products (or terms) skipped for it
    std::size_t entries = 0;                     ///< catalog entries written
    std::string note;                            ///< what the reader should know: "NextPageLink is set: ..."
};

/// Reads offer files one after another and gathers their entries into one catalog document.
class PriceListImporter {
  public:
    /// `facts`: a catalog whose instance entries lend what the Price List does not publish
    /// (baseline_share of burstable types), matched by entry id; may be null.
    explicit PriceListImporter(PriceListFilter filter, const Catalog* facts = nullptr);
    ~PriceListImporter();
    PriceListImporter(const PriceListImporter&) = delete;
    PriceListImporter& operator=(const PriceListImporter&) = delete;

    /// Reads one offer file or Azure Retail Prices page from `in` (AWS JSON or CSV, or an Azure page,
    /// told apart by the first bytes and the first key). `origin` names
    /// it in errors. \throws ParseError (wrong format, truncated JSON, a malformed CSV line named by
    /// its line number), InvalidInput (an offer of an unsupported service, an entry id twice),
    /// LimitExceeded (more than 100,000 entries, a token or line above 1 MiB)
    PriceListSummary add(std::istream& in, std::string_view origin);

    /// The validated catalog of every entry read so far: version "aws-price-list-<latest offer
    /// version>", as_of the latest publication date. \throws InvalidInput if no entry was imported.
    [[nodiscard]] Catalog catalog() const;

  private:
    struct State;
    std::unique_ptr<State> state_;
};

/// One line per file: "AmazonEC2 (f.json, json, published 2023-03-22): 3 products read, 1 used,
/// 2 skipped (1 operating system Windows, 1 no on-demand price); 1 entry".
std::string to_string(const PriceListSummary& summary);

}  // namespace costsim
