#pragma once
/// The price catalog: market data, kept apart from what is priced (Workload) and how it is run
/// (Offering). Every entry carries its source, as-of date and confidence.
/// Schema: Design/catalog.md.

#include <costsim/confidence.hpp>
#include <costsim/error.hpp>

#include <cstddef>
#include <limits>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace costsim {

inline constexpr double kUnbounded = std::numeric_limits<double>::infinity();

/// One price band: quantities in [from, up_to) cost `price` per unit.
struct PriceTier {
    double from = 0.0;
    double up_to = kUnbounded;
    double price = 0.0;
};

/// Hardware facts of a compute instance entry.
struct InstanceSpec {
    std::string name;   ///< user-facing type name: "t3.micro", "e2-micro", "1core-1GB"
    double vcpu = 0.0;  ///< vCPUs (OCPUs for OCI)
    double memory_gib = 0.0;
    std::string arch = "x86_64";           ///< x86_64 | arm64
    std::optional<double> baseline_share;  ///< burstable: fraction of each vCPU sustained
};

/// The terms of a reserved-instance rate entry: an hourly price (the entry's flat price) plus an
/// upfront payment per instance for the whole term. Its id is "<instance entry id>.reserved.<term>.<payment>".
struct ReservedTerms {
    std::string term;      ///< "1yr" | "3yr"
    std::string payment;   ///< "no_upfront" | "partial_upfront" | "all_upfront"
    double upfront = 0.0;  ///< paid once per instance for the term; 0 for no_upfront
    [[nodiscard]] int months() const noexcept { return term == "3yr" ? 36 : 12; }
};

/// What an entry states: a unit price (possibly tiered), a free monthly allowance, or a discount.
enum class EntryKind { price, allowance, discount };

/// One catalog entry. `tiers` holds one unbounded tier for a flat price.
struct PriceEntry {
    std::string id;        ///< "<provider>.<service>.<region>.<item>", unique
    std::string provider;  ///< aws | gcp | azure | oci | sakura
    std::string service;   ///< lambda | ec2 | data_transfer | ...
    std::string region;    ///< region code, or "global"
    std::string description;
    std::string unit;      ///< request | GB-second | hour | month | GB | fraction | ...
    std::string currency;  ///< USD | JPY
    EntryKind kind = EntryKind::price;
    std::vector<PriceTier> tiers;  ///< kind == price
    double allowance = 0.0;        ///< kind == allowance: free quantity per month, in `unit`
    double discount = 0.0;         ///< kind == discount: fraction off, in [0, 1)
    std::optional<InstanceSpec> instance;
    std::optional<ReservedTerms> reserved;  ///< a reserved-instance rate (kind == price, unit hour)
    std::string source;
    std::string as_of;  ///< YYYY-MM-DD
    Confidence confidence = Confidence::unverified;
    std::string note;
    bool tiered_in_source = false;  ///< written as "tiers" (not "price") in its document

    /// The flat price of a single-tier entry. \throws InvalidCatalog if tiered or not a price.
    [[nodiscard]] double flat_price() const;
};

struct CatalogLimits {
    /// Largest catalog document (bytes) the CLI and the server read from a file (--catalog,
    /// catalog validate / diff): a user catalog may be far larger than a scenario, not unbounded.
    static constexpr std::size_t max_document_bytes = std::size_t{16} * 1024 * 1024;
};

/// A validated set of entries with a version and as-of date. Immutable once built; cheap lookups.
class Catalog {
  public:
    Catalog() = default;

    /// Parses and validates one catalog document (JSON text). `origin` names it in errors.
    /// \throws ParseError, InvalidCatalog
    static Catalog from_json(std::string_view json_text, std::string_view origin = "catalog");

    /// The catalog compiled into the library (lib/data/catalog/*.json).
    static const Catalog& builtin();

    /// A copy of this catalog with `overlay`'s entries replacing those with the same id and
    /// extending the rest. version/as_of stay this catalog's; `overlays()` records the overlay.
    [[nodiscard]] Catalog merged_with(const Catalog& overlay) const;

    [[nodiscard]] const std::string& version() const noexcept { return version_; }
    [[nodiscard]] const std::string& as_of() const noexcept { return as_of_; }
    /// Descriptions ("<origin> version V as of D") of user catalogs merged into this one.
    [[nodiscard]] const std::vector<std::string>& overlays() const noexcept { return overlays_; }
    [[nodiscard]] const std::vector<PriceEntry>& entries() const noexcept { return entries_; }

    /// The entry with this id, or nullptr.
    [[nodiscard]] const PriceEntry* find(std::string_view id) const noexcept;
    /// The entry with this id. \throws PriceNotFound naming `field` and the id; when the id's
    /// region ("<provider>.<service>.<region>.<item>") has no prices of that service at all, the
    /// message lists the service's regions and the closest one.
    [[nodiscard]] const PriceEntry& at(std::string_view id, std::string_view field) const;
    /// Instance entries of a provider/service/region, in catalog order.
    [[nodiscard]] std::vector<const PriceEntry*> instances(std::string_view provider, std::string_view region) const;
    /// The instance entry of `provider` in `region` whose type name is `name`, compared
    /// case-insensitively ("T3.Micro" finds t3.micro), or nullptr. A hash look-up.
    [[nodiscard]] const PriceEntry* find_instance(std::string_view provider, std::string_view region,
                                                  std::string_view name) const;
    /// The providers of the entries, sorted, each once ("aws", "azure", ...).
    [[nodiscard]] std::vector<std::string> providers() const;
    /// The regions of `provider`'s entries (all providers' when empty), of `service` when given,
    /// sorted, each once; "global" included.
    [[nodiscard]] std::vector<std::string> regions(std::string_view provider = {}, std::string_view service = {}) const;
    /// Up to `max` entry ids closest to `id` (edit distance), for "did you mean" messages.
    [[nodiscard]] std::vector<std::string> closest_ids(std::string_view id, std::size_t max = 3) const;

  private:
    /// Hashes std::string and std::string_view alike, so look-ups by view do not allocate.
    struct StringHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };
    using Index = std::unordered_map<std::string, std::size_t, StringHash, std::equal_to<>>;

    /// Rebuilds both indexes from entries_.
    void index();
    std::string version_;
    std::string as_of_;
    std::vector<std::string> overlays_;
    std::vector<PriceEntry> entries_;
    Index by_id_;
    Index instance_by_key_;  ///< instance_key(provider, region, lower-case name) -> entry
};

}  // namespace costsim
