// The one file that uses httplib beyond its public API, written against cpp-httplib 0.11 (checked
// by server/CMakeLists.txt): PooledServer calls the protected Server::process_request, MemoryStream
// implements httplib::Stream, and answer() rewrites the "Content-Length: 0" httplib writes for a
// streamed answer. Keep every such use here.
#include "connection_pool.hpp"
#include "api.hpp"
#include "request_framing.hpp"

#include <costsim/json.hpp>  // kMaxJsonBytes

#include <arpa/inet.h>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <malloc.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace costsim::server {
namespace {

constexpr std::uint64_t kListenId = ~std::uint64_t{0};
constexpr std::uint64_t kWakeId = kListenId - 1;
constexpr std::uint64_t kResumeId = kListenId - 2;
/// Events a worker takes per wait: one, so that a ready connection goes to whichever worker is
/// free, never waiting behind a long request that the worker holding a batch serves first.
constexpr int kEventsPerWait = 1;
/// The most a connection buffers of a request with a small body (headers, 64 KiB body, chunk
/// framing). A large body's buffer grows past it only with input budget (reserve_input).
constexpr std::size_t kMaxBufferedBytes = kMaxHeaderBlockBytes + 2 * PooledServer::kUnbudgetedBodyBytes;
/// A chunked body's budget is taken this far ahead of the data in (its total is not known).
constexpr std::size_t kChunkedBudgetStep = std::size_t{1} << 20;
/// After an answer to a request whose body was not read (413 and the like), the rest of what the
/// client sends is read and dropped for up to this long, so closing does not reset the
/// connection before the client has read the answer.
constexpr std::chrono::seconds kLingerTime{2};
/// Up to 4 x the largest route's body limit (16 MiB), so that a client sending a body over its
/// limit, or one answered 503 by the input budget, reads the answer. Drained bytes are dropped.
constexpr std::size_t kMaxLingerBytes = std::size_t{64} << 20;
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
/// A worker's buffer above this is given back after use, not kept for the next request.
constexpr std::size_t kKeptBufferBytes = 1 << 20;
/// Once this much of large buffers has been freed, a worker going idle returns the freed
/// memory to the system (malloc_trim), so that RSS falls back after load.
constexpr std::size_t kTrimAfterBytes = 8u << 20;
/// Room before a streamed piece for its chunk size line (hex digits of a size_t and CRLF).
constexpr std::size_t kChunkHeadRoom = 2 * sizeof(std::size_t) + 2;

/// Bytes of large buffers freed since the last malloc_trim (all workers).
std::atomic<std::size_t> g_freed_bytes{0};

void note_freed(std::size_t bytes) {
    if (bytes >= kKeptBufferBytes / 4) g_freed_bytes.fetch_add(bytes, std::memory_order_relaxed);
}

void trim_if_worth_it() {
    if (g_freed_bytes.load(std::memory_order_relaxed) < kTrimAfterBytes) return;
    g_freed_bytes.store(0, std::memory_order_relaxed);
    ::malloc_trim(0);
}

/// The body a route handler asked to stream for the answer being made on this thread.
thread_local std::shared_ptr<BodySource> t_streamed_body;

/// True if the socket holds bytes nobody has read yet.
bool has_unread_bytes(int fd) {
    int n = 0;
    return ::ioctl(fd, FIONREAD, &n) == 0 && n > 0;
}

void address_of(const sockaddr_storage& addr, std::string& ip, int& port) {
    char text[INET6_ADDRSTRLEN] = {};
    if (addr.ss_family == AF_INET) {
        const auto& a = reinterpret_cast<const sockaddr_in&>(addr);
        ::inet_ntop(AF_INET, &a.sin_addr, text, sizeof text);
        port = ntohs(a.sin_port);
    } else if (addr.ss_family == AF_INET6) {
        const auto& a = reinterpret_cast<const sockaddr_in6&>(addr);
        ::inet_ntop(AF_INET6, &a.sin6_addr, text, sizeof text);
        port = ntohs(a.sin6_port);
    }
    ip = text;
}

/// True if the answer's header block (after any 100 Continue) says Connection: close, as a
/// handler does when it stops reading a body.
bool asks_to_close(std::string_view answer) {
    if (answer.starts_with(kContinue)) answer.remove_prefix(kContinue.size());
    const std::size_t end = answer.find("\r\n\r\n");
    return answer.substr(0, end == std::string_view::npos ? answer.size() : end + 2)
               .find("\r\nConnection: close\r\n") != std::string_view::npos;
}

/// What httplib must not act on by itself: Expect (the loop sent 100 Continue when it was due,
/// and the body is all here now), and for a refused request its body fields (it is answered
/// unread); the refusal goes to the router in kFramingErrorHeader, never a client's own.
void prepare_request(httplib::Request& req, FramingError error) {
    req.headers.erase("Expect");
    req.headers.erase(kFramingErrorHeader);
    if (error == FramingError::none) return;
    req.headers.erase("Content-Length");
    req.headers.erase("Transfer-Encoding");
    req.set_header(kFramingErrorHeader, std::to_string(static_cast<int>(error)));
}

}  // namespace

