#include "connection_pool.hpp"

#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>
#include <unordered_map>

namespace costsim::server {
namespace {

using Clock = std::chrono::steady_clock;

/// How long an otherwise idle worker waits for a connection's next request before parking it:
/// busy clients (the page's bursts) send it within this, so they skip the trip through epoll.
constexpr int kLingerMs = 2;

int millis_until(Clock::time_point deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    return left <= 0 ? 0 : static_cast<int>(left);
}

bool wait_for(int fd, short events, int timeout_ms) {
    pollfd p{fd, events, 0};
    for (;;) {
        int n = ::poll(&p, 1, timeout_ms);
        if (n < 0 && errno == EINTR) continue;
        return n > 0 && (p.revents & (events | POLLHUP | POLLERR)) != 0;
    }
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

/// A buffered socket stream whose reads share one deadline per request (a client trickling a
/// request byte by byte cannot hold a worker longer than the read timeout).
class SocketStream final : public httplib::Stream {
  public:
    SocketStream(int fd, const ConnectionLimits& limits) : fd_(fd), limits_(limits) {}

    void start_request() { deadline_ = Clock::now() + std::chrono::seconds(limits_.read_timeout_s); }
    [[nodiscard]] bool has_buffered() const noexcept { return begin_ < end_; }

    bool is_readable() const override { return has_buffered() || wait_for(fd_, POLLIN, millis_until(deadline_)); }
    bool is_writable() const override { return wait_for(fd_, POLLOUT, limits_.write_timeout_s * 1000); }

    ssize_t read(char* ptr, size_t size) override {
        if (!has_buffered()) {
            // Try first (the data is usually there already), then wait up to the request's deadline.
            ssize_t n = receive(buffer_, sizeof buffer_, MSG_DONTWAIT);
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
                if (!wait_for(fd_, POLLIN, millis_until(deadline_))) return -1;
                n = receive(buffer_, sizeof buffer_, 0);
            }
            if (n <= 0) return n;
            begin_ = 0;
            end_ = static_cast<std::size_t>(n);
        }
        std::size_t n = std::min(size, end_ - begin_);
        std::memcpy(ptr, buffer_ + begin_, n);
        begin_ += n;
        return static_cast<ssize_t>(n);
    }

    ssize_t write(const char* ptr, size_t size) override {
        // Blocking send; SO_SNDTIMEO (the write timeout, set at accept) bounds a stall.
        for (;;) {
            ssize_t n = ::send(fd_, ptr, size, MSG_NOSIGNAL);
            if (n < 0 && errno == EINTR) continue;
            return n;
        }
    }

    void get_remote_ip_and_port(std::string& ip, int& port) const override {
        sockaddr_storage addr{};
        socklen_t len = sizeof addr;
        if (::getpeername(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) address_of(addr, ip, port);
    }
    void get_local_ip_and_port(std::string& ip, int& port) const override {
        sockaddr_storage addr{};
        socklen_t len = sizeof addr;
        if (::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) address_of(addr, ip, port);
    }
    socket_t socket() const override { return fd_; }

  private:
    ssize_t receive(char* ptr, std::size_t size, int flags) {
        for (;;) {
            ssize_t n = ::recv(fd_, ptr, size, flags);
            if (n < 0 && errno == EINTR) continue;
            return n;
        }
    }

    int fd_;
    const ConnectionLimits& limits_;
    Clock::time_point deadline_ = Clock::now();
    char buffer_[4096];
    std::size_t begin_ = 0;
    std::size_t end_ = 0;
};

}  // namespace

/// A fixed set of worker threads over a FIFO of jobs.
class PooledServer::Pool {
  public:
    Pool(int threads, std::size_t max_pending) : max_pending_(max_pending) {
        for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { work(); });
    }
    ~Pool() { shutdown(); }

    /// Queues a job; `wait_for_room` blocks while max_pending jobs wait (back-pressure on
    /// accept: the kernel's backlog then holds new connections). False after shutdown.
    bool enqueue(std::function<void()> job, bool wait_for_room) {
        std::unique_lock lock(mutex_);
        if (wait_for_room) room_.wait(lock, [&] { return jobs_.size() < max_pending_ || shutdown_; });
        if (shutdown_) return false;
        jobs_.push_back(std::move(job));
        ready_.notify_one();
        return true;
    }

    /// True when jobs wait for a worker.
    bool has_waiting() {
        std::lock_guard lock(mutex_);
        return !jobs_.empty();
    }

