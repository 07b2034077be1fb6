// Evaluation of components and cost models: the one place quantities meet prices.
#include <costsim/cost_model.hpp>
#include <costsim/offering_kinds.hpp>
#include <costsim/detail/cost_model_data.hpp>

#include "offerings/model_building.hpp"
#include "engines/piecewise_cost.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <utility>

namespace costsim {

double Component::quantity(double r) const noexcept { return detail::quantity(*this, r); }

double Component::cost(double r) const noexcept { return detail::cost(*this, r); }

void Component::kinks(double lo, double hi, std::vector<double>& out, std::size_t max_points) const {
    auto push = [&](double r) {
        if (r > lo && r < hi) {
            if (out.size() >= max_points)
                throw LimitExceeded("range", "the traffic range holds more than " +
                                                 detail::format_quantity(double(max_points)) +
                                                 " price breakpoints; narrow the range");
            out.push_back(r);
        }
    };
    const std::size_t first = out.size();
    if (shape == Shape::fleet)
        for (const FleetSegment& s : segments) detail::fleet_steps(s, lo, hi, push);
    else if (shape == Shape::affine)
        detail::affine_kinks(*this, lo, hi, push);
    // segments interleave, clamp points come first and a negative per_request reverses the
    // order: keep the promise (one segment's steps alone come ascending)
    if (!std::is_sorted(out.begin() + std::ptrdiff_t(first), out.end()))
        std::sort(out.begin() + std::ptrdiff_t(first), out.end());
}

CostModel CostModel::build(const Workload& workload, const Offering& offering, const Catalog& catalog,
                           const std::string& offering_field) {
    workload.validate();
    offering.validate(offering_field);
    return from_data(detail::build_data(workload, offering, catalog, offering_field));
}

namespace {

/// True for an error a builder raised about one of the offering's own fields.
bool names_offering_field(const Error& e) {
    return (e.code() == ErrorCode::invalid_input || e.code() == ErrorCode::price_not_found) && !e.field().empty() &&
           e.field().rfind("workload.", 0) != 0;
}

}  // namespace

CostModel::Data detail::build_data(const Workload& workload, const Offering& offering, const Catalog& catalog,
                                   std::string_view offering_field) {
    return build_data(workload, offering, catalog, offering_field, offering.effective_id());
}

CostModel::Data detail::build_data(const Workload& workload, const Offering& offering, const Catalog& catalog,
                                   std::string_view offering_field, std::string effective_id) {
    CostModel::Data data;
    try {
        data = kind_of(offering.config).build(workload, offering.config, catalog);
    } catch (const Error& e) {
        if (offering_field.empty() || !names_offering_field(e)) throw;
        std::string field = std::string(offering_field) + e.field();
        std::string message = e.what();
        if (message.rfind(e.field() + " ", 0) == 0) message.insert(0, offering_field);
        if (e.code() == ErrorCode::price_not_found) throw PriceNotFound(std::move(field), message);
        throw InvalidInput(std::move(field), message, 0);
    }
    data.id = std::move(effective_id);
    data.kind = offering.kind();
    data.region = offering.region();
    data.usage_priced = offering.usage_priced();
    data.workload_requests_per_month = workload.requests_per_month;
    return data;
}

CostModel::Data detail::empty_data() {
    CostModel::Data d;
    d.components.reserve(8);
    d.conventions.reserve(25);
    return d;
}

CostModel CostModel::from_data(Data data) { return CostModel(std::make_shared<const Data>(std::move(data))); }

namespace {

/// A bill's own text besides its model's: the "unverified_price" flag's message, which lists
/// the entries of this bill's line items (they vary with traffic), so it cannot live in the model.
struct BillText {
    std::shared_ptr<const CostModel::Data> model;
    std::string unverified_message;
};

/// Appends the unverified entry ids behind `band` to `ids`, each once.
void add_unverified(std::vector<std::string_view>& ids, const Band& band) {
    std::string_view list = band.unverified_ids.empty() ? band.price_id : band.unverified_ids;
    while (!list.empty()) {
        const std::size_t comma = list.find(", ");
        const std::string_view id = list.substr(0, comma);
        if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
        list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 2);
    }
}

}  // namespace

