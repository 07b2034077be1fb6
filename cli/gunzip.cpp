// gzip input for the CLI's file readers (zlib's inflate with gzip headers), bounded in output.
#include "gunzip.hpp"

#include "format.hpp"
#include "usage_error.hpp"

#include <zlib.h>

namespace costsim::cli {

bool is_gzip(std::string_view bytes) noexcept {
    return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
           static_cast<unsigned char>(bytes[1]) == 0x8b;
}

std::string gunzip(std::string_view bytes, std::size_t max_bytes, const std::string& name) {
    z_stream z{};
    // 16 + MAX_WBITS: a gzip header and trailer around the deflate data (zlib.h, inflateInit2).
    if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) throw UsageError(name + ": cannot start gzip decompression");
    std::string out;
    char buffer[65536];
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    z.avail_in = static_cast<uInt>(bytes.size());
    int status = Z_OK;
    while (true) {
        z.next_out = reinterpret_cast<Bytef*>(buffer);
        z.avail_out = sizeof buffer;
        status = inflate(&z, Z_NO_FLUSH);
        if (status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR) break;
        out.append(buffer, sizeof buffer - z.avail_out);
        if (out.size() > max_bytes) {
            inflateEnd(&z);
            throw UsageError(name + ": inflates to more than the limit of " + quantity(double(max_bytes)) + " bytes");
        }
        if (status == Z_STREAM_END) {
            if (z.avail_in == 0) break;
            inflateReset(&z);  // another gzip member follows (concatenated .gz files)
            continue;
        }
        if (status == Z_BUF_ERROR && z.avail_in == 0) break;  // input ended inside a member
    }
    const std::string message = z.msg ? std::string(z.msg) : std::string("the data ends inside a member");
    inflateEnd(&z);
    if (status != Z_STREAM_END) throw UsageError(name + ": not a complete gzip file (" + message + ")");
    return out;
}

}  // namespace costsim::cli