    /// Runs every queued job, then joins the workers.
    void shutdown() {
        {
            std::lock_guard lock(mutex_);
            if (shutdown_) return;
            shutdown_ = true;
        }
        ready_.notify_all();
        room_.notify_all();
        for (auto& t : threads_) t.join();
    }

  private:
    void work() {
        for (;;) {
            std::function<void()> job;
            {
                std::unique_lock lock(mutex_);
                ready_.wait(lock, [&] { return !jobs_.empty() || shutdown_; });
                if (jobs_.empty()) return;
                job = std::move(jobs_.front());
                jobs_.pop_front();
            }
            room_.notify_one();
            job();
        }
    }

    std::size_t max_pending_;
    std::mutex mutex_;
    std::condition_variable ready_;
    std::condition_variable room_;
    std::deque<std::function<void()>> jobs_;
    bool shutdown_ = false;
    std::vector<std::thread> threads_;
};

/// Idle keep-alive connections, watched by one epoll thread: a readable one goes back to the
/// pool, one idle past the keep-alive timeout is closed.
class PooledServer::Parker {
  public:
    Parker(PooledServer& owner, std::chrono::seconds idle_timeout, std::size_t max_parked)
        : owner_(owner), idle_timeout_(idle_timeout), max_parked_(max_parked),
          epoll_(::epoll_create1(EPOLL_CLOEXEC)), wake_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.fd = wake_;
        ::epoll_ctl(epoll_, EPOLL_CTL_ADD, wake_, &ev);
        thread_ = std::thread([this] { run(); });
    }
    ~Parker() {
        stop();
        ::close(epoll_);
        ::close(wake_);
    }

    void park(int fd) {
        std::unique_lock lock(mutex_);
        if (stopped_ || parked_.size() >= max_parked_) {
            lock.unlock();
            owner_.close_connection(fd);
            return;
        }
        parked_[fd] = Clock::now() + idle_timeout_;
        epoll_event ev{};
        ev.events = EPOLLIN | EPOLLRDHUP | EPOLLONESHOT;
        ev.data.fd = fd;
        // One-shot registrations stay in the set (disarmed) after they fire: re-arm them with
        // one MOD instead of a DEL and an ADD per request. Closing an fd removes it.
        if (::epoll_ctl(epoll_, EPOLL_CTL_MOD, fd, &ev) != 0 && ::epoll_ctl(epoll_, EPOLL_CTL_ADD, fd, &ev) != 0) {
            parked_.erase(fd);
            lock.unlock();
            owner_.close_connection(fd);
        }
    }

    /// Closes every parked connection and ends the thread.
    void stop() {
        {
            std::lock_guard lock(mutex_);
            if (stopped_) return;
            stopped_ = true;
        }
        std::uint64_t one = 1;
        [[maybe_unused]] auto n = ::write(wake_, &one, sizeof one);
        thread_.join();
        std::lock_guard lock(mutex_);
        for (auto& [fd, deadline] : parked_) owner_.close_connection(fd);
        parked_.clear();
    }

    std::size_t size() const {
        std::lock_guard lock(mutex_);
        return parked_.size();
    }

  private:
    void run() {
        epoll_event events[64];
        auto next_sweep = Clock::now();
        for (;;) {
            int n = ::epoll_wait(epoll_, events, 64, 100);
            std::vector<int> ready;
            {
                std::lock_guard lock(mutex_);
                if (stopped_) return;
                for (int i = 0; i < n; ++i) {
                    int fd = events[i].data.fd;
                    if (fd == wake_ || parked_.erase(fd) == 0) continue;
                    ready.push_back(fd);   // disarmed by EPOLLONESHOT until parked again
                }
                if (Clock::now() >= next_sweep) {
                    next_sweep = Clock::now() + std::chrono::milliseconds(250);
                    auto now = Clock::now();
                    for (auto it = parked_.begin(); it != parked_.end();) {
                        if (it->second > now) {
                            ++it;
                            continue;
                        }
                        ::epoll_ctl(epoll_, EPOLL_CTL_DEL, it->first, nullptr);
                        owner_.close_connection(it->first);
                        it = parked_.erase(it);
                    }
                }
            }
            for (int fd : ready) {
                PooledServer* owner = &owner_;
                if (!owner_.pool_->enqueue([owner, fd] { owner->serve_connection(fd, false); }, false))
                    owner_.close_connection(fd);
            }
        }
    }

