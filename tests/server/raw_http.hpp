#pragma once
// A client socket that sends bytes exactly as given (requests no HTTP library would send) and
// reads answers one at a time; every wait is bounded by poll, so a server that never answers
// fails the test instead of hanging it.
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <string_view>

namespace test {

/// One answer as it came: the status, the head (status line and headers) and the body.
struct RawAnswer {
    int status = 0;  ///< 0: no answer (the server closed first, or the bound passed)
    std::string head;
    std::string body;

    /// How many times the header `name` appears (exact case, as the server writes it).
    [[nodiscard]] int count(std::string_view name) const {
        int n = 0;
        const std::string needle = "\r\n" + std::string(name) + ": ";
        for (std::size_t at = head.find(needle); at != std::string::npos; at = head.find(needle, at + 1)) ++n;
        return n;
    }
    /// The first value of the header `name`, or "".
    [[nodiscard]] std::string header(std::string_view name) const {
        const std::string needle = "\r\n" + std::string(name) + ": ";
        const std::size_t at = head.find(needle);
        if (at == std::string::npos) return {};
        const std::size_t from = at + needle.size();
        return head.substr(from, head.find("\r\n", from) - from);
    }
    /// The error body's code and field ("" and null when the body is not the error shape).
    [[nodiscard]] std::string error_code() const {
        auto j = nlohmann::json::parse(body, nullptr, false);
        return j.is_object() && j.contains("error") ? j["error"].value("code", "") : "";
    }
    [[nodiscard]] nlohmann::json error_field() const {
        auto j = nlohmann::json::parse(body, nullptr, false);
        return j.is_object() && j.contains("error") ? j["error"]["field"] : nlohmann::json();
    }
};

class RawConnection {
  public:
    /// Waits of this long at most, for each read: far below the servers' timeouts in these
    /// tests (60 s), so a close seen within it is the server's decision, not an idle timeout.
    static constexpr int kBoundMs = 10000;

    explicit RawConnection(int port) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(static_cast<uint16_t>(port));
        ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
        if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
            ::close(fd_);
            fd_ = -1;
        }
    }
    ~RawConnection() {
        if (fd_ >= 0) ::close(fd_);
    }
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    [[nodiscard]] bool connected() const { return fd_ >= 0; }

    bool send(std::string_view data) {
        return fd_ >= 0 && ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(data.size());
    }

    /// The next answer; its body is Content-Length bytes (none when `head_request`).
    RawAnswer read_answer(bool head_request = false) {
        RawAnswer answer;
        std::size_t end;
        while ((end = buffer_.find("\r\n\r\n")) == std::string::npos)
            if (!fill()) return answer;
        answer.head = buffer_.substr(0, end + 2);
        buffer_.erase(0, end + 4);
        if (answer.head.rfind("HTTP/1.1 ", 0) == 0) answer.status = std::atoi(answer.head.c_str() + 9);
        const std::string length = answer.header("Content-Length");
        const std::size_t size = head_request || length.empty() ? 0 : std::stoul(length);
        while (buffer_.size() < size)
            if (!fill()) return answer;
        answer.body = buffer_.substr(0, size);
        buffer_.erase(0, size);
        return answer;
    }

    /// True if the server closes the connection (recv returns 0) with nothing more sent first.
    bool closed_by_server() {
        if (!buffer_.empty()) return false;
        if (fill()) return false;  // more bytes: not closed
        return eof_;
    }

    /// Everything until the server closes (bounded), for counting what it answered.
    std::string read_until_closed() {
        while (fill()) {
        }
        std::string all;
        all.swap(buffer_);
        return all;
    }

  private:
    /// One bounded read into the buffer; false on close, error or the bound passing.
    bool fill() {
        if (fd_ < 0 || eof_) return false;
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, kBoundMs) <= 0) return false;
        char chunk[16384];
        const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
        if (n == 0) eof_ = true;
        if (n <= 0) return false;
        buffer_.append(chunk, static_cast<std::size_t>(n));
        return true;
    }

    int fd_ = -1;
    std::string buffer_;
    bool eof_ = false;
};

}  // namespace test