Bill CostModel::bill(double r) const {
    const Data& d = *data_;
    if (r < 0.0) r = d.workload_requests_per_month;
    Bill bill;
    bill.offering_id = d.id;
    bill.kind = d.kind;
    bill.region = d.region;
    bill.currency = d.currency;
    bill.requests_per_month = r;
    bill.owner = data_;
    bill.line_items.reserve(d.components.size() * 2);
    std::vector<std::string_view> unverified;  // the unverified entries behind this bill's line items
    for (const Component& c : d.components) {
        const double q = c.quantity(r);
        bool any = false;
        for (const Band& b : c.bands) {
            if (q <= b.from && any) break;
            const double in_band = std::max(0.0, std::min(q, b.up_to) - b.from);
            if (in_band == 0.0 && any) break;
            // a component with zero quantity still shows its first band, so every dimension
            // is visible with its unit price.
            bill.line_items.push_back(
                {b.name, c.unit, in_band, b.unit_price, in_band * b.unit_price, b.price_id, b.note, b.confidence});
            if (b.confidence == Confidence::unverified) add_unverified(unverified, b);
            bill.total += in_band * b.unit_price;
            any = true;
            if (q <= b.up_to) break;
        }
    }
    // the model's, requests per month and second, and up to five from annotate
    bill.conventions.reserve(d.conventions.size() + 7);
    for (const auto& c : d.conventions) bill.conventions.push_back({c.name, c.value, c.text});
    bill.conventions.push_back({"requests_per_month", r, {}});
    bill.conventions.push_back({"requests_per_second", r / kSecondsPerMonth, {}});
    if (d.annotate) d.annotate(d, r, bill);
    if (!unverified.empty()) {
        // Rare (most prices are verified): only then does a bill own text of its own.
        std::string message = "this bill uses prices marked unverified in the catalog: ";
        for (std::size_t i = 0; i < unverified.size(); ++i) message.append(i ? ", " : "").append(unverified[i]);
        message += "; check them at their source before relying on it";
        auto text = std::make_shared<BillText>(BillText{data_, std::move(message)});
        bill.flags.push_back({"unverified_price", text->unverified_message});
        bill.owner = std::move(text);
    }
    return bill;
}

double CostModel::total(double r) const noexcept {
    double t = 0.0;
    for (const Component& c : data_->components) t += c.cost(r);
    return t;
}

const std::string& CostModel::id() const noexcept { return data_->id; }
const std::string& CostModel::kind() const noexcept { return data_->kind; }
const std::string& CostModel::currency() const noexcept { return data_->currency; }
bool CostModel::usage_priced() const noexcept { return data_->usage_priced; }
const std::vector<Component>& CostModel::components() const noexcept { return data_->components; }
double CostModel::workload_requests_per_month() const noexcept { return data_->workload_requests_per_month; }

std::optional<FleetSize> CostModel::fleet_size(double r) const {
    const Data& d = *data_;
    if (!d.fleet || d.components.empty()) return std::nullopt;
    if (r < 0.0) r = d.workload_requests_per_month;
    const Data::Fleet& f = *d.fleet;
    const Component& instances = d.components.front();  // instance-hours (or A1 OCPU-hours)
    FleetSize s;
    s.offering_id = d.id;
    s.instances =
        f.peak_instances ? f.peak_instances(r) : std::round(instances.quantity(r) / instances.segments.front().hours);
    s.fixed_count = f.fixed_count;
    s.load_balancer_azs = f.load_balancer_azs;
    s.public_ipv4_addresses = (f.public_ipv4_per_instance ? s.instances : 0.0) + f.load_balancer_azs;
    s.capacity_rps = f.capacity_rps;
    if (f.fixed_count && f.capacity_rps > 0) {
        // peak rps = R / run_seconds x peak_to_mean exceeds instances x capacity above this R
        s.runs_out_at_requests_per_month = s.instances * f.capacity_rps * f.run_seconds / f.peak_to_mean;
        s.runs_out_at_requests_per_second = s.runs_out_at_requests_per_month / kSecondsPerMonth;
    }
    return s;
}

Bill price(const Workload& workload, const Offering& offering, const Catalog& catalog) {
    return CostModel::build(workload, offering, catalog).bill();
}

