// The error contract of cost-sim, on the real binary: exit 2 with exactly one stderr line naming
// the flag or field, and nothing on stdout; exit 1 for internal errors (in-process).
#include "run_cli.hpp"

#include "app.hpp"

#include <sstream>

using test::run_cli;

namespace {

struct BadCall {
    std::vector<std::string> args;
    std::string names;  ///< what the error line must mention
    std::string input = "";
};

void check_usage_error(const BadCall& call) {
    const auto r = run_cli(call.args, call.input);
    std::string shown;
    for (const auto& a : call.args) shown += a + " ";
    INFO("cost-sim " << shown << "-> exit " << r.exit_code << ", stderr: " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(test::one_line(r.err));
    CHECK(r.err.find(call.names) != std::string::npos);
    CHECK(r.err.rfind("cost-sim", 0) == 0);
}

const std::vector<std::string> kLambda = {"lambda", "--requests-per-month", "1000000"};

std::vector<std::string> lambda_with(std::initializer_list<std::string> extra) {
    std::vector<std::string> args = kLambda;
    args.insert(args.end(), extra);
    return args;
}

}  // namespace

TEST_CASE("bad numbers name their flag: non-numbers, NaN, infinity, negatives, out of range") {
    for (const BadCall& call : std::vector<BadCall>{
             {{"lambda", "--requests-per-month", "abc"}, "--requests-per-month"},
             {{"lambda", "--requests-per-month", "12abc"}, "--requests-per-month"},
             {{"lambda", "--requests-per-month", ""}, "--requests-per-month"},
             {{"lambda", "--requests-per-month", "nan"}, "--requests-per-month"},
             {{"lambda", "--requests-per-month", "NaN"}, "--requests-per-month"},
             {{"lambda", "--requests-per-month", "inf"}, "--requests-per-month"},
             {{"lambda", "--requests-per-month", "-infinity"}, "--requests-per-month"},
             {{"lambda", "--requests-per-month", "-5"}, "--requests-per-month"},
             {{"lambda", "--requests-per-month=-5"}, "--requests-per-month"},
             {{"lambda", "--requests-per-month", "1e20"}, "--requests-per-month"},
             {{"lambda", "--requests-per-second", "-1"}, "--requests-per-second"},
             {{"lambda", "--requests-per-second", "1e9"}, "--requests-per-second"},
             {lambda_with({"--duration-ms", "0"}), "--duration-ms"},
             {lambda_with({"--duration-ms", "900001"}), "--duration-ms"},
             {lambda_with({"--duration-ms", "0x10"}), "--duration-ms"},
             {lambda_with({"--memory-mb", "64"}), "--memory-mb"},
             {lambda_with({"--memory-mb", "10241"}), "--memory-mb"},
             {lambda_with({"--memory-mb", "512.5"}), "--memory-mb"},
             {lambda_with({"--memory-mb", "99999999999999999999"}), "--memory-mb"},
             {lambda_with({"--ephemeral-storage-mb", "100"}), "--ephemeral-storage-mb"},
             {lambda_with({"--provisioned-concurrency", "-1"}), "--provisioned-concurrency"},
             {lambda_with({"--internet-percent", "101"}), "--internet-percent"},
             {lambda_with({"--response-kb", "-1"}), "--response-kb"},
             {lambda_with({"--jpy-per-usd", "0", "--currency", "JPY"}), "--jpy-per-usd"},
             {{"vm", "--instance", "t3.micro", "--count", "0"}, "--count"},
             {{"vm", "--instance", "t3.micro", "--count", "10001"}, "--count"},
             {{"vm", "--instance", "t3.micro", "--capacity-rps", "-3"}, "--capacity-rps"},
             {{"vm", "--instance", "t3.micro", "--capacity-rps", "10", "--target-utilization", "1.5"},
              "--target-utilization"},
             {{"vm", "--instance", "t3.micro", "--peak-to-mean", "nan"}, "--peak-to-mean"},
             {{"compare", "--requests-per-second", "1", "--vm", "t3.micro", "--to-rps", "-1"}, "--to-rps"},
             {{"sweep", "--vm", "t3.micro", "--points", "1"}, "--points"},
         })
        check_usage_error(call);
}

TEST_CASE("bad usage: unknown flags and commands, missing values, repeats, exclusive flags, stray words") {
    for (const BadCall& call : std::vector<BadCall>{
             {{}, "command is required"},
             {{"frobnicate"}, "frobnicate"},
             {{"lambda", "--memory"}, "--memory-mb"},  // suggests the closest flag
             {{"lambda", "--bogus", "1"}, "--bogus"},
             {{"lambda", "-m", "512"}, "-m"},
             {{"lambda", "--requests-per-month"}, "--requests-per-month"},
             {{"lambda", "--requests-per-month", "1", "--requests-per-month", "2"}, "--requests-per-month"},
             {{"lambda", "--requests-per-month", "1", "--requests-per-second", "1"}, "--requests-per-second"},
             {{"lambda"}, "--requests-per-month"},
             {{"lambda", "--requests-per-month", "1", "512"}, "512"},
             {lambda_with({"--arch", "sparc"}), "--arch"},
             {lambda_with({"--front-door", "alb"}), "--front-door"},
             {lambda_with({"--format", "xml"}), "--format"},
             {lambda_with({"--currency", "EUR"}), "--currency"},
             {lambda_with({"--count", "2"}), "--count"},  // a fleet flag is not a Lambda flag
             {{"vm", "--count", "1"}, "--instance"},
             {{"vm", "--instance", "t3.micro", "--purchase", "forever"}, "--purchase"},
             {{"vm", "--instance", "t3.micro", "--purchase", "1yr", "--payment", "half"}, "--payment"},
             {{"vm", "--instance", "t3.micro", "--payment", "all_upfront"}, "payment"},  // needs 1yr or 3yr
             // no published partial-upfront rate for t3.medium: refused, not approximated
             {{"vm", "--instance", "t3.medium", "--purchase", "1yr", "--payment", "partial_upfront"},
              "aws.ec2.us-east-1.t3.medium.reserved.1yr.partial_upfront"},
             {{"vm", "--instance", "t3.micro", "--provider", "ibm"}, "--provider"},
             {{"vm", "--instance", "t3.micro", "--memory-mb", "512"}, "--memory-mb"},
             {{"compare", "--requests-per-second", "1", "--vm", "t3.micro", "--vm", "t3.micro"}, "--vm t3.micro"},
         })
        check_usage_error(call);
}

TEST_CASE("unknown instance types and regions: clean errors with the closest matches") {
    check_usage_error({{"vm", "--instance", "t3.micr", "--count", "1"}, "t3.micro"});
    check_usage_error({{"compare", "--requests-per-second", "1", "--vm", "t3.mciro"}, "--vm"});
    check_usage_error({lambda_with({"--region", "mars-1"}), "--region"});
}

TEST_CASE("bad scenarios and catalogs name the file and the field") {
    check_usage_error({{"lambda", "--scenario", "/nonexistent/scenario.json"}, "--scenario"});
    check_usage_error({{"lambda", "--scenario", "-"}, "malformed JSON", "{\"workload\": "});
    check_usage_error(
        {{"lambda", "--scenario", "-"}, "workload.duration_ms", R"({"workload": {"requests_per_month": 1}})"});
    check_usage_error({{"compare", "--scenario", "-"},
                       "offerings[1].memory_mb",
                       R"({"workload": {"requests_per_month": 1, "duration_ms": 1},
                           "offerings": [{"kind": "lambda"}, {"kind": "lambda", "id": "b", "memory_mb": 1}]})"});
    check_usage_error({{"lambda", "--scenario", "-"},
                       "workload.nonsense",
                       R"({"workload": {"requests_per_month": 1, "duration_ms": 1, "nonsense": 2}})"});
    check_usage_error({{"lambda", "--scenario", "-"}, "limit", std::string((8 << 20) + 1, ' ')});
    check_usage_error({lambda_with({"--catalog", test::data_file("bad-catalog.json")}), "--catalog"});
}

TEST_CASE("an output that cannot be written is an internal error (exit 1), reported on stderr") {
    const std::vector<std::string> args = {"cost-sim", "lambda", "--requests-per-month", "1000"};
    std::istringstream in;
    std::ostringstream out, err;
    out.setstate(std::ios::badbit);
    CHECK(costsim::cli::run(args, in, out, err) == 1);
    CHECK(test::one_line(err.str()));
}

TEST_CASE("in-process run() matches the binary") {
    const std::vector<std::string> args = {"cost-sim", "lambda", "--requests-per-month", "3000000", "--format", "json"};
    std::istringstream in;
    std::ostringstream out, err;
    CHECK(costsim::cli::run(args, in, out, err) == 0);
    const auto r = run_cli({args.begin() + 1, args.end()});
    CHECK(out.str() == r.out);
}
