#pragma once
/// AWS Cost and Usage Reports in: the Lambda rows of a CUR 2.0 or legacy CSV (already
/// decompressed), summed by usage type, and cost-sim's price for each line's quantity beside the
/// CUR's cost. Formats and rules: Design/imports.md#cost-and-usage-report (wave2-facts 5.3).

#include <costsim/catalog.hpp>
#include <costsim/import_summary.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace costsim {

struct CurLimits {
    /// Largest CSV text read (after gunzip): a month of hourly Lambda rows for a few hundred
    /// functions is a few MB; a whole account's CUR can be far larger: filter it first.
    static constexpr std::size_t max_text_bytes = std::size_t{256} * 1024 * 1024;
    static constexpr std::size_t max_rows = 2000000;
    static constexpr std::size_t max_columns = 2000;
    /// Distinct Lambda usage types (lines of the comparison).
    static constexpr std::size_t max_lines = 500;
};

enum class CurFormat { cur2, legacy };
/// "cur2" | "legacy".
const char* to_string(CurFormat format) noexcept;

/// One Lambda usage type of the report: the CUR's sums and cost-sim's price for the quantity.
struct CurLine {
    std::string usage_type;  ///< as in the report: "APN1-Lambda-GB-Second"
    std::string region;      ///< "ap-northeast-1": the product region column, else the prefix
    std::string arch;        ///< "x86_64" | "arm64" | "" (Lambda@Edge, free-tier rows)
    /// "requests", "duration", "provisioned_concurrency", "provisioned_duration",
    /// "ephemeral_storage", "free_tier_requests", "free_tier_duration", "edge_requests",
    /// "edge_duration", or "other".
    std::string item;
    std::string unit;  ///< cost-sim's unit: "request" | "GB-second"
    std::size_t rows = 0;
    double quantity = 0.0;  ///< sum of the usage amounts
    double cur_cost = 0.0;  ///< sum of the unblended costs
    /// cost-sim's price of `quantity` (tiers and, when applied, the free tier); none when the
    /// catalog has no price for it (another region, Lambda@Edge).
    std::optional<double> costsim_cost;
    /// costsim_cost - cur_cost, to the nano-dollar (sums of many rows carry binary noise).
    std::optional<double> difference;
    double free_quantity = 0.0;  ///< of `quantity`, what cost-sim's free tier covered
    std::string price_id;        ///< the catalog entry priced with, or ""
    std::string note;            ///< why there is no cost-sim cost, or the free tier used
};

struct CurOptions {
    /// Apply the Lambda free tier (1,000,000 requests and 400,000 GB-s a month, account-wide) to
    /// the paid lines when the report has no free-tier rows of its own.
    bool free_tier = true;
};

struct CurComparison {
    CurFormat format = CurFormat::cur2;
    std::string currency = "USD";
    std::string period_start;       ///< earliest usage start in the Lambda rows
    std::string period_end;         ///< latest usage end
    std::vector<CurLine> lines;     ///< sorted by region, then usage type
    double cur_total = 0.0;         ///< every line's CUR cost
    double costsim_total = 0.0;     ///< the lines cost-sim prices
    double cur_total_priced = 0.0;  ///< the CUR cost of those same lines, to compare with costsim_total
    double difference = 0.0;        ///< costsim_total - cur_total_priced, to the nano-dollar
    double requests = 0.0;          ///< the month's usage: request lines (paid and free-tier rows)
    double gb_seconds = 0.0;        ///< on-demand duration lines
    bool free_tier_applied = false;
    std::string free_tier_rule;  ///< how the free tier was treated, in words
    ImportSummary summary{"rows", 0, 0, 0, {}};
};

/// Reads the report's rows (header first; RFC 4180 quoting), keeps the AWSLambda Usage and
/// SavingsPlanCoveredUsage rows in USD, counts every other row as skipped with its reason, and
/// prices each usage type's quantity on `catalog`.
/// \throws InvalidInput naming `field` and the line ("cur line 7: 12 fields, the header has 30"),
/// or when no row is a Lambda row; LimitExceeded past CurLimits.
CurComparison import_cur(std::string_view csv, const Catalog& catalog, const CurOptions& options = {},
                         const std::string& field = "cur");

/// The comparison as JSON (schema "cost-sim-report/1"; Design/imports.md) and as CSV (one row a
/// line: usage_type, region, arch, item, unit, rows, quantity, cur_cost, costsim_cost, difference,
/// price_id, note).
std::string to_json(const CurComparison& comparison, int indent = -1);
std::string to_csv(const CurComparison& comparison);

}  // namespace costsim
