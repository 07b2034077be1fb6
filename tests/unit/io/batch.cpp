// Batch pricing: a line in, a line out, in order, the same for any number of jobs, and read a
// window at a time (output starts before the input ends).
#include <costsim/batch.hpp>
#include <costsim/catalog.hpp>
#include <costsim/compare.hpp>
#include <costsim/json.hpp>
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <sstream>
#include <streambuf>
#include <string>
#include <vector>

using namespace costsim;

namespace {

/// A Lambda and two fleets at `rps` requests/s, with `id` when not empty.
std::string scenario_line(double rps, const std::string& id = "") {
    std::string line = "{";
    if (!id.empty()) line.append("\"id\":\"").append(id).append("\",");
    line.append(R"("workload":{"requests_per_second":)").append(std::to_string(rps));
    line += std::string(
        R"(,"duration_ms":120},"offerings":[{"kind":"lambda","region":"us-east-1","memory_mb":512},)"
        R"({"kind":"vm","provider":"aws","region":"us-east-1","instance":"t3.micro","capacity_rps":100},)"
        R"({"kind":"vm","provider":"aws","region":"us-east-1","instance":"m7g.large","capacity_rps":400}]})");
    return line;
}

std::vector<nlohmann::json> lines_of(const std::string& text) {
    std::vector<nlohmann::json> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(nlohmann::json::parse(line));
    return out;
}

std::string run(const std::string& input, BatchOptions options, BatchSummary* summary = nullptr) {
    std::istringstream in(input);
    std::ostringstream out;
    const BatchSummary s = run_batch(in, out, Catalog::builtin(), options);
    if (summary) *summary = s;
    return out.str();
}

/// An input stream over a string that counts the bytes handed out.
class CountingInput : public std::streambuf {
  public:
    explicit CountingInput(std::string text) : text_(std::move(text)) {}
    std::size_t handed = 0;

  protected:
    std::streamsize xsgetn(char* s, std::streamsize n) override {
        const auto take = std::min<std::size_t>(static_cast<std::size_t>(n), text_.size() - handed);
        text_.copy(s, take, handed);
        handed += take;
        return static_cast<std::streamsize>(take);
    }
    int_type underflow() override { return traits_type::eof(); }

  private:
    std::string text_;
};

/// An output stream that records how much input had been read at its first write.
class FirstWriteProbe : public std::streambuf {
  public:
    explicit FirstWriteProbe(const CountingInput& input) : input_(input) {}
    std::size_t input_at_first_write = 0;
    bool written = false;

  protected:
    std::streamsize xsputn(const char*, std::streamsize n) override {
        if (!written) input_at_first_write = input_.handed;
        written = true;
        return n;
    }
    int_type overflow(int_type c) override { return c; }

  private:
    const CountingInput& input_;
};

}  // namespace

TEST_CASE("a batch line's report is the compare report of its scenario, with its line number, id and catalog") {
    const Catalog& catalog = Catalog::builtin();
    const std::string line = scenario_line(20, "checkout");
    const BatchLine priced = price_batch_line(line, 7, catalog);
    CHECK_FALSE(priced.failed);
    const auto j = nlohmann::json::parse(priced.text);
    CHECK(j["line"] == 7);
    CHECK(j["id"] == "checkout");
    CHECK(j["catalog_version"] == catalog.version());
    CHECK(j["catalog_as_of"] == catalog.as_of());
    // The same scenario without its id, priced as POST /api/v1/compare prices it.
    const Scenario s = parse_scenario(scenario_line(20), ScenarioShape::many_offerings);
    const std::string single = to_json(compare(s.workload, s.offerings, catalog, s.currency, s.range));
    CHECK(j["report"] == nlohmann::json::parse(single));
}