    PooledServer& owner_;
    std::chrono::seconds idle_timeout_;
    std::size_t max_parked_;
    int epoll_;
    int wake_;
    mutable std::mutex mutex_;
    std::unordered_map<int, Clock::time_point> parked_;
    bool stopped_ = false;
    std::thread thread_;
};

/// What httplib's accept loop sees: accepted sockets go to our pool; shutdown() (called when
/// the accept loop ends) closes idle connections and waits for the requests in flight.
class PooledServer::QueueHandle final : public httplib::TaskQueue {
  public:
    explicit QueueHandle(PooledServer& owner) : owner_(owner) {}
    void enqueue(std::function<void()> fn) override {
        if (!owner_.pool_->enqueue(std::move(fn), true)) return;
    }
    void shutdown() override {
        owner_.stopping_ = true;
        owner_.parker_->stop();
        owner_.pool_->shutdown();
    }

  private:
    PooledServer& owner_;
};

PooledServer::PooledServer(ConnectionLimits limits) : limits_(limits) {
    set_read_timeout(limits_.read_timeout_s);
    set_write_timeout(limits_.write_timeout_s);
    set_keep_alive_timeout(limits_.keep_alive_timeout_s);
    set_keep_alive_max_count(1000);   // what the Keep-Alive header advertises; turns park instead
    // SO_REUSEADDR only: httplib's default adds SO_REUSEPORT, which lets a second server bind
    // the same port silently and split the traffic.
    set_socket_options([](socket_t sock) {
        int yes = 1;
        ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    new_task_queue = [this]() -> httplib::TaskQueue* {
        pool_ = std::make_shared<Pool>(limits_.threads, limits_.max_pending);
        parker_ = std::make_shared<Parker>(*this, std::chrono::seconds(limits_.keep_alive_timeout_s), limits_.max_parked);
        return new QueueHandle(*this);
    };
}

PooledServer::~PooledServer() {
    if (parker_) parker_->stop();
    if (pool_) pool_->shutdown();
}

int PooledServer::bind(const std::string& host, int port) {
    int bound = port == 0 ? bind_to_any_port(host) : (bind_to_port(host, port) ? port : -1);
    // httplib listens with a backlog of 5; a burst of clients needs more room.
    if (bound > 0) ::listen(svr_sock_, limits_.backlog);
    return bound;
}

bool PooledServer::serve() { return listen_after_bind(); }

void PooledServer::begin_shutdown() {
    stopping_ = true;
    stop();
}

std::size_t PooledServer::parked_count() const { return parker_ ? parker_->size() : 0; }

bool PooledServer::process_and_close_socket(socket_t sock) {
    // httplib sends the headers and the body in separate writes: without TCP_NODELAY, Nagle holds
    // the body until the client's delayed ACK (40 ms on Linux), on every keep-alive response.
    int yes = 1;
    ::setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
    // A client that stops reading cannot hold a worker in send() past the write timeout.
    timeval send_timeout{limits_.write_timeout_s, 0};
    ::setsockopt(sock, SOL_SOCKET, SO_SNDTIMEO, &send_timeout, sizeof send_timeout);
    serve_connection(sock, false);
    return true;
}

void PooledServer::serve_connection(int fd, bool requeued) {
    SocketStream stream(fd, limits_);
    for (bool first = true;; first = false) {
        if (stopping_) break;
        if (!stream.has_buffered()) {
            const bool others_wait = pool_->has_waiting();
            if (!first && others_wait) {
                // One request per turn while others wait, then the back of the line: a busy
                // client cannot keep a worker to itself, so p99 stays near p50. Its next request
                // usually arrives while the others are served, which is cheaper than epoll.
                requeue(fd, false);
                return;
            }
            if (!wait_for(fd, POLLIN, others_wait ? 0 : kLingerMs)) {
                if (!requeued && others_wait) requeue(fd, true);   // one more lap, then epoll
                else park(fd);
                return;
            }
        }
        stream.start_request();
        bool closed_by_client = false;
        if (!process_request(stream, stopping_.load(), closed_by_client, nullptr) || closed_by_client) break;
    }
    close_connection(fd);
}

void PooledServer::requeue(int fd, bool requeued) {
    PooledServer* self = this;
    if (!pool_->enqueue([self, fd, requeued] { self->serve_connection(fd, requeued); }, false)) close_connection(fd);
}

void PooledServer::park(int fd) {
    if (stopping_ || !parker_) {
        close_connection(fd);
        return;
    }
    parker_->park(fd);
}

void PooledServer::close_connection(int fd) {
    ::shutdown(fd, SHUT_RDWR);
    ::close(fd);
}

}  // namespace costsim::server