int default_worker_threads() { return std::max(4, 2 * static_cast<int>(std::thread::hardware_concurrency())); }

struct PooledServer::Connection {
    int fd = -1;
    std::uint64_t id = 0;
    std::string remote_ip;
    int remote_port = 0;
    std::string local_ip;
    int local_port = 0;

    std::string in;                          ///< the start of a request not yet whole
    std::size_t need = 0;                    ///< `in` cannot be framed before it holds this many bytes
    std::size_t searched = 0;                ///< bytes of `in` known to hold no end of headers
    RequestFrame framed;                     ///< `in`'s request as framed so far, once its headers are in
    std::size_t max_in = kMaxBufferedBytes;  ///< what `in` may hold: more once a large body has budget
    std::size_t reserved = 0;                ///< input budget held for the request in `in`
    bool continue_sent = false;              ///< 100 Continue sent for the request in `in`
    std::string out;                         ///< answer bytes the socket has not taken yet
    std::size_t out_sent = 0;
    std::shared_ptr<BodySource> body;  ///< the rest of a streamed answer, made as `out` drains
    bool close_after_write = false;
    bool linger = false;    ///< when closing, drain the client first
    bool draining = false;  ///< answered and half-closed; dropping input until EOF
    std::size_t drained = 0;
    Clock::time_point deadline;

    bool busy = false;           ///< a worker holds it
    bool event_pending = false;  ///< an event came while busy: serve it again
    bool more_to_read = false;   ///< the last read stopped at the buffer's size, not drained

    [[nodiscard]] bool idle() const { return in.empty() && out.empty() && !body && !draining; }
};

namespace {

/// One whole request, read from memory; the answer is appended to `out`.
class MemoryStream final : public httplib::Stream {
  public:
    MemoryStream(std::string_view request, std::string& out, int fd, const std::string& remote_ip, int remote_port,
                 const std::string& local_ip, int local_port, bool continue_sent)
        : request_(request),
          out_(out),
          fd_(fd),
          remote_ip_(remote_ip),
          remote_port_(remote_port),
          local_ip_(local_ip),
          local_port_(local_port),
          continue_sent_(continue_sent) {}

