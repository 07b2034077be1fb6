#pragma once
/// Batch pricing: JSON Lines of scenarios in, JSON Lines of compare reports (or errors) out, one
/// output line per input line, in input order, with no state carried from line to line, so that
/// any split of the input priced anywhere and concatenated gives the same bytes.
/// Schema: Design/report-schema.md#batch; the CLI: Design/cli.md#batch.

#include <costsim/catalog.hpp>
#include <costsim/json.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>

namespace costsim {

struct BatchLimits {
    /// A line holds one scenario: the scenario's own bound. A longer line is an error line.
    static constexpr std::size_t max_line_bytes = kMaxJsonBytes;
    /// A line's "id" string, echoed on its output line.
    static constexpr std::size_t max_id_bytes = 256;
    static constexpr unsigned max_jobs = 256;
    /// Lines read ahead per job: the in-flight window is jobs x this many lines, and at most
    /// window_bytes of input, whatever the input's length. Large enough that the threads wait
    /// for each other once per few milliseconds of work, not once per line.
    static constexpr std::size_t lines_per_job = 256;
    static constexpr std::size_t window_bytes = std::size_t{1} << 20;
};

/// A batch line's scenario (the --scenario / POST /api/v1/compare document, plus an optional "id":
/// a string or a whole number). `id_json` is set to the id's JSON text as soon as it is read, so
/// that an error later in the line still carries it; it is left alone when the line has none.
/// \throws Error like parse_scenario (ScenarioShape::many_offerings)
Scenario parse_batch_scenario(std::string_view text, std::string& id_json);

/// One output line (without its newline) and whether it is an error.
struct BatchLine {
    std::string text;
    bool failed = false;
};

/// Prices line `number` (1-based) of a batch: {"line", "id", "catalog_version", "catalog_as_of",
/// ["catalog_overlays": a merged catalog's overlays, "version V as of D" each,] "report"} with the compare report of the scenario, or the same with "error" in place of
/// "report". `line` excludes its newline (and a trailing CR). Never throws an Error.
BatchLine price_batch_line(std::string_view line, std::uint64_t number, const Catalog& catalog);
/// The same into `out`, whose text's storage is reused: a caller pricing line after line (the
/// batch window's slots) allocates no new string per line.
void price_batch_line(std::string_view line, std::uint64_t number, const Catalog& catalog, BatchLine& out);

/// The error line of line `number` when it is over BatchLimits::max_line_bytes (`bytes` long).
BatchLine batch_line_too_long(std::uint64_t number, std::size_t bytes, const Catalog& catalog);

struct BatchOptions {
    unsigned jobs = 1;       ///< threads pricing lines; the output is the same for any number
    bool fail_fast = false;  ///< stop after the first failed line (it is written)
};

struct BatchSummary {
    std::uint64_t lines = 0;   ///< lines written
    std::uint64_t failed = 0;  ///< of which error lines
    std::uint64_t first_failed_line = 0;
    bool stopped = false;  ///< fail_fast stopped before the end of the input
};

/// Prices every line of `in` to `out`, a window of lines at a time (memory does not grow with the
/// input). `progress`, if set, is called after each window is written.
/// \throws std::ios_base::failure-like std::runtime_error when `out` cannot be written
BatchSummary run_batch(std::istream& in, std::ostream& out, const Catalog& catalog, const BatchOptions& options,
                       const std::function<void(const BatchSummary&)>& progress = {});

/// The lines of a text already in memory (a request body) priced a few at a time, for an answer
/// streamed as it is made. One thread; the text and catalog must outlive it.
/// The lines of `text`: its newlines, plus one for a last line without a newline.
std::size_t count_lines(std::string_view text);

class BatchTextStream {
  public:
    using Clock = std::chrono::steady_clock;
    /// Past `deadline`, the stream ends with one error line (limit_exceeded, numbered as the next
    /// line) saying which lines were not priced.
    BatchTextStream(std::string_view text, const Catalog& catalog, std::size_t lines_per_piece = 64,
                    Clock::time_point deadline = Clock::time_point::max())
        : text_(text), catalog_(&catalog), lines_per_piece_(lines_per_piece), deadline_(deadline) {}
    /// A piece ends after `lines_per_piece` lines or once it holds this many bytes (one line of
    /// 20 offerings with their series is ~165 KB), whichever comes first.
    static constexpr std::size_t kPieceBytes = std::size_t{256} << 10;
    /// Appends the next lines' output to `out`; false, appending nothing, at the end.
    bool next(std::string& out);
    [[nodiscard]] const BatchSummary& summary() const noexcept { return summary_; }

  private:
    std::string_view text_;
    std::size_t position_ = 0;
    const Catalog* catalog_;
    std::size_t lines_per_piece_;
    Clock::time_point deadline_;
    BatchSummary summary_;
};

}  // namespace costsim
