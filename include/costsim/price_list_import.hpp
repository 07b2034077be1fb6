#pragma once
/// Imports AWS Price List bulk offer files (JSON or CSV) into a catalog in cost-sim's schema.
/// The offer file is streamed: only the products that match the filter are kept (a few attributes
/// each), so memory stays bounded whatever the file's size. What is read and derived:
/// Design/catalog.md, "Imports from the AWS Price List".

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
    std::vector<std::string> services{};  ///< catalog services: ec2, ebs, lambda, elb, apigateway, data_transfer
};

/// What one offer file gave: counts of products read, used and skipped, and why.
struct PriceListSummary {
    std::string origin;            ///< the file's name, as given
    std::string format;            ///< "json" | "csv"
    std::string offer_code;        ///< "AmazonEC2"
    std::string version;           ///< "20230322145651"
    std::string publication_date;  ///< "2023-03-22T14:56:51Z"
    std::size_t products_read = 0;
    std::size_t products_used = 0;               ///< products that gave at least one entry
    std::size_t products_skipped = 0;            ///< products_read - products_used
    std::map<std::string, std::size_t> skipped;  ///< reason -> products (or terms) skipped for it
    std::size_t entries = 0;                     ///< catalog entries written
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

    /// Reads one offer file from `in` (JSON or CSV, told apart by its first bytes). `origin` names
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