TEST_CASE("a bad batch line is an error line naming the field, keeping its id") {
    const Catalog& catalog = Catalog::builtin();
    SUBCASE("a rule broken") {
        const BatchLine l = price_batch_line(
            R"({"id":12,"workload":{"requests_per_second":-1},"offerings":[{"kind":"lambda"}]})", 3, catalog);
        CHECK(l.failed);
        const auto j = nlohmann::json::parse(l.text);
        CHECK(j["line"] == 3);
        CHECK(j["id"] == 12);
        CHECK(j["error"]["code"] == "invalid_input");
        CHECK(j["error"]["field"] == "workload.requests_per_second");
        CHECK_FALSE(j.contains("report"));
    }
    SUBCASE("malformed JSON: no id can be read") {
        const auto j = nlohmann::json::parse(price_batch_line("{\"id\":\"a\",", 1, catalog).text);
        CHECK(j["id"].is_null());
        CHECK(j["error"]["code"] == "parse_error");
    }
    SUBCASE("an id that is neither a string nor a whole number") {
        const auto j = nlohmann::json::parse(price_batch_line(R"({"id":{"a":1}})", 1, catalog).text);
        CHECK(j["error"]["field"] == "id");
        CHECK(nlohmann::json::parse(price_batch_line(R"({"id":1.5})", 1, catalog).text)["error"]["field"] == "id");
        const std::string long_id(BatchLimits::max_id_bytes + 1, 'x');
        CHECK(
            nlohmann::json::parse(price_batch_line(std::string("{\"id\":\"").append(long_id).append("\"}"), 1, catalog)
                                      .text)["error"]["field"] == "id");
    }
    SUBCASE("an unknown field, a grid, an empty line") {
        CHECK(nlohmann::json::parse(price_batch_line(R"({"ids":1})", 1, catalog).text)["error"]["field"] == "ids");
        const std::string grid = scenario_line(1).insert(1, R"("grid":{"points":10},)");
        CHECK(nlohmann::json::parse(price_batch_line(grid, 1, catalog).text)["error"]["field"] == "grid");
        const auto empty = nlohmann::json::parse(price_batch_line("  ", 9, catalog).text);
        CHECK(empty["line"] == 9);
        CHECK(empty["error"]["code"] == "invalid_input");
    }
}

TEST_CASE("a BatchLine priced into again holds only the new line: report after error after report") {
    // The window's slots are priced into line after line; nothing of the line before may stay.
    const Catalog& catalog = Catalog::builtin();
    const std::string good = scenario_line(20, "a-rather-long-id-that-makes-the-first-line-longest");
    const std::string bad = R"({"id":"b","workload":{"requests_per_second":-1},"offerings":[{"kind":"lambda"}]})";
    const std::string short_good = scenario_line(3, "c");
    BatchLine slot;
    price_batch_line(good, 1, catalog, slot);
    CHECK_FALSE(slot.failed);
    CHECK(slot.text == price_batch_line(good, 1, catalog).text);
    price_batch_line(bad, 2, catalog, slot);
    CHECK(slot.failed);
    CHECK(slot.text == price_batch_line(bad, 2, catalog).text);
    price_batch_line(short_good, 3, catalog, slot);
    CHECK_FALSE(slot.failed);
    const BatchLine fresh = price_batch_line(short_good, 3, catalog);
    CHECK(slot.text == fresh.text);
    CHECK(nlohmann::json::parse(slot.text)["id"] == "c");
}

TEST_CASE("run_batch: one output line per input line, in order, whatever the number of jobs") {
    std::string input;
    for (int i = 0; i < 300; ++i) {
        if (i % 37 == 5)
            input.append("{\"id\":\"bad").append(std::to_string(i)).append("\"}\n");  // no workload
        else
            input += scenario_line(0.5 + i, std::string("s").append(std::to_string(i))) + (i % 2 ? "\r\n" : "\n");
    }
    input += scenario_line(3, "last");  // no newline at the end: still a line
    BatchSummary one, three;
    const std::string a = run(input, {1, false}, &one);
    const std::string b = run(input, {3, false}, &three);
    CHECK(a == b);
    const auto lines = lines_of(a);
    REQUIRE(lines.size() == 301);
    for (std::size_t i = 0; i < lines.size(); ++i) CHECK(lines[i]["line"] == i + 1);
    CHECK(lines[300]["id"] == "last");
    CHECK(lines[5]["error"]["field"] == "workload");
    CHECK(lines[5]["id"] == "bad5");
    // 5, 42, 79, ..., 264: eight bad lines.
    CHECK(one.lines == 301);
    CHECK(one.failed == 8);
    CHECK(one.first_failed_line == 6);
    CHECK_FALSE(one.stopped);
    CHECK(three.failed == 8);
}

TEST_CASE("run_batch --fail-fast writes up to the first failed line and stops") {
    const std::string input = scenario_line(1) + "\n" + scenario_line(2) + "\nnot json\n" + scenario_line(3) + "\n";
    BatchSummary s;
    const auto lines = lines_of(run(input, {2, true}, &s));
    REQUIRE(lines.size() == 3);
    CHECK(lines[2]["error"]["code"] == "parse_error");
    CHECK(s.failed == 1);
    CHECK(s.stopped);
}

