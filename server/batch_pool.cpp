// BatchPool: batch requests priced a piece at a time on their own threads, taking turns, each at
// most one piece ahead of its client. Design/scaling.md#the-batch-pool.
#include "batch_pool.hpp"

#include <algorithm>
#include <sys/resource.h>
#include <unistd.h>

namespace costsim::server {
namespace {

/// Pieces priced and not yet taken by the connection, per request: one, so that the next piece
/// is priced while the socket sends this one, and a client that does not read holds one piece
/// (PooledServer::kStreamStateBytes counts a streamed answer's state as that much).
constexpr std::size_t kPiecesAhead = 1;
/// Batch threads yield the CPU to the I/O workers: /health and the short routes answer first
/// when both want it (a nice value; raising one's own needs no privilege).
constexpr int kBatchNice = 10;

}  // namespace

int default_batch_threads() { return std::max(1, static_cast<int>(std::thread::hardware_concurrency())); }

struct BatchPool::Job {
    Job(std::string body, const Catalog& catalog, std::size_t lines_per_piece,
        BatchTextStream::Clock::time_point deadline)
        : text(std::move(body)), stream(text, catalog, lines_per_piece, deadline) {}

    const std::string text;  // before stream, which views it
    BatchTextStream stream;  // only the pool thread holding the job's turn touches it

    std::mutex mutex;  // guards what follows
    std::deque<std::string> ready;
    bool finished = false;       ///< the stream has no more pieces
    bool queued = false;         ///< in the pool's queue or being priced
    bool cancelled = false;      ///< the body is gone (its connection closed)
    bool counted = true;         ///< counts in in_progress_: until answered whole, or dropped
    std::size_t budgeted = 0;    ///< input budget it holds while counted (window_bytes)
    std::function<void()> wake;  ///< the connection waits for a piece
};

/// What the connection holds: takes the job's pieces; cancels the job when destroyed.
class BatchPool::Body final : public BodySource {
  public:
    Body(BatchPool& pool, std::shared_ptr<Job> job) : pool_(pool), job_(std::move(job)) {}
    Body(const Body&) = delete;
    Body& operator=(const Body&) = delete;
    ~Body() override {
        std::lock_guard lock(job_->mutex);
        job_->cancelled = true;
        job_->wake = nullptr;  // the pool calls it under this lock: never after this
        pool_.release(*job_);
    }

    Poll poll(std::string& out, std::function<void()>&& ready) override {
        bool turn = false;
        {
            std::lock_guard lock(job_->mutex);
            if (job_->ready.empty()) {
                if (job_->finished) {
                    pool_.release(*job_);  // answered whole
                    return Poll::end;
                }
                job_->wake = std::move(ready);
                return Poll::later;
            }
            out.append(job_->ready.front());
            job_->ready.pop_front();
            if (!job_->finished && !job_->queued) turn = job_->queued = true;
        }
        if (turn) pool_.enqueue(job_);
        return Poll::piece;
    }

    /// The blocking form, for callers other than the connection pool.
    bool next(std::string& out) override {
        std::mutex mutex;
        std::condition_variable cv;
        for (;;) {
            bool woken = false;
            const Poll p = poll(out, [&] {
                std::lock_guard lock(mutex);
                woken = true;
                cv.notify_all();
            });
            if (p != Poll::later) return p == Poll::piece;
            std::unique_lock lock(mutex);
            cv.wait(lock, [&] { return woken; });
        }
    }

  private:
    BatchPool& pool_;
    std::shared_ptr<Job> job_;
};

BatchPool::BatchPool(BatchPoolLimits limits) : limits_(limits) {
    limits_.threads = std::max(1, limits_.threads);
    limits_.max_requests = std::max(1, limits_.max_requests);
    for (int i = 0; i < limits_.threads; ++i) threads_.emplace_back([this] { serve(); });
}

BatchPool::~BatchPool() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    work_.notify_all();
    for (auto& t : threads_) t.join();
}

BatchPool::Started BatchPool::start(std::string text, const Catalog& catalog, std::size_t lines_per_piece,
                                    BatchTextStream::Clock::time_point deadline) {
    std::size_t now = in_progress_.load();
    do {
        if (now >= static_cast<std::size_t>(limits_.max_requests)) {
            rejected_queue_full_.fetch_add(1);
            return {nullptr, Refusal::queue_full};
        }
    } while (!in_progress_.compare_exchange_weak(now, now + 1));
    // The body is kept until the last line is priced: it draws from the input budget meanwhile.
    const std::size_t window = window_bytes(text);
    if (take_input_ && !take_input_(window)) {
        in_progress_.fetch_sub(1);
        rejected_input_budget_.fetch_add(1);
        return {nullptr, Refusal::input_budget};
    }
    input_bytes_.fetch_add(take_input_ ? window : 0);
    admitted_.fetch_add(1);
    auto job = std::make_shared<Job>(std::move(text), catalog, lines_per_piece, deadline);
    job->budgeted = take_input_ ? window : 0;
    job->queued = true;
    enqueue(job);
    return {std::make_shared<Body>(*this, std::move(job)), Refusal::none};
}

BatchPoolStats BatchPool::stats() const {
    BatchPoolStats s;
    s.threads = threads_.size();
    s.busy_threads = busy_.load();
    {
        std::lock_guard lock(mutex_);
        s.queued = queue_.size();
    }
    s.in_progress = in_progress_.load();
    s.max_in_progress = static_cast<std::size_t>(limits_.max_requests);
    s.input_bytes = input_bytes_.load();
    s.admitted = admitted_.load();
    s.rejected_queue_full = rejected_queue_full_.load();
    s.rejected_input_budget = rejected_input_budget_.load();
    s.lines_priced = lines_priced_.load();
    return s;
}

void BatchPool::enqueue(std::shared_ptr<Job> job) {
    {
        std::lock_guard lock(mutex_);
        queue_.push_back(std::move(job));
    }
    work_.notify_one();
}

void BatchPool::release(Job& job) {
    if (!job.counted) return;
    job.counted = false;
    if (job.budgeted > 0) {
        input_bytes_.fetch_sub(job.budgeted);
        give_input_(job.budgeted);
        job.budgeted = 0;
    }
    in_progress_.fetch_sub(1);
}

void BatchPool::serve() {
    // Linux: a thread's nice value is its own (setpriority on its thread id).
    [[maybe_unused]] const int niced = ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), kBatchNice);
    std::string piece;
    for (;;) {
        std::shared_ptr<Job> job;
        {
            std::unique_lock lock(mutex_);
            work_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
            if (stopping_) return;
            job = std::move(queue_.front());
            queue_.pop_front();
        }
        {
            std::lock_guard lock(job->mutex);
            if (job->cancelled) {
                job->queued = false;
                continue;
            }
        }
        piece.clear();
        busy_.fetch_add(1);
        const std::uint64_t lines_before = job->stream.summary().lines;
        const bool more = job->stream.next(piece);
        lines_priced_.fetch_add(job->stream.summary().lines - lines_before);
        busy_.fetch_sub(1);  // before the piece is published: a client that has it sees the thread free
        bool again = false;
        {
            std::lock_guard lock(job->mutex);
            if (more)
                job->ready.push_back(std::move(piece));
            else
                job->finished = true;
            again = !job->cancelled && !job->finished && job->ready.size() < kPiecesAhead;
            job->queued = again;
            if (job->wake) {
                const std::function<void()> wake = std::move(job->wake);
                job->wake = nullptr;
                wake();
            }
        }
        if (again) enqueue(std::move(job));
    }
}

}  // namespace costsim::server