    bool is_readable() const override { return at_ < request_.size(); }
    bool is_writable() const override { return true; }
    ssize_t read(char* ptr, size_t size) override {
        const std::size_t n = std::min(size, request_.size() - at_);
        std::memcpy(ptr, request_.data() + at_, n);
        at_ += n;
        return static_cast<ssize_t>(n);
    }
    ssize_t write(const char* ptr, size_t size) override {
        // The loop sent 100 Continue when the headers came; httplib would send it again.
        if (continue_sent_ && std::string_view(ptr, size) == kContinue) {
            continue_sent_ = false;
            return static_cast<ssize_t>(size);
        }
        out_.append(ptr, size);
        return static_cast<ssize_t>(size);
    }
    void get_remote_ip_and_port(std::string& ip, int& port) const override {
        ip = remote_ip_;
        port = remote_port_;
    }
    void get_local_ip_and_port(std::string& ip, int& port) const override {
        ip = local_ip_;
        port = local_port_;
    }
    socket_t socket() const override { return fd_; }

  private:
    std::string_view request_;
    std::size_t at_ = 0;
    std::string& out_;
    int fd_;
    const std::string& remote_ip_;
    int remote_port_;
    const std::string& local_ip_;
    int local_port_;
    bool continue_sent_;
};

}  // namespace

PooledServer::PooledServer(ConnectionLimits limits) : limits_(limits) {
    // What the Keep-Alive header advertises (the loop enforces the timeout, not a count).
    set_keep_alive_timeout(limits_.keep_alive_timeout_s);
    set_keep_alive_max_count(1000);
    // SO_REUSEADDR only: httplib's default adds SO_REUSEPORT, which lets a second server bind
    // the same port silently and split the traffic.
    set_socket_options([](socket_t sock) {
        int yes = 1;
        ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
}

PooledServer::~PooledServer() {
    begin_shutdown();
    {
        std::lock_guard lock(mutex_);
        for (auto& [id, c] : connections_) {
            forget(*c);
            ::close(c->fd);
        }
        connections_.clear();
    }
    if (wake_fd_ >= 0) {
        std::uint64_t one = 1;
        [[maybe_unused]] auto n = ::write(wake_fd_, &one, sizeof one);
    }
    for (auto& t : workers_) t.join();
    if (epoll_fd_ >= 0) ::close(epoll_fd_);
    if (wake_fd_ >= 0) ::close(wake_fd_);
    if (resume_fd_ >= 0) ::close(resume_fd_);
}

int PooledServer::bind(const std::string& host, int port) {
    int bound = port == 0 ? bind_to_any_port(host) : (bind_to_port(host, port) ? port : -1);
    if (bound <= 0) return -1;
    // The socket is ours from here on (httplib's accept loop is not used).
    listen_fd_ = svr_sock_.exchange(INVALID_SOCKET);
    ::listen(listen_fd_, limits_.backlog);  // httplib listens with a backlog of 5
    ::fcntl(listen_fd_, F_SETFL, ::fcntl(listen_fd_, F_GETFL) | O_NONBLOCK);
    epoll_fd_ = ::epoll_create1(EPOLL_CLOEXEC);
    wake_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    resume_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (epoll_fd_ < 0 || wake_fd_ < 0 || resume_fd_ < 0) return -1;
    epoll_event resume_event{};
    resume_event.events = EPOLLIN;  // level-triggered: a worker that finds it drained reads nothing
    resume_event.data.u64 = kResumeId;
    ::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, resume_fd_, &resume_event);
    epoll_event wake{};
    wake.events = EPOLLIN;  // level-triggered: once written, every worker sees it
    wake.data.u64 = kWakeId;
    ::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &wake);
    epoll_event listen_event{};
    listen_event.events = EPOLLIN | EPOLLONESHOT;
    listen_event.data.u64 = kListenId;
    if (::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, listen_fd_, &listen_event) != 0) return -1;
    listening_ = true;
    return bound;
}

bool PooledServer::serve() {
    if (!listening_ && !stopping_) return false;
    for (int i = 0; i < limits_.threads; ++i) workers_.emplace_back([this] { work(); });
    // This thread sweeps: connections past their deadline, and idle ones once stopping.
    std::unique_lock lock(mutex_);
    for (;;) {
        changed_.wait_for(lock, stopping_ ? std::chrono::milliseconds(20) : std::chrono::milliseconds(250));
        sweep(Clock::now());
        if (stopping_ && connections_.empty()) break;
    }
    lock.unlock();
    std::uint64_t one = 1;
    [[maybe_unused]] auto n = ::write(wake_fd_, &one, sizeof one);
    for (auto& t : workers_) t.join();
    workers_.clear();
    return true;
}

