#pragma once
/// What an import read, used and skipped, and why: nothing is half-imported silently. Shared by the
/// usage imports (CloudWatch metrics, Cost and Usage Reports). Design/imports.md.

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace costsim {

struct ImportSummary {
    std::string unit = "lines";  ///< what is counted: "lines", "rows", "datapoints"
    std::size_t read = 0;
    std::size_t used = 0;
    std::size_t skipped = 0;
    /// Skipped items by reason ("product AmazonS3"), in the order first seen.
    std::vector<std::pair<std::string, std::size_t>> skipped_by_reason;

    /// Counts one skipped item under `reason`.
    void skip(const std::string& reason);
};

/// "12 rows read, 10 used, 2 skipped (1 line item type Tax; 1 product AmazonS3)".
std::string to_string(const ImportSummary& summary);

}  // namespace costsim