namespace detail {

QuantityText::QuantityText(double v) noexcept {
    // std::to_chars, not snprintf: model building formats a few dozen of these per offering.
    const double magnitude = std::fabs(v);
    if (magnitude < 1e18 && static_cast<double>(static_cast<std::uint64_t>(magnitude)) == magnitude) {
        char digits[24];
        const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, static_cast<std::uint64_t>(magnitude));
        const std::size_t n = static_cast<std::size_t>(end - digits);
        if (v < 0) buf_[size_++] = '-';
        // 1 to 3 digits, then groups of three each after a comma
        std::size_t i = (n - 1) % 3 + 1;
        char* out = std::copy(digits, digits + i, buf_ + size_);
        for (; i < n; i += 3) {
            *out++ = ',';
            out = std::copy(digits + i, digits + i + 3, out);
        }
        size_ = static_cast<std::size_t>(out - buf_);
        return;
    }
    // Same text as printf's %.6g (the standard defines to_chars with a precision that way).
    const auto [end, ec] = std::to_chars(buf_, buf_ + sizeof buf_, v, std::chars_format::general, 6);
    size_ = static_cast<std::size_t>(end - buf_);
}

std::string format_quantity(double v) { return std::string(std::string_view(QuantityText(v))); }

namespace {

/// The texts of a price's bands besides its id: the free tier's name and note, then each tier's
/// name. They depend only on what `key` holds, and most requests price the same few entries
/// (every AWS fleet of a region has the same data transfer tiers), so each thread keeps the last
/// few, and a model copies the whole block into its arena in one piece.
struct BandTexts {
    std::string key;
    std::string block;
    std::vector<std::size_t> ends;  ///< where each text ends in `block`
};

constexpr std::size_t kBandTextsKept = 16;

template <class T>
void append_bytes(std::string& key, const T& v) {
    const auto bytes = std::bit_cast<std::array<char, sizeof(T)>>(v);
    key.append(bytes.data(), bytes.size());
}

/// `text` into `key`, its length first, so that no two lists of texts make the same key.
void append_text(std::string& key, std::string_view text) {
    append_bytes(key, text.size());
    key.append(text);
}

/// The texts for `key` from the thread's cache, made by `make` (into `block` and `ends`) when
/// they are not kept.
template <class Make>
const BandTexts& band_texts(const std::string& key, Make&& make) {
    thread_local std::array<BandTexts, kBandTextsKept> kept;
    thread_local std::size_t next = 0;
    for (const BandTexts& t : kept)
        if (t.key == key) return t;
    BandTexts& t = kept[next];
    next = (next + 1) % kept.size();
    t.key.clear();  // no stale hit if make() throws
    t.block.clear();
    t.ends.clear();
    make(t.block, t.ends);
    t.key = key;
    return t;
}

}  // namespace

std::vector<Band> make_bands(TextArena& text, std::string_view name, const PriceEntry& price,
                             const PriceEntry* allowance, double price_factor, std::string_view price_note,
                             const PriceEntry* factor_entry) {
    std::vector<Band> bands;
    bands.reserve(price.tiers.size() + 1);
    const double shift = allowance && allowance->allowance > 0.0 ? allowance->allowance : 0.0;
    const bool tiered = price.tiers.size() > 1;
    // The free tier's name and note, and the tier names, from the thread's cache when it has them.
    std::string_view block;
    const BandTexts* texts = nullptr;
    if (shift > 0 || tiered) {
        thread_local std::string key;
        key.clear();
        append_text(key, name);
        append_text(key, price.unit);
        append_bytes(key, shift);
        if (shift > 0) append_text(key, allowance->unit);
        for (const PriceTier& t : price.tiers) {
            append_bytes(key, t.from);
            append_bytes(key, t.up_to);
        }
        texts = &band_texts(key, [&](std::string& out, std::vector<std::size_t>& ends) {
            auto end = [&] { ends.push_back(out.size()); };
            if (shift > 0) {
                out.append(name).append(", free tier");
                end();
                out.append("free tier: first ")
                    .append(std::string_view(QuantityText(shift)))
                    .append(" ")
                    .append(allowance->unit)
                    .append(" per month");
                end();
            }
            if (!tiered) return;
            const std::string_view after = shift > 0 ? " after the free tier)" : ")";
            for (std::size_t i = 0; i < price.tiers.size(); ++i) {
                const PriceTier& t = price.tiers[i];
                const std::string number = std::to_string(i + 1);
                out.append(name).append(", tier ").append(number);
                if (t.up_to == kUnbounded)
                    out.append(" (over ").append(std::string_view(QuantityText(t.from)));
                else
                    out.append(" (")
                        .append(std::string_view(QuantityText(t.from)))
                        .append(" to ")
                        .append(std::string_view(QuantityText(t.up_to)));
                out.append(" ").append(price.unit).append(after);
                end();
            }
        });
        block = text.store(texts->block);
    }
    std::size_t next_text = 0;
    auto take_text = [&] {
        const std::size_t from = next_text == 0 ? 0 : texts->ends[next_text - 1];
        const std::size_t to = texts->ends[next_text++];
        return block.substr(from, to - from);
    };
    if (shift > 0) {
        const std::string_view allowance_id = text.store(allowance->id);
        const std::string_view free_name = take_text();
        const std::string_view free_note = take_text();
        bands.push_back({0.0, shift, 0.0, free_name, allowance_id, free_note, allowance->confidence, {}});
    }
    const std::string_view price_id = text.store(price.id);  // one copy for every tier
    Confidence confidence = price.confidence;
    std::string_view unverified_ids;  // empty: price_id alone, when unverified
    if (factor_entry) {
        confidence = weaker(confidence, factor_entry->confidence);
        if (factor_entry->confidence == Confidence::unverified)
            unverified_ids = price.confidence == Confidence::unverified
                                 ? text.concat({price.id, ", ", factor_entry->id})
                                 : text.store(factor_entry->id);
    }
    for (const PriceTier& t : price.tiers) {
        const std::string_view band_name = tiered ? take_text() : name;
        bands.push_back({t.from + shift, t.up_to == kUnbounded ? kUnbounded : t.up_to + shift, t.price * price_factor,
                         band_name, price_id, price_note, confidence, unverified_ids});
    }
    return bands;
}