void PooledServer::begin_shutdown() {
    // Connections the kernel has completed may hold a whole request already: take them in
    // before the listening socket closes (closing it would reset them).
    accept_all();
    std::lock_guard lock(mutex_);
    stopping_ = true;
    if (listening_) {
        listening_ = false;
        ::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, listen_fd_, nullptr);
        ::close(listen_fd_);  // new connections are refused from here on
        listen_fd_ = -1;
    }
    changed_.notify_all();
}

std::size_t PooledServer::idle_count() const {
    std::lock_guard lock(mutex_);
    std::size_t n = 0;
    for (const auto& [id, c] : connections_) n += !c->busy && c->idle();
    return n;
}

std::size_t PooledServer::receiving_count() const {
    std::lock_guard lock(mutex_);
    std::size_t n = 0;
    // A connection a worker holds is being read right now: not counted (its buffer is the worker's).
    for (const auto& [id, c] : connections_) n += !c->busy && !c->in.empty();
    return n;
}

/// Called with mutex_ held.
void PooledServer::sweep(Clock::time_point now) {
    for (auto it = connections_.begin(); it != connections_.end();) {
        Connection& c = *it->second;
        // An idle connection that a request has come in on, which no worker has read yet (they
        // are all busy), is not idle: it gets the request's deadline, and is answered even when
        // stopping.
        if (!c.busy && c.idle() && (c.deadline <= now || stopping_) && has_unread_bytes(c.fd)) {
            if (c.deadline <= now) c.deadline = now + std::chrono::seconds(limits_.read_timeout_s);
            ++it;
            continue;
        }
        if (!c.busy && (c.deadline <= now || (stopping_ && c.idle()))) {
            forget(c);
            ::close(c.fd);  // also leaves the epoll set
            it = connections_.erase(it);
        } else {
            ++it;
        }
    }
}

void PooledServer::work() {
    epoll_event events[kEventsPerWait];
    for (;;) {
        int n = ::epoll_wait(epoll_fd_, events, kEventsPerWait, 0);
        if (n == 0) {  // nothing ready: tidy up, then wait
            if (idle_callback_) idle_callback_();
            trim_if_worth_it();
            n = ::epoll_wait(epoll_fd_, events, kEventsPerWait, -1);
        }
        if (n < 0) {
            if (errno == EINTR) continue;
            break;
        }
        for (int i = 0; i < n; ++i) {
            const std::uint64_t id = events[i].data.u64;
            if (id == kWakeId) {
                if (idle_callback_) idle_callback_();
                return;
            }
            if (id == kListenId)
                accept_all();
            else if (id == kResumeId)
                serve_resumed();
            else
                handle(id);
        }
    }
}

void PooledServer::accept_all() {
    for (;;) {
        sockaddr_storage addr{};
        socklen_t length = sizeof addr;
        // Taken off the listening socket and added under one lock, so that begin_shutdown (which
        // stops listening under it) never falls in between: a connection accepted before it is
        // kept, and answered like those it accepts itself, and serve() never sees no connection
        // while one is on its way in.
        std::lock_guard lock(mutex_);
        if (!listening_) return;
        const int fd = ::accept4(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &length, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) continue;
            break;  // EAGAIN: all taken. EMFILE and the like: try again on the next event.
        }
        // Answers go out in one write; no delay waiting for an ACK of a previous segment.
        int yes = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
        auto c = std::make_unique<Connection>();
        c->fd = fd;
        address_of(addr, c->remote_ip, c->remote_port);
        sockaddr_storage local{};
        socklen_t local_length = sizeof local;
        if (::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_length) == 0)
            address_of(local, c->local_ip, c->local_port);
        c->deadline = Clock::now() + std::chrono::seconds(limits_.keep_alive_timeout_s);
        if (connections_.size() >= limits_.max_connections) {
            ::close(fd);
            continue;
        }
        c->id = ++next_id_;
        Connection& added = *c;
        connections_.emplace(added.id, std::move(c));
        watch(added);
    }
    std::lock_guard lock(mutex_);
    if (!listening_) return;
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLONESHOT;
    ev.data.u64 = kListenId;
    ::epoll_ctl(epoll_fd_, EPOLL_CTL_MOD, listen_fd_, &ev);
}

