// Batch pricing: a line in, a line out, priced a bounded window of lines at a time by a few
// threads and written in input order. Design/cli.md#batch, Design/report-schema.md#batch.
#include <costsim/batch.hpp>
#include <costsim/compare.hpp>
#include <costsim/error.hpp>

#include "io/json_writer.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstring>
#include <istream>
#include <mutex>
#include <ostream>
#include <stdexcept>
#include <thread>
#include <vector>

namespace costsim {
namespace {

bool blank(std::string_view line) {
    return std::all_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t'; });
}

std::string json_string(std::string_view text) {
    detail::JsonWriter w(-1, 16 + text.size());
    w.value(text);
    return std::move(w).take();
}

/// {"line":N,"id":...,"catalog_version":"...","catalog_as_of":"..."[,"catalog_overlays":[...]],"<key>":<body>}
std::string envelope(std::uint64_t number, std::string_view id_json, const Catalog& catalog, std::string_view key,
                     std::string_view body) {
    const std::string version = json_string(catalog.version());
    const std::string as_of = json_string(catalog.as_of());
    std::string out;
    out.reserve(body.size() + id_json.size() + version.size() + as_of.size() + 96);
    out.append("{\"line\":").append(std::to_string(number));
    out.append(",\"id\":").append(id_json);
    out.append(",\"catalog_version\":").append(version);
    out.append(",\"catalog_as_of\":").append(as_of);
    if (!catalog.overlays().empty()) {  // --catalog FILE: its version and as-of too
        out.append(",\"catalog_overlays\":[");
        for (std::size_t i = 0; i < catalog.overlays().size(); ++i)
            out.append(i ? "," : "").append(json_string(catalog.overlays()[i]));
        out.push_back(']');
    }
    out.append(",\"").append(key).append("\":").append(body);
    out.push_back('}');
    return out;
}

/// The envelope's fields before its last, the same bytes as envelope() writes, into `w`: a priced
/// line's report then follows in the same writer, never copied.
void open_envelope(detail::JsonWriter& w, std::uint64_t number, std::string_view id_json, const Catalog& catalog) {
    w.begin_object();
    w.field("line", number);
    w.key("id");
    w.raw_value(id_json);
    w.field("catalog_version", catalog.version());
    w.field("catalog_as_of", catalog.as_of());
    if (!catalog.overlays().empty()) {
        w.key("catalog_overlays");
        w.begin_array();
        for (const std::string& overlay : catalog.overlays()) w.value(overlay);
        w.end_array();
    }
}

/// Reads lines of at most BatchLimits::max_line_bytes from a stream through one fixed buffer; a
/// longer line is skipped to its end and reported by its length, never held.
class LineReader {
  public:
    explicit LineReader(std::istream& in) : in_(in), buffer_(kBufferBytes) {}

    /// The next line into `line` (without "\n" or "\r\n"); `too_long` is its length when it is over
    /// the bound (then `line` is empty). False at the end of the input.
    bool next(std::string& line, std::size_t& too_long) {
        too_long = 0;
        line.clear();
        for (;;) {
            const char* start = buffer_.data() + begin_;
            const auto* newline = static_cast<const char*>(std::memchr(start, '\n', end_ - begin_));
            if (newline) {
                const auto length = static_cast<std::size_t>(newline - start);
                take(start, length, line, too_long);
                begin_ += length + 1;
                return true;
            }
            if (end_ - begin_ > BatchLimits::max_line_bytes) {
                skip_long_line(too_long);
                return true;
            }
            if (eof_) {
                if (begin_ == end_) return false;
                take(start, end_ - begin_, line, too_long);
                begin_ = end_;
                return true;
            }
            fill();
        }
    }

  private:
    static constexpr std::size_t kBufferBytes = std::size_t{1} << 20;  // > max_line_bytes + 1

    static void take(const char* start, std::size_t length, std::string& line, std::size_t& too_long) {
        if (length > 0 && start[length - 1] == '\r') --length;
        if (length > BatchLimits::max_line_bytes)
            too_long = length;
        else
            line.assign(start, length);
    }

    void fill() {
        if (begin_ > 0) {
            std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
            end_ -= begin_;
            begin_ = 0;
        }
        in_.read(buffer_.data() + end_, static_cast<std::streamsize>(buffer_.size() - end_));
        end_ += static_cast<std::size_t>(in_.gcount());
        if (!in_) eof_ = true;
    }

    void skip_long_line(std::size_t& too_long) {
        for (;;) {
            const char* start = buffer_.data() + begin_;
            const auto* newline = static_cast<const char*>(std::memchr(start, '\n', end_ - begin_));
            if (newline) {
                too_long += static_cast<std::size_t>(newline - start);
                begin_ += static_cast<std::size_t>(newline - start) + 1;
                return;
            }
            too_long += end_ - begin_;
            begin_ = end_;
            if (eof_) return;
            fill();
        }
    }

