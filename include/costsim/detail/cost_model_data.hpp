#pragma once
/// The data behind a CostModel, shared by its bills (their string views point into it).
/// Internal to the library's engines; not part of the stable API.

#include <costsim/cost_model.hpp>

#include <cstddef>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace costsim {

namespace detail {

/// Text a model owns (band names, notes, price ids, convention texts that are not literals), kept
/// in a few chunks that never move, so views into it stay valid when the Data is moved. Building a
/// model stores its texts here instead of in one std::string each. Move-only.
class TextArena {
  public:
    TextArena() = default;
    TextArena(TextArena&& other) noexcept;
    TextArena& operator=(TextArena&& other) noexcept;
    TextArena(const TextArena&) = delete;
    TextArena& operator=(const TextArena&) = delete;
    ~TextArena() = default;

    /// A copy of the parts, concatenated, valid as long as this arena (or the one it moves to).
    std::string_view concat(std::initializer_list<std::string_view> parts);
    std::string_view store(std::string_view text) { return concat({text}); }

  private:
    std::unique_ptr<char[]> chunk_;              ///< the chunk being filled
    std::vector<std::unique_ptr<char[]>> full_;  ///< earlier chunks (most models fill none)
    char* next_ = nullptr;
    std::size_t left_ = 0;
};

}  // namespace detail

struct CostModel::Data {
    /// A traffic-independent convention ("hours_per_month" = 730, "catalog_as_of" = "...").
    /// Views literals or `text`.
    struct FixedConvention {
        std::string_view name;
        double value = 0.0;
        std::string_view text;
    };

    std::string id;
    std::string kind;
    std::string region{};
    std::string currency;
    bool usage_priced = true;
    double workload_requests_per_month = 0.0;
    std::vector<Component> components;
    std::vector<FixedConvention> conventions;
    /// Adds traffic-dependent conventions and flags (instances, concurrency, ...) to a bill.
    /// Must only store string views of literals or of this Data's strings.
    std::function<void(const Data&, double requests_per_month, Bill&)> annotate;
    /// VM fleets only: what CostModel::fleet_size needs besides the first (instance) component.
    struct Fleet {
        bool fixed_count = false;
        double capacity_rps = 0.0;  ///< 0 = unknown
        double run_seconds = 0.0;   ///< hours_per_month x 3,600
        double peak_to_mean = 1.0;
        int load_balancer_azs = 0;  ///< 0: no load balancer
        bool public_ipv4_per_instance = false;
        /// The count at R when the first component's quantity / its hours is no count (a fleet
        /// under a traffic profile: its peak count); empty: that quotient.
        std::function<double(double)> peak_instances{};
    };
    std::optional<Fleet> fleet{};
    /// Owns the text the components' bands and the conventions view when it is not a literal.
    detail::TextArena text{};
};

}  // namespace costsim