void PooledServer::watch(const Connection& c) {
    // Edge-triggered, registered once: no epoll_ctl per request. A worker reads until the socket
    // is drained, and an edge that comes while another worker holds the connection is passed
    // on to that worker (event_pending), so none is lost.
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET;
    ev.data.u64 = c.id;
    ::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, c.fd, &ev);
}

void PooledServer::handle(std::uint64_t id) {
    Connection* c = nullptr;
    {
        std::lock_guard lock(mutex_);
        auto it = connections_.find(id);
        if (it == connections_.end()) return;  // closed by the sweeper meanwhile
        c = it->second.get();
        if (c->busy) {
            c->event_pending = true;  // its owner serves it again before letting go
            return;
        }
        c->busy = true;
    }
    for (;;) {
        bool keep = false;
        try {
            keep = serve_io(*c);
        } catch (...) {  // out of memory in a buffer: drop this connection, not the server
            keep = false;
        }
        std::lock_guard lock(mutex_);
        if (!keep) {
            forget(*c);
            ::close(c->fd);
            connections_.erase(id);
            changed_.notify_all();
            return;
        }
        // Edge-triggered: what arrived while this worker held the connection, or what did not
        // fit in its buffer, gives no new event. Serve it now.
        if (!c->event_pending && !(c->more_to_read && c->out.empty() && !c->close_after_write)) {
            c->busy = false;
            return;
        }
        c->event_pending = false;
    }
}

namespace {

/// Sends from `data` at `sent` until done or the socket is full. False on a socket error.
bool send_some(int fd, std::string_view data, std::size_t& sent) {
    while (sent < data.size()) {
        ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
        if (n > 0)
            sent += static_cast<std::size_t>(n);
        else if (n < 0 && errno == EINTR)
            continue;
        else
            return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);  // full: the rest on EPOLLOUT
    }
    return true;
}

}  // namespace

void PooledServer::stream_body(std::shared_ptr<BodySource> body) { t_streamed_body = std::move(body); }

void PooledServer::hold_output(Connection& c, std::string bytes, std::size_t sent) {
    release_output(c);
    c.out = std::move(bytes);
    c.out_sent = sent;
    output_bytes_.fetch_add(c.out.size());
}

void PooledServer::release_output(Connection& c) {
    if (c.out.empty()) return;
    output_bytes_.fetch_sub(c.out.size());
    note_freed(c.out.capacity());
    c.out = std::string();  // answers can be large; an idle connection keeps no buffer
    c.out_sent = 0;
}

bool PooledServer::reserve_input(Connection& c, const RequestFrame& frame) {
    if (frame.header_bytes == 0 || frame.body_bytes <= kUnbudgetedBodyBytes) return true;
    std::size_t body = frame.body_bytes;  // a Content-Length, or the chunk data so far
    if (frame.chunked) body = std::min(frame.limit.max_bytes, (body / kChunkedBudgetStep + 1) * kChunkedBudgetStep);
    // Chunk framing may take as many bytes as the data (the cut in serve_io).
    const std::size_t buffer = frame.header_bytes + (frame.chunked ? 2 * body : body);
    const std::size_t want = buffer + std::min(body * frame.limit.memory_per_byte, frame.limit.max_memory_bytes);
    if (want <= c.reserved) return true;
    std::size_t held = input_bytes_.load();
    do {
        if (held - c.reserved + want > limits_.input_budget_bytes) return false;
    } while (!input_bytes_.compare_exchange_weak(held, held - c.reserved + want));
    c.reserved = want;
    c.max_in = buffer;
    return true;
}

