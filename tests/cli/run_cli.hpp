#pragma once
// Runs the real cost-sim binary as a subprocess: feeds stdin, captures stdout, stderr and the
// exit code. Used by every tests/cli/cli_*.cpp file.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <poll.h>
#include <spawn.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace test {

/// A file in a fresh temporary folder (one per test binary) holding `text`.
inline std::string temp_file(const std::string& name, const std::string& text) {
    static const std::string dir = [] {
        char pattern[] = "/tmp/cost-sim-cli-test-XXXXXX";
        const char* made = mkdtemp(pattern);
        REQUIRE(made != nullptr);
        return std::string(made);
    }();
    const std::string path = dir + "/" + name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

struct CliResult {
    int exit_code = -1;
    std::string out;
    std::string err;
    bool killed = false;  ///< still running at the `limit` of run_cli, so killed
};

/// Runs `cost-sim args...` with `input` on stdin. `limit` bounds the wait for a command that
/// could hang (a FIFO without a writer): past it the child is killed and `killed` is set, so a
/// regression fails the test instead of blocking the suite. The default waits for ever.
inline CliResult run_cli(const std::vector<std::string>& args, const std::string& input = "",
                         std::chrono::milliseconds limit = std::chrono::milliseconds(-1)) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    std::signal(SIGPIPE, SIG_IGN);  // the child may exit without reading its stdin
    int in_pipe[2], out_pipe[2], err_pipe[2];
    REQUIRE(pipe(in_pipe) == 0);
    REQUIRE(pipe(out_pipe) == 0);
    REQUIRE(pipe(err_pipe) == 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
    posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
    for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]})
        posix_spawn_file_actions_addclose(&actions, fd);
    std::vector<std::string> argv_text = {COSTSIM_CLI_BINARY};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& a : argv_text) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, COSTSIM_CLI_BINARY, &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(in_pipe[0]);
    close(out_pipe[1]);
    close(err_pipe[1]);
    REQUIRE_MESSAGE(spawned == 0, "cannot start " COSTSIM_CLI_BINARY ": " << std::strerror(spawned));

    // Feed stdin and drain stdout/stderr together, so no pipe can fill up and block the child.
    CliResult result;
    std::size_t written = 0;
    int in_fd = in_pipe[1];
    if (input.empty()) {
        close(in_fd);
        in_fd = -1;
    }
    bool out_open = true, err_open = true;
    while (out_open || err_open || in_fd >= 0) {
        pollfd fds[3] = {
            {out_open ? out_pipe[0] : -1, POLLIN, 0}, {err_open ? err_pipe[0] : -1, POLLIN, 0}, {in_fd, POLLOUT, 0}};
        int wait_ms = -1;
        if (limit.count() >= 0) {
            const auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0) {
                kill(pid, SIGKILL);  // the pipes close with the child; the loop then ends
                result.killed = true;
                limit = std::chrono::milliseconds(-1);
                continue;
            }
            wait_ms = static_cast<int>(left.count());
        }
        if (poll(fds, 3, wait_ms) < 0) {
            if (errno == EINTR) continue;
            FAIL("poll failed");
        }
        char buffer[65536];
        for (int i = 0; i < 2; ++i) {
            if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            const ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
            if (n > 0)
                (i == 0 ? result.out : result.err).append(buffer, static_cast<std::size_t>(n));
            else
                (i == 0 ? out_open : err_open) = false;
        }
        if (in_fd >= 0 && (fds[2].revents & (POLLOUT | POLLERR | POLLHUP))) {
            const ssize_t n = write(in_fd, input.data() + written, input.size() - written);
            if (n > 0) written += static_cast<std::size_t>(n);
            if (n <= 0 || written == input.size()) {
                close(in_fd);
                in_fd = -1;
            }
        }
    }
    close(out_pipe[0]);
    close(err_pipe[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return result;
}

/// Exactly one line on stderr (the error contract).
inline bool one_line(const std::string& text) {
    return !text.empty() && text.back() == '\n' && text.find('\n') == text.size() - 1;
}

/// A file of tests/cli/data.
inline std::string data_file(const std::string& name) { return std::string(COSTSIM_CLI_TEST_DATA_DIR) + "/" + name; }

/// The text of a file of tests/cli/data.
inline std::string read_data(const std::string& name) {
    std::ifstream file(data_file(name), std::ios::binary);
    REQUIRE_MESSAGE(file.good(), "cannot read " << data_file(name));
    return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

/// Runs a command that must succeed and returns its parsed JSON output.
inline nlohmann::json run_json(std::vector<std::string> args, const std::string& input = "") {
    args.push_back("--format");
    args.push_back("json");
    const CliResult r = run_cli(args, input);
    INFO("stderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.empty());
    return nlohmann::json::parse(r.out);
}

}  // namespace test