TEST_CASE("a line over the bound is an error line of its length, and the next line is priced") {
    const std::string huge = std::string("{\"id\":\"").append(BatchLimits::max_line_bytes, 'x').append("\"}");
    const std::string input = huge + "\n" + scenario_line(4, "after") + "\n";
    const auto lines = lines_of(run(input, {1, false}));
    REQUIRE(lines.size() == 2);
    CHECK(lines[0]["error"]["code"] == "limit_exceeded");
    CHECK(lines[0]["error"]["message"].get<std::string>().find(std::to_string(huge.size()) + " bytes") !=
          std::string::npos);
    CHECK(lines[1]["id"] == "after");
    CHECK(lines[1].contains("report"));
    // Exactly at the bound is not over it (and not a valid scenario either: a parse, not a limit).
    const std::string at_bound(BatchLimits::max_line_bytes, ' ');
    CHECK(lines_of(run(at_bound + "\n", {1, false}))[0]["error"]["code"] == "invalid_input");
}

TEST_CASE("run_batch streams: output is written before the input is read to its end") {
    // 20,000 lines of ~450 bytes: 9 MB of input, more than the window (1 MB) and the read
    // buffer (1 MB) together.
    std::string input;
    for (int i = 0; i < 20000; ++i) input += scenario_line(1 + i % 100) + "\n";
    CountingInput source(input);
    std::istream in(&source);
    FirstWriteProbe probe(source);
    std::ostream out(&probe);
    const BatchSummary s = run_batch(in, out, Catalog::builtin(), {2, false});
    CHECK(s.lines == 20000);
    REQUIRE(probe.written);
    CHECK(probe.input_at_first_write < input.size() / 2);
    CHECK(probe.input_at_first_write <= BatchLimits::window_bytes + (std::size_t{1} << 20));
}

TEST_CASE("BatchTextStream gives the bytes run_batch gives, a piece at a time") {
    std::string input;
    for (int i = 0; i < 150; ++i) input += (i == 70 ? std::string("[]") : scenario_line(i, std::to_string(i))) + "\n";
    BatchTextStream stream(input, Catalog::builtin(), 16);
    std::string streamed;
    int pieces = 0;
    while (stream.next(streamed)) ++pieces;
    CHECK(pieces == 10);  // 9 x 16 + 6 lines (16 lines of ~8 KB: under kPieceBytes)
    CHECK(streamed == run(input, {1, false}));
    CHECK(stream.summary().lines == 150);
    CHECK(stream.summary().failed == 1);
    CHECK(stream.summary().first_failed_line == 71);
}

TEST_CASE("BatchTextStream past its deadline ends with one error line naming the lines not priced") {
    const std::string input = scenario_line(1) + "\n" + scenario_line(2) + "\n" + scenario_line(3);
    BatchTextStream stream(input, Catalog::builtin(), 1, BatchTextStream::Clock::now() - std::chrono::seconds(1));
    std::string out;
    CHECK(stream.next(out));
    CHECK_FALSE(stream.next(out));
    const auto lines = lines_of(out);
    REQUIRE(lines.size() == 1);
    CHECK(lines[0]["line"] == 1);
    CHECK(lines[0]["error"]["code"] == "limit_exceeded");
    CHECK(lines[0]["error"]["message"] ==
          "the request's time bound ran out: lines 1 to 3 are not priced; send them again");
    CHECK(stream.summary().stopped);
    CHECK(count_lines(input) == 3);
    CHECK(count_lines(input + "\n") == 3);
    CHECK(count_lines("") == 0);
}

TEST_CASE("BatchTextStream ends a piece once it holds kPieceBytes, whatever lines_per_piece") {
    // 200 lines of ~8 KB of report: 1.6 MB in one piece of 200 lines without the byte bound.
    std::string input;
    for (int i = 0; i < 200; ++i) input += scenario_line(1 + i) + "\n";
    BatchTextStream stream(input, Catalog::builtin(), 200);
    std::string piece;
    REQUIRE(stream.next(piece));
    CHECK(piece.size() >= BatchTextStream::kPieceBytes);
    CHECK(piece.size() < BatchTextStream::kPieceBytes + 16 * 1024);  // at most one line over
    CHECK(stream.summary().lines < 200);
    std::string rest = piece;
    while (stream.next(rest)) {
    }
    CHECK(rest == run(input, {1, false}));
}