bool PooledServer::take_input(std::size_t bytes) {
    std::size_t held = input_bytes_.load();
    do {
        if (held + bytes > limits_.input_budget_bytes) return false;
    } while (!input_bytes_.compare_exchange_weak(held, held + bytes));
    return true;
}

void PooledServer::release_input(Connection& c) {
    if (c.reserved == 0) return;
    input_bytes_.fetch_sub(c.reserved);
    c.reserved = 0;
    c.max_in = kMaxBufferedBytes;
}

void PooledServer::forget(Connection& c) {
    release_input(c);
    release_output(c);
    if (c.body) {
        c.body.reset();
        streaming_.fetch_sub(1);
    }
}

bool PooledServer::next_piece(Connection& c) {
    for (;;) {
        std::string piece(kChunkHeadRoom, ' ');
        const BodySource::Poll poll = c.body->poll(piece, [this, id = c.id] { resume(id); });
        if (poll == BodySource::Poll::later) {  // made elsewhere (the batch pool): resume() brings it
            c.deadline = Clock::now() + std::chrono::seconds(limits_.write_timeout_s);
            return false;
        }
        if (poll == BodySource::Poll::end) {
            c.body.reset();
            streaming_.fetch_sub(1);
            c.more_to_read = true;  // requests pipelined behind this answer wait in c.in
            hold_output(c, "0\r\n\r\n", 0);
            return true;
        }
        const std::size_t size = piece.size() - kChunkHeadRoom;
        if (size == 0) continue;  // an empty chunk would end the body
        char head[kChunkHeadRoom + 1];
        const int length = std::snprintf(head, sizeof head, "%zx\r\n", size);
        const std::size_t start = kChunkHeadRoom - static_cast<std::size_t>(length);
        std::memcpy(piece.data() + start, head, static_cast<std::size_t>(length));
        piece += "\r\n";
        hold_output(c, std::move(piece), start);
        return true;
    }
}

void PooledServer::resume(std::uint64_t id) {
    {
        std::lock_guard lock(resume_mutex_);
        resumed_.push_back(id);
    }
    std::uint64_t one = 1;
    [[maybe_unused]] auto n = ::write(resume_fd_, &one, sizeof one);
}

void PooledServer::serve_resumed() {
    std::uint64_t count = 0;
    [[maybe_unused]] auto n = ::read(resume_fd_, &count, sizeof count);  // before taking the list: none is missed
    std::vector<std::uint64_t> ids;
    {
        std::lock_guard lock(resume_mutex_);
        ids.swap(resumed_);
    }
    for (const std::uint64_t id : ids) handle(id);
}

bool PooledServer::flush(Connection& c) {
    for (;;) {
        if (!c.out.empty()) {
            const std::size_t before = c.out_sent;
            if (!send_some(c.fd, c.out, c.out_sent)) return false;
            // The write timeout runs from the last byte the client took, not from the answer's start.
            if (c.out_sent > before) c.deadline = Clock::now() + std::chrono::seconds(limits_.write_timeout_s);
            if (c.out_sent < c.out.size()) return true;  // the socket is full: the rest on EPOLLOUT
            release_output(c);
        }
        if (!c.body) return true;
        if (!next_piece(c)) return true;  // only now: a client that does not read holds one piece at most
    }
}