Component affine_component(std::string_view name, std::string_view unit, double per_request, double fixed,
                           std::vector<Band> bands) {
    Component c;
    c.shape = Component::Shape::affine;
    c.name = name;
    c.unit = unit;
    c.per_request = per_request;
    c.fixed = fixed;
    c.bands = std::move(bands);
    return c;
}

Component simulated_component(std::string_view name, std::string_view unit, std::shared_ptr<const QuantityCurve> curve,
                              std::vector<Band> bands) {
    Component c;
    c.shape = Component::Shape::simulated;
    c.name = name;
    c.unit = unit;
    c.per_request = 1.0;
    c.curve = std::move(curve);
    c.bands = std::move(bands);
    return c;
}

void add_common_conventions(CostModel::Data& d, const Catalog& catalog) {
    d.conventions.push_back({"hours_per_month", kHoursPerMonth, {}});
    d.conventions.push_back({"seconds_per_month", kSecondsPerMonth, {}});
    d.conventions.push_back({"size_units", 0.0, "1 KiB = 1,024 bytes; 1 GB = 2^30 bytes"});
    // the model may outlive the catalog: keep copies
    d.conventions.push_back({"catalog_version", 0.0, d.text.store(catalog.version())});
    d.conventions.push_back({"catalog_as_of", 0.0, d.text.store(catalog.as_of())});
}

TextArena::TextArena(TextArena&& other) noexcept
    : chunk_(std::move(other.chunk_)),
      full_(std::move(other.full_)),
      next_(std::exchange(other.next_, nullptr)),
      left_(std::exchange(other.left_, 0)) {}

TextArena& TextArena::operator=(TextArena&& other) noexcept {
    chunk_ = std::move(other.chunk_);
    full_ = std::move(other.full_);
    next_ = std::exchange(other.next_, nullptr);
    left_ = std::exchange(other.left_, 0);
    return *this;
}

std::string_view TextArena::concat(std::initializer_list<std::string_view> parts) {
    // Most models' text fits one chunk, small enough for malloc's fast path.
    constexpr std::size_t kChunk = 1024;
    std::size_t size = 0;
    for (std::string_view p : parts) size += p.size();
    if (size > left_) {
        if (chunk_) full_.push_back(std::move(chunk_));
        left_ = std::max(kChunk, size);
        chunk_ = std::make_unique_for_overwrite<char[]>(left_);
        next_ = chunk_.get();
    }
    char* const start = next_;
    char* out = start;
    for (std::string_view p : parts) {
        // short parts (", ", " "): cheaper byte by byte than a call to memcpy
        if (p.size() <= 8) {
            for (const char ch : p) *out++ = ch;
        } else {
            std::memcpy(out, p.data(), p.size());
            out += p.size();
        }
    }
    next_ = out;
    left_ -= size;
    return {start, size};
}

}  // namespace detail
}  // namespace costsim
