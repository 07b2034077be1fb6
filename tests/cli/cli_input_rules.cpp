// The input rules on the real binary: files that are not regular files are refused (a FIFO without
// a writer must not hang), control characters never reach the terminal raw, and every error names
// what the user typed: the flag and its value, the valid providers and regions, the field path.
#include "run_cli.hpp"

#include <costsim/catalog.hpp>

#include <cstdio>
#include <cstdlib>
#include <sys/stat.h>

using test::run_cli;

namespace {

/// A FIFO without a writer would block a reader for ever: bound the wait, so a regression fails.
constexpr std::chrono::milliseconds kHangGuard{60000};

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// Exit 2, one line on stderr that mentions every part, nothing on stdout.
void check_refused(const test::CliResult& r, std::initializer_list<std::string> parts) {
    INFO("exit " << r.exit_code << ", stderr: " << r.err);
    CHECK(!r.killed);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(test::one_line(r.err));
    for (const std::string& part : parts) CHECK(contains(r.err, part));
}

/// No control character on stderr but its final newline: nothing for a terminal to obey.
bool terminal_safe(const std::string& text) {
    for (std::size_t i = 0; i + 1 < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c == 0x7F) return false;
    }
    return true;
}

/// A temporary directory, removed with what the test put in it.
struct TempDir {
    std::string path;
    TempDir() {
        char name[] = "/tmp/cost-sim-cli-XXXXXX";
        REQUIRE(mkdtemp(name) != nullptr);
        path = name;
    }
    ~TempDir() { std::system(("rm -rf '" + path + "'").c_str()); }
    [[nodiscard]] std::string file(const std::string& name, const std::string& text) const {
        const std::string at = path + "/" + name;
        std::FILE* f = std::fopen(at.c_str(), "wb");
        REQUIRE(f != nullptr);
        std::fwrite(text.data(), 1, text.size(), f);
        std::fclose(f);
        return at;
    }
};

const std::string kWorkload = R"("workload": {"requests_per_month": 3000000, "duration_ms": 100})";

}  // namespace

TEST_CASE("a FIFO, a directory or a device is refused at once, not read") {
    TempDir dir;
    const std::string fifo = dir.path + "/scenario.fifo";
    REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
    check_refused(run_cli({"lambda", "--requests-per-month", "1", "--scenario", fifo}, "", kHangGuard),
                  {"--scenario", "is not a regular file"});
    check_refused(run_cli({"catalog", "validate", fifo}, "", kHangGuard), {"is not a regular file"});
    check_refused(run_cli({"lambda", "--requests-per-month", "1", "--catalog", fifo}, "", kHangGuard),
                  {"--catalog", "is not a regular file"});
    check_refused(run_cli({"lambda", "--requests-per-month", "1", "--scenario", dir.path}, "", kHangGuard),
                  {"--scenario", "is not a regular file"});
    check_refused(run_cli({"lambda", "--requests-per-month", "1", "--scenario", "/dev/zero"}, "", kHangGuard),
                  {"is not a regular file"});
    // "-" still reads stdin, a pipe
    const auto r = run_cli({"lambda", "--scenario", "-"}, "{" + kWorkload + "}", kHangGuard);
    CHECK(r.exit_code == 0);
}

TEST_CASE("control and bidirectional characters from the input are escaped on stderr") {
    // an unknown key that would set the terminal title and ring the bell
    const auto key = run_cli({"lambda", "--scenario", "-"}, R"({"\u001b]0;owned\u0007": 1})");
    check_refused(key, {"\\x1b]0;owned\\x07"});
    CHECK(terminal_safe(key.err));
    // a region with ESC c (reset the terminal) and a right-to-left override, from a flag
    const auto region = run_cli({"lambda", "--requests-per-month", "1", "--region",
                                 "\x1b"
                                 "c\u202e"});
    check_refused(region, {"--region", "\\x1bc\\u202e"});
    CHECK(terminal_safe(region.err));
    CHECK(!contains(region.err, "\u202e"));
    // an unknown command and a stray word
    check_refused(run_cli({"\x1b[2J"}), {"\\x1b[2J"});
    const auto stray = run_cli({"lambda", "--requests-per-month", "1", "a\nb"});
    check_refused(stray, {"a\\nb"});
    // ids with control or bidirectional characters are refused, naming the character
    check_refused(run_cli({"compare", "--scenario", "-"},
                          "{" + kWorkload + R"(, "offerings": [{"kind": "lambda", "id": "x\u007f"}]})"),
                  {"offerings[0].id", "U+007F"});
    check_refused(run_cli({"compare", "--scenario", "-"},
                          "{" + kWorkload + R"(, "offerings": [{"kind": "lambda", "id": "\u202ex"}]})"),
                  {"offerings[0].id", "U+202E"});
}