bool PooledServer::serve_io(Connection& c) {
    const auto now = Clock::now();
    if (!flush(c)) return false;
    if (!c.out.empty() || c.body) return true;  // the write deadline stands
    char buffer[16384];
    if (c.close_after_write && !c.draining) {
        if (!c.linger) return false;
        ::shutdown(c.fd, SHUT_WR);
        c.draining = true;
        c.deadline = now + kLingerTime;
    }
    if (c.draining) {
        for (;;) {
            ssize_t n = ::recv(c.fd, buffer, sizeof buffer, 0);
            if (n > 0 && (c.drained += static_cast<std::size_t>(n)) <= kMaxLingerBytes) continue;
            if (n < 0 && errno == EINTR) continue;
            return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);  // EOF, error or too much: close
        }
    }

    // Read what has arrived. A new request goes into a per-thread buffer and usually never
    // needs one of its own.
    thread_local std::string t_in;
    thread_local std::string t_out;
    const bool fresh = c.in.empty();
    std::string& in = fresh ? t_in : c.in;
    if (fresh) in.clear();
    bool peer_closed = false;
    c.more_to_read = true;  // until the socket is seen drained
    while (in.size() < c.max_in) {
        const std::size_t want = std::min(sizeof buffer, c.max_in - in.size());
        ssize_t n = ::recv(c.fd, buffer, want, 0);
        if (n > 0) {
            in.append(buffer, static_cast<std::size_t>(n));
            if (static_cast<std::size_t>(n) < want) {  // drained; spare the EAGAIN call
                c.more_to_read = false;
                break;
            }
        } else if (n == 0) {
            c.more_to_read = false;
            peer_closed = true;
            break;
        } else if (errno == EINTR) {
            continue;
        } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
            c.more_to_read = false;
            break;
        } else {
            return false;
        }
    }

    // Answer every whole request (pipelined ones in order).
    std::string& out = t_out;
    out.clear();
    std::size_t consumed = 0;
    bool keep = true;
    bool request_begun = fresh && !in.empty();
    while (keep && consumed < in.size()) {
        const std::string_view rest(in.data() + consumed, in.size() - consumed);
        if (c.need > rest.size()) break;
        // A chunked body goes on from the chunk the last read stopped in, not from its start.
        const RequestFrame* resume = consumed == 0 && c.framed.header_bytes > 0 ? &c.framed : nullptr;
        RequestFrame frame = limit_of_ != nullptr ? frame_request(rest, limit_of_, c.searched, resume)
                                                  : frame_request(rest, kMaxJsonBytes, c.searched, resume);
        // A large body takes input budget before more of it is read; none left: 503, unread.
        if (frame.state != RequestFrame::State::unframed && !reserve_input(c, frame)) {
            const std::size_t head = frame.header_bytes;
            frame = RequestFrame{};
            frame.state = RequestFrame::State::unframed;
            frame.size = head;
            frame.error = FramingError::over_input_budget;
        }
        if (frame.state == RequestFrame::State::incomplete && rest.size() >= c.max_in) {
            frame = RequestFrame{};  // e.g. a chunked body in tiny chunks
            frame.state = RequestFrame::State::unframed;
            frame.size = rest.size();
        }
        if (frame.state == RequestFrame::State::incomplete) {
            c.need = frame.size;
            c.searched = frame.header_bytes == 0 ? rest.size() : 0;
            c.framed = frame;
            if (frame.expects_continue && !c.continue_sent) {
                out += kContinue;
                c.continue_sent = true;
            }
            break;
        }
        const bool unframed = frame.state == RequestFrame::State::unframed;
        keep = answer(c, rest.substr(0, frame.size), frame, out);
        release_input(c);  // answered: its body and what was parsed of it are gone
        if (unframed) c.linger = true;
        consumed += frame.size;
        c.need = 0;
        c.searched = 0;
        c.framed = RequestFrame{};
        c.continue_sent = false;
        request_begun = true;  // what follows, if anything, is a new request
        if (c.body) break;     // pipelined requests wait until the streamed body is sent
    }

    if (!keep || peer_closed) {
        // Unanswered bytes are dropped; a client that sent more than was read is drained.
        if (!keep && consumed < in.size()) c.linger = true;
        if (peer_closed) c.linger = false;
        c.close_after_write = true;
        c.in = std::string();
    } else if (consumed < in.size()) {
        if (fresh) {
            c.in.assign(in, consumed);
        } else if (consumed > 0 && c.in.capacity() > kKeptBufferBytes) {  // after a large request
            note_freed(c.in.capacity());
            c.in = c.in.substr(consumed);
        } else {
            c.in.erase(0, consumed);
        }
        // A large body of known length (need is all of it, and budgeted): one allocation.
        if (c.reserved > 0 && c.need == c.max_in && c.in.capacity() < c.max_in) c.in.reserve(c.max_in);
        if (request_begun) c.deadline = now + std::chrono::seconds(limits_.read_timeout_s);
    } else {
        if (!fresh) {
            note_freed(c.in.capacity());
            c.in = std::string();
        }
        c.deadline = now + std::chrono::seconds(limits_.keep_alive_timeout_s);
    }

    if (!out.empty()) {
        std::size_t sent = 0;
        const bool sent_ok = send_some(c.fd, out, sent);
        if (sent_ok && sent < out.size()) {  // the client reads slowly: keep the rest for EPOLLOUT
            if (out.size() > kKeptBufferBytes) {
                hold_output(c, std::move(out), sent);  // no copy
                out.clear();                           // moved from: empty again, to be reused
            } else {
                hold_output(c, out.substr(sent), 0);
            }
            c.deadline = now + std::chrono::seconds(limits_.write_timeout_s);
        }
        if (out.capacity() > kKeptBufferBytes) {  // a large answer's buffer is not kept for the next
            note_freed(out.capacity());
            std::string().swap(out);
        }
        if (!sent_ok) return false;
        if (!c.out.empty()) return true;
    }
    if (c.body) {  // the headers are out: send the body as the client takes it
        c.deadline = now + std::chrono::seconds(limits_.write_timeout_s);
        if (!flush(c)) return false;
        if (!c.out.empty() || c.body) return true;
    }
    if (c.close_after_write) return serve_io(c);  // close now, or start draining
    return true;
}

