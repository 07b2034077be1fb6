#pragma once
/// A portfolio: several workloads of one account priced together. Alternatives in a comparison
/// each get the whole free tier; an account's workloads share one free tier and one set of volume
/// tiers (per price entry: Lambda duration per architecture and region, data out per region), and
/// fleets named to share a load balancer pay for one. The total is allocated back to each
/// workload. It also answers the consolidation question: each workload on its own Lambda, all of
/// them on one shared fleet, or the placements given (a mix). Formulas and the allocation rule:
/// Design/pricing-model.md#portfolio.

#include <costsim/bill.hpp>
#include <costsim/catalog.hpp>
#include <costsim/offering.hpp>
#include <costsim/workload.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace costsim {

/// Bounds of a portfolio; tests and docs refer to these names.
struct PortfolioLimits {
    static constexpr std::size_t max_workloads = 1000;
    static constexpr std::size_t max_placements = 100;  ///< shared fleets
    static constexpr std::size_t max_id_length = 64;
    /// A portfolio file the CLI reads (the HTTP API's body limit, kMaxJsonBytes, binds first there).
    static constexpr std::size_t max_json_bytes = std::size_t{4} * 1024 * 1024;
};

/// One workload of the account and where it runs: its own `offering`, or a shared `placement`.
struct PortfolioWorkload {
    std::string id;
    Workload workload;
    std::optional<Offering> offering;  ///< runs alone on this
    std::string placement{};           ///< or on the shared fleet with this id (Portfolio::placements)
    /// Own fleet only: fleets naming the same group sit behind one Application Load Balancer.
    std::string load_balancer{};
};

/// An offering several workloads share (a fleet sized for the sum of their traffic).
struct SharedPlacement {
    std::string id;
    Offering offering;
    std::string load_balancer{};  ///< as PortfolioWorkload::load_balancer
};

struct Portfolio {
    std::vector<PortfolioWorkload> workloads;
    std::vector<SharedPlacement> placements;
    /// The consolidation question's two ends: each workload on its own Lambda (its own offering
    /// when that is a Lambda, else this one), and all of them on this one fleet.
    std::optional<Offering> consolidation_lambda;
    std::optional<Offering> consolidation_fleet;

    /// Ids unique and at most PortfolioLimits::max_id_length, one of offering and placement per
    /// workload, placements that exist and are used, the bounds. \throws InvalidInput naming the
    /// field ("workloads[3].placement").
    void validate() const;
};

/// Same-priced components of the account's workloads, summed, then priced once on their bands:
/// the shared free allowance first, then the volume tiers on what is left.
struct PortfolioPool {
    std::string name;  ///< the components' name: "Duration (x86_64)"
    std::string unit;
    double quantity = 0.0;         ///< summed over the members (a shared load balancer's hours: the most of any)
    double free_quantity = 0.0;    ///< credited from the shared allowance
    std::string allowance_id{};    ///< the free allowance's catalog entry; empty: none
    bool shared_resource = false;  ///< one load balancer's hours or addresses, charged once
    std::vector<OwnedLineItem> line_items;  ///< free band and tiers, quantity x unit price
    double cost = 0.0;
};

/// A workload's share of the account's total: one line per pool it uses, its quantity at the
/// pool's blended unit price (cost / chargeable quantity; Design/pricing-model.md#portfolio).
struct PortfolioAllocation {
    std::string workload_id;
    std::string runs_on;                    ///< its offering's id, or the placement's id
    std::vector<OwnedLineItem> line_items;  ///< quantity x blended unit price
    double total = 0.0;
    double standalone_total = 0.0;  ///< priced alone on the same offering, with the whole free tier
};

/// An account's bill: the pools (what the account pays) and the allocations (who pays it).
struct PortfolioBill {
    std::string name;  ///< "as_placed", "separate_lambdas", "one_shared_fleet"
    std::string currency;
    std::vector<PortfolioPool> pools;
    std::vector<PortfolioAllocation> allocations;  ///< in the order of the workloads
    double total = 0.0;                            ///< sum of pools' costs = sum of allocations' totals
    double standalone_sum = 0.0;  ///< each workload priced alone and summed (each with a whole free tier)
};

/// The consolidation question: the placements as given, every workload on its own Lambda, every
/// workload on one shared fleet (the last two when the portfolio names their offerings).
struct PortfolioReport {
    std::vector<PortfolioBill> options;  ///< "as_placed" first
    std::string cheapest;                ///< the name of the option with the lowest total (first on a tie)
};

/// Prices the portfolio's workloads as placed, as one account. \throws InvalidInput (naming
/// "workloads[i]..." or "placements[j]..."), PriceNotFound
PortfolioBill price_portfolio(const Portfolio& portfolio, const Catalog& catalog);

/// price_portfolio as placed, and the consolidation options the portfolio names.
PortfolioReport analyse_portfolio(const Portfolio& portfolio, const Catalog& catalog);

/// The workload a fleet shared by `workloads` serves: requests summed; per-request figures
/// (duration, CPU, sizes, connections, cold starts) weighted by requests so their totals are kept;
/// fixed data out summed; peaks assumed to coincide (peak_to_mean weighted by requests); traffic
/// profiles summed interval by interval (all of one interval and length; a workload without one
/// is flat at its mean). `field` names the members in errors ("workloads[2]").
/// \throws InvalidInput naming the member whose profile does not line up
Workload combined_workload(const std::vector<const Workload*>& workloads, const std::vector<std::string>& fields);

}  // namespace costsim
