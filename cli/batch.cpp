// `cost-sim batch`: read, call the library's batch runner, report the count. No pricing here.
#include "batch.hpp"

#include "app.hpp"
#include "inputs.hpp"
#include "usage_error.hpp"

#include <costsim/batch.hpp>

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>

namespace costsim::cli {

namespace {

unsigned default_jobs() { return std::max(1u, std::thread::hardware_concurrency()); }

/// "12,288 lines, 41,020/s": the progress line, rewritten in place (only on a terminal).
void show_progress(std::ostream& err, const BatchSummary& s, std::chrono::steady_clock::time_point start,
                   std::uint64_t total_bytes, std::uint64_t read_bytes) {
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double rate = seconds > 0 ? static_cast<double>(s.lines) / seconds : 0;
    err << '\r' << s.lines << " lines, " << s.failed << " failed, " << static_cast<long long>(rate) << " lines/s";
    if (total_bytes > 0 && read_bytes > 0 && read_bytes < total_bytes) {
        const double left = seconds * static_cast<double>(total_bytes - read_bytes) / static_cast<double>(read_bytes);
        err << ", about " << std::llround(left) << " s left";
    }
    err << "\x1b[K" << std::flush;
}

}  // namespace

void describe_batch(po::options_description& options, po::options_description& hidden,
                    po::positional_options_description& positional) {
    po::options_description group("batch", 100, 60);
    group.add_options()("catalog", po::value<std::string>()->value_name("FILE"),
                        "user price catalog merged over the built-in one")(
        "jobs", po::value<std::string>()->value_name("N"), "threads pricing lines (default: the number of cores)")(
        "fail-fast", po::bool_switch(), "stop after the first line that fails")("help", "show this help");
    options.add(group);
    hidden.add_options()("input", po::value<std::string>(), "FILE or - (stdin, the default)");
    positional.add("input", 1);
}

int stream_batch(const Flags& flags, std::istream& in, std::ostream& out, std::ostream& err) {
    BatchOptions options;
    options.jobs = default_jobs();
    if (auto jobs = flags.integer("jobs")) {
        if (*jobs < 1 || *jobs > static_cast<int>(BatchLimits::max_jobs))
            throw UsageError("--jobs must be a whole number in [1, " + std::to_string(BatchLimits::max_jobs) +
                             "], got " + *flags.text("jobs"));
        options.jobs = static_cast<unsigned>(*jobs);
    }
    options.fail_fast = flags.flag("fail-fast");
    const Catalog catalog = flags.has("catalog")
                                ? Catalog::builtin().merged_with(read_catalog("--catalog", *flags.text("catalog")))
                                : Catalog::builtin();
    const std::string path = flags.text("input").value_or("-");
    std::ifstream file;
    if (path != "-") {
        file.open(path, std::ios::binary);
        if (!file) throw UsageError("cannot read " + path);
    }
    std::istream& input = path == "-" ? in : file;

    // A progress line only for a person watching: stderr is this process's own terminal.
    const bool terminal = &err == &std::cerr && isatty(STDERR_FILENO) == 1;
    std::uint64_t total_bytes = 0;
    if (terminal && path != "-") {
        file.seekg(0, std::ios::end);
        total_bytes = static_cast<std::uint64_t>(std::max<std::streamoff>(0, file.tellg()));
        file.seekg(0);
    }
    const auto start = std::chrono::steady_clock::now();
    std::function<void(const BatchSummary&)> progress;
    if (terminal)
        progress = [&](const BatchSummary& s) {
            const std::streamoff at = path == "-" ? std::streamoff{-1} : static_cast<std::streamoff>(file.tellg());
            show_progress(err, s, start, total_bytes, at > 0 ? static_cast<std::uint64_t>(at) : total_bytes);
        };
    const BatchSummary summary = run_batch(input, out, catalog, options, progress);
    if (terminal) err << "\r\x1b[K";
    if (summary.failed == 0) return kExitOk;
    err << "cost-sim batch: " << summary.failed << " of " << summary.lines << " lines failed (first: line "
        << summary.first_failed_line << ")" << (summary.stopped ? "; stopped there (--fail-fast)" : "") << "\n";
    return kExitUsage;
}

}  // namespace costsim::cli
