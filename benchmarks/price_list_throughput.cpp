// Import throughput on a large offer file: MB/s of PriceListImporter::add against a pass that
// only reads the bytes, and the peak resident memory. See benchmarks/README.md.
//     costsim-price-list-throughput FILE
#include <costsim/price_list_import.hpp>

#include <sys/resource.h>

#include <chrono>
#include <ctime>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <vector>

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// CPU seconds of this process: the machine is shared, so wall time counts other processes too.
double cpu_seconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

double peak_rss_mb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;  // kilobytes on Linux
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: costsim-price-list-throughput FILE\n";
        return 2;
    }
    // Read-only pass: the same 64 KiB reads the importer does, a byte sum so nothing is skipped.
    std::ifstream raw(argv[1], std::ios::binary);
    std::vector<char> buffer(1u << 16);
    std::uint64_t bytes = 0, sum = 0;
    auto start = std::chrono::steady_clock::now();
    double cpu = cpu_seconds();
    while (raw.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || raw.gcount() > 0) {
        const auto n = static_cast<std::size_t>(raw.gcount());
        for (std::size_t i = 0; i < n; ++i) sum += static_cast<unsigned char>(buffer[i]);
        bytes += n;
    }
    const double read_s = seconds_since(start);
    const double read_cpu = cpu_seconds() - cpu;
    const double rss_after_read = peak_rss_mb();

    std::ifstream in(argv[1], std::ios::binary);
    costsim::PriceListImporter importer({});
    start = std::chrono::steady_clock::now();
    cpu = cpu_seconds();
    const costsim::PriceListSummary summary = importer.add(in, argv[1]);
    const double import_s = seconds_since(start);
    const double import_cpu = cpu_seconds() - cpu;
    const double rss_after_import = peak_rss_mb();
    const std::size_t entries = importer.catalog().entries().size();

    const double mb = static_cast<double>(bytes) / 1e6;
    std::printf("file: %.0f MB (byte sum %llu)\n", mb, static_cast<unsigned long long>(sum % 1000));
    std::printf("read only: %.2f s CPU, %.0f MB/s (wall %.2f s)\n", read_cpu, mb / read_cpu, read_s);
    std::printf("import:    %.2f s CPU, %.1f MB/s (wall %.2f s; %zu products read, %zu used, %zu entries)\n",
                import_cpu, mb / import_cpu, import_s, summary.products_read, summary.products_used, entries);
    std::printf("import / read-only CPU time: %.1fx\n", import_cpu / read_cpu);
    std::printf(
        "peak RSS: %.1f MB after the read-only pass, %.1f MB after the import, %.1f MB with the catalog built\n",
        rss_after_read, rss_after_import, peak_rss_mb());
    return 0;
}