    std::istream& in_;
    std::vector<char> buffer_;
    std::size_t begin_ = 0, end_ = 0;
    bool eof_ = false;
};

/// A slot's output storage above this is given back once written (a report with series), so the
/// window's memory stays bounded by its lines' usual size.
constexpr std::size_t kSlotKeptBytes = std::size_t{64} << 10;

/// One line of the window: its text in, its output line out.
struct Slot {
    std::string line;
    std::size_t too_long = 0;
    std::uint64_t number = 0;
    BatchLine out;
};

void price_slot(Slot& slot, const Catalog& catalog) {
    if (slot.too_long)
        slot.out = batch_line_too_long(slot.number, slot.too_long, catalog);
    else
        price_batch_line(slot.line, slot.number, catalog, slot.out);
}

/// A window of lines in flight: read by the caller, priced by the pool, written by the caller.
struct Window {
    std::vector<Slot> slots;
    std::size_t count = 0;
    std::atomic<std::size_t> next{0};  ///< the next slot to claim
    std::size_t done = 0;              ///< slots priced (under the pool's mutex)
};

/// `jobs` threads pricing the slots of the windows queued, oldest first. The caller queues a
/// window and goes on reading the next one while it is priced: no thread waits for the others
/// at the end of each window (on a busy machine, such a wait costs a scheduling delay each).
class WindowPool {
  public:
    WindowPool(unsigned jobs, const Catalog& catalog) : catalog_(catalog) {
        for (unsigned i = 0; i < jobs; ++i) threads_.emplace_back([this] { serve(); });
    }
    WindowPool(const WindowPool&) = delete;
    WindowPool& operator=(const WindowPool&) = delete;
    ~WindowPool() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        work_.notify_all();
        for (auto& t : threads_) t.join();
    }

    void queue(Window& w) {
        w.next.store(0);
        w.done = 0;
        {
            std::lock_guard lock(mutex_);
            queued_.push_back(&w);
        }
        work_.notify_all();
    }
    /// Waits until every slot of `w` (queued before) is priced.
    /// It is then out of the queue: the caller may fill it again.
    void wait(Window& w) {
        std::unique_lock lock(mutex_);
        done_.wait(lock, [&] { return w.done == w.count; });
        queued_.erase(std::remove(queued_.begin(), queued_.end(), &w), queued_.end());
    }

  private:
    void serve() {
        std::unique_lock lock(mutex_);
        for (;;) {
            // The oldest window with a slot left to claim.
            Window* w = nullptr;
            std::size_t i = 0;
            work_.wait(lock, [&] {
                while (!queued_.empty()) {
                    w = queued_.front();
                    i = w->next.fetch_add(1);
                    if (i < w->count) return true;
                    queued_.erase(queued_.begin());  // all claimed: later windows next
                }
                return stopping_;
            });
            if (queued_.empty() && stopping_) return;
            lock.unlock();
            price_slot(w->slots[i], catalog_);
            lock.lock();
            if (++w->done == w->count) done_.notify_all();
        }
    }

    const Catalog& catalog_;
    std::vector<std::thread> threads_;
    std::mutex mutex_;
    std::condition_variable work_, done_;
    std::vector<Window*> queued_;
    bool stopping_ = false;
};

/// Counts `line` into the summary; true when fail-fast stops here.
bool count(BatchSummary& summary, const BatchLine& line, std::uint64_t number, bool fail_fast) {
    ++summary.lines;
    if (!line.failed) return false;
    if (summary.failed++ == 0) summary.first_failed_line = number;
    return fail_fast;
}

}  // namespace

BatchLine price_batch_line(std::string_view line, std::uint64_t number, const Catalog& catalog) {
    BatchLine out;
    price_batch_line(line, number, catalog, out);
    return out;
}

void price_batch_line(std::string_view line, std::uint64_t number, const Catalog& catalog, BatchLine& out) {
    std::string id_json = "null";
    try {
        if (blank(line)) throw Error(ErrorCode::invalid_input, "", "the line is empty: one scenario object per line");
        Scenario scenario = parse_batch_scenario(line, id_json);
        if (scenario.has_grid)
            throw InvalidInput("grid", "absent here: a batch line prices a comparison (curves: cost-sim sweep)", 0);
        if (scenario.has_sweep)
            throw InvalidInput("sweep", "absent here: a batch line prices a comparison (sweeps: cost-sim sweep)", 0);
        Comparison comparison =
            compare(scenario.workload, scenario.offerings, catalog, scenario.currency, scenario.range);
        for (ComparedOffering& r : comparison.results) keep_series(r.bill, scenario.include_series);
        detail::JsonWriter& w = detail::thread_writer();
        open_envelope(w, number, id_json, catalog);
        w.key("report");
        detail::write_comparison(w, comparison);
        w.end_object();
        detail::take_thread_writer(w, out.text);
        out.failed = false;
    } catch (const Error& e) {
        out.text = envelope(number, id_json, catalog, "error",
                            detail::error_object_json(to_string(e.code()), e.what(), e.field()));
        out.failed = true;
    }
}