TEST_CASE("errors name what the user typed") {
    SUBCASE("a per-second rate is reported as given, with its flag") {
        const auto r = run_cli({"lambda", "--requests-per-second", "-50"});
        check_refused(r, {"--requests-per-second", "got -50"});
        CHECK(!contains(r.err, "131400000"));
        CHECK(!contains(r.err, "requests_per_month"));
    }
    SUBCASE("catalog list: an unknown provider or region is an error listing the known ones") {
        check_refused(run_cli({"catalog", "list", "--provider", "amazon"}),
                      {"--provider", "\"amazon\"", "aws, azure, gcp, oci, sakura"});
        check_refused(run_cli({"catalog", "list", "--provider", "gpc"}), {"did you mean gcp?"});
        check_refused(run_cli({"catalog", "list", "--region", "tokyo"}), {"--region", "\"tokyo\"", "ap-tokyo-1"});
        check_refused(run_cli({"catalog", "list", "--provider", "aws", "--region", "us-east-2"}),
                      {"aws region \"us-east-2\"", "ap-northeast-1, global, us-east-1", "did you mean us-east-1?"});
        CHECK(run_cli({"catalog", "list", "--provider", "aws", "--region", "global"}).exit_code == 0);
    }
    SUBCASE("an unknown region lists the valid ones") {
        check_refused(run_cli({"lambda", "--requests-per-month", "1", "--region", "tokyo"}),
                      {"--region", "\"tokyo\"", "regions: ap-northeast-1, us-east-1"});
        check_refused(run_cli({"vm", "--instance", "t3.micro", "--region", "us-east-2"}),
                      {"--region", "did you mean us-east-1?"});
    }
    SUBCASE("an empty value is refused for every flag, as for every scenario field") {
        check_refused(run_cli({"lambda", "--requests-per-month", "1", "--region", ""}), {"--region must not be empty"});
        check_refused(run_cli({"vm", "--instance", "t3.micro", "--region", ""}), {"--region must not be empty"});
        check_refused(run_cli({"compare", "--requests-per-month", "1", "--vm", ""}), {"--vm must not be empty"});
        check_refused(
            run_cli({"vm", "--scenario", "-"},
                    "{" + kWorkload + R"(, "offering": {"kind": "vm", "instance": "t3.micro", "region": ""}})"),
            {"offering.region must be a non-empty string"});
    }
    SUBCASE("the whole field path inside a multi-offering scenario") {
        check_refused(
            run_cli(
                {"compare", "--scenario", "-"},
                "{" + kWorkload +
                    R"(, "offerings": [{"kind": "lambda"}, {"kind": "vm", "instance": "t3.micro", "region": "us-east-2"}]})"),
            {"offerings[1].region", "did you mean us-east-1?"});
        check_refused(
            run_cli(
                {"compare", "--scenario", "-"},
                "{" + kWorkload +
                    R"(, "offerings": [{"kind": "lambda"}, {"kind": "vm", "instance": "t3.micro", "capacity_rps": 1e-9}]})"),
            {"offerings[1].capacity_rps must be at least", "got 1e-09"});
    }
    SUBCASE("lambda and vm name the scenario's offering they price") {
        const std::string offerings =
            R"(, "offerings": [{"kind": "vm", "instance": "t3.micro", "region": "us-east-2"}, {"kind": "lambda", "region": "us-east-2"}]})";
        check_refused(run_cli({"lambda", "--scenario", "-"}, "{" + kWorkload + offerings), {"offerings[1].region: "});
        check_refused(run_cli({"vm", "--scenario", "-"}, "{" + kWorkload + offerings), {"offerings[0].region: "});
        check_refused(run_cli({"lambda", "--scenario", "-"},
                              "{" + kWorkload + R"(, "offering": {"kind": "lambda", "region": "eu-west-9"}})"),
                      {"offering.region: "});
        // a flag that set the field is still named first
        check_refused(run_cli({"lambda", "--scenario", "-", "--region", "us-west-2"}, "{" + kWorkload + offerings),
                      {"--region: ", "\"us-west-2\""});
    }
    SUBCASE("a capacity flag too small names the flag and the value") {
        check_refused(
            run_cli({"compare", "--requests-per-month", "3000000", "--vm", "t3.micro", "--capacity-rps", "1e-9"}),
            {"--capacity-rps", "must be at least", "got 1e-09"});
    }
    SUBCASE("sweep lists: the element and the flag") {
        check_refused(
            run_cli({"sweep", "--vm", "t3.micro", "--count", "1", "--sweep-rps", "1", "--sweep-duration-ms", "100,0"}),
            {"--sweep-duration-ms", "sweep.duration_ms[1]"});
        check_refused(run_cli({"sweep", "--vm", "t3.micro", "--count", "1", "--sweep-rps", "1,-2"}),
                      {"--sweep-rps", "sweep.requests_per_second[1]"});
    }
    SUBCASE("a file over its limit says the limit with separators") {
        // kMaxScenarioBytes = 8 MiB = 8,388,608 bytes, as the API's scenario routes
        check_refused(run_cli({"lambda", "--scenario", "-"}, std::string((8 << 20) + 1, ' ')), {"8,388,608"});
    }
    SUBCASE("a scenario over 64 KiB with a long series is read, as the API reads it") {
        // 40,000 one-minute intervals of 1 request ("1," each: 80 KB): a period of 2,400,000 s,
        // so the month is 40,000 x 2,628,000 / 2,400,000 = 43,800 requests.
        std::string series;
        for (int i = 0; i < 40000; ++i) series += i ? ",1" : "1";
        const std::string scenario =
            R"({"workload": {"duration_ms": 100, "traffic": {"interval_s": 60, "requests": [)" + series +
            R"(]}}, "offerings": [{"kind": "lambda"}]})";
        const auto r = run_cli({"lambda", "--scenario", "-", "--format", "json"}, scenario);
        CHECK(r.exit_code == 0);
        CHECK(r.out.find("\"requests_per_month\": 43800") != std::string::npos);
    }
}