bool PooledServer::answer(Connection& c, std::string_view request, const RequestFrame& frame, std::string& out) {
    // The server serves no partial content: Range is dropped before httplib, which would cut
    // any answer to it (errors and POSTs included).
    std::string without_range;
    if (frame.has_range) {
        without_range = without_range_fields(request, frame.header_bytes);
        request = without_range;
    }
    MemoryStream stream(request, out, c.fd, c.remote_ip, c.remote_port, c.local_ip, c.local_port, c.continue_sent);
    const std::size_t start = out.size();
    const bool close = frame.state == RequestFrame::State::unframed || stopping_.load();
    bool closed_by_client = false;
    t_streamed_body.reset();
    const bool ok = process_request(stream, close, closed_by_client,
                                    [&frame](httplib::Request& req) { prepare_request(req, frame.error); });
    if (std::shared_ptr<BodySource> body = std::move(t_streamed_body)) {
        // httplib framed the answer as an empty body; its body is the stream, chunked.
        std::size_t head = start;
        if (std::string_view(out).substr(head).starts_with(kContinue)) head += kContinue.size();
        const std::size_t end = out.find("\r\n\r\n", head);
        const std::size_t length = out.find("\r\nContent-Length: 0\r\n", head);
        if (ok && end != std::string::npos && length != std::string::npos && length < end) {
            out.replace(length, std::string_view("\r\nContent-Length: 0").size(), "\r\nTransfer-Encoding: chunked");
            c.body = std::move(body);
            streaming_.fetch_add(1);
        }
    }
    if (!ok || close || closed_by_client) return false;
    return !asks_to_close(std::string_view(out).substr(start));
}

}  // namespace costsim::server