BatchLine batch_line_too_long(std::uint64_t number, std::size_t bytes, const Catalog& catalog) {
    const std::string message = "the line is " + std::to_string(bytes) + " bytes; lines are limited to " +
                                std::to_string(BatchLimits::max_line_bytes) + " bytes";
    return {envelope(number, "null", catalog, "error",
                     detail::error_object_json(to_string(ErrorCode::limit_exceeded), message, "")),
            true};
}

BatchSummary run_batch(std::istream& in, std::ostream& out, const Catalog& catalog, const BatchOptions& options,
                       const std::function<void(const BatchSummary&)>& progress) {
    const unsigned jobs = std::clamp(options.jobs, 1u, BatchLimits::max_jobs);
    LineReader reader(in);
    // Two windows: one is priced while the other is written and read again.
    Window windows[2];
    for (Window& w : windows) w.slots.resize(jobs * BatchLimits::lines_per_job);
    WindowPool pool(jobs, catalog);
    std::string text;
    BatchSummary summary;
    std::uint64_t number = 0;
    bool more = true;
    const auto fill = [&](Window& w) {
        w.count = 0;
        std::size_t bytes = 0;
        while (more && w.count < w.slots.size() && bytes < BatchLimits::window_bytes) {
            Slot& slot = w.slots[w.count];
            if (!reader.next(slot.line, slot.too_long)) {
                more = false;
                break;
            }
            slot.number = ++number;
            bytes += slot.line.size();
            ++w.count;
        }
        if (w.count > 0) pool.queue(w);
    };
    fill(windows[0]);
    fill(windows[1]);
    bool stopped = false;
    for (std::size_t k = 0; windows[k % 2].count > 0 && !stopped; ++k) {
        Window& w = windows[k % 2];
        pool.wait(w);
        text.clear();
        for (std::size_t i = 0; i < w.count; ++i) {
            text.append(w.slots[i].out.text).push_back('\n');
            if (count(summary, w.slots[i].out, w.slots[i].number, options.fail_fast)) {
                summary.stopped = i + 1 < w.count || windows[(k + 1) % 2].count > 0 || more;
                stopped = true;
                break;
            }
        }
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        if (!out) throw std::runtime_error("cannot write the output");
        // Slots keep their storage for the next window, but not a long line's or a large report's
        // (series): otherwise each slot could come to hold the largest it has seen.
        for (std::size_t i = 0; i < w.count; ++i) {
            if (w.slots[i].line.capacity() > kSlotKeptBytes) std::string().swap(w.slots[i].line);
            if (w.slots[i].out.text.capacity() > kSlotKeptBytes) std::string().swap(w.slots[i].out.text);
        }
        if (progress) progress(summary);
        w.count = 0;
        if (!stopped) fill(w);
    }
    // A window still queued (after --fail-fast) is finished before the pool is destroyed.
    for (Window& w : windows)
        if (w.count > 0) pool.wait(w);
    out.flush();
    if (!out) throw std::runtime_error("cannot write the output");
    return summary;
}

std::size_t count_lines(std::string_view text) {
    const auto newlines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
    return newlines + (!text.empty() && text.back() != '\n' ? 1 : 0);
}

bool BatchTextStream::next(std::string& out) {
    if (position_ < text_.size() && Clock::now() > deadline_) {
        const std::uint64_t first = summary_.lines + 1;
        const std::uint64_t last = summary_.lines + count_lines(text_.substr(position_));
        const std::string message = "the request's time bound ran out: lines " + std::to_string(first) + " to " +
                                    std::to_string(last) + " are not priced; send them again";
        out.append(envelope(first, "null", *catalog_, "error",
                            detail::error_object_json(to_string(ErrorCode::limit_exceeded), message, "")))
            .push_back('\n');
        ++summary_.failed;
        if (summary_.first_failed_line == 0) summary_.first_failed_line = first;
        summary_.stopped = true;
        position_ = text_.size();
        return true;
    }
    bool wrote = false;
    const std::size_t start = out.size();
    for (std::size_t n = 0; n < lines_per_piece_ && position_ < text_.size() && out.size() - start < kPieceBytes; ++n) {
        const std::size_t newline = std::min(text_.find('\n', position_), text_.size());
        std::string_view line = text_.substr(position_, newline - position_);
        position_ = newline + 1;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        const std::uint64_t number = summary_.lines + 1;
        const BatchLine priced = line.size() > BatchLimits::max_line_bytes
                                     ? batch_line_too_long(number, line.size(), *catalog_)
                                     : price_batch_line(line, number, *catalog_);
        out.append(priced.text).push_back('\n');
        count(summary_, priced, number, false);
        wrote = true;
    }
    return wrote;
}

}  // namespace costsim