TEST_CASE("catalog validate refuses a date the calendar does not have") {
    TempDir dir;
    const std::string file = dir.file(
        "bad-date.json", R"({"schema": "cost-sim-catalog/1", "version": "t", "as_of": "2026-02-30", "entries": []})");
    check_refused(run_cli({"catalog", "validate", file}), {"as_of", "2026-02-30", "calendar date"});
}

TEST_CASE("a catalog file is read up to CatalogLimits::max_document_bytes (16 MiB), not a byte more") {
    TempDir dir;
    const std::string doc = R"({"schema": "cost-sim-catalog/1", "version": "t", "as_of": "2026-11-22", "entries": []})";
    const std::size_t limit = costsim::CatalogLimits::max_document_bytes;
    REQUIRE(limit == 16 * 1024 * 1024);
    // the same document, padded with spaces (valid JSON) to the limit and to one byte over it
    const std::string at_limit = dir.file("at-limit.json", doc + std::string(limit - doc.size(), ' '));
    const std::string over = dir.file("over.json", doc + std::string(limit - doc.size() + 1, ' '));
    const auto read = run_cli({"catalog", "validate", at_limit});
    CHECK(read.exit_code == 0);
    check_refused(run_cli({"catalog", "validate", over}),
                  {"over.json", "is larger than the limit of 16,777,216 bytes"});
    check_refused(run_cli({"lambda", "--requests-per-month", "1", "--catalog", over}),
                  {"--catalog", "is larger than the limit of 16,777,216 bytes"});
}
